/**
 * The Kubernetes operator's default Flink configuration, from what users have at hand: the
 * operator chart's Helm values (`defaultConfiguration."flink-conf.yaml"` / `"config.yaml"`) or
 * the operator's conf file itself. The operator merges it under every FlinkDeployment's
 * `flinkConfiguration`; its own `kubernetes.operator.*` keys are not Flink's and are left out later.
 * @module
 */
import { readLegacyFlinkConf } from "../config/legacy-reader.js";
import { rawToString } from "../config/raw-value.js";
import { readStandardYaml } from "../config/yaml/index.js";
import { FlinkError } from "../errors.js";
import { classifyFile } from "../files/classify.js";
import { findEmbeddedConfigs } from "./flink-deployment.js";
import { readManifests } from "./manifest.js";
import type { OperatorDefaults } from "./operator-config.js";

/** Entries of a config text, read as the operator reads its conf file (by its name's format). */
function entriesOf(fileName: string, text: string, source: string): OperatorDefaults["entries"] {
  if (fileName === "flink-conf.yaml") return readLegacyFlinkConf(text, source).entries.map((e) => ({ key: e.key, value: rawToString(e.value), location: e.location }));
  return readStandardYaml(text, source).map((e) => ({ key: e.key, value: rawToString(e.value), location: e.location }));
}

/**
 * The defaults a file holds, or why it holds none. `path` names the file (its base name decides
 * the format of a bare conf file: `flink-conf.yaml` legacy, anything else standard YAML).
 */
export function operatorDefaultsFrom(path: string, text: string): OperatorDefaults | { problem: string } {
  const cls = classifyFile(path, text);
  try {
    if (cls.kind === "kubernetes" && cls.operatorValues) {
      const entries: OperatorDefaults["entries"][number][] = [];
      for (const doc of readManifests(text)) {
        for (const emb of findEmbeddedConfigs(doc)) if (emb.path[0] === "defaultConfiguration") entries.push(...entriesOf(emb.fileName, emb.text, path));
      }
      return { entries };
    }
    if (cls.kind === "flink-config" || (cls.kind === "skip" && cls.what === "operator-config")) {
      const name = path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
      return { entries: entriesOf(name, text, path) };
    }
  } catch (e) {
    if (e instanceof FlinkError) return { problem: e.message };
    throw e;
  }
  return { problem: `not the operator's Helm values or a Flink configuration file (${cls.kind === "skip" ? cls.why : cls.why})` };
}
