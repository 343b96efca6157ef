/**
 * What the official image brings before the entrypoint runs: Flink's shipped configuration file
 * (from `flink-dist/src/main/resources`, checked in the release tags 1.10.0 … 2.2.1) as far as
 * memory is concerned, and the image's own environment. Declared once, by release.
 *
 * - 1.10: `flink-conf.yaml` with `jobmanager.heap.size: 1024m`, `taskmanager.memory.process.size: 1568m`;
 * - 1.11 … 1.18: `flink-conf.yaml` with `jobmanager.memory.process.size: 1600m`, `taskmanager.memory.process.size: 1728m`;
 * - 1.19 and later: `config.yaml` (nested standard YAML) with the same two sizes;
 * - all: `taskmanager.numberOfTaskSlots: 1`.
 * The image's Dockerfile only rewrites bind addresses, which do not touch memory.
 * @module
 */
import { parseMemorySize } from "../size/memory-size.js";
import { has } from "../versions/features.js";
import { inSpan, type FlinkVersion, type Span } from "../versions/version.js";

interface ShippedEntry extends Span {
  key: string;
  value: string;
}

const SHIPPED: readonly ShippedEntry[] = [
  { key: "jobmanager.rpc.address", value: "localhost" },
  { until: "1.11", key: "jobmanager.heap.size", value: "1024m" },
  { since: "1.11", key: "jobmanager.memory.process.size", value: "1600m" },
  { until: "1.11", key: "taskmanager.memory.process.size", value: "1568m" },
  { since: "1.11", key: "taskmanager.memory.process.size", value: "1728m" },
  { key: "taskmanager.numberOfTaskSlots", value: "1" },
];

/** The image's `ENV` lines (its Dockerfile): what envsubst sees besides the container's own variables. */
export const IMAGE_ENV: Readonly<Record<string, string>> = { FLINK_HOME: "/opt/flink" };

export type ImageConfFile = "flink-conf.yaml" | "config.yaml";

export interface ImageConfig {
  /** The file name in `/opt/flink/conf`. */
  file: ImageConfFile;
  /** Its text, reduced to the entries that matter here (one `key: value` line each). */
  text: string;
  entries: readonly { key: string; value: string }[];
}

/** The configuration file the image of `version` ships. */
export function imageConfig(version: FlinkVersion): ImageConfig {
  const entries = SHIPPED.filter((e) => inSpan(version, e)).map(({ key, value }) => ({ key, value }));
  const file: ImageConfFile = has(version, "standardYamlFile") ? "config.yaml" : "flink-conf.yaml";
  // Flat keys are valid in both formats (config.yaml accepts dotted keys at the top level).
  return { file, entries, text: entries.map((e) => `${e.key}: ${e.value}\n`).join("") };
}

const PROCESS_SIZE_KEY = { tm: "taskmanager.memory.process.size", jm: "jobmanager.memory.process.size" } as const;

/** The total process size the shipped file of `version` sets for a process, if it sets one (1.10's JobManager: a heap). */
export function shippedProcessSize(version: FlinkVersion, process: "tm" | "jm"): bigint | undefined {
  const entry = SHIPPED.find((e) => e.key === PROCESS_SIZE_KEY[process] && inSpan(version, e));
  return entry ? parseMemorySize(entry.value) : undefined;
}

/** How findings name the image's file. */
export function imageConfSource(version: FlinkVersion, image?: string): string {
  return `${image ?? "flink image"}:/opt/flink/conf/${imageConfig(version).file}`;
}
