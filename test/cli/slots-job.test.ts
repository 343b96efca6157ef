// End to end (needs `npm run build`): `slots` takes the state backend and the job from the
// configuration and the flags, prints them as assumptions with their source, and key warnings
// only suggest keys of the chosen release (1.10's jobmanager.heap.size).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/golden.js";

const BIN = join(ROOT, "bin", "flink-memory.js");
const DATA = join(ROOT, "test", "data", "slots");
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
const P4G = ["-D", "taskmanager.memory.process.size=4g"];
type Json = {
  managedPerSlot: string;
  stateBackend?: string;
  consumers: { useCase: string; fraction: string; bytes: string; counted: boolean }[];
  rocksdb?: { perSlot: string };
  assumptions: { summary: string; useCases: string[]; job: { kind: string; from: { by: string; key?: string } }; stateBackend: { from: { by: string; key?: string }; overridden?: string }; notes: string[] };
};
const json = (args: string[]) => {
  const r = run([...args, "--format", "json"]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Json;
};

describe("flink-memory slots: the job and its state backend", () => {
  it("-D state.backend.type=hashmap: no STATE_BACKEND use, said in text and JSON", () => {
    const t = run(["slots", ...P4G, "-D", "state.backend.type=hashmap"]);
    expect(t.status).toBe(0);
    expect(t.stdout).toContain("the state backend is hashmap from state.backend.type (-D), which keeps state on the JVM heap, not in managed memory.");
    expect(t.stdout).toContain("Change with --job, --python, --state-backend.");
    expect(t.stdout).toMatch(/STATE_BACKEND\s+70\s+-\s+0\s+0 B/);
    expect(t.stdout).toContain("No consumer of this job takes managed memory");
    const j = json(["slots", ...P4G, "-D", "state.backend.type=hashmap"]);
    expect(j.assumptions.stateBackend.from).toEqual({ by: "config", key: "state.backend.type", location: { source: "-D" } });
    expect(j.consumers).toEqual([expect.objectContaining({ useCase: "STATE_BACKEND", counted: false, bytes: "0" })]);
  });

  it("a 1.16 flink-conf.yaml with state.backend: rocksdb: a streaming job's STATE_BACKEND gets the whole slot", () => {
    const file = join(DATA, "kunpengcompute_omnistatestore.flink-conf.yaml");
    const t = run(["slots", "--config", file, "--flink", "1.16"]);
    expect(t.status, t.stderr).toBe(0);
    expect(t.stdout).toContain(`the state backend is rocksdb from state.backend (${file}:15), which keeps state in managed memory.`);
    // Only notes (how the file was taken), never a warning.
    expect(t.stderr.split("\n").filter((l) => l !== "" && !l.startsWith("note: "))).toEqual([]);
    const j = json(["slots", "--config", file, "--flink", "1.16"]);
    // 8G, 2 slots: managed 2985002310 bytes (0.4 × Total Flink Memory), 1492501155 per slot, weight 70 of 70.
    expect(j.managedPerSlot).toBe("1492501155");
    expect(j.consumers).toEqual([expect.objectContaining({ useCase: "STATE_BACKEND", fraction: "1.0", bytes: "1492501155" })]);
    expect(j.rocksdb!.perSlot).toBe("1492501155");
    // The same file for 1.17: state.backend is now a deprecated key, still read.
    const later = run(["slots", "--config", file, "--flink", "1.17"]);
    expect(later.stderr).toContain("'state.backend' is a deprecated key; Flink 1.17 reads it as 'state.backend.type'.");
    expect(later.stdout).toContain("rocksdb from state.backend (");
  });

  it("the RocksDB share of a plain streaming RocksDB job is Flink's: slot × getFractionRoundedDown(70, 70)", () => {
    const j = json(["slots", ...P4G, "-D", "taskmanager.numberOfTaskSlots=4", "-D", "state.backend.type=rocksdb"]);
    // 1438814063 managed bytes / 4 = 359703515; 70/70 cut to 16 decimals is 1.0.
    expect(j.managedPerSlot).toBe("359703515");
    expect(j.rocksdb!.perSlot).toBe("359703515");
    // With all three consumers assumed (the old behaviour) it was floor(359703515 × 0.4117647058823529).
    const old = json(["slots", ...P4G, "-D", "taskmanager.numberOfTaskSlots=4", "--consumers", "OPERATOR,STATE_BACKEND,PYTHON", "--state-backend", "rocksdb"]);
    expect(old.rocksdb!.perSlot).toBe(String(Math.floor(359703515 * 0.4117647058823529)));
  });

  it("flags override the configuration and say which won", () => {
    const file = join(DATA, "maxhuettner_flinke2c.flink-conf.yaml");
    const t = run(["slots", "--config", file, "--flink", "1.16", "--state-backend", "hashmap", "--job", "batch", "--python"]);
    expect(t.status, t.stderr).toBe(0);
    expect(t.stdout).toContain("Assuming a batch job (as given) and with Python UDFs (as given)");
    expect(t.stdout).toContain(`the configured state backend, hashmap as given; it overrides rocksdb from state.backend (${file}:46), is not used`);
    expect(t.stdout).toMatch(/OPERATOR\s+70\s+0\.7\s/);
    expect(t.stdout).toMatch(/PYTHON\s+30\s+0\.3\s/);
    const j = json(["slots", "--config", file, "--flink", "1.16", "--job", "batch"]);
    expect(j.assumptions.job).toEqual({ kind: "batch", from: { by: "caller" } });
    expect(j.assumptions.useCases).toEqual(["OPERATOR"]);
  });

  it("usage errors: unknown job or backend, forst before 2.0, --consumers with --job", () => {
    expect(run(["slots", ...P4G, "--job", "micro-batch"]).status).toBe(2);
    const forst = run(["slots", ...P4G, "--flink", "1.20", "--state-backend", "forst"]);
    expect(forst.status).toBe(2);
    expect(forst.stderr).toBe("flink-memory: --state-backend forst: Flink 1.20 has no ForSt state backend (it came with 2.0); use rocksdb or hashmap\n");
    expect(run(["slots", ...P4G, "--flink", "2.0", "--state-backend", "forst"]).status).toBe(0);
    expect(run(["slots", ...P4G, "--consumers", "OPERATOR", "--job", "batch"]).status).toBe(2);
  });

  it("2.x does not know the old heap names: warns with Flink's failure and the 2.x name", () => {
    const t = run(["slots", ...P4G, "--flink", "2.0", "-D", "state.backend.type=filesystem"]);
    expect(t.status).toBe(0);
    expect(t.stdout).toContain("warning: Flink 2.0 does not know the state backend 'filesystem'");
    expect(t.stdout).toContain("Flink 2.0 calls its heap backend 'hashmap'.");
  });

  it("never prints the values of other keys of a real file (s3 credentials)", () => {
    const file = join(DATA, "gordonmurray_apache_flink_and_paimon.flink-conf.yaml");
    for (const args of [["slots", "--config", file, "--flink", "1.18"], ["slots", "--config", file, "--flink", "1.18", "--format", "json"], ["slots", "--config", file, "--flink", "1.16"]]) {
      const r = run(args);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout + r.stderr).not.toContain("password123");
    }
  });
});

describe("key warnings name keys of the chosen release", () => {
  it("Flink 1.10: jobmanager.heap.size is its JobManager key; no 'does not exist yet', no rename", () => {
    const r = run(["jm", "--flink", "1.10", "-D", "jobmanager.heap.size=1g"]);
    expect(r.stderr).not.toContain("does not exist yet");
    expect(r.stderr).not.toContain("jobmanager.memory.heap.size");
    const dir = mkdtempSync(join(tmpdir(), "fm-slots-"));
    try {
      const lintJson = (text: string) => {
        const file = join(dir, "flink-conf.yaml");
        writeFileSync(file, "taskmanager.memory.process.size: 1728m\n" + text);
        const lint = run(["lint", "--flink", "1.10", "--format", "json", "--fail-on", "none", file]);
        expect(lint.status, lint.stderr).toBe(0);
        return (JSON.parse(lint.stdout) as { findings: { key?: string; ruleId: string; fix?: { edits: { path: string; renameTo?: string }[] } }[] }).findings;
      };
      expect(lintJson("jobmanager.heap.size: 1024m\n").filter((f) => f.key === "jobmanager.heap.size")).toEqual([]);
      // The deprecated .mb key is renamed to 1.10's current key.
      expect(lintJson("jobmanager.heap.mb: 1024\n").find((f) => f.key === "jobmanager.heap.mb")).toMatchObject({ ruleId: "deprecated-option", fix: { edits: [{ path: "jobmanager.heap.mb", renameTo: "jobmanager.heap.size" }] } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("Flink 1.10: jobmanager.memory.heap.size points back to jobmanager.heap.size; 1.11 renames the other way", () => {
    const r10 = run(["tm", "--flink", "1.10", "-D", "taskmanager.memory.process.size=2g", "-D", "jobmanager.memory.heap.size=1g"]);
    expect(r10.stderr).toContain("warning: -D: 'jobmanager.memory.heap.size' does not exist yet in Flink 1.10; Flink 1.10 ignores it. Flink 1.10 reads 'jobmanager.heap.size' instead.");
    const r11 = run(["jm", "--flink", "1.11", "-D", "jobmanager.heap.size=1g"]);
    expect(r11.status).toBe(0);
    expect(r11.stderr).toContain("warning: -D: 'jobmanager.heap.size' is deprecated in Flink 1.11; use 'jobmanager.memory.heap.size'.");
  });
});
