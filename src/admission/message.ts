/**
 * What the API server shows the user: the refusal's `status.message` (kubectl prints it after
 * `admission webhook "…" denied the request:`) and the admission `warnings` (kubectl prints each
 * as `Warning: …`). Both hold lint's words — Flink's message, keys and memory sizes — never a
 * configuration value, and no control characters.
 * @module
 */
import type { Finding } from "../lint/finding.js";
import { RECONCILE_NOTE } from "../lint/lint-manifest.js";
import { findingMessage, fixText } from "../lint/text.js";

/** Kubernetes recommends warnings of at most 256 characters; longer ones may be cut. */
export const WARNING_MAX_CHARS = 256;
/** The API server keeps at most about 4 KiB of warnings per response; we stay under it. */
export const WARNINGS_MAX_TOTAL = 4096;

/** Control characters (the line breaks of a refusal kept) as spaces. */
function clean(s: string, keepNewlines = false): string {
  return s.replace(keepNewlines ? /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g : /[\u0000-\u001f\u007f-\u009f]/g, " ");
}

/** At most `max` characters (code points), the last an ellipsis when cut. */
function cut(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : chars.slice(0, max - 1).join("") + "…";
}

export interface Refused {
  kind: string;
  name?: string;
  flink?: string;
}

/** The refusal: what refuses it, then each error with its checked fix. */
export function refusalMessage(errors: readonly Finding[], what: Refused): string {
  const resource = `${what.kind}${what.name ? ` ${what.name}` : ""}`;
  const lines = [`flink-memory: ${resource} would not run${what.flink ? ` with Flink ${what.flink}` : ""}, as the operator runs it:`];
  for (const f of errors) {
    lines.push(`[${f.ruleId}] ${findingMessage(f)}`);
    if (f.detail === RECONCILE_NOTE) lines.push("  Without this webhook the operator admits it, and the deployment fails during reconcile, before any pod starts.");
    else if (f.detail) lines.push(`  ${f.detail}`);
    // Only a fix checked by resolving it again: an unchecked guess has no place in a refusal.
    if (f.fix?.verified) lines.push(`  ${fixText(f.fix)}`);
  }
  return clean(lines.join("\n"), true);
}

/** The warnings, one per finding, each short enough, the whole list within the API server's budget. */
export function admissionWarnings(warnings: readonly Finding[]): string[] {
  const out: string[] = [];
  let total = 0;
  for (let i = 0; i < warnings.length; i++) {
    const f = warnings[i]!;
    const w = cut(clean(`flink-memory [${f.ruleId}]: ${findingMessage(f)}`), WARNING_MAX_CHARS);
    const rest = warnings.length - i;
    const more = `flink-memory: ${rest} more warning${rest === 1 ? "" : "s"}; \`flink-memory lint\` on the resource lists them all`;
    // Keep room for the line that says how many were left out.
    if (total + w.length + (rest > 1 ? more.length : 0) > WARNINGS_MAX_TOTAL) {
      out.push(more);
      break;
    }
    out.push(w);
    total += w.length;
  }
  return out;
}
