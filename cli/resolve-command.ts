/** `flink-memory tm|jm|local`: resolve and print. */
import { resolveJobManager, resolveLocal, resolveTaskManager } from "../src/resolve.js";
import { FlinkError } from "../src/errors.js";
import { formatTable, jobManagerRows, taskManagerRows } from "../src/render/table.js";
import { localAssumptions, localRows } from "../src/render/local-rows.js";
import { explainTrace } from "../src/render/explain.js";
import { formatBar } from "../src/render/bar.js";
import { paintComponent, useColour } from "./colour.js";
import type { TaskManagerSpec } from "../src/model/taskmanager.js";
import type { JobManagerSpec } from "../src/model/jobmanager.js";
import type { TraceEvent } from "../src/model/trace.js";
import { loadConfiguration, type ConfigInput } from "../src/config/load.js";
import { checkKeys } from "../src/lint/keys.js";
import { hintFor } from "../src/render/hints.js";
import { flinkVersion, NEWEST_LINE } from "../src/versions/version.js";
import { filesDocument, inputsFor, printFileNotices, readInputs, UsageError, type InputOptions } from "./inputs.js";
import type { ConfFileChoice } from "../src/config/conf-files.js";
import { errorDocument, fixesFor, formatFixes } from "./fixes-output.js";
import type { ResolveRequest } from "../src/resolve.js";

interface Options extends InputOptions {
  flink?: string;
  format: string;
}

/** Flink's exception and message, its causes, where in the input, and our hint. */
export function printFlinkError(e: FlinkError): void {
  process.stderr.write(`${e.javaClass}: ${e.message}\n`);
  for (const c of e.causes) process.stderr.write(`  Caused by: ${c}\n`);
  const loc = e.rootLocation;
  const key = e.rootKey;
  if (loc) {
    const at = loc.line ? `${loc.source}:${loc.line}${loc.column ? `:${loc.column}` : ""}` : loc.source;
    process.stderr.write(`  at ${at}${key ? ` (${key})` : ""}\n`);
  }
  const hint = hintFor(e);
  if (hint) process.stderr.write(`hint: ${hint}\n`);
}

/**
 * A command's failure as its exit status: a usage error (2) as one line, Flink's refusal (1)
 * as `printFlinkError` prints it. Anything else is a bug and is rethrown.
 */
export function failureStatus(e: unknown): 1 | 2 {
  if (e instanceof UsageError) {
    process.stderr.write(`flink-memory: ${e.message}\n`);
    return 2;
  }
  if (e instanceof FlinkError) {
    printFlinkError(e);
    return 1;
  }
  throw e;
}

/**
 * Which file the release read and which it ignored (`files`, else as `input` says), lines the
 * legacy parser skipped, memory keys Flink would ignore; on stderr (JSON documents carry the
 * files as a field too), naming files by their real paths and never quoting values (files hold secrets).
 */
export function printKeyWarnings(input: ConfigInput, flink: string | undefined, opts: { files?: ConfFileChoice } = {}): void {
  let loaded;
  try {
    loaded = loadConfiguration(input, flinkVersion(flink ?? NEWEST_LINE));
  } catch {
    if (opts.files) printFileNotices(opts.files);
    return; // the resolution itself reports unreadable input
  }
  printFileNotices(opts.files ?? loaded.files);
  const name = loaded.files.read?.name ?? loaded.file;
  for (const w of loaded.warnings) process.stderr.write(`warning: ${name}:${w.line}: ${w.message}\n`);
  for (const w of checkKeys(loaded.config)) {
    const where = w.location?.line ? `${w.location.source}:${w.location.line}:${w.location.column}: ` : w.location ? `${w.location.source}: ` : "";
    process.stderr.write(`warning: ${where}${w.message}\n`);
  }
}

/** After a failure: the fixes below are for what the release reads, not for the files it ignores. */
export function ignoredFilesHint(files: ConfFileChoice): string {
  const ignored = files.ignored.filter((i) => i.reason !== "duplicate");
  if (ignored.length === 0) return "";
  return `hint: Flink ${files.release} did not read ${ignored.map((i) => i.name).join(", ")} (see the warning above); the fixes below change what it does read\n`;
}

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x), 2);

export async function runResolve(kind: "tm" | "jm" | "local", opts: Options): Promise<number> {
  let req: ResolveRequest | undefined;
  let configFiles: ConfFileChoice | undefined;
  try {
    if (!["text", "json", "yaml", "flags"].includes(opts.format)) throw new UsageError(`unknown --format '${opts.format}' (text, json, yaml or flags)`);
    const { input, files } = inputsFor(readInputs(opts), opts.flink);
    configFiles = files;
    req = { ...input, ...(opts.flink ? { flink: opts.flink } : {}), env: process.env };
    // Flags go to stdout for scripts; an ignored file is still worth a line on stderr.
    if (opts.format === "flags") printFileNotices(files);
    else printKeyWarnings(input, opts.flink, { files });
    const result = kind === "tm" ? resolveTaskManager(req) : kind === "jm" ? resolveJobManager(req) : resolveLocal(req);
    const spec = result.spec as unknown as Record<string, unknown>;
    const fileDoc = filesDocument(files);
    const doc = () => ({ flink: result.version.label, ...spec, ...("jvmParameters" in result ? { jvmParameters: result.jvmParameters, dynamicConfigs: result.dynamicConfigs } : {}), ...(fileDoc ? { configFiles: fileDoc } : {}) });
    if (opts.format === "json") {
      process.stdout.write(json(doc()) + "\n");
    } else if (opts.format === "yaml") {
      const { stringify } = await import("yaml");
      // Byte counts as strings: YAML readers would turn large integers into floats.
      process.stdout.write(stringify(JSON.parse(json(doc())), { lineWidth: 0 }));
    } else if (opts.format === "flags") {
      if (!("jvmParameters" in result)) throw new UsageError("--format flags needs tm or jm");
      process.stdout.write(result.jvmParameters + "\n");
    } else {
      if (result.spec.kind === "tm-local") {
        const notes = localAssumptions(result.spec).map((l) => `  ${l}`).join("\n");
        process.stdout.write(`Flink ${result.version.label} local execution (MiniCluster): the TaskManager Flink assumes\n${notes}\n\n${formatTable(localRows(result.spec, result.trace))}\n`);
      } else {
        const r = result.spec.kind === "tm" ? taskManagerRows(result.spec, result.trace) : jobManagerRows(result.spec, result.trace);
        const colour = useColour(process.stdout);
        const width = Math.max(40, Math.min(100, (process.stdout.columns ?? 80) - 4));
        const bar = formatBar(result.spec as TaskManagerSpec | JobManagerSpec, width, colour ? paintComponent : undefined);
        process.stdout.write(`Flink ${result.version.label} ${kind === "tm" ? "TaskManager" : "JobManager"}\n\n${formatTable(r)}\n\n${bar}\n`);
      }
      if ("jvmParameters" in result) process.stdout.write(`\nJVM flags:       ${result.jvmParameters}\nDynamic configs: ${result.dynamicConfigs}\n`);
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`flink-memory: ${e.message}\n`);
      return 2;
    }
    if (e instanceof FlinkError) {
      printFlinkError(e);
      // Verified fixes after the error; in JSON also as a document on stdout.
      const fixes = req ? fixesFor(kind, req, e) : [];
      const fileDoc = configFiles && filesDocument(configFiles);
      if (opts.format === "json") process.stdout.write(json({ ...(errorDocument(e, fixes) as object), ...(fileDoc ? { configFiles: fileDoc } : {}) }) + "\n");
      else if (opts.format !== "flags") {
        if (fixes.length && configFiles) process.stderr.write(ignoredFilesHint(configFiles));
        process.stderr.write(formatFixes(fixes));
      }
      return 1;
    }
    throw e;
  }
}

/** `flink-memory explain tm|jm`. */
export async function runExplain(kind: string, opts: Omit<Options, "format">): Promise<number> {
  if (kind !== "tm" && kind !== "jm") {
    process.stderr.write(`flink-memory: explain needs 'tm' or 'jm', got '${kind}'\n`);
    return 2;
  }
  let trace: readonly TraceEvent[] = [];
  let code = 0;
  let header = "";
  let explainReq: ResolveRequest | undefined;
  let explainFiles: ConfFileChoice | undefined;
  try {
    const { input, files } = inputsFor(readInputs(opts), opts.flink);
    explainFiles = files;
    const req = { ...input, ...(opts.flink ? { flink: opts.flink } : {}), env: process.env };
    explainReq = req;
    printKeyWarnings(input, opts.flink, { files });
    const result = kind === "tm" ? resolveTaskManager(req) : resolveJobManager(req);
    trace = result.trace;
    header = `Flink ${result.version.label} ${kind === "tm" ? "TaskManager" : "JobManager"}: how each size was derived\n\n`;
    process.stdout.write(header + explainTrace(trace).join("\n") + `\n\nJVM flags: ${result.jvmParameters}\n`);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`flink-memory: ${e.message}\n`);
      return 2;
    }
    if (!(e instanceof FlinkError)) throw e;
    trace = (e as FlinkError & { trace?: TraceEvent[] }).trace ?? [];
    process.stdout.write(explainTrace(trace).join("\n") + "\n");
    printFlinkError(e);
    if (explainReq) {
      const fixes = fixesFor(kind, explainReq, e);
      if (fixes.length && explainFiles) process.stderr.write(ignoredFilesHint(explainFiles));
      process.stderr.write(formatFixes(fixes));
    }
    code = 1;
  }
  return code;
}
