/**
 * Which options an error is about, so a form can highlight them. Flink's messages name some
 * options by key and most by component ("the configured Total Process Memory size", "the
 * derived Total Flink Memory size"); both are mapped back to the options the user set.
 * @module
 */
import type { FlinkError } from "../errors.js";
import type { OptionSet } from "../options/registry.js";

/** Component words in Flink's messages → option ids, per process. */
const WORDS: Record<"tm" | "jm", [RegExp, string[]][]> = {
  tm: [
    [/Total Process Memory/, ["tm.process"]],
    [/configured Total Flink Memory|Total Flink Memory size \(/, ["tm.flink"]],
    [/Framework Heap/, ["tm.frameworkHeap"]],
    [/Task Heap/, ["tm.taskHeap", "tm.legacyHeap", "tm.legacyHeapMb"]],
    [/Managed Memory/, ["tm.managed", "tm.managedFraction"]],
    [/Framework Off-Heap/, ["tm.frameworkOffHeap"]],
    [/Task Off-Heap/, ["tm.taskOffHeap"]],
    [/Network Memory|network memory/, ["tm.networkMin", "tm.networkMax", "tm.networkFraction", "tm.numberOfBuffers", "tm.segmentSize"]],
    [/JVM Metaspace/, ["tm.metaspace"]],
    [/JVM Overhead/, ["tm.overheadMin", "tm.overheadMax", "tm.overheadFraction"]],
    [/CPU cores/, ["tm.cpuCores", "tm.slots"]],
  ],
  jm: [
    [/Total Process Memory/, ["jm.process"]],
    [/configured Total Flink Memory|Total Flink Memory size \(/, ["jm.flink"]],
    [/JVM Heap/, ["jm.heap", "jm.legacyHeap", "jm.legacyHeapMb"]],
    [/Off-heap Memory/, ["jm.offHeap"]],
    [/JVM Metaspace/, ["jm.metaspace"]],
    [/JVM Overhead/, ["jm.overheadMin", "jm.overheadMax", "jm.overheadFraction"]],
  ],
};

/** What a derived Total Flink Memory was derived from. */
const FLINK_PARTS: Record<"tm" | "jm", string[]> = {
  tm: ["tm.frameworkHeap", "tm.taskHeap", "tm.managed", "tm.frameworkOffHeap", "tm.taskOffHeap", "tm.networkMin", "tm.networkMax"],
  jm: ["jm.heap", "jm.offHeap"],
};

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Main keys of the options `error` is about, among `setKeys` (keys the user wrote). */
export function offendingKeys(error: FlinkError, process: "tm" | "jm", options: OptionSet, setKeys: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  const add = (key: string | undefined) => {
    if (key !== undefined && setKeys.has(key)) out.add(key);
  };
  const text = [error.message, ...error.causes].join("\n");
  if (error.key) add(options.byKey(error.key)?.key ?? error.key);
  for (const o of options.all) {
    for (const k of [o.key, ...o.fallbackKeys.map((f) => f.key)]) {
      if (new RegExp(`(?<![\\w.-])${escapeRe(k)}(?![\\w-]|\\.\\w)`).test(text)) add(o.key);
    }
  }
  for (const [re, ids] of WORDS[process]) if (re.test(text)) for (const id of ids) add(options.find(id)?.key);
  if (/derived Total Flink Memory/.test(text)) for (const id of FLINK_PARTS[process]) add(options.find(id)?.key);
  // "Inconsistently configured <fraction> and its min …, max …": the range is at fault.
  const range = /Inconsistently configured Key: '([\w.-]+)'/.exec(text);
  const fraction = range ? options.byKey(range[1]!) : undefined;
  if (fraction && /Fraction$/.test(fraction.id)) for (const end of ["Min", "Max"]) add(options.find(fraction.id.replace(/Fraction$/, end))?.key);
  // Flink calls a Total Flink Memory derived from the process size "configured" too: when the
  // user set no Total Flink Memory, the total they set is the one at fault.
  const flinkKey = options.find(`${process}.flink`)?.key;
  if (/Total Flink Memory/.test(text) && flinkKey && !setKeys.has(flinkKey)) add(options.find(`${process}.process`)?.key);
  return out;
}
