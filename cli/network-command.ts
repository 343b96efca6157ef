/** `flink-memory network --topology FILE`: network buffers a job needs per TaskManager. */
import { networkBuffers, type NetworkResult } from "../src/network/network-buffers.js";
import { shortSize } from "../src/render/table.js";
import { collapseRows, groupLabel } from "../src/render/collapse.js";
import { displayName, filesDocument, inputsFor, readInputs, readText, UsageError, type InputOptions } from "./inputs.js";
import { failureStatus, printKeyWarnings } from "./resolve-command.js";

interface Options extends InputOptions {
  format: string;
  topology?: string;
}

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x), 2);

/** The topology file (`-`: standard input), bounded in size like every file argument. */
async function readTopologyFile(file: string): Promise<unknown> {
  const text = readText(file);
  const path = displayName(file);
  // JSON is YAML, so one parser reads both.
  const { parseDocument } = await import("yaml");
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const at = e.linePos?.[0] ? `:${e.linePos[0].line}:${e.linePos[0].col}` : "";
    throw new UsageError(`${path}${at}: not valid YAML or JSON: ${e.message.split("\n")[0]}`);
  }
  return doc.toJS();
}

function text(r: NetworkResult): string {
  const head = ["TaskManager", "Slots", "Subtasks", "Required", "With local channels", "Target"];
  // TaskManagers with the same numbers are one row with their count.
  const groups = collapseRows(
    r.perTaskManager.map((t) => ({
      index: t.index,
      columns: [String(t.slotsUsed), String(t.subtasks), String(t.required), String(t.requiredWithLocalChannels), t.target === null ? "unbounded" : String(t.target)],
    })),
  );
  const rows = groups.map((g) => [groupLabel(g), ...g.columns]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((x) => x[i]!.length)));
  const fmt = (cols: string[]) => cols.map((c, i) => c.padStart(widths[i]!)).join("  ");
  const out = [
    `Flink ${r.flink}: network buffers (${r.mode})`,
    "",
    `Network memory ${shortSize(r.networkBytes)} ÷ ${r.segmentSize} bytes = ${r.buffersPerTaskManager} buffers per TaskManager`,
    "",
    fmt(head),
    ...rows.map(fmt),
    "",
    r.sufficient
      ? `Enough: the busiest TaskManager (${r.worst}) requires ${r.requiredBuffers} of ${r.buffersPerTaskManager} buffers.`
      : `NOT enough: TaskManager ${r.worst} requires ${r.requiredBuffers} buffers (${shortSize(r.neededBytes)}) but has ${r.buffersPerTaskManager}.`,
  ];
  for (const rec of r.recommendations) {
    const settings = rec.settings.map(([k, v]) => `-D ${k}=${v}`).join(" ");
    out.push(rec.failure ? `  ${rec.kind}: ${settings ? `${settings} fails: ` : ""}${rec.failure.message}` : `  ${rec.kind}: ${settings}  (gives ${shortSize(rec.network!)} = ${rec.buffers} buffers)`);
  }
  out.push("", "How:", ...r.explanation.map((l, i) => `${String(i + 1).padStart(2)}. ${l}`));
  return out.join("\n") + "\n";
}

export async function runNetwork(opts: Options): Promise<number> {
  try {
    if (!["text", "json"].includes(opts.format)) throw new UsageError(`unknown --format '${opts.format}' (text or json)`);
    if (!opts.topology) throw new UsageError("--topology FILE is required (YAML or JSON: vertices with parallelism, edges with partitioning)");
    if (opts.topology === "-" && opts.config === "-") throw new UsageError("--topology - and --config - cannot both read standard input");
    const topology = await readTopologyFile(opts.topology);
    const { input, files } = inputsFor(readInputs(opts), opts.flink);
    printKeyWarnings(input, opts.flink, { files });
    const r = networkBuffers({ ...input, ...(opts.flink ? { flink: opts.flink } : {}), env: process.env, topology });
    if (opts.format === "json") {
      const { taskManager, settings, ...rest } = r;
      const { version: _v, ...knobs } = settings;
      const fileDoc = filesDocument(files);
      process.stdout.write(json({ ...rest, settings: knobs, taskManager: { ...taskManager.spec }, ...(fileDoc ? { configFiles: fileDoc } : {}) }) + "\n");
    } else process.stdout.write(text(r));
    return r.sufficient ? 0 : 1;
  } catch (e) {
    return failureStatus(e);
  }
}
