// End to end: `slots` and `network` through the real CLI (needs `npm run build`).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/golden.js";

const BIN = join(ROOT, "bin", "flink-memory.js");
const DIR = mkdtempSync(join(tmpdir(), "fm-net-"));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
const file = (name: string, text: string) => {
  const p = join(DIR, name);
  writeFileSync(p, text);
  return p;
};
const P4G = ["-D", "taskmanager.memory.process.size=4g", "-D", "taskmanager.numberOfTaskSlots=4"];

describe("flink-memory slots", () => {
  it("prints each consumer's bytes per slot and RocksDB's share; json has the same numbers", () => {
    const t = run(["slots", ...P4G, "--consumers", "STATE_BACKEND,PYTHON", "--state-backend", "rocksdb", "--stateful-operators", "3"]);
    expect(t.status).toBe(0);
    // 1438814063 / 4 = 359703515 per slot; 0.7 and 0.3 of it, floored
    expect(t.stdout).toMatch(/STATE_BACKEND\s+70\s+0\.7\s+251792460/);
    expect(t.stdout).toMatch(/PYTHON\s+30\s+0\.3\s+107911054/);
    expect(t.stdout).toContain("3 stateful operator(s)");
    const j = JSON.parse(run(["slots", ...P4G, "--format", "json", "--state-backend", "hashmap"]).stdout);
    expect(j.managedPerSlot).toBe("359703515");
    expect(j.consumers.find((c: { useCase: string }) => c.useCase === "STATE_BACKEND")).toMatchObject({ counted: false, bytes: "0" });
  });

  it("exit 2 for usage errors, 1 for Flink's failures", () => {
    expect(run(["slots", ...P4G, "--consumers", "ROCKSDB"]).status).toBe(2);
    expect(run(["slots", ...P4G, "--state-backend", "memory"]).status).toBe(2);
    const bad = run(["slots", "-D", "taskmanager.memory.process.size=4g", "-D", "taskmanager.memory.managed.consumer-weights=PYTHON:-1"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("Managed memory weight should not be negative. Configured weight for PYTHON is -1.");
    expect(run(["slots", "--help"]).stdout).toContain("--stateful-operators");
  });
});

describe("flink-memory network", () => {
  const yaml = file("job.yaml", "mode: streaming\nvertices:\n  - {name: source, parallelism: 4}\n  - {name: sink, parallelism: 4}\nedges:\n  - {from: source, to: sink, partitioning: hash}\n");

  it("reads a YAML topology and says the network memory suffices", () => {
    const r = run(["network", "--topology", yaml, ...P4G]);
    expect(r.status).toBe(0);
    // 4 partitions × (4 + 1) + 4 gates × (4 × 2 + 1)
    expect(r.stdout).toContain("requires 56 of 10977 buffers");
    expect(r.stdout).toContain("How:");
  });

  it("reads JSON; when short it exits 1 with verified settings", () => {
    const wide = file("wide.json", JSON.stringify({ slotsPerTaskManager: 8, vertices: [{ name: "a", parallelism: 200 }, { name: "b", parallelism: 200 }, { name: "c", parallelism: 200 }], edges: [{ from: "a", to: "b", partitioning: "hash" }, { from: "b", to: "c", partitioning: "hash" }] }));
    const r = run(["network", "--topology", wide, "-D", "taskmanager.memory.process.size=1728m", "--flink", "1.20", "--format", "json"]);
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.sufficient).toBe(false);
    expect(j.recommendations[0].settings[0][0]).toBe("taskmanager.memory.network.min");
    expect(Number(j.recommendations[0].buffers)).toBeGreaterThanOrEqual(j.requiredBuffers);
  });

  it("usage errors exit 2: no topology, unreadable or malformed file", () => {
    expect(run(["network", ...P4G]).status).toBe(2);
    expect(run(["network", "--topology", join(DIR, "missing.yaml"), ...P4G]).status).toBe(2);
    const broken = run(["network", "--topology", file("broken.yaml", "vertices: [\n"), ...P4G]);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain("not valid YAML or JSON");
    const forward = run(["network", "--topology", file("fwd.yaml", "vertices: [{name: a, parallelism: 2}, {name: b, parallelism: 3}]\nedges: [{from: a, to: b, partitioning: forward}]\n"), ...P4G]);
    expect(forward.status).toBe(1);
    expect(forward.stderr).toContain("forward partitioning does not allow a change of parallelism");
  });

  it("a 7 → 57 rescale edge fails in Flink 1.13.1 (FLINK-22863): exit 1, Java's exception and our hint; 1.13.2 computes it", () => {
    const topo = file("rescale.yaml", "slotsPerTaskManager: 57\nvertices: [{name: u, parallelism: 7}, {name: d, parallelism: 57}]\nedges: [{from: u, to: d, partitioning: rescale}]\n");
    const old = run(["network", "--topology", topo, "-D", "taskmanager.memory.process.size=4g", "--flink", "1.13.1"]);
    expect(old.status).toBe(1);
    expect(old.stderr).toContain("java.lang.ArrayIndexOutOfBoundsException: Index 57 out of bounds for length 57");
    expect(old.stderr).toMatch(/hint: .*FLINK-22863, fixed in 1\.13\.2/);
    expect(old.stderr).not.toMatch(/\n\s+at .*\.(js|ts):\d+/);
    const fixed = run(["network", "--topology", topo, "-D", "taskmanager.memory.process.size=4g", "--flink", "1.13.2"]);
    expect(fixed.status).toBe(0);
    expect(fixed.stdout).toContain("Flink 1.13.2: network buffers");
  });
});
