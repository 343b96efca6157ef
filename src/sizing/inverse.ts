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
import type { JobManagerSpec } from "../model/jobmanager.js";
import type { TaskManagerSpec } from "../model/taskmanager.js";
import { shortSize } from "../render/table.js";
import { describeIssues, healthIssues } from "./healthy.js";
import { healthyGoals, overheadChanges, type SizingOptions } from "./healthy-goals.js";
import { answerWarnings } from "./verify.js";

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

export type HealthyInverseResult = InverseResult & {
  /** What the answer assumes or changed beyond the goals (floors, managed memory, overhead). */
  notes?: string[];
  /** Health issues or lint warnings the answer still has (empty when healthy). */
  warnings?: string[];
  /** The goals the answer meets: the asked ones raised to the healthy floors. */
  goals?: SizingGoals;
};

/** Rounds of setting JVM overhead to the JVM's need (it grows with the heap by 1%): two suffice, one more for safety. */
const OVERHEAD_ROUNDS = 3;

/**
 * The smallest healthy Total Process Memory (`healthy.ts`) that meets the goals: the goals
 * raised to the floors, JVM overhead at least what the JVM needs, and the answer linted. When
 * Flink accepts less, the notes say how much and why that is not healthy.
 */
export function healthyProcessSize(target: SizingTarget, req: ResolveRequest, goals: SizingGoals, opts: SizingOptions = {}): HealthyInverseResult {
  const prober = Prober.of(target, req);
  if (!prober) return smallestProcessSize(target, req, goals);
  const hg = healthyGoals(target, prober.config, goals, opts);
  let wanted = hg.goals;
  let r = smallestProcessSize(target, req, wanted);
  for (let i = 0; r.ok && i < OVERHEAD_ROUNDS; i++) {
    const spec = r.spec as TaskManagerSpec | JobManagerSpec;
    if (!healthIssues(spec, hg.health).some((x) => x.component === "JVM overhead")) break;
    // The caller's own settings stay; the overhead the JVM needs is added where they say nothing.
    const own = hg.goals.extra ?? [];
    const overhead = overheadChanges(target, prober.config, hg.health, spec).filter((c) => !own.some((o) => o.key === c.key));
    wanted = { ...wanted, extra: [...own, ...overhead] };
    r = smallestProcessSize(target, req, wanted);
  }
  if (!r.ok) return r;
  const notes = [...hg.notes];
  const added = (wanted.extra ?? []).filter((c) => !(hg.goals.extra ?? []).includes(c));
  if (added.length) notes.push(`${added.map((c) => `${c.key} ${c.set}`).join(", ")}: the JVM overhead threads, code cache and GC need (rule jvm-overhead-too-small)`);
  const least = smallestProcessSize(target, req, goals);
  if (least.ok && least.processSize < r.processSize) {
    const issues = healthIssues(least.spec as TaskManagerSpec | JobManagerSpec, hg.health);
    if (issues.length) notes.push(`Flink accepts ${least.processSize} bytes (${shortSize(least.processSize)}) for these parts, but ${describeIssues(issues)}; this answer is the least healthy size`);
  }
  const warnings = [
    ...healthIssues(r.spec as TaskManagerSpec | JobManagerSpec, hg.health).map((x) => x.why),
    ...answerWarnings(target, req, r.changes, opts.stateBackend).map((f) => `${f.ruleId}: ${f.message}`),
  ];
  return { ...r, notes, warnings, goals: wanted };
}
