/**
 * The scanner's directives, tags and anchor names, after snakeyaml-engine's `ScannerImpl`
 * (`scanDirective`, `scanTag`, `scanAnchor`, `scanTagUri`, `scanUriEscapes`): text → one token.
 * @module
 */
import { isAsciiDigit, isBlank, isBlankT, isBreakOrEnd, isUriChar, isWordChar, oneOf, SP } from "./chars.js";
import { YamlProblem } from "./problem.js";
import type { StreamReader } from "./reader.js";
import type { Directive, Token } from "./tokens.js";

/** `&name` or `*name`. */
export function scanAnchorOrAlias(r: StreamReader, kind: "anchor" | "alias"): Token {
  const start = r.mark();
  r.forward();
  let n = 0;
  while (!isBlankT(r.peek(n)) && !oneOf(r.peek(n), ",[]{}/.*&")) n++;
  const what = kind === "anchor" ? "an anchor ('&')" : "an alias ('*')";
  if (n === 0) throw new YamlProblem(`${what} needs a name`, r.mark());
  const name = r.take(n);
  const after = r.peek();
  if (!isBlankT(after) && !oneOf(after, "?:,]}%@`")) {
    throw new YamlProblem(`${what} name contains a character that is not allowed`, r.mark());
  }
  return { kind, start, end: r.mark(), value: name };
}

/** `!`, `!local`, `!!str`, `!e!suffix` or `!<verbatim>`. */
export function scanTag(r: StreamReader): Token {
  const start = r.mark();
  let c = r.peek(1);
  let handle: string | null = null;
  let suffix: string;
  if (c === 0x3c) {
    // !<verbatim>
    r.forward(2);
    suffix = scanTagUri(r, true);
    if (r.peek() !== 0x3e) throw new YamlProblem("a verbatim tag ('!<...>') is not closed with '>'", r.mark());
    r.forward();
  } else if (isBlankT(c)) {
    suffix = "!";
    r.forward();
  } else {
    let n = 1;
    let useHandle = false;
    while (!isBlank(c)) {
      if (c === 0x21) {
        useHandle = true;
        break;
      }
      n++;
      c = r.peek(n);
    }
    if (useHandle) {
      handle = scanTagHandle(r);
    } else {
      handle = "!";
      r.forward();
    }
    suffix = scanTagUri(r, false);
  }
  if (!isBlank(r.peek())) throw new YamlProblem("a tag must be followed by a space", r.mark());
  return { kind: "tag", start, end: r.mark(), handle, suffix };
}

function scanTagHandle(r: StreamReader): string {
  if (r.peek() !== 0x21) throw new YamlProblem("a tag handle must start with '!'", r.mark());
  let n = 1;
  let c = r.peek(n);
  if (c !== SP) {
    while (isWordChar(c)) c = r.peek(++n);
    if (c !== 0x21) {
      r.forward(n);
      throw new YamlProblem("a tag handle must end with '!'", r.mark());
    }
    n++;
  }
  return r.take(n);
}

function scanTagUri(r: StreamReader, inPrefix: boolean): string {
  let out = "";
  let n = 0;
  let c = r.peek(n);
  while (isUriChar(c, inPrefix)) {
    if (c === 0x25) {
      out += r.take(n);
      n = 0;
      out += scanUriEscapes(r);
    } else {
      n++;
    }
    c = r.peek(n);
  }
  if (n > 0) out += r.take(n);
  if (out.length === 0) throw new YamlProblem("a tag is missing its name", r.mark());
  return out;
}

function scanUriEscapes(r: StreamReader): string {
  const bytes: number[] = [];
  const start = r.mark();
  while (r.peek() === 0x25) {
    r.forward();
    const two = r.prefix(2);
    // Java's Integer.parseInt(two, 16): an optional sign, then hex digits.
    if (!/^[+-]?[0-9A-Fa-f]+$/.test(two)) {
      throw new YamlProblem("a '%' escape in a tag needs two hexadecimal digits", r.mark());
    }
    bytes.push(parseInt(two, 16) & 0xff);
    r.forward(2);
  }
  const decoded = decodeUtf8(bytes);
  if (decoded === null) throw new YamlProblem("the '%' escapes of a tag are not UTF-8", start);
  return decoded;
}

/** Strict UTF-8 decoding of a tag's `%` escapes; null when the bytes are not UTF-8. */
export function decodeUtf8(bytes: readonly number[]): string | null {
  let out = "";
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let cp: number;
    let min: number;
    if (b < 0x80) [need, cp, min] = [0, b, 0];
    else if (b >= 0xc2 && b < 0xe0) [need, cp, min] = [1, b & 0x1f, 0x80];
    else if (b >= 0xe0 && b < 0xf0) [need, cp, min] = [2, b & 0x0f, 0x800];
    else if (b >= 0xf0 && b < 0xf5) [need, cp, min] = [3, b & 0x07, 0x10000];
    else return null;
    for (let k = 1; k <= need; k++) {
      const cont = bytes[i + k];
      if (cont === undefined || (cont & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (cont & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

/** `%YAML 1.2`, `%TAG !e! prefix` or another directive (skipped), to the end of its line. */
export function scanDirective(r: StreamReader): Token {
  const start = r.mark();
  r.forward();
  let n = 0;
  while (isWordChar(r.peek(n))) n++;
  if (n === 0) throw new YamlProblem("a directive ('%') needs a name", r.mark());
  const name = r.take(n);
  if (!isBlank(r.peek())) throw new YamlProblem("a directive name contains a character that is not allowed", r.mark());
  let directive: Directive;
  if (name === "YAML") {
    while (r.peek() === SP) r.forward();
    const major = scanVersionNumber(r);
    if (r.peek() !== 0x2e) throw new YamlProblem("the %YAML directive needs a version such as 1.2", r.mark());
    r.forward();
    const minor = scanVersionNumber(r);
    if (!isBlank(r.peek())) throw new YamlProblem("the %YAML directive needs a version such as 1.2", r.mark());
    directive = { name: "YAML", major, minor };
  } else if (name === "TAG") {
    while (r.peek() === SP) r.forward();
    const handle = scanTagHandle(r);
    if (r.peek() !== SP) throw new YamlProblem("the %TAG directive needs a space after its handle", r.mark());
    while (r.peek() === SP) r.forward();
    const prefix = scanTagUri(r, true);
    if (!isBlank(r.peek())) throw new YamlProblem("the %TAG directive has a malformed prefix", r.mark());
    directive = { name: "TAG", handle, prefix };
  } else {
    while (!isBreakOrEnd(r.peek())) r.forward();
    directive = { name: "other" };
  }
  const end = r.mark();
  while (r.peek() === SP) r.forward();
  if (r.peek() === 0x23) while (!isBreakOrEnd(r.peek())) r.forward();
  if (r.lineBreak() === null && r.peek() !== 0) {
    throw new YamlProblem("a directive must end at the end of its line", r.mark());
  }
  return { kind: "directive", start, end, directive };
}

function scanVersionNumber(r: StreamReader): number {
  if (!isAsciiDigit(r.peek())) throw new YamlProblem("the %YAML directive needs a version such as 1.2", r.mark());
  let n = 0;
  while (isAsciiDigit(r.peek(n))) n++;
  const digits = r.take(n);
  const v = Number(digits);
  if (!Number.isSafeInteger(v) || v > 2147483647) {
    throw new YamlProblem("the %YAML directive has a version number that is too large", r.mark());
  }
  return v;
}
