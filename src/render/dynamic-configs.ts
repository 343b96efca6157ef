/**
 * The `-D key=value` string Flink hands to the started process with the resolved sizes.
 * Its key order is a Java `HashMap`'s iteration order, which we compute, not list.
 * @module
 */
import { javaHashMapOrder } from "../java/hash-map.js";
import { has } from "../versions/features.js";
import { FieldText } from "./field-text.js";
import type { FlinkVersion } from "../versions/version.js";
import type { TaskManagerSpec } from "../model/taskmanager.js";
import type { JobManagerSpec } from "../model/jobmanager.js";

/** Entries in the order Flink's code puts them into its map. */
export type ConfigPairs = [string, string][];

/** Joins pairs in HashMap order: `-D k=v` separated by spaces (1.10/1.11 left a trailing space). */
export function assembleDynamicConfigs(pairs: ConfigPairs, version: FlinkVersion): string {
  return joinInOrder(pairs, pairOrder(pairs.map(([k]) => k)), has(version, "dynamicConfigsJoined"));
}

/** For each key in HashMap order, the index of its pair: a key put twice keeps its first position and its last value. */
function pairOrder(keys: readonly string[]): number[] {
  return javaHashMapOrder(keys).map((k) => keys.lastIndexOf(k));
}

function joinInOrder(pairs: ConfigPairs, order: readonly number[], joined: boolean): string {
  let out = "";
  for (let i = 0; i < order.length; i++) {
    const [k, v] = pairs[order[i]!]!;
    out += joined ? (i > 0 ? " -D " : "-D ") + k + "=" + v : "-D " + k + "=" + v + " ";
  }
  return out;
}

/** `TaskExecutorProcessUtils.generateDynamicConfigsStr`, as pairs in insertion order. */
export function taskManagerDynamicPairs(spec: TaskManagerSpec, version: FlinkVersion): ConfigPairs {
  const b = (v: bigint) => `${v}b`;
  const pairs: ConfigPairs = [
    ["taskmanager.cpu.cores", spec.cpuCores.text],
    ["taskmanager.memory.framework.heap.size", b(spec.frameworkHeap)],
    ["taskmanager.memory.framework.off-heap.size", b(spec.frameworkOffHeap)],
    ["taskmanager.memory.task.heap.size", b(spec.taskHeap)],
    ["taskmanager.memory.task.off-heap.size", b(spec.taskOffHeap)],
    ["taskmanager.memory.network.min", b(spec.network)],
    ["taskmanager.memory.network.max", b(spec.network)],
    ["taskmanager.memory.managed.size", b(spec.managed)],
  ];
  if (has(version, "taskManagerDynamicConfigsJvm")) {
    pairs.push(
      ["taskmanager.memory.jvm-metaspace.size", b(spec.metaspace)],
      ["taskmanager.memory.jvm-overhead.min", b(spec.overhead)],
      ["taskmanager.memory.jvm-overhead.max", b(spec.overhead)],
    );
  }
  if (has(version, "taskManagerSpecSlots")) pairs.push(["taskmanager.numberOfTaskSlots", String(spec.numSlots)]);
  if (has(version, "taskManagerExternalResources")) {
    const resources = spec.extendedResources ?? [];
    if (resources.length > 0) {
      const names = resources.map((r) => r.name).join(";");
      pairs.push(["external-resources", has(version, "externalResourceListQuoted") ? `"${names}"` : names]);
      for (const r of resources) pairs.push([`external-resource.${r.name}.amount`, String(r.longValue)]);
    } else {
      pairs.push(["external-resources", "none"]);
    }
  }
  return pairs;
}

/**
 * For a version line, TaskManagers without external resources (the usual case): each pair's
 * `-D key=` text in HashMap order, and which value goes there.
 */
interface TaskManagerLayout {
  heads: readonly string[];
  /** Index into the values of `taskManagerValues`, per position. */
  values: readonly number[];
  joined: boolean;
}

const TM_LAYOUTS = new Map<string, TaskManagerLayout>();

function taskManagerLayout(spec: TaskManagerSpec, version: FlinkVersion): TaskManagerLayout {
  let layout = TM_LAYOUTS.get(version.key);
  if (!layout) {
    const pairs = taskManagerDynamicPairs(spec, version);
    const order = pairOrder(pairs.map(([k]) => k));
    const joined = has(version, "dynamicConfigsJoined");
    const heads = order.map((i, n) => (joined && n > 0 ? " -D " : "-D ") + pairs[i]![0] + "=");
    TM_LAYOUTS.set(version.key, (layout = { heads, values: order, joined }));
  }
  return layout;
}

const FIELDS = {
  frameworkHeap: new FieldText("b"),
  frameworkOffHeap: new FieldText("b"),
  taskHeap: new FieldText("b"),
  taskOffHeap: new FieldText("b"),
  network: new FieldText("b"),
  managed: new FieldText("b"),
  metaspace: new FieldText("b"),
  overhead: new FieldText("b"),
};

/** The values of `taskManagerDynamicPairs` (no external resources), each size printed once. */
function taskManagerValues(spec: TaskManagerSpec): string[] {
  const network = FIELDS.network.of(spec.network);
  const overhead = FIELDS.overhead.of(spec.overhead);
  return [
    spec.cpuCores.text,
    FIELDS.frameworkHeap.of(spec.frameworkHeap),
    FIELDS.frameworkOffHeap.of(spec.frameworkOffHeap),
    FIELDS.taskHeap.of(spec.taskHeap),
    FIELDS.taskOffHeap.of(spec.taskOffHeap),
    network,
    network,
    FIELDS.managed.of(spec.managed),
    FIELDS.metaspace.of(spec.metaspace),
    overhead,
    overhead,
    String(spec.numSlots),
    "none",
  ];
}

export function taskManagerDynamicConfigs(spec: TaskManagerSpec, version: FlinkVersion): string {
  if ((spec.extendedResources?.length ?? 0) > 0) return assembleDynamicConfigs(taskManagerDynamicPairs(spec, version), version);
  const { heads, values, joined } = taskManagerLayout(spec, version);
  // The value list is the pair list's (same positions); versions without the JVM pairs or slots
  // shift the later ones, so the layout's indexes come from the real pairs, mapped here.
  const all = taskManagerValues(spec);
  const map = valuePositions(version);
  let out = "";
  for (let n = 0; n < heads.length; n++) out += joined ? heads[n]! + all[map[values[n]!]!]! : heads[n]! + all[map[values[n]!]!]! + " ";
  return out;
}

const POSITIONS = new Map<string, readonly number[]>();

/** For each pair position of this version, its index in `taskManagerValues`. */
function valuePositions(version: FlinkVersion): readonly number[] {
  let positions = POSITIONS.get(version.key);
  if (!positions) {
    const p = [0, 1, 2, 3, 4, 5, 6, 7];
    if (has(version, "taskManagerDynamicConfigsJvm")) p.push(8, 9, 10);
    if (has(version, "taskManagerSpecSlots")) p.push(11);
    if (has(version, "taskManagerExternalResources")) p.push(12);
    POSITIONS.set(version.key, (positions = p));
  }
  return positions;
}

/** `JobManagerProcessUtils.generateDynamicConfigsStr` (1.12+). */
export function jobManagerDynamicPairs(spec: JobManagerSpec): ConfigPairs {
  const b = (v: bigint) => `${v}b`;
  return [
    ["jobmanager.memory.heap.size", b(spec.jvmHeap)],
    ["jobmanager.memory.off-heap.size", b(spec.jvmDirect)],
    ["jobmanager.memory.jvm-metaspace.size", b(spec.metaspace)],
    ["jobmanager.memory.jvm-overhead.min", b(spec.overhead)],
    ["jobmanager.memory.jvm-overhead.max", b(spec.overhead)],
  ];
}

export function jobManagerDynamicConfigs(spec: JobManagerSpec, version: FlinkVersion): string {
  return assembleDynamicConfigs(jobManagerDynamicPairs(spec), version);
}
