/**
 * The `-D key=value` string Flink hands to the started process with the resolved sizes.
 * Its key order is a Java `HashMap`'s iteration order, which we compute, not list.
 * @module
 */
import { javaHashMapOrder } from "../java/hash-map.js";
import { has } from "../versions/features.js";
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

/** Key orders per version line, for TaskManagers without external resources (the usual case). */
const TM_ORDERS = new Map<string, readonly number[]>();

export function taskManagerDynamicConfigs(spec: TaskManagerSpec, version: FlinkVersion): string {
  const pairs = taskManagerDynamicPairs(spec, version);
  const joined = has(version, "dynamicConfigsJoined");
  if ((spec.extendedResources?.length ?? 0) > 0) return assembleDynamicConfigs(pairs, version);
  let order = TM_ORDERS.get(version.key);
  if (!order) TM_ORDERS.set(version.key, (order = pairOrder(pairs.map(([k]) => k))));
  return joinInOrder(pairs, order, joined);
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
