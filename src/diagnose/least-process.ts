/**
 * The least `taskmanager.memory.process.size` (bytes, Flink's defaults otherwise) at which a
 * resolved TaskManager's part reaches a value. Parts that grow with the process size (network,
 * the direct limit) let a paste's number be traced back to the process sizes that give it.
 * @module
 */
import type { TaskManagerSpec } from "../model/taskmanager.js";
import { resolveTaskManager } from "../resolve.js";
import { MAX_BYTES, MiB } from "../size/memory-size.js";

/** The part of a TaskManager of `process` bytes with defaults otherwise; -1 when Flink refuses it. */
export function partAt(flink: string, process: bigint, part: (s: TaskManagerSpec) => bigint): bigint {
  try {
    return part(resolveTaskManager({ flink, dynamic: [["taskmanager.memory.process.size", `${process}b`]], trace: false }).spec);
  } catch {
    return -1n;
  }
}

/** Doubles, then bisects: the least process size whose part is at least `value`. */
export function leastProcessSize(flink: string, value: bigint, part: (s: TaskManagerSpec) => bigint): bigint | undefined {
  let lo = 0n;
  let hi = 1024n * MiB;
  while (partAt(flink, hi, part) < value) {
    if (hi >= MAX_BYTES / 4n) return undefined;
    lo = hi;
    hi *= 2n;
  }
  while (hi - lo > 1n) {
    const mid = lo + (hi - lo) / 2n;
    if (partAt(flink, mid, part) >= value) hi = mid;
    else lo = mid;
  }
  return hi;
}
