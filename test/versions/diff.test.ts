import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffVersions } from "../../src/versions/diff.js";
import { flinkVersion } from "../../src/versions/version.js";
import { ROOT } from "../support/golden.js";

describe("diff between versions", () => {
  it("lists changed defaults, removed options and behaviour changes, in either argument order", () => {
    const d = diffVersions(flinkVersion("2.2"), flinkVersion("1.16"));
    expect(d.older.line).toBe("1.16");
    expect(d.options).toContainEqual({ key: "taskmanager.memory.network.max", change: "default", from: "1 gb", to: "infinite" });
    expect(d.options).toContainEqual({ key: "taskmanager.heap.size", change: "removed" });
    expect(d.features.map((f) => f.feature)).toContain("legacyHeapOptions");
    // 1.17 renamed state.backend to state.backend.type, keeping the old key as a fallback; 1.19 gave it a default.
    expect(d.options).toContainEqual({ key: "state.backend.type", change: "renamed", from: "state.backend" });
    expect(d.options).toContainEqual({ key: "state.backend.type", change: "fallback-keys", from: [], to: ["state.backend"] });
    expect(d.options).toContainEqual({ key: "state.backend.type", change: "default", from: "(none)", to: "hashmap" });
    expect(diffVersions(flinkVersion("2.0"), flinkVersion("2.2"))).toMatchObject({ options: [], features: [] });
    expect(diffVersions(flinkVersion("1.10.0"), flinkVersion("1.10.3")).options).toContainEqual({
      key: "taskmanager.memory.jvm-metaspace.size", change: "default", from: "96 mb", to: "256 mb",
    });
  });

  it("the CLI shows what one configuration resolves to in each (32g: 1 GiB network in 1.16, 3.075 GiB in 2.2)", () => {
    const r = spawnSync(process.execPath, [join(ROOT, "bin", "flink-memory.js"), "diff", "1.16", "2.2", "-D", "taskmanager.memory.process.size=32g"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/network\s+1 GiB →\s+3\.075 GiB/);
    expect(r.stdout).not.toContain("JobManager with this configuration");
    const bad = spawnSync(process.execPath, [join(ROOT, "bin", "flink-memory.js"), "diff", "1.16", "3.0"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("Supported: 1.10, 1.11");
  });
});
