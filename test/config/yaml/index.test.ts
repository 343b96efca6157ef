// The config.yaml reader through its public entry (src/config/yaml/index.ts), end to end, against Flink's own answers and snakeyaml-engine 2.6.
import { describe, expect, it } from "vitest";
import { loadYamlObject, readStandardYaml, toYamlFlowString, type YamlEntry, type YamlObject } from "../../../src/config/yaml/index.js";
import { FlinkError, JavaClass } from "../../../src/errors.js";
import { javaDoubleToString } from "../../../src/java/numbers.js";
import { goldenFiles, realworldFiles } from "../../support/golden.js";
import { has } from "../../../src/versions/features.js";
import { flinkVersion } from "../../../src/versions/version.js";

const FAILED = "Error parsing YAML configuration.";

/** The error `readStandardYaml` throws, or undefined when it reads the text. */
function failure(text: string): FlinkError | undefined {
  try {
    readStandardYaml(text);
    return undefined;
  } catch (e) {
    if (!(e instanceof FlinkError)) throw e;
    return e;
  }
}

function mustFail(text: string): FlinkError {
  const e = failure(text);
  if (!e) throw new Error(`expected a failure for ${JSON.stringify(text)}`);
  expect(e.message).toBe(FAILED);
  expect(e.javaClass).toBe(JavaClass.Runtime);
  expect(e.cause).toBeInstanceOf(FlinkError);
  return e;
}

/** Entries as [key, type, Java toString of the value], sorted by key. */
function summary(entries: YamlEntry[]): [string, string, string][] {
  return entries
    .map((e): [string, string, string] => {
      const v = e.value;
      switch (v.t) {
        case "float":
          return [e.key, "float", javaDoubleToString(v.v)];
        case "int":
          return [e.key, "int", v.v.toString()];
        case "bool":
          return [e.key, "bool", String(v.v)];
        case "str":
          return [e.key, "str", v.v];
        default:
          return [e.key, v.t, "?"];
      }
    })
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

const get = (text: string, key: string) => readStandardYaml(text).find((e) => e.key === key)?.value;

describe("every golden config.yaml: we fail exactly when Flink failed to read it", () => {
  const files = [...goldenFiles(), ...realworldFiles()];
  for (const { folder, file, cases } of files) {
    const withYaml = cases.filter((c) => c.input.configYaml !== undefined);
    if (withYaml.length === 0) continue;
    it(`${folder}/${file}: ${withYaml.length} cases`, () => {
      const wrong: string[] = [];
      for (const c of withYaml) {
        const flinkFailed = c.expected.error?.message === FAILED;
        const e = failure(c.input.configYaml!);
        if (flinkFailed !== (e !== undefined)) {
          wrong.push(`${c.id}: Flink ${flinkFailed ? "failed" : "read it"}, we ${e ? `failed: ${e.causes.join(" / ")}` : "read it"}`);
          continue;
        }
        if (!e) continue;
        expect(e.message).toBe(FAILED);
        const flinkCause = c.expected.error!.causes.join("\n");
        if (flinkCause.includes("Value must not be null.")) {
          expect(e.cause!.javaClass, c.id).toBe(JavaClass.NullPointer);
          continue;
        }
        // snakeyaml's problem mark is where we say the problem is.
        const marks = [...flinkCause.matchAll(/line (\d+), column (\d+)/g)];
        const last = marks[marks.length - 1];
        if (last) {
          expect(e.rootLocation, c.id).toMatchObject({ line: Number(last[1]), column: Number(last[2]) });
        }
        const dup = /found duplicate key (.*)/.exec(flinkCause);
        if (dup) expect(e.causes[0], c.id).toContain(`${dup[1]}'`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it("covers every golden folder of a release that reads config.yaml (1.19+), and no other", () => {
    const all = goldenFiles();
    const folders = new Set(all.filter((f) => f.cases.some((c) => c.input.configYaml !== undefined)).map((f) => f.folder));
    const readers = new Set(all.map((f) => f.folder).filter((f) => has(flinkVersion(f.replace(/^flink-/, "")), "standardYamlFile")));
    expect(readers.size).toBeGreaterThanOrEqual(5);
    expect([...folders].sort()).toEqual([...readers].sort());
  });
});

/**
 * Answers of snakeyaml-engine 2.6 (core schema, `loadFromInputStream`) followed by Flink's
 * `flatten` and `setValueInternal`, recorded by running them: the flattened entries as
 * [key, type, Java toString], "error" for a YAML error, "null" for Flink's
 * "Value must not be null.", "cast" for a key that is not a string (Flink's ClassCastException).
 */
const SNAKEYAML: [string, "error" | "null" | "cast" | [string, string, string][]][] = [
  ["a: 1\nb: -17\nc: +5\nd: 0x1F\ne: 0o17\nf: 007\ng: 12345678901\nh: 99999999999999999999\n", [["a","int","1"], ["b","int","-17"], ["c","int","5"], ["d","int","31"], ["e","int","15"], ["f","int","7"], ["g","int","12345678901"], ["h","int","99999999999999999999"]]],
  ["a: 1.5\nb: .5\nc: 1.\nd: +1.\ne: 1e3\nf: 1E+3\ng: -.5e-3\nh: .inf\ni: -.Inf\nj: .NaN\nk: -0.0\n", [["a","float","1.5"], ["b","float","0.5"], ["c","float","1.0"], ["d","float","1.0"], ["e","float","1000.0"], ["f","float","1000.0"], ["g","float","-5.0E-4"], ["h","float","Infinity"], ["i","float","-Infinity"], ["j","float","NaN"], ["k","float","-0.0"]]],
  ["a: 1_000\nb: 0b101\nc: 0X1F\nd: 0o8\ne: 1e\nf: -0x1\ng: .nan.\nh: 1.2.3\n", [["a","str","1_000"], ["b","str","0b101"], ["c","str","0X1F"], ["d","str","0o8"], ["e","str","1e"], ["f","str","-0x1"], ["g","str",".nan."], ["h","str","1.2.3"]]],
  ["a: true\nb: False\nc: TRUE\nd: yes\ne: on\nf: tRue\ng: off\n", [["a","bool","true"], ["b","bool","false"], ["c","bool","true"], ["d","str","yes"], ["e","str","on"], ["f","str","tRue"], ["g","str","off"]]],
  ["a: '1'\nb: \"true\"\nc: '~'\nd: \"\"\ne: ''\nf: 'it''s'\ng: \"tab\\there\"\nh: \"\\u00e9\\x41\"\n", [["a","str","1"], ["b","str","true"], ["c","str","~"], ["d","str",""], ["e","str",""], ["f","str","it's"], ["g","str","tab\there"], ["h","str","éA"]]],
  ["a: ${HOME}\nb: ${ X:-y }\nc: $HOME\n", [["a","str","${HOME}"], ["b","str","${ X:-y }"], ["c","str","$HOME"]]],
  ["a: +.inf\n", "error"],
  ["a: !!int '12'\nb: !!str 12\nc: !!float 3\nd: !!bool FALSE\ne: ! 12\nf: !!int 0x1F\n", [["a","int","12"], ["b","str","12"], ["c","float","3.0"], ["d","bool","false"], ["e","str","12"], ["f","int","31"]]],
  ["a: !!bool yes\n", "null"],
  ["a: !!int 1.5\n", "error"],
  ["a: !foo x\n", "error"],
  ["a:\n  b:\n    c: 1\n  d: x\ne.f: 2\n", [["a.b.c","int","1"], ["a.d","str","x"], ["e.f","int","2"]]],
  ["a.b: 1\na:\n  b: 2\n", [["a.b","int","2"]]],
  ["a:\n  b: 2\na.b: 1\n", [["a.b","int","1"]]],
  // Flink's flattening casts every key to String: only string and null keys pass (checked against Flink 2.2.1).
  ["1: x\ntrue: y\n1.5: z\n0x10: w\n~: v\n1e3: u\n", "cast"],
  ["~: v\n'1': x\n", [["null","str","v"], ["1","str","x"]]],
  ["[a, b]: c\n{x: 1}: d\n", "cast"],
  ["1: x\n\"1\": y\n", "cast"],
  ["a: {}\nb: {c: {}}\n", []],
  ["a: [x, 'y z', 1, 1.5, true, ~, '', '1', 'a, b', \"q'\", [n], {k: v}]\n", [["a","str","[x, y z, 1, 1.5, true, null, '', '1', 'a, b', q', [n], {k: v}]"]]],
  ["a:\n  - x\n  - 'y'\n  - 3\nb: []\n", [["a","str","[x, y, 3]"], ["b","str","[]"]]],
  ["a: [\"line\\nbreak\", \"tab\\t\", \" lead\", \"trail \", \"#c\", \"a #b\", \"a#b\", \"x: y\", \"-x\", \"- x\", \"@x\", \"é\"]\n", [["a","str","[\"line\\nbreak\", \"tab\\t\", ' lead', 'trail ', '#c', 'a #b', a#b, 'x: y', -x, '- x', '@x', é]"]]],
  ["a: [&x [1], *x]\n", [["a","str","[&id001 [1], *id001]"]]],
  ["a: ~\n", "null"],
  ["a:\n", "null"],
  ["a: null\n", "null"],
  ["a: Null\n", "null"],
  ["a: NULL\n", "null"],
  ["a: nUll\n", [["a","str","nUll"]]],
  ["a: [~]\n", [["a","str","[null]"]]],
  ["a: {b: }\n", "null"],
  ["a: !!null x\n", "null"],
  ["a: 1\na: 2\n", "error"],
  ["a: 1\n'a': 2\n", "error"],
  ["1: a\n0x1: b\n", "error"],
  ["1: a\n01: b\n", "error"],
  ["1: a\n00000000001: b\n", "cast"],
  ["1.0: a\n1.00: b\n", "error"],
  ["x:\n  a: 1\n  a: 2\n", "error"],
  ["a: 1\n\tb: 2\n", "error"],
  ["a: \t1\n", "error"],
  ["a:\t1\n", "error"],
  ["a: 1\t\n", [["a","int","1"]]],
  ["a: 1\t# c\n", [["a","int","1"]]],
  ["a: 1 # c\n", [["a","int","1"]]],
  ["a: 1# c\n", [["a","str","1# c"]]],
  ["a: 'x'# c\n", [["a","str","x"]]],
  ["a: \"x\"#c\n", [["a","str","x"]]],
  ["a: x #\n", [["a","str","x"]]],
  ["# only\n# comments\n", []],
  ["", []],
  ["a:1\n", "error"],
  ["a :1\n", "error"],
  ["a : 1\n", [["a","int","1"]]],
  ["a: b: c\n", "error"],
  ["a: b:c\n", [["a","str","b:c"]]],
  ["a: -1\n", [["a","int","-1"]]],
  ["a: - 1\n", "error"],
  ["a: [1, 2\n", "error"],
  ["a: {b: 1\n", "error"],
  ["a: 'unclosed\n", "error"],
  ["a: x\n  y\nb: 1\n", [["a","str","x y"], ["b","int","1"]]],
  ["a: x\ny\n", "error"],
  ["a: 'x\ny'\n", [["a","str","x y"]]],
  ["a: \"x\n\n  y\"\n", [["a","str","x\ny"]]],
  ["a: |\n  x\n  y\nb: 1\n", [["a","str","x\ny\n"], ["b","int","1"]]],
  ["a: >\n  x\n  y\n\n  z\n", [["a","str","x y\nz\n"]]],
  ["a: |-\n  x\n", [["a","str","x"]]],
  ["a: |+\n  x\n\n", [["a","str","x\n\n"]]],
  ["a: |2\n   x\n", [["a","str"," x\n"]]],
  ["a: |\n\tx\n", "error"],
  ["---\na: 1\n", [["a","int","1"]]],
  ["a: 1\n...\n", [["a","int","1"]]],
  ["a: 1\n---\nb: 2\n", "error"],
  ["a: 1\n---\n", "error"],
  ["...\n", "error"],
  ["---\n", []],
  ["~\n", []],
  ["x\n", "error"],
  ["- a\n", "error"],
  ["%YAML 1.2\n---\na: 1\n", [["a","int","1"]]],
  ["%YAML 2.0\n---\na: 1\n", "error"],
  ["﻿a: 1\n", [["a","int","1"]]],
  ["a: 1\r\nb: 2\r\n", [["a","int","1"], ["b","int","2"]]],
  ["a: 1\rb: 2\r", [["a","int","1"], ["b","int","2"]]],
  ["a: xb: 2\n", "error"],
  ["a: \u0001\n", "error"],
  ["a: &x 1\nb: *x\n", [["a","int","1"], ["b","int","1"]]],
  ["a: &m {c: 1}\nb: *m\n", [["a.c","int","1"], ["b.c","int","1"]]],
  ["b: *x\n", "error"],
  ["<<: {a: 1}\n", [["<<.a","int","1"]]],
  ["a: {<<: {b: 1}}\n", [["a.<<.b","int","1"]]],
  ["? a\n: 1\n", [["a","int","1"]]],
  ["? a\n", "null"],
  ["a: {b, c: 1}\n", "null"],
  ["a: [b: 1]\n", [["a","str","[{b: 1}]"]]],
  ["a: {b:1}\n", "null"],
  ["a: [b:1]\n", [["a","str","['b:1']"]]],
];

describe("snakeyaml-engine 2.6 + Flink flatten, recorded answers", () => {
  it.each(SNAKEYAML)("%j", (text, want) => {
    if (want === "error" || want === "null" || want === "cast") {
      const e = mustFail(text);
      expect(e.cause!.javaClass).toBe(want === "null" ? JavaClass.NullPointer : want === "cast" ? JavaClass.ClassCast : JavaClass.Runtime);
    } else {
      const sorted = [...want].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      expect(summary(readStandardYaml(text))).toEqual(sorted);
    }
  });
});

describe("typing by the YAML 1.2 core schema", () => {
  it("reads integers as bigint whatever their size, with sign, 0x, 0o and leading zeros", () => {
    expect(get("a: 2147483648", "a")).toEqual({ t: "int", v: 2147483648n });
    expect(get("a: -9223372036854775809", "a")).toEqual({ t: "int", v: -9223372036854775809n });
    expect(get("a: 0x7fffffffffffffff", "a")).toEqual({ t: "int", v: 2n ** 63n - 1n });
    expect(get("a: 0o777", "a")).toEqual({ t: "int", v: 511n });
    expect(get("a: -007", "a")).toEqual({ t: "int", v: -7n });
    expect(get("a: -0", "a")).toEqual({ t: "int", v: 0n });
  });

  it("reads floats as Java doubles, keeping -0.0 and the special values", () => {
    expect(get("a: 0.1", "a")).toEqual({ t: "float", v: 0.1 });
    expect(Object.is((get("a: -0.0", "a") as { v: number }).v, -0)).toBe(true);
    expect(get("a: .Inf", "a")).toEqual({ t: "float", v: Infinity });
    expect(get("a: -.INF", "a")).toEqual({ t: "float", v: -Infinity });
    expect((get("a: .NAN", "a") as { v: number }).v).toBeNaN();
    expect(get("a: 1e400", "a")).toEqual({ t: "float", v: Infinity });
    // The core resolver takes `+.inf` for a float, and snakeyaml then fails to construct it.
    mustFail("a: +.inf");
  });

  it("reads only the core schema's booleans; YAML 1.1 words stay strings", () => {
    expect(get("a: True", "a")).toEqual({ t: "bool", v: true });
    expect(get("a: FALSE", "a")).toEqual({ t: "bool", v: false });
    for (const w of ["yes", "No", "on", "OFF", "y", "tRUE"]) expect(get(`a: ${w}`, "a")).toEqual({ t: "str", v: w });
  });

  it("keeps quoted and block scalars as strings, with escapes and folding applied", () => {
    expect(get("a: '42'", "a")).toEqual({ t: "str", v: "42" });
    expect(get('a: "1.5"', "a")).toEqual({ t: "str", v: "1.5" });
    expect(get("a: 'true'", "a")).toEqual({ t: "str", v: "true" });
    expect(get('a: "\\x41\\u00e9\\U0001F600\\N"', "a")).toEqual({ t: "str", v: "A\u00e9\u{1F600}\u0085" });
    expect(get("a: |\n  1g\n", "a")).toEqual({ t: "str", v: "1g\n" });
    expect(get("a: >-\n  x\n  y\n", "a")).toEqual({ t: "str", v: "x y" });
    expect(get("a: 512m   # comment", "a")).toEqual({ t: "str", v: "512m" });
    expect(get("a: 512m#nospace", "a")).toEqual({ t: "str", v: "512m#nospace" });
    expect(get("a: 2 gb", "a")).toEqual({ t: "str", v: "2 gb" });
    expect(get("a: x\n  y\n", "a")).toEqual({ t: "str", v: "x y" });
  });

  it("keeps ${VAR} as written (no environment substitution)", () => {
    expect(get("a: ${FLINK_HOME}", "a")).toEqual({ t: "str", v: "${FLINK_HOME}" });
  });

  it("applies explicit tags as snakeyaml does", () => {
    expect(get("a: !!str 10", "a")).toEqual({ t: "str", v: "10" });
    expect(get("a: !!int '10'", "a")).toEqual({ t: "int", v: 10n });
    expect(get("a: !!float '10'", "a")).toEqual({ t: "float", v: 10 });
    expect(get("a: ! 10", "a")).toEqual({ t: "str", v: "10" });
    mustFail("a: !!int ten");
    mustFail("a: !custom x");
    // `!!bool` of anything but true/false constructs null.
    expect(mustFail("a: !!bool yes").cause!.javaClass).toBe(JavaClass.NullPointer);
  });
});

describe("flattening and keys", () => {
  it("joins nested keys with '.' and lets the later spelling of a key win", () => {
    const entries = readStandardYaml("taskmanager:\n  memory:\n    process.size: 2g\n    managed: {fraction: 0.2}\ntaskmanager.memory.process.size: 3g\n");
    expect(entries.map((e) => e.key)).toEqual(["taskmanager.memory.process.size", "taskmanager.memory.managed.fraction"]);
    expect(entries[0]!.value).toEqual({ t: "str", v: "3g" });
    expect(entries[1]!.value).toEqual({ t: "float", v: 0.2 });
  });

  it("fails on keys that are not strings, naming the Java class as Flink's ClassCastException does", () => {
    const cases: [string, string][] = [
      ["1: a\n", "java.lang.Integer"],
      ["12345678901: a\n", "java.lang.Long"],
      ["123456789012345678901: a\n", "java.math.BigInteger"],
      ["false: b\n", "java.lang.Boolean"],
      ["2.50: c\n", "java.lang.Double"],
      ["? [x, 1]\n: g\n", "java.util.ArrayList"],
      ["{k: v}: h\n", "java.util.LinkedHashMap"],
      ["a:\n  b:\n    7: x\n", "java.lang.Integer"],
    ];
    for (const [text, cls] of cases) {
      const e = mustFail(text);
      expect(e.message).toBe("Error parsing YAML configuration.");
      expect(e.cause!.javaClass).toBe(JavaClass.ClassCast);
      expect(e.causes[0]).toBe(`class ${cls} cannot be cast to class java.lang.String (${cls} and java.lang.String are in module java.base of loader 'bootstrap')`);
    }
    // A null key is cast without trouble and spelled "null".
    expect(readStandardYaml("~: e\n").map((e) => e.key)).toEqual(["null"]);
  });

  it("reads an empty file, comments only, '---' or a null root as no entries", () => {
    for (const t of ["", "\n\n", "# just a comment\n", "---\n", "~\n", "--- # c\n...\n"]) expect(readStandardYaml(t)).toEqual([]);
  });

  it("drops empty nested mappings", () => {
    expect(readStandardYaml("a: {}\nb:\n  c: {}\n")).toEqual([]);
  });

  it("rejects a root that is not a mapping, and a second document", () => {
    expect(mustFail("- a\n- b\n").causes[0]).toContain("top level is a list");
    expect(mustFail("just a string\n").causes[0]).toContain("top level is a single scalar value");
    expect(mustFail("a: 1\n---\nb: 2\n").causes[0]).toBe("the file must hold a single YAML document, but a second one starts at line 2, column 1");
    expect(mustFail("a: 1\n---\n").causes[0]).toContain("second one");
  });

  it("resolves anchors and aliases, and keeps '<<' as an ordinary key (no merge in YAML 1.2)", () => {
    expect(summary(readStandardYaml("base: &b {size: 1g}\ntm: *b\nx: &v 5\ny: *v\n"))).toEqual([
      ["base.size", "str", "1g"],
      ["tm.size", "str", "1g"],
      ["x", "int", "5"],
      ["y", "int", "5"],
    ]);
    expect(readStandardYaml("a:\n  <<: {b: 1}\n").map((e) => e.key)).toEqual(["a.<<.b"]);
    expect(mustFail("a: *missing\n").causes[0]).toBe("undefined alias: no anchor ('&') of that name comes before it at line 1, column 4");
  });
});

describe("lists become flow-YAML strings (YamlParserUtils.toYAMLString)", () => {
  const list = (yaml: string) => (get(`k: ${yaml}`, "k") as { t: string; v: string }).v;

  it("writes plain scalars bare and quotes what would read back differently", () => {
    expect(list("[a, b c, 1, 1.50, true, ~]")).toBe("[a, b c, 1, 1.5, true, null]");
    expect(list("['1', 'true', '', 'null', '0x1F', '1e3']")).toBe("['1', 'true', '', 'null', '0x1F', '1e3']");
    expect(list("['a, b', 'x: y', '#c', 'a #b', a#b, '- x', -x, '@x', '[x]']")).toBe("['a, b', 'x: y', '#c', 'a #b', a#b, '- x', -x, '@x', '[x]']");
    expect(list("[' lead', 'trail ', \"it's\"]")).toBe("[' lead', 'trail ', it's]");
  });

  it("double-quotes line breaks and special characters", () => {
    expect(list('["a\\nb", "tab\\t", "\\u0001", "\\u2028", "\\u00e9"]')).toBe('["a\\nb", "tab\\t", "\\x01", "\\L", \u00e9]');
  });

  it("writes nested lists and mappings in flow style, block lists included", () => {
    expect(list("[[1, 2], {a: b, c: [d]}, []]")).toBe("[[1, 2], {a: b, c: [d]}, []]");
    expect(get("k:\n  - x\n  - y: 1\n", "k")).toEqual({ t: "str", v: "[x, {y: 1}]" });
  });

  it("toYamlFlowString dumps lists, maps and scalars like Flink's flow dumper", () => {
    const s = (v: string): YamlObject => ({ t: "str", v });
    expect(toYamlFlowString({ t: "list", items: [s("a"), { t: "int", v: 7n }, { t: "float", v: 0.5 }, { t: "bool", v: false }, { t: "null" }] })).toBe("[a, 7, 0.5, false, null]");
    expect(toYamlFlowString({ t: "ymap", entries: [[s("OPERATOR"), { t: "int", v: 70n }], [s("PYTHON"), { t: "int", v: 30n }]] })).toBe("{OPERATOR: 70, PYTHON: 30}");
    expect(toYamlFlowString(s("123"))).toBe("'123'");
    expect(toYamlFlowString(s("a, b"))).toBe("a, b");
    expect(toYamlFlowString({ t: "float", v: NaN })).toBe(".nan");
    expect(toYamlFlowString({ t: "list", items: [{ t: "float", v: -Infinity }] })).toBe("[-.inf]");
  });
});

describe("loadYamlObject (YamlParserUtils.convertToObject)", () => {
  it("loads a flow mapping with its entry order and types", () => {
    expect(loadYamlObject("{OPERATOR: 70, PYTHON: 30, STATE_BACKEND: 1.5}")).toEqual({
      t: "ymap",
      entries: [
        [{ t: "str", v: "OPERATOR" }, { t: "int", v: 70n }],
        [{ t: "str", v: "PYTHON" }, { t: "int", v: 30n }],
        [{ t: "str", v: "STATE_BACKEND" }, { t: "float", v: 1.5 }],
      ],
    });
    expect(loadYamlObject("[a, '1']")).toEqual({ t: "list", items: [{ t: "str", v: "a" }, { t: "str", v: "1" }] });
    expect(loadYamlObject("")).toEqual({ t: "null" });
    expect(loadYamlObject("OPERATOR:70,PYTHON:30")).toEqual({ t: "str", v: "OPERATOR:70,PYTHON:30" });
  });

  it("throws on text that is not valid YAML, and on duplicate keys", () => {
    expect(() => loadYamlObject("{a: 1")).toThrow();
    expect(() => loadYamlObject("DATAPROC: 10, PYTHON: 30")).toThrow(/mapping values are not allowed here/);
    // Without a space after ':' it is one plain key.
    expect(loadYamlObject("DATAPROC:10, PYTHON: 30")).toEqual({
      t: "ymap",
      entries: [[{ t: "str", v: "DATAPROC:10, PYTHON" }, { t: "int", v: 30n }]],
    });
    expect(() => loadYamlObject("{a: 1, a: 2}")).toThrow(/duplicate key 'a'/);
  });

  it("round-trips through toYamlFlowString", () => {
    for (const t of ["{OPERATOR: 70, PYTHON: 30}", "[a, 'b c', '1', [x], {k: v}]", "{'': 1}"]) {
      const once = toYamlFlowString(loadYamlObject(t));
      expect(toYamlFlowString(loadYamlObject(once))).toBe(once);
    }
  });
});

describe("locations and errors", () => {
  it("locates each value (1-based line and column, in code points)", () => {
    const e = readStandardYaml("# c\na: 1\nb:\n  c: x\n  d:\n    - 1\né: \"v\"\ne: *x\n".replace("e: *x\n", ""), "conf/config.yaml");
    expect(e.map((x) => [x.key, x.location])).toEqual([
      ["a", { source: "conf/config.yaml", line: 2, column: 4 }],
      ["b.c", { source: "conf/config.yaml", line: 4, column: 6 }],
      ["b.d", { source: "conf/config.yaml", line: 6, column: 5 }],
      ["\u00e9", { source: "conf/config.yaml", line: 7, column: 4 }],
    ]);
    const alias = readStandardYaml("a: &x 1\nb: *x\n");
    expect(alias[1]!.location).toEqual({ source: "config.yaml", line: 2, column: 4 });
    expect(readStandardYaml("a: 1\r\nb: 2\r\n")[1]!.location).toMatchObject({ line: 2, column: 4 });
  });

  it("reports duplicate keys with both places and the flattened key", () => {
    const e = mustFail("a: 1\ntaskmanager:\n  memory.process.size: 1g\n  memory.process.size: 2g\n");
    expect(e.causes).toEqual(["duplicate key 'taskmanager.memory.process.size' at line 4, column 3 (first at line 3, column 3)"]);
    expect(e.rootLocation).toEqual({ source: "config.yaml", line: 4, column: 3 });
    expect(e.rootKey).toBe("taskmanager.memory.process.size");
    // Keys are equal as Java objects: 1 and 0x1 are the same Integer, 1 and "1" are not.
    expect(mustFail("1: a\n0x1: b\n").causes[0]).toContain("duplicate key '1'");
    expect(mustFail("1: a\n'1': b\n").causes[0]).toMatch(/^class java\.lang\.Integer cannot be cast/);
  });

  it("reports null values with their key, for every spelling of null", () => {
    for (const v of ["~", "null", "Null", "NULL", "", "!!null x", "&a"]) {
      const e = mustFail(`x: 1\nsection:\n  key: ${v}\n`);
      expect(e.cause!.javaClass).toBe(JavaClass.NullPointer);
      expect(e.causes[0]).toMatch(/^null value for key 'section\.key' at line 3, column \d+$/);
      expect(e.rootKey).toBe("section.key");
    }
    // A null that a later spelling of the same key replaces is no error.
    expect(readStandardYaml("a.b: ~\na: {b: 1}\n")).toHaveLength(1);
  });

  it("says what is wrong and where for scanner and parser errors", () => {
    const cause = (t: string) => mustFail(t).causes[0];
    expect(cause("a: 1\n\tb: 2\n")).toMatch(/^a tab character cannot start a token here .* at line 2, column 1$/);
    expect(cause("a: \t1\n")).toContain("at line 1, column 4");
    expect(cause("a: 1\nb: c: d\n")).toBe("mapping values are not allowed here at line 2, column 5");
    expect(cause("a: [1, 2\n")).toContain("expected ',' or ']'");
    expect(cause("a: 'open\n")).toContain("not closed before the end of the file");
    expect(cause("a: \"\\q\"\n")).toContain("unknown escape sequence");
    expect(cause("a:\n  b: 1\n c: 2\n")).toContain("bad indentation");
    expect(cause("a: 1\nno colon here\n")).toContain("could not find the ':'");
    expect(cause("a: @x\n")).toBe("character '@' cannot start a token here at line 1, column 4");
    expect(cause("a: \u0007\n")).toBe("special character U+0007 is not allowed in YAML at line 1, column 4");
  });

  it("never puts a value into an error message", () => {
    const secret = "s3cr3t-Value_42";
    const texts = [
      `password: ${secret}\n\tx: 1\n`,
      `password: ${secret}\npassword: ${secret}x\n`,
      `a: ${secret}: b\n`,
      `a: "${secret}\n`,
      `a: "${secret}\\q"\n`,
      `a: [${secret}, b\n`,
      `a: {${secret}: 1\n`,
      `a: ${secret}\n b: 1\n`,
      `a: ${secret}\nlonely ${secret}\n`,
      `a: !!int ${secret}\n`,
      `a: !!float ${secret}\n`,
      `a: !tag ${secret}\n`,
      `a: !${secret}\n`,
      `a: !${secret}! x\n`,
      `a: *${secret}x\n`,
      `- ${secret}\n`,
      `${secret}\n`,
      `a: ${secret}\n---\nb: ${secret}\n`,
      `a: |\n  ${secret}\n b: 1\n`,
      `a: ${secret}\u0001\n`,
      `a: "\\x4${secret}"\n`,
      `a: '${secret}' x\n`,
    ];
    for (const t of texts) {
      const e = mustFail(t);
      const said = [e.message, ...e.causes, e.hint ?? ""].join("\n");
      expect(said, t).not.toContain(secret);
      expect(said, t).not.toContain(secret.slice(0, 6));
    }
  });

  it("never quotes values of the golden files that Flink could not read", () => {
    for (const { cases } of [...goldenFiles(), ...realworldFiles()]) {
      for (const c of cases) {
        if (c.expected.error?.message !== FAILED || c.input.configYaml === undefined) continue;
        const e = mustFail(c.input.configYaml);
        const text = c.input.configYaml;
        const keys = text.split(/\r?\n/).map((l) => l.split(":")[0]!.trim());
        for (const line of text.split(/\r?\n/)) {
          const m = /^[^#:]*:\s+(\S.*?)\s*$/.exec(line);
          const value = m?.[1]?.replace(/^['"]|['"]$/g, "");
          if (!value || value.length < 4 || keys.some((k) => k.includes(value))) continue;
          expect(e.causes.join("\n"), c.id).not.toContain(value);
        }
      }
    }
  });
});
