// YamlParserUtils.toYAMLString: snakeyaml-engine's StandardRepresenter, Serializer and Emitter in
// flow style, as Flink turns a list into a string.
import { describe, expect, it } from "vitest";
import { loadDocument } from "../../../src/config/yaml/document.js";
import { dumpFlow } from "../../../src/config/yaml/emitter.js";
import { analyzeScalar } from "../../../src/config/yaml/scalar-analysis.js";

const dump = (text: string) => dumpFlow(loadDocument(text).value);

describe("flow dump", () => {
  it("writes plain what reads back the same, and quotes the rest", () => {
    expect(dump(`[a, 1, "1", true, "true", ~, "", "a: b", "#x", "- x", "é", "it's", " lead", "trail ", "---", "a #b", "a:b", "?x", "\${HOME}", "0o17", "1_0"]`)).toBe(
      "[a, 1, '1', true, 'true', null, '', 'a: b', '#x', '- x', é, it's, ' lead', 'trail ', '---', 'a #b', 'a:b', '?x', '${HOME}', '0o17', 1_0]",
    );
  });

  it("double-quotes line breaks and special characters, with YAML escapes", () => {
    expect(dump(`["x\\ny", "tab\\there", "\\u0001", "\\u0085", "\\u2028", "\\U0001F600"]`)).toBe('["x\\ny", "tab\\there", "\\x01", "\\N", "\\L", 😀]');
  });

  it("nests lists and mappings in flow style, with '? ' for keys that cannot be simple", () => {
    expect(dump("[[1, [2]], {a: [b]}, {? [x]: y}, {}]")).toBe("[[1, [2]], {a: [b]}, {? [x] : y}, {}]");
  });

  it("writes numbers as Java prints them and tags what is not a core type", () => {
    expect(dump("[1e400, -.inf, .nan, 1.0e-5, 0x10, 12345678901234567890]")).toBe("[.inf, -.inf, .nan, 1.0E-5, 16, 12345678901234567890]");
    expect(dump("!!set {a, b}")).toBe("!!set {a: null, b: null}");
    expect(dump("[!!binary aGVsbG8=, !!java.util.UUID 12345678-1234-1234-1234-123456789ABC]")).toBe(
      "[!!binary \"aGVsbG8=\", !!java.util.UUID '12345678-1234-1234-1234-123456789abc']",
    );
  });

  it("anchors an object met twice (id001, ...) and refers to it after", () => {
    expect(dump("&x [1, *x]")).toBe("&id001 [1, *id001]");
    expect(dump("[&y [1], *y, &z {}, *z]")).toBe("[&id001 [1], *id001, &id002 {}, *id002]");
  });
});

describe("scalar analysis (Emitter.analyzeScalar)", () => {
  it("allows plain only where the text reads back the same", () => {
    expect(analyzeScalar("abc")).toMatchObject({ allowFlowPlain: true, allowBlockPlain: true });
    expect(analyzeScalar("a,b")).toMatchObject({ allowFlowPlain: false, allowBlockPlain: true });
    expect(analyzeScalar("- a")).toMatchObject({ allowFlowPlain: false, allowBlockPlain: false });
    expect(analyzeScalar("a\nb")).toMatchObject({ multiline: true, allowFlowPlain: false, allowSingleQuoted: true });
    expect(analyzeScalar("a\tb")).toMatchObject({ allowSingleQuoted: false, allowBlock: false });
    expect(analyzeScalar("")).toMatchObject({ empty: true, allowFlowPlain: false, allowSingleQuoted: true });
  });
});
