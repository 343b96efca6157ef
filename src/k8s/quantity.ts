/**
 * Memory sizes in Kubernetes resources, read three ways:
 *
 * - as Kubernetes reads a quantity (`2G` = 2·10^9 bytes, `2Gi` = 2^31, `2048m` = 2.048 bytes);
 * - as the Flink Kubernetes operator reads `spec.*.resource.memory` and
 *   `spec.*.resources.{requests,limits}.memory`: Flink's `MemorySize` first (`2G` = 2 GiB), and only
 *   when that fails a lenient quantity reading (fabric8's `Quantity`) whose decimal result is
 *   handed back to Flink's `MemorySize` as text — so `1.5Gi` becomes `1610612736.0`, which Flink
 *   then refuses;
 * - as Flink sizes the pod from the process size: whole MiB, times the limit factor.
 *
 * Decimals are exact: `unscaled / 10^scale`, as Java's `BigDecimal`.
 * @module
 */
import { FlinkError, JavaClass, illegalArgument } from "../errors.js";
import { javaTrim } from "../java/text.js";
import { parseMemorySize } from "../size/memory-size.js";

/** An exact decimal, `unscaled × 10^-scale` (scale may be negative), as Java's `BigDecimal`. */
export interface Decimal {
  unscaled: bigint;
  scale: number;
}

const pow10 = (n: number) => 10n ** BigInt(n);

/** The smallest integer not below the decimal (Kubernetes rounds byte quantities up). */
export function ceilDecimal(d: Decimal): bigint {
  if (d.scale <= 0) return d.unscaled * pow10(-d.scale);
  const p = pow10(d.scale);
  const q = d.unscaled / p;
  return d.unscaled > 0n && d.unscaled % p !== 0n ? q + 1n : q;
}

/** The decimal truncated toward zero. */
export function truncDecimal(d: Decimal): bigint {
  return d.scale <= 0 ? d.unscaled * pow10(-d.scale) : d.unscaled / pow10(d.scale);
}

const BINARY_SI: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SI: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** `[+-]digits[.digits]` (either side may be empty, not both) as an exact decimal. */
function parseDecimalNumber(text: string): Decimal | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return undefined;
  const frac = m[3] ?? "";
  const unscaled = BigInt((m[2] || "0") + frac) * (m[1] === "-" ? -1n : 1n);
  return { unscaled, scale: frac.length };
}

/** Beyond this many decimal places either way a quantity is far outside 0 … 2^63-1 bytes. */
const MAX_QUANTITY_EXPONENT = 400;

/**
 * A quantity as the Kubernetes API server reads it (`resource.Quantity` grammar), exact.
 * `undefined` when Kubernetes would reject the text (e.g. `2g`, `2Gb`, `1 Gi`), and for
 * exponents so large or small that no memory size is meant (`1e999999`): computing them exactly
 * would take seconds.
 */
export function parseKubernetesQuantity(text: string): Decimal | undefined {
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(.*)$/.exec(text);
  if (!m) return undefined;
  const n = parseDecimalNumber(m[1]!)!;
  const suffix = m[2]!;
  if (suffix in BINARY_SI) return { unscaled: n.unscaled * 2n ** BigInt(BINARY_SI[suffix]!), scale: n.scale };
  let exp: number | undefined = DECIMAL_SI[suffix];
  if (exp === undefined) {
    const e = /^[eE]([+-]?\d+)$/.exec(suffix);
    if (!e) return undefined;
    exp = Number(e[1]);
  }
  if (Math.abs(n.scale - exp) > MAX_QUANTITY_EXPONENT) return undefined;
  return { unscaled: n.unscaled, scale: n.scale - exp };
}

/** Bytes of a Kubernetes memory quantity (rounded up to whole bytes, as Kubernetes does). */
export function kubernetesBytes(text: string): bigint | undefined {
  const d = parseKubernetesQuantity(text);
  return d === undefined ? undefined : ceilDecimal(d);
}

// ---- the lenient quantity reading the operator falls back to (fabric8 `Quantity`)

const DECIMAL64_DIGITS = 16;

function digitCount(v: bigint): number {
  return (v < 0n ? -v : v).toString().length;
}

/** Rounds to 16 significant digits, half-even (`MathContext.DECIMAL64`). */
function roundDecimal64(d: Decimal): Decimal {
  const drop = digitCount(d.unscaled) - DECIMAL64_DIGITS;
  if (drop <= 0) return d;
  const p = pow10(drop);
  let q = d.unscaled / p;
  const r = d.unscaled % p;
  const twice = 2n * (r < 0n ? -r : r);
  if (twice > p || (twice === p && q % 2n !== 0n)) q += d.unscaled < 0n ? -1n : 1n;
  return { unscaled: q, scale: d.scale - drop };
}

/**
 * `base^exp` rounded as `BigDecimal.pow(exp, DECIMAL64)`. Powers of ten are written without
 * computing them (`10^exp` rounded to 16 digits is `10^15 × 10^(exp-15)`), so `1e999999999`
 * costs nothing; Java refuses exponents beyond ±999,999,999.
 */
function powerOf(base: 2 | 10, exp: number): Decimal {
  if (Math.abs(exp) > 999_999_999) throw new FlinkError(JavaClass.Arithmetic, "Invalid operation");
  if (base === 10) return exp < DECIMAL64_DIGITS ? (exp < 0 ? { unscaled: 1n, scale: -exp } : { unscaled: pow10(exp), scale: 0 }) : { unscaled: pow10(DECIMAL64_DIGITS - 1), scale: -(exp - DECIMAL64_DIGITS + 1) };
  return roundDecimal64({ unscaled: 2n ** BigInt(exp), scale: 0 });
}

const LENIENT_UNIT_CHARS = new Set("eEinumkKMGTP");

const invalidQuantity = (what: string) => illegalArgument(what);

/** fabric8 `Quantity.getNumericalAmount()` of a string: amount × the unit's multiple. */
export function lenientQuantityAmount(text: string): Decimal {
  if (text.length === 0) throw invalidQuantity("Invalid quantity string format passed.");
  let unitAt = text.length;
  for (let i = 0; i < text.length; i++) {
    if (LENIENT_UNIT_CHARS.has(text[i]!)) {
      unitAt = i;
      break;
    }
  }
  let amount = text.slice(0, unitAt);
  const format = text.slice(unitAt);
  const hasDigit = /\d/.test(format);
  if (hasDigit && /[A-Za-z]$/.test(format)) throw invalidQuantity("Invalid quantity string format passed");
  if (amount.startsWith(".")) amount = "0" + amount;
  const number = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(amount) ? parseDecimalNumber(amount.endsWith(".") ? amount.slice(0, -1) : amount) : undefined;
  if (!number) throw new FlinkError(JavaClass.NumberFormat, `Character array is missing "exponent" mark 'e' or 'E'.`);
  let multiple: Decimal;
  if (hasDigit && format.length > 1) {
    const exp = Number(format.slice(1));
    // Integer.parseInt: digits only, within the int range.
    if (!/^[+-]?\d+$/.test(format.slice(1)) || exp > 2147483647 || exp < -2147483648) throw new FlinkError(JavaClass.NumberFormat, `For input string: "${format.slice(1)}"`);
    multiple = powerOf(10, exp);
  } else if (format in BINARY_SI) {
    multiple = powerOf(2, BINARY_SI[format]!);
  } else if (format in DECIMAL_SI && format !== "") {
    multiple = powerOf(10, DECIMAL_SI[format]!);
  } else if (format === "") {
    multiple = { unscaled: 1n, scale: 0 };
  } else {
    throw invalidQuantity("Invalid quantity format passed to parse");
  }
  return { unscaled: number.unscaled * multiple.unscaled, scale: number.scale + multiple.scale };
}

/** Java `BigDecimal.toString()`: plain digits, or scientific notation for negative scales and tiny values. */
export function bigDecimalToString(d: Decimal): string {
  const neg = d.unscaled < 0n;
  const digits = (neg ? -d.unscaled : d.unscaled).toString();
  const adjusted = digits.length - 1 - d.scale;
  let body: string;
  if (d.scale >= 0 && adjusted >= -6) {
    if (d.scale === 0) body = digits;
    else if (digits.length > d.scale) body = `${digits.slice(0, digits.length - d.scale)}.${digits.slice(digits.length - d.scale)}`;
    else body = `0.${"0".repeat(d.scale - digits.length)}${digits}`;
  } else {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    body = `${mantissa}E${adjusted >= 0 ? "+" : ""}${adjusted}`;
  }
  return neg ? "-" + body : body;
}

/** How the operator normalises a memory string before its quantity fallback. */
function operatorQuantityText(memory: string): string {
  let q = javaTrim(memory).replace(/[ \t\n\x0B\f\r]/g, "").toUpperCase();
  if (q.endsWith("B")) q = q.slice(0, -1);
  if (q.endsWith("I")) q = q.slice(0, -1) + "i";
  return q;
}

/** How the operator read a memory string. */
export interface OperatorMemory {
  /** The process size Flink ends up with. */
  bytes: bigint;
  /** `flink`: Flink's `MemorySize` read it; `quantity`: the Kubernetes-quantity fallback did. */
  via: "flink" | "quantity";
  /** What the operator wrote into the Flink configuration on the quantity path. */
  configText?: string;
}

/**
 * The operator's reading of a memory string (`spec.*.resource.memory`, or a memory quantity of
 * `spec.*.resources`): Flink's `MemorySize` first, then a lenient Kubernetes quantity whose decimal
 * value Flink must parse again. Throws the `FlinkError` that ends the deployment.
 */
export function operatorMemory(memory: string): OperatorMemory {
  try {
    return { bytes: parseMemorySize(memory), via: "flink" };
  } catch (e) {
    if (!(e instanceof FlinkError)) throw e;
  }
  const configText = bigDecimalToString(lenientQuantityAmount(operatorQuantityText(memory)));
  return { bytes: parseMemorySize(configText), via: "quantity", configText };
}

/** Flink's container memory: the process size in whole MiB (`MemorySize.getMebiBytes()`). */
export function containerMebiBytes(processBytes: bigint): number {
  return Number(processBytes >> 20n);
}

/** Java `(int) d`: toward zero, saturating at the int range, NaN to 0. */
function javaIntCast(d: number): number {
  if (Number.isNaN(d)) return 0;
  if (d >= 2147483647) return 2147483647;
  if (d <= -2147483648) return -2147483648;
  return Math.trunc(d);
}

/** The pod's memory request and limit Flink writes (`<MiB>Mi`, limit `(int)(MiB × factor)Mi`). */
export function podMemory(processBytes: bigint, limitFactor: number): { requestMi: number; limitMi: number } {
  const mi = containerMebiBytes(processBytes);
  return { requestMi: mi, limitMi: javaIntCast(mi * limitFactor) };
}
