/** `flink-memory fit tm|jm --container SIZE` and `flink-memory size tm|jm` (the inverse). */
import { FlinkError } from "../src/errors.js";
import { formatTable, jobManagerRows, shortSize, taskManagerRows } from "../src/render/table.js";
import { applyChanges, describeChange, type KeyChange } from "../src/fix/changes.js";
import { resolveJobManager, resolveTaskManager, type ResolveRequest } from "../src/resolve.js";
import type { ResolvedSpec } from "../src/fix/probe.js";
import { fitContainer } from "../src/sizing/fit.js";
import { healthyProcessSize } from "../src/sizing/inverse.js";
import type { SizingOptions } from "../src/sizing/healthy-goals.js";
import { perSlotGoals, type SizingGoals } from "../src/sizing/goals.js";
import { parseContainerSize } from "../src/sizing/kubernetes-quantity.js";
import { flinkVersion, NEWEST_LINE } from "../src/versions/version.js";
import { filesDocument, inputsFor, printFileNotices, readInputs, UsageError, type InputOptions } from "./inputs.js";
import type { ConfFileChoice } from "../src/config/conf-files.js";
import { failureStatus, printFlinkError } from "./resolve-command.js";

interface CommonOptions extends InputOptions {
  format: string;
  slots?: string;
  managedFraction?: string;
  stateBackend?: string;
}

export interface FitOptions extends CommonOptions {
  container?: string;
  minTaskHeap?: string;
  minManaged?: string;
  minNetwork?: string;
  minHeap?: string;
}

export interface SizeOptions extends CommonOptions {
  taskHeapPerSlot?: string;
  managedPerSlot?: string;
  networkPerSlot?: string;
  heap?: string;
  offHeap?: string;
}

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x), 2);

function size(flag: string, text: string | undefined, notes: string[]): bigint | undefined {
  if (text === undefined) return undefined;
  try {
    const c = parseContainerSize(text);
    if (c.reading === "kubernetes") notes.push(c.note);
    return c.bytes;
  } catch (e) {
    if (e instanceof FlinkError) throw new UsageError(`${flag}: ${e.message}`);
    throw e;
  }
}

function common(kind: string, opts: CommonOptions): { target: "tm" | "jm"; goals: SizingGoals; sizing: SizingOptions } {
  if (kind !== "tm" && kind !== "jm") throw new UsageError(`expected 'tm' or 'jm', got '${kind}'`);
  if (!["text", "json", "yaml", "flags"].includes(opts.format)) throw new UsageError(`unknown --format '${opts.format}' (text, json, yaml or flags)`);
  if (kind === "jm" && (opts.slots || opts.managedFraction)) throw new UsageError("--slots and --managed-fraction are TaskManager settings");
  const goals: SizingGoals = {};
  if (opts.slots !== undefined) {
    if (!/^[1-9]\d{0,8}$/.test(opts.slots)) throw new UsageError(`--slots must be a positive whole number, got '${opts.slots}'`);
    goals.slots = Number(opts.slots);
  }
  if (opts.managedFraction !== undefined) {
    const f = Number(opts.managedFraction);
    if (!/^\d*\.?\d+$/.test(opts.managedFraction) || !(f >= 0 && f < 1)) throw new UsageError(`--managed-fraction must be at least 0 and below 1, got '${opts.managedFraction}'`);
    goals.managedFraction = opts.managedFraction;
  }
  const backend = opts.stateBackend?.toLowerCase();
  if (backend !== undefined && backend !== "rocksdb" && backend !== "hashmap") throw new UsageError(`--state-backend expects rocksdb or hashmap, got '${opts.stateBackend}'`);
  if (backend !== undefined && kind === "jm") throw new UsageError("--state-backend is a TaskManager setting");
  return { target: kind, goals, sizing: backend ? { stateBackend: backend } : {} };
}

/** The changes as config.yaml lines and as -D flags. */
function configLines(changes: readonly KeyChange[]): { yaml: string[]; flags: string[] } {
  const yaml = changes.map((c) => (c.remove ? `# remove ${c.key}` : `${c.key}: ${c.set}`));
  const flags = changes.filter((c) => c.set !== undefined).map((c) => `-D${c.key}=${c.set}`);
  return { yaml, flags };
}

interface Answer {
  title: string;
  processSize: bigint;
  changes: KeyChange[];
  spec: ResolvedSpec;
  notes: string[];
  /** Health issues or lint warnings the answer still has: shown, never hidden. */
  warnings: string[];
}

/** The answer resolved once more with its trace, for the table's "Source" column. */
function rowsOf(req: ResolveRequest, a: Answer) {
  const changed = applyChanges(req, a.changes);
  if (a.spec.kind === "tm") return taskManagerRows(a.spec, resolveTaskManager(changed).trace);
  if (a.spec.kind === "jm") return jobManagerRows(a.spec, resolveJobManager(changed).trace);
  return [];
}

async function print(opts: CommonOptions, a: Answer, flink: string, req: ResolveRequest, files: ConfFileChoice): Promise<void> {
  const { yaml, flags } = configLines(a.changes);
  const fileDoc = filesDocument(files);
  const doc = { flink, processSize: a.processSize, changes: a.changes, configYaml: yaml.join("\n") + "\n", dynamic: flags, spec: a.spec, notes: a.notes, warnings: a.warnings, healthy: a.warnings.length === 0, ...(fileDoc ? { configFiles: fileDoc } : {}) };
  // --format flags prints only the flags: the warnings go to stderr.
  if (opts.format === "flags") for (const w of a.warnings) process.stderr.write(`warning: ${w}\n`);
  if (opts.format === "json") process.stdout.write(json(doc) + "\n");
  else if (opts.format === "yaml") {
    const { stringify } = await import("yaml");
    process.stdout.write(stringify(JSON.parse(json(doc)), { lineWidth: 0 }));
  } else if (opts.format === "flags") process.stdout.write(flags.join(" ") + "\n");
  else {
    const rows = rowsOf(req, a);
    const out = [a.title, ...a.notes.map((n) => `note: ${n}`), ...a.warnings.map((w) => `warning: ${w}`), "", `${files.read?.as ?? files.looksFor[0]}:`, ...yaml.map((l) => `  ${l}`), "", "or as dynamic properties:", `  ${flags.join(" ")}`, "", formatTable(rows), ""];
    process.stdout.write(out.join("\n"));
  }
}

function fail(opts: CommonOptions, reason: string, error: FlinkError | undefined, smallest: bigint | undefined): number {
  if (opts.format === "json") process.stdout.write(json({ ok: false, reason, ...(smallest !== undefined ? { smallestProcessSize: smallest } : {}) }) + "\n");
  if (error) printFlinkError(error);
  process.stderr.write(`flink-memory: no configuration fits: ${reason}\n`);
  if (smallest !== undefined) process.stderr.write(`The goals need a Total Process Memory of at least ${smallest} bytes (${shortSize(smallest)}).\n`);
  return 1;
}

const handle = failureStatus;

export async function runFit(kind: string, opts: FitOptions): Promise<number> {
  try {
    const { target, goals, sizing } = common(kind, opts);
    if (!opts.container) throw new UsageError("--container SIZE is required (e.g. 4Gi, 4G, 4096Mi, 4g)");
    const notes: string[] = [];
    const container = parseContainerSize(opts.container);
    notes.push(container.note);
    Object.assign(goals, {
      ...(opts.minTaskHeap !== undefined ? { minTaskHeap: size("--min-task-heap", opts.minTaskHeap, notes) } : {}),
      ...(opts.minManaged !== undefined ? { minManaged: size("--min-managed", opts.minManaged, notes) } : {}),
      ...(opts.minNetwork !== undefined ? { minNetwork: size("--min-network", opts.minNetwork, notes) } : {}),
      ...(opts.minHeap !== undefined ? { minJvmHeap: size("--min-heap", opts.minHeap, notes) } : {}),
    });
    const { input, files } = inputsFor(readInputs(opts), opts.flink);
    printFileNotices(files);
    const req = { ...input, ...(opts.flink ? { flink: opts.flink } : {}), env: process.env };
    const version = flinkVersion(opts.flink ?? NEWEST_LINE);
    const r = fitContainer(target, req, container.bytes, goals, sizing);
    if (!r.ok) return fail(opts, r.reason, r.error, r.smallestProcessSize);
    const title = `Flink ${version.label} ${target === "tm" ? "TaskManager" : "JobManager"} in a container of ${opts.container}${r.warnings.length ? " (Flink accepts it, but it is not healthy: see the warnings)" : ""}`;
    await print(opts, { title, processSize: r.processSize, changes: r.changes, spec: r.spec, notes: [...notes, ...r.notes], warnings: r.warnings }, version.label, req, files);
    return 0;
  } catch (e) {
    if (e instanceof FlinkError && e.javaClass === "java.lang.IllegalArgumentException" && !e.cause) return handle(new UsageError(`--container: ${e.message}`));
    return handle(e);
  }
}

export async function runSize(kind: string, opts: SizeOptions): Promise<number> {
  try {
    const { target, goals, sizing } = common(kind, opts);
    const notes: string[] = [];
    const slots = goals.slots ?? 1;
    const all =
      target === "tm"
        ? perSlotGoals(slots, {
            ...(opts.taskHeapPerSlot !== undefined ? { taskHeap: size("--task-heap-per-slot", opts.taskHeapPerSlot, notes)! } : {}),
            ...(opts.managedPerSlot !== undefined ? { managed: size("--managed-per-slot", opts.managedPerSlot, notes)! } : {}),
            ...(opts.networkPerSlot !== undefined ? { network: size("--network-per-slot", opts.networkPerSlot, notes)! } : {}),
          }, goals)
        : {
            ...(opts.heap !== undefined ? { minJvmHeap: size("--heap", opts.heap, notes)! } : {}),
            ...(opts.offHeap !== undefined ? { minOffHeap: size("--off-heap", opts.offHeap, notes)! } : {}),
          };
    const { input, files } = inputsFor(readInputs(opts), opts.flink);
    printFileNotices(files);
    const req = { ...input, ...(opts.flink ? { flink: opts.flink } : {}), env: process.env };
    const version = flinkVersion(opts.flink ?? NEWEST_LINE);
    const r = healthyProcessSize(target, req, all, sizing);
    if (!r.ok) return fail(opts, r.reason, r.error, undefined);
    const warnings = r.warnings ?? [];
    const title = `Flink ${version.label} ${target === "tm" ? "TaskManager" : "JobManager"}: the smallest ${warnings.length ? "" : "healthy "}Total Process Memory for these parts is ${r.processSize} bytes (${shortSize(r.processSize)}); one byte less falls short`;
    const removed = r.changes.filter((c) => c.remove).map((c) => `${describeChange(c)}: it would conflict with the process size`);
    await print(opts, { title, processSize: r.processSize, changes: r.changes, spec: r.spec, notes: [...notes, ...removed, ...(r.notes ?? [])], warnings }, version.label, req, files);
    return 0;
  } catch (e) {
    return handle(e);
  }
}
