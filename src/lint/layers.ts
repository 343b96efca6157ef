/**
 * A configuration file is often one layer of what a process runs with: an overlay mounted next
 * to the image's config, `FLINK_PROPERTIES`, the operator's default configuration. A layer that
 * does not size a process is not refused by Flink as deployed (another layer sizes it), so it is
 * checked laid over the sizes Flink's shipped configuration sets, and said so.
 * @module
 */
import type { Configuration } from "../config/configuration.js";
import { str } from "../config/raw-value.js";
import { imageConfig } from "../docker/image-config.js";
import { has } from "../versions/features.js";
import type { FlinkVersion } from "../versions/version.js";

export type Process = "tm" | "jm";

/** Option ids that size a process on their own (any one of the groups). */
const SIZING: Record<Process, readonly (readonly string[])[]> = {
  tm: [["tm.process"], ["tm.flink"], ["tm.taskHeap", "tm.managed"], ["tm.legacyHeap"], ["tm.legacyHeapMb"]],
  jm: [["jm.process"], ["jm.flink"], ["jm.heap"], ["jm.legacyHeap"], ["jm.legacyHeapMb"]],
};

const set = (c: Configuration, id: string) => {
  const o = c.options.find(id);
  return o !== undefined && c.contains(o);
};

/** Whether the configuration sizes the process by itself: a total, the fine-grained sizes, or a legacy heap key. */
export function sizesProcess(config: Configuration, kind: Process): boolean {
  return SIZING[kind].some((group) => group.every((id) => set(config, id)));
}

/** The processes of this release that `config` does not size. */
export function unsizedProcesses(config: Configuration): Process[] {
  const kinds: Process[] = has(config.options.version, "jobManagerModel") ? ["tm", "jm"] : ["tm"];
  return kinds.filter((k) => !sizesProcess(config, k));
}

/** Where the assumed base layer's entries come from, in locations and messages. */
export const SHIPPED_SOURCE = "Flink's shipped configuration (assumed base layer)";

/** The process size the release's shipped configuration sets (the same data the Docker image model reads). */
function shippedProcessSize(version: FlinkVersion, kind: Process): string {
  const key = kind === "tm" ? "taskmanager.memory.process.size" : "jobmanager.memory.process.size";
  return imageConfig(version).entries.find((e) => e.key === key)!.value;
}

/** `config` laid over the process sizes of Flink's shipped configuration, for the given processes. */
export function overShippedSizes(config: Configuration, kinds: readonly Process[]): Configuration {
  const copy = config.copy();
  for (const kind of kinds) {
    const key = copy.options.get(`${kind}.process`).key;
    copy.setRaw(key, str(shippedProcessSize(copy.options.version, kind)), { source: SHIPPED_SOURCE });
  }
  return copy;
}

/** "TaskManager 1728m, JobManager 1600m" for the given processes of `version`. */
export function shippedSizesText(version: FlinkVersion, kinds: readonly Process[]): string {
  return kinds.map((k) => `${k === "tm" ? "TaskManager" : "JobManager"} ${shippedProcessSize(version, k)}`).join(", ");
}
