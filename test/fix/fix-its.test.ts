// Fix-its on hand-made failures: the fix the message calls for, exact to the byte, verified.
import { describe, expect, it } from "vitest";
import { suggestFixes } from "../../src/fix/fix-its.js";
import { applyChanges } from "../../src/fix/changes.js";
import { resolveRequest } from "../../src/fix/probe.js";
import { readStandardYaml } from "../../src/config/yaml/index.js";
import type { ResolveRequest } from "../../src/resolve.js";
import { lintedFixes } from "../../src/sizing/verify.js";

const resolves = (target: "tm" | "jm", req: ResolveRequest) => resolveRequest(target, req).ok;

describe("suggestFixes", () => {
  it("raises a too small process size to the least healthy size, says what Flink accepts, shown rounded up to a MiB", () => {
    const req: ResolveRequest = { dynamic: [["taskmanager.memory.process.size", "512m"]] };
    const [raise] = suggestFixes("tm", req);
    expect(raise!.kind).toBe("raise");
    expect(raise!.healthy).toBe(true);
    // Flink accepts a 0-byte task heap; the fix says so and goes on to the least healthy size.
    const m = /Flink accepts (\d+) bytes \(the least that resolves\), but the task heap is 0 B per slot .*; (\d+) bytes is the least that is healthy/.exec(raise!.title)!;
    const [exact, healthy] = [BigInt(m[1]!), BigInt(m[2]!)];
    const at = (b: bigint) => resolveRequest("tm", applyChanges(req, [{ key: "taskmanager.memory.process.size", set: `${b}b` }]));
    expect(at(exact).ok).toBe(true);
    expect(at(exact - 1n).ok).toBe(false);
    const taskHeap = (b: bigint) => { const o = at(b); return o.ok && o.spec?.kind === "tm" ? o.spec.taskHeap : -1n; };
    expect(taskHeap(healthy)).toBeGreaterThanOrEqual(64n << 20n);
    expect(taskHeap(healthy - 1n)).toBeLessThan(64n << 20n);
    const set = raise!.changes[0]!;
    expect("set" in set && set.set).toMatch(/^\d+m$/);
    expect(resolves("tm", applyChanges(req, raise!.changes))).toBe(true);
  });

  it("a JobManager fix gives the heap Flink recommends, not the 1 MiB Flink accepts", () => {
    const req: ResolveRequest = { dynamic: [["jobmanager.memory.process.size", "500m"]] };
    const fixes = suggestFixes("jm", req);
    expect(fixes.length).toBeGreaterThan(0);
    for (const f of fixes) {
      const o = resolveRequest("jm", applyChanges(req, f.changes));
      expect(o.ok && o.spec?.kind === "jm" && o.spec.jvmHeap >= 128n << 20n, f.title).toBe(f.healthy);
    }
    expect(fixes[0]!.healthy).toBe(true);
    expect(fixes[0]!.title).toMatch(/Flink accepts \d+ bytes \(the least that resolves\), but -Xmx\d+ is below the 16 MiB a JVM needs to start; the JobManager heap is 1 B, below Flink's recommended minimum of 128 MiB/);
  });

  it("labels a fix Flink accepts but that cannot be healthy, and says why; our lint agrees", () => {
    // The user gave RocksDB no managed memory: no size of the total makes that healthy.
    const req: ResolveRequest = { configYaml: "state.backend.type: rocksdb\ntaskmanager.memory.managed.size: 0\ntaskmanager.memory.process.size: 512m\n" };
    const fixes = suggestFixes("tm", req);
    expect(fixes.length).toBeGreaterThan(0);
    const labelled = fixes.filter((f) => !f.healthy);
    expect(labelled.length).toBeGreaterThan(0);
    for (const f of labelled) expect(f.caveat).toMatch(/^Flink accepts this, but RocksDB gets no managed memory/);
    // Healthy ones (if any) come first.
    expect(fixes.findIndex((f) => !f.healthy)).toBe(fixes.length - labelled.length);
    const linted = lintedFixes("tm", req, labelled);
    for (const f of linted) expect(f.caveat).toMatch(/our lint warns: rocksdb-without-managed-memory: /);
  });

  it("a heap the user set under a total they set: both are raised together for a healthy JobManager", () => {
    const req: ResolveRequest = { flink: "2.0", configYaml: "jobmanager.memory.flink.size: 126579Kb\njobmanager.memory.heap.size: 73M\njobmanager.memory.jvm-overhead.min: 1760524k\n" };
    const fixes = suggestFixes("jm", req);
    expect(fixes[0]!.healthy).toBe(true);
    expect(fixes[0]!.title).toMatch(/raise `jobmanager.memory.heap.size` from 73 MiB to 128m \(128 MiB\) and `jobmanager.memory.flink.size` from [\d.]+ MiB to \d+k \([\d.]+ MiB\) for a healthy process/);
  });

  it("offers removing a total that conflicts with the other, and widening the overhead range", () => {
    const req: ResolveRequest = { flink: "1.20", configYaml: "taskmanager.memory.process.size: 4g\ntaskmanager.memory.flink.size: 2g\n" };
    const fixes = suggestFixes("tm", req, undefined, { max: 6 });
    const titles = fixes.map((f) => f.title);
    expect(titles).toContain("remove `taskmanager.memory.flink.size`: it conflicts with `taskmanager.memory.process.size`");
    expect(titles.some((t) => /^set `taskmanager.memory.jvm-overhead.max` from 1 GiB to \d+m/.test(t))).toBe(true);
    for (const f of fixes) expect(resolves("tm", applyChanges(req, f.changes)), f.title).toBe(true);
  });

  it("corrects a unit Flink does not know, and a Kubernetes suffix", () => {
    const fix = (v: string) => suggestFixes("tm", { dynamic: [["taskmanager.memory.process.size", v]] })[0]!;
    expect(fix("4Gi").changes).toEqual([{ key: "taskmanager.memory.process.size", set: "4g" }]);
    expect(fix("2gbb").changes).toEqual([{ key: "taskmanager.memory.process.size", set: "2g" }]);
    expect(fix("1.5g").changes).toEqual([{ key: "taskmanager.memory.process.size", set: "1536m" }]);
  });

  it("sets a missing total, a fraction into range, a boolean Flink reads", () => {
    expect(suggestFixes("jm", {})[0]!.changes).toEqual([{ key: "jobmanager.memory.process.size", set: "1600m" }]);
    // The size of the release's own shipped file: 1.10 shipped a smaller TaskManager.
    expect(suggestFixes("tm", { flink: "1.20" })[0]!.changes).toEqual([{ key: "taskmanager.memory.process.size", set: "1728m" }]);
    expect(suggestFixes("tm", { flink: "1.10" })[0]!.changes).toEqual([{ key: "taskmanager.memory.process.size", set: "1568m" }]);
    const frac = suggestFixes("tm", { dynamic: [["taskmanager.memory.process.size", "4g"], ["taskmanager.memory.network.fraction", "1.5"]] });
    expect(frac[0]!.changes).toEqual([{ key: "taskmanager.memory.network.fraction", set: "0.1" }]);
    const bool = suggestFixes("jm", { dynamic: [["jobmanager.memory.process.size", "2g"], ["jobmanager.memory.enable-jvm-direct-memory-limit", "yes"]] });
    expect(bool[0]!.changes).toEqual([{ key: "jobmanager.memory.enable-jvm-direct-memory-limit", set: "true" }]);
  });

  it("repairs a config.yaml Flink cannot read, then what fails next", () => {
    const req: ResolveRequest = { configYaml: "taskmanager:\n\tmemory.process.size: 4g\n" };
    const [f] = suggestFixes("tm", req);
    expect(f!.changes[0]).toEqual({ file: "config.yaml", line: 2, text: "  memory.process.size: 4g" });
    expect(resolves("tm", applyChanges(req, f!.changes))).toBe(true);
  });

  it("returns nothing for a configuration that resolves", () => {
    expect(suggestFixes("tm", { dynamic: [["taskmanager.memory.process.size", "4g"]] })).toEqual([]);
  });
});

describe("applyChanges", () => {
  it("removes a key from -D pairs and from both files, keeping the rest of a nested config.yaml", () => {
    const req = {
      configYaml: "# sizes\ntaskmanager:\n  memory:\n    process.size: 4g\n    flink.size: 2g\n",
      flinkConfYaml: "taskmanager.memory.flink.size: 1g\nother: x\n",
      dynamic: [["taskmanager.memory.flink.size", "3g"], ["a", "b"]] as [string, string][],
    };
    const out = applyChanges(req, [{ key: "taskmanager.memory.flink.size", remove: true }]);
    expect(out.dynamic).toEqual([["a", "b"]]);
    expect(out.flinkConfYaml).toBe("other: x\n");
    expect(out.configYaml).toBe("# sizes\ntaskmanager:\n  memory:\n    process.size: 4g\n");
  });

  it("rewrites a config.yaml flat when deleting the line would leave an empty parent", () => {
    const out = applyChanges({ configYaml: "taskmanager:\n  memory:\n    flink.size: 2g\n  numberOfTaskSlots: 4\nx: [1, 2]\nf: 0.5\n" }, [{ key: "taskmanager.memory.flink.size", remove: true }]);
    expect(readStandardYaml(out.configYaml!).map((e) => [e.key, e.value])).toEqual([
      ["taskmanager.numberOfTaskSlots", { t: "int", v: 4n }],
      ["x", { t: "str", v: "[1, 2]" }],
      ["f", { t: "float", v: 0.5 }],
    ]);
  });

  it("a set is the last -D pair, overriding the file", () => {
    const out = applyChanges({ dynamic: [["k", "1"], ["j", "2"]] }, [{ key: "k", set: "3" }]);
    expect(out.dynamic).toEqual([["j", "2"], ["k", "3"]]);
  });
});
