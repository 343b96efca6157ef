// End to end: `flink-memory diagnose` through the real CLI (needs `npm run build`).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/golden.js";

const BIN = join(ROOT, "bin", "flink-memory.js");
const DIR = mkdtempSync(join(tmpdir(), "fm-diagnose-"));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));
const run = (args: string[], input?: string | Buffer) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { PATH: process.env.PATH ?? "" }, ...(input !== undefined ? { input } : {}) });
const file = (name: string, text: string | Buffer) => {
  const p = join(DIR, name);
  writeFileSync(p, text);
  return p;
};
const pastes = new Map(
  readFileSync(join(ROOT, "test/data/diagnose/real-pastes.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { id: string; text: string })
    .map((p) => [p.id, p.text]),
);

describe("flink-memory diagnose", () => {
  it("a YARN kill (apache/iceberg#3695): the kill, then the TaskManager's configuration rebuilt to the byte", () => {
    const r = run(["diagnose", file("yarn.txt", pastes.get("yarn-001")!), "--flink", "1.12"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("1. container-killed (TaskManager");
    expect(r.stdout).toContain("2. memory-layout (TaskManager)");
    expect(r.stdout).toContain("configuration: -D taskmanager.memory.process.size=4096m -D taskmanager.memory.managed.fraction=0.2");
    expect(r.stdout).not.toContain("(assumed; --flink to choose)");
  });

  it("standard input, JSON: {findings: [...]} with numbers", () => {
    const r = run(["diagnose", "-", "--format", "json"], pastes.get("nb-009")!);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as { findings: { kind: string; process: string; numbers: Record<string, unknown> }[] };
    expect(j.findings[0]).toMatchObject({ kind: "network-buffers", process: "taskmanager", numbers: { requiredBuffers: 65, availableBuffers: 38, totalBuffers: 4096 } });
  });

  it("with the failed cluster's configuration: the network change, checked by the engine", () => {
    // 1g with managed fraction 0.2: network at its 64 MiB minimum (2048 buffers), task heap healthy.
    const r = run(["diagnose", file("nb.txt", pastes.get("nb-001")!), "-D", "taskmanager.memory.process.size=1g", "-D", "taskmanager.memory.managed.fraction=0.2", "--flink", "1.17"]);
    expect(r.status).toBe(0);
    // keep the process: the network's floor raised to the 2068 buffers needed (whole MiB: 65m)
    expect(r.stdout).toMatch(/change: keep the process at 1 GiB: network memory 64 MiB → 65 MiB; task heap [\d.]+ MiB → [\d.]+ MiB \(−1 MiB\)/);
    expect(r.stdout).toContain("-D taskmanager.memory.network.min=65m -D taskmanager.memory.process.size=1g");
    expect(r.stdout).toMatch(/checked: Flink 1\.17 resolves it on the given configuration: network memory 68157440 bytes, Total Process Memory unchanged \(1073741824 bytes\)/);
    // or grow it: the pod's request follows
    expect(r.stdout).toMatch(/change: grow the process to [\d.]+ GiB \(\+\d+ MiB\): network memory 65 MiB, every other part kept; new container size \d+ MiB/);
    // the unhealthy base (1g with the default managed fraction: task heap 25 MiB) only grows
    const sick = run(["diagnose", file("nb3.txt", pastes.get("nb-001")!), "-D", "taskmanager.memory.process.size=1g", "--flink", "1.17"]);
    expect(sick.stdout).toContain("Keeping the process at 1 GiB would leave it unhealthy");
    expect(sick.stdout).not.toContain("change: keep");
    expect(sick.stdout).toMatch(/change: grow the process .* task heap [\d.]+ MiB → 64\.\d MiB \(up to our floor/);
    // a configuration that cannot be the failed one is said to be so, and not used
    const other = run(["diagnose", file("nb2.txt", pastes.get("nb-001")!), "-D", "taskmanager.memory.process.size=4g"]);
    expect(other.stdout).toContain("not the configuration that failed");
    expect(other.stdout).not.toContain("change:");
  });

  it("bad input: empty and missing files, a huge file, unknown format or version are usage errors; binary and unrelated text are answered", () => {
    const empty = run(["diagnose", file("empty.txt", "  \n")]);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain("nothing to diagnose");
    expect(run(["diagnose", join(DIR, "nope.txt")]).status).toBe(2);
    const huge = run(["diagnose", file("huge.txt", Buffer.alloc(11 * 1024 * 1024, 0x61))]);
    expect(huge.status).toBe(2);
    expect(huge.stderr).not.toMatch(/\n\s+at /);
    expect(run(["diagnose", file("a.txt", "x"), "--format", "yaml"]).status).toBe(2);
    expect(run(["diagnose", file("b.txt", "x"), "--flink", "3.9"]).status).toBe(2);
    const binary = run(["diagnose", file("bin.dat", Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)))]);
    expect(binary.status).toBe(0);
    expect(binary.stdout).toContain("binary");
    const other = run(["diagnose", file("other.txt", "hello\nworld\n")]);
    expect(other.status).toBe(0);
    expect(other.stdout).toContain("no conclusion");
    expect(run(["diagnose", "--help"]).stdout).toContain("kubectl describe pod my-taskmanager | flink-memory diagnose");
  });

  it("never echoes values of non-memory keys (secret canaries in a launch line and a config dump)", () => {
    const canaries = ["S3SECRETCANARY-0042", "PASSWORDCANARY-0043", "TOKENCANARY-0044"];
    const paste = [
      "INFO  [] - Loading configuration property: s3.secret-key, S3SECRETCANARY-0042",
      "INFO  [] - Loading configuration property: taskmanager.memory.process.size, 1g",
      "INFO  [] - Loading configuration property: password, PASSWORDCANARY-0043",
      `java -Xmx281857227 -Xms281857227 -XX:MaxDirectMemorySize=201326592 -XX:MaxMetaspaceSize=268435456 -Ds3.access-key=TOKENCANARY-0044 org.apache.flink.yarn.YarnTaskExecutorRunner -D s3.secret-key=S3SECRETCANARY-0042 -D taskmanager.memory.managed.size=120795957b -D password=PASSWORDCANARY-0043`,
      "java.lang.OutOfMemoryError: Direct buffer memory",
      "Caused by: org.apache.flink.configuration.IllegalConfigurationException: Sum of configured Framework Heap Memory (1 bytes) exceed configured Total Flink Memory (0 bytes). s3.secret-key=S3SECRETCANARY-0042",
    ].join("\n");
    for (const format of ["text", "json"]) {
      const r = run(["diagnose", file(`secret-${format}.txt`, paste), "--format", format]);
      expect(r.status).toBe(0);
      for (const c of canaries) {
        expect(r.stdout).not.toContain(c);
        expect(r.stderr).not.toContain(c);
      }
    }
  });
});
