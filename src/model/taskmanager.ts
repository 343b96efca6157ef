/**
 * TaskManager memory (Flink's `TaskExecutorFlinkMemoryUtils` and `TaskExecutorProcessUtils`):
 * framework and task heap, managed memory, network memory and off-heap parts inside the
 * Total Flink Memory, then CPU cores, slots and external resources.
 * @module
 */
import { FlinkError, JavaClass, illegalConfig } from "../errors.js";
import type { Configuration } from "../config/configuration.js";
import type { OptionSet } from "../options/registry.js";
import type { ConfigOption } from "../options/types.js";
import { addSizes, MAX_BYTES, multiplySize, subtractSizes, sumSizes, toHumanReadable } from "../size/memory-size.js";
import { has } from "../versions/features.js";
import type { FlinkVersion } from "../versions/version.js";
import { deriveCapped, rangeFraction, readComponent, readMemory, readOrigin, type RangeFraction } from "./range-fraction.js";
import { deriveProcessMemory, nothingConfiguredMessage, type FlinkMemoryModel, type ProcessMemoryOptions, type ProcessModelRules } from "./process-memory.js";
import { cpuCoresOf, type CpuCores } from "./cpu.js";
import { externalResourcesOf, type ExternalResource } from "./external-resources.js";
import { Trace } from "./trace.js";

/** The parts of a TaskManager's Total Flink Memory. */
export interface TaskManagerFlinkMemory {
  frameworkHeap: bigint;
  taskHeap: bigint;
  frameworkOffHeap: bigint;
  taskOffHeap: bigint;
  network: bigint;
  managed: bigint;
}

/** A resolved TaskManager (Flink's `TaskExecutorProcessSpec`). */
export interface TaskManagerSpec extends TaskManagerFlinkMemory {
  kind: "tm";
  totalFlink: bigint;
  totalProcess: bigint;
  /** `-Xmx`/`-Xms`: framework + task heap. */
  jvmHeap: bigint;
  /** `-XX:MaxDirectMemorySize`: framework + task off-heap + network. */
  jvmDirect: bigint;
  metaspace: bigint;
  overhead: bigint;
  cpuCores: CpuCores;
  /** Number of slots; only in versions whose spec carries it (feature `taskManagerSpecSlots`). */
  numSlots?: number;
  /** External resources; only in versions whose spec carries them (feature `taskManagerExternalResources`). */
  extendedResources?: ExternalResource[];
}

function tmOptions(o: OptionSet): ProcessMemoryOptions {
  return {
    requiredFineGrained: [o.get("tm.taskHeap"), o.get("tm.managed")],
    totalFlink: o.get("tm.flink"),
    totalProcess: o.get("tm.process"),
    metaspace: o.get("tm.metaspace"),
    overheadMin: o.get("tm.overheadMin"),
    overheadMax: o.get("tm.overheadMax"),
    overheadFraction: o.get("tm.overheadFraction"),
  };
}

/** Flink 1.10's wording when nothing is configured: the four keys, named plainly. */
function nothingConfiguredMessage110(o: ProcessMemoryOptions): string {
  const [taskHeap, managed] = o.requiredFineGrained;
  return `Either Task Heap Memory size (${taskHeap!.key}) and Managed Memory size (${managed!.key}), or Total Flink Memory size (${o.totalFlink.key}), or Total Process Memory size (${o.totalProcess.key}) need to be configured explicitly.`;
}

const NETWORK_WRAPPER =
  "If Total Flink, Task Heap and (or) Managed Memory sizes are explicitly configured then the Network Memory size is the rest of the Total Flink memory after subtracting all other configured types of memory, but the derived Network Memory is inconsistent with its configuration.";

/** The options the TaskManager model reads, looked up once per option set. */
function modelOptions(o: OptionSet) {
  const m = (id: string) => o.get<"memory">(id);
  return {
    taskHeap: m("tm.taskHeap"),
    managed: m("tm.managed"),
    frameworkHeap: m("tm.frameworkHeap"),
    frameworkOffHeap: m("tm.frameworkOffHeap"),
    taskOffHeap: m("tm.taskOffHeap"),
    flink: m("tm.flink"),
    networkMin: m("tm.networkMin"),
    networkMax: m("tm.networkMax"),
    networkFraction: o.get<"float">("tm.networkFraction"),
    managedFraction: o.get<"float">("tm.managedFraction"),
    numberOfBuffers: o.find<"int">("tm.numberOfBuffers"),
  };
}

class TaskManagerMemoryModel implements FlinkMemoryModel<TaskManagerFlinkMemory> {
  private readonly k: ReturnType<typeof modelOptions>;
  private readonly networkBounds: readonly ConfigOption[];

  constructor(
    private readonly o: OptionSet,
    readonly version: FlinkVersion,
  ) {
    this.k = modelOptions(o);
    this.networkBounds = [this.k.networkMin, this.k.networkMax];
  }

  totalFlink(fm: TaskManagerFlinkMemory): bigint {
    return sumSizes(fm.frameworkHeap, fm.frameworkOffHeap, fm.taskHeap, fm.taskOffHeap, fm.network, fm.managed);
  }

  /** Legacy `taskmanager.network.numberOfBuffers` is used only when it is set and no new network option is. */
  private usesLegacyNetwork(config: Configuration): boolean {
    const k = this.k;
    if (!k.numberOfBuffers || !config.contains(k.numberOfBuffers)) return false;
    return !(config.contains(k.networkMin) || config.contains(k.networkMax) || config.contains(k.networkFraction));
  }

  private legacyNetwork(config: Configuration, trace: Trace): bigint {
    const buffers = config.get(this.k.numberOfBuffers!)!;
    const pageSize = pageSizeOf(config, this.o);
    const value = BigInt(buffers) * BigInt(pageSize);
    if (value < 0n) throw new FlinkError(JavaClass.IllegalArgument, "bytes must be >= 0");
    if (trace.enabled) trace.component("network", value, { how: "legacy-buffers", buffers, segmentSize: BigInt(pageSize) });
    return value;
  }

  private networkRange(config: Configuration): RangeFraction {
    const min = readMemory(config, this.k.networkMin);
    const max = readMemory(config, this.k.networkMax);
    return rangeFraction(config, min, max, this.k.networkFraction, this.networkBounds);
  }

  private managedFromFraction(config: Configuration, totalFlink: bigint, trace: Trace): bigint {
    const managed = this.k.managed;
    if (config.contains(managed)) return readComponent(config, managed, "managed", trace);
    const rf = rangeFraction(config, 0n, MAX_BYTES, this.k.managedFraction);
    return deriveCapped("managed memory", totalFlink, "totalFlink", rf, false, "managed", trace);
  }

  /** Network as the rest of a configured Total Flink Memory must fit its configuration. */
  private checkNetworkRest(config: Configuration, network: bigint, totalFlink: bigint, trace: Trace): void {
    try {
      if (this.usesLegacyNetwork(config)) {
        const legacy = this.legacyNetwork(config, new Trace(false));
        if (legacy !== network) {
          throw illegalConfig(
            `Derived Network Memory size (${toHumanReadable(network)}) does not match configured Network Memory size (${toHumanReadable(legacy)}).`,
          );
        }
      } else {
        const rf = this.networkRange(config);
        if (network > rf.max || network < rf.min) {
          throw illegalConfig(
            `Derived Network Memory size (${toHumanReadable(network)}) is not in configured Network Memory range [${toHumanReadable(rf.min)}, ${toHumanReadable(rf.max)}].`,
          );
        }
        if (trace.enabled && rf.fractionConfigured && network !== multiplySize(totalFlink, rf.fraction)) {
          trace.log("info", () =>
            `The derived Network Memory size (${toHumanReadable(network)}) does not match the configured Network Memory fraction (${rf.fraction}) from the configured Total Flink Memory size (${toHumanReadable(totalFlink)}). The derived Network Memory size will be used.`,
          );
        }
      }
    } catch (e) {
      if (e instanceof FlinkError && e.javaClass === JavaClass.IllegalConfiguration) {
        throw illegalConfig(NETWORK_WRAPPER, { cause: e });
      }
      throw e;
    }
  }

  private exceedsFlink(fh: bigint, foh: bigint, th: bigint, toh: bigint, managed: bigint, totalFlink: bigint): FlinkError {
    return illegalConfig(
      `Sum of configured Framework Heap Memory (${toHumanReadable(fh)}), Framework Off-Heap Memory (${toHumanReadable(foh)}), Task Heap Memory (${toHumanReadable(th)}), Task Off-Heap Memory (${toHumanReadable(toh)}) and Managed Memory (${toHumanReadable(managed)}) exceed configured Total Flink Memory (${toHumanReadable(totalFlink)}).`,
    );
  }

  fromFineGrained(config: Configuration, trace: Trace): TaskManagerFlinkMemory {
    const taskHeap = readComponent(config, this.k.taskHeap, "taskHeap", trace);
    const managed = readComponent(config, this.k.managed, "managed", trace);
    const frameworkHeap = readComponent(config, this.k.frameworkHeap, "frameworkHeap", trace);
    const frameworkOffHeap = readComponent(config, this.k.frameworkOffHeap, "frameworkOffHeap", trace);
    const taskOffHeap = readComponent(config, this.k.taskOffHeap, "taskOffHeap", trace);
    const withoutNetwork = sumSizes(frameworkHeap, frameworkOffHeap, taskHeap, taskOffHeap, managed);
    let network: bigint;
    const totalFlinkOption = this.k.flink;
    if (config.contains(totalFlinkOption)) {
      const totalFlink = readComponent(config, totalFlinkOption, "totalFlink", trace);
      if (withoutNetwork > totalFlink) throw this.exceedsFlink(frameworkHeap, frameworkOffHeap, taskHeap, taskOffHeap, managed, totalFlink);
      network = subtractSizes(totalFlink, withoutNetwork);
      if (trace.enabled) trace.component("network", network, { how: "rest", of: "totalFlink", minus: ["frameworkHeap", "frameworkOffHeap", "taskHeap", "taskOffHeap", "managed"] });
      this.checkNetworkRest(config, network, totalFlink, trace);
    } else if (this.usesLegacyNetwork(config)) {
      network = this.legacyNetwork(config, trace);
    } else {
      network = deriveCapped("network memory", withoutNetwork, "totalFlink-network", this.networkRange(config), true, "network", trace);
    }
    const fm = { frameworkHeap, taskHeap, frameworkOffHeap, taskOffHeap, network, managed };
    this.checkTotal(config, fm);
    return fm;
  }

  fromTotalFlink(config: Configuration, totalFlink: bigint, trace: Trace): TaskManagerFlinkMemory {
    const frameworkHeap = readComponent(config, this.k.frameworkHeap, "frameworkHeap", trace);
    const frameworkOffHeap = readComponent(config, this.k.frameworkOffHeap, "frameworkOffHeap", trace);
    const taskOffHeap = readComponent(config, this.k.taskOffHeap, "taskOffHeap", trace);
    let taskHeap: bigint;
    let network: bigint;
    let managed: bigint;
    const taskHeapOption = this.k.taskHeap;
    if (config.contains(taskHeapOption)) {
      taskHeap = readComponent(config, taskHeapOption, "taskHeap", trace);
      managed = this.managedFromFraction(config, totalFlink, trace);
      const withoutNetwork = sumSizes(frameworkHeap, frameworkOffHeap, taskHeap, taskOffHeap, managed);
      if (withoutNetwork > totalFlink) throw this.exceedsFlink(frameworkHeap, frameworkOffHeap, taskHeap, taskOffHeap, managed, totalFlink);
      network = subtractSizes(totalFlink, withoutNetwork);
      if (trace.enabled) trace.component("network", network, { how: "rest", of: "totalFlink", minus: ["frameworkHeap", "frameworkOffHeap", "taskHeap", "taskOffHeap", "managed"] });
      this.checkNetworkRest(config, network, totalFlink, trace);
    } else {
      managed = this.managedFromFraction(config, totalFlink, trace);
      network = this.usesLegacyNetwork(config)
        ? this.legacyNetwork(config, trace)
        : deriveCapped("network memory", totalFlink, "totalFlink", this.networkRange(config), false, "network", trace);
      const withoutTaskHeap = sumSizes(frameworkHeap, frameworkOffHeap, taskOffHeap, managed, network);
      if (withoutTaskHeap > totalFlink) {
        throw illegalConfig(
          `Sum of configured Framework Heap Memory (${toHumanReadable(frameworkHeap)}), Framework Off-Heap Memory (${toHumanReadable(frameworkOffHeap)}), Task Off-Heap Memory (${toHumanReadable(taskOffHeap)}), Managed Memory (${toHumanReadable(managed)}) and Network Memory (${toHumanReadable(network)}) exceed configured Total Flink Memory (${toHumanReadable(totalFlink)}).`,
        );
      }
      taskHeap = subtractSizes(totalFlink, withoutTaskHeap);
      if (trace.enabled) trace.component("taskHeap", taskHeap, { how: "rest", of: "totalFlink", minus: ["frameworkHeap", "frameworkOffHeap", "taskOffHeap", "managed", "network"] });
    }
    const fm = { frameworkHeap, taskHeap, frameworkOffHeap, taskOffHeap, network, managed };
    this.checkTotal(config, fm);
    return fm;
  }

  /** `sanityCheckTotalFlinkMemory`: the parts must add up to a configured total (cannot fail in practice). */
  private checkTotal(config: Configuration, fm: TaskManagerFlinkMemory): void {
    const option = this.k.flink;
    if (!config.contains(option)) return;
    const configured = readMemory(config, option);
    const derived = this.totalFlink(fm);
    if (configured !== derived) {
      const h = toHumanReadable;
      const sizes = has(this.version, "configuredAndDerivedWording") ? "Configured and Derived" : "Configured/Derived";
      throw illegalConfig(
        `${sizes} Flink internal memory sizes (total ${h(derived)}) do not add up to the configured Total Flink Memory size (${h(configured)}). ${sizes} Flink internal memory sizes are: Framework Heap Memory (${h(fm.frameworkHeap)}), Framework Off-Heap Memory (${h(fm.frameworkOffHeap)}), Task Heap Memory (${h(fm.taskHeap)}), Task Off-Heap Memory (${h(fm.taskOffHeap)}), Network Memory (${h(fm.network)}), Managed Memory (${h(fm.managed)}).`,
      );
    }
  }
}

/** `ConfigurationParserUtils.getPageSize`: the segment size as an int, at least 4096 and a power of two. */
export function pageSizeOf(config: Configuration, o: OptionSet): number {
  const option = o.get<"memory">("tm.segmentSize");
  const bytes = config.get(option)!;
  const asInt = BigInt.asIntN(32, bytes);
  if (asInt !== bytes) throw new FlinkError(JavaClass.IllegalArgument, `Cannot downcast long value ${bytes} to integer.`);
  const pageSize = Number(asInt);
  const invalid = (why: string) =>
    illegalConfig(`Invalid configuration value for ${option.key} : ${pageSize} - ${why}`, { key: option.key });
  if (pageSize < 4096) throw invalid("Minimum memory segment size is 4096");
  if ((pageSize & (pageSize - 1)) !== 0) throw invalid("Memory segment size must be a power of 2.");
  return pageSize;
}

interface TaskManagerParts {
  options: ProcessMemoryOptions;
  model: TaskManagerMemoryModel;
  rules: ProcessModelRules;
  /** "TaskManager memory configuration failed: " before failures (feature `taskManagerFailurePrefix`). */
  wrap: boolean;
  /** The slots option when the spec carries the number of slots. */
  slots: ConfigOption<"int"> | undefined;
  externalResources: boolean;
  cpuScaled: boolean;
}

let lastParts: TaskManagerParts | undefined;
let lastPartsOf: OptionSet | undefined;

const PARTS = new WeakMap<OptionSet, TaskManagerParts>();

/** The options, model and rules of one option set, built once (the model holds no per-call state). */
function partsFor(o: OptionSet, version: FlinkVersion): TaskManagerParts {
  if (lastPartsOf === o && lastParts!.model.version === version) return lastParts!;
  let parts = PARTS.get(o);
  if (!parts || parts.model.version !== version) {
    parts = {
      options: tmOptions(o),
      model: new TaskManagerMemoryModel(o, version),
      rules: {
        checkProcessCoversFlinkAndMetaspace: has(version, "processCoversFlinkAndMetaspace"),
        nothingConfigured: has(version, "requiredFineGrainedMessage") ? nothingConfiguredMessage : nothingConfiguredMessage110,
      },
      wrap: has(version, "taskManagerFailurePrefix"),
      slots: has(version, "taskManagerSpecSlots") ? o.get<"int">("tm.slots") : undefined,
      externalResources: has(version, "taskManagerExternalResources"),
      cpuScaled: has(version, "cpuResourceScale8"),
    };
    PARTS.set(o, parts);
  }
  lastPartsOf = o;
  lastParts = parts;
  return parts;
}

export interface ResolveOptions {
  trace?: Trace;
}

/**
 * Resolves a TaskManager as `TaskExecutorProcessUtils.processSpecFromConfig` does (the
 * configuration must already have any legacy heap option mapped; see `legacy-heap.ts`).
 */
export function taskManagerSpecFromConfig(config: Configuration, version: FlinkVersion, trace: Trace = new Trace(false)): TaskManagerSpec {
  const o = config.options;
  const parts = partsFor(o, version);
  try {
    const pm = deriveProcessMemory(config, parts.options, parts.model, parts.rules, trace);
    const cpuCores = cpuCoresOf(config, o, parts.cpuScaled);
    const numSlots = parts.slots ? config.get(parts.slots)! : undefined;
    const extendedResources = parts.externalResources ? externalResourcesOf(config, o) : undefined;
    const fm = pm.flink;
    const totalFlink = sumSizes(fm.frameworkHeap, fm.frameworkOffHeap, fm.taskHeap, fm.taskOffHeap, fm.network, fm.managed);
    const totalProcess = addSizes(addSizes(totalFlink, pm.metaspace), pm.overhead);
    const spec: TaskManagerSpec = {
      kind: "tm",
      frameworkHeap: fm.frameworkHeap,
      taskHeap: fm.taskHeap,
      frameworkOffHeap: fm.frameworkOffHeap,
      taskOffHeap: fm.taskOffHeap,
      network: fm.network,
      managed: fm.managed,
      totalFlink,
      totalProcess,
      jvmHeap: addSizes(fm.frameworkHeap, fm.taskHeap),
      jvmDirect: addSizes(addSizes(fm.frameworkOffHeap, fm.taskOffHeap), fm.network),
      metaspace: pm.metaspace,
      overhead: pm.overhead,
      cpuCores,
    };
    if (numSlots !== undefined) spec.numSlots = numSlots;
    if (extendedResources) spec.extendedResources = extendedResources;
    if (trace.enabled) recordTotals(spec, config, o, trace);
    return spec;
  } catch (e) {
    if (parts.wrap && e instanceof FlinkError && e.javaClass === JavaClass.IllegalConfiguration) {
      throw illegalConfig(`TaskManager memory configuration failed: ${e.message}`, { cause: e });
    }
    throw e;
  }
}

function recordTotals(spec: TaskManagerSpec, config: Configuration, o: OptionSet, trace: Trace): void {
  if (!trace.origin("totalFlink")) {
    trace.component("totalFlink", spec.totalFlink, { how: "sum", parts: ["frameworkHeap", "taskHeap", "frameworkOffHeap", "taskOffHeap", "network", "managed"] });
  }
  if (!trace.origin("totalProcess")) {
    trace.component("totalProcess", spec.totalProcess, { how: "sum", parts: ["totalFlink", "metaspace", "overhead"] });
  }
  trace.component("jvmHeap", spec.jvmHeap, { how: "sum", parts: ["frameworkHeap", "taskHeap"] });
  trace.component("offHeap", spec.jvmDirect, { how: "sum", parts: ["frameworkOffHeap", "taskOffHeap", "network"] });
  void readOrigin;
  void config;
  void o;
}
