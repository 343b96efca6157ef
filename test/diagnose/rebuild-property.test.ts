// Property: whatever configuration Flink started a TaskManager or JobManager with, its launch
// line (JVM flags, with or without the dynamic configs) is read back to a configuration that
// the engine resolves to the same sizes, to the byte.
import { describe, expect, it } from "vitest";
import { diagnose } from "../../src/diagnose/diagnose.js";
import { resolveJobManager, resolveTaskManager } from "../../src/resolve.js";

// A small deterministic generator (no dependency): sizes and fractions across the ranges users set.
function* cases(seed: number, n: number): Generator<{ mib: number; managed: number }> {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < n; i++) yield { mib: 1024 + Math.floor(next() * 15360), managed: Math.round(next() * 55) / 100 + 0.05 };
}

describe("launch lines back to their configuration", () => {
  for (const flink of ["1.12", "1.17", "2.2"]) {
    it(`TaskManager flags and dynamic configs (Flink ${flink})`, () => {
      for (const c of cases(7, 25)) {
        const dynamic: [string, string][] = [["taskmanager.memory.process.size", `${c.mib}m`], ["taskmanager.memory.managed.fraction", String(c.managed)]];
        const tm = resolveTaskManager({ flink, dynamic, trace: false });
        const paste = `/usr/bin/java ${tm.jvmParameters} -Dlog.file=/x/taskmanager.log org.apache.flink.yarn.YarnTaskExecutorRunner ${tm.dynamicConfigs} --configDir .`;
        const f = diagnose(paste, { flink }).findings.find((x) => x.kind === "memory-layout")!;
        expect(f.process).toBe("taskmanager");
        expect(f.rebuilt?.matches).toBe(true);
        const back = resolveTaskManager({ flink: f.rebuilt!.flink, dynamic: f.rebuilt!.settings, trace: false }).spec;
        expect([back.jvmHeap, back.jvmDirect, back.metaspace, back.totalProcess]).toEqual([tm.spec.jvmHeap, tm.spec.jvmDirect, tm.spec.metaspace, tm.spec.totalProcess]);
      }
    });
  }

  it("TaskManager flags alone: the process size and managed fraction are found when the network is not at its bounds", () => {
    for (const c of cases(11, 25)) {
      const mib = 2048 + (c.mib % 8192);
      const tm = resolveTaskManager({ flink: "1.20", dynamic: [["taskmanager.memory.process.size", `${mib}m`], ["taskmanager.memory.managed.fraction", String(c.managed)]], trace: false });
      const paste = `Worker container_01 is terminated.\n/usr/bin/java ${tm.jvmParameters} org.apache.flink.yarn.YarnTaskExecutorRunner`;
      const f = diagnose(paste, { flink: "1.20" }).findings.find((x) => x.kind === "memory-layout")!;
      expect(f.rebuilt?.settings[0]).toEqual(["taskmanager.memory.process.size", `${mib}m`]);
    }
  });

  it("JobManager flags alone, with and without the direct memory limit", () => {
    for (const c of cases(3, 20)) {
      const limit = c.managed > 0.4;
      const dynamic: [string, string][] = [["jobmanager.memory.process.size", `${c.mib}m`]];
      if (limit) dynamic.push(["jobmanager.memory.enable-jvm-direct-memory-limit", "true"]);
      const jm = resolveJobManager({ flink: "1.18", dynamic, trace: false });
      const paste = `java ${jm.jvmParameters} org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint`;
      const f = diagnose(paste, { flink: "1.18" }).findings.find((x) => x.kind === "memory-layout")!;
      expect(f.process).toBe("jobmanager");
      expect(f.rebuilt?.settings).toEqual(dynamic);
    }
  });
});
