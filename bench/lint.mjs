// `npm run bench:lint`: lint 10,000 generated files (config.yaml, flink-conf.yaml, FlinkDeployments)
// in one CLI run and print files per second.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const N = Number(process.env.BENCH_FILES ?? 10_000);
const root = mkdtempSync(join(tmpdir(), "flink-memory-bench-lint-"));
const sizes = ["1g", "1728m", "2g", "4g", "8g", "16g", "600m", "32g"];
try {
  for (let i = 0; i < N; i++) {
    const dir = join(root, String(Math.floor(i / 100)), String(i));
    mkdirSync(dir, { recursive: true });
    const size = sizes[i % sizes.length];
    const slots = 1 + (i % 8);
    switch (i % 3) {
      case 0:
        writeFileSync(join(dir, "config.yaml"), `taskmanager:\n  numberOfTaskSlots: ${slots}\n  memory:\n    process.size: ${size}\n    managed.fraction: 0.${i % 9}\njobmanager.memory.process.size: ${sizes[(i + 3) % sizes.length]}\nstate.backend.type: ${i % 2 ? "hashmap" : "rocksdb"}\n`);
        break;
      case 1:
        writeFileSync(join(dir, "flink-conf.yaml"), `taskmanager.memory.process.size: ${size}\ntaskmanager.numberOfTaskSlots: ${slots}\njobmanager.memory.process.size: 1600m\ntaskmanager.memroy.network.max: 1g\n`);
        break;
      default:
        writeFileSync(
          join(dir, "deployment.yaml"),
          `apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: d${i}\nspec:\n  flinkVersion: v1_20\n  flinkConfiguration:\n    taskmanager.numberOfTaskSlots: "${slots}"\n  jobManager:\n    resource:\n      memory: "2048m"\n      cpu: 1\n  taskManager:\n    resource:\n      memory: "${size.toUpperCase()}"\n      cpu: ${1 + (i % 4)}\n`,
        );
    }
  }
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
