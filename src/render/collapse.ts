/**
 * Identical rows shown once with a count: 256 TaskManagers that need the same buffers are one
 * row `0–255 × 256`, not 256 rows. Rows are compared by every column but their index.
 * @module
 */

/** Rows that share all columns but the index: the indices (ascending) and the shared columns. */
export interface RowGroup {
  indices: number[];
  columns: string[];
}

/** Groups rows by their columns, in the order each group first appears. */
export function collapseRows(rows: readonly { index: number; columns: readonly string[] }[]): RowGroup[] {
  const groups = new Map<string, RowGroup>();
  for (const r of rows) {
    // JSON of the columns: a key no two different column lists share.
    const key = JSON.stringify(r.columns);
    const g = groups.get(key);
    if (g) g.indices.push(r.index);
    else groups.set(key, { indices: [r.index], columns: [...r.columns] });
  }
  for (const g of groups.values()) g.indices.sort((a, b) => a - b);
  return [...groups.values()];
}

/** `0–3, 8, 10–12`: ascending indices as runs. */
export function indexRanges(indices: readonly number[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < indices.length) {
    let j = i;
    while (j + 1 < indices.length && indices[j + 1] === indices[j]! + 1) j++;
    out.push(j === i ? String(indices[i]) : j === i + 1 ? `${indices[i]}, ${indices[j]}` : `${indices[i]}–${indices[j]}`);
    i = j + 1;
  }
  return out.join(", ");
}

/** A group's label: `7`, or `0–255 × 256`. */
export function groupLabel(g: RowGroup): string {
  return g.indices.length === 1 ? indexRanges(g.indices) : `${indexRanges(g.indices)} × ${g.indices.length}`;
}
