/**
 * Resolving a TaskManager or JobManager from a `Configuration` already read (the linter keeps
 * the configuration to look at keys and to try fixes), the way the deployment reads it:
 *
 * - `standalone`: the start-up scripts (`BashJavaUtils`) map legacy heap options to Total Flink
 *   Memory (TaskManager) or JVM Heap (JobManager), as `resolve.ts` does;
 * - `container`: YARN/Kubernetes resource managers map them to Total Process Memory.
 *
 * The model is `model/process-from-config.ts`, shared with `resolve.ts`; this adds the outcome.
 * @module
 */
import { FlinkError } from "../errors.js";
import type { Configuration } from "../config/configuration.js";
import { jobManagerFromConfig, taskManagerFromConfig, type Deployment } from "../model/process-from-config.js";
import type { TaskManagerSpec } from "../model/taskmanager.js";
import type { JobManagerSpec } from "../model/jobmanager.js";
import { Trace, type TraceEvent } from "../model/trace.js";
import { has } from "../versions/features.js";

export type { Deployment };

export type Outcome<S> = { ok: true; spec: S; trace: readonly TraceEvent[] } | { ok: false; error: FlinkError };

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
  return attempt((trace) => taskManagerFromConfig(config, { deployment }, trace), traced);
}

/** `undefined` for versions without a JobManager memory model (1.10). */
export function resolveJobManagerConfig(config: Configuration, deployment: Deployment, traced = true): Outcome<JobManagerSpec> | undefined {
  if (!has(config.options.version, "jobManagerModel")) return undefined;
  return attempt((trace) => jobManagerFromConfig(config, { deployment }, trace), traced);
}
