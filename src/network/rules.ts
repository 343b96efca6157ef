/**
 * The network-buffer settings one TaskManager applies to every task, read from its
 * configuration as that Flink version reads them (`NettyShuffleEnvironmentConfiguration`).
 * @module
 */
import { illegalArgument } from "../errors.js";
import type { Configuration } from "../config/configuration.js";
import { pageSizeOf } from "../model/taskmanager.js";
import { has } from "../versions/features.js";
import type { FlinkVersion } from "../versions/version.js";

export const INT_MAX = 2147483647;

/** What 2.0+ fixed in code when the options went (FLINK-33750). */
const FIXED = { buffersPerChannel: 2, floatingBuffersPerGate: 8, maxBuffersPerChannel: 10, sortShuffleMinParallelism: 1 } as const;

/** The default cap on an input gate's required buffers when the option is unset (1.17+). */
export const DEFAULT_REQUIRED_PER_GATE = { streaming: INT_MAX, batch: 1000 } as const;

export interface NetworkSettings {
  version: FlinkVersion;
  segmentSize: number;
  buffersPerChannel: number;
  floatingBuffersPerGate: number;
  /** `undefined`: the option does not exist in this version. */
  maxBuffersPerChannel: number | undefined;
  /** Configured cap on a gate's required buffers; `undefined` = unset (or no such option). */
  requiredPerGateMax: number | undefined;
  /** `undefined` before sort-merge shuffle existed (1.12). */
  sortShuffleMinBuffers: number | undefined;
  sortShuffleMinParallelism: number | undefined;
  /** Where each value came from, for the explanation. */
  sources: Record<string, "default" | "configured" | "fixed in code">;
}

function readInt(config: Configuration, id: string, sources: NetworkSettings["sources"], fixed?: number): number | undefined {
  const option = config.options.find<"int">(id);
  if (!option) {
    if (fixed !== undefined) sources[id] = "fixed in code";
    return fixed;
  }
  sources[id] = config.contains(option) ? "configured" : "default";
  return config.get(option);
}

/** Reads the settings; fails as Flink does for a bad segment size or a required-per-gate cap below 1. */
export function networkSettings(config: Configuration): NetworkSettings {
  const version = config.options.version;
  const fixed = has(version, "fixedNetworkBufferCounts");
  const sources: NetworkSettings["sources"] = {};
  const settings: NetworkSettings = {
    version,
    segmentSize: pageSizeOf(config, config.options),
    buffersPerChannel: readInt(config, "tm.buffersPerChannel", sources, fixed ? FIXED.buffersPerChannel : undefined)!,
    floatingBuffersPerGate: readInt(config, "tm.floatingBuffersPerGate", sources, fixed ? FIXED.floatingBuffersPerGate : undefined)!,
    maxBuffersPerChannel: readInt(config, "tm.maxBuffersPerChannel", sources, fixed ? FIXED.maxBuffersPerChannel : undefined),
    requiredPerGateMax: readInt(config, "tm.requiredBuffersPerGateMax", sources),
    sortShuffleMinBuffers: readInt(config, "tm.sortShuffleMinBuffers", sources),
    sortShuffleMinParallelism: readInt(config, "tm.sortShuffleMinParallelism", sources, fixed ? FIXED.sortShuffleMinParallelism : undefined),
    sources,
  };
  const cap = settings.requiredPerGateMax;
  if (cap !== undefined && cap < 1) {
    const key = config.options.get("tm.requiredBuffersPerGateMax").key;
    throw illegalArgument(`At least one buffer is required for each gate, please increase the value of ${key}.`, { key });
  }
  return settings;
}

/** `NettyShuffleEnvironmentConfiguration`: network bytes / segment size, rounded down, as a Java int. */
export function buffersOf(networkBytes: bigint, segmentSize: number): number {
  const n = networkBytes / BigInt(segmentSize);
  if (n > BigInt(INT_MAX)) {
    throw illegalArgument(`The given number of memory bytes (${networkBytes}) corresponds to more than MAX_INT pages.`);
  }
  return Number(n);
}
