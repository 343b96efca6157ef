// Flink's flattening (GlobalConfiguration.flatten, setValueInternal): dotted keys, lists as YAML
// strings, the value written last, null values and keys that are not strings.
import { describe, expect, it } from "vitest";
import { JavaClass } from "../../../src/errors.js";
import { loadDocument } from "../../../src/config/yaml/document.js";
import { flattenRoot } from "../../../src/config/yaml/flatten.js";
import type { JMap } from "../../../src/config/yaml/java-object.js";
import { YamlProblem } from "../../../src/config/yaml/problem.js";

const flatten = (text: string) => flattenRoot(loadDocument(text).value as JMap, "c.yaml");
const pairs = (text: string) => flatten(text).map((e) => [e.key, e.value]);

function problem(text: string): YamlProblem {
  try {
    flatten(text);
  } catch (e) {
    if (e instanceof YamlProblem) return e;
    throw e;
  }
  throw new Error(`no problem flattening ${JSON.stringify(text)}`);
}

describe("flattening", () => {
  it("joins nested keys with '.', keeps scalars typed and locates each value", () => {
    expect(flatten("a:\n  b: 1\n  c:\n    d: x\ne: 1.5\n")).toEqual([
      { key: "a.b", value: { t: "int", v: 1n }, location: { source: "c.yaml", line: 2, column: 6 } },
      { key: "a.c.d", value: { t: "str", v: "x" }, location: { source: "c.yaml", line: 4, column: 8 } },
      { key: "e", value: { t: "float", v: 1.5 }, location: { source: "c.yaml", line: 5, column: 4 } },
    ]);
  });

  it("lets the value written last win, at the key's first place", () => {
    expect(pairs("a.b: 1\nc: 0\na: {b: 2}\n")).toEqual([
      ["a.b", { t: "int", v: 2n }],
      ["c", { t: "int", v: 0n }],
    ]);
    expect(flatten("a.b: 1\na: {b: 2}\n")[0]!.location).toEqual({ source: "c.yaml", line: 2, column: 8 });
  });

  it("drops empty mappings and writes lists and other objects as YAML strings", () => {
    expect(pairs("a: {}\nb: [x, 'y z', [1]]\nc: !!set {x}\nd: !!binary aGVsbG8=\n")).toEqual([
      ["b", { t: "str", v: "[x, y z, [1]]" }],
      ["c", { t: "str", v: "!!set {x: null}" }],
      ["d", { t: "str", v: "!!binary |-\n  aGVsbG8=" }],
    ]);
  });

  it("takes a null key as the string 'null'", () => {
    expect(pairs("~: x\na: {null: y}\n")).toEqual([
      ["null", { t: "str", v: "x" }],
      ["a.null", { t: "str", v: "y" }],
    ]);
  });

  it("fails on a null value as Configuration.setValueInternal does, naming the key", () => {
    const e = problem("a:\n  b:\n");
    expect(e).toMatchObject({ javaClass: JavaClass.NullPointer, key: "a.b", mark: { line: 1, column: 4 } });
    expect(e.message).toBe("null value for key 'a.b' at line 2, column 5");
  });

  it("fails on a key that is not a string with Java's ClassCastException message", () => {
    for (const [text, cls] of [
      ["1: x", "java.lang.Integer"],
      ["2147483648: x", "java.lang.Long"],
      ["1.5: x", "java.lang.Double"],
      ["true: x", "java.lang.Boolean"],
      ["[a]: x", "java.util.ArrayList"],
      ["{a: 1}: x", "java.util.LinkedHashMap"],
      ["!!binary aGVsbG8=: x", "[B"],
    ] as const) {
      const e = problem(text);
      expect(e.javaClass, text).toBe(JavaClass.ClassCast);
      expect(e.message, text).toBe(`class ${cls} cannot be cast to class java.lang.String (${cls} and java.lang.String are in module java.base of loader 'bootstrap')`);
    }
  });

  it("fails on a mapping that contains itself (Java would overflow its stack)", () => {
    expect(problem("a: &x {b: *x}\n").message).toBe("a mapping contains itself through an alias and cannot be flattened");
  });
});
