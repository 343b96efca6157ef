/**
 * Flink versions: which releases we model, how to name one, and how to compare them.
 * Every behaviour that changed between releases is declared with the release that brought
 * it (see `since`/`until` in the option registry and `features.ts`), never as a per-version copy.
 * @module
 */
import { illegalArgument } from "../errors.js";

/**
 * A Flink release, e.g. `{ major: 1, minor: 10, patch: 0 }`. Patch releases share their line's
 * rules unless a change names a patch release (`since: "1.10.1"`). A version given without a
 * patch (`"1.10"`) means the newest patch release of its line.
 */
export interface FlinkVersion {
  readonly major: number;
  readonly minor: number;
  /** The patch release; `undefined` = the newest of the line. */
  readonly patch: number | undefined;
  /** `"1.20"`: the release line. */
  readonly line: string;
  /** What the user wrote, e.g. `"1.13.6"`. */
  readonly label: string;
  /** `"1.10.0"`, or the line (`"1.10"`) for its newest patch: equal keys mean equal rules. */
  readonly key: string;
}

/** Release lines we model, oldest first. */
export const SUPPORTED_LINES = [
  "1.10", "1.11", "1.12", "1.13", "1.14", "1.15", "1.16", "1.17", "1.18", "1.19", "1.20",
  "2.0", "2.1", "2.2", "2.3",
] as const;

/** Release lines whose behaviour is verified against Flink's own answers in this build. */
export const VERIFIED_LINES = ["1.10", "1.11", "1.12", "1.13", "1.14", "1.15", "1.16", "1.17", "1.18", "1.19", "1.20", "2.0", "2.1", "2.2", "2.3"] as const;

export const NEWEST_LINE = SUPPORTED_LINES[SUPPORTED_LINES.length - 1]!;

const VERSION_SYNTAX = /^(\d+)\.(\d+)(?:\.(\d+))?$/;

/** Parses `"1.20"`, `"1.13.6"` or `"2.0.0"`; rejects versions we do not model, listing those we do. */
export function parseFlinkVersion(text: string): FlinkVersion {
  const label = text.trim();
  const m = VERSION_SYNTAX.exec(label);
  const line = m ? `${Number(m[1])}.${Number(m[2])}` : "";
  if (!m || !(SUPPORTED_LINES as readonly string[]).includes(line)) {
    throw illegalArgument(
      `Unsupported Flink version '${text}'. Supported: ${SUPPORTED_LINES.join(", ")} (patch versions such as 1.13.6 are accepted).`,
    );
  }
  const patch = m[3] === undefined ? undefined : Number(m[3]);
  return { major: Number(m[1]), minor: Number(m[2]), patch, line, label, key: patch === undefined ? line : `${line}.${patch}` };
}

const CACHE = new Map<string, FlinkVersion>();

/** `parseFlinkVersion` with a cache: version objects are compared by line, never by identity. */
export function flinkVersion(text: string): FlinkVersion {
  let v = CACHE.get(text);
  if (!v) CACHE.set(text, (v = parseFlinkVersion(text)));
  return v;
}

/**
 * Negative, zero or positive as `a` is older than, the same release as, or newer than `b`.
 * A version without patch is the newest of its line, so `"1.10"` is newer than `"1.10.3"`.
 */
export function compareVersions(a: FlinkVersion | string, b: FlinkVersion | string): number {
  const x = typeof a === "string" ? flinkVersion(a) : a;
  const y = typeof b === "string" ? flinkVersion(b) : b;
  if (x.major !== y.major) return x.major - y.major;
  if (x.minor !== y.minor) return x.minor - y.minor;
  return (x.patch ?? Infinity) - (y.patch ?? Infinity) || 0;
}

/**
 * True when `v` is release `boundary` or newer. A boundary names the release that brought a
 * change: `"1.11"` is the first release of that line (1.11.0), `"1.10.1"` that patch release.
 */
export function atLeast(v: FlinkVersion, boundary: string): boolean {
  const b = flinkVersion(boundary);
  if (v.major !== b.major) return v.major > b.major;
  if (v.minor !== b.minor) return v.minor > b.minor;
  return (v.patch ?? Infinity) >= (b.patch ?? 0);
}

/**
 * A span of releases: from `since` (inclusive) up to `until` (exclusive; the release that
 * removed it). Either may name a line (`"1.11"`: from 1.11.0) or a patch release (`"1.10.1"`).
 */
export interface Span {
  since?: string;
  until?: string;
  /**
   * Patch releases inside the span that lack the change: it was back-ported to an older line
   * before the newer line had it (e.g. in 1.12.5 and 1.13.2, but not 1.13.0 or 1.13.1).
   */
  except?: readonly string[];
}

export function inSpan(v: FlinkVersion, span: Span): boolean {
  if (span.except?.includes(v.key)) return false;
  return (span.since === undefined || atLeast(v, span.since)) && (span.until === undefined || !atLeast(v, span.until));
}
