/**
 * Which files `lint` looks at, and as what: walks paths and directories lazily (one directory
 * handle at a time, so memory stays bounded however many files there are) and reads them;
 * what each file is, is `classifyFile`'s to say (src/files).
 * @module
 */
import { opendirSync, readFileSync, readSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { MAX_CONFIG_BYTES } from "./inputs.js";

export interface Candidate {
  path: string;
  /** Named on the command line (rather than found in a directory). */
  explicit: boolean;
}

const SKIP_DIRS = new Set(["node_modules", ".git", "dist", "target", "build"]);
const YAML_EXT = new Set([".yaml", ".yml"]);

/** Files under the given paths, in a stable order, one directory listing in memory at a time (`-`: standard input). */
export function* walk(paths: readonly string[]): Generator<Candidate> {
  for (const p of paths) {
    if (p === "-") {
      yield { path: p, explicit: true };
      continue;
    }
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

/** The file's text as Flink's reader gets it, or why it cannot be read. */
export function readText(path: string): { text: string } | { problem: string } {
  if (path === "-") return readStdin();
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return { problem: "no such file" };
  }
  if (size > MAX_CONFIG_BYTES) return { problem: `${size} bytes; files over 10 MiB are skipped` };
  const bytes = readFileSync(path);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  // A byte order mark stays: Flink's legacy reader keeps it too (in the first key); YAML readers drop it.
  return { text };
}

/** Standard input, bounded as files are. */
function readStdin(): { text: string } | { problem: string } {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.allocUnsafe(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, chunk, 0, chunk.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") continue;
      if (code === "EOF") break;
      return { problem: `standard input: ${code ?? "unreadable"}` };
    }
    if (n === 0) break;
    total += n;
    if (total > MAX_CONFIG_BYTES) return { problem: "standard input is over 10 MiB" };
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks, total));
  // A byte order mark stays: Flink's legacy reader keeps it too (in the first key); YAML readers drop it.
  return { text };
}
