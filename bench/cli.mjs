#!/usr/bin/env node
// Benchmark: wall time of `flink-memory tm ... --format flags` against `node -e 0`, same run.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../bin/flink-memory.js", import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 30);

function time(args) {
  const samples = [];
  for (let i = 0; i < runs + 3; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { encoding: "utf8" });
    if (r.status !== 0) throw new Error(r.stderr);
    if (i >= 3) samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const loader = fileURLToPath(new URL("../bin/load-cli.js", import.meta.url));
const cache = spawnSync(process.execPath, ["-e", `process.stdout.write(String(require(${JSON.stringify(loader)}).loadCli().script.cachedDataRejected))`], { encoding: "utf8" });
console.log(`V8 code cache of the bundle: ${cache.stdout === "false" ? "accepted" : "not used (run npm run build with this Node)"}`);

const node = time(["-e", "0"]);
const cli = time([bin, "tm", "-D", "taskmanager.memory.process.size=4g", "--format", "flags"]);
console.log(`node -e 0 (median of ${runs}):                 ${node.toFixed(1)} ms`);
console.log(`flink-memory tm ... --format flags (median): ${cli.toFixed(1)} ms`);
console.log(`ratio: ${(cli / node).toFixed(2)}x node's own start-up (aim: at most 1.3x; Flink's BashJavaUtils: about 8x)`);
