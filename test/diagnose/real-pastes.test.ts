// Every real paste (test/data/diagnose/real-pastes.jsonl, each line with its public source) gets
// the kind its source shows and, where the text allows, the numbers and the configuration behind it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diagnose } from "../../src/diagnose/diagnose.js";
import type { Finding } from "../../src/diagnose/finding.js";
import { ROOT } from "../support/golden.js";

interface Paste {
  id: string;
  kind: string;
  text: string;
  source: string;
}

const PASTES: Paste[] = readFileSync(join(ROOT, "test/data/diagnose/real-pastes.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as Paste);

const KIND: Record<string, string> = {
  network_buffers_insufficient: "network-buffers",
  network_buffer_pool_alloc: "network-buffer-pool",
  direct_oom: "direct-oom",
  metaspace_oom: "metaspace-oom",
  heap_oom: "heap-oom",
  managed_memory: "managed-memory",
  container_killed_yarn: "container-killed",
  container_killed_k8s: "container-killed",
  illegal_config: "invalid-configuration",
  startup_memory_block: "memory-layout",
  jvm_options: "memory-layout",
  rest_memory_configuration: "memory-layout",
};

const expected = (p: Paste) => (p.id.startsWith("neg-") ? "not-flink-memory" : KIND[p.kind]);
const paste = (id: string) => PASTES.find((p) => p.id === id)!;
const run = (id: string) => diagnose(paste(id).text).findings;
const one = (fs: Finding[], kind: string) => fs.filter((f) => f.kind === kind);

describe("real pastes: the kind", () => {
  it("the file holds the 37 pastes, each with its source", () => {
    expect(PASTES).toHaveLength(37);
    for (const p of PASTES) expect(p.source.length).toBeGreaterThan(10);
  });
  for (const p of PASTES) {
    it(`${p.id} (${p.source.slice(0, 60)}) is ${expected(p)}`, () => {
      const { findings } = diagnose(p.text);
      expect(findings.length).toBeGreaterThan(0);
      // The first finding is the failure (layouts come last); a trap is declined.
      expect(findings[0]!.kind).toBe(expected(p));
      if (p.id.startsWith("neg-")) expect(findings.map((f) => f.kind)).not.toContain("container-killed");
      for (const f of findings) for (const e of f.evidence) expect(e.lines.length).toBeGreaterThan(0);
    });
  }
});

describe("real pastes: numbers and processes", () => {
  const buffers = (id: string) => one(run(id), "network-buffers").map((f) => f.numbers);
  it("network buffers: required, available, total, shortfall in bytes", () => {
    expect(buffers("nb-001")).toEqual([expect.objectContaining({ requiredBuffers: 25, availableBuffers: 5, totalBuffers: 2048, segmentSize: 32768, shortBytes: String(20 * 32768), neededNetworkBytes: String(2068 * 32768) })]);
    expect(buffers("nb-003")).toEqual([expect.objectContaining({ requiredBuffers: 512, availableBuffers: 473, shortBuffers: 39 })]);
    expect(buffers("nb-003")[0]!.totalBuffers).toBeUndefined();
    expect(buffers("nb-005")).toEqual([expect.objectContaining({ requiredBuffers: 17, availableBuffers: 13 })]);
    // the message is broken over three lines and a second failure follows
    expect(buffers("nb-007").map((n) => [n.requiredBuffers, n.availableBuffers, n.totalBuffers])).toEqual([[17, 16, 2048], [17, 0, 2048]]);
    expect(one(run("nb-007"), "network-buffers")[0]!.evidence[0]!.lines).toEqual([1, 2]);
    expect(buffers("nb-009")).toEqual([expect.objectContaining({ requiredBuffers: 65, availableBuffers: 38, totalBuffers: 4096, networkBytes: String(128 * 1024 * 1024) })]);
  });

  it("network pool allocation: MB required, allocated, missing; not also a direct OOM", () => {
    const fs = run("nbpool-001");
    expect(fs.map((f) => f.kind)).toEqual(["network-buffer-pool"]);
    expect(fs[0]!.numbers).toEqual({ requiredMB: 5120, allocatedMB: 1965, missingMB: 3155 });
  });

  it("OOMs: process and component, typos, and who reported it", () => {
    expect(run("direct-005")[0]).toMatchObject({ process: "taskmanager", flinkHint: "increase 'taskmanager.memory.task.off-heap.size'" });
    const meta = run("meta-001")[0]!;
    expect(meta).toMatchObject({ kind: "metaspace-oom", process: "taskmanager", component: "JVM metaspace" });
    expect(meta.notes.join(" ")).toContain("'Metaspce'");
    expect(run("meta-007")[0]).toMatchObject({ process: "jobmanager" });
    // a TaskManager's task failed; the JobManager's log shows it
    expect(run("heap-003")[0]).toMatchObject({ kind: "heap-oom", process: "taskmanager", component: "task heap" });
    expect(run("heap-005")[0]).toMatchObject({ kind: "heap-oom", process: "taskmanager", evidence: [{ template: "java.lang.OutOfMemoryError: GC overhead limit exceeded" }] });
    expect(run("heap-001")[0]).toMatchObject({ process: "jobmanager" });
  });

  it("container kills: platform, reason, limit, and the TaskManager's configuration from the kill line (apache/iceberg#3695)", () => {
    expect(run("k8s-001")[0]).toMatchObject({ process: "taskmanager", numbers: { platform: "kubernetes", exitCode: 137, reason: "OOMKilled" } });
    const yarn = run("yarn-001");
    expect(yarn[0]).toMatchObject({ kind: "container-killed", process: "taskmanager", numbers: { platform: "yarn", limit: "4 GB" } });
    const layout = one(yarn, "memory-layout")[0]!;
    expect(layout.rebuilt?.settings).toEqual([["taskmanager.memory.process.size", "4096m"], ["taskmanager.memory.managed.fraction", "0.2"]]);
    expect(run("yarn-003")[0]).toMatchObject({ process: "jobmanager" });
    expect(run("neg-001").map((f) => f.kind)).toEqual(["not-flink-memory"]);
  });

  it("invalid configurations: the excess, the process, Flink's message reproduced by the engine", () => {
    expect(run("cfg-001")[0]).toMatchObject({ process: "taskmanager", numbers: { excessBytes: "375809651" } });
    const cfg3 = run("cfg-003")[0]!;
    expect(cfg3).toMatchObject({ process: "jobmanager" });
    expect(cfg3.rebuilt?.settings).toContainEqual(["jobmanager.memory.process.size", "500m"]);
    expect(cfg3.notes.join(" ")).toContain("exact message");
    expect(run("cfg-005")[0]).toMatchObject({ process: "jobmanager", component: "total process memory" });
  });

  it("managed memory: consumer weights and the legacy hash join", () => {
    expect(run("mm-001")[0]!.flinkHint).toContain("taskmanager.memory.managed.consumer-weights");
    expect(run("mm-003")[0]!.component).toBe("managed memory (hash join)");
  });

  // What each layout paste's text fixes: rebuilt by the engine to the byte.
  const layouts: [string, string, [string, string][]][] = [
    ["start-001", "taskmanager", [["taskmanager.memory.process.size", "2048m"]]],
    ["start-001", "jobmanager", [["jobmanager.memory.process.size", "1024m"]]],
    ["start-003", "taskmanager", [["taskmanager.memory.process.size", "1728m"]]],
    ["start-005", "jobmanager", [["jobmanager.memory.process.size", "2600m"]]],
    ["start-007", "taskmanager", [["taskmanager.memory.process.size", "1728m"]]],
    ["rest-001", "taskmanager", [["taskmanager.memory.process.size", "2048m"]]],
    ["jvm-001", "jobmanager", [["jobmanager.memory.process.size", "1600m"]]],
    ["jvm-003", "jobmanager", [["jobmanager.memory.process.size", "1028m"]]],
    ["jvm-005", "taskmanager", [["taskmanager.memory.process.size", "1024m"], ["taskmanager.memory.managed.fraction", "0.2"]]],
    ["jvm-007", "taskmanager", [["taskmanager.memory.process.size", "2048m"]]],
  ];
  for (const [id, process, settings] of layouts) {
    it(`${id}: the ${process}'s layout is ${settings.map(([k, v]) => `${k}=${v}`).join(", ")}`, () => {
      const f = one(run(id), "memory-layout").find((x) => x.process === process)!;
      expect(f.rebuilt).toMatchObject({ matches: true, settings });
    });
  }
});

// More real pastes of the same kinds (test/data/diagnose/more-pastes.jsonl, sources in each line).
describe("more real pastes", () => {
  const MORE: Paste[] = readFileSync(join(ROOT, "test/data/diagnose/more-pastes.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Paste);
  const get = (id: string) => diagnose(MORE.find((p) => p.id === id)!.text).findings;
  for (const p of MORE) {
    it(`${p.id} is ${p.id.includes("-neg-") ? "not-flink-memory" : KIND[p.kind]}`, () => {
      expect(diagnose(p.text).findings[0]!.kind).toBe(p.id.includes("-neg-") ? "not-flink-memory" : KIND[p.kind]);
    });
  }
  it("their numbers", () => {
    expect(get("more-nb-beam-34450")[0]!.numbers).toMatchObject({ requiredBuffers: 65, availableBuffers: 33, totalBuffers: 2048, neededNetworkBytes: String(2080 * 32768) });
    expect(get("more-mm-flink-12968")).toHaveLength(1);
    expect(get("more-mm-flink-12968")[0]!.numbers).toMatchObject({ pages: 512, requestedBytes: String(512 * 32768) });
    const vmem = get("more-yarn-hudi-9339")[0]!;
    expect(vmem.numbers).toMatchObject({ platform: "yarn", limitKind: "virtual", limit: "6 GB" });
    expect(vmem.notes.join(" ")).toContain("vmem-check-enabled");
  });
  it("a JDK 16+ direct OOM with no Flink word: its limit is a 1728m TaskManager's, so it is one, with a checked change (streamnative/pulsar-flink#267)", () => {
    const fs = get("more-direct-pulsarflink-267");
    expect(fs[0]).toMatchObject({ kind: "direct-oom", process: "taskmanager", numbers: { requestedBytes: "16777216", usedBytes: "252674791", limitBytes: "268435458", shortBytes: String(252674791 + 16777216 - 268435458) } });
    expect(fs.find((f) => f.kind === "memory-layout")!.rebuilt!.settings).toEqual([["taskmanager.memory.process.size", "1728m"]]);
    expect(fs[0]!.changes.map((c) => c.variant)).toEqual(["keep-process", "grow-process"]);
  });
  it("the same wording from other programs is not Flink's (apache/pulsar#9213, apache/hertzbeat#3157, tarantool/cartridge-java#448)", () => {
    for (const id of ["more-neg-pulsar-9213", "more-neg-hertzbeat-3157", "more-neg-tarantool-448"]) expect(get(id).map((f) => f.kind)).toEqual(["not-flink-memory"]);
  });
  it("a JobManager's direct OOM by its thread's name (Stack Overflow 79818098)", () => {
    expect(get("more-direct-so-79818098")[0]).toMatchObject({ kind: "direct-oom", process: "jobmanager", component: "JVM direct memory (off-heap)" });
  });
  it("the sum of the parts over Total Flink Memory, behind 1.11.3+'s prefix (apache/streampark#3330)", () => {
    expect(get("more-cfg-streampark-3330")[0]).toMatchObject({ process: "taskmanager", component: "total Flink memory", numbers: { sumBytes: "2994733074", totalBytes: "2483027968", excessBytes: "511705106" } });
  });
  it("a Flink 1.0 local run counts buffers without their size (apache/mahout#226)", () => {
    const f = get("more-local-mahout-226")[0]!;
    expect(f.numbers).toMatchObject({ requiredBuffers: 32, availableBuffers: 0, totalBuffers: 2048 });
    expect(f.notes.join(" ")).toContain("taskmanager.network.numberOfBuffers");
  });
  it("Hadoop 3's bytes over the limit grow JVM overhead on the layout rebuilt from the launch line (a Flink 1.13.6 TaskManager)", () => {
    const fs = diagnose(MORE.find((p) => p.id === "more-yarn-linjiangxiong-2022")!.text, { flink: "1.13" }).findings;
    expect(fs.find((f) => f.kind === "memory-layout")!.rebuilt!.settings).toEqual([["taskmanager.memory.process.size", "2048m"]]);
    const kill = fs[0]!;
    expect(kill.numbers).toMatchObject({ platform: "yarn", overBytes: "65536" });
    expect(kill.changes.map((c) => [c.variant, c.settings])).toEqual([
      ["keep-process", [["taskmanager.memory.jvm-overhead.min", "205m"], ["taskmanager.memory.process.size", "2g"]]],
      ["grow-process", [["taskmanager.memory.jvm-overhead.min", "205m"], ["taskmanager.memory.process.size", "2049m"]]],
    ]);
    expect(kill.changes[1]!.summary).toContain("the YARN container: 2049 MB");
  });
  it("kills of other programs' containers and pods are not Flink's (Spark, Twill, a YARN app, Elasticsearch, a web app)", () => {
    for (const id of ["more-neg-tfos-282", "more-neg-fluo-321", "more-neg-easyrec-21", "more-neg-eck-1076", "more-neg-hmcts-28772"]) expect(get(id).map((f) => f.kind)).toEqual(["not-flink-memory"]);
  });
});
