/**
 * Reading memory options the way Flink's `ProcessMemoryUtils` does, and the "capped
 * fractionated" rule: a fraction of a base, kept within [min, max].
 * @module
 */
import { FlinkError, JavaClass, illegalArgument, illegalConfig } from "../errors.js";
import type { Configuration } from "../config/configuration.js";
import { javaDoubleToString } from "../java/numbers.js";
import { configOptionToString, type ConfigOption } from "../options/types.js";
import { multiplySize, toHumanReadable } from "../size/memory-size.js";
import type { ComponentName, Origin, Trace } from "./trace.js";

/** `ProcessMemoryUtils.getMemorySizeFromConfig`: any failure becomes "Cannot read memory size from config option". */
export function readMemory(config: Configuration, option: ConfigOption<"memory">): bigint {
  try {
    const v = config.get(option);
    if (v === undefined) {
      throw new FlinkError(JavaClass.NullPointer, "The memory option is not set and has no default value.", { key: option.key });
    }
    return v;
  } catch (e) {
    if (!(e instanceof FlinkError)) throw e;
    throw illegalConfig(`Cannot read memory size from config option '${option.key}'.`, { cause: e, key: option.key });
  }
}

/** The origin of a value read from an option (configured or default). */
export function readOrigin(config: Configuration, option: ConfigOption): Origin {
  const found = config.lookup(option);
  return found ? { how: "configured", key: found.key, optionKey: option.key } : { how: "default", optionKey: option.key };
}

/** Reads a memory option and records where its value came from. */
export function readComponent(config: Configuration, option: ConfigOption<"memory">, name: ComponentName, trace: Trace): bigint {
  const v = readMemory(config, option);
  if (trace.enabled) trace.component(name, v, readOrigin(config, option));
  return v;
}

/** Flink's `RangeFraction`: min, max and a fraction in [0, 1). */
export interface RangeFraction {
  min: bigint;
  max: bigint;
  fraction: number;
  fractionOption: ConfigOption<"float">;
  fractionConfigured: boolean;
}

/**
 * `ProcessMemoryUtils.getRangeFraction`: reads the fraction (a float widened to double) and
 * validates the range. `bounds`, the min and max options, are named on a failure as related keys.
 */
export function rangeFraction(
  config: Configuration,
  min: bigint,
  max: bigint,
  fractionOption: ConfigOption<"float">,
  bounds: readonly ConfigOption[] = [],
): RangeFraction {
  const fraction = config.get(fractionOption)!;
  let problem: string | undefined;
  if (!(min <= max)) problem = "min value must be less or equal to max value";
  else if (!(fraction >= 0 && fraction < 1)) problem = "fraction must be in range [0, 1)";
  if (problem) {
    throw illegalConfig(
      `Inconsistently configured ${configOptionToString(fractionOption)} (${javaDoubleToString(fraction)}) and its min (${toHumanReadable(min)}), max (${toHumanReadable(max)}) value`,
      { cause: illegalArgument(problem), key: fractionOption.key, relatedKeys: bounds.map((b) => config.lookup(b)?.key ?? b.key) },
    );
  }
  return { min, max, fraction, fractionOption, fractionConfigured: config.contains(fractionOption) };
}

/**
 * `deriveWithFraction` / `deriveWithInverseFraction`: `base × f` (or `base × f/(1-f)`, so that
 * the result is `f` of `base + result`), capped into [min, max].
 */
export function deriveCapped(
  description: string,
  base: bigint,
  baseName: string,
  rf: RangeFraction,
  inverse: boolean,
  name: ComponentName,
  trace: Trace,
): bigint {
  const factor = inverse ? rf.fraction / (1 - rf.fraction) : rf.fraction;
  const raw = multiplySize(base, factor);
  let value = raw;
  let capped: "min" | "max" | undefined;
  if (raw > rf.max) {
    value = rf.max;
    capped = "max";
    trace.log("info", () => `The derived from fraction ${description} (${toHumanReadable(raw)}) is greater than its max value ${toHumanReadable(rf.max)}, max value will be used instead`);
  } else if (raw < rf.min) {
    value = rf.min;
    capped = "min";
    trace.log("info", () => `The derived from fraction ${description} (${toHumanReadable(raw)}) is less than its min value ${toHumanReadable(rf.min)}, min value will be used instead`);
  }
  if (trace.enabled) {
    trace.component(name, value, {
      how: "fraction",
      inverse,
      fraction: rf.fraction,
      fractionKey: rf.fractionOption.key,
      fractionConfigured: rf.fractionConfigured,
      base,
      baseName,
      raw,
      min: rf.min,
      max: rf.max,
      ...(capped ? { capped } : {}),
    });
  }
  return value;
}
