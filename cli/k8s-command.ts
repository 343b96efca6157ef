/**
 * `flink-memory k8s FILE`: for each FlinkDeployment (or Helm values of that shape) in a file,
 * how the operator reads each process's memory, the memory split Flink derives, the pod's
 * memory request and limit, and the problems found (as `lint` reports them).
 * @module
 */
import { FlinkError } from "../src/errors.js";
import { lintManifestText, type DeploymentResult } from "../src/lint/lint-manifest.js";
import type { MemoryReading } from "../src/k8s/operator-config.js";
import { formatTable, jobManagerRows, shortSize, taskManagerRows } from "../src/render/table.js";
import { readText } from "./lint-files.js";
import { displayName } from "./inputs.js";
import { composeResult, printCompose } from "./compose-view.js";
import { isComposeText } from "../src/lint/lint-compose.js";

const LABEL = { tm: "TaskManager", jm: "JobManager" } as const;

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x instanceof FlinkError ? { error: x.message } : x), 2);

function reading(m: MemoryReading | undefined): Record<string, unknown> | undefined {
  if (!m) return undefined;
  const op = m.operator;
  return {
    field: m.path,
    text: m.text,
    ...(op instanceof FlinkError ? { operatorError: op.message } : { operatorBytes: op.bytes, operatorVia: op.via }),
    ...(m.kubernetes ? { kubernetesBytes: m.kubernetes.exact } : {}),
  };
}

function docOf(d: DeploymentResult) {
  const proc = (kind: "tm" | "jm") => {
    const o = kind === "tm" ? d.tm : d.jm;
    const replicas = (kind === "tm" ? d.spec.taskManager : d.spec.jobManager)?.replicas;
    return {
      ...(replicas !== undefined ? { replicas } : {}),
      memory: reading(d.operator.memory.find((m) => m.process === kind)),
      ...(o === undefined ? {} : o.ok ? { spec: o.spec } : { error: o.error.message }),
      ...(d.pods[kind] ? { pod: { memoryRequest: `${d.pods[kind]!.requestMi}Mi`, memoryLimit: `${d.pods[kind]!.limitMi}Mi`, limitFactor: d.pods[kind]!.limitFactor } } : {}),
    };
  };
  return { name: d.spec.name ?? null, origin: d.spec.origin, flink: d.version.line, jobManager: proc("jm"), taskManager: proc("tm"), findings: d.findings };
}

function printText(d: DeploymentResult): void {
  const w = (s: string) => process.stdout.write(s);
  w(`${d.spec.origin === "FlinkDeployment" ? "FlinkDeployment" : "Helm values"} ${d.spec.name ?? "(unnamed)"} — Flink ${d.version.line}\n`);
  for (const kind of ["jm", "tm"] as const) {
    const o = kind === "tm" ? d.tm : d.jm;
    if (!o) continue;
    // One table for all replicas: they get the same memory.
    const replicas = (kind === "tm" ? d.spec.taskManager : d.spec.jobManager)?.replicas;
    w(`\n${LABEL[kind]}${replicas !== undefined && replicas > 1 ? ` × ${replicas} replicas (each)` : ""}\n`);
    const m = d.operator.memory.find((x) => x.process === kind);
    if (m) {
      const op = m.operator;
      // Only the operator reads this text (Kubernetes gets the pod memory below, from the process size).
      w(`  ${m.path}: '${m.text}' → ${op instanceof FlinkError ? `refused by the operator: ${op.message}` : `${shortSize(op.bytes)} (${op.bytes} bytes; the operator reads it ${op.via === "flink" ? "as a Flink memory size" : "as a Kubernetes quantity, Flink's own reading having failed"})`}\n`);
    } else {
      w("  memory: not set in the spec; taken from flinkConfiguration\n");
    }
    if (o.ok) {
      w("\n" + formatTable(o.spec.kind === "tm" ? taskManagerRows(o.spec, o.trace) : jobManagerRows(o.spec, o.trace)).replace(/^/gm, "  ") + "\n");
    } else {
      w(`  Flink fails: ${o.error.message}\n`);
    }
    const pod = d.pods[kind];
    if (pod) w(`\n  pod memory: request ${pod.requestMi}Mi, limit ${pod.limitMi}Mi (limit factor ${pod.limitFactor})\n`);
  }
  if (d.findings.length > 0) {
    w("\nFindings:\n");
    for (const f of d.findings) w(`  ${f.location?.line !== undefined ? `line ${f.location.line}: ` : ""}${f.severity} [${f.ruleId}] ${f.message}\n`);
  }
  w("\n");
}

export function runK8s(file: string, opts: { flink?: string; format: string }): number {
  if (!["text", "json"].includes(opts.format)) {
    process.stderr.write(`flink-memory: unknown --format '${opts.format}' (text or json)\n`);
    return 2;
  }
  const r = readText(file);
  const name = displayName(file);
  if ("problem" in r) {
    process.stderr.write(`flink-memory: ${file === "-" ? r.problem : `cannot read ${name}: ${r.problem}`}\n`);
    return 2;
  }
  if (isComposeText(r.text)) {
    const c = composeResult(r.text, name, opts.flink);
    if (c.services.some((s) => s.role !== undefined)) return printCompose(c, opts.format);
  }
  let result;
  try {
    result = lintManifestText(r.text, { source: name, ...(opts.flink ? { flink: opts.flink } : {}) });
  } catch (e) {
    if (e instanceof FlinkError) {
      process.stderr.write(`flink-memory: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (result.deployments.length === 0) {
    process.stderr.write(`flink-memory: ${name} holds no FlinkDeployment, Helm values with flinkConfiguration/jobManager/taskManager, or compose service running a JobManager or TaskManager\n`);
    return 2;
  }
  if (opts.format === "json") process.stdout.write(json(result.deployments.map(docOf)) + "\n");
  else for (const d of result.deployments) printText(d);
  return result.deployments.some((d) => d.findings.some((f) => f.severity === "error")) ? 1 : 0;
}
