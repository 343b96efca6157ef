// `local` printed like `tm`, and repeated TaskManagers or replicas shown once with their count.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/golden.js";

const BIN = join(ROOT, "bin", "flink-memory.js");
const temp = mkdtempSync(join(tmpdir(), "fm-local-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: temp, encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
const TiB = 1024n ** 4n;

describe("flink-memory local", () => {
  it("prints the TaskManager table with a title naming local execution and its assumptions", () => {
    const r = run(["local", "--flink", "2.2"]);
    expect(r.status).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("Flink 2.2 local execution (MiniCluster): the TaskManager Flink assumes");
    expect(r.stdout).toContain("its real heap is the -Xmx that JVM");
    expect(r.stdout).toContain("CPU cores: 1000000.0");
    expect(r.stdout).toMatch(/^Component\s+Bytes\s+Size\s+Share\s+Source$/m);
    expect(r.stdout).toMatch(/^ {6}Task Heap\s+1099511627776\s+1 TiB\s+50\.0%\s+unset: local maximum$/m);
    expect(r.stdout).toMatch(/^ {4}Managed Memory\s+134217728\s+128 MiB\s+0\.0%\s+unset: local default$/m);
    expect(r.stdout).toMatch(/^ {6}Network\s+67108864\s+64 MiB\s+0\.0%\s+unset: local default$/m);
    expect(r.stdout).toMatch(/^ {2}JVM Overhead\s+1073741824\s+1 GiB\s+0\.0%\s+default max, fixed locally$/m);
    expect(r.stdout).not.toMatch(/taskHeap|totalProcess/);
    // The table's total is the engine's, and its parts add up to it.
    const json = JSON.parse(run(["local", "--flink", "2.2", "--format", "json"]).stdout) as Record<string, string>;
    expect(r.stdout).toMatch(new RegExp(`^Total Process Memory\\s+${json.totalProcess}\\s`, "m"));
    const parts = ["Framework Heap", "Task Heap", "Managed Memory", "Framework Off-Heap", "Task Off-Heap", "Network", "JVM Metaspace", "JVM Overhead"];
    const bytes = (label: string) => BigInt(new RegExp(`^\\s*${label}\\s+(\\d+)`, "m").exec(r.stdout)![1]!);
    expect(parts.map(bytes).reduce((a, b) => a + b)).toBe(BigInt(json.totalProcess!));
    expect(bytes("Task Heap")).toBe(TiB);
  });

  it("says which values were configured and which keys local execution ignores", () => {
    const r = run(["local", "--flink", "1.20", "-D", "taskmanager.memory.managed.size=1g", "-D", "taskmanager.memory.process.size=4g", "-D", "taskmanager.memory.framework.heap.size=256m"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Managed Memory\s+1073741824\s+1 GiB\s+[\d.]+%\s+configured$/m);
    expect(r.stdout).toMatch(/Framework Heap\s+134217728\s+128 MiB\s+[\d.]+%\s+default \(configured value ignored\)$/m);
    expect(r.stdout).toContain("Ignored locally (no effect on a MiniCluster): taskmanager.memory.process.size, taskmanager.memory.framework.heap.size");
  });

  it("releases without local totals (1.11) show their four parts, without a share", () => {
    const r = run(["local", "--flink", "1.11"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("CPU cores: 1.7976931348623157E308");
    expect(r.stdout).toMatch(/^Task Heap\s+9223372036854775807\s+8 EiB\s+unset: local maximum$/m);
    expect(r.stdout).not.toContain("Total Process Memory");
    expect(r.stdout).not.toContain("%");
  });

  it("refuses as Flink does, and --format flags is a usage error (a local run has no JVM flags)", () => {
    const bad = run(["local", "-D", "taskmanager.memory.network.min=64m", "-D", "taskmanager.memory.network.max=128m"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("Caused by: The network memory min (64 mb) and max (128 mb) mismatch");
    expect(run(["local", "--format", "flags"]).status).toBe(2);
  });
});

describe("identical TaskManagers are one row with their count", () => {
  const topology = (tms: number, a: number, b: number, partitioning: string) => {
    const f = join(temp, `job-${tms}-${a}-${b}-${partitioning}.yaml`);
    writeFileSync(f, `mode: streaming\nslotsPerTaskManager: 4\ntaskManagers: ${tms}\nvertices: [{name: source, parallelism: ${a}}, {name: window, parallelism: ${b}}]\nedges: [{from: source, to: window, partitioning: ${partitioning}}]\n`);
    return f;
  };
  const tableRows = (out: string) => {
    const lines = out.split("\n");
    const head = lines.findIndex((l) => l.startsWith("TaskManager  Slots"));
    const end = lines.indexOf("", head);
    return lines.slice(head + 1, end).map((l) => l.trim().split(/\s{2,}/));
  };
  const conf = ["-D", "taskmanager.memory.process.size=8g", "-D", "taskmanager.numberOfTaskSlots=4"];

  it("network: 256 TaskManagers running the same subtasks print one row × 256", () => {
    const r = run(["network", "--topology", topology(256, 1024, 1024, "hash"), ...conf]);
    expect(r.status).toBe(0);
    const rows = tableRows(r.stdout);
    expect(rows).toHaveLength(1);
    expect(rows[0]![0]).toBe("0–255 × 256");
    // The JSON keeps one entry per TaskManager.
    const json = JSON.parse(run(["network", "--topology", topology(256, 1024, 1024, "hash"), ...conf, "--format", "json"]).stdout) as { perTaskManager: unknown[] };
    expect(json.perTaskManager).toHaveLength(256);
  });

  it("network: rows that differ stay apart, labelled with the TaskManagers they stand for", () => {
    const r = run(["network", "--topology", topology(10, 6, 37, "rebalance"), ...conf]);
    const rows = tableRows(r.stdout);
    const json = JSON.parse(run(["network", "--topology", topology(10, 6, 37, "rebalance"), ...conf, "--format", "json"]).stdout) as {
      perTaskManager: { index: number; required: number }[];
    };
    // Every TaskManager is in exactly one row, and a row's Required is each of its TaskManagers'.
    const covered: number[] = [];
    for (const row of rows) {
      const label = row[0]!.replace(/ × \d+$/, "");
      const indices = label.split(", ").flatMap((p) => {
        const [a, b] = p.split("–").map(Number);
        return b === undefined ? [a!] : Array.from({ length: b - a! + 1 }, (_, i) => a! + i);
      });
      for (const i of indices) expect(String(json.perTaskManager[i]!.required)).toBe(row[3]);
      if (indices.length > 1) expect(row[0]).toMatch(new RegExp(` × ${indices.length}$`));
      covered.push(...indices);
    }
    expect(covered.sort((a, b) => a - b)).toEqual(json.perTaskManager.map((t) => t.index));
    expect(rows.length).toBeLessThan(10);
  });

  for (const file of ["devops6668-session-flinkdeployment.yaml", "ssgardaf-flink-cluster.yaml"]) {
    it(`k8s: replicas share one table, labelled with their count (real file ${file})`, () => {
      const path = join(ROOT, "test", "data", "cli", "k8s-replicas", file);
      const r = run(["k8s", path]);
      expect(r.stdout).toMatch(/^TaskManager × 2 replicas \(each\)$/m);
      expect(r.stdout).toMatch(/^JobManager$/m);
      expect(r.stdout.match(/Total Process Memory/g)).toHaveLength(2);
      const [doc] = JSON.parse(run(["k8s", path, "--format", "json"]).stdout) as { taskManager: { replicas: number }; jobManager: { replicas: number } }[];
      expect(doc!.taskManager.replicas).toBe(2);
      expect(doc!.jobManager.replicas).toBe(1);
    });
  }
});
