/**
 * TaskManager CPU cores: `taskmanager.cpu.cores`, else the number of slots, as Flink's
 * `CPUResource` keeps it (a decimal rounded down to 8 places).
 * @module
 */
import { FlinkError, JavaClass, illegalArgument, illegalConfig } from "../errors.js";
import type { Configuration } from "../config/configuration.js";
import { javaDoubleToString, shortestDigits } from "../java/numbers.js";
import type { OptionSet } from "../options/registry.js";

export interface CpuCores {
  /** The configured double. */
  readonly value: number;
  /** `BigDecimal.toPlainString()` of the resource value (8 decimals at most, no trailing zeros). */
  readonly decimal: string;
  /** `String.valueOf(value.doubleValue())`, as written into the dynamic configs. */
  readonly text: string;
}

/** `new CPUResource(d)`: `BigDecimal.valueOf(d).setScale(8, DOWN).stripTrailingZeros()`. */
const CPU_CACHE = new Map<number, CpuCores>();
const CPU_CACHE_UNSCALED = new Map<number, CpuCores>();

/**
 * `new CPUResource(d)`. From Flink 1.14 the value is rounded down to 8 decimals with trailing
 * zeros stripped; before, it is `BigDecimal.valueOf(d)` as is (so 1 core prints "1.0").
 */
export function cpuResource(d: number, scaled = true): CpuCores {
  const cache = scaled ? CPU_CACHE : CPU_CACHE_UNSCALED;
  let c = cache.get(d);
  if (!c) {
    c = scaled ? computeCpuResource(d) : unscaledCpuResource(d);
    if (cache.size > 1000) cache.clear();
    cache.set(d, c);
  }
  return c;
}

/** `BigDecimal.valueOf(d).toPlainString()`: the digits of `Double.toString(d)` without exponent. */
export function bigDecimalPlainString(d: number): string {
  const s = javaDoubleToString(d);
  const m = /^(-?)(\d+)\.(\d+)(?:E(-?\d+))?$/.exec(s)!;
  const [, sign, int, frac, exp] = m;
  let digits = int! + frac!;
  let scale = frac!.length - Number(exp ?? 0);
  digits = digits.replace(/^0+(?=\d)/, "");
  if (scale <= 0) return sign + digits + "0".repeat(-scale);
  if (digits.length <= scale) return `${sign}0.${"0".repeat(scale - digits.length)}${digits}`;
  return `${sign}${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
}

function unscaledCpuResource(d: number): CpuCores {
  if (!Number.isFinite(d)) return computeCpuResource(d);
  if (d < 0) throw illegalArgument("Resource value must be no less than 0");
  return { value: d, decimal: bigDecimalPlainString(d), text: javaDoubleToString(d) };
}

function computeCpuResource(d: number): CpuCores {
  if (!Number.isFinite(d)) {
    const c = Number.isNaN(d) ? "N" : d > 0 ? "I" : "-";
    throw new FlinkError(
      JavaClass.NumberFormat,
      c === "-"
        ? `Character I is neither a decimal digit number, decimal point, nor "e" notation exponential mark.`
        : `Character ${c} is neither a decimal digit number, decimal point, nor "e" notation exponential mark.`,
    );
  }
  const negative = d < 0;
  let decimal = "0";
  if (d !== 0) {
    const { digits, exp10 } = shortestDigits(Math.abs(d));
    // Place the point, truncate to 8 decimals, strip zeros.
    const pointAt = exp10 + 1;
    let intPart: string;
    let frac: string;
    if (pointAt <= 0) {
      intPart = "0";
      frac = "0".repeat(-pointAt) + digits;
    } else if (pointAt >= digits.length) {
      intPart = digits + "0".repeat(pointAt - digits.length);
      frac = "";
    } else {
      intPart = digits.slice(0, pointAt);
      frac = digits.slice(pointAt);
    }
    frac = frac.slice(0, 8).replace(/0+$/, "");
    intPart = intPart.replace(/^0+(?=\d)/, "");
    decimal = frac ? `${intPart}.${frac}` : intPart;
    if (negative && decimal !== "0") decimal = "-" + decimal;
  }
  if (decimal.startsWith("-")) throw illegalArgument("Resource value must be no less than 0");
  return { value: d, decimal, text: javaDoubleToString(Number(decimal)) };
}

/** `TaskExecutorProcessUtils.getCpuCoresWithFallback(config, -1)`. */
export function cpuCoresOf(config: Configuration, o: OptionSet, scaled = true): CpuCores {
  const cpuOption = o.get<"double">("tm.cpuCores");
  const cores = config.contains(cpuOption) ? config.get(cpuOption)! : config.get(o.get<"int">("tm.slots"))!;
  if (cores <= 0) {
    throw illegalConfig(
      `TaskExecutors need to be started with a positive number of CPU cores. Please configure ${cpuOption.key} accordingly.`,
      { key: cpuOption.key },
    );
  }
  return cpuResource(cores, scaled);
}
