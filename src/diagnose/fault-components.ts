/**
 * The memory-model components a finding is about, as the diagram names them, so a page can
 * point at the part at fault.
 * @module
 */
import type { ComponentName } from "../model/trace.js";
import type { Finding } from "./finding.js";

/** Words of a finding's component, most specific first. */
const WORDS: [RegExp, ComponentName[], ComponentName[]][] = [
  // [words, TaskManager components, JobManager components]
  [/batch shuffle|framework off-heap/i, ["frameworkOffHeap"], []],
  [/task off-heap/i, ["taskOffHeap"], []],
  [/off-heap|direct/i, ["taskOffHeap"], ["offHeap"]],
  [/network/i, ["network"], []],
  [/managed/i, ["managed"], []],
  [/metaspace/i, ["metaspace"], ["metaspace"]],
  [/overhead/i, ["overhead"], ["overhead"]],
  [/framework heap/i, ["frameworkHeap"], []],
  [/task heap/i, ["taskHeap"], ["jvmHeap"]],
  [/heap/i, ["taskHeap"], ["jvmHeap"]],
];

/** The components of `process` a finding points at (none for layouts and other programs). */
export function faultComponents(f: Finding, process: "taskmanager" | "jobmanager"): ComponentName[] {
  if (f.kind === "memory-layout" || f.kind === "not-flink-memory") return [];
  if (f.process && f.process !== process) return [];
  // A kill is native memory outside Flink's budget: the room for it is JVM overhead.
  if (f.kind === "container-killed") return ["overhead"];
  const words = f.component ?? "";
  for (const [re, tm, jm] of WORDS) if (re.test(words)) return process === "taskmanager" ? tm : jm;
  return [];
}
