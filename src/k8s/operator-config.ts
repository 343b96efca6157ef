/**
 * The Flink configuration the Kubernetes operator builds from a FlinkDeployment (or Helm values
 * of the same shape) — flinkConfiguration first, then each process's memory, CPU and limit
 * factor from the spec — and the pod memory Flink then requests. Every entry keeps where in the
 * manifest it was written.
 *
 * The operator's own default configuration (Helm `defaultConfiguration`, its conf file) is
 * merged first when given, and counts as empty otherwise; limit factors exist from Flink 1.13
 * (FLINK-15648) — before, the pod limit equals the request.
 * @module
 */
import { Configuration } from "../config/configuration.js";
import { str } from "../config/raw-value.js";
import { FlinkError, type SourceLocation } from "../errors.js";
import { javaDoubleToString, parseJavaDouble } from "../java/numbers.js";
import { optionsFor } from "../options/registry.js";
import { memorySizeToString } from "../size/memory-size.js";
import { has } from "../versions/features.js";
import { atLeast, type FlinkVersion } from "../versions/version.js";
import { dottedPath, positionOf, type DeploymentSpec, type ManifestPath, type ProcessResources } from "./flink-deployment.js";
import type { ManifestDocument } from "./manifest.js";
import { bigDecimalToString, ceilDecimal, lenientQuantityAmount, operatorMemory, parseKubernetesQuantity, podMemory, type OperatorMemory } from "./quantity.js";

export interface MemoryReading {
  process: "tm" | "jm";
  field: NonNullable<ProcessResources["memory"]>["field"];
  text: string;
  path: string;
  location: SourceLocation;
  /** The operator's reading, or why it fails. */
  operator: OperatorMemory | FlinkError;
  /** What Kubernetes reads the same text as (undefined: not a Kubernetes quantity). */
  kubernetes?: { bytes: bigint; exact: string; decimalSuffix: boolean };
}

export interface OperatorConfig {
  version: FlinkVersion;
  config: Configuration;
  memory: MemoryReading[];
  /** Configuration key the operator sets from a spec field → that field's manifest path. */
  specPaths: Map<string, string>;
  /** flinkConfiguration keys the spec overrides (key → where the ignored value is). */
  overridden: { key: string; location: SourceLocation; by: string }[];
}

const PROCESS_KEY = { tm: "taskmanager.memory.process.size", jm: "jobmanager.memory.process.size" } as const;
const CPU_KEY = { tm: "kubernetes.taskmanager.cpu", jm: "kubernetes.jobmanager.cpu" } as const;
export const LIMIT_FACTOR_KEY = { tm: "kubernetes.taskmanager.memory.limit-factor", jm: "kubernetes.jobmanager.memory.limit-factor" } as const;

export function locate(doc: ManifestDocument, source: string, path: ManifestPath): SourceLocation {
  const p = positionOf(doc, path);
  return p ? { source, line: p.line, column: p.column } : { source };
}

/** The operator's default configuration: entries merged under every deployment's flinkConfiguration. */
export interface OperatorDefaults {
  entries: readonly { key: string; value: string; location?: SourceLocation }[];
}

/** The configuration the operator hands to Flink for this deployment (its defaults first, when known). */
export function operatorConfig(spec: DeploymentSpec, doc: ManifestDocument, source: string, version: FlinkVersion, defaults?: OperatorDefaults): OperatorConfig {
  const config = new Configuration({ options: optionsFor(version), standardYaml: has(version, "standardYamlFile") });
  for (const e of defaults?.entries ?? []) if (!e.key.startsWith("kubernetes.operator.")) config.setRaw(e.key, str(e.value), e.location);
  for (const e of spec.flinkConfiguration) config.setRaw(e.key, str(e.value), locate(doc, source, e.path));
  const out: OperatorConfig = { version, config, memory: [], specPaths: new Map(), overridden: [] };
  for (const kind of ["jm", "tm"] as const) {
    const r = kind === "tm" ? spec.taskManager : spec.jobManager;
    if (!r) continue;
    if (r.memory) {
      const location = locate(doc, source, r.memory.path);
      let operator: OperatorMemory | FlinkError;
      try {
        operator = operatorMemory(r.memory.text);
      } catch (e) {
        if (!(e instanceof FlinkError)) throw e;
        operator = e;
      }
      const k8s = kubernetesReading(r.memory.text);
      out.memory.push({ process: kind, field: r.memory.field, text: r.memory.text, path: dottedPath(r.memory.path), location, operator, ...(k8s ? { kubernetes: k8s } : {}) });
      if (!(operator instanceof FlinkError)) {
        const before = config.getEntry(PROCESS_KEY[kind]);
        if (before?.location?.source === source) out.overridden.push({ key: PROCESS_KEY[kind], location: before.location, by: dottedPath(r.memory.path) });
        config.setRaw(PROCESS_KEY[kind], str(operator.configText ?? memorySizeToString(operator.bytes)), location);
        out.specPaths.set(PROCESS_KEY[kind], dottedPath(r.memory.path));
      }
    }
    if (r.cpu && Number.isFinite(r.cpu.value)) {
      config.setRaw(CPU_KEY[kind], str(javaDoubleToString(r.cpu.value)), locate(doc, source, r.cpu.path));
      out.specPaths.set(CPU_KEY[kind], dottedPath(r.cpu.path));
    }
    if (r.request && r.limit) {
      const factor = quantityRatio(r.limit.text, r.request.text);
      if (factor !== undefined) {
        config.setRaw(LIMIT_FACTOR_KEY[kind], str(javaDoubleToString(factor)), locate(doc, source, r.limit.path));
        out.specPaths.set(LIMIT_FACTOR_KEY[kind], dottedPath(r.limit.path));
      }
    }
  }
  return out;
}

/** Kubernetes' reading of a memory text, and whether it uses a decimal (power-of-ten) suffix. */
function kubernetesReading(text: string): MemoryReading["kubernetes"] {
  const d = parseKubernetesQuantity(text);
  if (!d) return undefined;
  return { bytes: ceilDecimal(d), exact: d.scale <= 0 ? ceilDecimal(d).toString() : bigDecimalToString(d), decimalSuffix: /(\d|\.)([kMGTPE]|[eE][+-]?\d+)$/.test(text) };
}

/** `limit / request` as doubles of the quantities' amounts (the operator's `computeLimitFactor`). */
function quantityRatio(limit: string, request: string): number | undefined {
  try {
    const l = Number(bigDecimalToString(lenientQuantityAmount(limit)));
    const r = Number(bigDecimalToString(lenientQuantityAmount(request)));
    return r > 0 ? l / r : undefined;
  } catch {
    return undefined;
  }
}

export interface LimitFactor {
  value: number;
  /** Where it was set; absent = the default 1.0. */
  location?: SourceLocation;
  /** Flink's failure when it is below 1. */
  error?: string;
}

/** The memory limit factor Flink uses for a process's pod. */
export function limitFactorOf(config: Configuration, kind: "tm" | "jm"): LimitFactor {
  if (!has(config.options.version, "kubernetesMemoryLimitFactor")) return { value: 1 };
  const e = config.getEntry(LIMIT_FACTOR_KEY[kind]);
  if (!e) return { value: 1 };
  const raw = e.value.t === "str" ? e.value.v : String(e.value.v);
  let value: number;
  try {
    value = parseJavaDouble(raw);
  } catch {
    return { value: Number.NaN, ...(e.location ? { location: e.location } : {}), error: `Could not parse value '${raw}' for key '${LIMIT_FACTOR_KEY[kind]}'.` };
  }
  const error = value >= 1 ? undefined : `${LIMIT_FACTOR_KEY[kind]} should be greater or equal to 1.`;
  return { value, ...(e.location ? { location: e.location } : {}), ...(error ? { error } : {}) };
}

export interface PodResources {
  requestMi: number;
  limitMi: number;
  limitFactor: number;
}

/** The pod memory Flink requests for a process of `processBytes`. */
export function podResources(processBytes: bigint, factor: LimitFactor): PodResources | undefined {
  if (factor.error) return undefined;
  return { ...podMemory(processBytes, factor.value), limitFactor: factor.value };
}

