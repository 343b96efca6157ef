// `npm run bench` (bench/resolve.mjs) runs and prints its lines; no timing is asserted.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/golden.js";

const SCRIPT = join(ROOT, "bench", "resolve.mjs");
const run = (env: Record<string, string>) =>
  spawnSync(process.execPath, [SCRIPT], {
    encoding: "utf8",
    env: { ...process.env, FLINK_ORACLE: "", BENCH_SECONDS: "0.05", BENCH_ROUNDS: "1", ...env },
  });

describe("bench/resolve.mjs", () => {
  it("prints the load average, every line with a rate, and how to compare with Flink", () => {
    const r = run({});
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/^node v\d+.*1080 process sizes.*1 round\(s\) × 0\.05 s per line$/m);
    expect(out).toMatch(/^load average at start: [\d.]+ [\d.]+ [\d.]+ \(\d+ cores\)$/m);
    for (const label of [
      "TaskManager, config.yaml-free (-D process.size), no trace",
      "TaskManager, with derivation trace",
      "TaskManager, Flink 1.20 legacy flink-conf.yaml text",
      "JobManager, -D process.size, no trace",
    ]) {
      expect(out).toMatch(new RegExp(`^${label.replace(/[()./-]/g, "\\$&")} +[\\d,]+ /s$`, "m"));
    }
    expect(out).toContain("set FLINK_ORACLE=DIR");
    expect(out).not.toMatch(/^ours ÷ Flink/m);
  });

  it("prints median and range with several rounds", () => {
    const r = run({ BENCH_SECONDS: "0.02", BENCH_ROUNDS: "2" });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^TaskManager, with derivation trace +[\d,]+ \/s {2}\(range [\d,]+–[\d,]+\)$/m);
  });

  it("fails clearly when FLINK_ORACLE is not an oracle build", () => {
    const r = run({ FLINK_ORACLE: join(ROOT, "no-such-oracle") });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("no-such-oracle");
    expect(r.stderr).toContain("build.sh");
  });
});
