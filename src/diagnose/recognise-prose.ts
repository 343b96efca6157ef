/**
 * Failures told in words rather than pasted ("we're low on direct memory", "OOMs on
 * metaspace", Chinese reports): recognised only when no Flink message says it, and marked so.
 * @module
 */
import type { Evidence } from "./evidence.js";
import { finding, type Finding } from "./finding.js";
import { hits } from "./match.js";

const WORDS_ONLY = "Read from the reporter's words, not from Flink's message: no numbers follow, and the kind is a reading of the text.";

export function recogniseProse(ev: Evidence, already: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  const has = (k: string) => already.some((f) => f.kind === k);
  if (!has("direct-oom")) {
    const h = hits(ev, /\b(?:low on|out of|ran out of|running out of|short of)\s+direct\s+mem(?:ory)?\b|\bdirect (?:memory )?OOMs?\b/i)[0];
    if (h) out.push(finding("direct-oom", "prose: out of direct memory", h.lines, { component: "JVM direct memory (task off-heap)", notes: [WORDS_ONLY, "Direct memory used by connectors and client SDKs (Kafka, cloud storage) counts against task off-heap: 'taskmanager.memory.task.off-heap.size' (default 0) is the TaskManager's room for it."] }));
  }
  if (!has("metaspace-oom")) {
    const h = hits(ev, /\bOOMs?\b[^.\n]{0,20}\bmeta ?space\b|\bmeta ?space\b[^.\n]{0,20}\bOOMs?\b|元空间[^。]{0,60}(?:内存溢出|OOM)/i)[0];
    if (h) {
      const f = finding("metaspace-oom", "prose: metaspace out of memory", h.lines, { component: "JVM metaspace", notes: [WORDS_ONLY] });
      const jm = /\bjob ?manager\b|\bJM\b/i.test(ev.flow);
      const tm = /\btask ?manager\b|\bTM\b/i.test(ev.flow);
      if (jm && !tm) f.process = "jobmanager";
      else if (tm && !jm) f.process = "taskmanager";
      if (/重复提交|resubmi|re-submi|submit.{0,40}cancel|提交.{0,20}取消/i.test(ev.flow)) f.notes.push("It grows with repeated submissions: a class-loading leak. More metaspace only delays it; put the connector jars in lib/ or fix the leak.");
      out.push(f);
    }
  }
  return out;
}
