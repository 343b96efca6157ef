/**
 * Whose memory a paste is about. The JVM's out-of-memory errors and the orchestrators' kill
 * messages read the same for every Java program, so a failure is only a Flink process's when
 * the paste shows Flink somewhere: a class, a key, a pod or process name, a log line. Without
 * any, a paste that shows another program (stack frames of another project, a Spark hint) is
 * not Flink's; a direct OOM may still prove it is, when its limit is exactly one Flink computes.
 * @module
 */
import type { TaskManagerSpec } from "../model/taskmanager.js";
import { MiB } from "../size/memory-size.js";
import { leastProcessSize, partAt } from "./least-process.js";
import { finding, type Finding } from "./finding.js";

/** Anything that names Flink (or Stratosphere, its name before Apache). */
const FLINK_SIGN = /flink|task ?manager|job ?manager|TaskExecutor|eu\.stratosphere|BashJavaUtils|MiniCluster|\bTM\b|\bJM\b|Container \S+ marked as failed/i;

/** Read on the raw paste: the evidence drops logger names, which often are the only sign. */
export const showsFlink = (raw: string): boolean => FLINK_SIGN.test(raw);

/** The other program the raw paste shows, in words, if any. */
export function otherProgram(raw: string): string | undefined {
  if (/spark\.(?:yarn|executor|driver)\.|\bSpark\b|YarnSchedulerBackend|ExecutorLostFailure/.test(raw)) return "a Spark executor";
  if (/mapreduce\.|MRAppMaster|YarnChild/.test(raw)) return "a MapReduce task";
  if (/org\.apache\.twill|\bo\.a\.t\.i\.a\./.test(raw)) return "an Apache Twill application";
  if (/\belasticsearch\b/i.test(raw)) return "Elasticsearch";
  // Classes named in frames and logger columns (`at org.x.y.Z.m(`, `ERROR org.x.y.Z -`); the
  // JDK's own are everybody's and say nothing.
  const classes = [...raw.matchAll(/(?:\bat |\s)(?:[\w.]+\/)?((?:[a-z][\w$]*\.){2,})[A-Z][\w$]*(?=[.(\s:$]|$)/gm)].map((m) => m[1]!);
  const roots = [...new Set(classes.map((c) => c.split(".").slice(0, 3).join(".")))].filter((r) => !/^(?:java|javax|jdk|sun|com\.sun)\./.test(r + "."));
  return roots.length > 0 ? `a Java program of ${roots.slice(0, 3).join(", ")}` : undefined;
}

const direct = (s: TaskManagerSpec) => s.jvmDirect;

/**
 * A direct limit no one types (not whole MiB) that Flink gives a TaskManager with its defaults
 * otherwise: the process size that gives it (whole MiB where one does).
 */
export function flinkDirectLimit(flink: string, limit: bigint): bigint | undefined {
  if (limit % MiB === 0n) return undefined;
  const least = leastProcessSize(flink, limit, direct);
  if (least === undefined || partAt(flink, least, direct) !== limit) return undefined;
  const round = ((least + MiB - 1n) / MiB) * MiB;
  return partAt(flink, round, direct) === limit ? round : least;
}

const KINDS_OF_ANY_JVM = new Set(["direct-oom", "heap-oom", "metaspace-oom", "container-killed"]);

/**
 * Findings of a paste that shows no Flink: a failure any JVM or container has becomes
 * `not-flink-memory` when the paste shows another program, or when a kill names nothing at all;
 * a direct OOM whose limit Flink computes stays Flink's, with the process size behind it.
 */
export function judgeForeign(raw: string, findings: Finding[], flink: string, flinkLayout: boolean): { findings: Finding[]; layouts: Finding[] } {
  if (flinkLayout || showsFlink(raw)) return { findings, layouts: [] };
  const other = otherProgram(raw);
  const out: Finding[] = [];
  const layouts: Finding[] = [];
  for (const f of findings) {
    if (!KINDS_OF_ANY_JVM.has(f.kind) || (/^prose/.test(f.evidence[0]!.template) && !other)) {
      out.push(f);
      continue;
    }
    const limit = typeof f.numbers.limitBytes === "string" ? BigInt(f.numbers.limitBytes) : undefined;
    const process = f.kind === "direct-oom" && limit !== undefined ? flinkDirectLimit(flink, limit) : undefined;
    if (process !== undefined) {
      f.process = "taskmanager";
      f.notes.push(`Nothing in the paste names Flink, but the limit ${limit} bytes is what Flink ${flink} gives a TaskManager of ${process % MiB === 0n ? `${process / MiB}m` : `${process} bytes`} with its defaults otherwise (framework off-heap + task off-heap + network): read as that TaskManager.`);
      const layout = finding("memory-layout", "-XX:MaxDirectMemorySize from the direct OOM's limit", f.evidence[0]!.lines, { process: "taskmanager" });
      layout.numbers["-XX:MaxDirectMemorySize"] = String(limit);
      layout.rebuilt = { flink, settings: [["taskmanager.memory.process.size", process % MiB === 0n ? `${process / MiB}m` : `${process}b`]], matches: true, detail: `The engine gives this direct limit to the byte (Flink ${flink}, defaults otherwise; other configurations may give it too).` };
      layouts.push(layout);
      out.push(f);
      continue;
    }
    if (other || f.kind === "container-killed") {
      out.push(
        finding("not-flink-memory", f.evidence[0]!.template, f.evidence[0]!.lines, {
          notes: [
            `Recognised as ${f.kind}, but nothing in the paste shows a Flink process (no Flink class, key, pod or process name)${other ? `, and it shows ${other}` : ""}: that program's memory settings apply, not Flink's. If it is a Flink process, paste its pod name, launch line or log lines too.`,
          ],
        }),
      );
      continue;
    }
    f.notes.push("Nothing in the paste names Flink: read as a Flink process because nothing names another program either.");
    out.push(f);
  }
  return { findings: out, layouts };
}
