/**
 * JobManager memory (Flink's `JobManagerFlinkMemoryUtils` and `JobManagerProcessUtils`):
 * JVM heap and off-heap inside the Total Flink Memory.
 * @module
 */
import { FlinkError, JavaClass, illegalConfig } from "../errors.js";
import type { Configuration } from "../config/configuration.js";
import type { OptionSet } from "../options/registry.js";
import type { ConfigOption } from "../options/types.js";
import { addSizes, MiB, subtractSizes, toHumanReadable } from "../size/memory-size.js";
import { has } from "../versions/features.js";
import type { FlinkVersion } from "../versions/version.js";
import { deriveProcessMemory, nothingConfiguredMessage, type FlinkMemoryModel, type ProcessMemoryOptions } from "./process-memory.js";
import { readComponent, readMemory } from "./range-fraction.js";
import { Trace } from "./trace.js";

export interface JobManagerFlinkMemory {
  jvmHeap: bigint;
  offHeap: bigint;
}

/** A resolved JobManager (Flink's `JobManagerProcessSpec`). */
export interface JobManagerSpec extends JobManagerFlinkMemory {
  kind: "jm";
  totalFlink: bigint;
  totalProcess: bigint;
  /** `-XX:MaxDirectMemorySize` when the direct memory limit is enabled: the off-heap size. */
  jvmDirect: bigint;
  metaspace: bigint;
  overhead: bigint;
  /** `jobmanager.memory.enable-jvm-direct-memory-limit`. */
  directMemoryLimit: boolean;
}

/** Flink warns (only) when the JobManager heap is below this. */
export const JM_MIN_RECOMMENDED_HEAP = 128n * MiB;

function jmOptions(o: OptionSet): ProcessMemoryOptions {
  return {
    requiredFineGrained: [o.get("jm.heap")],
    totalFlink: o.get("jm.flink"),
    totalProcess: o.get("jm.process"),
    metaspace: o.get("jm.metaspace"),
    overheadMin: o.get("jm.overheadMin"),
    overheadMax: o.get("jm.overheadMax"),
    overheadFraction: o.get("jm.overheadFraction"),
  };
}

class JobManagerMemoryModel implements FlinkMemoryModel<JobManagerFlinkMemory> {
  constructor(
    private readonly o: OptionSet,
    private readonly version: FlinkVersion,
  ) {}

  private opt(id: string): ConfigOption<"memory"> {
    return this.o.get<"memory">(id);
  }

  totalFlink(fm: JobManagerFlinkMemory): bigint {
    return addSizes(fm.jvmHeap, fm.offHeap);
  }

  private checkHeap(heap: bigint, trace: Trace): void {
    if (heap < JM_MIN_RECOMMENDED_HEAP) {
      trace.log("warn", () =>
        `The configured or derived JVM heap memory size (${toHumanReadable(heap)}) is less than its recommended minimum value (${toHumanReadable(JM_MIN_RECOMMENDED_HEAP)})`,
      );
    }
  }

  fromFineGrained(config: Configuration, trace: Trace): JobManagerFlinkMemory {
    const jvmHeap = readComponent(config, this.opt("jm.heap"), "jvmHeap", trace);
    const offHeapOption = this.opt("jm.offHeap");
    let offHeap = readComponent(config, offHeapOption, "offHeap", trace);
    const totalFlinkOption = this.opt("jm.flink");
    if (config.contains(totalFlinkOption)) {
      const totalFlink = readComponent(config, totalFlinkOption, "totalFlink", trace);
      if (config.contains(offHeapOption)) {
        // Before FLINK-18993 (1.11.2) Flink passed the Total Flink Memory where the off-heap size
        // belongs: it checked heap + total = total and printed the total as the off-heap size.
        const fixed = has(this.version, "jobManagerOffHeapInSumCheck");
        const checkedOffHeap = fixed ? offHeap : totalFlink;
        if (addSizes(jvmHeap, checkedOffHeap) !== totalFlink) {
          throw illegalConfig(
            `Sum of the configured JVM Heap Memory (${toHumanReadable(jvmHeap)}) and the configured Off-heap Memory (${toHumanReadable(checkedOffHeap)}) does not match the configured Total Flink Memory (${toHumanReadable(totalFlink)}). Please, make the configuration consistent or configure only one option: either JVM Heap or Total Flink Memory.`,
            fixed ? {} : { hint: `Flink ${this.version.label} checks heap + Total Flink Memory against Total Flink Memory here (FLINK-18993, fixed in 1.11.2), so with all three sizes set only a zero heap passes: set just two of jobmanager.memory.heap.size, jobmanager.memory.off-heap.size and jobmanager.memory.flink.size.` },
          );
        }
      } else {
        if (totalFlink < jvmHeap) {
          throw illegalConfig(
            `The configured JVM Heap Memory (${toHumanReadable(jvmHeap)}) exceeds the configured Total Flink Memory (${toHumanReadable(totalFlink)}). Please, make the configuration consistent or configure only one option: either JVM Heap or Total Flink Memory.`,
          );
        }
        const derived = subtractSizes(totalFlink, jvmHeap);
        if (derived !== offHeap) {
          const defaultOffHeap = offHeap;
          trace.log("info", () =>
            `The Off-Heap Memory size (${toHumanReadable(derived)}) is derived the configured Total Flink Memory size (${toHumanReadable(totalFlink)}) minus the configured JVM Heap Memory size (${toHumanReadable(jvmHeap)}). The default Off-Heap Memory size (${toHumanReadable(defaultOffHeap)}) is ignored.`,
          );
        }
        offHeap = derived;
        if (trace.enabled) trace.component("offHeap", offHeap, { how: "rest", of: "totalFlink", minus: ["jvmHeap"] });
      }
    }
    this.checkHeap(jvmHeap, trace);
    return { jvmHeap, offHeap };
  }

  fromTotalFlink(config: Configuration, totalFlink: bigint, trace: Trace): JobManagerFlinkMemory {
    const offHeap = readComponent(config, this.opt("jm.offHeap"), "offHeap", trace);
    // Flink fails on equality too (`compareTo(...) < 1`).
    if (totalFlink <= offHeap) {
      throw illegalConfig(
        `The configured Total Flink Memory (${toHumanReadable(totalFlink)}) is less than the configured Off-heap Memory (${toHumanReadable(offHeap)}).`,
      );
    }
    const jvmHeap = subtractSizes(totalFlink, offHeap);
    if (trace.enabled) trace.component("jvmHeap", jvmHeap, { how: "rest", of: "totalFlink", minus: ["offHeap"] });
    this.checkHeap(jvmHeap, trace);
    return { jvmHeap, offHeap };
  }
}

/**
 * Resolves a JobManager as `JobManagerProcessUtils.processSpecFromConfig` does, then reads
 * the direct-memory-limit flag as `generateJvmParametersStr` does (after the derivation).
 * `wrap` adds Flink's "JobManager memory configuration failed: " prefix (1.12–1.20 start-up path).
 */
export function jobManagerSpecFromConfig(config: Configuration, version: FlinkVersion, trace: Trace = new Trace(false), wrap = false): JobManagerSpec {
  const o = config.options;
  let pm;
  try {
    pm = deriveProcessMemory(config, jmOptions(o), new JobManagerMemoryModel(o, version), {
      checkProcessCoversFlinkAndMetaspace: has(version, "processCoversFlinkAndMetaspace"),
      nothingConfigured: nothingConfiguredMessage,
    }, trace);
  } catch (e) {
    if (wrap && e instanceof FlinkError && e.javaClass === JavaClass.IllegalConfiguration) {
      throw illegalConfig(`JobManager memory configuration failed: ${e.message}`, { cause: e });
    }
    throw e;
  }
  const { jvmHeap, offHeap } = pm.flink;
  const totalFlink = addSizes(jvmHeap, offHeap);
  const totalProcess = addSizes(addSizes(totalFlink, pm.metaspace), pm.overhead);
  if (trace.enabled) {
    if (!trace.origin("totalFlink")) trace.component("totalFlink", totalFlink, { how: "sum", parts: ["jvmHeap", "offHeap"] });
    if (!trace.origin("totalProcess")) trace.component("totalProcess", totalProcess, { how: "sum", parts: ["totalFlink", "metaspace", "overhead"] });
  }
  const directMemoryLimit = config.get(o.get<"boolean">("jm.directLimit"))!;
  void readMemory;
  return { kind: "jm", jvmHeap, offHeap, totalFlink, totalProcess, jvmDirect: offHeap, metaspace: pm.metaspace, overhead: pm.overhead, directMemoryLimit };
}
