/**
 * Candidate fixes for one failure, by the kind of failure: correct an unreadable value, repair
 * a config.yaml line, bring a fraction or a min/max pair into range, set a missing total,
 * raise a total or lower a part to the exact size that resolves, widen a derived range,
 * remove a conflicting key. Candidates are not yet verified (searches are, by the prober).
 * @module
 */
import { rawToString } from "../config/raw-value.js";
import { MAX_BYTES } from "../size/memory-size.js";
import { shortSize } from "../render/table.js";
import type { ConfigOption } from "../options/types.js";
import type { ConfigChange, KeyChange } from "./changes.js";
import type { FlinkError } from "../errors.js";
import type { FixContext } from "./context.js";
import { flinkSizeText, friendlier, greatestPassingBelow, leastPassingAbove } from "./search.js";
import { shippedProcessSize } from "../docker/image-config.js";
import { correctedValues } from "./values.js";
import { yamlEdits } from "./yaml-edits.js";
import { describeIssues } from "../sizing/healthy.js";

export type FixKind = "correct-value" | "edit-file" | "set-in-range" | "set-missing" | "raise" | "lower" | "widen" | "remove" | "make-consistent";

export interface Candidate {
  kind: FixKind;
  changes: ConfigChange[];
  title: string;
  /** Smaller is a smaller change; fixes are offered in this order. */
  cost: number;
  /** The config may still fail for another reason afterwards; then fixes for that follow. */
  chain: boolean;
}

const code = (s: string) => `\`${s}\``;
const TOTAL_IDS = { tm: ["tm.process", "tm.flink", "tm.legacyHeap"], jm: ["jm.process", "jm.flink"] };
const PART_IDS = {
  tm: ["tm.taskHeap", "tm.managed", "tm.frameworkHeap", "tm.frameworkOffHeap", "tm.taskOffHeap", "tm.networkMin", "tm.metaspace", "tm.overheadMin"],
  jm: ["jm.heap", "jm.legacyHeap", "jm.offHeap", "jm.metaspace", "jm.overheadMin"],
};
const RANGES: Record<string, [string, string]> = {
  "tm.networkFraction": ["tm.networkMin", "tm.networkMax"],
  "tm.overheadFraction": ["tm.overheadMin", "tm.overheadMax"],
  "jm.overheadFraction": ["jm.overheadMin", "jm.overheadMax"],
};

const sizeWords = (b: bigint) => (b === MAX_BYTES ? "infinite" : shortSize(b));

/** Raise or lower a memory option to the exact size that resolves, shown in a friendly unit. */
export function adjust(ctx: FixContext, id: string, up: boolean, kind: FixKind = up ? "raise" : "lower", onlyIfSet = true): Candidate | undefined {
  const prober = ctx.prober;
  const option = ctx.option(id);
  if (!prober || !option || option.type !== "memory") return undefined;
  const found = ctx.found(id);
  if (onlyIfSet && !found) return undefined;
  const key = found?.key ?? option.key;
  const current = ctx.memory(id);
  if (current === undefined) return undefined;
  const find = (test: (b: bigint) => boolean) => ({ test, exact: up ? leastPassingAbove(current, test) : greatestPassingBelow(current, test) });
  let { test, exact } = find((b) => prober.resolves([{ key, set: `${b}b` }]));
  // Nothing resolves by this change alone: the size that leaves no size conflict, as a first step.
  const partial = exact === undefined;
  if (partial) {
    ({ test, exact } = find((b) => {
      const o = prober.outcome([{ key, set: `${b}b` }]);
      return o.ok || !isSizeConflict(o.error);
    }));
  }
  if (exact === undefined) return undefined;
  const bound = `${up ? "least" : "most"} that ${partial ? "leaves no size conflict" : "resolves"}`;
  let because = `the ${bound} is ${exact} bytes`;
  let unhealthy: string | undefined;
  // What Flink accepts may still be no process to run (a 1 MiB heap): search on for a healthy size.
  const issues = partial ? [] : ctx.healthIssues([{ key, set: `${exact}b` }]);
  if (issues.length) {
    const healthyTest = (b: bigint) => ctx.healthIssues([{ key, set: `${b}b` }]).length === 0;
    // Searched on from what Flink accepts (which is not healthy): nothing nearer to the current value resolves.
    const healthy = up ? leastPassingAbove(exact, healthyTest) : greatestPassingBelow(exact, healthyTest);
    if (healthy !== undefined) {
      because = `Flink accepts ${exact} bytes (the ${bound}), but ${describeIssues(issues)}; ${healthy} bytes is the ${up ? "least" : "most"} that is healthy`;
      ({ test, exact } = { test: healthyTest, exact: healthy });
    } else {
      unhealthy = describeIssues(issues);
      because = `the ${bound} is ${exact} bytes; Flink accepts it, but ${unhealthy}, and no size of ${code(key)} alone is healthy`;
    }
  }
  const nice = friendlier(exact, up, test);
  const text = flinkSizeText(nice);
  const verb = kind === "widen" ? "set" : up ? "raise" : "lower";
  const rel = Number(up ? nice - current : current - nice) / Number(current > 0n ? current : 1n);
  return {
    kind,
    changes: [{ key, set: text }],
    title: `${verb} ${code(key)} from ${sizeWords(current)} to ${text} (${sizeWords(nice)}); ${because}`,
    cost: 2 + Math.min(rel, 10) + (partial ? 1 : 0) + (unhealthy ? 5 : 0),
    chain: partial,
  };
}

function removal(ctx: FixContext, keys: string[], why: string): Candidate {
  return { kind: "remove", changes: keys.map((key): KeyChange => ({ key, remove: true })), title: `remove ${keys.map(code).join(" and ")}${why}`, cost: 3 + keys.length / 10, chain: true };
}

/** Why removing `key` may help: its default, or that it is derived otherwise. */
function removalWhy(ctx: FixContext, key: string, conflicts: string[]): string {
  const others = conflicts.filter((k) => k !== key);
  if (others.length) return `: it conflicts with ${others.map(code).join(" and ")}`;
  const o = ctx.options?.byKey(key);
  if (o && o.defaultValue !== undefined && o.defaultDoc !== "(none)") return ` (Flink then uses its default, ${o.defaultDoc})`;
  return "";
}

function set(key: string, value: string, title: string, kind: FixKind, cost: number, chain = true): Candidate {
  return { kind, changes: [{ key, set: value }], title, cost, chain };
}

/** Corrections of a value Flink cannot parse (the key the failure names). */
function valueFixes(ctx: FixContext): Candidate[] {
  const key = ctx.error.rootKey;
  const entry = key ? ctx.config?.getEntry(key) : undefined;
  const option = key ? ctx.options?.byKey(key) : undefined;
  if (!key || !entry || !option) return [];
  const text = rawToString(entry.value);
  const out = correctedValues(option.type, text).map((v) =>
    set(key, v, `write ${code(key)} as ${code(v)} instead of ${code(text)}`, "correct-value", 1),
  );
  // A total nobody can guess: the size Flink's own configuration file ships with.
  // (What Flink's shipped configuration file sets: option defaults have no totals.)
  const shipped = option.id === `${ctx.process}.process` ? shippedProcessSize(ctx.options!.version, ctx.process) : undefined;
  if (shipped !== undefined) {
    out.push(set(key, flinkSizeText(shipped), `set ${code(key)} to ${flinkSizeText(shipped)} (${sizeWords(shipped)}, what Flink's shipped configuration uses) instead of ${code(text)}`, "correct-value", 1.5));
  }
  out.push({ ...removal(ctx, [key], removalWhy(ctx, key, [])), cost: 2.5, chain: true });
  return out;
}

function yamlFixes(ctx: FixContext): Candidate[] {
  const text = ctx.req.configYaml;
  if (text === undefined) return [];
  return yamlEdits(text, ctx.error).map((e, i) => ({
    kind: "edit-file" as const,
    changes: [e.change],
    title: `${e.change.text === null ? "delete" : "change"} line ${e.change.line} of config.yaml: ${e.why}`,
    cost: 1 + i / 10,
    chain: true,
  }));
}

/** "Inconsistently configured <fraction> ...": a fraction outside [0, 1) or min above max. */
function rangeFixes(ctx: FixContext): Candidate[] {
  const m = ctx.match(/^Inconsistently configured Key: '([^']+)'/);
  const fraction = m ? ctx.options?.byKey(m[1]!) : undefined;
  if (!fraction) return [];
  const out: Candidate[] = [];
  const fKey = ctx.keyOf(fraction.id)!;
  if (ctx.match(/fraction must be in range/)) {
    if (fraction.defaultDoc !== "(none)") out.push(set(fKey, fraction.defaultDoc, `set ${code(fKey)} to ${fraction.defaultDoc} (its default; a fraction must be at least 0 and below 1)`, "set-in-range", 1.5));
    if (ctx.found(fraction.id)) out.push({ ...removal(ctx, [fKey], removalWhy(ctx, fKey, [])), chain: true });
    return out;
  }
  const [minId, maxId] = RANGES[fraction.id] ?? [];
  if (!minId || !maxId) return out;
  const min = ctx.memory(minId);
  const max = ctx.memory(maxId);
  const minKey = ctx.keyOf(minId)!;
  const maxKey = ctx.keyOf(maxId)!;
  if (min !== undefined) out.push(set(maxKey, flinkSizeText(min), `set ${code(maxKey)} to ${flinkSizeText(min)} (${sizeWords(min)}), the min: the max must not be below the min`, "set-in-range", 2));
  if (max !== undefined) out.push(set(minKey, flinkSizeText(max), `set ${code(minKey)} to ${flinkSizeText(max)} (${sizeWords(max)}), the max: the min must not be above the max`, "set-in-range", 2.1));
  for (const id of [minId, maxId]) if (ctx.found(id)) out.push({ ...removal(ctx, [ctx.keyOf(id)!], removalWhy(ctx, ctx.keyOf(id)!, [])), chain: true });
  return out;
}

/** Lines of flink-conf.yaml that Flink skipped (no space after ':') but that name a memory option. */
function skippedLines(ctx: FixContext): Candidate[] {
  const text = ctx.req.flinkConfYaml;
  if (text === undefined || !ctx.options) return [];
  const out: Candidate[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const m = /^(\s*)([\w.-]+)\s*:(\S.*)$/.exec(line);
    if (!m || !ctx.options!.byKey(m[2]!)) return;
    const fixed = `${m[1]}${m[2]}: ${m[3]}`;
    out.push({ kind: "edit-file", changes: [{ file: "flink-conf.yaml", line: i + 1, text: fixed }], title: `change line ${i + 1} of flink-conf.yaml to ${code(fixed.trim())}: Flink skips a line without a space after ':'`, cost: 1, chain: true });
  });
  return out;
}

/** Nothing sized: set the total process size Flink's own configuration file ships with. */
function missingFixes(ctx: FixContext): Candidate[] {
  const id = `${ctx.process}.process`;
  const key = ctx.option(id)?.key;
  const shipped = ctx.options && shippedProcessSize(ctx.options.version, ctx.process);
  if (!key || !ctx.prober || shipped === undefined) return [];
  const test = (b: bigint) => ctx.prober!.resolves([{ key, set: `${b}b` }]);
  if (!test(shipped)) {
    const exact = leastPassingAbove(shipped, test);
    if (exact !== undefined) {
      const nice = friendlier(exact, true, test);
      return [set(key, flinkSizeText(nice), `set ${code(key)} to ${flinkSizeText(nice)} (${sizeWords(nice)}); the least that resolves is ${exact} bytes`, "set-missing", 2, false)];
    }
  }
  return [set(key, flinkSizeText(shipped), `set ${code(key)} to ${flinkSizeText(shipped)} (${sizeWords(shipped)}, what Flink's shipped configuration uses; it includes JVM metaspace and overhead)`, "set-missing", 2)];
}

/** Keys that take part in a conflict between explicitly sized totals and parts. */
function sizedKeys(ctx: FixContext): string[] {
  const ids = ctx.process === "tm" ? ["tm.process", "tm.flink", "tm.legacyHeap", "tm.taskHeap", "tm.managed"] : ["jm.process", "jm.flink", "jm.heap", "jm.legacyHeap", "jm.offHeap"];
  return ids.map((id) => ctx.found(id)?.key).filter((k): k is string => k !== undefined);
}

/** Searches that make sizes fit: raise totals, lower parts, widen derived ranges. */
function sizeFixes(ctx: FixContext, what: "too-small" | "overhead" | "network"): Candidate[] {
  const p = ctx.process;
  const out: (Candidate | undefined)[] = [];
  if (what === "too-small") {
    for (const id of TOTAL_IDS[p]) out.push(adjust(ctx, id, true));
    for (const id of PART_IDS[p]) out.push(adjust(ctx, id, false));
  } else {
    const [minId, maxId] = what === "overhead" ? [`${p}.overheadMin`, `${p}.overheadMax`] : ["tm.networkMin", "tm.networkMax"];
    out.push(adjust(ctx, minId, false, "widen", false), adjust(ctx, maxId, true, "widen", false));
    for (const id of [...TOTAL_IDS[p], ...(p === "tm" ? ["tm.taskHeap", "tm.managed"] : ["jm.heap", "jm.offHeap"])]) out.push(adjust(ctx, id, true), adjust(ctx, id, false));
  }
  return out.filter((c): c is Candidate => c !== undefined);
}

/** JobManager heap + off-heap against a configured Total Flink Memory. */
function jobManagerConsistency(ctx: FixContext): Candidate[] {
  const heap = ctx.memory("jm.heap");
  const off = ctx.memory("jm.offHeap");
  const flinkKey = ctx.keyOf("jm.flink");
  const offKey = ctx.keyOf("jm.offHeap");
  if (heap === undefined || off === undefined || !flinkKey || !offKey) return [];
  const out = [set(flinkKey, flinkSizeText(heap + off), `set ${code(flinkKey)} to ${flinkSizeText(heap + off)} (${sizeWords(heap + off)}), JVM heap plus off-heap`, "make-consistent", 2.2, false)];
  const flink = ctx.memory("jm.flink");
  if (flink !== undefined && flink > heap) out.push(set(offKey, flinkSizeText(flink - heap), `set ${code(offKey)} to ${flinkSizeText(flink - heap)} (${sizeWords(flink - heap)}), Total Flink Memory minus JVM heap`, "make-consistent", 2.3, false));
  return out;
}

/** Local execution needs network min = max. */
function localNetwork(ctx: FixContext): Candidate[] {
  const min = ctx.memory("tm.networkMin");
  const max = ctx.memory("tm.networkMax");
  const out: Candidate[] = [];
  if (min !== undefined) out.push(set(ctx.keyOf("tm.networkMax")!, flinkSizeText(min), `set ${code(ctx.keyOf("tm.networkMax")!)} to ${flinkSizeText(min)} (${sizeWords(min)}), equal to the min: local execution needs a fixed network size`, "make-consistent", 2));
  if (max !== undefined && max !== MAX_BYTES) out.push(set(ctx.keyOf("tm.networkMin")!, flinkSizeText(max), `set ${code(ctx.keyOf("tm.networkMin")!)} to ${flinkSizeText(max)} (${sizeWords(max)}), equal to the max: local execution needs a fixed network size`, "make-consistent", 2.1));
  return out;
}

/** Consumer weights with the entries Flink cannot read dropped. */
function weightFixes(ctx: FixContext): Candidate[] {
  const option = ctx.option("tm.consumerWeights") as ConfigOption | undefined;
  const found = option ? ctx.config?.lookup(option) : undefined;
  if (!option || !found || !ctx.config) return [];
  const keys = [...ctx.config.entries()].map(([k]) => k).filter((k) => k === found.key || k.startsWith(found.key + "."));
  const out: Candidate[] = [];
  const entry = ctx.config.getEntry(found.key);
  if (entry?.value.t === "str") {
    const good = entry.value.v.split(",").map((s) => s.trim()).filter((s) => /^[A-Za-z_]+\s*:\s*\d{1,9}$/.test(s));
    if (good.length) {
      const v = good.join(",");
      out.push(set(found.key, v, `set ${code(found.key)} to ${code(v)} (only the entries with a whole, non-negative weight)`, "correct-value", 1));
    }
  }
  out.push({ ...removal(ctx, keys, ` (Flink then uses its default, ${option.defaultDoc})`), chain: true });
  return out;
}

const SIZE_CONFLICT = [
  /Derived JVM Overhead size .* is not in configured JVM Overhead range/,
  /Derived Network Memory size|the derived Network Memory is inconsistent/,
  /exceed configured Total (Flink|Process) Memory|is less than the sum of the derived|is less than the configured Off-heap|exceeds the configured Total Flink Memory|^bytes must be >= 0/,
  /does not match the configured Total Flink Memory/,
];

/** Whether a failure is about sizes that do not fit together (rather than a value Flink cannot read). */
export function isSizeConflict(e: FlinkError): boolean {
  const messages = [e.message, ...e.causes];
  return SIZE_CONFLICT.some((re) => messages.some((m) => re.test(m)));
}

/** Fractions that size parts of Total Flink Memory, set back to their defaults when parts do not fit. */
function fractionDefaults(ctx: FixContext): Candidate[] {
  const out: Candidate[] = [];
  for (const id of ["tm.managedFraction", "tm.networkFraction"]) {
    const o = ctx.option(id);
    const key = ctx.found(id)?.key;
    if (!o || !key || !ctx.config) continue;
    const entry = ctx.config.getEntry(key);
    if (entry && rawToString(entry.value) !== o.defaultDoc) out.push(set(key, o.defaultDoc, `set ${code(key)} to ${o.defaultDoc} (its default)`, "set-in-range", 2.5, false));
  }
  return out;
}

/**
 * Candidates for the failure in `ctx`. The "cheap" tier needs no search; the "search" tier
 * finds exact sizes by resolving many times.
 */
export function candidatesFor(ctx: FixContext, tier: "cheap" | "search" | "all" = "all"): Candidate[] {
  const out: Candidate[] = [];
  const has = (re: RegExp) => ctx.match(re) !== undefined;
  const cheap = tier !== "search";
  const search = tier !== "cheap";
  if (has(/^Error parsing YAML configuration/)) return cheap ? yamlFixes(ctx) : [];
  const overhead = has(/Derived JVM Overhead size .* is not in configured JVM Overhead range/);
  const network = has(/Derived Network Memory size|the derived Network Memory is inconsistent/);
  const tooSmall = has(/exceed configured Total (Flink|Process) Memory|is less than the sum of the derived|is less than the configured Off-heap|exceeds the configured Total Flink Memory|^bytes must be >= 0/);
  if (search) {
    if (overhead) out.push(...sizeFixes(ctx, "overhead"));
    if (network) out.push(...sizeFixes(ctx, "network"));
    if (tooSmall) out.push(...sizeFixes(ctx, "too-small"));
    if (has(/need to be configured explicitly/)) out.push(...missingFixes(ctx));
  }
  if (!cheap) return out;
  if (ctx.target === "managed-fraction") out.push(...weightFixes(ctx));
  if (has(/Could not parse value|Cannot read memory size from config option/)) out.push(...valueFixes(ctx));
  if (has(/^Inconsistently configured/)) out.push(...rangeFixes(ctx));
  if (has(/need to be configured explicitly/)) out.push(...skippedLines(ctx));
  if (tooSmall) out.push(...fractionDefaults(ctx));
  const jmMismatch = has(/does not match the configured Total Flink Memory/);
  if (jmMismatch) out.push(...jobManagerConsistency(ctx));
  if (has(/The network memory min .* and max .* mismatch/)) out.push(...localNetwork(ctx));
  if (has(/segment-size : /)) {
    const key = ctx.keyOf("tm.segmentSize")!;
    out.push(set(key, "32kb", `set ${code(key)} to 32kb (its default; a power of two of at least 4096 bytes)`, "set-in-range", 1.5));
  }
  if (has(/positive number of CPU cores/)) {
    for (const id of ["tm.cpuCores", "tm.slots"]) if (ctx.found(id)) out.push(set(ctx.keyOf(id)!, "1", `set ${code(ctx.keyOf(id)!)} to 1 (it must be positive)`, "set-in-range", 1.5));
  }
  // Removing a key that is set: its default, or derivation, takes over.
  const conflict = overhead || network || jmMismatch || has(/is less than the sum of the derived Total Flink Memory|exceeds the configured Total Flink Memory/);
  const conflicts = conflict ? sizedKeys(ctx) : [];
  for (const key of ctx.configuredKeys()) out.push(removal(ctx, [key], removalWhy(ctx, key, conflicts.includes(key) ? conflicts : [])));
  return out;
}
