/**
 * Recognises the shuffle's own memory failures (Flink 1.14+): the batch shuffle read buffer
 * pool, which lives in framework off-heap memory, failing to get its direct buffers or being
 * configured below one segment, and the per-gate buffer maximum set below one.
 * @module
 */
import type { Evidence } from "./evidence.js";
import { finding, type Finding } from "./finding.js";
import { hits, num } from "./match.js";

const BATCH_SHUFFLE_KEY = "taskmanager.memory.framework.off-heap.batch-shuffle.size";

function readPool(ev: Evidence): Finding[] {
  const re = /Can'?t allocate enough direct buffer for batch shuffle read buffer pool\s*\(\s*bytes allocated\s*:\s*(\d+)\s*,\s*bytes still needed\s*:\s*(\d+)\s*\)/;
  return hits(ev, re).slice(0, 1).map((h) => {
    const f = finding("direct-oom", "Can't allocate enough direct buffer for batch shuffle read buffer pool (bytes allocated: %d, bytes still needed: %d)", h.lines, {
      process: "taskmanager",
      component: "framework off-heap (batch shuffle read)",
    });
    f.flinkHint = `undo a decrease of taskmanager.memory.framework.off-heap.size; if ${BATCH_SHUFFLE_KEY} was increased, increase taskmanager.memory.framework.off-heap.size too; else increase taskmanager.memory.task.off-heap.size`;
    f.numbers = { allocatedBytes: h.groups[0]!, shortBytes: h.groups[1]! };
    f.notes.push(
      `The batch shuffle read pool (${BATCH_SHUFFLE_KEY}, 64 MiB by default) is taken from framework off-heap memory when the first batch shuffle is read; ${h.groups[1]} bytes of it could not be allocated because other direct memory users had taken the room.`,
    );
    return f;
  });
}

function readPoolTooSmall(ev: Evidence): Finding[] {
  const re = /config value for '([\w.-]+)' must be no smaller than '([\w.-]+)'\s*,\s*please increase '[\w.-]+' to at least (\d+) bytes/;
  return hits(ev, re).slice(0, 1).map((h) => {
    const f = finding("invalid-configuration", "Illegal configuration, config value for '%s' must be no smaller than '%s', please increase '%s' to at least %d bytes.", h.lines, {
      process: "taskmanager",
      component: "framework off-heap (batch shuffle read)",
    });
    f.flinkHint = `increase '${h.groups[0]}' to at least ${h.groups[2]} bytes`;
    f.numbers = { leastBytes: num(h.groups[2]) };
    f.notes.push(`The batch shuffle read memory must hold at least one segment (${h.groups[1]}): set ${h.groups[0]} to at least ${h.groups[2]} bytes, or remove it (64m by default).`);
    return f;
  });
}

function gateMinimum(ev: Evidence): Finding[] {
  return hits(ev, /At least one buffer is required for each gate, please increase the value of\s+([\w.-]+)/).slice(0, 1).map((h) => {
    const f = finding("invalid-configuration", "At least one buffer is required for each gate, please increase the value of %s.", h.lines, {
      process: "taskmanager",
      component: "network (buffers per input gate)",
    });
    f.flinkHint = `increase the value of ${h.groups[0]!.replace(/\.$/, "")}`;
    f.notes.push(`Not a size: ${h.groups[0]!.replace(/\.$/, "")} is set below 1. Set it to 1 or more, or remove it to get Flink's default.`);
    return f;
  });
}

export function recogniseShuffle(ev: Evidence): Finding[] {
  return [...readPool(ev), ...readPoolTooSmall(ev), ...gateMinimum(ev)];
}
