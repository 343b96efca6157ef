/**
 * Resolving one configuration many times with small key changes, fast: the inputs are read
 * once, and each probe changes a copy of the `Configuration` exactly as `applyChanges` would
 * change the request (a removal takes the key out, a set is the last `-D` pair).
 *
 * This runs the same steps as `resolve.ts` (legacy heap mapping, then the process model) on an
 * already loaded configuration, so that searches do not re-read a YAML file per byte count.
 * Only the searches use it: every fix offered is verified again through `resolve*`.
 * @module
 */
import { FlinkError, JavaClass, illegalConfig } from "../errors.js";
import type { Configuration } from "../config/configuration.js";
import { loadConfiguration } from "../config/load.js";
import { mapLegacyHeap } from "../model/legacy-heap.js";
import { taskManagerSpecFromConfig, type TaskManagerSpec } from "../model/taskmanager.js";
import { jobManagerSpecFromConfig, type JobManagerSpec } from "../model/jobmanager.js";
import { localSpecFromConfig, type LocalSpec } from "../model/local.js";
import { Trace } from "../model/trace.js";
import { resolveJobManager, resolveLocal, resolveTaskManager, type ResolveRequest } from "../resolve.js";
import { parseConsumerWeights, resolveManagedFraction } from "../weights/consumer-weights.js";
import { has } from "../versions/features.js";
import { flinkVersion, NEWEST_LINE, type FlinkVersion } from "../versions/version.js";
import type { KeyChange } from "./changes.js";

/** What is being resolved: a TaskManager, a JobManager, local execution, or the managed-memory consumer weights. */
export type FixTarget = "tm" | "jm" | "local" | "managed-fraction";

export type ResolvedSpec = TaskManagerSpec | JobManagerSpec | LocalSpec;

export type Outcome = { ok: true; spec: ResolvedSpec | undefined } | { ok: false; error: FlinkError };

/** Resolves a request through the library's public entry points. */
export function resolveRequest(target: FixTarget, req: ResolveRequest): Outcome {
  try {
    const r = { ...req, trace: false };
    switch (target) {
      case "tm":
        return { ok: true, spec: resolveTaskManager(r).spec };
      case "jm":
        return { ok: true, spec: resolveJobManager(r).spec };
      case "local":
        return { ok: true, spec: resolveLocal(r).spec };
      case "managed-fraction":
        resolveManagedFraction(r as Parameters<typeof resolveManagedFraction>[0]);
        return { ok: true, spec: undefined };
    }
  } catch (e) {
    if (e instanceof FlinkError) return { ok: false, error: e };
    throw e;
  }
}

function legacyMapped(config: Configuration, kind: "tm" | "jm", env: ResolveRequest["env"], prefix: string | undefined): Configuration {
  if (!has(config.options.version, "legacyHeapOptions")) return config;
  const o = config.options;
  const envName = kind === "tm" ? "FLINK_TM_HEAP" : "FLINK_JM_HEAP";
  try {
    return mapLegacyHeap(config, { heap: o.get(`${kind}.legacyHeap`), heapMb: o.get(`${kind}.legacyHeapMb`), env: env?.[envName], envName }, o.get(kind === "tm" ? "tm.flink" : "jm.heap"), new Trace(false));
  } catch (e) {
    if (prefix !== undefined && e instanceof FlinkError && e.javaClass === JavaClass.IllegalConfiguration) throw illegalConfig(prefix + e.message, { cause: e });
    throw e;
  }
}

function resolveConfig(target: FixTarget, config: Configuration, version: FlinkVersion, env: ResolveRequest["env"]): ResolvedSpec | undefined {
  switch (target) {
    case "tm": {
      const prefix = has(version, "taskManagerFailurePrefix") ? "TaskManager failed to map legacy JVM heap option to the new one: " : undefined;
      return taskManagerSpecFromConfig(legacyMapped(config, "tm", env, prefix), version);
    }
    case "jm": {
      const wrap = has(version, "jobManagerFailurePrefix");
      return jobManagerSpecFromConfig(legacyMapped(config, "jm", env, wrap ? "JobManager memory configuration failed: " : undefined), version, new Trace(false), wrap);
    }
    case "local":
      return localSpecFromConfig(config);
    case "managed-fraction":
      parseConsumerWeights(config);
      return undefined;
  }
}

/** A loaded configuration that can be resolved with key changes. */
export class Prober {
  readonly version: FlinkVersion;
  readonly config: Configuration;
  count = 0;

  private constructor(
    readonly target: FixTarget,
    readonly req: ResolveRequest,
    config: Configuration,
  ) {
    this.version = config.options.version;
    this.config = config;
  }

  /** A prober for `req`, or `undefined` when its files cannot be read (then only line edits help). */
  static of(target: FixTarget, req: ResolveRequest): Prober | undefined {
    try {
      const version = flinkVersion(req.flink ?? NEWEST_LINE);
      return new Prober(target, req, loadConfiguration(req, version).config);
    } catch (e) {
      if (e instanceof FlinkError) return undefined;
      throw e;
    }
  }

  /** The configuration with `changes` applied, as `applyChanges` would produce it. */
  changed(changes: readonly KeyChange[]): Configuration {
    const c = this.config.copy();
    for (const ch of changes) {
      if (ch.remove) c.removeKey(ch.key);
      // Same position as the -D pair would give for a key in the file; irrelevant to memory options otherwise.
      else if (ch.set !== undefined) c.setRaw(ch.key, { t: "str", v: ch.set }, { source: "-D" });
    }
    return c;
  }

  outcome(changes: readonly KeyChange[]): Outcome {
    this.count++;
    if (this.target === "jm" && !has(this.version, "jobManagerModel")) return resolveRequest(this.target, this.req);
    try {
      return { ok: true, spec: resolveConfig(this.target, this.changed(changes), this.version, this.req.env) };
    } catch (e) {
      if (e instanceof FlinkError) return { ok: false, error: e };
      throw e;
    }
  }

  resolves(changes: readonly KeyChange[]): boolean {
    return this.outcome(changes).ok;
  }
}
