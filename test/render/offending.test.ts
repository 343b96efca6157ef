// The fields an error is about, for the three refusals the issue saw unmarked.
import { describe, expect, it } from "vitest";
import { FlinkError } from "../../src/errors.js";
import { optionsFor } from "../../src/options/registry.js";
import { offendingKeys } from "../../src/render/offending.js";
import { resolveTaskManager } from "../../src/resolve.js";

function keysFor(pairs: [string, string][], flink = "2.2"): string[] {
  try {
    resolveTaskManager({ flink, dynamic: pairs });
  } catch (e) {
    if (!(e instanceof FlinkError)) throw e;
    return [...offendingKeys(e, "tm", optionsFor(flink), new Set(pairs.map(([k]) => k)))].sort();
  }
  throw new Error("resolved");
}

describe("offendingKeys", () => {
  it("a process too small: Flink names the Total Flink Memory it derived, the process size is marked", () => {
    expect(keysFor([["taskmanager.memory.process.size", "512m"]])).toEqual(["taskmanager.memory.process.size"]);
  });
  it("an explicit Total Flink Memory stays the one marked", () => {
    expect(keysFor([["taskmanager.memory.flink.size", "200m"]])).toEqual(["taskmanager.memory.flink.size"]);
  });
  it("JVM overhead min too large for the process", () => {
    expect(keysFor([["taskmanager.memory.process.size", "1g"], ["taskmanager.memory.jvm-overhead.min", "1g"]])).toEqual(["taskmanager.memory.jvm-overhead.min", "taskmanager.memory.process.size"]);
  });
  it("network min above max: both ends of the range", () => {
    expect(keysFor([["taskmanager.memory.process.size", "4g"], ["taskmanager.memory.network.min", "600m"], ["taskmanager.memory.network.max", "300m"]])).toEqual(["taskmanager.memory.network.max", "taskmanager.memory.network.min"]);
  });
});
