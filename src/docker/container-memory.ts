/**
 * Container memory sizes as Docker Compose reads them (`mem_limit`, `deploy.resources.limits.memory`):
 * a byte count, or a number with a unit `b`, `k`, `m`, `g`, `t`, `p` (case-insensitive, an
 * optional `i` and `b` after it, an optional space before it). Every unit is binary, so
 * `512m` is 512 MiB — unlike Kubernetes, where `512M` is 512·10^6 bytes. Fractions are
 * allowed and truncated to whole bytes (docker/go-units `RAMInBytes`).
 * @module
 */

const SIZE = /^(\d+(?:\.\d+)*) ?([kmgtp])?i?b?$/i;
const POWER: Record<string, number> = { k: 1, m: 2, g: 3, t: 4, p: 5 };

/** Bytes for a Compose memory size (a YAML integer counts as bytes), or undefined when Docker refuses it. */
export function dockerMemoryBytes(value: string | bigint | number): bigint | undefined {
  if (typeof value === "bigint") return value >= 0n ? value : undefined;
  if (typeof value === "number") return Number.isSafeInteger(value) && value >= 0 ? BigInt(value) : undefined;
  const m = SIZE.exec(value);
  if (!m) return undefined;
  const number = m[1]!;
  if ((number.match(/\./g) ?? []).length > 1) return undefined; // "1.2.3" matches but is no number
  const power = m[2] ? POWER[m[2].toLowerCase()]! : 0;
  // Go multiplies a float64 and truncates; whole numbers are exact in bigint.
  if (!number.includes(".")) return BigInt(number) * 1024n ** BigInt(power);
  return BigInt(Math.trunc(Number(number) * 1024 ** power));
}
