/**
 * Size messages that are not failures of a running process: YARN rounding a container up to its
 * minimum allocation (the extra is not Flink's), and a network or managed size too large for
 * Flink's page count (more than 2^31-1 pages).
 * @module
 */
import type { Evidence } from "./evidence.js";
import { finding, type Finding } from "./finding.js";
import { hits } from "./match.js";

function yarnRounding(ev: Evidence): Finding[] {
  const re = /The configured (\w+) memory is (\d+) MB\. YARN will allocate (\d+) MB to make up an integer multiple of its minimum allocation memory \((\d+) MB/;
  return hits(ev, re).slice(0, 2).map((h) => {
    const [who, configured, allocated, min] = h.groups as string[];
    const process = /job ?manager/i.test(who!) ? "jobmanager" : /task ?manager/i.test(who!) ? "taskmanager" : undefined;
    const f = finding("memory-layout", "The configured %s memory is %d MB. YARN will allocate %d MB to make up an integer multiple of its minimum allocation memory (%d MB, …)", h.lines, { component: "total process memory (container)" });
    if (process) f.process = process;
    f.numbers = { configuredMB: Number(configured), containerMB: Number(allocated), minAllocationMB: Number(min), unusedMB: Number(allocated) - Number(configured) };
    f.notes.push(`The ${who} process is ${configured} MB; YARN gives its container ${allocated} MB. The ${Number(allocated) - Number(configured)} MB more are not used by Flink: size the process to a multiple of yarn.scheduler.minimum-allocation-mb (${min} MB) to use them.`);
    return f;
  });
}

function tooManyPages(ev: Evidence): Finding[] {
  const re = /The given number of memory bytes \(\s*(\d+)\s*\) corresponds to more than MAX_INT pages/;
  return hits(ev, re).slice(0, 1).map((h) => {
    const f = finding("invalid-configuration", "The given number of memory bytes (%d) corresponds to more than MAX_INT pages.", h.lines, { process: "taskmanager", component: "network or managed memory (page count)" });
    f.numbers = { bytes: h.groups[0]! };
    f.notes.push("Flink counts network and managed memory in pages (taskmanager.memory.segment-size) and a count must fit an int (2^31-1): lower the size, or raise the segment size.");
    return f;
  });
}

export function recogniseSizes(ev: Evidence): Finding[] {
  return [...yarnRounding(ev), ...tooManyPages(ev)];
}
