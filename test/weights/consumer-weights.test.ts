// Managed-memory consumer weights and fractions (ManagedMemoryUtils), unit tests, properties
// and every golden `managed-fraction` case.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { FlinkError, JavaClass } from "../../src/errors.js";
import { Configuration } from "../../src/config/configuration.js";
import { optionsFor } from "../../src/options/registry.js";
import {
  exactDecimal,
  fractionOfSlot,
  fractionRoundedDown,
  parseConsumerWeights,
  resolveManagedFraction,
  USE_CASES,
  type UseCase,
} from "../../src/weights/consumer-weights.js";
import { goldenFiles, type GoldenCase } from "../support/golden.js";
import { failure } from "../support/failure.js";

const KEY = "taskmanager.memory.managed.consumer-weights";

function configWith(flink: string, weights?: string, standardYaml = true): Configuration {
  const conf = new Configuration({ options: optionsFor(flink), standardYaml });
  if (weights !== undefined) conf.setRaw(KEY, { t: "str", v: weights }, { source: "config.yaml", line: 3, column: 46 });
  return conf;
}

const weightsOf = (flink: string, weights?: string) => Object.fromEntries(parseConsumerWeights(configWith(flink, weights)));


describe("parseConsumerWeights", () => {
  it("uses the defaults: OPERATOR:70, STATE_BACKEND:70, PYTHON:30", () => {
    for (const flink of ["1.13", "1.20", "2.0", "2.2"]) {
      expect([...parseConsumerWeights(configWith(flink))]).toEqual([
        ["OPERATOR", 70],
        ["STATE_BACKEND", 70],
        ["PYTHON", 30],
      ]);
    }
  });

  it("1.12: the default DATAPROC:70,PYTHON:30 weighs operators and state backends alike", () => {
    expect(weightsOf("1.12")).toEqual({ OPERATOR: 70, STATE_BACKEND: 70, PYTHON: 30 });
  });

  it("gives no weight to a use case whose name is not configured", () => {
    expect(weightsOf("2.0", "PYTHON:5")).toEqual({ PYTHON: 5 });
    expect(weightsOf("2.0", "")).toEqual({});
    expect([...parseConsumerWeights(configWith("2.0", "PYTHON:1,STATE_BACKEND:2,OPERATOR:3")).keys()]).toEqual(USE_CASES);
  });

  it("1.13–1.20: DATAPROC stands for OPERATOR and STATE_BACKEND when their own name is absent", () => {
    expect(weightsOf("1.20", "DATAPROC:10,PYTHON:5")).toEqual({ OPERATOR: 10, STATE_BACKEND: 10, PYTHON: 5 });
    expect(weightsOf("1.20", "OPERATOR:1,DATAPROC:10")).toEqual({ OPERATOR: 1, STATE_BACKEND: 10 });
    expect(weightsOf("1.13", "STATE_BACKEND:0,DATAPROC:10")).toEqual({ OPERATOR: 10, STATE_BACKEND: 0 });
  });

  it("2.x: DATAPROC and other names are ignored", () => {
    expect(weightsOf("2.0", "DATAPROC:10,PYTHON:5,UNKNOWN:x")).toEqual({ PYTHON: 5 });
    expect(weightsOf("1.20", "UNKNOWN:-1,OPERATOR:2")).toEqual({ OPERATOR: 2 });
  });

  it("reads prefix keys (`...consumer-weights.OPERATOR: 5`)", () => {
    const conf = new Configuration({ options: optionsFor("2.0"), standardYaml: true });
    conf.setRaw(`${KEY}.OPERATOR`, { t: "int", v: 5n });
    conf.setRaw(`${KEY}.PYTHON`, { t: "str", v: "7" });
    expect(Object.fromEntries(parseConsumerWeights(conf))).toEqual({ OPERATOR: 5, PYTHON: 7 });
  });

  it.each([
    ["2.0", "OPERATOR:x", JavaClass.NumberFormat, 'For input string: "x"'],
    ["2.0", "OPERATOR:2.5", JavaClass.NumberFormat, 'For input string: "2.5"'],
    ["2.0", "OPERATOR:' 7'", JavaClass.NumberFormat, 'For input string: " 7"'],
    ["2.0", "OPERATOR:2147483648", JavaClass.NumberFormat, 'For input string: "2147483648"'],
    ["2.0", "OPERATOR:''", JavaClass.NumberFormat, 'For input string: ""'],
    ["2.0", "PYTHON:-1,OPERATOR:x", JavaClass.NumberFormat, 'For input string: "x"'],
    ["2.0", "PYTHON:x,OPERATOR:-1", JavaClass.IllegalConfiguration, "Managed memory weight should not be negative. Configured weight for OPERATOR is -1."],
    ["1.20", "DATAPROC:-3", JavaClass.IllegalConfiguration, "Managed memory weight should not be negative. Configured weight for OPERATOR is -3."],
    ["1.20", "OPERATOR:1,DATAPROC:-3", JavaClass.IllegalConfiguration, "Managed memory weight should not be negative. Configured weight for STATE_BACKEND is -3."],
    ["2.0", "STATE_BACKEND:-2147483648", JavaClass.IllegalConfiguration, "Managed memory weight should not be negative. Configured weight for STATE_BACKEND is -2147483648."],
    ["1.12", "DATAPROC:-1", JavaClass.IllegalConfiguration, "Managed memory weight should not be negative. Configured weight for DATAPROC is -1."],
    ["1.12", "OPERATOR:1", JavaClass.IllegalConfiguration, "Unknown managed memory consumer: OPERATOR"],
    ["1.12", "OPERATOR:x", JavaClass.NumberFormat, 'For input string: "x"'],
  ])("Flink %s, %j: %s %s", (flink, weights, cls, message) => {
    const e = failure(() => parseConsumerWeights(configWith(flink, weights)));
    expect(e.javaClass).toBe(cls);
    expect(e.message).toBe(message);
    expect(e.rootKey).toBe(KEY);
  });

  it("fails with 'Could not parse value' when the map does not parse", () => {
    const e = failure(() => parseConsumerWeights(configWith("2.0", "PYTHON:1,OPERATOR")));
    expect(e.javaClass).toBe(JavaClass.IllegalArgument);
    expect(e.message).toBe(`Could not parse value 'PYTHON:1,OPERATOR' for key '${KEY}'.`);
    expect(e.causes).toEqual(["Map item is not a key-value pair (missing ':'?)"]);
  });
});

describe("exactDecimal", () => {
  it.each([
    [0, "0"],
    [-0, "0"],
    [1, "1"],
    [0.5, "0.5"],
    [0.1, "0.1000000000000000055511151231257827021181583404541015625"],
    [-0.3333333333333333, "-0.333333333333333314829616256247390992939472198486328125"],
    [142857142.85714287, "142857142.857142865657806396484375"],
    [2 ** 70, "1180591620717411303424"],
  ])("%d -> %s", (d, s) => {
    expect(exactDecimal(d)).toBe(s);
  });

  it("writes subnormals in full", () => {
    const s = exactDecimal(Number.MIN_VALUE);
    expect(s.startsWith("0." + "0".repeat(323) + "4940656458412465441765687928682213723650598026143247644255856825")).toBe(true);
    expect(s.endsWith("7538682506419718265533447265625")).toBe(true);
    expect(s.length).toBe(2 + 1074);
  });

  it("is exact: it parses back to the same double (property)", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (d) => {
        expect(Number(exactDecimal(d))).toBe(d === 0 ? 0 : d);
      }),
    );
  });
});

describe("fractionRoundedDown", () => {
  it.each([
    [1, 3, "0.3333333333333333", "0.333333333333333314829616256247390992939472198486328125"],
    [2, 3, "0.6666666666666666", "0.66666666666666662965923251249478198587894439697265625"],
    [70, 170, "0.4117647058823529", "0.41176470588235292158429956543841399252414703369140625"],
    [30, 170, "0.1764705882352941", "0.176470588235294101320249637865344993770122528076171875"],
    [-1, 3, "-0.3333333333333333", "-0.333333333333333314829616256247390992939472198486328125"],
    [1000000000, 7, "1.4285714285714287E8", "142857142.857142865657806396484375"],
    [0, 5, "0.0", "0"],
    [5, 5, "1.0", "1"],
    [91, 182, "0.5", "0.5"],
  ])("%d/%d = %s", (a, b, text, exact) => {
    const r = fractionRoundedDown(a, b);
    expect(r.text).toBe(text);
    expect(r.exact).toBe(exact);
  });

  it("fails with Java's ArithmeticException for a zero divisor", () => {
    for (const [a, message] of [[0, "/ by zero"], [922, "/ by zero"], [-922, "/ by zero"], [923, "BigInteger divide by zero"], [-923, "BigInteger divide by zero"]] as const) {
      const e = failure(() => fractionRoundedDown(a, 0));
      expect(e.javaClass).toBe(JavaClass.Arithmetic);
      expect(e.message).toBe(message);
    }
  });

  it("never exceeds the quotient and is below it by at most 1e-16 plus rounding (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (divisor, n) => {
        const dividend = n % (divisor + 1);
        const r = fractionRoundedDown(dividend, divisor).value;
        // dividend / divisor in JS is the quotient rounded to nearest; rounding is monotonic.
        expect(r).toBeLessThanOrEqual(dividend / divisor);
        expect(dividend / divisor - r).toBeLessThanOrEqual(1e-16 + 2 ** -53);
      }),
    );
  });
});

describe("fractionOfSlot", () => {
  const W = (o: Partial<Record<UseCase, number>>) => new Map(Object.entries(o) as [UseCase, number][]);
  const defaults = W({ OPERATOR: 70, STATE_BACKEND: 70, PYTHON: 30 });

  it("shares a slot by the weights of the use cases in it", () => {
    const r = fractionOfSlot({ useCase: "STATE_BACKEND", fractionOfUseCase: 0.8745, useCases: ["STATE_BACKEND", "OPERATOR"], stateBackendUsesManagedMemory: true, weights: defaults });
    expect(r.text).toBe("0.43725");
    expect(r.exact).toBe("0.43725000000000002753353101070388220250606536865234375");
    expect(fractionOfSlot({ useCase: "PYTHON", fractionOfUseCase: 0.3, useCases: ["PYTHON", "OPERATOR"], stateBackendUsesManagedMemory: false, weights: W({ OPERATOR: 70, PYTHON: 30 }) }).text).toBe("0.09");
    const r2 = fractionOfSlot({ useCase: "OPERATOR", fractionOfUseCase: 0.3, useCases: ["PYTHON", "OPERATOR", "PYTHON"], stateBackendUsesManagedMemory: true, weights: W({ OPERATOR: 70, PYTHON: 30 }) });
    expect(r2.text).toBe("0.21");
    expect(r2.exact).toBe("0.2099999999999999922284388276239042170345783233642578125");
  });

  it("gives STATE_BACKEND nothing, and does not count it, when the state backend does not use managed memory", () => {
    const base = { fractionOfUseCase: 1, useCases: ["STATE_BACKEND", "OPERATOR"] as UseCase[], stateBackendUsesManagedMemory: false, weights: defaults };
    expect(fractionOfSlot({ ...base, useCase: "STATE_BACKEND" }).text).toBe("0.0");
    expect(fractionOfSlot({ ...base, useCase: "OPERATOR" }).text).toBe("1.0");
    expect(fractionOfSlot({ ...base, useCase: "OPERATOR", stateBackendUsesManagedMemory: true }).text).toBe("0.5");
  });

  it("gives 0 when the total weight is 0, or the use case has no weight", () => {
    expect(fractionOfSlot({ useCase: "PYTHON", fractionOfUseCase: 1, useCases: ["PYTHON"], stateBackendUsesManagedMemory: true, weights: W({ PYTHON: 0 }) }).exact).toBe("0");
    expect(fractionOfSlot({ useCase: "PYTHON", fractionOfUseCase: 1, useCases: ["PYTHON", "OPERATOR"], stateBackendUsesManagedMemory: true, weights: W({ OPERATOR: 5 }) }).text).toBe("0.0");
  });

  it("sums the weights as a Java int, wrapping on overflow", () => {
    const max = 2 ** 31 - 1;
    const all: UseCase[] = ["OPERATOR", "STATE_BACKEND", "PYTHON"];
    // 2147483647 + 2147483647 + 4 wraps to 2.
    const r = fractionOfSlot({ useCase: "OPERATOR", fractionOfUseCase: 0.5, useCases: all, stateBackendUsesManagedMemory: true, weights: W({ OPERATOR: max, STATE_BACKEND: max, PYTHON: 4 }) });
    expect(r.text).toBe("5.3687091175E8");
    expect(r.exact).toBe("536870911.75");
    // 2147483647 + 1 wraps to a negative total: nothing.
    expect(fractionOfSlot({ useCase: "OPERATOR", fractionOfUseCase: 1, useCases: ["OPERATOR", "PYTHON"], stateBackendUsesManagedMemory: true, weights: W({ OPERATOR: max, PYTHON: 1 }) }).text).toBe("0.0");
  });

  const groups = fc.subarray([...USE_CASES], { minLength: 1 });
  const weightsArb = fc.record({ OPERATOR: fc.integer({ min: 0, max: 10_000 }), STATE_BACKEND: fc.integer({ min: 0, max: 10_000 }), PYTHON: fc.integer({ min: 0, max: 10_000 }) }, { requiredKeys: [] });

  it("can add up to a little more than fractionOfUseCase: Flink's doubles round", () => {
    // Weights 1, 2, 2 and fractionOfUseCase 0.3333333333333333: the three fractions sum to
    // 0.33333333333333337 in double arithmetic, one ulp over.
    const weights = W({ OPERATOR: 1, STATE_BACKEND: 2, PYTHON: 2 });
    const f = 0.3333333333333333;
    let sum = 0;
    for (const useCase of USE_CASES) sum += fractionOfSlot({ useCase, fractionOfUseCase: f, useCases: USE_CASES, stateBackendUsesManagedMemory: true, weights }).value;
    expect(sum).toBe(0.33333333333333337);
  });

  it("the fractions of all use cases in a slot add up to fractionOfUseCase, within rounding (property)", () => {
    const tiny = 4 * Number.MIN_VALUE;
    fc.assert(
      fc.property(groups, weightsArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), (useCases, w, f, sb) => {
        const weights = W(w);
        let sum = 0;
        for (const useCase of useCases) sum += fractionOfSlot({ useCase, fractionOfUseCase: f, useCases, stateBackendUsesManagedMemory: sb, weights }).value;
        // Never more than a few ulps over (never over in exact arithmetic, before the doubles round) ...
        expect(sum).toBeLessThanOrEqual(f * (1 + 1e-15) + tiny);
        // ... and nothing lost but rounding when every counted use case has a weight.
        const counted = useCases.filter((u) => u !== "STATE_BACKEND" || sb);
        if (counted.length > 0 && counted.every((u) => (w[u] ?? 0) > 0)) expect(f - sum).toBeLessThanOrEqual(f * 2e-15 + tiny);
      }),
      { numRuns: 1000 },
    );
  });

  it("is fractionOfUseCase times the rounded-down share (property)", () => {
    fc.assert(
      fc.property(groups, weightsArb, fc.double({ min: 0, max: 1, noNaN: true }), (useCases, w, f) => {
        const useCase = useCases[0]!;
        const total = useCases.reduce((s, u) => s + (w[u] ?? 0), 0);
        const r = fractionOfSlot({ useCase, fractionOfUseCase: f, useCases, stateBackendUsesManagedMemory: true, weights: W(w) });
        expect(r.value).toBe(total > 0 ? f * fractionRoundedDown(w[useCase] ?? 0, total).value : 0);
      }),
    );
  });
});

describe("resolveManagedFraction", () => {
  const base = { useCase: "OPERATOR", useCases: ["OPERATOR", "PYTHON"], fractionOfUseCase: 1, stateBackendUsesManagedMemory: true, jobConfig: {} };

  it("reads the weights from the configuration and rounds dividend/divisor down", () => {
    const r = resolveManagedFraction({ ...base, flink: "2.0", dynamic: [[KEY, "OPERATOR:1,PYTHON:2"]], dividend: 1, divisor: 3 });
    expect(r).toEqual({
      weights: { OPERATOR: 1, PYTHON: 2 },
      fractionRoundedDown: "0.3333333333333333",
      fractionRoundedDownExact: "0.333333333333333314829616256247390992939472198486328125",
      stateBackendUsesManagedMemory: true,
      stateBackendDecision: "input",
      fraction: "0.3333333333333333",
      fractionExact: "0.333333333333333314829616256247390992939472198486328125",
    });
  });

  it("parses the weights even when the fraction would not need them", () => {
    const e = failure(() =>
      resolveManagedFraction({ ...base, useCase: "STATE_BACKEND", stateBackendUsesManagedMemory: false, flink: "1.20", dynamic: [[KEY, "PYTHON:x"]] }),
    );
    expect(e.javaClass).toBe(JavaClass.NumberFormat);
  });

  it("reads a legacy flink-conf.yaml in 1.x", () => {
    const r = resolveManagedFraction({ ...base, flink: "1.13", flinkConfYaml: `${KEY}: DATAPROC:10,PYTHON:30\n` });
    expect(r.weights).toEqual({ OPERATOR: 10, STATE_BACKEND: 10, PYTHON: 30 });
    expect(r.fraction).toBe("0.25");
  });

  it("rejects malformed input with an IllegalArgumentException", () => {
    for (const bad of [{ useCase: "BATCH" }, { useCases: "OPERATOR" }, { fractionOfUseCase: "1" }, { stateBackendUsesManagedMemory: undefined }, { dividend: 1 }, { dividend: 1.5, divisor: 2 }]) {
      const e = failure(() => resolveManagedFraction({ ...base, flink: "2.0", ...bad }));
      expect(e.javaClass).toBe(JavaClass.IllegalArgument);
    }
    expect(failure(() => resolveManagedFraction({ ...base, flink: "1.11" })).message).toBe(
      "Flink 1.11 has no managed memory consumer weights (they came with 1.12)",
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Golden cases

function check(kase: GoldenCase): string | undefined {
  const expected = kase.expected;
  let actual: Record<string, unknown>;
  try {
    actual = { ...resolveManagedFraction({ ...kase.input, flink: kase.flink }) };
  } catch (e) {
    if (!(e instanceof FlinkError)) return `internal error ${String(e)}`;
    if (!expected.error) return `unexpected ${e.javaClass}: ${e.message}`;
    if (e.javaClass !== expected.error.class || e.message !== expected.error.message) {
      return `expected ${expected.error.class}: ${expected.error.message}\n   got ${e.javaClass}: ${e.message}`;
    }
    return undefined;
  }
  if (expected.error) return `expected ${expected.error.class}: ${expected.error.message}, got ${JSON.stringify(actual)}`;
  // Weights in the golden files are listed OPERATOR, STATE_BACKEND, PYTHON; compared in order.
  const fields = ["weights", "fraction", "fractionExact", "fractionRoundedDown", "fractionRoundedDownExact"];
  const diffs = fields.filter((f) => JSON.stringify(actual[f]) !== JSON.stringify(expected[f]));
  return diffs.length ? diffs.map((f) => `${f}: expected ${JSON.stringify(expected[f])}, got ${JSON.stringify(actual[f])}`).join("; ") : undefined;
}

describe("golden managed-fraction cases", () => {
  const files = goldenFiles().filter((f) => f.file === "weights.jsonl");

  it("covers the verified lines", () => {
    expect(files.map((f) => f.folder)).toEqual(expect.arrayContaining(["flink-1.20", "flink-2.0"]));
  });

  for (const { folder, cases } of files) {
    it(`${folder}: every case agrees with Flink`, () => {
      const failures: string[] = [];
      let n = 0;
      for (const kase of cases) {
        if (kase.mode !== "managed-fraction") continue;
        n++;
        const problem = check(kase);
        if (problem) failures.push(`${kase.id}: ${problem}`);
      }
      console.log(`${folder} weights: ${n - failures.length}/${n} agree`);
      expect(failures.slice(0, 20)).toEqual([]);
      expect(n).toBeGreaterThan(0);
    });
  }
});
