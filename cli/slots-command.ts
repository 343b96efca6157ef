/** `flink-memory slots`: managed memory per slot and consumer, and what RocksDB gets. */
import { shortSize } from "../src/render/table.js";
import { slotsBreakdown, type SlotsBreakdown, type StateBackendKind } from "../src/slots/slot-breakdown.js";
import { isUseCase, USE_CASES, type UseCase } from "../src/weights/consumer-weights.js";
import { filesDocument, inputsFor, readInputs, UsageError, type InputOptions } from "./inputs.js";
import { failureStatus, printKeyWarnings } from "./resolve-command.js";

interface Options extends InputOptions {
  format: string;
  consumers?: string;
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

function text(r: SlotsBreakdown): string {
  const rows = r.consumers.map((c) => [c.useCase, c.weight === undefined ? "-" : String(c.weight), c.counted ? c.fraction : "-", String(c.bytes), shortSize(c.bytes)]);
  const head = ["Consumer", "Weight", "Fraction of slot", "Bytes", "Size"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((x) => x[i]!.length)));
  const fmt = (cols: string[]) => cols.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  const out = [
    `Flink ${r.flink}: managed memory per slot`,
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
  for (const c of r.consumers) if (c.failure) out.push(`warning: ${c.useCase}: ${c.failure.javaClass}: ${c.failure.message}`);
  out.push("", "How:", ...r.explanation.map((l, i) => `${String(i + 1).padStart(2)}. ${l}`));
  return out.join("\n") + "\n";
}

export async function runSlots(opts: Options): Promise<number> {
  try {
    if (!["text", "json"].includes(opts.format)) throw new UsageError(`unknown --format '${opts.format}' (text or json)`);
    const backend = opts.stateBackend?.toLowerCase();
    if (backend !== undefined && backend !== "rocksdb" && backend !== "hashmap") throw new UsageError(`--state-backend expects rocksdb or hashmap, got '${opts.stateBackend}'`);
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
      ...(backend ? { stateBackend: backend as StateBackendKind } : {}),
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
