/**
 * Flink's `ConfigurationUtils.convertValue`: raw values to typed option values, with the
 * same acceptance rules and the same failures. It lives with the raw values in `src/config/`
 * (as in Flink, next to `Configuration`), so that `src/options/` needs nothing from here.
 * @module
 */
import { FlinkError, JavaClass, illegalArgument } from "../errors.js";
import { JavaNumberFormatError, parseJavaDouble, parseJavaFloat, parseJavaInt, parseJavaLong } from "../java/numbers.js";
import { javaIntegerClass, rawToString, rawToYamlString, type RawValue } from "./raw-value.js";
import { parseMemorySize } from "../size/memory-size.js";
import { convertToMap, convertToList } from "./convert-structured.js";
import type { OptionType, OptionValueTypes } from "../options/types.js";

const FLOAT_MIN = 1.401298464324817e-45; // Float.MIN_VALUE
const FLOAT_MAX = 3.4028234663852886e38; // Float.MAX_VALUE

function numberFormat(e: unknown): never {
  if (e instanceof JavaNumberFormatError) throw new FlinkError(JavaClass.NumberFormat, e.message);
  throw e;
}

export function convertToMemory(r: RawValue): bigint {
  return r.t === "size" ? r.v : parseMemorySize(rawToString(r));
}

export function convertToFloat(r: RawValue): number {
  if (r.t === "float" || r.t === "double") {
    const v = r.v;
    if (v === 0 || (v >= FLOAT_MIN && v <= FLOAT_MAX) || (v >= -FLOAT_MAX && v <= -FLOAT_MIN)) return Math.fround(v);
    throw illegalArgument(`Configuration value ${rawToString(r)} overflows/underflows the float type.`);
  }
  try {
    return parseJavaFloat(rawToString(r));
  } catch (e) {
    return numberFormat(e);
  }
}

export function convertToDouble(r: RawValue): number {
  if (r.t === "float" || r.t === "double") return r.v;
  try {
    return parseJavaDouble(rawToString(r));
  } catch (e) {
    return numberFormat(e);
  }
}

export function convertToInt(r: RawValue): number {
  if (r.t === "int") {
    const cls = javaIntegerClass(r.v);
    if (cls === "Integer") return Number(r.v);
    if (cls === "Long") throw illegalArgument(`Configuration value ${r.v} overflows/underflows the integer type.`);
  }
  try {
    return parseJavaInt(rawToString(r));
  } catch (e) {
    return numberFormat(e);
  }
}

export function convertToLong(r: RawValue): bigint {
  if (r.t === "int" && javaIntegerClass(r.v) !== "BigInteger") return r.v;
  try {
    return parseJavaLong(rawToString(r));
  } catch (e) {
    return numberFormat(e);
  }
}

export function convertToBoolean(r: RawValue): boolean {
  if (r.t === "bool") return r.v;
  const s = rawToString(r);
  switch (s.toUpperCase()) {
    case "TRUE":
      return true;
    case "FALSE":
      return false;
    default:
      throw illegalArgument(`Unrecognized option for boolean: ${s}. Expected either true or false(case insensitive)`);
  }
}

/** Converts `r` to the option type `type`; throws the cause Flink wraps into "Could not parse value". */
export function convertValue<T extends OptionType>(r: RawValue, type: T, standardYaml: boolean): OptionValueTypes[T] {
  switch (type) {
    case "memory":
      return convertToMemory(r) as OptionValueTypes[T];
    case "float":
      return convertToFloat(r) as OptionValueTypes[T];
    case "double":
      return convertToDouble(r) as OptionValueTypes[T];
    case "int":
      return convertToInt(r) as OptionValueTypes[T];
    case "long":
      return convertToLong(r) as OptionValueTypes[T];
    case "boolean":
      return convertToBoolean(r) as OptionValueTypes[T];
    case "map":
      return convertToMap(r, standardYaml) as OptionValueTypes[T];
    case "list":
      return convertToList(r, standardYaml) as OptionValueTypes[T];
    case "string":
      // A YAML scalar of another type is written back as YAML text (config.yaml) or as Java prints it.
      return (r.t === "str" ? r.v : standardYaml ? rawToYamlString(r) : rawToString(r)) as OptionValueTypes[T];
  }
  throw new Error(`unknown option type ${String(type)}`);
}
