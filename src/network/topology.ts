/**
 * A job's topology as the network-buffer calculation needs it: job vertices (tasks after
 * operator chaining, as Flink's web UI shows them) with their parallelism, and the edges
 * between them with their partitioning. Read from a plain object (parsed YAML or JSON).
 * @module
 */
import { illegalArgument } from "../errors.js";
import type { DistributionPattern } from "./connections.js";
import type { ExchangeMode } from "./pools.js";

/** Partitioners by their DataStream names; each maps to Flink's distribution pattern. */
export const PARTITIONINGS: Readonly<Record<string, DistributionPattern>> = {
  forward: "pointwise",
  rescale: "pointwise",
  hash: "all-to-all",
  keyby: "all-to-all",
  rebalance: "all-to-all",
  shuffle: "all-to-all",
  broadcast: "all-to-all",
  global: "all-to-all",
  custom: "all-to-all",
  "all-to-all": "all-to-all",
};

export interface Vertex {
  name: string;
  parallelism: number;
}

export interface Edge {
  from: string;
  to: string;
  partitioning: string;
  pattern: DistributionPattern;
}

export interface Topology {
  /** `undefined`: not given (the caller picks a default). */
  mode: ExchangeMode | undefined;
  slotsPerTaskManager: number | undefined;
  taskManagers: number | undefined;
  vertices: Vertex[];
  edges: Edge[];
}

const bad = (message: string) => illegalArgument(`Invalid topology: ${message}`);

function positiveInt(x: unknown, what: string): number {
  if (typeof x !== "number" || !Number.isSafeInteger(x) || x < 1 || x > 2147483647) throw bad(`${what} must be a whole number from 1, got ${JSON.stringify(x)}`);
  return x;
}

function optionalPositiveInt(x: unknown, what: string): number | undefined {
  return x === undefined || x === null ? undefined : positiveInt(x, what);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** Checks and normalises a topology document; fails with what is wrong and where. */
export function readTopology(doc: unknown): Topology {
  if (!isRecord(doc)) throw bad("expected an object with vertices and edges");
  const known = new Set(["mode", "slotsPerTaskManager", "taskManagers", "vertices", "edges"]);
  for (const k of Object.keys(doc)) if (!known.has(k)) throw bad(`unknown field '${k}' (known: ${[...known].join(", ")})`);
  let mode: ExchangeMode | undefined;
  if (doc.mode !== undefined && doc.mode !== null) {
    const m = String(doc.mode).toLowerCase();
    if (m !== "streaming" && m !== "batch") throw bad(`mode must be streaming or batch, got ${JSON.stringify(doc.mode)}`);
    mode = m;
  }
  if (!Array.isArray(doc.vertices) || doc.vertices.length === 0) throw bad("vertices must be a non-empty list");
  const vertices: Vertex[] = doc.vertices.map((v, i) => {
    if (!isRecord(v) || typeof v.name !== "string" || v.name === "") throw bad(`vertices[${i}] needs a name`);
    return { name: v.name, parallelism: positiveInt(v.parallelism, `vertices[${i}].parallelism`) };
  });
  const byName = new Map<string, Vertex>();
  for (const v of vertices) {
    if (byName.has(v.name)) throw bad(`vertex '${v.name}' is listed twice`);
    byName.set(v.name, v);
  }
  const rawEdges = doc.edges ?? [];
  if (!Array.isArray(rawEdges)) throw bad("edges must be a list");
  const edges: Edge[] = rawEdges.map((e, i) => {
    if (!isRecord(e)) throw bad(`edges[${i}] must be an object with from, to and partitioning`);
    const from = byName.get(String(e.from));
    const to = byName.get(String(e.to));
    if (!from) throw bad(`edges[${i}].from names no vertex: ${JSON.stringify(e.from)}`);
    if (!to) throw bad(`edges[${i}].to names no vertex: ${JSON.stringify(e.to)}`);
    if (from === to) throw bad(`edges[${i}] connects '${from.name}' to itself`);
    const partitioning = String(e.partitioning ?? "").toLowerCase();
    const pattern = PARTITIONINGS[partitioning];
    if (!pattern) throw bad(`edges[${i}].partitioning must be one of ${Object.keys(PARTITIONINGS).join(", ")}, got ${JSON.stringify(e.partitioning)}`);
    if (partitioning === "forward" && from.parallelism !== to.parallelism) {
      // Flink's StreamGraph refuses this too ("Forward partitioning does not allow change of parallelism").
      throw bad(`edges[${i}]: forward partitioning does not allow a change of parallelism ('${from.name}' ${from.parallelism}, '${to.name}' ${to.parallelism}); use rescale, rebalance, hash or broadcast`);
    }
    return { from: from.name, to: to.name, partitioning, pattern };
  });
  return {
    mode,
    slotsPerTaskManager: optionalPositiveInt(doc.slotsPerTaskManager, "slotsPerTaskManager"),
    taskManagers: optionalPositiveInt(doc.taskManagers, "taskManagers"),
    vertices,
    edges,
  };
}
