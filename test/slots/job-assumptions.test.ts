// The slot's job decides who takes managed memory: the state backend from the configuration
// (per release), streaming/batch/Python from the caller or the configuration, each assumption
// with its source. Numbers are checked against Flink's own fractions (golden managed-fraction
// cases, computed by Flink's ManagedMemoryUtils) and Flink's arithmetic written out here.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { has } from "../../src/versions/features.js";
import { flinkVersion, inSpan, SUPPORTED_LINES } from "../../src/versions/version.js";
import { WEIGHT_RULES } from "../../src/weights/consumer-weights.js";
import { slotsBreakdown, type SlotsRequest } from "../../src/slots/slot-breakdown.js";
import { optionsFor } from "../../src/options/registry.js";
import { javaDoubleToString } from "../../src/java/numbers.js";
import { goldenFiles, ROOT } from "../support/golden.js";

const P4G: [string, string] = ["taskmanager.memory.process.size", "4g"];
/** Managed memory of a 4g TaskManager (golden tm cases): 1438814063 bytes. */
const MANAGED_4G = 1438814063n;
const DATA = join(ROOT, "test", "data", "slots");
const real = (name: string) => ({ flinkConfYaml: readFileSync(join(DATA, name), "utf8"), flinkConfYamlName: name });
const share = (r: ReturnType<typeof slotsBreakdown>, useCase: string) => r.consumers.find((c) => c.useCase === useCase);

/**
 * Flink's arithmetic, written out with integers: `getFractionRoundedDown(weight, total)` cuts
 * weight/total to 16 decimals; `computeMemorySize` floors slot bytes × that double.
 */
function flinkShare(slotBytes: bigint, weight: bigint, total: bigint): bigint {
  const cut = (weight * 10n ** 16n) / total;
  return BigInt(Math.floor(Number(slotBytes) * Number(`${cut}e-16`)));
}

describe("a plain streaming RocksDB job", () => {
  it("gives STATE_BACKEND the whole slot: weight 70 of 70, not 70 of 170", () => {
    const r = slotsBreakdown({ flink: "2.0", dynamic: [P4G, ["taskmanager.numberOfTaskSlots", "2"], ["state.backend.type", "rocksdb"]] });
    const perSlot = MANAGED_4G / 2n;
    expect(r.assumptions.useCases).toEqual(["STATE_BACKEND"]);
    expect(share(r, "STATE_BACKEND")).toMatchObject({ fraction: "1.0", bytes: flinkShare(perSlot, 70n, 70n) });
    expect(r.rocksdb!.perSlot).toBe(perSlot);
    // What assuming all three consumers gave: 70/170 of the slot, 2.43 times too little.
    const all = slotsBreakdown({ flink: "2.0", dynamic: [P4G, ["taskmanager.numberOfTaskSlots", "2"]], consumers: ["OPERATOR", "STATE_BACKEND", "PYTHON"], stateBackend: "rocksdb" });
    expect(share(all, "STATE_BACKEND")!.bytes).toBe(flinkShare(perSlot, 70n, 170n));
    expect(Number(r.rocksdb!.perSlot) / Number(all.rocksdb!.perSlot)).toBeCloseTo(170 / 70, 6);
  });

  it("matches every golden case where Flink computed a STATE_BACKEND fraction with only STATE_BACKEND (and PYTHON) declared", () => {
    let checked = 0;
    for (const { cases } of goldenFiles()) {
      for (const c of cases) {
        if (c.mode !== "managed-fraction" || c.expected.error) continue;
        const input = c.input as { useCase: string; useCases: string[]; fractionOfUseCase: number; stateBackendUsesManagedMemory: boolean; configYaml?: string; flinkConfYaml?: string; dynamic?: [string, string][] };
        const py = input.useCases.includes("PYTHON");
        const declared = [...input.useCases].sort().join();
        if (input.useCase !== "STATE_BACKEND" || input.fractionOfUseCase !== 1 || !input.stateBackendUsesManagedMemory) continue;
        if (declared !== "STATE_BACKEND" && declared !== "PYTHON,STATE_BACKEND") continue;
        // The release's own key for the state backend, set to rocksdb; the job described by flags.
        const key = optionsFor(c.flink).get("stateBackend").key;
        const req: SlotsRequest = {
          flink: c.flink,
          ...(input.configYaml !== undefined ? { configYaml: input.configYaml } : {}),
          ...(input.flinkConfYaml !== undefined ? { flinkConfYaml: input.flinkConfYaml } : {}),
          dynamic: [...(input.dynamic ?? []), P4G, [key, "rocksdb"]],
          job: "streaming",
          python: py,
        };
        const r = slotsBreakdown(req);
        const sb = share(r, "STATE_BACKEND")!;
        expect(sb.fraction, c.id).toBe(c.expected.fraction);
        expect(sb.bytes, c.id).toBe(BigInt(Math.floor(Number(r.managedPerSlot) * Number(c.expected.fraction))));
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });
});

describe("the state backend from the configuration, per release", () => {
  it("1.16 reads state.backend and says where (a real flink-conf.yaml)", () => {
    const r = slotsBreakdown({ flink: "1.16", ...real("kunpengcompute_omnistatestore.flink-conf.yaml") });
    expect(r.stateBackend).toBe("rocksdb");
    expect(r.assumptions.stateBackend.from).toEqual({ by: "config", key: "state.backend", location: { source: "kunpengcompute_omnistatestore.flink-conf.yaml", line: 15, column: 16 } });
    expect(r.assumptions.summary).toBe(
      "Assuming a streaming job with keyed state (the default) and without Python UDFs (the default); the state backend is rocksdb from state.backend (kunpengcompute_omnistatestore.flink-conf.yaml:15), which keeps state in managed memory.",
    );
    expect(share(r, "STATE_BACKEND")!.bytes).toBe(r.managedPerSlot);
  });

  it("1.17+ reads state.backend.type, and state.backend as its deprecated key", () => {
    expect(slotsBreakdown({ flink: "1.17", dynamic: [P4G, ["state.backend.type", "rocksdb"]] }).assumptions.stateBackend.from).toMatchObject({ key: "state.backend.type" });
    const old = slotsBreakdown({ flink: "1.20", ...real("maxhuettner_flinke2c.flink-conf.yaml") });
    expect(old.assumptions.stateBackend).toMatchObject({ kind: "rocksdb", from: { by: "config", key: "state.backend", location: { line: 46 } } });
    // 1.16 does not know state.backend.type: the heap default.
    const early = slotsBreakdown({ flink: "1.16", dynamic: [P4G, ["state.backend.type", "rocksdb"]] });
    expect(early.assumptions.stateBackend).toMatchObject({ kind: "hashmap", from: { by: "default" }, usesManagedMemory: false });
  });

  it("hashmap (and no backend at all) keeps state on the heap: STATE_BACKEND declared, not counted, nothing taken", () => {
    for (const req of [
      { flink: "1.18", ...real("gordonmurray_apache_flink_and_paimon.flink-conf.yaml") },
      { flink: "2.2", dynamic: [P4G] as [string, string][] },
      { flink: "1.12", dynamic: [P4G] as [string, string][] },
    ]) {
      const r = slotsBreakdown(req);
      expect(r.assumptions.stateBackendUsesManagedMemory, req.flink).toBe(false);
      expect(r.consumers, req.flink).toMatchObject([{ useCase: "STATE_BACKEND", counted: false, bytes: 0n }]);
      expect(r.rocksdb).toBeUndefined();
    }
    const g = slotsBreakdown({ flink: "1.18", ...real("gordonmurray_apache_flink_and_paimon.flink-conf.yaml") });
    expect(g.assumptions.stateBackend.from).toMatchObject({ key: "state.backend.type", location: { line: 19 } });
    expect(JSON.stringify(g, (_k, x) => (typeof x === "bigint" ? String(x) : x))).not.toContain("password123");
  });

  it("the heap backends' old names: read as heap up to 1.20, unknown in 2.x (Flink then reserves managed memory and the job fails)", () => {
    const fs = real("skariajampi_flink-docker.flink-conf.yaml");
    const r120 = slotsBreakdown({ flink: "1.20", ...fs });
    expect(r120.assumptions.stateBackend).toMatchObject({ kind: "hashmap", usesManagedMemory: false, label: "filesystem (a heap backend, deprecated since Flink 1.13 for 'hashmap')" });
    const r20 = slotsBreakdown({ flink: "2.0", dynamic: [P4G, ["state.backend.type", "filesystem"]] });
    expect(r20.assumptions.stateBackend).toMatchObject({ kind: undefined, usesManagedMemory: true });
    expect(r20.assumptions.notes.join("\n")).toContain('"Cannot find configured state backend factory class: filesystem"');
    expect(r20.assumptions.notes.join("\n")).toContain("Flink 2.0 calls its heap backend 'hashmap'.");
    expect(share(r20, "STATE_BACKEND")!.bytes).toBe(r20.managedPerSlot);
  });

  it("'hashmap' before 1.13 is no shortcut: Flink 1.12 reserves managed memory and names its heap backend 'filesystem'", () => {
    const r = slotsBreakdown({ flink: "1.12", dynamic: [P4G, ["state.backend", "hashmap"]] });
    expect(r.assumptions.stateBackendUsesManagedMemory).toBe(true);
    expect(r.assumptions.notes[0]).toMatch(/^Flink 1\.12 does not know the state backend 'hashmap' \(a shortcut from Flink 1\.13 on\)/);
    expect(r.assumptions.notes[0]).toContain("Flink 1.12 calls its heap backend 'filesystem'.");
    expect(slotsBreakdown({ flink: "1.12", dynamic: [P4G, ["state.backend", "FileSystem"]] }).assumptions.stateBackendUsesManagedMemory).toBe(false);
  });

  it("forst is a 2.x managed-memory backend; RocksDB's split is not applied to it", () => {
    const r = slotsBreakdown({ flink: "2.0", dynamic: [P4G, ["state.backend.type", "forst"]] });
    expect(r.assumptions.stateBackend).toMatchObject({ kind: "forst", usesManagedMemory: true });
    expect(share(r, "STATE_BACKEND")!.bytes).toBe(r.managedPerSlot);
    expect(r.rocksdb).toBeUndefined();
    expect(slotsBreakdown({ flink: "1.20", dynamic: [P4G, ["state.backend.type", "forst"]] }).assumptions.notes[0]).toMatch(/does not know the state backend 'forst' \(a shortcut from Flink 2\.0 on\)/);
  });

  it("a factory class: assumed to use managed memory, and its name is never repeated", () => {
    const secretish = "com.example.S3cr3tBackendFactory";
    const r = slotsBreakdown({ flink: "1.20", dynamic: [P4G, ["state.backend.type", secretish]] });
    expect(r.assumptions.stateBackend).toMatchObject({ kind: undefined, label: "a state backend factory class", usesManagedMemory: true });
    expect(JSON.stringify(r, (_k, x) => (typeof x === "bigint" ? String(x) : x))).not.toContain("S3cr3t");
  });
});

describe("the job: the caller's word over the configuration, and saying which won", () => {
  it("the caller's state backend overrides the configured one", () => {
    const r = slotsBreakdown({ flink: "1.16", ...real("kunpengcompute_omnistatestore.flink-conf.yaml"), stateBackend: "hashmap" });
    expect(r.assumptions.stateBackend).toMatchObject({ kind: "hashmap", from: { by: "caller" }, overridden: "rocksdb from state.backend (kunpengcompute_omnistatestore.flink-conf.yaml:15)" });
    expect(r.assumptions.summary).toContain("the state backend is hashmap as given; it overrides rocksdb from state.backend (kunpengcompute_omnistatestore.flink-conf.yaml:15)");
    expect(share(r, "STATE_BACKEND")!.bytes).toBe(0n);
  });

  it("batch: OPERATOR takes the slot, the state backend none (batch state backend); from execution.runtime-mode or the caller", () => {
    const fromConfig = slotsBreakdown({ flink: "1.20", dynamic: [P4G, ["execution.runtime-mode", "batch"], ["state.backend.type", "rocksdb"]] });
    expect(fromConfig.assumptions.job).toEqual({ kind: "batch", from: { by: "config", key: "execution.runtime-mode", location: { source: "-D" } } });
    expect(fromConfig.consumers).toMatchObject([{ useCase: "OPERATOR", fraction: "1.0", bytes: fromConfig.managedPerSlot }]);
    expect(fromConfig.rocksdb).toBeUndefined();
    const overridden = slotsBreakdown({ flink: "1.20", dynamic: [P4G, ["execution.runtime-mode", "BATCH"], ["state.backend.type", "rocksdb"]], job: "streaming" });
    expect(overridden.assumptions.job).toMatchObject({ kind: "streaming", from: { by: "caller" }, overridden: "execution.runtime-mode (-D) says BATCH" });
    expect(overridden.assumptions.useCases).toEqual(["STATE_BACKEND"]);
  });

  it("AUTOMATIC and unknown runtime modes are assumed streaming, with a note", () => {
    expect(slotsBreakdown({ flink: "1.20", dynamic: [P4G, ["execution.runtime-mode", "AUTOMATIC"]] }).assumptions.notes[0]).toContain("is AUTOMATIC");
    const bad = slotsBreakdown({ flink: "1.20", dynamic: [P4G, ["execution.runtime-mode", "hunter2"]] });
    expect(bad.assumptions.job.kind).toBe("streaming");
    expect(bad.assumptions.notes.join()).not.toContain("hunter2");
  });

  it("Python UDFs add PYTHON: 70 and 30 of 100 with RocksDB, all of the slot with a heap backend", () => {
    const rocks = slotsBreakdown({ flink: "1.20", dynamic: [P4G, ["state.backend.type", "rocksdb"]], python: true });
    expect(rocks.consumers.map((c) => [c.useCase, c.fraction])).toEqual([["STATE_BACKEND", "0.7"], ["PYTHON", "0.3"]]);
    expect(share(rocks, "PYTHON")!.bytes).toBe(flinkShare(rocks.managedPerSlot, 30n, 100n));
    const heap = slotsBreakdown({ flink: "1.20", dynamic: [P4G], python: true });
    expect(share(heap, "PYTHON")).toMatchObject({ fraction: "1.0", bytes: heap.managedPerSlot });
    expect(javaDoubleToString(share(heap, "PYTHON")!.fractionValue)).toBe("1.0");
  });

  it("python.fn-execution.memory.managed=false: 1.12 declares no PYTHON, 1.13+ declares it and leaves it unused", () => {
    const off: [string, string] = ["python.fn-execution.memory.managed", "false"];
    const r12 = slotsBreakdown({ flink: "1.12", dynamic: [P4G, ["state.backend", "rocksdb"], off], python: true });
    expect(r12.assumptions.useCases).toEqual(["STATE_BACKEND"]);
    expect(r12.assumptions.notes[0]).toBe("python.fn-execution.memory.managed (-D) is false: Flink 1.12's Python operators then declare no PYTHON managed memory; the Python workers use task off-heap memory.");
    const r13 = slotsBreakdown({ flink: "1.13", dynamic: [P4G, ["state.backend", "rocksdb"], off], python: true });
    expect(r13.consumers.map((c) => [c.useCase, c.fraction])).toEqual([["STATE_BACKEND", "0.7"], ["PYTHON", "0.3"]]);
    expect(r13.assumptions.notes[0]).toContain("Flink 1.13 still declares PYTHON, so its share stays reserved and unused.");
  });

  it("1.12 weights (DATAPROC:70, PYTHON:30) for a streaming RocksDB job with Python", () => {
    const r = slotsBreakdown({ flink: "1.12", dynamic: [P4G, ["state.backend", "rocksdb"]], python: true });
    expect(r.consumers.map((c) => [c.useCase, c.fraction])).toEqual([["STATE_BACKEND", "0.7"], ["PYTHON", "0.3"]]);
  });
});

describe("property: whatever the configuration and flags say", () => {
  const LINES = SUPPORTED_LINES.filter((l) => WEIGHT_RULES.some((r) => inSpan(flinkVersion(l), r))); // releases with consumer weights
  const name = fc.oneof(
    fc.constantFrom("rocksdb", "hashmap", "jobmanager", "filesystem", "forst").chain((n) => fc.constantFrom(n, n.toUpperCase(), n[0]!.toUpperCase() + n.slice(1))),
    fc.stringMatching(/^[a-z]{2,8}(\.[A-Za-z]{2,10}){1,3}Zq$/),
  );
  it("STATE_BACKEND counts exactly for a streaming job whose backend uses managed memory; other values are never printed", () => {
    fc.assert(
      fc.property(fc.constantFrom(...LINES), fc.option(name, { nil: undefined }), fc.constantFrom("streaming", "batch", undefined), fc.boolean(), (flink, backend, job, python) => {
        const key = optionsFor(flink).get("stateBackend").key;
        const r = slotsBreakdown({ flink, dynamic: [P4G, ...(backend !== undefined ? [[key, backend] as [string, string]] : [])], ...(job ? { job } : {}), python });
        const a = r.assumptions;
        const streaming = (job ?? "streaming") === "streaming";
        expect(a.useCases).toEqual([streaming ? "STATE_BACKEND" : "OPERATOR", ...(python ? ["PYTHON"] : [])]);
        const lower = backend?.toLowerCase();
        if (backend === undefined || lower === "hashmap" && has(flinkVersion(flink), "hashMapStateBackendName")) expect(a.stateBackend.usesManagedMemory).toBe(false);
        if (lower === "rocksdb" || (backend !== undefined && backend.endsWith("Zq"))) expect(a.stateBackend.usesManagedMemory).toBe(true);
        expect(a.stateBackendUsesManagedMemory).toBe(streaming && a.stateBackend.usesManagedMemory);
        const sb = r.consumers.find((c) => c.useCase === "STATE_BACKEND");
        if (sb) expect(sb.counted).toBe(a.stateBackendUsesManagedMemory);
        // A warning exactly when Flink cannot use the name as a shortcut of this release.
        expect(a.notes.length > 0).toBe(a.stateBackend.kind === undefined);
        if (backend?.endsWith("Zq")) expect(JSON.stringify(r, (_k, x) => (typeof x === "bigint" ? String(x) : x))).not.toContain(backend);
        expect(r.consumers.reduce((t, c) => t + c.bytes, 0n) <= r.managedPerSlot).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
