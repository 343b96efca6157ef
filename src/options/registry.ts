/**
 * The option set of one Flink version, derived from the declarations.
 * @module
 */
import { memorySizeToString, MAX_BYTES } from "../size/memory-size.js";
import { atLeast, flinkVersion, inSpan, type FlinkVersion } from "../versions/version.js";
import { OPTION_DECLARATIONS, type OptionDecl } from "./declarations.js";
import type { ConfigOption, OptionType, OptionValueTypes } from "./types.js";

export interface OptionSet {
  readonly version: FlinkVersion;
  /** Options that exist in this version, in declaration order. */
  readonly all: readonly ConfigOption[];
  /** The option with this id; throws for an id this version lacks (a programming error). */
  get<T extends OptionType = OptionType>(id: string): ConfigOption<T>;
  /** The option with this id, or `undefined` when this version lacks it. */
  find<T extends OptionType = OptionType>(id: string): ConfigOption<T> | undefined;
  /** The option whose main or fallback key is `key`. */
  byKey(key: string): ConfigOption | undefined;
}

function valueAt<V>(entries: { since: string; value: V }[] | undefined, v: FlinkVersion): V | undefined {
  let out: V | undefined;
  for (const e of entries ?? []) if (atLeast(v, e.since)) out = e.value;
  return out;
}

/** What replaces the declared option in `v` (the newest successor named up to `v`). */
export function replacedByAt(d: OptionDecl, v: FlinkVersion): string | undefined {
  return typeof d.replacedBy === "string" || d.replacedBy === undefined ? d.replacedBy : valueAt(d.replacedBy, v);
}

function defaultTexts(decl: OptionDecl, value: unknown): { text: string; doc: string } {
  if (value === undefined) return { text: "null", doc: "(none)" };
  switch (decl.type) {
    case "memory": {
      const s = memorySizeToString(value as bigint);
      return { text: s, doc: value === MAX_BYTES ? "infinite" : s };
    }
    case "float":
      return { text: decl.floatText ?? String(value), doc: decl.floatText ?? String(value) };
    case "map": {
      const s = [...(value as Map<string, string>)].map(([k, w]) => `${k}:${w}`).join(",");
      // Java prints a HashMap default as {k=v, ...}; only the docs form is shown to users.
      return { text: `{${[...(value as Map<string, string>)].map(([k, w]) => `${k}=${w}`).join(", ")}}`, doc: s };
    }
    case "list":
      return { text: `[${(value as string[]).join(", ")}]`, doc: (value as string[]).join(";") || "(none)" };
    default:
      return { text: String(value), doc: String(value) };
  }
}

function build(v: FlinkVersion): OptionSet {
  const all: ConfigOption[] = [];
  for (const d of OPTION_DECLARATIONS) {
    if (!inSpan(v, d)) continue;
    const value = valueAt(d.defaults, v) as OptionValueTypes[OptionType] | undefined;
    const { text, doc } = defaultTexts(d, value);
    const opt: ConfigOption = {
      id: d.id,
      key: d.key,
      type: d.type,
      process: d.process,
      group: d.group,
      defaultValue: value,
      defaultText: text,
      defaultDoc: doc,
      fallbackKeys: (d.fallbackKeys ?? []).filter((f) => inSpan(v, f)).map((f) => ({ key: f.key, deprecated: f.deprecated })),
      description: d.description,
      deprecated: d.deprecatedSince !== undefined && atLeast(v, d.deprecatedSince),
      ...(replacedByAt(d, v) ? { replacedBy: replacedByAt(d, v)! } : {}),
    };
    all.push(opt);
  }
  const byId = new Map(all.map((o) => [o.id, o]));
  const byKey = new Map<string, ConfigOption>();
  for (const o of all) {
    byKey.set(o.key, o);
    for (const f of o.fallbackKeys) if (!byKey.has(f.key)) byKey.set(f.key, o);
  }
  return {
    version: v,
    all,
    get<T extends OptionType>(id: string) {
      const o = byId.get(id);
      if (!o) throw new Error(`Flink ${v.line} has no option '${id}'`);
      return o as ConfigOption<T>;
    },
    find<T extends OptionType>(id: string) {
      return byId.get(id) as ConfigOption<T> | undefined;
    },
    byKey: (key) => byKey.get(key),
  };
}

const SETS = new Map<string, OptionSet>();

/** The options of Flink `version` (a line such as `"2.0"` or a parsed version). */
export function optionsFor(version: FlinkVersion | string): OptionSet {
  const v = typeof version === "string" ? flinkVersion(version) : version;
  let set = SETS.get(v.key);
  if (!set) SETS.set(v.key, (set = build(v)));
  return set;
}
