/**
 * Corrections for values Flink cannot parse: what the writer most likely meant, in a form
 * Flink reads. Each suggestion is only a candidate; the fix-its verify it by resolving.
 * @module
 */
import type { OptionType } from "../options/types.js";
import { GiB, KiB, MiB, TiB } from "../size/memory-size.js";
import { flinkSizeText } from "./search.js";

const UNIT_BYTES: ReadonlyMap<string, bigint> = new Map([
  ["b", 1n], ["bytes", 1n],
  ["k", KiB], ["kb", KiB], ["kibibytes", KiB],
  ["m", MiB], ["mb", MiB], ["mebibytes", MiB],
  ["g", GiB], ["gb", GiB], ["gibibytes", GiB],
  ["t", TiB], ["tb", TiB], ["tebibytes", TiB],
]);

/** Units people write that Flink does not know, and what they mean in bytes. */
const FOREIGN_UNITS: ReadonlyMap<string, bigint> = new Map([
  ["ki", KiB], ["kib", KiB], ["mi", MiB], ["mib", MiB], ["gi", GiB], ["gib", GiB], ["ti", TiB], ["tib", TiB],
  ["kilobytes", KiB], ["megabytes", MiB], ["gigabytes", GiB], ["terabytes", TiB], ["byte", 1n],
]);

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

/** The byte multiplier a misspelt unit most likely means. */
function unitMeant(unit: string): bigint | undefined {
  const u = unit.toLowerCase();
  const known = UNIT_BYTES.get(u) ?? FOREIGN_UNITS.get(u);
  if (known !== undefined) return known;
  let best: [number, bigint] | undefined;
  for (const [name, bytes] of UNIT_BYTES) {
    const dist = editDistance(u, name);
    if (dist <= Math.max(1, Math.floor(name.length / 3)) && (!best || dist < best[0])) best = [dist, bytes];
  }
  return best?.[1];
}

const unquote = (s: string) => s.trim().replace(/^(['"])(.*)\1$/s, "$2").trim();

/** A decimal number times a multiplier, truncated to whole bytes (as a size must be). */
function decimalTimes(number: string, multiplier: bigint): bigint {
  const [int = "0", frac = ""] = number.split(".");
  const scale = 10n ** BigInt(frac.length);
  return (BigInt((int || "0") + frac) * multiplier) / scale;
}

function memoryCandidates(text: string): string[] {
  // A sign Flink's parser does not take ("+5m"), and digit separators ("1_000m").
  const s = unquote(text).replace(/_/g, "").replace(/^\+/, "");
  const m = /^(\d*\.?\d+)\s*([a-zA-Z]*)$/.exec(s);
  if (!m) return s !== text ? [s] : [];
  const mult = m[2] ? unitMeant(m[2]) : 1n;
  if (mult === undefined) return [];
  const bytes = decimalTimes(m[1]!, mult);
  return [flinkSizeText(bytes)];
}

function fractionCandidates(text: string): string[] {
  const s = unquote(text).replace(",", ".");
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(s);
  if (pct) return [String(Number(pct[1]) / 100)];
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return s !== text ? [s] : [];
  // A number followed by stray characters ("0.4abc"): the number.
  const lead = /^[+-]?(\d+\.?\d*|\.\d+)/.exec(s);
  return lead ? [lead[0]] : [];
}

function intCandidates(text: string): string[] {
  const s = unquote(text);
  const m = /^\+?(\d+)(\.\d*)?$/.exec(s);
  return m && m[1] !== text ? [String(Number(m[1]))] : [];
}

function booleanCandidates(text: string): string[] {
  const s = unquote(text).toLowerCase();
  if (["yes", "y", "on", "1", "enabled", "enable", "t"].includes(s)) return ["true"];
  if (["no", "n", "off", "0", "disabled", "disable", "f"].includes(s)) return ["false"];
  return s !== text && (s === "true" || s === "false") ? [s] : [];
}

/** Values of `type` that `text` most likely meant; empty when nothing plausible is close. */
export function correctedValues(type: OptionType, text: string): string[] {
  switch (type) {
    case "memory":
      return memoryCandidates(text);
    case "float":
    case "double":
      return fractionCandidates(text);
    case "int":
    case "long":
      return intCandidates(text);
    case "boolean":
      return booleanCandidates(text);
    default:
      return [];
  }
}
