/**
 * Flink 1.19/1.20's legacy → standard YAML migration (`bin/migrate-config-file.sh`, i.e.
 * BashJavaUtils MIGRATE_LEGACY_FLINK_CONFIGURATION_TO_STANDARD_YAML), syntax only:
 * 1. `flink-conf.yaml` is read by the legacy line reader: every value stays the string it was
 *    (no conversion by option type, quotes kept), a later duplicate overwrites the value but
 *    keeps the key's first position in the `HashMap`.
 * 2. The entries are copied into a fresh `HashMap` (`new Configuration(true).addAll`), whose
 *    iteration order is the order of the output (it depends on the JDK: `MigrateOptions.jdk`).
 * 3. Each key is split at `.` (Java `split`: trailing empty parts dropped) into nested
 *    `LinkedHashMap`s; a key that is a prefix of another fails (ClassCastException) or is
 *    replaced, depending on which comes first.
 * 4. snakeyaml-engine dumps the tree in block style (see `snakeyaml-dump.ts`); the lines are
 *    the dump split at "\n".
 * Pure: runs in a browser. Error messages never quote a value (any key may hold a secret).
 * @module
 */
import { FlinkError, JavaClass } from "../errors.js";
import { readLegacyFlinkConf } from "../config/legacy-reader.js";
import { putAllCapacity, simulateJavaHashMap } from "../java/hash-map.js";
import { dumpBlockMapping, type YamlTree } from "./snakeyaml-dump.js";

/** Java `String.split("\\.")`: leading empty parts kept, trailing ones dropped. */
function javaSplitDots(key: string): string[] {
  const parts = key.split(".");
  if (parts.length === 1) return parts;
  while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return parts;
}

/** `ClassCastException` text (Java 11+; Java 8 words it differently) when a `String` is used as the nested `Map`. */
const STRING_TO_MAP_CAST =
  "class java.lang.String cannot be cast to class java.util.Map (java.lang.String and java.util.Map are in module java.base of loader 'bootstrap')";

export interface MigrateOptions {
  /**
   * Major version of the JVM running Flink (default 17). The output order is a `HashMap`'s, and
   * JDK 19+ pre-sizes a `putAll` copy differently (see `putAllCapacity`; checked on 17 and 25).
   */
  readonly jdk?: number;
}

/** The flat map in Flink's output order, last value per key. */
export function migrationEntries(legacyText: string, options: MigrateOptions = {}): [string, string][] {
  const { entries } = readLegacyFlinkConf(legacyText);
  const values = new Map<string, string>();
  for (const e of entries) values.set(e.key, e.value.t === "str" ? e.value.v : String(e.value.v));
  // Loaded by put in file order, then copied by putAll into a pre-sized map.
  const loaded = simulateJavaHashMap(entries.map((e) => e.key));
  const copied = simulateJavaHashMap(loaded, putAllCapacity(loaded.length, options.jdk));
  return copied.map((k) => [k, values.get(k)!]);
}

/** `YamlParserUtils.convertAndDumpYamlFromFlatMap`'s nesting; throws Flink's failures. */
function nest(entries: readonly [string, string][]): YamlTree {
  const root: YamlTree = new Map();
  for (const [key, value] of entries) {
    const parts = javaSplitDots(key);
    if (parts.length === 0) {
      throw new FlinkError(JavaClass.ArrayIndexOutOfBounds, "Index -1 out of bounds for length 0");
    }
    let current = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const existing = current.get(parts[i]!);
      if (existing === undefined) {
        const child: YamlTree = new Map();
        current.set(parts[i]!, child);
        current = child;
      } else if (typeof existing === "string") {
        throw new FlinkError(JavaClass.ClassCast, STRING_TO_MAP_CAST);
      } else current = existing;
    }
    // LinkedHashMap.put on an existing key keeps its position (a nested map may be replaced).
    current.set(parts[parts.length - 1]!, value);
  }
  return root;
}

/** The lines Flink's command returns (each printed after `BASH_JAVA_UTILS_EXEC_RESULT:`). */
export function migrateLegacyToStandardLines(legacyText: string, options: MigrateOptions = {}): string[] {
  const dumped = dumpBlockMapping(nest(migrationEntries(legacyText, options)));
  // Java's split("\n") drops the trailing empty string.
  const lines = dumped.split("\n");
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

const PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
/** `runBashJavaUtilsCmd` keeps only the last 1000 lines of the command's output (`tail -n 1000`). */
const SCRIPT_TAIL_LINES = 1000;

/**
 * The migrated `config.yaml` as `bin/migrate-config-file.sh` writes it: of the printed lines the
 * last 1000 (the results come after any log lines), every occurrence of the prefix removed (bash
 * `${x//PREFIX/}`, so also inside a value), joined by "\n" with a final "\n" (`echo`).
 * Throws a `FlinkError` where Flink's command fails (the script then writes no file).
 */
export function migrateLegacyToStandardYaml(legacyText: string, options: MigrateOptions = {}): string {
  const printed = migrateLegacyToStandardLines(legacyText, options).map((l) => PREFIX + l);
  return printed.slice(-SCRIPT_TAIL_LINES).map((l) => l.split(PREFIX).join("")).join("\n") + "\n";
}
