// `npm run bench:lint`: lint 10,000 generated files (config.yaml, flink-conf.yaml, FlinkDeployments)
// in one CLI run and print files per second.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeLintFiles } from "./lint-corpus.mjs";

const N = Number(process.env.BENCH_FILES ?? 10_000);
const root = mkdtempSync(join(tmpdir(), "flink-memory-bench-lint-"));
try {
  writeLintFiles(root, N);
  const bin = join(import.meta.dirname, "..", "bin", "flink-memory.js");
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, "lint", root, "--format", "json", "--fail-on", "none"], { encoding: "utf8", maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`lint exited ${r.status}: ${r.stderr}`);
  const summary = JSON.parse(r.stdout).summary;
  if (summary.files !== N) throw new Error(`expected ${N} files checked, got ${summary.files}`);
  console.log(`lint: ${N} files in ${seconds.toFixed(2)} s = ${Math.round(N / seconds)} files/s (${summary.counts.error} errors, ${summary.counts.warning} warnings, ${summary.counts.note} notes)`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
