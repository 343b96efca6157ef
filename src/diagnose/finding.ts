/**
 * What `diagnose` reports: one finding per failure or layout recognised in a paste.
 * @module
 */

export type FindingKind =
  | "network-buffers"
  | "network-buffer-pool"
  | "direct-oom"
  | "metaspace-oom"
  | "heap-oom"
  | "managed-memory"
  | "container-killed"
  | "invalid-configuration"
  | "memory-layout"
  | "not-flink-memory";

export type ProcessKind = "taskmanager" | "jobmanager";

/** Where a finding was read: line numbers and the template that matched (never the text itself). */
export interface FindingEvidence {
  lines: number[];
  template: string;
}

/** A configuration change, each one resolved by the engine before it is shown. */
export interface DiagnoseChange {
  /** Which way it goes, where there are two: keep the process (container) size, or grow it. */
  variant?: "keep-process" | "grow-process";
  /** What the change does, in plain words. */
  summary: string;
  /** `-D` settings, in order. */
  settings: [string, string][];
  /** Keys to remove first (a total that would conflict with the new process size). */
  remove?: string[];
  /** Whether the engine resolved the changed configuration, and what it gives. */
  checked: { ok: true; result: string } | { ok: false; reason: string };
}

export interface Finding {
  kind: FindingKind;
  process?: ProcessKind;
  /** The memory component at fault (`network`, `task off-heap`, `JVM metaspace`, …). */
  component?: string;
  evidence: FindingEvidence[];
  /** Flink's own hint from the message, when the template has one (it only names keys). */
  flinkHint?: string;
  /** Numbers read from the text (buffers, pages, bytes) and derived from them. */
  numbers: Record<string, string | number>;
  /** Conclusions and assumptions in plain words; says so when the paste allows none. */
  notes: string[];
  changes: DiagnoseChange[];
  /** A configuration that reproduces a layout, checked by the engine to the byte. */
  rebuilt?: { flink: string; settings: [string, string][]; matches: boolean; detail: string };
}

export function finding(kind: FindingKind, template: string, lines: number[], extra: Partial<Finding> = {}): Finding {
  return { kind, evidence: [{ template, lines }], numbers: {}, notes: [], changes: [], ...extra };
}
