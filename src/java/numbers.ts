/**
 * Java number parsing and printing: `Float.parseFloat`, `Double.parseDouble`,
 * `Integer.parseInt`, `Long.parseLong`, `Double.toString` and `String.format("%.3f")`.
 * JavaScript's own functions accept and print numbers differently; Flink's messages and
 * values depend on the Java behaviour.
 * @module
 */
import { floatingDecimalDigits } from "./floating-decimal.js";
import { javaTrim } from "./text.js";

/** A Java `NumberFormatException`: the caller turns it into Flink's own message. */
export class JavaNumberFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NumberFormatException";
  }
}

const forInputString = (s: string) => new JavaNumberFormatError(`For input string: "${s}"`);

const JAVA_FLOAT_SYNTAX =
  /^([+-]?)(?:(NaN)|(Infinity)|((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[fFdD]?|0[xX]((?:[0-9a-fA-F]+\.?|[0-9a-fA-F]*\.[0-9a-fA-F]+))[pP]([+-]?\d+)[fFdD]?)$/;

type Parsed =
  | { kind: "nan" }
  | { kind: "inf"; negative: boolean }
  | { kind: "dec"; negative: boolean; text: string }
  | { kind: "hex"; negative: boolean; mantissa: bigint; exp2: number };

function parseJavaFloatingSyntax(input: string): Parsed {
  const s = javaTrim(input);
  if (s.length === 0) throw new JavaNumberFormatError("empty String");
  // FloatingDecimal reads the leading run of digits and points first: a second point there fails on its own.
  const run = /^[+-]?(?!0[xX])([0-9.]*)/.exec(s)?.[1] ?? "";
  if (run.indexOf(".") !== run.lastIndexOf(".")) throw new JavaNumberFormatError("multiple points");
  const m = JAVA_FLOAT_SYNTAX.exec(s);
  if (!m) throw forInputString(s);
  const negative = m[1] === "-";
  if (m[2]) return { kind: "nan" };
  if (m[3]) return { kind: "inf", negative };
  if (m[4] !== undefined) return { kind: "dec", negative, text: m[4] };
  const hex = m[5]!;
  const dot = hex.indexOf(".");
  const intPart = dot < 0 ? hex : hex.slice(0, dot);
  const fracPart = dot < 0 ? "" : hex.slice(dot + 1);
  const mantissa = BigInt("0x0" + intPart + fracPart);
  const exp = Number(m[6]!);
  return { kind: "hex", negative, mantissa, exp2: (Number.isFinite(exp) ? exp : Math.sign(exp) * 1e9) - 4 * fracPart.length };
}

/** Rounds `mantissa * 2^exp2` to the nearest value with `bits` significant bits (ties to even). */
function roundBinary(mantissa: bigint, exp2: number, bits: number, minExp: number, maxExp: number): number {
  if (mantissa === 0n) return 0;
  const len = mantissa.toString(2).length;
  // value = 1.xxx * 2^(len - 1 + exp2)
  const e = len - 1 + exp2;
  if (e > maxExp) return Infinity;
  // Subnormals keep fewer bits.
  const keep = e < minExp ? bits - (minExp - e) : bits;
  if (keep < 0) return 0;
  const shift = len - keep;
  let q: bigint;
  if (shift > 0) {
    q = mantissa >> BigInt(shift);
    const rem = mantissa - (q << BigInt(shift));
    const half = 1n << BigInt(shift - 1);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
  } else {
    q = mantissa << BigInt(-shift);
  }
  const value = Number(q) * Math.pow(2, exp2 + shift);
  // Rounding up may carry past the largest finite value of the format.
  return value >= Math.pow(2, maxExp + 1) ? Infinity : value;
}

const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);

/** The next float (single precision) after `f` towards `towards`. */
function nextFloat(f: number, up: boolean): number {
  f32[0] = f;
  if (f === 0) {
    i32[0] = 1;
    return up ? f32[0]! : -f32[0]!;
  }
  i32[0] = i32[0]! + ((f > 0) === up ? 1 : -1);
  return f32[0]!;
}

/** Exact comparison of a decimal literal with a finite double: -1, 0 or 1. */
function compareDecimalWithDouble(text: string, d: number): number {
  const m = /^(\d*)\.?(\d*)(?:[eE]([+-]?\d+))?$/.exec(text)!;
  const digits = BigInt((m[1] ?? "") + (m[2] ?? "") || "0");
  const exp10 = Number(m[3] ?? 0) - (m[2] ?? "").length;
  // d = dm * 2^de exactly
  let de = 0;
  let dm = d;
  while (!Number.isInteger(dm)) {
    dm *= 2;
    de--;
  }
  const dBig = BigInt(dm);
  // compare digits * 10^exp10 with dBig * 2^de
  let left = digits;
  let right = dBig;
  if (exp10 >= 0) left *= 10n ** BigInt(exp10);
  else right *= 10n ** BigInt(-exp10);
  if (de >= 0) right *= 1n << BigInt(de);
  else left *= 1n << BigInt(-de);
  return left < right ? -1 : left > right ? 1 : 0;
}

function decimalToFloat(text: string): number {
  const d = Number(text);
  if (!Number.isFinite(d)) return d;
  const f = Math.fround(d);
  if (f === d || !Number.isFinite(f)) return f;
  const g = nextFloat(f, d > f);
  const mid = (f + g) / 2;
  if (d !== mid) return f;
  // The double landed exactly on a float midpoint: decide with the exact decimal value.
  const cmp = compareDecimalWithDouble(text, mid);
  const lower = Math.min(f, g);
  const upper = Math.max(f, g);
  if (cmp < 0) return lower;
  if (cmp > 0) return upper;
  f32[0] = lower;
  return (i32[0]! & 1) === 0 ? lower : upper;
}

/** Java `Float.parseFloat`, returned as the float's exact value (what widening to double keeps). */
export function parseJavaFloat(input: string): number {
  const p = parseJavaFloatingSyntax(input);
  switch (p.kind) {
    case "nan":
      return NaN;
    case "inf":
      return p.negative ? -Infinity : Infinity;
    case "dec": {
      const v = decimalToFloat(p.text);
      return p.negative ? -v : v;
    }
    case "hex": {
      const v = roundBinary(p.mantissa, p.exp2, 24, -126, 127);
      return p.negative ? -v : v;
    }
  }
}

/** Java `Double.parseDouble`. */
export function parseJavaDouble(input: string): number {
  const p = parseJavaFloatingSyntax(input);
  switch (p.kind) {
    case "nan":
      return NaN;
    case "inf":
      return p.negative ? -Infinity : Infinity;
    case "dec": {
      const v = Number(p.text);
      return p.negative ? -v : v;
    }
    case "hex": {
      const v = roundBinary(p.mantissa, p.exp2, 53, -1022, 1023);
      return p.negative ? -v : v;
    }
  }
}

const ND = /\p{Nd}/u;

/** `Character.digit(c, 10)` for one UTF-16 code unit: any Unicode decimal digit (they come in runs of ten). */
function decimalDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 0xd800 && code <= 0xdfff) return -1;
  if (!ND.test(String.fromCharCode(code))) return -1;
  let start = code;
  while (start > 0 && ND.test(String.fromCharCode(start - 1))) start--;
  return (code - start) % 10;
}

function parseJavaInteger(s: string, min: bigint, max: bigint): bigint {
  let i = 0;
  let negative = false;
  if (s.length > 0 && (s[0] === "+" || s[0] === "-")) {
    negative = s[0] === "-";
    i = 1;
  }
  if (i >= s.length) throw forInputString(s);
  let v = 0n;
  for (; i < s.length; i++) {
    const d = decimalDigit(s.charCodeAt(i));
    if (d < 0) throw forInputString(s);
    v = v * 10n + BigInt(d);
  }
  if (negative) v = -v;
  if (v < min || v > max) throw forInputString(s);
  return v;
}

/** Java `Integer.parseInt` (no trimming; any Unicode decimal digits, as `Character.digit`). */
export function parseJavaInt(s: string): number {
  return Number(parseJavaInteger(s, -(2n ** 31n), 2n ** 31n - 1n));
}

/** Java `Long.parseLong` (no trimming; any Unicode decimal digits). */
export function parseJavaLong(s: string): bigint {
  return parseJavaInteger(s, -(2n ** 63n), 2n ** 63n - 1n);
}

/** The shortest decimal digits that identify `d` (positive, finite) and its decimal exponent. */
export function shortestDigits(d: number): { digits: string; exp10: number } {
  const [mant, exp] = d.toExponential().split("e") as [string, string];
  const digits = mant.replace(".", "");
  if (digits.length === 1) {
    // Java (JDK 19+) chooses among decimals of length 1 or 2 the one closest to d, so a
    // subnormal such as Double.MIN_VALUE prints as 4.9E-324, not 5.0E-324.
    const [m2, e2] = d.toExponential(1).split("e") as [string, string];
    if (Number(`${m2}e${e2}`) === d) {
      const two = m2.replace(".", "").replace(/0$/, "");
      return { digits: two, exp10: Number(e2) };
    }
  }
  return { digits, exp10: Number(exp) };
}

/**
 * Java `Double.toString(double)` as the JDKs Flink runs on (11, 17) print it: `FloatingDecimal`'s
 * digits (see floating-decimal.ts; not always the shortest), laid out as its `getChars` does.
 */
export function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return "NaN";
  if (d === Infinity) return "Infinity";
  if (d === -Infinity) return "-Infinity";
  if (d === 0) return Object.is(d, -0) ? "-0.0" : "0.0";
  const sign = d < 0 ? "-" : "";
  const a = Math.abs(d);
  const fd = floatingDecimalDigits(a);
  const { digits, decExponent } = fd ?? ((x) => ({ digits: x.digits, decExponent: x.exp10 + 1 }))(shortestDigits(a));
  if (decExponent > 0 && decExponent < 8) {
    if (digits.length <= decExponent) return `${sign}${digits}${"0".repeat(decExponent - digits.length)}.0`;
    return `${sign}${digits.slice(0, decExponent)}.${digits.slice(decExponent)}`;
  }
  if (decExponent <= 0 && decExponent > -3) return `${sign}0.${"0".repeat(-decExponent)}${digits}`;
  const frac = digits.length > 1 ? digits.slice(1) : "0";
  return `${sign}${digits[0]}.${frac}E${decExponent - 1}`;
}

/** Java `String.format(Locale.ROOT, "%.Nf", d)` for finite non-negative `d`: half-up on `FloatingDecimal`'s digits. */
export function javaFormatFixed(d: number, decimals: number): string {
  if (d === 0) return decimals > 0 ? `0.${"0".repeat(decimals)}` : "0";
  const fd = floatingDecimalDigits(d, false);
  const { digits, exp10 } = fd ? { digits: fd.digits, exp10: fd.decExponent - 1 } : shortestDigits(d);
  // value = 0.digits * 10^(exp10 + 1); scale to an integer count of 10^-decimals units.
  const shift = exp10 + 1 - digits.length + decimals;
  let units: bigint;
  if (shift >= 0) {
    units = BigInt(digits) * 10n ** BigInt(shift);
  } else {
    const div = 10n ** BigInt(-shift);
    const big = BigInt(digits);
    units = big / div;
    if ((big % div) * 2n >= div) units += 1n;
  }
  const s = units.toString().padStart(decimals + 1, "0");
  return decimals > 0 ? `${s.slice(0, s.length - decimals)}.${s.slice(s.length - decimals)}` : s;
}
