/**
 * Linting Kubernetes files: FlinkDeployment resources, Helm values of the same shape, and
 * Flink config files embedded in ConfigMaps or Helm values. For each deployment: the
 * configuration the operator gives Flink, both processes resolved as the containers start
 * them, the pod memory, and every inconsistency the operator would only find when a pod starts.
 * @module
 */
import { FlinkError } from "../errors.js";
import type { JobManagerSpec } from "../model/jobmanager.js";
import type { TaskManagerSpec } from "../model/taskmanager.js";
import { MiB } from "../size/memory-size.js";
import { flinkVersion, NEWEST_LINE, type FlinkVersion } from "../versions/version.js";
import { dottedPath, findDeployments, findEmbeddedConfigs, type DeploymentSpec } from "../k8s/flink-deployment.js";
import { readManifests, type ManifestDocument } from "../k8s/manifest.js";
import { limitFactorOf, locate, operatorConfig, podResources, type OperatorConfig, type OperatorDefaults, type PodResources } from "../k8s/operator-config.js";
import { operatorMemory } from "../k8s/quantity.js";
import { classifyFile } from "../files/classify.js";
import type { Finding } from "./finding.js";
import { impliedVersion, lintConfigText, shift } from "./lint.js";
import type { Outcome } from "./process-outcome.js";
import { finding, runConfigRules } from "./rules.js";
import { makeSubject, type LintSubject } from "./subject.js";

export interface ManifestLintOptions {
  /** Flink version; default: the deployment's `flinkVersion` (or image tag), else `assumeFlink`, else the newest. */
  flink?: string;
  /** The release to assume for a deployment that names none (no `flinkVersion`, no versioned image). */
  assumeFlink?: string;
  source: string;
  /** The operator's default configuration (Helm `defaultConfiguration`, its conf file), merged under each deployment. */
  operatorDefaults?: OperatorDefaults;
  /** Judge embedded configuration files as whole configurations. */
  whole?: boolean;
}

export interface DeploymentResult {
  spec: DeploymentSpec;
  version: FlinkVersion;
  operator: OperatorConfig;
  tm: Outcome<TaskManagerSpec>;
  jm: Outcome<JobManagerSpec> | undefined;
  pods: { tm?: PodResources; jm?: PodResources };
  findings: Finding[];
}

export interface ManifestLintResult {
  findings: Finding[];
  deployments: DeploymentResult[];
  /** Whether the file held anything Flink-related at all. */
  relevant: boolean;
}

const LABEL = { tm: "TaskManager", jm: "JobManager" } as const;

/** The detail of a refusal the operator's own admission lets through (FLINK-30411): it fails later, in reconcile. */
export const RECONCILE_NOTE = "The operator's admission webhook accepts the resource (it only checks that spec memory parses); the deployment then fails during reconcile with this message, before any pod starts.";


/** The release the deployment runs, and what was assumed to get it. */
function versionFor(spec: DeploymentSpec, flink: string | undefined, assumeFlink: string | undefined): { version: FlinkVersion; assumed?: string } {
  if (flink !== undefined) return { version: flinkVersion(flink) };
  if (spec.flinkVersion !== undefined) {
    try {
      return { version: flinkVersion(spec.flinkVersion) };
    } catch {
      return { version: flinkVersion(NEWEST_LINE), assumed: `Flink ${spec.flinkVersion} (from the resource) is not one this tool models; checked as Flink ${NEWEST_LINE}, the newest it models (name another with --flink).` };
    }
  }
  if (assumeFlink !== undefined) {
    const version = flinkVersion(assumeFlink);
    return { version, assumed: `The resource names no flinkVersion or versioned image; checked as Flink ${version.line}, the release assumed for such resources (--flink).` };
  }
  return { version: flinkVersion(NEWEST_LINE), assumed: `The resource names no flinkVersion or versioned image; checked as Flink ${NEWEST_LINE}, the newest release (name the release with --flink).` };
}

/** Findings about the spec's own memory fields. */
function memoryFindings(oc: OperatorConfig, spec: DeploymentSpec): Finding[] {
  const out: Finding[] = [];
  for (const m of oc.memory) {
    if (m.operator instanceof FlinkError) {
      out.push(finding("k8s-memory-unparsable", `${LABEL[m.process]} resource memory parse error: ${m.operator.message}`, { process: m.process, key: m.path, location: m.location }));
      continue;
    }
    const bytes = m.operator.bytes;
    // No unit check: the operator reads spec memory with Flink's MemorySize (then as a quantity)
    // and removes memory from the pod template, so Kubernetes never reads these strings.
    if (bytes % MiB !== 0n) {
      out.push(
        finding("k8s-pod-below-process", `${LABEL[m.process]}: the process size ${bytes} bytes is not a whole number of MiB; the pod gets ${bytes / MiB}Mi, ${bytes % MiB} bytes less than the process may use.`, {
          process: m.process,
          key: m.path,
          location: m.location,
          fix: { description: `round up to whole MiB`, edits: [{ path: m.path, value: `${(bytes + MiB - 1n) / MiB}Mi` }], verified: true },
        }),
      );
    }
  }
  for (const kind of ["jm", "tm"] as const) {
    const r = kind === "tm" ? spec.taskManager : spec.jobManager;
    if (r?.bothForms) out.push(finding("k8s-both-resource-fields", `${LABEL[kind]}: both resource and resources are set; the operator ignores ${dottedPath([...r.path, "resource"])}.`, { process: kind, key: dottedPath([...r.path, "resource"]) }));
    if (r?.request && r.limit) {
      try {
        const req = operatorMemory(r.request.text).bytes;
        const lim = operatorMemory(r.limit.text).bytes;
        if (req > lim) {
          out.push(finding("k8s-request-above-limit", `${LABEL[kind]} resource requirements memory request (${r.request.text}) must not exceed its limit (${r.limit.text})`, { process: kind, key: dottedPath(r.request.path) }));
        }
      } catch {
        // unreadable sizes are reported above
      }
    }
  }
  for (const o of oc.overridden) {
    out.push(finding("k8s-memory-overridden", `${o.key} in flinkConfiguration has no effect: the operator sets it from ${o.by}.`, { key: o.key, location: o.location, fix: { description: `remove ${o.key} from flinkConfiguration`, edits: [{ path: `flinkConfiguration.${o.key}` }], verified: true } }));
  }
  return out;
}

function lintDeployment(doc: ManifestDocument, spec: DeploymentSpec, opts: ManifestLintOptions): DeploymentResult {
  const { version, assumed } = versionFor(spec, opts.flink, opts.assumeFlink);
  const oc = operatorConfig(spec, doc, opts.source, version, opts.operatorDefaults);
  const findings = memoryFindings(oc, spec);
  if (assumed) findings.unshift(finding("assumption", assumed, { location: locate(doc, opts.source, spec.path) }));
  const cpu = spec.taskManager?.cpu;
  const subject: LintSubject = makeSubject(oc.config, "container", opts.source, {
    ...(cpu && cpu.value > 0 ? { tmCpu: { cores: cpu.value, path: dottedPath(cpu.path), location: locate(doc, opts.source, cpu.path) } } : {}),
    fixPaths: oc.specPaths,
  });
  let ruleFindings = runConfigRules(subject);
  const pods: DeploymentResult["pods"] = {};
  for (const kind of ["jm", "tm"] as const) {
    const r = kind === "tm" ? spec.taskManager : spec.jobManager;
    const outcome = kind === "tm" ? subject.tm : subject.jm;
    const reading = oc.memory.find((m) => m.process === kind);
    if (reading && reading.operator instanceof FlinkError) {
      // The operator refuses the resource; the process never starts.
      ruleFindings = ruleFindings.filter((f) => !(f.ruleId === "flink-rejects" && f.process === kind));
      continue;
    }
    const memoryGiven = reading !== undefined;
    if (!memoryGiven && outcome && !outcome.ok) {
      if (spec.origin === "helm-values" && !r) {
        // A values file without this process block: its chart supplies the rest; nothing to say.
        ruleFindings = ruleFindings.filter((f) => f.process !== kind);
        continue;
      }
      ruleFindings = ruleFindings.filter((f) => !(f.ruleId === "flink-rejects" && f.process === kind));
      const field = kind === "tm" ? "taskManager" : "jobManager";
      findings.push(
        finding("k8s-memory-missing", `${LABEL[kind]} resource memory must be defined using \`spec.${field}.resource.memory\` or \`spec.${field}.resources.requests.memory\``, {
          process: kind,
          location: locate(doc, opts.source, r?.path ?? spec.path),
          detail: `Flink would fail with: ${outcome.error.message}`,
        }),
      );
      continue;
    }
    const factor = limitFactorOf(oc.config, kind);
    if (factor.error) findings.push(finding("k8s-limit-factor", factor.error, { process: kind, location: factor.location ?? { source: opts.source } }));
    if (outcome?.ok) {
      const pod = podResources(outcome.spec.totalProcess, factor);
      if (pod) pods[kind] = pod;
    }
  }
  for (const f of ruleFindings) {
    if (f.ruleId === "flink-rejects" && spec.origin === "FlinkDeployment" && oc.memory.some((m) => m.process === f.process)) {
      // With spec memory set, admission only checks that it parses (DefaultValidator); Flink's check runs in reconcile.
      f.detail = RECONCILE_NOTE;
    }
  }
  const all = [...findings, ...ruleFindings];
  return { spec, version, operator: oc, tm: subject.tm, jm: subject.jm, pods, findings: all };
}

/**
 * Lints one YAML file that may hold FlinkDeployments, Helm values or embedded Flink config files
 * (`docs`: the file's documents as `readManifests` read them, when the caller has them already).
 */
export function lintManifestText(text: string, opts: ManifestLintOptions, docs?: readonly ManifestDocument[]): ManifestLintResult {
  const result: ManifestLintResult = { findings: [], deployments: [], relevant: false };
  for (const doc of docs ?? readManifests(text)) lintDocument(doc, opts, result);
  return result;
}

/**
 * Lints one resource given as plain data (a FlinkDeployment as JSON, as the API server sends it to
 * an admission webhook): the same judgement as `lintManifestText` on that resource's YAML, without
 * lines and columns. Integers may be numbers or bigints (`parseJsonExact`); texts are what
 * `scalarText` makes of them, as for YAML.
 */
export function lintManifestValue(value: unknown, opts: ManifestLintOptions): ManifestLintResult {
  const doc: ManifestDocument = { index: 0, value, errors: [], keyAt: () => undefined, embeddedAt: () => undefined };
  const result: ManifestLintResult = { findings: [], deployments: [], relevant: false };
  lintDocument(doc, opts, result);
  return result;
}

/** Adds one YAML document's findings and deployments to `into`. */
function lintDocument(doc: ManifestDocument, opts: ManifestLintOptions, into: ManifestLintResult): void {
  const { findings, deployments } = into;
  if (doc.errors.length > 0) {
    into.relevant = true;
    const e = doc.errors[0]!;
    findings.push(finding("unreadable-manifest", `YAML document ${doc.index + 1} is not valid YAML: ${e.message}`, { location: e.position ? { source: opts.source, ...e.position } : { source: opts.source } }));
    return;
  }
  for (const spec of findDeployments(doc)) {
    into.relevant = true;
    const d = lintDeployment(doc, spec, opts);
    deployments.push(d);
    findings.push(...d.findings);
  }
  for (const emb of findEmbeddedConfigs(doc)) {
    const cls = classifyFile(emb.fileName, emb.text);
    if (cls.kind !== "flink-config") continue;
    into.relevant = true;
    const at = doc.embeddedAt(emb.path);
    const flink = opts.flink ?? impliedVersion(emb.fileName);
    const role = emb.path.includes("defaultConfiguration") ? "operator-defaults" : cls.role;
    const inner = lintConfigText(emb.text, { ...(flink ? { flink } : {}), versionGiven: opts.flink !== undefined, source: opts.source, format: emb.fileName === "flink-conf.yaml" ? "legacy" : "standard", role, ...(opts.whole ? { whole: true } : {}) });
    if (at) findings.push(...shift(inner, { line: at.lineOffset, column: at.columnOffset }));
    else {
      const l = locate(doc, opts.source, emb.path);
      findings.push(...inner.map((f) => ({ ...f, location: l })));
    }
  }
}
