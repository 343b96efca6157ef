/**
 * The memory options a configuration sets, as text, and nothing else: what the web page keeps
 * from a pasted file. Every other key (which may hold a credential) is only counted.
 * @module
 */
import type { Configuration } from "./configuration.js";
import { rawToString, rawToYamlString } from "./raw-value.js";

export interface MemoryEntries {
  /** Main option key → value text, in the option set's declaration order. */
  values: Map<string, string>;
  /** Keys the configuration holds that no memory option reads (their values are dropped). */
  otherKeys: number;
}

/** The memory options of `config` (read through main and fallback keys), written under their main key. */
export function memoryEntries(config: Configuration): MemoryEntries {
  const values = new Map<string, string>();
  const used = new Set<string>();
  for (const option of config.options.all) {
    const found = config.lookup(option);
    if (!found) continue;
    const v = found.entry.value;
    let text: string;
    if (v.t === "map") text = [...v.v].map(([k, w]) => `${k}:${w}`).join(",");
    else text = config.standardYaml ? rawToYamlString(v) : rawToString(v);
    values.set(option.key, text);
    used.add(found.key);
    // A map option may be written as prefixed keys (`...consumer-weights.OPERATOR: 70`).
    if (option.type === "map") for (const [k] of config.entries()) if (k.startsWith(found.key + ".")) used.add(k);
  }
  let otherKeys = 0;
  for (const [k] of config.entries()) if (!used.has(k)) otherKeys++;
  return { values, otherKeys };
}
