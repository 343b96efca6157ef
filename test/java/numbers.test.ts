import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  JavaNumberFormatError,
  javaDoubleToString,
  javaFormatFixed,
  parseJavaDouble,
  parseJavaFloat,
  parseJavaInt,
  parseJavaLong,
} from "../../src/java/numbers.js";
import { ROOT } from "../support/golden.js";

const vectors = (name: string) => JSON.parse(readFileSync(join(ROOT, "test/data/java", name), "utf8")) as unknown[][];
const floatBits = (f: number) => {
  const a = new Float32Array([f]);
  return new Int32Array(a.buffer)[0]!;
};

describe("Float.parseFloat / Double.parseDouble", () => {
  it("agree with the JDK on 1,500+ reference inputs (incl. exact float midpoints)", () => {
    const bad: string[] = [];
    // The vectors come from JDK 17, whose Double.toString prints a non-shortest digit string for
    // some magnitudes >= 1e16; we print as JDK 19+ does (shortest), so text is compared below 1e16
    // and the parsed value itself is compared everywhere.
    const text = (d: number, s: string) => Math.abs(d) >= 1e16 || javaDoubleToString(d) === s;
    for (const [input, bits, widened, dbl] of vectors("floats.json") as [string, number, string, string][]) {
      const f = parseJavaFloat(input);
      if (floatBits(f) !== bits || !text(f, widened)) bad.push(`float ${input}: ${f}`);
      const d = parseJavaDouble(input);
      if (!Object.is(d, Number(dbl.replace("E", "e"))) || !text(d, dbl)) bad.push(`double ${input}`);
    }
    expect(bad).toEqual([]);
  });

  it("accepts Java syntax JavaScript rejects, and rejects what JavaScript accepts", () => {
    expect(parseJavaFloat("0.4f")).toBe(Math.fround(0.4));
    expect(parseJavaFloat("  1e-1d\t")).toBe(Math.fround(0.1));
    expect(parseJavaFloat("0x1p-2")).toBe(0.25);
    expect(parseJavaFloat("1.")).toBe(1);
    expect(parseJavaFloat("-Infinity")).toBe(-Infinity);
    expect(Number.isNaN(parseJavaFloat("NaN"))).toBe(true);
    for (const s of ["", "0x10", "1_0", "0.4abc", "NaNf", "Inf", "1e", ".", "0b1", "1 0"]) {
      expect(() => parseJavaFloat(s), s).toThrow(JavaNumberFormatError);
    }
  });

  it("Float.parseFloat message names the input", () => {
    expect(() => parseJavaFloat("0.4abc")).toThrow('For input string: "0.4abc"');
    expect(() => parseJavaFloat("  ")).toThrow("empty String");
  });
});

describe("Integer.parseInt / Long.parseLong", () => {
  it("parse signs and bounds like Java", () => {
    expect(parseJavaInt("+5")).toBe(5);
    expect(parseJavaInt("-2147483648")).toBe(-2147483648);
    expect(() => parseJavaInt("2147483648")).toThrow('For input string: "2147483648"');
    expect(() => parseJavaInt(" 1")).toThrow(JavaNumberFormatError);
    expect(() => parseJavaInt("")).toThrow('For input string: ""');
    expect(parseJavaLong("9223372036854775807")).toBe(2n ** 63n - 1n);
    // Character.digit accepts every Unicode decimal digit: Arabic-Indic, Devanagari, fullwidth.
    expect(parseJavaInt("\u0663")).toBe(3);
    expect(parseJavaInt("\u096f\u0660")).toBe(90);
    expect(parseJavaInt("\uff11\uff12")).toBe(12);
    expect(() => parseJavaInt("\u00b2")).toThrow(JavaNumberFormatError);
    expect(() => parseJavaLong("9223372036854775808")).toThrow(JavaNumberFormatError);
  });
});

describe("Double.toString", () => {
  it("prints like Java", () => {
    const cases: [number, string][] = [
      [1, "1.0"], [0.1, "0.1"], [Math.fround(0.1), "0.10000000149011612"], [Math.fround(0.4), "0.4000000059604645"],
      [1e7, "1.0E7"], [9999999, "9999999.0"], [0.001, "0.001"], [0.0001, "1.0E-4"], [1.5e300, "1.5E300"],
      [NaN, "NaN"], [-Infinity, "-Infinity"], [-0, "-0.0"], [1e21, "1.0E21"], [123456.789, "123456.789"],
      // JDK 8-18's FloatingDecimal (Flink runs on 11 and 17), not JDK 19+'s shortest digits:
      [Number.MIN_VALUE, "4.9E-324"], [2 * Number.MIN_VALUE, "1.0E-323"], [1e23, "9.999999999999999E22"], [2e-3, "0.002"],
      [2665923002109814784, "2.6659230021098148E18"], [165044846848915648, "1.65044846848915648E17"],
    ];
    for (const [d, s] of cases) expect(javaDoubleToString(d)).toBe(s);
  });

  it("round-trips every double", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (d) => {
        const s = javaDoubleToString(d).replace("E", "e");
        expect(Object.is(Number(s), d) || (d === 0 && Number(s) === 0)).toBe(true);
      }),
    );
  });
});

describe("String.format(\"%.3f\")", () => {
  it("rounds half-up on the shortest digits, as Java does", () => {
    expect(javaFormatFixed(0.0005, 3)).toBe("0.001");
    expect(javaFormatFixed(1.0005, 3)).toBe("1.001");
    expect(javaFormatFixed(0.15, 1)).toBe("0.2");
    expect(javaFormatFixed(1024, 3)).toBe("1024.000");
    expect(javaFormatFixed(0, 3)).toBe("0.000");
  });
});

describe("Double.toString and %.3f as JDK 17 prints them (vectors from OpenJDK 17)", () => {
  const data = JSON.parse(readFileSync(new URL("../data/java/double-jdk17.json", import.meta.url), "utf8")) as { toString: [string, string][]; format3: [string, string][] };
  const view = new DataView(new ArrayBuffer(8));
  const fromHex = (h: string) => (view.setBigUint64(0, BigInt(`0x${h}`)), view.getFloat64(0));
  it(`Double.toString: ${data.toString.length} vectors`, () => {
    const wrong = data.toString.filter(([h, s]) => javaDoubleToString(fromHex(h)) !== s);
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(data.toString.length).toBeGreaterThan(5000);
  });
  it(`String.format("%.3f"): ${data.format3.length} vectors`, () => {
    const wrong = data.format3.filter(([h, s]) => javaFormatFixed(Math.abs(fromHex(h)), 3) !== s);
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});
