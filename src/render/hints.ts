/**
 * Our own hint for a Flink failure: what to change, in one or two sentences. Flink's message
 * says what is wrong; the hint says where to go. (Verified, concrete fixes are `fixes.ts`' job.)
 * @module
 */
import type { FlinkError } from "../errors.js";

const RULES: [RegExp, string][] = [
  [/^Error parsing YAML configuration\./, "config.yaml is not valid YAML as Flink reads it (see the cause and location). In Flink 1.x, a file named flink-conf.yaml is read line by line instead."],
  [/Cannot read memory size from config option|Memory size unit|does not start with a number|cannot be re represented as 64bit/, "Write sizes as whole numbers with an optional binary unit: b, k/kb, m/mb, g/gb, t/tb (1g = 1024m). Decimals (1.5g) and Kubernetes units (4Gi) are not accepted; a bare number means bytes."],
  [/Could not parse value .* for key '.*fraction'/, "Fractions are plain decimals such as 0.1; in flink-conf.yaml do not quote them."],
  [/Could not parse value .* for key '.*enable-jvm-direct-memory-limit'/, "Use true or false (yes/no/on/off are not accepted)."],
  [/Could not parse value .* for key '.*(numberOfTaskSlots|heap\.mb|numberOfBuffers)'/, "Use a whole number; placeholders such as ${...} are not substituted by Flink."],
  [/^Inconsistently configured/, "A fraction must be at least 0 and below 1, and the option's min must not exceed its max."],
  [/need to be configured explicitly/, "Set one total: *.memory.process.size for containers (it includes metaspace and overhead) or *.memory.flink.size for standalone setups — or the fine-grained sizes named in the message."],
  [/exceed configured Total Flink Memory/, "The explicitly sized parts do not fit into Total Flink Memory: raise the total, or lower or unset the parts listed."],
  [/Derived JVM Overhead size .* is not in configured JVM Overhead range/, "With both a total process size and a total Flink size (or all fine-grained sizes) set, JVM overhead is what is left over and must fall within jvm-overhead.min/max. Set only one total, or widen the overhead range."],
  [/is less than the sum of the derived Total Flink Memory size/, "Total Process Memory must cover Total Flink Memory plus JVM Metaspace. Set only one of process.size and flink.size (or the fine-grained sizes)."],
  [/^.*Sum of configured JVM Metaspace .* exceed configured Total Process Memory/, "JVM metaspace plus JVM overhead already exceed the process size: raise *.memory.process.size or lower jvm-metaspace.size / jvm-overhead.min."],
  [/is less than the configured Off-heap Memory/, "Nothing is left for the JobManager heap: raise jobmanager.memory.process.size (or flink.size), or lower jobmanager.memory.off-heap.size."],
  [/exceeds the configured Total Flink Memory|does not match the configured Total Flink Memory/, "Configure either jobmanager.memory.heap.size or jobmanager.memory.flink.size, not both (or make heap + off-heap equal the total)."],
  [/Network Memory is inconsistent with its configuration/, "Network memory is what is left of Total Flink Memory here and falls outside network.min/max: adjust the explicit sizes, or the network range."],
  [/positive number of CPU cores/, "Set taskmanager.cpu.cores (or taskmanager.numberOfTaskSlots) to a positive number."],
  [/segment-size/, "taskmanager.memory.segment-size must be a power of two of at least 4096 bytes (default 32kb)."],
  [/Managed memory weight should not be negative|Unknown managed memory consumer/, "Write weights as OPERATOR:70,STATE_BACKEND:70,PYTHON:30 with non-negative whole numbers."],
  [/total process memory size \(-?\d+MB\) must not be less than 0/, "Legacy *.heap.mb must not be negative; better, move to *.memory.process.size or *.memory.flink.size."],
  [/bytes must be >= 0/, "A derived size became negative: the configured parts add up to more than the configured total."],
];

export function hintFor(e: FlinkError): string | undefined {
  // A hint given where the failure was raised knows more than a pattern over the message.
  if (e.hint) return e.hint;
  const messages = [e.message, ...e.causes];
  for (const [re, hint] of RULES) if (messages.some((m) => re.test(m))) return hint;
  return undefined;
}
