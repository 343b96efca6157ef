/**
 * What an option is: its key, type, default and fallback keys, for one Flink version.
 *
 * Layering: `src/options/` declares options and imports nothing from `src/config/`; the
 * configuration layer (`src/config/`: raw values, their conversion to option types, the readers,
 * `Configuration`) builds on it. Imports run one way, config → options (checked by
 * `test/package/layout.test.ts`).
 * @module
 */

export type OptionType = "memory" | "float" | "double" | "int" | "long" | "boolean" | "map" | "list" | "string";

/** Typed values, as Flink's `Configuration.get` returns them. */
export interface OptionValueTypes {
  memory: bigint;
  float: number;
  double: number;
  int: number;
  long: bigint;
  boolean: boolean;
  map: ReadonlyMap<string, string>;
  list: readonly string[];
  /** Strings and enums (an enum is matched by its caller, as Flink matches it). */
  string: string;
}

/** Which process the option configures, and where the calculator groups it. */
export type OptionGroup =
  | "totals"
  | "components"
  | "network"
  | "managed"
  | "overhead"
  | "metaspace"
  | "slots-cpu"
  | "legacy"
  | "local";

export interface FallbackKey {
  key: string;
  /** Deprecated keys print `isDeprecated=true` in Flink's messages. */
  deprecated: boolean;
}

/** One option as it exists in one Flink version. */
export interface ConfigOption<T extends OptionType = OptionType> {
  /** Stable id used by the engine (`tm.process`, `jm.heap`, ...). */
  readonly id: string;
  readonly key: string;
  readonly type: T;
  readonly process: "tm" | "jm";
  readonly group: OptionGroup;
  /** `undefined` when the option has no default. */
  readonly defaultValue: OptionValueTypes[T] | undefined;
  /** The default as Java's `toString` prints it inside `ConfigOption.toString()`; `"null"` for none. */
  readonly defaultText: string;
  /** The default as the docs show it (`"infinite"` for `Long.MAX_VALUE`). */
  readonly defaultDoc: string;
  readonly fallbackKeys: readonly FallbackKey[];
  readonly description: string;
  /** Deprecated in this version (still read, but users should move off it). */
  readonly deprecated: boolean;
  /** What replaced it, for legacy options. */
  readonly replacedBy?: string;
}

/** `ConfigOption.toString()`, which Flink prints inside some messages. */
export function configOptionToString(o: ConfigOption): string {
  const fallbacks = o.fallbackKeys.map((f) => `{key=${f.key}, isDeprecated=${f.deprecated}}`).join(", ");
  return `Key: '${o.key}' , default: ${o.defaultText} (fallback keys: [${fallbacks}])`;
}
