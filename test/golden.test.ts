// Every golden case (project copy of ../shared/golden: Flink 1.10 to 2.2) and every real-world
// case (../shared/realworld, when present): our answer must equal Flink's, field by field.
import { afterAll, describe, expect, it } from "vitest";
import { answerCase } from "../src/cases.js";
import { generatedFiles, goldenFiles, realworldFiles, type GoldenCase } from "./support/golden.js";

/** Fields the golden README calls informational. */
const INFORMATIONAL = new Set(["adjustedConfig", "stateBackendDecision", "stateBackendUsesManagedMemory"]);

export function compareCase(c: GoldenCase): string | null {
  const { expected, ...input } = c;
  const got = answerCase(input) as Record<string, unknown>;
  if (expected.error) {
    const err = got.error as { message?: string; class?: string } | undefined;
    if (!err) return `expected error '${expected.error.message}', got a result`;
    if (err.message !== expected.error.message) return `message: want '${expected.error.message}' got '${err.message}'`;
    if (err.class !== expected.error.class) return `class: want ${expected.error.class} got ${err.class}`;
    return null;
  }
  if (got.error) return `unexpected error ${JSON.stringify(got.error)}`;
  // Fields a release has or lacks (totals, slots, resources, the JobManager's dynamic configs): present exactly when Flink's are.
  for (const k of ["totalFlinkMemory", "totalProcessMemory", "numSlots", "extendedResources", "dynamicConfigs"]) {
    if (k in expected !== k in got) return `${k}: Flink ${k in expected ? "has" : "lacks"} it, we ${k in got ? "have" : "lack"} it`;
  }
  for (const [k, v] of Object.entries(expected)) {
    if (INFORMATIONAL.has(k)) continue;
    if (JSON.stringify(got[k]) !== JSON.stringify(v)) return `${k}: want ${JSON.stringify(v)} got ${JSON.stringify(got[k])}`;
  }
  return null;
}

const counts = new Map<string, { total: number; agree: number }>();
afterAll(() => {
  for (const [k, { total, agree }] of counts) console.log(`golden ${k}: ${agree}/${total} agree`);
});

function checkFiles(files: { folder: string; file: string; cases: GoldenCase[] }[]) {
  for (const { folder, file, cases } of files) {
    it(`${folder}/${file}: all ${cases.length} cases agree with Flink`, () => {
      const mismatches: string[] = [];
      for (const c of cases) {
        const why = compareCase(c);
        if (why) mismatches.push(`${c.id}: ${why}`);
      }
      const key = folder === "realworld" ? `realworld/${file}` : folder.startsWith("generated/") ? `${folder}/${file}` : folder;
      const prev = counts.get(key) ?? { total: 0, agree: 0 };
      counts.set(key, { total: prev.total + cases.length, agree: prev.agree + cases.length - mismatches.length });
      expect(mismatches.slice(0, 10)).toEqual([]);
      expect(mismatches.length).toBe(0);
    });
  }
}

describe("golden cases (project copy)", () => {
  checkFiles(goldenFiles());
});

describe("golden cases we generated (test/data/generated, computed by Flink's own code)", () => {
  checkFiles(generatedFiles());
});

const real = realworldFiles();
describe.runIf(real.length > 0)("real-world configs (../shared/realworld)", () => {
  checkFiles(real);
});
