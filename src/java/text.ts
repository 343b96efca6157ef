/**
 * Java `String` behaviour the configuration code depends on.
 * @module
 */

/** Java `String.trim()`: strips code units <= U+0020 at both ends (not Unicode spaces). */
export function javaTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** Java `String.hashCode()`, as a signed 32-bit integer. */
export function javaHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * Java `String.toLowerCase(Locale.US)` / `toUpperCase` differ from JS only for a few
 * special characters; ASCII-only input (all that can match a unit or keyword) is identical.
 */
export function javaLowerCaseUS(s: string): string {
  return s.toLowerCase();
}
