/**
 * Resolving a TaskManager or JobManager from a `Configuration` already read (the linter keeps
 * the configuration to look at keys and to try fixes), the way the deployment reads it:
 *
 * - `standalone`: the start-up scripts (`BashJavaUtils`) map legacy heap options to Total Flink
 *   Memory (TaskManager) or JVM Heap (JobManager), as `resolve.ts` does;
 * - `container`: YARN/Kubernetes resource managers map them to Total Process Memory.
 *
 * Same rules as `resolve.ts` (whose entry points take config text, not a `Configuration`).
 * @module
 */
import { FlinkError, JavaClass, illegalConfig } from "../errors.js";
import type { Configuration } from "../config/configuration.js";
import { mapLegacyHeap } from "../model/legacy-heap.js";
import { taskManagerSpecFromConfig, type TaskManagerSpec } from "../model/taskmanager.js";
import { jobManagerSpecFromConfig, type JobManagerSpec } from "../model/jobmanager.js";
import { Trace, type TraceEvent } from "../model/trace.js";
import { has } from "../versions/features.js";

export type Deployment = "standalone" | "container";

export type Outcome<S> = { ok: true; spec: S; trace: readonly TraceEvent[] } | { ok: false; error: FlinkError };

function legacyTarget(kind: "tm" | "jm", deployment: Deployment): string {
  if (deployment === "container") return kind === "tm" ? "tm.process" : "jm.process";
  return kind === "tm" ? "tm.flink" : "jm.heap";
}

function withLegacyHeap(config: Configuration, kind: "tm" | "jm", deployment: Deployment, trace: Trace, prefix: string | undefined): Configuration {
  const o = config.options;
  if (!has(o.version, "legacyHeapOptions")) return config;
  try {
    return mapLegacyHeap(config, { heap: o.get(`${kind}.legacyHeap`), heapMb: o.get(`${kind}.legacyHeapMb`), envName: kind === "tm" ? "FLINK_TM_HEAP" : "FLINK_JM_HEAP" }, o.get(legacyTarget(kind, deployment)), trace);
  } catch (e) {
    if (prefix !== undefined && e instanceof FlinkError && e.javaClass === JavaClass.IllegalConfiguration) throw illegalConfig(prefix + e.message, { cause: e });
    throw e;
  }
}

function attempt<S>(run: (trace: Trace) => S, traced: boolean): Outcome<S> {
  const trace = new Trace(traced);
  try {
    return { ok: true, spec: run(trace), trace: trace.events };
  } catch (e) {
    if (e instanceof FlinkError) return { ok: false, error: e };
    throw e;
  }
}

export function resolveTaskManagerConfig(config: Configuration, deployment: Deployment, traced = true): Outcome<TaskManagerSpec> {
  const version = config.options.version;
  const prefix = has(version, "taskManagerFailurePrefix") ? "TaskManager failed to map legacy JVM heap option to the new one: " : undefined;
  return attempt((trace) => taskManagerSpecFromConfig(withLegacyHeap(config, "tm", deployment, trace, prefix), version, trace), traced);
}

/** `undefined` for versions without a JobManager memory model (1.10). */
export function resolveJobManagerConfig(config: Configuration, deployment: Deployment, traced = true): Outcome<JobManagerSpec> | undefined {
  const version = config.options.version;
  if (!has(version, "jobManagerModel")) return undefined;
  const wrap = has(version, "jobManagerFailurePrefix");
  const prefix = wrap ? "JobManager memory configuration failed: " : undefined;
  return attempt((trace) => jobManagerSpecFromConfig(withLegacyHeap(config, "jm", deployment, trace, prefix), version, trace, wrap), traced);
}
