// The smallest Total Process Memory for wanted parts: it resolves, meets every goal, and one
// byte less does not.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { smallestProcessSize } from "../../src/sizing/inverse.js";
import { perSlotGoals, shortfalls, type SizingGoals } from "../../src/sizing/goals.js";
import { applyChanges } from "../../src/fix/changes.js";
import { resolveRequest } from "../../src/fix/probe.js";
import { MiB } from "../../src/size/memory-size.js";
import type { ResolveRequest } from "../../src/resolve.js";

const withProcess = (req: ResolveRequest, key: string, bytes: bigint, goals: SizingGoals, target: "tm" | "jm") => {
  const r = smallestProcessSize(target, req, goals);
  if (!r.ok) throw new Error(r.reason);
  const changes = r.changes.map((c) => (c.key === key ? { key, set: `${bytes}b` } : c));
  const o = resolveRequest(target, applyChanges(req, changes));
  return o.ok && shortfalls(o.spec, goals).length === 0;
};

function checkMinimal(target: "tm" | "jm", req: ResolveRequest, goals: SizingGoals) {
  const r = smallestProcessSize(target, req, goals);
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  const key = `${target === "tm" ? "taskmanager" : "jobmanager"}.memory.process.size`;
  expect(r.spec.totalProcess).toBe(r.processSize);
  expect(shortfalls(r.spec, goals)).toEqual([]);
  expect(withProcess(req, key, r.processSize, goals, target)).toBe(true);
  expect(withProcess(req, key, r.processSize - 1n, goals, target)).toBe(false);
  return r.processSize;
}

describe("smallest process size for wanted parts", () => {
  it("4 slots of 512m task heap and 1g managed", () => {
    const goals = perSlotGoals(4, { taskHeap: 512n * MiB, managed: 1024n * MiB });
    const n = checkMinimal("tm", { flink: "2.2" }, goals)!;
    // Managed is 40% of Total Flink Memory: at least 4 GiB managed needs at least 10 GiB Total Flink.
    expect(n).toBeGreaterThan(10n * 1024n * MiB);
  });

  it("holds on the user's configuration and differs between versions where Flink does", () => {
    const goals: SizingGoals = { minTaskHeap: 6n * 1024n * MiB };
    const a = checkMinimal("tm", { flink: "1.16" }, goals)!;
    const b = checkMinimal("tm", { flink: "1.20" }, goals)!;
    expect(a).not.toBe(b); // network max 1g before 1.17
    checkMinimal("tm", { flink: "2.0", configYaml: "taskmanager.memory.flink.size: 1g\ntaskmanager.memory.network.fraction: 0.2\n" }, goals);
    checkMinimal("jm", { flink: "1.20" }, { minJvmHeap: 2048n * MiB });
  });

  it("property: the answer resolves, meets every goal, and one byte less does not", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("1.13", "1.16", "1.20", "2.2"),
        fc.integer({ min: 1, max: 8 }),
        fc.bigInt({ min: 0n, max: 4096n * MiB }),
        fc.bigInt({ min: 0n, max: 4096n * MiB }),
        fc.bigInt({ min: 0n, max: 512n * MiB }),
        (flink, slots, taskHeap, managed, network) => {
          const goals = perSlotGoals(slots, { taskHeap, managed, network });
          const r = smallestProcessSize("tm", { flink }, goals);
          if (r.ok) checkMinimal("tm", { flink }, goals);
          else {
            // None: then not even a very large process meets the goals (network capped before 1.17).
            const o = resolveRequest("tm", { flink, dynamic: [["taskmanager.memory.process.size", "1t"], ["taskmanager.numberOfTaskSlots", String(slots)]] });
            expect(o.ok && shortfalls(o.spec, goals).length > 0).toBe(true);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("says why when no size can: a network fraction of 0 with a network goal", () => {
    const r = smallestProcessSize("tm", { dynamic: [["taskmanager.memory.network.max", "64m"]] }, { minNetwork: 128n * MiB });
    expect(r.ok).toBe(false);
  });
});

describe("byte boundaries", () => {
  it("the parts of a resolved 4 GiB TaskManager need at most 4 GiB, to the byte", () => {
    const four = resolveRequest("tm", { dynamic: [["taskmanager.memory.process.size", "4g"]] });
    if (!four.ok || four.spec?.kind !== "tm") throw new Error("4g resolves");
    const goals = { minTaskHeap: four.spec.taskHeap, minManaged: four.spec.managed, minNetwork: four.spec.network };
    const n = checkMinimal("tm", {}, goals)!;
    expect(n).toBeLessThanOrEqual(4n * 1024n * MiB);
    // One byte more task heap than 4g gives needs more than 4g.
    const more = checkMinimal("tm", {}, { ...goals, minTaskHeap: four.spec.taskHeap + 1n })!;
    expect(more).toBeGreaterThan(n);
  });
});
