import { describe, expect, it } from "vitest";
import { javaLines, readLegacyFlinkConf } from "../../src/config/legacy-reader.js";

describe("legacy flink-conf.yaml parser", () => {
  it("cuts at '#', splits at the first ': ', keeps quotes, later keys win in the config", () => {
    const r = readLegacyFlinkConf(
      "a: 1 # c\n# only comment\nb:2\n c : 'x: y'  \npw: ab#cd\n: v\nk: \"q\"\n",
    );
    expect(r.entries.map((e) => [e.key, e.value.t === "str" ? e.value.v : null])).toEqual([
      ["a", "1"], ["c", "'x: y'"], ["pw", "ab"], ["k", '"q"'],
    ]);
    expect(r.warnings.map((w) => w.line)).toEqual([3, 6]);
    expect(r.entries[1]!.location).toEqual({ source: "flink-conf.yaml", line: 4, column: 6 });
  });

  it("splits lines like BufferedReader.readLine", () => {
    expect(javaLines("a\r\nb\rc\n")).toEqual(["a", "b", "c"]);
    expect(javaLines("a\n\n")).toEqual(["a", ""]);
    expect(javaLines("")).toEqual([]);
    expect(javaLines("no newline")).toEqual(["no newline"]);
  });
});
