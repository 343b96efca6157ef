/**
 * Linting one Flink configuration file's text: read it as the chosen Flink version reads it
 * (standard `config.yaml` or the legacy `flink-conf.yaml` line format), resolve both
 * processes, run the rules. Pure: the caller reads files.
 * @module
 */
import { chooseConfigFile, loadConfiguration } from "../config/load.js";
import { FlinkError } from "../errors.js";
import { has } from "../versions/features.js";
import { flinkVersion, NEWEST_LINE, SUPPORTED_LINES, type FlinkVersion } from "../versions/version.js";
import type { Finding } from "./finding.js";
import type { Configuration } from "../config/configuration.js";
import { formatByName, type ConfigRole } from "../files/classify.js";
import { localSpecFromConfig } from "../model/local.js";
import { overShippedSizes, shippedSizesText, unsizedProcesses } from "./layers.js";
import { keyFindings, RULE_BY_ID, runConfigRules, finding } from "./rules.js";
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
  /** How the file takes part in a deployment (from `classifyFile`); default: a process configuration. */
  role?: ConfigRole;
  /** Judge the file as the whole configuration: a process it does not size is refused, as Flink would. */
  whole?: boolean;
  /** A `flink-conf.yaml` lies beside this file in its conf dir (1.19/1.20 then read that one instead). */
  besideLegacy?: boolean;
  /** Whether the user named the release (default: `flink` is given); otherwise the release assumed is said. */
  versionGiven?: boolean;
}

/** The file format a version reads for a file of this name (as the CLI's `--config`). */
export function configFormatFor(version: FlinkVersion, fileName: string): ConfigFormat {
  if (!has(version, "standardYamlFile")) return "legacy";
  // A flink-conf.yaml is legacy by name; versions that no longer read it get a warning in lintConfigText.
  if (formatByName(fileName) === "legacy") return "legacy";
  return "standard";
}

/**
 * The version to check a file with when none is given: a `flink-conf.yaml` exists only up to
 * Flink 1.20, so it is checked as 1.20; anything else as the newest release.
 */
export function impliedVersion(fileName: string): string | undefined {
  return formatByName(fileName) === "legacy" ? LAST_LEGACY_LINE : undefined;
}

/** The newest release that reads flink-conf.yaml (from the `legacyFlinkConfFile` feature). */
const LAST_LEGACY_LINE = [...SUPPORTED_LINES].reverse().find((l) => has(flinkVersion(l), "legacyFlinkConfFile"))!;


/** All findings for one configuration file's text. */
export function lintConfigText(text: string, opts: LintFileOptions): Finding[] {
  const version = flinkVersion(opts.flink ?? NEWEST_LINE);
  const out: Finding[] = [];
  const format = opts.format ?? configFormatFor(version, opts.source);
  const at = { location: { source: opts.source } };
  if (format === "legacy" && !has(version, "legacyFlinkConfFile")) {
    out.push(finding("legacy-file-ignored", `Flink ${version.line} does not read flink-conf.yaml: this file is ignored, and the processes start as if it were absent. Migrate it to config.yaml (bin/migrate-config-file.sh in Flink 1.19/1.20).`, at));
    return shift(out, opts.offset);
  }
  if (format === "standard" && !has(version, "standardYamlFile")) {
    out.push(finding("standard-file-ignored", `Flink ${version.line} reads only flink-conf.yaml: this config.yaml is ignored, and the processes start as if it were absent.`, at));
    return shift(out, opts.offset);
  }
  if (format === "standard" && opts.besideLegacy && chooseConfigFile(version, { configYaml: true, flinkConfYaml: true }) === "flink-conf.yaml") {
    out.push(finding("standard-file-ignored", `Flink ${version.line} reads the flink-conf.yaml beside this file and ignores this config.yaml.`, at));
    return shift(out, opts.offset);
  }
  if (!(opts.versionGiven ?? opts.flink !== undefined)) {
    const why = format === "legacy" ? "the newest release that reads flink-conf.yaml (Flink 2.x ignores it)" : "the newest release";
    const beside = format === "standard" && opts.besideLegacy ? " Flink 1.19 and 1.20 would read the flink-conf.yaml beside it instead." : "";
    out.push(finding("assumption", `Checked as Flink ${version.line}, ${why}; name the release that reads it with --flink.${beside}`, at));
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
  out.push(...judgeConfiguration(loaded.config, opts));
  return shift(out, opts.offset);
}

/**
 * The rules over a configuration read from a file, in the file's role: a classpath resource is
 * checked as local execution; a file that sizes a process is judged as Flink judges it; a process
 * the file does not size is taken as sized by another layer (unless `whole`).
 */
function judgeConfiguration(config: Configuration, opts: LintFileOptions): Finding[] {
  const role = opts.role ?? "process";
  const at = { location: { source: opts.source } };
  if (role === "local-run") return [finding("assumption", "A classpath resource: taken as the configuration of a local run (MiniCluster), where process sizes do not apply; checked as local execution.", at), ...lintLocalRun(config, opts.source)];
  const layered = opts.whole ? [] : unsizedProcesses(config);
  const out: Finding[] = [];
  if (layered.length > 0) {
    const names = layered.map((k) => (k === "tm" ? "TaskManager" : "JobManager")).join(" or the ");
    const what = role === "operator-defaults" ? "The Kubernetes operator's default configuration: merged under every FlinkDeployment, whose spec sizes the processes." : "Taken as one layer of the configuration (an overlay on the image's config, FLINK_PROPERTIES, the operator's defaults), another layer sizing the process.";
    out.push(
      finding("not-sized", `Does not size the ${names} (no process size, Flink size or fine-grained heap). ${what} Checked over Flink's shipped sizes (${shippedSizesText(config.options.version, layered)}); as a whole configuration Flink would refuse it: check that with --whole-config.`, at),
    );
  }
  const subject = makeSubject(layered.length > 0 ? overShippedSizes(config, layered) : config, "standalone", opts.source);
  for (const f of runConfigRules(subject)) {
    if (!f.process || !layered.includes(f.process)) out.push(f);
    else if (f.ruleId === "flink-rejects") {
      const { fix: _dropped, ...rest } = f;
      out.push({ ...rest, ruleId: "layer-rejects", severity: RULE_BY_ID.get("layer-rejects")!.severity, message: `Laid over Flink's shipped sizes, Flink refuses this layer: ${f.message}` });
    }
  }
  return out;
}

/** Local execution: Flink's failure if it refuses, and the key checks. */
function lintLocalRun(config: Configuration, source: string): Finding[] {
  const out: Finding[] = [];
  try {
    localSpecFromConfig(config);
  } catch (e) {
    if (!(e instanceof FlinkError)) throw e;
    out.push(finding("flink-rejects", e.message, { process: "tm", location: e.rootLocation ?? { source } }));
  }
  out.push(...keyFindings(makeSubject(config, "standalone", source)));
  return out;
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
