/**
 * Two ways to give one memory component of a failed process more room, each resolved by the
 * engine and checked by our health rules before it is shown:
 * - keep the process (the container or pod stays as it is): the derived parts shrink, and the
 *   change says which and by how much;
 * - grow the process by the least that keeps every other part at least as it was, and say the
 *   new container size (the pod's memory request).
 * @module
 */
import type { KeyChange } from "../fix/changes.js";
import { Prober } from "../fix/probe.js";
import { flinkSizeText } from "../fix/search.js";
import type { JobManagerSpec } from "../model/jobmanager.js";
import type { TaskManagerSpec } from "../model/taskmanager.js";
import { shortSize } from "../render/table.js";
import type { ResolveRequest } from "../resolve.js";
import { keyOf, shortfalls, type SizingGoals } from "../sizing/goals.js";
import { healthyProcessSize, processChanges } from "../sizing/inverse.js";
import { ceilMiB } from "../sizing/healthy-goals.js";
import { healthContextOf, healthIssues } from "../sizing/healthy.js";
import { answerWarnings } from "../sizing/verify.js";
import type { DiagnoseChange, ProcessKind } from "./finding.js";

/** The components a diagnosis can grow, by their field in the resolved spec. */
export type GrowPart = "network" | "managed" | "taskOffHeap" | "frameworkOffHeap" | "metaspace" | "overhead" | "offHeap";

export interface Growth {
  process: ProcessKind;
  part: GrowPart;
  /** The least number of bytes the part must grow by (rounded up to whole MiB in the changes). */
  by?: bigint;
  /**
   * The message gives no amount: grow by a stated step instead, the part's size doubled (at
   * least STEP_FLOOR), and say that it is a step to try, not a computed need.
   */
  step?: true;
  /** Where the base configuration comes from, for the sentences ("the given configuration"). */
  baseName: string;
  /** Where the process runs, when the paste says: names the container size in its terms. */
  platform?: "kubernetes" | "yarn" | "local";
}

const LABEL: Record<GrowPart, string> = {
  network: "network memory",
  managed: "managed memory",
  taskOffHeap: "task off-heap memory",
  frameworkOffHeap: "framework off-heap memory",
  metaspace: "JVM metaspace",
  overhead: "JVM overhead",
  offHeap: "off-heap memory",
};

type Spec = TaskManagerSpec | JobManagerSpec;

/** The least step when a message gives no amount: one that the JVM's usage can plausibly fill. */
export const STEP_FLOOR = 128n * 1024n * 1024n;

/** Parts that can shrink when another grows inside the same process, with their labels. */
const DERIVED: Record<"tm" | "jm", [string, string][]> = {
  tm: [["taskHeap", "task heap"], ["managed", "managed memory"], ["network", "network memory"], ["overhead", "JVM overhead"], ["frameworkHeap", "framework heap"]],
  jm: [["jvmHeap", "JVM heap"], ["overhead", "JVM overhead"]],
};

const sizeText = (b: bigint) => flinkSizeText(b);
const value = (spec: Spec, field: string) => (spec as unknown as Record<string, bigint>)[field]!;

/** The key changes that make `part` at least `v` (network and overhead: their range's floor). */
function partChanges(target: "tm" | "jm", flink: string | undefined, prober: Prober, part: GrowPart, v: bigint): KeyChange[] {
  const key = (id: string) => keyOf(flink, id)!;
  const cur = (id: string) => {
    try {
      return prober.config.get(prober.config.options.get<"memory">(id));
    } catch {
      return undefined;
    }
  };
  const range = (minId: string, maxId: string): KeyChange[] => {
    const max = cur(maxId);
    return [{ key: key(minId), set: sizeText(v) }, ...(max === undefined || max < v ? [{ key: key(maxId), set: sizeText(v) }] : [])];
  };
  switch (part) {
    case "network":
      return range("tm.networkMin", "tm.networkMax");
    case "overhead":
      return range(`${target}.overheadMin`, `${target}.overheadMax`);
    case "managed":
      return [{ key: key("tm.managed"), set: sizeText(v) }];
    case "taskOffHeap":
      return [{ key: key("tm.taskOffHeap"), set: sizeText(v) }];
    case "frameworkOffHeap":
      return [{ key: key("tm.frameworkOffHeap"), set: sizeText(v) }];
    case "metaspace":
      return [{ key: key(`${target}.metaspace`), set: sizeText(v) }];
    case "offHeap":
      return [{ key: key("jm.offHeap"), set: sizeText(v) }];
  }
}

const settingsOf = (changes: readonly KeyChange[]): [string, string][] => changes.filter((c) => c.set !== undefined).map((c) => [c.key, c.set!]);
const removalsOf = (changes: readonly KeyChange[]): string[] => changes.filter((c) => c.remove).map((c) => c.key);

/** What a resolved change still draws from our health rules and lint (empty: healthy). */
export function unhealthy(target: "tm" | "jm", base: ResolveRequest, prober: Prober, spec: Spec, changes: KeyChange[]): string[] {
  const health = healthContextOf(prober.config, target);
  return [...healthIssues(spec, health).map((i) => i.why), ...answerWarnings(target, base, changes).map((w) => `${w.ruleId}: ${w.message}`)];
}

function shrinkText(target: "tm" | "jm", before: Spec, after: Spec): string {
  const shrunk = DERIVED[target].filter(([f]) => value(after, f) < value(before, f));
  // Parts that lose less than a MiB (fractions of a slightly smaller rest) are named, not sized.
  const big = shrunk.filter(([f]) => value(before, f) - value(after, f) >= 1024n * 1024n);
  const small = shrunk.filter((x) => !big.includes(x));
  const parts = big.map(([f, label]) => `${label} ${shortSize(value(before, f))} → ${shortSize(value(after, f))} (−${shortSize(value(before, f) - value(after, f))})`);
  if (small.length > 0) parts.push(`${small.map(([, label]) => label).join(", ")} less than 1 MiB smaller`);
  return parts.length > 0 ? parts.join(", ") : "nothing else shrinks";
}

/** The container size in the platform's terms. */
function containerText(g: Growth, process: bigint, prober: Prober): string {
  const mib = process / (1024n * 1024n);
  const who = g.process === "taskmanager" ? "taskmanager" : "jobmanager";
  if (g.platform === "yarn") return `the YARN container: ${mib} MB (YARN rounds it up to a multiple of yarn.scheduler.minimum-allocation-mb)`;
  if (g.platform === "local") return "the local JVM needs that much memory";
  const factorKey = `kubernetes.${who}.memory.limit-factor`;
  const factor = prober.config.getEntry(factorKey);
  const factorText = factor ? `, its limit that times ${factorKey}` : "";
  const k8s = `the pod's memory request ${mib}Mi${factorText}`;
  return g.platform === "kubernetes" ? k8s : `new container size ${mib} MiB (on Kubernetes ${k8s}; on YARN the container)`;
}

/** Keep the process size: set the part, pin the total, let the derived parts shrink. */
function keepVariant(target: "tm" | "jm", g: Growth, base: ResolveRequest, prober: Prober, before: Spec, wanted: bigint, notes: string[]): DiagnoseChange | undefined {
  const changes = processChanges(target, base, before.totalProcess, { extra: partChanges(target, base.flink, prober, g.part, wanted) }, prober);
  const o = prober.outcome(changes);
  if (!o.ok) {
    notes.push(`Keeping the process at ${shortSize(before.totalProcess)} with ${LABEL[g.part]} ${shortSize(wanted)} fails in Flink: ${o.error.message}`);
    return undefined;
  }
  const after = o.spec as Spec;
  if (value(after, g.part) < wanted) {
    notes.push(`Keeping the process at ${shortSize(before.totalProcess)} does not give ${LABEL[g.part]} ${shortSize(wanted)} (other settings bound it).`);
    return undefined;
  }
  const issues = unhealthy(target, base, prober, after, changes);
  if (issues.length > 0) {
    notes.push(`Keeping the process at ${shortSize(before.totalProcess)} would leave it unhealthy (${issues.join("; ")}): grow the process instead.`);
    return undefined;
  }
  return {
    variant: "keep-process",
    summary: `keep the process at ${shortSize(before.totalProcess)}: ${LABEL[g.part]} ${shortSize(value(before, g.part))} → ${shortSize(value(after, g.part))}; ${shrinkText(target, before, after)}`,
    settings: settingsOf(changes),
    ...(removalsOf(changes).length > 0 ? { remove: removalsOf(changes) } : {}),
    checked: { ok: true, result: `Flink ${prober.version.line} resolves it on ${g.baseName}: ${LABEL[g.part]} ${value(after, g.part)} bytes, Total Process Memory unchanged (${after.totalProcess} bytes)` },
  };
}

/** Grow the process: the least Total Process Memory with the part raised and every other part kept. */
function growVariant(target: "tm" | "jm", g: Growth, base: ResolveRequest, prober: Prober, before: Spec, wanted: bigint, notes: string[]): DiagnoseChange | undefined {
  let goals: SizingGoals = { extra: partChanges(target, base.flink, prober, g.part, wanted) };
  if (target === "tm") {
    const tm = before as TaskManagerSpec;
    goals.minTaskHeap = tm.taskHeap;
    if (g.part !== "managed") goals.minManaged = tm.managed;
    if (g.part !== "network") goals.minNetwork = tm.network;
  } else {
    goals.minJvmHeap = before.jvmHeap;
    if (g.part !== "offHeap") goals.minOffHeap = (before as JobManagerSpec).offHeap;
  }
  // The floors of our health rules apply to the grown process too (an unhealthy start stays
  // unhealthy otherwise); the part being grown is pinned by its own setting.
  if (target === "tm" && g.part === "managed") goals.minManaged = wanted;
  const least = healthyProcessSize(target, base, goals);
  if (!least.ok) {
    notes.push(`No larger process keeps the other parts with ${LABEL[g.part]} at ${shortSize(wanted)}: ${least.reason}${least.error ? ` (${least.error.message})` : ""}.`);
    return undefined;
  }
  goals = least.goals ?? goals;
  // Whole mebibytes read better and are what pods and containers are sized in: take the round
  // size when it still meets every goal (a truncated fraction can make it miss by a byte).
  let size = ceilMiB(least.processSize);
  let changes = processChanges(target, base, size, goals, prober);
  let o = prober.outcome(changes);
  if (!o.ok || shortfalls(o.spec, goals).length > 0) {
    size = least.processSize;
    changes = least.changes;
    o = prober.outcome(changes);
  }
  if (!o.ok) return undefined;
  const after = o.spec as Spec;
  if (value(after, g.part) < wanted) {
    notes.push(`Growing the process does not give ${LABEL[g.part]} ${shortSize(wanted)} (other settings bound it).`);
    return undefined;
  }
  const issues = unhealthy(target, base, prober, after, changes);
  if (issues.length > 0) {
    notes.push(`Growing the process is not offered: even grown, it draws ${issues.join("; ")}.`);
    return undefined;
  }
  // The heap is what the health floors raise; other parts grow by a few bytes with the fractions.
  const raised = DERIVED[target].filter(([f]) => (f === "taskHeap" || f === "jvmHeap") && value(after, f) >= value(before, f) + 1024n * 1024n);
  const raisedText = raised.length > 0 ? `; ${raised.map(([f, label]) => `${label} ${shortSize(value(before, f))} → ${shortSize(value(after, f))}`).join(", ")} (up to our floor for a healthy process)` : "";
  return {
    variant: "grow-process",
    summary: `grow the process to ${shortSize(size)} (+${shortSize(size - before.totalProcess)}): ${LABEL[g.part]} ${shortSize(value(after, g.part))}, every other part kept${raisedText}; ${containerText(g, size, prober)}`,
    settings: settingsOf(changes),
    ...(removalsOf(changes).length > 0 ? { remove: removalsOf(changes) } : {}),
    checked: { ok: true, result: `Flink ${prober.version.line} resolves it on ${g.baseName}: Total Process Memory ${after.totalProcess} bytes, ${LABEL[g.part]} ${value(after, g.part)} bytes` },
  };
}

/**
 * Both variants for `g` on `base`, checked; `notes` gets why a variant is not offered. Empty
 * when the base does not resolve (the caller says so).
 */
export function growVariants(base: ResolveRequest, g: Growth, notes: string[]): DiagnoseChange[] {
  const target = g.process === "taskmanager" ? "tm" : "jm";
  const prober = Prober.of(target, base);
  const o = prober?.outcome([]);
  if (!prober || !o?.ok || o.spec === undefined) {
    notes.push(`${g.baseName.charAt(0).toUpperCase()}${g.baseName.slice(1)} does not resolve for the ${target === "tm" ? "TaskManager" : "JobManager"}: no change computed.`);
    return [];
  }
  const before = o.spec as Spec;
  if (before.kind !== target) return [];
  const current = value(before, g.part);
  let by = g.by ?? 0n;
  if (g.step) {
    by = current > STEP_FLOOR ? current : STEP_FLOOR;
    notes.push(`The message gives no amount: the changes add ${shortSize(by)} to the ${LABEL[g.part]} (${shortSize(current)} now; doubled, at least ${shortSize(STEP_FLOOR)}), a step to try, not a computed need; the JVM's metrics (Status.JVM.Memory.*) show what is really used.`);
  }
  if (by <= 0n) return [];
  const wanted = ceilMiB(current + by);
  const out: DiagnoseChange[] = [];
  const keep = keepVariant(target, g, base, prober, before, wanted, notes);
  if (keep) out.push(keep);
  const grow = growVariant(target, g, base, prober, before, wanted, notes);
  if (grow) out.push(grow);
  return out;
}

