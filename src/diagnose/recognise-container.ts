/**
 * Recognises a container killed for its memory: Kubernetes (Flink's resource manager line,
 * `kubectl describe pod`, pod JSON, a bare exit 137) and YARN (Hadoop 2 and 3 wordings), and
 * tells a Flink process from another one killed the same way (a MapReduce task, the operator).
 * @module
 */
import type { Evidence } from "./evidence.js";
import { finding, type Finding, type ProcessKind } from "./finding.js";
import { after, before, hits, num } from "./match.js";

const OUTSIDE_MODEL =
  "A kill means the process's resident memory passed the container's limit: Flink's own budget is capped, so the usual cause is native memory outside the model (RocksDB when not bounded by managed memory, glibc/jemalloc arenas, thread stacks). Documented remedies: keep state.backend.rocksdb.memory.managed true, set MALLOC_ARENA_MAX=1 (containerized.taskmanager.env / the pod env), or raise taskmanager.memory.jvm-overhead.min/max so the JVM leaves that room.";

/** The process a YARN process-tree dump or launch line shows, by its main class. */
export function processOfCommand(text: string): ProcessKind | "other" | undefined {
  if (/YarnTaskExecutorRunner|TaskManagerRunner|KubernetesTaskExecutorRunner|taskexecutor/.test(text)) return "taskmanager";
  // The YARN application master runs the JobManager (Flink's and Stratosphere's, its old name).
  if (/ClusterEntrypoint|standalonesession|StandaloneSessionClusterEntrypoint|YarnApplicationMasterRunner|\.yarn\.ApplicationMaster\b/.test(text)) return "jobmanager";
  if (/org\.apache\.hadoop\.mapred\.YarnChild|MRAppMaster|org\.apache\.spark\.|org\.apache\.tez\./.test(text)) return "other";
  return undefined;
}

function yarn(ev: Evidence): Finding[] {
  const out: Finding[] = [];
  // Hadoop 2: "is running beyond physical memory limits. Current usage: 4.0 GB of 4 GB physical memory used"
  // Hadoop 3: "is running 94359552B beyond the 'PHYSICAL' memory limit. Current usage: 1.1 GB of 1 GB physical memory used"
  const re = /is running\s+(?:(\d+)B\s+)?beyond\s+(?:the\s+'?(PHYSICAL|VIRTUAL)'?\s+memory limit|(physical|virtual) memory limits)\s*\.\s*Current usage:\s*([\d.]+\s*[KMGT]?B)\s+of\s+([\d.]+\s*[KMGT]?B)\s+physical memory used/i;
  for (const h of hits(ev, re)) {
    const rest = after(ev, h, 6000, /is running\s+(?:\d+B\s+)?beyond/);
    const lead = before(ev, h, 400);
    const cmd = processOfCommand(rest);
    const hadoop3 = h.groups[0] !== undefined;
    const template = hadoop3 ? "YARN (Hadoop 3): is running %dB beyond the 'PHYSICAL' memory limit" : "YARN (Hadoop 2): is running beyond physical memory limits";
    if (cmd === "other") {
      const f = finding("not-flink-memory", template, h.lines, {
        notes: ["YARN killed a container for its memory, but the process-tree dump shows a non-Flink process (a MapReduce/Spark/Tez task): its memory is that framework's settings (e.g. mapreduce.map.memory.mb), not Flink's."],
      });
      out.push(f);
      continue;
    }
    let process: ProcessKind | undefined = cmd;
    if (!process && /ActiveResourceManager|Worker\s+\S+\s+is terminated/.test(lead)) process = "taskmanager";
    const f = finding("container-killed", template, h.lines, { component: "total process memory (container limit)" });
    if (process) f.process = process;
    f.numbers = { platform: "yarn", usage: h.groups[3]!, limit: h.groups[4]! };
    if (hadoop3) f.numbers.overBytes = h.groups[0]!;
    if (/virtual/i.test(h.groups[1] ?? h.groups[2] ?? "")) {
      f.numbers.limitKind = "virtual";
      f.notes.push("YARN killed it for VIRTUAL memory: the JVM reserves far more address space than it uses, so this is YARN's check, not Flink's budget. Documented remedies: yarn.nodemanager.vmem-check-enabled=false or a higher yarn.nodemanager.vmem-pmem-ratio; no Flink memory option needs to change.");
    }
    if (!cmd && !process) f.notes.push("The paste does not show which process ran in the container (no process-tree dump or Flink resource manager line): it is read as a Flink process.");
    if (f.numbers.limitKind !== "virtual") f.notes.push(OUTSIDE_MODEL);
    out.push(f);
  }
  return out;
}

function kubernetes(ev: Evidence): Finding[] {
  const out: Finding[] = [];
  // Flink's resource manager: "Pod terminated, container termination statuses: [name(exitCode=137, reason=OOMKilled, message=null)]"
  for (const h of hits(ev, /container termination statuses:\s*\[([\w.-]+)\(exitCode=(-?\d+),\s*reason=(\w+)/)) {
    const [name, code, reason] = h.groups as string[];
    if (reason !== "OOMKilled" && code !== "137") continue;
    const lead = before(ev, h, 300);
    const f = finding("container-killed", "Kubernetes: Pod terminated, container termination statuses: [%s(exitCode=%d, reason=%s, …)]", h.lines, {
      component: "total process memory (pod limit)",
    });
    if (/Worker\s+\S*taskmanager\S*\s+is terminated|TaskExecutor|taskmanager/i.test(lead + name!)) f.process = "taskmanager";
    f.numbers = { platform: "kubernetes", exitCode: num(code), reason: reason! };
    if (reason !== "OOMKilled") f.notes.push("Exit code 137 is a SIGKILL; without reason OOMKilled it is likely, not certainly, the memory limit.");
    f.notes.push(OUTSIDE_MODEL);
    out.push(f);
  }
  if (out.length > 0) return dedupeKills(out);
  // kubectl describe pod: "Reason: OOMKilled" / "Exit Code: 137"; pod JSON: "reason": "OOMKilled", "exitCode": 137
  const describe = hits(ev, /(?:[Rr]eason:\s*"?OOMKilled|"reason"\s*:\s*"OOMKilled")/);
  if (describe.length > 0) {
    // An operator's (controller's) own pod: its name, or a controller's flags and webhook certificates.
    const operator = /flink-kubernetes-operator|flink-operator|controller-manager|--watch-namespace|webhook-server/.test(ev.flow);
    const tm = /taskmanager|component"?\s*[:=]\s*"?taskmanager/i.test(ev.flow);
    const jm = /jobmanager|component"?\s*[:=]\s*"?jobmanager/i.test(ev.flow);
    if (operator && !tm && !jm) {
      return [finding("not-flink-memory", "Kubernetes: OOMKilled (the operator's own pod)", describe[0]!.lines, {
        notes: ["The pod killed is the Flink Kubernetes operator itself, not a JobManager or TaskManager: its memory is the operator Helm chart's resources (operatorPod.resources / jvmArgs), not Flink's memory options."],
      })];
    }
    const f = finding("container-killed", "Kubernetes: container status OOMKilled (kubectl describe pod / pod JSON)", describe[0]!.lines, { component: "total process memory (pod limit)" });
    if (tm && !jm) f.process = "taskmanager";
    else if (jm && !tm) f.process = "jobmanager";
    f.numbers = { platform: "kubernetes", reason: "OOMKilled" };
    f.notes.push(OUTSIDE_MODEL);
    return [f];
  }
  for (const h of hits(ev, /(?:exited with (?:status|code)|exit code(?: is)?|exitCode=|"exitCode"\s*:)\s*:?\s*137\b/i)) {
    const f = finding("container-killed", "exit code 137 (SIGKILL)", h.lines, { component: "total process memory (container limit)" });
    f.numbers = { exitCode: 137 };
    f.notes.push("Exit 137 is a SIGKILL, most often the kernel's or the orchestrator's OOM killer; the paste does not prove it.", OUTSIDE_MODEL);
    if (/taskmanager\.heap\.mb|taskmanager\.heap\.size/.test(ev.flow)) f.notes.push("The paste sizes the TaskManager with taskmanager.heap.* (before Flink 1.10): since 1.10 the process size includes metaspace and overhead, so set taskmanager.memory.process.size to the container size instead.");
    out.push(f);
    break;
  }
  if (out.length > 0) return out;
  // Words, not a status: "OOMKilled", "OOMKills", "killed by the OOM killer".
  const words = hits(ev, /\bOOM[- ]?Kill(?:ed|s)?\b|killed by (?:the )?(?:Linux )?OOM killer/i);
  if (words.length > 0) {
    const f = finding("container-killed", "prose: OOMKilled", words[0]!.lines, { component: "total process memory (container limit)" });
    f.notes.push("Read from words, not from a status: no numbers follow.", OUTSIDE_MODEL);
    if (/jemalloc|malloc|arena|fragmentation/i.test(ev.flow)) f.notes.push("The paste points at allocator fragmentation (jemalloc/glibc arenas): fix the arena count (FLINK-39924: the official image sizes jemalloc's arenas from the container's CPUs since the fix; MALLOC_ARENA_MAX=1 for glibc) or leave more JVM overhead; a bigger heap does not help.");
    return [f];
  }
  return [];
}

function dedupeKills(fs: Finding[]): Finding[] {
  const first = fs[0]!;
  for (const f of fs.slice(1)) first.evidence[0]!.lines.push(...f.evidence[0]!.lines);
  return [first];
}

/** A container "killed by the ResourceManager" told in words (no YARN diagnostics pasted). */
function yarnWords(ev: Evidence): Finding[] {
  const h = hits(ev, /Container[^.]{0,80}?(?:killed by (?:the )?(?:ResourceManager|YARN|NodeManager))/i)[0];
  if (!h) return [];
  const f = finding("container-killed", "prose: container killed by the ResourceManager", h.lines, { component: "total process memory (container limit)" });
  const text = ev.flow.slice(Math.max(0, h.index - 100), h.end);
  if (/JobManager/i.test(text)) f.process = "jobmanager";
  else if (/TaskManager/i.test(text)) f.process = "taskmanager";
  f.numbers = { platform: "yarn" };
  f.notes.push("Read from words, not from YARN's diagnostics: no usage or limit numbers follow.");
  if (f.process === "jobmanager") f.notes.push("A JobManager's direct memory has no limit unless jobmanager.memory.enable-jvm-direct-memory-limit is true, and its native memory is outside the model: raise jobmanager.memory.jvm-overhead.min/max, or enable the direct memory limit to turn a kill into an error that names the part.");
  else f.notes.push(OUTSIDE_MODEL);
  return [f];
}

export function recogniseContainerKills(ev: Evidence): Finding[] {
  const y = yarn(ev);
  const k = kubernetes(ev);
  return y.length + k.length > 0 ? [...y, ...k] : yarnWords(ev);
}
