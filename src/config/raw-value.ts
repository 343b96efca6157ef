/**
 * A configuration value as Flink's `Configuration` holds it before an option reads it:
 * a string (legacy file, `-D`), a YAML-typed scalar (standard `config.yaml`), or a typed
 * value that Flink itself set.
 * @module
 */
import type { SourceLocation } from "../errors.js";
import { javaDoubleToString } from "../java/numbers.js";
import { memorySizeToString } from "../size/memory-size.js";

export type RawValue =
  /** A Java `String`. */
  | { readonly t: "str"; readonly v: string }
  /** A YAML integer: Java `Integer`, `Long` or `BigInteger` by magnitude. */
  | { readonly t: "int"; readonly v: bigint }
  /** A YAML float: Java `Double`. */
  | { readonly t: "float"; readonly v: number }
  /** A YAML boolean: Java `Boolean`. */
  | { readonly t: "bool"; readonly v: boolean }
  /** A `MemorySize` Flink set itself (legacy heap mapping, local execution). */
  | { readonly t: "size"; readonly v: bigint }
  /** A `Double` Flink set itself (local execution CPU cores). */
  | { readonly t: "double"; readonly v: number }
  /** A `Map<String, String>` assembled from prefixed keys (`key.sub: value`). */
  | { readonly t: "map"; readonly v: ReadonlyMap<string, string> };

/** One entry of a configuration, with where it was written. */
export interface ConfigEntry {
  readonly value: RawValue;
  readonly location?: SourceLocation;
}

export const str = (v: string): RawValue => ({ t: "str", v });

const INT_MAX = 2n ** 31n - 1n;
const INT_MIN = -(2n ** 31n);
const LONG_MAX = 2n ** 63n - 1n;
const LONG_MIN = -(2n ** 63n);

/** The Java class a YAML integer becomes. */
export function javaIntegerClass(v: bigint): "Integer" | "Long" | "BigInteger" {
  if (v >= INT_MIN && v <= INT_MAX) return "Integer";
  if (v >= LONG_MIN && v <= LONG_MAX) return "Long";
  return "BigInteger";
}

/** Java `Object.toString()` of the value: what Flink shows in "Could not parse value '...'". */
export function rawToString(r: RawValue): string {
  switch (r.t) {
    case "str":
      return r.v;
    case "int":
      return r.v.toString();
    case "float":
    case "double":
      return javaDoubleToString(r.v);
    case "bool":
      return r.v ? "true" : "false";
    case "size":
      return memorySizeToString(r.v);
    case "map":
      return `{${[...r.v].map(([k, v]) => `${k}=${v}`).join(", ")}}`;
  }
}

/** `YamlParserUtils.toYAMLString` for scalars: how standard YAML mode turns a non-string into a string. */
export function rawToYamlString(r: RawValue): string {
  switch (r.t) {
    case "float":
    case "double":
      if (Number.isNaN(r.v)) return ".NaN";
      if (r.v === Infinity) return ".inf";
      if (r.v === -Infinity) return "-.inf";
      return javaDoubleToString(r.v);
    default:
      return rawToString(r);
  }
}
