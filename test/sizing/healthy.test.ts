// Healthy answers: the floors are the ones our lint uses, every `size` and `fit` answer is
// healthy and lint-clean when one exists (else it says why), and `fit` finds a configuration
// whenever one exists by shrinking metaspace and overhead within the declared floors.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fitContainer } from "../../src/sizing/fit.js";
import { healthyProcessSize } from "../../src/sizing/inverse.js";
import { answerWarnings } from "../../src/sizing/verify.js";
import { healthContextOf, healthIssues, JM_MIN_HEAP, METASPACE_FLOOR, TASK_HEAP_PER_SLOT, TASK_HEAP_PER_SLOT_HEAP_BACKEND } from "../../src/sizing/healthy.js";
import { JM_MIN_RECOMMENDED_HEAP, type JobManagerSpec } from "../../src/model/jobmanager.js";
import type { TaskManagerSpec } from "../../src/model/taskmanager.js";
import { applyChanges } from "../../src/fix/changes.js";
import { Prober, resolveRequest } from "../../src/fix/probe.js";
import { lintConfigText } from "../../src/lint/lint.js";
import { GiB, MiB } from "../../src/size/memory-size.js";
import type { ResolveRequest } from "../../src/resolve.js";

const spec = (target: "tm" | "jm", req: ResolveRequest) => {
  const o = resolveRequest(target, req);
  if (!o.ok || !o.spec || o.spec.kind === "tm-local") throw new Error("does not resolve");
  return o.spec as TaskManagerSpec | JobManagerSpec;
};
const health = (target: "tm" | "jm", req: ResolveRequest) => healthContextOf(Prober.of(target, req)!.config, target);

describe("the healthy floors", () => {
  it("the JobManager heap floor is the constant lint's heap-below-minimum uses: it warns one MiB below, not at it", () => {
    expect(JM_MIN_HEAP).toBe(JM_MIN_RECOMMENDED_HEAP);
    expect(JM_MIN_HEAP).toBe(128n * MiB);
    const lint = (heap: string) => lintConfigText(`jobmanager.memory.heap.size: ${heap}\ntaskmanager.memory.process.size: 2g\n`, { source: "config.yaml", flink: "2.2" }).map((f) => f.ruleId);
    expect(lint("127m")).toContain("heap-below-minimum");
    expect(lint("128m")).not.toContain("heap-below-minimum");
  });

  it("names what is wrong: a 1-byte JobManager heap, a 0-byte task heap, RocksDB without managed memory", () => {
    const jm = { dynamic: [["jobmanager.memory.process.size", "603979777b"]] as [string, string][] };
    expect(healthIssues(spec("jm", jm), health("jm", jm)).map((i) => i.why)).toEqual([
      "-Xmx1 is below the 16 MiB a JVM needs to start",
      "the JobManager heap is 1 B, below Flink's recommended minimum of 128 MiB (a smaller JobManager tends to fail with OutOfMemoryError)",
    ]);
    const tm = { dynamic: [["taskmanager.memory.process.size", "1029002586b"]] as [string, string][] };
    expect(healthIssues(spec("tm", tm), health("tm", tm)).map((i) => i.component)).toEqual(["task heap"]);
    const rocks = { configYaml: "state.backend.type: rocksdb\ntaskmanager.memory.process.size: 2g\ntaskmanager.memory.managed.size: 0\n" };
    expect(healthIssues(spec("tm", rocks), health("tm", rocks)).map((i) => i.component)).toEqual(["managed memory"]);
    // Managed 0 asked for with the hashmap backend is fine; so is Flink's default 1728m TaskManager.
    const hashmap = { configYaml: "state.backend.type: hashmap\ntaskmanager.memory.process.size: 2g\ntaskmanager.memory.managed.size: 0\n" };
    expect(healthIssues(spec("tm", hashmap), health("tm", hashmap))).toEqual([]);
    const shipped = { dynamic: [["taskmanager.memory.process.size", "1728m"]] as [string, string][] };
    expect(healthIssues(spec("tm", shipped), health("tm", shipped))).toEqual([]);
  });
});

describe("size: the least healthy process", () => {
  it("JobManager: 704 MiB (a 128 MiB heap), and it says Flink accepts 576 MiB + 1 byte", () => {
    const r = healthyProcessSize("jm", { flink: "2.2" }, {});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.processSize).toBe(704n * MiB);
    expect(r.spec.kind === "jm" && r.spec.jvmHeap).toBe(128n * MiB);
    expect(r.warnings).toEqual([]);
    expect(r.notes!.join("\n")).toContain("Flink accepts 603979777 bytes (576 MiB) for these parts, but -Xmx1 is below the 16 MiB a JVM needs to start");
  });

  it("property: healthy, lint-clean, meets the goals; one byte less is not (or falls short)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("1.11.6", "1.14.5", "1.17", "1.20", "2.2"),
        fc.constantFrom<"tm" | "jm">("tm", "jm"),
        fc.integer({ min: 1, max: 16 }),
        fc.constantFrom(undefined, "rocksdb" as const, "hashmap" as const),
        fc.option(fc.bigInt({ min: 0n, max: 2n * GiB }), { nil: undefined }),
        (flink, target, slots, stateBackend, want) => {
          const goals = target === "tm" ? { slots, ...(want !== undefined ? { minTaskHeap: want } : {}) } : want !== undefined ? { minJvmHeap: want } : {};
          const req = { flink };
          const r = healthyProcessSize(target, req, goals, target === "tm" && stateBackend ? { stateBackend } : {});
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(r.warnings).toEqual([]);
          const o = resolveRequest(target, applyChanges(req, r.changes));
          expect(o.ok).toBe(true);
          const h = healthContextOf(Prober.of(target, applyChanges(req, r.changes))!.config, target, target === "tm" && stateBackend ? { backend: stateBackend } : {});
          const s = (o.ok ? o.spec : undefined) as TaskManagerSpec | JobManagerSpec;
          expect(healthIssues(s, h)).toEqual([]);
          expect(answerWarnings(target, req, r.changes, target === "tm" ? stateBackend : undefined)).toEqual([]);
          if (target === "tm") expect((s as TaskManagerSpec).taskHeap).toBeGreaterThanOrEqual((stateBackend === "hashmap" ? TASK_HEAP_PER_SLOT_HEAP_BACKEND : TASK_HEAP_PER_SLOT) * BigInt(slots));
          else expect(s.jvmHeap).toBeGreaterThanOrEqual(JM_MIN_HEAP);
          // One byte less, with the same settings: Flink refuses, a goal is missed, or it is not healthy.
          const less = r.changes.map((c) => (c.key.endsWith("memory.process.size") ? { key: c.key, set: `${r.processSize - 1n}b` } : c));
          const ol = resolveRequest(target, applyChanges(req, less));
          const lessSpec = ol.ok ? (ol.spec as TaskManagerSpec | JobManagerSpec) : undefined;
          const lessFine = lessSpec !== undefined && healthIssues(lessSpec, h).length === 0 && (target === "tm" ? (lessSpec as TaskManagerSpec).taskHeap >= (want ?? 0n) : lessSpec.jvmHeap >= (want ?? 0n));
          expect(lessFine).toBe(false);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("fit: healthy when possible, by the smallest change", () => {
  it("a 512Mi JobManager fits with a smaller metaspace and overhead, and says so", () => {
    const r = fitContainer("jm", { flink: "2.2" }, 512n * MiB, {});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual([]);
    expect(r.spec.kind === "jm" && r.spec.jvmHeap).toBeGreaterThanOrEqual(128n * MiB);
    expect(r.spec.metaspace).toBeGreaterThanOrEqual(METASPACE_FLOOR);
    expect(r.spec.metaspace).toBeLessThan(256n * MiB);
    expect(r.notes.join("\n")).toMatch(/jobmanager\.memory\.jvm-metaspace\.size \d+m \(from 256 MiB\): the most that fits; we do not shrink it below 128 MiB/);
    expect(r.notes.join("\n")).toMatch(/jobmanager\.memory\.jvm-overhead\.min \d+m \(JVM overhead was 192 MiB\)/);
  });

  it("a 1Gi TaskManager with 4 slots: 64 MiB of task heap per slot, managed kept for RocksDB", () => {
    const r = fitContainer("tm", { flink: "2.2", configYaml: "state.backend.type: rocksdb\n" }, GiB, { slots: 4 });
    expect(r.ok).toBe(true);
    if (!r.ok || r.spec.kind !== "tm") return;
    expect(r.warnings).toEqual([]);
    expect(r.spec.taskHeap).toBeGreaterThanOrEqual(4n * TASK_HEAP_PER_SLOT);
    expect(r.spec.managed).toBeGreaterThan(100n * MiB);
  });

  it("hashmap: managed memory goes to the heap; when no healthy split fits, it warns and names the size that would", () => {
    const r = fitContainer("tm", { flink: "2.2" }, GiB, { slots: 4 }, { stateBackend: "hashmap" });
    expect(r.ok).toBe(true);
    if (!r.ok || r.spec.kind !== "tm") return;
    expect(r.spec.managed).toBe(0n);
    expect(r.warnings.join()).toMatch(/the task heap is \d+(\.\d+)? MiB per slot \(4 slots\), below the 128 MiB per slot we call room to work with state on the heap/);
    expect(r.notes.join()).toMatch(/no configuration of 1 GiB is healthy: a healthy process with these goals needs at least \d+ bytes/);
    const big = fitContainer("tm", { flink: "2.2" }, 2n * GiB, { slots: 4 }, { stateBackend: "hashmap" });
    expect(big.ok && big.warnings).toEqual([]);
  });

  it("property: a container at least the least healthy size always gets a healthy, lint-clean fit", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("1.14.5", "1.17", "1.20", "2.2"),
        fc.constantFrom<"tm" | "jm">("tm", "jm"),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom(undefined, "rocksdb" as const, "hashmap" as const),
        fc.bigInt({ min: 0n, max: 4n * GiB }),
        (flink, target, slots, stateBackend, extra) => {
          const goals = target === "tm" ? { slots } : {};
          const opts = target === "tm" && stateBackend ? { stateBackend } : {};
          const least = healthyProcessSize(target, { flink }, goals, opts);
          expect(least.ok).toBe(true);
          if (!least.ok) return;
          const r = fitContainer(target, { flink }, least.processSize + extra, goals, opts);
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(r.warnings).toEqual([]);
          expect(r.spec.kind !== "tm-local" && r.spec.totalProcess).toBe(least.processSize + extra);
        },
      ),
      { numRuns: 30 },
    );
  });
});
