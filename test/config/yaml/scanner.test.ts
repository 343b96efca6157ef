// The scanner (snakeyaml-engine's ScannerImpl): tokens, their marks, simple keys and indentation.
import { describe, expect, it } from "vitest";
import { YamlProblem } from "../../../src/config/yaml/problem.js";
import { Scanner } from "../../../src/config/yaml/scanner.js";
import type { Token } from "../../../src/config/yaml/tokens.js";

function tokens(text: string): Token[] {
  const s = new Scanner(text);
  const out: Token[] = [];
  for (;;) {
    const t = s.next();
    out.push(t);
    if (t.kind === "stream-end") return out;
  }
}

/** Kinds, with scalar text and anchor/alias names in parentheses. */
const kinds = (text: string) => tokens(text).map((t) => (t.value !== undefined ? `${t.kind}(${t.value})` : t.kind));

function problem(text: string): YamlProblem {
  try {
    tokens(text);
  } catch (e) {
    if (e instanceof YamlProblem) return e;
    throw e;
  }
  throw new Error(`no problem scanning ${JSON.stringify(text)}`);
}

describe("Scanner: tokens", () => {
  it("finds simple keys after the fact: KEY and BLOCK-MAPPING-START go before the key's scalar", () => {
    expect(kinds("a: 1\nb:\n  c: [x, y]\n")).toEqual([
      "stream-start",
      "block-mapping-start",
      "key",
      "scalar(a)",
      "value",
      "scalar(1)",
      "key",
      "scalar(b)",
      "value",
      "block-mapping-start",
      "key",
      "scalar(c)",
      "value",
      "flow-sequence-start",
      "scalar(x)",
      "flow-entry",
      "scalar(y)",
      "flow-sequence-end",
      "block-end",
      "block-end",
      "stream-end",
    ]);
  });

  it("gives each token its start and end mark (0-based line and column)", () => {
    const [, , key, a, value, one] = tokens("a: 12\n");
    expect(key!.start).toEqual({ index: 0, line: 0, column: 0 });
    expect(a!.end).toEqual({ index: 1, line: 0, column: 1 });
    expect(value!.start).toEqual({ index: 1, line: 0, column: 1 });
    expect(one!.start).toEqual({ index: 3, line: 0, column: 3 });
    expect(one!.end).toEqual({ index: 5, line: 0, column: 5 });
  });

  it("scans block sequences, flow mappings, '?' keys and keys without a value", () => {
    expect(kinds("- a\n- b")).toEqual(["stream-start", "block-sequence-start", "block-entry", "scalar(a)", "block-entry", "scalar(b)", "block-end", "stream-end"]);
    expect(kinds("{a: 1, b}")).toEqual(["stream-start", "flow-mapping-start", "key", "scalar(a)", "value", "scalar(1)", "flow-entry", "scalar(b)", "flow-mapping-end", "stream-end"]);
    expect(kinds("? a\n: b")).toEqual(["stream-start", "block-mapping-start", "key", "scalar(a)", "value", "scalar(b)", "block-end", "stream-end"]);
  });

  it("scans directives, document markers, tags, anchors and aliases", () => {
    const t = tokens("%YAML 1.2\n%TAG !e! tag:e.com,2000:\n--- !e!x &a b\n...\n");
    expect(t.map((x) => x.kind)).toEqual(["stream-start", "directive", "directive", "document-start", "tag", "anchor", "scalar", "document-end", "stream-end"]);
    expect(t[1]!.directive).toEqual({ name: "YAML", major: 1, minor: 2 });
    expect(t[2]!.directive).toEqual({ name: "TAG", handle: "!e!", prefix: "tag:e.com,2000:" });
    expect(t[4]).toMatchObject({ handle: "!e!", suffix: "x" });
    expect(t[5]!.value).toBe("a");
    expect(tokens("!!str a")[1]).toMatchObject({ kind: "tag", handle: "!!", suffix: "str" });
    expect(tokens("!<tag:x> a")[1]).toMatchObject({ kind: "tag", handle: null, suffix: "tag:x" });
    expect(tokens("! a")[1]).toMatchObject({ kind: "tag", handle: null, suffix: "!" });
    expect(tokens("!%41 a")[1]).toMatchObject({ kind: "tag", handle: "!", suffix: "A" });
    expect(kinds("a: *x")).toContain("alias(x)");
    // An alias name takes in ':' (snakeyaml 2.6).
    expect(kinds("*x: 1")).toContain("alias(x:)");
  });
});

describe("Scanner: scalars", () => {
  const scalar = (text: string) => tokens(text).find((t) => t.kind === "scalar" && t.start.index > 0 && text.startsWith("a:"))!;

  it("folds plain scalars over lines and keeps tabs inside them", () => {
    expect(scalar("a: x\n  y\n\n  z\n")).toMatchObject({ value: "x y\nz", style: "plain" });
    expect(kinds("a\tb: 1")).toContain("scalar(a\tb)");
    expect(scalar("a: x # c\n")).toMatchObject({ value: "x" });
    expect(scalar("a: x#y\n")).toMatchObject({ value: "x#y" });
  });

  it("applies quoting rules and escapes", () => {
    expect(scalar("a: 'it''s'")).toMatchObject({ value: "it's", style: "single" });
    expect(scalar('a: "t\\tx\\u00e9\\x41\\U0001F600\\N"')).toMatchObject({ value: "t\txéA😀\u0085", style: "double" });
    expect(scalar('a: "x\n\n  y\\\n  z"')).toMatchObject({ value: "x\nyz" });
  });

  it("applies block scalar chomping and indentation indicators", () => {
    expect(scalar("a: |\n  x\n  y\n\n")).toMatchObject({ value: "x\ny\n", style: "literal" });
    expect(scalar("a: |-\n  x\n")).toMatchObject({ value: "x" });
    expect(scalar("a: |+\n  x\n\n")).toMatchObject({ value: "x\n\n" });
    expect(scalar("a: >\n  x\n  y\n\n  z\n")).toMatchObject({ value: "x y\nz\n", style: "folded" });
    expect(scalar("a: |2\n   x\n")).toMatchObject({ value: " x\n" });
  });
});

describe("Scanner: problems, in our words, where snakeyaml marks them", () => {
  it.each([
    ["a: b: c", "mapping values are not allowed here at line 1, column 5"],
    ["\ta: 1", "a tab character cannot start a token here (indent and separate with spaces only) at line 1, column 1"],
    ["a: @x", "character '@' cannot start a token here at line 1, column 4"],
    ["a: 'x", "a quoted scalar opened at line 1, column 4 is not closed before the end of the file at line 1, column 6"],
    ['a: "\\q"', "unknown escape sequence in a double-quoted scalar (opened at line 1, column 4) at line 1, column 6"],
    ["a: |0\n x", "a block scalar's indentation indicator must be between 1 and 9 at line 1, column 5"],
    ["a: &", "an anchor ('&') needs a name at line 1, column 5"],
    ["%TAG !x y", "a tag handle must end with '!' at line 1, column 8"],
    ["%YAML x", "the %YAML directive needs a version such as 1.2 at line 1, column 7"],
    ["a: 1\nb", "could not find the ':' of the key that starts at line 2, column 1 (a key must be followed by ': ' on the same line) at line 2, column 2"],
  ])("%j", (text, message) => {
    expect(problem(text).message).toBe(message);
  });

  it("stops at the code point limit (snakeyaml's LoadSettings.codePointLimit)", () => {
    expect(problem(`a: ${"x".repeat(3 * 1024 * 1024)} \nb: 1\n`).message).toMatch(/^the file exceeds the limit of 3145728 characters at line 2/);
  });
});
