/**
 * A finding in words, as `lint` prints it and the admission webhook answers it: the message (a
 * refusal names its process), and the fix with its edits. Colour and location are the caller's.
 * @module
 */
import type { Finding, Fix } from "./finding.js";

/** The message, with the process named before Flink's own words for refusals. */
export function findingMessage(f: Finding): string {
  const proc = f.process ? `${f.process === "tm" ? "TaskManager" : "JobManager"}: ` : "";
  return f.ruleId === "flink-rejects" || f.ruleId === "unreadable-config" ? proc + f.message : f.message;
}

/** `fix (checked): <description> (<edits>)`. */
export function fixText(fix: Fix): string {
  const edits = fix.edits.map((e) => (e.renameTo ? `rename ${e.path} -> ${e.renameTo}` : e.value === undefined ? `remove ${e.path}` : `${e.path}: ${e.value}`)).join("; ");
  return `fix${fix.verified ? " (checked)" : ""}: ${fix.description} (${edits})`;
}
