/**
 * The floors of `healthy.ts` as sizing goals and settings: what `size` and `fit` ask of the
 * engine on top of the user's own goals, and the key changes that give JVM overhead what the
 * JVM needs. The state backend decides managed memory: RocksDB needs it; the hashmap backend
 * keeps state on the heap, so managed memory goes to 0 (unless the user sized it) and the heap
 * floor doubles.
 * @module
 */
import type { Configuration } from "../config/configuration.js";
import type { ConfigOption } from "../options/types.js";
import { overheadNeeded } from "../lint/overhead-heuristic.js";
import { shortSize } from "../render/table.js";
import { MiB } from "../size/memory-size.js";
import type { KeyChange } from "../fix/changes.js";
import { flinkSizeText } from "../fix/search.js";
import { healthContextOf, JM_MIN_HEAP, taskHeapFloor, taskHeapFloorPerSlot, type HealthContext, type StateBackend } from "./healthy.js";
import type { SizingGoals, SizingTarget } from "./goals.js";

export interface SizingOptions {
  /** The job's state backend when the configuration does not name it. */
  stateBackend?: StateBackend;
}

export interface HealthyGoals {
  health: HealthContext;
  /** The user's goals with the floors (and the hashmap backend's managed size) added. */
  goals: SizingGoals;
  notes: string[];
}

const max = (a: bigint | undefined, b: bigint) => (a === undefined || a < b ? b : a);

/** The user's goals raised to the healthy floors, for `config` (the user's configuration). */
export function healthyGoals(target: SizingTarget, config: Configuration, goals: SizingGoals, opts: SizingOptions = {}): HealthyGoals {
  const health = healthContextOf(config, target, { ...(goals.slots !== undefined ? { slots: goals.slots } : {}), ...(opts.stateBackend ? { backend: opts.stateBackend } : {}) });
  const notes: string[] = [];
  if (target === "jm") {
    if (goals.minJvmHeap === undefined || goals.minJvmHeap < JM_MIN_HEAP) notes.push(`JVM heap at least ${shortSize(JM_MIN_HEAP)}: Flink's recommended minimum for a JobManager`);
    return { health, goals: { ...goals, minJvmHeap: max(goals.minJvmHeap, JM_MIN_HEAP) }, notes };
  }
  const floor = taskHeapFloor(health);
  const out: SizingGoals = { ...goals, minTaskHeap: max(goals.minTaskHeap, floor) };
  if (goals.minTaskHeap === undefined || goals.minTaskHeap < floor) {
    notes.push(`task heap at least ${shortSize(taskHeapFloorPerSlot(health.backend))} per slot (${health.slots} slot${health.slots === 1 ? "" : "s"}): our floor for room to work${health.backend === "hashmap" ? ", doubled because the hashmap state backend keeps state on the heap" : ""}`);
  }
  const managedSized = goals.managedFraction !== undefined || goals.minManaged !== undefined || health.asked.has("tm.managed");
  if (health.backend === "hashmap" && !managedSized) {
    out.managedSize = "0";
    notes.push("managed memory 0: the hashmap state backend keeps state on the heap (pass --managed-fraction if the job runs batch operators or Python)");
  }
  if (health.backend === undefined) notes.push("state backend not named (state.backend.type, or --state-backend): managed memory kept for RocksDB or batch operators; with --state-backend hashmap it goes to the heap");
  return { health, goals: out, notes };
}

/** The memory option's key as configured (else its main key) and value, if it reads. */
export function memoryOption(config: Configuration, id: string): { key: string; value: bigint; set: boolean } | undefined {
  const option = config.options.find(id) as ConfigOption<"memory"> | undefined;
  if (!option || option.type !== "memory") return undefined;
  try {
    const value = config.get(option);
    return value === undefined ? undefined : { key: config.lookup(option)?.key ?? option.key, value, set: config.contains(option) };
  } catch {
    return undefined;
  }
}

/** Whole MiB at or above `bytes`. */
export const ceilMiB = (bytes: bigint) => ((bytes + MiB - 1n) / MiB) * MiB;

/**
 * The JVM overhead's min (and max, when below) set to what the JVM needs for a process with this
 * metaspace and heap, in whole MiB; [] when the options are missing.
 */
export function overheadChanges(target: SizingTarget, config: Configuration, health: HealthContext, s: { metaspace: bigint; jvmHeap: bigint }): KeyChange[] {
  const min = memoryOption(config, `${target}.overheadMin`);
  const mx = memoryOption(config, `${target}.overheadMax`);
  if (!min || !mx) return [];
  const need = ceilMiB(overheadNeeded(target, { slots: health.slots, metaspace: s.metaspace, jvmHeap: s.jvmHeap }).total);
  return [{ key: min.key, set: flinkSizeText(need) }, ...(mx.value < need ? [{ key: mx.key, set: flinkSizeText(need) }] : [])];
}
