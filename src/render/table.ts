/**
 * A resolved process as rows: every component with bytes, a human size, its share of the
 * total process memory and where its value came from.
 * @module
 */
import type { TaskManagerSpec } from "../model/taskmanager.js";
import type { JobManagerSpec } from "../model/jobmanager.js";
import type { ComponentName, Origin, TraceEvent } from "../model/trace.js";
import { toHumanReadable } from "../size/memory-size.js";

export interface ComponentRow {
  name: ComponentName;
  label: string;
  /** Nesting depth in Flink's memory model (0 = total process). */
  depth: number;
  bytes: bigint;
  /** Share of the total process memory (a fraction); NaN where there is no total. */
  share: number;
  /** Short words: "configured", "default", "10% of total process, raised to min", "rest", "sum". */
  source: string;
  /** `share` as the page and the diagram print it (`shareText`). */
  shareText: string;
}

const LABELS: Record<ComponentName, string> = {
  totalProcess: "Total Process Memory",
  totalFlink: "Total Flink Memory",
  jvmHeap: "JVM Heap",
  frameworkHeap: "Framework Heap",
  taskHeap: "Task Heap",
  managed: "Managed Memory",
  // A TaskManager's row is its JVM direct limit (framework + task off-heap + network), the name of
  // Flink's start-up log ("Total JVM Direct Memory"); a JobManager's is its off-heap option.
  offHeap: "Off-Heap Memory",
  frameworkOffHeap: "Framework Off-Heap",
  taskOffHeap: "Task Off-Heap",
  network: "Network",
  metaspace: "JVM Metaspace",
  overhead: "JVM Overhead",
};

export const componentLabel = (c: ComponentName) => LABELS[c];

/** A TaskManager's `offHeap` row: the JVM's direct memory limit, -XX:MaxDirectMemorySize. */
export const JVM_DIRECT_LABEL = "JVM Direct Memory";

/**
 * A part's share of a total to a tenth of a percent, rounded half up from the exact bytes: the
 * one share text of the table, the diagram and the page, so they agree to the digit.
 */
export function shareText(part: bigint, total: bigint): string {
  if (total <= 0n) return "0%";
  const tenths = (part * 2000n + total) / (2n * total);
  return `${tenths / 10n}.${tenths % 10n}%`;
}

function lastOrigins(trace: readonly TraceEvent[]): Map<ComponentName, Origin> {
  const m = new Map<ComponentName, Origin>();
  for (const e of trace) if (e.kind === "component") m.set(e.name, e.origin);
  return m;
}

function percent(f: number): string {
  const p = f * 100;
  return `${Number.isInteger(p) ? p : Number(p.toPrecision(6))}%`;
}

/** Short words for where a value came from. */
export function describeOrigin(o: Origin | undefined): string {
  if (!o) return "derived";
  switch (o.how) {
    case "configured":
      return o.key === o.optionKey ? "configured" : `configured (${o.key})`;
    case "default":
      return "default";
    case "fraction": {
      const base = o.baseName === "totalProcess" ? "total process" : o.baseName === "totalFlink" ? "total Flink" : "the rest";
      const f = o.inverse ? `${percent(o.fraction)} of total Flink (inverse)` : `${percent(o.fraction)} of ${base}`;
      return o.capped ? `${f}, capped to ${o.capped}` : f;
    }
    case "rest":
      return "the rest";
    case "sum":
      return "sum";
    case "legacy-buffers":
      return `${o.buffers} legacy buffers`;
    case "legacy-heap":
      return `legacy ${o.legacyKey}`;
    case "local":
      return o.reason;
  }
}

function rows(spec: TaskManagerSpec | JobManagerSpec, layout: [ComponentName, number, bigint][], trace: readonly TraceEvent[]): ComponentRow[] {
  const origins = lastOrigins(trace);
  const total = Number(spec.totalProcess) || 1;
  return layout.map(([name, depth, bytes]) => ({
    name,
    label: spec.kind === "tm" && name === "offHeap" ? JVM_DIRECT_LABEL : LABELS[name],
    depth,
    bytes,
    share: Number(bytes) / total,
    shareText: shareText(bytes, spec.totalProcess),
    source: describeOrigin(origins.get(name)),
  }));
}

/** Rows of a TaskManager in Flink's memory-model order. */
export function taskManagerRows(spec: TaskManagerSpec, trace: readonly TraceEvent[] = []): ComponentRow[] {
  return rows(spec, [
    ["totalProcess", 0, spec.totalProcess],
    ["totalFlink", 1, spec.totalFlink],
    ["jvmHeap", 2, spec.jvmHeap],
    ["frameworkHeap", 3, spec.frameworkHeap],
    ["taskHeap", 3, spec.taskHeap],
    ["managed", 2, spec.managed],
    ["offHeap", 2, spec.jvmDirect],
    ["frameworkOffHeap", 3, spec.frameworkOffHeap],
    ["taskOffHeap", 3, spec.taskOffHeap],
    ["network", 3, spec.network],
    ["metaspace", 1, spec.metaspace],
    ["overhead", 1, spec.overhead],
  ], trace);
}

/** Rows of a JobManager in Flink's memory-model order. */
export function jobManagerRows(spec: JobManagerSpec, trace: readonly TraceEvent[] = []): ComponentRow[] {
  return rows(spec, [
    ["totalProcess", 0, spec.totalProcess],
    ["totalFlink", 1, spec.totalFlink],
    ["jvmHeap", 2, spec.jvmHeap],
    ["offHeap", 2, spec.offHeap],
    ["metaspace", 1, spec.metaspace],
    ["overhead", 1, spec.overhead],
  ], trace);
}

/** A short human size: "1.250 GiB", "128 MiB", "0 B". */
export function shortSize(bytes: bigint): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
  let i = 0;
  let v = Number(bytes);
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  if (i === 0) return `${bytes} B`;
  const s = Number.isInteger(v) ? String(v) : v.toFixed(v >= 100 ? 1 : v >= 10 ? 2 : 3).replace(/0+$/, "").replace(/\.$/, "");
  return `${s} ${units[i]}`;
}

/** Plain-text table of rows. */
export function formatTable(r: readonly ComponentRow[]): string {
  const lines = r.map((x) => [
    "  ".repeat(x.depth) + x.label,
    String(x.bytes),
    shortSize(x.bytes),
    // No share where there is no total to share (local execution before Flink computed one).
    x.shareText,
    x.source,
  ]);
  const head = ["Component", "Bytes", "Size", "Share", "Source"];
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cols: string[]) =>
    cols.map((c, i) => (i === 1 || i === 2 || i === 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [fmt(head), ...lines.map(fmt)].join("\n");
}

export { toHumanReadable };
