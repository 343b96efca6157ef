/** Reading the configuration inputs the CLI is pointed at: a file, a conf dir, `-D` pairs. */
import { closeSync, existsSync, openSync, readSync } from "node:fs";
import { basename, join } from "node:path";
import type { ConfigInput } from "../src/config/load.js";
import { flinkVersion, NEWEST_LINE } from "../src/versions/version.js";
import { has as hasFeature } from "../src/versions/features.js";
import { applyFlinkPropertiesEnv } from "./flink-properties-env.js";

export class UsageError extends Error {}

/** Refuse files larger than this: Flink configs are kilobytes; this bounds memory and time. */
export const MAX_CONFIG_BYTES = 10 * 1024 * 1024;

/**
 * The file's bytes, read in chunks and refused once over `MAX_CONFIG_BYTES`: also bounds what
 * has no size up front (a pipe such as `<(...)`, `/dev/zero`).
 */
function readBounded(path: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${path}: ${code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (code ?? "unreadable")}`);
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
        throw new UsageError(`cannot read ${path}: ${code === "EISDIR" ? "it is a directory" : (code ?? "unreadable")}`);
      }
      if (n === 0) break;
      total += n;
      if (total > MAX_CONFIG_BYTES) {
        throw new UsageError(`${path} is over ${MAX_CONFIG_BYTES} bytes; files over ${MAX_CONFIG_BYTES} bytes (10 MiB) are refused: Flink configurations are kilobytes, and the limit bounds memory and time`);
      }
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

function readText(path: string): string {
  const bytes = readBounded(path);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Java's reader replaces malformed bytes too, so the result is what Flink sees.
    process.stderr.write(`warning: ${path} is not valid UTF-8; invalid bytes are read as U+FFFD, as Flink's reader does\n`);
    text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  }
  return text.startsWith("\uFEFF") ? text.slice(1) : text;
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

export function readInputs(opts: InputOptions): { input: ConfigInput; sources: string[] } {
  const input: ConfigInput = {};
  const sources: string[] = [];
  if (opts.config) {
    const text = readText(opts.config);
    // One file given: Flink before 1.19 knows only the legacy format; 1.19/1.20 go by its name; 2.x only standard YAML.
    const line = flinkVersion(opts.flink ?? NEWEST_LINE);
    const legacy = !hasFeature(line, "standardYamlFile") || (hasFeature(line, "legacyFlinkConfFile") && basename(opts.config) === "flink-conf.yaml");
    if (legacy) {
      input.flinkConfYaml = text;
      input.flinkConfYamlName = opts.config;
    } else {
      input.configYaml = text;
      input.configYamlName = opts.config;
    }
    sources.push(opts.config);
  } else {
    const dir = opts.configDir ?? process.env.FLINK_CONF_DIR ?? (existsSync("conf") ? "conf" : undefined);
    if (opts.configDir && !existsSync(opts.configDir)) throw new UsageError(`config dir ${opts.configDir} does not exist`);
    if (dir) {
      for (const name of ["config.yaml", "flink-conf.yaml"] as const) {
        const p = join(dir, name);
        if (existsSync(p)) {
          if (name === "config.yaml") {
            input.configYaml = readText(p);
            input.configYamlName = p;
          } else {
            input.flinkConfYaml = readText(p);
            input.flinkConfYamlName = p;
          }
          sources.push(p);
        }
      }
    }
  }
  const dyn = parseDynamic(opts.dynamic ?? []);
  if (dyn.length) input.dynamic = dyn;
  // FLINK_PROPERTIES (Docker image): after the file, before -D, as the image's entrypoint applies it.
  return { input: applyFlinkPropertiesEnv(input, opts.flink), sources };
}
