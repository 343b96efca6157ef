/**
 * What each managed-memory consumer gets in one slot: the TaskManager's managed memory split
 * evenly over its slots (the default, static slot profile), then shared between the use cases
 * the slot's job declares by `taskmanager.memory.managed.consumer-weights` (Flink's
 * `ManagedMemoryUtils.convertToFractionOfSlot` and `MemoryManager.computeMemorySize`).
 * @module
 */
import { FlinkError, JavaClass } from "../errors.js";
import { resolveTaskManager, type ResolveRequest, type TaskManagerResult } from "../resolve.js";
import { shortSize } from "../render/table.js";
import { fractionOfSlot, fractionRoundedDown, parseConsumerWeights, WEIGHT_RULES, type UseCase } from "../weights/consumer-weights.js";
import { inSpan } from "../versions/version.js";
import { numberOfSlots } from "./number-of-slots.js";
import { computeMemorySize, rocksDbCacheCapacity, rocksDbWriteBufferManagerCapacity } from "./rocksdb.js";
import { jobAssumptions, type JobAssumptions, type JobRequest } from "./job-profile.js";

import type { StateBackendKind } from "./state-backend.js";
export type { StateBackendKind } from "./state-backend.js";
export type { JobKind, JobAssumptions } from "./job-profile.js";

export interface SlotsRequest extends ResolveRequest, JobRequest {
  /** Stateful operators per slot (one subtask of each); default 1. */
  statefulOperators?: number;
  /** Operators with equal OPERATOR weight per slot (batch sort, hash join, ...); default 1. */
  operators?: number;
}

export interface ConsumerShare {
  useCase: UseCase;
  /** The weight found in the configuration (or its default); `undefined` if none. */
  weight: number | undefined;
  /** Whether the use case counts towards the slot's total weight. */
  counted: boolean;
  /** The share of the slot's managed memory, as Java prints the double. */
  fraction: string;
  fractionExact: string;
  /** The double itself. */
  fractionValue: number;
  bytes: bigint;
  note?: string;
  /** What Flink throws when an operator of this use case asks for its memory. */
  failure?: { javaClass: string; message: string };
}

export interface RocksDbShare {
  /** How RocksDB's bound is set: by managed memory, a fixed size per slot, or none. */
  source: "managed" | "fixed-per-slot" | "unbounded";
  perSlot: bigint;
  statefulOperators: number;
  /** Every stateful operator of the slot leases the same cache and write buffer manager. */
  perOperator: bigint;
  blockCache: bigint;
  writeBufferManager: bigint;
  writeBufferRatio: number;
  highPriorityPoolRatio: number;
}

export interface OperatorShare {
  operators: number;
  /** Each operator's share of the OPERATOR use case (weight 1 of N, rounded down to 16 decimals). */
  fractionOfUseCase: string;
  fraction: string;
  perOperator: bigint;
}

export interface SlotsBreakdown {
  flink: string;
  taskManager: TaskManagerResult;
  slots: number;
  managed: bigint;
  managedPerSlot: bigint;
  weights: Record<string, number>;
  weightsConfigured: boolean;
  /** The state backend's shortcut name; `undefined` for a factory class or a name the release does not know. */
  stateBackend: StateBackendKind | undefined;
  /** What the job is assumed to be and declare, and where each assumption came from. */
  assumptions: JobAssumptions;
  consumers: ConsumerShare[];
  /** Managed memory of the slot no consumer gets (rounding, or use cases with no weight). */
  unassigned: bigint;
  operator?: OperatorShare;
  rocksdb?: RocksDbShare;
  explanation: string[];
}

const ZERO_FRACTION = (key: string) =>
  `The fraction of memory to allocate should not be 0. Please make sure that all types of managed memory consumers contained in the job are configured with a non-negative weight via \`${key}\`.`;

function positive(n: number | undefined, what: string): number {
  const v = n ?? 1;
  if (!Number.isSafeInteger(v) || v < 1) throw new FlinkError(JavaClass.IllegalArgument, `${what} must be a whole number from 1, got ${n}`);
  return v;
}

/** The managed memory of one slot and what each consumer, RocksDB and each operator get. */
export function slotsBreakdown(req: SlotsRequest): SlotsBreakdown {
  const { consumers: declared, stateBackend, job, python, statefulOperators: so, operators: ops, ...resolveReq } = req;
  const statefulOperators = positive(so, "statefulOperators");
  const operators = positive(ops, "operators");
  const tm = resolveTaskManager({ ...resolveReq, trace: false });
  const version = tm.version;
  if (!WEIGHT_RULES.some((r) => inSpan(version, r))) {
    throw new FlinkError(JavaClass.IllegalArgument, `Flink ${version.label} has no managed memory consumer weights (they came with 1.12)`);
  }
  const config = tm.config;
  const o = config.options;
  const weightsOption = o.get<"map">("tm.consumerWeights");
  const slots = numberOfSlots(config);
  const managed = tm.spec.managed;
  const managedPerSlot = managed / BigInt(slots);
  const weights = parseConsumerWeights(config);
  const assumptions = jobAssumptions(config, { ...(declared ? { consumers: declared } : {}), ...(stateBackend ? { stateBackend } : {}), ...(job ? { job } : {}), ...(python !== undefined ? { python } : {}) });
  const useCases = assumptions.useCases;
  const sbManaged = assumptions.stateBackendUsesManagedMemory;
  const explanation: string[] = [
    assumptions.summary,
    `Managed memory ${shortSize(managed)} (${managed} bytes) ÷ ${slots} slot(s) (taskmanager.numberOfTaskSlots) = ${shortSize(managedPerSlot)} (${managedPerSlot} bytes) per slot, rounded down.`,
    `Weights (${weightsOption.key}, ${config.contains(weightsOption) ? "configured" : "default"}): ${[...weights].map(([u, w]) => `${u} ${w}`).join(", ") || "none"}.`,
    `The slot's job declares ${useCases.join(", ") || "no use case"}${useCases.includes("STATE_BACKEND") && !sbManaged ? "; STATE_BACKEND neither gets managed memory nor counts, as the state backend keeps none there" : ""}.`,
  ];
  const consumers: ConsumerShare[] = useCases.map((useCase) => {
    const weight = weights.get(useCase);
    const counted = useCase !== "STATE_BACKEND" || sbManaged;
    const f = fractionOfSlot({ useCase, fractionOfUseCase: 1, useCases, stateBackendUsesManagedMemory: sbManaged, weights });
    const share: ConsumerShare = { useCase, weight, counted, fraction: f.text, fractionExact: f.exact, fractionValue: f.value, bytes: f.value > 0 ? computeMemorySize(managedPerSlot, f.value) : 0n };
    if (!counted) share.note = job === "batch" || assumptions.job.kind === "batch" ? "batch jobs keep keyed state outside managed memory" : "the heap state backend keeps state on the JVM heap";
    else if (f.value === 0) share.failure = { javaClass: JavaClass.IllegalArgument, message: ZERO_FRACTION(weightsOption.key) };
    explanation.push(
      counted
        ? `${useCase}: weight ${weight ?? "none"} of ${useCases.filter((u) => u !== "STATE_BACKEND" || sbManaged).map((u) => weights.get(u) ?? 0).join(" + ")} = ${f.text} of the slot (rounded down to 16 decimals) → floor(${managedPerSlot} × ${f.text}) = ${share.bytes} bytes (${shortSize(share.bytes)}).${share.failure ? ` Flink fails an operator that asks for it: ${share.failure.message}` : ""}`
        : `${useCase}: 0 bytes (${share.note}).`,
    );
    return share;
  });
  const given = consumers.reduce((a, c) => a + c.bytes, 0n);
  const result: SlotsBreakdown = {
    flink: version.label,
    taskManager: tm,
    slots,
    managed,
    managedPerSlot,
    weights: Object.fromEntries(weights),
    weightsConfigured: config.contains(weightsOption),
    stateBackend: assumptions.stateBackend.kind,
    assumptions,
    consumers,
    unassigned: managedPerSlot - given,
    explanation,
  };
  const op = consumers.find((c) => c.useCase === "OPERATOR");
  if (op && op.bytes > 0n) {
    // Operator-scope weights are split among the slot's operators, each share rounded down.
    const ofUseCase = fractionRoundedDown(1, operators);
    const f = fractionOfSlot({ useCase: "OPERATOR", fractionOfUseCase: ofUseCase.value, useCases, stateBackendUsesManagedMemory: sbManaged, weights });
    const perOperator = f.value > 0 ? computeMemorySize(managedPerSlot, f.value) : 0n;
    result.operator = { operators, fractionOfUseCase: ofUseCase.text, fraction: f.text, perOperator };
    explanation.push(`OPERATOR, ${operators} operator(s) of equal weight: each gets ${ofUseCase.text} of the use case = ${f.text} of the slot → ${perOperator} bytes (${shortSize(perOperator)}).`);
  }
  const sbShare = consumers.find((c) => c.useCase === "STATE_BACKEND");
  if (sbManaged && sbShare) {
    // RocksDB's split is modelled; ForSt and factory classes have their own memory options.
    if (assumptions.stateBackend.kind === "rocksdb") result.rocksdb = rocksDb(config, sbShare, statefulOperators, explanation);
    else explanation.push(`${assumptions.stateBackend.label}: its STATE_BACKEND share is reserved per slot; how it divides the share is its own configuration, not modelled here.`);
  }
  return result;
}

function rocksDb(config: TaskManagerResult["config"], share: ConsumerShare, statefulOperators: number, explanation: string[]): RocksDbShare {
  const o = config.options;
  const fixed = config.get(o.get<"memory">("rocksdb.fixedPerSlot"));
  const managedOn = config.get(o.get<"boolean">("rocksdb.managed"))!;
  const writeBufferRatio = config.get(o.get<"double">("rocksdb.writeBufferRatio"))!;
  const highPriorityPoolRatio = config.get(o.get<"double">("rocksdb.highPrioPoolRatio"))!;
  const source: RocksDbShare["source"] = fixed !== undefined ? "fixed-per-slot" : managedOn ? "managed" : "unbounded";
  const perSlot = source === "fixed-per-slot" ? fixed! : source === "managed" ? share.bytes : 0n;
  const blockCache = rocksDbCacheCapacity(perSlot, writeBufferRatio);
  const writeBufferManager = rocksDbWriteBufferManagerCapacity(perSlot, writeBufferRatio);
  if (source === "unbounded") {
    explanation.push("RocksDB: state.backend.rocksdb.memory.managed is false and no fixed size is set, so RocksDB is not bounded (its STATE_BACKEND share stays reserved, unused).");
  } else {
    explanation.push(
      `RocksDB: ${source === "managed" ? "the STATE_BACKEND share" : "state.backend.rocksdb.memory.fixed-per-slot (outside managed memory)"}, ${perSlot} bytes (${shortSize(perSlot)}) per slot, for the slot's ${statefulOperators} stateful operator(s) together: they lease one block cache and write buffer manager, so they share ${shortSize(perSlot)} rather than each getting it.`,
      `RocksDB splits it with write-buffer-ratio ${writeBufferRatio}: block cache (3 − ${writeBufferRatio}) × ${perSlot} ÷ 3 = ${blockCache} bytes, write buffer manager 2 × ${perSlot} × ${writeBufferRatio} ÷ 3 = ${writeBufferManager} bytes (counted inside the cache); high-priority pool ratio ${highPriorityPoolRatio}.`,
    );
  }
  return { source, perSlot, statefulOperators, perOperator: perSlot, blockCache, writeBufferManager, writeBufferRatio, highPriorityPoolRatio };
}
