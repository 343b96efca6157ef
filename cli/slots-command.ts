/** `flink-memory slots`: managed memory per slot and consumer, and what RocksDB gets. */
import { shortSize } from "../src/render/table.js";
import { slotsBreakdown, type JobKind, type SlotsBreakdown } from "../src/slots/slot-breakdown.js";
import { STATE_BACKEND_KINDS, type StateBackendKind } from "../src/slots/state-backend.js";
import { FEATURES, has } from "../src/versions/features.js";
import { flinkVersion, NEWEST_LINE } from "../src/versions/version.js";
import { isUseCase, USE_CASES, type UseCase } from "../src/weights/consumer-weights.js";
import { filesDocument, inputsFor, readInputs, UsageError, type InputOptions } from "./inputs.js";
import { failureStatus, printKeyWarnings } from "./resolve-command.js";

interface Options extends InputOptions {
  format: string;
  consumers?: string;
  job?: string;
  python?: boolean;
  stateBackend?: string;
  statefulOperators?: string;
  operators?: string;
}

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x), 2);

function wholeNumber(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`${flag} expects a whole number from 1, got '${text}'`);
  return Number(text);
}

function consumersOf(text: string | undefined): UseCase[] | undefined {
  if (text === undefined) return undefined;
  const list = text.split(",").map((s) => s.trim().toUpperCase()).filter((s) => s !== "");
  for (const c of list) if (!isUseCase(c)) throw new UsageError(`--consumers: unknown consumer '${c}' (${USE_CASES.join(", ")})`);
  return list as UseCase[];
}

/** A backend the chosen release has: `forst` is a 2.x backend. */
function stateBackendOf(text: string | undefined, flink: ReturnType<typeof flinkVersion>): StateBackendKind | undefined {
  if (text === undefined) return undefined;
  const kind = text.toLowerCase();
  if (!(STATE_BACKEND_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--state-backend expects ${STATE_BACKEND_KINDS.join(", ")}, got '${text}'`);
  if (kind === "forst" && !has(flink, "forStStateBackend")) throw new UsageError(`--state-backend forst: Flink ${flink.line} has no ForSt state backend (it came with ${FEATURES.forStStateBackend.since}); use rocksdb or hashmap`);
  return kind as StateBackendKind;
}

function text(r: SlotsBreakdown): string {
  const rows = r.consumers.map((c) => [c.useCase, c.weight === undefined ? "-" : String(c.weight), c.counted ? c.fraction : "-", String(c.bytes), shortSize(c.bytes)]);
  const head = ["Consumer", "Weight", "Fraction of slot", "Bytes", "Size"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((x) => x[i]!.length)));
  const fmt = (cols: string[]) => cols.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  const a = r.assumptions;
  const change = a.useCasesFrom === "caller" ? "Change with --consumers, --state-backend." : "Change with --job, --python, --state-backend.";
  const out = [
    `Flink ${r.flink}: managed memory per slot`,
    "",
    a.summary,
    change,
    "",
    `Managed memory ${shortSize(r.managed)} ÷ ${r.slots} slot(s) = ${shortSize(r.managedPerSlot)} (${r.managedPerSlot} bytes) per slot`,
    "",
    fmt(head),
    ...rows.map(fmt),
  ];
  if (r.rocksdb) {
    const k = r.rocksdb;
    out.push("", k.source === "unbounded"
      ? "RocksDB: not bounded (state.backend.rocksdb.memory.managed=false)"
      : `RocksDB: ${shortSize(k.perSlot)} per slot (${k.source}), shared by its ${k.statefulOperators} stateful operator(s); block cache ${shortSize(k.blockCache)}, write buffers ${shortSize(k.writeBufferManager)}`);
  }
  if (r.operator) out.push(`Operators: ${r.operator.operators} of equal weight get ${shortSize(r.operator.perOperator)} each`);
  if (r.consumers.every((c) => c.bytes === 0n)) {
    out.push(`No consumer of this job takes managed memory: the slot's ${shortSize(r.managedPerSlot)} stay reserved and unused. If no job of the cluster uses managed memory, a smaller taskmanager.memory.managed.fraction (or .size) gives it to the task heap.`);
  }
  for (const c of r.consumers) if (c.failure) out.push(`warning: ${c.useCase}: ${c.failure.javaClass}: ${c.failure.message}`);
  for (const n of a.notes) out.push(`warning: ${n}`);
  out.push("", "How:", ...r.explanation.map((l, i) => `${String(i + 1).padStart(2)}. ${l}`));
  return out.join("\n") + "\n";
}

export async function runSlots(opts: Options): Promise<number> {
  try {
    if (!["text", "json"].includes(opts.format)) throw new UsageError(`unknown --format '${opts.format}' (text or json)`);
    const flink = flinkVersion(opts.flink ?? NEWEST_LINE);
    const backend = stateBackendOf(opts.stateBackend, flink);
    const job = opts.job?.toLowerCase();
    if (job !== undefined && job !== "streaming" && job !== "batch") throw new UsageError(`--job expects streaming or batch, got '${opts.job}'`);
    if (opts.consumers !== undefined && (job !== undefined || opts.python)) throw new UsageError("--consumers gives the use cases outright: use it without --job and --python");
    const consumers = consumersOf(opts.consumers);
    const statefulOperators = wholeNumber(opts.statefulOperators, "--stateful-operators");
    const operators = wholeNumber(opts.operators, "--operators");
    const { input, files } = inputsFor(readInputs(opts), opts.flink);
    printKeyWarnings(input, opts.flink, { files });
    const r = slotsBreakdown({
      ...input,
      ...(opts.flink ? { flink: opts.flink } : {}),
      env: process.env,
      ...(consumers ? { consumers } : {}),
      ...(backend ? { stateBackend: backend } : {}),
      ...(job ? { job: job as JobKind } : {}),
      ...(opts.python ? { python: true } : {}),
      ...(statefulOperators ? { statefulOperators } : {}),
      ...(operators ? { operators } : {}),
    });
    if (opts.format === "json") {
      const { taskManager, ...rest } = r;
      const fileDoc = filesDocument(files);
      process.stdout.write(json({ ...rest, taskManager: { ...taskManager.spec }, ...(fileDoc ? { configFiles: fileDoc } : {}) }) + "\n");
    } else process.stdout.write(text(r));
    return 0;
  } catch (e) {
    return failureStatus(e);
  }
}
