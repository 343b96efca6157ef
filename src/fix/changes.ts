/**
 * Changes to a configuration and how they are applied to a request: a key set or removed, or
 * one line of a config file replaced or deleted (for files Flink cannot read at all).
 *
 * A set goes in as the last `-D` pair, which overrides the file as Flink's dynamic properties
 * do. A removal takes the key out of the `-D` pairs and out of both files, so that the key is
 * absent wherever Flink would look for it.
 * @module
 */
import { FlinkError } from "../errors.js";
import type { ConfigInput } from "../config/load.js";
import { javaLines, readLegacyFlinkConf } from "../config/legacy-reader.js";
import { readStandardYaml, type YamlEntry } from "../config/yaml/index.js";
import { writeFlatYaml } from "./flat-yaml.js";

/** Set `key` to `set`, or remove it everywhere. */
export interface KeyChange {
  key: string;
  set?: string;
  remove?: true;
}

/** Replace line `line` (1-based) of a config file with `text`, or delete it (`text: null`). */
export interface LineChange {
  file: "config.yaml" | "flink-conf.yaml";
  line: number;
  text: string | null;
}

export type ConfigChange = KeyChange | LineChange;

export const isLineChange = (c: ConfigChange): c is LineChange => "line" in c;

/** A change that cannot be applied to this input (e.g. the file no longer has that line). */
export class UnapplicableChange extends Error {}

/** How a change reads in a sentence: "set `k` to `v`", "remove `k`", "delete line 3 of config.yaml". */
export function describeChange(c: ConfigChange): string {
  if (isLineChange(c)) return `${c.text === null ? "delete" : "change"} line ${c.line} of ${c.file}`;
  return c.remove ? `remove \`${c.key}\`` : `set \`${c.key}\` to \`${c.set}\``;
}

function editLine(text: string, line: number, replacement: string | null): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (line < 1 || line > lines.length) throw new UnapplicableChange(`no line ${line}`);
  if (replacement === null) lines.splice(line - 1, 1);
  else lines[line - 1] = replacement;
  return lines.join("\n");
}

function removeFromLegacy(text: string, key: string): string {
  const drop = new Set(readLegacyFlinkConf(text).entries.filter((e) => e.key === key).map((e) => e.location.line));
  if (drop.size === 0) return text;
  return javaLines(text).filter((_, i) => !drop.has(i + 1)).join("\n") + "\n";
}

const sameEntries = (a: readonly YamlEntry[], b: readonly YamlEntry[]) =>
  a.length === b.length && a.every((e, i) => e.key === b[i]!.key && sameRaw(e.value, b[i]!.value));

function sameRaw(a: YamlEntry["value"], b: YamlEntry["value"]): boolean {
  if (a.t !== b.t) return false;
  if (a.t === "map" || b.t === "map") return false; // config.yaml never yields map values
  return Object.is(a.v, b.v);
}

function removeFromStandardYaml(text: string, key: string): string {
  let entries: YamlEntry[];
  try {
    entries = readStandardYaml(text);
  } catch (e) {
    // A file that does not parse keeps failing whatever is removed; resolving shows it.
    if (e instanceof FlinkError) return text;
    throw e;
  }
  const gone = entries.filter((e) => e.key === key);
  if (gone.length === 0) return text;
  const wanted = entries.filter((e) => e.key !== key);
  // Keep the user's file (comments, nesting) when deleting the entry's own line is enough.
  const line = gone[0]!.location.line;
  if (gone.length === 1 && line !== undefined) {
    const candidate = editLine(text, line, null);
    try {
      if (sameEntries(readStandardYaml(candidate), wanted)) return candidate;
    } catch (e) {
      if (!(e instanceof FlinkError)) throw e;
    }
  }
  const flat = writeFlatYaml(wanted);
  if (!sameEntries(readStandardYaml(flat), wanted)) throw new UnapplicableChange(`config.yaml cannot be rewritten without \`${key}\``);
  return flat;
}

/** The request with `changes` applied in order; other fields of the request are kept. */
export function applyChanges<R extends ConfigInput>(req: R, changes: readonly ConfigChange[]): R {
  let out: R = { ...req };
  for (const c of changes) {
    if (isLineChange(c)) {
      const field = c.file === "config.yaml" ? "configYaml" : "flinkConfYaml";
      const text = out[field];
      if (text === undefined) throw new UnapplicableChange(`there is no ${c.file}`);
      out = { ...out, [field]: editLine(text, c.line, c.text) };
      continue;
    }
    const dynamic = (out.dynamic ?? []).filter(([k]) => k !== c.key);
    if (c.remove) {
      out = { ...out, dynamic };
      if (out.flinkConfYaml !== undefined) out = { ...out, flinkConfYaml: removeFromLegacy(out.flinkConfYaml, c.key) };
      if (out.configYaml !== undefined) out = { ...out, configYaml: removeFromStandardYaml(out.configYaml, c.key) };
    } else if (c.set !== undefined) {
      out = { ...out, dynamic: [...dynamic, [c.key, c.set]] };
    }
  }
  return out;
}
