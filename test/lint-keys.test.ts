import { describe, expect, it } from "vitest";
import { loadConfiguration } from "../src/config/load.js";
import { checkKeys, editDistance } from "../src/lint/keys.js";
import { flinkVersion } from "../src/versions/version.js";

const warn = (yaml: string, v = "2.0") => checkKeys(loadConfiguration({ configYaml: yaml }, flinkVersion(v)).config);

describe("unknown, misspelled and removed memory keys", () => {
  it("suggests the nearest valid key", () => {
    const w = warn("taskmanager.process.size: 4g\ntaskmanager.memory.procces.size: 4g\njobmanager.memory.heap.sise: 1g\n");
    expect(w.map((x) => x.suggestion)).toEqual(["taskmanager.memory.process.size", "taskmanager.memory.process.size", "jobmanager.memory.heap.size"]);
    expect(w[0]!.location).toEqual({ source: "config.yaml", line: 1, column: 27 });
  });

  it("reports options removed in the chosen version, and deprecated keys", () => {
    const w = warn("taskmanager.heap.size: 1g\ntaskmanager.network.memory.min: 64m\n");
    expect(w[0]!.message).toBe("'taskmanager.heap.size' was removed in Flink 2.0; Flink 2.0 ignores it. Use 'taskmanager.memory.flink.size'.");
    expect(w[1]!.suggestion).toBe("taskmanager.memory.network.min");
    expect(warn("taskmanager.heap.size: 1g\n", "1.20")[0]!.message).toMatch(/deprecated in Flink 1.20; use 'taskmanager.memory.flink.size'/);
  });

  it("leaves valid and unrelated keys alone, and never quotes values", () => {
    const w = warn("taskmanager.memory.process.size: 4g\ns3.secret-key: hunter2\ntaskmanager.network.memory.buffer-debloat.enabled: true\nrest.port: 8081\n");
    expect(w).toEqual([]);
    const typo = warn("taskmanager.memory.proccess.size: hunter2\n");
    expect(JSON.stringify(typo)).not.toContain("hunter2");
  });

  it("edit distance", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });
});
