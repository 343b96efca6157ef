import { describe, expect, it } from "vitest";
import { chooseConfigFile, loadConfiguration } from "../../src/config/load.js";
import { flinkVersion } from "../../src/versions/version.js";
import { optionsFor } from "../../src/options/registry.js";
import { configOptionToString } from "../../src/options/types.js";
import { FlinkError } from "../../src/errors.js";

describe("which config file a version reads", () => {
  const both = { configYaml: true, flinkConfYaml: true };
  it("1.20 prefers flink-conf.yaml, 2.x reads only config.yaml, 1.18 only flink-conf.yaml", () => {
    expect(chooseConfigFile(flinkVersion("1.20"), both)).toBe("flink-conf.yaml");
    expect(chooseConfigFile(flinkVersion("1.20"), { configYaml: true, flinkConfYaml: false })).toBe("config.yaml");
    expect(chooseConfigFile(flinkVersion("2.0"), both)).toBe("config.yaml");
    expect(chooseConfigFile(flinkVersion("2.0"), { configYaml: false, flinkConfYaml: true })).toBe("none");
    expect(chooseConfigFile(flinkVersion("1.18"), both)).toBe("flink-conf.yaml");
    expect(chooseConfigFile(flinkVersion("1.18"), { configYaml: true, flinkConfYaml: false })).toBe("none");
  });

  it("dynamic properties win over the file; the ignored file is reported", () => {
    const l = loadConfiguration(
      { configYaml: "taskmanager.memory.process.size: 1g\n", flinkConfYaml: "x: 1\n", dynamic: [["taskmanager.memory.process.size", "2g"]] },
      flinkVersion("2.0"),
    );
    expect(l.file).toBe("config.yaml");
    expect(l.ignoredFile).toBe("flink-conf.yaml");
    expect(l.config.get(l.config.options.get<"memory">("tm.process"))).toBe(2n * 1024n ** 3n);
  });

  it("a bad value fails with Flink's message, naming the main key even for a deprecated key", () => {
    const l = loadConfiguration({ flinkConfYaml: "taskmanager.network.memory.fraction: 0.1x\n" }, flinkVersion("1.20"));
    let err: unknown;
    try {
      l.config.get(l.config.options.get<"float">("tm.networkFraction"));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FlinkError);
    expect((err as FlinkError).message).toBe("Could not parse value '0.1x' for key 'taskmanager.memory.network.fraction'.");
    expect((err as FlinkError).rootLocation).toEqual({ source: "flink-conf.yaml", line: 1, column: 38 });
  });
});

describe("option registry", () => {
  it("derives defaults per version from declared changes", () => {
    expect(optionsFor("1.16").get("tm.networkMax").defaultValue).toBe(1024n ** 3n);
    expect(optionsFor("1.17").get("tm.networkMax").defaultValue).toBe(2n ** 63n - 1n);
    expect(optionsFor("1.10.0").get("tm.metaspace").defaultValue).toBe(96n * 1024n ** 2n);
    expect(optionsFor("1.10").get("tm.metaspace").defaultValue).toBe(256n * 1024n ** 2n);
    expect(optionsFor("1.20").find("tm.legacyHeap")).toBeDefined();
    expect(optionsFor("2.0").find("tm.legacyHeap")).toBeUndefined();
    expect(optionsFor("2.0").byKey("taskmanager.network.memory.min")?.key).toBe("taskmanager.memory.network.min");
  });

  it("prints options as ConfigOption.toString does", () => {
    expect(configOptionToString(optionsFor("2.0").get("tm.networkFraction"))).toBe(
      "Key: 'taskmanager.memory.network.fraction' , default: 0.1 (fallback keys: [{key=taskmanager.network.memory.fraction, isDeprecated=true}])",
    );
    expect(configOptionToString(optionsFor("2.0").get("tm.flink"))).toBe("Key: 'taskmanager.memory.flink.size' , default: null (fallback keys: [])");
  });

  it("every option has a key, a type and a description", () => {
    for (const v of ["1.10", "1.20", "2.0"]) {
      for (const o of optionsFor(v).all) {
        expect(o.key.length).toBeGreaterThan(0);
        expect(o.description.length).toBeGreaterThan(10);
      }
    }
  });
});
