/**
 * What "healthy" means for an answer we give (a fix-it, a `fit`, a `size`): not only a
 * configuration Flink accepts, but a process whose JVM starts and has room to work. Declared
 * once here; the fix-its and the sizing search with it, and every answer is then checked
 * against our own lint rules (`verify.ts`), whose size rules these floors mirror.
 *
 * - JobManager JVM heap: at least Flink's recommended minimum, 128 MiB
 *   (`JobManagerOptions.MIN_JVM_HEAP_SIZE`, below which Flink logs a warning; our lint rule
 *   `heap-below-minimum` reads the same constant).
 * - TaskManager task heap: at least `TASK_HEAP_PER_SLOT` per slot (more with a heap state
 *   backend); the framework heap stays as Flink sets it (128 MiB by default).
 * - JVM overhead: at least what the `jvm-overhead-too-small` heuristic wants.
 * - Metaspace: not below `METASPACE_FLOOR`, unless the user set it.
 * - No component at zero that Flink's defaults make non-zero, unless the user set it (a managed
 *   size of 0 for the hashmap backend is fine when asked for).
 * - RocksDB has managed memory (rule `rocksdb-without-managed-memory`).
 * @module
 */
import { stateBackendOf } from "../slots/state-backend.js";
import type { Configuration } from "../config/configuration.js";
import { JM_MIN_RECOMMENDED_HEAP, type JobManagerSpec } from "../model/jobmanager.js";
import type { TaskManagerSpec } from "../model/taskmanager.js";
import { overheadNeeded } from "../lint/overhead-heuristic.js";
import { shortSize } from "../render/table.js";
import { MiB } from "../size/memory-size.js";

/** Flink's recommended least JobManager heap (the lint rule `heap-below-minimum` uses the same constant). */
export const JM_MIN_HEAP = JM_MIN_RECOMMENDED_HEAP;

/**
 * Least task heap per slot (our choice, not Flink's). A task's heap holds the records it
 * deserialises, its serializers' buffers, the operators' objects and the user function's
 * working set; Flink gives its own framework 128 MiB of heap for the whole process, and the
 * default 1728m TaskManager gives its one slot about 384 MiB. Half the framework heap per slot
 * is the least we call room to work.
 */
export const TASK_HEAP_PER_SLOT = 64n * MiB;
/** With the hashmap (heap) state backend all keyed state lives on the task heap as well: twice as much. */
export const TASK_HEAP_PER_SLOT_HEAP_BACKEND = 128n * MiB;

/**
 * Least metaspace we shrink to (our choice). Flink 1.10 shipped 96 MiB for the TaskManager and
 * raised it to 256 MiB in 1.11 after OutOfMemoryError: Metaspace reports (FLINK-16406); 128 MiB
 * leaves a margin over the size that proved too small.
 */
export const METASPACE_FLOOR = 128n * MiB;

/**
 * How far `fit` may lower the managed fraction to give the task heap its floor, when the job
 * may use managed memory (RocksDB, or a backend not named): to this share of the configured
 * fraction (0.4 → 0.2), our choice. Below it, metaspace and overhead shrink instead.
 */
export const MANAGED_FRACTION_KEEP = 0.5;

/**
 * Least -Xmx/-Xms HotSpot starts with. OpenJDK 17 refuses -Xmx1m ("Too small maximum heap")
 * and -Xmx2m (a GC before the VM is initialised); 16 MiB keeps a margin across JDKs and GCs.
 * Every other floor here is larger; this one guards the JVM flags themselves.
 */
export const JVM_MIN_HEAP = 16n * MiB;

export type StateBackend = "rocksdb" | "hashmap";

/**
 * The state backend a configuration names, as the sizing floors need it: one that keeps state in
 * managed memory counts as rocksdb, a heap one as hashmap (the reading itself is slots/state-backend).
 */
export function configuredStateBackend(config: Configuration): StateBackend | undefined {
  const choice = stateBackendOf(config);
  if (choice.from.by !== "config") return undefined;
  return choice.usesManagedMemory ? "rocksdb" : "hashmap";
}

export interface HealthContext {
  /** Task slots, for the per-slot floors and the overhead heuristic. */
  slots: number;
  backend?: StateBackend;
  /** Option ids the user set: their sizes are the user's choice (e.g. a managed size of 0). */
  asked: ReadonlySet<string>;
}

const SIZE_IDS = {
  tm: ["tm.taskHeap", "tm.frameworkHeap", "tm.frameworkOffHeap", "tm.managed", "tm.managedFraction", "tm.networkMin", "tm.networkMax", "tm.networkFraction", "tm.metaspace"],
  jm: ["jm.heap", "jm.offHeap", "jm.metaspace"],
};

/** The health context of a user's configuration (before any change of ours). */
export function healthContextOf(config: Configuration, process: "tm" | "jm", extra: { slots?: number; backend?: StateBackend } = {}): HealthContext {
  const o = config.options;
  const asked = new Set(SIZE_IDS[process].filter((id) => {
    const opt = o.find(id);
    return opt !== undefined && config.contains(opt);
  }));
  let slots = extra.slots;
  if (slots === undefined) {
    try {
      slots = config.get(o.get<"int">("tm.slots")) ?? 1;
    } catch {
      slots = 1;
    }
  }
  const backend = extra.backend ?? configuredStateBackend(config);
  return { slots: Math.max(1, slots), asked, ...(backend ? { backend } : {}) };
}

export interface HealthIssue {
  /** The component, as the tables name it ("JVM heap", "task heap", ...). */
  component: string;
  /** Why it is not healthy, in one clause: "the JVM heap is 1 B, below ...". */
  why: string;
}

export const taskHeapFloorPerSlot = (backend: StateBackend | undefined) => (backend === "hashmap" ? TASK_HEAP_PER_SLOT_HEAP_BACKEND : TASK_HEAP_PER_SLOT);

/** The least task heap of a whole TaskManager we call healthy. */
export const taskHeapFloor = (h: Pick<HealthContext, "slots" | "backend">) => taskHeapFloorPerSlot(h.backend) * BigInt(h.slots);

/** Sizes that make a resolved process unhealthy (empty: healthy). */
export function healthIssues(spec: TaskManagerSpec | JobManagerSpec, h: HealthContext): HealthIssue[] {
  const out: HealthIssue[] = [];
  const kind = spec.kind;
  const zero = (component: string, value: bigint, ...ids: string[]) => {
    if (value === 0n && !ids.some((id) => h.asked.has(id))) out.push({ component, why: `${component} is 0` });
  };
  if (spec.jvmHeap < JVM_MIN_HEAP) out.push({ component: "JVM heap", why: `-Xmx${spec.jvmHeap} is below the ${shortSize(JVM_MIN_HEAP)} a JVM needs to start` });
  if (kind === "jm") {
    if (spec.jvmHeap < JM_MIN_HEAP) out.push({ component: "JVM heap", why: `the JobManager heap is ${shortSize(spec.jvmHeap)}, below Flink's recommended minimum of ${shortSize(JM_MIN_HEAP)} (a smaller JobManager tends to fail with OutOfMemoryError)` });
    zero("off-heap memory", spec.offHeap, "jm.offHeap");
  } else {
    const floor = taskHeapFloor(h);
    if (spec.taskHeap < floor && !h.asked.has("tm.taskHeap")) {
      const per = spec.taskHeap / BigInt(h.slots);
      out.push({ component: "task heap", why: `the task heap is ${shortSize(per)} per slot (${h.slots} slot${h.slots === 1 ? "" : "s"}), below the ${shortSize(taskHeapFloorPerSlot(h.backend))} per slot we call room to work${h.backend === "hashmap" ? " with state on the heap" : ""}` });
    }
    zero("framework heap", spec.frameworkHeap, "tm.frameworkHeap");
    zero("framework off-heap memory", spec.frameworkOffHeap, "tm.frameworkOffHeap");
    zero("network memory", spec.network, "tm.networkMin", "tm.networkMax", "tm.networkFraction");
    if (spec.managed === 0n && h.backend === "rocksdb") out.push({ component: "managed memory", why: "RocksDB gets no managed memory (its block cache and write buffers need it)" });
  }
  if (spec.metaspace < METASPACE_FLOOR && !h.asked.has(`${kind}.metaspace`)) out.push({ component: "JVM metaspace", why: `the metaspace is ${shortSize(spec.metaspace)}, below the ${shortSize(METASPACE_FLOOR)} we keep` });
  const need = overheadNeeded(kind, { slots: h.slots, metaspace: spec.metaspace, jvmHeap: spec.jvmHeap });
  if (spec.overhead < need.total) out.push({ component: "JVM overhead", why: `JVM overhead is ${shortSize(spec.overhead)}, below the ~${shortSize(need.total)} the JVM needs for ${need.threads} thread stacks, code cache and GC` });
  return out;
}

/** The issues as one clause: "the JobManager heap is 1 B, below ...; JVM overhead is ...". */
export const describeIssues = (issues: readonly HealthIssue[]) => issues.map((i) => i.why).join("; ");
