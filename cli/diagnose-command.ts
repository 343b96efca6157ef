/** `flink-memory diagnose [FILE|-]`: what a pasted log, exception or pod status says about memory. */
import { diagnose, type DiagnoseResult } from "../src/diagnose/diagnose.js";
import type { Finding } from "../src/diagnose/finding.js";
import { dynamicFlags, lineRanges } from "../src/diagnose/text.js";
import { displayName, inputsFor, readInputs, readText, UsageError, type InputOptions } from "./inputs.js";
import { failureStatus } from "./resolve-command.js";

interface Options extends InputOptions {
  format: string;
}

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x), 2);

const PROCESS = { taskmanager: "TaskManager", jobmanager: "JobManager" } as const;

function findingText(f: Finding, i: number): string[] {
  const head = [f.process ? PROCESS[f.process] : "process not stated", f.component].filter(Boolean).join(", ");
  const out = [`${i + 1}. ${f.kind} (${head})`];
  for (const e of f.evidence) out.push(`   evidence: line${e.lines.length === 1 ? "" : "s"} ${lineRanges(e.lines)}: ${e.template}`);
  if (f.flinkHint) out.push(`   Flink's hint: ${f.flinkHint}`);
  const nums = Object.entries(f.numbers);
  if (nums.length > 0) out.push(`   numbers: ${nums.map(([k, v]) => `${k} ${v}`).join(", ")}`);
  if (f.rebuilt) out.push(`   configuration: ${dynamicFlags(f.rebuilt.settings)}`, `     ${f.rebuilt.detail}`);
  for (const c of f.changes) {
    out.push(`   change: ${c.summary}`, `     ${dynamicFlags(c.settings)}`, `     ${c.checked.ok ? `checked: ${c.checked.result}` : `fails: ${c.checked.reason}`}`);
  }
  for (const n of f.notes) out.push(`   - ${n}`);
  return out;
}

function text(r: DiagnoseResult, versionGiven: boolean): string {
  const n = r.findings.length;
  const out = [`Flink ${r.flink}${versionGiven ? "" : " (assumed; --flink to choose)"}: ${n === 0 ? "no finding" : `${n} finding${n === 1 ? "" : "s"}`}`];
  for (const note of r.notes) out.push(note);
  r.findings.forEach((f, i) => out.push("", ...findingText(f, i)));
  return out.join("\n") + "\n";
}

export function runDiagnose(file: string, opts: Options): number {
  try {
    if (!["text", "json"].includes(opts.format)) throw new UsageError(`unknown --format '${opts.format}' (text or json)`);
    // Required (`-` for standard input): a command that waited on an unnamed stdin would hang scripts.
    const source = file;
    if (source === "-" && opts.config === "-") throw new UsageError("the paste and --config - cannot both read standard input");
    if (source === "-" && process.stdin.isTTY) throw new UsageError("diagnose reads the paste from FILE or standard input: give a file, or pipe the text (… | flink-memory diagnose -)");
    const paste = readText(source);
    if (paste.trim() === "") throw new UsageError(`${displayName(source)} is empty: nothing to diagnose (paste a log, an exception, kubectl describe pod output, YARN diagnostics or a launch command)`);
    // The user's configuration only when named: a ./conf lying around is not the failed cluster's.
    const named = opts.config !== undefined || opts.configDir !== undefined || (opts.dynamic ?? []).length > 0;
    const configuration = named ? inputsFor(readInputs(opts), opts.flink).input : undefined;
    const r = diagnose(paste, { ...(opts.flink ? { flink: opts.flink } : {}), ...(configuration ? { configuration } : {}) });
    process.stdout.write(opts.format === "json" ? json({ flink: r.flink, findings: r.findings, notes: r.notes }) + "\n" : text(r, opts.flink !== undefined));
    return 0;
  } catch (e) {
    return failureStatus(e);
  }
}
