/**
 * Map- and list-typed option values (`taskmanager.memory.managed.consumer-weights`,
 * `external-resources`): Flink's YAML-first parsing with its legacy fallback.
 *
 * Flink 2.x always reads such a value as YAML first (`YamlParserUtils.convertToObject`) and
 * falls back to the legacy `key:value,key:value` / `a;b` pattern when that fails in any way
 * (not valid YAML, not a map/list, a null inside, two keys that print the same). Flink 1.19
 * and 1.20 do the same for a standard `config.yaml`; with a legacy `flink-conf.yaml` they use
 * the legacy pattern only. The legacy pattern is `StructuredOptionsSplitter`: split on a
 * delimiter, with `'...'` and `"..."` quoting (a quote is escaped by doubling it).
 * @module
 */
import { FlinkError, JavaClass, illegalArgument } from "../errors.js";
import { rawToString, type RawValue } from "./raw-value.js";
import { loadYamlObject, toYamlFlowString, type YamlObject } from "./yaml/index.js";
import { javaHashMapOrder } from "../java/hash-map.js";
import { javaTrim } from "../java/text.js";

/** What the YAML-first conversion needs from a YAML library. */
export interface YamlCodec {
  /** `YamlParserUtils.convertToObject(text, Object.class)`: throws on invalid YAML. */
  load(text: string): YamlObject;
  /** `YamlParserUtils.toYAMLString(value)` (flow style, no trailing line break). */
  toFlowString(value: YamlObject): string;
}

/** The project's snakeyaml-engine equivalent. */
export const FLINK_YAML: YamlCodec = { load: loadYamlObject, toFlowString: toYamlFlowString };

// `IllegalStateException` is what `Collectors.toMap` throws for a duplicate key.
const ILLEGAL_STATE = JavaClass.IllegalState;

// ---------------------------------------------------------------------------------------------
// StructuredOptionsSplitter

/** Java `Character.isWhitespace` for one UTF-16 code unit. */
function isJavaWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  // Unicode space/line/paragraph separators, except the non-breaking ones (U+00A0, U+2007, U+202F).
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a && c !== 0x2007) || c === 0x2028 || c === 0x2029 || c === 0x205f || c === 0x3000;
}

type TokenKind = "quoted" | "unquoted" | "delimiter";
interface Token {
  kind: TokenKind;
  text: string;
  /** Index of the token's first character in the input. */
  at: number;
}

/** Reads a quoted part starting at `start` (the opening quote); returns its text and the index after it. */
function readQuoted(s: string, start: number): { text: string; next: number } {
  const quote = s[start]!;
  let text = "";
  for (let i = start + 1; i < s.length; i++) {
    const c = s[i]!;
    if (c !== quote) {
      text += c;
    } else if (s[i + 1] === quote) {
      text += c;
      i++;
    } else {
      return { text, next: i + 1 };
    }
  }
  throw illegalArgument("Could not split string. Quoting was not closed properly.");
}

function tokenize(s: string, delimiter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === "'" || c === '"') {
      const q = readQuoted(s, i);
      tokens.push({ kind: "quoted", text: q.text, at: i });
      i = q.next;
    } else if (c === delimiter) {
      tokens.push({ kind: "delimiter", text: c, at: i });
      i++;
    } else if (isJavaWhitespace(s.charCodeAt(i))) {
      i++;
    } else {
      // An unquoted part runs to the next delimiter, quotes included.
      let end = s.indexOf(delimiter, i);
      if (end < 0) end = s.length;
      tokens.push({ kind: "unquoted", text: javaTrim(s.slice(i, end)), at: i });
      i = end;
    }
  }
  return tokens;
}

/**
 * `StructuredOptionsSplitter.splitEscaped`: splits `s` on `delimiter` (one character),
 * honouring single and double quotes. Empty parts survive only between two delimiters.
 * Throws Flink's `IllegalArgumentException`s for an unclosed quote or text right after one.
 */
export function splitEscaped(s: string, delimiter: string): string[] {
  const tokens = tokenize(s, delimiter);
  const parts: string[] = [];
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    switch (t.kind) {
      case "quoted":
        if (next && next.kind !== "delimiter") {
          throw illegalArgument(`Could not split string. Illegal quoting at position: ${next.at - 1}`);
        }
        parts.push(t.text);
        break;
      case "unquoted":
        parts.push(t.text);
        break;
      case "delimiter":
        if (next?.kind === "delimiter") parts.push("");
        break;
    }
  });
  return parts;
}

// ---------------------------------------------------------------------------------------------
// Maps

/** A Java `HashMap<String, String>` filled from `pairs` (keys known to be unique): Java's iteration order. */
function javaHashMap(pairs: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const k of javaHashMapOrder([...pairs.keys()])) out.set(k, pairs.get(k)!);
  return out;
}

/** `key:value,key:value` (the legacy pattern). */
function legacyMap(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of splitEscaped(text, ",")) {
    const pair = splitEscaped(item, ":");
    if (pair.length !== 2) throw illegalArgument("Map item is not a key-value pair (missing ':'?)");
    const [k, v] = pair as [string, string];
    const before = out.get(k);
    if (before !== undefined) {
      throw new FlinkError(ILLEGAL_STATE, `Duplicate key ${k} (attempted merging values ${before} and ${v})`);
    }
    out.set(k, v);
  }
  return javaHashMap(out);
}

/** `ConfigurationUtils.convertToString` in standard-YAML mode; `undefined` for a null (Java NPE). */
function yamlToString(o: YamlObject, yaml: YamlCodec): string | undefined {
  if (o.t === "null") return undefined;
  if (o.t === "str") return o.v;
  return yaml.toFlowString(o);
}

/** A loaded YAML value as `Map<String, String>`, or `undefined` where Java fails (and falls back). */
function yamlMap(o: YamlObject, yaml: YamlCodec): Map<string, string> | undefined {
  if (o.t !== "ymap") return undefined;
  const out = new Map<string, string>();
  for (const [key, value] of o.entries) {
    const k = yamlToString(key, yaml);
    const v = yamlToString(value, yaml);
    if (k === undefined || v === undefined || out.has(k)) return undefined;
    out.set(k, v);
  }
  return javaHashMap(out);
}

/** {@link convertToMap} with an explicit YAML library. */
export function convertToMapWith(r: RawValue, standardYaml: boolean, yaml: YamlCodec): ReadonlyMap<string, string> {
  if (r.t === "map") return r.v;
  const text = rawToString(r);
  if (standardYaml) {
    let fromYaml: Map<string, string> | undefined;
    try {
      fromYaml = yamlMap(yaml.load(text), yaml);
    } catch {
      // Java catches every exception here and falls back to the legacy pattern.
      fromYaml = undefined;
    }
    if (fromYaml) return fromYaml;
  }
  return legacyMap(text);
}

/**
 * `ConfigurationUtils.convertToProperties`. Returns the map in Java `HashMap` iteration order.
 * Throws the cause that `Configuration.get` wraps into "Could not parse value ...".
 */
export function convertToMap(r: RawValue, standardYaml: boolean): ReadonlyMap<string, string> {
  return convertToMapWith(r, standardYaml, FLINK_YAML);
}

// ---------------------------------------------------------------------------------------------
// Lists

function yamlList(o: YamlObject, yaml: YamlCodec): string[] | undefined {
  if (o.t !== "list") return undefined;
  const out: string[] = [];
  for (const item of o.items) {
    const s = yamlToString(item, yaml);
    if (s === undefined) return undefined;
    out.push(s);
  }
  return out;
}

/** {@link convertToList} with an explicit YAML library. */
export function convertToListWith(r: RawValue, standardYaml: boolean, yaml: YamlCodec): readonly string[] {
  const text = rawToString(r);
  if (standardYaml) {
    let fromYaml: string[] | undefined;
    try {
      fromYaml = yamlList(yaml.load(text), yaml);
    } catch {
      fromYaml = undefined;
    }
    if (fromYaml) return fromYaml;
  }
  return splitEscaped(text, ";");
}

/** `ConfigurationUtils.convertToList` for string lists (`a;b`, or `[a, b]` in standard YAML). */
export function convertToList(r: RawValue, standardYaml: boolean): readonly string[] {
  return convertToListWith(r, standardYaml, FLINK_YAML);
}
