/**
 * Carries a configuration to another Flink release, the same in effect: the TaskManager and the
 * JobManager resolve to exactly the components they had. Keys the target reads keep their values
 * (under the target's main key), memory keys it lacks are dropped, every other key is carried as
 * it is; then, where the target's defaults or rules give another layout, the fewest keys are
 * added that pin the differing components, one at a time, until the layouts agree. The result
 * is checked by reading the written file as the target release reads it.
 * @module
 */
import { inputForRelease, loadConfiguration, type ConfigInput } from "../config/load.js";
import type { RawValue } from "../config/raw-value.js";
import { str } from "../config/raw-value.js";
import { FlinkError } from "../errors.js";
import { flinkSizeText } from "../fix/search.js";
import type { JobManagerSpec } from "../model/jobmanager.js";
import type { TaskManagerSpec } from "../model/taskmanager.js";
import { optionsFor } from "../options/registry.js";
import { resolveJobManager, resolveTaskManager, type JobManagerResult, type TaskManagerResult } from "../resolve.js";
import { has } from "../versions/features.js";
import { flinkVersion } from "../versions/version.js";
import { writeFlatFile, writeNestedYaml } from "./flat-file.js";

type Process = "tm" | "jm";

export interface MigrateRequest {
  /** The configuration as release `from` reads it. */
  input: ConfigInput;
  from: string;
  to: string;
  /** Write `config.yaml` nested (`taskmanager:` / `  memory:` …) where the keys allow; else flat. */
  nested?: boolean;
}

/** What changed on the way, in words that quote memory values only (other keys may be secrets). */
export interface MigrateNote {
  kind: "renamed" | "removed" | "added" | "differs" | "unresolved" | "format";
  key?: string;
  text: string;
}

export interface MigrateResult {
  /** The file for the target release, and its name. */
  file: { name: "config.yaml" | "flink-conf.yaml"; text: string };
  notes: MigrateNote[];
  /** Per process: the same layout in the target (checked by reading `file` back), or why not. */
  same: Record<Process, boolean | "source-fails">;
}

/** Components compared, and the option ids that pin each (in the order they are tried). */
const PINS: Record<Process, [keyof TaskManagerSpec | keyof JobManagerSpec, string[]][]> = {
  tm: [
    ["totalProcess", ["tm.process"]],
    ["network", ["tm.networkMin", "tm.networkMax"]],
    ["managed", ["tm.managed"]],
    ["metaspace", ["tm.metaspace"]],
    ["overhead", ["tm.overheadMin", "tm.overheadMax"]],
    ["frameworkHeap", ["tm.frameworkHeap"]],
    ["frameworkOffHeap", ["tm.frameworkOffHeap"]],
    ["taskOffHeap", ["tm.taskOffHeap"]],
    ["taskHeap", ["tm.taskHeap"]],
    ["totalFlink", ["tm.flink"]],
  ],
  jm: [
    ["totalProcess", ["jm.process"]],
    ["metaspace", ["jm.metaspace"]],
    ["overhead", ["jm.overheadMin", "jm.overheadMax"]],
    ["offHeap", ["jm.offHeap"]],
    ["jvmHeap", ["jm.heap"]],
    ["totalFlink", ["jm.flink"]],
  ],
};

const LABELS: Record<string, string> = {
  totalProcess: "Total Process Memory",
  totalFlink: "Total Flink Memory",
  frameworkHeap: "framework heap",
  taskHeap: "task heap",
  frameworkOffHeap: "framework off-heap",
  taskOffHeap: "task off-heap",
  network: "network",
  managed: "managed memory",
  metaspace: "JVM metaspace",
  overhead: "JVM overhead",
  jvmHeap: "JVM heap",
  offHeap: "off-heap memory",
  directMemoryLimit: "JVM direct memory limit",
};

type Result = TaskManagerResult | JobManagerResult;

/** The process as `flink` resolves `input`, or Flink's refusal. */
export function resolve(process: Process, flink: string, input: ConfigInput): Result | FlinkError {
  try {
    return process === "tm" ? resolveTaskManager({ ...input, flink, trace: false }) : resolveJobManager({ ...input, flink, trace: false });
  } catch (e) {
    if (e instanceof FlinkError) return e;
    throw e;
  }
}

const field = (r: Result, f: string) => (r.spec as unknown as Record<string, bigint | boolean>)[f];

/** The components that differ, in the order they are pinned; the JVM flags too. */
export function differences(process: Process, a: Result, b: Result): string[] {
  const out = PINS[process].map(([f]) => f as string).filter((f) => field(a, f) !== field(b, f));
  if (process === "jm" && field(a, "directMemoryLimit") !== field(b, "directMemoryLimit")) out.push("directMemoryLimit");
  if (out.length === 0 && a.jvmParameters !== b.jvmParameters) out.push("jvmParameters");
  if (out.length === 0 && !sameDynamicValues(a.dynamicConfigs, b.dynamicConfigs)) out.push("dynamicConfigs");
  return out;
}

/** `-D k=v` pairs as a map (releases print them in their own HashMap order). */
const dynamicMap = (s: string) => new Map([...s.matchAll(/-D\s*([^=\s]+)=(\S*)/g)].map((m) => [m[1]!, m[2]!]));

/**
 * Dynamic configs agree when every key both releases pass has the same value: the order, and keys
 * one release always adds (`external-resources=none`, the slots since 1.13), are its format.
 */
function sameDynamicValues(a: string, b: string): boolean {
  const ma = dynamicMap(a);
  const mb = dynamicMap(b);
  return [...ma].every(([k, v]) => !mb.has(k) || mb.get(k) === v);
}

/** Entries in the target's keys: renamed to its main key, memory keys it lacks dropped. */
/** Where the entries came from in a legacy source file: output key → its line; removed key → its line. */
interface Origins {
  lines: Map<string, number>;
  removed: Map<number, string>;
  /** The source was a legacy flink-conf.yaml (line based): its comments can be kept. */
  legacyText?: string;
}

function carry(from: string, to: string, input: ConfigInput, notes: MigrateNote[], origins?: Origins): Map<string, RawValue> {
  const loaded = loadConfiguration(input, flinkVersion(from));
  const a = optionsFor(from);
  const b = optionsFor(to);
  const out = new Map<string, RawValue>();
  const lineOf = (e: { location?: { source: string; line?: number } }) => (e.location?.source !== "-D" ? e.location?.line : undefined);
  if (origins && loaded.file === "flink-conf.yaml") origins.legacyText = inputForRelease(input, flinkVersion(from)).input.flinkConfYaml;
  for (const [key, entry] of loaded.config.entries()) {
    const target = b.byKey(key);
    if (target) {
      if (target.key !== key) notes.push({ kind: "renamed", key, text: `${key} → ${target.key} (Flink ${to}'s key)` });
      // A main key written too wins over the deprecated one, as Flink reads them.
      if (target.key === key || !out.has(target.key)) {
        out.set(target.key, entry.value);
        const line = lineOf(entry);
        if (origins && line !== undefined) origins.lines.set(target.key, line);
      }
    } else if (a.byKey(key)) {
      notes.push({ kind: "removed", key, text: `${key}: Flink ${to} has no such option; removed` });
      const line = lineOf(entry);
      if (origins && line !== undefined) origins.removed.set(line, key);
    } else {
      out.set(key, entry.value);
      const line = lineOf(entry);
      if (origins && line !== undefined) origins.lines.set(key, line);
    }
  }
  return out;
}

function asInput(to: string, entries: ReadonlyMap<string, RawValue>, header: readonly string[] = []): { input: ConfigInput; name: "config.yaml" | "flink-conf.yaml"; text: string } {
  const name = has(flinkVersion(to), "standardYamlFile") ? "config.yaml" : "flink-conf.yaml";
  const text = writeFlatFile(name, [...entries].map(([key, value]) => ({ key, value })), header);
  return { input: name === "config.yaml" ? { configYaml: text } : { flinkConfYaml: text }, name, text };
}

/**
 * The migrated file in the source file's own order, its comments and blank lines kept: each
 * carried key on its line, a removed key's line as a comment saying so, lines Flink 1.x skipped
 * kept as comments, and the added keys at the end under a comment.
 */
function withComments(req: MigrateRequest, entries: ReadonlyMap<string, RawValue>, origins: Origins, header: string): ReturnType<typeof asInput> {
  const byLine = new Map<number, string>();
  for (const [key, line] of origins.lines) byLine.set(line, key);
  const name = has(flinkVersion(req.to), "standardYamlFile") ? "config.yaml" : "flink-conf.yaml";
  const line = (key: string) => writeFlatFile(name, [{ key, value: entries.get(key)! }]).trimEnd();
  const out = [`# ${header}`];
  const written = new Set<string>();
  origins.legacyText!.split(/\r\n|\r|\n/).forEach((text, i) => {
    const n = i + 1;
    const key = byLine.get(n);
    if (key !== undefined && entries.has(key)) {
      out.push(line(key));
      written.add(key);
    } else if (origins.removed.has(n)) out.push(`# ${origins.removed.get(n)}: removed, Flink ${req.to} has no such option`);
    else if (text.trim() === "" || text.trimStart().startsWith("#")) out.push(text);
    else out.push(`# ${text}`);
  });
  while (out.length > 1 && out[out.length - 1] === "") out.pop();
  const added = [...entries.keys()].filter((k) => !written.has(k));
  if (added.length > 0) out.push("", "# Added by flink-memory: these keep the memory layout Flink " + req.from + " gave.", ...added.map(line));
  const text = out.join("\n") + "\n";
  return { input: name === "config.yaml" ? { configYaml: text } : { flinkConfYaml: text }, name, text };
}

/** Pins components of `process` in `entries` until the target gives the source's layout. */
function pin(process: Process, req: MigrateRequest, entries: Map<string, RawValue>, notes: MigrateNote[]): boolean | "source-fails" {
  const a = resolve(process, req.from, req.input);
  if (a instanceof FlinkError) return "source-fails";
  const b = optionsFor(req.to);
  const who = process === "tm" ? "TaskManager" : "JobManager";
  for (let round = 0; round < PINS[process].length + 2; round++) {
    const r = resolve(process, req.to, asInput(req.to, entries).input);
    const diffs = r instanceof FlinkError ? ["totalProcess"] : differences(process, a, r);
    if (diffs.length === 0) {
      if (!(r instanceof FlinkError) && r.dynamicConfigs !== a.dynamicConfigs) {
        const ka = new Set(dynamicMap(a.dynamicConfigs).keys());
        const only = [...dynamicMap(r.dynamicConfigs).keys()].filter((k) => !ka.has(k));
        notes.push({ kind: "format", text: `${who}: Flink ${req.to} passes its dynamic configs its own way (${only.length ? `it also passes ${only.join(", ")}` : "their order"}); every value both pass agrees` });
      }
      return true;
    }
    const next = PINS[process].find(([f, ids]) => diffs.includes(f as string) && ids.some((id) => b.find(id) && !entries.has(b.find(id)!.key)));
    if (!next) {
      const why = r instanceof FlinkError ? `Flink ${req.to} refuses it: ${r.message}` : diffs.map((d) => `${LABELS[d] ?? d}: ${d === "jvmParameters" ? "other JVM flags" : d === "dynamicConfigs" ? "other dynamic configs" : `${String(field(a, d))} → ${String(field(r, d))}`}`).join("; ");
      notes.push({ kind: r instanceof FlinkError ? "unresolved" : "differs", text: `${who}: the same layout cannot be had in Flink ${req.to}: ${why}` });
      return false;
    }
    const [f, ids] = next;
    const bytes = field(a, f as string) as bigint;
    for (const id of ids) {
      const key = b.find(id)?.key;
      if (!key) continue;
      entries.set(key, str(flinkSizeText(bytes)));
      notes.push({ kind: "added", key, text: `${key}: ${flinkSizeText(bytes)}: keeps the ${who}'s ${LABELS[f as string]} (${r instanceof FlinkError ? "the target needs a size" : `Flink ${req.to} would give ${String(field(r, f as string))} bytes`})` });
    }
  }
  return false;
}

/** The entries for `to` (in order) with the layout `from` gives, before any file is written. */
export function migrateEntries(req: MigrateRequest, origins?: Origins): { entries: Map<string, RawValue>; notes: MigrateNote[]; same: MigrateResult["same"] } {
  const notes: MigrateNote[] = [];
  const entries = carry(req.from, req.to, req.input, notes, origins);
  const same = { tm: pin("tm", req, entries, notes), jm: pin("jm", req, entries, notes) };
  return { entries, notes, same };
}

/** The configuration for `to` with the layout `from` gives, checked by reading it back. */
export function migrateKeepingLayout(req: MigrateRequest): MigrateResult {
  const origins: Origins = { lines: new Map(), removed: new Map() };
  const { entries, notes, same } = migrateEntries(req, origins);
  const header = `Flink ${req.to} configuration, migrated by flink-memory from Flink ${req.from}: the memory layout is kept (see the notes it printed).`;
  const nested = req.nested && has(flinkVersion(req.to), "standardYamlFile") ? writeNestedYaml([...entries].map(([key, value]) => ({ key, value })), [header]) : undefined;
  if (req.nested && nested === undefined) notes.push({ kind: "differs", text: "the keys cannot all be nested and read back the same: written flat" });
  const out = nested !== undefined ? { input: { configYaml: nested }, name: "config.yaml" as const, text: nested } : origins.legacyText !== undefined ? withComments(req, entries, origins, header) : asInput(req.to, entries, [header]);
  // The check that counts: the written file, read as the target release reads it.
  for (const p of ["tm", "jm"] as const) {
    if (same[p] !== true) continue;
    const a = resolve(p, req.from, req.input) as Result;
    const r = resolve(p, req.to, out.input);
    if (r instanceof FlinkError || differences(p, a, r).length > 0) same[p] = false;
  }
  return { file: { name: out.name, text: out.text }, notes, same };
}
