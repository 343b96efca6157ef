/**
 * The changes a network-buffers shortage asks for, checked by the engine: the network memory
 * grown to what the message says the TaskManager lacked, keeping the process (network min, or
 * the fraction) or growing it, on top of a configuration the paste (or the caller) supplies.
 * @module
 */
import { recommendFraction } from "../network/network-buffers.js";
import { resolveTaskManager, type ResolveRequest } from "../resolve.js";
import type { DiagnoseChange, Finding } from "./finding.js";
import { Prober } from "../fix/probe.js";
import type { TaskManagerSpec } from "../model/taskmanager.js";
import { growVariants, unhealthy, type Growth } from "./grow.js";

export function networkChanges(f: Finding, base: ResolveRequest, baseName: string, platform?: Growth["platform"]): DiagnoseChange[] {
  const needed = f.numbers.neededNetworkBytes;
  const segment = Number(f.numbers.segmentSize ?? 32768);
  if (typeof needed !== "string") return [];
  let tm;
  try {
    tm = resolveTaskManager({ ...base, trace: false });
  } catch {
    f.notes.push(`${capital(baseName)} does not resolve for the TaskManager: no change computed.`);
    return [];
  }
  const neededBytes = BigInt(needed);
  const haveBuffers = Number(tm.spec.network / BigInt(segment));
  if (f.numbers.totalBuffers !== undefined && haveBuffers !== f.numbers.totalBuffers) {
    f.notes.push(`${capital(baseName)} gives ${haveBuffers} network buffers, not the ${f.numbers.totalBuffers} the message reports: it is not the configuration that failed, so no change is computed from it.`);
    return [];
  }
  if (tm.spec.network >= neededBytes) return [];
  const out = growVariants(base, { process: "taskmanager", part: "network", by: neededBytes - tm.spec.network, baseName, ...(platform ? { platform } : {}) }, f.notes);
  // The fraction is the other way to keep the process: it scales with later resizes.
  const currentMax = tm.config.get(tm.config.options.get<"memory">("tm.networkMax"))!;
  const rec = recommendFraction(base, neededBytes, currentMax, segment);
  const prober = Prober.of("tm", base);
  const fraction = rec.settings.map(([key, set]) => ({ key, set }));
  const o = prober?.outcome(fraction);
  const issues = prober && o?.ok ? unhealthy("tm", base, prober, o.spec as TaskManagerSpec, fraction) : ["it does not resolve"];
  if (rec.settings.length > 0 && !rec.failure && issues.length > 0) f.notes.push(`Raising the network fraction instead is not offered: ${issues.join("; ")}.`);
  if (rec.settings.length > 0 && !rec.failure && issues.length === 0) {
    const keep = out.findIndex((c) => c.variant === "grow-process");
    out.splice(keep < 0 ? out.length : keep, 0, {
      variant: "keep-process",
      summary: "keep the process and raise the network fraction instead (it then follows later resizes): task heap and managed memory shrink",
      settings: rec.settings,
      checked: { ok: true, result: `network ${rec.network} bytes = ${rec.buffers} buffers (Flink ${tm.version.line}, on ${baseName})` },
    });
  }
  return out;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
