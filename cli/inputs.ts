/** Reading the configuration inputs the CLI is pointed at: a file, a conf dir, `-D` pairs. */
import { closeSync, existsSync, openSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { inputForRelease, type ConfigInput } from "../src/config/load.js";
import { confFileNotices, confFilesLookedFor, lookedForWords, type ConfFile, type ConfFileChoice } from "../src/config/conf-files.js";
import { flinkVersion, NEWEST_LINE, type FlinkVersion } from "../src/versions/version.js";
import { applyFlinkPropertiesEnv } from "./flink-properties-env.js";

export class UsageError extends Error {}

/** Refuse files larger than this: Flink configs are kilobytes; this bounds memory and time. */
export const MAX_CONFIG_BYTES = 10 * 1024 * 1024;

/** What `-` (standard input) is called in messages. */
export const STDIN_NAME = "<stdin>";

/** How a file argument is named in messages: `-` is standard input. */
export const displayName = (path: string): string => (path === "-" ? STDIN_NAME : path);

/**
 * The file's bytes (`-`: standard input), read in chunks and refused once over
 * `MAX_CONFIG_BYTES`: also bounds what has no size up front (a pipe such as `<(...)`, `/dev/zero`).
 */
function readBounded(path: string): Buffer {
  const name = displayName(path);
  let fd: number;
  if (path === "-") fd = 0;
  else {
    try {
      fd = openSync(path, "r");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(`cannot read ${name}: ${code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (code ?? "unreadable")}`);
    }
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(64 * 1024);
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        // Standard input that is a non-blocking terminal or pipe with nothing yet: wait and retry.
        if (code === "EAGAIN") {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
          continue;
        }
        if (code === "EOF") break;
        throw new UsageError(`cannot read ${name}: ${code === "EISDIR" ? "it is a directory" : (code ?? "unreadable")}`);
      }
      if (n === 0) break;
      total += n;
      if (total > MAX_CONFIG_BYTES) {
        throw new UsageError(`${name} is over ${MAX_CONFIG_BYTES} bytes; files over ${MAX_CONFIG_BYTES} bytes (10 MiB) are refused: Flink configurations are kilobytes, and the limit bounds memory and time`);
      }
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    }
    return Buffer.concat(chunks, total);
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

/** A text file argument (`-`: standard input) as UTF-8 without a byte-order mark, bounded in size. */
export function readText(path: string): string {
  const bytes = readBounded(path);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Java's reader replaces malformed bytes too, so the result is what Flink sees.
    process.stderr.write(`warning: ${displayName(path)} is not valid UTF-8; invalid bytes are read as U+FFFD, as Flink's reader does\n`);
    text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  }
  // Kept: snakeyaml drops a byte order mark itself, the legacy line reader keeps it in the first key (as Flink's do).
  return text;
}

/** `-D key=value` (split at the first '='). */
export function parseDynamic(items: string[]): [string, string][] {
  return items.map((item, i) => {
    const eq = item.indexOf("=");
    // The argument is not quoted: it may be a credential.
    if (eq <= 0) throw new UsageError(`-D expects key=value, but -D argument ${i + 1} ${eq === 0 ? "has no key before '='" : "has no '='"}`);
    return [item.slice(0, eq), item.slice(eq + 1)];
  });
}

export interface InputOptions {
  flink?: string;
  config?: string;
  configDir?: string;
  dynamic?: string[];
}

/** The inputs as given, before any release reads them: files by name, `-D` pairs. */
export interface GivenInputs {
  /** `files` by name (a conf dir's under their own names) and `dynamic`. */
  input: ConfigInput;
  sources: string[];
  /** The conf directory the files came from, and whether the user named it (it then must hold a file). */
  confDir?: { path: string; explicit: boolean };
}

/** What one release reads of the given inputs. */
export interface ReleaseInputs {
  /** Only the file the release reads (as `configYaml`/`flinkConfYaml`), and `dynamic`. */
  input: ConfigInput;
  files: ConfFileChoice;
  /** Why the release cannot start from the named conf dir (it holds no file the release reads). */
  missing?: string;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The conf dir that is used: `--config-dir`, else `$FLINK_CONF_DIR`, else `./conf` if it holds a config file. */
function confDirOf(opts: InputOptions): { path: string; explicit: boolean } | undefined {
  if (opts.configDir !== undefined) {
    if (!existsSync(opts.configDir)) throw new UsageError(`config dir ${opts.configDir} does not exist`);
    if (!isDirectory(opts.configDir)) throw new UsageError(`config dir ${opts.configDir} is not a directory`);
    return { path: opts.configDir, explicit: true };
  }
  const env = process.env.FLINK_CONF_DIR;
  if (env !== undefined && env !== "") {
    // Values of other variables are never quoted, but this one is a path the user set for us.
    if (!existsSync(env)) throw new UsageError(`FLINK_CONF_DIR=${env} does not exist (unset it, or pass --config/--config-dir)`);
    if (!isDirectory(env)) throw new UsageError(`FLINK_CONF_DIR=${env} is not a directory (unset it, or pass --config/--config-dir)`);
    return { path: env, explicit: true };
  }
  // ./conf is only a guess: used when it holds a Flink config file.
  if (CONF_NAMES.some((n) => existsSync(join("conf", n)))) return { path: "conf", explicit: false };
  return undefined;
}

const CONF_NAMES = ["flink-conf.yaml", "config.yaml"] as const;

export function readInputs(opts: InputOptions): GivenInputs {
  const input: ConfigInput = {};
  const sources: string[] = [];
  let confDir: GivenInputs["confDir"];
  if (opts.config !== undefined && opts.configDir !== undefined) throw new UsageError("give --config FILE or --config-dir DIR, not both");
  if (opts.config !== undefined) {
    // Its name decides what each release makes of it (conf-files.ts); `-` is standard input.
    const name = displayName(opts.config);
    input.files = [{ name, text: readText(opts.config) }];
    sources.push(name);
  } else {
    confDir = confDirOf(opts);
    if (confDir) {
      const files: ConfFile[] = [];
      for (const as of CONF_NAMES) {
        const p = join(confDir.path, as);
        if (existsSync(p)) {
          files.push({ name: p, as, text: readText(p) });
          sources.push(p);
        }
      }
      input.files = files;
    }
  }
  const dyn = parseDynamic(opts.dynamic ?? []);
  if (dyn.length) input.dynamic = dyn;
  return { input, sources, ...(confDir ? { confDir } : {}) };
}

/**
 * The inputs as release `flink` (default: the newest) reads them. A conf dir the user named that
 * holds no file the release reads is `missing` (Flink refuses to start: its config file does not exist).
 */
export function releaseInputs(given: GivenInputs, flink: string | FlinkVersion | undefined): ReleaseInputs {
  const version = typeof flink === "object" ? flink : flinkVersion(flink ?? NEWEST_LINE);
  const chosen = inputForRelease(given.input, version);
  const files = chosen.files;
  // The official image's FLINK_PROPERTIES reach the release's file (or its -D) before the command's -D.
  const input = applyFlinkPropertiesEnv(chosen.input, version.label);
  const dir = given.confDir;
  if (dir?.explicit && !files.read) {
    const ignored = files.ignored.length ? ` (it ignores ${files.ignored.map((i) => i.name).join(", ")})` : "";
    const missing = `${dir.path} has no ${confFilesLookedFor(version).join(" or ")}: Flink ${version.line} reads ${lookedForWords(version)} from its conf dir${ignored}, and does not start without it`;
    return { input, files, missing };
  }
  return { input, files };
}

/** `releaseInputs` for a command about one release: a conf dir without its file is a usage error. */
export function inputsFor(given: GivenInputs, flink: string | undefined): ReleaseInputs {
  const r = releaseInputs(given, flink);
  if (r.missing) throw new UsageError(r.missing);
  return r;
}

/** The notices about which file was read, on stderr (`warning: ...`, `note: ...`). */
export function printFileNotices(files: ConfFileChoice): void {
  for (const n of confFileNotices(files)) process.stderr.write(`${n.level}: ${n.message}\n`);
}

/** The choice for a JSON document: which file was read, which ignored and why; undefined when no file was given. */
export function filesDocument(files: ConfFileChoice): unknown {
  if (!files.read && files.ignored.length === 0) return undefined;
  return {
    read: files.read ? { file: files.read.name, as: files.read.as, format: files.read.format, assumed: files.read.assumed } : null,
    ignored: files.ignored.map((i) => ({ file: i.name, as: i.as, reason: i.reason, message: i.message })),
    notes: files.notes,
  };
}
