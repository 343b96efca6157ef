import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { resolveJobManager, resolveLocal, resolveTaskManager } from "../../src/resolve.js";
import { FlinkError } from "../../src/errors.js";
import { GiB, MiB } from "../../src/size/memory-size.js";

const size = fc.oneof(
  fc.bigInt({ min: 0n, max: 64n * GiB }).map((b) => `${b}`),
  fc.integer({ min: 0, max: 65536 }).map((m) => `${m}m`),
  fc.integer({ min: 0, max: 64 }).map((g) => `${g}g`),
);
const fraction = fc.oneof(fc.constantFrom("0", "0.1", "0.4", "0.99", "1", "-0.1", "NaN"), fc.float({ min: 0, max: 1, noNaN: true }).map(String));
const anyText = fc.string({ maxLength: 12 });

const tmKeys = {
  "taskmanager.memory.process.size": size,
  "taskmanager.memory.flink.size": size,
  "taskmanager.memory.task.heap.size": size,
  "taskmanager.memory.managed.size": size,
  "taskmanager.memory.framework.heap.size": size,
  "taskmanager.memory.framework.off-heap.size": size,
  "taskmanager.memory.task.off-heap.size": size,
  "taskmanager.memory.network.min": size,
  "taskmanager.memory.network.max": size,
  "taskmanager.memory.network.fraction": fraction,
  "taskmanager.memory.managed.fraction": fraction,
  "taskmanager.memory.jvm-metaspace.size": size,
  "taskmanager.memory.jvm-overhead.min": size,
  "taskmanager.memory.jvm-overhead.max": size,
  "taskmanager.memory.jvm-overhead.fraction": fraction,
  "taskmanager.numberOfTaskSlots": fc.integer({ min: -1, max: 64 }).map(String),
};
const jmKeys = {
  "jobmanager.memory.process.size": size,
  "jobmanager.memory.flink.size": size,
  "jobmanager.memory.heap.size": size,
  "jobmanager.memory.off-heap.size": size,
  "jobmanager.memory.jvm-metaspace.size": size,
  "jobmanager.memory.jvm-overhead.min": size,
  "jobmanager.memory.jvm-overhead.max": size,
  "jobmanager.memory.jvm-overhead.fraction": fraction,
  "jobmanager.memory.enable-jvm-direct-memory-limit": fc.constantFrom("true", "false", "TRUE", "yes"),
};

function dynamicFrom(keys: Record<string, fc.Arbitrary<string>>) {
  return fc.record(keys, { requiredKeys: [] }).map((r) => Object.entries(r) as [string, string][]);
}

const versions = fc.constantFrom("1.20", "2.0");

describe("TaskManager properties", () => {
  it("a resolved TaskManager adds up and its flags agree with its components", () => {
    fc.assert(
      fc.property(dynamicFrom(tmKeys), versions, (dynamic, flink) => {
        let r;
        try {
          r = resolveTaskManager({ flink, dynamic });
        } catch (e) {
          expect(e).toBeInstanceOf(FlinkError);
          return;
        }
        const s = r.spec;
        expect(s.frameworkHeap + s.taskHeap + s.frameworkOffHeap + s.taskOffHeap + s.network + s.managed).toBe(s.totalFlink);
        expect(s.totalFlink + s.metaspace + s.overhead).toBe(s.totalProcess);
        expect(s.jvmHeap).toBe(s.frameworkHeap + s.taskHeap);
        expect(s.jvmDirect).toBe(s.frameworkOffHeap + s.taskOffHeap + s.network);
        expect(r.jvmParameters).toBe(`-Xmx${s.jvmHeap} -Xms${s.jvmHeap} -XX:MaxDirectMemorySize=${s.jvmDirect} -XX:MaxMetaspaceSize=${s.metaspace}`);
        const configured = Object.fromEntries(dynamic);
        if (configured["taskmanager.memory.process.size"] && !configured["taskmanager.memory.flink.size"] && !(configured["taskmanager.memory.task.heap.size"] && configured["taskmanager.memory.managed.size"])) {
          expect(s.totalProcess).toBe(r.config.get(r.config.options.get<"memory">("tm.process")));
        }
        for (const [k, v] of [["taskmanager.memory.network.min", s.network], ["taskmanager.memory.network.max", s.network]] as const) {
          expect(r.dynamicConfigs).toContain(`-D ${k}=${v}b`);
        }
        expect(s.overhead).toBeGreaterThanOrEqual(r.config.get(r.config.options.get<"memory">("tm.overheadMin"))!);
        expect(s.overhead).toBeLessThanOrEqual(r.config.get(r.config.options.get<"memory">("tm.overheadMax"))!);
        expect(s.network).toBeGreaterThanOrEqual(r.config.get(r.config.options.get<"memory">("tm.networkMin"))!);
        expect(s.network).toBeLessThanOrEqual(r.config.get(r.config.options.get<"memory">("tm.networkMax"))!);
      }),
      { numRuns: 3000 },
    );
  });

  it("no input string makes the engine throw anything but its typed error", () => {
    const keys = Object.keys(tmKeys);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...keys), anyText), { maxLength: 6 }), versions, (dynamic, flink) => {
        try {
          resolveTaskManager({ flink, dynamic });
          resolveLocal({ flink, dynamic });
        } catch (e) {
          expect(e).toBeInstanceOf(FlinkError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("the default 1728m TaskManager matches Flink's documented numbers", () => {
    const r = resolveTaskManager({ flink: "2.0", dynamic: [["taskmanager.memory.process.size", "1728m"]] });
    expect(r.spec.managed).toBe(536870920n);
    expect(r.spec.network).toBe(134217730n);
    expect(r.spec.taskHeap).toBe(402653174n);
    expect(r.spec.overhead).toBe(192n * MiB);
    expect(r.jvmParameters).toBe("-Xmx536870902 -Xms536870902 -XX:MaxDirectMemorySize=268435458 -XX:MaxMetaspaceSize=268435456");
  });
});

describe("JobManager properties", () => {
  it("a resolved JobManager adds up and its flags agree with its components", () => {
    fc.assert(
      fc.property(dynamicFrom(jmKeys), versions, (dynamic, flink) => {
        let r;
        try {
          r = resolveJobManager({ flink, dynamic });
        } catch (e) {
          expect(e).toBeInstanceOf(FlinkError);
          return;
        }
        const s = r.spec;
        expect(s.jvmHeap + s.offHeap).toBe(s.totalFlink);
        expect(s.totalFlink + s.metaspace + s.overhead).toBe(s.totalProcess);
        const direct = s.directMemoryLimit ? ` -XX:MaxDirectMemorySize=${s.offHeap}` : "";
        expect(r.jvmParameters).toBe(`-Xmx${s.jvmHeap} -Xms${s.jvmHeap}${direct} -XX:MaxMetaspaceSize=${s.metaspace}`);
      }),
      { numRuns: 2000 },
    );
  });
});
