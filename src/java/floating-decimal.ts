/**
 * The decimal digits Java 8–18 print for a double (`Double.toString`, `String.format("%.Nf")`):
 * the JDK's `FloatingDecimal` conversion, which Flink runs on (Java 11 and 17). It is not always
 * the shortest: a whole number below 2^63 keeps its exact digits up to the ones 53 bits cannot
 * tell apart (2^63 · 0.0179 … → 165044846848915648, where JDK 19+ says 165044846848915650), and
 * the digit loop stops on a symmetric test whose integer and long variants differ at ties from
 * the big-number one. Reimplemented from the algorithm (Steele & White's, as the JDK has it),
 * with each variant's own 32/64-bit wrap-around kept.
 * @module
 */

export interface DecimalDigits {
  /** The digits, without sign (trailing zeros may remain after a carry, as the JDK leaves them). */
  digits: string;
  /** Where the decimal point goes: value = 0.digits × 10^decExponent. */
  decExponent: number;
}

const EXP_SHIFT = 52;
const MAX_SMALL_BIN_EXP = 62;
const MIN_SMALL_BIN_EXP = -21;
/** Approximately ceil(log2(5^i)), i < 27 (the long powers of five). */
const N_5_BITS = [0, 3, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28, 31, 33, 35, 38, 40, 42, 45, 47, 49, 52, 54, 56, 59, 61];
/** Decimal digits that 2^p2 makes meaningless, by p2. */
const INSIGNIFICANT = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 9, 10, 10, 10, 11, 11, 11, 12, 12, 12, 12, 13, 13, 13, 14, 14, 14, 15, 15, 15, 15, 16, 16, 16, 17, 17, 17, 18, 18, 18, 19];

const view = new DataView(new ArrayBuffer(8));
function bitsOf(d: number): bigint {
  view.setFloat64(0, d);
  return view.getBigUint64(0);
}
function fromBits(b: bigint): number {
  view.setBigUint64(0, b);
  return view.getFloat64(0);
}

const trailingZeros = (x: bigint) => {
  let n = 0;
  while ((x & 1n) === 0n) (x >>= 1n), n++;
  return n;
};

/** `floor` of the JDK's estimate of log10(d) from its mantissa and binary exponent. */
function estimateDecExp(fractBits: bigint, binExp: number): number {
  const d2 = fromBits((1023n << 52n) | (fractBits & ((1n << 52n) - 1n)));
  const d = (d2 - 1.5) * 0.289529654 + 0.176091259 + binExp * 0.301029995663981;
  return d === 0 ? 0 : Math.floor(d);
}

/** Digits of a whole number, with `insignificant` low digits rounded away (half up). */
function longDigits(value: bigint, insignificant: number): DecimalDigits {
  let exp = 0;
  if (insignificant !== 0) {
    const pow10 = 10n ** BigInt(insignificant);
    const residue = value % pow10;
    value /= pow10;
    exp += insignificant;
    if (residue >= pow10 >> 1n) value++;
  }
  const text = value.toString();
  const digits = text.replace(/0+$/, "");
  return { digits, decExponent: exp + text.length };
}

/**
 * The digits `FloatingDecimal` produces for a positive finite double; `compatible` is
 * `Double.toString`'s mode (the `%f` formatter uses the other one, which always wants a second
 * digit). Undefined for zero, infinities and NaN.
 */
export function floatingDecimalDigits(d: number, compatible = true): DecimalDigits | undefined {
  const bits = bitsOf(d);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let fractBits = bits & ((1n << 52n) - 1n);
  if (biased === 0x7ff || (biased === 0 && fractBits === 0n)) return undefined;
  let binExp: number;
  let nSignificantBits: number;
  if (biased === 0) {
    // Subnormal: normalise the mantissa; only its own bits are significant.
    const leadingZeros = 64 - fractBits.toString(2).length;
    const shift = leadingZeros - (63 - EXP_SHIFT);
    fractBits <<= BigInt(shift);
    binExp = 1 - shift - 1023;
    nSignificantBits = 64 - leadingZeros;
  } else {
    fractBits |= 1n << 52n;
    binExp = biased - 1023;
    nSignificantBits = EXP_SHIFT + 1;
  }
  const tailZeros = trailingZeros(fractBits);
  const nFractBits = EXP_SHIFT + 1 - tailZeros;
  const nTinyBits = Math.max(0, nFractBits - binExp - 1);
  if (binExp <= MAX_SMALL_BIN_EXP && binExp >= MIN_SMALL_BIN_EXP && nTinyBits < N_5_BITS.length && nFractBits + N_5_BITS[nTinyBits]! < 64 && nTinyBits === 0) {
    // A whole number that fits in a long: its own digits.
    const insignificant = binExp > nSignificantBits ? (INSIGNIFICANT[binExp - nSignificantBits - 1] ?? 0) : 0;
    const whole = binExp >= EXP_SHIFT ? fractBits << BigInt(binExp - EXP_SHIFT) : fractBits >> BigInt(EXP_SHIFT - binExp);
    return longDigits(whole, insignificant);
  }
  let decExp = estimateDecExp(fractBits, binExp);
  const B5 = Math.max(0, -decExp);
  let B2 = B5 + nTinyBits + binExp;
  const S5 = Math.max(0, decExp);
  let S2 = S5 + nTinyBits;
  const M5 = B5;
  let M2 = B2 - nSignificantBits;
  fractBits >>= BigInt(tailZeros);
  B2 -= nFractBits - 1;
  const common = Math.min(B2, S2);
  B2 -= common;
  S2 -= common;
  M2 -= common;
  // Below an exact power of two the next double is only half as far.
  if (nFractBits === 1) M2 -= 1;
  if (M2 < 0) {
    B2 -= M2;
    S2 -= M2;
    M2 = 0;
  }
  const bBits = nFractBits + B2 + (B5 < N_5_BITS.length ? N_5_BITS[B5]! : B5 * 3);
  const tenSBits = S2 + 1 + (S5 + 1 < N_5_BITS.length ? N_5_BITS[S5 + 1]! : (S5 + 1) * 3);
  // The JDK picks int, long or big-number arithmetic by size; the first two wrap, and the
  // high test is strict there but not in the big-number variant.
  const width = bBits < 64 && tenSBits < 64 ? (bBits < 32 && tenSBits < 32 ? 32 : 64) : 0;
  const wrap = width === 0 ? (x: bigint) => x : (x: bigint) => BigInt.asIntN(width, x);
  let b = wrap(wrap(fractBits * 5n ** BigInt(B5)) << BigInt(B2));
  const s = wrap(5n ** BigInt(S5) << BigInt(S2));
  let m = wrap(5n ** BigInt(M5) << BigInt(M2));
  const tens = wrap(s * 10n);
  const isHigh = (bb: bigint, mm: bigint) => (width === 0 ? bb + mm >= tens : wrap(bb + mm) > tens);
  const out: number[] = [];
  let q = Number(b / s);
  b = wrap(10n * (b % s));
  m = wrap(m * 10n);
  let low = b < m;
  let high = isHigh(b, m);
  if (q === 0 && !high) decExp--;
  else out.push(q);
  if (!compatible || decExp < -3 || decExp >= 8) high = low = false;
  while (!low && !high) {
    q = Number(b / s);
    b = wrap(10n * (b % s));
    m = wrap(m * 10n);
    if (width === 0 || m > 0n) {
      low = b < m;
      high = isHigh(b, m);
    } else {
      // The multiplied half-ULP overflowed: certainly past both bounds.
      low = high = true;
    }
    out.push(q);
  }
  let lowDigitDifference: bigint;
  if (width === 0) {
    const twice = b << 1n;
    lowDigitDifference = high && low ? (twice < tens ? -1n : twice > tens ? 1n : 0n) : 0n;
  } else {
    lowDigitDifference = wrap(wrap(b << 1n) - tens);
  }
  let decExponent = decExp + 1;
  const roundUp = high && (!low || lowDigitDifference > 0n || (lowDigitDifference === 0n && (out[out.length - 1]! & 1) !== 0));
  if (roundUp) {
    let i = out.length - 1;
    while (out[i] === 9 && i > 0) out[i--] = 0;
    if (out[i] === 9) {
      // Carry out of the first digit: 1 followed by the zeros, one more decimal place.
      out[0] = 1;
      decExponent++;
    } else {
      out[i]!++;
    }
  }
  return { digits: out.join(""), decExponent };
}
