/**
 * The buffer pools of one task: a pool per result partition it writes (sized from its
 * subpartitions) and, per input gate it reads, a floating pool plus exclusive buffers per
 * remote channel. "Required" buffers must be free when the task starts, or Flink fails it with
 * "Insufficient number of network buffers"; the "target" is what the pools may grow to.
 * Flink's `NettyShuffleUtils`, `ResultPartitionFactory`, `InputGateSpecUtils`, by version.
 * @module
 */
import { FlinkError, JavaClass } from "../errors.js";
import { has } from "../versions/features.js";
import { DEFAULT_REQUIRED_PER_GATE, type NetworkSettings } from "./rules.js";

export type ExchangeMode = "streaming" | "batch";

export interface PartitionPool {
  subpartitions: number;
  /** Sort-merge (batch) rather than hash (one buffer per subpartition) partition. */
  sortShuffle: boolean;
  required: number;
  /** `null`: unbounded. */
  target: number | null;
}

/**
 * A result partition's pool. Streaming writes a pipelined bounded partition, batch a blocking
 * one; the required minimum is subpartitions + 1, or the sort-shuffle minimum for a sort-merge
 * partition.
 */
export function partitionPool(subpartitions: number, mode: ExchangeMode, s: NetworkSettings): PartitionPool {
  const v = s.version;
  const blocking = mode === "batch";
  const sortShuffle = blocking && has(v, "sortShuffle") && subpartitions >= s.sortShuffleMinParallelism!;
  const required = sortShuffle ? s.sortShuffleMinBuffers! : subpartitions + 1;
  let target: number | null;
  if (!blocking) target = Math.max(required, subpartitions * s.buffersPerChannel + s.floatingBuffersPerGate);
  else if (sortShuffle && has(v, "sortShuffleBoundedPool")) target = Math.max(required, 4 * subpartitions);
  else target = null;
  return { subpartitions, sortShuffle, required, target };
}

export interface GatePool {
  channels: number;
  /** Exclusive buffers each remote channel takes. */
  exclusivePerChannel: number;
  /** Buffers the gate's own pool requires. */
  floatingRequired: number;
  /** Most buffers the gate's pool may hold. */
  floatingTarget: number;
  /** The gate's required buffers when `remoteChannels` of its channels are remote. */
  requiredWith(remoteChannels: number): number;
  /** Required buffers when every channel is remote (the worst case). */
  required: number;
  /** Required plus optional buffers: channels × buffers-per-channel + floating. */
  target: number;
  /** 1.17+: the cap on required buffers that applied. */
  requiredCap?: number;
}

/** The buffers of an input gate with `channels` channels reading a streaming or batch exchange. */
export function gatePool(channels: number, mode: ExchangeMode, s: NetworkSettings): GatePool {
  const v = s.version;
  const bpc = s.buffersPerChannel;
  const target = channels * bpc + s.floatingBuffersPerGate;
  if (!has(v, "gateRequiredBuffersCap")) {
    const floatingRequired = has(v, "inputGateFloatingMinOne") ? 1 : 0;
    const requiredWith = (remote: number) => floatingRequired + remote * bpc;
    return { channels, exclusivePerChannel: bpc, floatingRequired, floatingTarget: s.floatingBuffersPerGate, requiredWith, required: requiredWith(channels), target };
  }
  const cap = s.requiredPerGateMax ?? DEFAULT_REQUIRED_PER_GATE[mode];
  const requiredPerGate = Math.min(cap, channels * bpc + 1);
  const exclusivePerChannel = Math.min(bpc, Math.trunc((requiredPerGate - 1) / channels));
  const floatingRequired = requiredPerGate - channels * exclusivePerChannel;
  const floatingTarget = target - channels * exclusivePerChannel;
  if (!(floatingRequired > 0)) throw new FlinkError(JavaClass.IllegalState, "Must be positive.");
  if (floatingRequired > floatingTarget) throw new FlinkError(JavaClass.IllegalState, "Wrong number of floating buffers.");
  const wholeGate = has(v, "gateBuffersFromGatePool");
  const requiredWith = (remote: number) => (wholeGate ? requiredPerGate : floatingRequired + remote * exclusivePerChannel);
  return { channels, exclusivePerChannel, floatingRequired, floatingTarget, requiredWith, required: requiredWith(channels), target, requiredCap: cap };
}

