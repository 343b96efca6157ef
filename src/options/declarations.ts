/**
 * Every memory-related option, declared once. Each fact that changed between releases
 * carries the release that changed it; `registry.ts` derives the option set of a version.
 * Descriptions are our own words.
 * @module
 */
import { GiB, MAX_BYTES, MiB, KiB } from "../size/memory-size.js";
import type { OptionGroup, OptionType, OptionValueTypes } from "./types.js";

/** A value that holds from release `since` on (until the next entry). */
export interface Versioned<V> {
  since: string;
  value: V;
}

export interface FallbackDecl {
  key: string;
  deprecated: boolean;
  since?: string;
  until?: string;
}

export interface OptionDecl<T extends OptionType = OptionType> {
  id: string;
  key: string;
  type: T;
  process: "tm" | "jm";
  group: OptionGroup;
  /** First release that reads it; absent = all modelled releases. */
  since?: string;
  /** Release that removed it. */
  until?: string;
  /** Release that deprecated it. */
  deprecatedSince?: string;
  /**
   * The key to use instead, once deprecated (or removed); several entries when the successor
   * changed between releases. Only keys, or text naming keys, that exist where it is suggested.
   */
  replacedBy?: string | Versioned<string>[];
  /** Defaults over time; absent or `undefined` value = no default. */
  defaults?: Versioned<OptionValueTypes[T] | undefined>[];
  /** How Java prints a float default (`Float.toString`). */
  floatText?: string;
  fallbackKeys?: FallbackDecl[];
  description: string;
}

const def = <T extends OptionType>(d: OptionDecl<T>): OptionDecl<T> => d;
const always = <V>(value: V): Versioned<V>[] => [{ since: "1.10", value }];

export const OPTION_DECLARATIONS: readonly OptionDecl[] = [
  // ---- TaskManager: totals
  def({
    id: "tm.process", key: "taskmanager.memory.process.size", type: "memory", process: "tm", group: "totals",
    description: "Total Process Memory of the TaskManager: everything the JVM process may use, including metaspace and overhead. Set this for containers.",
  }),
  def({
    id: "tm.flink", key: "taskmanager.memory.flink.size", type: "memory", process: "tm", group: "totals",
    description: "Total Flink Memory of the TaskManager: heap, managed, network and off-heap, without JVM metaspace and overhead.",
  }),
  // ---- TaskManager: components
  def({
    id: "tm.frameworkHeap", key: "taskmanager.memory.framework.heap.size", type: "memory", process: "tm", group: "components",
    defaults: always<bigint | undefined>(128n * MiB),
    description: "JVM heap reserved for Flink's own framework code, not for tasks.",
  }),
  def({
    id: "tm.taskHeap", key: "taskmanager.memory.task.heap.size", type: "memory", process: "tm", group: "components",
    description: "JVM heap for user code and heap state; derived as the rest of Total Flink Memory when not set.",
  }),
  def({
    id: "tm.managed", key: "taskmanager.memory.managed.size", type: "memory", process: "tm", group: "managed",
    fallbackKeys: [{ key: "taskmanager.memory.size", deprecated: true }],
    description: "Native memory managed by Flink (RocksDB, batch sort/hash, Python); derived from the managed fraction when not set.",
  }),
  def({
    id: "tm.managedFraction", key: "taskmanager.memory.managed.fraction", type: "float", process: "tm", group: "managed",
    defaults: always<number | undefined>(Math.fround(0.4)), floatText: "0.4",
    description: "Share of Total Flink Memory used as managed memory when its size is not set.",
  }),
  def({
    id: "tm.consumerWeights", key: "taskmanager.memory.managed.consumer-weights", type: "map", process: "tm", group: "managed",
    since: "1.12",
    defaults: [
      { since: "1.12", value: new Map([["DATAPROC", "70"], ["PYTHON", "30"]]) },
      { since: "1.13", value: new Map([["OPERATOR", "70"], ["STATE_BACKEND", "70"], ["PYTHON", "30"]]) },
    ],
    description: "How a slot's managed memory is shared between consumer kinds (OPERATOR, STATE_BACKEND, PYTHON).",
  }),
  // ---- RocksDB's use of a slot's managed memory (read by the state backend, not the derivation)
  def({
    id: "rocksdb.managed", key: "state.backend.rocksdb.memory.managed", type: "boolean", process: "tm", group: "managed",
    defaults: always<boolean | undefined>(true),
    description: "Whether RocksDB bounds its block cache and write buffers by the slot's managed memory.",
  }),
  def({
    id: "rocksdb.fixedPerSlot", key: "state.backend.rocksdb.memory.fixed-per-slot", type: "memory", process: "tm", group: "managed",
    description: "A fixed amount of memory per slot for RocksDB, outside managed memory; overrides the managed share.",
  }),
  def({
    id: "rocksdb.writeBufferRatio", key: "state.backend.rocksdb.memory.write-buffer-ratio", type: "double", process: "tm", group: "managed",
    defaults: always<number | undefined>(0.5),
    description: "Share of RocksDB's memory for write buffers (memtables); the block cache gets the rest plus a third of it.",
  }),
  def({
    id: "rocksdb.highPrioPoolRatio", key: "state.backend.rocksdb.memory.high-prio-pool-ratio", type: "double", process: "tm", group: "managed",
    defaults: always<number | undefined>(0.1),
    description: "Share of RocksDB's block cache reserved for index and filter blocks.",
  }),
  // ---- The job's state backend: whether STATE_BACKEND counts for managed memory
  // (StateBackendLoader, not the derivation). 1.17 renamed the key (FLINK-29372); 1.19 gave it
  // the default "hashmap" (FLINK-33935), which is what no value meant before.
  def({
    id: "stateBackend", key: "state.backend", type: "string", process: "tm", group: "managed",
    until: "1.17",
    description: "The state backend of jobs that do not set one: a shortcut name (rocksdb, or the heap backends) or a factory class. RocksDB keeps state in managed memory; heap backends do not.",
  }),
  def({
    id: "stateBackend", key: "state.backend.type", type: "string", process: "tm", group: "managed",
    since: "1.17",
    defaults: [{ since: "1.19", value: "hashmap" }],
    fallbackKeys: [{ key: "state.backend", deprecated: true }],
    description: "The state backend of jobs that do not set one: a shortcut name (hashmap, rocksdb, forst in 2.x) or a factory class. RocksDB and ForSt keep state in managed memory; hashmap does not.",
  }),
  def({
    id: "runtimeMode", key: "execution.runtime-mode", type: "string", process: "tm", group: "managed",
    since: "1.12",
    defaults: always<string | undefined>("STREAMING"),
    description: "STREAMING, BATCH or AUTOMATIC: batch jobs give managed memory to operators (sort, hash join), streaming jobs to the state backend.",
  }),
  def({
    id: "pythonManaged", key: "python.fn-execution.memory.managed", type: "boolean", process: "tm", group: "managed",
    since: "1.11",
    defaults: [{ since: "1.11", value: false }, { since: "1.12", value: true }],
    description: "Whether Python workers take their memory from the slot's PYTHON share of managed memory (otherwise from task off-heap memory).",
  }),
  def({
    id: "tm.frameworkOffHeap", key: "taskmanager.memory.framework.off-heap.size", type: "memory", process: "tm", group: "components",
    defaults: always<bigint | undefined>(128n * MiB),
    description: "Direct (off-heap) memory reserved for Flink's framework; counted in -XX:MaxDirectMemorySize.",
  }),
  def({
    id: "tm.taskOffHeap", key: "taskmanager.memory.task.off-heap.size", type: "memory", process: "tm", group: "components",
    defaults: always<bigint | undefined>(0n),
    description: "Direct (off-heap) memory for user code; counted in -XX:MaxDirectMemorySize.",
  }),
  // ---- TaskManager: network
  def({
    id: "tm.networkMin", key: "taskmanager.memory.network.min", type: "memory", process: "tm", group: "network",
    defaults: always<bigint | undefined>(64n * MiB),
    fallbackKeys: [{ key: "taskmanager.network.memory.min", deprecated: true }],
    description: "Lower bound of the network buffer memory derived from the network fraction.",
  }),
  def({
    id: "tm.networkMax", key: "taskmanager.memory.network.max", type: "memory", process: "tm", group: "network",
    defaults: [
      { since: "1.10", value: 1n * GiB },
      { since: "1.17", value: MAX_BYTES },
    ],
    fallbackKeys: [{ key: "taskmanager.network.memory.max", deprecated: true }],
    description: "Upper bound of the network buffer memory derived from the network fraction.",
  }),
  def({
    id: "tm.networkFraction", key: "taskmanager.memory.network.fraction", type: "float", process: "tm", group: "network",
    defaults: always<number | undefined>(Math.fround(0.1)), floatText: "0.1",
    fallbackKeys: [{ key: "taskmanager.network.memory.fraction", deprecated: true }],
    description: "Share of Total Flink Memory used for network buffers, kept within network min/max.",
  }),
  def({
    id: "tm.segmentSize", key: "taskmanager.memory.segment-size", type: "memory", process: "tm", group: "network",
    defaults: always<bigint | undefined>(32n * KiB),
    description: "Size of one network buffer / memory segment.",
  }),
  def({
    id: "tm.numberOfBuffers", key: "taskmanager.network.numberOfBuffers", type: "int", process: "tm", group: "legacy",
    until: "2.0", deprecatedSince: "1.10", replacedBy: "taskmanager.memory.network.min/max",
    defaults: always<number | undefined>(2048),
    description: "Legacy: network memory as a number of buffers times the segment size; used only when no network min/max/fraction is set.",
  }),
  // ---- TaskManager: network buffers a job's tasks take (not part of the memory derivation).
  // Read until 2.0; FLINK-33750 (2.0) removed them and fixed 2 / 8 / 10 / min-parallelism 1 in code.
  def({
    id: "tm.buffersPerChannel", key: "taskmanager.network.memory.buffers-per-channel", type: "int", process: "tm", group: "network",
    until: "2.0", deprecatedSince: "1.20",
    defaults: always<number | undefined>(2),
    description: "Exclusive network buffers per input channel (and per subpartition in a bounded result partition's pool size).",
  }),
  def({
    id: "tm.floatingBuffersPerGate", key: "taskmanager.network.memory.floating-buffers-per-gate", type: "int", process: "tm", group: "network",
    until: "2.0", deprecatedSince: "1.20",
    defaults: always<number | undefined>(8),
    description: "Floating network buffers shared by the channels of one input gate (and added to a bounded result partition's pool).",
  }),
  def({
    id: "tm.maxBuffersPerChannel", key: "taskmanager.network.memory.max-buffers-per-channel", type: "int", process: "tm", group: "network",
    since: "1.11", until: "2.0", deprecatedSince: "1.20",
    defaults: always<number | undefined>(10),
    description: "Most buffers one subpartition may hold before its partition is treated as back-pressured; does not change what a job requires.",
  }),
  def({
    id: "tm.requiredBuffersPerGateMax", key: "taskmanager.network.memory.read-buffer.required-per-gate.max", type: "int", process: "tm", group: "network",
    since: "1.17",
    description: "Cap on the required buffers of one input gate (unset: unlimited for streaming, 1000 for batch); the rest of the gate's target is optional.",
  }),
  def({
    id: "tm.sortShuffleMinBuffers", key: "taskmanager.network.sort-shuffle.min-buffers", type: "int", process: "tm", group: "network",
    since: "1.12",
    defaults: [
      { since: "1.12", value: 64 },
      { since: "1.15", value: 512 },
    ],
    description: "Buffers a sort-merge (batch) result partition requires.",
  }),
  def({
    id: "tm.sortShuffleMinParallelism", key: "taskmanager.network.sort-shuffle.min-parallelism", type: "int", process: "tm", group: "network",
    since: "1.12", until: "2.0", deprecatedSince: "1.20",
    defaults: [
      { since: "1.12", value: 2147483647 },
      { since: "1.15", value: 1 },
    ],
    description: "Subpartitions from which a blocking result partition uses sort-merge shuffle instead of hash shuffle.",
  }),
  // ---- TaskManager: JVM metaspace and overhead
  def({
    id: "tm.metaspace", key: "taskmanager.memory.jvm-metaspace.size", type: "memory", process: "tm", group: "metaspace",
    // 96m in 1.10.0; raised to 256m by FLINK-16406 (commit 5ab101cd), released in 1.10.1.
    defaults: [
      { since: "1.10", value: 96n * MiB },
      { since: "1.10.1", value: 256n * MiB },
    ],
    description: "JVM metaspace limit (-XX:MaxMetaspaceSize) of the TaskManager.",
  }),
  def({
    id: "tm.overheadMin", key: "taskmanager.memory.jvm-overhead.min", type: "memory", process: "tm", group: "overhead",
    defaults: always<bigint | undefined>(192n * MiB),
    description: "Lower bound of the JVM overhead (thread stacks, code cache, GC, native libraries).",
  }),
  def({
    id: "tm.overheadMax", key: "taskmanager.memory.jvm-overhead.max", type: "memory", process: "tm", group: "overhead",
    defaults: always<bigint | undefined>(1n * GiB),
    description: "Upper bound of the JVM overhead.",
  }),
  def({
    id: "tm.overheadFraction", key: "taskmanager.memory.jvm-overhead.fraction", type: "float", process: "tm", group: "overhead",
    defaults: always<number | undefined>(Math.fround(0.1)), floatText: "0.1",
    description: "Share of Total Process Memory reserved as JVM overhead, kept within its min/max.",
  }),
  // ---- TaskManager: slots and CPU
  def({
    id: "tm.slots", key: "taskmanager.numberOfTaskSlots", type: "int", process: "tm", group: "slots-cpu",
    defaults: always<number | undefined>(1),
    description: "Number of slots of one TaskManager; also its CPU cores when taskmanager.cpu.cores is not set.",
  }),
  def({
    id: "tm.cpuCores", key: "taskmanager.cpu.cores", type: "double", process: "tm", group: "slots-cpu",
    description: "CPU cores of the TaskManager (defaults to the number of slots).",
  }),
  def({
    id: "tm.externalResources", key: "external-resources", type: "list", process: "tm", group: "slots-cpu",
    since: "1.11", // ExternalResourceOptions (FLIP-108) came with 1.11.0
    defaults: always<readonly string[] | undefined>([]),
    description: "Names of external resources (e.g. gpu), separated by ';'.",
  }),
  // ---- TaskManager: legacy heap
  def({
    id: "tm.legacyHeap", key: "taskmanager.heap.size", type: "memory", process: "tm", group: "legacy",
    until: "2.0", deprecatedSince: "1.10", replacedBy: "taskmanager.memory.flink.size",
    description: "Legacy: read as Total Flink Memory by the standalone scripts (Total Process Memory on YARN/Kubernetes).",
  }),
  def({
    id: "tm.legacyHeapMb", key: "taskmanager.heap.mb", type: "int", process: "tm", group: "legacy",
    until: "2.0", deprecatedSince: "1.10", replacedBy: "taskmanager.memory.flink.size",
    description: "Legacy: like taskmanager.heap.size, in mebibytes.",
  }),
  // ---- JobManager
  def({
    id: "jm.process", key: "jobmanager.memory.process.size", type: "memory", process: "jm", group: "totals", since: "1.11",
    description: "Total Process Memory of the JobManager, including metaspace and overhead. Set this for containers.",
  }),
  def({
    id: "jm.flink", key: "jobmanager.memory.flink.size", type: "memory", process: "jm", group: "totals", since: "1.11",
    description: "Total Flink Memory of the JobManager: JVM heap plus off-heap.",
  }),
  def({
    id: "jm.heap", key: "jobmanager.memory.heap.size", type: "memory", process: "jm", group: "components", since: "1.11",
    description: "JVM heap of the JobManager (-Xmx/-Xms).",
  }),
  def({
    id: "jm.offHeap", key: "jobmanager.memory.off-heap.size", type: "memory", process: "jm", group: "components", since: "1.11",
    defaults: always<bigint | undefined>(128n * MiB),
    description: "Direct and native memory of the JobManager.",
  }),
  def({
    id: "jm.directLimit", key: "jobmanager.memory.enable-jvm-direct-memory-limit", type: "boolean", process: "jm", group: "components",
    since: "1.11", defaults: always<boolean | undefined>(false),
    description: "Whether the JobManager JVM gets -XX:MaxDirectMemorySize set to its off-heap size.",
  }),
  def({
    id: "jm.metaspace", key: "jobmanager.memory.jvm-metaspace.size", type: "memory", process: "jm", group: "metaspace", since: "1.11",
    defaults: always<bigint | undefined>(256n * MiB),
    description: "JVM metaspace limit (-XX:MaxMetaspaceSize) of the JobManager.",
  }),
  def({
    id: "jm.overheadMin", key: "jobmanager.memory.jvm-overhead.min", type: "memory", process: "jm", group: "overhead", since: "1.11",
    defaults: always<bigint | undefined>(192n * MiB),
    description: "Lower bound of the JobManager's JVM overhead.",
  }),
  def({
    id: "jm.overheadMax", key: "jobmanager.memory.jvm-overhead.max", type: "memory", process: "jm", group: "overhead", since: "1.11",
    defaults: always<bigint | undefined>(1n * GiB),
    description: "Upper bound of the JobManager's JVM overhead.",
  }),
  def({
    id: "jm.overheadFraction", key: "jobmanager.memory.jvm-overhead.fraction", type: "float", process: "jm", group: "overhead", since: "1.11",
    defaults: always<number | undefined>(Math.fround(0.1)), floatText: "0.1",
    description: "Share of the JobManager's Total Process Memory reserved as JVM overhead, kept within its min/max.",
  }),
  // 1.10 has no JobManager memory model: jobmanager.heap.size (default 1024m) is the current key
  // there, jobmanager.heap.mb its deprecated predecessor. From 1.11 both are legacy keys mapped
  // to jobmanager.memory.heap.size (standalone) or jobmanager.memory.process.size (containers).
  def({
    id: "jm.legacyHeap", key: "jobmanager.heap.size", type: "memory", process: "jm", group: "legacy",
    until: "2.0", deprecatedSince: "1.11", replacedBy: "jobmanager.memory.heap.size",
    defaults: [{ since: "1.10", value: 1024n * MiB }, { since: "1.11", value: undefined }],
    description: "Legacy: read as the JobManager's JVM heap by the standalone scripts (Total Process Memory on YARN/Kubernetes). In 1.10 the JobManager's only memory option.",
  }),
  def({
    id: "jm.legacyHeapMb", key: "jobmanager.heap.mb", type: "int", process: "jm", group: "legacy",
    until: "2.0", deprecatedSince: "1.10",
    replacedBy: [{ since: "1.10", value: "jobmanager.heap.size" }, { since: "1.11", value: "jobmanager.memory.heap.size" }],
    defaults: [{ since: "1.10", value: 1024 }, { since: "1.11", value: undefined }],
    description: "Legacy: like jobmanager.heap.size, in mebibytes.",
  }),
];
