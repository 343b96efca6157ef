import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveTaskManager, resolveJobManager } from "../../src/resolve.js";
import { minimalConfig, toConfigYaml, toDynamicFlags } from "../../src/render/minimal-config.js";
import { loadConfiguration } from "../../src/config/load.js";
import { flinkVersion } from "../../src/versions/version.js";

describe("minimalConfig", () => {
  it("drops options equal to their defaults and duplicates", () => {
    const pairs: [string, string][] = [
      ["taskmanager.memory.process.size", "2g"],
      ["taskmanager.memory.managed.fraction", "0.4"],
      ["taskmanager.memory.framework.heap.size", "128m"],
      ["taskmanager.memory.process.size", "4g"],
    ];
    expect(minimalConfig("tm", "2.0", pairs)).toEqual([["taskmanager.memory.process.size", "4g"]]);
  });

  it("keeps what changes the result, and gives undefined for a failing configuration", () => {
    expect(minimalConfig("jm", "1.20", [["jobmanager.memory.process.size", "2g"], ["jobmanager.memory.off-heap.size", "256m"]])).toEqual([
      ["jobmanager.memory.process.size", "2g"],
      ["jobmanager.memory.off-heap.size", "256m"],
    ]);
    expect(minimalConfig("tm", "2.0", [["taskmanager.memory.flink.size", "1g"], ["taskmanager.memory.process.size", "1g"]])).toBeUndefined();
  });

  it("always resolves to the same process, read back from its config.yaml", () => {
    const keys = ["taskmanager.memory.process.size", "taskmanager.memory.flink.size", "taskmanager.memory.managed.fraction", "taskmanager.memory.network.min", "taskmanager.memory.jvm-metaspace.size", "taskmanager.memory.framework.heap.size"];
    const values = ["64m", "128m", "256m", "1g", "2g", "4g", "0.1", "0.4", "0.7"];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...keys), fc.constantFrom(...values)), { maxLength: 5 }), (pairs) => {
        const min = minimalConfig("tm", "2.0", pairs);
        if (min === undefined) return;
        const full = resolveTaskManager({ flink: "2.0", dynamic: pairs, trace: false });
        const fromYaml = resolveTaskManager({ flink: "2.0", configYaml: toConfigYaml(min), trace: false });
        expect(fromYaml.jvmParameters).toBe(full.jvmParameters);
        expect(fromYaml.dynamicConfigs).toBe(full.dynamicConfigs);
        expect(min.length).toBeLessThanOrEqual(new Set(pairs.map(([k]) => k)).size);
      }),
      { numRuns: 150 },
    );
  });

  it("writes YAML and -D flags that read back as the same strings", () => {
    const pairs: [string, string][] = [["a.b", "4 gb"], ["c", "true"], ["d", "x: y"], ["e", "it's"], ["f", "OPERATOR:70,PYTHON:30"]];
    const yaml = toConfigYaml(pairs);
    const config = loadConfiguration({ configYaml: yaml }, flinkVersion("2.0")).config;
    for (const [k, v] of pairs) {
      const e = config.getEntry(k)!.value;
      expect(e.t === "str" ? e.v : String(e.v)).toBe(v);
    }
    expect(toDynamicFlags([["taskmanager.memory.process.size", "4g"], ["x", "4 gb"]])).toBe("-Dtaskmanager.memory.process.size=4g '-Dx=4 gb'");
  });

  it("works for the JobManager of Flink 1.11", () => {
    const min = minimalConfig("jm", "1.11", [["jobmanager.memory.flink.size", "1g"], ["jobmanager.memory.jvm-metaspace.size", "256m"]])!;
    expect(min).toEqual([["jobmanager.memory.flink.size", "1g"]]);
    expect(resolveJobManager({ flink: "1.11", dynamic: min }).spec.totalFlink).toBe(1n << 30n);
  });
});
