// Healthy advice end to end: `size`, `fit` and the fixes after a failure give configurations
// whose JVM starts (a real `java ... -version` with the answer's JVM flags) and that pass our
// own lint; the answers the issue reported (a 1-byte JobManager heap, a 0-byte task heap, no
// fit for a 512Mi JobManager, 6.4 MiB of task heap per slot) are healthy now.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/golden.js";
import { fitContainer } from "../../src/sizing/fit.js";
import { healthyProcessSize } from "../../src/sizing/inverse.js";
import { suggestFixes } from "../../src/fix/fix-its.js";
import { applyChanges, type ConfigChange } from "../../src/fix/changes.js";
import { resolveJobManager, resolveTaskManager, type ResolveRequest } from "../../src/resolve.js";
import { GiB, MiB } from "../../src/size/memory-size.js";

const BIN = join(ROOT, "bin", "flink-memory.js");
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
const json = (args: string[]) => {
  const r = run([...args, "--format", "json"]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};

const hasJava = spawnSync("java", ["-version"], { encoding: "utf8" }).status === 0;
if (!hasJava && process.env.CI) throw new Error("CI must provide a JDK (.ci/run installs one)");

/** `java <flags> -version` for each set of flags, two at a time (a JVM start is ~100 ms): the failures. */
async function jvmRefuses(flagSets: Iterable<string>): Promise<string[]> {
  const all = [...new Set(flagSets)];
  const failed: string[] = [];
  const start = (flags: string) =>
    new Promise<void>((done) => {
      const p = spawn("java", [...flags.split(" "), "-version"], { stdio: ["ignore", "ignore", "pipe"] });
      let err = "";
      p.stderr.on("data", (d) => (err += d));
      p.on("close", (code) => {
        if (code !== 0) failed.push(`${flags}: ${err.trim().split("\n").slice(0, 2).join(" ")}`);
        done();
      });
    });
  for (let i = 0; i < all.length; i += 2) await Promise.all(all.slice(i, i + 2).map(start));
  return failed;
}

const jvmFlags = (target: "tm" | "jm", req: ResolveRequest, changes: readonly ConfigChange[]) =>
  (target === "tm" ? resolveTaskManager(applyChanges(req, changes)) : resolveJobManager(applyChanges(req, changes))).jvmParameters;

const REAL = join(ROOT, "test", "data", "advice");
const realFiles = readdirSync(REAL).filter((d) => /^\d{3}-/.test(d)).map((d) => join(REAL, d, "flink-conf.yaml"));

describe("the answers the issue reported, through the CLI", () => {
  it("size jm: a 128 MiB heap (704 MiB), saying that Flink accepts 576 MiB + 1 byte and why that is not healthy", () => {
    const r = run(["size", "jm"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("the smallest healthy Total Process Memory for these parts is 738197504 bytes (704 MiB)");
    expect(r.stdout).toContain("  jobmanager.memory.process.size: 704m");
    expect(r.stdout).toContain("note: Flink accepts 603979777 bytes (576 MiB) for these parts, but -Xmx1 is below the 16 MiB a JVM needs to start; the JobManager heap is 1 B, below Flink's recommended minimum of 128 MiB");
    expect(r.stdout).not.toContain("warning:");
    // Our lint has nothing to say about the answer (and does about a smaller one).
    const lint = (size: string) => {
      const dir = mkdtempSync(join(tmpdir(), "advice-"));
      try {
        writeFileSync(join(dir, "config.yaml"), `jobmanager.memory.process.size: ${size}\ntaskmanager.memory.process.size: 1728m\n`);
        return run(["lint", join(dir, "config.yaml")]).stdout;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    // Notes (such as which release was assumed) are fine; no warning and no error.
    expect(lint("704m")).toMatch(/0 error\(s\), 0 warning\(s\), \d+ note\(s\)/);
    expect(lint("700m")).toContain("warning [heap-below-minimum]");
  });

  it("size tm: a task heap of 64 MiB per slot, not 0", () => {
    const j = json(["size", "tm", "--slots", "2"]);
    expect(BigInt(j.spec.taskHeap)).toBeGreaterThanOrEqual(2n * 64n * MiB);
    expect(j.warnings).toEqual([]);
    expect(j.notes.join("\n")).toMatch(/Flink accepts \d+ bytes .* but the task heap is 0 B per slot \(2 slots\)/);
  });

  it("fit jm --container 512Mi: fits, with metaspace and overhead shrunk within the floors and said so", () => {
    const r = run(["fit", "jm", "--container", "512Mi"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/note: jobmanager\.memory\.jvm-metaspace\.size 1\d\dm \(from 256 MiB\): the most that fits; we do not shrink it below 128 MiB/);
    expect(r.stdout).toMatch(/note: jobmanager\.memory\.jvm-overhead\.min 1\d\dm \(JVM overhead was 192 MiB\): what the JVM needs/);
    expect(r.stdout).toMatch(/JVM Heap\s+134217728\s+128 MiB/);
    expect(r.stdout).not.toContain("warning:");
  });

  it("fit tm --container 1Gi --slots 4: 64 MiB of task heap per slot; with the hashmap backend, a warning and the size that is healthy", () => {
    const j = json(["fit", "tm", "--container", "1Gi", "--slots", "4"]);
    expect(BigInt(j.spec.taskHeap)).toBeGreaterThanOrEqual(4n * 64n * MiB);
    expect(BigInt(j.spec.managed)).toBeGreaterThan(0n);
    expect(j.warnings).toEqual([]);
    expect(j.healthy).toBe(true);
    const h = run(["fit", "tm", "--container", "1Gi", "--slots", "4", "--state-backend", "hashmap"]);
    expect(h.status).toBe(0);
    expect(h.stdout).toContain("(Flink accepts it, but it is not healthy: see the warnings)");
    expect(h.stdout).toMatch(/warning: the task heap is [\d.]+ MiB per slot \(4 slots\), below the 128 MiB per slot we call room to work with state on the heap/);
    expect(h.stdout).toMatch(/note: no configuration of 1 GiB is healthy: a healthy process with these goals needs at least \d+ bytes/);
    expect(h.stdout).toContain("taskmanager.memory.managed.size: 0");
    expect(run(["fit", "tm", "--container", "1Gi", "--state-backend", "leveldb"]).status).toBe(2);
  });

  it("the fix after a failing JobManager is healthy, and the JVM it gives starts", async () => {
    const r = run(["jm", "-D", "jobmanager.memory.process.size=500m"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/fix 1: raise `jobmanager.memory.process.size` from 500 MiB to 704m \(704 MiB\); Flink accepts 603979777 bytes \(the least that resolves\), but .*; 738197504 bytes is the least that is healthy/);
    expect(r.stderr).not.toMatch(/^fix 1:.*\n.*\n.*\n\s+! not healthy/m);
    const doc = JSON.parse(run(["jm", "-D", "jobmanager.memory.process.size=500m", "--format", "json"]).stdout);
    expect(doc.fixes[0]).toMatchObject({ healthy: true, changes: [{ key: "jobmanager.memory.process.size", set: "704m" }] });
    const flags = run(["jm", "-D", "jobmanager.memory.process.size=704m", "--format", "flags"]).stdout.trim();
    expect(flags).toBe("-Xmx134217728 -Xms134217728 -XX:MaxMetaspaceSize=268435456");
    if (hasJava) expect(await jvmRefuses([flags])).toEqual([]);
  });

  it("real files: size and fit read the state backend, answer healthily, and quote no secret", () => {
    for (const file of realFiles) {
      const size = run(["size", "tm", "--config", file, "--flink", "1.20", "--slots", "2", "--format", "json"]);
      expect(size.status, `${file}: ${size.stderr}`).toBe(0);
      const s = JSON.parse(size.stdout);
      expect(s.warnings, file).toEqual([]);
      const text = readFileSync(file, "utf8");
      if (/^state\.backend(\.type)?:\s*(hashmap|filesystem|jobmanager)\s*$/m.test(text)) expect(s.spec.managed, file).toBe("0");
      if (/^state\.backend(\.type)?:\s*rocksdb\b/m.test(text)) expect(BigInt(s.spec.managed), file).toBeGreaterThan(0n);
      const fit = run(["fit", "jm", "--container", "768Mi", "--config", file, "--flink", "1.20"]);
      expect(fit.status, `${file}: ${fit.stderr}`).toBe(0);
      expect(fit.stdout, file).not.toContain("warning:");
      for (const out of [size.stdout, fit.stdout, size.stderr, fit.stderr]) expect(out).not.toContain("minioadmin");
    }
  });
});

describe.runIf(hasJava)("every answer starts a real JVM", () => {
  it("size, fit and fixes across versions, slots, backends and containers", async () => {
    const flags: string[] = [];
    for (const flink of ["1.11.6", "1.17", "2.2"]) {
      for (const target of ["tm", "jm"] as const) {
        const r = healthyProcessSize(target, { flink }, target === "tm" ? { slots: 4 } : {});
        expect(r.ok).toBe(true);
        if (r.ok) flags.push(jvmFlags(target, { flink }, r.changes));
      }
      for (const [target, container, slots, backend] of [["jm", 512n * MiB, 1, undefined], ["tm", GiB, 4, undefined], ["tm", GiB, 4, "hashmap"], ["tm", 3n * GiB, 8, "rocksdb"], ["jm", 2n * GiB, 1, undefined]] as const) {
        const r = fitContainer(target, { flink }, container, target === "tm" ? { slots } : {}, backend ? { stateBackend: backend } : {});
        expect(r.ok, `${flink} ${target} ${container}`).toBe(true);
        if (r.ok) flags.push(jvmFlags(target, { flink }, r.changes));
      }
    }
    // Fixes for failing configurations, and the real files sized as they are.
    for (const [target, req] of [
      ["jm", { dynamic: [["jobmanager.memory.process.size", "500m"]] }],
      ["tm", { dynamic: [["taskmanager.memory.process.size", "512m"]] }],
      ["tm", { flink: "1.20", dynamic: [["taskmanager.memory.process.size", "2g"], ["taskmanager.memory.flink.size", "2g"]] }],
      ["jm", { flink: "1.17", flinkConfYaml: "jobmanager.memory.process.size: 326mb\njobmanager.memory.jvm-overhead.max: 117030768\njobmanager.memory.jvm-overhead.fraction: -0.1\n" }],
    ] as const) {
      for (const f of suggestFixes(target, req as ResolveRequest).filter((x) => x.healthy)) flags.push(jvmFlags(target, req as ResolveRequest, f.changes));
    }
    for (const file of realFiles) {
      const req: ResolveRequest = { flink: "1.20", flinkConfYaml: readFileSync(file, "utf8") };
      const r = fitContainer("tm", req, 2n * GiB, { slots: 2 });
      expect(r.ok, file).toBe(true);
      if (r.ok) flags.push(jvmFlags("tm", req, r.changes));
    }
    for (const f of flags) {
      const heap = BigInt(/-Xmx(\d+)/.exec(f)![1]!);
      expect(heap).toBeGreaterThanOrEqual(128n * MiB);
    }
    expect(await jvmRefuses(flags)).toEqual([]);
  }, 120_000);

  it("the check can fail: a JVM refuses the 1-byte heap Flink accepts", async () => {
    const least = jvmFlags("jm", {}, [{ key: "jobmanager.memory.process.size", set: "603979777b" }]);
    expect(least).toMatch(/^-Xmx1 -Xms1 /);
    expect(await jvmRefuses([least])).toHaveLength(1);
  });
});
