/**
 * SARIF 2.1.0 output (for GitHub code scanning and other SARIF viewers), written in pieces so
 * the CLI can stream results file by file: `sarifHead()`, one `sarifResult()` per finding
 * (comma-joined), `sarifTail()`.
 * @module
 */
import type { Finding, Severity } from "./finding.js";
import { RULES } from "./rules.js";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", note: "note" };

/** The opening of the log up to the `results` array, with every rule described. */
export function sarifHead(toolVersion: string): string {
  const driver = {
    name: "flink-memory",
    version: toolVersion,
    rules: RULES.map((r) => ({
      id: r.id,
      name: r.id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
      shortDescription: { text: r.summary },
      fullDescription: { text: r.description },
      defaultConfiguration: { level: LEVEL[r.severity] },
    })),
  };
  const head = JSON.stringify({ $schema: SARIF_SCHEMA, version: "2.1.0", runs: [{ tool: { driver }, results: [] }] });
  // Cut before the closing of "results": [] so results can be streamed in.
  return head.slice(0, head.lastIndexOf("[]") + 1);
}

/** A file path as a relative URI reference (forward slashes, percent-encoded). */
export function artifactUri(path: string): string {
  return path
    .replace(/\\/g, "/")
    .split("/")
    .map((seg) => encodeURIComponent(seg))
    .join("/");
}

/** One finding as a SARIF result. */
export function sarifResult(f: Finding): string {
  const region = f.location?.line !== undefined ? { startLine: f.location.line, ...(f.location.column !== undefined ? { startColumn: f.location.column } : {}) } : undefined;
  const ruleIndex = RULES.findIndex((r) => r.id === f.ruleId);
  const text = [f.message, f.detail, f.fix ? `Fix: ${f.fix.description}.` : undefined].filter(Boolean).join(" ");
  const result: Record<string, unknown> = {
    ruleId: f.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: LEVEL[f.severity],
    message: { text },
    locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(f.location?.source ?? "") }, ...(region ? { region } : { region: { startLine: 1 } }) } }],
  };
  if (f.process || f.key) result.properties = { ...(f.process ? { process: f.process } : {}), ...(f.key ? { key: f.key } : {}) };
  return JSON.stringify(result);
}

export function sarifTail(): string {
  return "]}]}\n";
}

/** A whole SARIF log at once (tests, the library). */
export function toSarif(findings: readonly Finding[], toolVersion: string): string {
  return sarifHead(toolVersion) + findings.map(sarifResult).join(",") + sarifTail();
}
