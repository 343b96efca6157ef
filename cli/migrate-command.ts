/**
 * `flink-memory migrate FILE|DIR --from A --to B`: the configuration for release B, in B's file
 * format, with the memory layout A gives (the fewest keys added to keep it). The file goes to
 * standard output (or `--out`); what changed goes to standard error, quoting memory values only.
 */
import { existsSync, statSync, writeFileSync } from "node:fs";
import { migrateKeepingLayout } from "../src/migrate/keep-layout.js";
import { inputsFor, readInputs, UsageError } from "./inputs.js";
import { failureStatus } from "./resolve-command.js";

interface Options {
  from: string;
  to?: string;
  out?: string;
  format: string;
}

const PROCESS = { tm: "TaskManager", jm: "JobManager" } as const;

export function runMigrate(path: string, opts: Options & { to: string }): number {
  try {
    if (!["text", "json"].includes(opts.format)) throw new UsageError(`unknown --format '${opts.format}' (text or json)`);
    if (path !== "-" && !existsSync(path)) throw new UsageError(`${path} does not exist`);
    const dir = path !== "-" && statSync(path).isDirectory();
    const given = readInputs(dir ? { configDir: path } : { config: path });
    const source = inputsFor(given, opts.from);
    if (!source.files.read) throw new UsageError(`Flink ${opts.from} reads none of the given files: nothing to migrate`);
    const r = migrateKeepingLayout({ input: source.input, from: opts.from, to: opts.to });
    if (opts.format === "json") {
      process.stdout.write(JSON.stringify({ file: r.file, notes: r.notes, same: r.same }, null, 2) + "\n");
    } else if (opts.out) {
      writeFileSync(opts.out, r.file.text);
    } else process.stdout.write(r.file.text);
    const lines = [`flink-memory: migrated ${source.files.read.name} from Flink ${opts.from} to Flink ${opts.to} (${r.file.name})`];
    for (const n of r.notes) lines.push(`  ${n.kind}: ${n.text}`);
    for (const p of ["tm", "jm"] as const) {
      const s = r.same[p];
      lines.push(`  ${PROCESS[p]}: ${s === true ? "the same layout, checked by reading the file as Flink " + opts.to + " does" : s === "source-fails" ? `Flink ${opts.from} refuses this configuration, so there is no layout to keep` : "NOT the same layout (see above)"}`);
    }
    if (opts.format !== "json") process.stderr.write(lines.join("\n") + "\n");
    return r.same.tm === false || r.same.jm === false ? 1 : 0;
  } catch (e) {
    return failureStatus(e);
  }
}
