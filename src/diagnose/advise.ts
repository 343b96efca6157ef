/**
 * The changes each finding asks for, on a base configuration: the user's when given, else a
 * layout the paste rebuilds to the byte, else the memory options the paste states. Each
 * failure with an amount (buffers, bytes short, bytes over the container) grows its component
 * by that much; a failure without one grows it by a stated step where that is a sound remedy,
 * and gets no change where it is not (heap OOMs, leaks, kills outside the model).
 * @module
 */
import { Prober } from "../fix/probe.js";
import { resolveLocal, type ResolveRequest } from "../resolve.js";
import { shortSize } from "../render/table.js";
import { SIZE_KEY } from "./config-dump.js";
import type { Finding, ProcessKind } from "./finding.js";
import { growVariants, type GrowPart, type Growth } from "./grow.js";
import { localNetworkChange } from "./local-run.js";
import { networkChanges } from "./network-change.js";

export interface AdviseContext {
  flink: string;
  /** The user's configuration, when given. */
  given?: ResolveRequest;
  /** Layout findings (with their rebuilt configuration). */
  layouts: readonly Finding[];
  /** Memory options the paste states (`key: value` lines, configuration dumps). */
  pasteOptions: readonly [string, string][];
  /** Lines showing a local (MiniCluster) run, if any. */
  local?: number[];
  platform?: Growth["platform"];
}

interface Base {
  req: ResolveRequest;
  name: string;
}

/** Whose key an option is. */
const ownerOf = (key: string): ProcessKind | undefined => (key.startsWith("taskmanager.") ? "taskmanager" : key.startsWith("jobmanager.") ? "jobmanager" : undefined);

/** The configuration changes for `process` are computed on. */
export function baseFor(process: ProcessKind, ctx: AdviseContext): Base | undefined {
  if (ctx.given) return { req: { ...ctx.given, flink: ctx.flink }, name: "the given configuration" };
  const layout = ctx.layouts.find((l) => l.process === process && l.rebuilt?.matches && !l.evidence.some((e) => /network buffer|memory options in the paste/.test(e.template)));
  if (layout) return { req: { flink: layout.rebuilt!.flink, dynamic: layout.rebuilt!.settings }, name: "the layout rebuilt from the paste" };
  const own = ctx.pasteOptions.filter(([k]) => ownerOf(k) === process);
  if (own.some(([k]) => SIZE_KEY.test(k))) return { req: { flink: ctx.flink, dynamic: [...ctx.pasteOptions] }, name: "the memory options in the paste (Flink's defaults for the rest)" };
  return undefined;
}

function slotsOf(req: ResolveRequest): number {
  const p = Prober.of("tm", req);
  try {
    return p ? Math.max(1, p.config.get(p.config.options.get<"int">("tm.slots")) ?? 1) : 1;
  } catch {
    return 1;
  }
}

function noBase(f: Finding, what: string): void {
  f.notes.push(`No configuration in the paste: ${what}; give yours with --config/--config-dir/-D for a checked change.`);
}

function grow(f: Finding, process: ProcessKind, part: GrowPart, ctx: AdviseContext, amount: { by: bigint } | { step: true }, what: string): void {
  const base = baseFor(process, ctx);
  if (!base) return noBase(f, what);
  f.changes.push(...growVariants(base.req, { process, part, baseName: base.name, ...amount, ...(ctx.platform ? { platform: ctx.platform } : {}) }, f.notes));
}

/** A local run's network memory is known without the message saying it: 64 MiB unless set. */
function localTotal(f: Finding, ctx: AdviseContext): void {
  if (f.numbers.totalBuffers !== undefined || typeof f.numbers.shortBuffers !== "number") return;
  const segment = BigInt(f.numbers.segmentSize ?? 32768);
  try {
    const network = resolveLocal({ ...(ctx.given ?? {}), flink: ctx.flink, trace: false }).spec.network;
    const total = network / segment;
    const needed = (total + BigInt(f.numbers.shortBuffers)) * segment;
    Object.assign(f.numbers, { totalBuffers: Number(total), networkBytes: String(network), neededNetworkBytes: String(needed) });
    f.notes = f.notes.filter((n) => !/the new size cannot be stated/.test(n));
    f.notes.push(`The message does not give the total, but a local run has ${network} bytes of network memory (${total} buffers) ${ctx.given ? "with the given configuration" : "unless it is set"}: at least ${needed} bytes are needed.`);
  } catch {
    // The given configuration does not resolve for a local run: nothing to add.
  }
}

function networkBuffers(f: Finding, ctx: AdviseContext): void {
  if (ctx.local) localTotal(f, ctx);
  const needed = f.numbers.neededNetworkBytes;
  if (ctx.local && typeof needed === "string") {
    f.notes.push(`A local run (line ${ctx.local[0]}): its network memory is fixed (64 MiB unless set), not derived from a process size.`);
    f.changes.push(localNetworkChange(ctx.given ? { ...ctx.given, flink: ctx.flink } : { flink: ctx.flink }, BigInt(needed), Number(f.numbers.segmentSize ?? 32768)));
    return;
  }
  const base = baseFor("taskmanager", ctx);
  if (base) f.changes.push(...networkChanges(f, base.req, base.name, ctx.platform));
  else if (typeof needed === "string") noBase(f, `set taskmanager.memory.network.min to at least ${needed} bytes (and max at least that), then check it with \`flink-memory tm\``);
}

function managed(f: Finding, ctx: AdviseContext): void {
  const short = f.numbers.shortBytes;
  if (typeof short !== "string" || BigInt(short) <= 0n) return;
  const base = baseFor("taskmanager", ctx);
  if (!base) return noBase(f, `each slot's managed memory must grow by at least ${short} bytes (times the number of slots for the TaskManager)`);
  // Each slot has its own memory manager holding managed memory / slots.
  const slots = slotsOf(base.req);
  const by = BigInt(short) * BigInt(slots);
  f.notes.push(`Each of the ${slots} slot(s) has its own share of managed memory: ${short} bytes more per slot is ${by} bytes (${shortSize(by)}) more for the TaskManager, at least; consumers that take a fraction of the slot grow with it.`);
  f.changes.push(...growVariants(base.req, { process: "taskmanager", part: "managed", by, baseName: base.name, ...(ctx.platform ? { platform: ctx.platform } : {}) }, f.notes));
}

function direct(f: Finding, ctx: AdviseContext): void {
  const process = f.process ?? "taskmanager";
  if (process === "jobmanager") {
    f.notes.push("On a JobManager, raise jobmanager.memory.off-heap.size; its limit only exists with jobmanager.memory.enable-jvm-direct-memory-limit: true (otherwise the JVM's default limit, the heap size, applies).");
    return;
  }
  const part: GrowPart = /batch shuffle/.test(f.component ?? "") ? "frameworkOffHeap" : "taskOffHeap";
  const short = f.numbers.shortBytes;
  const amount = typeof short === "string" && BigInt(short) > 0n ? { by: BigInt(short) } : { step: true as const };
  grow(f, process, part, ctx, amount, `raise ${part === "frameworkOffHeap" ? "taskmanager.memory.framework.off-heap.size" : "taskmanager.memory.task.off-heap.size"}${"by" in amount ? ` by at least ${amount.by} bytes` : ""}`);
}

function metaspace(f: Finding, ctx: AdviseContext): void {
  // A leak grows with every submission: more metaspace only delays it, so no size is offered.
  if (f.notes.some((n) => /grows with repeated submissions/.test(n))) return;
  if (!f.process) return;
  grow(f, f.process, "metaspace", ctx, { step: true }, `raise ${f.process}.memory.jvm-metaspace.size`);
}

function killed(f: Finding, ctx: AdviseContext): void {
  // Only Hadoop 3 says by how much the container went over: that much more JVM overhead leaves
  // the native memory outside the model its room (or the container grows by it).
  const over = f.numbers.overBytes;
  if (typeof over !== "string" || f.numbers.limitKind === "virtual" || !f.process) return;
  grow(f, f.process, "overhead", ctx, { by: BigInt(over) }, `raise ${f.process}.memory.jvm-overhead.min/max by at least ${over} bytes`);
}

/** Adds the checked changes to each finding that asks for one. */
export function advise(findings: Finding[], ctx: AdviseContext): void {
  for (const f of findings) {
    if (f.kind === "network-buffers") networkBuffers(f, ctx);
    else if (f.kind === "managed-memory") managed(f, ctx);
    else if (f.kind === "direct-oom" && !/^prose/.test(f.evidence[0]!.template)) direct(f, ctx);
    else if (f.kind === "metaspace-oom" && !/^prose/.test(f.evidence[0]!.template)) metaspace(f, ctx);
    else if (f.kind === "container-killed") killed(f, ctx);
  }
}
