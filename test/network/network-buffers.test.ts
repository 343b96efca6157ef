// Network buffers per TaskManager for hand-computed topologies. Expected counts are derived
// here from Flink's documented rules:
//   output: a result partition's pool requires (subpartitions + 1) buffers (streaming, hash shuffle),
//           or sort-shuffle.min-buffers for a sort-merge (batch) partition;
//   input:  a gate requires channels × buffers-per-channel (exclusive, remote channels) + 1 floating
//           (1.11–1.16), or min(channels × bpc + 1, required-per-gate.max) (1.17+).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { networkBuffers, type NetworkRequest } from "../../src/network/network-buffers.js";
import { resolveTaskManager } from "../../src/resolve.js";
import { failure } from "../support/failure.js";

const BPC = 2;
const FLOATING = 8;
const P4G: [string, string] = ["taskmanager.memory.process.size", "4g"];

function run(flink: string, topology: unknown, dynamic: [string, string][] = []) {
  const req: NetworkRequest = { flink, dynamic: [P4G, ...dynamic], topology };
  return networkBuffers(req);
}

const keyBy = (p: number, extra: Record<string, unknown> = {}) => ({
  slotsPerTaskManager: p,
  ...extra,
  vertices: [{ name: "source", parallelism: p }, { name: "sink", parallelism: p }],
  edges: [{ from: "source", to: "sink", partitioning: "hash" }],
});

describe("buffers per TaskManager", () => {
  it("network memory ÷ segment size, rounded down", () => {
    const r = run("1.20", keyBy(1));
    expect(r.networkBytes).toBe(359703515n);
    expect(r.segmentSize).toBe(32768);
    expect(r.buffersPerTaskManager).toBe(Math.floor(359703515 / 32768));
    const small = run("1.20", keyBy(1), [["taskmanager.memory.segment-size", "64kb"]]);
    expect(small.buffersPerTaskManager).toBe(Math.floor(359703515 / 65536));
  });

  it("rejects a segment size Flink rejects", () => {
    expect(failure(() => run("1.20", keyBy(1), [["taskmanager.memory.segment-size", "3000b"]])).message).toBe(
      "Invalid configuration value for taskmanager.memory.segment-size : 3000 - Minimum memory segment size is 4096",
    );
  });
});

describe("hand-computed topologies (Flink 1.20, streaming)", () => {
  it("keyBy 4 → 4 on one TaskManager: partitions p × (p + 1), gates p × (p × bpc + 1)", () => {
    const p = 4;
    const r = run("1.20", keyBy(p));
    expect(r.taskManagers).toBe(1);
    expect(r.requiredBuffers).toBe(p * (p + 1) + p * (p * BPC + 1));
    // All channels local: only the gate's one floating buffer is required.
    expect(r.perTaskManager[0]!.requiredWithLocalChannels).toBe(p * (p + 1) + p * 1);
    expect(r.perTaskManager[0]!.target).toBe(p * (p * BPC + FLOATING) + p * (p * BPC + FLOATING));
    expect(r.sufficient).toBe(true);
  });

  it("a forward chain over two TaskManagers: one subpartition and one channel per subtask", () => {
    const r = run("1.20", {
      slotsPerTaskManager: 1,
      vertices: [{ name: "a", parallelism: 2 }, { name: "b", parallelism: 2 }, { name: "c", parallelism: 2 }],
      edges: [{ from: "a", to: "b", partitioning: "forward" }, { from: "b", to: "c", partitioning: "forward" }],
    });
    expect(r.taskManagers).toBe(2);
    // per TaskManager: a writes (1 + 1); b reads (1 × bpc + 1) and writes (1 + 1); c reads (1 × bpc + 1)
    const perTm = 2 + (BPC + 1) + 2 + (BPC + 1);
    expect(r.perTaskManager.map((t) => t.required)).toEqual([perTm, perTm]);
    // forward partners share a slot, so every channel is local
    expect(r.perTaskManager.map((t) => t.requiredWithLocalChannels)).toEqual([2 + 1 + 2 + 1, 2 + 1 + 2 + 1]);
  });

  it("rescale 2 → 4 and 4 → 2: each producer feeds a range of consumers, or each consumer reads a range", () => {
    const fanOut = run("1.20", { slotsPerTaskManager: 4, vertices: [{ name: "u", parallelism: 2 }, { name: "d", parallelism: 4 }], edges: [{ from: "u", to: "d", partitioning: "rescale" }] });
    // producers write 2 subpartitions each; consumers read 1 channel each
    expect(fanOut.requiredBuffers).toBe(2 * (2 + 1) + 4 * (1 * BPC + 1));
    const fanIn = run("1.20", { slotsPerTaskManager: 4, vertices: [{ name: "u", parallelism: 4 }, { name: "d", parallelism: 2 }], edges: [{ from: "u", to: "d", partitioning: "rescale" }] });
    expect(fanIn.requiredBuffers).toBe(4 * (1 + 1) + 2 * (2 * BPC + 1));
  });

  it("broadcast 1 → 3: one partition with 3 subpartitions, three single-channel gates", () => {
    const r = run("1.20", { slotsPerTaskManager: 3, vertices: [{ name: "rules", parallelism: 1 }, { name: "op", parallelism: 3 }], edges: [{ from: "rules", to: "op", partitioning: "broadcast" }] });
    expect(r.requiredBuffers).toBe(1 * (3 + 1) + 3 * (1 * BPC + 1));
  });

  it("mixed parallelism 2 → hash → 4 → rebalance → 1 with 2 slots per TaskManager: the first TaskManager is the busiest", () => {
    const r = run("1.20", {
      slotsPerTaskManager: 2,
      vertices: [{ name: "src", parallelism: 2 }, { name: "agg", parallelism: 4 }, { name: "sink", parallelism: 1 }],
      edges: [{ from: "src", to: "agg", partitioning: "hash" }, { from: "agg", to: "sink", partitioning: "rebalance" }],
    });
    expect(r.taskManagers).toBe(2);
    // TM 0: src 0,1 write 4 subpartitions; agg 0,1 read 2 channels and write 1 subpartition; sink 0 reads 4 channels
    const tm0 = 2 * (4 + 1) + 2 * (2 * BPC + 1) + 2 * (1 + 1) + 1 * (4 * BPC + 1);
    // TM 1: agg 2,3 only
    const tm1 = 2 * (2 * BPC + 1) + 2 * (1 + 1);
    expect(r.perTaskManager.map((t) => t.required)).toEqual([tm0, tm1]);
    expect(r.worst).toBe(0);
    expect(r.requiredBuffers).toBe(tm0);
    expect(r.totalRequired).toBe(tm0 + tm1);
  });
});

describe("version rules", () => {
  it("batch: 1.15+ sort-merge partitions require sort-shuffle.min-buffers (512); 1.13 keeps hash shuffle (min-parallelism unlimited)", () => {
    const p = 4;
    expect(run("1.20", keyBy(p, { mode: "batch" })).requiredBuffers).toBe(p * 512 + p * (p * BPC + 1));
    expect(run("1.13", keyBy(p, { mode: "batch" })).requiredBuffers).toBe(p * (p + 1) + p * (1 + p * BPC));
    expect(run("1.13", keyBy(p, { mode: "batch" }), [["taskmanager.network.sort-shuffle.min-parallelism", "4"]]).requiredBuffers).toBe(p * 64 + p * (1 + p * BPC));
    expect(run("1.11", keyBy(p, { mode: "batch" })).requiredBuffers).toBe(p * (p + 1) + p * (1 + p * BPC));
  });

  it("batch mode can come from execution.runtime-mode", () => {
    const r = run("1.20", keyBy(2), [["execution.runtime-mode", "BATCH"]]);
    expect(r).toMatchObject({ mode: "batch", modeSource: "execution.runtime-mode" });
  });

  it("1.17+: read-buffer.required-per-gate.max caps a gate's required buffers and shrinks exclusive buffers", () => {
    const p = 4;
    const capped = run("1.20", keyBy(p), [["taskmanager.network.memory.read-buffer.required-per-gate.max", "5"]]);
    expect(capped.requiredBuffers).toBe(p * (p + 1) + p * Math.min(5, p * BPC + 1));
    // exclusive per channel = min(2, (5 - 1) / 4) = 1: local channels leave 5 - 4 × 1 = 1 floating buffer
    expect(capped.perTaskManager[0]!.requiredWithLocalChannels).toBe(p * (p + 1) + p * 1);
    // 1.16 has no such option: the gate requires all of its exclusive buffers
    expect(run("1.16", keyBy(p), [["taskmanager.network.memory.read-buffer.required-per-gate.max", "5"]]).requiredBuffers).toBe(p * (p + 1) + p * (p * BPC + 1));
    // batch default cap 1000: 600 channels × 2 + 1 > 1000
    const wide = run("1.20", { mode: "batch", slotsPerTaskManager: 600, vertices: [{ name: "a", parallelism: 600 }, { name: "b", parallelism: 1 }], edges: [{ from: "a", to: "b", partitioning: "hash" }] });
    const gate = wide.perTaskManager[0]!.pools.find((x) => x.side === "input")!;
    expect(gate.requiredAllRemote).toBe(1000);
    // exclusive per channel = min(2, 999 / 600) = 1; all 600 channels local leave 1000 - 600 floating
    expect(gate.required).toBe(1000 - 600);
    expect(failure(() => run("1.20", keyBy(2), [["taskmanager.network.memory.read-buffer.required-per-gate.max", "0"]])).message).toBe(
      "At least one buffer is required for each gate, please increase the value of taskmanager.network.memory.read-buffer.required-per-gate.max.",
    );
  });

  it("1.19 takes a gate's buffers from its own pool, so local channels count; 1.10 required no floating buffer", () => {
    const p = 4;
    expect(run("1.19", keyBy(p)).perTaskManager[0]!.requiredWithLocalChannels).toBe(p * (p + 1) + p * (p * BPC + 1));
    expect(run("1.18", keyBy(p)).perTaskManager[0]!.requiredWithLocalChannels).toBe(p * (p + 1) + p);
    expect(run("1.10", keyBy(p)).requiredBuffers).toBe(p * (p + 1) + p * (p * BPC));
  });

  it("buffers-per-channel is read until 1.20 and fixed at 2 in 2.0", () => {
    const bpc4: [string, string] = ["taskmanager.network.memory.buffers-per-channel", "4"];
    expect(run("1.20", keyBy(2), [bpc4]).requiredBuffers).toBe(2 * 3 + 2 * (2 * 4 + 1));
    expect(run("2.0", keyBy(2), [bpc4]).requiredBuffers).toBe(2 * 3 + 2 * (2 * BPC + 1));
    expect(run("2.0", keyBy(2)).settings.sources["tm.buffersPerChannel"]).toBe("fixed in code");
  });

  it("1.10–1.12 connect uneven rescale edges with float factors, 1.13+ with integer ranges", () => {
    const topo = { slotsPerTaskManager: 16, vertices: [{ name: "u", parallelism: 14 }, { name: "d", parallelism: 16 }], edges: [{ from: "u", to: "d", partitioning: "rescale" }] };
    const out = (flink: string) => run(flink, topo).perTaskManager[0]!.pools.find((x) => x.side === "output")!;
    // Either way 14 producers feed 16 consumers, so the total is the same; which producer gets two differs.
    expect(out("1.12").required).toBe(out("1.13").required);
    // Java: consumer 8 reads producer (int) (8 / (float) (16 / 14.0f)), which is 6, where integer ranges give 7.
    expect(Math.trunc(Math.fround(8 / Math.fround(16 / 14)))).toBe(6);
    expect(Math.trunc((7 * 16 + 14 - 1) / 14)).toBe(8);
  });
});

describe("sufficiency and recommendations", () => {
  const wide = (p: number) => ({ slotsPerTaskManager: 8, vertices: [{ name: "a", parallelism: p }, { name: "b", parallelism: p }, { name: "c", parallelism: p }], edges: [{ from: "a", to: "b", partitioning: "hash" }, { from: "b", to: "c", partitioning: "hash" }] });

  it("a small TaskManager with a wide all-to-all job falls short; the recommended min and fraction are verified and minimal", () => {
    const dyn: [string, string][] = [["taskmanager.memory.process.size", "1728m"]];
    const r = networkBuffers({ flink: "1.20", dynamic: dyn, topology: wide(200) });
    expect(r.sufficient).toBe(false);
    expect(r.neededBytes).toBe(BigInt(r.requiredBuffers) * 32768n);
    const min = r.recommendations.find((x) => x.kind === "min")!;
    expect(min.failure).toBeUndefined();
    expect(min.settings[0]).toEqual(["taskmanager.memory.network.min", `${r.neededBytes}b`]);
    expect(min.buffers).toBeGreaterThanOrEqual(r.requiredBuffers);
    const frac = r.recommendations.find((x) => x.kind === "fraction")!;
    expect(frac.failure).toBeUndefined();
    const f = Number(frac.settings[0]![1]);
    expect(frac.buffers).toBeGreaterThanOrEqual(r.requiredBuffers);
    // one step (0.001) less is not enough
    const less = resolveTaskManager({ flink: "1.20", dynamic: [...dyn, ["taskmanager.memory.network.fraction", String((Math.round(f * 1000) - 1) / 1000)]] });
    expect(less.spec.network < r.neededBytes).toBe(true);
  });

  it("1.16 caps network at 1g by default, so the recommendation raises the max too", () => {
    const r = networkBuffers({ flink: "1.16", dynamic: [["taskmanager.memory.process.size", "16g"]], topology: wide(1200) });
    expect(r.sufficient).toBe(false);
    const min = r.recommendations.find((x) => x.kind === "min")!;
    expect(min.settings.map(([k]) => k)).toEqual(["taskmanager.memory.network.min", "taskmanager.memory.network.max"]);
  });

  it("when the memory cannot hold the network a job needs, the recommendation reports Flink's failure", () => {
    const r = networkBuffers({ flink: "1.20", dynamic: [["taskmanager.memory.process.size", "1g"]], topology: wide(2000) });
    expect(r.recommendations.find((x) => x.kind === "min")!.failure?.message).toMatch(/exceed configured Total Flink Memory/);
  });
});

describe("topology input", () => {
  it("refuses forward edges that change parallelism, unknown vertices and too few slots", () => {
    expect(failure(() => run("2.0", { vertices: [{ name: "a", parallelism: 2 }, { name: "b", parallelism: 3 }], edges: [{ from: "a", to: "b", partitioning: "forward" }] })).message).toMatch(/forward partitioning does not allow a change of parallelism/);
    expect(failure(() => run("2.0", { vertices: [{ name: "a", parallelism: 2 }], edges: [{ from: "a", to: "x", partitioning: "hash" }] })).message).toMatch(/edges\[0\]\.to names no vertex/);
    expect(failure(() => run("2.0", { taskManagers: 1, slotsPerTaskManager: 2, vertices: [{ name: "a", parallelism: 3 }] })).message).toMatch(/needs 3 slots/);
    expect(failure(() => run("2.0", { vertices: [] })).message).toMatch(/vertices must be a non-empty list/);
  });
});

describe("property: more parallelism never needs fewer buffers", () => {
  const partitionings = ["hash", "rebalance", "broadcast", "rescale"] as const;
  const arb = fc.record({
    flink: fc.constantFrom("1.10", "1.13", "1.16", "1.19", "1.20", "2.0"),
    mode: fc.constantFrom("streaming", "batch"),
    slots: fc.integer({ min: 1, max: 8 }),
    parallelism: fc.array(fc.integer({ min: 1, max: 24 }), { minLength: 2, maxLength: 4 }),
    parts: fc.array(fc.constantFrom(...partitionings), { minLength: 3, maxLength: 3 }),
    grow: fc.nat(),
  });
  const topo = (ps: number[], parts: readonly string[], mode: string, slots: number) => ({
    mode,
    slotsPerTaskManager: slots,
    vertices: ps.map((p, i) => ({ name: `v${i}`, parallelism: p })),
    edges: ps.slice(1).map((_, i) => ({ from: `v${i}`, to: `v${i + 1}`, partitioning: parts[i]! })),
  });

  it("the job's required buffers (all TaskManagers) grow with any vertex's parallelism", () => {
    fc.assert(
      fc.property(arb, ({ flink, mode, slots, parallelism, parts, grow }) => {
        const bigger = parallelism.map((p, i) => (i === grow % parallelism.length ? p + 1 : p));
        const a = run(flink, topo(parallelism, parts, mode, slots));
        const b = run(flink, topo(bigger, parts, mode, slots));
        expect(b.totalRequired).toBeGreaterThanOrEqual(a.totalRequired);
      }),
      { numRuns: 80 },
    );
  });

  it("with all-to-all edges, the busiest TaskManager's required buffers grow too", () => {
    fc.assert(
      fc.property(arb, ({ flink, mode, slots, parallelism, parts, grow }) => {
        const allToAll = parts.map((p) => (p === "rescale" ? "hash" : p));
        const bigger = parallelism.map((p, i) => (i === grow % parallelism.length ? p + 1 : p));
        const a = run(flink, topo(parallelism, allToAll, mode, slots));
        const b = run(flink, topo(bigger, allToAll, mode, slots));
        expect(b.requiredBuffers).toBeGreaterThanOrEqual(a.requiredBuffers);
      }),
      { numRuns: 80 },
    );
  });
});
