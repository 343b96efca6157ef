/**
 * A local run (MiniCluster) as the same rows as a TaskManager: the components Flink assumes
 * for the TaskManager inside the client JVM, and what it assumes about them.
 * @module
 */
import type { LocalSpec } from "../model/local.js";
import type { ComponentName, Origin, TraceEvent } from "../model/trace.js";
import { componentLabel, describeOrigin, JVM_DIRECT_LABEL, shareText, type ComponentRow } from "./table.js";

function components(trace: readonly TraceEvent[]): Map<ComponentName, { value: bigint; origin: Origin }> {
  const m = new Map<ComponentName, { value: bigint; origin: Origin }>();
  for (const e of trace) if (e.kind === "component") m.set(e.name, { value: e.value, origin: e.origin });
  return m;
}

/**
 * Rows in the TaskManager's memory-model order. Releases that compute local totals (from
 * 1.12.5) get the whole tree with shares of the total; older ones only the four parts of
 * their resource spec, with no share (Flink computes no total there).
 */
export function localRows(spec: LocalSpec, trace: readonly TraceEvent[]): ComponentRow[] {
  const seen = components(trace);
  const row = (name: ComponentName, depth: number, bytes: bigint, origin: Origin | undefined): ComponentRow => ({
    name,
    label: name === "offHeap" ? JVM_DIRECT_LABEL : componentLabel(name),
    depth,
    bytes,
    share: spec.totalProcess ? Number(bytes) / Number(spec.totalProcess) : NaN,
    shareText: spec.totalProcess ? shareText(bytes, spec.totalProcess) : "",
    source: describeOrigin(origin),
  });
  const part = (name: ComponentName, depth: number, bytes?: bigint) => {
    const c = seen.get(name);
    return row(name, depth, bytes ?? c?.value ?? 0n, c?.origin);
  };
  const frameworkHeap = seen.get("frameworkHeap")?.value;
  const frameworkOffHeap = seen.get("frameworkOffHeap")?.value;
  if (spec.totalProcess === undefined || spec.totalFlink === undefined || frameworkHeap === undefined || frameworkOffHeap === undefined) {
    return [part("taskHeap", 0, spec.taskHeap), part("managed", 0, spec.managed), part("taskOffHeap", 0, spec.taskOffHeap), part("network", 0, spec.network)];
  }
  const sum = { how: "sum" } as const;
  return [
    part("totalProcess", 0, spec.totalProcess),
    part("totalFlink", 1, spec.totalFlink),
    row("jvmHeap", 2, frameworkHeap + spec.taskHeap, { ...sum, parts: ["frameworkHeap", "taskHeap"] }),
    part("frameworkHeap", 3),
    part("taskHeap", 3, spec.taskHeap),
    part("managed", 2, spec.managed),
    row("offHeap", 2, frameworkOffHeap + spec.taskOffHeap + spec.network, { ...sum, parts: ["frameworkOffHeap", "taskOffHeap", "network"] }),
    part("frameworkOffHeap", 3),
    part("taskOffHeap", 3, spec.taskOffHeap),
    part("network", 3, spec.network),
    part("metaspace", 1),
    part("overhead", 1),
  ];
}

/**
 * What the numbers assume, one line each: the run is inside the client JVM, whose own -Xmx
 * bounds the heap; unset task memory is unbounded; the options Flink drops locally.
 */
export function localAssumptions(spec: LocalSpec): string[] {
  const out = [
    "The job runs inside the client JVM (IDE, tests, MiniCluster): its real heap is the -Xmx that JVM",
    "was started with; these are the sizes Flink's slots and memory managers assume.",
    `CPU cores: ${spec.cpuCores.text}`,
  ];
  if (spec.extendedResources?.length) out.push(`External resources: ${spec.extendedResources.map((r) => `${r.name} ${r.amount}`).join(", ")}`);
  if (spec.ignoredKeys.length > 0) out.push(`Ignored locally (no effect on a MiniCluster): ${spec.ignoredKeys.join(", ")}`);
  return out;
}
