/**
 * The lint rules over one configuration (a config file, or the configuration a FlinkDeployment
 * gives Flink). Each rule has an id, a default severity and a check; only `flink-rejects` (and the
 * reading failures in `lint.ts`) are errors: they are exactly the configurations Flink refuses.
 * Everything else Flink accepts, so it is a warning or a note.
 * @module
 */
import { stateBackendOf } from "../slots/state-backend.js";
import { checkKeys } from "./keys.js";
import { JM_MIN_RECOMMENDED_HEAP } from "../model/jobmanager.js";
import type { TaskManagerSpec } from "../model/taskmanager.js";
import type { JobManagerSpec } from "../model/jobmanager.js";
import type { Origin, TraceEvent } from "../model/trace.js";
import { componentLabel, shortSize } from "../render/table.js";
import { MiB } from "../size/memory-size.js";
import type { Configuration } from "../config/configuration.js";
import type { SourceLocation } from "../errors.js";
import { rawToString, rawToYamlString } from "../config/raw-value.js";
import { suggestFixes, type Fix as SuggestedFix } from "../fix/fix-its.js";
import { isLineChange, type KeyChange } from "../fix/changes.js";
import type { Finding, Fix, FixEdit, RuleMeta } from "./finding.js";
import { locationOf, pathFor, type LintSubject } from "./subject.js";
import type { Outcome } from "./process-outcome.js";
import { THREAD_STACK, overheadNeeded, type OverheadNeed } from "./overhead-heuristic.js";

export const RULES: readonly RuleMeta[] = [
  { id: "flink-rejects", severity: "error", summary: "Flink refuses this memory configuration", description: "Resolving the TaskManager or JobManager fails in Flink with the message shown (exactly Flink's). The process would not start." },
  { id: "unreadable-config", severity: "error", summary: "Flink cannot read the configuration file", description: "config.yaml is not valid YAML as Flink's snakeyaml-engine reader sees it; Flink stops with 'Error parsing YAML configuration.'" },
  { id: "legacy-file-ignored", severity: "warning", summary: "flink-conf.yaml is not read by this Flink version", description: "Flink 2.0 and later read only config.yaml (standard YAML); a flink-conf.yaml is ignored. Migrate it (bin/migrate-config-file.sh) and rename it to config.yaml." },
  { id: "standard-file-ignored", severity: "warning", summary: "config.yaml is not read by this Flink version", description: "Flink before 1.19 reads only flink-conf.yaml; a config.yaml is ignored (and 1.19/1.20 ignore it when a flink-conf.yaml is beside it)." },
  { id: "assumption", severity: "note", summary: "How the file was taken", description: "What the verdict assumes about the file: the Flink release that reads it (unless --flink names it) and the file's role (a classpath resource for a local run, the operator's defaults). Change the assumption with the option named." },
  { id: "not-sized", severity: "note", summary: "A process the file does not size: taken as one layer", description: "The file sets no process size, Flink size or fine-grained heap for a process. As a whole configuration Flink would refuse it, but such files are usually one layer (an overlay on the image's config, FLINK_PROPERTIES, the operator's default configuration), so the process is checked over the sizes Flink's shipped configuration sets. --whole-config judges the file as the whole configuration." },
  { id: "layer-rejects", severity: "warning", summary: "Flink refuses this layer over its shipped sizes", description: "A file that does not size a process still fails when laid over Flink's shipped process sizes; whether it fails as deployed depends on the other layers." },
  { id: "both-totals", severity: "warning", summary: "Both Total Process and Total Flink Memory are set", description: "With *.memory.process.size and *.memory.flink.size both set, JVM overhead becomes whatever is left between them and must fall within its min/max. Set one total: process.size for containers, flink.size for standalone." },
  { id: "fine-grained-with-total", severity: "warning", summary: "Fine-grained heap size set together with a total", description: "taskmanager.memory.task.heap.size (or jobmanager.memory.heap.size) next to a total size: the other components must then fit exactly, and a change to one breaks the others. Set the total, or the fine-grained sizes, not both." },
  { id: "derived-outside-range", severity: "note", summary: "A size derived from a fraction was moved to its min or max", description: "Network, managed or JVM overhead memory derived from its fraction fell outside [min, max] that you configured, so Flink silently used the bound instead of your fraction (Flink logs this at INFO)." },
  { id: "heap-below-minimum", severity: "warning", summary: "JobManager heap below Flink's recommended minimum", description: "Flink warns when the JobManager's JVM heap is below 128 MiB; such a JobManager tends to fail with OutOfMemoryError under load." },
  { id: "managed-memory-unused", severity: "warning", summary: "Managed memory reserved but the state backend does not use it", description: "With the hashmap (heap) state backend, a streaming job uses no managed memory unless it runs batch operators or Python; the reserved native memory is lost to the heap. Set taskmanager.memory.managed.size to 0 (or the fraction to 0)." },
  { id: "unknown-state-backend", severity: "warning", summary: "A state backend name this release does not know", description: "The release does not know the configured state backend as a shortcut name (e.g. hashmap before 1.13, filesystem in 2.x, forst before 2.0): Flink tries to load it as a factory class, the job fails, and managed memory is reserved anyway." },
  { id: "rocksdb-without-managed-memory", severity: "warning", summary: "RocksDB with no managed memory", description: "RocksDB sizes its block cache and write buffers from managed memory; with 0 managed memory it runs with tiny caches (or allocates outside Flink's accounting when state.backend.rocksdb.memory.managed is false)." },
  { id: "slots-exceed-cpu", severity: "note", summary: "More task slots than CPU cores", description: "taskmanager.numberOfTaskSlots is larger than the TaskManager's CPU cores (taskmanager.cpu.cores, or the FlinkDeployment's spec.taskManager.resource.cpu): slots will compete for CPU." },
  { id: "removed-option", severity: "warning", summary: "Memory option not read by this Flink version", description: "The key was removed in (or does not exist yet in) the chosen Flink version, e.g. the legacy heap keys in 2.0; Flink ignores it silently." },
  { id: "deprecated-option", severity: "note", summary: "Deprecated memory key", description: "The key is still read through a deprecated name; move to the current key before it is removed." },
  { id: "unknown-memory-key", severity: "warning", summary: "Misspelled or unknown memory key", description: "The key looks like a memory option but is not one in this Flink version; Flink ignores it. The nearest valid key is suggested." },
  { id: "skipped-line", severity: "warning", summary: "flink-conf.yaml line Flink skips", description: "The legacy flink-conf.yaml reader skips lines that are not 'key: value' (e.g. a missing space after ':'), without an error." },
  {
    id: "jvm-overhead-too-small",
    severity: "warning",
    summary: "JVM overhead smaller than the JVM needs for metaspace and threads",
    description:
      `JVM overhead must hold thread stacks, the JIT code cache, GC structures and other native memory. Heuristic (ours, not Flink's): ` +
      `threads × ${THREAD_STACK / MiB} MiB stack (TaskManager: 48 + 8 per slot threads; JobManager: 64 threads) + 32 MiB code cache base + ` +
      `1/8 of JVM metaspace (compiled code grows with loaded classes) + 1% of the JVM heap (GC remembered sets and card tables). ` +
      `A smaller overhead risks the container being OOM-killed although the heap is fine.`,
  },
  { id: "unreadable-manifest", severity: "error", summary: "The Kubernetes manifest is not valid YAML", description: "kubectl and Helm refuse a manifest that is not valid YAML." },
  { id: "k8s-unit-mismatch", severity: "warning", summary: "Kubernetes and Flink read this size differently", description: "The operator reads a FlinkDeployment memory with Flink's MemorySize first, where G/M/K are binary (2G = 2 GiB) and m means mebibytes, while Kubernetes reads the same text as a quantity (2G = 2·10^9 bytes, 2048m = 2.048 bytes). Write 2Gi or 2048Mi to mean the same in both." },
  { id: "k8s-memory-unparsable", severity: "error", summary: "The operator cannot read this memory size", description: "Neither Flink's MemorySize nor the operator's Kubernetes-quantity fallback gives a size Flink accepts (decimals such as 1.5Gi become '1610612736.0', which Flink refuses)." },
  { id: "k8s-memory-missing", severity: "error", summary: "No memory for a process", description: "The FlinkDeployment sets no memory for the JobManager or TaskManager and its flinkConfiguration does not size the process either; the operator refuses the resource." },
  { id: "k8s-limit-factor", severity: "error", summary: "Memory limit factor below 1", description: "kubernetes.*.memory.limit-factor (or resources.limits / resources.requests) below 1 makes Flink fail when it creates the pod." },
  { id: "k8s-request-above-limit", severity: "error", summary: "Memory request above its limit", description: "resources.requests.memory is larger than resources.limits.memory; the operator rejects the resource (Kubernetes would reject the pod)." },
  { id: "k8s-both-resource-fields", severity: "warning", summary: "Both resource and resources are set", description: "spec.*.resource is ignored when spec.*.resources has requests or limits." },
  { id: "k8s-memory-overridden", severity: "warning", summary: "flinkConfiguration memory overridden by the spec", description: "*.memory.process.size in flinkConfiguration is replaced by the spec's resource memory; the flinkConfiguration value has no effect." },
  { id: "k8s-pod-below-process", severity: "note", summary: "Pod memory rounded down below the process size", description: "Flink requests pod memory in whole MiB, rounded down: a process size that is not a whole number of MiB gets a pod slightly smaller than the process may use." },
  // Docker Compose files (lint-compose.ts)
  { id: "compose-unreadable", severity: "error", summary: "The Compose file is not valid YAML", description: "docker compose refuses a file that is not valid YAML." },
  { id: "docker-properties-nested", severity: "warning", summary: "FLINK_PROPERTIES written as nested YAML", description: "From the 1.19 images the entrypoint deletes all whitespace of each FLINK_PROPERTIES line and splits it at the first ':', so an indented line such as '  size: 2g' sets the key 'size', and 'taskmanager:' sets 'taskmanager' to an empty value. Write one full dotted key per line." },
  { id: "docker-properties-mangled", severity: "warning", summary: "FLINK_PROPERTIES line the entrypoint changes", description: "From the 1.19 images the entrypoint deletes whitespace inside values (JVM options run together), keeps a trailing '# comment' in the value, and cannot write a key next to a key inside it ('a' and 'a.b') into config.yaml." },
  { id: "compose-environment-item", severity: "warning", summary: "Environment list item that YAML reads as a mapping", description: "An unquoted list item such as '- FLINK_PROPERTIES=jobmanager.rpc.address: jm' contains ': ', so YAML reads it as a one-key mapping instead of 'KEY=VALUE' text; Compose expects text. Quote the item or use a block scalar." },
  { id: "docker-container-memory", severity: "warning", summary: "Flink process larger than its container", description: "The process size Flink computes for the JobManager or TaskManager is larger than the container's memory limit (mem_limit or deploy.resources.limits.memory, binary units: 512m = 512 MiB): once the JVM uses its memory, the kernel OOM-kills the container." },
  { id: "docker-memory-unparsable", severity: "error", summary: "Docker cannot read this memory limit", description: "mem_limit / deploy.resources.limits.memory must be a byte count or a number with b, k, m, g, t or p (optionally followed by 'b'); docker compose refuses anything else." },
  { id: "docker-args-not-sized", severity: "warning", summary: "-D arguments the start script does not size memory with", description: "Flink 1.10.0, 1.13.0-1.13.2 and 1.14.0-1.14.2 start scripts compute the JVM memory flags without the command's -D arguments (FLINK-16874, FLINK-24353); the process receives them afterwards, where they can contradict the computed sizes." },
  { id: "docker-assumption", severity: "note", summary: "Assumption made for a Docker service", description: "What the Compose file does not say and was assumed: the Flink release of a custom image or of 'latest', Compose variables from the host or .env, a configuration mounted over the image's, a command that starts no JobManager or TaskManager." },
];

export const RULE_BY_ID: ReadonlyMap<string, RuleMeta> = new Map(RULES.map((r) => [r.id, r]));

const LABEL = { tm: "TaskManager", jm: "JobManager" } as const;

/** A finding of rule `ruleId`, at the rule's severity. */
export function finding(ruleId: string, message: string, extra: Omit<Finding, "ruleId" | "severity" | "message"> = {}): Finding {
  return { ruleId, severity: RULE_BY_ID.get(ruleId)!.severity, message, ...extra };
}

/** A fix, marked verified when both processes resolve with it applied and `stillBad` says the problem is gone. */
function makeFix(s: LintSubject, description: string, edits: FixEdit[], gone: (r: ReturnType<LintSubject["tryEdits"]>) => boolean): Fix {
  const r = s.tryEdits(edits);
  const resolves = r.tm.ok && (r.jm === undefined || r.jm.ok);
  return { description, edits: edits.map((e) => forManifest(s, e)), verified: resolves && gone(r) };
}

/**
 * An edit as written where the value lives: a key the operator sets from the spec becomes its
 * spec path, and a size there is written `<n>Mi` (Kubernetes would read `982m` as 0.982 bytes).
 */
function forManifest(s: LintSubject, e: FixEdit): FixEdit {
  const path = pathFor(s, e.path);
  const mebibytes = path !== e.path && e.value !== undefined ? /^(\d+)m$/.exec(e.value) : null;
  return { ...e, path, ...(mebibytes ? { value: `${mebibytes[1]}Mi` } : {}), ...(e.renameTo ? { renameTo: pathFor(s, e.renameTo) } : {}) };
}

const has = (c: Configuration, id: string) => {
  const o = c.options.find(id);
  return o !== undefined && c.contains(o);
};
const keyOf = (c: Configuration, id: string) => {
  const o = c.options.find(id);
  return o ? (c.lookup(o)?.key ?? o.key) : undefined;
};
const mib = (b: bigint) => `${(b + MiB - 1n) / MiB}m`;

function outcomes(s: LintSubject): ["tm" | "jm", Outcome<TaskManagerSpec | JobManagerSpec>][] {
  const out: ["tm" | "jm", Outcome<TaskManagerSpec | JobManagerSpec>][] = [["tm", s.tm]];
  if (s.jm) out.push(["jm", s.jm]);
  return out;
}

/**
 * Where a failure is in the file: its key's line, else the first related key's that is set (a
 * range's min or max when Flink names its default fraction), else the file.
 */
function failureLocation(s: LintSubject, key: string | undefined, related: readonly string[]): SourceLocation {
  return locationOf(s, [key, ...related].find((k) => k !== undefined && s.config.getEntry(k)?.location !== undefined));
}

/** Flink's own failure, message unchanged, at the key it is about. */
function flinkRejects(s: LintSubject): Finding[] {
  const out: Finding[] = [];
  for (const [kind, o] of outcomes(s)) {
    if (o.ok) continue;
    // Failures without a key (sums that do not fit) point at the total the derivation started from.
    const key = o.error.rootKey ?? [`${kind}.process`, `${kind}.flink`].filter((id) => has(s.config, id)).map((id) => keyOf(s.config, id))[0];
    const fix = engineFix(s, kind);
    out.push(finding("flink-rejects", o.error.message, { process: kind, location: o.error.rootLocation ?? failureLocation(s, key, o.error.rootRelatedKeys), ...(key ? { key } : {}), ...(fix ? { fix } : {}) }));
  }
  return out;
}

/**
 * The smallest fix the fix-it search finds for a refused process, kept only when the process
 * then resolves in this subject (its deployment, its operator-set keys) and the other process,
 * if it resolved before, still does.
 */
function engineFix(s: LintSubject, kind: "tm" | "jm"): Fix | undefined {
  const text = s.config.standardYaml ? rawToYamlString : rawToString;
  const dynamic = [...s.config.entries()].map(([k, e]) => [k, text(e.value)] as const);
  const offered = searchFixes(kind, s.config.options.version.label, dynamic);
  if (!offered) return undefined;
  for (const f of offered) {
    const keyChanges = f.changes.filter((c): c is KeyChange => !isLineChange(c));
    if (keyChanges.length !== f.changes.length) continue;
    const edits = keyChanges.map((c) => (c.set === undefined ? { path: c.key } : { path: c.key, value: c.set }));
    // Checked for this process; the other one has its own finding when it fails too.
    const other = kind === "tm" ? s.jm : s.tm;
    const r = s.tryEdits(edits);
    const otherAfter = kind === "tm" ? r.jm : r.tm;
    if (r[kind]?.ok && (!other?.ok || otherAfter?.ok)) return { description: f.title, edits: edits.map((e) => forManifest(s, e)), verified: true };
  }
  return undefined;
}

/**
 * The fix search's answers by its whole input (process, release, the keys and their texts in
 * order): many files share a configuration (generated ones, copies), and the search resolves the
 * configuration dozens of times. Bounded; the oldest answer goes first.
 */
const SEARCHED = new Map<string, readonly SuggestedFix[] | null>();
const MAX_SEARCHED = 512;

/** The fixes the search offers, or undefined when it fails. */
function searchFixes(kind: "tm" | "jm", flink: string, dynamic: (readonly [string, string])[]): readonly SuggestedFix[] | undefined {
  const key = JSON.stringify([kind, flink, dynamic]);
  let offered = SEARCHED.get(key);
  if (offered === undefined) {
    try {
      offered = suggestFixes(kind, { flink, dynamic, trace: false }, undefined, { max: 3 });
    } catch {
      // The search failing must never cost the finding itself (as in the CLI, after Flink's error).
      offered = null;
    }
    if (SEARCHED.size >= MAX_SEARCHED) SEARCHED.delete(SEARCHED.keys().next().value!);
    SEARCHED.set(key, offered);
  }
  return offered ?? undefined;
}

function bothTotals(s: LintSubject): Finding[] {
  const out: Finding[] = [];
  for (const kind of ["tm", "jm"] as const) {
    if (!has(s.config, `${kind}.process`) || !has(s.config, `${kind}.flink`)) continue;
    const flinkKey = keyOf(s.config, `${kind}.flink`)!;
    const processKey = keyOf(s.config, `${kind}.process`)!;
    const fix = makeFix(s, `remove ${flinkKey} and keep ${processKey}`, [{ path: flinkKey }], () => true);
    out.push(finding("both-totals", `${LABEL[kind]}: both ${processKey} and ${flinkKey} are set; JVM overhead becomes the difference between them. Set only one total.`, { process: kind, key: flinkKey, location: locationOf(s, flinkKey), fix }));
  }
  return out;
}

function fineGrainedWithTotal(s: LintSubject): Finding[] {
  const out: Finding[] = [];
  for (const [kind, heapId] of [["tm", "tm.taskHeap"], ["jm", "jm.heap"]] as const) {
    if (!has(s.config, heapId)) continue;
    const totals = [`${kind}.process`, `${kind}.flink`].filter((id) => has(s.config, id)).map((id) => keyOf(s.config, id)!);
    if (totals.length === 0) continue;
    const heapKey = keyOf(s.config, heapId)!;
    const fix = makeFix(s, `remove ${heapKey}: the heap is then derived from ${totals[0]}`, [{ path: heapKey }], () => true);
    out.push(finding("fine-grained-with-total", `${LABEL[kind]}: ${heapKey} is set together with ${totals.join(" and ")}; configure the total or the fine-grained sizes, not both.`, { process: kind, key: heapKey, location: locationOf(s, heapKey), fix }));
  }
  return out;
}

const PCT = (f: number) => `${Number((f * 100).toPrecision(6))}%`;

function derivedOutsideRange(s: LintSubject): Finding[] {
  const out: Finding[] = [];
  for (const [kind, o] of outcomes(s)) {
    if (!o.ok) continue;
    for (const e of o.trace) {
      if (e.kind !== "component" || e.origin.how !== "fraction" || !e.origin.capped) continue;
      const origin = e.origin as Extract<Origin, { how: "fraction" }>;
      const boundId = boundOption(kind, e.name, origin.capped!);
      const boundKey = boundId ? keyOf(s.config, boundId) : undefined;
      // Only when the user chose the fraction or the bound: defaults alone are Flink's own design.
      if (!origin.fractionConfigured && !(boundId && has(s.config, boundId))) continue;
      const where = origin.fractionConfigured ? keyOf(s.config, fractionId(kind, e.name)) : boundKey;
      out.push(
        finding(
          "derived-outside-range",
          `${LABEL[kind]}: ${componentLabel(e.name)} from its fraction (${PCT(origin.fraction)} of ${shortSize(origin.base)} = ${shortSize(origin.raw)}) is ${origin.capped === "min" ? "below its minimum" : "above its maximum"}; Flink uses ${shortSize(e.value)} instead.`,
          { process: kind, ...(where ? { key: where } : {}), location: locationOf(s, where) },
        ),
      );
    }
  }
  return out;
}

function boundOption(kind: "tm" | "jm", c: string, bound: "min" | "max"): string | undefined {
  const cap = bound === "min" ? "Min" : "Max";
  if (c === "overhead") return `${kind}.overhead${cap}`;
  if (c === "network" && kind === "tm") return `tm.network${cap}`;
  return undefined;
}

function fractionId(kind: "tm" | "jm", c: string): string {
  if (c === "overhead") return `${kind}.overheadFraction`;
  return c === "network" ? "tm.networkFraction" : "tm.managedFraction";
}

function pathOf(trace: readonly TraceEvent[]): string | undefined {
  for (const e of trace) if (e.kind === "path") return e.path;
  return undefined;
}

/** Smallest size (whole MiB, up to +8 GiB) of `key` for which `ok` holds after resolving. */
function smallestSize(s: LintSubject, key: string, from: bigint, ok: (r: ReturnType<LintSubject["tryEdits"]>) => boolean): bigint | undefined {
  let lo = from / MiB;
  let hi = lo + 8192n;
  const test = (m: bigint) => ok(s.tryEdits([{ path: key, value: `${m}m` }]));
  if (!test(hi)) return undefined;
  while (lo < hi) {
    const mid = (lo + hi) / 2n;
    if (test(mid)) hi = mid;
    else lo = mid + 1n;
  }
  return lo * MiB;
}

function heapBelowMinimum(s: LintSubject): Finding[] {
  const jm = s.jm;
  if (!jm?.ok || jm.spec.jvmHeap >= JM_MIN_RECOMMENDED_HEAP) return [];
  const path = pathOf(jm.trace);
  const heapOk = (r: ReturnType<LintSubject["tryEdits"]>) => r.jm !== undefined && r.jm.ok && r.jm.spec.jvmHeap >= JM_MIN_RECOMMENDED_HEAP;
  let fix: Fix | undefined;
  if (path === "fine-grained") {
    fix = makeFix(s, "raise the JobManager heap to 128 MiB", [{ path: keyOf(s.config, "jm.heap")!, value: "128m" }], heapOk);
  } else {
    const id = path === "total-flink" ? "jm.flink" : "jm.process";
    const key = keyOf(s.config, id)!;
    const size = smallestSize(s, key, path === "total-flink" ? jm.spec.totalFlink : jm.spec.totalProcess, heapOk);
    if (size !== undefined) fix = makeFix(s, `raise ${key} to ${shortSize(size)}, the smallest size that gives a 128 MiB heap`, [{ path: key, value: mib(size) }], heapOk);
  }
  const key = keyOf(s.config, path === "fine-grained" ? "jm.heap" : path === "total-flink" ? "jm.flink" : "jm.process");
  return [
    finding("heap-below-minimum", `JobManager: the JVM heap (${shortSize(jm.spec.jvmHeap)}) is below Flink's recommended minimum of 128 MiB.`, {
      process: "jm",
      ...(key ? { key } : {}),
      location: locationOf(s, key),
      ...(fix ? { fix } : {}),
    }),
  ];
}

/** The state backend the configuration names, as `slots` reads it (one reading for both). */
function stateBackend(c: Configuration): { name: string; key: string; usesManaged: boolean; warning?: string } | undefined {
  const b = stateBackendOf(c);
  if (b.from.by !== "config") return undefined;
  return { name: b.kind ?? "configured", key: b.from.key, usesManaged: b.usesManagedMemory, ...(b.warning ? { warning: b.warning } : {}) };
}

/** A backend name this release does not know as a shortcut: Flink tries it as a factory class and the job fails. */
function unknownStateBackend(s: LintSubject): Finding[] {
  const b = stateBackend(s.config);
  if (!b?.warning) return [];
  return [finding("unknown-state-backend", b.warning, { key: b.key, location: locationOf(s, b.key) })];
}

function usesManagedElsewhere(c: Configuration): boolean {
  for (const [key, e] of c.entries()) {
    if (key.startsWith("python.")) return true;
    if (key === "execution.runtime-mode" && /^(batch|automatic)$/i.test(rawToString(e.value).trim())) return true;
  }
  return false;
}

function managedMemoryUnused(s: LintSubject): Finding[] {
  const b = stateBackend(s.config);
  if (!b || b.usesManaged || !s.tm.ok || s.tm.spec.managed === 0n || usesManagedElsewhere(s.config)) return [];
  const managedKey = s.config.options.get("tm.managed").key;
  const fix = makeFix(s, `set ${managedKey} to 0: the heap gets the memory`, [{ path: managedKey, value: "0m" }], (r) => r.tm.ok && r.tm.spec.managed === 0n);
  return [
    finding("managed-memory-unused", `TaskManager: ${shortSize(s.tm.spec.managed)} of managed memory is reserved, but the ${b.name} state backend (${b.key}) does not use it; unless the job runs batch operators or Python, it is wasted.`, {
      process: "tm",
      key: b.key,
      location: locationOf(s, b.key),
      fix,
    }),
  ];
}

function rocksDbWithoutManaged(s: LintSubject): Finding[] {
  const b = stateBackend(s.config);
  if (!b || b.name !== "rocksdb" || !s.tm.ok || s.tm.spec.managed !== 0n) return [];
  // Fixed per-slot / per-TM RocksDB memory does not come from managed memory.
  if (s.config.getEntry("state.backend.rocksdb.memory.fixed-per-slot") || s.config.getEntry("state.backend.rocksdb.memory.fixed-per-tm")) return [];
  const o = s.config.options;
  const edits: FixEdit[] = [];
  const managedKey = keyOf(s.config, "tm.managed");
  if (has(s.config, "tm.managed")) edits.push({ path: managedKey! });
  if (has(s.config, "tm.managedFraction")) edits.push({ path: keyOf(s.config, "tm.managedFraction")! });
  if (edits.length === 0) edits.push({ path: o.get("tm.managedFraction").key, value: "0.4" });
  const fix = makeFix(s, "let managed memory take its default share (40% of Total Flink Memory)", edits, (r) => r.tm.ok && r.tm.spec.managed > 0n);
  const where = managedKey ?? b.key;
  return [finding("rocksdb-without-managed-memory", `TaskManager: the RocksDB state backend (${b.key}) gets no managed memory; its block cache and write buffers have nothing to use.`, { process: "tm", key: where, location: locationOf(s, where), fix })];
}

function slotsExceedCpu(s: LintSubject): Finding[] {
  if (!s.tm.ok) return [];
  const o = s.config.options;
  const slotsOpt = o.get<"int">("tm.slots");
  const slots = s.config.get(slotsOpt) ?? 1;
  let cores: number | undefined;
  let cpuKey: string | undefined;
  if (s.tmCpu && s.tmCpu.cores > 0) {
    cores = s.tmCpu.cores;
    cpuKey = s.tmCpu.path;
  } else if (has(s.config, "tm.cpuCores")) {
    cores = s.tm.spec.cpuCores.value;
    cpuKey = keyOf(s.config, "tm.cpuCores");
  }
  if (cores === undefined || !(slots > cores)) return [];
  const slotsKey = slotsOpt.key;
  const location = s.tmCpu && cpuKey === s.tmCpu.path ? (s.tmCpu.location ?? locationOf(s, slotsKey)) : locationOf(s, slotsKey);
  const fix: Fix = s.tmCpu && cpuKey === s.tmCpu.path
    ? { description: `give each slot a core: ${cpuKey} = ${slots}`, edits: [{ path: cpuKey, value: String(slots) }], verified: true }
    : makeFix(s, `give each slot a core: ${cpuKey} = ${slots}`, [{ path: cpuKey!, value: String(slots) }], (r) => r.tm.ok && r.tm.spec.cpuCores.value >= slots);
  return [finding("slots-exceed-cpu", `TaskManager: ${slots} task slots (${slotsKey}) but ${cores} CPU cores (${cpuKey}); slots compete for CPU.`, { process: "tm", key: slotsKey, location, fix })];
}

export function keyFindings(s: LintSubject): Finding[] {
  return checkKeys(s.config).map((w) => {
    const id = w.kind === "deprecated" ? "deprecated-option" : w.kind === "removed" ? "removed-option" : "unknown-memory-key";
    const fix = w.suggestion && !w.suggestion.includes("/") && s.config.getEntry(w.key) && !s.config.getEntry(w.suggestion)
      ? makeFix(s, `rename ${w.key} to ${w.suggestion}`, [{ path: w.key, renameTo: w.suggestion }], () => true)
      : undefined;
    return finding(id, w.message, { key: w.key, location: w.location ?? { source: s.source }, ...(fix ? { fix } : {}) });
  });
}

function overheadTooSmall(s: LintSubject): Finding[] {
  const out: Finding[] = [];
  for (const [kind, o] of outcomes(s)) {
    if (!o.ok) continue;
    const slots = kind === "tm" ? ((o.spec as TaskManagerSpec).numSlots ?? s.config.get(s.config.options.get<"int">("tm.slots")) ?? 1) : 0;
    const need: OverheadNeed = overheadNeeded(kind, { slots, metaspace: o.spec.metaspace, jvmHeap: o.spec.jvmHeap });
    if (o.spec.overhead >= need.total) continue;
    const minKey = s.config.options.get(`${kind}.overheadMin`).key;
    const maxOpt = s.config.options.get<"memory">(`${kind}.overheadMax`);
    const edits: FixEdit[] = [{ path: minKey, value: mib(need.total) }];
    if ((s.config.get(maxOpt) ?? 0n) < need.total) edits.push({ path: maxOpt.key, value: mib(need.total) });
    const fix = makeFix(s, `raise ${minKey} to ${shortSize(((need.total + MiB - 1n) / MiB) * MiB)}`, edits, (r) => {
      const x = kind === "tm" ? r.tm : r.jm;
      return x !== undefined && x.ok && x.spec.overhead >= need.total;
    });
    const where = [`${kind}.overheadMax`, `${kind}.overheadFraction`, `${kind}.overheadMin`, ...(kind === "tm" ? ["tm.slots"] : []), `${kind}.process`]
      .filter((id) => has(s.config, id))
      .map((id) => keyOf(s.config, id))[0];
    out.push(
      finding(
        "jvm-overhead-too-small",
        `${LABEL[kind]}: JVM overhead is ${shortSize(o.spec.overhead)}, below the ~${shortSize(need.total)} the JVM needs (${need.threads} thread stacks ${shortSize(need.stacks)}, code cache ${shortSize(need.codeCache)}, GC ${shortSize(need.gc)}).`,
        { process: kind, ...(where ? { key: where } : {}), location: locationOf(s, where), fix },
      ),
    );
  }
  return out;
}

/** All configuration rules, in report order. */
export const CONFIG_RULES: readonly ((s: LintSubject) => Finding[])[] = [
  flinkRejects,
  keyFindings,
  bothTotals,
  fineGrainedWithTotal,
  derivedOutsideRange,
  heapBelowMinimum,
  managedMemoryUnused,
  rocksDbWithoutManaged,
  unknownStateBackend,
  slotsExceedCpu,
  overheadTooSmall,
];

export function runConfigRules(s: LintSubject): Finding[] {
  return CONFIG_RULES.flatMap((r) => r(s));
}
