/**
 * Behaviour changes of Flink's memory code, each declared once with the release that
 * brought it (`since`) or removed it (`until`). Option defaults and keys live in the option
 * declarations; everything else that differs between versions is named here.
 * @module
 */
import { inSpan, type FlinkVersion, type Span } from "./version.js";

export const FEATURES = {
  /** The JobManager memory model (`jobmanager.memory.*`). Before it, the JobManager had only a heap size. */
  jobManagerModel: { since: "1.11", note: "JobManager memory model (FLIP-116)" },
  /** "The configured Total Process Memory size ... is less than the sum ..." check. */
  processCoversFlinkAndMetaspace: { since: "1.11", note: "check that total process memory covers total Flink memory plus metaspace" },
  /** "TaskManager memory configuration failed: " prefix on TaskManager failures. */
  taskManagerFailurePrefix: { since: "1.12", note: "'TaskManager memory configuration failed: ' prefix" },
  /** "JobManager memory configuration failed: " prefix on the start-up path with legacy heap mapping. */
  jobManagerFailurePrefix: { since: "1.12", until: "2.0", note: "'JobManager memory configuration failed: ' prefix" },
  /** Legacy heap options (`taskmanager.heap.size`, `jobmanager.heap.mb`, ...) are mapped to new ones. */
  legacyHeapOptions: { until: "2.0", note: "legacy heap options taskmanager.heap.size/.mb, jobmanager.heap.size/.mb" },
  /** Legacy `taskmanager.network.numberOfBuffers` sizes network memory. */
  legacyNetworkBuffers: { until: "2.0", note: "legacy taskmanager.network.numberOfBuffers" },
  /** Dynamic configs joined by single spaces with no trailing space (`assembleDynamicConfigsStr`). */
  dynamicConfigsJoined: { since: "1.12", note: "dynamic configs without trailing space" },
  /** TaskManager dynamic configs include metaspace, overhead, slots and external resources. */
  taskManagerDynamicConfigsExtended: { since: "1.13", note: "TaskManager dynamic configs with metaspace, overhead, slots, external resources" },
  /** `BashJavaUtils GET_JM_RESOURCE_PARAMS` prints the dynamic configs line too. */
  jobManagerDynamicConfigs: { since: "1.12", note: "JobManager dynamic configs" },
  /** CPU resources keep at most 8 decimals, trailing zeros stripped (FLINK-22505). */
  cpuResourceScale8: { since: "1.14", note: "CPU cores rounded down to 8 decimals, trailing zeros stripped" },
  /** `config.yaml` (standard YAML) is read. */
  standardYamlFile: { since: "1.19", note: "standard YAML config.yaml" },
  /** The legacy `flink-conf.yaml` line parser is read (preferred over config.yaml when present). */
  legacyFlinkConfFile: { until: "2.0", note: "legacy flink-conf.yaml" },
} as const satisfies Record<string, Span & { note: string }>;

export type Feature = keyof typeof FEATURES;

/** True when Flink `version` has `feature`. */
export function has(version: FlinkVersion, feature: Feature): boolean {
  return inSpan(version, FEATURES[feature]);
}
