// Version differences: patch releases, and each behaviour change checked on both sides of the
// release that brought it (the release before answers the old way, the release itself the new way).
import { describe, expect, it } from "vitest";
import { answerCase } from "../../src/cases.js";
import { FlinkError, JavaClass } from "../../src/errors.js";
import { optionsFor } from "../../src/options/registry.js";
import { BASH_JAVA_UTILS_PREFIX, resolveLocal, resolveTaskManager } from "../../src/resolve.js";
import { MAX_BYTES, MiB } from "../../src/size/memory-size.js";
import { FEATURES, has, type Feature } from "../../src/versions/features.js";
import { atLeast, compareVersions, flinkVersion, inSpan, parseFlinkVersion } from "../../src/versions/version.js";
import { failure } from "../support/failure.js";

const tm = (flink: string, ...dynamic: [string, string][]) => resolveTaskManager({ flink, dynamic, trace: false });
const local = (flink: string, ...dynamic: [string, string][]) => resolveLocal({ flink, dynamic, trace: false });


/** The dynamic-config keys of a TaskManager, in Flink's order. */
const dynamicKeys = (s: string) => [...s.matchAll(/-D ([^=]+)=/g)].map((m) => m[1]);

describe("patch versions", () => {
  it("parses a patch release; a version without patch is the newest of its line", () => {
    expect(parseFlinkVersion("1.10.0")).toMatchObject({ major: 1, minor: 10, patch: 0, line: "1.10", key: "1.10.0" });
    expect(parseFlinkVersion("1.10")).toMatchObject({ major: 1, minor: 10, patch: undefined, line: "1.10", key: "1.10" });
    expect(() => parseFlinkVersion("1.9.3")).toThrow(/Unsupported Flink version/);
  });

  it("orders patch releases within a line, the bare line last", () => {
    expect(compareVersions("1.10.0", "1.10.1")).toBeLessThan(0);
    expect(compareVersions("1.10.3", "1.10.1")).toBeGreaterThan(0);
    expect(compareVersions("1.10", "1.10.3")).toBeGreaterThan(0);
    expect(compareVersions("1.10", "1.10")).toBe(0);
    expect(compareVersions("1.10.3", "1.11.0")).toBeLessThan(0);
    expect(compareVersions("1.10", "1.11.0")).toBeLessThan(0);
    expect(compareVersions("2.0.0", "1.20")).toBeGreaterThan(0);
  });

  it("a boundary without patch starts at the line's first release; one with patch at that release", () => {
    expect(atLeast(flinkVersion("1.11.0"), "1.11")).toBe(true);
    expect(atLeast(flinkVersion("1.11"), "1.11")).toBe(true);
    expect(atLeast(flinkVersion("1.10.3"), "1.11")).toBe(false);
    expect(atLeast(flinkVersion("1.10"), "1.11")).toBe(false);
    expect(atLeast(flinkVersion("1.10.0"), "1.10.1")).toBe(false);
    expect(atLeast(flinkVersion("1.10.1"), "1.10.1")).toBe(true);
    expect(atLeast(flinkVersion("1.10"), "1.10.1")).toBe(true);
    expect(atLeast(flinkVersion("1.11.0"), "1.10.1")).toBe(true);
    expect(inSpan(flinkVersion("1.10.0"), { since: "1.10", until: "1.10.1" })).toBe(true);
    expect(inSpan(flinkVersion("1.10.2"), { since: "1.10", until: "1.10.1" })).toBe(false);
  });

  it("every feature boundary names a supported release", () => {
    for (const [name, span] of Object.entries(FEATURES)) {
      const s = span as { since?: string; until?: string };
      for (const b of [s.since, s.until]) if (b !== undefined) expect(() => flinkVersion(b), name).not.toThrow();
    }
  });

  it("options of different patch releases of one line are kept apart", () => {
    const metaspace = (v: string) => optionsFor(v).get<"memory">("tm.metaspace").defaultValue;
    expect(metaspace("1.10.0")).toBe(96n * MiB);
    expect(metaspace("1.10.1")).toBe(256n * MiB);
    expect(metaspace("1.10.0")).toBe(96n * MiB);
  });
});

describe("TaskManager JVM metaspace default: 96m in 1.10.0, 256m from 1.10.1 (FLINK-16406)", () => {
  it("1.10.0 vs 1.10.1 and 1.10.3; a bare 1.10 is the newest patch", () => {
    const process = ["taskmanager.memory.process.size", "1728m"] as [string, string];
    expect(tm("1.10.0", process).spec.metaspace).toBe(96n * MiB);
    expect(tm("1.10.0", process).jvmParameters).toMatch(/-XX:MaxMetaspaceSize=100663296$/);
    expect(tm("1.10.1", process).spec.metaspace).toBe(256n * MiB);
    expect(tm("1.10.3", process).spec.metaspace).toBe(256n * MiB);
    expect(tm("1.10", process).spec.metaspace).toBe(256n * MiB);
    expect(optionsFor("1.10.0").get("tm.metaspace").defaultText).toBe("96 mb");
    expect(optionsFor("1.11").get("tm.metaspace").defaultText).toBe("256 mb");
  });
});

describe("requiredFineGrainedMessage (1.11)", () => {
  it("1.10 names the four keys plainly; 1.11 lists the required fine-grained keys and prints the options", () => {
    expect(has(flinkVersion("1.10"), "requiredFineGrainedMessage")).toBe(false);
    expect(has(flinkVersion("1.11.0"), "requiredFineGrainedMessage")).toBe(true);
    const old = failure(() => tm("1.10"));
    expect(old.javaClass).toBe(JavaClass.IllegalConfiguration);
    expect(old.message).toBe(
      "Either Task Heap Memory size (taskmanager.memory.task.heap.size) and Managed Memory size (taskmanager.memory.managed.size), or Total Flink Memory size (taskmanager.memory.flink.size), or Total Process Memory size (taskmanager.memory.process.size) need to be configured explicitly.",
    );
    expect(failure(() => tm("1.11.0")).message).toBe(
      "Either required fine-grained memory (taskmanager.memory.task.heap.size and taskmanager.memory.managed.size), or Total Flink Memory size (Key: 'taskmanager.memory.flink.size' , default: null (fallback keys: [])), or Total Process Memory size (Key: 'taskmanager.memory.process.size' , default: null (fallback keys: [])) need to be configured explicitly.",
    );
  });
});

describe("configuredAndDerivedWording (1.11)", () => {
  // The sum check it words cannot fail with the parts Flink derives; the flag is checked directly.
  it("is off in 1.10 and on from 1.11.0", () => {
    expect(has(flinkVersion("1.10.3"), "configuredAndDerivedWording")).toBe(false);
    expect(has(flinkVersion("1.11.0"), "configuredAndDerivedWording")).toBe(true);
  });
});

describe("processCoversFlinkAndMetaspace (1.11)", () => {
  it("1.10 fails in the subtraction with 'bytes must be >= 0'; 1.11 says what does not fit", () => {
    const conf: [string, string][] = [
      ["taskmanager.memory.flink.size", "1g"],
      ["taskmanager.memory.process.size", "1g"],
    ];
    const old = failure(() => tm("1.10", ...conf));
    expect(old.javaClass).toBe(JavaClass.IllegalArgument);
    expect(old.message).toBe("bytes must be >= 0");
    const now = failure(() => tm("1.11.0", ...conf));
    expect(now.javaClass).toBe(JavaClass.IllegalConfiguration);
    expect(now.message).toBe(
      "The configured Total Process Memory size (1024.000mb (1073741824 bytes)) is less than the sum of the derived Total Flink Memory size (1024.000mb (1073741824 bytes)) and the configured or default JVM Metaspace size  (256.000mb (268435456 bytes)).",
    );
  });
});

describe("taskManagerFailurePrefix and jobManagerFailurePrefix (1.11.3, FLINK-20171)", () => {
  const jm = (flink: string) => answerCase({ id: 1, flink, mode: "jm", input: { dynamic: [["jobmanager.memory.flink.size", "1g"], ["jobmanager.memory.process.size", "1g"]] } }) as { error?: { message: string } };
  it("1.11.2 fails with Flink's bare message; 1.11.3 and 1.12.0 prefix it with the process", () => {
    const conf: [string, string][] = [["taskmanager.memory.flink.size", "1g"], ["taskmanager.memory.process.size", "1g"]];
    const bare = failure(() => tm("1.11.2", ...conf)).message;
    expect(bare).toMatch(/^The configured Total Process Memory size/);
    expect(failure(() => tm("1.11.3", ...conf)).message).toBe(`TaskManager memory configuration failed: ${bare}`);
    expect(failure(() => tm("1.12.0", ...conf)).message).toBe(`TaskManager memory configuration failed: ${bare}`);
    expect(jm("1.11.2").error?.message).toMatch(/^The configured Total Process Memory size/);
    expect(jm("1.11.3").error?.message).toMatch(/^JobManager memory configuration failed: The configured Total Process Memory size/);
    expect(jm("1.11").error?.message).toMatch(/^JobManager memory configuration failed: /);
  });
});

describe("jobManagerOffHeapInSumCheck (1.11.2, FLINK-18993)", () => {
  const jm = (flink: string, heap: string, offHeap: string, total: string) =>
    answerCase({ id: 1, flink, mode: "jm", input: { dynamic: [["jobmanager.memory.heap.size", heap], ["jobmanager.memory.off-heap.size", offHeap], ["jobmanager.memory.flink.size", total]] } }) as {
      error?: { message: string };
      jvmParams?: string;
    };
  it("1.11.0 and 1.11.1 refuse a consistent heap + off-heap = total, printing the total as off-heap; 1.11.2 and later accept it", () => {
    for (const flink of ["1.11.0", "1.11.1"]) {
      expect(jm(flink, "1g", "128m", "1152m").error?.message).toBe(
        "Sum of the configured JVM Heap Memory (1024.000mb (1073741824 bytes)) and the configured Off-heap Memory (1.125gb (1207959552 bytes)) does not match the configured Total Flink Memory (1.125gb (1207959552 bytes)). Please, make the configuration consistent or configure only one option: either JVM Heap or Total Flink Memory.",
      );
    }
    expect((jm("1.11.1", "1g", "128m", "1152m").error as { hint?: string }).hint).toMatch(/FLINK-18993, fixed in 1\.11\.2.*set just two of/);
    for (const flink of ["1.11.2", "1.11", "1.12.0"]) expect(jm(flink, "1g", "128m", "1152m").jvmParams).toBe("-Xmx1073741824 -Xms1073741824 -XX:MaxMetaspaceSize=268435456");
  });
  it("1.11.1 accepts a zero heap whatever the off-heap (heap + total = total); 1.11.2 checks the off-heap", () => {
    expect(jm("1.11.1", "0", "128m", "1g").jvmParams).toBe("-Xmx0 -Xms0 -XX:MaxMetaspaceSize=268435456");
    expect(jm("1.11.2", "0", "128m", "1g").error?.message).toMatch(/^Sum of the configured JVM Heap Memory \(0 bytes\) and the configured Off-heap Memory \(128\.000mb \(134217728 bytes\)\)/);
  });
});

describe("dynamicConfigsJoined (1.12)", () => {
  it("1.11 ends every entry with a space; 1.12 joins them", () => {
    const conf = ["taskmanager.memory.process.size", "1g"] as [string, string];
    expect(tm("1.11", conf).dynamicConfigs).toMatch(/^-D \S+ (-D \S+ )+$/);
    expect(tm("1.12", conf).dynamicConfigs).toMatch(/^-D \S+( -D \S+)+$/);
  });
});

describe("taskManagerDynamicConfigsJvm (1.12.2, FLINK-21158)", () => {
  it("1.12.1 passes 8 keys; 1.12.2 adds JVM metaspace and overhead", () => {
    const conf = ["taskmanager.memory.process.size", "1g"] as [string, string];
    const before = dynamicKeys(tm("1.12.1", conf).dynamicConfigs);
    const after = dynamicKeys(tm("1.12.2", conf).dynamicConfigs);
    expect(before).toHaveLength(8);
    expect(before).not.toContain("taskmanager.memory.jvm-metaspace.size");
    expect(after).toHaveLength(11);
    expect(after).toEqual(expect.arrayContaining(["taskmanager.memory.jvm-metaspace.size", "taskmanager.memory.jvm-overhead.min", "taskmanager.memory.jvm-overhead.max"]));
    expect(tm("1.12.2", conf).dynamicConfigs).toContain(`-D taskmanager.memory.jvm-metaspace.size=${256n * MiB}b`);
  });
});

describe("taskManagerSpecSlots and taskManagerExternalResources (1.13, FLINK-21433 / FLINK-21480)", () => {
  const conf: [string, string][] = [
    ["taskmanager.memory.process.size", "2g"],
    ["taskmanager.numberOfTaskSlots", "3"],
    ["external-resources", "gpu"],
    ["external-resource.gpu.amount", "2"],
  ];

  it("1.12 results have neither slots nor external resources; 1.13 has both", () => {
    const old = answerCase({ id: 1, flink: "1.12", mode: "tm", input: { dynamic: conf } });
    expect(old.error).toBeUndefined();
    expect(old).not.toHaveProperty("numSlots");
    expect(old).not.toHaveProperty("extendedResources");
    const now = answerCase({ id: 2, flink: "1.13", mode: "tm", input: { dynamic: conf } });
    expect(now).toMatchObject({ numSlots: 3, extendedResources: { gpu: "2.0" } });
  });

  it("1.12 dynamic configs lack slots and resources; 1.13 passes both", () => {
    const old = tm("1.12", ...conf).dynamicConfigs;
    expect(old).not.toContain("taskmanager.numberOfTaskSlots");
    expect(old).not.toContain("external-resource");
    const now = tm("1.13", ...conf).dynamicConfigs;
    expect(now).toContain("-D taskmanager.numberOfTaskSlots=3");
    expect(now).toContain("-D external-resource.gpu.amount=2");
    expect(dynamicKeys(tm("1.13", conf[0]!).dynamicConfigs)).toContain("external-resources");
  });

  it("1.12 never reads the slots when CPU cores are set; 1.13 does", () => {
    const bad: [string, string][] = [["taskmanager.memory.process.size", "2g"], ["taskmanager.cpu.cores", "2"], ["taskmanager.numberOfTaskSlots", "x"]];
    expect(tm("1.12", ...bad).spec.cpuCores.decimal).toBe("2.0");
    expect(failure(() => tm("1.13", ...bad)).message).toBe("Could not parse value 'x' for key 'taskmanager.numberOfTaskSlots'.");
  });

  it("local execution: 1.12 has no external resources, 1.13 has them", () => {
    expect(local("1.12", ...conf.slice(2)).spec.extendedResources).toBeUndefined();
    expect(local("1.13", ...conf.slice(2)).spec.extendedResources).toEqual([{ name: "gpu", amount: 2n, value: "2.0", longValue: 2n }]);
  });

  it("the external-resources option itself exists from 1.11", () => {
    expect(optionsFor("1.10").find("tm.externalResources")).toBeUndefined();
    expect(optionsFor("1.10").byKey("external-resources")).toBeUndefined();
    expect(optionsFor("1.11").find("tm.externalResources")?.key).toBe("external-resources");
  });
});

describe("externalResourceListQuoted (1.15, FLINK-24541)", () => {
  it("1.14 passes the list bare; 1.15 quotes it", () => {
    const conf: [string, string][] = [
      ["taskmanager.memory.process.size", "2g"],
      ["external-resources", "gpu"],
      ["external-resource.gpu.amount", "1"],
    ];
    expect(tm("1.14", ...conf).dynamicConfigs).toContain("-D external-resources=gpu ");
    expect(tm("1.15", ...conf).dynamicConfigs).toContain(`-D external-resources="gpu" `);
  });
});

describe("local execution: localExecutionBoundedResources and localExecutionTotals (1.12.5)", () => {
  it("1.12.4 assumes Double.MAX_VALUE cores and MemorySize.MAX_VALUE task memory; 1.12.5 a million cores and 1 TiB", () => {
    const old = local("1.12.4").spec;
    expect(old.cpuCores.value).toBe(Number.MAX_VALUE);
    expect(old.cpuCores.decimal).toBe("17976931348623157" + "0".repeat(292));
    expect(old.taskHeap).toBe(MAX_BYTES);
    expect(old.taskOffHeap).toBe(MAX_BYTES);
    const now = local("1.12.5").spec;
    expect(now.cpuCores.decimal).toBe("1000000.0");
    expect(now.taskHeap).toBe(1024n * 1024n * MiB);
  });

  it("1.12.4 computes no totals; 1.12.5 does", () => {
    const old = answerCase({ id: 1, flink: "1.12.4", mode: "tm-local", input: {} });
    expect(Object.keys(old).sort()).toEqual(["cpuCores", "id", "managed", "network", "taskHeap", "taskOffHeap"]);
    const now = answerCase({ id: 2, flink: "1.12.5", mode: "tm-local", input: {} });
    expect(now).toMatchObject({ totalFlinkMemory: "2199493017600", totalProcessMemory: "2200835194880" });
  });

  it("1.10 answers in the shape of Flink 1.10's local execution", () => {
    const got = answerCase({ id: 3, flink: "1.10", mode: "tm-local", input: { dynamic: [["taskmanager.memory.network.max", "8m"]] } });
    expect(got).toEqual({
      id: 3,
      cpuCores: "17976931348623157" + "0".repeat(292),
      taskHeap: String(MAX_BYTES),
      taskOffHeap: String(MAX_BYTES),
      network: String(8n * MiB),
      managed: String(128n * MiB),
    });
  });
});

describe("bashJavaUtilsResourceParams (1.11)", () => {
  it("1.10's two commands print the JVM flags, then the dynamic configs (with its trailing space)", () => {
    expect(has(flinkVersion("1.10"), "bashJavaUtilsResourceParams")).toBe(false);
    expect(has(flinkVersion("1.11"), "bashJavaUtilsResourceParams")).toBe(true);
    // Flink 1.10.3's own lines for this input (golden case 1.10/tm-00001).
    const r = tm("1.10", ["taskmanager.memory.process.size", "6257mb"]);
    expect(r.bashJavaUtils).toEqual([
      "BASH_JAVA_UTILS_EXEC_RESULT:-Xmx2683987513 -Xms2683987513 -XX:MaxDirectMemorySize=697858792 -XX:MaxMetaspaceSize=268435456",
      "BASH_JAVA_UTILS_EXEC_RESULT:-D taskmanager.memory.framework.off-heap.size=134217728b -D taskmanager.memory.network.max=563641064b -D taskmanager.memory.network.min=563641064b -D taskmanager.memory.framework.heap.size=134217728b -D taskmanager.memory.managed.size=2254564259b -D taskmanager.cpu.cores=1.0 -D taskmanager.memory.task.heap.size=2549769785b -D taskmanager.memory.task.off-heap.size=0b ",
    ]);
    expect(r.bashJavaUtils).toEqual([BASH_JAVA_UTILS_PREFIX + r.jvmParameters, BASH_JAVA_UTILS_PREFIX + r.dynamicConfigs]);
    expect(dynamicKeys(r.dynamicConfigs)).toHaveLength(8);
  });
});

describe("feature table", () => {
  it("every feature is on in the newest release or was removed, and has a note", () => {
    for (const name of Object.keys(FEATURES) as Feature[]) {
      const span = FEATURES[name] as { since?: string; until?: string; note: string };
      expect(span.note.length, name).toBeGreaterThan(0);
      if (span.until === undefined) expect(has(flinkVersion("2.2"), name), name).toBe(true);
    }
  });
});

describe("localExecutionResetsUnused (1.20, FLINK-30081)", () => {
  it("1.19 keeps a user framework heap in the local totals; 1.20 resets it to the default", () => {
    const fh: [string, string] = ["taskmanager.memory.framework.heap.size", "256m"];
    expect(local("1.19", fh).spec).toMatchObject({ totalFlink: 2199627235328n, totalProcess: 2200969412608n });
    expect(local("1.20", fh).spec).toMatchObject({ totalFlink: 2199493017600n, totalProcess: 2200835194880n });
  });
  it("before 1.20 an overhead max without min fails Flink's message-less check; 1.20 resets both", () => {
    const e = failure(() => local("1.19", ["taskmanager.memory.jvm-overhead.max", "2g"]));
    expect(e.javaClass).toBe(JavaClass.IllegalArgument);
    expect(e.noJavaMessage).toBe(true);
    expect(local("1.20", ["taskmanager.memory.jvm-overhead.max", "2g"]).spec.totalProcess).toBe(2200835194880n);
  });
});
