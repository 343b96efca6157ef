/**
 * Fitting a process into a container: the configuration whose Total Process Memory is the
 * container size, with the stated settings, that meets the goals and is healthy
 * (`healthy.ts`). The smallest change that gets there is taken, in this order:
 *
 * 1. the user's configuration as it is (with the state backend's managed memory);
 * 2. TaskManager: the managed fraction lowered (in steps of 0.001, the largest that works)
 *    until the task heap meets its floor and the goals, unless the user fixed it; not below
 *    `MANAGED_FRACTION_KEEP` of it unless the state backend is hashmap;
 * 3. JVM overhead shrunk to what the JVM needs (its min set to that), unless the user set it;
 * 4. metaspace shrunk (whole MiB, the largest that works, not below `METASPACE_FLOOR`),
 *    unless the user set it.
 *
 * When no configuration is healthy, the one Flink accepts with the fewest issues is returned
 * with warnings. When none meets the goals, the answer says why: Flink's failure, or the goals
 * missed and the smallest healthy process that meets them.
 * @module
 */
import type { FlinkError } from "../errors.js";
import type { ResolveRequest } from "../resolve.js";
import type { Configuration } from "../config/configuration.js";
import type { ConfigOption } from "../options/types.js";
import type { JobManagerSpec } from "../model/jobmanager.js";
import type { TaskManagerSpec } from "../model/taskmanager.js";
import { shortSize } from "../render/table.js";
import { MiB } from "../size/memory-size.js";
import { applyChanges, type KeyChange } from "../fix/changes.js";
import { Prober, resolveRequest, type ResolvedSpec } from "../fix/probe.js";
import { flinkSizeText } from "../fix/search.js";
import { describeShortfall, keyOf, shortfalls, type Shortfall, type SizingGoals, type SizingTarget } from "./goals.js";
import { healthIssues, MANAGED_FRACTION_KEEP, METASPACE_FLOOR, type HealthContext, type HealthIssue } from "./healthy.js";
import { healthyGoals, memoryOption, overheadChanges, type SizingOptions } from "./healthy-goals.js";
import { healthyProcessSize, processChanges } from "./inverse.js";
import { answerWarnings } from "./verify.js";

export type FitResult =
  | { ok: true; processSize: bigint; changes: KeyChange[]; spec: ResolvedSpec; notes: string[]; warnings: string[] }
  | { ok: false; reason: string; shortfalls: Shortfall[]; error?: FlinkError; smallestProcessSize?: bigint; notes: string[] };

/** Managed fractions tried, in thousandths: the step a person would write. */
const STEPS = 1000;

interface Attempt {
  settings: SizingGoals;
  changes: KeyChange[];
  spec?: TaskManagerSpec | JobManagerSpec;
  error?: FlinkError;
  /** The user's goals missed. */
  missed: Shortfall[];
  issues: HealthIssue[];
  notes: string[];
}

const good = (a: Attempt) => a.spec !== undefined && a.missed.length === 0 && a.issues.length === 0;
const components = (a: Attempt) => new Set(a.issues.map((i) => i.component)).size;

class Fitter {
  readonly config: Configuration;
  /** What `attempts` tried beyond the configuration as it is, for the reason when nothing fits. */
  readonly shrunk: string[] = [];

  constructor(
    readonly target: SizingTarget,
    readonly req: ResolveRequest,
    readonly container: bigint,
    /** The user's own goals: an answer must meet them. */
    readonly goals: SizingGoals,
    /** The goals with the floors: a healthy answer meets them. */
    readonly floors: SizingGoals,
    readonly health: HealthContext,
    readonly prober: Prober,
  ) {
    this.config = prober.config;
  }

  attempt(settings: SizingGoals, notes: string[]): Attempt {
    const changes = processChanges(this.target, this.req, this.container, settings, this.prober);
    const o = this.prober.outcome(changes);
    if (!o.ok) return { settings, changes, error: o.error, missed: [], issues: [], notes };
    const spec = o.spec as TaskManagerSpec | JobManagerSpec;
    return { settings, changes, spec, missed: shortfalls(spec, this.goals), issues: healthIssues(spec, this.health), notes };
  }

  /** Whether the managed fraction is ours to move (TaskManager, not set by the user or its goals). */
  get managedFree(): boolean {
    return this.target === "tm" && this.floors.managedFraction === undefined && this.floors.managedSize === undefined && !this.health.asked.has("tm.managed");
  }

  /**
   * The managed fraction (k/1000) nearest the configured one for which managed memory and the
   * task heap meet the floors and goals: managed memory grows with the fraction and the task
   * heap shrinks, so the fractions that work form a range. Lowering it stops at
   * `MANAGED_FRACTION_KEEP` of the configured one unless the state backend is hashmap.
   */
  withManaged(settings: SizingGoals, notes: string[]): Attempt {
    const first = this.attempt(settings, notes);
    if (!this.managedFree || !first.spec || shortfalls(first.spec, this.floors).length === 0) return first;
    // The configured fraction (or its default); an unreadable one has failed resolving already.
    const option = this.config.options.find("tm.managedFraction") as ConfigOption<"float"> | undefined;
    const current = Number((option && this.config.get(option)) ?? 0.4);
    const currentK = Math.min(STEPS - 1, Math.round(current * STEPS));
    const missed = (k: number) => {
      const a = this.attempt({ ...settings, managedFraction: String(k / STEPS) }, notes);
      return a.spec ? shortfalls(a.spec, this.floors).map((x) => x.what) : undefined;
    };
    const managedShort = (k: number) => missed(k)?.includes("managed memory") ?? true;
    const heapShort = (k: number) => missed(k)?.some((w) => w === "task heap" || w === "JVM heap") ?? true;
    let lo = 0;
    let hi = STEPS - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (managedShort(mid)) lo = mid + 1;
      else hi = mid;
    }
    const kLow = lo;
    hi = STEPS - 1;
    if (heapShort(lo)) return first;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (heapShort(mid)) hi = mid - 1;
      else lo = mid;
    }
    const kHigh = lo;
    const keep = this.health.backend === "hashmap" ? 0 : Math.ceil(currentK * MANAGED_FRACTION_KEEP);
    let k = Math.min(Math.max(currentK, kLow), kHigh);
    if (k < currentK && k < keep) k = Math.max(kLow, Math.min(keep, currentK));
    if (k === currentK) return first;
    const f = String(k / STEPS);
    const why = k > currentK ? "the least that gives the managed memory wanted" : k === kHigh ? "the largest that leaves the task heap its floor" : `as low as we go (${MANAGED_FRACTION_KEEP} of the configured fraction)`;
    return this.attempt({ ...settings, managedFraction: f }, [...notes, `${keyOf(this.req.flink, "tm.managedFraction")} set to ${f} (from ${Number(current.toPrecision(6))}): ${why}`]);
  }

  /** JVM overhead set to the JVM's need (rounds: the need grows with the heap), then the managed fraction. */
  withOverhead(settings: SizingGoals, notes: string[], metaspace: bigint): Attempt {
    const current = this.attempt(settings, notes);
    let heap = current.spec?.jvmHeap ?? this.container / 2n;
    let a = current;
    for (let i = 0; i < 3; i++) {
      const extra = [...(settings.extra ?? []), ...overheadChanges(this.target, this.config, this.health, { metaspace, jvmHeap: heap })];
      const words = extra.filter((c) => c.key.includes("overhead")).map((c) => `${c.key} ${c.set}`).join(", ");
      a = this.withManaged({ ...settings, extra }, [...notes, `${words} (JVM overhead was ${current.spec ? shortSize(current.spec.overhead) : "larger"}): what the JVM needs for threads, code cache and GC`]);
      if (!a.spec || !a.issues.some((x) => x.component === "JVM overhead")) break;
      heap = a.spec.jvmHeap;
    }
    return a;
  }

  /** Metaspace shrunk to the largest whole MiB (not below the floor) for which the attempt is good. */
  withMetaspace(settings: SizingGoals, notes: string[]): Attempt | undefined {
    const m = memoryOption(this.config, `${this.target}.metaspace`);
    if (!m || m.set || m.value <= METASPACE_FLOOR) return undefined;
    const at = (mib: bigint) => {
      const size = mib * MiB;
      const extra = [...(settings.extra ?? []), { key: m.key, set: flinkSizeText(size) }];
      return this.withOverhead({ ...settings, extra }, [...notes, `${m.key} ${flinkSizeText(size)} (from ${shortSize(m.value)}): the most that fits; we do not shrink it below ${shortSize(METASPACE_FLOOR)}`], size);
    };
    let lo = METASPACE_FLOOR / MiB;
    let hi = m.value / MiB - 1n;
    const floor = at(lo);
    if (!good(floor)) return floor;
    while (lo < hi) {
      const mid = (lo + hi + 1n) / 2n;
      if (good(at(mid))) lo = mid;
      else hi = mid - 1n;
    }
    return at(lo);
  }

  /** Whether the user set any of JVM overhead's options (then it is theirs). */
  get overheadSet(): boolean {
    return ["overheadMin", "overheadMax", "overheadFraction"].some((s) => {
      const option = this.config.options.find(`${this.target}.${s}`);
      return option !== undefined && this.config.contains(option);
    });
  }

  /** The attempts, smallest change first, up to the first good one. */
  attempts(): Attempt[] {
    const out: Attempt[] = [];
    const push = (a: Attempt | undefined) => {
      if (a) out.push(a);
      return a !== undefined && good(a);
    };
    const base = this.floors;
    const meta = memoryOption(this.config, `${this.target}.metaspace`)?.value ?? 0n;
    if (push(this.attempt(base, []))) return out;
    if (this.managedFree) {
      this.shrunk.push("the managed fraction lowered");
      if (push(this.withManaged(base, []))) return out;
    }
    if (this.overheadSet) return out;
    this.shrunk.push("JVM overhead at what the JVM needs");
    if (push(this.withOverhead(base, [], meta))) return out;
    const metaspace = this.withMetaspace(base, []);
    if (metaspace) this.shrunk.push(`JVM metaspace down to ${shortSize(METASPACE_FLOOR)}`);
    push(metaspace);
    return out;
  }
}

export function fitContainer(target: SizingTarget, req: ResolveRequest, container: bigint, goals: SizingGoals, opts: SizingOptions = {}): FitResult {
  const prober = Prober.of(target, req);
  if (!prober) {
    const o = resolveRequest(target, req);
    return { ok: false, reason: "the configuration cannot be read", shortfalls: [], ...(o.ok ? {} : { error: o.error }), notes: [] };
  }
  const hg = healthyGoals(target, prober.config, goals, opts);
  const fitter = new Fitter(target, req, container, goals, hg.goals, hg.health, prober);
  const tried = fitter.attempts();
  const accepted = tried.filter((a) => a.spec !== undefined && a.missed.length === 0);
  // The first good attempt; else the one Flink accepts with the fewest issues (earliest on a tie).
  const chosen = tried.find(good) ?? accepted.reduce<Attempt | undefined>((best, a) => (!best || components(a) < components(best) ? a : best), undefined);
  const notes = [...hg.notes];
  if (!chosen) {
    const first = tried[0]!;
    const smallest = healthyProcessSize(target, req, goals, opts);
    const needs = smallest.ok ? { smallestProcessSize: smallest.processSize } : {};
    const also = fitter.shrunk.length ? ` (nor with ${fitter.shrunk.join(", ")})` : "";
    if (first.error) return { ok: false, reason: `Flink rejects a process of ${container} bytes with this configuration${also}: ${first.error.message}`, shortfalls: [], error: first.error, ...needs, notes };
    return { ok: false, reason: `a process of ${container} bytes resolves${also}, but its ${first.missed.map(describeShortfall).join("; ")}`, shortfalls: first.missed, ...needs, notes };
  }
  for (const c of chosen.changes) if (c.remove) notes.push(`${c.key} removed: the container fixes ${keyOf(req.flink, `${target}.process`)}`);
  notes.push(...chosen.notes);
  if (!good(chosen)) {
    const healthy = healthyProcessSize(target, req, goals, opts);
    if (healthy.ok && healthy.processSize > container) notes.push(`no configuration of ${shortSize(container)} is healthy: a healthy process with these goals needs at least ${healthy.processSize} bytes (${shortSize(healthy.processSize)})`);
  }
  // The answer as the user will apply it: resolved through the public entry points, and linted.
  const verified = resolveRequest(target, applyChanges(req, chosen.changes));
  if (!verified.ok) return { ok: false, reason: `the answer did not resolve again: ${verified.error.message}`, shortfalls: [], error: verified.error, notes };
  const warnings = [...chosen.issues.map((i) => i.why), ...answerWarnings(target, req, chosen.changes, opts.stateBackend).map((f) => `${f.ruleId}: ${f.message}`)];
  return { ok: true, processSize: container, changes: chosen.changes, spec: verified.spec!, notes, warnings };
}
