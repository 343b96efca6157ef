/**
 * Byte-exact searches for the least (or greatest) size that resolves. The model is monotone
 * only piecewise (a size can resolve in a window, e.g. when JVM overhead must stay within its
 * range), so the search first walks outward in growing steps from the failing value until a
 * size resolves, then bisects between the last failing and the first resolving step. The
 * answer N always resolves and N-1 (N+1 going down) does not.
 * @module
 */
import { GiB, KiB, MAX_BYTES, MiB } from "../size/memory-size.js";

export type Test = (bytes: bigint) => boolean;

/** Smallest value in (fail, pass] that passes, given test(fail) false and test(pass) true. */
function bisectUp(fail: bigint, pass: bigint, test: Test): bigint {
  while (pass - fail > 1n) {
    const mid = fail + (pass - fail) / 2n;
    if (test(mid)) pass = mid;
    else fail = mid;
  }
  return pass;
}

/** Greatest value in [pass, fail) that passes, given test(pass) true and test(fail) false. */
function bisectDown(pass: bigint, fail: bigint, test: Test): bigint {
  while (fail - pass > 1n) {
    const mid = pass + (fail - pass) / 2n;
    if (test(mid)) pass = mid;
    else fail = mid;
  }
  return pass;
}

/** Steps away from `from`: x1.25 for a while (close answers), then doubling (far ones). */
function stepsUp(from: bigint, hints: readonly bigint[]): bigint[] {
  const out = new Set<bigint>(hints.filter((h) => h > from && h <= MAX_BYTES));
  let v = from < MiB ? MiB : from;
  for (let i = 0; v < MAX_BYTES && i < 90; i++) {
    v = i < 16 ? v + v / 4n : v * 2n;
    out.add(v > MAX_BYTES ? MAX_BYTES : v);
  }
  out.add(MAX_BYTES);
  return [...out].filter((x) => x > from).sort((a, b) => (a < b ? -1 : 1));
}

/** The least size above the failing `from` that passes, or undefined. */
export function leastPassingAbove(from: bigint, test: Test, hints: readonly bigint[] = []): bigint | undefined {
  let fail = from;
  for (const p of stepsUp(from, hints)) {
    if (test(p)) return bisectUp(fail, p, test);
    fail = p;
  }
  return undefined;
}

/** The greatest size below the failing `from` that passes (down to 0), or undefined. */
export function greatestPassingBelow(from: bigint, test: Test, hints: readonly bigint[] = []): bigint | undefined {
  const probes = new Set<bigint>(hints.filter((h) => h >= 0n && h < from));
  for (let v = from - from / 5n, i = 0; v > 0n && i < 16; v -= v / 5n, i++) probes.add(v);
  probes.add(0n);
  let fail = from;
  for (const p of [...probes].sort((a, b) => (a > b ? -1 : 1))) {
    if (test(p)) return bisectDown(p, fail, test);
    fail = p;
  }
  return undefined;
}

/** The size as Flink reads it most simply: "2g", "1987m", "12k" or "123b". */
export function flinkSizeText(bytes: bigint): string {
  if (bytes === 0n) return "0";
  if (bytes % GiB === 0n) return `${bytes / GiB}g`;
  if (bytes % MiB === 0n) return `${bytes / MiB}m`;
  if (bytes % KiB === 0n) return `${bytes / KiB}k`;
  return `${bytes}b`;
}

/** `exact` rounded up (or down) to whole MiB, then KiB, then itself: the first that passes. */
export function friendlier(exact: bigint, up: boolean, test: Test): bigint {
  for (const unit of [MiB, KiB]) {
    const r = up ? ((exact + unit - 1n) / unit) * unit : (exact / unit) * unit;
    if (r === exact) return exact;
    if (r <= MAX_BYTES && test(r)) return r;
  }
  return exact;
}
