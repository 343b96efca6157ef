#!/usr/bin/env node
// Benchmark: TaskManager resolutions per second (resolve + JVM parameters + dynamic configs)
// over process sizes 1-40 GiB, through the public API, on one core. Prints figures only.
import { resolveTaskManager, resolveJobManager } from "../dist/src/index.js";

const sizes = [];
for (let mb = 1024; mb <= 40 * 1024; mb += 37) sizes.push(`${mb}m`);

function run(label, fn, seconds = Number(process.env.BENCH_SECONDS ?? 3)) {
  for (let i = 0; i < 20000; i++) fn(i); // warm-up
  let n = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 1000; i++) fn(n++);
    now = process.hrtime.bigint();
  }
  const secs = Number(now - start) / 1e9;
  console.log(`${label.padEnd(58)} ${Math.round(n / secs).toLocaleString("en-US").padStart(12)} /s`);
  return n / secs;
}

let sink = 0;
console.log(`node ${process.version}, ${sizes.length} process sizes from 1 to 40 GiB`);
run("TaskManager, config.yaml-free (-D process.size), no trace", (i) => {
  const r = resolveTaskManager({ flink: "2.0", dynamic: [["taskmanager.memory.process.size", sizes[i % sizes.length]]], trace: false });
  sink += r.jvmParameters.length + r.dynamicConfigs.length;
});
run("TaskManager, with derivation trace", (i) => {
  const r = resolveTaskManager({ flink: "2.0", dynamic: [["taskmanager.memory.process.size", sizes[i % sizes.length]]] });
  sink += r.jvmParameters.length + r.dynamicConfigs.length;
});
run("TaskManager, Flink 1.20 legacy flink-conf.yaml text", (i) => {
  const r = resolveTaskManager({ flink: "1.20", flinkConfYaml: `taskmanager.memory.process.size: ${sizes[i % sizes.length]}\ntaskmanager.numberOfTaskSlots: 4\n`, trace: false });
  sink += r.jvmParameters.length + r.dynamicConfigs.length;
});
run("JobManager, -D process.size, no trace", (i) => {
  const r = resolveJobManager({ flink: "2.0", dynamic: [["jobmanager.memory.process.size", sizes[i % sizes.length]]], trace: false });
  sink += r.jvmParameters.length + r.dynamicConfigs.length;
});
console.log(`Flink's own Java code (JIT-warm): about 80,000 TaskManager resolutions/s on one core here; aim: 800,000/s. (checksum ${sink % 997})`);
