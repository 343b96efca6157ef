// The CI slice of `npm run fuzz`: every target, a fixed seed, a few hundred inputs each.
// The CLI target runs the built CLI (dist/), which `npm test` builds first.
import { afterAll, describe, expect, it } from "vitest";
import { cleanUpScratch, TARGETS } from "../../fuzz/targets.js";
import { formatReport, runTarget } from "../../fuzz/harness.js";

const SEED = 20240607;
const RUNS = 1000;

describe("fuzz slice (seeded)", () => {
  afterAll(() => cleanUpScratch());
  for (const target of TARGETS) {
    it(`${target.name}: ${target.description}`, async () => {
      const runs = Math.max(50, Math.round(RUNS * (target.weight ?? 1)));
      const report = await runTarget(target, runs, SEED);
      expect(report.failure ?? "", formatReport(report)).toBe("");
      expect(report.runs).toBe(runs);
    });
  }
});
