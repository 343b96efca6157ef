/**
 * What a sizing asks for: settings to write (slots, managed fraction) and least sizes the
 * resolved process must have. Shared by `fit` (given a container) and `inverse` (given the
 * parts); both express their answer as key changes on top of the user's configuration.
 * @module
 */
import type { JobManagerSpec } from "../model/jobmanager.js";
import type { TaskManagerSpec } from "../model/taskmanager.js";
import type { ResolvedSpec } from "../fix/probe.js";
import type { KeyChange } from "../fix/changes.js";
import { optionsFor } from "../options/registry.js";
import { shortSize } from "../render/table.js";
import { flinkVersion, NEWEST_LINE } from "../versions/version.js";

export type SizingTarget = "tm" | "jm";

export interface SizingGoals {
  /** `taskmanager.numberOfTaskSlots` to write. */
  slots?: number;
  /** `taskmanager.memory.managed.fraction` to write, as text (e.g. "0.4"). */
  managedFraction?: string;
  /** `taskmanager.memory.managed.size` to write (e.g. "0" for the hashmap state backend). */
  managedSize?: string;
  /** More keys to write: the JVM overhead and metaspace a healthy answer needs. */
  extra?: KeyChange[];
  /** Least task heap of the whole TaskManager, in bytes. */
  minTaskHeap?: bigint;
  /** Least managed memory of the whole TaskManager. */
  minManaged?: bigint;
  /** Least network memory of the whole TaskManager. */
  minNetwork?: bigint;
  /** Least JVM heap (JobManager: its heap; TaskManager: framework + task heap). */
  minJvmHeap?: bigint;
  /** Least off-heap memory of a JobManager. */
  minOffHeap?: bigint;
}

/** Goals given per slot, for a TaskManager of `slots` slots. */
export function perSlotGoals(slots: number, perSlot: { taskHeap?: bigint; managed?: bigint; network?: bigint }, rest: SizingGoals = {}): SizingGoals {
  const n = BigInt(slots);
  return {
    ...rest,
    slots,
    ...(perSlot.taskHeap !== undefined ? { minTaskHeap: perSlot.taskHeap * n } : {}),
    ...(perSlot.managed !== undefined ? { minManaged: perSlot.managed * n } : {}),
    ...(perSlot.network !== undefined ? { minNetwork: perSlot.network * n } : {}),
  };
}

/** The key of an option (by id) in the request's Flink version, if the version has it. */
export function keyOf(flink: string | undefined, id: string): string | undefined {
  return optionsFor(flinkVersion(flink ?? NEWEST_LINE)).find(id)?.key;
}

/** The settings of the goals as key changes. */
export function settingChanges(target: SizingTarget, flink: string | undefined, goals: SizingGoals): KeyChange[] {
  const out: KeyChange[] = [];
  if (target === "tm") {
    if (goals.slots !== undefined) out.push({ key: keyOf(flink, "tm.slots")!, set: String(goals.slots) });
    if (goals.managedFraction !== undefined) out.push({ key: keyOf(flink, "tm.managedFraction")!, set: goals.managedFraction });
    if (goals.managedSize !== undefined) out.push({ key: keyOf(flink, "tm.managed")!, set: goals.managedSize });
  }
  return [...out, ...(goals.extra ?? [])];
}

export interface Shortfall {
  what: string;
  wanted: bigint;
  got: bigint;
}

/** The goals a resolved spec misses (empty: all met). */
export function shortfalls(spec: ResolvedSpec | undefined, goals: SizingGoals): Shortfall[] {
  if (!spec || spec.kind === "tm-local") return [{ what: "a resolved process", wanted: 1n, got: 0n }];
  const out: Shortfall[] = [];
  const check = (what: string, wanted: bigint | undefined, got: bigint) => {
    if (wanted !== undefined && got < wanted) out.push({ what, wanted, got });
  };
  if (spec.kind === "tm") {
    const s = spec as TaskManagerSpec;
    check("task heap", goals.minTaskHeap, s.taskHeap);
    check("managed memory", goals.minManaged, s.managed);
    check("network memory", goals.minNetwork, s.network);
    check("JVM heap", goals.minJvmHeap, s.jvmHeap);
  } else {
    const s = spec as JobManagerSpec;
    check("JVM heap", goals.minJvmHeap, s.jvmHeap);
    check("off-heap memory", goals.minOffHeap, s.offHeap);
  }
  return out;
}

export const describeShortfall = (s: Shortfall) => `${s.what} ${shortSize(s.got)} (${s.got} bytes) is below the wanted ${shortSize(s.wanted)} (${s.wanted} bytes)`;
