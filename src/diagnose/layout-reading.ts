/**
 * Reads what a paste says about a running process's memory: the start-up block
 * ("Final TaskExecutor/Master Memory configuration:"), `TaskExecutorProcessSpec {…}` and
 * `WorkerResourceSpec {…}`, a REST `memoryConfiguration`, JVM flags and memory `-D` dynamic
 * configs. Only memory keys are ever kept: a launch line carries other keys' values (secrets).
 * @module
 */
import { optionsFor } from "../options/registry.js";
import { SUPPORTED_LINES } from "../versions/version.js";
import type { Evidence } from "./evidence.js";
import type { ProcessKind } from "./finding.js";
import { hits } from "./match.js";
import { processOfCommand } from "./recognise-container.js";

export type TmPart = "totalProcess" | "totalFlink" | "frameworkHeap" | "taskHeap" | "frameworkOffHeap" | "taskOffHeap" | "network" | "managed" | "metaspace" | "overhead";
export type JmPart = "totalProcess" | "totalFlink" | "jvmHeap" | "offHeap" | "metaspace" | "overhead";

export interface LayoutReading {
  process: ProcessKind;
  template: string;
  lines: number[];
  /** Component sizes the paste states (TaskManager or JobManager parts). */
  parts: Partial<Record<TmPart | JmPart, bigint>>;
  /** `-Xmx`, `-XX:MaxDirectMemorySize`, `-XX:MaxMetaspaceSize` when given. */
  jvm: { heap?: bigint; direct?: bigint; metaspace?: bigint };
  /** Memory `-D` dynamic configs of this process, in order. */
  dynamic: [string, string][];
}

const BYTES = /(?:\(\s*(\d+)\s+bytes\s*\)|^\s*(\d+)\s+bytes)/;

function bytesIn(text: string): bigint | undefined {
  const m = BYTES.exec(text);
  return m ? BigInt(m[1] ?? m[2]!) : undefined;
}

/** The start-up block, one component a line; "Framework"/"Task" mean heap or direct by position. */
function finalBlocks(ev: Evidence): LayoutReading[] {
  const out: LayoutReading[] = [];
  ev.lines.forEach((l, i) => {
    const head = /Final (TaskExecutor|Master) Memory configuration:/.exec(l.text);
    if (!head) return;
    const tm = head[1] === "TaskExecutor";
    const parts: LayoutReading["parts"] = {};
    const lines = [l.number];
    let section: "heap" | "direct" | "" = "";
    for (let j = i + 1; j < Math.min(ev.lines.length, i + 16); j++) {
      const m = /^([A-Za-z][A-Za-z -]*?):\s*(.*)$/.exec(ev.lines[j]!.text);
      if (!m) break;
      const label = m[1]!.trim();
      const v = bytesIn(m[2]!);
      if (v === undefined) break;
      lines.push(ev.lines[j]!.number);
      const key: TmPart | JmPart | undefined =
        label === "Total Process Memory" ? "totalProcess"
        : label === "Total Flink Memory" ? "totalFlink"
        : label === "JVM Metaspace" ? "metaspace"
        : label === "JVM Overhead" ? "overhead"
        : label === "Managed" ? "managed"
        : label === "Network" ? "network"
        : label === "JVM Heap" ? "jvmHeap"
        : label === "Off-heap" ? "offHeap"
        : label === "Framework" ? (section === "direct" ? "frameworkOffHeap" : "frameworkHeap")
        : label === "Task" ? (section === "direct" ? "taskOffHeap" : "taskHeap")
        : undefined;
      if (label === "Total JVM Heap Memory") section = "heap";
      if (label === "Total JVM Direct Memory") section = "direct";
      if (key) parts[key] = v;
    }
    out.push({ process: tm ? "taskmanager" : "jobmanager", template: `Final ${head[1]} Memory configuration:`, lines, parts, jvm: {}, dynamic: [] });
  });
  return out;
}

const SPEC_FIELDS: Record<string, TmPart> = {
  frameworkHeapSize: "frameworkHeap",
  frameworkOffHeapSize: "frameworkOffHeap",
  taskHeapSize: "taskHeap",
  taskOffHeapSize: "taskOffHeap",
  networkMemSize: "network",
  managedMemorySize: "managed",
  managedMemSize: "managed",
  jvmMetaspaceSize: "metaspace",
  jvmOverheadSize: "overhead",
};

function processSpecs(ev: Evidence): LayoutReading[] {
  return hits(ev, /(TaskExecutorProcessSpec|WorkerResourceSpec)\s*\{([^}]*)\}/).map((h) => {
    const parts: LayoutReading["parts"] = {};
    for (const m of h.groups[1]!.matchAll(/(\w+)=([^,]*(?:\(\d+ bytes\))?)/g)) {
      const key = SPEC_FIELDS[m[1]!];
      const v = bytesIn(m[2]!);
      if (key && v !== undefined) parts[key] = v;
    }
    return { process: "taskmanager" as const, template: `${h.groups[0]} {…}`, lines: h.lines, parts, jvm: {}, dynamic: [] };
  }).slice(0, 1);
}

const REST_FIELDS: Record<string, TmPart> = {
  frameworkHeap: "frameworkHeap",
  taskHeap: "taskHeap",
  frameworkOffHeap: "frameworkOffHeap",
  taskOffHeap: "taskOffHeap",
  networkMemory: "network",
  managedMemory: "managed",
  jvmMetaspace: "metaspace",
  jvmOverhead: "overhead",
  totalFlinkMemory: "totalFlink",
  totalProcessMemory: "totalProcess",
};

function restConfiguration(ev: Evidence): LayoutReading[] {
  return hits(ev, /"memoryConfiguration"\s*:\s*\{([^}]*)\}/).map((h) => {
    const parts: LayoutReading["parts"] = {};
    for (const m of h.groups[0]!.matchAll(/"(\w+)"\s*:\s*(\d+)/g)) {
      const key = REST_FIELDS[m[1]!];
      if (key) parts[key] = BigInt(m[2]!);
    }
    return { process: "taskmanager" as const, template: "REST /taskmanagers/:id memoryConfiguration", lines: h.lines, parts, jvm: {}, dynamic: [] };
  }).slice(0, 1);
}

const JVM_UNITS: Record<string, bigint> = { "": 1n, k: 1024n, m: 1024n ** 2n, g: 1024n ** 3n, t: 1024n ** 4n };
const jvmSize = (n: string, unit: string | undefined) => BigInt(n) * JVM_UNITS[(unit ?? "").toLowerCase()]!;

const MEMORY_KEY = /^(?:taskmanager|jobmanager)\.memory\.[a-z.-]+$/;

let declaredKeys: Set<string> | undefined;

/**
 * Whether some supported release declares the key: a memory-looking key that is no option (or a
 * misspelt one) may hold anything, a secret included, so its value is never read.
 */
function declared(key: string): boolean {
  // Built on first use: every command loads this module, few read a paste.
  if (!declaredKeys) {
    declaredKeys = new Set<string>();
    for (const line of SUPPORTED_LINES) for (const o of optionsFor(line).all) for (const k of [o.key, ...o.fallbackKeys.map((f) => f.key)]) declaredKeys.add(k);
  }
  return declaredKeys.has(key);
}

/** Memory dynamic configs (`-D key=value`, `-Dkey=value`) in the paste, by process. */
function dynamicConfigs(ev: Evidence): Record<ProcessKind, [string, string][]> {
  const out: Record<ProcessKind, [string, string][]> = { taskmanager: [], jobmanager: [] };
  for (const m of ev.flow.matchAll(/(?:^|\s)-D\s*((?:taskmanager|jobmanager)\.memory\.[a-z.-]+)=(\d+b?|[\d.]+\s*[kmgt]?b?)(?=\s|$|")/gi)) {
    const key = m[1]!;
    if (!MEMORY_KEY.test(key) || !declared(key)) continue;
    out[key.startsWith("taskmanager.") ? "taskmanager" : "jobmanager"].push([key, m[2]!]);
  }
  return out;
}

function jvmFlags(ev: Evidence, hint?: ProcessKind): LayoutReading[] {
  const x = hits(ev, /-Xmx(\d+)([kmgtKMGT])?\b/)[0];
  if (!x) return [];
  const tail = ev.flow.slice(x.index, x.index + 4000);
  const direct = /-XX:MaxDirectMemorySize=(\d+)([kmgtKMGT])?\b/.exec(tail);
  const meta = /-XX:MaxMetaspaceSize=(\d+)([kmgtKMGT])?\b/.exec(tail);
  const dyn = dynamicConfigs(ev);
  const cmd = processOfCommand(tail);
  if (cmd === "other") return [];
  // The main class says whose flags these are; else the dynamic configs' keys do.
  const process: ProcessKind | undefined = cmd ?? (dyn.taskmanager.length > dyn.jobmanager.length ? "taskmanager" : dyn.jobmanager.length > 0 ? "jobmanager" : hint);
  if (!process) return [];
  const jvm: LayoutReading["jvm"] = { heap: jvmSize(x.groups[0]!, x.groups[1]) };
  if (direct) jvm.direct = jvmSize(direct[1]!, direct[2]);
  if (meta) jvm.metaspace = jvmSize(meta[1]!, meta[2]);
  return [{ process, template: dyn[process].length > 0 ? "JVM flags (-Xmx, -XX:MaxDirectMemorySize, -XX:MaxMetaspaceSize) and -D dynamic configs" : "JVM flags (-Xmx, -XX:MaxDirectMemorySize, -XX:MaxMetaspaceSize)", lines: x.lines, parts: {}, jvm, dynamic: dyn[process] }];
}

/** Every layout the paste states, start-up blocks first; `hint`: whose flags they are when nothing else says (e.g. a killed TaskManager's process-tree dump). */
export function readLayouts(ev: Evidence, hint?: ProcessKind): LayoutReading[] {
  const blocks = finalBlocks(ev);
  const flags = jvmFlags(ev, hint);
  // A block's own flags (printed next to it) describe the same process: one reading each.
  const extra = flags.filter((f) => !blocks.some((b) => b.process === f.process));
  return [...blocks, ...processSpecs(ev), ...restConfiguration(ev), ...extra];
}

const OPTION_KEY = String.raw`(?:taskmanager|jobmanager)\.(?:memory\.[a-z.-]+|heap\.(?:size|mb)|numberOfTaskSlots)`;

/**
 * Memory options (and the slot count) the paste states as configuration: the log's `Loading
 * configuration property: k, v`, `k: v` lines, the web UI's configuration table copied as
 * `k<TAB>v`, and REST `/jobmanager/config` JSON (`{"key": k, "value": v}`).
 */
export function readMemoryOptions(ev: Evidence): [string, string][] {
  const out: [string, string][] = [];
  const line = new RegExp(String.raw`^(?:Loading configuration property:\s*)?(${OPTION_KEY})\s*(?:[:,=]|\s)\s*(\S+)\s*$`);
  for (const l of ev.lines) {
    const m = line.exec(l.text);
    if (m && declared(m[1]!)) out.push([m[1]!, m[2]!]);
  }
  const json = new RegExp(String.raw`"key"\s*:\s*"(${OPTION_KEY})"\s*,\s*"value"\s*:\s*"([^"]*)"`, "g");
  for (const m of ev.flow.matchAll(json)) if (declared(m[1]!)) out.push([m[1]!, m[2]!]);
  return out;
}
