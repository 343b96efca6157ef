/**
 * A fast path for the common Kubernetes manifest: one document of block mappings and sequences
 * whose scalars are plain or quoted and fit on their line. Read line by line into what
 * `readManifests` gives for it through the `yaml` package (the same values, integers as bigint,
 * the same key positions), several times faster. Anything else (flow collections, block or
 * multi-line scalars, anchors, tags, escapes, several documents, tabs, CR, non-ASCII text) is
 * not simple: the answer is undefined and the caller uses the `yaml` package.
 * test/k8s/simple-manifest.test.ts checks the agreement on generated and real manifests.
 * @module
 */
import type { ManifestDocument, Position } from "./manifest.js";
import { childKey, pathKey } from "./path-key.js";

/** Thrown (never escapes): the text is not simple. Preallocated: no stack to capture. */
const NOT_SIMPLE = { notSimple: true };

interface Line {
  /** 0-based line number in the text. */
  n: number;
  indent: number;
  text: string;
}

/** The one document of a simple manifest, or undefined when the text is not simple. */
export function readSimpleManifest(text: string): ManifestDocument[] | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 10) || c > 126) return undefined;
  }
  const lines = significantLines(text);
  if (!lines || lines.length === 0) return undefined;
  const r = new Reader(lines);
  try {
    const first = lines[0]!;
    const value = r.node(first.indent, undefined);
    if (r.at < lines.length) return undefined;
    const keys = r.keys;
    return [{ index: 0, value, errors: [], keyAt: (path) => keys.get(pathKey(path)), embeddedAt: () => undefined }];
  } catch (e) {
    if (e === NOT_SIMPLE) return undefined;
    throw e;
  }
}

/** Lines with content (not blank, not only a comment); a leading `---` is dropped. Undefined: other document markers or directives. */
function significantLines(text: string): Line[] | undefined {
  const out: Line[] = [];
  const all = text.split("\n");
  for (let n = 0; n < all.length; n++) {
    const t = all[n]!;
    let indent = 0;
    while (indent < t.length && t.charCodeAt(indent) === 32) indent++;
    if (indent === t.length || t.charCodeAt(indent) === 35 /* # */) continue;
    if (indent === 0 && (t.startsWith("---") || t.startsWith("...") || t.startsWith("%"))) {
      if (out.length === 0 && /^---\s*(#.*)?$/.test(t)) continue;
      return undefined;
    }
    out.push({ n, indent, text: t });
  }
  return out;
}

const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/** A plain scalar's value under the YAML 1.2 core schema, as the `yaml` package resolves it (intAsBigInt). */
function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // Letters other than those that start null and the booleans: a string.
  if ((c >= 97 && c <= 122 && c !== 110 && c !== 116 && c !== 102) || (c >= 65 && c <= 90 && c !== 78 && c !== 84 && c !== 70)) return s;
  if (s === "~" || s === "null" || s === "Null" || s === "NULL") return null;
  if (BOOL.test(s)) return c === 116 || c === 84;
  if (INT.test(s)) return BigInt(s);
  if (FLOAT_NAN.test(s)) throw NOT_SIMPLE;
  if (FLOAT.test(s)) return parseFloat(s);
  return s;
}

/** Characters that may not start a plain scalar here (`-` is checked apart: it may, before a non-space). */
const INDICATOR = new Set([..."?:,[]{}#&*!|>'\"%@`"]);

class Reader {
  at = 0;
  readonly keys = new Map<string, Position>();
  constructor(private readonly lines: Line[]) {}

  /** The node whose content starts at column `col` of the current line (mapping or sequence). */
  node(col: number, path: string | undefined): unknown {
    const line = this.lines[this.at]!;
    if (isItem(line.text, col)) {
      if (line.indent !== col) throw NOT_SIMPLE;
      return this.seq(col, path);
    }
    return this.map(col, path);
  }

  private map(col: number, path: string | undefined): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (;;) {
      const line = this.lines[this.at]!;
      const entry = keyAt(line.text, col);
      if (!entry) throw NOT_SIMPLE;
      const childPath = childKey(path, entry.key);
      this.keys.set(childPath, { line: line.n + 1, column: col + 1 });
      const start = skipSpaces(line.text, entry.after);
      this.at++;
      if (start === line.text.length || line.text.charCodeAt(start) === 35 /* # */) out[entry.key] = this.nested(col, childPath, true);
      else out[entry.key] = inlineScalar(line.text, start);
      const next = this.lines[this.at];
      if (!next || next.indent < col) return out;
      if (next.indent > col || isItem(next.text, col)) throw NOT_SIMPLE;
    }
  }

  private seq(col: number, path: string | undefined): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      const line = this.lines[this.at]!;
      const i = out.length;
      const childPath = childKey(path, i);
      const start = skipSpaces(line.text, col + 1);
      if (start === line.text.length || line.text.charCodeAt(start) === 35 /* # */) {
        this.at++;
        const next = this.lines[this.at];
        // An empty item: left to the `yaml` package.
        if (!next || next.indent <= col) throw NOT_SIMPLE;
        this.keys.set(childPath, { line: next.n + 1, column: next.indent + 1 });
        out.push(this.node(next.indent, childPath));
      } else {
        this.keys.set(childPath, { line: line.n + 1, column: start + 1 });
        if (isItem(line.text, start)) throw NOT_SIMPLE;
        if (keyAt(line.text, start)) out.push(this.map(start, childPath));
        else {
          out.push(inlineScalar(line.text, start));
          this.at++;
        }
      }
      const next = this.lines[this.at];
      if (!next || next.indent < col || (next.indent === col && !isItem(next.text, col))) return out;
      if (next.indent > col) throw NOT_SIMPLE;
    }
  }

  /** The value of `key:` with nothing after it: a block below, a sequence at the key's column, or null. */
  private nested(col: number, path: string, inMap: boolean): unknown {
    const next = this.lines[this.at];
    if (next && next.indent > col) return this.node(next.indent, path);
    if (inMap && next && next.indent === col && isItem(next.text, col)) return this.seq(col, path);
    return null;
  }
}

/** `-` followed by a space or the end of the line, at `col`. */
function isItem(t: string, col: number): boolean {
  return t.charCodeAt(col) === 45 /* - */ && (col + 1 === t.length || t.charCodeAt(col + 1) === 32);
}

function skipSpaces(t: string, i: number): number {
  while (i < t.length && t.charCodeAt(i) === 32) i++;
  return i;
}

/** A mapping key at `col` (plain or quoted, then `:` and a space or the end), or undefined when the line holds none. */
function keyAt(t: string, col: number): { key: string; after: number } | undefined {
  const c = t[col]!;
  if (c === '"' || c === "'") {
    const q = quoted(t, col);
    if (!q || t.charCodeAt(q.end) !== 58 /* : */) return undefined;
    if (q.end + 1 < t.length && t.charCodeAt(q.end + 1) !== 32) throw NOT_SIMPLE;
    return { key: q.value, after: q.end + 1 };
  }
  let colon = -1;
  for (let i = col; i < t.length; i++) {
    const ch = t.charCodeAt(i);
    if (ch === 58 /* : */ && (i + 1 === t.length || t.charCodeAt(i + 1) === 32)) {
      colon = i;
      break;
    }
    // A comment before any `: `: no key on this line (a scalar, or an error).
    if (ch === 35 /* # */ && i > col && t.charCodeAt(i - 1) === 32) return undefined;
  }
  if (colon < 0) return undefined;
  const raw = t.slice(col, colon);
  if (INDICATOR.has(c) || c === "-" || raw.endsWith(" ") || raw.length > 1000 || raw === "<<") throw NOT_SIMPLE;
  return { key: String(resolvePlain(raw)), after: colon + 1 };
}

/** A quoted scalar starting at `col` and closing on its line: its value and the index after the closing quote. */
function quoted(t: string, col: number): { value: string; end: number } | undefined {
  const q = t[col]!;
  if (q === '"') {
    const close = t.indexOf('"', col + 1);
    if (close < 0) throw NOT_SIMPLE;
    const value = t.slice(col + 1, close);
    if (value.includes("\\")) throw NOT_SIMPLE;
    return { value, end: close + 1 };
  }
  let i = col + 1;
  for (;;) {
    const close = t.indexOf("'", i);
    if (close < 0) throw NOT_SIMPLE;
    if (t[close + 1] === "'") {
      i = close + 2;
      continue;
    }
    return { value: t.slice(col + 1, close).replaceAll("''", "'"), end: close + 1 };
  }
}

/** The scalar from `start` to the end of the line (or a comment). */
function inlineScalar(t: string, start: number): unknown {
  const c = t[start]!;
  if (c === '"' || c === "'") {
    const q = quoted(t, start)!;
    const rest = skipSpaces(t, q.end);
    if (rest < t.length && !(t.charCodeAt(rest) === 35 && rest > q.end)) throw NOT_SIMPLE;
    return q.value;
  }
  if (INDICATOR.has(c) || (c === "-" && (start + 1 === t.length || t[start + 1] === " "))) throw NOT_SIMPLE;
  let end = t.indexOf(" #", start);
  if (end < 0) end = t.length;
  while (end > start && t.charCodeAt(end - 1) === 32) end--;
  const s = t.slice(start, end);
  if (s.includes(": ") || s.endsWith(":")) throw NOT_SIMPLE;
  return resolvePlain(s);
}
