/**
 * The scanner's scalars, after snakeyaml-engine's `ScannerImpl` (`scanBlockScalar`,
 * `scanFlowScalar`, `scanPlain` and their helpers): text → one scalar token, with folding,
 * chomping, escapes and the line-break rules applied. The simple-key and indentation bookkeeping
 * stays in `scanner.ts`, which passes the current indentation in.
 * @module
 */
import { isAsciiDigit, isBlank, isBlankT, isBreakOrEnd, LF, CR, oneOf, SP, TAB } from "./chars.js";
import { where, YamlProblem, type Mark } from "./problem.js";
import type { StreamReader } from "./reader.js";
import type { Token } from "./tokens.js";

/** The escapes of double-quoted scalars that stand for one character. */
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  "0": "\0",
  a: "\u0007",
  b: "\b",
  t: "\t",
  n: "\n",
  v: "\u000b",
  f: "\f",
  r: "\r",
  e: "\u001b",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
  N: "\u0085",
  _: "\u00a0",
  L: "\u2028",
  P: "\u2029",
};
/** `\x`, `\u`, `\U`: how many hex digits follow. */
const CODE_ESCAPES: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** A literal (`|`) or folded (`>`) scalar; `indent` is the scanner's current indentation. */
export function scanBlockScalar(r: StreamReader, style: "literal" | "folded", indent: number): Token {
  const start = r.mark();
  r.forward();
  // Header: chomping (+/-) and indentation (1-9) indicators in either order.
  let chomping: "clip" | "strip" | "keep" = "clip";
  let increment: number | null = null;
  const badIndicator = () => new YamlProblem("a block scalar's indentation indicator must be between 1 and 9", r.mark());
  let c = r.peek();
  if (c === 0x2d || c === 0x2b) {
    chomping = c === 0x2b ? "keep" : "strip";
    r.forward();
    c = r.peek();
    if (isAsciiDigit(c)) {
      if (c === 0x30) throw badIndicator();
      increment = c - 0x30;
      r.forward();
    }
  } else if (isAsciiDigit(c)) {
    if (c === 0x30) throw badIndicator();
    increment = c - 0x30;
    r.forward();
    c = r.peek();
    if (c === 0x2d || c === 0x2b) {
      chomping = c === 0x2b ? "keep" : "strip";
      r.forward();
    }
  }
  if (!isBlank(r.peek())) {
    throw new YamlProblem("a block scalar indicator ('|' or '>') has an unexpected character after it", r.mark());
  }
  while (r.peek() === SP) r.forward();
  if (r.peek() === 0x23) while (!isBreakOrEnd(r.peek())) r.forward();
  if (r.lineBreak() === null && r.peek() !== 0) {
    throw new YamlProblem("a block scalar indicator ('|' or '>') must end its line", r.mark());
  }

  const minIndent = Math.max(indent + 1, 1);
  let breaks: string;
  let end: Mark;
  let blockIndent: number;
  if (increment !== null) {
    blockIndent = minIndent + increment - 1;
    [breaks, end] = scanBlockScalarBreaks(r, blockIndent);
  } else {
    let maxIndent = 0;
    breaks = "";
    end = r.mark();
    for (let p = r.peek(); p === SP || p === LF || p === CR; p = r.peek()) {
      if (p !== SP) {
        breaks += r.lineBreak() ?? "";
        end = r.mark();
      } else {
        r.forward();
        if (r.column > maxIndent) maxIndent = r.column;
      }
    }
    blockIndent = Math.max(minIndent, maxIndent);
  }
  if (r.column < blockIndent && indent !== r.column) {
    throw new YamlProblem(
      `the leading empty lines of a block scalar contain more spaces (${blockIndent}) than its first non-empty line`,
      r.mark(),
    );
  }
  let text = "";
  let lastBreak: string | null = null;
  while (r.column === blockIndent && r.peek() !== 0) {
    text += breaks;
    const leadingNonSpace = r.peek() !== SP && r.peek() !== TAB;
    let n = 0;
    while (!isBreakOrEnd(r.peek(n))) n++;
    text += r.take(n);
    lastBreak = r.lineBreak();
    [breaks, end] = scanBlockScalarBreaks(r, blockIndent);
    if (r.column === blockIndent && r.peek() !== 0) {
      if (style === "folded" && lastBreak === "\n" && leadingNonSpace && r.peek() !== SP && r.peek() !== TAB) {
        if (breaks.length === 0) text += " ";
      } else {
        text += lastBreak ?? "";
      }
    } else {
      break;
    }
  }
  if (chomping !== "strip") text += lastBreak ?? "";
  if (chomping === "keep") text += breaks;
  return { kind: "scalar", start, end, value: text, style };
}

function scanBlockScalarBreaks(r: StreamReader, indent: number): [string, Mark] {
  let breaks = "";
  let end = r.mark();
  let col = r.column;
  while (col < indent && r.peek() === SP) {
    r.forward();
    col++;
  }
  for (let br = r.lineBreak(); br !== null; br = r.lineBreak()) {
    breaks += br;
    end = r.mark();
    col = r.column;
    while (col < indent && r.peek() === SP) {
      r.forward();
      col++;
    }
  }
  return [breaks, end];
}

/** A single- or double-quoted scalar. */
export function scanFlowScalar(r: StreamReader, style: "single" | "double"): Token {
  const double = style === "double";
  const start = r.mark();
  const quote = r.peek();
  r.forward();
  let text = scanQuotedNonSpaces(r, double, start);
  while (r.peek() !== quote) {
    text += scanQuotedSpaces(r, start);
    text += scanQuotedNonSpaces(r, double, start);
  }
  r.forward();
  return { kind: "scalar", start, end: r.mark(), value: text, style };
}

function scanQuotedNonSpaces(r: StreamReader, double: boolean, start: Mark): string {
  let out = "";
  for (;;) {
    let n = 0;
    while (!isBlankT(r.peek(n)) && !oneOf(r.peek(n), "'\"\\")) n++;
    if (n > 0) out += r.take(n);
    const c = r.peek();
    if (!double && c === 0x27 && r.peek(1) === 0x27) {
      out += "'";
      r.forward(2);
    } else if ((double && c === 0x27) || (!double && (c === 0x22 || c === 0x5c))) {
      out += String.fromCharCode(c);
      r.forward();
    } else if (double && c === 0x5c) {
      r.forward();
      out += scanEscape(r, start);
    } else {
      return out;
    }
  }
}

/** What follows a backslash in a double-quoted scalar. */
function scanEscape(r: StreamReader, start: Mark): string {
  const e = r.peek();
  const ch = e > 0 && e < 0x10000 ? String.fromCharCode(e) : "";
  const simple = ch ? SIMPLE_ESCAPES[ch] : undefined;
  const digits = ch ? CODE_ESCAPES[ch] : undefined;
  if (simple !== undefined) {
    r.forward();
    return simple;
  }
  if (digits !== undefined) {
    r.forward();
    const hex = r.prefix(digits);
    if (!/^[0-9A-Fa-f]+$/.test(hex)) {
      throw new YamlProblem(
        `a '\\${ch}' escape in a double-quoted scalar (opened at ${where(start)}) needs ${digits} hexadecimal digits`,
        r.mark(),
      );
    }
    const cp = parseInt(hex, 16);
    if (cp > 0x10ffff) {
      throw new YamlProblem(`a '\\${ch}' escape in a double-quoted scalar is not a valid character`, r.mark());
    }
    r.forward(digits);
    return cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
  }
  if (r.lineBreak() !== null) return scanQuotedBreaks(r, start);
  throw new YamlProblem(`unknown escape sequence in a double-quoted scalar (opened at ${where(start)})`, r.mark());
}

function scanQuotedSpaces(r: StreamReader, start: Mark): string {
  let n = 0;
  while (r.peek(n) === SP || r.peek(n) === TAB) n++;
  const spaces = r.take(n);
  if (r.peek() === 0) {
    throw new YamlProblem(`a quoted scalar opened at ${where(start)} is not closed before the end of the file`, r.mark());
  }
  const br = r.lineBreak();
  if (br === null) return spaces;
  const breaks = scanQuotedBreaks(r, start);
  if (br !== "\n") return br + breaks;
  return breaks.length === 0 ? " " + breaks : breaks;
}

function scanQuotedBreaks(r: StreamReader, start: Mark): string {
  let out = "";
  for (;;) {
    const p = r.prefix(3);
    if ((p === "---" || p === "...") && isBlankT(r.peek(3))) {
      throw new YamlProblem(`a document marker appears inside the quoted scalar opened at ${where(start)}`, r.mark());
    }
    while (r.peek() === SP || r.peek() === TAB) r.forward();
    const br = r.lineBreak();
    if (br === null) return out;
    out += br;
  }
}

/** A plain scalar, and whether it ended on a line break (then a simple key may follow). */
export function scanPlain(r: StreamReader, indent: number, inBlock: boolean): { token: Token; endsLine: boolean } {
  const start = r.mark();
  let end = start;
  let text = "";
  let spaces = "";
  let endsLine = false;
  const plainIndent = indent + 1;
  for (;;) {
    if (r.peek() === 0x23) break;
    let n = 0;
    for (;;) {
      const c = r.peek(n);
      if (
        isBlankT(c) ||
        (c === 0x3a && (isBlankT(r.peek(n + 1)) || (!inBlock && oneOf(r.peek(n + 1), ",[]{}")))) ||
        (!inBlock && oneOf(c, ",[]{}"))
      ) {
        break;
      }
      n++;
    }
    if (n === 0) break;
    endsLine = false;
    text += spaces + r.take(n);
    end = r.mark();
    [spaces, endsLine] = scanPlainSpaces(r);
    if (spaces.length === 0 || r.peek() === 0x23 || (inBlock && r.column < plainIndent)) break;
  }
  return { token: { kind: "scalar", start, end, value: text, style: "plain" }, endsLine };
}

/** The spaces and breaks after a chunk of a plain scalar, folded; true when a line break was among them. */
function scanPlainSpaces(r: StreamReader): [string, boolean] {
  let n = 0;
  while (r.peek(n) === SP || r.peek(n) === TAB) n++;
  const spaces = r.take(n);
  const br = r.lineBreak();
  if (br === null) return [spaces, false];
  const atMarker = () => {
    const p = r.prefix(3);
    return p === "---" || (p === "..." && isBlankT(r.peek(3)));
  };
  if (atMarker()) return ["", true];
  let breaks = "";
  for (;;) {
    if (r.peek() === SP) {
      r.forward();
      continue;
    }
    const more = r.lineBreak();
    if (more === null) break;
    breaks += more;
    if (atMarker()) return ["", true];
  }
  if (br !== "\n") return [br + breaks, true];
  return [breaks.length === 0 ? " " : breaks, true];
}
