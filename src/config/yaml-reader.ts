/**
 * Flink's standard-YAML `config.yaml` reader (Flink 1.19+ / 2.x): snakeyaml-engine with the
 * YAML 1.2 core schema, nested maps flattened with ".", lists kept as flow-YAML strings,
 * nulls and duplicate keys rejected.
 *
 * Flink reads the file with snakeyaml-engine 2.6, whose scanner descends from PyYAML and does not
 * accept the same texts as a YAML 1.2 parser (tabs never separate tokens, `#` right after a
 * quoted scalar starts a comment, simple keys are limited to one line, quoted scalars ignore
 * indentation, ...). This module therefore has its own scanner, parser, composer and constructor
 * that follow snakeyaml-engine's rules, and the part of its emitter that Flink uses to turn a
 * list into a string (`YamlParserUtils.toYAMLString`).
 * @module
 */
import { FlinkError, JavaClass, type JavaClassName, type SourceLocation } from "../errors.js";
import { javaDoubleToString, parseJavaDouble } from "../java/numbers.js";
import { memorySizeToString } from "../size/memory-size.js";
import type { RawValue } from "./raw-value.js";
import { MAX_CONFIG_CHARS } from "./limits.js";

/** A YAML value as snakeyaml-engine constructs it (Java objects), with locations. */
export type YamlObject =
  | RawValue
  | { readonly t: "null" }
  | { readonly t: "list"; readonly items: readonly YamlObject[] }
  | { readonly t: "ymap"; readonly entries: readonly (readonly [YamlObject, YamlObject])[] };

/** One flattened entry of a `config.yaml`. */
export interface YamlEntry {
  readonly key: string;
  readonly value: RawValue;
  readonly location: SourceLocation;
}

/**
 * Reads a whole `config.yaml` as Flink's `GlobalConfiguration.loadYAMLResource` does.
 * Fails with `FlinkError(RuntimeException, "Error parsing YAML configuration.")` whose cause
 * says, in our words, what is wrong and where (line, column).
 *
 * Entries come in the order their keys first appear in the file. A key written twice through
 * different spellings (`a.b: 1` and `a: {b: 2}`) is no duplicate for snakeyaml; Flink's
 * flattening keeps the value written last (the entry stays at its first position here).
 */
export function readStandardYaml(text: string, source = "config.yaml"): YamlEntry[] {
  try {
    if (text.length > MAX_CONFIG_CHARS) {
      throw new YamlProblem(`the file is ${text.length} characters long; flink-memory reads at most ${MAX_CONFIG_CHARS} (10 Mi) characters`);
    }
    // `FileInputStream` + snakeyaml's unicode reader: a leading byte order mark is dropped.
    const root = loadDocument(text.startsWith("\uFEFF") ? text.slice(1) : text);
    if (root.value === null) return [];
    if (root.value.j !== "map") {
      throw new YamlProblem(
        `the file must hold a mapping of keys to values, but its top level is ${describeObject(root.value)}`,
        root.node?.start,
      );
    }
    return flattenRoot(root.value, source);
  } catch (e) {
    const cause = toCause(e, source);
    throw new FlinkError(JavaClass.Runtime, "Error parsing YAML configuration.", {
      cause,
      ...(cause.location ? { location: cause.location } : {}),
    });
  }
}

/**
 * `YamlParserUtils.convertToObject(text, type)`: loads one YAML document from a string
 * (used when a map- or list-typed option holds a string). Throws on a YAML error.
 */
export function loadYamlObject(text: string): YamlObject {
  try {
    if (text.length > MAX_CONFIG_CHARS) {
      throw new YamlProblem(`the value is ${text.length} characters long; flink-memory reads at most ${MAX_CONFIG_CHARS} (10 Mi) characters`);
    }
    return toYamlObject(loadDocument(text).value, new Map());
  } catch (e) {
    throw toCause(e, "value");
  }
}

/** `YamlParserUtils.toYAMLString(value)` (flow style) for lists and scalars. */
export function toYamlFlowString(value: YamlObject): string {
  return dumpFlow(fromYamlObject(value, new Map()));
}

// ---------------------------------------------------------------------------------------------
// Problems

/** A position in the text: 0-based code point index, line and column (snakeyaml's marks). */
interface Mark {
  readonly index: number;
  readonly line: number;
  readonly column: number;
}

const where = (m: Mark) => `line ${m.line + 1}, column ${m.column + 1}`;

/** Something snakeyaml (or Flink's flattening) rejects. Messages never quote values. */
class YamlProblem extends Error {
  constructor(
    readonly problem: string,
    readonly mark?: Mark,
    readonly javaClass: JavaClassName = JavaClass.Runtime,
    readonly key?: string,
    /** The problem text already says where. */
    placed = false,
  ) {
    super(mark && !placed ? `${problem} at ${where(mark)}` : problem);
  }
}

function toCause(e: unknown, source: string): FlinkError {
  if (e instanceof YamlProblem) {
    const location: SourceLocation | undefined = e.mark
      ? { source, line: e.mark.line + 1, column: e.mark.column + 1 }
      : undefined;
    return new FlinkError(e.javaClass, e.message, {
      ...(location ? { location } : {}),
      ...(e.key !== undefined ? { key: e.key } : {}),
    });
  }
  if (e instanceof RangeError) {
    // Java would end in a StackOverflowError on such nesting.
    return new FlinkError(JavaClass.Runtime, "the YAML structure is nested too deeply");
  }
  throw e;
}

// ---------------------------------------------------------------------------------------------
// Characters (snakeyaml's classes are ASCII-only; 0 stands for the end of the text)

const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const TAB = 0x09;

/** End, space, tab or line break (`NULL_BL_T_LINEBR`). */
const isBlankT = (c: number) => c === 0 || c === SP || c === TAB || c === LF || c === CR;
/** End, space or line break (`NULL_BL_LINEBR`). */
const isBlank = (c: number) => c === 0 || c === SP || c === LF || c === CR;
/** End or line break (`NULL_OR_LINEBR`). */
const isBreakOrEnd = (c: number) => c === 0 || c === LF || c === CR;
const oneOf = (c: number, chars: string) => c > 0 && c < 0x80 && chars.includes(String.fromCharCode(c));
const isWordChar = (c: number) =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x5f;
const isAsciiDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHexDigit = (c: number) => isAsciiDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const URI_CHARS = "-;/?:@&=+$_.!~*'()%";
const isUriChar = (c: number, inPrefix: boolean) => isWordChar(c) || oneOf(c, URI_CHARS) || (inPrefix && oneOf(c, ",[]"));

/** What snakeyaml's reader accepts (`StreamReader.isPrintable`). */
const isPrintable = (c: number) =>
  (c >= 0x20 && c <= 0x7e) ||
  c === TAB ||
  c === LF ||
  c === CR ||
  c === 0x85 ||
  (c >= 0xa0 && c <= 0xd7ff) ||
  (c >= 0xe000 && c <= 0xfffd) ||
  (c >= 0x10000 && c <= 0x10ffff);

function codePointsToString(cps: readonly number[], from: number, to: number): string {
  let s = "";
  for (let i = from; i < to; i += 4096) s += String.fromCodePoint(...cps.slice(i, Math.min(to, i + 4096)));
  return s;
}

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

// ---------------------------------------------------------------------------------------------
// Scanner: text → tokens, with snakeyaml's simple-key and indentation bookkeeping

type TokenKind =
  | "stream-start"
  | "stream-end"
  | "directive"
  | "document-start"
  | "document-end"
  | "block-sequence-start"
  | "block-mapping-start"
  | "block-end"
  | "flow-sequence-start"
  | "flow-mapping-start"
  | "flow-sequence-end"
  | "flow-mapping-end"
  | "key"
  | "value"
  | "block-entry"
  | "flow-entry"
  | "alias"
  | "anchor"
  | "tag"
  | "scalar";

type ScalarStyle = "plain" | "single" | "double" | "literal" | "folded";

interface Token {
  readonly kind: TokenKind;
  readonly start: Mark;
  readonly end: Mark;
  /** Scalar text, or anchor / alias name. */
  readonly value?: string;
  readonly style?: ScalarStyle;
  /** Tag handle (`!`, `!!`, `!e!`) or null for a verbatim / non-specific tag. */
  readonly handle?: string | null;
  readonly suffix?: string;
  readonly directive?: Directive;
}

type Directive =
  | { readonly name: "YAML"; readonly major: number; readonly minor: number }
  | { readonly name: "TAG"; readonly handle: string; readonly prefix: string }
  | { readonly name: "other" };

/** How the parser names a token in a message (never with its text). */
const TOKEN_NAMES: Readonly<Record<TokenKind, string>> = {
  "stream-start": "the start of the file",
  "stream-end": "the end of the file",
  directive: "a directive",
  "document-start": "'---'",
  "document-end": "'...'",
  "block-sequence-start": "a block sequence",
  "block-mapping-start": "a block mapping",
  "block-end": "the end of a block",
  "flow-sequence-start": "'['",
  "flow-mapping-start": "'{'",
  "flow-sequence-end": "']'",
  "flow-mapping-end": "'}'",
  key: "'?'",
  value: "':'",
  "block-entry": "'-'",
  "flow-entry": "','",
  alias: "an alias",
  anchor: "an anchor",
  tag: "a tag",
  scalar: "a scalar",
};

interface SimpleKey {
  readonly tokenNumber: number;
  readonly required: boolean;
  readonly index: number;
  readonly line: number;
  readonly column: number;
  readonly mark: Mark;
}

/** snakeyaml's `LoadSettings.codePointLimit` default (3 MB). */
const CODE_POINT_LIMIT = 3 * 1024 * 1024;

class Scanner {
  private readonly cps: number[];
  private pos = 0;
  private line = 0;
  private column = 0;

  private readonly tokens: Token[] = [];
  private tokensTaken = 0;
  private done = false;
  private flowLevel = 0;
  private indent = -1;
  private readonly indents: number[] = [];
  private allowSimpleKey = true;
  /** Possible simple keys by flow level, in the order they were saved. */
  private readonly simpleKeys = new Map<number, SimpleKey>();

  constructor(text: string) {
    this.cps = Array.from(text, (ch) => ch.codePointAt(0)!);
    // The reader refuses special characters wherever they are; the whole text is always read.
    let line = 0;
    let column = 0;
    for (let i = 0; i < this.cps.length; i++) {
      const c = this.cps[i]!;
      if (!isPrintable(c)) {
        const hex = c.toString(16).toUpperCase().padStart(4, "0");
        throw new YamlProblem(`special character U+${hex} is not allowed in YAML`, { index: i, line, column });
      }
      if (c === LF || (c === CR && this.cps[i + 1] !== LF && i + 1 < this.cps.length)) {
        line++;
        column = 0;
      } else if (c !== 0xfeff) column++;
    }
    const m = this.mark();
    this.tokens.push({ kind: "stream-start", start: m, end: m });
  }

  // --- reading

  private peek(k = 0): number {
    return this.cps[this.pos + k] ?? 0;
  }

  private mark(): Mark {
    return { index: this.pos, line: this.line, column: this.column };
  }

  private forward(n = 1): void {
    for (let i = 0; i < n && this.pos < this.cps.length; i++) {
      const c = this.cps[this.pos++]!;
      if (c === LF || (c === CR && this.pos < this.cps.length && this.cps[this.pos] !== LF)) {
        this.line++;
        this.column = 0;
      } else if (c !== 0xfeff) {
        this.column++;
      }
    }
  }

  private prefix(n: number): string {
    return codePointsToString(this.cps, this.pos, Math.min(this.pos + n, this.cps.length));
  }

  /** Takes `n` characters that hold no line break. */
  private take(n: number): string {
    const s = this.prefix(n);
    this.pos += n;
    this.column += n;
    return s;
  }

  /** A line break: `\r\n`, `\r`, `\n` and NEL read as "\n"; LS and PS kept as they are. */
  private lineBreak(): string | null {
    const c = this.peek();
    if (c === CR || c === LF || c === 0x85) {
      this.forward(c === CR && this.peek(1) === LF ? 2 : 1);
      return "\n";
    }
    if (c === 0x2028 || c === 0x2029) {
      this.forward();
      return String.fromCharCode(c);
    }
    return null;
  }

  private get inBlock(): boolean {
    return this.flowLevel === 0;
  }

  // --- token queue

  check(...kinds: TokenKind[]): boolean {
    while (this.needMoreTokens()) this.fetchMoreTokens();
    const first = this.tokens[0];
    return first !== undefined && (kinds.length === 0 || kinds.includes(first.kind));
  }

  peekToken(): Token {
    while (this.needMoreTokens()) this.fetchMoreTokens();
    return this.tokens[0]!;
  }

  next(): Token {
    const t = this.peekToken();
    this.tokens.shift();
    this.tokensTaken++;
    return t;
  }

  private needMoreTokens(): boolean {
    if (this.done) return false;
    if (this.tokens.length === 0) return true;
    this.staleSimpleKeys();
    return this.nextPossibleSimpleKey() === this.tokensTaken;
  }

  private nextPossibleSimpleKey(): number {
    for (const key of this.simpleKeys.values()) return key.tokenNumber;
    return -1;
  }

  private add(kind: TokenKind, start: Mark, end: Mark = start, extra: Partial<Token> = {}): void {
    this.tokens.push({ kind, start, end, ...extra });
  }

  private fetchMoreTokens(): void {
    if (this.pos > CODE_POINT_LIMIT) {
      throw new YamlProblem(`the file exceeds the limit of ${CODE_POINT_LIMIT} characters`, this.mark());
    }
    this.scanToNextToken();
    this.staleSimpleKeys();
    this.unwindIndent(this.column);
    const c = this.peek();
    switch (c) {
      case 0:
        return this.fetchStreamEnd();
      case 0x25: // %
        if (this.column === 0) return this.fetchDirective();
        break;
      case 0x2d: // -
        if (this.atDocumentIndicator("---")) return this.fetchDocumentIndicator("document-start");
        if (isBlankT(this.peek(1))) return this.fetchBlockEntry();
        break;
      case 0x2e: // .
        if (this.atDocumentIndicator("...")) return this.fetchDocumentIndicator("document-end");
        break;
      case 0x5b: // [
        return this.fetchFlowCollectionStart("flow-sequence-start");
      case 0x7b: // {
        return this.fetchFlowCollectionStart("flow-mapping-start");
      case 0x5d: // ]
        return this.fetchFlowCollectionEnd("flow-sequence-end");
      case 0x7d: // }
        return this.fetchFlowCollectionEnd("flow-mapping-end");
      case 0x2c: // ,
        return this.fetchFlowEntry();
      case 0x3f: // ?
        if (isBlankT(this.peek(1))) return this.fetchKey();
        break;
      case 0x3a: // :
        if (!this.inBlock || isBlankT(this.peek(1))) return this.fetchValue();
        break;
      case 0x2a: // *
        return this.fetchAnchorOrAlias("alias");
      case 0x26: // &
        return this.fetchAnchorOrAlias("anchor");
      case 0x21: // !
        return this.fetchTag();
      case 0x7c: // |
        if (this.inBlock) return this.fetchBlockScalar("literal");
        break;
      case 0x3e: // >
        if (this.inBlock) return this.fetchBlockScalar("folded");
        break;
      case 0x27: // '
        return this.fetchFlowScalar("single");
      case 0x22: // "
        return this.fetchFlowScalar("double");
    }
    if (this.canStartPlain(c)) return this.fetchPlain();
    throw new YamlProblem(
      c === TAB
        ? "a tab character cannot start a token here (indent and separate with spaces only)"
        : `character '${String.fromCodePoint(c)}' cannot start a token here`,
      this.mark(),
    );
  }

  private atDocumentIndicator(indicator: string): boolean {
    return this.column === 0 && this.prefix(3) === indicator && isBlankT(this.peek(3));
  }

  private canStartPlain(c: number): boolean {
    if (!isBlankT(c) && !oneOf(c, "-?:,[]{}#&*!|>'\"%@`")) return true;
    const next = this.peek(1);
    if (this.inBlock) return !isBlankT(next) && oneOf(c, "-?:");
    return !isBlankT(next) && !oneOf(next, ",]") && oneOf(c, "-?");
  }

  /** Skips spaces (never tabs), comments and line breaks between tokens. */
  private scanToNextToken(): void {
    if (this.pos === 0 && this.peek() === 0xfeff) this.forward();
    for (;;) {
      while (this.peek() === SP) this.forward();
      if (this.peek() === 0x23) {
        while (!isBreakOrEnd(this.peek())) this.forward();
      }
      if (this.lineBreak() === null) return;
      if (this.inBlock) this.allowSimpleKey = true;
    }
  }

  // --- simple keys and indentation

  private staleSimpleKeys(): void {
    // Keys are saved at the current position and a level's key is always removed before it is
    // saved again, so the map holds them by position: the stale ones are a prefix, and the scan
    // stops at the first fresh one (otherwise deep flow nesting costs levels × tokens).
    for (const [level, key] of this.simpleKeys) {
      if (key.line !== this.line || this.pos - key.index > 1024) {
        if (key.required) throw this.missingColon(key);
        this.simpleKeys.delete(level);
      } else break;
    }
  }

  private missingColon(key: SimpleKey): YamlProblem {
    return new YamlProblem(
      `could not find the ':' of the key that starts at ${where(key.mark)} (a key must be followed by ': ' on the same line)`,
      this.mark(),
    );
  }

  private savePossibleSimpleKey(): void {
    const required = this.inBlock && this.indent === this.column;
    if (!this.allowSimpleKey && required) {
      throw new YamlProblem("a simple key is required only if it is the first token in the current line", this.mark());
    }
    if (this.allowSimpleKey) {
      this.removePossibleSimpleKey();
      this.simpleKeys.set(this.flowLevel, {
        tokenNumber: this.tokensTaken + this.tokens.length,
        required,
        index: this.pos,
        line: this.line,
        column: this.column,
        mark: this.mark(),
      });
    }
  }

  private removePossibleSimpleKey(): void {
    const key = this.simpleKeys.get(this.flowLevel);
    this.simpleKeys.delete(this.flowLevel);
    if (key?.required) throw this.missingColon(key);
  }

  private unwindIndent(column: number): void {
    if (!this.inBlock) return;
    while (this.indent > column) {
      const m = this.mark();
      this.indent = this.indents.pop()!;
      this.add("block-end", m);
    }
  }

  private addIndent(column: number): boolean {
    if (this.indent < column) {
      this.indents.push(this.indent);
      this.indent = column;
      return true;
    }
    return false;
  }

  // --- fetchers

  private fetchStreamEnd(): void {
    this.unwindIndent(-1);
    this.removePossibleSimpleKey();
    this.allowSimpleKey = false;
    this.simpleKeys.clear();
    this.add("stream-end", this.mark());
    this.done = true;
  }

  private fetchDirective(): void {
    this.unwindIndent(-1);
    this.removePossibleSimpleKey();
    this.allowSimpleKey = false;
    this.scanDirective();
  }

  private fetchDocumentIndicator(kind: "document-start" | "document-end"): void {
    this.unwindIndent(-1);
    this.removePossibleSimpleKey();
    this.allowSimpleKey = false;
    const start = this.mark();
    this.forward(3);
    this.add(kind, start, this.mark());
  }

  private fetchFlowCollectionStart(kind: "flow-sequence-start" | "flow-mapping-start"): void {
    this.savePossibleSimpleKey();
    this.flowLevel++;
    this.allowSimpleKey = true;
    const start = this.mark();
    this.forward();
    this.add(kind, start, this.mark());
  }

  private fetchFlowCollectionEnd(kind: "flow-sequence-end" | "flow-mapping-end"): void {
    this.removePossibleSimpleKey();
    // Like snakeyaml, a stray closing bracket may take the level below zero; the parser rejects it.
    this.flowLevel--;
    this.allowSimpleKey = false;
    const start = this.mark();
    this.forward();
    this.add(kind, start, this.mark());
  }

  private fetchFlowEntry(): void {
    this.allowSimpleKey = true;
    this.removePossibleSimpleKey();
    const start = this.mark();
    this.forward();
    this.add("flow-entry", start, this.mark());
  }

  private fetchBlockEntry(): void {
    if (this.inBlock) {
      if (!this.allowSimpleKey) throw new YamlProblem("a list item ('- ') is not allowed here", this.mark());
      if (this.addIndent(this.column)) this.add("block-sequence-start", this.mark());
    }
    this.allowSimpleKey = true;
    this.removePossibleSimpleKey();
    const start = this.mark();
    this.forward();
    this.add("block-entry", start, this.mark());
  }

  private fetchKey(): void {
    if (this.inBlock) {
      if (!this.allowSimpleKey) throw new YamlProblem("a complex key ('? ') is not allowed here", this.mark());
      if (this.addIndent(this.column)) this.add("block-mapping-start", this.mark());
    }
    this.allowSimpleKey = this.inBlock;
    this.removePossibleSimpleKey();
    const start = this.mark();
    this.forward();
    this.add("key", start, this.mark());
  }

  private fetchValue(): void {
    const key = this.simpleKeys.get(this.flowLevel);
    this.simpleKeys.delete(this.flowLevel);
    if (key) {
      const at = key.tokenNumber - this.tokensTaken;
      this.tokens.splice(at, 0, { kind: "key", start: key.mark, end: key.mark });
      if (this.inBlock && this.addIndent(key.column)) {
        this.tokens.splice(at, 0, { kind: "block-mapping-start", start: key.mark, end: key.mark });
      }
      this.allowSimpleKey = false;
    } else {
      if (this.inBlock && !this.allowSimpleKey) {
        throw new YamlProblem("mapping values are not allowed here", this.mark());
      }
      if (this.inBlock && this.addIndent(this.column)) this.add("block-mapping-start", this.mark());
      this.allowSimpleKey = this.inBlock;
      this.removePossibleSimpleKey();
    }
    const start = this.mark();
    this.forward();
    this.add("value", start, this.mark());
  }

  private fetchAnchorOrAlias(kind: "anchor" | "alias"): void {
    this.savePossibleSimpleKey();
    this.allowSimpleKey = false;
    const start = this.mark();
    this.forward();
    let n = 0;
    while (!isBlankT(this.peek(n)) && !oneOf(this.peek(n), ",[]{}/.*&")) n++;
    const what = kind === "anchor" ? "an anchor ('&')" : "an alias ('*')";
    if (n === 0) throw new YamlProblem(`${what} needs a name`, this.mark());
    const name = this.take(n);
    const after = this.peek();
    if (!isBlankT(after) && !oneOf(after, "?:,]}%@`")) {
      throw new YamlProblem(`${what} name contains a character that is not allowed`, this.mark());
    }
    this.add(kind, start, this.mark(), { value: name });
  }

  private fetchTag(): void {
    this.savePossibleSimpleKey();
    this.allowSimpleKey = false;
    const start = this.mark();
    let c = this.peek(1);
    let handle: string | null = null;
    let suffix: string;
    if (c === 0x3c) {
      // !<verbatim>
      this.forward(2);
      suffix = this.scanTagUri(true);
      if (this.peek() !== 0x3e) throw new YamlProblem("a verbatim tag ('!<...>') is not closed with '>'", this.mark());
      this.forward();
    } else if (isBlankT(c)) {
      suffix = "!";
      this.forward();
    } else {
      let n = 1;
      let useHandle = false;
      while (!isBlank(c)) {
        if (c === 0x21) {
          useHandle = true;
          break;
        }
        n++;
        c = this.peek(n);
      }
      if (useHandle) {
        handle = this.scanTagHandle();
      } else {
        handle = "!";
        this.forward();
      }
      suffix = this.scanTagUri(false);
    }
    if (!isBlank(this.peek())) throw new YamlProblem("a tag must be followed by a space", this.mark());
    this.add("tag", start, this.mark(), { handle, suffix });
  }

  private scanTagHandle(): string {
    if (this.peek() !== 0x21) throw new YamlProblem("a tag handle must start with '!'", this.mark());
    let n = 1;
    let c = this.peek(n);
    if (c !== SP) {
      while (isWordChar(c)) c = this.peek(++n);
      if (c !== 0x21) {
        this.forward(n);
        throw new YamlProblem("a tag handle must end with '!'", this.mark());
      }
      n++;
    }
    return this.take(n);
  }

  private scanTagUri(inPrefix: boolean): string {
    let out = "";
    let n = 0;
    let c = this.peek(n);
    while (isUriChar(c, inPrefix)) {
      if (c === 0x25) {
        out += this.take(n);
        n = 0;
        out += this.scanUriEscapes();
      } else {
        n++;
      }
      c = this.peek(n);
    }
    if (n > 0) out += this.take(n);
    if (out.length === 0) throw new YamlProblem("a tag is missing its name", this.mark());
    return out;
  }

  private scanUriEscapes(): string {
    const bytes: number[] = [];
    const start = this.mark();
    while (this.peek() === 0x25) {
      this.forward();
      const two = this.prefix(2);
      // Java's Integer.parseInt(two, 16): an optional sign, then hex digits.
      if (!/^[+-]?[0-9A-Fa-f]+$/.test(two)) {
        throw new YamlProblem("a '%' escape in a tag needs two hexadecimal digits", this.mark());
      }
      bytes.push(parseInt(two, 16) & 0xff);
      this.forward(2);
    }
    const decoded = decodeUtf8(bytes);
    if (decoded === null) throw new YamlProblem("the '%' escapes of a tag are not UTF-8", start);
    return decoded;
  }

  private scanDirective(): void {
    const start = this.mark();
    this.forward();
    let n = 0;
    while (isWordChar(this.peek(n))) n++;
    if (n === 0) throw new YamlProblem("a directive ('%') needs a name", this.mark());
    const name = this.take(n);
    if (!isBlank(this.peek())) throw new YamlProblem("a directive name contains a character that is not allowed", this.mark());
    let directive: Directive;
    if (name === "YAML") {
      while (this.peek() === SP) this.forward();
      const major = this.scanVersionNumber();
      if (this.peek() !== 0x2e) throw new YamlProblem("the %YAML directive needs a version such as 1.2", this.mark());
      this.forward();
      const minor = this.scanVersionNumber();
      if (!isBlank(this.peek())) throw new YamlProblem("the %YAML directive needs a version such as 1.2", this.mark());
      directive = { name: "YAML", major, minor };
    } else if (name === "TAG") {
      while (this.peek() === SP) this.forward();
      const handle = this.scanTagHandle();
      if (this.peek() !== SP) throw new YamlProblem("the %TAG directive needs a space after its handle", this.mark());
      while (this.peek() === SP) this.forward();
      const prefix = this.scanTagUri(true);
      if (!isBlank(this.peek())) throw new YamlProblem("the %TAG directive has a malformed prefix", this.mark());
      directive = { name: "TAG", handle, prefix };
    } else {
      while (!isBreakOrEnd(this.peek())) this.forward();
      directive = { name: "other" };
    }
    const end = this.mark();
    while (this.peek() === SP) this.forward();
    if (this.peek() === 0x23) while (!isBreakOrEnd(this.peek())) this.forward();
    if (this.lineBreak() === null && this.peek() !== 0) {
      throw new YamlProblem("a directive must end at the end of its line", this.mark());
    }
    this.add("directive", start, end, { directive });
  }

  private scanVersionNumber(): number {
    if (!isAsciiDigit(this.peek())) throw new YamlProblem("the %YAML directive needs a version such as 1.2", this.mark());
    let n = 0;
    while (isAsciiDigit(this.peek(n))) n++;
    const digits = this.take(n);
    const v = Number(digits);
    if (!Number.isSafeInteger(v) || v > 2147483647) {
      throw new YamlProblem("the %YAML directive has a version number that is too large", this.mark());
    }
    return v;
  }

  private fetchBlockScalar(style: "literal" | "folded"): void {
    this.allowSimpleKey = true;
    this.removePossibleSimpleKey();
    this.scanBlockScalar(style);
  }

  private scanBlockScalar(style: "literal" | "folded"): void {
    const start = this.mark();
    this.forward();
    // Header: chomping (+/-) and indentation (1-9) indicators in either order.
    let chomping: "clip" | "strip" | "keep" = "clip";
    let increment: number | null = null;
    const badIndicator = () =>
      new YamlProblem("a block scalar's indentation indicator must be between 1 and 9", this.mark());
    let c = this.peek();
    if (c === 0x2d || c === 0x2b) {
      chomping = c === 0x2b ? "keep" : "strip";
      this.forward();
      c = this.peek();
      if (isAsciiDigit(c)) {
        if (c === 0x30) throw badIndicator();
        increment = c - 0x30;
        this.forward();
      }
    } else if (isAsciiDigit(c)) {
      if (c === 0x30) throw badIndicator();
      increment = c - 0x30;
      this.forward();
      c = this.peek();
      if (c === 0x2d || c === 0x2b) {
        chomping = c === 0x2b ? "keep" : "strip";
        this.forward();
      }
    }
    if (!isBlank(this.peek())) {
      throw new YamlProblem("a block scalar indicator ('|' or '>') has an unexpected character after it", this.mark());
    }
    while (this.peek() === SP) this.forward();
    if (this.peek() === 0x23) while (!isBreakOrEnd(this.peek())) this.forward();
    if (this.lineBreak() === null && this.peek() !== 0) {
      throw new YamlProblem("a block scalar indicator ('|' or '>') must end its line", this.mark());
    }

    const minIndent = Math.max(this.indent + 1, 1);
    let breaks: string;
    let end: Mark;
    let blockIndent: number;
    if (increment !== null) {
      blockIndent = minIndent + increment - 1;
      [breaks, end] = this.scanBlockScalarBreaks(blockIndent);
    } else {
      let maxIndent = 0;
      breaks = "";
      end = this.mark();
      for (let p = this.peek(); p === SP || p === LF || p === CR; p = this.peek()) {
        if (p !== SP) {
          breaks += this.lineBreak() ?? "";
          end = this.mark();
        } else {
          this.forward();
          if (this.column > maxIndent) maxIndent = this.column;
        }
      }
      blockIndent = Math.max(minIndent, maxIndent);
    }
    if (this.column < blockIndent && this.indent !== this.column) {
      throw new YamlProblem(
        `the leading empty lines of a block scalar contain more spaces (${blockIndent}) than its first non-empty line`,
        this.mark(),
      );
    }
    let text = "";
    let lastBreak: string | null = null;
    while (this.column === blockIndent && this.peek() !== 0) {
      text += breaks;
      const leadingNonSpace = this.peek() !== SP && this.peek() !== TAB;
      let n = 0;
      while (!isBreakOrEnd(this.peek(n))) n++;
      text += this.take(n);
      lastBreak = this.lineBreak();
      [breaks, end] = this.scanBlockScalarBreaks(blockIndent);
      if (this.column === blockIndent && this.peek() !== 0) {
        if (style === "folded" && lastBreak === "\n" && leadingNonSpace && this.peek() !== SP && this.peek() !== TAB) {
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
    this.add("scalar", start, end, { value: text, style });
  }

  private scanBlockScalarBreaks(indent: number): [string, Mark] {
    let breaks = "";
    let end = this.mark();
    let col = this.column;
    while (col < indent && this.peek() === SP) {
      this.forward();
      col++;
    }
    for (let br = this.lineBreak(); br !== null; br = this.lineBreak()) {
      breaks += br;
      end = this.mark();
      col = this.column;
      while (col < indent && this.peek() === SP) {
        this.forward();
        col++;
      }
    }
    return [breaks, end];
  }

  private fetchFlowScalar(style: "single" | "double"): void {
    this.savePossibleSimpleKey();
    this.allowSimpleKey = false;
    const double = style === "double";
    const start = this.mark();
    const quote = this.peek();
    this.forward();
    let text = this.scanQuotedNonSpaces(double, start);
    while (this.peek() !== quote) {
      text += this.scanQuotedSpaces(start);
      text += this.scanQuotedNonSpaces(double, start);
    }
    this.forward();
    this.add("scalar", start, this.mark(), { value: text, style });
  }

  private scanQuotedNonSpaces(double: boolean, start: Mark): string {
    let out = "";
    for (;;) {
      let n = 0;
      while (!isBlankT(this.peek(n)) && !oneOf(this.peek(n), "'\"\\")) n++;
      if (n > 0) out += this.take(n);
      const c = this.peek();
      if (!double && c === 0x27 && this.peek(1) === 0x27) {
        out += "'";
        this.forward(2);
      } else if ((double && c === 0x27) || (!double && (c === 0x22 || c === 0x5c))) {
        out += String.fromCharCode(c);
        this.forward();
      } else if (double && c === 0x5c) {
        this.forward();
        const e = this.peek();
        const ch = e > 0 && e < 0x10000 ? String.fromCharCode(e) : "";
        const simple = ch ? SIMPLE_ESCAPES[ch] : undefined;
        const digits = ch ? CODE_ESCAPES[ch] : undefined;
        if (simple !== undefined) {
          out += simple;
          this.forward();
        } else if (digits !== undefined) {
          this.forward();
          const hex = this.prefix(digits);
          if (!/^[0-9A-Fa-f]+$/.test(hex)) {
            throw new YamlProblem(
              `a '\\${ch}' escape in a double-quoted scalar (opened at ${where(start)}) needs ${digits} hexadecimal digits`,
              this.mark(),
            );
          }
          const cp = parseInt(hex, 16);
          if (cp > 0x10ffff) {
            throw new YamlProblem(`a '\\${ch}' escape in a double-quoted scalar is not a valid character`, this.mark());
          }
          out += cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
          this.forward(digits);
        } else if (this.lineBreak() !== null) {
          out += this.scanQuotedBreaks(start);
        } else {
          throw new YamlProblem(
            `unknown escape sequence in a double-quoted scalar (opened at ${where(start)})`,
            this.mark(),
          );
        }
      } else {
        return out;
      }
    }
  }

  private scanQuotedSpaces(start: Mark): string {
    let n = 0;
    while (this.peek(n) === SP || this.peek(n) === TAB) n++;
    const spaces = this.take(n);
    if (this.peek() === 0) {
      throw new YamlProblem(`a quoted scalar opened at ${where(start)} is not closed before the end of the file`, this.mark());
    }
    const br = this.lineBreak();
    if (br === null) return spaces;
    const breaks = this.scanQuotedBreaks(start);
    if (br !== "\n") return br + breaks;
    return breaks.length === 0 ? " " + breaks : breaks;
  }

  private scanQuotedBreaks(start: Mark): string {
    let out = "";
    for (;;) {
      const p = this.prefix(3);
      if ((p === "---" || p === "...") && isBlankT(this.peek(3))) {
        throw new YamlProblem(`a document marker appears inside the quoted scalar opened at ${where(start)}`, this.mark());
      }
      while (this.peek() === SP || this.peek() === TAB) this.forward();
      const br = this.lineBreak();
      if (br === null) return out;
      out += br;
    }
  }

  private fetchPlain(): void {
    this.savePossibleSimpleKey();
    this.allowSimpleKey = false;
    const start = this.mark();
    let end = start;
    let text = "";
    let spaces = "";
    const plainIndent = this.indent + 1;
    for (;;) {
      if (this.peek() === 0x23) break;
      let n = 0;
      for (;;) {
        const c = this.peek(n);
        if (
          isBlankT(c) ||
          (c === 0x3a && (isBlankT(this.peek(n + 1)) || (!this.inBlock && oneOf(this.peek(n + 1), ",[]{}")))) ||
          (!this.inBlock && oneOf(c, ",[]{}"))
        ) {
          break;
        }
        n++;
      }
      if (n === 0) break;
      this.allowSimpleKey = false;
      text += spaces + this.take(n);
      end = this.mark();
      spaces = this.scanPlainSpaces();
      if (spaces.length === 0 || this.peek() === 0x23 || (this.inBlock && this.column < plainIndent)) break;
    }
    this.add("scalar", start, end, { value: text, style: "plain" });
  }

  private scanPlainSpaces(): string {
    let n = 0;
    while (this.peek(n) === SP || this.peek(n) === TAB) n++;
    const spaces = this.take(n);
    const br = this.lineBreak();
    if (br === null) return spaces;
    this.allowSimpleKey = true;
    const atMarker = () => {
      const p = this.prefix(3);
      return p === "---" || (p === "..." && isBlankT(this.peek(3)));
    };
    if (atMarker()) return "";
    let breaks = "";
    for (;;) {
      if (this.peek() === SP) {
        this.forward();
        continue;
      }
      const more = this.lineBreak();
      if (more === null) break;
      breaks += more;
      if (atMarker()) return "";
    }
    if (br !== "\n") return br + breaks;
    return breaks.length === 0 ? " " : breaks;
  }
}

/** Strict UTF-8 decoding of a tag's `%` escapes; null when the bytes are not UTF-8. */
function decodeUtf8(bytes: readonly number[]): string | null {
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

// ---------------------------------------------------------------------------------------------
// Parser and composer: tokens → node graph (anchors and aliases resolved)

const TAG_PREFIX = "tag:yaml.org,2002:";
const TAG = {
  str: TAG_PREFIX + "str",
  int: TAG_PREFIX + "int",
  float: TAG_PREFIX + "float",
  bool: TAG_PREFIX + "bool",
  null: TAG_PREFIX + "null",
  seq: TAG_PREFIX + "seq",
  map: TAG_PREFIX + "map",
  set: TAG_PREFIX + "set",
  binary: TAG_PREFIX + "binary",
  uuid: TAG_PREFIX + "java.util.UUID",
  optional: TAG_PREFIX + "java.util.Optional",
  env: "!ENV_VARIABLE",
} as const;

interface ScalarNode {
  readonly kind: "scalar";
  readonly tag: string;
  readonly value: string;
  readonly style: ScalarStyle;
  readonly start: Mark;
}
/** What a collection expands to when every alias in it is replaced by what it names (see `finish`). */
interface Expansion {
  /** Collections on the longest path down from here (1 for a collection of scalars). */
  height: number;
  /** Nodes, counting a node again each time an alias repeats it. */
  nodes: number;
  /** Characters of the scalars, likewise. */
  chars: number;
}
interface SeqNode extends Expansion {
  readonly kind: "seq";
  readonly tag: string;
  readonly items: YNode[];
  readonly start: Mark;
  recursive: boolean;
}
interface Pair {
  readonly key: YNode;
  readonly value: YNode;
  /** Where the value is written (the alias, when it is one). */
  readonly valueAt: Mark;
}
interface MapNode extends Expansion {
  readonly kind: "map";
  readonly tag: string;
  readonly pairs: Pair[];
  readonly start: Mark;
  recursive: boolean;
}
type YNode = ScalarNode | SeqNode | MapNode;

/** snakeyaml's `LoadSettings.maxAliasesForCollections` default. */
const MAX_COLLECTION_ALIASES = 50;

/**
 * flink-memory's own resource bounds (snakeyaml-engine 2.6 has none of these; where they apply,
 * Flink itself fails or runs out of memory). Ordinary files stay far below them.
 *
 * - Nesting: collections nested more than `MAX_NESTING_DEPTH` levels (counting the top-level
 *   mapping, and counting what aliases bring in). snakeyaml composes and constructs recursively,
 *   so Java ends in a `StackOverflowError` a few thousand levels down; we stop earlier, with an
 *   error, so that no JavaScript engine runs out of stack either.
 * - Alias expansion ("billion laughs"): snakeyaml shares an aliased object, but Flink's flattening
 *   walks a mapping once per alias and dumping a list writes a scalar once per alias, so 50
 *   aliases to collections can still expand exponentially. We stop when aliases would bring in more
 *   than `MAX_ALIAS_NODES` nodes or `MAX_ALIAS_CHARS` characters of scalars in total.
 * - Flattened keys: each key of a nested mapping becomes `outer.inner`; the total length of those
 *   keys is bounded by `MAX_FLAT_KEY_CHARS` (deeply nested long keys would multiply otherwise).
 */
export const YAML_LIMITS = {
  maxNestingDepth: 1000,
  maxAliasNodes: 10_000,
  maxAliasChars: 16 * 1024 * 1024,
  maxFlatKeyChars: 64 * 1024 * 1024,
  codePointLimit: 3 * 1024 * 1024,
  maxCollectionAliases: 50,
} as const;
const MAX_NESTING_DEPTH = YAML_LIMITS.maxNestingDepth;
const MAX_ALIAS_NODES = YAML_LIMITS.maxAliasNodes;
const MAX_ALIAS_CHARS = YAML_LIMITS.maxAliasChars;
const MAX_FLAT_KEY_CHARS = YAML_LIMITS.maxFlatKeyChars;

const nestedTooDeeply = (at?: Mark) =>
  new YamlProblem(
    `collections are nested more than ${MAX_NESTING_DEPTH} levels deep (flink-memory's limit; Java fails with a StackOverflowError a few thousand levels down)`,
    at,
  );

const EMPTY_EXPANSION: Expansion = { height: 0, nodes: 1, chars: 0 };

// The core schema's implicit types (`CoreScalarResolver`), tried in snakeyaml's order.
const CORE_BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const CORE_INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const CORE_FLOAT = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const CORE_NULL = /^(?:~|null|Null|NULL| )?$/;
const ENV_FORMAT = /^\$\{\s*(?:(\w+)(?:(:?[-?])(\w+)?)?)\s*\}$/;

/** The tag an untagged plain scalar gets. */
function resolveImplicit(value: string): string {
  if (CORE_NULL.test(value)) return TAG.null;
  if (CORE_BOOL.test(value)) return TAG.bool;
  if (CORE_INT.test(value)) return TAG.int;
  if (CORE_FLOAT.test(value)) return TAG.float;
  if (ENV_FORMAT.test(value)) return TAG.env;
  return TAG.str;
}

class Composer {
  private readonly scanner: Scanner;
  private tagHandles = new Map<string, string>([
    ["!", "!"],
    ["!!", TAG_PREFIX],
  ]);
  private readonly anchors = new Map<string, YNode>();
  private readonly ancestors = new Set<YNode>();
  private collectionAliases = 0;
  /** Collections open while parsing. */
  private depth = 0;
  /** What aliases brought in so far (nodes, characters). */
  private aliasNodes = 0;
  private aliasChars = 0;

  constructor(text: string) {
    this.scanner = new Scanner(text);
  }

  /** The single document's root node, or null for an empty stream. */
  composeSingleDocument(): YNode | null {
    const s = this.scanner;
    s.next(); // stream start
    let root: YNode | null = null;
    let hadDocument = false;
    if (!s.check("stream-end")) {
      if (!s.check("directive", "document-start", "stream-end")) {
        // A document without '---'.
        hadDocument = true;
        root = this.parseNode(true, false);
        this.documentEnd();
      } else {
        while (s.check("document-end")) s.next();
        if (!s.check("stream-end")) {
          hadDocument = true;
          root = this.explicitDocument();
        }
      }
    }
    if (hadDocument) {
      while (s.check("document-end")) s.next();
      if (!s.check("stream-end")) {
        this.processDirectives();
        const t = s.peekToken();
        if (t.kind !== "document-start") throw new YamlProblem(`expected '---' but found ${TOKEN_NAMES[t.kind]}`, t.start);
        throw new YamlProblem("the file must hold a single YAML document, but a second one starts", t.start);
      }
    }
    return root;
  }

  private explicitDocument(): YNode | null {
    const s = this.scanner;
    this.processDirectives();
    const t = s.peekToken();
    if (t.kind !== "document-start") throw new YamlProblem(`expected '---' but found ${TOKEN_NAMES[t.kind]}`, t.start);
    s.next();
    let root: YNode;
    if (s.check("directive", "document-start", "document-end", "stream-end")) {
      root = this.emptyScalar(s.peekToken().start, undefined);
    } else {
      root = this.parseNode(true, false);
    }
    this.documentEnd();
    return root;
  }

  private documentEnd(): void {
    const s = this.scanner;
    if (s.check("document-end")) s.next();
    else if (s.check("directive")) {
      throw new YamlProblem("expected '...' before a directive", s.peekToken().start);
    }
    this.tagHandles = new Map();
  }

  private processDirectives(): void {
    const s = this.scanner;
    let sawVersion = false;
    const handles = new Map<string, string>();
    while (s.check("directive")) {
      const t = s.next();
      const d = t.directive!;
      if (d.name === "YAML") {
        if (sawVersion) throw new YamlProblem("duplicate %YAML directive", t.start);
        sawVersion = true;
        if (d.major !== 1) throw new YamlProblem(`unsupported YAML version ${d.major}.${d.minor}`, t.start);
      } else if (d.name === "TAG") {
        if (handles.has(d.handle)) throw new YamlProblem("duplicate %TAG directive for the same handle", t.start);
        handles.set(d.handle, d.prefix);
      }
    }
    if (!handles.has("!")) handles.set("!", "!");
    if (!handles.has("!!")) handles.set("!!", TAG_PREFIX);
    this.tagHandles = handles;
  }

  private emptyScalar(at: Mark, tag: string | undefined): ScalarNode {
    const resolved = tag === undefined || tag === "!" ? resolveTagless("", tag === undefined) : tag;
    return { kind: "scalar", tag: resolved, value: "", style: "plain", start: at };
  }

  private register(anchor: string | undefined, node: YNode): void {
    if (anchor !== undefined) this.anchors.set(anchor, node);
  }

  /** A collection starts: one level deeper. */
  private enter(at: Mark): void {
    if (++this.depth > MAX_NESTING_DEPTH) throw nestedTooDeeply(at);
  }

  /** A collection is complete: one level up; record what it expands to. */
  private finish(node: SeqNode | MapNode): void {
    this.depth--;
    this.measure(node);
  }

  private measure(node: SeqNode | MapNode): void {
    let height = 0;
    let nodes = 1;
    let chars = 0;
    const add = (n: YNode) => {
      const x = expansionOf(n);
      if (x.height > height) height = x.height;
      nodes += x.nodes;
      chars += x.chars;
    };
    if (node.kind === "seq") node.items.forEach(add);
    else
      for (const p of node.pairs) {
        add(p.key);
        add(p.value);
      }
    node.height = height + 1;
    node.nodes = nodes;
    node.chars = chars;
    // Aliases can stack collections deeper than the text nests them.
    if (node.height > MAX_NESTING_DEPTH) throw nestedTooDeeply(node.start);
  }

  private child(parent: YNode, parse: () => YNode): YNode {
    this.ancestors.add(parent);
    const node = parse();
    this.ancestors.delete(parent);
    return node;
  }

  /** A node and where it is written. */
  private parseNode(block: boolean, indentlessSequence: boolean): YNode {
    return this.parseNodeAt(block, indentlessSequence)[0];
  }

  private parseNodeAt(block: boolean, indentlessSequence: boolean): [YNode, Mark] {
    const s = this.scanner;
    if (s.check("alias")) {
      const t = s.next();
      const node = this.anchors.get(t.value!);
      // Names are not quoted: an alias or tag may stand where a value (a secret) was meant.
      if (!node) throw new YamlProblem("undefined alias: no anchor ('&') of that name comes before it", t.start);
      if (node.kind !== "scalar" && ++this.collectionAliases > MAX_COLLECTION_ALIASES) {
        throw new YamlProblem(`more than ${MAX_COLLECTION_ALIASES} aliases to collections`, t.start);
      }
      if (node.kind !== "scalar" && this.ancestors.has(node)) node.recursive = true;
      const x = expansionOf(node);
      this.aliasNodes += node.kind === "scalar" ? 0 : x.nodes;
      this.aliasChars += x.chars;
      if (this.aliasNodes > MAX_ALIAS_NODES || this.aliasChars > MAX_ALIAS_CHARS) {
        throw new YamlProblem(
          `aliases expand to more than ${this.aliasNodes > MAX_ALIAS_NODES ? `${MAX_ALIAS_NODES} nodes` : `${MAX_ALIAS_CHARS} characters`} (flink-memory's limit against "billion laughs": Flink's flattening repeats what an alias names)`,
          t.start,
        );
      }
      return [node, t.start];
    }
    let anchor: string | undefined;
    let tagToken: Token | undefined;
    let start: Mark | undefined;
    if (s.check("anchor")) {
      const t = s.next();
      start = t.start;
      anchor = t.value!;
      if (s.check("tag")) tagToken = s.next();
    } else if (s.check("tag")) {
      tagToken = s.next();
      start = tagToken.start;
      if (s.check("anchor")) anchor = s.next().value!;
    }
    let tag: string | undefined;
    if (tagToken) {
      if (tagToken.handle != null) {
        const prefix = this.tagHandles.get(tagToken.handle);
        if (prefix === undefined) {
          throw new YamlProblem("a tag uses a handle ('!name!') that no %TAG directive defines", tagToken.start);
        }
        tag = prefix + tagToken.suffix!;
      } else {
        tag = tagToken.suffix!;
      }
    }
    const at = start ?? s.peekToken().start;
    const collectionTag = (implicitTag: string) => (tag === undefined || tag === "!" ? implicitTag : tag);

    if (indentlessSequence && s.check("block-entry")) {
      const node: SeqNode = { kind: "seq", tag: collectionTag(TAG.seq), items: [], start: at, recursive: false, ...EMPTY_EXPANSION };
      this.register(anchor, node);
      this.enter(at);
      while (s.check("block-entry")) {
        const entry = s.next();
        node.items.push(
          s.check("block-entry", "key", "value", "block-end")
            ? this.emptyScalar(entry.end, undefined)
            : this.child(node, () => this.parseNode(true, false)),
        );
      }
      this.finish(node);
      return [node, at];
    }
    if (s.check("scalar")) {
      const t = s.next();
      const plainUntagged = t.style === "plain" && tag === undefined;
      const node: ScalarNode = {
        kind: "scalar",
        tag: tag === undefined || tag === "!" ? resolveTagless(t.value!, plainUntagged) : tag,
        value: t.value!,
        style: t.style!,
        start: at,
      };
      this.register(anchor, node);
      return [node, at];
    }
    if (s.check("flow-sequence-start")) {
      const node: SeqNode = { kind: "seq", tag: collectionTag(TAG.seq), items: [], start: at, recursive: false, ...EMPTY_EXPANSION };
      this.register(anchor, node);
      this.enter(at);
      this.parseFlowSequence(node);
      this.finish(node);
      return [node, at];
    }
    if (s.check("flow-mapping-start")) {
      const node: MapNode = { kind: "map", tag: collectionTag(TAG.map), pairs: [], start: at, recursive: false, ...EMPTY_EXPANSION };
      this.register(anchor, node);
      this.enter(at);
      this.parseFlowMapping(node);
      this.finish(node);
      return [node, at];
    }
    if (block && s.check("block-sequence-start")) {
      const node: SeqNode = { kind: "seq", tag: collectionTag(TAG.seq), items: [], start: at, recursive: false, ...EMPTY_EXPANSION };
      this.register(anchor, node);
      this.enter(at);
      this.parseBlockSequence(node);
      this.finish(node);
      return [node, at];
    }
    if (block && s.check("block-mapping-start")) {
      const node: MapNode = { kind: "map", tag: collectionTag(TAG.map), pairs: [], start: at, recursive: false, ...EMPTY_EXPANSION };
      this.register(anchor, node);
      this.enter(at);
      this.parseBlockMapping(node);
      this.finish(node);
      return [node, at];
    }
    if (anchor !== undefined || tag !== undefined) {
      const node = this.emptyScalar(at, tag);
      this.register(anchor, node);
      return [node, at];
    }
    const t = s.peekToken();
    throw new YamlProblem(`expected a value but found ${TOKEN_NAMES[t.kind]}`, t.start);
  }

  private parseBlockSequence(node: SeqNode): void {
    const s = this.scanner;
    s.next();
    for (;;) {
      if (s.check("block-entry")) {
        const entry = s.next();
        node.items.push(
          s.check("block-entry", "block-end")
            ? this.emptyScalar(entry.end, undefined)
            : this.child(node, () => this.parseNode(true, false)),
        );
      } else if (s.check("block-end")) {
        s.next();
        return;
      } else {
        const t = s.peekToken();
        throw new YamlProblem(
          `bad indentation: the list that starts at ${where(node.start)} should end or continue with '- ', but found ${TOKEN_NAMES[t.kind]}`,
          t.start,
        );
      }
    }
  }

  private parseBlockMapping(node: MapNode): void {
    const s = this.scanner;
    s.next();
    for (;;) {
      if (s.check("key")) {
        const keyToken = s.next();
        const key = s.check("key", "value", "block-end")
          ? this.emptyScalar(keyToken.end, undefined)
          : this.child(node, () => this.parseNode(true, true));
        let value: YNode;
        let valueAt: Mark;
        if (s.check("value")) {
          const v = s.next();
          if (s.check("key", "value", "block-end")) {
            value = this.emptyScalar(v.end, undefined);
            valueAt = v.end;
          } else {
            [value, valueAt] = this.childAt(node, true, true);
          }
        } else if (s.check("scalar")) {
          [value, valueAt] = this.childAt(node, true, true);
        } else {
          valueAt = s.peekToken().start;
          value = this.emptyScalar(valueAt, undefined);
        }
        node.pairs.push({ key, value, valueAt });
      } else if (s.check("block-end")) {
        s.next();
        return;
      } else {
        const t = s.peekToken();
        throw new YamlProblem(
          `bad indentation: the mapping that starts at ${where(node.start)} should end or continue with a key, but found ${TOKEN_NAMES[t.kind]}`,
          t.start,
        );
      }
    }
  }

  private childAt(parent: YNode, block: boolean, indentless: boolean): [YNode, Mark] {
    this.ancestors.add(parent);
    const r = this.parseNodeAt(block, indentless);
    this.ancestors.delete(parent);
    return r;
  }

  private parseFlowSequence(node: SeqNode): void {
    const s = this.scanner;
    s.next();
    let first = true;
    while (!s.check("flow-sequence-end")) {
      if (!first) {
        if (s.check("flow-entry")) s.next();
        else {
          const t = s.peekToken();
          throw new YamlProblem(
            `expected ',' or ']' in the flow list that starts at ${where(node.start)}, but found ${TOKEN_NAMES[t.kind]}`,
            t.start,
          );
        }
        if (s.check("flow-sequence-end")) break;
      }
      first = false;
      if (s.check("key")) {
        // A single pair `[k: v]` is a one-entry mapping.
        const keyToken = s.next();
        const pairNode: MapNode = { kind: "map", tag: TAG.map, pairs: [], start: keyToken.start, recursive: false, ...EMPTY_EXPANSION };
        this.ancestors.add(node);
        const key = s.check("value", "flow-entry", "flow-sequence-end")
          ? this.emptyScalar(keyToken.end, undefined)
          : this.child(pairNode, () => this.parseNode(false, false));
        let value: YNode;
        let valueAt: Mark;
        if (s.check("value")) {
          const v = s.next();
          if (s.check("flow-entry", "flow-sequence-end")) {
            value = this.emptyScalar(v.end, undefined);
            valueAt = v.end;
          } else {
            [value, valueAt] = this.childAt(pairNode, false, false);
          }
        } else {
          valueAt = s.peekToken().start;
          value = this.emptyScalar(valueAt, undefined);
        }
        this.ancestors.delete(node);
        pairNode.pairs.push({ key, value, valueAt });
        this.measure(pairNode);
        node.items.push(pairNode);
      } else {
        node.items.push(this.child(node, () => this.parseNode(false, false)));
      }
    }
    s.next();
  }

  private parseFlowMapping(node: MapNode): void {
    const s = this.scanner;
    s.next();
    let first = true;
    while (!s.check("flow-mapping-end")) {
      if (!first) {
        if (s.check("flow-entry")) s.next();
        else {
          const t = s.peekToken();
          throw new YamlProblem(
            `expected ',' or '}' in the flow mapping that starts at ${where(node.start)}, but found ${TOKEN_NAMES[t.kind]}`,
            t.start,
          );
        }
        if (s.check("flow-mapping-end")) break;
      }
      first = false;
      if (s.check("key")) {
        const keyToken = s.next();
        const key = s.check("value", "flow-entry", "flow-mapping-end")
          ? this.emptyScalar(keyToken.end, undefined)
          : this.child(node, () => this.parseNode(false, false));
        let value: YNode;
        let valueAt: Mark;
        if (s.check("value")) {
          const v = s.next();
          if (s.check("flow-entry", "flow-mapping-end")) {
            value = this.emptyScalar(v.end, undefined);
            valueAt = v.end;
          } else {
            [value, valueAt] = this.childAt(node, false, false);
          }
        } else {
          valueAt = s.peekToken().start;
          value = this.emptyScalar(valueAt, undefined);
        }
        node.pairs.push({ key, value, valueAt });
      } else {
        const key = this.child(node, () => this.parseNode(false, false));
        const valueAt = s.peekToken().start;
        node.pairs.push({ key, value: this.emptyScalar(valueAt, undefined), valueAt });
      }
    }
    s.next();
  }
}

function expansionOf(n: YNode): Expansion {
  return n.kind === "scalar" ? { height: 0, nodes: 1, chars: n.value.length } : n;
}

/** The tag of a scalar written without a tag (or with the non-specific `!`). */
function resolveTagless(value: string, implicit: boolean): string {
  return implicit ? resolveImplicit(value) : TAG.str;
}

// ---------------------------------------------------------------------------------------------
// Constructor: nodes → Java objects (core schema)

type JObj = null | JStr | JInt | JFloat | JBool | JList | JMap | JSet | JOpaque;
interface JStr {
  readonly j: "str";
  readonly v: string;
}
interface JInt {
  readonly j: "int";
  readonly v: bigint;
  /** The Java class snakeyaml picks (by digit count first, then by value). */
  readonly cls: "Integer" | "Long" | "BigInteger";
}
interface JFloat {
  readonly j: "float";
  readonly v: number;
}
interface JBool {
  readonly j: "bool";
  readonly v: boolean;
}
interface JList {
  readonly j: "list";
  readonly items: JObj[];
}
interface JEntry {
  readonly key: JObj;
  readonly value: JObj;
  readonly valueAt: Mark;
}
interface JMap {
  readonly j: "map";
  readonly entries: JEntry[];
}
interface JSet {
  readonly j: "set";
  readonly items: JObj[];
}
/** `byte[]`, `UUID` or `Optional`: kept as the text snakeyaml would dump them from. */
interface JOpaque {
  readonly j: "opaque";
  readonly tag: string;
  readonly text: string;
  readonly javaString: string;
}

const INT_MAX = 2n ** 31n - 1n;
const INT_MIN = -(2n ** 31n);
const LONG_MAX = 2n ** 63n - 1n;
const LONG_MIN = -(2n ** 63n);

/** Java `Integer/Long/BigInteger.valueOf(s, radix)` syntax: an optional sign, then digits of the radix. */
function parseJavaInteger(s: string, radix: 8 | 10 | 16): bigint | null {
  const digits = radix === 8 ? "0-7" : radix === 10 ? "0-9" : "0-9a-fA-F";
  const m = new RegExp(`^([+-]?)([${digits}]+)$`).exec(s);
  if (!m) return null;
  const prefix = radix === 8 ? "0o" : radix === 16 ? "0x" : "";
  const v = BigInt(prefix + m[2]!);
  return m[1] === "-" ? -v : v;
}

function classOfInt(v: bigint): JInt["cls"] {
  return v >= INT_MIN && v <= INT_MAX ? "Integer" : v >= LONG_MIN && v <= LONG_MAX ? "Long" : "BigInteger";
}

/** `ConstructYamlCoreInt`: sign, `0x`/`0o` prefixes, and the Java class by digit count. */
function constructInt(text: string): JInt | null {
  if (text.length === 0) return null;
  let sign = 1;
  let rest = text;
  if (rest[0] === "-") {
    sign = -1;
    rest = rest.slice(1);
  } else if (rest[0] === "+") {
    rest = rest.slice(1);
  }
  if (rest === "0") return { j: "int", v: 0n, cls: "Integer" };
  let radix: 8 | 10 | 16 = 10;
  if (rest.startsWith("0x")) {
    radix = 16;
    rest = rest.slice(2);
  } else if (rest.startsWith("0o")) {
    radix = 8;
    rest = rest.slice(2);
  }
  const len = rest.length;
  const number = sign < 0 ? "-" + rest : rest;
  const v = parseJavaInteger(number, radix);
  if (v === null) return null;
  // Longest digit strings of Integer.MAX_VALUE and Long.MAX_VALUE in the radix.
  const [intLen, longLen] = radix === 8 ? [11, 21] : radix === 10 ? [10, 19] : [8, 16];
  const fitsInt = v >= INT_MIN && v <= INT_MAX;
  const fitsLong = v >= LONG_MIN && v <= LONG_MAX;
  let cls: JInt["cls"];
  if (len > intLen) cls = len > longLen || !fitsLong ? "BigInteger" : "Long";
  else cls = fitsInt ? "Integer" : fitsLong ? "Long" : "BigInteger";
  return { j: "int", v, cls };
}

/** `ConstructYamlCoreFloat`: lower-cased, `.inf`/`-.inf`/`.nan`, else sign then `Double.valueOf`. */
function constructFloat(text: string): JFloat | null {
  const value = text.toLowerCase();
  if (value === ".inf") return { j: "float", v: Infinity };
  if (value === "-.inf") return { j: "float", v: -Infinity };
  if (value === ".nan") return { j: "float", v: NaN };
  if (value.length === 0) return null;
  let sign = 1;
  let rest = value;
  if (rest[0] === "-") {
    sign = -1;
    rest = rest.slice(1);
  } else if (rest[0] === "+") {
    rest = rest.slice(1);
  }
  try {
    return { j: "float", v: parseJavaDouble(rest) * sign };
  } catch {
    return null;
  }
}

/** `UUID.fromString` (Java 17): five dash-separated hex groups, each parsed as a signed long. */
const JAVA_UUID = new RegExp(`^${[8, 4, 4, 4, 12].map((n) => `[+-]?[0-9a-fA-F]{1,${n}}`).join("-")}$`);

/** Java `Base64.getDecoder().decode` acceptance, after snakeyaml removed whitespace. */
function isBase64(s: string): boolean {
  const m = /^([A-Za-z0-9+/]*)(=*)$/.exec(s);
  if (!m) return false;
  const body = m[1]!.length;
  const pad = m[2]!.length;
  if (pad === 0) return body % 4 !== 1;
  return pad <= 2 && (body + pad) % 4 === 0 && body % 4 === 4 - pad;
}

class Constructor {
  private readonly built = new Map<YNode, JObj>();
  private readonly inProgress = new Set<YNode>();
  /** Flattened key prefixes of the mappings on Flink's flattening path (for messages). */
  readonly prefixes = new Map<YNode, string>();

  construct(node: YNode): JObj {
    if (this.built.has(node)) return this.built.get(node)!;
    if (this.inProgress.has(node)) throw new YamlProblem("a recursive alias cannot be constructed", node.start);
    this.inProgress.add(node);
    const recursive = node.kind !== "scalar" && node.recursive;
    let data: JObj;
    if (recursive) {
      // snakeyaml builds an empty container first so that aliases inside can refer to it.
      if (node.tag === TAG.seq && node.kind === "seq") data = { j: "list", items: [] };
      else if (node.tag === TAG.map && node.kind === "map") data = { j: "map", entries: [] };
      else if (node.tag === TAG.set && node.kind === "map") data = { j: "set", items: [] };
      else data = this.constructByTag(node);
    } else {
      data = this.constructByTag(node);
    }
    this.built.set(node, data);
    this.inProgress.delete(node);
    if (recursive) {
      if (data?.j === "list" && node.kind === "seq") for (const item of node.items) data.items.push(this.construct(item));
      else if (data?.j === "map" && node.kind === "map") this.fillMapping(node, data);
      else if (data?.j === "set" && node.kind === "map") this.fillSet(node, data);
      else throw new YamlProblem("a recursive alias cannot be constructed", node.start);
    }
    return data;
  }

  private constructByTag(node: YNode): JObj {
    const scalar = (what: string): string => {
      if (node.kind !== "scalar") throw new YamlProblem(`the ${what} tag cannot be applied to a collection`, node.start);
      return node.value;
    };
    switch (node.tag) {
      case TAG.str:
        return { j: "str", v: scalar("!!str") };
      case TAG.env:
        // No environment configuration: `${VAR}` stays as written.
        return { j: "str", v: scalar("!ENV_VARIABLE") };
      case TAG.null:
        return null;
      case TAG.bool: {
        const v = scalar("!!bool").toLowerCase();
        return v === "true" ? { j: "bool", v: true } : v === "false" ? { j: "bool", v: false } : null;
      }
      case TAG.int: {
        const v = constructInt(scalar("!!int"));
        if (!v) throw new YamlProblem("a value tagged or read as an integer is not a valid integer", node.start);
        return v;
      }
      case TAG.float: {
        const v = constructFloat(scalar("!!float"));
        if (!v) throw new YamlProblem("a value tagged or read as a float is not a valid number", node.start);
        return v;
      }
      case TAG.binary: {
        const text = scalar("!!binary").replace(/[ \t\n\u000b\f\r]/g, "");
        if (!isBase64(text)) throw new YamlProblem("a !!binary value is not valid base64", node.start);
        return { j: "opaque", tag: TAG.binary, text, javaString: "[B@" + text.length.toString(16) };
      }
      case TAG.uuid: {
        const text = scalar("!!java.util.UUID");
        if (text.length > 36 || !JAVA_UUID.test(text)) throw new YamlProblem("a UUID value is not valid", node.start);
        return { j: "opaque", tag: TAG.uuid, text, javaString: text };
      }
      case TAG.optional: {
        const text = scalar("!!java.util.Optional");
        const empty = text === "" || text === "null";
        return { j: "opaque", tag: TAG.optional, text, javaString: empty ? "Optional.empty" : `Optional[${text}]` };
      }
      case TAG.seq: {
        if (node.kind !== "seq") throw new YamlProblem("the !!seq tag can only be applied to a list", node.start);
        return { j: "list", items: node.items.map((n) => this.construct(n)) };
      }
      case TAG.map: {
        if (node.kind !== "map") throw new YamlProblem("the !!map tag can only be applied to a mapping", node.start);
        const m: JMap = { j: "map", entries: [] };
        this.fillMapping(node, m);
        return m;
      }
      case TAG.set: {
        if (node.kind !== "map") throw new YamlProblem("the !!set tag can only be applied to a mapping", node.start);
        const set: JSet = { j: "set", items: [] };
        this.fillSet(node, set);
        return set;
      }
      default:
        throw new YamlProblem(
          "unknown tag: only the standard tags (!!str, !!int, !!float, !!bool, !!null, !!seq, !!map, !!set, !!binary) can be constructed",
          node.start,
        );
    }
  }

  /** `processDuplicateKeys` then the entries in order: all keys first, then key and value by pair. */
  private fillMapping(node: MapNode, into: JMap): void {
    const keys = this.uniqueKeys(node);
    const prefix = this.prefixes.get(node);
    node.pairs.forEach((pair, i) => {
      const key = keys[i]!;
      if (prefix !== undefined && pair.value.kind === "map" && !this.prefixes.has(pair.value)) {
        this.prefixes.set(pair.value, prefix + javaToString(key) + ".");
      }
      const value = this.construct(pair.value);
      if (pair.key.kind !== "scalar" && pair.key.recursive) {
        throw new YamlProblem("a recursive key is not allowed", pair.key.start);
      }
      into.entries.push({ key, value, valueAt: pair.valueAt });
    });
  }

  private fillSet(node: MapNode, into: JSet): void {
    for (const key of this.uniqueKeys(node)) into.items.push(key);
  }

  private uniqueKeys(node: MapNode): JObj[] {
    const seen = new Map<string, Mark>();
    const prefix = this.prefixes.get(node) ?? "";
    return node.pairs.map((pair) => {
      const key = this.construct(pair.key);
      const id = equalityKey(key);
      const first = seen.get(id);
      if (first) {
        const name = prefix + javaToString(key);
        const message = `duplicate key '${name}' at ${where(pair.key.start)} (first at ${where(first)})`;
        throw new YamlProblem(message, pair.key.start, JavaClass.Runtime, name, true);
      }
      seen.set(id, pair.key.start);
      return key;
    });
  }
}

/** A string equal for two keys exactly when Java's `equals` holds between them. */
function equalityKey(o: JObj, seen: Set<object> = new Set()): string {
  if (o === null) return "n";
  switch (o.j) {
    case "str":
      return "s" + JSON.stringify(o.v);
    case "int":
      return `i${o.cls}:${o.v}`;
    case "float":
      return "f" + (Number.isNaN(o.v) ? "NaN" : Object.is(o.v, -0) ? "-0" : String(o.v));
    case "bool":
      return "b" + o.v;
    case "opaque":
      return o.tag === TAG.binary ? "o" + Math.random() : "o" + o.tag + JSON.stringify(o.text);
    case "list":
    case "set":
    case "map": {
      if (seen.has(o)) return "r";
      seen.add(o);
      let s: string;
      if (o.j === "list") s = "L[" + o.items.map((i) => equalityKey(i, seen)).join(",") + "]";
      else if (o.j === "set") s = "S{" + o.items.map((i) => equalityKey(i, seen)).sort().join(",") + "}";
      else s = "M{" + o.entries.map((e) => equalityKey(e.key, seen) + "=" + equalityKey(e.value, seen)).sort().join(",") + "}";
      seen.delete(o);
      return s;
    }
  }
}

/** Java `String.valueOf(o)`: how Flink's `keyPrefix + key` spells a key. */
function javaToString(o: JObj, seen: Set<object> = new Set()): string {
  if (o === null) return "null";
  switch (o.j) {
    case "str":
      return o.v;
    case "int":
      return o.v.toString();
    case "float":
      return javaDoubleToString(o.v);
    case "bool":
      return o.v ? "true" : "false";
    case "opaque":
      return o.javaString;
    case "list":
    case "set":
    case "map": {
      if (seen.has(o)) return o.j === "map" ? "(this Map)" : "(this Collection)";
      seen.add(o);
      const s =
        o.j === "map"
          ? "{" + o.entries.map((e) => `${javaToString(e.key, seen)}=${javaToString(e.value, seen)}`).join(", ") + "}"
          : "[" + o.items.map((i) => javaToString(i, seen)).join(", ") + "]";
      seen.delete(o);
      return s;
    }
  }
}

function describeObject(o: JObj): string {
  if (o === null) return "empty";
  switch (o.j) {
    case "list":
      return "a list";
    case "set":
      return "a set";
    case "map":
      return "a mapping";
    default:
      return "a single scalar value";
  }
}

interface LoadedDocument {
  readonly value: JObj;
  readonly node: YNode | null;
}

/** `Load.loadFromString` / `loadFromInputStream` with the core schema. */
function loadDocument(text: string): LoadedDocument {
  const node = new Composer(text).composeSingleDocument();
  // A null root (empty document, `~`, `!!null`) is not constructed at all.
  if (node === null || node.tag === TAG.null) return { value: null, node };
  const builder = new Constructor();
  builder.prefixes.set(node, "");
  return { value: builder.construct(node), node };
}

// ---------------------------------------------------------------------------------------------
// Flink's flattening (GlobalConfiguration.flatten) and Configuration.setValueInternal

interface FlatValue {
  value: JObj;
  at: Mark;
}

function flattenRoot(root: JMap, source: string): YamlEntry[] {
  const flat = new Map<string, FlatValue>();
  const visiting = new Set<JMap>();
  let keyChars = 0;
  const walk = (map: JMap, prefix: string) => {
    if (visiting.has(map)) throw new YamlProblem("a mapping contains itself through an alias and cannot be flattened");
    visiting.add(map);
    for (const e of map.entries) {
      const key = prefix + stringKey(e);
      keyChars += key.length;
      if (keyChars > MAX_FLAT_KEY_CHARS) {
        throw new YamlProblem(`the flattened keys are longer than ${MAX_FLAT_KEY_CHARS} characters in total (flink-memory's limit)`, e.valueAt);
      }
      if (e.value !== null && e.value.j === "map") walk(e.value, key + ".");
      else flat.set(key, { value: e.value, at: e.valueAt });
    }
    visiting.delete(map);
  };
  walk(root, "");
  const out: YamlEntry[] = [];
  for (const [key, { value, at }] of flat) {
    if (value === null) {
      throw new YamlProblem(`null value for key '${key}'`, at, JavaClass.NullPointer, key);
    }
    out.push({ key, value: toRawValue(value), location: { source, line: at.line + 1, column: at.column + 1 } });
  }
  return out;
}

/** The Java class snakeyaml-engine constructs for a node (as a `ClassCastException` names it). */
function javaClassOf(o: Exclude<JObj, null>): string {
  switch (o.j) {
    case "str":
      return "java.lang.String";
    case "int":
      return o.cls === "BigInteger" ? "java.math.BigInteger" : `java.lang.${o.cls}`;
    case "float":
      return "java.lang.Double";
    case "bool":
      return "java.lang.Boolean";
    case "list":
      return "java.util.ArrayList";
    case "set":
      return "java.util.LinkedHashSet";
    case "map":
      return "java.util.LinkedHashMap";
    case "opaque":
      return o.tag === TAG.binary ? "[B" : o.tag === TAG.uuid ? "java.util.UUID" : "java.util.Optional";
  }
}

/**
 * A key as Flink's flattening takes it: its map is typed `Map<String, Object>`, so every key is
 * cast to String as it is visited (null passes, and is concatenated as "null").
 */
function stringKey(e: JEntry): string {
  const k = e.key;
  if (k === null || k.j === "str") return javaToString(k);
  const cls = javaClassOf(k);
  throw new YamlProblem(
    `class ${cls} cannot be cast to class java.lang.String (${cls} and java.lang.String are in module java.base of loader 'bootstrap')`,
    e.valueAt,
    JavaClass.ClassCast,
    undefined,
    true,
  );
}

function toRawValue(o: Exclude<JObj, null>): RawValue {
  switch (o.j) {
    case "str":
      return { t: "str", v: o.v };
    case "int":
      return { t: "int", v: o.v };
    case "float":
      return { t: "float", v: o.v };
    case "bool":
      return { t: "bool", v: o.v };
    default:
      // Lists become `toYAMLString(list)`; other Java objects are what standard YAML mode
      // turns them into when an option reads them as a string.
      return { t: "str", v: dumpFlow(o) };
  }
}

function toYamlObject(o: JObj, memo: Map<object, YamlObject>): YamlObject {
  if (o === null) return { t: "null" };
  const done = memo.get(o);
  if (done) return done;
  switch (o.j) {
    case "str":
    case "int":
    case "float":
    case "bool":
      return toRawValue(o);
    case "opaque":
      return { t: "str", v: o.text };
    case "list":
    case "set": {
      const items: YamlObject[] = [];
      const r: YamlObject = { t: "list", items };
      memo.set(o, r);
      for (const i of o.items) items.push(toYamlObject(i, memo));
      return r;
    }
    case "map": {
      const entries: [YamlObject, YamlObject][] = [];
      const r: YamlObject = { t: "ymap", entries };
      memo.set(o, r);
      for (const e of o.entries) entries.push([toYamlObject(e.key, memo), toYamlObject(e.value, memo)]);
      return r;
    }
  }
}

function fromYamlObject(y: YamlObject, memo: Map<object, JObj>): JObj {
  const done = memo.get(y);
  if (done !== undefined) return done;
  switch (y.t) {
    case "null":
      return null;
    case "str":
      return { j: "str", v: y.v };
    case "int":
      return { j: "int", v: y.v, cls: classOfInt(y.v) };
    case "float":
    case "double":
      return { j: "float", v: y.v };
    case "bool":
      return { j: "bool", v: y.v };
    case "size":
      // FlinkConfigRepresenter: a MemorySize is dumped as the string of its toString().
      return { j: "str", v: memorySizeToString(y.v) };
    case "map": {
      const m: JMap = { j: "map", entries: [] };
      memo.set(y, m);
      const nowhere: Mark = { index: 0, line: 0, column: 0 };
      for (const [k, v] of y.v) {
        m.entries.push({ key: { j: "str", v: k }, value: { j: "str", v }, valueAt: nowhere });
      }
      return m;
    }
    case "list": {
      const l: JList = { j: "list", items: [] };
      memo.set(y, l);
      for (const i of y.items) l.items.push(fromYamlObject(i, memo));
      return l;
    }
    case "ymap": {
      const m: JMap = { j: "map", entries: [] };
      memo.set(y, m);
      const nowhere: Mark = { index: 0, line: 0, column: 0 };
      for (const [k, v] of y.entries) {
        m.entries.push({ key: fromYamlObject(k, memo), value: fromYamlObject(v, memo), valueAt: nowhere });
      }
      return m;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Dumping (StandardRepresenter + Serializer + Emitter, FLOW style, no line splitting)

type RNode =
  | { readonly k: "scalar"; readonly tag: string; readonly value: string; readonly literal: boolean }
  | { readonly k: "seq"; readonly tag: string; readonly items: RNode[] }
  | { readonly k: "map"; readonly tag: string; readonly pairs: [RNode, RNode][] }
  | { readonly k: "ref"; readonly target: RNode };

const MULTILINE = /[\n\u0085\u2028\u2029]/;

function represent(o: JObj, seen: Map<object, RNode>): RNode {
  if (o === null) return { k: "scalar", tag: TAG.null, value: "null", literal: false };
  const again = seen.get(o);
  if (again) return { k: "ref", target: again };
  switch (o.j) {
    case "str":
      return { k: "scalar", tag: TAG.str, value: o.v, literal: MULTILINE.test(o.v) };
    case "bool":
      return { k: "scalar", tag: TAG.bool, value: o.v ? "true" : "false", literal: false };
    case "int":
      return { k: "scalar", tag: TAG.int, value: o.v.toString(), literal: false };
    case "float": {
      const v = Number.isNaN(o.v) ? ".nan" : o.v === Infinity ? ".inf" : o.v === -Infinity ? "-.inf" : javaDoubleToString(o.v);
      return { k: "scalar", tag: TAG.float, value: v, literal: false };
    }
    case "opaque":
      if (o.tag === TAG.binary) return { k: "scalar", tag: TAG.binary, value: o.text, literal: true };
      if (o.tag === TAG.uuid) return { k: "scalar", tag: TAG.uuid, value: o.text.toLowerCase(), literal: false };
      return { k: "scalar", tag: TAG.str, value: o.javaString, literal: false };
    case "list": {
      const node: RNode = { k: "seq", tag: TAG.seq, items: [] };
      seen.set(o, node);
      for (const i of o.items) node.items.push(represent(i, seen));
      return node;
    }
    case "set": {
      const node: RNode = { k: "map", tag: TAG.set, pairs: [] };
      seen.set(o, node);
      for (const i of o.items) node.pairs.push([represent(i, seen), represent(null, seen)]);
      return node;
    }
    case "map": {
      const node: RNode = { k: "map", tag: TAG.map, pairs: [] };
      seen.set(o, node);
      for (const e of o.entries) node.pairs.push([represent(e.key, seen), represent(e.value, seen)]);
      return node;
    }
  }
}

const real = (n: RNode): Exclude<RNode, { k: "ref" }> => (n.k === "ref" ? real(n.target) : n);

interface ScalarAnalysis {
  readonly empty: boolean;
  readonly multiline: boolean;
  readonly allowFlowPlain: boolean;
  readonly allowBlockPlain: boolean;
  readonly allowSingleQuoted: boolean;
  readonly allowBlock: boolean;
}

function analyzeScalar(text: string): ScalarAnalysis {
  if (text.length === 0) {
    return {
      empty: true,
      multiline: false,
      allowFlowPlain: false,
      allowBlockPlain: true,
      allowSingleQuoted: true,
      allowBlock: false,
    };
  }
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  if (text.startsWith("---") || text.startsWith("...")) blockIndicators = flowIndicators = true;
  const blankAt = (i: number) => {
    const c = text.codePointAt(i);
    return c === undefined || c === 0 || c === SP || c === TAB;
  };
  let precededByWhitespace = true;
  let followedByWhitespace = text.length === 1 || isBlankT(text.codePointAt(1)!);
  let previousSpace = false;
  let previousBreak = false;
  let index = 0;
  while (index < text.length) {
    const c = text.codePointAt(index)!;
    if (index === 0) {
      if (oneOf(c, "#,[]{}&*!|>'\"%@`")) flowIndicators = blockIndicators = true;
      if (c === 0x3f || c === 0x3a) {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      }
      if (c === 0x2d && followedByWhitespace) flowIndicators = blockIndicators = true;
    } else {
      if (oneOf(c, ",?[]{}")) flowIndicators = true;
      if (c === 0x3a) {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      }
      if (c === 0x23 && precededByWhitespace) flowIndicators = blockIndicators = true;
    }
    const isBreak = c === LF;
    if (isBreak) lineBreaks = true;
    if (!(c === LF || (c >= 0x20 && c <= 0x7e))) {
      // Unicode is allowed (DumpSettings.useUnicodeEncoding); tab, CR and controls are special.
      if (c === TAB || c === CR || !isPrintable(c)) special = true;
    }
    if (c === SP) {
      if (index === 0) leadingSpace = true;
      if (index === text.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak) {
      if (index === 0) leadingBreak = true;
      if (index === text.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = previousBreak = false;
    }
    index += c > 0xffff ? 2 : 1;
    precededByWhitespace = c === 0 || c === SP || c === TAB || isBreak;
    followedByWhitespace = true;
    if (index + 1 < text.length) {
      const nextIndex = index + (text.codePointAt(index)! > 0xffff ? 2 : 1);
      if (nextIndex < text.length) followedByWhitespace = blankAt(nextIndex) || isBreak;
    }
  }
  let allowFlowPlain = true;
  let allowBlockPlain = true;
  let allowSingleQuoted = true;
  let allowBlock = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) allowFlowPlain = allowBlockPlain = false;
  if (trailingSpace) allowBlock = false;
  if (breakSpace) allowFlowPlain = allowBlockPlain = allowSingleQuoted = false;
  if (spaceBreak || special) allowFlowPlain = allowBlockPlain = allowSingleQuoted = allowBlock = false;
  if (lineBreaks) allowFlowPlain = false;
  if (flowIndicators) allowFlowPlain = false;
  if (blockIndicators) allowBlockPlain = false;
  return { empty: false, multiline: lineBreaks, allowFlowPlain, allowBlockPlain, allowSingleQuoted, allowBlock };
}

const EMIT_ESCAPES: Readonly<Record<number, string>> = {
  0x00: "0",
  0x07: "a",
  0x08: "b",
  0x09: "t",
  0x0a: "n",
  0x0b: "v",
  0x0c: "f",
  0x0d: "r",
  0x1b: "e",
  0x22: '"',
  0x5c: "\\",
  0x85: "N",
  0xa0: "_",
  0x2028: "L",
  0x2029: "P",
};

/** The tag as the emitter writes it (`!!str`, `!local`, `!<uri>`). */
function shortTag(tag: string): string {
  if (tag === "!") return tag;
  if (tag.startsWith(TAG_PREFIX) && TAG_PREFIX.length < tag.length) return "!!" + tag.slice(TAG_PREFIX.length);
  if (tag.startsWith("!")) return tag;
  return `!<${tag}>`;
}

const BEST_INDENT = 2;
const BEST_WIDTH = 80;
const MAX_SIMPLE_KEY_LENGTH = 128;

class FlowEmitter {
  private out = "";
  private column = 0;
  private whitespace = true;
  private indention = true;
  private flowLevel = 0;
  private indent: number | null = null;
  private readonly indents: (number | null)[] = [];
  private readonly anchors = new Map<RNode, string | null>();
  private readonly serialized = new Set<RNode>();
  private lastAnchor = 0;

  dump(root: RNode): string {
    this.assignAnchors(root);
    this.node(root, false);
    this.writeIndent();
    return this.out;
  }

  /** The serializer's anchors: a collection met a second time gets `idNNN`. */
  private assignAnchors(n: RNode): void {
    const r = real(n);
    if (this.anchors.has(r)) {
      if (this.anchors.get(r) === null) this.anchors.set(r, "id" + String(++this.lastAnchor).padStart(3, "0"));
      return;
    }
    this.anchors.set(r, null);
    if (r.k === "seq") r.items.forEach((i) => this.assignAnchors(i));
    else if (r.k === "map")
      r.pairs.forEach(([k, v]) => {
        this.assignAnchors(k);
        this.assignAnchors(v);
      });
  }

  private node(n: RNode, simpleKey: boolean): void {
    const r = real(n);
    const anchor = this.anchors.get(r) ?? null;
    if (this.serialized.has(r)) {
      this.writeIndicator("*" + anchor, true, false, false);
      return;
    }
    this.serialized.add(r);
    if (anchor !== null) this.writeIndicator("&" + anchor, true, false, false);
    if (r.k === "scalar") this.scalar(r, simpleKey);
    else {
      if (r.tag !== (r.k === "seq" ? TAG.seq : TAG.map)) this.writeIndicator(shortTag(r.tag), true, false, false);
      if (r.k === "seq") this.flowSequence(r);
      else this.flowMapping(r);
    }
  }

  private chooseStyle(
    r: Extract<RNode, { k: "scalar" }>,
    a: ScalarAnalysis,
    simpleKey: boolean,
  ): "plain" | "single" | "double" | "literal" {
    const implicitPlain = resolveImplicit(r.value) === r.tag;
    if (!r.literal && implicitPlain) {
      if (
        !(simpleKey && (a.empty || a.multiline)) &&
        ((this.flowLevel !== 0 && a.allowFlowPlain) || (this.flowLevel === 0 && a.allowBlockPlain))
      ) {
        return "plain";
      }
    }
    if (r.literal && this.flowLevel === 0 && !simpleKey && a.allowBlock) return "literal";
    if (!r.literal && a.allowSingleQuoted && !(simpleKey && a.multiline)) return "single";
    return "double";
  }

  private scalar(r: Extract<RNode, { k: "scalar" }>, simpleKey: boolean): void {
    const a = analyzeScalar(r.value);
    const style = this.chooseStyle(r, a, simpleKey);
    const implicitPlain = resolveImplicit(r.value) === r.tag;
    const implicitQuoted = r.tag === TAG.str;
    if (!((style === "plain" && implicitPlain) || (style !== "plain" && implicitQuoted))) {
      this.writeIndicator(shortTag(r.tag), true, false, false);
    }
    this.increaseIndent();
    if (style === "plain") this.writePlain(r.value);
    else if (style === "single") this.writeSingleQuoted(r.value);
    else if (style === "double") this.writeDoubleQuoted(r.value);
    else this.writeLiteral(r.value);
    this.indent = this.indents.pop()!;
  }

  private isSimpleKey(n: RNode): boolean {
    const r = real(n);
    const anchor = this.anchors.get(r) ?? null;
    let length = anchor?.length ?? 0;
    if (this.serialized.has(r)) return length < MAX_SIMPLE_KEY_LENGTH;
    length += shortTag(r.tag).length;
    if (r.k === "scalar") {
      const a = analyzeScalar(r.value);
      length += r.value.length;
      return length < MAX_SIMPLE_KEY_LENGTH && !a.empty && !a.multiline;
    }
    const empty = r.k === "seq" ? r.items.length === 0 : r.pairs.length === 0;
    return length < MAX_SIMPLE_KEY_LENGTH && empty;
  }

  private flowSequence(r: Extract<RNode, { k: "seq" }>): void {
    this.writeIndicator("[", true, true, false);
    this.flowLevel++;
    this.increaseIndent();
    r.items.forEach((item, i) => {
      if (i > 0) this.writeIndicator(",", false, false, false);
      this.node(item, false);
    });
    this.indent = this.indents.pop()!;
    this.flowLevel--;
    this.writeIndicator("]", false, false, false);
  }

  private flowMapping(r: Extract<RNode, { k: "map" }>): void {
    this.writeIndicator("{", true, true, false);
    this.flowLevel++;
    this.increaseIndent();
    r.pairs.forEach(([k, v], i) => {
      if (i > 0) this.writeIndicator(",", false, false, false);
      if (this.isSimpleKey(k)) {
        this.node(k, true);
        this.writeIndicator(":", false, false, false);
      } else {
        this.writeIndicator("?", true, false, false);
        this.node(k, false);
        if (this.column > BEST_WIDTH) this.writeIndent();
        this.writeIndicator(":", true, false, false);
      }
      this.node(v, false);
    });
    this.indent = this.indents.pop()!;
    this.flowLevel--;
    this.writeIndicator("}", false, false, false);
  }

  private increaseIndent(): void {
    this.indents.push(this.indent);
    this.indent = this.indent === null ? BEST_INDENT : this.indent + BEST_INDENT;
  }

  private write(s: string): void {
    this.out += s;
    this.column += s.length;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, whitespace: boolean, indentation: boolean): void {
    if (!this.whitespace && needWhitespace) this.write(" ");
    this.whitespace = whitespace;
    this.indention = this.indention && indentation;
    this.write(indicator);
  }

  private writeIndent(): void {
    const to = this.indent ?? 0;
    if (!this.indention || this.column > to || (this.column === to && !this.whitespace)) this.writeLineBreak();
    if (to - this.column > 0) {
      this.whitespace = true;
      this.write(" ".repeat(to - this.column));
    }
  }

  private writeLineBreak(data = "\n"): void {
    this.whitespace = true;
    this.indention = true;
    this.out += data;
    this.column = 0;
  }

  private writePlain(text: string): void {
    if (text.length === 0) return;
    if (!this.whitespace) this.write(" ");
    this.whitespace = false;
    this.indention = false;
    this.write(text);
  }

  private writeSingleQuoted(text: string): void {
    this.writeIndicator("'", true, false, false);
    this.write(text.replace(/'/g, "''"));
    this.writeIndicator("'", false, false, false);
  }

  private writeDoubleQuoted(text: string): void {
    this.writeIndicator('"', true, false, false);
    let body = "";
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch >= 0x20 && ch <= 0x7e && ch !== 0x22 && ch !== 0x5c) {
        body += text[i];
        continue;
      }
      const simple = EMIT_ESCAPES[ch];
      if (simple !== undefined) {
        body += "\\" + simple;
        continue;
      }
      let cp = ch;
      if (ch >= 0xd800 && ch <= 0xdbff && i + 1 < text.length) cp = text.codePointAt(i)!;
      if (isPrintable(cp)) {
        body += String.fromCodePoint(cp);
        if (cp > 0xffff) i++;
      } else if (ch <= 0xff) {
        body += "\\x" + ch.toString(16).padStart(2, "0");
      } else if (cp > 0xffff) {
        body += "\\U" + cp.toString(16).padStart(8, "0");
        i++;
      } else {
        body += "\\u" + ch.toString(16).padStart(4, "0");
      }
    }
    this.write(body);
    this.writeIndicator('"', false, false, false);
  }

  private writeLiteral(text: string): void {
    let hints = "";
    if (text[0] === "\n" || text[0] === " ") hints += String(BEST_INDENT);
    const last = text[text.length - 1];
    if (last !== "\n") hints += "-";
    else if (text.length === 1 || text[text.length - 2] === "\n") hints += "+";
    this.writeIndicator("|" + hints, true, false, false);
    this.writeLineBreak();
    let breaks = true;
    let start = 0;
    for (let end = 0; end <= text.length; end++) {
      const ch = end < text.length ? text[end]! : null;
      if (breaks) {
        if (ch === null || ch !== "\n") {
          for (const br of text.slice(start, end)) this.writeLineBreak(br === "\n" ? "\n" : br);
          if (ch !== null) this.writeIndent();
          start = end;
        }
      } else if (ch === null || ch === "\n") {
        this.out += text.slice(start, end);
        if (ch === null) this.writeLineBreak();
        start = end;
      }
      if (ch !== null) breaks = ch === "\n";
    }
  }
}

/** `toYAMLString`: the flow dump without its final line break. */
function dumpFlow(o: JObj): string {
  const out = new FlowEmitter().dump(represent(o, new Map()));
  return out.endsWith("\n") ? out.slice(0, -1) : out;
}
