/**
 * JSON Schema (draft-07) fragments for option values as Flink reads them from `config.yaml`:
 * a YAML value of the right type, or a string Flink converts. Sizes follow `MemorySize.parse`
 * exactly, overflow included (per unit, the largest number that fits 2^63-1 bytes); fractions
 * Flink checks lie in [0, 1).
 * @module
 */
import type { ConfigOption } from "../options/types.js";
import { GiB, KiB, MAX_BYTES, MiB, TiB } from "../size/memory-size.js";

export type JsonSchema = Record<string, unknown>;

/** A regex of the decimal numbers 0..max (no sign; leading zeros allowed, as BigInt reads them). */
export function atMost(max: bigint): string {
  const n = max.toString();
  const k = n.length;
  const parts: string[] = [];
  // Fewer digits than max: any such number.
  if (k > 1) parts.push(`[0-9]{1,${k - 1}}`);
  // Same number of digits: a prefix of max, then a smaller digit, then anything.
  for (let i = 0; i < k; i++) {
    const d = Number(n[i]);
    if (d > 0) parts.push(`${n.slice(0, i)}[0-${d - 1}]${k - i - 1 > 0 ? `[0-9]{${k - i - 1}}` : ""}`);
  }
  parts.push(n);
  return `0*(?:${parts.join("|")})`;
}

/** Java's `String.trim`: characters up to U+0020 at either end. */
const TRIM = "[\\u0000-\\u0020]*";
const ci = (word: string) => [...word].map((c) => (/[a-z]/.test(c) ? `[${c}${c.toUpperCase()}]` : c)).join("");
const UNITS: [string[], bigint][] = [
  [["b", "bytes"], 1n],
  [["k", "kb", "kibibytes"], KiB],
  [["m", "mb", "mebibytes"], MiB],
  [["g", "gb", "gibibytes"], GiB],
  [["t", "tb", "tebibytes"], TiB],
];

/** `MemorySize.parse`'s grammar: digits, optional whitespace, an optional unit, no overflow. */
export const MEMORY_PATTERN = `^${TRIM}(?:${[
  `${atMost(MAX_BYTES)}(?:${TRIM}(?:${UNITS[0]![0].map(ci).join("|")}))?`,
  ...UNITS.slice(1).map(([names, mult]) => `${atMost(MAX_BYTES / mult)}${TRIM}(?:${names.map(ci).join("|")})`),
].join("|")})${TRIM}$`;

const FLOAT_TEXT = `^${TRIM}[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?[fFdD]?${TRIM}$`;
/**
 * A fraction as text: a decimal below 1 (`0.4`, `.25`, `0`), or with a negative exponent (`1e-1`;
 * such a value is below 1 unless its mantissa is 10 or more, which no one writes).
 */
const FRACTION_TEXT = `^${TRIM}\\+?(?:(?:0+(?:\\.[0-9]*)?|0*\\.[0-9]+)(?:[eE][+-]?0*[0-9]+)?|[0-9]*\\.?[0-9]+[eE]-0*[1-9][0-9]*)[fFdD]?${TRIM}$`;
const INT_TEXT = `^[+-]?[0-9]+$`;
const BOOL_TEXT = `^(?:${ci("true")}|${ci("false")})$`;
const MAP_ITEM = "[^,:]+:[^,:]+";

/** The value schema of one option. */
export function valueSchema(o: ConfigOption): JsonSchema {
  switch (o.type) {
    case "memory":
      return { anyOf: [{ type: "string", pattern: MEMORY_PATTERN }, { type: "integer", minimum: 0, maximum: Number(MAX_BYTES) }] };
    case "float":
    case "double":
      // Fractions lie in [0, 1) wherever Flink reads them (a managed fraction beside a managed
      // size is not read, but is still a mistake to flag).
      if (/Fraction$/.test(o.id)) return { anyOf: [{ type: "number", minimum: 0, exclusiveMaximum: 1 }, { type: "string", pattern: FRACTION_TEXT }] };
      return { anyOf: [{ type: "number" }, { type: "string", pattern: FLOAT_TEXT }] };
    case "int":
    case "long":
      return { anyOf: [{ type: "integer" }, { type: "string", pattern: INT_TEXT }] };
    case "boolean":
      return { anyOf: [{ type: "boolean" }, { type: "string", pattern: BOOL_TEXT }] };
    case "map":
      return { anyOf: [{ type: "object", additionalProperties: { type: ["string", "integer"] } }, { type: "string", pattern: `^${MAP_ITEM}(?:,${MAP_ITEM})*$` }] };
    case "list":
      return { anyOf: [{ type: "array" }, { type: "string" }] };
    default:
      return { type: ["string", "number", "boolean"] };
  }
}
