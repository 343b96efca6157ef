// Managed memory per slot and consumer: hand-derived numbers, properties, and the golden
// managed-fraction cases seen through the slot breakdown.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { JavaClass } from "../../src/errors.js";
import { slotsBreakdown } from "../../src/slots/slot-breakdown.js";
import { computeMemorySize, rocksDbCacheCapacity, rocksDbWriteBufferManagerCapacity } from "../../src/slots/rocksdb.js";
import { javaDoubleToString } from "../../src/java/numbers.js";
import { USE_CASES, type UseCase } from "../../src/weights/consumer-weights.js";
import { goldenFiles } from "../support/golden.js";
import { failure } from "../support/failure.js";

const P4G: [string, string] = ["taskmanager.memory.process.size", "4g"];
// 4g: managed 1438814063 bytes (README, golden tm cases).
const MANAGED_4G = 1438814063n;

describe("slotsBreakdown", () => {
  it("splits managed memory evenly over slots, rounding down (MemorySize.divide)", () => {
    const r = slotsBreakdown({ flink: "2.0", dynamic: [P4G, ["taskmanager.numberOfTaskSlots", "4"]] });
    expect(r.managed).toBe(MANAGED_4G);
    expect(r.slots).toBe(4);
    expect(r.managedPerSlot).toBe(MANAGED_4G / 4n);
    expect(r.managedPerSlot).toBe(359703515n);
  });

  it("defaults: OPERATOR 70, STATE_BACKEND 70, PYTHON 30 of 170, each share floor(slot × fraction)", () => {
    const r = slotsBreakdown({ flink: "1.20", dynamic: [P4G], consumers: [...USE_CASES], stateBackend: "rocksdb" });
    const perSlot = Number(r.managedPerSlot);
    // Fractions cut to 16 decimals, as Flink's getFractionRoundedDown writes them.
    const expected: Record<UseCase, number> = { OPERATOR: 0.4117647058823529, STATE_BACKEND: 0.4117647058823529, PYTHON: 0.1764705882352941 };
    for (const c of r.consumers) {
      expect(c.fractionValue).toBe(expected[c.useCase]);
      expect(c.bytes).toBe(BigInt(Math.floor(perSlot * expected[c.useCase])));
    }
    expect(r.unassigned).toBe(r.managedPerSlot - r.consumers.reduce((a, c) => a + c.bytes, 0n));
    expect(r.unassigned >= 0n && r.unassigned <= 3n).toBe(true);
  });

  it("a heap (hashmap) backend takes no managed memory and does not count: RocksDB-free jobs give PYTHON all of 30/100", () => {
    const r = slotsBreakdown({ flink: "2.0", dynamic: [P4G], consumers: ["OPERATOR", "STATE_BACKEND", "PYTHON"], stateBackend: "hashmap" });
    const sb = r.consumers.find((c) => c.useCase === "STATE_BACKEND")!;
    expect(sb).toMatchObject({ counted: false, bytes: 0n });
    expect(r.consumers.find((c) => c.useCase === "PYTHON")!.fraction).toBe("0.3");
    expect(r.rocksdb).toBeUndefined();
  });

  it("RocksDB alone gets the whole slot; its stateful operators share one cache; block cache and write buffers split by the ratio", () => {
    const r = slotsBreakdown({ flink: "2.0", dynamic: [P4G, ["taskmanager.numberOfTaskSlots", "2"]], consumers: ["STATE_BACKEND"], stateBackend: "rocksdb", statefulOperators: 3 });
    expect(r.consumers[0]!.fraction).toBe("1.0");
    expect(r.consumers[0]!.bytes).toBe(MANAGED_4G / 2n);
    const perSlot = MANAGED_4G / 2n;
    expect(r.rocksdb).toMatchObject({ source: "managed", perSlot, perOperator: perSlot, statefulOperators: 3, writeBufferRatio: 0.5 });
    // (3 - 0.5) × total / 3 and 2 × total × 0.5 / 3, cut to whole bytes.
    expect(r.rocksdb!.blockCache).toBe(BigInt(Math.trunc((2.5 * Number(perSlot)) / 3)));
    expect(r.rocksdb!.writeBufferManager).toBe(BigInt(Math.trunc(Number(perSlot) / 3)));
  });

  it("fixed-per-slot RocksDB memory replaces the managed share; memory.managed=false leaves it unbounded", () => {
    const fixed = slotsBreakdown({ flink: "1.20", dynamic: [P4G, ["state.backend.type", "rocksdb"], ["state.backend.rocksdb.memory.fixed-per-slot", "100m"]] });
    expect(fixed.rocksdb).toMatchObject({ source: "fixed-per-slot", perSlot: 100n * 1024n * 1024n });
    const off = slotsBreakdown({ flink: "1.20", dynamic: [P4G, ["state.backend.rocksdb.memory.managed", "false"]], stateBackend: "rocksdb" });
    // memory.managed=false does not change the decision: RocksDB is a managed-memory backend, its share stays reserved.
    expect(off.consumers).toMatchObject([{ useCase: "STATE_BACKEND", counted: true, bytes: off.managedPerSlot }]);
    expect(off.rocksdb).toMatchObject({ source: "unbounded", perSlot: 0n });
  });

  it("OPERATOR memory is split among equal-weight operators, each share rounded down", () => {
    const r = slotsBreakdown({ flink: "2.0", dynamic: [P4G], consumers: ["OPERATOR"], operators: 3 });
    expect(r.operator!.fractionOfUseCase).toBe("0.3333333333333333");
    expect(r.operator!.perOperator).toBe(computeMemorySize(r.managedPerSlot, 0.3333333333333333));
  });

  it("a declared consumer with weight 0 gets nothing and Flink's allocation failure is reported", () => {
    const r = slotsBreakdown({ flink: "2.0", dynamic: [P4G, ["taskmanager.memory.managed.consumer-weights", "OPERATOR:1,STATE_BACKEND:1,PYTHON:0"]], consumers: ["STATE_BACKEND", "PYTHON"] });
    const py = r.consumers.find((c) => c.useCase === "PYTHON")!;
    expect(py.bytes).toBe(0n);
    expect(py.failure?.message).toContain("The fraction of memory to allocate should not be 0.");
  });

  it("DATAPROC counts for OPERATOR and STATE_BACKEND in 1.13–1.20 but not in 2.0", () => {
    const w = ["taskmanager.memory.managed.consumer-weights", "DATAPROC:60,PYTHON:40"] as [string, string];
    expect(slotsBreakdown({ flink: "1.20", dynamic: [P4G, w], python: true, stateBackend: "rocksdb" }).consumers[0]!.fraction).toBe("0.6");
    expect(slotsBreakdown({ flink: "2.0", dynamic: [P4G, w], python: true, stateBackend: "rocksdb" }).consumers[0]!.fraction).toBe("0.0");
  });

  it("fails as Flink does: slots below 1, versions without weights", () => {
    // Slots are also the CPU-cores fallback, so 0 slots fails the TaskManager first unless cores are set.
    expect(failure(() => slotsBreakdown({ flink: "2.0", dynamic: [P4G, ["taskmanager.numberOfTaskSlots", "0"]] })).message).toContain("positive number of CPU cores");
    const e = failure(() => slotsBreakdown({ flink: "2.0", dynamic: [P4G, ["taskmanager.numberOfTaskSlots", "0"], ["taskmanager.cpu.cores", "2"]] }));
    expect(e.message).toBe("Invalid configuration value for taskmanager.numberOfTaskSlots : 0 - Number of task slots must be at least one.");
    expect(slotsBreakdown({ flink: "2.0", dynamic: [P4G, ["taskmanager.numberOfTaskSlots", "-1"], ["taskmanager.cpu.cores", "2"]] }).slots).toBe(1);
    expect(failure(() => slotsBreakdown({ flink: "1.11", dynamic: [P4G] })).javaClass).toBe(JavaClass.IllegalArgument);
  });

  it("property: consumers never get more than the slot, and the slot never more than its share of the TaskManager", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.subarray([...USE_CASES], { minLength: 1 }),
        fc.constantFrom("rocksdb", "hashmap" as const),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 3, maxLength: 3 }),
        (slots, consumers, backend, [a, b, c]) => {
          const r = slotsBreakdown({
            flink: "2.0",
            dynamic: [P4G, ["taskmanager.numberOfTaskSlots", String(slots)], ["taskmanager.memory.managed.consumer-weights", `OPERATOR:${a},STATE_BACKEND:${b},PYTHON:${c}`]],
            consumers,
            stateBackend: backend as "rocksdb" | "hashmap",
          });
          expect(r.managedPerSlot * BigInt(slots) <= r.managed).toBe(true);
          expect(r.unassigned >= 0n).toBe(true);
          for (const x of r.consumers) expect(x.bytes >= 0n && x.bytes <= r.managedPerSlot).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("RocksDB arithmetic", () => {
  it("matches Java's double expressions cut to long", () => {
    expect(rocksDbCacheCapacity(300n, 0.5)).toBe(250n);
    expect(rocksDbWriteBufferManagerCapacity(300n, 0.5)).toBe(100n);
    // 2^53 + 1 bytes is not a double: the long is rounded to nearest before multiplying.
    expect(rocksDbCacheCapacity(2n ** 53n + 1n, 0)).toBe(2n ** 53n);
  });
});

describe("golden managed-fraction cases through the slot breakdown", () => {
  const cases = goldenFiles().flatMap((f) => (f.file === "weights.jsonl" ? f.cases : []));
  it("has cases", () => expect(cases.length).toBeGreaterThan(100));
  it("each consumer's share times the operator's fraction of its use case is Flink's fraction; bad weights fail alike", () => {
    let checked = 0;
    for (const c of cases) {
      const input = c.input as Record<string, unknown> & { useCase: UseCase; useCases: UseCase[]; fractionOfUseCase: number; stateBackendUsesManagedMemory: boolean };
      const req = {
        flink: c.flink,
        ...(input.configYaml !== undefined ? { configYaml: input.configYaml } : {}),
        ...(input.flinkConfYaml !== undefined ? { flinkConfYaml: input.flinkConfYaml } : {}),
        dynamic: [...(input.dynamic ?? []), P4G] as [string, string][],
        consumers: input.useCases,
        stateBackend: input.stateBackendUsesManagedMemory ? ("rocksdb" as const) : ("hashmap" as const),
      };
      if (c.expected.error) {
        const e = failure(() => slotsBreakdown(req));
        expect(e.message, c.id).toBe(c.expected.error.message);
        continue;
      }
      const r = slotsBreakdown(req);
      expect(r.weights, c.id).toEqual(c.expected.weights);
      const share = r.consumers.find((x) => x.useCase === input.useCase)!;
      expect(javaDoubleToString(input.fractionOfUseCase * share.fractionValue), c.id).toBe(c.expected.fraction);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });
});
