// The files `bench:lint` and `bench:memory` lint: config.yaml, flink-conf.yaml and FlinkDeployment
// manifests in turn, with sizes, slots and a misspelled key varying from file to file.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const sizes = ["1g", "1728m", "2g", "4g", "8g", "16g", "600m", "32g"];

/** The text and file name of the i-th file. */
export function lintFile(i) {
  const size = sizes[i % sizes.length];
  const slots = 1 + (i % 8);
  switch (i % 3) {
    case 0:
      return { name: "config.yaml", text: `taskmanager:\n  numberOfTaskSlots: ${slots}\n  memory:\n    process.size: ${size}\n    managed.fraction: 0.${i % 9}\njobmanager.memory.process.size: ${sizes[(i + 3) % sizes.length]}\nstate.backend.type: ${i % 2 ? "hashmap" : "rocksdb"}\n` };
    case 1:
      return { name: "flink-conf.yaml", text: `taskmanager.memory.process.size: ${size}\ntaskmanager.numberOfTaskSlots: ${slots}\njobmanager.memory.process.size: 1600m\ntaskmanager.memroy.network.max: 1g\n` };
    default:
      return {
        name: "deployment.yaml",
        text: `apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: d${i}\nspec:\n  flinkVersion: v1_20\n  flinkConfiguration:\n    taskmanager.numberOfTaskSlots: "${slots}"\n  jobManager:\n    resource:\n      memory: "2048m"\n      cpu: 1\n  taskManager:\n    resource:\n      memory: "${size.toUpperCase()}"\n      cpu: ${1 + (i % 4)}\n`,
      };
  }
}

/** Writes `n` files under `root`, each in its own directory (`root/<i/100>/<i>/<name>`). */
export function writeLintFiles(root, n) {
  for (let i = 0; i < n; i++) {
    const dir = join(root, String(Math.floor(i / 100)), String(i));
    mkdirSync(dir, { recursive: true });
    const f = lintFile(i);
    writeFileSync(join(dir, f.name), f.text);
  }
}
