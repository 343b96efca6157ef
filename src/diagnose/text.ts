/**
 * How a finding's parts read as text, shared by the CLI and the web page: line numbers as
 * ranges, settings as `-D` flags.
 * @module
 */

/** `[3, 4, 5, 9]` → `"3-5, 9"`. */
export function lineRanges(lines: readonly number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j;
  }
  return parts.join(", ");
}

/** Settings as `-D key=value` flags. */
export const dynamicFlags = (settings: readonly (readonly [string, string])[]): string => settings.map(([k, v]) => `-D ${k}=${v}`).join(" ");
