// End to end: the real CLI, spawned, fed JSON Lines.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/golden.js";

const BIN = join(ROOT, "bin", "flink-memory.js");
const run = (args: string[], input = "") => spawnSync(process.execPath, [BIN, ...args], { input, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });

describe("flink-memory batch", () => {
  it("answers each line, in order, and goes on after a bad line", () => {
    const lines = [
      JSON.stringify({ id: "a", flink: "2.0", mode: "tm", input: { dynamic: [["taskmanager.memory.process.size", "1728m"]] } }),
      "{not json",
      "",
      JSON.stringify({ id: "b", flink: "2.0", mode: "jm", input: { configYaml: "jobmanager.memory.process.size: 500m\n" } }),
      JSON.stringify({ id: "c", flink: "9.9", mode: "tm", input: {} }),
      JSON.stringify({ id: "d", mode: "nope", input: {} }),
      JSON.stringify([1, 2]),
    ];
    const r = run(["batch"], lines.join("\n") + "\n");
    expect(r.status).toBe(0);
    const out = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(["a", null, "b", "c", "d", null]);
    expect(out[0].managed).toBe("536870920");
    expect(out[0].bashJavaUtils[0]).toBe("BASH_JAVA_UTILS_EXEC_RESULT:-Xmx536870902 -Xms536870902 -XX:MaxDirectMemorySize=268435458 -XX:MaxMetaspaceSize=268435456");
    expect(out[1].error.message).toMatch(/^not a JSON line/);
    expect(out[2].error).toMatchObject({
      class: "org.apache.flink.configuration.IllegalConfigurationException",
      message: "The configured Total Flink Memory (52.000mb (54525952 bytes)) is less than the configured Off-heap Memory (128.000mb (134217728 bytes)).",
    });
    expect(out[3].error.message).toMatch(/Unsupported Flink version '9.9'/);
    expect(out[4].error.message).toMatch(/unknown mode/);
    expect(out[5].error.message).toMatch(/JSON object/);
  });

  it("streams many lines with bounded memory", () => {
    const line = JSON.stringify({ id: 1, flink: "1.20", mode: "tm", input: { dynamic: [["taskmanager.memory.process.size", "4g"]] } });
    const n = 20000;
    const r = run(["batch"], (line + "\n").repeat(n));
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split("\n").length).toBe(n);
  });
});
