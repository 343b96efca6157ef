/**
 * Memory keys Flink would silently ignore: misspelled keys, keys of another version, options
 * removed in the chosen version. Each warning names the nearest valid key. Values are never
 * quoted (config files hold secrets); only keys and locations.
 * @module
 */
import type { Configuration } from "../config/configuration.js";
import type { SourceLocation } from "../errors.js";
import { OPTION_DECLARATIONS, type OptionDecl } from "../options/declarations.js";
import { replacedByAt, type OptionSet } from "../options/registry.js";
import { inSpan } from "../versions/version.js";

export interface KeyWarning {
  key: string;
  location?: SourceLocation;
  message: string;
  /** deprecated: read through an old key; removed: not read by this version; unknown: no such memory option. */
  kind: "deprecated" | "removed" | "unknown";
  /** The valid key the user probably meant. */
  suggestion?: string;
}

/**
 * Real Flink options near the memory keys that the memory model does not read (network buffer
 * tuning, debugging). They are valid, so they must not be reported as misspellings. Options
 * the declarations hold are not repeated here: their releases come from the declarations.
 */
const OTHER_KNOWN_KEYS: readonly { key: string; since?: string; until?: string; deprecatedSince?: string; replacedBy?: string }[] = [
  { key: "taskmanager.memory.min-segment-size", since: "1.14" },
  { key: "taskmanager.memory.starting-segment-size", since: "1.19" },
  { key: "taskmanager.memory.framework.off-heap.batch-shuffle.size", since: "1.13" },
  { key: "taskmanager.network.memory.max-overdraft-buffers-per-gate", since: "1.16", until: "2.0", deprecatedSince: "1.20" },
  // 1.20 deprecated it for buffers-request-timeout, which still reads it as a fallback key in 2.x.
  { key: "taskmanager.network.memory.exclusive-buffers-request-timeout-ms", deprecatedSince: "1.20", replacedBy: "taskmanager.network.memory.buffers-request-timeout" },
  { key: "taskmanager.network.memory.buffers-request-timeout", since: "1.20" },
  { key: "taskmanager.network.memory.buffer-debloat.enabled", since: "1.14" },
  { key: "taskmanager.network.memory.buffer-debloat.period", since: "1.14" },
  { key: "taskmanager.network.memory.buffer-debloat.samples", since: "1.14" },
  { key: "taskmanager.network.memory.buffer-debloat.target", since: "1.14" },
  { key: "taskmanager.network.memory.buffer-debloat.threshold-percentages", since: "1.14" },
  { key: "taskmanager.debug.memory.log" },
  { key: "taskmanager.debug.memory.log-interval" },
  // Still read as deprecated keys of the two above (TaskManagerOptions, 1.10 to 2.2 at least).
  { key: "taskmanager.debug.memory.startLogThread", deprecatedSince: "1.10", replacedBy: "taskmanager.debug.memory.log" },
  { key: "taskmanager.debug.memory.logIntervalMs", deprecatedSince: "1.10", replacedBy: "taskmanager.debug.memory.log-interval" },
];

/** Keys that Flink `version` reads, among the declared options and the other known keys. */
export function keysReadBy(options: OptionSet): Set<string> {
  const valid = new Set<string>();
  for (const o of options.all) {
    valid.add(o.key);
    for (const f of o.fallbackKeys) valid.add(f.key);
  }
  for (const k of OTHER_KNOWN_KEYS) if (inSpan(options.version, k)) valid.add(k.key);
  return valid;
}

/** Every key a declaration ever names as its successor. */
function successors(d: OptionDecl): string[] {
  return d.replacedBy === undefined ? [] : typeof d.replacedBy === "string" ? [d.replacedBy] : d.replacedBy.map((r) => r.value);
}

/**
 * For a key that comes with a later release: the key this release reads for the same thing,
 * if there is one (a later option's fallback key, or an option it later replaces).
 */
function predecessor(decl: OptionDecl, options: OptionSet): string | undefined {
  const candidates = [...(decl.fallbackKeys ?? []).map((f) => f.key), ...OPTION_DECLARATIONS.filter((d) => successors(d).includes(decl.key)).map((d) => d.key)];
  return candidates.find((k) => options.all.some((o) => o.key === k));
}

/** Levenshtein distance, bounded for speed. */
export function editDistance(a: string, b: string, max = 8): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Other components' own memory options (RocksDB, Python, the operator): not process-memory keys. */
const FOREIGN_PREFIXES = ["state.backend.", "python.", "kubernetes.", "table.", "execution.", "job.autoscaler."];

/** Keys that look like they are meant to configure process memory. */
function looksLikeMemoryKey(key: string): boolean {
  if (FOREIGN_PREFIXES.some((p) => key.startsWith(p))) return false;
  return /^(taskmanager|jobmanager)\.(memory|heap|process|flink|network\.memory|network\.numberOfBuffers|numberOfTaskSlots|cpu)/i.test(key) || /\.memory\./.test(key);
}

/** What is wrong with one key in one release (the warning without its key and location). */
type Verdict = Pick<KeyWarning, "kind" | "message" | "suggestion">;

/**
 * Verdicts by option set and key: a key's verdict depends on nothing else, and the typo search
 * (an edit distance to every option) costs more than the rest of the check. Bounded per set.
 */
const VERDICTS = new WeakMap<OptionSet, Map<string, Verdict | null>>();
const MAX_VERDICTS = 4096;

/**
 * Every suggestion names a key that Flink `version` reads: a rename is only offered to a key
 * of that release (1.10's `jobmanager.heap.size` is its current key, not a legacy one).
 */
export function checkKeys(config: Configuration): KeyWarning[] {
  const options = config.options;
  let known = VERDICTS.get(options);
  if (!known) VERDICTS.set(options, (known = new Map()));
  const out: KeyWarning[] = [];
  for (const [key, entry] of config.entries()) {
    let v = known.get(key);
    if (v === undefined) {
      v = verdict(options, key) ?? null;
      if (known.size >= MAX_VERDICTS) known.clear();
      known.set(key, v);
    }
    if (v) out.push({ key, kind: v.kind, ...loc(entry.location), message: v.message, ...(v.suggestion !== undefined ? { suggestion: v.suggestion } : {}) });
  }
  return out;
}

/** Readable keys per option set (built once: every option and its fallback keys). */
const READ_BY = new WeakMap<OptionSet, Set<string>>();

function verdict(options: OptionSet, key: string): Verdict | undefined {
  const version = options.version;
  let valid = READ_BY.get(options);
  if (!valid) READ_BY.set(options, (valid = keysReadBy(options)));
  const offered = (k: string | undefined) => (k !== undefined && valid.has(k) ? k : undefined);
  const o = options.byKey(key);
  if (o) {
    if (o.key !== key) return { kind: "deprecated", message: `'${key}' is a deprecated key; Flink ${version.line} reads it as '${o.key}'.`, suggestion: o.key };
    if (o.deprecated) {
      const use = offered(o.replacedBy);
      return { kind: "deprecated", message: `'${key}' is deprecated in Flink ${version.line}${o.replacedBy ? `; use '${o.replacedBy}'` : ""}.`, ...(use ? { suggestion: use } : {}) };
    }
    return undefined;
  }
  if (key.startsWith("taskmanager.memory.managed.consumer-weights.")) return undefined;
  const other = OTHER_KNOWN_KEYS.find((k) => k.key === key);
  if (other) {
    if (!inSpan(version, other)) {
      const when = other.until && !inSpan(version, { until: other.until }) ? `was removed in Flink ${other.until}` : `does not exist yet in Flink ${version.line}`;
      return { kind: "removed", message: `'${key}' ${when}; Flink ${version.line} ignores it.` };
    }
    if (other.deprecatedSince && inSpan(version, { since: other.deprecatedSince })) {
      const use = offered(other.replacedBy);
      return { kind: "deprecated", message: `'${key}' is deprecated in Flink ${version.line}${use ? `; use '${use}'` : ""}.`, ...(use ? { suggestion: use } : {}) };
    }
    return undefined;
  }
  const decl = OPTION_DECLARATIONS.find((d) => d.key === key || d.fallbackKeys?.some((f) => f.key === key));
  if (decl && !inSpan(version, decl)) {
    const removed = decl.until !== undefined && !inSpan(version, { until: decl.until });
    // A removed option points to its successor; one that comes later to what this release reads instead.
    const use = removed ? offered(replacedByAt(decl, version)) : offered(predecessor(decl, options));
    const when = removed ? `was removed in Flink ${decl.until}` : `does not exist yet in Flink ${version.line}`;
    return {
      kind: "removed",
      message: `'${key}' ${when}; Flink ${version.line} ignores it.${use ? (removed ? ` Use '${use}'.` : ` Flink ${version.line} reads '${use}' instead.`) : ""}`,
      ...(use ? { suggestion: use } : {}),
    };
  }
  const memoryLike = looksLikeMemoryKey(key);
  // Other taskmanager./jobmanager. keys are real options of other areas, unless a typo away from a memory key.
  if (!memoryLike && !/^(taskmanager|jobmanager)\./i.test(key)) return undefined;
  const allKeys = options.all.map((o) => o.key);
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of allKeys) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  if (!memoryLike && bestD > 3) return undefined;
  // Also match keys that lost a segment, e.g. taskmanager.process.size -> taskmanager.memory.process.size.
  const segmentMatch = allKeys.find((k) => k.replace(".memory.", ".") === key);
  const suggestion = segmentMatch ?? (bestD <= Math.max(3, Math.floor(key.length / 6)) ? best : undefined);
  return {
    kind: "unknown",
    message: `'${key}' is not a Flink ${version.line} memory option; Flink ignores it.${suggestion ? ` Did you mean '${suggestion}'?` : ""}`,
    ...(suggestion ? { suggestion } : {}),
  };
}

function loc(l: SourceLocation | undefined): { location?: SourceLocation } {
  return l ? { location: l } : {};
}
