/**
 * Runs fuzz targets with fast-check: seeded, shrinking, timing every input against the 50 ms bound.
 * @module
 */
import fc from "fast-check";
import type { FuzzTarget } from "./targets.js";

/** No input may take longer than this (milliseconds). */
export const TIME_LIMIT_MS = 50;
/** A slow input is measured again this many times before it counts (GC and JIT pauses). */
export const REMEASURE = 3;
/**
 * An input still slow after `REMEASURE` tries is measured again at the end of the target's run:
 * the first inputs run on code the JIT has not compiled yet (deep recursion is many times slower
 * there), and other processes on a shared machine cause bursts of load.
 */

export interface TargetReport {
  name: string;
  runs: number;
  violations: number;
  seconds: number;
  inputsPerSecond: number;
  /** Slowest input, after re-measuring slow ones (ms). */
  maxMs: number;
  seed: number;
  /** fast-check's report of the shrunk counterexample, when there is a violation. */
  failure?: string;
  /** Inputs slower than the bound on the first try that were fast when measured again. */
  remeasured: number;
}

const now = () => performance.now();

function describeInput(input: unknown): string {
  try {
    return fc.stringify(input).slice(0, 2000);
  } catch {
    return String(input);
  }
}

/**
 * Runs `target` for `runs` inputs from `seed`. A violation is an invariant the target checks,
 * an untyped error, or an input slower than `TIME_LIMIT_MS` on `1 + REMEASURE` tries.
 */
export async function runTarget(target: FuzzTarget<never>, runs: number, seed: number, log: (s: string) => void = () => {}): Promise<TargetReport> {
  let count = 0;
  let maxMs = 0;
  let remeasured = 0;
  const isAsync = target.run.constructor.name === "AsyncFunction";
  const deferred: never[] = [];

  const slow = (input: never, first: number): number => {
    log(`  [${target.name}] slow input (${first.toFixed(1)} ms), measuring again: ${describeInput(input).slice(0, 300)}`);
    return first;
  };

  const syncCheck = (input: never): void => {
    count++;
    let t = now();
    target.run(input);
    let ms = now() - t;
    if (ms > TIME_LIMIT_MS) {
      slow(input, ms);
      for (let i = 0; i < REMEASURE && ms > TIME_LIMIT_MS; i++) {
        t = now();
        target.run(input);
        ms = Math.min(ms, now() - t);
      }
      if (ms > TIME_LIMIT_MS) {
        // Cold code or a burst of load from other processes on a shared machine: measured again
        // at the end, after a pause, and a violation only if it is still slow then.
        deferred.push(input);
        return;
      }
      remeasured++;
    }
    if (ms > maxMs) maxMs = ms;
  };

  const asyncCheck = async (input: never): Promise<void> => {
    count++;
    let t = now();
    await target.run(input);
    let ms = now() - t;
    if (ms > TIME_LIMIT_MS) {
      slow(input, ms);
      for (let i = 0; i < REMEASURE && ms > TIME_LIMIT_MS; i++) {
        t = now();
        await target.run(input);
        ms = Math.min(ms, now() - t);
      }
      if (ms > TIME_LIMIT_MS) {
        // Cold code or a burst of load from other processes on a shared machine: measured again
        // at the end, after a pause, and a violation only if it is still slow then.
        deferred.push(input);
        return;
      }
      remeasured++;
    }
    if (ms > maxMs) maxMs = ms;
  };

  const start = now();
  const params = { numRuns: runs, seed, endOnFailure: false, interruptAfterTimeLimit: undefined } as const;
  const details = isAsync
    ? await fc.check(fc.asyncProperty(target.arbitrary, asyncCheck), params)
    : fc.check(fc.property(target.arbitrary, syncCheck), params);
  // Inputs slow while the code was cold, measured again now that it is warm.
  let lateFailure: string | undefined;
  for (const input of deferred) {
    await new Promise((r) => setTimeout(r, 200));
    let ms = Infinity;
    for (let i = 0; i <= REMEASURE && ms > TIME_LIMIT_MS; i++) {
      const t = now();
      await target.run(input);
      ms = Math.min(ms, now() - t);
    }
    if (ms > TIME_LIMIT_MS) {
      lateFailure ??= `Violation: took ${ms.toFixed(1)} ms (limit ${TIME_LIMIT_MS} ms), also when warm (seed ${seed}); input: ${describeInput(input)}`;
    } else {
      remeasured++;
      if (ms > maxMs) maxMs = ms;
    }
  }
  const seconds = (now() - start) / 1000;
  const report: TargetReport = {
    name: target.name,
    runs: details.numRuns,
    violations: (details.failed ? 1 : 0) + (lateFailure ? 1 : 0),
    seconds,
    inputsPerSecond: count / Math.max(seconds, 1e-9),
    maxMs,
    seed,
    remeasured,
  };
  if (lateFailure) report.failure = lateFailure;
  if (details.failed) {
    const e = details.errorInstance;
    const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    report.failure = `${why}\n${fc.defaultReportMessage(details) ?? "failed"}`;
  }
  return report;
}

export function formatReport(r: TargetReport): string {
  const base = `${r.name.padEnd(12)} runs ${String(r.runs).padStart(9)}  violations ${r.violations}  ${Math.round(r.inputsPerSecond).toString().padStart(7)} inputs/s  max ${r.maxMs.toFixed(1).padStart(5)} ms/input  ${r.seconds.toFixed(1)} s  seed ${r.seed}${r.remeasured ? `  (${r.remeasured} slow first tries re-measured under ${TIME_LIMIT_MS} ms)` : ""}`;
  return r.failure ? `${base}\n${r.failure}` : base;
}
