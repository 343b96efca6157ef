/**
 * From buffer counts to the network size: a TaskManager's log says how many network buffers of
 * which size it has ("Allocated 64 MB for network buffer pool (number of memory segments: 2048,
 * bytes per segment: 32768)", or a shortage's "currently set to 2048 of 32768 bytes each").
 * Buffers are the network memory divided by the segment size, truncated, so the count pins the
 * network memory to one segment's width; the engine then says which process sizes give it
 * with Flink's defaults otherwise.
 * @module
 */
import type { TaskManagerSpec } from "../model/taskmanager.js";
import { shortSize } from "../render/table.js";
import { MiB } from "../size/memory-size.js";
import type { Evidence } from "./evidence.js";
import { finding, type Finding } from "./finding.js";
import { leastProcessSize } from "./least-process.js";
import { hits } from "./match.js";

export interface BufferCount {
  segments: bigint;
  segmentSize: bigint;
  lines: number[];
  template: string;
}

/** The counts the paste states, the pool's own start-up line first. */
export function readBufferCounts(ev: Evidence): BufferCount[] {
  const out: BufferCount[] = [];
  for (const h of hits(ev, /Allocated\s+\d+\s+MB for network buffer pool\s*\(\s*number of memory segments\s*:\s*(\d+)\s*,\s*bytes per segment\s*:\s*(\d+)\s*\)/)) {
    out.push({ segments: BigInt(h.groups[0]!), segmentSize: BigInt(h.groups[1]!), lines: h.lines, template: "Allocated %d MB for network buffer pool (number of memory segments: %d, bytes per segment: %d)." });
  }
  for (const h of hits(ev, /total number of network buffers is currently set to\s+(\d+)\s+of\s+(\d+)\s+bytes each/)) {
    out.push({ segments: BigInt(h.groups[0]!), segmentSize: BigInt(h.groups[1]!), lines: h.lines, template: "The total number of network buffers is currently set to %d of %d bytes each." });
  }
  // One reading per distinct count: a job that fails repeatedly prints the same pool many times.
  // A segment of 0 bytes is no size Flink accepts: such a line was edited.
  return out.filter((c) => c.segmentSize > 0n).filter((c, i) => out.findIndex((o) => o.segments === c.segments && o.segmentSize === c.segmentSize) === i);
}

const network = (s: TaskManagerSpec) => s.network;

/** A layout finding for a buffer count, with the process sizes that give it (Flink's defaults otherwise). */
export function bufferCountFinding(c: BufferCount, flink: string): Finding {
  const low = c.segments * c.segmentSize;
  const high = low + c.segmentSize - 1n;
  const f = finding("memory-layout", c.template, c.lines, { process: "taskmanager", component: "network" });
  f.numbers = { networkBuffers: String(c.segments), segmentSize: String(c.segmentSize), networkBytes: low === high ? String(low) : `${low}–${high}` };
  const defaults = c.segmentSize === 32768n;
  if (low === 64n * MiB && defaults) {
    f.notes.push(
      `${c.segments} buffers × ${c.segmentSize} bytes = 64 MiB: taskmanager.memory.network.min's default. Either the fraction gives less (Total Flink Memory at most 640 MiB with the default fraction 0.1), or a local run (a MiniCluster's network is 64 MiB unless set), or network min/max were set to 64m.`,
    );
    return f;
  }
  if (low === 1024n * MiB && defaults) {
    f.notes.push(`${c.segments} buffers × ${c.segmentSize} bytes = 1 GiB: taskmanager.memory.network.max's default. Total Flink Memory is 10 GiB or more with the default fraction 0.1 (or network min/max were set to 1g).`);
    return f;
  }
  if (!defaults) {
    f.notes.push(`Network memory ${shortSize(low)} (${low} bytes${low === high ? "" : ` to ${high}`}), in segments of ${c.segmentSize} bytes (taskmanager.memory.segment-size is set).`);
    return f;
  }
  const from = leastProcessSize(flink, low, network);
  const to = leastProcessSize(flink, high + 1n, network);
  if (from !== undefined && to !== undefined && to > from) {
    const mib = ((from + MiB - 1n) / MiB) * MiB;
    f.notes.push(
      `Network memory is ${low}–${high} bytes. With Flink ${flink}'s defaults otherwise (network fraction 0.1), a taskmanager.memory.process.size from ${from} to ${to - 1n} bytes gives exactly this count${mib < to ? ` (e.g. ${mib / MiB}m)` : ""}; a set fraction, min/max or fine-grained sizes give it from other sizes.`,
    );
    if (mib < to) {
      f.rebuilt = { flink, settings: [["taskmanager.memory.process.size", `${mib / MiB}m`]], matches: true, detail: `The engine gives ${c.segments} network buffers (Flink ${flink}, one of the sizes that do).` };
    }
  } else f.notes.push(`Network memory is ${low}–${high} bytes: no process size with Flink's defaults otherwise gives it, so the network fraction, min/max or fine-grained sizes were set.`);
  return f;
}
