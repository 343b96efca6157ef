/**
 * `flink-memory migrate PATH --from A --to B`: the configuration for release B, in B's file
 * format, with the memory layout A gives (the fewest keys added to keep it); a FlinkDeployment or
 * operator Helm values file is edited in place. The file goes to standard output (or `--out`);
 * what changed goes to standard error, quoting memory values only.
 */
import { existsSync, statSync, writeFileSync } from "node:fs";
import { holdsDeployments, migrateManifest, MissingSourceVersion } from "../src/migrate/deployment.js";
import { migrateKeepingLayout, type MigrateNote, type MigrateResult } from "../src/migrate/keep-layout.js";
import { migrateLegacyToStandardYaml } from "../src/migrate/legacy-to-standard.js";
import { flinkVersion } from "../src/versions/version.js";
import { displayName, inputsFor, readInputs, readText, UsageError } from "./inputs.js";
import { failureStatus } from "./resolve-command.js";

interface Options {
  from?: string;
  to: string;
  out?: string;
  nested?: boolean;
  keepLayout?: string;
  format: string;
}

const PROCESS = { tm: "TaskManager", jm: "JobManager" } as const;

function report(head: string, notes: readonly MigrateNote[], same: MigrateResult["same"], from: string, to: string): string[] {
  const lines = [head];
  for (const n of notes) lines.push(`  ${n.kind}: ${n.text}`);
  for (const p of ["tm", "jm"] as const) {
    const s = same[p];
    lines.push(`  ${PROCESS[p]}: ${s === true ? `the same layout, checked by reading the file as Flink ${to} does` : s === "source-fails" ? `Flink ${from} refuses this configuration, so there is no layout to keep` : "NOT the same layout (see above)"}`);
  }
  return lines;
}

function emit(text: string, json: unknown, opts: Options): void {
  if (opts.format === "json") process.stdout.write(JSON.stringify(json, null, 2) + "\n");
  else if (opts.out) writeFileSync(opts.out, text);
  else process.stdout.write(text);
}

/**
 * `--keep-layout=false`: Flink 1.20's `bin/migrate-config-file.sh`, byte for byte: a legacy
 * flink-conf.yaml's syntax converted to config.yaml, nothing about memory checked or added.
 */
function syntaxOnly(path: string, dir: boolean, opts: Options): number {
  const given = readInputs(dir ? { configDir: path } : { config: path });
  // A conf dir's flink-conf.yaml; a file given by name is the legacy file, whatever its name.
  const files = given.input.files ?? [];
  const file = dir ? files.find((f) => f.as === "flink-conf.yaml") : files[0];
  if (!file) throw new UsageError(`${displayName(path)} holds no flink-conf.yaml: the syntax-only migration converts a legacy flink-conf.yaml`);
  const text = migrateLegacyToStandardYaml(file.text);
  emit(text, { file: { name: "config.yaml", text } }, opts);
  if (opts.format !== "json") process.stderr.write(`flink-memory: converted ${displayName(file.name)} to config.yaml as Flink 1.20's bin/migrate-config-file.sh does (syntax only: the memory layout is neither kept nor checked)\n`);
  return 0;
}

export function runMigrate(path: string, opts: Options): number {
  try {
    if (!["text", "json"].includes(opts.format)) throw new UsageError(`unknown --format '${opts.format}' (text or json)`);
    if (path !== "-" && !existsSync(path)) throw new UsageError(`${path} does not exist`);
    const dir = path !== "-" && statSync(path).isDirectory();
    if (!dir) {
      const text = readText(path);
      if (holdsDeployments(text)) {
        const m = migrateManifest(text, opts.to, opts.from);
        emit(m.text, m, opts);
        const lines: string[] = [];
        for (const d of m.deployments) lines.push(...report(`flink-memory: migrated ${d.origin === "FlinkDeployment" ? `FlinkDeployment ${d.name ?? ""}`.trim() : "Helm values"} of ${displayName(path)} from Flink ${d.from} to Flink ${flinkVersion(opts.to).line}`, d.notes, d.same, d.from, opts.to));
        if (opts.format !== "json") process.stderr.write(lines.join("\n") + "\n");
        return m.deployments.some((d) => d.same.tm === false || d.same.jm === false) ? 1 : 0;
      }
    }
    if (opts.keepLayout === "false") return syntaxOnly(path, dir, opts);
    if (!opts.from) throw new UsageError("--from is required for a Flink configuration file: which release reads it now?");
    const given = readInputs(dir ? { configDir: path } : { config: path });
    const source = inputsFor(given, opts.from);
    if (!source.files.read) throw new UsageError(`Flink ${opts.from} reads none of the given files: nothing to migrate`);
    const r = migrateKeepingLayout({ input: source.input, from: opts.from, to: opts.to, ...(opts.nested ? { nested: true } : {}) });
    emit(r.file.text, { file: r.file, notes: r.notes, same: r.same }, opts);
    if (opts.format !== "json") process.stderr.write(report(`flink-memory: migrated ${source.files.read.name} from Flink ${opts.from} to Flink ${opts.to} (${r.file.name})`, r.notes, r.same, opts.from, opts.to).join("\n") + "\n");
    return r.same.tm === false || r.same.jm === false ? 1 : 0;
  } catch (e) {
    if (e instanceof MissingSourceVersion) return failureStatus(new UsageError(e.message));
    return failureStatus(e);
  }
}
