/**
 * The Java objects snakeyaml-engine constructs (`String`, `Integer`/`Long`/`BigInteger`, `Double`,
 * `Boolean`, `ArrayList`, `LinkedHashMap`, `LinkedHashSet`, `byte[]`, `UUID`, `Optional`) and
 * the Java semantics Flink's reading depends on: `equals` (duplicate keys), `String.valueOf`
 * (flattened keys) and the class name a `ClassCastException` gives.
 * @module
 */
import { javaDoubleToString } from "../../java/numbers.js";
import type { Mark } from "./problem.js";
import { TAG } from "./nodes.js";

export type JObj = null | JStr | JInt | JFloat | JBool | JList | JMap | JSet | JOpaque;
export interface JStr {
  readonly j: "str";
  readonly v: string;
}
export interface JInt {
  readonly j: "int";
  readonly v: bigint;
  /** The Java class snakeyaml picks (by digit count first, then by value). */
  readonly cls: "Integer" | "Long" | "BigInteger";
}
export interface JFloat {
  readonly j: "float";
  readonly v: number;
}
export interface JBool {
  readonly j: "bool";
  readonly v: boolean;
}
export interface JList {
  readonly j: "list";
  readonly items: JObj[];
}
export interface JEntry {
  readonly key: JObj;
  readonly value: JObj;
  /** Where the value is written. */
  readonly valueAt: Mark;
}
export interface JMap {
  readonly j: "map";
  readonly entries: JEntry[];
}
export interface JSet {
  readonly j: "set";
  readonly items: JObj[];
}
/** `byte[]`, `UUID` or `Optional`: kept as the text snakeyaml would dump them from. */
export interface JOpaque {
  readonly j: "opaque";
  readonly tag: string;
  readonly text: string;
  readonly javaString: string;
}

/** A string equal for two keys exactly when Java's `equals` holds between them. */
export function equalityKey(o: JObj, seen: Set<object> = new Set()): string {
  if (o === null) return "n";
  switch (o.j) {
    case "str":
      return "s" + JSON.stringify(o.v);
    case "int":
      return `i${o.cls}:${o.v}`;
    case "float":
      return "f" + (Number.isNaN(o.v) ? "NaN" : Object.is(o.v, -0) ? "-0" : String(o.v));
    case "bool":
      return "b" + o.v;
    case "opaque":
      // Arrays are equal only to themselves.
      return o.tag === TAG.binary ? "o" + Math.random() : "o" + o.tag + JSON.stringify(o.text);
    case "list":
    case "set":
    case "map": {
      if (seen.has(o)) return "r";
      seen.add(o);
      let s: string;
      if (o.j === "list") s = "L[" + o.items.map((i) => equalityKey(i, seen)).join(",") + "]";
      else if (o.j === "set") s = "S{" + o.items.map((i) => equalityKey(i, seen)).sort().join(",") + "}";
      else s = "M{" + o.entries.map((e) => equalityKey(e.key, seen) + "=" + equalityKey(e.value, seen)).sort().join(",") + "}";
      seen.delete(o);
      return s;
    }
  }
}

/** Java `String.valueOf(o)`: how Flink's `keyPrefix + key` spells a key. */
export function javaToString(o: JObj, seen: Set<object> = new Set()): string {
  if (o === null) return "null";
  switch (o.j) {
    case "str":
      return o.v;
    case "int":
      return o.v.toString();
    case "float":
      return javaDoubleToString(o.v);
    case "bool":
      return o.v ? "true" : "false";
    case "opaque":
      return o.javaString;
    case "list":
    case "set":
    case "map": {
      if (seen.has(o)) return o.j === "map" ? "(this Map)" : "(this Collection)";
      seen.add(o);
      const s =
        o.j === "map"
          ? "{" + o.entries.map((e) => `${javaToString(e.key, seen)}=${javaToString(e.value, seen)}`).join(", ") + "}"
          : "[" + o.items.map((i) => javaToString(i, seen)).join(", ") + "]";
      seen.delete(o);
      return s;
    }
  }
}

/** The Java class snakeyaml-engine constructs for a node (as a `ClassCastException` names it). */
export function javaClassOf(o: Exclude<JObj, null>): string {
  switch (o.j) {
    case "str":
      return "java.lang.String";
    case "int":
      return o.cls === "BigInteger" ? "java.math.BigInteger" : `java.lang.${o.cls}`;
    case "float":
      return "java.lang.Double";
    case "bool":
      return "java.lang.Boolean";
    case "list":
      return "java.util.ArrayList";
    case "set":
      return "java.util.LinkedHashSet";
    case "map":
      return "java.util.LinkedHashMap";
    case "opaque":
      return o.tag === TAG.binary ? "[B" : o.tag === TAG.uuid ? "java.util.UUID" : "java.util.Optional";
  }
}

/** What a document's top level is, in words. */
export function describeObject(o: JObj): string {
  if (o === null) return "empty";
  switch (o.j) {
    case "list":
      return "a list";
    case "set":
      return "a set";
    case "map":
      return "a mapping";
    default:
      return "a single scalar value";
  }
}
