/**
 * The change a network-buffers shortage asks for, checked by the engine: the network min
 * (and max) or fraction that gives the TaskManager the buffers the message says it lacked,
 * on top of a configuration the paste (or the caller) supplies.
 * @module
 */
import { recommendFraction, recommendMin } from "../network/network-buffers.js";
import { resolveTaskManager, type ResolveRequest } from "../resolve.js";
import type { DiagnoseChange, Finding } from "./finding.js";

export function networkChanges(f: Finding, base: ResolveRequest, baseName: string): DiagnoseChange[] {
  const needed = f.numbers.neededNetworkBytes;
  const segment = Number(f.numbers.segmentSize ?? 32768);
  if (typeof needed !== "string") return [];
  let tm;
  try {
    tm = resolveTaskManager({ ...base, trace: false });
  } catch {
    return [];
  }
  const neededBytes = BigInt(needed);
  const haveBuffers = Number(tm.spec.network / BigInt(segment));
  if (f.numbers.totalBuffers !== undefined && haveBuffers !== f.numbers.totalBuffers) {
    f.notes.push(`${baseName.charAt(0).toUpperCase()}${baseName.slice(1)} gives ${haveBuffers} network buffers, not the ${f.numbers.totalBuffers} the message reports: it is not the configuration that failed, so no change is computed from it.`);
    return [];
  }
  const currentMax = tm.config.get(tm.config.options.get<"memory">("tm.networkMax"))!;
  const out: DiagnoseChange[] = [];
  for (const rec of [recommendMin(base, neededBytes, currentMax, segment), recommendFraction(base, neededBytes, currentMax, segment)]) {
    if (rec.settings.length === 0) continue;
    out.push({
      summary: rec.kind === "min" ? "raise the network memory's minimum (keeps the process size: task heap and managed memory shrink)" : "raise the network fraction (keeps the process size: task heap and managed memory shrink)",
      settings: rec.settings,
      checked: rec.failure ? { ok: false, reason: rec.failure.message } : { ok: true, result: `network ${rec.network} bytes = ${rec.buffers} buffers (Flink ${tm.version.line}, on ${baseName})` },
    });
  }
  return out;
}
