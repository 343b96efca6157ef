/**
 * What the lint rules look at: one configuration as Flink reads it, both processes resolved
 * from it, and a way to try a fix (re-resolve with edits applied).
 * @module
 */
import type { Configuration } from "../config/configuration.js";
import { str } from "../config/raw-value.js";
import type { SourceLocation } from "../errors.js";
import type { JobManagerSpec } from "../model/jobmanager.js";
import type { TaskManagerSpec } from "../model/taskmanager.js";
import type { FixEdit } from "./finding.js";
import { resolveJobManagerConfig, resolveTaskManagerConfig, type Deployment, type Outcome } from "./process-outcome.js";

/** A CPU size given outside the Flink configuration (a FlinkDeployment's `resource.cpu`). */
export interface ExternalCpu {
  cores: number;
  /** Manifest path of the field, for fixes. */
  path: string;
  location?: SourceLocation;
}

export interface LintSubject {
  /** The configuration as read, with locations. */
  config: Configuration;
  deployment: Deployment;
  /** Where the configuration comes from, for findings without a line. */
  source: string;
  tm: Outcome<TaskManagerSpec>;
  jm: Outcome<JobManagerSpec> | undefined;
  /** Kubernetes CPU of the TaskManager, when the deployment sets it. */
  tmCpu?: ExternalCpu;
  /** Keys the deployment sets itself (e.g. the operator's process size); edits to them go to `fixPaths`. */
  fixPaths?: ReadonlyMap<string, string>;
  /** Resolves both processes with `edits` applied to a copy of the configuration. */
  tryEdits(edits: readonly FixEdit[]): { tm: Outcome<TaskManagerSpec>; jm: Outcome<JobManagerSpec> | undefined };
}

/** A subject over `config`; `traced` keeps the derivation traces rules read. */
export function makeSubject(config: Configuration, deployment: Deployment, source: string, extra: Pick<LintSubject, "tmCpu" | "fixPaths"> = {}): LintSubject {
  const tryEdits = (edits: readonly FixEdit[]) => {
    const copy = config.copy();
    for (const e of edits) {
      const key = keyOf(e.path, extra.fixPaths);
      const old = copy.getEntry(key);
      if (e.value !== undefined) copy.setRaw(key, str(e.value));
      else copy.removeKey(key);
      if (e.renameTo !== undefined && old) copy.setRaw(keyOf(e.renameTo, extra.fixPaths), old.value, old.location);
    }
    return { tm: resolveTaskManagerConfig(copy, deployment, false), jm: resolveJobManagerConfig(copy, deployment, false) };
  };
  return {
    config,
    deployment,
    source,
    tm: resolveTaskManagerConfig(config, deployment),
    jm: resolveJobManagerConfig(config, deployment),
    ...extra,
    tryEdits,
  };
}

/** The configuration key a fix path stands for (manifest paths map back to the key the operator sets). */
function keyOf(path: string, fixPaths: ReadonlyMap<string, string> | undefined): string {
  if (fixPaths) for (const [key, p] of fixPaths) if (p === path) return key;
  return path;
}

/** The manifest path to edit for a configuration key (the key itself for config files). */
export function pathFor(subject: LintSubject, key: string): string {
  return subject.fixPaths?.get(key) ?? key;
}

/** Where an option key was written. */
export function locationOf(subject: LintSubject, key: string | undefined): SourceLocation {
  const l = key ? subject.config.getEntry(key)?.location : undefined;
  return l ?? { source: subject.source };
}
