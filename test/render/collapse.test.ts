// Identical rows collapsed with a count: nothing lost, nothing merged that differs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { collapseRows, groupLabel, indexRanges } from "../../src/render/collapse.js";

/** Reads `0–3, 8, 10–12` back into indices. */
function parseRanges(text: string): number[] {
  return text.split(", ").flatMap((part) => {
    const [a, b] = part.split("–").map(Number);
    return b === undefined ? [a!] : Array.from({ length: b - a! + 1 }, (_, i) => a! + i);
  });
}

describe("collapseRows", () => {
  it("256 identical rows are one row × 256; a different last row stays its own", () => {
    const rows = Array.from({ length: 256 }, (_, i) => ({ index: i, columns: i === 255 ? ["4", "6"] : ["4", "8"] }));
    const groups = collapseRows(rows);
    expect(groups.map(groupLabel)).toEqual(["0–254 × 255", "255"]);
    expect(groups.map((g) => g.columns)).toEqual([["4", "8"], ["4", "6"]]);
  });

  it("keeps every index exactly once, groups only equal rows, and labels read back", () => {
    const row = fc.array(fc.constantFrom("a", "b", "a,b", ""), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (columns) => {
        const rows = columns.map((c, index) => ({ index, columns: c }));
        const groups = collapseRows(rows);
        expect(groups.flatMap((g) => g.indices).sort((a, b) => a - b)).toEqual(rows.map((r) => r.index));
        for (const g of groups) {
          for (const i of g.indices) expect(rows[i]!.columns).toEqual(g.columns);
          expect(parseRanges(indexRanges(g.indices))).toEqual(g.indices);
          expect(groupLabel(g).endsWith(` × ${g.indices.length}`)).toBe(g.indices.length > 1);
        }
        expect(new Set(groups.map((g) => JSON.stringify(g.columns))).size).toBe(groups.length);
      }),
    );
  });

  it("index ranges: runs of three or more as a range, pairs as two", () => {
    expect(indexRanges([0, 1, 2, 3, 8, 10, 11, 12])).toBe("0–3, 8, 10–12");
    expect(indexRanges([4, 5])).toBe("4, 5");
    expect(indexRanges([])).toBe("");
  });
});
