/**
 * The "Inside the TaskManager" panel: managed memory per slot and consumer, and network buffers
 * for a topology. Computed only while it is open, so typing stays fast.
 */
import { FlinkError } from "../../src/errors.js";
import { networkBuffers } from "../../src/network/network-buffers.js";
import { parseTopologyText } from "../../src/network/topology-text.js";
import { shortSize } from "../../src/render/table.js";
import { slotsBreakdown, type JobKind, type StateBackendKind } from "../../src/slots/slot-breakdown.js";
import { has } from "../../src/versions/features.js";
import { flinkVersion } from "../../src/versions/version.js";
import { $, el } from "../dom.js";
import type { PageHost } from "./host.js";

function showInlineError(id: string, e: FlinkError | undefined): void {
  const box = $(id);
  box.hidden = !e;
  // The panel's own inputs by their labels, not the library's parameter names.
  box.textContent = e ? [e.message, ...e.causes.filter((c) => !e.message.includes(c)).map((c) => "Caused by: " + c)].join("\n").replace(/\bstatefulOperators\b/g, "Stateful operators per slot") : "";
}

/** A share as people read it: four significant digits; the double Java prints is in the title. */
function shareCell(fraction: string): HTMLTableCellElement {
  const td = el("td", "num", Number.isFinite(Number(fraction)) ? String(Number(Number(fraction).toPrecision(4))) : fraction);
  td.title = fraction;
  return td;
}

export function updateInside(host: PageHost): void {
  if (host.process() !== "tm" || !($("inside") as HTMLDetailsElement).open) return;
  const flink = host.flink();
  const pairs = host.pairs("tm");
  const job = ($("job") as HTMLSelectElement).value as JobKind | "";
  const python = ($("python") as HTMLInputElement).checked;
  const backendSelect = $("state-backend") as HTMLSelectElement;
  // ForSt is a 2.x backend: older releases do not offer it.
  const forst = backendSelect.querySelector<HTMLOptionElement>('option[value="forst"]')!;
  forst.disabled = !has(flinkVersion(flink), "forStStateBackend");
  if (forst.disabled && backendSelect.value === "forst") backendSelect.value = "";
  const stateBackend = backendSelect.value as StateBackendKind | "";
  const opsText = ($("stateful-ops") as HTMLInputElement).value.trim();
  const statefulOperators = opsText === "" ? 1 : Number(opsText);
  const tbody = $("slots-table").querySelector("tbody")!;
  tbody.textContent = "";
  try {
    const b = slotsBreakdown({ flink, dynamic: pairs, ...(job ? { job } : {}), ...(python ? { python } : {}), ...(stateBackend ? { stateBackend } : {}), statefulOperators });
    showInlineError("slots-error", undefined);
    $("slots-assumptions").textContent = b.assumptions.summary;
    const notes = $("slots-notes");
    notes.textContent = "";
    for (const n of b.assumptions.notes) notes.append(el("li", undefined, n));
    for (const c of b.consumers) {
      const tr = el("tr");
      tr.dataset.consumer = c.useCase;
      tr.dataset.bytes = String(c.bytes);
      tr.append(el("td", undefined, c.useCase), el("td", "num", c.weight === undefined ? "—" : String(c.weight)), c.counted ? shareCell(c.fraction) : el("td", "num", "not used"), el("td", "num", shortSize(c.bytes)));
      tbody.append(tr);
    }
    const rocks = b.rocksdb
      ? ` RocksDB: ${shortSize(b.rocksdb.perSlot)} per slot, shared by its ${b.rocksdb.statefulOperators} stateful operator${b.rocksdb.statefulOperators === 1 ? "" : "s"} (block cache ${shortSize(b.rocksdb.blockCache)}, write buffers ${shortSize(b.rocksdb.writeBufferManager)}).`
      : "";
    $("slots-summary").textContent = `${b.slots} slot${b.slots === 1 ? "" : "s"}, ${shortSize(b.managedPerSlot)} managed memory each (${shortSize(b.managed)} in all).${rocks}`;
  } catch (e) {
    if (!(e instanceof FlinkError)) throw e;
    showInlineError("slots-error", e);
    $("slots-summary").textContent = "";
    $("slots-assumptions").textContent = "";
    $("slots-notes").textContent = "";
  }
  const steps = $("network-steps");
  steps.textContent = "";
  try {
    const n = networkBuffers({ flink, dynamic: pairs, topology: parseTopologyText(($("topology") as HTMLTextAreaElement).value) });
    showInlineError("network-error", undefined);
    $("buffers-summary").textContent = `${n.buffersPerTaskManager} buffers of ${shortSize(BigInt(n.segmentSize))} per TaskManager (network memory ${shortSize(n.networkBytes)}).`;
    const fix = n.recommendations.find((r) => !r.failure);
    $("network-summary").textContent =
      `${n.mode} job on ${n.taskManagers} TaskManager${n.taskManagers === 1 ? "" : "s"}; the busiest (#${n.worst + 1}) needs ${n.requiredBuffers} buffers (${shortSize(n.neededBytes)}): ` +
      (n.sufficient ? "enough." : `not enough.${fix ? ` Smallest change that suffices: ${fix.settings.map(([k, v]) => `${k}=${v}`).join(", ")}.` : ""}`);
    $("network-summary").dataset.required = String(n.requiredBuffers);
    for (const line of n.explanation) steps.append(el("li", undefined, line));
  } catch (e) {
    if (!(e instanceof FlinkError)) throw e;
    showInlineError("network-error", e);
    $("network-summary").textContent = "";
  }
}

export function mountInside(host: PageHost): void {
  const update = () => updateInside(host);
  $("inside").addEventListener("toggle", update);
  for (const id of ["job", "python", "state-backend", "stateful-ops", "topology"]) $(id).addEventListener("input", update);
}
