/**
 * FlinkDeployment resources of the Flink Kubernetes operator, and Helm values that carry the
 * same fields (`flinkConfiguration`, `jobManager`, `taskManager`): what the operator reads for
 * memory, as plain data with the manifest path of every field.
 *
 * The operator (FlinkConfigBuilder) flattens `flinkConfiguration` — nested maps joined with
 * ".", lists joined with ";", scalars as text — and sets every entry as a string; then, per
 * process, the memory of `resources` (requests, else limits) or, when `resources` has neither,
 * of the older `resource` becomes `*.memory.process.size`, its CPU `kubernetes.*.cpu`, and
 * `limits/requests` the `kubernetes.*.{memory,cpu}.limit-factor`.
 * @module
 */
import { javaDoubleToString } from "../java/numbers.js";
import { isObject, type ManifestDocument, type Position } from "./manifest.js";

export type ManifestPath = readonly (string | number)[];

/** A scalar the operator reads as text, with where it is. */
export interface SpecText {
  text: string;
  path: ManifestPath;
}

export interface ProcessResources {
  /** The field the memory came from. */
  memory?: SpecText & { field: "resource.memory" | "resources.requests.memory" | "resources.limits.memory" };
  /** Request and limit when both are set (`resources` form): their ratio is the limit factor. */
  request?: SpecText;
  limit?: SpecText;
  cpu?: SpecText & { value: number };
  replicas?: number;
  /** Both `resource` and `resources` (with requests or limits) are set; `resource` is ignored. */
  bothForms: boolean;
  /** Manifest path of the process block (`spec.taskManager`). */
  path: ManifestPath;
}

export interface DeploymentSpec {
  origin: "FlinkDeployment" | "helm-values";
  name?: string;
  /** `spec.flinkVersion` as a Flink version line ("1.20"), or from the image tag. */
  flinkVersion?: string;
  /** Flattened `flinkConfiguration`, in document order (a later duplicate key wins). */
  flinkConfiguration: { key: string; value: string; path: ManifestPath }[];
  jobManager?: ProcessResources;
  taskManager?: ProcessResources;
  /** Path of the spec object (`["spec"]` for a FlinkDeployment). */
  path: ManifestPath;
}

/** A Flink config file embedded in a manifest (ConfigMap data, Helm `defaultConfiguration`). */
export interface EmbeddedConfig {
  fileName: "config.yaml" | "flink-conf.yaml";
  text: string;
  path: ManifestPath;
}

/** The text Jackson's `asText()` gives for a scalar after kubectl's JSON round trip. */
export function scalarText(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "bigint" || typeof v === "boolean") return String(v);
  if (typeof v === "number") return Number.isInteger(v) && Math.abs(v) < 1e21 ? BigInt(v).toString() : javaDoubleToString(v);
  if (v === null || v === undefined) return "null";
  return "";
}

/** `ConfigObjectNode.asFlatMap()`: nested keys joined with ".", lists as `a;b`, scalars as text. */
export function flattenFlinkConfiguration(node: unknown, path: ManifestPath): { key: string; value: string; path: ManifestPath }[] {
  const out: { key: string; value: string; path: ManifestPath }[] = [];
  const walk = (v: unknown, key: string, p: ManifestPath) => {
    if (isObject(v)) {
      for (const [k, child] of Object.entries(v)) walk(child, key === "" ? k : `${key}.${k}`, [...p, k]);
    } else if (Array.isArray(v)) {
      if (v.length > 0) out.push({ key, value: v.map((x) => (isObject(x) || Array.isArray(x) ? "" : scalarText(x))).join(";"), path: p });
    } else {
      out.push({ key, value: scalarText(v), path: p });
    }
  };
  if (isObject(node)) walk(node, "", path);
  return out;
}

/** `v1_20` → `1.20`; image tags such as `flink:1.18.1-scala_2.12` → `1.18`. */
export function flinkLineOf(flinkVersion: unknown, image: unknown): string | undefined {
  if (typeof flinkVersion === "string") {
    const m = /^v(\d+)_(\d+)$/.exec(flinkVersion.trim());
    if (m) return `${Number(m[1])}.${Number(m[2])}`;
  }
  if (typeof image === "string") {
    const tag = image.slice(image.lastIndexOf(":") + 1);
    const m = /(?:^|[^\d.])(1|2)\.(\d{1,2})(?:\.\d+)?(?![\d.])/.exec(image.includes(":") ? `:${tag}` : "");
    if (m) return `${m[1]}.${Number(m[2])}`;
  }
  return undefined;
}

function textAt(obj: Record<string, unknown>, key: string, path: ManifestPath): SpecText | undefined {
  const v = obj[key];
  if (v === undefined || v === null || isObject(v) || Array.isArray(v)) return undefined;
  return { text: scalarText(v), path: [...path, key] };
}

function hasEntries(v: unknown): v is Record<string, unknown> {
  return isObject(v) && Object.keys(v).length > 0;
}

/** What the operator reads from `spec.jobManager` / `spec.taskManager`. */
export function processResources(block: unknown, path: ManifestPath): ProcessResources | undefined {
  if (!isObject(block)) return undefined;
  const out: ProcessResources = { bothForms: false, path };
  const resources = block.resources;
  const resource = block.resource;
  const requests = isObject(resources) ? resources.requests : undefined;
  const limits = isObject(resources) ? resources.limits : undefined;
  const rPath = [...path, "resources"];
  if (hasEntries(requests) || hasEntries(limits)) {
    out.bothForms = isObject(resource);
    const req = isObject(requests) ? textAt(requests, "memory", [...rPath, "requests"]) : undefined;
    const lim = isObject(limits) ? textAt(limits, "memory", [...rPath, "limits"]) : undefined;
    if (req) out.memory = { ...req, field: "resources.requests.memory" };
    else if (lim) out.memory = { ...lim, field: "resources.limits.memory" };
    if (req && lim) {
      out.request = req;
      out.limit = lim;
    }
    const cpu = (isObject(requests) ? textAt(requests, "cpu", [...rPath, "requests"]) : undefined) ?? (isObject(limits) ? textAt(limits, "cpu", [...rPath, "limits"]) : undefined);
    if (cpu) out.cpu = { ...cpu, value: cpuValue(cpu.text) };
  } else if (isObject(resource)) {
    const mem = textAt(resource, "memory", [...path, "resource"]);
    if (mem) out.memory = { ...mem, field: "resource.memory" };
    const cpu = textAt(resource, "cpu", [...path, "resource"]);
    if (cpu) out.cpu = { ...cpu, value: Number(cpu.text) };
  }
  if (typeof block.replicas === "number" || typeof block.replicas === "bigint") out.replicas = Number(block.replicas);
  return out;
}

/** CPU quantity in cores (`500m` = 0.5). */
function cpuValue(text: string): number {
  const m = /^([+-]?\d*\.?\d+)(m?)$/.exec(text.trim());
  if (!m) return Number.NaN;
  return Number(m[1]) / (m[2] === "m" ? 1000 : 1);
}

function specFrom(obj: Record<string, unknown>, path: ManifestPath, origin: DeploymentSpec["origin"], name: string | undefined, parentImage?: unknown): DeploymentSpec {
  const jm = processResources(obj.jobManager, [...path, "jobManager"]);
  const tm = processResources(obj.taskManager, [...path, "taskManager"]);
  const image = obj.image ?? parentImage;
  const line = flinkLineOf(obj.flinkVersion, isObject(image) ? `${String(image.repository ?? "")}:${String(image.tag ?? "")}` : image);
  return {
    origin,
    ...(name ? { name } : {}),
    ...(line ? { flinkVersion: line } : {}),
    flinkConfiguration: flattenFlinkConfiguration(obj.flinkConfiguration, [...path, "flinkConfiguration"]),
    ...(jm ? { jobManager: jm } : {}),
    ...(tm ? { taskManager: tm } : {}),
    path,
  };
}

/** A process block in the apache operator's own form (`resource: {memory, cpu}`). */
function isOperatorProcessBlock(v: unknown): boolean {
  return isObject(v) && isObject(v.resource);
}

/** FlinkDeployments (by apiVersion/kind) and Helm-style values (a map with `flinkConfiguration`) in a document. */
export function findDeployments(doc: ManifestDocument): DeploymentSpec[] {
  const v = doc.value;
  if (!isObject(v)) return [];
  if (typeof v.apiVersion === "string" && v.apiVersion.startsWith("flink.apache.org/")) {
    if (v.kind !== "FlinkDeployment" || !isObject(v.spec)) return [];
    const name = isObject(v.metadata) && typeof v.metadata.name === "string" ? v.metadata.name : undefined;
    return [specFrom(v.spec, ["spec"], "FlinkDeployment", name)];
  }
  if (typeof v.kind === "string" && typeof v.apiVersion === "string") return [];
  const out: DeploymentSpec[] = [];
  const visit = (node: unknown, path: ManifestPath, depth: number, image: unknown) => {
    if (!isObject(node) || depth > 6) return;
    // The apache operator's own fields: a flinkConfiguration, or a process block with its `resource`
    // (other charts' `jobManager.resources` are Kubernetes resource requirements of their own resources).
    if (isObject(node.flinkConfiguration) || isOperatorProcessBlock(node.jobManager) || isOperatorProcessBlock(node.taskManager)) {
      out.push(specFrom(node, path, "helm-values", undefined, image));
      return;
    }
    for (const [k, child] of Object.entries(node)) visit(child, [...path, k], depth + 1, node.image ?? image);
  };
  visit(v, [], 0, undefined);
  return out;
}

/** Flink config files embedded as strings under a `config.yaml` / `flink-conf.yaml` key (ConfigMaps, Helm values). */
export function findEmbeddedConfigs(doc: ManifestDocument): EmbeddedConfig[] {
  const out: EmbeddedConfig[] = [];
  const visit = (node: unknown, path: ManifestPath, depth: number) => {
    if (!isObject(node) || depth > 8) return;
    for (const [k, child] of Object.entries(node)) {
      if ((k === "config.yaml" || k === "flink-conf.yaml") && typeof child === "string") out.push({ fileName: k, text: child, path: [...path, k] });
      else visit(child, [...path, k], depth + 1);
    }
  };
  visit(doc.value, [], 0);
  return out;
}

/** Position of a manifest path's key, or of the nearest enclosing key. */
export function positionOf(doc: ManifestDocument, path: ManifestPath): Position | undefined {
  for (let n = path.length; n > 0; n--) {
    const p = doc.keyAt(path.slice(0, n));
    if (p) return p;
  }
  return undefined;
}

/** `spec.taskManager.resource.memory` style text of a path. */
export function dottedPath(path: ManifestPath): string {
  return path.map((p) => (typeof p === "number" ? `[${p}]` : p)).join(".").replace(/\.\[/g, "[");
}
