/**
 * Java objects ↔ the values the rest of flink-memory works with: `RawValue` (what Flink's
 * `Configuration` holds for a flattened key) and `YamlObject` (what `YamlParserUtils
 * .convertToObject` returns for a map- or list-typed option, and what `toYAMLString` dumps).
 * @module
 */
import { memorySizeToString } from "../../size/memory-size.js";
import { javaIntegerClass, type RawValue } from "../raw-value.js";
import { dumpFlow } from "./emitter.js";
import type { JList, JMap, JObj } from "./java-object.js";
import type { Mark } from "./problem.js";

/** A YAML value as snakeyaml-engine constructs it (Java objects), with locations. */
export type YamlObject =
  | RawValue
  | { readonly t: "null" }
  | { readonly t: "list"; readonly items: readonly YamlObject[] }
  | { readonly t: "ymap"; readonly entries: readonly (readonly [YamlObject, YamlObject])[] };

/** A scalar as its Java value; any other object as the string Flink's standard YAML mode makes of it. */
export function toRawValue(o: Exclude<JObj, null>): RawValue {
  switch (o.j) {
    case "str":
      return { t: "str", v: o.v };
    case "int":
      return { t: "int", v: o.v };
    case "float":
      return { t: "float", v: o.v };
    case "bool":
      return { t: "bool", v: o.v };
    default:
      // Lists become `toYAMLString(list)`; other Java objects are what standard YAML mode
      // turns them into when an option reads them as a string.
      return { t: "str", v: dumpFlow(o) };
  }
}

/** A constructed object as a `YamlObject` (shared and recursive objects stay shared). */
export function toYamlObject(o: JObj, memo: Map<object, YamlObject> = new Map()): YamlObject {
  if (o === null) return { t: "null" };
  const done = memo.get(o);
  if (done) return done;
  switch (o.j) {
    case "str":
    case "int":
    case "float":
    case "bool":
      return toRawValue(o);
    case "opaque":
      return { t: "str", v: o.text };
    case "list":
    case "set": {
      const items: YamlObject[] = [];
      const r: YamlObject = { t: "list", items };
      memo.set(o, r);
      for (const i of o.items) items.push(toYamlObject(i, memo));
      return r;
    }
    case "map": {
      const entries: [YamlObject, YamlObject][] = [];
      const r: YamlObject = { t: "ymap", entries };
      memo.set(o, r);
      for (const e of o.entries) entries.push([toYamlObject(e.key, memo), toYamlObject(e.value, memo)]);
      return r;
    }
  }
}

const NOWHERE: Mark = { index: 0, line: 0, column: 0 };

/** A `YamlObject` as the Java object Flink would dump (a `MemorySize` as its `toString()`). */
export function fromYamlObject(y: YamlObject, memo: Map<object, JObj> = new Map()): JObj {
  const done = memo.get(y);
  if (done !== undefined) return done;
  switch (y.t) {
    case "null":
      return null;
    case "str":
      return { j: "str", v: y.v };
    case "int":
      return { j: "int", v: y.v, cls: javaIntegerClass(y.v) };
    case "float":
    case "double":
      return { j: "float", v: y.v };
    case "bool":
      return { j: "bool", v: y.v };
    case "size":
      // FlinkConfigRepresenter: a MemorySize is dumped as the string of its toString().
      return { j: "str", v: memorySizeToString(y.v) };
    case "map": {
      const m: JMap = { j: "map", entries: [] };
      memo.set(y, m);
      for (const [k, v] of y.v) {
        m.entries.push({ key: { j: "str", v: k }, value: { j: "str", v }, valueAt: NOWHERE });
      }
      return m;
    }
    case "list": {
      const l: JList = { j: "list", items: [] };
      memo.set(y, l);
      for (const i of y.items) l.items.push(fromYamlObject(i, memo));
      return l;
    }
    case "ymap": {
      const m: JMap = { j: "map", entries: [] };
      memo.set(y, m);
      for (const [k, v] of y.entries) {
        m.entries.push({ key: fromYamlObject(k, memo), value: fromYamlObject(v, memo), valueAt: NOWHERE });
      }
      return m;
    }
  }
}
