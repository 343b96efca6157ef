/**
 * Kubernetes manifests and Helm values files: every YAML document of a file as plain data,
 * with the line and column of each key, so findings can point into the file.
 * Uses the `yaml` package (pure JavaScript): these files are read by kubectl/Helm and the
 * operator's Jackson, not by Flink's snakeyaml reader.
 * @module
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YamlNode } from "yaml";
import { readSimpleManifest } from "./simple-manifest.js";
import { pathKey } from "./path-key.js";

/** 1-based position in the file. */
export interface Position {
  line: number;
  column: number;
}

/** Where a block scalar's text starts, to map positions inside embedded files. */
export interface EmbeddedText {
  /** File line of the scalar's first content line, minus one (add an inner 1-based line). */
  lineOffset: number;
  /** Columns to add to an inner 1-based column. */
  columnOffset: number;
}

export interface ManifestDocument {
  /** 0-based index of the document in the file. */
  index: number;
  /** The document as plain data: maps become objects, lists arrays, scalars JS values (integers as bigint). */
  value: unknown;
  /** YAML syntax errors of this document (our words, with position). */
  errors: { message: string; position?: Position }[];
  /** Position of the key at `path` (or of the item, for list indexes). */
  keyAt(path: readonly (string | number)[]): Position | undefined;
  /** For a block scalar (`|`, `>`) at `path`: how its inner lines map onto file lines. */
  embeddedAt(path: readonly (string | number)[]): EmbeddedText | undefined;
}


/** Reads all documents of a YAML stream; never throws for malformed YAML (errors are reported per document). */
export function readManifests(text: string): ManifestDocument[] {
  // Most manifests are plain block YAML: read those line by line (the same answer, faster).
  return readSimpleManifest(text) ?? readManifestsWithYaml(text);
}

/** `readManifests` through the `yaml` package, whatever the text (the reference for the fast path). */
export function readManifestsWithYaml(text: string): ManifestDocument[] {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, intAsBigInt: true, uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [];
  const lines = text.split(/\r\n|\r|\n/);
  const pos = (offset: number): Position => {
    const p = lc.linePos(offset);
    return { line: p.line, column: p.col };
  };
  return list.map((doc, index) => {
    const keys = new Map<string, Position>();
    const embedded = new Map<string, EmbeddedText>();
    const toPlain = (node: unknown, path: (string | number)[]): unknown => {
      if (isMap(node)) {
        const out: Record<string, unknown> = {};
        for (const item of node.items) {
          if (!isPair(item)) continue;
          const k = isScalar(item.key) ? String(item.key.value) : String(item.key);
          const childPath = [...path, k];
          const keyNode = item.key as YamlNode | null;
          if (keyNode?.range) keys.set(pathKey(childPath), pos(keyNode.range[0]));
          out[k] = toPlain(item.value, childPath);
        }
        return out;
      }
      if (isSeq(node)) {
        return node.items.map((item, i) => {
          const n = item as YamlNode | null;
          if (n?.range) keys.set(pathKey([...path, i]), pos(n.range[0]));
          return toPlain(item, [...path, i]);
        });
      }
      if (isScalar(node)) {
        if ((node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED") && node.range) {
          const header = pos(node.range[0]);
          const first = lines[header.line] ?? "";
          const indent = first.length - first.trimStart().length;
          embedded.set(pathKey(path), { lineOffset: header.line, columnOffset: indent });
        }
        return node.value;
      }
      return node === undefined ? undefined : null;
    };
    const value = toPlain(doc.contents, []);
    const errors = doc.errors.map((e) => ({ message: e.message.split("\n")[0]!, ...(e.linePos?.[0] ? { position: { line: e.linePos[0].line, column: e.linePos[0].col } } : {}) }));
    return {
      index,
      value,
      errors,
      keyAt: (path) => keys.get(pathKey(path)),
      embeddedAt: (path) => embedded.get(pathKey(path)),
    };
  });
}

/** Plain-object test for manifest data. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
