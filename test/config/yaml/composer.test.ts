// The composer (snakeyaml-engine's ParserImpl + Composer): the node graph, anchors and aliases, empty
// values, tags, and the alias and nesting limits.
import { describe, expect, it } from "vitest";
import { composeDocument } from "../../../src/config/yaml/composer.js";
import { YAML_LIMITS } from "../../../src/config/yaml/limits.js";
import { TAG, type MapNode, type SeqNode, type YNode } from "../../../src/config/yaml/nodes.js";
import { YamlProblem } from "../../../src/config/yaml/problem.js";

/** A node as plain data: scalars as `tag:value` (core tags shortened), collections nested. */
function shape(n: YNode): unknown {
  const tag = n.tag.replace("tag:yaml.org,2002:", "!!");
  if (n.kind === "scalar") return `${tag}:${n.value}`;
  if (n.kind === "seq") return n.items.map(shape);
  return n.pairs.map((p) => [shape(p.key), shape(p.value)]);
}

const compose = (text: string) => composeDocument(text)!;
const root = (text: string) => compose(text) as MapNode;

function problem(text: string): string {
  try {
    composeDocument(text);
  } catch (e) {
    if (e instanceof YamlProblem) return e.message;
    throw e;
  }
  throw new Error(`no problem composing ${JSON.stringify(text)}`);
}

describe("composer: nodes", () => {
  it("composes block and flow collections, resolving plain scalars by the core schema", () => {
    expect(shape(compose("a: 1\nb: [x, 1.5, true, ~]\nc:\n  - {d: e}\n"))).toEqual([
      ["!!str:a", "!!int:1"],
      ["!!str:b", ["!!str:x", "!!float:1.5", "!!bool:true", "!!null:~"]],
      ["!!str:c", [[["!!str:d", "!!str:e"]]]],
    ]);
  });

  it("gives missing keys and values an empty null scalar, wherever they are missing", () => {
    expect(shape(compose("a:\nb: 1\n"))).toEqual([["!!str:a", "!!null:"], ["!!str:b", "!!int:1"]]);
    expect(shape(compose("{a, b: }"))).toEqual([["!!str:a", "!!null:"], ["!!str:b", "!!null:"]]);
    expect(shape(compose("? a\n"))).toEqual([["!!str:a", "!!null:"]]);
    expect(shape(compose("- \n- a\n"))).toEqual(["!!null:", "!!str:a"]);
    expect(shape(compose("[? , ? a: ]"))).toEqual([[["!!null:", "!!null:"]], [["!!str:a", "!!null:"]]]);
  });

  it("reads a pair inside a flow list as a one-entry mapping", () => {
    const list = compose("[a: 1, b, ? c]") as SeqNode;
    expect(shape(list)).toEqual([[["!!str:a", "!!int:1"]], "!!str:b", [["!!str:c", "!!null:"]]]);
    expect(list.items[0]!.kind).toBe("map");
  });

  it("takes an indentless list as a mapping's value", () => {
    expect(shape(compose("a:\n- 1\n- 2\nb: 3\n"))).toEqual([["!!str:a", ["!!int:1", "!!int:2"]], ["!!str:b", "!!int:3"]]);
  });

  it("keeps quoted scalars as strings and applies explicit and %TAG tags", () => {
    expect(shape(compose("a: '1'\nb: !!int 2\nc: ! 3\nd: !local x\n"))).toEqual([
      ["!!str:a", "!!str:1"],
      ["!!str:b", "!!int:2"],
      ["!!str:c", "!!str:3"],
      ["!!str:d", "!local:x"],
    ]);
    expect(compose("%TAG !e! tag:e.com,2000:\n--- !e!x y").tag).toBe("tag:e.com,2000:x");
    expect(compose("a: ${HOME}")).toMatchObject({ pairs: [{ value: { tag: TAG.env } }] });
  });

  it("records where each value is written (the alias, for an alias)", () => {
    const m = root("a: &x 1\nb: *x\n");
    expect(m.pairs[1]!.valueAt).toEqual({ index: 11, line: 1, column: 3 });
    expect(m.pairs[0]!.value.start).toEqual({ index: 3, line: 0, column: 3 });
  });

  it("reads an empty text, comments only or '---' as no or an empty document", () => {
    expect(composeDocument("")).toBeNull();
    expect(composeDocument("# c\n")).toBeNull();
    expect(shape(compose("---\n"))).toBe("!!null:");
  });
});

describe("composer: anchors and aliases", () => {
  it("makes an alias share the node its anchor names", () => {
    const m = root("a: &x [1]\nb: *x\n");
    expect(m.pairs[1]!.value).toBe(m.pairs[0]!.value);
  });

  it("marks a collection that an alias inside it refers to as recursive", () => {
    const m = root("a: &x [1, *x]\n");
    const list = m.pairs[0]!.value as SeqNode;
    expect(list.recursive).toBe(true);
    expect(list.items[1]).toBe(list);
    expect((root("a: &x [1]\nb: *x\n").pairs[0]!.value as SeqNode).recursive).toBe(false);
  });

  it("measures what a collection expands to with its aliases replaced", () => {
    const m = root("a: &x [ab, cd]\nb: [*x, *x]\n");
    expect(m.pairs[1]!.value).toMatchObject({ height: 2, nodes: 7, chars: 8 });
  });
});

describe("composer: problems", () => {
  it.each([
    ["a: *x", "undefined alias: no anchor ('&') of that name comes before it at line 1, column 4"],
    ["a: !e!x 1", "a tag uses a handle ('!name!') that no %TAG directive defines at line 1, column 4"],
    ["a: 1\n---\nb: 2\n", "the file must hold a single YAML document, but a second one starts at line 2, column 1"],
    ["%YAML 1.2\n%YAML 1.2\n---\n", "duplicate %YAML directive at line 2, column 1"],
    ["%YAML 2.0\n---\n", "unsupported YAML version 2.0 at line 1, column 1"],
    ["a:\n  - 1\n b: 2\n", "bad indentation: the mapping that starts at line 1, column 1 should end or continue with a key, but found a block mapping at line 3, column 2"],
    ["[a b: c", "expected ',' or ']' in the flow list that starts at line 1, column 1, but found the end of the file at line 1, column 8"],
    ["{a: 1 ]", "expected ',' or '}' in the flow mapping that starts at line 1, column 1, but found ']' at line 1, column 7"],
    ["a: ]", "expected a value but found ']' at line 1, column 4"],
    ["a: 1\n%YAML 1.2\n---\n", "expected '...' before a directive at line 2, column 1"],
  ])("%j", (text, message) => {
    expect(problem(text)).toBe(message);
  });
});

describe("composer: limits", () => {
  it(`allows ${YAML_LIMITS.maxCollectionAliases} aliases to collections, not one more (snakeyaml's maxAliasesForCollections)`, () => {
    const text = (n: number) => "a: &a [1]\n" + Array.from({ length: n }, (_, i) => `b${i}: *a`).join("\n") + "\n";
    expect(() => compose(text(50))).not.toThrow();
    expect(problem(text(51))).toBe("more than 50 aliases to collections at line 52, column 6");
    // Aliases to scalars do not count.
    expect(() => compose("a: &a 1\n" + Array.from({ length: 200 }, (_, i) => `b${i}: *a`).join("\n"))).not.toThrow();
  });

  it(`allows ${YAML_LIMITS.maxNestingDepth} levels of collections, by text or through aliases`, () => {
    const nest = (d: number) => `a: ${"[".repeat(d - 1)}${"]".repeat(d - 1)}\n`;
    expect(() => compose(nest(1000))).not.toThrow();
    expect(problem(nest(1001))).toMatch(/^collections are nested more than 1000 levels deep .* at line 1, column 1003$/);
    const deep = "[".repeat(600) + "]".repeat(600);
    expect(problem(`a: &a ${deep}\nb: [${"[".repeat(500)}*a${"]".repeat(500)}]\n`)).toMatch(/^collections are nested more than 1000 levels deep/);
  });

  it(`stops aliases that expand to more than ${YAML_LIMITS.maxAliasNodes} nodes`, () => {
    const levels = ["a0: &a0 [x, x]"];
    for (let i = 1; i < 20; i++) levels.push(`a${i}: &a${i} [*a${i - 1}, *a${i - 1}]`);
    expect(problem(levels.join("\n"))).toMatch(/^aliases expand to more than 10000 nodes \(flink-memory's limit against "billion laughs"/);
  });
});
