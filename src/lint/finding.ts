/**
 * What the linter reports: a finding with a rule id, severity, message, where, and a fix when
 * one is known. Messages cite keys and memory sizes only, never other values (config files hold
 * credentials).
 * @module
 */
import type { SourceLocation } from "../errors.js";

export type Severity = "error" | "warning" | "note";

export const SEVERITY_RANK: Record<Severity, number> = { note: 1, warning: 2, error: 3 };

/** One change of a fix: set `path` to `value`, rename it to `renameTo` (keeping its value), or remove it. */
export interface FixEdit {
  /** A Flink option key, or a manifest path such as `spec.taskManager.resource.memory`. */
  path: string;
  value?: string;
  renameTo?: string;
}

export interface Fix {
  description: string;
  edits: FixEdit[];
  /** True when we resolved the configuration with the fix applied and the problem was gone. */
  verified: boolean;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** The process the finding is about, when it is about one. */
  process?: "tm" | "jm";
  location?: SourceLocation;
  /** More about the problem in our words (e.g. where YAML is malformed). */
  detail?: string;
  /** The option key (or manifest path) the finding is about. */
  key?: string;
  fix?: Fix;
}

/** Static description of a rule, for `--format sarif` and the docs. */
export interface RuleMeta {
  id: string;
  severity: Severity;
  /** One line. */
  summary: string;
  /** What the rule checks and why; heuristics are stated here. */
  description: string;
}
