/**
 * Recognises the JVM's out-of-memory errors (direct, metaspace, heap) in Flink's enriched
 * wording (FLINK-15989, 1.11+) and the bare JVM one, and the failures that look like memory
 * but are not a memory size (threads).
 * @module
 */
import type { Evidence } from "./evidence.js";
import { finding, type Finding } from "./finding.js";
import { after, before, hits, processNamed } from "./match.js";

const NEXT_MESSAGE = /OutOfMemoryError|Caused by:|\bException\b:/;

function direct(ev: Evidence): Finding[] {
  const out: Finding[] = [];
  for (const h of hits(ev, /(?:OutOfMemoryError\s*:?\s*)?Direct buffer memory(?:\.\s*The direct out-of-memory error has occurred)?/)) {
    // Flink's network pool allocation failure names this as its cause: that finding says it.
    if (/Cause:\s*$/.test(before(ev, h, 12))) continue;
    const enriched = /out-of-memory error has occurred/.test(ev.flow.slice(h.index, h.end));
    if (!enriched && !/OutOfMemoryError/.test(ev.flow.slice(h.index, h.end))) continue;
    const rest = after(ev, h, 1500, NEXT_MESSAGE);
    const process = processNamed(enriched ? rest : before(ev, h, 200) + rest);
    const f = finding("direct-oom", enriched ? "enriched: Direct buffer memory. The direct out-of-memory error has occurred" : "java.lang.OutOfMemoryError: Direct buffer memory", h.lines, {
      component: process === "jobmanager" ? "JVM direct memory (off-heap)" : "JVM direct memory (task off-heap)",
    });
    if (process) f.process = process;
    if (enriched) f.flinkHint = process === "jobmanager" ? "increase 'jobmanager.memory.off-heap.size'" : "increase 'taskmanager.memory.task.off-heap.size'";
    f.notes.push(
      "The direct memory limit (-XX:MaxDirectMemorySize) was reached: the message does not say by how much, so no size follows from it.",
      "Direct memory outside Flink's network buffers is user code and connectors (Kafka, cloud SDKs, Netty): grow task off-heap by what they use, or find the leak if it keeps growing.",
    );
    out.push(f);
  }
  return out;
}

/**
 * Direct OOMs that state their numbers: the JDK's own since JDK 16 ("Cannot reserve N bytes of
 * direct buffer memory (allocated: A, limit: L)"; Flink's enrichment looks for "Direct buffer
 * memory" and so leaves it as it is) and Netty's allocator (counts against the same limit).
 */
function directWithNumbers(ev: Evidence): Finding[] {
  const out: Finding[] = [];
  const forms: [RegExp, string][] = [
    [/Cannot reserve\s+(\d+)\s+bytes of direct buffer memory\s*\(\s*allocated\s*:\s*(\d+)\s*,\s*limit\s*:\s*(\d+)\s*\)/, "java.lang.OutOfMemoryError: Cannot reserve %d bytes of direct buffer memory (allocated: %d, limit: %d) (JDK 16+)"],
    [/failed to allocate\s+(\d+)\s+byte\(s\) of direct memory\s*\(\s*used\s*:\s*(\d+)\s*,\s*max\s*:\s*(\d+)\s*\)/, "OutOfDirectMemoryError: failed to allocate %d byte(s) of direct memory (used: %d, max: %d) (Netty)"],
  ];
  for (const [re, template] of forms) {
    for (const h of hits(ev, re)) {
      const [requested, used, limit] = h.groups.map((g) => BigInt(g!));
      const rest = after(ev, h, 1500, NEXT_MESSAGE);
      const process = processNamed(before(ev, h, 400) + rest);
      const f = finding("direct-oom", template, h.lines, { component: process === "jobmanager" ? "JVM direct memory (off-heap)" : "JVM direct memory (task off-heap)" });
      if (process) f.process = process;
      const short = used! + requested! - limit!;
      f.numbers = { requestedBytes: String(requested), usedBytes: String(used), limitBytes: String(limit), shortBytes: String(short > 0n ? short : 0n) };
      f.notes.push(
        `The direct memory limit is ${limit} bytes (-XX:MaxDirectMemorySize); ${used} were in use when ${requested} more were asked for: at least ${short > 0n ? short : 0n} bytes short for this one allocation (direct memory in use grows with the load, so leave more).`,
        "Direct memory outside Flink's network buffers is user code and connectors (Kafka, Pulsar, cloud SDKs, Netty): if it grows with every job (re-)submission, it is a leak, and more memory only delays it.",
      );
      out.push(f);
    }
  }
  return out;
}

function metaspace(ev: Evidence): Finding[] {
  const out: Finding[] = [];
  // Users mistype the class name's tail ("Metaspce"); the JVM's text is "Metaspace".
  for (const h of hits(ev, /OutOfMemoryError\s*:?\s*(Meta[a-z]{3,7})\b|\bThe metaspace out-of-memory error has occurred/i)) {
    const word = h.groups[0];
    if (word && !/^meta(?:space|spce|sapce|spcae|spac|paces?|spaces)$/i.test(word)) continue;
    const rest = after(ev, h, 1200, /OutOfMemoryError|Caused by:/);
    const process = processNamed(rest) ?? processNamed(before(ev, h, 300));
    const enriched = /^\W*The metaspace out-of-memory error has occurred|class loading leak/.test(rest) || /out-of-memory error has occurred/.test(ev.flow.slice(h.index, h.end));
    const f = finding("metaspace-oom", enriched ? "enriched: Metaspace. The metaspace out-of-memory error has occurred" : "java.lang.OutOfMemoryError: Metaspace", h.lines, { component: "JVM metaspace" });
    if (process) f.process = process;
    if (word && word.toLowerCase() !== "metaspace") f.notes.push(`Read '${word}' as Metaspace (a typo in the paste).`);
    if (enriched) f.flinkHint = `increase '${process === "jobmanager" ? "jobmanager" : "taskmanager"}.memory.jvm-metaspace.size'`;
    f.notes.push(
      "If it recurs after several job (re-)submissions in a session cluster, it is a class-loading leak: more metaspace only delays it; put the connector jars in lib/ or fix the leak.",
    );
    out.push(f);
  }
  return dedupe(out);
}

function heap(ev: Evidence): Finding[] {
  const out: Finding[] = [];
  for (const h of hits(ev, /OutOfMemoryError\s*:?\s*(Java heap space|GC overhead limit exceeded)/i)) {
    const which = h.groups[0]!;
    const rest = after(ev, h, 1500, /OutOfMemoryError/);
    const lead = before(ev, h, 600);
    let process: "taskmanager" | "jobmanager" | undefined;
    let why = "";
    if (/switched from \w+ to FAILED|switched to FAILED/.test(lead)) {
      process = "taskmanager";
      why = "a task failed with it: the heap at fault is the TaskManager's task heap, even when the JobManager's log reports it";
    } else if (/JarRunHandler|OptimizerPlanEnvironment|PackagedProgramUtils|Flink Master/.test(rest)) {
      process = "jobmanager";
      why = "it happened while the JobManager ran the job's main() (web submission / jar run)";
    } else process = processNamed(rest);
    const f = finding("heap-oom", `java.lang.OutOfMemoryError: ${/gc/i.test(which) ? "GC overhead limit exceeded" : "Java heap space"}`, h.lines, {
      component: process === "jobmanager" ? "JVM heap" : process === "taskmanager" ? "task heap" : "JVM heap",
    });
    if (process) f.process = process;
    if (/Flink Master/.test(rest)) f.flinkHint = "increase 'jobmanager.memory.heap.size'";
    if (why) f.notes.push(`Attributed to the ${process === "taskmanager" ? "TaskManager" : "JobManager"}: ${why}.`);
    if (/gc/i.test(which)) f.notes.push("'GC overhead limit exceeded' is heap exhaustion too: the collector freed almost nothing.");
    f.notes.push(
      `The message does not say how much heap is missing: a leak or state kept on the heap grows whatever you give. Raise ${process === "jobmanager" ? "jobmanager.memory.heap.size" : "taskmanager.memory.task.heap.size"} (or the process size) only after a heap dump shows what fills it.`,
    );
    out.push(f);
  }
  return out;
}

function threads(ev: Evidence): Finding[] {
  return hits(ev, /OutOfMemoryError\s*:?\s*unable to create (?:new )?native thread/i).map((h) =>
    finding("not-flink-memory", "java.lang.OutOfMemoryError: unable to create native thread", h.lines, {
      notes: ["The JVM could not start a thread: a limit on processes/threads (ulimit -u, the container's pids limit) or thread leak, not a Flink memory size. No memory option changes this."],
    }),
  );
}

/** A stack trace repeats its message in `Caused by:`: one finding per process and template. */
function dedupe(fs: Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const f of fs) {
    const same = out.find((o) => o.kind === f.kind && o.process === f.process && o.evidence[0]!.template === f.evidence[0]!.template);
    if (same) same.evidence[0]!.lines = [...new Set([...same.evidence[0]!.lines, ...f.evidence[0]!.lines])];
    else out.push(f);
  }
  return out;
}

export function recogniseOutOfMemory(ev: Evidence): Finding[] {
  const numbered = dedupe(directWithNumbers(ev));
  return [...(numbered.length > 0 ? numbered : dedupe(direct(ev))), ...metaspace(ev), ...dedupe(heap(ev)), ...threads(ev)];
}
