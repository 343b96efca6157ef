/**
 * From configuration inputs to a `Configuration`, choosing the file format the way the
 * given Flink version's `GlobalConfiguration` does, then `-D` dynamic properties on top.
 * @module
 */
import { optionsFor } from "../options/registry.js";
import { has as hasFeature } from "../versions/features.js";
import type { FlinkVersion } from "../versions/version.js";
import { Configuration } from "./configuration.js";
import { readLegacyFlinkConf, type LegacyWarning } from "./legacy-reader.js";
import { readStandardYaml } from "./yaml-reader.js";

/** What reached Flink: file texts (as in a conf dir) and `-D key=value` pairs in order. */
export interface ConfigInput {
  /** Text of `config.yaml` (standard YAML; Flink 1.19+). */
  configYaml?: string;
  /** Text of the legacy `flink-conf.yaml` (Flink 1.x; preferred by 1.19/1.20 when present). */
  flinkConfYaml?: string;
  /** How to name the files in locations (e.g. their paths); default `config.yaml` / `flink-conf.yaml`. */
  configYamlName?: string;
  flinkConfYamlName?: string;
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
  /** A file was given that this version ignores. */
  ignoredFile?: ConfigFileKind;
}

/** Which file a version reads when the conf dir holds the given ones. */
export function chooseConfigFile(version: FlinkVersion, has: { configYaml: boolean; flinkConfYaml: boolean }): ConfigFileKind {
  if (hasFeature(version, "legacyFlinkConfFile") && has.flinkConfYaml) return "flink-conf.yaml";
  if (!hasFeature(version, "standardYamlFile")) return "none";
  return has.configYaml ? "config.yaml" : "none";
}

/** Reads the inputs as Flink `version` does (`GlobalConfiguration.loadConfiguration` with dynamic properties). */
export function loadConfiguration(input: ConfigInput, version: FlinkVersion): LoadedConfiguration {
  const options = optionsFor(version);
  const file = chooseConfigFile(version, {
    configYaml: input.configYaml !== undefined,
    flinkConfYaml: input.flinkConfYaml !== undefined,
  });
  // Flink 1.19/1.20 keep a global "standard YAML" flag that is true unless flink-conf.yaml was read.
  const standardYaml = hasFeature(version, "standardYamlFile") && file !== "flink-conf.yaml";
  const config = new Configuration({ options, standardYaml });
  let warnings: LegacyWarning[] = [];
  if (file === "config.yaml") {
    for (const e of readStandardYaml(input.configYaml!, input.configYamlName ?? "config.yaml")) config.setRaw(e.key, e.value, e.location);
  } else if (file === "flink-conf.yaml") {
    const r = readLegacyFlinkConf(input.flinkConfYaml!, input.flinkConfYamlName ?? "flink-conf.yaml");
    for (const e of r.entries) config.setRaw(e.key, e.value, e.location);
    warnings = r.warnings;
  }
  for (const [key, value] of input.dynamic ?? []) config.setRaw(key, { t: "str", v: value }, { source: "-D" });
  const ignored: ConfigFileKind | undefined =
    file !== "config.yaml" && input.configYaml !== undefined
      ? "config.yaml"
      : file !== "flink-conf.yaml" && input.flinkConfYaml !== undefined
        ? "flink-conf.yaml"
        : undefined;
  return { config, file, warnings, ...(ignored ? { ignoredFile: ignored } : {}) };
}
