/**
 * `flink-memory k8s docker-compose.yml`: the same view for a compose file that runs the official
 * image: per Flink service, its release, the process as the entrypoint starts it, and its
 * container memory limit.
 */
import { FlinkError } from "../src/errors.js";
import { lintComposeText, type ComposeLintResult, type ComposeServiceResult } from "../src/lint/lint-compose.js";
import { formatTable, jobManagerRows, shortSize, taskManagerRows } from "../src/render/table.js";

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x instanceof FlinkError ? { error: x.message } : x), 2);

function printService(s: ComposeServiceResult): void {
  const w = (t: string) => process.stdout.write(t);
  w(`Service ${s.name}: ${s.role ?? "starts no JobManager or TaskManager"}${s.version ? ` — Flink ${s.version.label}` : ""}\n`);
  const o = s.process;
  if (o?.ok) {
    w("\n" + formatTable(o.spec.kind === "tm" ? taskManagerRows(o.spec, o.trace) : jobManagerRows(o.spec, o.trace)).replace(/^/gm, "  ") + "\n");
    if (s.memoryLimit !== undefined) w(`\n  container memory limit: ${shortSize(s.memoryLimit)} (${s.memoryLimit} bytes) for a ${shortSize(o.spec.totalProcess)} process\n`);
  } else if (o) w(`  Flink fails: ${o.error.message}\n`);
  if (s.findings.length > 0) {
    w("\n  Findings:\n");
    for (const f of s.findings) w(`    ${f.location?.line !== undefined ? `line ${f.location.line}: ` : ""}${f.severity} [${f.ruleId}] ${f.message}\n`);
  }
  w("\n");
}

/** Prints the compose view; the exit status (1 when Flink refuses a service's process). */
export function printCompose(result: ComposeLintResult, format: string): number {
  if (format === "json") {
    const doc = result.services.map((s) => ({ name: s.name, role: s.role ?? null, flink: s.version?.label ?? null, memoryLimit: s.memoryLimit ?? null, ...(s.process ? (s.process.ok ? { spec: s.process.spec } : { error: s.process.error.message }) : {}), findings: s.findings }));
    process.stdout.write(json(doc) + "\n");
  } else for (const s of result.services) printService(s);
  return result.findings.some((f) => f.severity === "error") ? 1 : 0;
}

export function composeResult(text: string, source: string, flink: string | undefined): ComposeLintResult {
  return lintComposeText(text, { source, ...(flink ? { flink } : {}) });
}
