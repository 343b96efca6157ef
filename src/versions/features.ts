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
  /**
   * "Either required fine-grained memory (...), or Total Flink Memory size (<ConfigOption>), ..."
   * from the shared `ProcessMemoryUtils` (FLIP-116, 1.11.0). Flink 1.10's `TaskExecutorProcessUtils`
   * named the four keys plainly: "Either Task Heap Memory size (...) and Managed Memory size (...), ...".
   */
  requiredFineGrainedMessage: { since: "1.11", note: "'Either required fine-grained memory ...' message (1.10: 'Either Task Heap Memory size ...')" },
  /**
   * "Configured and Derived ... memory sizes" in the sum sanity checks (FLIP-116, 1.11.0);
   * 1.10 wrote "Configured/Derived ...".
   */
  configuredAndDerivedWording: { since: "1.11", note: "'Configured and Derived' (1.10: 'Configured/Derived') in sum sanity checks" },
  /** "The configured Total Process Memory size ... is less than the sum ..." check. */
  processCoversFlinkAndMetaspace: { since: "1.11", note: "check that total process memory covers total Flink memory plus metaspace" },
  /**
   * "TaskManager memory configuration failed: " prefix on TaskManager failures, and "TaskManager
   * failed to map legacy JVM heap option to the new one: " (FLINK-20171): 1.11.3 and 1.12.0 have
   * them, 1.11.0-1.11.2 do not (checked in the release tags).
   */
  taskManagerFailurePrefix: { since: "1.11.3", note: "'TaskManager memory configuration failed: ' prefix" },
  /** "JobManager memory configuration failed: " prefix on the start-up path with legacy heap mapping (FLINK-20171, 1.11.3). */
  jobManagerFailurePrefix: { since: "1.11.3", until: "2.0", note: "'JobManager memory configuration failed: ' prefix" },
  /**
   * The JobManager's "Sum of the configured JVM Heap Memory ... and the configured Off-heap Memory"
   * check uses the off-heap size (FLINK-18993, commit 5e9bd610 on release-1.11): 1.11.0 and 1.11.1
   * passed the Total Flink Memory in its place, so heap + total had to equal total (checked in the
   * release tags; 1.12.0 has the fix).
   */
  jobManagerOffHeapInSumCheck: { since: "1.11.2", note: "JobManager heap + off-heap = total Flink memory check uses the off-heap size (FLINK-18993; 1.11.0/1.11.1 used the total)" },
  /** Legacy heap options (`taskmanager.heap.size`, `jobmanager.heap.mb`, ...) are mapped to new ones. */
  legacyHeapOptions: { until: "2.0", note: "legacy heap options taskmanager.heap.size/.mb, jobmanager.heap.size/.mb" },
  /** Legacy `taskmanager.network.numberOfBuffers` sizes network memory. */
  legacyNetworkBuffers: { until: "2.0", note: "legacy taskmanager.network.numberOfBuffers" },
  /** Dynamic configs joined by single spaces with no trailing space (`assembleDynamicConfigsStr`). */
  dynamicConfigsJoined: { since: "1.12", note: "dynamic configs without trailing space" },
  /**
   * TaskManager dynamic configs include JVM metaspace and overhead (FLINK-21158): on master for
   * 1.13.0 and back-ported to 1.12.2 (1.12.0 and 1.12.1 lack it; checked in the release tags).
   */
  taskManagerDynamicConfigsJvm: { since: "1.12.2", note: "TaskManager dynamic configs with JVM metaspace and overhead (FLINK-21158)" },
  /**
   * `TaskExecutorProcessSpec` carries the number of slots (FLINK-21433, 1.13.0): BashJavaUtils'
   * result knows it and the dynamic configs pass `taskmanager.numberOfTaskSlots`.
   */
  taskManagerSpecSlots: { since: "1.13", note: "number of slots in the TaskManager spec and dynamic configs (FLINK-21433)" },
  /**
   * TaskManager and local resource specs carry external resources (FLINK-21480, 1.13.0): the
   * dynamic configs list them (`external-resources`, `external-resource.<name>.amount`).
   * The `external-resources` option itself exists since 1.11 (see the option declarations).
   */
  taskManagerExternalResources: { since: "1.13", note: "external resources in the TaskManager / local spec and dynamic configs (FLINK-21480)" },
  /**
   * The `external-resources` list in the TaskManager dynamic configs is put in double quotes
   * (FLINK-24541, commit 44e75ecd): in 1.15.0; 1.14.5 and the release-1.14 branch lack it.
   */
  externalResourceListQuoted: { since: "1.15", note: "external resource list in double quotes in the dynamic configs (FLINK-24541)" },
  /**
   * `BashJavaUtils` (moved to `org.apache.flink.runtime.util.bash`) has the commands
   * `GET_TM_RESOURCE_PARAMS` and `GET_JM_RESOURCE_PARAMS` (1.11.0); 1.10's
   * `org.apache.flink.runtime.util.BashJavaUtils` has `GET_TM_RESOURCE_JVM_PARAMS` and
   * `GET_TM_RESOURCE_DYNAMIC_CONFIGS`, one result line each.
   */
  bashJavaUtilsResourceParams: { since: "1.11", note: "BashJavaUtils GET_TM_RESOURCE_PARAMS / GET_JM_RESOURCE_PARAMS (1.10: GET_TM_RESOURCE_JVM_PARAMS, GET_TM_RESOURCE_DYNAMIC_CONFIGS)" },
  /** `BashJavaUtils GET_JM_RESOURCE_PARAMS` prints the dynamic configs line too. */
  jobManagerDynamicConfigs: { since: "1.12", note: "JobManager dynamic configs" },
  /**
   * Resources (CPU, external resources) keep at most 8 decimals, trailing zeros stripped
   * (FLINK-22505): before, an external resource of 9 was held as 9.0.
   */
  cpuResourceScale8: { since: "1.14", note: "CPU cores rounded down to 8 decimals, trailing zeros stripped" },
  /**
   * Local execution assumes 1,000,000 CPU cores and 1 TiB task heap/off-heap when not set (commit
   * 350a2d6a "Adjust TaskExecutor resource to reasonably large value for local execution"), where
   * before it took `Double.MAX_VALUE` and `MemorySize.MAX_VALUE`. In 1.13.0 and back-ported to
   * 1.12.5 (1.12.4 still has the maximal values; checked in the release tags).
   */
  localExecutionBoundedResources: { since: "1.12.5", note: "local execution: 1000000.0 CPU cores and 1 TiB task memory instead of the maximal values" },
  /**
   * Local execution computes Total Flink and Total Process Memory from the components, with
   * framework, metaspace and overhead defaults (FLINK-22683). Released in 1.12.5 and 1.13.2:
   * 1.13.0 and 1.13.1 lack it (checked with Flink 1.13.0's own code).
   */
  localExecutionTotals: { since: "1.12.5", except: ["1.13.0", "1.13.1"], note: "local execution totals (FLINK-22683; absent in 1.13.0 and 1.13.1)" },
  /**
   * Local execution removes the options that have no effect there (total sizes, framework
   * heap/off-heap, metaspace, overhead) and sets framework, metaspace and overhead to their
   * defaults (FLINK-30081, 1.20.0). Before, it only warned: user values stayed and fed the totals
   * (defaults were set only where nothing was).
   */
  localExecutionResetsUnused: { since: "1.20", note: "local execution resets framework/metaspace/overhead options (FLINK-30081)" },
  /** "The Flink config file '…' (…) does not exist." shows the file's absolute path, not the directory's (FLINK-21754). */
  configFileMessageNamesFile: { since: "1.13", note: "missing config file message names the file's absolute path (FLINK-21754)" },
  /** `config.yaml` (standard YAML) is read. */
  standardYamlFile: { since: "1.19", note: "standard YAML config.yaml" },
  /** The legacy `flink-conf.yaml` line parser is read (preferred over config.yaml when present). */
  legacyFlinkConfFile: { until: "2.0", note: "legacy flink-conf.yaml" },
  /**
   * BashJavaUtils MIGRATE_LEGACY_FLINK_CONFIGURATION_TO_STANDARD_YAML (FLINK-34223, 1.19.0; behind
   * bin/migrate-config-file.sh). 2.x keeps the command but no longer reads flink-conf.yaml: not modelled.
   */
  migrateLegacyConfigCommand: { since: "1.19", until: "2.0", note: "BashJavaUtils MIGRATE_LEGACY_FLINK_CONFIGURATION_TO_STANDARD_YAML" },
  /**
   * An input gate's floating-buffer pool requires one buffer (for recovering channel state);
   * Flink 1.10 required none.
   */
  inputGateFloatingMinOne: { since: "1.11", note: "input gate floating pool requires 1 buffer (1.10: 0)" },
  /**
   * Sort-merge blocking shuffle (FLIP-148): a blocking result partition with at least
   * `sort-shuffle.min-parallelism` subpartitions requires `sort-shuffle.min-buffers` instead of
   * one buffer per subpartition plus one.
   */
  sortShuffle: { since: "1.12", note: "sort-merge blocking shuffle: batch partitions require sort-shuffle.min-buffers" },
  /**
   * Pointwise (forward, rescale) edges connect subtasks by integer index ranges (FLINK-21326,
   * commit 91c2d954); before, uneven ratios went through float factors.
   */
  pointwiseIntegerRanges: { since: "1.13", note: "pointwise edges by integer index ranges (FLINK-21326; before: float factors)" },
  /**
   * A pointwise edge that fans out (fewer producers than consumers) gives each producer a consumer
   * range by integer arithmetic (FLINK-22863, commit 6f774c9d, 1.13.2). 1.13.0 and 1.13.1 still
   * took ceilings of a float factor there: boundaries could shift by one, and where the last
   * range ended past the last consumer the execution graph failed (ArrayIndexOutOfBoundsException).
   */
  pointwiseFanOutIntegerRanges: { since: "1.13.2", note: "fan-out pointwise edges by integer ranges (FLINK-22863; 1.13.0/1.13.1: float ceilings, some failing)" },
  /** A sort-merge partition's pool is capped at max(min, 4 × subpartitions) instead of unbounded. */
  sortShuffleBoundedPool: { since: "1.15", note: "sort-merge partition pool at most max(min-buffers, 4 × subpartitions)" },
  /**
   * An input gate's buffers are split into required and optional parts, the required part capped
   * by `read-buffer.required-per-gate.max` (unset: unlimited for streaming, 1000 for batch);
   * exclusive buffers per channel shrink when the cap is hit (FLINK-30473, FLIP-266).
   */
  gateRequiredBuffersCap: { since: "1.17", note: "input gate required/optional split, read-buffer.required-per-gate.max (FLINK-30473)" },
  /**
   * An input gate's required buffers all come from the gate's own pool, local channels included
   * (FLINK-33668, reverted for 1.20; whether later 1.19 patch releases kept it is unverified).
   */
  gateBuffersFromGatePool: { since: "1.19", until: "1.20", note: "input gate requires all its buffers from its pool, local channels too (FLINK-33668, reverted in 1.20)" },
  /**
   * Buffers per channel (2), floating buffers per gate (8), max buffers per channel (10) and sort
   * shuffle from one subpartition are fixed in code; their options are gone (FLINK-33750).
   */
  fixedNetworkBufferCounts: { since: "2.0", note: "network buffers per channel/gate fixed at 2/8/10, sort shuffle always (FLINK-33750)" },

  // State backends: which shortcut names `StateBackendLoader` knows (any other name is tried as a
  // factory class). Whether the backend uses managed memory decides if STATE_BACKEND counts.
  /** The `hashmap` shortcut (HashMapStateBackend, FLIP-142); before 1.13 the heap backends were `jobmanager` and `filesystem`. */
  hashMapStateBackendName: { since: "1.13", note: "state backend shortcut 'hashmap' (FLIP-142)" },
  /** The `jobmanager` (MemoryStateBackend) and `filesystem` (FsStateBackend) shortcuts, heap backends; 2.0 removed them. */
  legacyHeapStateBackendNames: { until: "2.0", note: "state backend shortcuts 'jobmanager' and 'filesystem'" },
  /** The `forst` shortcut (ForStStateBackend, disaggregated state), which uses managed memory like RocksDB. */
  forStStateBackend: { since: "2.0", note: "state backend shortcut 'forst' (ForSt)" },

  /**
   * Python operators declare PYTHON managed memory whatever `python.fn-execution.memory.managed`
   * says; 1.12 declared it only when that option is true (PythonConfigUtil).
   */
  pythonAlwaysDeclared: { since: "1.13", note: "Python operators declare PYTHON managed memory even with python.fn-execution.memory.managed=false (1.12: only when true)" },
  // The official Docker image (apache/flink-docker), per image release line
  /**
   * The 1.10 and 1.11 images give a TaskManager as many slots as the container sees CPUs when
   * TASK_MANAGER_NUMBER_OF_TASK_SLOTS is unset (`grep -c ^processor /proc/cpuinfo`).
   */
  dockerSlotsFromCpuCount: { until: "1.12", note: "Docker image: TaskManager slots default to the container's CPU count" },
  /**
   * From the 1.12 images the entrypoint writes the configuration (FLINK_PROPERTIES included) before
   * looking at the command (FLINK-21037); the 1.10/1.11 images only for `jobmanager`,
   * `standalone-job` and `taskmanager`, so a command run as is (`bin/taskmanager.sh …`) got none of it.
   */
  dockerPreparesEveryCommand: { since: "1.12", note: "Docker image: configuration written for every command (FLINK-21037)" },
  /** The 1.12 images set `taskmanager.numberOfTaskSlots` to TASK_MANAGER_NUMBER_OF_TASK_SLOTS, default 1, for every command (FLINK-21036). */
  dockerSlotsDefaultOne: { since: "1.12", until: "1.13", note: "Docker image: slots set to TASK_MANAGER_NUMBER_OF_TASK_SLOTS or 1" },
  /**
   * From the 1.19 images the entrypoint no longer appends FLINK_PROPERTIES to the file: it strips
   * each line's whitespace, splits it at the first ':' and passes `-Dkey=value` to
   * `config-parser-utils.sh`, which rewrites the config file (FLINK-34205).
   */
  dockerConfigParser: { since: "1.19", note: "Docker image: FLINK_PROPERTIES as -D pairs through config-parser-utils.sh (FLINK-34205)" },

  // flink-dist start scripts
  /**
   * `taskmanager.sh` / `jobmanager.sh` / `standalone-job.sh` pass the command's `-D` arguments to
   * BashJavaUtils, so they size the memory (FLINK-16874, 1.10.1). 1.13.0 moved the call into
   * config.sh's `parseTmArgsAndExportLogs` / `parseJmArgsAndExportLogs`, which dropped them until
   * FLINK-24353 (commit b8c1a597, 1.13.3 and 1.14.3): the JVM flags then come from the file alone
   * (checked in the release tags; 1.10's JobManager never passed them, it has no memory model).
   */
  startScriptArgsSizeMemory: { since: "1.10.1", except: ["1.13.0", "1.13.1", "1.13.2", "1.14.0", "1.14.1", "1.14.2"], note: "start scripts pass -D arguments to BashJavaUtils (FLINK-16874 in 1.10.1; lost in 1.13.0-1.13.2 and 1.14.0-1.14.2, FLINK-24353)" },

  // Kubernetes
  kubernetesMemoryLimitFactor: { since: "1.13", note: "kubernetes.jobmanager/taskmanager.memory.limit-factor: pod memory limit = request × factor (FLINK-15648)" },
} as const satisfies Record<string, Span & { note: string }>;

export type Feature = keyof typeof FEATURES;

type FeatureTable = Readonly<Record<Feature, boolean>>;

const TABLES = new WeakMap<FlinkVersion, FeatureTable>();
// Resolutions ask a dozen features of the same version in a row: one remembered table answers
// them without a map lookup.
let lastVersion: FlinkVersion | undefined;
let lastTable: FeatureTable | undefined;

function tableOf(version: FlinkVersion): FeatureTable {
  let table = TABLES.get(version);
  if (!table) {
    const t = {} as Record<Feature, boolean>;
    for (const f of Object.keys(FEATURES) as Feature[]) t[f] = inSpan(version, FEATURES[f]);
    TABLES.set(version, (table = t));
  }
  lastVersion = version;
  lastTable = table;
  return table;
}

/** True when Flink `version` has `feature` (all features of a version are worked out once). */
export function has(version: FlinkVersion, feature: Feature): boolean {
  return (version === lastVersion ? lastTable! : tableOf(version))[feature];
}
