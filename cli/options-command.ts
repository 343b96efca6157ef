/** `flink-memory options [--flink VERSION]`: every memory option of that version, from the registry. */
import { optionsFor } from "../src/options/registry.js";
import { FlinkError } from "../src/errors.js";
import { flinkVersion, NEWEST_LINE } from "../src/versions/version.js";

export function runOptions(opts: { flink?: string; format?: string }): number {
  let version;
  try {
    version = flinkVersion(opts.flink ?? NEWEST_LINE);
  } catch (e) {
    if (!(e instanceof FlinkError)) throw e;
    process.stderr.write(`flink-memory: ${e.message}\n`);
    return 2;
  }
  const set = optionsFor(version);
  if (opts.format === "json") {
    const rows = set.all.map((o) => ({
      key: o.key,
      type: o.type,
      process: o.process,
      default: o.defaultDoc,
      deprecatedKeys: o.fallbackKeys.filter((f) => f.deprecated).map((f) => f.key),
      deprecated: o.deprecated,
      description: o.description,
    }));
    process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
    return 0;
  }
  process.stdout.write(`Memory options of Flink ${set.version.label}\n`);
  for (const proc of ["tm", "jm"] as const) {
    const list = set.all.filter((o) => o.process === proc);
    if (list.length === 0) continue;
    process.stdout.write(`\n${proc === "tm" ? "TaskManager" : "JobManager"}\n`);
    for (const o of list) {
      const dep = o.fallbackKeys.filter((f) => f.deprecated).map((f) => f.key);
      process.stdout.write(`  ${o.key}${o.deprecated ? " (deprecated)" : ""}\n`);
      process.stdout.write(`      default: ${o.defaultDoc}   type: ${o.type}${dep.length ? `   deprecated keys: ${dep.join(", ")}` : ""}\n`);
      process.stdout.write(`      ${o.description}\n`);
    }
  }
  return 0;
}
