// The stream reader (snakeyaml-engine's StreamReader): code points, marks, line breaks, special characters.
import { describe, expect, it } from "vitest";
import { YamlProblem } from "../../../src/config/yaml/problem.js";
import { StreamReader } from "../../../src/config/yaml/reader.js";

describe("StreamReader", () => {
  it("reads code points, not UTF-16 units, and counts columns in them", () => {
    const r = new StreamReader("😀é:");
    expect(r.cps).toEqual([0x1f600, 0xe9, 0x3a]);
    r.forward(2);
    expect(r.mark()).toEqual({ index: 2, line: 0, column: 2 });
    expect(r.peek()).toBe(0x3a);
    expect(r.peek(1)).toBe(0);
  });

  it("counts \\n, \\r\\n and a lone \\r as one line break each, and a BOM as no column", () => {
    const r = new StreamReader("\uFEFFa\r\nb\rc\nd");
    r.forward(2);
    expect(r.mark()).toEqual({ index: 2, line: 0, column: 1 });
    r.forward(2);
    expect(r.mark()).toMatchObject({ line: 1, column: 0 });
    r.forward(2);
    expect(r.mark()).toMatchObject({ line: 2, column: 0 });
    r.forward(2);
    expect(r.mark()).toMatchObject({ line: 3, column: 0 });
  });

  it("reads a line break as \\n (CRLF, CR, LF, NEL) and keeps LS and PS", () => {
    const r = new StreamReader("\r\n\r\n\u0085\u2028\u2029x");
    expect([r.lineBreak(), r.lineBreak(), r.lineBreak(), r.lineBreak(), r.lineBreak(), r.lineBreak()]).toEqual(["\n", "\n", "\n", "\u2028", "\u2029", null]);
    expect(r.peek()).toBe(0x78);
  });

  it("takes and looks ahead without crossing the end", () => {
    const r = new StreamReader("abc");
    expect(r.prefix(10)).toBe("abc");
    expect(r.take(2)).toBe("ab");
    expect(r.mark()).toEqual({ index: 2, line: 0, column: 2 });
    r.forward(5);
    expect(r.pos).toBe(3);
  });

  it("refuses a special character anywhere, at its place, without quoting the text", () => {
    const e = (() => {
      try {
        new StreamReader("a: 1\nb: x\u0000y\n");
      } catch (e) {
        return e;
      }
    })() as YamlProblem;
    expect(e).toBeInstanceOf(YamlProblem);
    expect(e.message).toBe("special character U+0000 is not allowed in YAML at line 2, column 5");
    expect(e.mark).toEqual({ index: 9, line: 1, column: 4 });
    expect(() => new StreamReader("\u0085\u00a0\ud7ff\ue000\ufffd\u{10000}\t")).not.toThrow();
    expect(() => new StreamReader("\ufffe")).toThrow(/U\+FFFE/);
    expect(() => new StreamReader("\u007f")).toThrow(/U\+007F/);
  });
});
