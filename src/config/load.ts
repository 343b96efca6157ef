/**
 * From configuration inputs to a `Configuration`, choosing the file the way the given Flink
 * version's `GlobalConfiguration` does (`conf-files.ts`), then `-D` dynamic properties on top.
 * @module
 */
import type { SourceLocation } from "../errors.js";
import { optionsFor } from "../options/registry.js";
import { has as hasFeature } from "../versions/features.js";
import type { FlinkVersion } from "../versions/version.js";
import { Configuration } from "./configuration.js";
import { chooseConfFiles, type ConfFile, type ConfFileChoice } from "./conf-files.js";
import { readLegacyFlinkConf, type LegacyWarning } from "./legacy-reader.js";
import { readStandardYaml } from "./yaml/index.js";

/** What reached Flink: file texts (as in a conf dir) and `-D key=value` pairs in order. */
export interface ConfigInput {
  /** Text of `config.yaml` (standard YAML; Flink 1.19+). */
  configYaml?: string;
  /** Text of the legacy `flink-conf.yaml` (Flink 1.x; preferred by 1.19/1.20 when present). */
  flinkConfYaml?: string;
  /** How to name the files in locations (e.g. their paths); default `config.yaml` / `flink-conf.yaml`. */
  configYamlName?: string;
  flinkConfYamlName?: string;
  /**
   * Files by name, read as each release reads them (`chooseConfFiles`): `config.yaml` and
   * `flink-conf.yaml` as Flink finds them in a conf dir, a file under another name as the file
   * the release reads. Use this when one input serves several releases.
   */
  files?: readonly ConfFile[];
  /** Dynamic properties, applied after the file, later ones winning. */
  dynamic?: readonly (readonly [string, string])[];
}

export type ConfigFileKind = "config.yaml" | "flink-conf.yaml" | "none";

export interface LoadedConfiguration {
  config: Configuration;
  /** Which file Flink read. */
  file: ConfigFileKind;
  /** Lines the legacy parser skipped. */
  warnings: LegacyWarning[];
  /** A file was given that this version ignores (the first such; all of them are in `files`). */
  ignoredFile?: ConfigFileKind;
  /** Which file was read under which name, which were ignored and why, and the assumptions made. */
  files: ConfFileChoice;
}

/** The input's files, whichever way they were given. */
function filesOf(input: ConfigInput): ConfFile[] {
  const out: ConfFile[] = [];
  if (input.flinkConfYaml !== undefined) out.push({ name: input.flinkConfYamlName ?? "flink-conf.yaml", as: "flink-conf.yaml", text: input.flinkConfYaml });
  if (input.configYaml !== undefined) out.push({ name: input.configYamlName ?? "config.yaml", as: "config.yaml", text: input.configYaml });
  return input.files ? [...out, ...input.files] : out;
}

/**
 * The input as release `version` sees it: only the file it reads, as `configYaml` or
 * `flinkConfYaml` with its name, and the dynamic properties; with the choice that was made.
 * Everything downstream (resolution, fixes) takes the result.
 */
export function inputForRelease(input: ConfigInput, version: FlinkVersion): { input: ConfigInput; files: ConfFileChoice } {
  const given = filesOf(input);
  const files = chooseConfFiles(version, given);
  const out: ConfigInput = {};
  const read = files.read;
  if (read?.as === "config.yaml") {
    out.configYaml = given[read.index]!.text;
    out.configYamlName = read.name;
  } else if (read?.as === "flink-conf.yaml") {
    out.flinkConfYaml = given[read.index]!.text;
    out.flinkConfYamlName = read.name;
  }
  if (input.dynamic) out.dynamic = input.dynamic;
  return { input: out, files };
}

/** Which file a version reads when the conf dir holds the given ones. */
export function chooseConfigFile(version: FlinkVersion, has: { configYaml: boolean; flinkConfYaml: boolean }): ConfigFileKind {
  const files: ConfFile[] = [];
  if (has.flinkConfYaml) files.push({ name: "flink-conf.yaml", text: "" });
  if (has.configYaml) files.push({ name: "config.yaml", text: "" });
  return chooseConfFiles(version, files).read?.as ?? "none";
}

/** Where every `-D` value comes from (shared: locations are never changed). */
const DYNAMIC: SourceLocation = Object.freeze({ source: "-D" });

const NO_FILES = new Map<string, ConfFileChoice>();

/** The choice when no file is given (frozen: it is shared by every such resolution of the version). */
function noFileChoice(version: FlinkVersion): ConfFileChoice {
  let choice = NO_FILES.get(version.key);
  if (!choice) {
    const c = chooseConfFiles(version, []);
    choice = Object.freeze({ ...c, looksFor: Object.freeze([...c.looksFor]), ignored: Object.freeze([...c.ignored]), notes: Object.freeze([...c.notes]) });
    NO_FILES.set(version.key, choice);
  }
  return choice;
}

/** Reads the inputs as Flink `version` does (`GlobalConfiguration.loadConfiguration` with dynamic properties). */
export function loadConfiguration(input: ConfigInput, version: FlinkVersion): LoadedConfiguration {
  const options = optionsFor(version);
  const given = filesOf(input);
  const files = given.length === 0 ? noFileChoice(version) : chooseConfFiles(version, given);
  const read = files.read;
  const text = read ? given[read.index]!.text : "";
  const file: ConfigFileKind = read?.as ?? "none";
  // Flink 1.19/1.20 keep a global "standard YAML" flag that is true unless flink-conf.yaml was read.
  const standardYaml = hasFeature(version, "standardYamlFile") && file !== "flink-conf.yaml";
  const config = new Configuration({ options, standardYaml });
  let warnings: LegacyWarning[] = [];
  if (read?.format === "standard") {
    for (const e of readStandardYaml(text, read.name)) config.setRaw(e.key, e.value, e.location);
  } else if (read?.format === "legacy") {
    const r = readLegacyFlinkConf(text, read.name);
    for (const e of r.entries) config.setRaw(e.key, e.value, e.location);
    warnings = r.warnings;
  }
  for (const [key, value] of input.dynamic ?? []) config.setRaw(key, { t: "str", v: value }, DYNAMIC);
  const ignored = files.ignored[0]?.as;
  const loaded: LoadedConfiguration = { config, file, warnings, files };
  if (ignored) loaded.ignoredFile = ignored;
  return loaded;
}

/**
 * A request with `files` turned into the fields release `version` reads (other fields kept), for
 * code that edits `configYaml`/`flinkConfYaml` texts (fixes); a request without `files` as it is.
 */
export function fieldsForRelease<T extends ConfigInput>(req: T, version: FlinkVersion): T {
  if (!req.files) return req;
  const { files: _f, configYaml: _c, flinkConfYaml: _l, configYamlName: _cn, flinkConfYamlName: _ln, dynamic: _d, ...rest } = req;
  return { ...rest, ...inputForRelease(req, version).input } as T;
}
