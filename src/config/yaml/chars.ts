/**
 * Character classes of the scanner and the emitter, after snakeyaml-engine's `CharConstants`
 * (ASCII-only; 0 stands for the end of the text) and `StreamReader.isPrintable`.
 * @module
 */

export const LF = 0x0a;
export const CR = 0x0d;
export const SP = 0x20;
export const TAB = 0x09;

/** End, space, tab or line break (`NULL_BL_T_LINEBR`). */
export const isBlankT = (c: number): boolean => c === 0 || c === SP || c === TAB || c === LF || c === CR;
/** End, space or line break (`NULL_BL_LINEBR`). */
export const isBlank = (c: number): boolean => c === 0 || c === SP || c === LF || c === CR;
/** End or line break (`NULL_OR_LINEBR`). */
export const isBreakOrEnd = (c: number): boolean => c === 0 || c === LF || c === CR;
/** `c` is one of the ASCII characters of `chars`. */
export const oneOf = (c: number, chars: string): boolean => c > 0 && c < 0x80 && chars.includes(String.fromCharCode(c));
/** `ALPHA`: what anchors, tag handles and directive names are made of. */
export const isWordChar = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x5f;
export const isAsciiDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const URI_CHARS = "-;/?:@&=+$_.!~*'()%";
/** `URI_CHARS` (and `,[]` in a %TAG prefix or a verbatim tag). */
export const isUriChar = (c: number, inPrefix: boolean): boolean =>
  isWordChar(c) || oneOf(c, URI_CHARS) || (inPrefix && oneOf(c, ",[]"));

/** What snakeyaml's reader accepts (`StreamReader.isPrintable`). */
export const isPrintable = (c: number): boolean =>
  (c >= 0x20 && c <= 0x7e) ||
  c === TAB ||
  c === LF ||
  c === CR ||
  c === 0x85 ||
  (c >= 0xa0 && c <= 0xd7ff) ||
  (c >= 0xe000 && c <= 0xfffd) ||
  (c >= 0x10000 && c <= 0x10ffff);

/** The text of code points `from` to `to` (in slices, so no call gets too many arguments). */
export function codePointsToString(cps: readonly number[], from: number, to: number): string {
  let s = "";
  for (let i = from; i < to; i += 4096) s += String.fromCodePoint(...cps.slice(i, Math.min(to, i + 4096)));
  return s;
}
