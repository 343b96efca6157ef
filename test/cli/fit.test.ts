// End to end: fit, size, and fixes after a failure, through the real CLI (needs a build).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/golden.js";

const BIN = join(ROOT, "bin", "flink-memory.js");
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });

describe("flink-memory fit", () => {
  it("fits a Kubernetes 4G container (4*10^9 bytes) and says how it read the size", () => {
    const r = run(["fit", "tm", "--container", "4G", "--slots", "4"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("note: 4G (Kubernetes) = 4,000,000,000 bytes = 3.725 GiB; Flink would read '4g' as 4 GiB");
    expect(r.stdout).toContain("  taskmanager.memory.process.size: 4000000000b");
    expect(r.stdout).toContain("-Dtaskmanager.numberOfTaskSlots=4 -Dtaskmanager.memory.process.size=4000000000b");
    expect(r.stdout).toMatch(/Total Process Memory\s+4000000000/);
  });

  it("--format json and flags; Flink's 4g is 4 GiB", () => {
    const j = JSON.parse(run(["fit", "tm", "--container", "4g", "--format", "json", "--flink", "1.20"]).stdout);
    expect(j).toMatchObject({ flink: "1.20", processSize: "4294967296", spec: { totalProcess: "4294967296", managed: "1438814063" } });
    expect(run(["fit", "jm", "--container", "4096Mi", "--format", "flags"]).stdout).toBe("-Djobmanager.memory.process.size=4g\n");
  });

  it("exit 1 with the reason when no configuration fits; exit 2 for usage errors", () => {
    const r = run(["fit", "tm", "--container", "2Gi", "--min-task-heap", "4g"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no configuration fits: .*task heap .* is below the wanted 4 GiB/);
    expect(r.stderr).toMatch(/need a Total Process Memory of at least \d+ bytes/);
    expect(run(["fit", "tm", "--container", "4 Gibberish"]).status).toBe(2);
    expect(run(["fit", "tm"]).status).toBe(2);
    expect(run(["fit", "xm", "--container", "4g"]).status).toBe(2);
    expect(run(["fit", "tm", "--container", "4g", "--managed-fraction", "1.5"]).status).toBe(2);
  });
});

describe("flink-memory size", () => {
  it("finds the smallest process size for per-slot parts", () => {
    const r = run(["size", "tm", "--task-heap-per-slot", "512m", "--managed-per-slot", "1g", "--slots", "4", "--format", "json"]);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(BigInt(j.spec.taskHeap)).toBeGreaterThanOrEqual(4n * 512n * 1024n ** 2n);
    expect(BigInt(j.spec.managed)).toBeGreaterThanOrEqual(4n * 1024n ** 3n);
    expect(j.spec.totalProcess).toBe(j.processSize);
    expect(run(["size", "jm", "--heap", "2g"]).stdout).toMatch(/smallest healthy Total Process Memory for these parts is \d+ bytes/);
  });
});

describe("fixes after a failure", () => {
  it("text: after the error and hint; json: a fixes array", () => {
    const r = run(["tm", "-D", "taskmanager.memory.process.size=512m"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/hint: [^\n]+\n\nThis change makes it resolve:\nfix 1: raise `taskmanager.memory.process.size` from 512 MiB to \d+m/);
    const j = run(["tm", "-D", "taskmanager.memory.process.size=2g", "-D", "taskmanager.memory.flink.size=2g", "--format", "json"]);
    const doc = JSON.parse(j.stdout);
    expect(doc.error.message).toMatch(/is less than the sum of the derived Total Flink Memory/);
    expect(doc.fixes.map((f: { changes: unknown[] }) => f.changes)).toContainEqual([{ key: "taskmanager.memory.flink.size", remove: true }]);
  });
});
