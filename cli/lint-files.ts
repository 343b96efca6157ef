/**
 * Which files `lint` looks at, and as what: walks paths and directories lazily (one directory
 * handle at a time, so memory stays bounded however many files there are) and classifies each
 * file as a Flink config file, a Kubernetes/Helm YAML file, or neither.
 * @module
 */
import { opendirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { MAX_CONFIG_BYTES, readText as readArgument, UsageError } from "./inputs.js";

export type FileKind = "flink-config" | "manifest" | "skip";

export interface Candidate {
  path: string;
  /** Named on the command line (rather than found in a directory). */
  explicit: boolean;
}

const SKIP_DIRS = new Set(["node_modules", ".git", "dist", "target", "build"]);
const YAML_EXT = new Set([".yaml", ".yml"]);

/** Files under the given paths, in a stable order, one directory listing in memory at a time. */
export function* walk(paths: readonly string[]): Generator<Candidate> {
  for (const p of paths) {
    const st = statSync(p);
    if (!st.isDirectory()) {
      yield { path: p, explicit: true };
      continue;
    }
    const stack = [p];
    while (stack.length > 0) {
      const dir = stack.pop()!;
      const names: { name: string; dir: boolean }[] = [];
      const d = opendirSync(dir);
      try {
        for (let e = d.readSync(); e !== null; e = d.readSync()) {
          if (e.name.startsWith(".") || (e.isDirectory() && SKIP_DIRS.has(e.name))) continue;
          if (e.isDirectory()) names.push({ name: e.name, dir: true });
          else if (e.isFile() && YAML_EXT.has(extname(e.name).toLowerCase())) names.push({ name: e.name, dir: false });
        }
      } finally {
        d.closeSync();
      }
      names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const n of names) if (!n.dir) yield { path: join(dir, n.name), explicit: false };
      for (const n of names.reverse()) if (n.dir) stack.push(join(dir, n.name));
    }
  }
}

const FLINK_CONFIG_NAMES = new Set(["config.yaml", "flink-conf.yaml"]);
const MANIFEST_HINT = /^\s*apiVersion:\s*["']?flink\.apache\.org\/|^\s*kind:\s*["']?FlinkDeployment|^\s*["']?flinkConfiguration["']?\s*:|^\s*["']?(flink-conf|config)\.yaml["']?\s*:/m;
// A top-level (column 0) Flink key: indented ones belong to other files (compose FLINK_PROPERTIES, charts).
const FLINK_KEY_HINT = /^["']?(taskmanager|jobmanager)[.:]/m;

/** How to lint a file, from its name and (for other YAML files) a look at its text. */
export function classify(c: Candidate, text: string): FileKind {
  if (FLINK_CONFIG_NAMES.has(basename(c.path))) return "flink-config";
  if (MANIFEST_HINT.test(text)) return "manifest";
  // Other YAML with Flink keys: a config file under another name (e.g. conf/flink-conf-prod.yaml).
  if (FLINK_KEY_HINT.test(text) || c.explicit) return "flink-config";
  return "skip";
}

/** The file's text as Flink's reader gets it (`-`: standard input), or why it cannot be read. */
export function readText(path: string): { text: string } | { problem: string } {
  if (path === "-") {
    try {
      return { text: readArgument(path) };
    } catch (e) {
      if (e instanceof UsageError) return { problem: e.message };
      throw e;
    }
  }
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return { problem: "no such file" };
  }
  if (size > MAX_CONFIG_BYTES) return { problem: `${size} bytes; files over 10 MiB are skipped` };
  const bytes = readFileSync(path);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  return { text: text.startsWith("\uFEFF") ? text.slice(1) : text };
}
