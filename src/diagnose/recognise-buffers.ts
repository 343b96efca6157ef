/**
 * Recognises the shortages Flink reports in its own pools: network buffers (a local pool asks
 * more than the global pool has left), the network pool's allocation at start-up, and managed
 * memory (pages a batch operator or state backend could not get).
 * @module
 */
import type { Evidence } from "./evidence.js";
import { finding, type Finding } from "./finding.js";
import { after, hits, num } from "./match.js";

/** Flink's default `taskmanager.memory.segment-size`. */
export const DEFAULT_SEGMENT_SIZE = 32768;

function networkBuffers(ev: Evidence): Finding[] {
  const out: Finding[] = [];
  // "required N, but only M available" (1.10+); older: "required N, but only M of T available".
  const re = /Insufficient number of network buffers\s*:\s*required\s+(\d+)\s*,\s*but only\s+(\d+)(?:\s+of\s+(\d+))?\s+available/i;
  for (const h of hits(ev, re)) {
    const required = num(h.groups[0]);
    const available = num(h.groups[1]);
    const rest = after(ev, h, 700, /Insufficient number of network buffers|Caused by:|\bat [\w$.]+\(/);
    // A segment of 0 bytes is no segment Flink has (a cut or edited paste): the total is not read.
    const total = /currently set to\s+(\d+)\s+of\s+([1-9]\d*)\s+bytes/i.exec(rest);
    // Flink 1.0–1.4 count buffers without their size ("currently set to 2048.").
    const countOnly = total ? undefined : /currently set to\s+(\d+)\s*\./i.exec(rest);
    const totalBuffers = total ? num(total[1]) : countOnly ? num(countOnly[1]) : h.groups[2] ? num(h.groups[2]) : undefined;
    const segment = total ? num(total[2]) : DEFAULT_SEGMENT_SIZE;
    const f = finding("network-buffers", h.groups[2] ? "Insufficient number of network buffers: required %d, but only %d of %d available" : "Insufficient number of network buffers: required %d, but only %d available", h.lines, {
      process: "taskmanager",
      component: "network",
    });
    const keys = [...rest.matchAll(/['‘]((?:taskmanager\.memory\.network|taskmanager\.network\.memory)\.[a-z-]+|taskmanager\.network\.numberOfBuffers)['’]/g)].map((m) => m[1]!);
    if (keys.length > 0) f.flinkHint = `set ${keys.join(", ")}`;
    const shortBuffers = Math.max(0, required - available);
    f.numbers = { requiredBuffers: required, availableBuffers: available, shortBuffers, segmentSize: segment, shortBytes: String(BigInt(shortBuffers) * BigInt(segment)) };
    if (keys.includes("taskmanager.network.numberOfBuffers") && totalBuffers !== undefined) {
      f.notes.push(`The message names taskmanager.network.numberOfBuffers: a Flink before 1.5, which counts buffers. There, set it to at least ${totalBuffers + shortBuffers}; since Flink 1.10 the network is sized in bytes (taskmanager.memory.network.*).`);
    }
    if (!total) f.notes.push(`Segment size assumed ${DEFAULT_SEGMENT_SIZE} bytes (Flink's default): the paste does not state it.`);
    if (totalBuffers !== undefined) {
      const needed = BigInt(totalBuffers + shortBuffers) * BigInt(segment);
      f.numbers.totalBuffers = totalBuffers;
      f.numbers.networkBytes = String(BigInt(totalBuffers) * BigInt(segment));
      f.numbers.neededNetworkBytes = String(needed);
      f.notes.push(
        `The TaskManager has ${totalBuffers} buffers; others already hold ${totalBuffers - available}; this pool needs ${required}: at least ${totalBuffers + shortBuffers} buffers = ${needed} bytes of network memory for this deployment step (later pools may need more).`,
      );
    } else {
      f.notes.push(`The network memory must grow by at least ${shortBuffers} buffers (${BigInt(shortBuffers) * BigInt(segment)} bytes) for this one pool; the paste does not give the total, so the new size cannot be stated.`);
    }
    out.push(f);
  }
  return out;
}

function networkPool(ev: Evidence): Finding[] {
  const re = /Could not allocate enough memory segments for NetworkBufferPool\s*\(\s*required\s*\(M[Bb]\)\s*:\s*(\d+)\s*,\s*allocated\s*\(M[Bb]\)\s*:\s*(\d+)\s*,\s*missing\s*\(M[Bb]\)\s*:\s*(\d+)\s*\)/;
  return hits(ev, re).map((h) => {
    const cause = /^\s*\.?\s*Cause:\s*([^.]+)/.exec(after(ev, h, 200))?.[1]?.trim();
    const f = finding("network-buffer-pool", "Could not allocate enough memory segments for NetworkBufferPool (required (MB): %d, allocated (MB): %d, missing (MB): %d)", h.lines, {
      process: "taskmanager",
      component: "network",
    });
    f.numbers = { requiredMB: num(h.groups[0]), allocatedMB: num(h.groups[1]), missingMB: num(h.groups[2]) };
    f.notes.push(
      `The TaskManager could not reserve its ${num(h.groups[0])} MB of network memory at start-up: only ${num(h.groups[1])} MB could be allocated${cause ? ` (cause: ${cause === "Direct buffer memory" ? "the JVM's direct memory limit" : "see the paste"})` : ""}.`,
      "The network size itself is not too small: something else (the JVM's direct memory limit, the machine's or container's memory) left no room. In an embedded/local run, lower the network memory (taskmanager.memory.network.max) or give the JVM more memory.",
    );
    return f;
  });
}

function managed(ev: Evidence): Finding[] {
  const out: Finding[] = [];
  for (const h of hits(ev, /Could not allocate\s+(\d+)\s+pages/)) {
    const f = finding("managed-memory", "Could not allocate %d pages", h.lines, { process: "taskmanager", component: "managed memory" });
    const pages = num(h.groups[0]);
    f.numbers = { pages, pageSize: DEFAULT_SEGMENT_SIZE, requestedBytes: String(BigInt(pages) * BigInt(DEFAULT_SEGMENT_SIZE)) };
    const rest = after(ev, h, 600);
    const bytes = /Could not allocate\s+(\d+)\s+bytes\s*,\s*only\s+(\d+)\s+bytes are remaining/.exec(rest);
    if (bytes) Object.assign(f.numbers, { requestedBytes: bytes[1]!, remainingBytes: bytes[2]!, shortBytes: String(BigInt(bytes[1]!) - BigInt(bytes[2]!)) });
    else f.notes.push(`Page size assumed ${DEFAULT_SEGMENT_SIZE} bytes (taskmanager.memory.segment-size default).`);
    f.notes.push("A slot's share of managed memory was used up: raise taskmanager.memory.managed.size/fraction, or run fewer slots per TaskManager so each gets more.");
    out.push(f);
  }
  if (out.length === 0) {
    for (const h of hits(ev, /Could not allocate\s+(\d+)\s+bytes\s*,\s*only\s+(\d+)\s+bytes are remaining/)) {
      const f = finding("managed-memory", "Could not allocate %d bytes, only %d bytes are remaining", h.lines, { process: "taskmanager", component: "managed memory" });
      f.numbers = { requestedBytes: h.groups[0]!, remainingBytes: h.groups[1]!, shortBytes: String(BigInt(h.groups[0]!) - BigInt(h.groups[1]!)) };
      out.push(f);
    }
  }
  for (const h of hits(ev, /The fraction of memory to allocate should not be 0/)) {
    const f = finding("managed-memory", "The fraction of memory to allocate should not be 0", h.lines, { process: "taskmanager", component: "managed memory (consumer weights)" });
    f.flinkHint = "configure every managed memory consumer of the job with a non-negative weight via 'taskmanager.memory.managed.consumer-weights'";
    f.notes.push("Not a size problem: an operator asked for managed memory while its consumer type has weight 0 in taskmanager.memory.managed.consumer-weights. Give that use case (OPERATOR, STATE_BACKEND, PYTHON) a weight.");
    out.push(f);
  }
  for (const h of hits(ev, /The fraction of memory to allocate must within \(0, 1\], was:\s*([\d.eE+-]+)/)) {
    const f = finding("managed-memory", "The fraction of memory to allocate must within (0, 1], was: %s", h.lines, { process: "taskmanager", component: "managed memory (consumer weights)" });
    f.numbers = { fraction: h.groups[0]! };
    out.push(f);
  }
  for (const h of hits(ev, /More buffers requested available than totally available/)) {
    const f = finding("managed-memory", "More buffers requested available than totally available", h.lines, { process: "taskmanager", component: "managed memory (hash join)" });
    f.notes.push("A batch hash join got fewer managed memory pages than it needs (legacy DataSet runtime): give the TaskManager more managed memory or lower the parallelism per TaskManager.");
    out.push(f);
  }
  for (const h of hits(ev, /MemoryAllocationException/)) {
    if (out.some((f) => f.evidence[0]!.lines.some((l) => h.lines.includes(l)))) continue;
    out.push(finding("managed-memory", "MemoryAllocationException", h.lines, { process: "taskmanager", component: "managed memory" }));
  }
  return out;
}

export function recogniseBufferShortages(ev: Evidence): Finding[] {
  return [...networkBuffers(ev), ...networkPool(ev), ...managed(ev)];
}
