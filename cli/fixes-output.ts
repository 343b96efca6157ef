/** Fix-its in the CLI: after Flink's error in text mode, and as JSON. */
import type { FlinkError } from "../src/errors.js";
import { errorAnswer } from "../src/cases.js";
import { describeChange } from "../src/fix/changes.js";
import { suggestFixes, type Fix, type FixTarget } from "../src/fix/fix-its.js";
import type { ResolveRequest } from "../src/resolve.js";
import { lintedFixes } from "../src/sizing/verify.js";

/** Fixes for a failure, each checked by our lint; none when the search itself runs into trouble (never hides the error). */
export function fixesFor(target: FixTarget, req: ResolveRequest, e: FlinkError): Fix[] {
  try {
    return lintedFixes(target, req, suggestFixes(target, req, e));
  } catch {
    return [];
  }
}

/** "fix 1: raise ...\n   -D taskmanager.memory.process.size=705m" lines for stderr. */
export function formatFixes(fixes: readonly Fix[]): string {
  if (fixes.length === 0) return "";
  const lines = ["", fixes.length === 1 ? "This change makes it resolve:" : "Any of these changes makes it resolve (smallest first):"];
  fixes.forEach((f, i) => {
    lines.push(`fix ${i + 1}: ${f.steps.join(";\n       then ")}`);
    const flags = f.changes.filter((c) => !("line" in c) && c.set !== undefined).map((c) => `-D ${"key" in c ? c.key : ""}=${"set" in c ? c.set : ""}`);
    const other = f.changes.filter((c) => "line" in c || c.remove).map(describeChange);
    if (other.length) lines.push(`       ${other.join(", ")}`);
    if (flags.length) lines.push(`       ${flags.join(" ")}`);
    lines.push(`       → ${f.result.summary}`);
    if (f.caveat) lines.push(`       ! not healthy: ${f.caveat}`);
  });
  return lines.join("\n") + "\n";
}

/** The JSON error document: Flink's error and the fixes (without the resolved specs). */
export function errorDocument(e: FlinkError, fixes: readonly Fix[]): unknown {
  return { error: errorAnswer(e), fixes: fixes.map((f) => ({ title: f.title, kind: f.kind, steps: f.steps, changes: f.changes.map(publicChange), result: f.result.summary, healthy: f.healthy, ...(f.caveat ? { caveat: f.caveat } : {}) })) };
}

/** A line change without its new text: the line may hold a secret, and the steps say what changes. */
function publicChange(c: Fix["changes"][number]): unknown {
  return "line" in c ? { file: c.file, line: c.line, edit: c.text === null ? "delete" : "replace" } : c;
}
