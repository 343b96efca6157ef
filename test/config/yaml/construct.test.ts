// The constructor (snakeyaml-engine's StandardConstructor with the core schema): Java objects, their
// classes, Java's equality for duplicate keys and String.valueOf.
import { describe, expect, it } from "vitest";
import { constructFloat, constructInt, isBase64, isJavaUuid } from "../../../src/config/yaml/core-schema.js";
import { loadDocument } from "../../../src/config/yaml/document.js";
import { equalityKey, javaClassOf, javaToString, type JObj } from "../../../src/config/yaml/java-object.js";
import { TAG } from "../../../src/config/yaml/nodes.js";
import { YamlProblem } from "../../../src/config/yaml/problem.js";
import { resolveImplicit } from "../../../src/config/yaml/resolver.js";

const load = (text: string): JObj => loadDocument(text).value;
/** Java's `String.valueOf` and class of what a text constructs to. */
const java = (text: string) => {
  const v = load(text);
  return [javaToString(v), v === null ? null : javaClassOf(v)];
};

function problem(text: string): string {
  try {
    loadDocument(text);
  } catch (e) {
    if (e instanceof YamlProblem) return e.message;
    throw e;
  }
  throw new Error(`no problem loading ${JSON.stringify(text)}`);
}

describe("core schema: implicit tags (CoreScalarResolver)", () => {
  it.each([
    ["", TAG.null], ["~", TAG.null], ["Null", TAG.null], ["nULL", TAG.str],
    ["true", TAG.bool], ["FALSE", TAG.bool], ["yes", TAG.str], ["tRue", TAG.str],
    ["0", TAG.int], ["-17", TAG.int], ["0x1F", TAG.int], ["0o17", TAG.int], ["0X1F", TAG.str], ["1_000", TAG.str], ["-0x1", TAG.str],
    ["1.5", TAG.float], [".5", TAG.float], ["1.", TAG.float], ["1e3", TAG.float], ["+.inf", TAG.float], [".NaN", TAG.float], ["1e", TAG.str],
    ["${HOME}", TAG.env], ["${ X:-y }", TAG.env], ["$HOME", TAG.str],
  ])("%j is %s", (text, tag) => {
    expect(resolveImplicit(text)).toBe(tag);
  });
});

describe("core schema: constructors (ConstructYamlCoreInt, ConstructYamlCoreFloat, binary, UUID)", () => {
  it("picks Integer, Long or BigInteger by digit count first, then by value", () => {
    expect(constructInt("+0x1F")).toEqual({ j: "int", v: 31n, cls: "Integer" });
    expect(constructInt("-0")).toEqual({ j: "int", v: 0n, cls: "Integer" });
    expect(constructInt("2147483648")).toEqual({ j: "int", v: 2147483648n, cls: "Long" });
    expect(constructInt("00000000001")).toEqual({ j: "int", v: 1n, cls: "Long" });
    expect(constructInt("9223372036854775808")).toEqual({ j: "int", v: 2n ** 63n, cls: "BigInteger" });
    expect(constructInt("0x80000000")).toEqual({ j: "int", v: 2n ** 31n, cls: "Long" });
    expect(constructInt("x")).toBeNull();
  });

  it("reads floats as Java does, failing where Double.valueOf fails", () => {
    expect(constructFloat("-.5E-3")).toEqual({ j: "float", v: -0.0005 });
    expect(constructFloat(".INF")).toEqual({ j: "float", v: Infinity });
    expect(constructFloat("-.inf")).toEqual({ j: "float", v: -Infinity });
    expect(Object.is(constructFloat("-0.0")!.v, -0)).toBe(true);
    expect(constructFloat("+.inf")).toBeNull();
  });

  it("accepts base64 and UUIDs as Java's decoder and UUID.fromString do", () => {
    expect([isBase64("aGVsbG8="), isBase64("aGVsbG8"), isBase64("a"), isBase64("a==="), isBase64("a b")]).toEqual([true, true, false, false, false]);
    expect([isJavaUuid("12345678-1234-1234-1234-123456789abc"), isJavaUuid("1-2-3-4-5"), isJavaUuid("+1-2-3-4-5"), isJavaUuid("1-2-3-4")]).toEqual([true, true, true, false]);
  });
});

describe("constructor: Java objects", () => {
  it("builds the Java classes snakeyaml builds, printed by String.valueOf", () => {
    expect(java("a: 1")).toEqual(["{a=1}", "java.util.LinkedHashMap"]);
    expect(java("[1, 2147483648, 9223372036854775808, 0x7fffffff, 0o17]")).toEqual(["[1, 2147483648, 9223372036854775808, 2147483647, 15]", "java.util.ArrayList"]);
    expect(java("{a: 1.0, b: -0.0, c: .inf, d: .NaN, e: 1e400}")).toEqual(["{a=1.0, b=-0.0, c=Infinity, d=NaN, e=Infinity}", "java.util.LinkedHashMap"]);
    expect(java("!!set {a, b}")).toEqual(["[a, b]", "java.util.LinkedHashSet"]);
    expect(java("!!binary aGVsbG8=")).toEqual(["[B@8", "[B"]);
    expect(java("!!java.util.UUID 12345678-1234-1234-1234-123456789ABC")).toEqual(["12345678-1234-1234-1234-123456789ABC", "java.util.UUID"]);
    expect(java("!!java.util.Optional x")).toEqual(["Optional[x]", "java.util.Optional"]);
    expect(java("~")).toEqual(["null", null]);
  });

  it("builds recursive collections empty first, as snakeyaml does, and prints them as Java does", () => {
    expect(java("&x [1, *x]")[0]).toBe("[1, (this Collection)]");
    expect(java("&x {a: *x}")[0]).toBe("{a=(this Map)}");
    expect(problem("{? &x [*x]: 1}")).toBe("a recursive key is not allowed at line 1, column 4");
  });

  it("rejects a key equal to an earlier one by Java's equals, naming it with its flattened prefix", () => {
    expect(problem("{[a]: 1, [a]: 2}")).toBe("duplicate key '[a]' at line 1, column 10 (first at line 1, column 2)");
    expect(problem("{{a: 1, b: 2}: x, {b: 2, a: 1}: y}")).toMatch(/^duplicate key '\{b=2, a=1\}'/);
    expect(problem("{0x1: a, 1: b}")).toMatch(/^duplicate key '1'/);
    expect(problem("a:\n  b:\n    c: 1\n    c: 2\n")).toBe("duplicate key 'a.b.c' at line 4, column 5 (first at line 3, column 5)");
    // Not equal in Java: Integer 1 and Double 1.0, Integer 1 and Long 1, two byte arrays.
    expect(() => load("{1: a, 1.0: b}")).not.toThrow();
    expect(() => load("{00000000001: a, 1: b}")).not.toThrow();
    expect(() => load("{!!binary aGVsbG8=: 1, !!binary aGVsbG8=: 2}")).not.toThrow();
  });

  it("gives equal objects one equality key and different ones different keys", () => {
    const key = (t: string) => equalityKey(load(t));
    expect(key("[a, {b: 1, c: 2}]")).toBe(key("[a, {c: 2, b: 1}]"));
    expect(key("!!set {a, b}")).toBe(key("!!set {b, a}"));
    expect(key("[a, b]")).not.toBe(key("[b, a]"));
    expect(key("'1'")).not.toBe(key("1"));
    expect(key(".nan")).toBe(key(".NaN"));
    expect(key("0.0")).not.toBe(key("-0.0"));
  });

  it.each([
    ["[!!int x]", "a value tagged or read as an integer is not a valid integer at line 1, column 2"],
    ["a: +.inf", "a value tagged or read as a float is not a valid number at line 1, column 4"],
    ["!!str [a]", "the !!str tag cannot be applied to a collection at line 1, column 1"],
    ["!!seq {a: 1}", "the !!seq tag can only be applied to a list at line 1, column 1"],
    ["!!binary a", "a !!binary value is not valid base64 at line 1, column 1"],
    ["!!foo x", "unknown tag: only the standard tags (!!str, !!int, !!float, !!bool, !!null, !!seq, !!map, !!set, !!binary) can be constructed at line 1, column 1"],
  ])("fails on %j", (text, message) => {
    expect(problem(text)).toBe(message);
  });
});
