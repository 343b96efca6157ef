/**
 * Fix-its: for a configuration Flink rejects, a few concrete, minimal changes that make it
 * resolve. Every fix offered has been applied to the request and resolved through the
 * library's public entry points with the same Flink version; a suggestion that does not
 * resolve is never returned.
 *
 * ```ts
 * const fixes = suggestFixes("tm", { dynamic: [["taskmanager.memory.process.size", "512m"]] });
 * fixes[0].title;   // "raise `taskmanager.memory.process.size` from 512 MiB to 705m (705 MiB); the least that resolves is ... bytes"
 * fixes[0].changes; // [{ key: "taskmanager.memory.process.size", set: "705m" }]
 * ```
 * @module
 */
import { FlinkError } from "../errors.js";
import type { ResolveRequest } from "../resolve.js";
import { shortSize } from "../render/table.js";
import { fieldsForRelease } from "../config/load.js";
import { flinkVersion, NEWEST_LINE } from "../versions/version.js";
import { applyChanges, isLineChange, UnapplicableChange, type ConfigChange, type KeyChange } from "./changes.js";
import { candidatesFor, type Candidate, type FixKind } from "./candidates.js";
import { FixContext, templateOf } from "./context.js";
import { Prober, resolveRequest, type FixTarget, type Outcome, type ResolvedSpec } from "./probe.js";
import { healStep } from "./heal.js";
import { describeIssues, healthContextOf, healthIssues, type HealthContext } from "../sizing/healthy.js";

export type { FixKind } from "./candidates.js";
export type { FixTarget, ResolvedSpec } from "./probe.js";

export interface Fix {
  /** One sentence; for a fix in steps, the steps joined by "; then ". */
  title: string;
  /** What kind of change the (first) step is. */
  kind: FixKind;
  /** The sentences of the steps, in order. */
  steps: string[];
  /** The changes, applied in order (see `applyChanges`). */
  changes: ConfigChange[];
  /** What the fixed configuration resolves to. */
  result: { summary: string; spec?: ResolvedSpec };
  /**
   * Whether the result is healthy (`sizing/healthy.ts`): always true for targets without a
   * process (local execution, weights). A fix that is not says why in `caveat`.
   */
  healthy: boolean;
  /** For a fix Flink accepts that is not healthy: why ("the JobManager heap is 1 MiB, below ..."). */
  caveat?: string;
}

export interface SuggestOptions {
  /** At most this many fixes (default 4). */
  max?: number;
}

/** Steps after the first, for a configuration that fails in several ways. */
const MAX_DEPTH = 6;
/** Partial steps explored when nothing resolves in one step: several first steps, then greedily one. */
const maxProgress = (depth: number) => (depth === 0 ? 6 : depth === 1 ? 2 : 1);

interface Found {
  steps: Candidate[];
  spec: ResolvedSpec | undefined;
  cost: number;
}

function summary(spec: ResolvedSpec | undefined): string {
  if (!spec) return "resolves";
  const s = shortSize;
  if (spec.kind === "tm") return `resolves: Total Process Memory ${s(spec.totalProcess)} (JVM heap ${s(spec.jvmHeap)}, managed ${s(spec.managed)}, network ${s(spec.network)})`;
  if (spec.kind === "jm") return `resolves: Total Process Memory ${s(spec.totalProcess)} (JVM heap ${s(spec.jvmHeap)}, off-heap ${s(spec.offHeap)})`;
  return `resolves: task heap ${s(spec.taskHeap)}, managed ${s(spec.managed)}, network ${s(spec.network)}`;
}

const signature = (changes: readonly ConfigChange[]) => JSON.stringify(changes);

function tryApply(req: ResolveRequest, changes: readonly ConfigChange[]): ResolveRequest | undefined {
  try {
    return applyChanges(req, changes);
  } catch (e) {
    if (e instanceof UnapplicableChange) return undefined;
    throw e;
  }
}

/** What earlier steps did: a later step may set a key again, but not bring back a removed one or remove a set one. */
interface Done {
  removed: ReadonlySet<string>;
  set: ReadonlySet<string>;
}

function conflictsWith(c: Candidate, done: Done): boolean {
  return c.changes.some((ch) => !isLineChange(ch) && (done.removed.has(ch.key) || (ch.remove === true && done.set.has(ch.key))));
}

function after(done: Done, c: Candidate): Done {
  const keys = (f: (ch: KeyChange) => boolean) => c.changes.filter((ch): ch is KeyChange => !isLineChange(ch) && f(ch)).map((ch) => ch.key);
  return { removed: new Set([...done.removed, ...keys((ch) => ch.remove === true)]), set: new Set([...done.set, ...keys((ch) => ch.set !== undefined)]) };
}

interface Progress {
  c: Candidate;
  next: ResolveRequest;
  error: FlinkError;
  /** A different check fails now (rather than the same check with other numbers). */
  newCheck: boolean;
}

/**
 * Removing the Total Process Memory so that nothing sizes the process: the fix for that failure
 * is setting that key again, which a later step may not do (it would undo this one), so
 * following it only wastes the search.
 */
const leavesNothingSized = (c: Candidate, e: FlinkError, processKey: string | undefined) =>
  c.changes.some((ch) => !isLineChange(ch) && ch.remove === true && ch.key === processKey) && [e.message, ...e.causes].some((m) => /need to be configured explicitly/.test(m));

/** A failure's whole wording, causes included. */
const wording = (e: FlinkError) => [e.message, ...e.causes].join("\n");

function search(target: FixTarget, req: ResolveRequest, error: FlinkError, depth: number, want: number, done: Done, health: HealthContext | undefined): Found[] {
  const prober = Prober.of(target, req);
  const ctx = new FixContext(target, req, error, prober, health);
  const found: Found[] = [];
  const progress: Progress[] = [];
  const seen = new Set<string>();
  const tryAll = (cands: Candidate[]) => {
    for (const c of cands.filter((x) => !conflictsWith(x, done)).sort((a, b) => a.cost - b.cost)) {
      const sig = signature(c.changes);
      if (found.length >= want || seen.has(sig)) continue;
      seen.add(sig);
      // Key changes are tried on the loaded configuration first (cheap); what resolves there is verified below.
      let outcome: Outcome | undefined;
      if (prober && !c.changes.some(isLineChange)) {
        outcome = prober.outcome(c.changes as KeyChange[]);
        if (!outcome.ok && (!c.chain || wording(outcome.error) === wording(error))) continue;
      }
      const next = tryApply(req, c.changes);
      if (!next) continue;
      if (!outcome || outcome.ok) outcome = resolveRequest(target, next);
      if (outcome.ok) found.push({ steps: [c], spec: outcome.spec, cost: c.cost });
      else if (wording(outcome.error) !== wording(error) && !leavesNothingSized(c, outcome.error, ctx.option(`${ctx.process}.process`)?.key)) progress.push({ c, next, error: outcome.error, newCheck: templateOf(outcome.error) !== ctx.template });
    }
  };
  if (depth === 0) tryAll(candidatesFor(ctx));
  else {
    // Deeper steps: searches only when nothing simpler resolves.
    tryAll(candidatesFor(ctx, "cheap"));
    if (found.length === 0) tryAll(candidatesFor(ctx, "search"));
  }
  // A configuration wrong in several ways: a step that gets past this failure, then fixes for the next.
  if (found.length === 0 && depth < MAX_DEPTH) {
    const ordered = [...progress.filter((p) => p.newCheck), ...progress.filter((p) => !p.newCheck)];
    for (const p of ordered.slice(0, maxProgress(depth))) {
      const [rest] = search(target, p.next, p.error, depth + 1, 1, after(done, p.c), health);
      if (rest) found.push({ steps: [p.c, ...rest.steps], spec: rest.spec, cost: p.c.cost + rest.cost });
      if (found.length >= want) break;
    }
  }
  return found.sort((a, b) => a.cost - b.cost);
}

/** The changes of all steps; a key set again later keeps only its last value. */
function merged(steps: readonly Candidate[]): ConfigChange[] {
  const all = steps.flatMap((s) => s.changes);
  return all.filter((ch, i) => isLineChange(ch) || ch.set === undefined || !all.slice(i + 1).some((later) => !isLineChange(later) && later.key === ch.key));
}

/**
 * Verified fixes for a `target` configuration that fails (with `error`, or as resolving it
 * shows). Returns [] when it resolves, or when nothing close makes it resolve.
 */
export function suggestFixes(target: FixTarget, given: ResolveRequest, error?: FlinkError, options: SuggestOptions = {}): Fix[] {
  // Fixes edit the file the release reads: files by name become that file's text first.
  const req = given.files ? fieldsForRelease(given, flinkVersion(given.flink ?? NEWEST_LINE)) : given;
  const max = options.max ?? 4;
  let failure = error;
  if (!failure) {
    const o = resolveRequest(target, req);
    if (o.ok) return [];
    failure = o.error;
  }
  const out: Fix[] = [];
  const seen = new Set<string>();
  const prober = Prober.of(target, req);
  const health = prober && (target === "tm" || target === "jm") ? healthContextOf(prober.config, target) : undefined;
  for (const found of search(target, req, failure, 0, max, { removed: new Set(), set: new Set() }, health)) {
    const f = healed(target, req, found, health);
    const changes = merged(f.steps);
    const sig = signature(changes);
    if (seen.has(sig)) continue;
    seen.add(sig);
    const steps = f.steps.map((s) => s.title);
    const issues = health && f.spec && f.spec.kind !== "tm-local" ? healthIssues(f.spec, health) : [];
    out.push({
      title: steps.join("; then "),
      kind: f.steps[0]!.kind,
      steps,
      changes,
      result: { summary: summary(f.spec), ...(f.spec ? { spec: f.spec } : {}) },
      healthy: issues.length === 0,
      ...(issues.length ? { caveat: `Flink accepts this, but ${describeIssues(issues)}` } : {}),
    });
    if (out.length >= max) break;
  }
  // Healthy fixes first; among them (and among the others) the smallest change first.
  return out.filter((f) => f.healthy).concat(out.filter((f) => !f.healthy));
}

/** A found fix whose result is not healthy, with one more step that makes it so (when one does). */
function healed(target: FixTarget, req: ResolveRequest, f: Found, health: HealthContext | undefined): Found {
  let out = f;
  // Up to two sizes may need raising (e.g. the overhead's max and the total): a step each.
  for (let i = 0; i < 3; i++) {
    if (!health || !out.spec || out.spec.kind === "tm-local" || healthIssues(out.spec, health).length === 0) return out;
    const fixed = tryApply(req, merged(out.steps));
    const step = fixed ? healStep(target, fixed, health) : undefined;
    const next = step ? tryApply(fixed!, step.changes) : undefined;
    const outcome = next ? resolveRequest(target, next) : undefined;
    if (!step || !outcome?.ok) return out;
    out = { steps: [...out.steps, step], spec: outcome.spec, cost: out.cost + step.cost };
  }
  return out;
}
