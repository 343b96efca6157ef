// The official image's docker-entrypoint.sh per generation (apache/flink-docker: dev-1.10 … dev-1.18
// branches; folders 1.19 … 2.2 on master at 983be345): what reaches Flink's configuration.
import { describe, expect, it } from "vitest";
import { rawToString } from "../../src/config/raw-value.js";
import { containerConfiguration, type ContainerStart } from "../../src/docker/entrypoint.js";
import { envsubst } from "../../src/docker/envsubst.js";
import { configParserPairs, withFlinkProperties } from "../../src/docker/flink-properties.js";
import { nestedLines } from "../../src/docker/nested-lines.js";
import { resolveTaskManagerConfig } from "../../src/lint/process-outcome.js";
import { flinkVersion } from "../../src/versions/version.js";

const noEnv = () => undefined;
function start(version: string, extra: Partial<ContainerStart> & { properties?: string } = {}) {
  const { properties, ...rest } = extra;
  return containerConfiguration({
    version: flinkVersion(version),
    role: "taskmanager",
    env: noEnv,
    imageSource: "image",
    ...(properties !== undefined ? { flinkProperties: { text: properties, locate: (line, column) => ({ source: "compose.yaml", line: 10 + line, column }) } } : {}),
    ...rest,
  });
}
const value = (c: ReturnType<typeof start>, key: string) => {
  const e = c.config.getEntry(key);
  return e ? rawToString(e.value) : undefined;
};

describe("the image's own configuration", () => {
  it("per release: 1.10 (flink-conf.yaml, 1568m TaskManager, heap JobManager), 1.11-1.18 (flink-conf.yaml), 1.19+ (config.yaml)", () => {
    expect(start("1.10").file).toBe("flink-conf.yaml");
    expect(value(start("1.10"), "taskmanager.memory.process.size")).toBe("1568m");
    expect(value(start("1.10"), "jobmanager.heap.size")).toBe("1024m");
    for (const v of ["1.11", "1.17", "1.18"]) {
      expect(start(v).file).toBe("flink-conf.yaml");
      expect(value(start(v), "taskmanager.memory.process.size")).toBe("1728m");
      expect(value(start(v), "jobmanager.memory.process.size")).toBe("1600m");
    }
    for (const v of ["1.19", "1.20", "2.0", "2.2"]) {
      expect(start(v).file).toBe("config.yaml");
      expect(value(start(v), "taskmanager.memory.process.size")).toBe("1728m");
      expect(start(v).config.standardYaml).toBe(true);
    }
  });
  it("the entrypoint's own keys", () => {
    for (const v of ["1.17", "2.2"]) {
      expect(value(start(v), "blob.server.port")).toBe("6124");
      expect(value(start(v), "query.server.port")).toBe("6125");
    }
  });
});

describe("FLINK_PROPERTIES up to 1.18: appended to flink-conf.yaml, envsubst over the file", () => {
  it("a later duplicate wins; 'key:value' (no space) and comments are skipped as Flink's line reader skips them", () => {
    const c = start("1.17", { properties: "\ntaskmanager.memory.process.size: 1g\ntaskmanager.memory.process.size: 2g # bigger\ntaskmanager.numberOfTaskSlots:4\n# jobmanager.memory.process.size: 1g" });
    expect(value(c, "taskmanager.memory.process.size")).toBe("2g");
    expect(value(c, "taskmanager.numberOfTaskSlots")).toBe("1");
    const skipped = c.notes.filter((n) => n.kind === "skipped-line");
    expect(skipped).toHaveLength(1);
    // Location: inside the FLINK_PROPERTIES block (its line 4 → compose line 14).
    expect(skipped[0]!.location).toEqual({ source: "compose.yaml", line: 14, column: 1 });
    expect(c.config.getEntry("taskmanager.memory.process.size")!.location).toEqual({ source: "compose.yaml", line: 13, column: 34 });
  });
  it("envsubst: set variables are substituted, unset ones become empty (the line is then skipped)", () => {
    const set = start("1.17", { properties: "taskmanager.memory.process.size: ${TM_MEMORY}", env: (n) => (n === "TM_MEMORY" ? "3g" : undefined) });
    expect(value(set, "taskmanager.memory.process.size")).toBe("3g");
    const unset = start("1.17", { properties: "taskmanager.memory.process.size: $TM_MEMORY" });
    expect(value(unset, "taskmanager.memory.process.size")).toBe("1728m");
    expect(unset.notes.map((n) => n.kind)).toEqual(expect.arrayContaining(["properties-unset-variable", "skipped-line"]));
  });
  it("TASK_MANAGER_NUMBER_OF_TASK_SLOTS is written first (sed in place); FLINK_PROPERTIES after it wins", () => {
    const c = start("1.17", { slots: { text: "4" }, properties: "taskmanager.numberOfTaskSlots: 2" });
    expect(value(c, "taskmanager.numberOfTaskSlots")).toBe("2");
    expect(value(start("1.17", { slots: { text: "4" } }), "taskmanager.numberOfTaskSlots")).toBe("4");
  });
});

describe("FLINK_PROPERTIES from 1.19: one -D pair per line through config-parser-utils.sh", () => {
  it("whitespace is deleted, so 'key:value' and '2 g' work, but a trailing comment stays in the value", () => {
    const c = start("1.20", { properties: "taskmanager.numberOfTaskSlots:4\ntaskmanager.memory.process.size: 2 g\njobmanager.memory.process.size: 2g # two" });
    expect(value(c, "taskmanager.numberOfTaskSlots")).toBe("4");
    expect(value(c, "taskmanager.memory.process.size")).toBe("2g");
    expect(value(c, "jobmanager.memory.process.size")).toBe("2g#two");
    expect(c.notes.map((n) => n.kind)).toEqual(expect.arrayContaining(["properties-hash", "properties-spaces"]));
  });
  it("a comment line is a key starting with '#', which sets nothing", () => {
    const c = start("2.2", { properties: "# taskmanager.memory.process.size: 1g" });
    expect(value(c, "taskmanager.memory.process.size")).toBe("1728m");
    expect(c.notes.map((n) => n.kind)).toContain("properties-comment");
  });
  it("envsubst on values only", () => {
    const c = start("2.2", { properties: "taskmanager.memory.process.size: ${TM}", env: (n) => (n === "TM" ? "4g" : undefined) });
    expect(value(c, "taskmanager.memory.process.size")).toBe("4g");
  });
  it("a key and a key inside it cannot both be written to config.yaml", () => {
    const c = start("2.2", { properties: "taskmanager.memory: 1g" });
    expect(c.notes.map((n) => n.kind)).toContain("properties-conflict");
  });
  it("bash `IFS=: read -r key value`: a single trailing ':' is dropped, more are kept", () => {
    const v = (line: string) => configParserPairs(line, noEnv)[0]!.value;
    expect(v("a:b:")).toBe("b");
    expect(v("a:b:c:")).toBe("b:c:");
    expect(v("a::")).toBe("");
    expect(v("a:::")).toBe("::");
    expect(v("a:http://x:1")).toBe("http://x:1");
    expect(v("a")).toBe("");
    expect(v("a: -n")).toBe(""); // `echo -n` prints nothing
  });
});

describe("nested YAML in FLINK_PROPERTIES (no image understands it)", () => {
  const nested = "taskmanager:\n  memory:\n    process:\n      size: 2g\n  numberOfTaskSlots: 3\njobmanager.memory.process.size: 1g";
  it("finds the dotted key each nested line means", () => {
    expect(nestedLines(nested).filter((n) => !n.parent).map((n) => [n.line, n.key, n.meant])).toEqual([
      [4, "size", "taskmanager.memory.process.size"],
      [5, "numberOfTaskSlots", "taskmanager.numberOfTaskSlots"],
    ]);
    // An indented full key (a habit of block scalars) is not nested.
    expect(nestedLines("  taskmanager.numberOfTaskSlots: 5")).toEqual([]);
  });
  it.each(["1.17", "2.2"])("Flink %s: the nested size is not the process size", (v) => {
    const c = start(v, { properties: nested });
    expect(value(c, "taskmanager.memory.process.size")).toBe("1728m");
    expect(value(c, "size")).toBe("2g");
    const warnings = c.notes.filter((n) => n.kind === "properties-nested");
    expect(warnings.map((n) => n.meant)).toEqual(["taskmanager.memory.process.size", "taskmanager.numberOfTaskSlots"]);
    expect(warnings[0]!.location).toEqual({ source: "compose.yaml", line: 14, column: 7 });
  });
});

describe("slots by image generation", () => {
  it("1.10/1.11: a TaskManager gets the CPU count (unknown: noted); 1.12: 1 for every command; 1.13+: only when set", () => {
    const old = start("1.11");
    expect(old.notes.map((n) => n.kind)).toContain("slots-cpu-count");
    expect(start("1.11", { role: "jobmanager" }).notes.map((n) => n.kind)).not.toContain("slots-cpu-count");
    expect(value(start("1.11", { slots: { text: "6" } }), "taskmanager.numberOfTaskSlots")).toBe("6");
    expect(value(start("1.12", { role: "jobmanager", slots: { text: "3" } }), "taskmanager.numberOfTaskSlots")).toBe("3");
    expect(start("1.13").config.getEntry("taskmanager.numberOfTaskSlots")!.location).toEqual({ source: "image", line: 4, column: 32 });
  });
});

describe("-D arguments of the command, and starts that skip the entrypoint", () => {
  it("-D arguments win over FLINK_PROPERTIES", () => {
    for (const v of ["1.17", "2.2"]) {
      const c = start(v, { properties: "taskmanager.memory.process.size: 2g", args: [{ key: "taskmanager.memory.process.size", value: "3g" }] });
      expect(value(c, "taskmanager.memory.process.size")).toBe("3g");
    }
  });
  it("1.13.0-1.13.2, 1.14.0-1.14.2 and 1.10.0 size memory without the -D arguments (FLINK-24353, FLINK-16874); the releases around them with", () => {
    const args = [{ key: "taskmanager.memory.process.size", value: "3g" }, { key: "jobmanager.rpc.address", value: "jm" }];
    for (const v of ["1.10.0", "1.13.0", "1.13.2", "1.14.0", "1.14.2"]) {
      const c = start(v, { args });
      // The image file's size (1568m in the 1.10 image, 1728m later), not the argument's.
      expect(value(c, "taskmanager.memory.process.size"), v).toBe(value(start(v), "taskmanager.memory.process.size"));
      expect(value(c, "taskmanager.memory.process.size"), v).not.toBe("3g");
      // Keys the memory code does not read still reach the configuration.
      expect(value(c, "jobmanager.rpc.address"), v).toBe("jm");
      expect(c.notes.filter((n) => n.kind === "args-not-sized").map((n) => [n.severity, n.key]), v).toEqual([["warning", "taskmanager.memory.process.size"]]);
    }
    expect(start("1.13.2", { args }).notes.find((n) => n.kind === "args-not-sized")!.message).toContain("FLINK-24353, fixed in 1.13.3 and 1.14.3");
    expect(start("1.10.0", { args }).notes.find((n) => n.kind === "args-not-sized")!.message).toContain("FLINK-16874, fixed in 1.10.1");
    for (const v of ["1.10.1", "1.12.7", "1.13.3", "1.13", "1.14.3", "1.15", "2.2"]) {
      const c = start(v, { args });
      expect(value(c, "taskmanager.memory.process.size"), v).toBe("3g");
      expect(c.notes.map((n) => n.kind), v).not.toContain("args-not-sized");
    }
  });
  it("not prepared (entrypoint replaced): FLINK_PROPERTIES has no effect", () => {
    const c = start("1.17", { prepared: false, properties: "taskmanager.memory.process.size: 2g" });
    expect(value(c, "taskmanager.memory.process.size")).toBe("1728m");
  });
  it("the resolved TaskManager of the image's defaults is 1728 MiB", () => {
    const o = resolveTaskManagerConfig(start("2.2").config, "standalone");
    expect(o.ok && o.spec.totalProcess).toBe(1728n * 1024n * 1024n);
  });
});

describe("withFlinkProperties (the CLI's FLINK_PROPERTIES)", () => {
  it("1.19+: pairs before the command's -D; ≤1.18: text appended to the file", () => {
    const v2 = withFlinkProperties({ dynamic: [["taskmanager.numberOfTaskSlots", "8"]] }, "taskmanager.numberOfTaskSlots: 2\ntaskmanager.memory.process.size:3g", flinkVersion("2.2"), noEnv);
    expect(v2.input.dynamic).toEqual([["taskmanager.numberOfTaskSlots", "2"], ["taskmanager.memory.process.size", "3g"], ["taskmanager.numberOfTaskSlots", "8"]]);
    const v1 = withFlinkProperties({ flinkConfYaml: "taskmanager.memory.process.size: 1g\n" }, "taskmanager.memory.process.size: ${X}", flinkVersion("1.18"), (n) => (n === "X" ? "5g" : undefined));
    expect(v1.input.flinkConfYaml).toBe("taskmanager.memory.process.size: 1g\ntaskmanager.memory.process.size: 5g\n");
  });
  it("≤1.18 appends after a file without final newline exactly as `echo >>` does (the lines join)", () => {
    const r = withFlinkProperties({ flinkConfYaml: "taskmanager.numberOfTaskSlots: 1" }, "taskmanager.memory.process.size: 2g", flinkVersion("1.17"), noEnv);
    expect(r.input.flinkConfYaml).toBe("taskmanager.numberOfTaskSlots: 1taskmanager.memory.process.size: 2g\n");
  });
});

describe("envsubst (GNU, no arguments)", () => {
  it("substitutes $NAME and ${NAME} only", () => {
    const env = (n: string) => ({ HOME: "/h" })[n];
    expect(envsubst("x ${A:-x} $B ${C} $ $1 ${} $$ \\$HOME ${HOME}x $HOME_x", env).text).toBe("x ${A:-x}   $ $1 ${} $$ \\/h /hx ");
  });
});
