// Values at the edges: 0, 1 byte, 2^63-1 ("infinite"), sums past 2^63-1, fractions 0, 1, just
// below 1, and the floats whose widening to double differs most from their decimal text.
import { describe, expect, it } from "vitest";
import { FlinkError, JavaClass } from "../../src/errors.js";
import { addSizes, MAX_BYTES, multiplySize, parseMemorySize, sumSizes } from "../../src/size/memory-size.js";
import { convertToFloat } from "../../src/config/convert.js";
import { resolveJobManager, resolveTaskManager } from "../../src/resolve.js";
import { checkEngineResult } from "../../fuzz/targets.js";

const MAX = "9223372036854775807";
const tm = (...d: [string, string][]) => resolveTaskManager({ flink: "2.2", dynamic: d });
const fails = (f: () => unknown): FlinkError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FlinkError);
    return e as FlinkError;
  }
  throw new Error("expected a FlinkError");
};
const resolved = (r: ReturnType<typeof tm>) => {
  checkEngineResult("tm", r.spec as unknown as Record<string, unknown>, r.jvmParameters, r.trace, r.config);
  return r.spec;
};

describe("sizes at the edges", () => {
  it("0, 1 byte and 2^63-1 parse; one more overflows with Flink's message", () => {
    expect(parseMemorySize("0")).toBe(0n);
    expect(parseMemorySize("1b")).toBe(1n);
    expect(parseMemorySize(MAX)).toBe(MAX_BYTES);
    expect(parseMemorySize(`${MAX} bytes`)).toBe(MAX_BYTES);
    expect(fails(() => parseMemorySize("9223372036854775808")).message).toBe(
      "The value '9223372036854775808' cannot be re represented as 64bit number (numeric overflow).",
    );
    expect(fails(() => parseMemorySize("8388608t")).message).toBe("The value '8388608t' cannot be re represented as 64bit number of bytes (numeric overflow).");
    expect(parseMemorySize("8388607t")).toBe(8388607n * 2n ** 40n);
  });

  it("sums past 2^63-1 fail as Math.addExact does: ArithmeticException 'long overflow'", () => {
    expect(addSizes(MAX_BYTES - 1n, 1n)).toBe(MAX_BYTES);
    const e = fails(() => addSizes(MAX_BYTES, 1n));
    expect([e.javaClass, e.message]).toEqual([JavaClass.Arithmetic, "long overflow"]);
    expect(fails(() => sumSizes(2n ** 62n, 2n ** 62n)).message).toBe("long overflow");
    expect(fails(() => multiplySize(MAX_BYTES, 1.5)).message).toBe("long overflow");
    expect(multiplySize(MAX_BYTES, 1)).toBe(MAX_BYTES);
  });

  it("the engine: an infinite total process resolves; sums that overflow fail with 'long overflow'", () => {
    const s = resolved(tm(["taskmanager.memory.process.size", `${MAX}b`]));
    expect(s.totalProcess).toBe(MAX_BYTES);
    for (const d of [
      [["taskmanager.memory.task.heap.size", `${MAX}b`], ["taskmanager.memory.managed.size", "1b"]],
      [["taskmanager.memory.flink.size", `${MAX}b`]],
    ] as [string, string][][]) {
      const e = fails(() => tm(...d));
      expect([e.javaClass, e.message]).toEqual([JavaClass.Arithmetic, "long overflow"]);
    }
    expect(resolveJobManager({ flink: "2.2", dynamic: [["jobmanager.memory.process.size", `${MAX}b`]] }).spec.totalProcess).toBe(MAX_BYTES);
  });

  it("0 and 1 byte totals fail with Flink's message", () => {
    for (const size of ["0b", "1b"]) {
      const e = fails(() => tm(["taskmanager.memory.process.size", size]));
      expect(e.causes[0]).toMatch(/^Sum of configured JVM Metaspace \(256\.000mb \(268435456 bytes\)\) and JVM Overhead \(192\.000mb \(201326592 bytes\)\) exceed configured Total Process Memory \((0|1) bytes\)\.$/);
    }
  });
});

describe("fractions at the edges", () => {
  it("0 gives nothing (or the minimum); 1 is outside [0, 1)", () => {
    expect(resolved(tm(["taskmanager.memory.process.size", "4g"], ["taskmanager.memory.managed.fraction", "0"])).managed).toBe(0n);
    expect(resolved(tm(["taskmanager.memory.process.size", "4g"], ["taskmanager.memory.network.fraction", "0"], ["taskmanager.memory.network.min", "0"])).network).toBe(0n);
    for (const key of ["managed.fraction", "network.fraction", "jvm-overhead.fraction"]) {
      const e = fails(() => tm(["taskmanager.memory.process.size", "4g"], [`taskmanager.memory.${key}`, "1"]));
      expect(e.causes.at(-1)).toBe("fraction must be in range [0, 1)");
    }
  });

  it("just below 1 (0.99999994f): overhead is capped to its max; managed or network leave no room", () => {
    expect(convertToFloat({ t: "str", v: "0.99999994" })).toBe(0.9999999403953552);
    const s = resolved(tm(["taskmanager.memory.process.size", "4g"], ["taskmanager.memory.jvm-overhead.fraction", "0.99999994"]));
    expect(s.overhead).toBe(1024n * 1024n * 1024n);
    for (const key of ["managed.fraction", "network.fraction"]) {
      const e = fails(() => tm(["taskmanager.memory.process.size", "4g"], [`taskmanager.memory.${key}`, "0.99999994"]));
      expect(e.causes[0]).toMatch(/^Sum of configured Framework Heap Memory .* exceed configured Total Flink Memory/);
    }
  });

  it("the float whose widening differs most from its 3-digit text is applied widened, as Flink does", () => {
    // Of k/1000 in (0, 1), the one whose float, widened to double, is furthest from its decimal text.
    let worst = 1;
    let gap = 0;
    for (let k = 1; k < 1000; k++) {
      const g = Math.abs(Math.fround(k / 1000) - k / 1000);
      if (g > gap) [worst, gap] = [k, g];
    }
    const text = String(worst / 1000);
    const widened = Math.fround(worst / 1000);
    expect(convertToFloat({ t: "str", v: text })).toBe(widened);
    // BigDecimal.valueOf(widened) × total Flink memory, truncated: computed here from the double's digits.
    const digits = String(widened);
    expect(digits).toMatch(/^0\.\d+$/);
    const scale = digits.length - 2;
    const total = 1n << 30n;
    const expected = (total * BigInt(digits.slice(2))) / 10n ** BigInt(scale);
    const naive = (total * BigInt(String(worst).padStart(3, "0"))) / 1000n;
    expect(expected).not.toBe(naive);
    const s = resolved(tm(["taskmanager.memory.flink.size", "1g"], ["taskmanager.memory.managed.fraction", text], ["taskmanager.memory.network.min", "0"]));
    expect(s.managed).toBe(expected);
  });
});
