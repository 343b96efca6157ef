/**
 * The process model shared by TaskManager and JobManager (Flink's `ProcessMemoryUtils`):
 * JVM metaspace and overhead around a "Total Flink Memory", derived from whichever of the
 * fine-grained options, the total Flink size or the total process size is configured.
 * @module
 */
import { illegalConfig } from "../errors.js";
import type { Configuration } from "../config/configuration.js";
import { configOptionToString, type ConfigOption } from "../options/types.js";
import { addSizes, multiplySize, subtractSizes, toHumanReadable } from "../size/memory-size.js";
import { deriveCapped, rangeFraction, readComponent, readMemory, type RangeFraction } from "./range-fraction.js";
import type { ComponentName, Trace } from "./trace.js";

/** The options that shape one kind of process (`ProcessMemoryOptions`). */
export interface ProcessMemoryOptions {
  requiredFineGrained: ConfigOption<"memory">[];
  totalFlink: ConfigOption<"memory">;
  totalProcess: ConfigOption<"memory">;
  metaspace: ConfigOption<"memory">;
  overheadMin: ConfigOption<"memory">;
  overheadMax: ConfigOption<"memory">;
  overheadFraction: ConfigOption<"float">;
}

/** How a process specialises the Flink part (`FlinkMemoryUtils`). */
export interface FlinkMemoryModel<FM> {
  fromFineGrained(config: Configuration, trace: Trace): FM;
  fromTotalFlink(config: Configuration, totalFlink: bigint, trace: Trace): FM;
  totalFlink(fm: FM): bigint;
}

export interface ProcessMemory<FM> {
  flink: FM;
  metaspace: bigint;
  overhead: bigint;
}

/** Per-process wording of the failure when nothing is configured (1.10 had its own). */
export type NothingConfiguredMessage = (o: ProcessMemoryOptions) => string;

export const nothingConfiguredMessage: NothingConfiguredMessage = (o) =>
  `Either required fine-grained memory (${o.requiredFineGrained.map((x) => x.key).join(" and ")}), or Total Flink Memory size (${configOptionToString(o.totalFlink)}), or Total Process Memory size (${configOptionToString(o.totalProcess)}) need to be configured explicitly.`;

export interface ProcessModelRules {
  /** Flink 1.11+ checks that total process memory covers total Flink plus metaspace before subtracting. */
  checkProcessCoversFlinkAndMetaspace: boolean;
  nothingConfigured: NothingConfiguredMessage;
}

function overheadRange(config: Configuration, o: ProcessMemoryOptions): RangeFraction {
  const min = readMemory(config, o.overheadMin);
  const max = readMemory(config, o.overheadMax);
  return rangeFraction(config, min, max, o.overheadFraction, [o.overheadMin, o.overheadMax]);
}

function pathTaken(config: Configuration, o: ProcessMemoryOptions, trace: Trace, path: "fine-grained" | "total-flink" | "total-process"): void {
  if (!trace.enabled) return;
  const keys = [...o.requiredFineGrained, o.totalFlink, o.totalProcess].filter((x) => config.contains(x)).map((x) => x.key);
  trace.add({ kind: "path", path, configured: keys });
}

/** `ProcessMemoryUtils.memoryProcessSpecFromConfig`. */
export function deriveProcessMemory<FM>(
  config: Configuration,
  o: ProcessMemoryOptions,
  model: FlinkMemoryModel<FM>,
  rules: ProcessModelRules,
  trace: Trace,
): ProcessMemory<FM> {
  if (o.requiredFineGrained.every((x) => config.contains(x))) {
    pathTaken(config, o, trace, "fine-grained");
    const flink = model.fromFineGrained(config, trace);
    const jvm = metaspaceAndOverheadFromTotalFlink(config, o, model.totalFlink(flink), rules, trace);
    return { flink, metaspace: jvm.metaspace, overhead: jvm.overhead };
  }
  if (config.contains(o.totalFlink)) {
    pathTaken(config, o, trace, "total-flink");
    const totalFlink = readComponent(config, o.totalFlink, "totalFlink", trace);
    const flink = model.fromTotalFlink(config, totalFlink, trace);
    const jvm = metaspaceAndOverheadFromTotalFlink(config, o, totalFlink, rules, trace);
    return { flink, metaspace: jvm.metaspace, overhead: jvm.overhead };
  }
  if (config.contains(o.totalProcess)) {
    pathTaken(config, o, trace, "total-process");
    const totalProcess = readComponent(config, o.totalProcess, "totalProcess", trace);
    const metaspace = readComponent(config, o.metaspace, "metaspace", trace);
    const overhead = deriveCapped("jvm overhead memory", totalProcess, "totalProcess", overheadRange(config, o), false, "overhead", trace);
    if (addSizes(metaspace, overhead) > totalProcess) {
      throw illegalConfig(
        `Sum of configured JVM Metaspace (${toHumanReadable(metaspace)}) and JVM Overhead (${toHumanReadable(overhead)}) exceed configured Total Process Memory (${toHumanReadable(totalProcess)}).`,
      );
    }
    const totalFlink = subtractSizes(totalProcess, addSizes(metaspace, overhead));
    if (trace.enabled) trace.component("totalFlink", totalFlink, { how: "rest", of: "totalProcess", minus: ["metaspace", "overhead"] });
    const flink = model.fromTotalFlink(config, totalFlink, trace);
    return { flink, metaspace, overhead };
  }
  throw illegalConfig(rules.nothingConfigured(o));
}

/** `deriveJvmMetaspaceAndOverheadFromTotalFlinkMemory`. */
export function metaspaceAndOverheadFromTotalFlink(
  config: Configuration,
  o: ProcessMemoryOptions,
  totalFlink: bigint,
  rules: ProcessModelRules,
  trace: Trace,
): { metaspace: bigint; overhead: bigint } {
  const metaspace = readComponent(config, o.metaspace, "metaspace", trace);
  const flinkAndMetaspace = addSizes(totalFlink, metaspace);
  if (config.contains(o.totalProcess)) {
    const totalProcess = readMemory(config, o.totalProcess);
    const metaspaceAgain = readMemory(config, o.metaspace);
    if (rules.checkProcessCoversFlinkAndMetaspace && totalProcess < addSizes(totalFlink, metaspaceAgain)) {
      throw illegalConfig(
        `The configured Total Process Memory size (${toHumanReadable(totalProcess)}) is less than the sum of the derived Total Flink Memory size (${toHumanReadable(totalFlink)}) and the configured or default JVM Metaspace size  (${toHumanReadable(metaspaceAgain)}).`,
      );
    }
    const overhead = subtractSizes(totalProcess, addSizes(totalFlink, metaspaceAgain));
    const range = overheadRange(config, o);
    if (overhead > range.max || overhead < range.min) {
      throw illegalConfig(
        `Derived JVM Overhead size (${toHumanReadable(overhead)}) is not in configured JVM Overhead range [${toHumanReadable(range.min)}, ${toHumanReadable(range.max)}].`,
      );
    }
    if (trace.enabled) {
      trace.component("totalProcess", totalProcess, { how: "configured", key: config.lookup(o.totalProcess)!.key, optionKey: o.totalProcess.key });
      trace.component("overhead", overhead, { how: "rest", of: "totalProcess", minus: ["totalFlink", "metaspace"] });
      if (range.fractionConfigured && overhead !== multiplySize(totalProcess, range.fraction)) {
        trace.log("info", () =>
          `The derived JVM Overhead size (${toHumanReadable(overhead)}) does not match the configured or default JVM Overhead fraction (${range.fraction}) from the configured Total Process Memory size (${toHumanReadable(totalProcess)}). The derived JVM Overhead size will be used.`,
        );
      }
    }
    return { metaspace, overhead };
  }
  const overhead = deriveCapped("jvm overhead memory", flinkAndMetaspace, "totalFlink+metaspace", overheadRange(config, o), true, "overhead", trace);
  return { metaspace, overhead };
}

export type { ComponentName };
