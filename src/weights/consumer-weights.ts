/**
 * Managed-memory consumer weights (`taskmanager.memory.managed.consumer-weights`) and the
 * share of a slot's managed memory an operator gets: Flink's `ManagedMemoryUtils`.
 *
 * How configured names map to use cases changed between releases, declared once in
 * {@link WEIGHT_RULES}:
 * - 1.12: the configured consumers are `DATAPROC` (operators and state backends) and
 *   `PYTHON`; any other name fails.
 * - 1.13–1.20: each use case has its own name (`OPERATOR`, `STATE_BACKEND`, `PYTHON`);
 *   `DATAPROC` still counts for OPERATOR and STATE_BACKEND when their own name is absent;
 *   other names are ignored.
 * - 2.0+: as 1.13 without `DATAPROC`.
 * @module
 */
import { FlinkError, JavaClass, illegalArgument, illegalConfig, type FlinkErrorOptions } from "../errors.js";
import type { Configuration } from "../config/configuration.js";
import { loadConfiguration, type ConfigInput } from "../config/load.js";
import { javaHashMapOrder } from "../java/hash-map.js";
import { JavaNumberFormatError, javaDoubleToString, parseJavaInt } from "../java/numbers.js";
import { flinkVersion, inSpan, NEWEST_LINE, type FlinkVersion, type Span } from "../versions/version.js";

/** `ManagedMemoryUseCase`s that have a weight (1.12 called OPERATOR `BATCH_OP`). */
export type UseCase = "OPERATOR" | "STATE_BACKEND" | "PYTHON";

/** In `ManagedMemoryUseCase` declaration order, which is also the order weights are read in. */
export const USE_CASES: readonly UseCase[] = ["OPERATOR", "STATE_BACKEND", "PYTHON"];

export function isUseCase(x: unknown): x is UseCase {
  return typeof x === "string" && (USE_CASES as readonly string[]).includes(x);
}

/** How one release line turns the configured map into weights per use case. */
export type WeightRules =
  /**
   * 1.12: every configured entry is a consumer; its weight is parsed and checked, then the
   * consumer must be known. Entries are visited in the configured map's (HashMap) order.
   */
  | { readonly kind: "by-consumer"; readonly consumers: Readonly<Record<string, readonly UseCase[]>> }
  /**
   * 1.13+: for each use case in order, the first of its names that is configured gives its
   * weight; a use case with none of its names configured has no weight.
   */
  | { readonly kind: "by-use-case"; readonly names: Readonly<Record<UseCase, readonly string[]>> };

export const WEIGHT_RULES: readonly (Span & { readonly rules: WeightRules })[] = [
  {
    since: "1.12",
    until: "1.13",
    rules: { kind: "by-consumer", consumers: { DATAPROC: ["OPERATOR", "STATE_BACKEND"], PYTHON: ["PYTHON"] } },
  },
  {
    since: "1.13",
    until: "2.0",
    rules: {
      kind: "by-use-case",
      names: { OPERATOR: ["OPERATOR", "DATAPROC"], STATE_BACKEND: ["STATE_BACKEND", "DATAPROC"], PYTHON: ["PYTHON"] },
    },
  },
  {
    since: "2.0",
    rules: { kind: "by-use-case", names: { OPERATOR: ["OPERATOR"], STATE_BACKEND: ["STATE_BACKEND"], PYTHON: ["PYTHON"] } },
  },
];

/** The weight rules of `version`; throws for versions without consumer weights (before 1.12). */
export function weightRulesFor(version: FlinkVersion): WeightRules {
  const found = WEIGHT_RULES.find((r) => inSpan(version, r));
  if (!found) throw new Error(`Flink ${version.line} has no managed memory consumer weights (they came with 1.12)`);
  return found.rules;
}

function parseWeight(text: string, at: FlinkErrorOptions): number {
  try {
    return parseJavaInt(text);
  } catch (e) {
    if (e instanceof JavaNumberFormatError) throw new FlinkError(JavaClass.NumberFormat, e.message, at);
    throw e;
  }
}

const negativeWeight = (name: string, weight: number, options?: FlinkErrorOptions) =>
  illegalConfig(`Managed memory weight should not be negative. Configured weight for ${name} is ${weight}.`, options);

/**
 * `ManagedMemoryUtils.getManagedMemoryUseCaseWeightsFromConfig`: the weight of each use case
 * that has one, in the order OPERATOR, STATE_BACKEND, PYTHON.
 * Fails as Flink does: `NumberFormatException` for a weight that is not a Java int,
 * `IllegalConfigurationException` for a negative one (and, in 1.12, for an unknown consumer),
 * `IllegalArgumentException` "Could not parse value ..." when the map itself does not parse.
 */
export function parseConsumerWeights(config: Configuration): Map<UseCase, number> {
  const option = config.options.get<"map">("tm.consumerWeights");
  const configured = config.get(option) ?? new Map<string, string>();
  const where = config.lookup(option);
  const at: FlinkErrorOptions = where ? { key: where.key, ...(where.entry.location ? { location: where.entry.location } : {}) } : {};
  const rules = weightRulesFor(config.options.version);
  const found = new Map<UseCase, number>();

  if (rules.kind === "by-consumer") {
    for (const consumer of javaHashMapOrder([...configured.keys()])) {
      const weight = parseWeight(configured.get(consumer)!, at);
      if (weight < 0) throw negativeWeight(consumer, weight, at);
      const useCases = rules.consumers[consumer];
      if (!useCases) throw illegalConfig(`Unknown managed memory consumer: ${consumer}`, at);
      for (const uc of useCases) found.set(uc, weight);
    }
  } else {
    for (const uc of USE_CASES) {
      const name = rules.names[uc].find((n) => configured.has(n));
      if (name === undefined) continue;
      const weight = parseWeight(configured.get(name)!, at);
      if (weight < 0) throw negativeWeight(uc, weight, at);
      found.set(uc, weight);
    }
  }
  // The declaration order, whatever order the rules found them in.
  return new Map(USE_CASES.filter((uc) => found.has(uc)).map((uc) => [uc, found.get(uc)!]));
}

// ---------------------------------------------------------------------------------------------
// Java doubles

/** A Java `double` with the two ways Flink's answers are written. */
export interface JavaDouble {
  readonly value: number;
  /** Java `Double.toString`. */
  readonly text: string;
  /** The exact decimal value of the double (`new BigDecimal(d).toPlainString()`). */
  readonly exact: string;
}

/** The exact decimal expansion of a finite double ("0" for zeros). */
export function exactDecimal(d: number): string {
  if (!Number.isFinite(d)) return javaDoubleToString(d);
  if (d === 0) return "0";
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(d));
  const bits = view.getBigUint64(0);
  const biased = Number(bits >> 52n);
  const fraction = bits & ((1n << 52n) - 1n);
  // |d| = mantissa * 2^exp2
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exp2 = (biased === 0 ? 1 : biased) - 1075;
  const sign = d < 0 ? "-" : "";
  if (exp2 >= 0) return sign + (mantissa << BigInt(exp2)).toString();
  // mantissa / 2^n = mantissa * 5^n / 10^n
  const n = -exp2;
  const digits = (mantissa * 5n ** BigInt(n)).toString().padStart(n + 1, "0");
  const intPart = digits.slice(0, digits.length - n);
  const fracPart = digits.slice(digits.length - n).replace(/0+$/, "");
  return sign + intPart + (fracPart ? "." + fracPart : "");
}

export function javaDouble(value: number): JavaDouble {
  return { value, text: javaDoubleToString(value), exact: exactDecimal(value) };
}

// ---------------------------------------------------------------------------------------------
// Fractions

const MANAGED_MEMORY_FRACTION_SCALE = 16;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

function toLong(x: bigint | number, what: string): bigint {
  if (typeof x === "number" && !Number.isSafeInteger(x)) throw new RangeError(`${what} must be an integer, got ${x}`);
  const v = BigInt(x);
  if (v < LONG_MIN || v > LONG_MAX) throw new RangeError(`${what} ${v} is outside the Java long range`);
  return v;
}

/**
 * `ManagedMemoryUtils.getFractionRoundedDown`: `dividend / divisor` cut (towards zero) to 16
 * decimal places, then the nearest double. A zero divisor fails with Java's
 * `ArithmeticException` (its message depends on whether `dividend * 10^16` fits in a long).
 */
export function fractionRoundedDown(dividend: bigint | number, divisor: bigint | number): JavaDouble {
  const a = toLong(dividend, "dividend");
  const b = toLong(divisor, "divisor");
  const scale = 10n ** BigInt(MANAGED_MEMORY_FRACTION_SCALE);
  if (b === 0n) {
    const scaled = a * scale;
    const fits = scaled >= LONG_MIN && scaled <= LONG_MAX;
    throw new FlinkError(JavaClass.Arithmetic, fits ? "/ by zero" : "BigInteger divide by zero");
  }
  // BigInt division truncates towards zero, like ROUND_DOWN.
  const q = (a * scale) / b;
  // Number() of a decimal literal is correctly rounded, as BigDecimal.doubleValue is.
  const neg = q < 0n;
  const value = Number(`${neg ? "-" : ""}${neg ? -q : q}e-${MANAGED_MEMORY_FRACTION_SCALE}`);
  return javaDouble(q === 0n ? 0 : value);
}

export interface FractionOfSlotInput {
  /** The use case the operator declares managed memory for. */
  readonly useCase: UseCase;
  /** The operator's share of its use case (a Java double). */
  readonly fractionOfUseCase: number;
  /** Use cases declared in the operator's slot-sharing group (a set: duplicates count once). */
  readonly useCases: Iterable<UseCase>;
  /** Whether the job's state backend uses managed memory (RocksDB does, heap state does not). */
  readonly stateBackendUsesManagedMemory: boolean;
  /** Weights as {@link parseConsumerWeights} returns them. */
  readonly weights: ReadonlyMap<UseCase, number>;
}

/**
 * `ManagedMemoryUtils.convertToFractionOfSlot`: the share of a slot's managed memory the
 * operator gets. STATE_BACKEND gets nothing when the state backend does not use managed
 * memory (and then does not count towards the total either). The total is a Java int sum
 * (it wraps on overflow); a total that is not positive gives 0.
 */
export function fractionOfSlot(input: FractionOfSlotInput): JavaDouble {
  const { useCase, fractionOfUseCase, stateBackendUsesManagedMemory, weights } = input;
  if (useCase === "STATE_BACKEND" && !stateBackendUsesManagedMemory) return javaDouble(0);
  let total = 0;
  for (const uc of new Set(input.useCases)) {
    if (uc === "STATE_BACKEND" && !stateBackendUsesManagedMemory) continue;
    total = (total + (weights.get(uc) ?? 0)) | 0;
  }
  const useCaseWeight = weights.get(useCase) ?? 0;
  const ofSlot = total > 0 ? fractionRoundedDown(useCaseWeight, total).value : 0;
  return javaDouble(fractionOfUseCase * ofSlot);
}

// ---------------------------------------------------------------------------------------------
// The golden `managed-fraction` mode

/** A `managed-fraction` request: configuration inputs plus what the job graph says. */
export interface ManagedFractionInput extends ConfigInput {
  /** Flink version, e.g. `"2.0"`; default: the newest supported. */
  flink?: string;
  /** The job's configuration (consulted by Flink only to pick the state backend, which is given here). */
  jobConfig?: unknown;
  useCase: UseCase;
  useCases: readonly UseCase[];
  fractionOfUseCase: number;
  stateBackendUsesManagedMemory: boolean;
  /** Optionally, an operator weight split to round down as the job-graph generator does. */
  dividend?: number | bigint;
  divisor?: number | bigint;
}

export interface ManagedFractionResult {
  /** The parsed weights, `{ OPERATOR: 70, ... }`. */
  weights: Record<string, number>;
  fractionRoundedDown?: string;
  fractionRoundedDownExact?: string;
  stateBackendUsesManagedMemory: boolean;
  /** How the state backend decision was made: given by the caller. */
  stateBackendDecision: "input";
  fraction: string;
  fractionExact: string;
}

const badInput = (message: string) => illegalArgument(message);

function checkInput(input: Record<string, unknown>): ManagedFractionInput {
  if (!isUseCase(input.useCase)) throw badInput(`input.useCase must be one of ${USE_CASES.join(", ")}`);
  if (!Array.isArray(input.useCases) || !input.useCases.every(isUseCase)) {
    throw badInput(`input.useCases must be a list of ${USE_CASES.join(", ")}`);
  }
  if (typeof input.fractionOfUseCase !== "number" || !Number.isFinite(input.fractionOfUseCase)) {
    throw badInput("input.fractionOfUseCase must be a number");
  }
  if (typeof input.stateBackendUsesManagedMemory !== "boolean") {
    throw badInput("input.stateBackendUsesManagedMemory must be true or false");
  }
  const isLong = (x: unknown) => (typeof x === "number" && Number.isSafeInteger(x)) || (typeof x === "bigint" && x >= LONG_MIN && x <= LONG_MAX);
  if ((input.dividend === undefined) !== (input.divisor === undefined)) {
    throw badInput("input.dividend and input.divisor must be given together");
  }
  if (input.dividend !== undefined && !(isLong(input.dividend) && isLong(input.divisor))) {
    throw badInput("input.dividend and input.divisor must be integers");
  }
  return input as unknown as ManagedFractionInput;
}

/**
 * The golden `managed-fraction` mode end to end: reads the configuration as `flink` does,
 * parses the consumer weights (so a bad weight fails even when the fraction would not need
 * it), rounds `dividend/divisor` down when given, then computes the operator's fraction of
 * its slot. Failures are `FlinkError`s with Flink's class and message.
 */
export function resolveManagedFraction(input: ManagedFractionInput | (ConfigInput & Record<string, unknown>)): ManagedFractionResult {
  const req = checkInput(input as Record<string, unknown>);
  const version = flinkVersion(req.flink ?? NEWEST_LINE);
  if (!WEIGHT_RULES.some((r) => inSpan(version, r))) {
    throw badInput(`Flink ${version.label} has no managed memory consumer weights (they came with 1.12)`);
  }
  const { config } = loadConfiguration(req, version);
  const weights = parseConsumerWeights(config);
  const rounded = req.dividend !== undefined ? fractionRoundedDown(req.dividend, req.divisor!) : undefined;
  const fraction = fractionOfSlot({
    useCase: req.useCase,
    fractionOfUseCase: req.fractionOfUseCase,
    useCases: req.useCases,
    stateBackendUsesManagedMemory: req.stateBackendUsesManagedMemory,
    weights,
  });
  return {
    weights: Object.fromEntries(weights),
    ...(rounded ? { fractionRoundedDown: rounded.text, fractionRoundedDownExact: rounded.exact } : {}),
    stateBackendUsesManagedMemory: req.stateBackendUsesManagedMemory,
    stateBackendDecision: "input",
    fraction: fraction.text,
    fractionExact: fraction.exact,
  };
}
