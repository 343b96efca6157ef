/**
 * Flink's `Configuration` as far as the memory code sees it: entries by key, `contains`
 * and `get` through an option's fallback keys and prefix maps, and Flink's
 * "Could not parse value" failure.
 * @module
 */
import { FlinkError, illegalArgument, type SourceLocation } from "../errors.js";
import { convertValue } from "./convert.js";
import type { OptionSet } from "../options/registry.js";
import type { ConfigOption, OptionType, OptionValueTypes } from "../options/types.js";
import { rawToString, rawToYamlString, type ConfigEntry, type RawValue } from "./raw-value.js";

/** Key fragments Flink masks in logs and messages (`GlobalConfiguration.isSensitive`). */
const SENSITIVE = ["password", "secret", "fs.azure.account.key", "apikey", "auth-params", "service-key", "token", "basic-auth", "jaas.config", "http-headers"];

export function isSensitiveKey(key: string): boolean {
  const k = key.toLowerCase();
  return SENSITIVE.some((s) => k.includes(s));
}

export interface ConfigurationInit {
  options: OptionSet;
  /** Standard YAML (`config.yaml`) rather than the legacy `flink-conf.yaml`: changes map/list conversion. */
  standardYaml: boolean;
}

/** Where `get` found an option's value. */
export interface Lookup {
  key: string;
  entry: ConfigEntry;
}

export class Configuration {
  readonly options: OptionSet;
  readonly standardYaml: boolean;
  private readonly data: Map<string, ConfigEntry>;

  constructor(init: ConfigurationInit, data?: Map<string, ConfigEntry>) {
    this.options = init.options;
    this.standardYaml = init.standardYaml;
    this.data = data ? new Map(data) : new Map();
  }

  copy(): Configuration {
    return new Configuration(this, this.data);
  }

  /** Raw entries by key, in insertion order. */
  entries(): IterableIterator<[string, ConfigEntry]> {
    return this.data.entries();
  }

  get size(): number {
    return this.data.size;
  }

  setRaw(key: string, value: RawValue, location?: SourceLocation): void {
    this.data.set(key, location ? { value, location } : { value });
  }

  getEntry(key: string): ConfigEntry | undefined {
    return this.data.get(key);
  }

  removeKey(key: string): boolean {
    return this.data.delete(key);
  }

  private hasPrefix(key: string): boolean {
    const prefix = key + ".";
    for (const k of this.data.keys()) if (k.startsWith(prefix)) return true;
    return false;
  }

  private prefixMap(key: string): Map<string, string> {
    const prefix = key + ".";
    const out = new Map<string, string>();
    for (const [k, e] of this.data) {
      if (k.startsWith(prefix)) {
        const v = e.value.t === "str" ? e.value.v : this.standardYaml ? rawToYamlString(e.value) : rawToString(e.value);
        out.set(k.slice(prefix.length), v);
      }
    }
    return out;
  }

  /** A prefix map under `key` (`key.a: x`, `key.b: y`) as one entry, located at its first key. */
  private prefixEntry(key: string): Lookup | undefined {
    if (!this.hasPrefix(key)) return undefined;
    const first = [...this.data].find(([k]) => k.startsWith(key + "."));
    return { key, entry: { value: { t: "map", v: this.prefixMap(key) }, ...(first?.[1].location ? { location: first[1].location } : {}) } };
  }

  /** Where the option's value comes from: its key, else the first fallback key present. */
  lookup(option: ConfigOption): Lookup | undefined {
    const canBePrefixMap = option.type === "map";
    let entry = this.data.get(option.key);
    if (entry) return { key: option.key, entry };
    if (canBePrefixMap) {
      const found = this.prefixEntry(option.key);
      if (found) return found;
    }
    for (const f of option.fallbackKeys) {
      entry = this.data.get(f.key);
      if (entry) return { key: f.key, entry };
      if (canBePrefixMap) {
        const found = this.prefixEntry(f.key);
        if (found) return found;
      }
    }
    return undefined;
  }

  /** `Configuration.contains(option)`: the main key or any fallback key is present. */
  contains(option: ConfigOption): boolean {
    // Asked many times per resolution: plain key checks first, no lookup object.
    if (this.data.has(option.key)) return true;
    for (const f of option.fallbackKeys) if (this.data.has(f.key)) return true;
    return option.type === "map" && this.lookup(option) !== undefined;
  }

  /**
   * `Configuration.get(option)`: the converted value, or the option's default.
   * A value that does not convert fails as Flink does.
   */
  get<T extends OptionType>(option: ConfigOption<T>): OptionValueTypes[T] | undefined {
    if (option.type === "map") {
      const found = this.lookup(option);
      return found ? this.convert(option, found) : option.defaultValue;
    }
    let key = option.key;
    let entry = this.data.get(key);
    if (!entry) {
      for (const f of option.fallbackKeys) {
        entry = this.data.get(f.key);
        if (entry) {
          key = f.key;
          break;
        }
      }
      if (!entry) return option.defaultValue;
    }
    return this.convertEntry(option, key, entry);
  }

  /** Converts a found raw value with Flink's failure message. */
  convert<T extends OptionType>(option: ConfigOption<T>, found: Lookup): OptionValueTypes[T] {
    return this.convertEntry(option, found.key, found.entry);
  }

  private convertEntry<T extends OptionType>(option: ConfigOption<T>, key: string, entry: ConfigEntry): OptionValueTypes[T] {
    try {
      return convertValue(entry.value, option.type, this.standardYaml);
    } catch (e) {
      if (!(e instanceof FlinkError)) throw e;
      const message = isSensitiveKey(option.key)
        ? `Could not parse value for key '${option.key}'.`
        : `Could not parse value '${rawToString(entry.value)}' for key '${option.key}'.`;
      throw illegalArgument(message, {
        cause: e,
        key,
        ...(entry.location ? { location: entry.location } : {}),
      });
    }
  }

  /** `Configuration.set(option, value)` with a value Flink computed itself. */
  set(option: ConfigOption, value: RawValue): void {
    if (option.type === "map") {
      const prefix = option.key + ".";
      for (const k of [...this.data.keys()]) if (k.startsWith(prefix)) this.data.delete(k);
    }
    this.data.set(option.key, { value });
  }

  /** `Configuration.removeConfig(option)`: removes the first key of the option found. */
  remove(option: ConfigOption): boolean {
    const keys = [option.key, ...option.fallbackKeys.map((f) => f.key)];
    for (const key of keys) {
      let removed = false;
      if (option.type === "map") {
        const prefix = key + ".";
        for (const k of [...this.data.keys()]) if (k.startsWith(prefix)) removed = this.data.delete(k) || removed;
      }
      removed = this.data.delete(key) || removed;
      if (removed) return true;
    }
    return false;
  }
}
