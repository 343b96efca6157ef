// `npm run bench:memory`: peak memory of `batch` over 100,000 cases and of `lint` over 100,000
// generated files, each in one CLI run; both stream, so both should stay far below 200 MB.
// The child's peak RSS is read from getrusage at its exit (bench/peak-rss.cjs, preloaded).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeLintFiles } from "./lint-corpus.mjs";

const N = Number(process.env.BENCH_MEMORY_N ?? 100_000);
const LIMIT_MB = 200;
const bin = join(import.meta.dirname, "..", "bin", "flink-memory.js");
const preload = join(import.meta.dirname, "peak-rss.cjs");
const root = mkdtempSync(join(tmpdir(), "flink-memory-bench-memory-"));

const versions = ["1.15", "1.17", "1.18", "1.19", "1.20", "2.0", "2.1"];
const sizes = ["600m", "1g", "1728m", "2g", "4g", "8g", "16g", "100m"];

/** The i-th batch case: both processes, several releases, some Flink refuses. */
function batchCase(i) {
  const size = sizes[i % sizes.length];
  const dynamic = i % 2 === 0
    ? [["taskmanager.memory.process.size", size], ["taskmanager.numberOfTaskSlots", String(1 + (i % 16))], ["taskmanager.memory.managed.fraction", `0.${i % 10}`]]
    : [["jobmanager.memory.process.size", size], ["jobmanager.memory.jvm-overhead.min", `${64 + (i % 256)}m`]];
  return JSON.stringify({ id: i, flink: versions[i % versions.length], mode: i % 2 === 0 ? "tm" : "jm", input: { dynamic } });
}

/** Runs the CLI with `args`, feeding `input()`'s lines to standard input; counts output bytes, keeps none. */
function run(args, input) {
  const rssFile = join(root, `rss-${args[0]}`);
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, ["--require", preload, bin, ...args], { env: { ...process.env, PEAK_RSS_FILE: rssFile }, stdio: [input ? "pipe" : "ignore", "pipe", "pipe"] });
    let bytes = 0;
    let stderr = "";
    let lines = 0;
    let tail = "";
    child.stdout.on("data", (d) => {
      bytes += d.length;
      tail = (tail + d.toString("latin1")).slice(-4096);
      for (let i = d.indexOf(10); i >= 0; i = d.indexOf(10, i + 1)) lines++;
    });
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`${args[0]} exited ${code}: ${stderr}`));
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      resolve({ peakMB: Number(readFileSync(rssFile, "utf8")) / 1024, bytes, lines, seconds, tail });
    });
    if (input) {
      // Written as the child reads, so the cases never sit in memory here either.
      const gen = input();
      const pump = () => {
        for (let r = gen.next(); !r.done; r = gen.next()) if (!child.stdin.write(r.value)) return void child.stdin.once("drain", pump);
        child.stdin.end();
      };
      pump();
    }
  });
}

function* batchInput() {
  let chunk = "";
  for (let i = 0; i < N; i++) {
    chunk += batchCase(i) + "\n";
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

let failed = false;
const report = (what, r, count, unit) => {
  const ok = r.peakMB < LIMIT_MB;
  failed ||= !ok;
  console.log(`${what}: ${count} ${unit} in ${r.seconds.toFixed(1)} s, peak RSS ${r.peakMB.toFixed(0)} MB${ok ? "" : ` (over ${LIMIT_MB} MB)`}`);
};
try {
  const batch = await run(["batch"], batchInput);
  if (batch.lines !== N) throw new Error(`batch answered ${batch.lines} of ${N} cases`);
  report("batch", batch, N, "cases");
  const files = join(root, "files");
  const t0 = process.hrtime.bigint();
  writeLintFiles(files, N);
  console.log(`(${N} files written in ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s)`);
  const lint = await run(["lint", files, "--format", "json", "--fail-on", "none"]);
  const summary = JSON.parse(/"summary":(\{.*\})\}\s*$/.exec(lint.tail)?.[1] ?? "null");
  if (summary?.files !== N) throw new Error(`lint checked ${summary?.files} of ${N} files`);
  report("lint", lint, N, "files");
} finally {
  rmSync(root, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
