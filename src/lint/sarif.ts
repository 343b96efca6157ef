/**
 * SARIF 2.1.0 output (for GitHub code scanning and other SARIF viewers), written in pieces so
 * the CLI can stream results file by file: `sarifHead()`, one `sarifResult()` per finding
 * (comma-joined), `sarifTail()`.
 *
 * Locations: a file under the root (the CLI's working directory) is a normalised relative URI with
 * `uriBaseId: "%SRCROOT%"` (the root's `file:` URI is in the run's `originalUriBaseIds`); a file
 * outside it is an absolute `file:` URI; standard input is `urn:flink-memory:stdin`.
 * No Node APIs here: the core also runs in the browser.
 * @module
 */
import type { Finding, RuleMeta, Severity } from "./finding.js";
import { RULES } from "./rules.js";

/** The `id` of the official schema (OASIS errata01), which test/data/sarif holds. */
export const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
export const PROJECT_URL = "https://github.com/flink-memory/flink-memory";
/** The pseudo-URI of standard input (`lint -`): not a file of the repository, the same every run. */
export const STDIN_URI = "urn:flink-memory:stdin";
export const SRCROOT = "%SRCROOT%";
/** Our own key: `primaryLocationLineHash` is GitHub's, computed from the line's text. */
export const FINGERPRINT_KEY = "flinkMemory/v1";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", note: "note" };

export interface SarifOptions {
  /** Absolute directory that relative URIs are relative to (the CLI: the working directory). */
  root?: string;
  /** The file being linted, for findings without a location of their own. */
  file?: string;
  /**
   * Fingerprints written so far in the run (one map per log): a repeated one (the same finding in
   * two documents of a file) gets `:2`, `:3`… so code scanning keeps both alerts, as GitHub does
   * with its own line hashes.
   */
  seen?: Map<string, number>;
}

/** What kind of file a rule judges, from its id; each has its README section. */
export function ruleArea(id: string): "kubernetes" | "docker" | "flink-config" {
  if (id.startsWith("k8s-") || id === "unreadable-manifest") return "kubernetes";
  if (id.startsWith("docker-") || id.startsWith("compose-")) return "docker";
  return "flink-config";
}

/** README.md headings (GitHub anchors) describing the rules of each area. */
const README_ANCHOR: Record<ReturnType<typeof ruleArea>, string> = {
  "flink-config": "lint-every-file-judged-the-way-it-really-runs",
  kubernetes: "kubernetes-as-the-operator-runs-it",
  docker: "docker-as-the-official-image-runs-it",
};

/** A rule as a SARIF reportingDescriptor; its texts are the rule's own declaration. */
export function sarifRule(r: RuleMeta): Record<string, unknown> {
  const area = ruleArea(r.id);
  return {
    id: r.id,
    name: r.id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: r.summary },
    fullDescription: { text: r.description },
    helpUri: `${PROJECT_URL}#${README_ANCHOR[area]}`,
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { tags: ["flink", "memory", area, "correctness"] },
  };
}

/** The opening of the log up to the `results` array, with every rule described. */
export function sarifHead(toolVersion: string, opts: Pick<SarifOptions, "root"> = {}): string {
  const driver = { name: "flink-memory", version: toolVersion, semanticVersion: toolVersion, informationUri: PROJECT_URL, rules: RULES.map(sarifRule) };
  const run = { tool: { driver }, ...(opts.root !== undefined ? { originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(opts.root) } } } : {}), results: [] };
  const head = JSON.stringify({ $schema: SARIF_SCHEMA, version: "2.1.0", runs: [run] });
  // Cut before the closing of "results": [] so results can be streamed in.
  return head.slice(0, head.lastIndexOf("[]") + 1);
}

interface ParsedPath {
  /** "" relative, "/" POSIX absolute, "C:/" Windows absolute. */
  prefix: string;
  segs: string[];
}

/** A path with `\` as `/` and its `.`/`..`/empty segments resolved (`..` above an absolute top is dropped). */
function parsePath(path: string): ParsedPath {
  const s = path.replace(/\\/g, "/");
  const m = /^([A-Za-z]:)?\//.exec(s);
  const prefix = m ? (m[1] ? `${m[1].toUpperCase()}/` : "/") : "";
  const segs: string[] = [];
  for (const seg of s.slice(m ? m[0].length : 0).split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (segs.length > 0 && segs[segs.length - 1] !== "..") segs.pop();
      else if (prefix === "") segs.push("..");
    } else segs.push(seg);
  }
  return { prefix, segs };
}

const encodeSegs = (segs: readonly string[]) => segs.map((seg) => encodeURIComponent(seg)).join("/");

function fileUri(p: ParsedPath): string {
  return `file://${p.prefix === "/" ? "" : "/"}${p.prefix}${encodeSegs(p.segs)}`;
}

/** An absolute directory as a `file:` URI ending in `/` (what `originalUriBaseIds` needs). */
export function directoryUri(dir: string): string {
  const p = parsePath(dir);
  const u = fileUri(p);
  return u.endsWith("/") ? u : `${u}/`;
}

/** A file path as a relative URI reference (forward slashes, percent-encoded, no `.`/`..` segments where avoidable). */
export function artifactUri(path: string): string {
  const p = parsePath(path);
  return p.prefix ? fileUri(p) : encodeSegs(p.segs);
}

/** Where a finding's file is, as SARIF's artifactLocation. */
export function artifactLocation(source: string, root?: string): { uri: string; uriBaseId?: string } {
  if (source === "-" || source === "<stdin>") return { uri: STDIN_URI };
  let p = parsePath(source);
  if (root !== undefined) {
    const r = parsePath(root);
    if (!p.prefix) p = parsePath(`${r.prefix}${[...r.segs, ...p.segs].join("/")}`);
    const inside = p.prefix === r.prefix && p.segs.length > r.segs.length && r.segs.every((s, i) => s === p.segs[i]);
    return inside ? { uri: encodeSegs(p.segs.slice(r.segs.length)), uriBaseId: SRCROOT } : { uri: fileUri(p) };
  }
  return p.prefix ? { uri: fileUri(p) } : { uri: encodeSegs(p.segs), uriBaseId: SRCROOT };
}

/** 64-bit FNV-1a over the UTF-16 code units, as 16 hex digits (no node:crypto in the core). */
export function fnv1a64(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, "0");
}

/**
 * The message without positions, so moving the offending line does not change it, and with every
 * number as `#`: sizes derived from other keys change with unrelated edits, the problem does not.
 */
export function messageForFingerprint(message: string): string {
  return message
    .replace(/\b(line|column|col)s? \d+(\s*[-–]\s*\d+)?/gi, "$1")
    .replace(/:\d+(:\d+)?\b/g, "")
    .replace(/\d+(\.\d+)?/g, "#")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Identifies a finding across runs and unrelated edits: rule, file (as its URI), process, key and
 * message without positions or numbers; never the line, which moves when lines are inserted above.
 */
export function fingerprint(f: Finding, uri: string): string {
  return fnv1a64([f.ruleId, uri, f.process ?? "", f.key ?? "", messageForFingerprint(f.message)].join("\u0000"));
}

function occurrence(fp: string, seen: Map<string, number> | undefined): string {
  if (!seen) return fp;
  const n = (seen.get(fp) ?? 0) + 1;
  seen.set(fp, n);
  return n === 1 ? fp : `${fp}:${n}`;
}

/** One finding as a SARIF result. */
export function sarifResult(f: Finding, opts: SarifOptions = {}): string {
  const region = f.location?.line !== undefined ? { startLine: f.location.line, ...(f.location.column !== undefined ? { startColumn: f.location.column } : {}) } : { startLine: 1 };
  const ruleIndex = RULES.findIndex((r) => r.id === f.ruleId);
  const text = [f.message, f.detail, f.fix ? `Fix: ${f.fix.description}.` : undefined].filter(Boolean).join(" ");
  const artifact = artifactLocation(f.location?.source ?? opts.file ?? "-", opts.root);
  const result: Record<string, unknown> = {
    ruleId: f.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: LEVEL[f.severity],
    message: { text },
    locations: [{ physicalLocation: { artifactLocation: artifact, region } }],
    partialFingerprints: { [FINGERPRINT_KEY]: occurrence(fingerprint(f, artifact.uri), opts.seen) },
  };
  if (f.process || f.key) result.properties = { ...(f.process ? { process: f.process } : {}), ...(f.key ? { key: f.key } : {}) };
  return JSON.stringify(result);
}

export function sarifTail(): string {
  return "]}]}\n";
}

/** A whole SARIF log at once (tests, the library). */
export function toSarif(findings: readonly Finding[], toolVersion: string, opts: Pick<SarifOptions, "root"> = {}): string {
  const seen = new Map<string, number>();
  return sarifHead(toolVersion, opts) + findings.map((f) => sarifResult(f, { ...opts, seen })).join(",") + sarifTail();
}
