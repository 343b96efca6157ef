/**
 * flink-memory: Apache Flink's process memory model, computed exactly as Flink computes it.
 *
 * ```ts
 * import { resolveTaskManager } from "flink-memory";
 * const tm = resolveTaskManager({ flink: "2.0", configYaml: "taskmanager.memory.process.size: 4g\n" });
 * tm.spec.managed;      // 1438814063n
 * tm.jvmParameters;     // "-Xmx1664299798 -Xms1664299798 -XX:MaxDirectMemorySize=493921243 -XX:MaxMetaspaceSize=268435456"
 * ```
 * @module
 */
export { resolveTaskManager, resolveJobManager, resolveLocal, BASH_JAVA_UTILS_PREFIX } from "./resolve.js";
export type { ResolveRequest, TaskManagerResult, JobManagerResult, LocalResult, FailedResolution } from "./resolve.js";
export type { ConfigInput, LoadedConfiguration } from "./config/load.js";
export { loadConfiguration, inputForRelease } from "./config/load.js";
export { chooseConfFiles, confFilesLookedFor, confFileNotices } from "./config/conf-files.js";
export type { ConfFile, ConfFileName, ConfFileChoice, IgnoredConfFile, IgnoreReason, ReadConfFile } from "./config/conf-files.js";
export { Configuration } from "./config/configuration.js";
export { readLegacyFlinkConf } from "./config/legacy-reader.js";
export { readStandardYaml } from "./config/yaml/index.js";
export { FlinkError, JavaClass } from "./errors.js";
export type { SourceLocation } from "./errors.js";
export {
  parseMemorySize,
  memorySizeToString,
  toHumanReadable,
  multiplySize,
  addSizes,
  subtractSizes,
  MAX_BYTES,
} from "./size/memory-size.js";
export { optionsFor } from "./options/registry.js";
export type { OptionSet } from "./options/registry.js";
export type { ConfigOption, OptionType } from "./options/types.js";
export { configOptionToString } from "./options/types.js";
export { flinkVersion, parseFlinkVersion, SUPPORTED_LINES, VERIFIED_LINES, NEWEST_LINE } from "./versions/version.js";
export type { FlinkVersion } from "./versions/version.js";
export { FEATURES, has as hasFeature } from "./versions/features.js";
export type { TaskManagerSpec } from "./model/taskmanager.js";
export type { JobManagerSpec } from "./model/jobmanager.js";
export type { LocalSpec } from "./model/local.js";
export type { TraceEvent, Origin, ComponentName } from "./model/trace.js";
export { jvmParameters } from "./render/jvm-params.js";
export { taskManagerDynamicConfigs, jobManagerDynamicConfigs } from "./render/dynamic-configs.js";
export { slotsBreakdown } from "./slots/slot-breakdown.js";
export type { SlotsRequest, SlotsBreakdown, ConsumerShare, RocksDbShare, OperatorShare, StateBackendKind } from "./slots/slot-breakdown.js";
export { jobAssumptions } from "./slots/job-profile.js";
export type { JobKind, JobRequest, JobAssumptions } from "./slots/job-profile.js";
export { stateBackendOf, STATE_BACKEND_KINDS } from "./slots/state-backend.js";
export type { StateBackendChoice, AssumptionSource } from "./slots/state-backend.js";
export { networkBuffers, networkRules } from "./network/network-buffers.js";
export type { NetworkRequest, NetworkResult, TaskManagerBuffers, PoolGroup, NetworkRecommendation } from "./network/network-buffers.js";
export { readTopology, PARTITIONINGS } from "./network/topology.js";
export type { Topology, Vertex, Edge } from "./network/topology.js";
export { suggestFixes } from "./fix/fix-its.js";
export type { Fix, FixKind, FixTarget, ResolvedSpec, SuggestOptions } from "./fix/fix-its.js";
export { applyChanges, describeChange } from "./fix/changes.js";
export type { ConfigChange, KeyChange, LineChange } from "./fix/changes.js";
export { fitContainer } from "./sizing/fit.js";
export type { FitResult } from "./sizing/fit.js";
export { smallestProcessSize, healthyProcessSize } from "./sizing/inverse.js";
export type { InverseResult, HealthyInverseResult } from "./sizing/inverse.js";
export { healthIssues, healthContextOf, configuredStateBackend, JM_MIN_HEAP, TASK_HEAP_PER_SLOT, TASK_HEAP_PER_SLOT_HEAP_BACKEND, METASPACE_FLOOR, JVM_MIN_HEAP } from "./sizing/healthy.js";
export type { HealthContext, HealthIssue, StateBackend } from "./sizing/healthy.js";
export type { SizingOptions } from "./sizing/healthy-goals.js";
export { answerWarnings, lintedFixes } from "./sizing/verify.js";
export { perSlotGoals } from "./sizing/goals.js";
export type { SizingGoals, SizingTarget } from "./sizing/goals.js";
export { parseKubernetesQuantity, parseContainerSize } from "./sizing/kubernetes-quantity.js";
export type { KubernetesQuantity, ContainerSize } from "./sizing/kubernetes-quantity.js";
export { diagnose } from "./diagnose/diagnose.js";
export type { DiagnoseOptions, DiagnoseResult } from "./diagnose/diagnose.js";
export type { Finding, FindingKind, DiagnoseChange, ProcessKind } from "./diagnose/finding.js";
