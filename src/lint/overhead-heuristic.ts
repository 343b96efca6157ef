/**
 * How much JVM overhead a Flink process needs — our heuristic, not Flink's rule. JVM overhead
 * is the native memory outside heap, direct memory and metaspace: thread stacks, the JIT code
 * cache, GC data structures, symbol tables, native libraries. When it is too small the JVM still
 * starts, but the container is OOM-killed under load although the heap looks fine.
 *
 * - thread stacks: 1 MiB each (the default -Xss on 64-bit Linux); a TaskManager runs about
 *   48 threads of its own (RPC, Netty, I/O pool, GC, JIT, metrics) plus about 8 per slot (task
 *   thread, output flusher, timers, checkpointing, connector clients); a JobManager about 64;
 * - code cache: 32 MiB, plus 1/8 of the metaspace limit (more classes, more compiled code);
 * - GC structures: 1% of the JVM heap (G1 remembered sets and card tables).
 * @module
 */
import { MiB } from "../size/memory-size.js";

export const THREAD_STACK = MiB;
const TM_BASE_THREADS = 48;
const TM_THREADS_PER_SLOT = 8;
const JM_THREADS = 64;
const CODE_CACHE_BASE = 32n * MiB;

export interface OverheadNeed {
  threads: number;
  stacks: bigint;
  codeCache: bigint;
  gc: bigint;
  total: bigint;
}

export function overheadNeeded(kind: "tm" | "jm", p: { slots: number; metaspace: bigint; jvmHeap: bigint }): OverheadNeed {
  const threads = kind === "tm" ? TM_BASE_THREADS + TM_THREADS_PER_SLOT * Math.max(1, p.slots) : JM_THREADS;
  const stacks = BigInt(threads) * THREAD_STACK;
  const codeCache = CODE_CACHE_BASE + p.metaspace / 8n;
  const gc = p.jvmHeap / 100n;
  return { threads, stacks, codeCache, gc, total: stacks + codeCache + gc };
}
