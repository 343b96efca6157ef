/**
 * A TaskManager or JobManager spec from a `Configuration`, legacy heap options included: where
 * the version still has them (before 2.0) they are mapped first, onto the total the deployment
 * maps them to. The start-up scripts (`BashJavaUtils`, standalone) map them to Total Flink Memory
 * (TaskManager) or JVM Heap (JobManager); YARN and Kubernetes map them to Total Process Memory.
 * @module
 */
import { FlinkError, JavaClass, illegalConfig } from "../errors.js";
import type { Configuration } from "../config/configuration.js";
import { mapLegacyHeap } from "./legacy-heap.js";
import { taskManagerSpecFromConfig, type TaskManagerSpec } from "./taskmanager.js";
import { jobManagerSpecFromConfig, type JobManagerSpec } from "./jobmanager.js";
import type { Trace } from "./trace.js";
import { has } from "../versions/features.js";

export type Deployment = "standalone" | "container";

export interface LegacyHeapInput {
  deployment: Deployment;
  /** The value of `FLINK_TM_HEAP` / `FLINK_JM_HEAP`, when the caller has an environment. */
  env?: string | undefined;
}

const TARGET = { standalone: { tm: "tm.flink", jm: "jm.heap" }, container: { tm: "tm.process", jm: "jm.process" } } as const;

function withLegacyHeap(config: Configuration, kind: "tm" | "jm", legacy: LegacyHeapInput, trace: Trace, prefix: string | undefined): Configuration {
  const o = config.options;
  if (!has(o.version, "legacyHeapOptions")) return config;
  const envName = kind === "tm" ? "FLINK_TM_HEAP" : "FLINK_JM_HEAP";
  try {
    return mapLegacyHeap(config, { heap: o.get(`${kind}.legacyHeap`), heapMb: o.get(`${kind}.legacyHeapMb`), env: legacy.env, envName }, o.get(TARGET[legacy.deployment][kind]), trace);
  } catch (e) {
    // Flink prefixes a mapping failure the way it prefixes the memory failures that follow it.
    if (prefix !== undefined && e instanceof FlinkError && e.javaClass === JavaClass.IllegalConfiguration) throw illegalConfig(prefix + e.message, { cause: e });
    throw e;
  }
}

export function taskManagerFromConfig(config: Configuration, legacy: LegacyHeapInput, trace: Trace): TaskManagerSpec {
  const version = config.options.version;
  const prefix = has(version, "taskManagerFailurePrefix") ? "TaskManager failed to map legacy JVM heap option to the new one: " : undefined;
  return taskManagerSpecFromConfig(withLegacyHeap(config, "tm", legacy, trace, prefix), version, trace);
}

/** The caller checks `jobManagerModel` first (1.10 has no JobManager memory model). */
export function jobManagerFromConfig(config: Configuration, legacy: LegacyHeapInput, trace: Trace): JobManagerSpec {
  const version = config.options.version;
  const wrap = has(version, "jobManagerFailurePrefix");
  return jobManagerSpecFromConfig(withLegacyHeap(config, "jm", legacy, trace, wrap ? "JobManager memory configuration failed: " : undefined), version, trace, wrap);
}
