/**
 * A Compose file as plain data with positions: like `k8s/manifest.ts`, plus what Compose files
 * use and Kubernetes manifests rarely do — anchors, aliases and `<<` merge keys (`x-flink: &flink`
 * … `<<: *flink`). An alias's data and positions are those of its anchor, where the text is.
 * @module
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node as YamlNode } from "yaml";
import type { Position } from "../k8s/manifest.js";

export type ComposePath = readonly (string | number)[];

/** How the lines of a block scalar (`|`) map onto the file. */
export interface BlockText {
  /** File line of the scalar's first content line, minus one. */
  lineOffset: number;
  /** Columns to add to a 1-based column of a content line. */
  columnOffset: number;
}

export interface ComposeDocument {
  value: unknown;
  errors: { message: string; position?: Position }[];
  /** Where the key at `path` (or the list item) is written. */
  keyAt(path: ComposePath): Position | undefined;
  /** Where the value at `path` starts. */
  valueAt(path: ComposePath): Position | undefined;
  /** For a literal block scalar at `path`: how its lines map onto file lines. */
  blockAt(path: ComposePath): BlockText | undefined;
}

const join = (path: ComposePath) => path.join("\u0000");
/** Bounds alias expansion (a "billion laughs" file must not hang the linter). */
const MAX_NODES = 50_000;

export function readComposeYaml(text: string): ComposeDocument {
  const lc = new LineCounter();
  const doc: Document.Parsed = parseDocument(text, { lineCounter: lc, intAsBigInt: true, uniqueKeys: false });
  const lines = text.split(/\r\n|\r|\n/);
  const pos = (offset: number): Position => {
    const p = lc.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const keys = new Map<string, Position>();
  const values = new Map<string, Position>();
  const blocks = new Map<string, BlockText>();
  let visited = 0;
  let tooBig = false;
  // Anchors by name, in file order: an alias means the last anchor of its name before it.
  // (The yaml package's `Alias.resolve` searches the whole document per alias, too slow for alias bombs.)
  const anchors = new Map<string, YamlNode[]>();
  visit(doc, {
    Node(_key, node) {
      const n = node as YamlNode & { anchor?: string };
      if (n.anchor && !isAlias(n)) {
        const list = anchors.get(n.anchor) ?? [];
        list.push(n);
        anchors.set(n.anchor, list);
      }
    },
  });
  const resolve = (node: unknown): unknown => {
    if (!isAlias(node)) return node;
    const at = node.range?.[0] ?? Infinity;
    const found = (anchors.get(node.source) ?? []).filter((n) => (n.range?.[0] ?? 0) < at);
    return found[found.length - 1] ?? null;
  };
  const toPlain = (raw: unknown, path: (string | number)[], depth: number): unknown => {
    if (++visited > MAX_NODES || depth > 100) {
      tooBig = true;
      return null;
    }
    const node = resolve(raw);
    const n = node as YamlNode | null | undefined;
    if (n?.range && !values.has(join(path))) values.set(join(path), pos(n.range[0]));
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      const merged: unknown[] = [];
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const k = isScalar(item.key) ? String(item.key.value) : String(item.key);
        if (k === "<<") {
          const v = resolve(item.value);
          merged.push(...(isSeq(v) ? v.items : [v]));
          continue;
        }
        const childPath = [...path, k];
        const keyNode = item.key as YamlNode | null;
        if (keyNode?.range) keys.set(join(childPath), pos(keyNode.range[0]));
        out[k] = toPlain(item.value, childPath, depth + 1);
      }
      // Merge keys: explicit keys win, and earlier merged maps win over later ones.
      for (const m of merged) {
        const mm = resolve(m);
        if (!isMap(mm)) continue;
        for (const item of mm.items) {
          if (!isPair(item)) continue;
          const k = isScalar(item.key) ? String(item.key.value) : String(item.key);
          if (k === "<<" || k in out) continue;
          const childPath = [...path, k];
          const keyNode = item.key as YamlNode | null;
          if (keyNode?.range) keys.set(join(childPath), pos(keyNode.range[0]));
          out[k] = toPlain(item.value, childPath, depth + 1);
        }
      }
      return out;
    }
    if (isSeq(node)) {
      return node.items.map((item, i) => {
        const it = resolve(item) as YamlNode | null;
        if (it?.range) keys.set(join([...path, i]), pos(it.range[0]));
        return toPlain(item, [...path, i], depth + 1);
      });
    }
    if (isScalar(node)) {
      if (node.type === "BLOCK_LITERAL" && node.range) {
        const header = pos(node.range[0]);
        // The first non-blank content line sets the indentation.
        let i = header.line;
        while (i < lines.length && lines[i]!.trim() === "") i++;
        const first = lines[i] ?? "";
        blocks.set(join(path), { lineOffset: header.line, columnOffset: first.length - first.trimStart().length });
      }
      return node.value;
    }
    return null;
  };
  const value = toPlain(doc.contents, [], 0);
  const errors = doc.errors.map((e) => ({ message: e.message.split("\n")[0]!, ...(e.linePos?.[0] ? { position: { line: e.linePos[0].line, column: e.linePos[0].col } } : {}) }));
  if (tooBig) errors.push({ message: `the file expands to more than ${MAX_NODES} nodes (aliases of aliases) or nests deeper than 100 levels; not read` });
  return { value, errors, keyAt: (p) => keys.get(join(p)), valueAt: (p) => values.get(join(p)), blockAt: (p) => blocks.get(join(p)) };
}
