/**
 * A configuration written as a flat file a release reads: `config.yaml` (one `key: value` a line,
 * plain where YAML reads the text back as the same string, double-quoted otherwise) or a legacy
 * `flink-conf.yaml` (`key: value` lines, read as strings by Flink 1.x).
 * @module
 */
import { rawToString, type RawValue } from "../config/raw-value.js";
import { readStandardYaml } from "../config/yaml/index.js";

/** Keys plain YAML keeps as they are (Flink keys: letters, digits, dots, dashes, underscores). */
const PLAIN_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * Whether `text` written plain reads back as the same text: as this very string, or as a number
 * or boolean Flink turns back into exactly this text (`1`, `true`, `0.4`), not null or a list.
 */
function plainStays(key: string, text: string): boolean {
  if (text === "" || /^\s|\s$|[#{}[\],&*!|>'"%@`]|: |:$|^-(?!\d)|^\?/.test(text)) return false;
  try {
    const [e] = readStandardYaml(`${key}: ${text}\n`);
    if (e === undefined) return false;
    if (e.value.t === "str") return e.value.v === text;
    return (e.value.t === "int" || e.value.t === "bool" || e.value.t === "float") && rawToString(e.value) === text;
  } catch {
    return false;
  }
}

/** One `config.yaml` line: strings stay strings, numbers and booleans keep their YAML type. */
export function yamlLine(key: string, value: RawValue): string {
  const k = PLAIN_KEY.test(key) ? key : JSON.stringify(key);
  if (value.t === "str") return `${k}: ${plainStays(k, value.v) ? value.v : JSON.stringify(value.v)}`;
  if (value.t === "int" || value.t === "bool") return `${k}: ${rawToString(value)}`;
  // Flink's own numbers (a double, a size) and maps: as the text Flink would read back.
  const text = rawToString(value);
  return `${k}: ${plainStays(k, text) ? text : JSON.stringify(text)}`;
}

/** One legacy `flink-conf.yaml` line (`key: value`; Flink 1.x reads every value as a string). */
export const legacyLine = (key: string, value: RawValue): string => `${key}: ${rawToString(value)}`;

export function writeFlatFile(kind: "config.yaml" | "flink-conf.yaml", entries: readonly { key: string; value: RawValue }[], header: readonly string[] = []): string {
  const line = kind === "config.yaml" ? yamlLine : legacyLine;
  return [...header.map((h) => `# ${h}`), ...entries.map((e) => line(e.key, e.value))].join("\n") + "\n";
}

interface Tree {
  leaf?: RawValue;
  children: Map<string, Tree>;
}

/**
 * `config.yaml` in nested form (`taskmanager:\n  memory:\n    process.size: 4g`), which Flink
 * flattens back with "." joins. A key that is also another key's prefix cannot be both a value and
 * a map: such keys stay flat at the top. The result is read back, and `undefined` is returned when
 * it would not give the same entries (the caller then writes the flat form).
 */
export function writeNestedYaml(entries: readonly { key: string; value: RawValue }[], header: readonly string[] = []): string | undefined {
  const keys = [...new Set(entries.map((e) => e.key))];
  // A key that is another's prefix, and the keys under it, stay flat together.
  const clash = new Set<string>();
  for (const k of keys) {
    const under = keys.filter((o) => o.startsWith(k + "."));
    if (under.length > 0) for (const x of [k, ...under]) clash.add(x);
  }
  const prefixOfAnother = (k: string) => clash.has(k);
  const root: Tree = { children: new Map() };
  const flat: { key: string; value: RawValue }[] = [];
  for (const e of entries) {
    const parts = e.key.split(".");
    if (prefixOfAnother(e.key) || parts.some((p) => p === "" || !PLAIN_KEY.test(p))) {
      flat.push(e);
      continue;
    }
    let node = root;
    for (const p of parts) {
      if (!node.children.has(p)) node.children.set(p, { children: new Map() });
      node = node.children.get(p)!;
    }
    node.leaf = e.value;
  }
  const lines = header.map((h) => `# ${h}`);
  const walk = (node: Tree, indent: string) => {
    for (const [name, child] of node.children) {
      if (child.leaf !== undefined && child.children.size === 0) lines.push(indent + yamlLine(name, child.leaf));
      else {
        lines.push(`${indent}${name}:`);
        walk(child, indent + "  ");
      }
    }
  };
  walk(root, "");
  for (const e of flat) lines.push(yamlLine(e.key, e.value));
  const text = lines.join("\n") + "\n";
  try {
    const back = new Map(readStandardYaml(text).map((e) => [e.key, rawToString(e.value)]));
    const same = back.size === entries.length && entries.every((e) => back.get(e.key) === rawToString(e.value));
    return same ? text : undefined;
  } catch {
    return undefined;
  }
}
