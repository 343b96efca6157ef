/**
 * A configuration pasted as such (the JobManager's "Configuration" table, REST
 * `/jobmanager/config`, the log's "Loading configuration property" lines): when it sizes a
 * process and nothing else in the paste states that process's layout, the engine resolves it
 * and the layout it gives is reported, or Flink's refusal when it would not start.
 * @module
 */
import { FlinkError } from "../errors.js";
import { resolveJobManager, resolveTaskManager } from "../resolve.js";
import type { Evidence } from "./evidence.js";
import { finding, type Finding, type ProcessKind } from "./finding.js";

/** Keys that size a process on their own (a total or a heap). */
export const SIZE_KEY = /\.memory\.(?:process\.size|flink\.size|heap\.size|task\.heap\.size)$|\.heap\.(?:size|mb)$/;

const TM_PARTS = ["totalProcess", "totalFlink", "frameworkHeap", "taskHeap", "frameworkOffHeap", "taskOffHeap", "network", "managed", "metaspace", "overhead"] as const;
const JM_PARTS = ["totalProcess", "totalFlink", "jvmHeap", "offHeap", "metaspace", "overhead"] as const;

function linesWith(ev: Evidence, keys: readonly string[]): number[] {
  return ev.lines.filter((l) => keys.some((k) => l.text.includes(k))).map((l) => l.number);
}

/** Layout findings for the processes the pasted options size (`have`: processes already laid out). */
export function configDumpLayouts(ev: Evidence, options: readonly [string, string][], flink: string, have: ReadonlySet<ProcessKind>): Finding[] {
  const out: Finding[] = [];
  for (const process of ["taskmanager", "jobmanager"] as const) {
    if (have.has(process)) continue;
    const own = options.filter(([k]) => k.startsWith(`${process}.`));
    if (!own.some(([k]) => SIZE_KEY.test(k))) continue;
    const lines = linesWith(ev, own.map(([k]) => k));
    const f = finding("memory-layout", "memory options in the paste (configuration)", lines.length > 0 ? lines : [1], { process });
    const dynamic = [...options];
    try {
      const spec = process === "taskmanager" ? resolveTaskManager({ flink, dynamic, trace: false }).spec : resolveJobManager({ flink, dynamic, trace: false }).spec;
      const s = spec as unknown as Record<string, bigint>;
      for (const p of process === "taskmanager" ? TM_PARTS : JM_PARTS) if (typeof s[p] === "bigint") f.numbers[p] = String(s[p]);
      f.rebuilt = { flink, settings: dynamic, matches: true, detail: `The engine resolves these options (Flink ${flink}; options the paste does not show at their defaults).` };
    } catch (e) {
      if (!(e instanceof FlinkError)) throw e;
      f.notes.push(`Flink ${flink} refuses these options: ${e.message}`);
    }
    out.push(f);
  }
  return out;
}
