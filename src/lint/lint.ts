/**
 * Linting one Flink configuration file's text: read it as the chosen Flink version reads it
 * (standard `config.yaml` or the legacy `flink-conf.yaml` line format), resolve both
 * processes, run the rules. Pure: the caller reads files.
 * @module
 */
import { loadConfiguration } from "../config/load.js";
import { FlinkError } from "../errors.js";
import { has } from "../versions/features.js";
import { flinkVersion, NEWEST_LINE, SUPPORTED_LINES, type FlinkVersion } from "../versions/version.js";
import type { Finding } from "./finding.js";
import { RULE_BY_ID, runConfigRules } from "./rules.js";
import { makeSubject } from "./subject.js";

export type ConfigFormat = "standard" | "legacy";

export interface LintFileOptions {
  /** Flink version, e.g. "1.20"; default the newest. */
  flink?: string;
  /** How to read the text; default: by `source`'s file name, as `configFormatFor` says. */
  format?: ConfigFormat;
  /** The file's path, used in locations. */
  source: string;
  /** Line/column offsets when the text is embedded in another file (a ConfigMap, Helm values). */
  offset?: { line: number; column: number };
}

/** The file format a version reads for a file of this name (as the CLI's `--config`). */
export function configFormatFor(version: FlinkVersion, fileName: string): ConfigFormat {
  if (!has(version, "standardYamlFile")) return "legacy";
  // A flink-conf.yaml is legacy by name; versions that no longer read it get a warning in lintConfigText.
  if (/(^|[\\/])flink-conf\.yaml$/.test(fileName)) return "legacy";
  return "standard";
}

/**
 * The version to check a file with when none is given: a `flink-conf.yaml` exists only up to
 * Flink 1.20, so it is checked as 1.20; anything else as the newest release.
 */
export function impliedVersion(fileName: string): string | undefined {
  return /(^|[\\/])flink-conf\.yaml$/.test(fileName) ? LAST_LEGACY_LINE : undefined;
}

/** The newest release that reads flink-conf.yaml (from the `legacyFlinkConfFile` feature). */
const LAST_LEGACY_LINE = [...SUPPORTED_LINES].reverse().find((l) => has(flinkVersion(l), "legacyFlinkConfFile"))!;

const finding = (ruleId: string, message: string, extra: Omit<Finding, "ruleId" | "severity" | "message"> = {}): Finding => ({
  ruleId,
  severity: RULE_BY_ID.get(ruleId)!.severity,
  message,
  ...extra,
});

/** All findings for one configuration file's text. */
export function lintConfigText(text: string, opts: LintFileOptions): Finding[] {
  const version = flinkVersion(opts.flink ?? NEWEST_LINE);
  const out: Finding[] = [];
  let format = opts.format ?? configFormatFor(version, opts.source);
  if (format === "legacy" && !has(version, "legacyFlinkConfFile")) {
    out.push(finding("legacy-file-ignored", `Flink ${version.line} does not read flink-conf.yaml; it was checked as config.yaml (standard YAML).`, { location: { source: opts.source } }));
    format = "standard";
  }
  let loaded;
  try {
    loaded = loadConfiguration(format === "standard" ? { configYaml: text, configYamlName: opts.source } : { flinkConfYaml: text, flinkConfYamlName: opts.source }, version);
  } catch (e) {
    if (!(e instanceof FlinkError)) throw e;
    const loc = e.rootLocation;
    out.push(finding("unreadable-config", e.message, { location: loc ?? { source: opts.source }, ...(e.causes.length ? { detail: e.causes.join("; ") } : {}) }));
    return shift(out, opts.offset);
  }
  for (const w of loaded.warnings) out.push(finding("skipped-line", `Flink skips this line: ${w.message}.`, { location: { source: opts.source, line: w.line } }));
  out.push(...runConfigRules(makeSubject(loaded.config, "standalone", opts.source)));
  return shift(out, opts.offset);
}

/** Moves locations of an embedded text to positions in the enclosing file. */
export function shift(findings: Finding[], offset: { line: number; column: number } | undefined): Finding[] {
  if (!offset) return findings;
  for (const f of findings) {
    const l = f.location;
    if (l?.line !== undefined) f.location = { ...l, line: l.line + offset.line, ...(l.column !== undefined ? { column: l.column + offset.column } : {}) };
  }
  return findings;
}
