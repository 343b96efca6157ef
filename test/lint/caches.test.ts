// The linter remembers key verdicts (per release and key) and fix searches (by their whole input):
// a finding must be the same whether it was worked out afresh or remembered, in any order, and
// after the bounded memory of searches has let older answers go.
import { describe, expect, it, vi } from "vitest";

type LintModule = typeof import("../../src/lint/lint.js");

const SIZES = ["600m", "1g", "1728m", "2g", "64m", "4g", "300m", "16g"];
const KEYS = ["taskmanager.memroy.network.max", "taskmanager.process.size", "jobmanager.heap.size", "taskmanager.memory.managed.size", "taskmanager.memory.jvm-overhead.max", "taskmanager.memory.network.min", "jobmanager.memory.off-heap.size"];

/** Configurations Flink refuses (fix searches) and keys with typos or of other releases (key verdicts). */
function texts(n: number): { text: string; flink: string; format: "standard" | "legacy" }[] {
  const out: { text: string; flink: string; format: "standard" | "legacy" }[] = [];
  for (let i = 0; i < n; i++) {
    const size = SIZES[i % SIZES.length]!;
    const other = SIZES[(i * 3 + 1) % SIZES.length]!;
    const key = KEYS[i % KEYS.length]!;
    const text = `taskmanager.memory.process.size: ${size}\n${key}: ${other}\ntaskmanager.numberOfTaskSlots: ${1 + (i % 97)}\njobmanager.memory.process.size: ${SIZES[(i + 2) % SIZES.length]}\n`;
    out.push({ text, flink: ["1.20", "1.15", "2.0", "1.11"][i % 4]!, format: i % 2 === 0 ? "legacy" : "standard" });
  }
  return out;
}

async function freshLint(): Promise<LintModule> {
  vi.resetModules();
  return import("../../src/lint/lint.js");
}

const run = (m: LintModule, t: { text: string; flink: string; format: "standard" | "legacy" }) => JSON.stringify(m.lintConfigText(t.text, { source: "c.yaml", flink: t.flink, format: t.format }));

describe("remembered verdicts and fixes", () => {
  it("give the findings worked out afresh, in any order and after older answers are let go", async () => {
    const cases = texts(40);
    // Each case alone, with nothing remembered.
    const alone: string[] = [];
    for (const c of cases) alone.push(run(await freshLint(), c));
    expect(alone.some((f) => f.includes('"fix"'))).toBe(true);
    expect(alone.some((f) => f.includes("flink-rejects"))).toBe(true);
    const m = await freshLint();
    // In order, twice (the second time from memory), then backwards.
    for (let round = 0; round < 2; round++) cases.forEach((c, i) => expect(run(m, c)).toBe(alone[i]));
    [...cases].reverse().forEach((c, i) => expect(run(m, c)).toBe(alone[cases.length - 1 - i]));
    // More distinct searches than are kept: the first answers are gone and worked out again.
    for (const c of texts(1600)) run(m, c);
    cases.forEach((c, i) => expect(run(m, c)).toBe(alone[i]));
  });
});
