import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeState, encodeState, memoryKeys } from "../../web/share.js";
import { versionChoices } from "../../src/versions/choices.js";
import { SUPPORTED_LINES } from "../../src/versions/version.js";
import { memoryEntries } from "../../src/config/memory-entries.js";
import { loadConfiguration } from "../../src/config/load.js";
import { flinkVersion } from "../../src/versions/version.js";
import { offendingKeys } from "../../src/render/offending.js";
import { resolveTaskManager } from "../../src/resolve.js";
import { optionsFor } from "../../src/options/registry.js";
import { FlinkError } from "../../src/errors.js";

describe("share link state", () => {
  it("round-trips version, process and memory options", () => {
    const keys = [...memoryKeys("1.20")];
    fc.assert(
      fc.property(fc.constantFrom("tm", "jm"), fc.dictionary(fc.constantFrom(...keys), fc.string({ minLength: 1 })), (process, dict) => {
        const values = new Map(Object.entries(dict));
        const back = decodeState(encodeState({ flink: "1.20", process: process as "tm" | "jm", values }));
        expect(back.flink).toBe("1.20");
        expect(back.process).toBe(process);
        expect(back.values).toEqual(values);
      }),
    );
  });

  it("drops every key that is not a memory option of the version, both ways", () => {
    const s = decodeState("#flink=2.0&process=jm&s3.secret-key=hunter2&taskmanager.heap.size=1g&jobmanager.memory.process.size=2g");
    expect([...s.values]).toEqual([["jobmanager.memory.process.size", "2g"]]);
    s.values.set("password", "hunter2");
    expect(encodeState(s)).toBe("#flink=2.0&process=jm&jobmanager.memory.process.size=2g");
  });

  it("falls back to the newest version for an unknown one", () => {
    expect(decodeState("#flink=0.9").flink).toBe(SUPPORTED_LINES[SUPPORTED_LINES.length - 1]);
  });
});

describe("version choices", () => {
  it("offers every line and the patch ranges with different rules", () => {
    const c = versionChoices();
    for (const line of SUPPORTED_LINES) expect(c.some((x) => x.value === line)).toBe(true);
    expect(c.find((x) => x.value === "1.10.0")).toEqual({ value: "1.10.0", label: "1.10.0" });
    expect(c.find((x) => x.value === "1.12.1")).toEqual({ value: "1.12.1", label: "1.12.0 – 1.12.1" });
    expect(c.find((x) => x.value === "1.12.4")).toEqual({ value: "1.12.4", label: "1.12.2 – 1.12.4" });
    for (const x of c) expect(() => flinkVersion(x.value)).not.toThrow();
  });
});

describe("memoryEntries", () => {
  it("keeps memory options under their main key and only counts the rest", () => {
    const text = "taskmanager.memory.size: 1g\ntaskmanager.memory.process.size: 4g\ns3.secret-key: hunter2\nfoo: bar\n";
    const { values, otherKeys } = memoryEntries(loadConfiguration({ flinkConfYaml: text }, flinkVersion("1.16")).config);
    expect([...values]).toEqual([["taskmanager.memory.process.size", "4g"], ["taskmanager.memory.managed.size", "1g"]]);
    expect(otherKeys).toBe(2);
  });

  it("writes YAML-typed values and prefixed maps as Flink would read them back", () => {
    const text = "taskmanager:\n  memory:\n    managed:\n      fraction: 0.25\n      consumer-weights:\n        OPERATOR: 60\n        PYTHON: 40\n";
    const { values } = memoryEntries(loadConfiguration({ configYaml: text }, flinkVersion("2.0")).config);
    expect(values.get("taskmanager.memory.managed.fraction")).toBe("0.25");
    expect(values.get("taskmanager.memory.managed.consumer-weights")).toBe("OPERATOR:60,PYTHON:40");
  });
});

describe("offendingKeys", () => {
  const fail = (pairs: [string, string][]) => {
    try {
      resolveTaskManager({ flink: "2.0", dynamic: pairs });
    } catch (e) {
      return e as FlinkError;
    }
    throw new Error("resolved");
  };
  const options = optionsFor(flinkVersion("2.0"));

  it("maps Flink's component words back to the options that were set", () => {
    const pairs: [string, string][] = [["taskmanager.memory.process.size", "1g"], ["taskmanager.memory.task.heap.size", "900m"], ["taskmanager.memory.managed.size", "200m"], ["taskmanager.memory.jvm-overhead.max", "1g"]];
    const keys = offendingKeys(fail(pairs), "tm", options, new Set(pairs.map(([k]) => k)));
    expect([...keys].sort()).toEqual(["taskmanager.memory.managed.size", "taskmanager.memory.process.size", "taskmanager.memory.task.heap.size"]);
  });

  it("names the key of a value that does not parse", () => {
    const pairs: [string, string][] = [["taskmanager.memory.process.size", "4x"]];
    expect([...offendingKeys(fail(pairs), "tm", options, new Set(["taskmanager.memory.process.size"]))]).toEqual(["taskmanager.memory.process.size"]);
  });
});
