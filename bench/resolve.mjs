#!/usr/bin/env node
// Benchmark: TaskManager resolutions per second (resolve + JVM parameters + dynamic configs)
// over process sizes 1-40 GiB, through the public API, on one core. Prints figures only.
//
// Env: BENCH_SECONDS (default 3) per measurement, BENCH_ROUNDS (default 3) measurements per line;
// each line prints the median and the range (min-max) of its rounds.
// FLINK_ORACLE=DIR (an oracle built by ../shared/tools/oracle/build.sh, with DIR/classes): Flink's own
// code is measured too, by ../shared/tools/oracle/Bench.java, one JVM per round, rounds alternating
// with ours (ours first in even rounds, Flink first in odd ones) so both see the same machine
// conditions; then the ratios ours ÷ Flink are printed.
//
// Same work as Bench.java: the same 1,080 process sizes (1024m to 40960m in 37m steps, cycled),
// only taskmanager.memory.process.size set, and per resolution the process spec, the JVM parameters
// and the dynamic configs. Differences, all on our side doing slightly more: we take the size as a
// -D pair (parsed and recorded with its origin, as BashJavaUtils' dynamic properties are) where
// Bench.java calls Configuration.setString directly, and we also build the result object
// (bashJavaUtils lines, loaded config). Bench.java warms the JIT with 200,000 resolutions in its
// JVM, we with 20,000 per line in this process (later rounds run warm either way).
// The compared lines use Flink 2.2 rules, the oracle's release line (2.2.1).
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { resolveTaskManager, resolveJobManager } from "../dist/src/index.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Math.max(1, Math.floor(Number(process.env.BENCH_ROUNDS ?? 3)));
const ORACLE = process.env.FLINK_ORACLE ? resolve(process.env.FLINK_ORACLE) : undefined;
const BENCH_JAVA = resolve(import.meta.dirname, "..", "..", "shared", "tools", "oracle", "Bench.java");
if (!(SECONDS > 0)) throw new Error(`BENCH_SECONDS must be a positive number, got ${process.env.BENCH_SECONDS}`);

const sizes = [];
for (let mb = 1024; mb <= 40 * 1024; mb += 37) sizes.push(`${mb}m`);

let sink = 0;
const GiB = 1024 ** 3;
const lines = [
  {
    label: "TaskManager, config.yaml-free (-D process.size), no trace",
    fn: (i) => {
      const r = resolveTaskManager({ flink: "2.2", dynamic: [["taskmanager.memory.process.size", sizes[i % sizes.length]]], trace: false });
      sink += r.jvmParameters.length + r.dynamicConfigs.length;
    },
  },
  {
    label: "TaskManager, with derivation trace",
    fn: (i) => {
      const r = resolveTaskManager({ flink: "2.2", dynamic: [["taskmanager.memory.process.size", sizes[i % sizes.length]]] });
      sink += r.jvmParameters.length + r.dynamicConfigs.length;
    },
  },
  {
    // Caches (parsed sizes, printed sizes) cannot help here: every process size is new (in bytes,
    // 1-40 GiB), and making its text is counted against us.
    label: "TaskManager, every process size new, no trace",
    fn: (i) => {
      const bytes = GiB + ((i * 7_919_993) % (39 * GiB));
      const r = resolveTaskManager({ flink: "2.2", dynamic: [["taskmanager.memory.process.size", `${bytes}b`]], trace: false });
      sink += r.jvmParameters.length + r.dynamicConfigs.length;
    },
  },
  {
    label: "TaskManager, Flink 1.20 legacy flink-conf.yaml text",
    fn: (i) => {
      const r = resolveTaskManager({ flink: "1.20", flinkConfYaml: `taskmanager.memory.process.size: ${sizes[i % sizes.length]}\ntaskmanager.numberOfTaskSlots: 4\n`, trace: false });
      sink += r.jvmParameters.length + r.dynamicConfigs.length;
    },
  },
  {
    label: "JobManager, -D process.size, no trace",
    fn: (i) => {
      const r = resolveJobManager({ flink: "2.2", dynamic: [["jobmanager.memory.process.size", sizes[i % sizes.length]]], trace: false });
      sink += r.jvmParameters.length + r.dynamicConfigs.length;
    },
  },
];

/** One timed measurement of `fn`: resolutions per second over SECONDS. */
function measure(fn) {
  let n = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(SECONDS * 1e9));
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 1000; i++) fn(n++);
    now = process.hrtime.bigint();
  }
  return n / (Number(now - start) / 1e9);
}

/** Flink's Bench.java compiled into a temp dir; `round()` runs one JVM for one round and returns its rate. */
function flinkBench(dir) {
  const classes = join(dir, "classes");
  if (!existsSync(classes)) throw new Error(`FLINK_ORACLE=${dir}: no ${classes}; build an oracle with ../shared/tools/oracle/build.sh (see README, Speed)`);
  if (!existsSync(BENCH_JAVA)) throw new Error(`FLINK_ORACLE is set but ${BENCH_JAVA} is missing`);
  const tmp = mkdtempSync(join(tmpdir(), "flink-memory-bench-java-"));
  copyFileSync(BENCH_JAVA, join(tmp, "Bench.java"));
  const javac = spawnSync("javac", ["-cp", classes, "-d", tmp, join(tmp, "Bench.java")], { encoding: "utf8" });
  if (javac.error || javac.status !== 0) throw new Error(`javac Bench.java failed: ${javac.error?.message ?? javac.stderr}`);
  let header;
  return {
    get header() {
      return header;
    },
    round() {
      const r = spawnSync("java", ["-cp", `${classes}:${tmp}`, "Bench", String(SECONDS), "1"], { encoding: "utf8" });
      if (r.error || r.status !== 0) throw new Error(`java Bench failed: ${r.error?.message ?? r.stderr}`);
      const out = r.stdout.split("\n");
      header ??= out[0];
      const m = /resolutions[^:]*:\s*([\d,]+) \/s/.exec(r.stdout);
      if (!m) throw new Error(`unexpected output of java Bench:\n${r.stdout}`);
      return Number(m[1].replaceAll(",", ""));
    },
    cleanup() {
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x) => Math.round(x).toLocaleString("en-US");
const row = (label, xs) =>
  `${label.padEnd(58)} ${fmt(median(xs)).padStart(12)} /s` + (xs.length > 1 ? `  (range ${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})` : "");

console.log(`node ${process.version}, ${sizes.length} process sizes from 1 to 40 GiB, ${ROUNDS} round(s) × ${SECONDS} s per line`);
console.log(`load average at start: ${loadavg().map((x) => x.toFixed(2)).join(" ")} (${cpus().length} cores)`);

const flink = ORACLE ? flinkBench(ORACLE) : undefined;
try {
  for (const l of lines) {
    for (let i = 0; i < 20000; i++) l.fn(i); // warm-up
    l.rates = [];
  }
  const flinkRates = [];
  for (let r = 0; r < ROUNDS; r++) {
    // Flink runs first in odd rounds, ours first in even ones.
    if (flink && r % 2 === 1) flinkRates.push(flink.round());
    for (const l of lines) l.rates.push(measure(l.fn));
    if (flink && r % 2 === 0) flinkRates.push(flink.round());
  }
  for (const l of lines) console.log(row(l.label, l.rates));
  if (flink) {
    console.log(`${flink.header} (oracle ${ORACLE}):`);
    console.log(row("Flink TaskManager, Configuration with process.size", flinkRates));
    const f = median(flinkRates);
    console.log(`ours ÷ Flink (medians), no trace:   ${(median(lines[0].rates) / f).toFixed(2)}×`);
    console.log(`ours ÷ Flink (medians), with trace: ${(median(lines[1].rates) / f).toFixed(2)}×`);
  } else {
    console.log("Flink's own code not measured: set FLINK_ORACLE=DIR (an oracle build, see README, Speed) to run it side by side and print ours ÷ Flink.");
  }
  console.log(`(checksum ${sink % 997})`);
} finally {
  flink?.cleanup();
}
