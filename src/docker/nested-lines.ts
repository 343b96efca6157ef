/**
 * FLINK_PROPERTIES written as nested YAML (`taskmanager:` then `  memory:` …): every image reads
 * it one line at a time — appended to flink-conf.yaml (≤1.18) or split at ':' after deleting
 * whitespace (≥1.19) — so a parent line sets nothing useful and an indented child sets its last
 * key segment alone (`size`). This finds such lines and the dotted key the author meant.
 * @module
 */

export interface NestedLine {
  /** 1-based line in the FLINK_PROPERTIES text. */
  line: number;
  /** The key as written on the line (`size`). */
  key: string;
  /** The dotted key the nesting means (`taskmanager.memory.process.size`). */
  meant: string;
  /** The line only opens a nested block (`taskmanager:`). */
  parent: boolean;
}

const KEY_LINE = /^([ \t]*)([^\s:#][^:]*?)[ \t]*:(.*)$/;

export function nestedLines(text: string): NestedLine[] {
  const out: NestedLine[] = [];
  // Open parents: indentation and key, innermost last.
  const stack: { indent: number; key: string; line: number }[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, "");
    if (raw.trim() === "" || raw.trim().startsWith("#")) continue;
    const m = KEY_LINE.exec(raw);
    if (!m) continue;
    const indent = m[1]!.replace(/\t/g, "  ").length;
    const key = m[2]!.trim();
    const value = m[3]!.trim();
    while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const parents = stack.map((s) => s.key);
    if (value === "" || value.startsWith("#")) {
      // A parent only when something more indented follows.
      const next = lines.slice(i + 1).find((l) => l.trim() !== "" && !l.trim().startsWith("#"));
      const nextIndent = next === undefined ? -1 : (/^[ \t]*/.exec(next)![0].replace(/\t/g, "  ").length);
      if (nextIndent > indent) {
        stack.push({ indent, key, line: i + 1 });
        out.push({ line: i + 1, key, meant: [...parents, key].join("."), parent: true });
        continue;
      }
    }
    if (parents.length) out.push({ line: i + 1, key, meant: [...parents, key].join("."), parent: false });
  }
  return out;
}
