// The changes diagnose offers: the shortfall read from each message, the component and options
// it changes, two variants (keep the process, or grow it and say the container size), each
// resolved by the engine and free of our health warnings. Texts are built from Flink's and the
// JDK's format strings (the real pastes are in real-pastes.test.ts).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diagnose } from "../../src/diagnose/diagnose.js";
import type { DiagnoseChange, Finding } from "../../src/diagnose/finding.js";
import { growVariants, type GrowPart } from "../../src/diagnose/grow.js";
import { resolveJobManager, resolveTaskManager, type ResolveRequest } from "../../src/resolve.js";
import { healthContextOf, healthIssues } from "../../src/sizing/healthy.js";
import type { TaskManagerSpec } from "../../src/model/taskmanager.js";
import type { JobManagerSpec } from "../../src/model/jobmanager.js";

const MiB = 1024n * 1024n;
type Spec = TaskManagerSpec | JobManagerSpec;

/** Resolves a change on its base the way the user would apply it: removals first, then the -D pairs. */
function apply(base: ResolveRequest, c: DiagnoseChange, process: "taskmanager" | "jobmanager") {
  const dynamic = (base.dynamic ?? []).filter(([k]) => !(c.remove ?? []).includes(k));
  const req = { ...base, dynamic: [...dynamic, ...c.settings], trace: false };
  return process === "taskmanager" ? resolveTaskManager(req) : resolveJobManager(req);
}
const field = (s: Spec, f: string) => (s as unknown as Record<string, bigint>)[f]!;

describe("two variants, checked (property)", () => {
  const tmParts: GrowPart[] = ["network", "managed", "taskOffHeap", "frameworkOffHeap", "metaspace", "overhead"];
  it("keep-process keeps the total and grows the part; grow-process keeps every other part; both resolve and are healthy", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1500, max: 16384 }),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom(...tmParts),
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom("1.10", "1.14", "1.20", "2.2"),
        (mib, slots, part, byMib, flink) => {
          const base: ResolveRequest = { flink, dynamic: [["taskmanager.memory.process.size", `${mib}m`], ["taskmanager.numberOfTaskSlots", String(slots)]] };
          const before = resolveTaskManager({ ...base, trace: false }).spec;
          const notes: string[] = [];
          const changes = growVariants(base, { process: "taskmanager", part, by: BigInt(byMib) * MiB, baseName: "the test base" }, notes);
          for (const c of changes) {
            const r = apply(base, c, "taskmanager");
            const after = r.spec;
            expect(field(after, part)).toBeGreaterThanOrEqual(field(before, part) + BigInt(byMib) * MiB);
            expect(healthIssues(after, healthContextOf(r.config, "tm"))).toEqual([]);
            if (c.variant === "keep-process") expect(after.totalProcess).toBe(before.totalProcess);
            if (c.variant === "grow-process") {
              expect(after.totalProcess).toBeGreaterThan(before.totalProcess);
              for (const other of ["taskHeap", "managed", "network"].filter((x) => x !== part)) expect(field(after, other)).toBeGreaterThanOrEqual(field(before, other));
              expect(c.summary).toMatch(/new container size \d+ MiB/);
            }
          }
          // A variant not offered is said so.
          expect(changes.length + notes.length).toBeGreaterThan(0);
        },
      ),
      // The example: Flink 1.10's overhead rounds once dropped the grown part's own setting.
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 40), examples: [[1500, 5, "metaspace", 285, "1.10"]] },
    );
  });
  it("JobManager: metaspace and off-heap, keep or grow", () => {
    for (const part of ["metaspace", "offHeap"] as const) {
      const base: ResolveRequest = { flink: "2.2", dynamic: [["jobmanager.memory.process.size", "2g"]] };
      const before = resolveJobManager({ ...base, trace: false }).spec;
      const changes = growVariants(base, { process: "jobmanager", part, by: 100n * MiB, baseName: "b" }, []);
      expect(changes.map((c) => c.variant)).toEqual(["keep-process", "grow-process"]);
      const keep = apply(base, changes[0]!, "jobmanager").spec;
      expect(keep.totalProcess).toBe(before.totalProcess);
      expect(field(keep, part)).toBe(field(before, part) + 100n * MiB);
      expect(keep.jvmHeap).toBe(before.jvmHeap - 100n * MiB);
      const grow = apply(base, changes[1]!, "jobmanager").spec;
      expect(grow.jvmHeap).toBeGreaterThanOrEqual(before.jvmHeap);
    }
  });
  it("on Kubernetes the grown size is the pod's request, and the limit factor is named when set", () => {
    const base: ResolveRequest = { flink: "1.17", dynamic: [["taskmanager.memory.process.size", "4g"], ["kubernetes.taskmanager.memory.limit-factor", "1.5"]] };
    const [, grow] = growVariants(base, { process: "taskmanager", part: "overhead", by: 200n * MiB, baseName: "b", platform: "kubernetes" }, []);
    expect(grow!.summary).toMatch(/the pod's memory request \d+Mi, its limit that times kubernetes\.taskmanager\.memory\.limit-factor/);
    const [, yarn] = growVariants(base, { process: "taskmanager", part: "overhead", by: 200n * MiB, baseName: "b", platform: "yarn" }, []);
    expect(yarn!.summary).toMatch(/the YARN container: \d+ MB/);
  });
});

const find = (fs: Finding[], kind: string) => fs.find((f) => f.kind === kind)!;

describe("the shortfall of each message, and its changes", () => {
  it("managed memory: bytes short per slot × slots", () => {
    const text = "org.apache.flink.runtime.memory.MemoryAllocationException: Could not allocate 512 pages\nCaused by: org.apache.flink.runtime.memory.MemoryReservationException: Could not allocate 16777216 bytes, only 4194304 bytes are remaining. This usually indicates that you are requesting more memory than you have reserved.";
    const { findings } = diagnose(text, { flink: "1.17", configuration: { dynamic: [["taskmanager.memory.process.size", "4g"], ["taskmanager.numberOfTaskSlots", "4"]] } });
    const f = find(findings, "managed-memory");
    expect(f.numbers).toMatchObject({ requestedBytes: "16777216", remainingBytes: "4194304", shortBytes: "12582912" });
    const before = resolveTaskManager({ flink: "1.17", dynamic: [["taskmanager.memory.process.size", "4g"], ["taskmanager.numberOfTaskSlots", "4"]], trace: false }).spec;
    expect(f.changes.map((c) => c.variant)).toEqual(["keep-process", "grow-process"]);
    const keep = apply({ flink: "1.17", dynamic: [["taskmanager.memory.process.size", "4g"], ["taskmanager.numberOfTaskSlots", "4"]] }, f.changes[0]!, "taskmanager").spec;
    expect(keep.managed).toBeGreaterThanOrEqual(before.managed + 4n * 12582912n);
  });
  it("direct memory, JDK 16+ wording: allocated + requested − limit; Netty's counter the same way", () => {
    const jdk = find(diagnose("Caused by: java.lang.OutOfMemoryError: Cannot reserve 65536 bytes of direct buffer memory (allocated: 536846336, limit: 536870912)\n\tat java.base/java.nio.Bits.reserveMemory(Bits.java:178)\n\tat org.apache.flink.core.memory.MemorySegmentFactory.allocateUnpooledOffHeapMemory(MemorySegmentFactory.java:1)").findings, "direct-oom");
    expect(jdk.numbers).toMatchObject({ requestedBytes: "65536", usedBytes: "536846336", limitBytes: "536870912", shortBytes: String(536846336 + 65536 - 536870912) });
    const netty = find(diagnose("org.apache.flink.shaded.netty4.io.netty.util.internal.OutOfDirectMemoryError: failed to allocate 16777216 byte(s) of direct memory (used: 251658247, max: 268435456)").findings, "direct-oom");
    expect(netty.numbers.shortBytes).toBe(String(251658247 + 16777216 - 268435456));
  });
  it("direct memory without an amount: a stated step (doubled, at least 128 MiB), both variants checked", () => {
    const text = "java.lang.OutOfMemoryError: Direct buffer memory. The direct out-of-memory error has occurred. This can mean two things: either job(s) require(s) a larger size of JVM direct memory or there is a direct memory leak. The direct memory can be allocated by user code or some of its dependencies. In this case 'taskmanager.memory.task.off-heap.size' configuration option should be increased. Flink framework and its dependencies also consume the direct memory, mostly for network communication. The most of network memory is managed by Flink and should not result in out-of-memory error. In certain special cases, in particular for jobs with high parallelism, the framework may require more direct memory which is not managed by Flink. In this case 'taskmanager.memory.framework.off-heap.size' configuration option should be increased. If the error persists then there is probably a direct memory leak in user code or some of its dependencies which has to be investigated and fixed. The task executor has to be shutdown...";
    const f = find(diagnose(text, { flink: "1.20", configuration: { dynamic: [["taskmanager.memory.process.size", "4g"]] } }).findings, "direct-oom");
    expect(f.notes.some((n) => /a step to try, not a computed need/.test(n))).toBe(true);
    expect(f.changes.map((c) => c.variant)).toEqual(["keep-process", "grow-process"]);
    expect(f.changes[0]!.settings).toContainEqual(["taskmanager.memory.task.off-heap.size", "128m"]);
  });
  it("metaspace: a step on the process named; none for a leak told in words", () => {
    const text = "java.lang.OutOfMemoryError: Metaspace. The metaspace out-of-memory error has occurred. This can mean two things: either the job requires a larger size of JVM metaspace to load classes or there is a class loading leak. In the first case 'taskmanager.memory.jvm-metaspace.size' configuration option should be increased. If the error persists (usually in cluster after several job (re-)submissions) then there is probably a class loading leak in user code or some of its dependencies which has to be investigated and fixed. The task executor has to be shutdown...";
    const f = find(diagnose(text, { flink: "1.20", configuration: { dynamic: [["taskmanager.memory.process.size", "2g"]] } }).findings, "metaspace-oom");
    expect(f.changes[0]!.settings).toContainEqual(["taskmanager.memory.jvm-metaspace.size", "512m"]);
    const leak = find(diagnose("我们的 jobmanager 元空间内存溢出 (OOM)，每次重复提交作业后都会增长", { configuration: { dynamic: [["jobmanager.memory.process.size", "2g"]] } }).findings, "metaspace-oom");
    expect(leak.changes).toEqual([]);
  });
  it("Hadoop 3 says by how much the container went over: JVM overhead grows by that", () => {
    const text = "Container [pid=1,containerID=container_1_0001_01_000002] is running 94359552B beyond the 'PHYSICAL' memory limit. Current usage: 2.1 GB of 2 GB physical memory used; 3.9 GB of 4.2 GB virtual memory used. Killing container.\nDump of the process-tree for container_1_0001_01_000002 :\n|- 2 1 1 1 (java) 1 1 1 1 /usr/bin/java -Xmx697932173 -Xms697932173 -XX:MaxDirectMemorySize=300647712 -XX:MaxMetaspaceSize=268435456 org.apache.flink.yarn.YarnTaskExecutorRunner -D taskmanager.memory.network.min=166429984b";
    const { findings } = diagnose(text, { flink: "1.13" });
    const kill = find(findings, "container-killed");
    expect(kill.numbers.overBytes).toBe("94359552");
    expect(kill.changes.map((c) => c.variant)).toEqual(["keep-process", "grow-process"]);
    expect(kill.changes[0]!.settings[0]![0]).toBe("taskmanager.memory.jvm-overhead.min");
    expect(kill.changes[1]!.summary).toMatch(/the YARN container: \d+ MB/);
  });
  it("a Kubernetes OOMKilled gives no amount: documented remedies, no invented change", () => {
    const f = find(diagnose("Pod terminated, container termination statuses: [flink-main-container(exitCode=137, reason=OOMKilled, message=null)]", { configuration: { dynamic: [["taskmanager.memory.process.size", "4g"]] } }).findings, "container-killed");
    expect(f.changes).toEqual([]);
    expect(f.notes.join(" ")).toContain("MALLOC_ARENA_MAX=1");
  });
  it("a heap OOM allows no conclusion about a size", () => {
    const f = find(diagnose("Source: x (1/4) switched from RUNNING to FAILED\njava.lang.OutOfMemoryError: Java heap space", { configuration: { dynamic: [["taskmanager.memory.process.size", "4g"]] } }).findings, "heap-oom");
    expect(f.changes).toEqual([]);
  });
});

describe("templates added for the shuffle and the network pool's size", () => {
  it("batch shuffle read pool (1.14+): framework off-heap short by the bytes still needed", () => {
    const text = "java.lang.OutOfMemoryError: Can't allocate enough direct buffer for batch shuffle read buffer pool (bytes allocated: 33554432, bytes still needed: 33554432). To avoid the exception, you need to do one of the following adjustments: 1) If you have ever decreased taskmanager.memory.framework.off-heap.size, you need to undo the decrement; 2) If you ever increased taskmanager.memory.framework.off-heap.batch-shuffle.size, you should also increase taskmanager.memory.framework.off-heap.size; 3) If neither the above cases, it usually means some other parts of your application have consumed too many direct memory and the value of taskmanager.memory.task.off-heap.size should be increased.";
    const f = find(diagnose(text, { flink: "1.17", configuration: { dynamic: [["taskmanager.memory.process.size", "4g"]] } }).findings, "direct-oom");
    expect(f.component).toContain("batch shuffle");
    expect(f.numbers).toMatchObject({ allocatedBytes: "33554432", shortBytes: "33554432" });
    expect(f.changes[0]!.settings).toContainEqual(["taskmanager.memory.framework.off-heap.size", "160m"]);
  });
  it("batch shuffle size below one segment, and the per-gate maximum below one", () => {
    const small = find(diagnose("java.lang.IllegalArgumentException: Illegal configuration, config value for 'taskmanager.memory.framework.off-heap.batch-shuffle.size' must be no smaller than 'taskmanager.memory.segment-size', please increase 'taskmanager.memory.framework.off-heap.batch-shuffle.size' to at least 32768 bytes.").findings, "invalid-configuration");
    expect(small.numbers.leastBytes).toBe(32768);
    const gate = find(diagnose("java.lang.IllegalArgumentException: At least one buffer is required for each gate, please increase the value of taskmanager.network.memory.read-buffer.required-per-gate.max.").findings, "invalid-configuration");
    expect(gate.flinkHint).toBe("increase the value of taskmanager.network.memory.read-buffer.required-per-gate.max");
  });
  it("the pool's start-up line gives the network size, and the process sizes that give it with defaults", () => {
    const { findings } = diagnose("INFO  org.apache.flink.runtime.io.network.NettyShuffleServiceFactory [] - Allocated 128 MB for network buffer pool (number of memory segments: 4096, bytes per segment: 32768).", { flink: "1.17" });
    const f = find(findings, "memory-layout");
    expect(f.numbers).toMatchObject({ networkBuffers: "4096", segmentSize: "32768" });
    expect(f.rebuilt!.settings).toEqual([["taskmanager.memory.process.size", "1728m"]]);
    expect(resolveTaskManager({ flink: "1.17", dynamic: f.rebuilt!.settings, trace: false }).spec.network / 32768n).toBe(4096n);
  });
  it("a local run gets its fixed network size, set as min and max, checked as Flink runs it locally", () => {
    const text = "Caused by: java.io.IOException: Insufficient number of network buffers: required 65, but only 33 available. The total number of network buffers is currently set to 2048 of 32768 bytes each.\n\tat org.apache.flink.runtime.minicluster.MiniCluster.executeJobBlocking(MiniCluster.java:1)";
    const f = find(diagnose(text, { flink: "1.19" }).findings, "network-buffers");
    expect(f.changes).toHaveLength(1);
    expect(f.changes[0]!.settings).toEqual([["taskmanager.memory.network.min", "65m"], ["taskmanager.memory.network.max", "65m"]]);
    expect(f.changes[0]!.checked).toMatchObject({ ok: true });
  });
});

describe("configurations pasted as such", () => {
  it("REST /jobmanager/config JSON and the web UI's key<TAB>value table: a layout, and the base of a change", () => {
    const json = '[{"key":"jobmanager.memory.process.size","value":"1600m"},{"key":"s3.secret-key","value":"flink-memory-canary"},{"key":"taskmanager.memory.process.size","value":"1728m"}]';
    const { findings } = diagnose(json, { flink: "1.18" });
    const tm = findings.find((f) => f.kind === "memory-layout" && f.process === "taskmanager")!;
    expect(tm.numbers.totalProcess).toBe(String(1728n * MiB));
    expect(findings.find((f) => f.process === "jobmanager")!.numbers.totalProcess).toBe(String(1600n * MiB));
    expect(JSON.stringify(findings)).not.toContain("flink-memory-canary");
    const table = "taskmanager.memory.process.size\t2g\ntaskmanager.numberOfTaskSlots\t2\njava.io.IOException: Insufficient number of network buffers: required 300, but only 10 available. The total number of network buffers is currently set to 5079 of 32768 bytes each.";
    const nb = find(diagnose(table, { flink: "1.18" }).findings, "network-buffers");
    expect(nb.changes.length).toBeGreaterThan(0);
    expect(nb.changes[0]!.checked.ok && nb.changes[0]!.checked.result).toContain("the memory options in the paste");
  });
});

describe("size messages", () => {
  it("YARN rounding a container up: the extra is not Flink's", () => {
    const f = find(diagnose("INFO  org.apache.flink.yarn.YarnClusterDescriptor [] - The configured TaskManager memory is 1728 MB. YARN will allocate 2048 MB to make up an integer multiple of its minimum allocation memory (1024 MB, configured via 'yarn.scheduler.minimum-allocation-mb'). The extra 320 MB may not be used by Flink.").findings, "memory-layout");
    expect(f).toMatchObject({ process: "taskmanager", numbers: { configuredMB: 1728, containerMB: 2048, minAllocationMB: 1024, unusedMB: 320 } });
  });
  it("more than MAX_INT pages", () => {
    const f = find(diagnose("java.lang.IllegalArgumentException: The given number of memory bytes (140737488355328) corresponds to more than MAX_INT pages.").findings, "invalid-configuration");
    expect(f.numbers.bytes).toBe("140737488355328");
  });
});

