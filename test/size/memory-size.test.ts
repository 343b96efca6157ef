import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { FlinkError, JavaClass } from "../../src/errors.js";
import {
  addSizes, GiB, KiB, MAX_BYTES, MiB, memorySizeToString, multiplyDecimal, multiplySize, parseMemorySize, subtractSizes, TiB, toHumanReadable,
  truncatedProduct,
} from "../../src/size/memory-size.js";
import { ROOT } from "../support/golden.js";
import { failure } from "../support/failure.js";

const vectors = (name: string) => JSON.parse(readFileSync(join(ROOT, "test/data/java", name), "utf8")) as unknown[][];


describe("parseMemorySize", () => {
  it("reads every unit, case-insensitively, with Java trim rules", () => {
    expect(parseMemorySize("1728m")).toBe(1728n * MiB);
    expect(parseMemorySize("4 GB")).toBe(4n * GiB);
    expect(parseMemorySize(" 128 mB\t")).toBe(128n * MiB);
    expect(parseMemorySize("32kibibytes")).toBe(32n * KiB);
    expect(parseMemorySize("1 tebibytes")).toBe(TiB);
    expect(parseMemorySize("0010m")).toBe(10n * MiB);
    expect(parseMemorySize("1024")).toBe(1024n);
    expect(parseMemorySize("1\u0001b")).toBe(1n);
    expect(parseMemorySize("9223372036854775807")).toBe(MAX_BYTES);
  });

  it("fails with Flink's messages", () => {
    expect(failure(() => parseMemorySize("  ")).message).toBe("argument is an empty- or whitespace-only string");
    const nf = failure(() => parseMemorySize("-1m"));
    expect([nf.javaClass, nf.message]).toEqual([JavaClass.NumberFormat, "text does not start with a number"]);
    expect(failure(() => parseMemorySize("1.5g")).message).toBe(
      "Memory size unit '.5g' does not match any of the recognized units: (b | bytes) / (k | kb | kibibytes) / (m | mb | mebibytes) / (g | gb | gibibytes) / (t | tb | tebibytes)",
    );
    expect(failure(() => parseMemorySize("4Gi")).message).toContain("Memory size unit 'gi'");
    expect(failure(() => parseMemorySize("\u00a04g")).message).toBe("text does not start with a number");
    expect(failure(() => parseMemorySize("9223372036854775808")).message).toBe(
      "The value '9223372036854775808' cannot be re represented as 64bit number (numeric overflow).",
    );
    expect(failure(() => parseMemorySize(" 8388608t ")).message).toBe(
      "The value ' 8388608t ' cannot be re represented as 64bit number of bytes (numeric overflow).",
    );
  });

  it("digits and a unit, however written, give digits × unit or Flink's overflow message", () => {
    // parseMemorySize takes a short path for plain texts ("1728m"); this pins both paths to the rule.
    const units: [string, bigint][] = [["", 1n], ["b", 1n], ["bytes", 1n], ["k", KiB], ["kb", KiB], ["kibibytes", KiB], ["m", MiB], ["mb", MiB], ["mebibytes", MiB], ["g", GiB], ["gb", GiB], ["gibibytes", GiB], ["t", TiB], ["tb", TiB], ["tebibytes", TiB]];
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{1,20}$/),
        fc.constantFrom(...units),
        fc.constantFrom("", " ", "\t"),
        fc.boolean(),
        (digits, [unit, mult], space, upper) => {
          const text = digits + space + (upper ? unit.toUpperCase() : unit);
          const value = BigInt(digits);
          if (value > MAX_BYTES) {
            expect(failure(() => parseMemorySize(text)).message).toBe(`The value '${digits}' cannot be re represented as 64bit number (numeric overflow).`);
          } else if (value * mult > MAX_BYTES) {
            expect(failure(() => parseMemorySize(text)).message).toBe(`The value '${text}' cannot be re represented as 64bit number of bytes (numeric overflow).`);
          } else {
            expect(parseMemorySize(text)).toBe(value * mult);
          }
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("never throws anything but a FlinkError", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        try {
          const v = parseMemorySize(s);
          expect(v >= 0n && v <= MAX_BYTES).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(FlinkError);
        }
      }),
    );
  });

  it("round-trips its own toString", () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: MAX_BYTES }), (b) => {
      expect(parseMemorySize(memorySizeToString(b))).toBe(b);
    }));
  });
});

describe("toString / toHumanReadableString", () => {
  it("toString picks the largest exact unit (and Flink's 1 TiB quirk)", () => {
    expect(memorySizeToString(0n)).toBe("0 bytes");
    expect(memorySizeToString(1536n)).toBe("1536 bytes");
    expect(memorySizeToString(32n * KiB)).toBe("32 kb");
    expect(memorySizeToString(TiB)).toBe("1099511627776 bytes");
    expect(memorySizeToString(TiB + GiB)).toBe("1025 gb");
    expect(memorySizeToString(MAX_BYTES)).toBe("9223372036854775807 bytes");
  });

  it("toHumanReadableString equals Java's on 3,000 reference values", () => {
    const bad = (vectors("human-readable.json") as [string, string][]).filter(([b, s]) => toHumanReadable(BigInt(b)) !== s);
    expect(bad).toEqual([]);
  });
});

describe("arithmetic", () => {
  it("add and subtract fail as Math.addExact / subtractExact and the >= 0 check do", () => {
    expect(failure(() => addSizes(MAX_BYTES, 1n)).message).toBe("long overflow");
    expect(failure(() => subtractSizes(1n, 2n)).message).toBe("bytes must be >= 0");
    expect(subtractSizes(5n, 5n)).toBe(0n);
  });

  it("multiply equals BigDecimal arithmetic on 3,000 reference products", () => {
    const bad: string[] = [];
    for (const [bytes, , d, want] of vectors("multiply.json") as [string, number, string, string][]) {
      let got: string;
      try {
        got = String(multiplySize(BigInt(bytes), Number(d)));
      } catch (e) {
        got = e instanceof FlinkError && e.message === "long overflow" ? "overflow" : String(e);
      }
      if (got !== want) bad.push(`${bytes} × ${d}: want ${want} got ${got}`);
    }
    expect(bad).toEqual([]);
  });

  // The double fast path must never decide a product the decimal path decides otherwise; the
  // hard inputs are products on or next to an integer (round sizes times float fractions).
  const f32 = (x: number) => Math.fround(x);
  const fractions = fc.oneof(
    fc.constantFrom(f32(0.1), f32(0.4), f32(0.1) / (1 - f32(0.1)), 0.1, 0.25, 0.5, 0.7, 0.9 / 0.1, 1, 3, 2 ** -1022, 5e-324, 1e-300),
    fc.float({ min: 0, max: f32(0.99), noNaN: true }).map((x) => x / (1 - x)),
    fc.double({ min: 0, max: 64, noNaN: true }),
  );
  const bytes = fc.oneof(
    fc.bigInt({ min: 0n, max: 2n ** 53n + 4096n }),
    fc.tuple(fc.integer({ min: 1, max: 1 << 20 }), fc.integer({ min: 0, max: 33 })).map(([k, p]) => BigInt(k) << BigInt(p)),
    fc.integer({ min: 1, max: 10_000_000 }).map((k) => BigInt(k) * 1_000_000n),
  );

  it("the double fast path agrees with the decimal product wherever it answers", () => {
    fc.assert(
      fc.property(bytes, fractions, (b, m) => {
        const fast = b <= 2n ** 53n && m >= 2 ** -1022 ? truncatedProduct(Number(b), m) : -1;
        const exact = multiplyDecimal(b, m);
        if (fast >= 0) expect(BigInt(fast)).toBe(exact);
        expect(multiplySize(b, m)).toBe(exact);
      }),
      { numRuns: 20_000 },
    );
  });

  it("the fast path answers the usual products and leaves the near-integer ones to the decimal path", () => {
    let answered = 0;
    for (let mb = 1024; mb <= 40 * 1024; mb += 37) if (truncatedProduct(mb * 1048576 - 12345, f32(0.1)) >= 0) answered++;
    expect(answered).toBe(1080);
    // 1280 MiB × 0.4f is 536870920 in decimal, a hair above the integer: undecidable in doubles.
    expect(truncatedProduct(1280 * 1048576, f32(0.4))).toBe(-1);
    expect(truncatedProduct(10, 0.1)).toBe(-1);
    expect(multiplySize(10n, 0.1)).toBe(1n);
  });

  it("widens float fractions: 1280 MiB × 0.4f = 536870920", () => {
    expect(multiplySize(1280n * MiB, Math.fround(0.4))).toBe(536870920n);
    expect(failure(() => multiplySize(1n, -0.5)).message).toBe("multiplier must be >= 0");
  });
});
