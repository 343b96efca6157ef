import { describe, expect, it } from "vitest";
import { interpolate } from "../../src/docker/compose-interpolation.js";
import { isComposeFile, readComposeFile, shellWords } from "../../src/docker/compose.js";
import { readComposeYaml } from "../../src/docker/compose-yaml.js";

describe("Compose environment forms", () => {
  const text = `services:
  jm:
    image: flink:1.20
    environment:
      - |
        FLINK_PROPERTIES=
        jobmanager.memory.process.size: 2g
      - TASK_MANAGER_NUMBER_OF_TASK_SLOTS=4
      - FROM_HOST
  tm:
    image: flink:1.20
    environment:
      FLINK_PROPERTIES: |
        taskmanager.memory.process.size: 3g
      FROM_HOST:
      NUMBER: 3
`;
  const file = readComposeFile(text, "c.yaml");
  const [jm, tm] = file.services;
  it("list form: KEY=VALUE, a block scalar whose first line is 'FLINK_PROPERTIES=', a bare name from the host", () => {
    expect(jm!.environment.get("FLINK_PROPERTIES")!.value).toBe("\njobmanager.memory.process.size: 2g\n");
    expect(jm!.environment.get("TASK_MANAGER_NUMBER_OF_TASK_SLOTS")!.value).toBe("4");
    expect(jm!.environment.get("FROM_HOST")).toMatchObject({ value: undefined, fromHost: true });
    // Line 2 of the value (after 'FLINK_PROPERTIES=') is file line 7, column 9 onwards.
    expect(jm!.environment.get("FLINK_PROPERTIES")!.locate(2, 1)).toEqual({ source: "c.yaml", line: 7, column: 9 });
  });
  it("map form: a block scalar, a null value from the host, numbers as text", () => {
    expect(tm!.environment.get("FLINK_PROPERTIES")!.value).toBe("taskmanager.memory.process.size: 3g\n");
    expect(tm!.environment.get("FLINK_PROPERTIES")!.locate(1, 1)).toEqual({ source: "c.yaml", line: 14, column: 9 });
    expect(tm!.environment.get("FROM_HOST")!.fromHost).toBe(true);
    expect(tm!.environment.get("NUMBER")!.value).toBe("3");
  });
  it("a later duplicate in the list wins, as in Compose", () => {
    const f = readComposeFile('services:\n  a:\n    image: flink\n    environment:\n      - "FLINK_PROPERTIES=x: 1"\n      - "FLINK_PROPERTIES=x: 2"\n', "d.yaml");
    expect(f.services[0]!.environment.get("FLINK_PROPERTIES")!.value).toBe("x: 2");
  });
});

describe("anchors and merge keys", () => {
  it("a service built from `<<: *anchor` gets the anchor's keys, its own keys winning; positions are the anchor's", () => {
    const text = `x-flink: &flink
  image: flink:1.17.2
  mem_limit: 1g
  command: jobmanager
services:
  jm:
    <<: *flink
  tm:
    <<: [*flink]
    command: taskmanager
`;
    const [jm, tm] = readComposeFile(text, "a.yaml").services;
    expect(jm!.image!.value).toBe("flink:1.17.2");
    expect(jm!.image!.location).toEqual({ source: "a.yaml", line: 2, column: 10 });
    expect(jm!.command!.value).toEqual(["jobmanager"]);
    expect(tm!.command!.value).toEqual(["taskmanager"]);
    expect(tm!.memory).toMatchObject({ field: "mem_limit", raw: "1g" });
  });
  it("alias expansion is bounded", () => {
    const lol = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill("*" + String.fromCharCode(97 + i)).join(", ")}]`)].join("\n");
    const t0 = Date.now();
    expect(readComposeYaml(lol).errors.map((e) => e.message)).toEqual(["the file expands to more than 50000 nodes (aliases of aliases) or nests deeper than 100 levels; not read"]);
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});

describe("Compose interpolation (host environment unknown)", () => {
  it("defaults are assumed, variables without default make the value unknown, $$ is a dollar", () => {
    expect(interpolate("flink:${FLINK_VERSION:-1.18}")).toEqual({ text: "flink:1.18", assumed: ["FLINK_VERSION"], unknown: [] });
    expect(interpolate("${A-x}${B:+y}")).toEqual({ text: "x", assumed: ["A", "B"], unknown: [] });
    expect(interpolate("size: ${TM}").text).toBeUndefined();
    expect(interpolate("size: $TM").unknown).toEqual(["TM"]);
    expect(interpolate("pass: $${SECRET}").text).toBe("pass: ${SECRET}");
    expect(interpolate("${A:-${B:-2g}}").text).toBe("2g");
  });
});

describe("commands and file detection", () => {
  it("command strings split as a shell would", () => {
    expect(shellWords(`standalone-job --job-classname com.X -Dtaskmanager.memory.process.size=2g "a b" 'c d' e\\ f`)).toEqual([
      "standalone-job", "--job-classname", "com.X", "-Dtaskmanager.memory.process.size=2g", "a b", "c d", "e f",
    ]);
  });
  it("isComposeFile: a services map with image or build", () => {
    expect(isComposeFile({ services: { a: { image: "flink" } } })).toBe(true);
    expect(isComposeFile({ services: { a: { build: "." }, b: null } })).toBe(true);
    expect(isComposeFile({ services: { a: { command: "x" } } })).toBe(false);
    expect(isComposeFile({ services: [] })).toBe(false);
    expect(isComposeFile({ apiVersion: "v1", kind: "ConfigMap" })).toBe(false);
    expect(isComposeFile({ "taskmanager.memory.process.size": "1g" })).toBe(false);
  });
});
