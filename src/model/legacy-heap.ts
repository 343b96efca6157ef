/**
 * Legacy heap options of Flink 1.10–1.20 (`taskmanager.heap.size`/`.mb`,
 * `jobmanager.heap.size`/`.mb`, env `FLINK_TM_HEAP`/`FLINK_JM_HEAP`), mapped to a new option
 * when that option is not set (`MemoryBackwardsCompatibilityUtils`).
 * @module
 */
import { FlinkError, illegalConfig } from "../errors.js";
import type { Configuration } from "../config/configuration.js";
import type { ConfigOption } from "../options/types.js";
import { parseMemorySize, toHumanReadable } from "../size/memory-size.js";
import { readMemory } from "./range-fraction.js";
import type { Trace } from "./trace.js";

export interface LegacyHeapOptions {
  heap: ConfigOption<"memory">;
  heapMb: ConfigOption<"int">;
  /** Value of the env variable (`FLINK_TM_HEAP` / `FLINK_JM_HEAP`), if set. */
  env?: string | undefined;
  envName: string;
}

/** The configuration with the legacy heap value set on `target`, or the same configuration. */
export function mapLegacyHeap(config: Configuration, legacy: LegacyHeapOptions, target: ConfigOption<"memory">, trace: Trace): Configuration {
  if (config.contains(target)) return config;
  let value: bigint | undefined;
  let from: string | undefined;
  if (legacy.env !== undefined) {
    try {
      value = parseMemorySize(legacy.env);
    } catch (e) {
      if (!(e instanceof FlinkError)) throw e;
      throw illegalConfig(`Cannot read total process memory size from environment variable value ${legacy.env}.`, { cause: e });
    }
    from = legacy.envName;
  } else if (config.contains(legacy.heap)) {
    value = readMemory(config, legacy.heap);
    from = config.lookup(legacy.heap)!.key;
  } else if (config.contains(legacy.heapMb)) {
    const mb = config.get(legacy.heapMb)!;
    if (mb < 0) throw illegalConfig(`Configured total process memory size (${mb}MB) must not be less than 0.`);
    value = BigInt(mb) << 20n;
    from = config.lookup(legacy.heapMb)!.key;
  }
  if (value === undefined) return config;
  const copy = config.copy();
  copy.set(target, { t: "size", v: value });
  const v = value;
  trace.add({ kind: "legacy", legacyKey: from!, targetKey: target.key, value: v });
  trace.log("info", () => `'${target.key}' is not specified, use the configured deprecated task manager heap value (${toHumanReadable(v)}) for it.`);
  return copy;
}
