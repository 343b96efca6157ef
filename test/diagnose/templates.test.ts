// One test per template and release wording: the line breaks, colours, log prefixes and typos
// users paste them with. Messages of the memory model come from the engine itself.
import { describe, expect, it } from "vitest";
import { diagnose } from "../../src/diagnose/diagnose.js";
import { readEvidence } from "../../src/diagnose/evidence.js";
import { FlinkError } from "../../src/errors.js";
import { resolveJobManager, resolveTaskManager } from "../../src/resolve.js";

const kinds = (text: string) => diagnose(text).findings.map((f) => f.kind);
const first = (text: string) => diagnose(text).findings[0]!;

describe("the evidence reader", () => {
  it("drops CRLF, ANSI colours and log prefixes, and joins a message broken over lines", () => {
    const ev = readEvidence("\u001b[31m2024-01-02 03:04:05,678 ERROR org.apache.flink.runtime.taskmanager.Task [] - Insufficient number\r\nof network buffers\u001b[0m\r\n");
    expect(ev.lines.map((l) => l.text)).toEqual(["Insufficient number", "of network buffers", ""]);
    expect(ev.flow).toContain("Insufficient number of network buffers");
  });
  it("docker compose columns and time-only prefixes", () => {
    expect(readEvidence("taskmanager-1  | 12:00:01.123 WARN  x.y.Z [] - hello").lines[0]!.text).toBe("hello");
  });
});

describe("network buffers", () => {
  it("1.10+ wording, with the total and the keys as Flink's hint", () => {
    const f = first("java.io.IOException: Insufficient number of network buffers: required 40, but only 8 available. The total number of network buffers is currently set to 4096 of 65536 bytes each. You can increase this number by setting the configuration keys 'taskmanager.memory.network.fraction', 'taskmanager.memory.network.min', and 'taskmanager.memory.network.max'.");
    expect(f.numbers).toMatchObject({ requiredBuffers: 40, availableBuffers: 8, totalBuffers: 4096, segmentSize: 65536, shortBytes: String(32 * 65536), neededNetworkBytes: String(4128 * 65536) });
    expect(f.flinkHint).toBe("set taskmanager.memory.network.fraction, taskmanager.memory.network.min, taskmanager.memory.network.max");
  });
  it("the older wording: required N, but only M of T available (and the 1.5-1.9 keys)", () => {
    const f = first("java.io.IOException: Insufficient number of network buffers: required 9, but only 3 of 2048 available. The total number of network buffers is currently set to 2048 of 32768 bytes each. You can increase this number by setting the configuration keys 'taskmanager.network.memory.fraction', 'taskmanager.network.memory.min', and 'taskmanager.network.memory.max'.");
    expect(f.evidence[0]!.template).toContain("of %d available");
    expect(f.numbers).toMatchObject({ requiredBuffers: 9, availableBuffers: 3, totalBuffers: 2048 });
    expect(f.flinkHint).toContain("taskmanager.network.memory.min");
  });
  it("broken over lines with CRLF and timestamps", () => {
    const f = first("05:30:04 Caused by: java.io.IOException: Insufficient number of network buffers: required\r\n05:30:04 17, but only 0 available. The total number of network buffers is currently set to 2048 of 32768 bytes\r\n05:30:04 each.");
    expect(f.numbers).toMatchObject({ requiredBuffers: 17, availableBuffers: 0, totalBuffers: 2048 });
    expect(f.evidence[0]!.lines).toEqual([1, 2]);
  });
  it("with the layout in the same paste, the change is computed on it and checked by the engine", () => {
    const base: [string, string][] = [["taskmanager.memory.process.size", "1g"], ["taskmanager.memory.managed.fraction", "0.2"]];
    const tm = resolveTaskManager({ flink: "1.17", dynamic: base, trace: false });
    const paste = `java ${tm.jvmParameters} org.apache.flink.runtime.taskexecutor.TaskManagerRunner ${tm.dynamicConfigs}\nInsufficient number of network buffers: required 100, but only 10 available. The total number of network buffers is currently set to 2048 of 32768 bytes each.`;
    const f = diagnose(paste, { flink: "1.17" }).findings.find((x) => x.kind === "network-buffers")!;
    expect(f.changes.map((c) => c.variant)).toEqual(["keep-process", "keep-process", "grow-process"]);
    for (const c of f.changes) {
      expect(c.checked.ok).toBe(true);
      const r = resolveTaskManager({ flink: "1.17", dynamic: [...base, ...c.settings], trace: false });
      expect(r.spec.network).toBeGreaterThanOrEqual(BigInt(2048 + 90) * 32768n);
    }
  });
});

describe("network pool allocation", () => {
  it("(MB) from 1.16 and (Mb) before", () => {
    for (const unit of ["MB", "Mb"]) {
      expect(first(`java.lang.OutOfMemoryError: Could not allocate enough memory segments for NetworkBufferPool (required (${unit}): 1024, allocated (${unit}): 100, missing (${unit}): 924). Cause: Direct buffer memory.`).numbers).toEqual({ requiredMB: 1024, allocatedMB: 100, missingMB: 924 });
    }
  });
});

describe("out of memory", () => {
  it("direct: TaskManager's enriched text, JobManager's enriched text, the bare JVM error", () => {
    expect(first("java.lang.OutOfMemoryError: Direct buffer memory. The direct out-of-memory error has occurred. This can mean two things: either job(s) require(s) a larger size of JVM direct memory or there is a direct memory leak. ... In this case 'taskmanager.memory.task.off-heap.size' configuration option should be increased. ... The task executor has to be shutdown...")).toMatchObject({ kind: "direct-oom", process: "taskmanager" });
    expect(first("java.lang.OutOfMemoryError: Direct buffer memory. The direct out-of-memory error has occurred. This can mean two things: either Flink Master requires a larger size of JVM direct memory ... 'jobmanager.memory.off-heap.size' configuration option should be increased. ... The Flink Master has to be shutdown...")).toMatchObject({ kind: "direct-oom", process: "jobmanager", flinkHint: "increase 'jobmanager.memory.off-heap.size'" });
    const bare = first("Exception in thread \"netty\" java.lang.OutOfMemoryError: Direct buffer memory\n\tat java.nio.Bits.reserveMemory(Bits.java:694)");
    expect(bare).toMatchObject({ kind: "direct-oom" });
    expect(bare.flinkHint).toBeUndefined();
  });
  it("metaspace: enriched TaskManager and JobManager texts, the bare one, a typo", () => {
    expect(first("java.lang.OutOfMemoryError: Metaspace. The metaspace out-of-memory error has occurred. ... 'taskmanager.memory.jvm-metaspace.size' configuration option should be increased. ... The task executor has to be shutdown...")).toMatchObject({ process: "taskmanager", flinkHint: "increase 'taskmanager.memory.jvm-metaspace.size'" });
    expect(first("java.lang.OutOfMemoryError: Metaspace. The metaspace out-of-memory error has occurred. This can mean two things: either Flink Master requires a larger size of JVM metaspace to load classes or there is a class loading leak. In the first case 'jobmanager.memory.jvm-metaspace.size' configuration option should be increased. The Flink Master has to be shutdown...")).toMatchObject({ process: "jobmanager" });
    expect(kinds("java.lang.OutOfMemoryError: Metaspace")).toEqual(["metaspace-oom"]);
    expect(kinds("java.lang.OutOfMemoryError: Metaspac")).toEqual(["metaspace-oom"]);
    expect(kinds("java.lang.OutOfMemoryError: Metadata")).toEqual([]);
  });
  it("heap: Java heap space, the JobManager's enriched text, GC overhead; one finding for a repeated stack", () => {
    expect(first("java.lang.OutOfMemoryError: Java heap space. A heap space-related out-of-memory error has occurred. This can mean two things: either Flink Master requires a larger size of JVM heap space or there is a memory leak. In the first case, 'jobmanager.memory.heap.size' can be used to increase the amount of available heap memory. ... The Flink Master has to be shutdown...")).toMatchObject({ process: "jobmanager", flinkHint: "increase 'jobmanager.memory.heap.size'" });
    expect(kinds("java.lang.OutOfMemoryError: Java heap space\nCaused by: java.lang.OutOfMemoryError: Java heap space")).toEqual(["heap-oom"]);
    expect(kinds("java.lang.OutOfMemoryError: GC overhead limit exceeded")).toEqual(["heap-oom"]);
  });
  it("threads are not a memory size", () => {
    expect(kinds("java.lang.OutOfMemoryError: unable to create new native thread")).toEqual(["not-flink-memory"]);
  });
});

describe("managed memory", () => {
  it("pages and bytes: what was asked, what remained, the shortfall", () => {
    const f = first("org.apache.flink.runtime.memory.MemoryAllocationException: Could not allocate 512 pages\nCaused by: org.apache.flink.runtime.memory.MemoryReservationException: Could not allocate 16777216 bytes, only 1048576 bytes are remaining. This usually indicates that you are requesting more memory than you have reserved.");
    expect(f).toMatchObject({ kind: "managed-memory", numbers: { pages: 512, requestedBytes: "16777216", remainingBytes: "1048576", shortBytes: "15728640" } });
    expect(diagnose("MemoryAllocationException: Could not allocate 512 pages").findings).toHaveLength(1);
  });
  it("consumer weights: fraction 0, fraction out of range", () => {
    expect(first("java.lang.IllegalArgumentException: The fraction of memory to allocate must within (0, 1], was: 1.5").numbers).toEqual({ fraction: "1.5" });
  });
});

describe("container kills", () => {
  it("Flink's Kubernetes resource manager line; exit 137 without OOMKilled is only likely", () => {
    const f = first("Worker my-job-taskmanager-1-3 is terminated. Diagnostics: Pod terminated, container termination statuses: [flink-main-container(exitCode=137, reason=Error, message=null)]");
    expect(f).toMatchObject({ kind: "container-killed", process: "taskmanager", numbers: { exitCode: 137, reason: "Error" } });
    expect(f.notes.join(" ")).toContain("likely");
    expect(kinds("Pod terminated, container termination statuses: [flink-main-container(exitCode=1, reason=Error, message=null)]")).toEqual([]);
  });
  it("kubectl describe pod and pod JSON", () => {
    const describe = "Name:         my-job-taskmanager-1-1\nLabels:       component=taskmanager\nContainers:\n  flink-main-container:\n    Last State:     Terminated\n      Reason:       OOMKilled\n      Exit Code:    137";
    expect(first(describe)).toMatchObject({ kind: "container-killed", process: "taskmanager", evidence: [{ lines: [6] }] });
    const json = JSON.stringify({ metadata: { labels: { component: "jobmanager" } }, status: { containerStatuses: [{ lastState: { terminated: { exitCode: 137, reason: "OOMKilled" } } }] } }, null, 2);
    expect(first(json)).toMatchObject({ kind: "container-killed", process: "jobmanager" });
  });
  it("the operator's own pod is not a Flink process", () => {
    expect(kinds("Name: flink-kubernetes-operator-6d8f\nLabels: app.kubernetes.io/name=flink-kubernetes-operator\n  Last State: Terminated\n    Reason: OOMKilled")).toEqual(["not-flink-memory"]);
  });
  it("YARN, Hadoop 3 wording, with the TaskManager's launch line and its configuration", () => {
    const tm = resolveTaskManager({ flink: "1.15", dynamic: [["taskmanager.memory.process.size", "3g"]], trace: false });
    const paste = `Container [pid=1,containerID=container_1_0001_01_000002] is running 1048576B beyond the 'PHYSICAL' memory limit. Current usage: 3.0 GB of 3 GB physical memory used; 5 GB of 6.3 GB virtual memory used. Killing container.\nDump of the process-tree for container_1_0001_01_000002 :\n\t|- 2 1 1 1 (java) 1 1 1 1 /usr/bin/java ${tm.jvmParameters} org.apache.flink.yarn.YarnTaskExecutorRunner ${tm.dynamicConfigs} --configDir .`;
    const fs = diagnose(paste, { flink: "1.15" }).findings;
    expect(fs[0]).toMatchObject({ kind: "container-killed", process: "taskmanager", numbers: { platform: "yarn", overBytes: "1048576", limit: "3 GB" } });
    expect(fs[1]).toMatchObject({ kind: "memory-layout", process: "taskmanager", rebuilt: { matches: true, settings: [["taskmanager.memory.process.size", "3072m"]] } });
  });
});

describe("invalid configuration: the engine's own messages", () => {
  const cases: [string, "tm" | "jm", [string, string][]][] = [
    ["1.17", "tm", [["taskmanager.memory.flink.size", "1g"], ["taskmanager.memory.task.heap.size", "900m"], ["taskmanager.memory.managed.size", "300m"]]],
    ["2.2", "tm", [["taskmanager.memory.process.size", "1g"], ["taskmanager.memory.jvm-metaspace.size", "1g"]]],
    ["1.20", "jm", [["jobmanager.memory.process.size", "300m"]]],
  ];
  for (const [flink, process, dynamic] of cases) {
    it(`${process} ${dynamic.map(([k, v]) => `${k}=${v}`).join(" ")} (Flink ${flink})`, () => {
      let message = "";
      try {
        if (process === "tm") resolveTaskManager({ flink, dynamic, trace: false });
        else resolveJobManager({ flink, dynamic, trace: false });
      } catch (e) {
        const err = e as FlinkError;
        message = err.causes.at(-1) ?? err.message;
      }
      expect(message).not.toBe("");
      const paste = [...dynamic.map(([k, v]) => `INFO  [] - Loading configuration property: ${k}, ${v}`), `Caused by: org.apache.flink.configuration.IllegalConfigurationException: ${message}`, "\tat org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils.x(ProcessMemoryUtils.java:1)"].join("\n");
      const f = diagnose(paste, { flink }).findings[0]!;
      expect(f.kind).toBe("invalid-configuration");
      expect(f.process).toBe(process === "tm" ? "taskmanager" : "jobmanager");
      expect(f.rebuilt?.flink).toBe(flink);
      expect(f.notes.join(" ")).toContain(`exact message`);
    });
  }
  it("the start scripts' line, 1.10 and 1.11+ wordings", () => {
    expect(first("[ERROR] Could not get JVM parameters properly.").evidence[0]!.template).toContain("1.10");
    expect(first("[ERROR] Could not get JVM parameters and dynamic configurations properly.").kind).toBe("invalid-configuration");
  });
});

describe("bad input", () => {
  it("empty, binary, something else, huge: a clear note, no crash", () => {
    expect(diagnose("").notes[0]).toContain("empty");
    const binary = String.fromCharCode(...Array.from({ length: 4000 }, (_, i) => i % 32));
    expect(diagnose(binary).notes.join(" ")).toContain("binary");
    const other = diagnose("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
    expect(other.findings).toEqual([]);
    expect(other.notes[0]).toContain("no conclusion");
    const huge = "x".repeat(5 * 1024 * 1024) + "\njava.lang.OutOfMemoryError: Metaspace";
    expect(diagnose(huge).notes.join(" ")).toContain("only the first");
  });
});
