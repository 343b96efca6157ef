/**
 * Recognises Flink refusing a memory configuration: `IllegalConfigurationException` with one of
 * the memory model's messages (the engine produces the same texts, see `diagnose.ts`), and the
 * start scripts' "Could not get JVM parameters" line that follows one.
 * @module
 */
import type { Evidence } from "./evidence.js";
import { finding, type Finding, type ProcessKind } from "./finding.js";
import { after, hits } from "./match.js";

/** Components by the labels Flink's messages use, most specific first. */
const COMPONENTS: [RegExp, string][] = [
  [/JVM Overhead|jvm-overhead/i, "JVM overhead"],
  [/JVM Metaspace|jvm-metaspace/i, "JVM metaspace"],
  [/Network Memory|network\.(?:min|max|fraction)/i, "network"],
  [/Managed Memory|managed\.(?:size|fraction)/i, "managed memory"],
  [/Framework Heap|framework\.heap/i, "framework heap"],
  [/Task Heap|task\.heap/i, "task heap"],
  [/Off-heap Memory|off-heap\.size/i, "off-heap"],
  [/Total Flink Memory|flink\.size/i, "total Flink memory"],
  [/Total Process Memory|process\.size/i, "total process memory"],
];

const TM_WORDS = /taskmanager\.|Framework Heap|Task Heap|Managed Memory|Network Memory|TaskExecutor/;
const JM_WORDS = /jobmanager\.|JobManager|Master/;

export interface IllegalConfig {
  finding: Finding;
  /** Flink's message, for comparing with the engine's (never shown: it is Flink's text about memory options). */
  message: string;
}

function processOf(message: string, frames: string): ProcessKind | undefined {
  if (/JobManagerFlinkMemoryUtils|JobManagerProcessUtils|JobManagerProcessSpec/.test(frames)) return "jobmanager";
  if (/TaskExecutorFlinkMemoryUtils|TaskExecutorProcessUtils|TaskExecutorResourceUtils/.test(frames)) return "taskmanager";
  const tm = TM_WORDS.test(message);
  const jm = JM_WORDS.test(message);
  return tm && !jm ? "taskmanager" : jm && !tm ? "jobmanager" : undefined;
}

export function recogniseIllegalConfig(ev: Evidence): IllegalConfig[] {
  const out: IllegalConfig[] = [];
  const seen = new Set<string>();
  for (const h of hits(ev, /IllegalConfigurationException\s*:\s*/)) {
    const rest = after(ev, h, 2000);
    // The message ends where the stack trace or the next exception starts.
    const end = /\s(?:at [\w$.]+\(|Caused by:|\.\.\. \d+ more)/.exec(rest);
    const message = (end ? rest.slice(0, end.index) : rest).trim();
    // Only the memory model's messages: others (a key of another area) are not this tool's.
    if (!/[Mm]emory|heap|metaspace|overhead|network|managed/i.test(message)) continue;
    if (seen.has(message)) continue;
    seen.add(message);
    const frames = end ? rest.slice(end.index, end.index + 600) : "";
    const f = finding("invalid-configuration", "org.apache.flink.configuration.IllegalConfigurationException: <memory model message>", h.lines);
    const process = processOf(message, frames);
    if (process) f.process = process;
    const component = COMPONENTS.find(([re]) => re.test(message.split(/\bexceed|\bis less than|\bis greater than|\bneed to be configured/)[0] ?? message));
    if (component) f.component = component[1];
    // Flink 1.11.3+ puts "TaskManager memory configuration failed: " before the model's message.
    const model = message.replace(/^(?:TaskManager|JobManager) memory configuration failed:\s*/, "");
    const sum = /^Sum of configured (.*?) exceed(?:s)? configured (Total (?:Flink|Process) Memory) \((.*?)\)\.?$/.exec(model);
    if (sum) {
      // The parts together are too big for the total: the total is what is at odds, not one part.
      f.component = sum[2] === "Total Flink Memory" ? "total Flink memory" : "total process memory";
      const parts = [...sum[1]!.matchAll(/\((\d+) bytes\)|\((0) bytes\)|\(0 bytes\)/g)].map((m) => BigInt(m[1] ?? m[2] ?? "0"));
      const total = /\((\d+) bytes\)/.exec(sum[3]!);
      if (total && parts.length > 0) {
        const s = parts.reduce((a, b) => a + b, 0n);
        f.numbers = { sumBytes: String(s), totalBytes: total[1]!, excessBytes: String(s - BigInt(total[1]!)) };
        f.notes.push(`The explicitly sized parts exceed ${sum[2]} by ${s - BigInt(total[1]!)} bytes: shrink one of them by at least that much, or grow the total.`);
      }
    }
    if (/need to be configured explicitly/.test(message)) {
      f.component = "total process memory";
      f.notes.push("No memory size is configured at all for this process: set its process.size (or flink.size, or the fine-grained heap sizes). Deprecated keys (jobmanager.heap.size, taskmanager.heap.size) only count when read from the config file.");
    }
    out.push({ finding: f, message });
  }
  for (const h of hits(ev, /\[ERROR\] Could not get JVM parameters(?: and dynamic configurations)? properly\.?/)) {
    const f = finding("invalid-configuration", /dynamic/.test(ev.flow.slice(h.index, h.end)) ? "[ERROR] Could not get JVM parameters and dynamic configurations properly." : "[ERROR] Could not get JVM parameters properly. (1.10)", h.lines);
    f.notes.push("The start script could not compute the memory (BashJavaUtils failed): the reason is the exception printed just before this line, or the scripts themselves are from another release (e.g. 'runBashJavaUtilsCmd: command not found' means config.sh does not match the start script).");
    if (/command not found/.test(ev.flow)) f.notes.push("Here the scripts are mismatched: bin/config.sh lacks the functions the start script calls. Use the bin/ directory of the same Flink release.");
    const tm = /taskmanager\.sh|taskmanager\./.test(ev.flow);
    if (tm) f.process = "taskmanager";
    out.push({ finding: f, message: "" });
  }
  return out;
}
