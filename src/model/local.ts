/**
 * Local execution (MiniCluster, IDE runs): which TaskManager resources Flink assumes when
 * the job runs inside the client JVM (`TaskExecutorResourceUtils.adjustForLocalExecution`).
 * @module
 */
import { FlinkError, illegalConfig, JavaClass } from "../errors.js";
import type { Configuration } from "../config/configuration.js";
import type { ConfigOption } from "../options/types.js";
import { addSizes, MAX_BYTES, memorySizeToString, MiB, sumSizes } from "../size/memory-size.js";
import { cpuResource, type CpuCores } from "./cpu.js";
import { externalResourcesOf, type ExternalResource } from "./external-resources.js";
import { Trace, type ComponentName, type Origin } from "./trace.js";
import { has } from "../versions/features.js";

/** What a local run gets (`TaskExecutorResourceSpec` plus the totals Flink computes from it). */
export interface LocalSpec {
  kind: "tm-local";
  cpuCores: CpuCores;
  taskHeap: bigint;
  taskOffHeap: bigint;
  network: bigint;
  managed: bigint;
  /** Only in versions whose resource spec carries them (feature `taskManagerExternalResources`). */
  extendedResources?: ExternalResource[];
  /** Only in versions that compute them (feature `localExecutionTotals`). */
  totalFlink?: bigint;
  totalProcess?: bigint;
  /** Options Flink removed because they have no effect in local mode. */
  ignoredKeys: string[];
}

const LOCAL_TASK_MEMORY = 1024n * 1024n * MiB;
const LOCAL_CPU_CORES = 1000000.0;
/** Before `localExecutionBoundedResources`: `Double.MAX_VALUE` cores and `MemorySize.MAX_VALUE`. */
const LOCAL_TASK_MEMORY_UNBOUNDED = MAX_BYTES;
const LOCAL_CPU_CORES_UNBOUNDED = Number.MAX_VALUE;
const LOCAL_NETWORK = 64n * MiB;
const LOCAL_MANAGED = 128n * MiB;

/** Resolves local execution from a configuration (left unchanged). */
export function localSpecFromConfig(input: Configuration, trace: Trace = new Trace(false)): LocalSpec {
  const config = input.copy();
  const o = config.options;
  const m = (id: string) => o.get<"memory">(id);
  const ignoredKeys: string[] = [];
  const resets = has(o.version, "localExecutionResetsUnused");
  const ignoredOptions = new Set<string>();
  // Where each value comes from, read before the adjustments below overwrite the configuration.
  const configured = (opt: ConfigOption): Origin | undefined => {
    const found = config.lookup(opt);
    return found ? { how: "configured", key: found.key, optionKey: opt.key } : undefined;
  };
  const origins = {
    taskHeap: configured(m("tm.taskHeap")),
    taskOffHeap: configured(m("tm.taskOffHeap")),
    network: configured(m("tm.networkMin")) ?? configured(m("tm.networkMax")),
    managed: configured(m("tm.managed")),
  };
  for (const id of ["tm.process", "tm.flink", "tm.frameworkHeap", "tm.frameworkOffHeap", "tm.metaspace", "tm.overheadMin", "tm.overheadMax", "tm.overheadFraction"]) {
    const opt = o.get(id);
    if (config.contains(opt)) {
      // Flink warns that they have no effect; before 1.20 it keeps them, and they feed the totals.
      ignoredKeys.push(config.lookup(opt)!.key);
      ignoredOptions.add(opt.key);
      if (resets) config.remove(opt);
    }
  }
  const setIfMissing = (opt: ConfigOption, value: { t: "size"; v: bigint } | { t: "double"; v: number }, reason: string) => {
    if (!config.contains(opt)) {
      config.set(opt, value);
      trace.log("info", () => `The configuration option ${opt.key} required for local execution is not set, setting it to ${reason}.`);
    }
  };
  const cpuOpt = o.get<"double">("tm.cpuCores");
  const bounded = has(o.version, "localExecutionBoundedResources");
  const taskMemory = bounded ? LOCAL_TASK_MEMORY : LOCAL_TASK_MEMORY_UNBOUNDED;
  setIfMissing(cpuOpt, { t: "double", v: bounded ? LOCAL_CPU_CORES : LOCAL_CPU_CORES_UNBOUNDED }, "the maximal possible value");
  setIfMissing(m("tm.taskHeap"), { t: "size", v: taskMemory }, "the maximal possible value");
  setIfMissing(m("tm.taskOffHeap"), { t: "size", v: taskMemory }, "the maximal possible value");
  const min = m("tm.networkMin");
  const max = m("tm.networkMax");
  if (!config.contains(min) && config.contains(max)) config.set(min, { t: "size", v: config.get(max)! });
  if (!config.contains(max) && config.contains(min)) config.set(max, { t: "size", v: config.get(min)! });
  setIfMissing(min, { t: "size", v: LOCAL_NETWORK }, `its default value ${memorySizeToString(LOCAL_NETWORK)}`);
  setIfMissing(max, { t: "size", v: LOCAL_NETWORK }, `its default value ${memorySizeToString(LOCAL_NETWORK)}`);
  setIfMissing(m("tm.managed"), { t: "size", v: LOCAL_MANAGED }, `its default value ${memorySizeToString(LOCAL_MANAGED)}`);
  // 1.20+ sets these defaults over anything; before, only where nothing is set (min takes max's default).
  const fill = (id: string, v: bigint) => {
    const opt = o.get(id);
    if (resets || !config.contains(opt)) config.set(opt, { t: "size", v });
  };
  for (const id of ["tm.frameworkHeap", "tm.frameworkOffHeap", "tm.metaspace"]) fill(id, o.get<"memory">(id).defaultValue!);
  const overheadMax = o.get<"memory">("tm.overheadMax").defaultValue!;
  fill("tm.overheadMax", overheadMax);
  fill("tm.overheadMin", overheadMax);

  const netMin = config.get(min)!;
  const netMax = config.get(max)!;
  if (netMin !== netMax) {
    throw illegalConfig("Failed to create TaskExecutorResourceSpec", {
      cause: illegalConfig(
        `The network memory min (${memorySizeToString(netMin)}) and max (${memorySizeToString(netMax)}) mismatch, the network memory has to be resolved and set to a fixed value before task executor starts`,
      ),
    });
  }
  const cpuCores = cpuResource(config.get(cpuOpt)!, has(o.version, "cpuResourceScale8"));
  const taskHeap = config.get(m("tm.taskHeap"))!;
  const taskOffHeap = config.get(m("tm.taskOffHeap"))!;
  const network = config.get(min)!;
  const managed = config.get(m("tm.managed"))!;
  const extendedResources = has(o.version, "taskManagerExternalResources") ? externalResourcesOf(config, o) : undefined;
  let totals: { totalFlink: bigint; totalProcess: bigint } | undefined;
  if (has(o.version, "localExecutionTotals")) {
    // Each addend is read just before it is added, as Flink's chained `add` does: an overflow comes before a later parse error.
    let totalFlink = sumSizes(taskHeap, taskOffHeap, config.get(max)!, managed);
    totalFlink = addSizes(totalFlink, config.get(m("tm.frameworkHeap"))!);
    totalFlink = addSizes(totalFlink, config.get(m("tm.frameworkOffHeap"))!);
    // Flink checks (without a message) that overhead min and max agree, as 1.20+ always makes them.
    if (config.get(m("tm.overheadMax"))! !== config.get(m("tm.overheadMin"))!) {
      throw new FlinkError(JavaClass.IllegalArgument, "local execution needs jvm-overhead.min and jvm-overhead.max to be equal (Flink's check has no message)", { noJavaMessage: true });
    }
    const jvm = addSizes(config.get(m("tm.metaspace"))!, config.get(m("tm.overheadMax"))!);
    // Flink adds these two as plain longs: an overflow wraps around.
    totals = { totalFlink, totalProcess: BigInt.asIntN(64, totalFlink + jvm) };
  }
  recordLocalComponents(trace, config, origins, { taskHeap, taskOffHeap, network, managed }, totals, ignoredOptions, resets);
  const spec: LocalSpec = {
    kind: "tm-local",
    cpuCores,
    taskHeap,
    taskOffHeap,
    network,
    managed,
    ...(extendedResources ? { extendedResources } : {}),
    ...totals,
    ignoredKeys,
  };
  return spec;
}

/**
 * The components of a local run with where each came from, for the table and the explainer: a
 * configured key, or the fixed value local execution puts in place of an unset one. Framework,
 * metaspace and overhead are always the option defaults locally (a configured value is ignored).
 */
function recordLocalComponents(
  trace: Trace,
  config: Configuration,
  configured: Partial<Record<"taskHeap" | "taskOffHeap" | "network" | "managed", Origin>>,
  values: Record<"taskHeap" | "taskOffHeap" | "network" | "managed", bigint>,
  totals: { totalFlink: bigint; totalProcess: bigint } | undefined,
  ignored: ReadonlySet<string>,
  resets: boolean,
): void {
  if (!trace.enabled) return;
  const o = config.options;
  const unset: Record<keyof typeof values, string> = {
    taskHeap: "unset: local maximum",
    taskOffHeap: "unset: local maximum",
    network: `unset: local default`,
    managed: `unset: local default`,
  };
  for (const name of ["taskHeap", "taskOffHeap", "network", "managed"] as const) {
    trace.component(name, values[name], configured[name] ?? { how: "local", reason: unset[name] });
  }
  if (!totals) return;
  const fixed: [ComponentName, string][] = [
    ["frameworkHeap", "tm.frameworkHeap"],
    ["frameworkOffHeap", "tm.frameworkOffHeap"],
    ["metaspace", "tm.metaspace"],
    ["overhead", "tm.overheadMax"],
  ];
  for (const [name, id] of fixed) {
    const opt = o.get<"memory">(id);
    // Before 1.20 a configured value stays and counts.
    const kept = !resets && ignored.has(opt.key) ? config.lookup(opt) : undefined;
    const origin: Origin = kept
      ? { how: "configured", key: kept.key, optionKey: opt.key }
      : name === "overhead"
        ? { how: "local", reason: "default max, fixed locally" }
        : ignored.has(opt.key)
          ? { how: "local", reason: "default (configured value ignored)" }
          : { how: "default", optionKey: opt.key };
    trace.component(name, config.get(opt)!, origin);
  }
  trace.component("totalFlink", totals.totalFlink, { how: "sum", parts: ["frameworkHeap", "taskHeap", "managed", "frameworkOffHeap", "taskOffHeap", "network"] });
  if (totals.totalProcess >= 0n) trace.component("totalProcess", totals.totalProcess, { how: "sum", parts: ["totalFlink", "metaspace", "overhead"] });
  // Flink adds Total Flink Memory and metaspace + overhead as plain longs: past 2^63 the sum wraps.
  else trace.log("warn", () => `Total Process Memory overflows a long (Flink adds its parts as plain longs) and is reported as ${totals.totalProcess} bytes.`);
}
