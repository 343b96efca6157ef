/**
 * External resources of a TaskManager (`external-resources: gpu;fpga` with
 * `external-resource.<name>.amount`), as `ExternalResourceUtils` reads them.
 * @module
 */
import type { Configuration } from "../config/configuration.js";
import { rawToString } from "../config/raw-value.js";
import { javaHashMapOrder } from "../java/hash-map.js";
import type { OptionSet } from "../options/registry.js";
import type { ConfigOption } from "../options/types.js";

export interface ExternalResource {
  readonly name: string;
  readonly amount: bigint;
}

/** Enabled resources with a positive amount, in the order Flink's hash maps iterate them. */
export function externalResourcesOf(config: Configuration, o: OptionSet): ExternalResource[] {
  const listOption = o.find<"list">("tm.externalResources");
  if (!listOption) return [];
  const found = config.lookup(listOption);
  if (!found || rawToString(found.entry.value) === "none") return [];
  const names = javaHashMapOrder([...new Set(config.get(listOption) ?? [])]);
  const out: ExternalResource[] = [];
  for (const name of names) {
    const amountOption: ConfigOption<"long"> = {
      ...listOption,
      id: `external-resource.${name}.amount`,
      key: `external-resource.${name}.amount`,
      type: "long",
      defaultValue: undefined,
      defaultText: "null",
      fallbackKeys: [],
    };
    const amountFound = config.lookup(amountOption);
    if (!amountFound) continue;
    const amount = config.convert(amountOption, amountFound);
    if (amount > 0n) out.push({ name, amount });
  }
  return out;
}
