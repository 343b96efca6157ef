/**
 * Fitting a process into a container: the configuration whose Total Process Memory is the
 * container size, with the stated settings, and whether its parts meet the goals. When the
 * managed fraction is not fixed by the caller and the goals want more managed memory (or more
 * task heap) than the default split gives, the managed fraction is moved, in steps of 0.001,
 * to the value nearest the default that meets them. When no configuration can, the answer
 * says why: Flink's failure, or the goals missed and the smallest process that meets them.
 * @module
 */
import type { FlinkError } from "../errors.js";
import type { ResolveRequest } from "../resolve.js";
import { applyChanges, type KeyChange } from "../fix/changes.js";
import { Prober, resolveRequest, type ResolvedSpec } from "../fix/probe.js";
import { describeShortfall, keyOf, shortfalls, type Shortfall, type SizingGoals, type SizingTarget } from "./goals.js";
import { processChanges, smallestProcessSize } from "./inverse.js";

export type FitResult =
  | { ok: true; processSize: bigint; changes: KeyChange[]; spec: ResolvedSpec; notes: string[] }
  | { ok: false; reason: string; shortfalls: Shortfall[]; error?: FlinkError; smallestProcessSize?: bigint; notes: string[] };

/** Managed fractions tried, in thousandths: the step a person would write. */
const STEPS = 1000;

/** The managed fraction (k/1000) nearest the default for which the goals are met, if any. */
function managedFractionFor(target: SizingTarget, req: ResolveRequest, container: bigint, goals: SizingGoals, prober: Prober): string | undefined {
  const text = (k: number) => String(k / STEPS);
  const split = (k: number) => {
    const o = prober.outcome(processChanges(target, req, container, { ...goals, managedFraction: text(k) }, prober));
    return o.ok ? shortfalls(o.spec, goals) : undefined;
  };
  const wantsManaged = (k: number) => split(k)?.some((s) => s.what === "managed memory") ?? true;
  // Managed memory grows with the fraction, task heap shrinks: the fractions that meet both form a range.
  let lo = 0;
  let hi = STEPS - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (wantsManaged(mid)) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < STEPS; k++) {
    const s = split(k);
    if (s && s.length === 0) return text(k);
    if (s?.some((x) => x.what === "task heap" || x.what === "JVM heap")) return undefined;
  }
  return undefined;
}

export function fitContainer(target: SizingTarget, req: ResolveRequest, container: bigint, goals: SizingGoals): FitResult {
  const notes: string[] = [];
  const prober = Prober.of(target, req);
  let settings = goals;
  let changes = processChanges(target, req, container, settings, prober);
  let outcome = resolveRequest(target, applyChanges(req, changes));
  let missed = outcome.ok ? shortfalls(outcome.spec, goals) : [];
  if (outcome.ok && missed.length && target === "tm" && goals.managedFraction === undefined && prober) {
    const f = managedFractionFor(target, req, container, goals, prober);
    if (f !== undefined) {
      settings = { ...goals, managedFraction: f };
      changes = processChanges(target, req, container, settings, prober);
      outcome = resolveRequest(target, applyChanges(req, changes));
      missed = outcome.ok ? shortfalls(outcome.spec, goals) : missed;
      notes.push(`${keyOf(req.flink, "tm.managedFraction")} set to ${f} so that the goals are met`);
    }
  }
  for (const c of changes) if (c.remove) notes.push(`${c.key} removed: the container fixes ${keyOf(req.flink, `${target}.process`)}`);
  if (outcome.ok && missed.length === 0) return { ok: true, processSize: container, changes, spec: outcome.spec!, notes };
  const smallest = smallestProcessSize(target, req, goals);
  const needs = smallest.ok ? { smallestProcessSize: smallest.processSize } : {};
  if (!outcome.ok) {
    return { ok: false, reason: `Flink rejects a process of ${container} bytes with this configuration: ${outcome.error.message}`, shortfalls: [], error: outcome.error, ...needs, notes };
  }
  return { ok: false, reason: `a process of ${container} bytes resolves, but its ${missed.map(describeShortfall).join("; ")}`, shortfalls: missed, ...needs, notes };
}
