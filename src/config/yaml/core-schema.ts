/**
 * Scalars → Java values by the core schema's constructors: snakeyaml-engine's
 * `ConstructYamlCoreInt` (sign, `0x`/`0o`, the Java class by digit count), `ConstructYamlCoreFloat`
 * (`.inf`, `.nan`, `Double.valueOf`), and the checks of `ConstructYamlBinary` (Java's base64
 * decoder) and `ConstructUuidClass` (`UUID.fromString`).
 * @module
 */
import { parseJavaDouble } from "../../java/numbers.js";
import { javaIntegerClass } from "../raw-value.js";
import type { JFloat, JInt } from "./java-object.js";

/** Java `Integer/Long/BigInteger.valueOf(s, radix)` syntax: an optional sign, then digits of the radix. */
function parseJavaInteger(s: string, radix: 8 | 10 | 16): bigint | null {
  const digits = radix === 8 ? "0-7" : radix === 10 ? "0-9" : "0-9a-fA-F";
  const m = new RegExp(`^([+-]?)([${digits}]+)$`).exec(s);
  if (!m) return null;
  const prefix = radix === 8 ? "0o" : radix === 16 ? "0x" : "";
  const v = BigInt(prefix + m[2]!);
  return m[1] === "-" ? -v : v;
}

/** `ConstructYamlCoreInt`; null when the text is no integer. */
export function constructInt(text: string): JInt | null {
  if (text.length === 0) return null;
  let sign = 1;
  let rest = text;
  if (rest[0] === "-") {
    sign = -1;
    rest = rest.slice(1);
  } else if (rest[0] === "+") {
    rest = rest.slice(1);
  }
  if (rest === "0") return { j: "int", v: 0n, cls: "Integer" };
  let radix: 8 | 10 | 16 = 10;
  if (rest.startsWith("0x")) {
    radix = 16;
    rest = rest.slice(2);
  } else if (rest.startsWith("0o")) {
    radix = 8;
    rest = rest.slice(2);
  }
  const len = rest.length;
  const number = sign < 0 ? "-" + rest : rest;
  const v = parseJavaInteger(number, radix);
  if (v === null) return null;
  // Longest digit strings of Integer.MAX_VALUE and Long.MAX_VALUE in the radix.
  const [intLen, longLen] = radix === 8 ? [11, 21] : radix === 10 ? [10, 19] : [8, 16];
  const byValue = javaIntegerClass(v);
  let cls: JInt["cls"];
  if (len > intLen) cls = len > longLen || byValue === "BigInteger" ? "BigInteger" : "Long";
  else cls = byValue;
  return { j: "int", v, cls };
}

/** `ConstructYamlCoreFloat`: lower-cased, `.inf`/`-.inf`/`.nan`, else sign then `Double.valueOf`; null when no number. */
export function constructFloat(text: string): JFloat | null {
  const value = text.toLowerCase();
  if (value === ".inf") return { j: "float", v: Infinity };
  if (value === "-.inf") return { j: "float", v: -Infinity };
  if (value === ".nan") return { j: "float", v: NaN };
  if (value.length === 0) return null;
  let sign = 1;
  let rest = value;
  if (rest[0] === "-") {
    sign = -1;
    rest = rest.slice(1);
  } else if (rest[0] === "+") {
    rest = rest.slice(1);
  }
  try {
    return { j: "float", v: parseJavaDouble(rest) * sign };
  } catch {
    return null;
  }
}

/** `UUID.fromString` (Java 17): five dash-separated hex groups, each parsed as a signed long. */
const JAVA_UUID = new RegExp(`^${[8, 4, 4, 4, 12].map((n) => `[+-]?[0-9a-fA-F]{1,${n}}`).join("-")}$`);

export const isJavaUuid = (text: string): boolean => text.length <= 36 && JAVA_UUID.test(text);

/** Java `Base64.getDecoder().decode` acceptance, after snakeyaml removed whitespace. */
export function isBase64(s: string): boolean {
  const m = /^([A-Za-z0-9+/]*)(=*)$/.exec(s);
  if (!m) return false;
  const body = m[1]!.length;
  const pad = m[2]!.length;
  if (pad === 0) return body % 4 !== 1;
  return pad <= 2 && (body + pad) % 4 === 0 && body % 4 === 4 - pad;
}
