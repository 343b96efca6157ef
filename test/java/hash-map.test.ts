import { describe, expect, it } from "vitest";
import { javaHashMapOrder } from "../../src/java/hash-map.js";
import { javaHashCode, javaTrim } from "../../src/java/text.js";

describe("Java HashMap iteration order", () => {
  it("reproduces the 8-key order of Flink 1.10-1.12 TaskManager dynamic configs", () => {
    const insertion = [
      "taskmanager.cpu.cores", "taskmanager.memory.framework.heap.size", "taskmanager.memory.framework.off-heap.size",
      "taskmanager.memory.task.heap.size", "taskmanager.memory.task.off-heap.size", "taskmanager.memory.network.min",
      "taskmanager.memory.network.max", "taskmanager.memory.managed.size",
    ];
    expect(javaHashMapOrder(insertion)).toEqual([
      "taskmanager.memory.framework.off-heap.size", "taskmanager.memory.network.max", "taskmanager.memory.network.min",
      "taskmanager.memory.framework.heap.size", "taskmanager.memory.managed.size", "taskmanager.cpu.cores",
      "taskmanager.memory.task.heap.size", "taskmanager.memory.task.off-heap.size",
    ]);
  });

  it("reproduces the JobManager order", () => {
    expect(javaHashMapOrder([
      "jobmanager.memory.heap.size", "jobmanager.memory.off-heap.size", "jobmanager.memory.jvm-metaspace.size",
      "jobmanager.memory.jvm-overhead.min", "jobmanager.memory.jvm-overhead.max",
    ])).toEqual([
      "jobmanager.memory.off-heap.size", "jobmanager.memory.jvm-overhead.min", "jobmanager.memory.jvm-metaspace.size",
      "jobmanager.memory.heap.size", "jobmanager.memory.jvm-overhead.max",
    ]);
  });

  it("keeps the first position of a key put twice", () => {
    expect(javaHashMapOrder(["a", "b", "a"])).toEqual(javaHashMapOrder(["a", "b"]));
  });
});

describe("Java String helpers", () => {
  it("hashCode and trim", () => {
    expect(javaHashCode("")).toBe(0);
    expect(javaHashCode("taskmanager.cpu.cores")).toBe(javaHashCode("taskmanager.cpu.cores"));
    expect(javaHashCode("Aa")).toBe(javaHashCode("BB"));
    expect(javaTrim("\u0001 x \t")).toBe("x");
    expect(javaTrim("\u00a0x")).toBe("\u00a0x");
  });
});
