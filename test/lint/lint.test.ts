// The linter on the project's fixtures and on every real-world configuration Flink answered for.
import { NEWEST_LINE } from "../../src/versions/version.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintConfigText } from "../../src/lint/lint.js";
import { lintManifestText } from "../../src/lint/lint-manifest.js";
import { RULES } from "../../src/lint/rules.js";
import type { Finding, Fix as LintFix } from "../../src/lint/finding.js";
import { applyChanges } from "../../src/fix/changes.js";
import { resolveRequest } from "../../src/fix/probe.js";
import { ROOT, realworldFiles } from "../support/golden.js";

const DATA = join(ROOT, "test", "data", "lint");

/** Applies a lint fix's edits to the file as -D changes and resolves it again. */
function resolves(kind: "tm" | "jm", text: string, fix: LintFix, flink = "2.2", legacy = false): boolean {
  const changes = fix.edits.map((e) => (e.value === undefined ? { key: e.path, remove: true as const } : { key: e.path, set: e.value }));
  const req = legacy ? { flink, flinkConfYaml: text } : { flink, configYaml: text };
  return resolveRequest(kind, applyChanges(req, changes)).ok;
}
const read = (f: string) => readFileSync(join(DATA, f), "utf8");
const ids = (fs: Finding[]) => fs.map((f) => f.ruleId);
const byRule = (fs: Finding[], id: string) => fs.filter((f) => f.ruleId === id);

describe("config.yaml fixture (Flink 2.2)", () => {
  const fs = lintConfigText(read("config.yaml"), { source: "config.yaml" });
  it("finds both totals, JobManager heap, unused managed memory and slots over cores, with checked fixes", () => {
    expect(ids(fs).sort()).toEqual(["assumption", "both-totals", "heap-below-minimum", "managed-memory-unused", "slots-exceed-cpu"]);
    expect(byRule(fs, "assumption")[0]).toMatchObject({ severity: "note", message: `Checked as Flink ${NEWEST_LINE}, the newest release; name the release that reads it with --flink.` });
    expect(byRule(fs, "slots-exceed-cpu")[0]!.severity).toBe("note");
    expect(byRule(fs, "both-totals")[0]).toMatchObject({ severity: "warning", process: "tm", key: "taskmanager.memory.flink.size", location: { source: "config.yaml", line: 10 } });
    // 600m leaves a 24 MiB heap; 704m is the smallest process size that gives 128 MiB.
    expect(byRule(fs, "heap-below-minimum")[0]!.fix).toEqual({ description: expect.stringContaining("704 MiB"), edits: [{ path: "jobmanager.memory.process.size", value: "704m" }], verified: true });
    expect(byRule(fs, "managed-memory-unused")[0]!.fix!.verified).toBe(true);
    expect(byRule(fs, "slots-exceed-cpu")[0]!.message).toBe("TaskManager: 8 task slots (taskmanager.numberOfTaskSlots) but 4 CPU cores (taskmanager.cpu.cores); slots compete for CPU.");
  });
  it("never prints values of keys that are not memory options", () => {
    expect(JSON.stringify(fs)).not.toContain("do-not-print-me");
  });
});

describe("flink-conf.yaml fixture (Flink 1.20, legacy reader)", () => {
  const fs = lintConfigText(read("flink-conf.yaml"), { source: "flink-conf.yaml", flink: "1.20" });
  it("skipped line, misspelled key with suggestion, deprecated legacy heap key, RocksDB without managed memory", () => {
    expect(ids(fs)).toEqual(["skipped-line", "unknown-memory-key", "deprecated-option", "rocksdb-without-managed-memory"]);
    expect(byRule(fs, "unknown-memory-key")[0]).toMatchObject({ location: { line: 4 }, fix: { edits: [{ path: "taskmanager.memroy.task.off-heap.size", renameTo: "taskmanager.memory.task.off-heap.size" }], verified: true } });
    expect(byRule(fs, "skipped-line")[0]!.location!.line).toBe(6);
    expect(JSON.stringify(fs)).not.toContain("hunter2");
  });
  it("the same file for Flink 2.0: legacy heap keys are removed, and flink-conf.yaml itself is not read", () => {
    const f2 = lintConfigText(read("flink-conf.yaml"), { source: "flink-conf.yaml", flink: "2.0" });
    expect(ids(f2)).toContain("legacy-file-ignored");
    const f3 = lintConfigText("taskmanager.heap.size: 1g\ntaskmanager.memory.process.size: 2g\njobmanager.memory.process.size: 2g\n", { source: "config.yaml", flink: "2.0" });
    expect(byRule(f3, "removed-option")[0]!.message).toBe("'taskmanager.heap.size' was removed in Flink 2.0; Flink 2.0 ignores it. Use 'taskmanager.memory.flink.size'.");
  });
});

describe("rules one by one", () => {
  const lint = (text: string, flink = "2.2") => lintConfigText(text, { source: "config.yaml", flink });
  it("Flink's own failure is an error with Flink's message, at the key", () => {
    const fs = lint(read("rejected-config.yaml"));
    expect(byRule(fs, "flink-rejects")).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: "error", process: "tm", location: { line: 1 } });
    expect(fs[0]!.message).toMatch(/^TaskManager memory configuration failed: Sum of configured Framework Heap Memory \(1024\.000mb/);
    // The fix comes from the fix-it search and is checked against this configuration.
    expect(fs[0]!.fix).toMatchObject({ verified: true, edits: [expect.objectContaining({ path: expect.stringMatching(/^taskmanager\.memory\./) })] });
    expect(resolves("tm", read("rejected-config.yaml"), fs[0]!.fix!)).toBe(true);
  });
  it("a range Flink names by its default fraction points at the bound that is set (min or max, main or deprecated key)", () => {
    const cases: [string, string, number][] = [
      ["taskmanager.memory.process.size: 4g\ntaskmanager.memory.jvm-overhead.min: 2g\n", "1.20", 2],
      ["taskmanager.memory.process.size: 4g\n\ntaskmanager.memory.network.min: 2g\n", "1.16", 3],
      ["taskmanager.memory.process.size: 4g\ntaskmanager.memory.network.max: 1g\ntaskmanager.network.memory.min: 2g\n", "1.16", 3],
    ];
    for (const [text, flink, line] of cases) {
      const rejects = byRule(lint(text, flink), "flink-rejects");
      expect(rejects, text).toHaveLength(1);
      expect(rejects[0]!.message).toMatch(/Inconsistently configured Key: 'taskmanager\.memory\.(jvm-overhead|network)\.fraction' , default: 0\.1/);
      expect(rejects[0]!.location.line, text).toBe(line);
    }
  });
  it("an unreadable config.yaml gives Flink's message and where", () => {
    const fs = lint("taskmanager.memory.process.size: 2g\n\tbad: 1\n");
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ ruleId: "unreadable-config", severity: "error", message: "Error parsing YAML configuration.", location: { line: 2 } });
  });
  it("fine-grained heap with a total", () => {
    const fs = lint("taskmanager.memory.process.size: 4g\ntaskmanager.memory.task.heap.size: 1g\njobmanager.memory.process.size: 2g\n");
    expect(byRule(fs, "fine-grained-with-total")[0]).toMatchObject({ process: "tm", key: "taskmanager.memory.task.heap.size", fix: { verified: true } });
  });
  it("a configured fraction capped to its range", () => {
    const fs = lint("taskmanager.memory.process.size: 4g\ntaskmanager.memory.network.fraction: 0.5\ntaskmanager.memory.network.max: 256m\njobmanager.memory.process.size: 2g\n");
    expect(byRule(fs, "derived-outside-range")[0]!.message).toBe("TaskManager: Network from its fraction (50% of 3.35 GiB = 1.675 GiB) is above its maximum; Flink uses 256 MiB instead.");
    // Defaults alone (Flink's own design at 1728m) are not reported.
    expect(byRule(lint("taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n"), "derived-outside-range")).toEqual([]);
  });
  it("JVM overhead below the heuristic's need: many slots, small overhead", () => {
    const fs = lint("taskmanager.memory.process.size: 4g\ntaskmanager.numberOfTaskSlots: 32\ntaskmanager.memory.jvm-overhead.max: 200m\njobmanager.memory.process.size: 2g\n");
    const f = byRule(fs, "jvm-overhead-too-small")[0]!;
    expect(f.message).toMatch(/^TaskManager: JVM overhead is 200 MiB, below the ~\S+ MiB the JVM needs \(304 thread stacks 304 MiB/);
    expect(f.fix).toMatchObject({ verified: true });
    expect(byRule(lint("taskmanager.memory.process.size: 4g\ntaskmanager.numberOfTaskSlots: 4\njobmanager.memory.process.size: 2g\n"), "jvm-overhead-too-small")).toEqual([]);
  });
  it("every rule has a unique id, a severity and a description", () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) expect(r.description.length).toBeGreaterThan(20);
  });
});

describe("Kubernetes fixtures", () => {
  it("flat FlinkDeployment: process size overridden, slots over CPU (a note); '2G' is the operator's to read, so no unit finding", () => {
    const r = lintManifestText(read("flinkdeployment-flat.yaml"), { source: "f.yaml" });
    expect(ids(r.findings)).toEqual(["k8s-memory-overridden", "slots-exceed-cpu"]);
    expect(r.findings[1]!.severity).toBe("note");
    expect(r.findings[1]!.fix!.edits).toEqual([{ path: "spec.taskManager.resource.cpu", value: "4" }]);
    expect(r.deployments[0]!.pods).toEqual({ jm: { requestMi: 2048, limitMi: 2048, limitFactor: 1 }, tm: { requestMi: 4096, limitMi: 6144, limitFactor: 1.5 } });
    expect(JSON.stringify(r.findings)).not.toContain("do-not-print-me");
  });
  it("nested FlinkDeployment: 1.5Gi is refused by the operator", () => {
    const r = lintManifestText(read("flinkdeployment-nested.yaml"), { source: "n.yaml" });
    expect(r.findings[0]).toMatchObject({ ruleId: "k8s-memory-unparsable", severity: "error", process: "jm", location: { line: 18 } });
    expect(r.findings[0]!.message).toMatch(/^JobManager resource memory parse error: Memory size unit '\.0' does not match/);
  });
  it("Helm values and multi-document files, with embedded config files located in the outer file", () => {
    expect(ids(lintManifestText(read("values.yaml"), { source: "v.yaml" }).findings)).toEqual([]);
    const m = lintManifestText(read("multi.yaml"), { source: "m.yaml" });
    expect(m.deployments).toHaveLength(1);
    expect(ids(m.findings)).toEqual(["assumption", "flink-rejects"]);
    expect(m.findings[1]).toMatchObject({ ruleId: "flink-rejects", process: "tm", location: { source: "m.yaml", line: 8 } });
  });
  it("a TaskManager too small to start: the fix edits the spec's memory, in Kubernetes units", () => {
    const text = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: x\nspec:\n  flinkVersion: v1_20\n  jobManager:\n    resource:\n      memory: 2048Mi\n      cpu: 1\n  taskManager:\n    resource:\n      memory: 512Mi\n      cpu: 1\n";
    const rejects = byRule(lintManifestText(text, { source: "x.yaml" }).findings, "flink-rejects");
    expect(rejects).toHaveLength(1);
    // The fix is the least healthy size (a task heap of 64 MiB per slot), and names the least Flink accepts.
    expect(rejects[0]!.fix).toEqual({ description: expect.stringMatching(/Flink accepts 1029002586 bytes \(the least that resolves\), but the task heap is 0 B per slot/), edits: [{ path: "spec.taskManager.resource.memory", value: "1089Mi" }], verified: true });
    // 982Mi is the least whole MiB Flink accepts: one MiB less is still refused.
    const smaller = text.replace("512Mi", "981Mi");
    expect(byRule(lintManifestText(smaller, { source: "x.yaml" }).findings, "flink-rejects")).toHaveLength(1);
    expect(byRule(lintManifestText(text.replace("512Mi", "982Mi"), { source: "x.yaml" }).findings, "flink-rejects")).toHaveLength(0);
  });
  it("no memory at all: the operator's message", () => {
    const text = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: x\nspec:\n  flinkVersion: v1_20\n  jobManager:\n    replicas: 1\n  taskManager:\n    resource:\n      memory: 2g\n";
    const r = lintManifestText(text, { source: "x.yaml" });
    expect(r.findings.map((f) => [f.ruleId, f.message])).toEqual([["k8s-memory-missing", "JobManager resource memory must be defined using `spec.jobManager.resource.memory` or `spec.jobManager.resources.requests.memory`"]]);
  });
});

// Every real-world case: Flink's failures are error findings with Flink's exact message; accepted files get no error.
const real = realworldFiles();
describe.runIf(real.length > 0)("real-world configs (../shared/realworld)", () => {
  for (const { file, cases } of real) {
    it(`${file}: errors exactly where Flink fails, with Flink's message`, () => {
      let rejected = 0;
      const problems: string[] = [];
      for (const c of cases) {
        const legacy = c.input.flinkConfYaml !== undefined;
        // Flink answered for each file as the whole configuration: judge it so.
        const fs = lintConfigText((legacy ? c.input.flinkConfYaml : c.input.configYaml)!, { flink: c.flink, format: legacy ? "legacy" : "standard", source: c.id, whole: true });
        const kind = c.mode === "tm" ? "tm" : "jm";
        const errors = fs.filter((f) => f.severity === "error" && (f.process === undefined || f.process === kind));
        if (c.expected.error) {
          rejected++;
          const mine = errors.find((e) => e.message === c.expected.error!.message);
          if (!mine) problems.push(`${c.id}: missing '${c.expected.error.message}'`);
          else if (mine.ruleId === "flink-rejects" && !(mine.fix?.verified && resolves(kind, c.input.flinkConfYaml ?? c.input.configYaml!, mine.fix, c.flink, legacy))) problems.push(`${c.id}: no fix that resolves`);
        } else if (errors.length > 0) problems.push(`${c.id}: unexpected ${errors.map((e) => e.message).join(" | ")}`);
      }
      expect(problems).toEqual([]);
      expect(rejected).toBeGreaterThan(0);
    });
  }
});

// The same files judged without --whole-config: an error goes away only for a process the file does not size,
// and then a not-sized note says why.
describe.runIf(real.length > 0)("real-world configs taken as possibly one layer", () => {
  for (const { file, cases } of real) {
    it(`${file}: fewer errors only where the file does not size the process`, () => {
      const problems: string[] = [];
      let layered = 0;
      for (const c of cases) {
        const legacy = c.input.flinkConfYaml !== undefined;
        const text = (legacy ? c.input.flinkConfYaml : c.input.configYaml)!;
        const opts = { flink: c.flink, format: legacy ? ("legacy" as const) : ("standard" as const), source: c.id };
        const kind = c.mode === "tm" ? "tm" : "jm";
        const errs = (fs: Finding[]) => fs.filter((f) => f.severity === "error" && (f.process === undefined || f.process === kind)).map((f) => f.message);
        const whole = errs(lintConfigText(text, { ...opts, whole: true }));
        const auto = lintConfigText(text, opts);
        const missing = whole.filter((m) => !errs(auto).includes(m));
        if (missing.length === 0) continue;
        layered++;
        const note = byRule(auto, "not-sized")[0];
        if (!note || !note.message.includes(kind === "tm" ? "TaskManager" : "JobManager")) problems.push(`${c.id}: error dropped without a not-sized note`);
        if (!missing.every((m) => /need to be configured explicitly/.test(m))) {
          // Other failures of an unsized process must come back as layer-rejects warnings.
          const rejects = byRule(auto, "layer-rejects").map((f) => f.message);
          for (const m of missing) if (!/need to be configured explicitly/.test(m) && !rejects.some((r) => r.endsWith(m))) problems.push(`${c.id}: '${m}' vanished`);
        }
      }
      expect(problems).toEqual([]);
      console.log(`${file}: ${layered} case(s) taken as one layer`);
    });
  }
});

describe("the state backend, read once for slots, sizing and lint", () => {
  const lint = (text: string, flink: string) => lintConfigText(text, { source: "config.yaml", flink, format: "standard" });
  const base = "taskmanager.memory.process.size: 2g\njobmanager.memory.process.size: 1600m\n";
  it("a name the release does not know is a warning; the heap backend with managed memory is 'unused'", () => {
    expect(lint(base + "state.backend.type: filesystem\n", "2.2").map((f) => f.ruleId)).toContain("unknown-state-backend");
    expect(lint(base + "state.backend.type: hashmap\n", "2.2").map((f) => f.ruleId)).toEqual(["managed-memory-unused"]);
    // 1.20 still knows filesystem (a heap backend): no unknown-name warning there.
    expect(lint(base + "state.backend.type: filesystem\n", "1.20").map((f) => f.ruleId)).toEqual(["managed-memory-unused"]);
  });
});
