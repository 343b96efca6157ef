/**
 * The inverse of resolving: from the parts wanted (task heap, managed, network per TaskManager,
 * or a JobManager's heap) to the smallest Total Process Memory that yields them, exact to the
 * byte. The engine is searched (the parts grow with the total, but only roughly: truncated
 * fractions let a part drop by a byte as the total grows), so after bisecting, the bytes just
 * below the answer are checked one by one.
 * @module
 */
import { FlinkError } from "../errors.js";
import type { ResolveRequest } from "../resolve.js";
import { MAX_BYTES, MiB } from "../size/memory-size.js";
import { applyChanges, type KeyChange } from "../fix/changes.js";
import { Prober, resolveRequest, type ResolvedSpec } from "../fix/probe.js";
import { flinkSizeText } from "../fix/search.js";
import { keyOf, settingChanges, shortfalls, type SizingGoals, type SizingTarget } from "./goals.js";

/** Bytes below a found answer that are checked one by one for a smaller one. */
const JITTER = 64n;

export type InverseResult =
  | {
      ok: true;
      /** The smallest Total Process Memory whose resolved parts meet the goals. */
      processSize: bigint;
      /** The changes to the user's configuration: the settings and the process size. */
      changes: KeyChange[];
      spec: ResolvedSpec;
    }
  | { ok: false; reason: string; error?: FlinkError };

/**
 * The key changes that make the user's configuration a process of `bytes` with the goals'
 * settings: other totals the user set (which would conflict) are removed.
 */
export function processChanges(target: SizingTarget, req: ResolveRequest, bytes: bigint, goals: SizingGoals, prober = Prober.of(target, req)): KeyChange[] {
  const p = target === "tm" ? "tm" : "jm";
  const isSet = (k: string) => prober?.config.getEntry(k) !== undefined || (req.dynamic ?? []).some(([d]) => d === k);
  const remove = [`${p}.flink`, `${p}.legacyHeap`, `${p}.legacyHeapMb`].map((id) => keyOf(req.flink, id)).filter((k): k is string => k !== undefined && isSet(k));
  return [...remove.map((key): KeyChange => ({ key, remove: true })), ...settingChanges(target, req.flink, goals), { key: keyOf(req.flink, `${p}.process`)!, set: bytes % MiB === 0n ? flinkSizeText(bytes) : `${bytes}b` }];
}

/** The smallest Total Process Memory for which the user's configuration, with the goals' settings, meets every goal. */
export function smallestProcessSize(target: SizingTarget, req: ResolveRequest, goals: SizingGoals): InverseResult {
  const prober = Prober.of(target, req);
  if (!prober) {
    const o = resolveRequest(target, req);
    return { ok: false, reason: "the configuration cannot be read", ...(o.ok ? {} : { error: o.error }) };
  }
  let lastError: FlinkError | undefined;
  const meets = (bytes: bigint) => {
    const o = prober.outcome(processChanges(target, req, bytes, goals, prober));
    if (!o.ok) lastError = o.error;
    return o.ok && shortfalls(o.spec, goals).length === 0;
  };
  let fail = 0n;
  let found: bigint | undefined;
  for (let v = 64n * MiB; ; v = v * 2n > MAX_BYTES ? MAX_BYTES : v * 2n) {
    if (meets(v)) {
      found = v;
      break;
    }
    fail = v;
    if (v === MAX_BYTES) break;
  }
  if (found === undefined) return { ok: false, reason: "no Total Process Memory up to 2^63-1 bytes meets the goals", ...(lastError ? { error: lastError } : {}) };
  let pass = found;
  while (pass - fail > 1n) {
    const mid = fail + (pass - fail) / 2n;
    if (meets(mid)) pass = mid;
    else fail = mid;
  }
  // A truncated fraction can make a smaller size meet the goals again just below: look.
  for (let v = pass - 1n; v >= 0n && v >= pass - JITTER; v--) if (meets(v)) pass = v;
  const changes = processChanges(target, req, pass, goals);
  const verified = resolveRequest(target, applyChanges(req, changes));
  if (!verified.ok) return { ok: false, reason: "the answer did not resolve again", error: verified.error };
  return { ok: true, processSize: pass, changes, spec: verified.spec! };
}
