/**
 * `diagnose`: from what a user pastes after a failure (a log, an exception, `kubectl describe`,
 * YARN diagnostics, a launch line) to findings: the kind of failure, the process and component
 * at fault, the evidence lines, Flink's hint, the numbers, and changes checked by the engine.
 * Pure: text in, data out.
 * @module
 */
import { FlinkError } from "../errors.js";
import { resolveJobManager, resolveTaskManager, type ResolveRequest } from "../resolve.js";
import { NEWEST_LINE, SUPPORTED_LINES } from "../versions/version.js";
import { MAX_PASTE_CHARS, readEvidence, type Evidence } from "./evidence.js";
import { finding, type Finding, type FindingKind } from "./finding.js";
import { readLayouts, readMemoryOptions, type LayoutReading } from "./layout-reading.js";
import { advise } from "./advise.js";
import { bufferCountFinding, readBufferCounts } from "./buffer-counts.js";
import { configDumpLayouts } from "./config-dump.js";
import { localRunLines } from "./local-run.js";
import { rebuildLayout } from "./rebuild.js";
import { recogniseBufferShortages } from "./recognise-buffers.js";
import { recogniseIllegalConfig, type IllegalConfig } from "./recognise-config.js";
import { recogniseContainerKills } from "./recognise-container.js";
import { recogniseOutOfMemory } from "./recognise-oom.js";
import { recogniseProse } from "./recognise-prose.js";
import { recogniseShuffle } from "./recognise-shuffle.js";
import { recogniseSizes } from "./recognise-sizes.js";
import { judgeForeign } from "./foreign.js";

export interface DiagnoseOptions {
  /** The Flink release the paste comes from (default: the newest supported). */
  flink?: string;
  /** The user's configuration, when given: the base for computed changes. */
  configuration?: ResolveRequest;
}

export interface DiagnoseResult {
  flink: string;
  findings: Finding[];
  /** About the paste as a whole: empty, binary, truncated, nothing recognised. */
  notes: string[];
}

/** Failures first, in the order a reader wants them; layouts last. */
const ORDER: FindingKind[] = ["network-buffers", "network-buffer-pool", "managed-memory", "direct-oom", "metaspace-oom", "heap-oom", "container-killed", "invalid-configuration", "not-flink-memory", "memory-layout"];

const GiB = 1024n ** 3n;
const MiB = 1024n ** 2n;

/** "4 GB" in YARN's diagnostics (Hadoop prints binary units). */
function yarnBytes(text: string): bigint | undefined {
  const m = /^([\d.]+)\s*([KMGT]?)B$/.exec(text.trim());
  if (!m) return undefined;
  const unit = { "": 1n, K: 1024n, M: MiB, G: GiB, T: GiB * 1024n }[m[2]!]!;
  const mib = Number(m[1]) * Number(unit / (unit >= MiB ? MiB : 1n));
  return unit >= MiB && Number.isInteger(mib) ? BigInt(mib) * MiB : undefined;
}

function layoutFinding(r: LayoutReading, flink: string, container: bigint | undefined): Finding {
  const f = finding("memory-layout", r.template, r.lines, { process: r.process });
  for (const [k, v] of Object.entries(r.parts)) f.numbers[k] = String(v);
  if (r.jvm.heap !== undefined) f.numbers["-Xmx"] = String(r.jvm.heap);
  if (r.jvm.direct !== undefined) f.numbers["-XX:MaxDirectMemorySize"] = String(r.jvm.direct);
  if (r.jvm.metaspace !== undefined) f.numbers["-XX:MaxMetaspaceSize"] = String(r.jvm.metaspace);
  if (r.process === "jobmanager" && r.jvm.heap !== undefined && r.jvm.direct === undefined) f.notes.push("No -XX:MaxDirectMemorySize: the JobManager's direct memory has no limit (jobmanager.memory.enable-jvm-direct-memory-limit is false).");
  if (container !== undefined) f.notes.push(`Container limit from the paste: ${container} bytes (Flink on YARN sizes the process to the container).`);
  const rebuilt = rebuildLayout(r, flink, container);
  if (rebuilt) {
    f.rebuilt = { flink: rebuilt.flink, settings: rebuilt.settings, matches: true, detail: rebuilt.detail + (rebuilt.releases && rebuilt.releases.length > 0 ? ` Same layout in Flink ${rebuilt.releases.join(", ")}.` : "") };
  } else {
    f.notes.push("No configuration tried reproduces every stated size in any supported release: the paste may be cut, edited, or from a release or setting this tool does not model.");
  }
  return f;
}

/** Runs the engine on the paste's memory options and compares with Flink's message. */
function checkIllegal(ic: IllegalConfig, options: [string, string][], flink: string): void {
  if (options.length === 0 || ic.message === "") return;
  const f = ic.finding;
  const processes = f.process ? [f.process] : (["taskmanager", "jobmanager"] as const);
  const lines = [flink, ...[...SUPPORTED_LINES].reverse().filter((l) => l !== flink)];
  const reproducing: { line: string; process: "taskmanager" | "jobmanager" }[] = [];
  for (const line of lines) {
    for (const p of processes) {
      try {
        if (p === "taskmanager") resolveTaskManager({ flink: line, dynamic: options, trace: false });
        else resolveJobManager({ flink: line, dynamic: options, trace: false });
      } catch (e) {
        // Flink 1.x wraps it ("JobManager memory configuration failed: …"): the cause chain counts.
        if (e instanceof FlinkError && (e.message === ic.message || e.causes.includes(ic.message) || e.message.endsWith(`: ${ic.message}`))) reproducing.push({ line, process: p });
      }
    }
  }
  if (reproducing.length > 0) {
    const who = new Set(reproducing.map((r) => r.process));
    // The message does not name its process; the one the engine reproduces it for does.
    if (!f.process && who.size === 1) f.process = reproducing[0]!.process;
    const releases = [...new Set(reproducing.map((r) => r.line))];
    f.notes.push(`The engine gives Flink's exact message from the paste's memory options (${options.map(([k, v]) => `${k}: ${v}`).join(", ")}) in Flink ${releases.join(", ")}.`);
    f.rebuilt = { flink: releases[0]!, settings: options, matches: true, detail: "these options fail with this message" };
  } else f.notes.push("The memory options in the paste do not produce this message in any supported release: the failing configuration held more than the paste shows.");
}

function pasteNotes(raw: string, ev: Evidence): string[] {
  const notes: string[] = [];
  if (raw.trim() === "") return ["The paste is empty: paste a log, an exception, `kubectl describe pod` output, YARN diagnostics or a launch command."];
  const sample = raw.slice(0, 65536);
  const control = (sample.match(/[\u0000-\u0008\u000e-\u001a\u001c-\u001f\ufffd]/g) ?? []).length;
  if (control > sample.length / 20) notes.push("The input looks binary (many control or invalid bytes), not a pasted text: only its readable parts were searched.");
  if (raw.length > MAX_PASTE_CHARS) notes.push(`The paste is longer than ${MAX_PASTE_CHARS} characters: only the first ${MAX_PASTE_CHARS} were read.`);
  void ev;
  return notes;
}

export function diagnose(paste: string, options: DiagnoseOptions = {}): DiagnoseResult {
  const flink = options.flink ?? NEWEST_LINE;
  const ev = readEvidence(paste);
  const notes = pasteNotes(paste, ev);
  const findings: Finding[] = [];
  findings.push(...recogniseBufferShortages(ev), ...recogniseShuffle(ev), ...recogniseSizes(ev), ...recogniseOutOfMemory(ev), ...recogniseContainerKills(ev));
  const illegal = recogniseIllegalConfig(ev);
  const memoryOptions = readMemoryOptions(ev);
  for (const ic of illegal) {
    checkIllegal(ic, memoryOptions, flink);
    findings.push(ic.finding);
  }
  findings.push(...recogniseProse(ev, findings));
  const kill = findings.find((f) => f.kind === "container-killed" && f.numbers.platform === "yarn" && typeof f.numbers.limit === "string");
  const container = kill ? yarnBytes(String(kill.numbers.limit)) : undefined;
  const stated = readLayouts(ev, kill?.process).map((r) => layoutFinding(r, flink, r.process === kill?.process ? container : undefined));
  // A layout that Flink's engine gives to the byte is a Flink process even when nothing names it.
  const judged = judgeForeign(paste.slice(0, MAX_PASTE_CHARS), findings, flink, stated.some((l) => l.rebuilt?.matches));
  findings.splice(0, findings.length, ...judged.findings);
  const foreign = findings.some((f) => f.kind === "not-flink-memory");
  const layouts = foreign ? [] : [...judged.layouts, ...stated];
  if (!foreign && illegal.length === 0) layouts.push(...configDumpLayouts(ev, memoryOptions, flink, new Set(layouts.map((l) => l.process!))));
  // Buffer counts say the network size when nothing else in the paste gives the TaskManager's layout.
  if (!foreign && !layouts.some((l) => l.process === "taskmanager")) layouts.push(...readBufferCounts(ev).slice(0, 2).map((c) => bufferCountFinding(c, flink)));
  findings.push(...layouts);
  const local = localRunLines(ev);
  const platform = local ? "local" : findings.find((f) => f.kind === "container-killed" && (f.numbers.platform === "yarn" || f.numbers.platform === "kubernetes"))?.numbers.platform as "yarn" | "kubernetes" | undefined;
  advise(findings, {
    flink,
    ...(options.configuration ? { given: options.configuration } : {}),
    layouts,
    pasteOptions: memoryOptions,
    ...(local ? { local } : {}),
    ...(platform ? { platform } : {}),
  });
  findings.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  if (findings.length === 0 && notes.length === 0) notes.push(`Nothing in these ${ev.lines.length} line(s) is a Flink memory failure or memory layout this tool knows: no conclusion.`);
  else if (findings.length === 0 && paste.trim() !== "") notes.push("No Flink memory failure or layout recognised.");
  return { flink, findings, notes };
}
