/**
 * The library's entry points: from configuration inputs to a resolved TaskManager,
 * JobManager or local-execution spec with its JVM flags, dynamic configs and derivation
 * trace, exactly as Flink's start-up path (`BashJavaUtils`) computes them.
 * @module
 */
import { FlinkError, illegalConfig } from "./errors.js";
import { loadConfiguration, type ConfigInput, type LoadedConfiguration } from "./config/load.js";
import type { Configuration } from "./config/configuration.js";
import { jobManagerFromConfig, taskManagerFromConfig } from "./model/process-from-config.js";
import type { TaskManagerSpec } from "./model/taskmanager.js";
import type { JobManagerSpec } from "./model/jobmanager.js";
import { localSpecFromConfig, type LocalSpec } from "./model/local.js";
import { Trace, type TraceEvent } from "./model/trace.js";
import { jvmParameters } from "./render/jvm-params.js";
import { jobManagerDynamicConfigs, taskManagerDynamicConfigs } from "./render/dynamic-configs.js";
import { has } from "./versions/features.js";
import { flinkVersion, NEWEST_LINE, type FlinkVersion } from "./versions/version.js";

export const BASH_JAVA_UTILS_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

export interface ResolveRequest extends ConfigInput {
  /** Flink version, e.g. `"2.0"` or `"1.13.6"`; default: the newest supported. */
  flink?: string;
  /** Environment variables Flink reads (`FLINK_TM_HEAP`, `FLINK_JM_HEAP`; Flink 1.10–1.20). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Record the derivation trace (default true). */
  trace?: boolean;
}

interface Common {
  version: FlinkVersion;
  /** Which config file was read, and what the legacy parser skipped. */
  loaded: Omit<LoadedConfiguration, "config">;
  /** The configuration as read (before any legacy mapping). */
  config: Configuration;
  trace: TraceEvent[];
}

export interface TaskManagerResult extends Common {
  spec: TaskManagerSpec;
  jvmParameters: string;
  dynamicConfigs: string;
  /**
   * The result lines `BashJavaUtils` prints for `taskmanager.sh`: the JVM flags, then the dynamic
   * configs. From 1.11 one command (`GET_TM_RESOURCE_PARAMS`) prints both; 1.10 has a command for
   * each (`GET_TM_RESOURCE_JVM_PARAMS`, `GET_TM_RESOURCE_DYNAMIC_CONFIGS`), which `taskmanager.sh`
   * calls in that order, so the lines are the same.
   */
  bashJavaUtils: string[];
}

export interface JobManagerResult extends Common {
  spec: JobManagerSpec;
  jvmParameters: string;
  dynamicConfigs: string;
  /** The lines `BashJavaUtils GET_JM_RESOURCE_PARAMS` prints. */
  bashJavaUtils: string[];
}

export interface LocalResult extends Common {
  spec: LocalSpec;
}

/** Failures carry the trace up to the failing step. */
export interface FailedResolution {
  trace: TraceEvent[];
}

function attachTrace(e: unknown, trace: Trace): never {
  if (e instanceof FlinkError) {
    trace.add({ kind: "failure", javaClass: e.javaClass, message: e.message });
    (e as FlinkError & FailedResolution).trace = trace.events;
  }
  throw e;
}

function prepare(req: ResolveRequest): { version: FlinkVersion; loaded: LoadedConfiguration; trace: Trace } {
  const version = flinkVersion(req.flink ?? NEWEST_LINE);
  const loaded = loadConfiguration(req, version);
  return { version, loaded, trace: new Trace(req.trace !== false) };
}

function common(version: FlinkVersion, loaded: LoadedConfiguration, trace: Trace): Common {
  const rest: Omit<LoadedConfiguration, "config"> = { file: loaded.file, warnings: loaded.warnings, files: loaded.files };
  if (loaded.ignoredFile) rest.ignoredFile = loaded.ignoredFile;
  return { version, loaded: rest, config: loaded.config, trace: trace.events };
}

// The results are written out property by property: spreading `common(...)` into them cost
// as much as resolving the whole TaskManager (V8 takes a slow path for that spread).

/** Resolves a TaskManager as `BashJavaUtils GET_TM_RESOURCE_PARAMS` (standalone start-up) does. */
export function resolveTaskManager(req: ResolveRequest): TaskManagerResult {
  const { version, loaded, trace } = prepare(req);
  try {
    const spec = taskManagerFromConfig(loaded.config, { deployment: "standalone", env: req.env?.["FLINK_TM_HEAP"] }, trace);
    const jvm = jvmParameters(spec);
    const dynamic = taskManagerDynamicConfigs(spec, version);
    const c = common(version, loaded, trace);
    return {
      version: c.version,
      loaded: c.loaded,
      config: c.config,
      trace: c.trace,
      spec,
      jvmParameters: jvm,
      dynamicConfigs: dynamic,
      bashJavaUtils: [BASH_JAVA_UTILS_PREFIX + jvm, BASH_JAVA_UTILS_PREFIX + dynamic],
    };
  } catch (e) {
    return attachTrace(e, trace);
  }
}

/** Resolves a JobManager as `BashJavaUtils GET_JM_RESOURCE_PARAMS` (standalone start-up) does. */
export function resolveJobManager(req: ResolveRequest): JobManagerResult {
  const { version, loaded, trace } = prepare(req);
  if (!has(version, "jobManagerModel")) {
    throw illegalConfig(
      `Flink ${version.line} has no JobManager memory model: before Flink 1.11 the JobManager is sized by jobmanager.heap.size alone. Choose Flink 1.11 or newer.`,
    );
  }
  try {
    const spec = jobManagerFromConfig(loaded.config, { deployment: "standalone", env: req.env?.["FLINK_JM_HEAP"] }, trace);
    const jvm = jvmParameters(spec, spec.directMemoryLimit);
    const dynamic = jobManagerDynamicConfigs(spec, version);
    const lines = [BASH_JAVA_UTILS_PREFIX + jvm];
    if (has(version, "jobManagerDynamicConfigs")) lines.push(BASH_JAVA_UTILS_PREFIX + dynamic);
    const c = common(version, loaded, trace);
    return { version: c.version, loaded: c.loaded, config: c.config, trace: c.trace, spec, jvmParameters: jvm, dynamicConfigs: dynamic, bashJavaUtils: lines };
  } catch (e) {
    return attachTrace(e, trace);
  }
}

/** What a local (MiniCluster) run gets: `TaskExecutorResourceUtils.adjustForLocalExecution`. */
export function resolveLocal(req: ResolveRequest): LocalResult {
  const { version, loaded, trace } = prepare(req);
  try {
    const spec = localSpecFromConfig(loaded.config, trace);
    const c = common(version, loaded, trace);
    return { version: c.version, loaded: c.loaded, config: c.config, trace: c.trace, spec };
  } catch (e) {
    return attachTrace(e, trace);
  }
}
