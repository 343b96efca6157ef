/**
 * Flink's standard-YAML `config.yaml` reader (Flink 1.19+ / 2.x): the one entry to
 * `src/config/yaml/`. Flink reads the file with snakeyaml-engine 2.6 (YAML 1.2 core schema), then
 * flattens nested maps with ".", keeps lists as flow-YAML strings and rejects nulls and duplicate
 * keys. snakeyaml-engine's scanner descends from PyYAML and does not accept the same texts as a
 * YAML 1.2 parser (tabs never separate tokens, `#` right after a quoted scalar starts a comment,
 * simple keys are limited to one line, quoted scalars ignore indentation, ...), so each of its
 * stages has its own module here, following its rules:
 *
 *   text → `reader.ts` (StreamReader) → `scanner.ts` with `scan-scalar.ts`, `scan-directive.ts`
 *   (ScannerImpl: tokens, marks) → `composer.ts` (ParserImpl + Composer: nodes, anchors, aliases,
 *   limits) → `construct.ts` with `core-schema.ts`, `resolver.ts`, `java-object.ts`
 *   (StandardConstructor, core schema, Java's equals and toString) → `flatten.ts` (Flink's
 *   GlobalConfiguration.flatten), and back to text by `represent.ts`, `scalar-analysis.ts`,
 *   `emitter.ts` (StandardRepresenter, Serializer, Emitter: YamlParserUtils.toYAMLString).
 * @module
 */
import { FlinkError, JavaClass } from "../../errors.js";
import { MAX_CONFIG_CHARS } from "../limits.js";
import { loadDocument } from "./document.js";
import { flattenRoot, type YamlEntry } from "./flatten.js";
import { describeObject } from "./java-object.js";
import { toCause, YamlProblem } from "./problem.js";
import { fromYamlObject, toYamlObject, type YamlObject } from "./yaml-object.js";
import { dumpFlow } from "./emitter.js";

export type { YamlEntry } from "./flatten.js";
export type { YamlObject } from "./yaml-object.js";
export { YAML_LIMITS } from "./limits.js";

/**
 * Reads a whole `config.yaml` as Flink's `GlobalConfiguration.loadYAMLResource` does.
 * Fails with `FlinkError(RuntimeException, "Error parsing YAML configuration.")` whose cause
 * says, in our words, what is wrong and where (line, column).
 *
 * Entries come in the order their keys first appear in the file. A key written twice through
 * different spellings (`a.b: 1` and `a: {b: 2}`) is no duplicate for snakeyaml; Flink's
 * flattening keeps the value written last (the entry stays at its first position here).
 */
export function readStandardYaml(text: string, source = "config.yaml"): YamlEntry[] {
  try {
    if (text.length > MAX_CONFIG_CHARS) {
      throw new YamlProblem(`the file is ${text.length} characters long; flink-memory reads at most ${MAX_CONFIG_CHARS} (10 Mi) characters`);
    }
    // `FileInputStream` + snakeyaml's unicode reader: a leading byte order mark is dropped.
    const root = loadDocument(text.startsWith("\uFEFF") ? text.slice(1) : text);
    if (root.value === null) return [];
    if (root.value.j !== "map") {
      throw new YamlProblem(
        `the file must hold a mapping of keys to values, but its top level is ${describeObject(root.value)}`,
        root.node?.start,
      );
    }
    return flattenRoot(root.value, source);
  } catch (e) {
    const cause = toCause(e, source);
    throw new FlinkError(JavaClass.Runtime, "Error parsing YAML configuration.", {
      cause,
      ...(cause.location ? { location: cause.location } : {}),
    });
  }
}

/**
 * `YamlParserUtils.convertToObject(text, type)`: loads one YAML document from a string
 * (used when a map- or list-typed option holds a string). Throws on a YAML error.
 */
export function loadYamlObject(text: string): YamlObject {
  try {
    if (text.length > MAX_CONFIG_CHARS) {
      throw new YamlProblem(`the value is ${text.length} characters long; flink-memory reads at most ${MAX_CONFIG_CHARS} (10 Mi) characters`);
    }
    return toYamlObject(loadDocument(text).value);
  } catch (e) {
    throw toCause(e, "value");
  }
}

/** `YamlParserUtils.toYAMLString(value)` (flow style) for lists and scalars. */
export function toYamlFlowString(value: YamlObject): string {
  return dumpFlow(fromYamlObject(value));
}
