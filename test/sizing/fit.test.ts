// Fitting into a container: what fit returns resolves, uses the container exactly, and meets
// every goal; when it cannot, it says why.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fitContainer } from "../../src/sizing/fit.js";
import { shortfalls, type SizingGoals } from "../../src/sizing/goals.js";
import { applyChanges } from "../../src/fix/changes.js";
import { resolveRequest } from "../../src/fix/probe.js";
import { GiB, MiB } from "../../src/size/memory-size.js";

describe("fit into a container", () => {
  it("a 4 GiB container with 4 slots is Flink's 4g split", () => {
    const r = fitContainer("tm", { flink: "2.2" }, 4n * GiB, { slots: 4 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.spec).toMatchObject({ totalProcess: 4n * GiB, managed: 1438814063n, taskHeap: 1530082070n });
    expect(r.changes).toContainEqual({ key: "taskmanager.numberOfTaskSlots", set: "4" });
  });

  it("moves the managed fraction to meet a managed goal, and says so", () => {
    const r = fitContainer("tm", {}, 4n * GiB, { minManaged: 2n * GiB });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.spec.kind === "tm" && r.spec.managed >= 2n * GiB).toBe(true);
    expect(r.notes.join()).toMatch(/managed.fraction set to 0\.\d+/);
  });

  it("removes a conflicting total of the user's configuration", () => {
    const r = fitContainer("tm", { configYaml: "taskmanager.memory.flink.size: 1g\n" }, 2n * GiB, {});
    expect(r.ok && r.changes[0]).toEqual({ key: "taskmanager.memory.flink.size", remove: true });
  });

  it("says why none can: goals missed, with the smallest process that meets them", () => {
    const r = fitContainer("tm", {}, 2n * GiB, { minTaskHeap: 4n * GiB });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toMatch(/task heap .* is below the wanted 4 GiB/);
    expect(r.smallestProcessSize).toBeGreaterThan(4n * GiB);
    const tooSmall = fitContainer("jm", {}, 256n * MiB, {});
    expect(!tooSmall.ok && tooSmall.error?.message).toMatch(/exceed configured Total Process Memory/);
  });

  it("property: every fit resolves, uses exactly the container, and meets every goal", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("1.16", "1.20", "2.2"),
        fc.bigInt({ min: 512n * MiB, max: 64n * GiB }),
        fc.integer({ min: 1, max: 16 }),
        fc.option(fc.bigInt({ min: 0n, max: 8n * GiB }), { nil: undefined }),
        fc.option(fc.bigInt({ min: 0n, max: 8n * GiB }), { nil: undefined }),
        (flink, container, slots, minTaskHeap, minManaged) => {
          const goals: SizingGoals = { slots, ...(minTaskHeap !== undefined ? { minTaskHeap } : {}), ...(minManaged !== undefined ? { minManaged } : {}) };
          const r = fitContainer("tm", { flink }, container, goals);
          if (!r.ok) {
            expect(r.reason.length).toBeGreaterThan(0);
            // When it cannot, a bigger process can (or Flink's failure is named).
            expect(r.smallestProcessSize === undefined || r.smallestProcessSize > container || r.error !== undefined).toBe(true);
            return;
          }
          const o = resolveRequest("tm", applyChanges({ flink }, r.changes));
          expect(o.ok).toBe(true);
          if (!o.ok || o.spec?.kind !== "tm") return;
          expect(o.spec.totalProcess).toBe(container);
          expect(shortfalls(o.spec, goals)).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });
});
