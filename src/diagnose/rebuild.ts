/**
 * From a layout a paste states back to a configuration that produces it, checked by the
 * engine to the byte: the process size with the fractions the parts imply (what a user most
 * likely wrote), else every component fixed (what Flink's own dynamic configs do).
 * @module
 */
import { resolveJobManager, resolveTaskManager } from "../resolve.js";
import type { JobManagerSpec } from "../model/jobmanager.js";
import type { TaskManagerSpec } from "../model/taskmanager.js";
import { SUPPORTED_LINES } from "../versions/version.js";
import type { LayoutReading } from "./layout-reading.js";

const MiB = 1024n * 1024n;

export interface Rebuilt {
  flink: string;
  settings: [string, string][];
  matches: boolean;
  detail: string;
  /** Every release line whose engine gives the same layout with these settings. */
  releases?: string[];
}

/** A size as a `-D` value: whole mebibytes as `m`, else bytes. */
export const sizeValue = (b: bigint): string => (b % MiB === 0n ? `${b / MiB}m` : `${b}b`);

type Spec = TaskManagerSpec | JobManagerSpec;

function resolveSpec(process: LayoutReading["process"], flink: string, dynamic: [string, string][]): Spec | undefined {
  try {
    return process === "taskmanager" ? resolveTaskManager({ flink, dynamic, trace: false }).spec : resolveJobManager({ flink, dynamic, trace: false }).spec;
  } catch {
    return undefined;
  }
}

/** The stated values the spec gets wrong (empty: it matches to the byte). */
export function mismatches(r: LayoutReading, spec: Spec): string[] {
  const out: string[] = [];
  const s = spec as unknown as Record<string, bigint | boolean>;
  for (const [k, v] of Object.entries(r.parts)) if (s[k] !== v) out.push(`${k}: stated ${v}, engine ${String(s[k])}`);
  if (r.jvm.heap !== undefined && spec.jvmHeap !== r.jvm.heap) out.push(`-Xmx: stated ${r.jvm.heap}, engine ${spec.jvmHeap}`);
  if (r.jvm.metaspace !== undefined && spec.metaspace !== r.jvm.metaspace) out.push(`-XX:MaxMetaspaceSize: stated ${r.jvm.metaspace}, engine ${spec.metaspace}`);
  // A TaskManager always has a direct limit: only a stated one is compared. A JobManager has one
  // only when enabled, so a missing flag is a statement too (when the paste shows the flags).
  const direct = spec.kind === "jm" && !spec.directMemoryLimit ? undefined : spec.jvmDirect;
  const flagsShown = r.jvm.heap !== undefined;
  if (r.jvm.direct !== undefined ? r.jvm.direct !== direct : spec.kind === "jm" && flagsShown && direct !== undefined) {
    out.push(`-XX:MaxDirectMemorySize: stated ${r.jvm.direct ?? "none"}, engine ${direct ?? "none"}`);
  }
  return out;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function tmCandidates(r: LayoutReading, flink: string, container?: bigint): [string, string][][] {
  const p = r.parts;
  const out: [string, string][][] = [];
  const sizes = new Set<bigint>();
  if (p.totalProcess !== undefined) sizes.add(p.totalProcess);
  const comps = [p.frameworkHeap, p.taskHeap, p.frameworkOffHeap, p.taskOffHeap, p.network, p.managed, p.metaspace, p.overhead];
  if (comps.every((c) => c !== undefined)) sizes.add(comps.reduce((a, b) => a! + b!, 0n)!);
  const dyn = new Map(r.dynamic);
  const dynSum = ["framework.heap.size", "task.heap.size", "framework.off-heap.size", "task.off-heap.size", "network.max", "managed.size", "jvm-metaspace.size", "jvm-overhead.max"].map((k) => dyn.get(`taskmanager.memory.${k}`));
  if (dynSum.every((v) => v !== undefined && /^\d+b$/.test(v))) sizes.add(dynSum.reduce((a, v) => a + BigInt(v!.slice(0, -1)), 0n));
  if (container !== undefined) sizes.add(container);
  // No size stated: assume the default fractions and invert -XX:MaxDirectMemorySize (framework
  // off-heap 128m, network 0.1 of Total Flink Memory, overhead 0.1 of the process).
  if (sizes.size === 0 && r.jvm.direct !== undefined && r.jvm.metaspace !== undefined) {
    const flinkMem = Number(r.jvm.direct - 128n * MiB) / 0.1;
    const est = BigInt(Math.round((flinkMem + Number(r.jvm.metaspace)) / 0.9 / Number(MiB)));
    for (const d of [0n, -1n, 1n]) sizes.add((est + d) * MiB);
  }
  for (const size of sizes) {
    const base: [string, string][] = [["taskmanager.memory.process.size", sizeValue(size)]];
    const meta = p.metaspace ?? r.jvm.metaspace;
    const s0 = resolveSpec("taskmanager", flink, base) as TaskManagerSpec | undefined;
    if (meta !== undefined && s0 && s0.metaspace !== meta) base.push(["taskmanager.memory.jvm-metaspace.size", sizeValue(meta)]);
    const s1 = resolveSpec("taskmanager", flink, base) as TaskManagerSpec | undefined;
    if (!s1) continue;
    const extra: [string, string][] = [];
    if (p.network !== undefined && p.network !== s1.network) extra.push(["taskmanager.memory.network.fraction", String(round3(Number(p.network) / Number(s1.totalFlink)))]);
    let managed = p.managed;
    if (managed === undefined && r.jvm.heap !== undefined && r.jvm.direct !== undefined) managed = s1.totalFlink - r.jvm.heap - r.jvm.direct;
    if (managed !== undefined && managed !== s1.managed && managed >= 0n) extra.push(["taskmanager.memory.managed.fraction", String(round3(Number(managed) / Number(s1.totalFlink)))]);
    out.push([...base, ...extra]);
  }
  if (r.dynamic.length > 0) out.push(r.dynamic);
  if (comps.every((c) => c !== undefined)) {
    out.push([
      ["taskmanager.memory.framework.heap.size", `${p.frameworkHeap}b`],
      ["taskmanager.memory.task.heap.size", `${p.taskHeap}b`],
      ["taskmanager.memory.framework.off-heap.size", `${p.frameworkOffHeap}b`],
      ["taskmanager.memory.task.off-heap.size", `${p.taskOffHeap}b`],
      ["taskmanager.memory.network.min", `${p.network}b`],
      ["taskmanager.memory.network.max", `${p.network}b`],
      ["taskmanager.memory.managed.size", `${p.managed}b`],
      ["taskmanager.memory.jvm-metaspace.size", `${p.metaspace}b`],
      ["taskmanager.memory.jvm-overhead.min", `${p.overhead}b`],
      ["taskmanager.memory.jvm-overhead.max", `${p.overhead}b`],
    ]);
  }
  return out;
}

function jmCandidates(r: LayoutReading, container?: bigint): [string, string][][] {
  const p = r.parts;
  const out: [string, string][][] = [];
  const limit: [string, string][] = r.jvm.direct !== undefined ? [["jobmanager.memory.enable-jvm-direct-memory-limit", "true"]] : [];
  const sizes = new Set<bigint>();
  if (p.totalProcess !== undefined) sizes.add(p.totalProcess);
  if (container !== undefined) sizes.add(container);
  const heap = p.jvmHeap ?? r.jvm.heap;
  if (heap !== undefined) {
    const known = heap + (p.offHeap ?? r.jvm.direct ?? 128n * MiB) + (p.metaspace ?? r.jvm.metaspace ?? 256n * MiB);
    if (p.overhead !== undefined) sizes.add(known + p.overhead);
    sizes.add(known + 192n * MiB);
    sizes.add(known + 1024n * MiB);
    const est = BigInt(Math.round(Number(known) / 0.9 / Number(MiB)));
    for (const d of [0n, -1n, 1n]) sizes.add((est + d) * MiB);
  }
  for (const size of sizes) {
    const base: [string, string][] = [["jobmanager.memory.process.size", sizeValue(size)], ...limit];
    const meta = p.metaspace ?? r.jvm.metaspace;
    if (meta !== undefined && meta !== 256n * MiB) base.push(["jobmanager.memory.jvm-metaspace.size", sizeValue(meta)]);
    const off = p.offHeap ?? r.jvm.direct;
    if (off !== undefined && off !== 128n * MiB) base.push(["jobmanager.memory.off-heap.size", sizeValue(off)]);
    out.push(base);
  }
  if (r.dynamic.length > 0) out.push([...r.dynamic, ...limit]);
  return out;
}

/** The first candidate the engine reproduces the layout with, for `flink`, else for any release. */
export function rebuildLayout(r: LayoutReading, flink: string, container?: bigint): Rebuilt | undefined {
  const tried = new Set<string>();
  const attempt = (line: string): Rebuilt | undefined => {
    const candidates = r.process === "taskmanager" ? tmCandidates(r, line, container) : jmCandidates(r, container);
    for (const settings of candidates) {
      const key = line + JSON.stringify(settings);
      if (tried.has(key)) continue;
      tried.add(key);
      const spec = resolveSpec(r.process, line, settings);
      if (spec && mismatches(r, spec).length === 0) return { flink: line, settings, matches: true, detail: `The engine gives every stated size to the byte (Flink ${line}).` };
    }
    return undefined;
  };
  const first = attempt(flink);
  if (first) {
    first.releases = SUPPORTED_LINES.filter((l) => {
      const spec = resolveSpec(r.process, l, first.settings);
      return spec !== undefined && mismatches(r, spec).length === 0;
    });
    return first;
  }
  for (const line of [...SUPPORTED_LINES].reverse()) {
    if (line === flink) continue;
    const other = attempt(line);
    if (other) {
      other.releases = SUPPORTED_LINES.filter((l) => {
        const spec = resolveSpec(r.process, l, other.settings);
        return spec !== undefined && mismatches(r, spec).length === 0;
      });
      other.detail = `Flink ${flink} does not give this layout from any configuration tried; Flink ${other.releases.join(", ")} do${other.releases.length === 1 ? "es" : ""} (the paste likely comes from ${other.releases.length === 1 ? "that release" : "one of them"}).`;
      return other;
    }
  }
  return undefined;
}
