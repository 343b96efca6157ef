/**
 * Which files `lint` looks at, and as what: walks paths and directories lazily (one directory
 * handle at a time, so memory stays bounded however many files there are) and reads them;
 * what each file is, is `classifyFile`'s to say (src/files).
 * @module
 */
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { MAX_CONFIG_BYTES } from "./inputs.js";

export interface Candidate {
  path: string;
  /** Named on the command line (rather than found in a directory). */
  explicit: boolean;
  /**
   * Whether a `flink-conf.yaml` lies beside it, as the directory listing told (true: a regular
   * file; false: no such entry); undefined when the listing cannot say (named files, links).
   */
  besideLegacy?: boolean;
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
      let besideLegacy: boolean | undefined = false;
      // One readdir with file types: no stat per entry (most of a large walk's time otherwise).
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.name === "flink-conf.yaml") besideLegacy = e.isFile() ? true : undefined;
        if (e.name.startsWith(".") || (e.isDirectory() && SKIP_DIRS.has(e.name))) continue;
        if (e.isDirectory()) names.push({ name: e.name, dir: true });
        else if (e.isFile() && YAML_EXT.has(extname(e.name).toLowerCase())) names.push({ name: e.name, dir: false });
      }
      names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const n of names) if (!n.dir) yield { path: join(dir, n.name), explicit: false, ...(besideLegacy !== undefined ? { besideLegacy } : {}) };
      for (const n of names.reverse()) if (n.dir) stack.push(join(dir, n.name));
    }
  }
}

/** One decoder for every file (decode() without `stream` keeps no state between calls). */
const DECODER = new TextDecoder("utf-8", { fatal: false });

/** The file's text as Flink's reader gets it, or why it cannot be read. */
export function readText(path: string): { text: string } | { problem: string } {
  if (path === "-") return readStdin();
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return readTextSlowly(path);
  }
  try {
    // Size from the open file: one stat fewer than stat-then-read.
    const st = fstatSync(fd);
    const size = st.size;
    if (size > MAX_CONFIG_BYTES) return { problem: `${size} bytes; files over 10 MiB are skipped` };
    // Pipes and devices say nothing of their size: read them to the end.
    if (!st.isFile()) return { text: DECODER.decode(readFileSync(fd)) };
    const bytes = Buffer.allocUnsafe(size);
    let n = 0;
    while (n < size) {
      const got = readSync(fd, bytes, n, size - n, null);
      if (got === 0) break;
      n += got;
    }
    // A byte order mark stays: Flink's legacy reader keeps it too (in the first key); YAML readers drop it.
    return { text: DECODER.decode(bytes.subarray(0, n)) };
  } finally {
    closeSync(fd);
  }
}

/** The path that cannot be opened: the answer stat-then-read gives (no such file, or its error). */
function readTextSlowly(path: string): { text: string } | { problem: string } {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return { problem: "no such file" };
  }
  if (size > MAX_CONFIG_BYTES) return { problem: `${size} bytes; files over 10 MiB are skipped` };
  return { text: DECODER.decode(readFileSync(path)) };
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
  const text = DECODER.decode(Buffer.concat(chunks, total));
  // A byte order mark stays: Flink's legacy reader keeps it too (in the first key); YAML readers drop it.
  return { text };
}
