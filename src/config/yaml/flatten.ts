/**
 * The flattening Flink applies to a loaded `config.yaml`, after Flink's
 * `GlobalConfiguration.flatten` and `loadYAMLResource`: nested mappings become dotted keys (each
 * key cast to `String`), lists become `YamlParserUtils.toYAMLString` text, the value written last
 * wins, and a null value fails as `Configuration.setValueInternal` does.
 * @module
 */
import { JavaClass, type SourceLocation } from "../../errors.js";
import type { RawValue } from "../raw-value.js";
import { javaClassOf, javaToString, type JEntry, type JMap, type JObj } from "./java-object.js";
import { YAML_LIMITS } from "./limits.js";
import { YamlProblem, type Mark } from "./problem.js";
import { toRawValue } from "./yaml-object.js";

/** One flattened entry of a `config.yaml`. */
export interface YamlEntry {
  readonly key: string;
  readonly value: RawValue;
  readonly location: SourceLocation;
}

/** The entries of the root mapping, in the order their keys first appear. */
export function flattenRoot(root: JMap, source: string): YamlEntry[] {
  const flat = new Map<string, { value: JObj; at: Mark }>();
  const visiting = new Set<JMap>();
  const maxKeyChars = YAML_LIMITS.maxFlatKeyChars;
  let keyChars = 0;
  const walk = (map: JMap, prefix: string) => {
    if (visiting.has(map)) throw new YamlProblem("a mapping contains itself through an alias and cannot be flattened");
    visiting.add(map);
    for (const e of map.entries) {
      const key = prefix + stringKey(e);
      keyChars += key.length;
      if (keyChars > maxKeyChars) {
        throw new YamlProblem(`the flattened keys are longer than ${maxKeyChars} characters in total (flink-memory's limit)`, e.valueAt);
      }
      if (e.value !== null && e.value.j === "map") walk(e.value, key + ".");
      else flat.set(key, { value: e.value, at: e.valueAt });
    }
    visiting.delete(map);
  };
  walk(root, "");
  const out: YamlEntry[] = [];
  for (const [key, { value, at }] of flat) {
    if (value === null) {
      throw new YamlProblem(`null value for key '${key}'`, at, JavaClass.NullPointer, key);
    }
    out.push({ key, value: toRawValue(value), location: { source, line: at.line + 1, column: at.column + 1 } });
  }
  return out;
}

/**
 * A key as Flink's flattening takes it: its map is typed `Map<String, Object>`, so every key is
 * cast to String as it is visited (null passes, and is concatenated as "null").
 */
function stringKey(e: JEntry): string {
  const k = e.key;
  if (k === null || k.j === "str") return javaToString(k);
  const cls = javaClassOf(k);
  throw new YamlProblem(
    `class ${cls} cannot be cast to class java.lang.String (${cls} and java.lang.String are in module java.base of loader 'bootstrap')`,
    e.valueAt,
    JavaClass.ClassCast,
    undefined,
    true,
  );
}
