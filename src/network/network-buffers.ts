/**
 * Network buffers a job needs on each TaskManager, against what the TaskManager's network
 * memory provides; and, when it falls short, the smallest network min / fraction that would do,
 * each checked by resolving the TaskManager with it.
 *
 * Placement (our assumption, stated in the result): all vertices share one slot sharing group,
 * so the job takes as many slots as its highest parallelism; subtask i of every vertex runs in
 * slot i, and slots fill TaskManagers in order (slot i on TaskManager ⌊i / slots per TM⌋).
 * Vertices with lower parallelism crowd the first TaskManagers, so the first is the busiest.
 * @module
 */
import { illegalArgument } from "../errors.js";
import type { Configuration } from "../config/configuration.js";
import { resolveTaskManager, type ResolveRequest, type TaskManagerResult } from "../resolve.js";
import { shortSize } from "../render/table.js";
import { numberOfSlots } from "../slots/number-of-slots.js";
import { has } from "../versions/features.js";
import { connect, type EdgeConnections } from "./connections.js";
import { gatePool, partitionPool, type ExchangeMode, type GatePool, type PartitionPool } from "./pools.js";
import { buffersOf, DEFAULT_REQUIRED_PER_GATE, networkSettings, type NetworkSettings } from "./rules.js";
import { readTopology, type Topology } from "./topology.js";

export interface NetworkRequest extends ResolveRequest {
  /** The topology document (parsed YAML or JSON); see `readTopology`. */
  topology: unknown;
}

/** The pools of one vertex's subtasks on one TaskManager for one edge. */
export interface PoolGroup {
  vertex: string;
  side: "output" | "input";
  edge: string;
  /** Subtasks of `vertex` on this TaskManager. */
  subtasks: number;
  /** Subpartitions (output) or channels (input) per subtask, as "4" or "2–3". */
  width: string;
  required: number;
  /** Required if every channel were remote (equals `required` for outputs). */
  requiredAllRemote: number;
  /** `null`: unbounded. */
  target: number | null;
  /** Input side: channels to producers on another TaskManager. */
  remoteChannels?: number;
}

export interface TaskManagerBuffers {
  index: number;
  slotsUsed: number;
  subtasks: number;
  /** Required buffers if every input channel is remote: the figure that is safe wherever Flink schedules. */
  required: number;
  /** Required buffers with channels to producers on the same TaskManager local (they take no exclusive buffers). */
  requiredWithLocalChannels: number;
  /** Required plus optional buffers; `null` when a pool is unbounded. */
  target: number | null;
  pools: PoolGroup[];
}

export interface NetworkRecommendation {
  /** Which knob: `min` (network min, max raised if needed) or `fraction`. */
  kind: "min" | "fraction";
  /** The `-D` settings, in order. */
  settings: [string, string][];
  /** Verified by resolving: the network memory and buffers it gives, or why it fails. */
  network?: bigint;
  buffers?: number;
  /** `javaClass` is absent when the failure is ours (no fraction helps), not Flink's. */
  failure?: { javaClass?: string; message: string };
}

export interface NetworkResult {
  flink: string;
  taskManager: TaskManagerResult;
  settings: NetworkSettings;
  mode: ExchangeMode;
  modeSource: "topology" | "execution.runtime-mode" | "default";
  networkBytes: bigint;
  segmentSize: number;
  buffersPerTaskManager: number;
  slotsPerTaskManager: number;
  taskManagers: number;
  slotsNeeded: number;
  perTaskManager: TaskManagerBuffers[];
  /** Index of the TaskManager needing the most buffers. */
  worst: number;
  requiredBuffers: number;
  /** Required buffers of all TaskManagers together (all channels remote). */
  totalRequired: number;
  sufficient: boolean;
  /** Network memory the worst TaskManager needs: required buffers × segment size. */
  neededBytes: bigint;
  recommendations: NetworkRecommendation[];
  /** The version's rules in words, then the numbers. */
  explanation: string[];
}

const NETWORK_KEYS = { min: "taskmanager.memory.network.min", max: "taskmanager.memory.network.max", fraction: "taskmanager.memory.network.fraction" };

function modeOf(topology: Topology, config: Configuration): { mode: ExchangeMode; source: NetworkResult["modeSource"] } {
  if (topology.mode) return { mode: topology.mode, source: "topology" };
  const raw = config.getEntry("execution.runtime-mode");
  const text = raw && raw.value.t === "str" ? raw.value.v.trim().toUpperCase() : undefined;
  if (text === "BATCH") return { mode: "batch", source: "execution.runtime-mode" };
  if (text === "STREAMING") return { mode: "streaming", source: "execution.runtime-mode" };
  return { mode: "streaming", source: "default" };
}

const widthText = (xs: number[]) => {
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return lo === hi ? String(lo) : `${lo}–${hi}`;
};

function sumTargets(xs: (number | null)[]): number | null {
  let total = 0;
  for (const x of xs) {
    if (x === null) return null;
    total += x;
  }
  return total;
}

interface Wired {
  topology: Topology;
  connections: EdgeConnections[];
  tmOf: (subtask: number) => number;
}

function taskManagerBuffers(index: number, w: Wired, mode: ExchangeMode, s: NetworkSettings, slotsPerTm: number, slotsNeeded: number): TaskManagerBuffers {
  const partitions = new Map<number, PartitionPool>();
  const gates = new Map<number, GatePool>();
  const partitionOf = (n: number) => partitions.get(n) ?? (partitions.set(n, partitionPool(n, mode, s)), partitions.get(n)!);
  const gateOf = (n: number) => gates.get(n) ?? (gates.set(n, gatePool(n, mode, s)), gates.get(n)!);
  const here = (p: number) => Array.from({ length: p }, (_, i) => i).filter((i) => w.tmOf(i) === index);
  const pools: PoolGroup[] = [];
  w.topology.edges.forEach((e, k) => {
    const c = w.connections[k]!;
    const label = `${e.from} → ${e.to} (${e.partitioning})`;
    const from = w.topology.vertices.find((v) => v.name === e.from)!;
    const to = w.topology.vertices.find((v) => v.name === e.to)!;
    const producers = here(from.parallelism);
    if (producers.length > 0) {
      const ps = producers.map((j) => partitionOf(c.subpartitionsOf[j]!));
      const required = ps.reduce((a, p) => a + p.required, 0);
      pools.push({ vertex: e.from, side: "output", edge: label, subtasks: producers.length, width: widthText(ps.map((p) => p.subpartitions)), required, requiredAllRemote: required, target: sumTargets(ps.map((p) => p.target)) });
    }
    const consumers = here(to.parallelism);
    if (consumers.length > 0) {
      let required = 0;
      let allRemote = 0;
      let remote = 0;
      const targets: number[] = [];
      for (const i of consumers) {
        const producersOf = c.producersOf[i]!;
        const g = gateOf(producersOf.length);
        const r = producersOf.filter((p) => w.tmOf(p) !== index).length;
        remote += r;
        required += g.requiredWith(r);
        allRemote += g.required;
        targets.push(g.target);
      }
      pools.push({ vertex: e.to, side: "input", edge: label, subtasks: consumers.length, width: widthText(consumers.map((i) => c.producersOf[i]!.length)), required, requiredAllRemote: allRemote, target: sumTargets(targets), remoteChannels: remote });
    }
  });
  const subtasks = w.topology.vertices.reduce((a, v) => a + here(v.parallelism).length, 0);
  const slotsUsed = Math.max(0, Math.min(slotsPerTm, slotsNeeded - index * slotsPerTm));
  return {
    index,
    slotsUsed,
    subtasks,
    required: pools.reduce((a, p) => a + p.requiredAllRemote, 0),
    requiredWithLocalChannels: pools.reduce((a, p) => a + p.required, 0),
    target: sumTargets(pools.map((p) => p.target)),
    pools,
  };
}

/** The version's rules, in words, with the values in force. */
export function networkRules(s: NetworkSettings, mode: ExchangeMode): string[] {
  const v = s.version;
  const lines: string[] = [];
  lines.push(`Buffers per TaskManager = network memory ÷ segment size (${s.segmentSize} bytes, taskmanager.memory.segment-size), rounded down.`);
  if (has(v, "fixedNetworkBufferCounts")) {
    lines.push(`Flink ${v.line} fixes ${s.buffersPerChannel} buffers per channel and ${s.floatingBuffersPerGate} floating buffers per gate in code (their options were removed in 2.0).`);
  } else {
    lines.push(`Buffers per channel ${s.buffersPerChannel} (taskmanager.network.memory.buffers-per-channel, ${s.sources["tm.buffersPerChannel"]}); floating buffers per gate ${s.floatingBuffersPerGate} (taskmanager.network.memory.floating-buffers-per-gate, ${s.sources["tm.floatingBuffersPerGate"]}).`);
  }
  const out = `Output: a task writes one result partition per outgoing edge, one subpartition per consumer subtask it feeds. Its buffer pool requires subpartitions + 1 buffers`;
  if (mode === "batch" && has(v, "sortShuffle")) {
    lines.push(`${out}; in batch mode a blocking partition with at least ${s.sortShuffleMinParallelism} subpartitions (taskmanager.network.sort-shuffle.min-parallelism${s.sources["tm.sortShuffleMinParallelism"] === "fixed in code" ? ", fixed in code" : ""}) is sort-merge and requires ${s.sortShuffleMinBuffers} (taskmanager.network.sort-shuffle.min-buffers)${has(v, "sortShuffleBoundedPool") ? "; its pool grows to at most max(that, 4 × subpartitions)" : ""}.`);
  } else if (mode === "batch") {
    lines.push(`${out}; Flink ${v.line} has no sort-merge shuffle (1.12+), and a blocking partition's pool is unbounded.`);
  } else {
    lines.push(`${out}; a streaming (pipelined, bounded) pool grows to at most subpartitions × ${s.buffersPerChannel} + ${s.floatingBuffersPerGate}.`);
  }
  const gateIntro = "Input: a task reads one input gate per incoming edge, one channel per producer subtask it reads.";
  if (!has(v, "gateRequiredBuffersCap")) {
    const floatingMin = has(v, "inputGateFloatingMinOne") ? 1 : 0;
    lines.push(`${gateIntro} Each remote channel takes ${s.buffersPerChannel} exclusive buffers; the gate's floating pool requires ${floatingMin} and grows to at most ${s.floatingBuffersPerGate}. Channels to producers on the same TaskManager are local and take no exclusive buffers.`);
  } else {
    const cap = s.requiredPerGateMax;
    const capText = cap !== undefined
      ? `${cap} (taskmanager.network.memory.read-buffer.required-per-gate.max)`
      : mode === "batch" ? `${DEFAULT_REQUIRED_PER_GATE.batch} (batch default; taskmanager.network.memory.read-buffer.required-per-gate.max unset)` : "unlimited (streaming default; taskmanager.network.memory.read-buffer.required-per-gate.max unset)";
    lines.push(`${gateIntro} A gate requires min(channels × ${s.buffersPerChannel} + 1, ${capText}) buffers; the rest of its target, channels × ${s.buffersPerChannel} + ${s.floatingBuffersPerGate}, is optional (1.17+, FLINK-30473). Exclusive buffers per channel = min(${s.buffersPerChannel}, (required − 1) ÷ channels); the floating pool requires what is left.`);
    lines.push(has(v, "gateBuffersFromGatePool")
      ? `In Flink ${v.line} a gate takes all its required buffers from its own pool, so local channels count too (FLINK-33668; reverted in 1.20).`
      : "Only remote channels take their exclusive buffers; channels to producers on the same TaskManager are local and take none.");
  }
  lines.push("Placement (assumed): all vertices in one slot sharing group; subtask i of every vertex in slot i; slots fill TaskManagers in order, so the first TaskManager is the busiest.");
  return lines;
}

function tryResolve(req: ResolveRequest, extra: [string, string][]): { result?: TaskManagerResult; failure?: { javaClass?: string; message: string } } {
  try {
    return { result: resolveTaskManager({ ...req, dynamic: [...(req.dynamic ?? []), ...extra], trace: false }) };
  } catch (e) {
    const err = e as { javaClass?: string; message?: string };
    if (err.javaClass) return { failure: { javaClass: err.javaClass, message: err.message ?? "" } };
    throw e;
  }
}

export function recommendMin(req: ResolveRequest, needed: bigint, currentMax: bigint, segment: number): NetworkRecommendation {
  const settings: [string, string][] = [[NETWORK_KEYS.min, `${needed}b`]];
  if (currentMax < needed) settings.push([NETWORK_KEYS.max, `${needed}b`]);
  const r = tryResolve(req, settings);
  if (!r.result) return { kind: "min", settings, failure: r.failure! };
  return { kind: "min", settings, network: r.result.spec.network, buffers: buffersOf(r.result.spec.network, segment) };
}

/** The smallest fraction in steps of 0.001 that gives enough network memory, found by bisection (also used by `diagnose`). */
export function recommendFraction(req: ResolveRequest, needed: bigint, currentMax: bigint, segment: number): NetworkRecommendation {
  const extra = (k: number): [string, string][] => {
    const s: [string, string][] = [[NETWORK_KEYS.fraction, (k / 1000).toString()]];
    if (currentMax < needed) s.push([NETWORK_KEYS.max, `${needed}b`]);
    return s;
  };
  const done = (k: number) => {
    const r = tryResolve(req, extra(k));
    return !r.result || r.result.spec.network >= needed;
  };
  let lo = 1;
  let hi = 999;
  if (!done(hi)) {
    return { kind: "fraction", settings: [], failure: { message: "no network fraction below 1 gives enough network memory: network min/max or explicitly sized components pin it" } };
  }
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (done(mid)) hi = mid;
    else lo = mid + 1;
  }
  const settings = extra(lo);
  const r = tryResolve(req, settings);
  if (!r.result) return { kind: "fraction", settings, failure: r.failure! };
  return { kind: "fraction", settings, network: r.result.spec.network, buffers: buffersOf(r.result.spec.network, segment) };
}

/**
 * Resolves the TaskManager, reads its network settings, places the topology's subtasks and
 * computes each TaskManager's required buffers; recommends network settings when short.
 */
export function networkBuffers(req: NetworkRequest): NetworkResult {
  const { topology: doc, ...resolveReq } = req;
  const topology = readTopology(doc);
  const tm = resolveTaskManager({ ...resolveReq, trace: false });
  const config = tm.config;
  const s = networkSettings(config);
  const { mode, source } = modeOf(topology, config);
  const slotsPerTm = topology.slotsPerTaskManager ?? numberOfSlots(config);
  const slotsNeeded = Math.max(...topology.vertices.map((v) => v.parallelism));
  const minTms = Math.ceil(slotsNeeded / slotsPerTm);
  const taskManagers = topology.taskManagers ?? minTms;
  if (taskManagers < minTms) {
    throw illegalArgument(`Invalid topology: the job needs ${slotsNeeded} slots (its highest parallelism, one slot sharing group) but ${taskManagers} TaskManagers × ${slotsPerTm} slots offer ${taskManagers * slotsPerTm}`);
  }
  const byName = new Map(topology.vertices.map((v) => [v.name, v]));
  const wired: Wired = {
    topology,
    connections: topology.edges.map((e) => connect(e.pattern, byName.get(e.from)!.parallelism, byName.get(e.to)!.parallelism, s.version)),
    tmOf: (i) => Math.floor(i / slotsPerTm),
  };
  const perTaskManager = Array.from({ length: taskManagers }, (_, i) => taskManagerBuffers(i, wired, mode, s, slotsPerTm, slotsNeeded));
  const worst = perTaskManager.reduce((w, t) => (t.required > perTaskManager[w]!.required ? t.index : w), 0);
  const requiredBuffers = perTaskManager[worst]!.required;
  const networkBytes = tm.spec.network;
  const available = buffersOf(networkBytes, s.segmentSize);
  const sufficient = requiredBuffers <= available;
  const neededBytes = BigInt(requiredBuffers) * BigInt(s.segmentSize);
  const recommendations: NetworkRecommendation[] = [];
  if (!sufficient) {
    const maxOption = config.options.get<"memory">("tm.networkMax");
    const currentMax = config.get(maxOption)!;
    recommendations.push(recommendMin(resolveReq, neededBytes, currentMax, s.segmentSize));
    recommendations.push(recommendFraction(resolveReq, neededBytes, currentMax, s.segmentSize));
  }
  const w = perTaskManager[worst]!;
  const explanation = [
    ...networkRules(s, mode),
    `Mode: ${mode} (${source === "topology" ? "from the topology" : source === "execution.runtime-mode" ? "execution.runtime-mode" : "default"}); ${taskManagers} TaskManager(s) × ${slotsPerTm} slot(s), the job uses ${slotsNeeded}.`,
    `Network memory ${shortSize(networkBytes)} (${networkBytes} bytes) ÷ ${s.segmentSize} = ${available} buffers per TaskManager.`,
    ...w.pools.map((p) =>
      `TaskManager ${w.index}: ${p.side === "output" ? "writes" : "reads"} ${p.edge}: ${p.subtasks} subtask(s) of ${p.vertex} × ${p.side === "output" ? "subpartitions" : "channels"} ${p.width}: requires ${p.requiredAllRemote}${p.side === "input" && p.required !== p.requiredAllRemote ? ` (${p.required} with its local channels)` : ""}${p.target === null ? ", target unbounded" : `, target ${p.target}`}.`,
    ),
    `TaskManager ${w.index} (the busiest) requires ${requiredBuffers} buffers (${w.requiredWithLocalChannels} when its local channels take no exclusive buffers) = ${shortSize(neededBytes)}; it has ${available}: ${sufficient ? "enough" : `short by ${requiredBuffers - available}`}.`,
  ];
  if (!sufficient) {
    explanation.push(
      `Flink fails such a task with "Insufficient number of network buffers: required …, but only … available. The total number of network buffers is currently set to ${available} of ${s.segmentSize} bytes each. You can increase this number by setting the configuration keys '${NETWORK_KEYS.fraction}', '${NETWORK_KEYS.min}', and '${NETWORK_KEYS.max}'."`,
    );
    for (const r of recommendations) {
      const what = r.settings.map(([k, v]) => `${k}=${v}`).join(", ");
      explanation.push(r.failure ? `Setting ${what || "the network fraction"} does not work: ${r.failure.message}` : `Smallest ${r.kind === "min" ? "network min" : "network fraction"}: ${what} gives ${shortSize(r.network!)} = ${r.buffers} buffers (checked by resolving).`);
    }
  }
  return {
    flink: tm.version.label,
    taskManager: tm,
    settings: s,
    mode,
    modeSource: source,
    networkBytes,
    segmentSize: s.segmentSize,
    buffersPerTaskManager: available,
    slotsPerTaskManager: slotsPerTm,
    taskManagers,
    slotsNeeded,
    perTaskManager,
    worst,
    requiredBuffers,
    totalRequired: perTaskManager.reduce((a, t) => a + t.required, 0),
    sufficient,
    neededBytes,
    recommendations,
    explanation,
  };
}
