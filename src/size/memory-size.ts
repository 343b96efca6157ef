/**
 * Flink's `MemorySize` on `bigint` byte counts: parsing, printing and the exact arithmetic
 * the memory model uses. Nothing else in the project does byte arithmetic by hand.
 * @module
 */
import { FlinkError, JavaClass, illegalArgument } from "../errors.js";
import { javaTrim } from "../java/text.js";
import { javaFormatFixed, shortestDigits } from "../java/numbers.js";

/** `Long.MAX_VALUE`: Flink's largest size, shown as "infinite" in its docs. */
export const MAX_BYTES = 2n ** 63n - 1n;
const MIN_LONG = -(2n ** 63n);

export const KiB = 1024n;
export const MiB = 1024n * KiB;
export const GiB = 1024n * MiB;
export const TiB = 1024n * GiB;

const UNITS: ReadonlyMap<string, bigint> = new Map([
  ["", 1n],
  ["b", 1n],
  ["bytes", 1n],
  ["k", KiB],
  ["kb", KiB],
  ["kibibytes", KiB],
  ["m", MiB],
  ["mb", MiB],
  ["mebibytes", MiB],
  ["g", GiB],
  ["gb", GiB],
  ["gibibytes", GiB],
  ["t", TiB],
  ["tb", TiB],
  ["tebibytes", TiB],
]);

const UNIT_LIST =
  "(b | bytes) / (k | kb | kibibytes) / (m | mb | mebibytes) / (g | gb | gibibytes) / (t | tb | tebibytes)";

/** `MemorySize.parse(text)`: digits, optional whitespace, optional unit; a bare number is bytes. */
export function parseMemorySize(text: string): bigint {
  return parsePlain(text) ?? parseFull(text);
}

/**
 * The usual texts ("1728m", "4294967296b"): up to 15 digits, then a lower-case unit or nothing.
 * Exact: 15 digits stay below 2^53. Anything else (spaces, upper case, long or huge numbers)
 * returns undefined and takes the full parse, which also words the failures.
 */
function parsePlain(text: string): bigint | undefined {
  const n = text.length;
  let i = 0;
  let v = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    v = v * 10 + (c - 48);
  }
  if (i === 0 || i > 15) return undefined;
  const unit = i === n ? 1n : UNITS.get(text.slice(i));
  if (unit === undefined) return undefined;
  const bytes = BigInt(v) * unit;
  return bytes > MAX_BYTES ? undefined : bytes;
}

/** The full parse, as `MemorySize.parse` words it, failures included. */
function parseFull(text: string): bigint {
  const trimmed = javaTrim(text);
  if (trimmed.length === 0) throw illegalArgument("argument is an empty- or whitespace-only string");
  let pos = 0;
  while (pos < trimmed.length) {
    const c = trimmed.charCodeAt(pos);
    if (c < 48 || c > 57) break;
    pos++;
  }
  const number = trimmed.slice(0, pos);
  const unit = javaTrim(trimmed.slice(pos)).toLowerCase();
  if (number.length === 0) throw new FlinkError(JavaClass.NumberFormat, "text does not start with a number");
  const value = BigInt(number);
  if (value > MAX_BYTES) {
    throw illegalArgument(`The value '${number}' cannot be re represented as 64bit number (numeric overflow).`);
  }
  const multiplier = UNITS.get(unit);
  if (multiplier === undefined) {
    throw illegalArgument(`Memory size unit '${unit}' does not match any of the recognized units: ${UNIT_LIST}`);
  }
  const bytes = value * multiplier;
  if (bytes > MAX_BYTES) {
    throw illegalArgument(`The value '${text}' cannot be re represented as 64bit number of bytes (numeric overflow).`);
  }
  return bytes;
}

const NAMED: ReadonlyArray<readonly [bigint, string]> = [
  [1n, "bytes"],
  [KiB, "kb"],
  [MiB, "mb"],
  [GiB, "gb"],
  [TiB, "tb"],
];

/** `MemorySize.toString()`: the largest unit that divides exactly, e.g. "128 mb" (1 TiB prints in bytes, as Flink does). */
export function memorySizeToString(bytes: bigint): string {
  let i = 0;
  while (i < NAMED.length && bytes % NAMED[i]![0] === 0n) i++;
  const [mult, name] = i === 0 || i === NAMED.length ? NAMED[0]! : NAMED[i - 1]!;
  return `${bytes / mult} ${name}`;
}

const HUMAN_CACHE = new Map<bigint, string>();

/** `MemorySize.toHumanReadableString()`, e.g. "128.000mb (134217728 bytes)". */
export function toHumanReadable(bytes: bigint): string {
  let s = HUMAN_CACHE.get(bytes);
  if (s !== undefined) return s;
  let i = NAMED.length - 1;
  while (i > 0 && !(bytes > NAMED[i]![0])) i--;
  if (i === 0) s = `${bytes} bytes`;
  else {
    const [mult, name] = NAMED[i]!;
    s = `${javaFormatFixed(Number(bytes) / Number(mult), 3)}${name} (${bytes} bytes)`;
  }
  if (HUMAN_CACHE.size > 10000) HUMAN_CACHE.clear();
  HUMAN_CACHE.set(bytes, s);
  return s;
}

const longOverflow = () => new FlinkError(JavaClass.Arithmetic, "long overflow");
const negativeBytes = () => illegalArgument("bytes must be >= 0");

/** `MemorySize.add`: `Math.addExact`. */
export function addSizes(a: bigint, b: bigint): bigint {
  const r = a + b;
  if (r > MAX_BYTES) throw longOverflow();
  return r;
}

/** `MemorySize.subtract`: `Math.subtractExact`, then the non-negative check. */
export function subtractSizes(a: bigint, b: bigint): bigint {
  const r = a - b;
  if (r < MIN_LONG || r > MAX_BYTES) throw longOverflow();
  if (r < 0n) throw negativeBytes();
  return r;
}

/** A double as `BigDecimal.valueOf(d)` sees it: `unscaled / 10^scale`. */
function decimalOf(d: number): { unscaled: bigint; scale: number } {
  if (d === 0) return { unscaled: 0n, scale: 0 };
  const { digits, exp10 } = shortestDigits(d);
  const scale = digits.length - 1 - exp10;
  return scale >= 0
    ? { unscaled: BigInt(digits), scale }
    : { unscaled: BigInt(digits) * 10n ** BigInt(-scale), scale: 0 };
}

interface Decimal {
  readonly multiplier: number;
  readonly unscaled: bigint;
  readonly pow: bigint;
}

const DECIMAL_CACHE = new Map<number, Decimal>();
// A resolution multiplies by two or three fractions: the last ones are checked before the map.
let recentA: Decimal = { multiplier: NaN, unscaled: 0n, pow: 1n };
let recentB: Decimal = recentA;

function decimalFor(multiplier: number): Decimal {
  if (recentA.multiplier === multiplier) return recentA;
  if (recentB.multiplier === multiplier) return recentB;
  let dec = DECIMAL_CACHE.get(multiplier);
  if (!dec) {
    const { unscaled, scale } = decimalOf(multiplier);
    dec = { multiplier, unscaled, pow: 10n ** BigInt(scale) };
    if (DECIMAL_CACHE.size > 10000) DECIMAL_CACHE.clear();
    DECIMAL_CACHE.set(multiplier, dec);
  }
  recentB = recentA;
  recentA = dec;
  return dec;
}

/** Below this, byte counts and products are exact doubles. */
const EXACT_DOUBLE = 2 ** 53;
const BYTES_EXACT_DOUBLE = BigInt(EXACT_DOUBLE);
const MIN_NORMAL = 2 ** -1022;

/**
 * `MemorySize.multiply(double)`: the product in decimal (the double's shortest digits),
 * truncated toward zero; fails beyond `Long.MAX_VALUE`.
 */
export function multiplySize(bytes: bigint, multiplier: number): bigint {
  if (!(multiplier >= 0)) throw illegalArgument("multiplier must be >= 0");
  if (!Number.isFinite(multiplier)) throw new FlinkError(JavaClass.NumberFormat, "Infinite or NaN");
  const fast = bytes <= BYTES_EXACT_DOUBLE && multiplier >= MIN_NORMAL ? truncatedProduct(Number(bytes), multiplier) : -1;
  return fast >= 0 ? BigInt(fast) : multiplyDecimal(bytes, multiplier);
}

/**
 * The truncated decimal product from one double multiplication, or -1 when the double cannot
 * decide it. Why it is exact: the decimal D of the multiplier m rounds to m, so |D - m| <= m·2^-53;
 * the double product d is within b·m·2^-53 of b·m; hence b·D lies within d·2^-51 of d (b >= 1).
 * The window d ± d·2^-49 (its own rounding is below d·2^-53) holds b·D; when no integer boundary
 * falls inside it, its floor is the answer. Products near an integer take the decimal path.
 * Exported for its agreement test.
 */
export function truncatedProduct(b: number, m: number): number {
  const d = b * m;
  if (!(d < EXACT_DOUBLE)) return -1;
  const e = d * 2 ** -49;
  const lo = Math.floor(d - e);
  return lo === Math.floor(d + e) ? lo : -1;
}

/** The exact product on `bigint`s: BigDecimal's multiply, then truncation. */
export function multiplyDecimal(bytes: bigint, multiplier: number): bigint {
  const dec = decimalFor(multiplier);
  const exact = bytes * dec.unscaled;
  const product = exact / dec.pow;
  // BigDecimal comparison with Long.MAX_VALUE happens before truncation.
  if (product >= MAX_BYTES && (product > MAX_BYTES || exact % dec.pow !== 0n)) throw longOverflow();
  return product;
}

/** Sum of sizes with Flink's overflow check at each step. */
export function sumSizes(...sizes: bigint[]): bigint {
  let total = 0n;
  for (const s of sizes) total = addSizes(total, s);
  return total;
}
