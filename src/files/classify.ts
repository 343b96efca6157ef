/**
 * What a file is, before anything judges it: a Flink configuration (and in what role), a
 * Kubernetes file the apache operator reads, a docker compose file running the official image,
 * another operator's resource, a template, or YAML that has nothing to do with Flink.
 *
 * Only the first three are judged; the others are skipped with the reason, so a CI job that
 * points `lint` at a whole repository never fails on a CI pipeline named `config.yaml`, a Helm
 * chart with a `taskmanager:` block or a `FlinkCluster` of another operator. Pure: name and text in.
 * @module
 */
import { nameKind } from "../config/conf-files.js";
import { readLegacyFlinkConf } from "../config/legacy-reader.js";
import { findDeployments } from "../k8s/flink-deployment.js";
import { isObject, readManifests, type ManifestDocument } from "../k8s/manifest.js";
import { KUBERNETES_SEGMENTS, looksLikeFlinkKey, OPERATOR_PREFIX } from "./flink-keys.js";

/** How a Flink configuration file takes part in a deployment, as far as its path and keys tell. */
export type ConfigRole =
  /** A conf dir's file (or an overlay of one): sized processes are judged, unsized ones are taken as layers. */
  | "process"
  /** A classpath resource (`src/main/resources`) for a local run in the IDE or tests (MiniCluster). */
  | "local-run"
  /** The Kubernetes operator's default configuration: Flink keys next to `kubernetes.operator.*` ones. */
  | "operator-defaults";

export type FileClass =
  | { kind: "flink-config"; format: "standard" | "legacy"; role: ConfigRole; why: string }
  /** FlinkDeployments, FlinkSessionJobs, ConfigMaps holding a Flink config, Helm values of Flink charts. */
  | { kind: "kubernetes"; operatorValues: boolean; why: string }
  | { kind: "compose"; why: string }
  /** Skipped: not something Flink or the apache operator reads as a process configuration. */
  | { kind: "skip"; what: SkippedKind; why: string };

export type SkippedKind = "operator-config" | "other-operator" | "template" | "kubernetes-other" | "compose-other" | "unrelated" | "empty";

const base = (path: string) => path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
/**
 * The format a file's name says it has: `flink-conf.yaml` (and names built on it, such as
 * `flink-conf-prod.yaml` or a copy's `…_flink-conf.yaml`) is the legacy format 1.x reads;
 * `config.yaml` (and `…_config.yaml` after a separator) the standard YAML 1.19+ reads; other names
 * say nothing. The rule is `nameKind`'s (src/config/conf-files.ts), shared with every command.
 */
export function formatByName(path: string): "legacy" | "standard" | undefined {
  const kind = nameKind(path);
  return kind === undefined ? undefined : kind.as === "flink-conf.yaml" ? "legacy" : "standard";
}

const isLegacyName = (name: string) => formatByName(name) === "legacy";
const isConfigName = (name: string) => formatByName(name) !== undefined;

/**
 * A Go/Helm template action on a line that is not a comment: `{{ .Values.x }}`, `{{- include … }}`,
 * `{{ if … }}`. Not the operator's own `{{name}}` placeholders (ingress templates).
 */
const TEMPLATE_ACTION = /^(?!\s*#).*\{\{-?\s*(?:[.$]|-|(?:if|else|end|range|with|include|template|define|toYaml|tpl|printf|required|default|quote|block)\b)/m;

/** Roles a docker compose service plays in the official image (`command:`'s first word). */
const FLINK_ROLES = new Set(["jobmanager", "taskmanager", "standalone-job"]);

/** Classifies a file by its path and text (`docs`: its documents, when the caller has read them). */
export function classifyFile(path: string, text: string, docs?: ManifestDocument[]): FileClass {
  return classifyRead(path, text, docs).cls;
}

/**
 * As `classifyFile`, also giving the file's documents when it read them as YAML, so that a
 * Kubernetes file is not parsed twice (classified, then linted).
 */
export function classifyRead(path: string, text: string, given?: ManifestDocument[]): { cls: FileClass; docs?: ManifestDocument[] } {
  const name = base(path);
  if (TEMPLATE_ACTION.test(text)) {
    return { cls: { kind: "skip", what: "template", why: "a template (Go/Helm `{{ }}` actions): what runs is its rendered output; lint that instead (e.g. `helm template … | flink-memory lint -`)" } };
  }
  // No YAML document can have an `apiVersion` key unless the text spells it (or escapes it, with a
  // backslash): then no Kubernetes resource comes first, and a flink-conf.yaml is read by its lines.
  if (given === undefined && isLegacyName(name) && !text.includes("apiVersion") && !text.includes("\\")) {
    return { cls: classifyKeys(path, legacyKeys(text), "legacy") };
  }
  const docs = given ?? readManifests(text);
  return { cls: classifyDocs(path, name, text, docs), docs };
}

function classifyDocs(path: string, name: string, text: string, docs: ManifestDocument[]): FileClass {
  // Kubernetes resources first: a ConfigMap file may well be named after the flink-conf.yaml it holds.
  const k8sFirst = kubernetesKind(docs);
  if (k8sFirst) return k8sFirst;
  if (isLegacyName(name)) return classifyKeys(path, legacyKeys(text), "legacy");
  const values = docs.map((d) => d.value).filter((v) => v !== null && v !== undefined);
  const broken = docs.some((d) => d.errors.length > 0);
  if (broken) {
    // Flink's own reader decides about a config.yaml; anything else we cannot tell.
    if (formatByName(name) === "standard") return { kind: "flink-config", format: "standard", role: roleOf(path, []), why: "config.yaml (not valid YAML)" };
    return { kind: "skip", what: "unrelated", why: "not valid YAML, and not named config.yaml or flink-conf.yaml" };
  }
  const top = values.length === 1 && isObject(values[0]) ? values[0] : undefined;
  if (top && isObject(top.spec) && Object.keys(top).every((k) => k === "spec" || k === "metadata")) {
    return { kind: "skip", what: "kubernetes-other", why: "a fragment of a resource (a kustomize patch or another tool's defaults): what runs is the resource it is merged into" };
  }
  if (top) {
    const compose = composeKind(top);
    if (compose) return compose;
    if (isOperatorValues(top)) return { kind: "kubernetes", operatorValues: true, why: "Helm values of the Flink Kubernetes operator chart" };
    if (docs.some((d) => findDeployments(d).length > 0)) return { kind: "kubernetes", operatorValues: false, why: "Helm values with a flinkConfiguration or FlinkDeployment resources (rendered into a FlinkDeployment)" };
  }
  if (values.length > 1) return { kind: "skip", what: "unrelated", why: "a stream of YAML documents without Kubernetes resources Flink reads" };
  return classifyKeys(path, top ? flatten(top) : [], "standard", values.length === 0 || top !== undefined);
}

/** Decides between a Flink configuration, the operator's own configuration and unrelated YAML by the keys. */
function classifyKeys(path: string, keys: string[], format: "standard" | "legacy", isMap = true): FileClass {
  const name = base(path);
  if (!isMap) return { kind: "skip", what: "unrelated", why: "YAML that is not a map of keys" };
  if (keys.length === 0) {
    if (isConfigName(name)) return { kind: "flink-config", format, role: roleOf(path, keys), why: `${name} that sets no key` };
    return { kind: "skip", what: "empty", why: "no keys" };
  }
  const operator = keys.filter((k) => k.startsWith(OPERATOR_PREFIX));
  const flinkish = keys.filter((k) => !k.startsWith(OPERATOR_PREFIX) && looksLikeFlinkKey(k));
  const foreign = keys.filter((k) => k.split(".").some((s) => KUBERNETES_SEGMENTS.has(s)));
  if (operator.length > 0 && flinkish.length === 0) {
    return { kind: "skip", what: "operator-config", why: "the Kubernetes operator's own configuration (kubernetes.operator.* keys only): no Flink process reads it" };
  }
  // A config file by name needs fewer Flink keys (users add their own), any other file a majority.
  const share = (flinkish.length + operator.length) / keys.length;
  const enough = flinkish.length > 0 && foreign.length < flinkish.length && (isConfigName(name) ? share >= 0.25 : share >= 0.5);
  if (!enough) {
    return { kind: "skip", what: "unrelated", why: flinkish.length === 0 ? "no Flink configuration keys" : `only ${flinkish.length} of ${keys.length} keys look like Flink options` };
  }
  const role = roleOf(path, keys);
  const what = role === "operator-defaults" ? "the operator's default Flink configuration" : role === "local-run" ? "a classpath Flink configuration for a local run" : "a Flink configuration";
  return { kind: "flink-config", format, role, why: `${what} (${format === "legacy" ? "flink-conf.yaml format" : "standard YAML"})` };
}

function roleOf(path: string, keys: readonly string[]): ConfigRole {
  // Also in flattened copies' names (`repo__src_main_resources_flink-conf.yaml`).
  if (/(^|[\\/_])src[\\/_](main|test)[\\/_]resources[\\/_]/.test(path)) return "local-run";
  if (keys.some((k) => k.startsWith(OPERATOR_PREFIX))) return "operator-defaults";
  return "process";
}

function legacyKeys(text: string): string[] {
  return readLegacyFlinkConf(text, "flink-conf.yaml").entries.map((e) => e.key);
}

/** Keys as Flink's standard-YAML reader flattens them (nested maps joined with "."). */
function flatten(node: Record<string, unknown>): string[] {
  const out: string[] = [];
  const walk = (v: unknown, prefix: string, depth: number) => {
    if (isObject(v) && depth < 12 && Object.keys(v).length > 0) {
      for (const [k, child] of Object.entries(v)) walk(child, prefix === "" ? k : `${prefix}.${k}`, depth + 1);
    } else if (prefix !== "") out.push(prefix);
  };
  walk(node, "", 0);
  return out;
}

/** Kubernetes resources: the apache operator's, ConfigMaps with a Flink config, other operators', or none of Flink's. */
function kubernetesKind(docs: ManifestDocument[]): FileClass | undefined {
  let resources = 0;
  let other: string | undefined;
  for (const d of docs) {
    const v = d.value;
    if (!isObject(v) || typeof v.apiVersion !== "string" || typeof v.kind !== "string") continue;
    resources++;
    if (v.apiVersion.startsWith("flink.apache.org/")) {
      return { kind: "kubernetes", operatorValues: false, why: `${v.kind} of the Flink Kubernetes operator` };
    }
    if (v.kind === "ConfigMap" && isObject(v.data) && Object.keys(v.data).some((k) => k === "config.yaml" || k === "flink-conf.yaml")) {
      return { kind: "kubernetes", operatorValues: false, why: "a ConfigMap holding a Flink configuration file" };
    }
    if (/flink/i.test(v.apiVersion) || /^Flink/.test(v.kind)) other ??= `${v.kind} (${v.apiVersion})`;
  }
  if (other) return { kind: "skip", what: "other-operator", why: `${other}: another operator's resource, with its own memory rules; not checked` };
  if (resources > 0) return { kind: "skip", what: "kubernetes-other", why: "Kubernetes resources without a Flink configuration" };
  return undefined;
}

/** The operator chart's values: its own top-level blocks, with `defaultConfiguration` for Flink. */
function isOperatorValues(top: Record<string, unknown>): boolean {
  const marks = ["defaultConfiguration", "operatorPod", "operatorServiceAccount", "jobServiceAccount", "watchNamespaces", "webhook", "jvmArgs", "operatorVolumes"];
  return isObject(top.defaultConfiguration) || marks.filter((m) => m in top).length >= 2;
}

/** A compose file: a `services` map; judged only when a service runs Flink's image or roles. */
function composeKind(top: Record<string, unknown>): FileClass | undefined {
  const services = top.services;
  if (!isObject(services)) return undefined;
  const list = Object.values(services).filter(isObject);
  if (list.length === 0 || !list.some((s) => "image" in s || "build" in s)) return undefined;
  const flink = list.some((s) => {
    const image = typeof s.image === "string" ? s.image : "";
    const command = Array.isArray(s.command) ? String(s.command[0] ?? "") : typeof s.command === "string" ? s.command.trim().split(/\s+/)[0] ?? "" : "";
    return /(^|\/)flink(:|@|$)/.test(image) || FLINK_ROLES.has(command);
  });
  if (!flink) return { kind: "skip", what: "compose-other", why: "a docker compose file without Flink services" };
  return { kind: "compose", why: "a docker compose file running Flink" };
}
