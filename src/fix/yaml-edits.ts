/**
 * Line edits for a `config.yaml` Flink cannot read at all: the reader names a line, and the
 * likely repairs are to indent it with spaces instead of tabs, to quote a value that holds
 * ": ", or to delete the line (a key without a value, a duplicate key). Candidates only; the
 * fix-its verify each by resolving.
 * @module
 */
import type { FlinkError } from "../errors.js";
import type { LineChange } from "./changes.js";

export interface LineEdit {
  change: LineChange;
  why: string;
}

/** The line the failure points at, and the line of the first occurrence for a duplicate key. */
function linesNamed(e: FlinkError): number[] {
  const out: number[] = [];
  const loc = e.rootLocation;
  if (loc?.line) out.push(loc.line);
  for (const m of [e.message, ...e.causes].join("\n").matchAll(/line (\d+)/g)) out.push(Number(m[1]));
  return [...new Set(out)];
}

export function yamlEdits(text: string, e: FlinkError): LineEdit[] {
  const lines = text.split(/\r\n|\r|\n/);
  const edits: LineEdit[] = [];
  const file = "config.yaml" as const;
  for (const n of linesNamed(e)) {
    const line = lines[n - 1];
    if (line === undefined) continue;
    if (line.includes("\t")) {
      const indent = /^[ \t]*/.exec(line)![0];
      const spaced = indent.replace(/\t/g, "  ") + line.slice(indent.length).replace(/\t/g, " ");
      edits.push({ change: { file, line: n, text: spaced }, why: "tabs replaced by spaces (YAML indents with spaces only)" });
    }
    const kv = /^(\s*)([^\s#'"][^:#]*?):\s+(.*\S)\s*$/.exec(line);
    if (kv && kv[3]!.includes(": ") && !/^["'[{]/.test(kv[3]!)) {
      edits.push({ change: { file, line: n, text: `${kv[1]}${kv[2]}: ${JSON.stringify(kv[3])}` }, why: "the value quoted (it contains ': ')" });
    }
    // Name the key, never the line: its value may be a secret.
    const key = /^\s*([\w.-]+)\s*:/.exec(line)?.[1];
    edits.push({ change: { file, line: n, text: null }, why: key ? `the line of \`${key}\` cannot be read` : "it cannot be read" });
  }
  return edits;
}
