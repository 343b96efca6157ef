/**
 * The scanner: text → tokens, after snakeyaml-engine's `ScannerImpl` (its token queue, possible
 * simple keys, indentation stack and flow level, and which character starts which token). The
 * tokens themselves are read by `scan-scalar.ts` and `scan-directive.ts`.
 * @module
 */
import { isBlankT, isBreakOrEnd, oneOf, SP, TAB } from "./chars.js";
import { YAML_LIMITS } from "./limits.js";
import { where, YamlProblem, type Mark } from "./problem.js";
import { StreamReader } from "./reader.js";
import { scanAnchorOrAlias, scanDirective, scanTag } from "./scan-directive.js";
import { scanBlockScalar, scanFlowScalar, scanPlain } from "./scan-scalar.js";
import type { Token, TokenKind } from "./tokens.js";

/** A place where a `key: value` may have started (snakeyaml's `SimpleKey`). */
interface SimpleKey {
  readonly tokenNumber: number;
  readonly required: boolean;
  readonly index: number;
  readonly line: number;
  readonly column: number;
  readonly mark: Mark;
}

export class Scanner {
  private readonly r: StreamReader;
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
    this.r = new StreamReader(text);
    const m = this.r.mark();
    this.tokens.push({ kind: "stream-start", start: m, end: m });
  }

  private get inBlock(): boolean {
    return this.flowLevel === 0;
  }

  // --- token queue

  /** The next token is one of `kinds` (or there is one at all, given none). */
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

  private add(kind: TokenKind, start: Mark, end: Mark = start): void {
    this.tokens.push({ kind, start, end });
  }

  private fetchMoreTokens(): void {
    const r = this.r;
    if (r.pos > YAML_LIMITS.codePointLimit) {
      throw new YamlProblem(`the file exceeds the limit of ${YAML_LIMITS.codePointLimit} characters`, r.mark());
    }
    this.scanToNextToken();
    this.staleSimpleKeys();
    this.unwindIndent(r.column);
    const c = r.peek();
    switch (c) {
      case 0:
        return this.fetchStreamEnd();
      case 0x25: // %
        if (r.column === 0) return this.fetchDirective();
        break;
      case 0x2d: // -
        if (this.atDocumentIndicator("---")) return this.fetchDocumentIndicator("document-start");
        if (isBlankT(r.peek(1))) return this.fetchBlockEntry();
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
        if (isBlankT(r.peek(1))) return this.fetchKey();
        break;
      case 0x3a: // :
        if (!this.inBlock || isBlankT(r.peek(1))) return this.fetchValue();
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
      r.mark(),
    );
  }

  private atDocumentIndicator(indicator: string): boolean {
    return this.r.column === 0 && this.r.prefix(3) === indicator && isBlankT(this.r.peek(3));
  }

  private canStartPlain(c: number): boolean {
    if (!isBlankT(c) && !oneOf(c, "-?:,[]{}#&*!|>'\"%@`")) return true;
    const next = this.r.peek(1);
    if (this.inBlock) return !isBlankT(next) && oneOf(c, "-?:");
    return !isBlankT(next) && !oneOf(next, ",]") && oneOf(c, "-?");
  }

  /** Skips spaces (never tabs), comments and line breaks between tokens. */
  private scanToNextToken(): void {
    const r = this.r;
    if (r.pos === 0 && r.peek() === 0xfeff) r.forward();
    for (;;) {
      while (r.peek() === SP) r.forward();
      if (r.peek() === 0x23) {
        while (!isBreakOrEnd(r.peek())) r.forward();
      }
      if (r.lineBreak() === null) return;
      if (this.inBlock) this.allowSimpleKey = true;
    }
  }

  // --- simple keys and indentation

  private staleSimpleKeys(): void {
    // Keys are saved at the current position and a level's key is always removed before it is
    // saved again, so the map holds them by position: the stale ones are a prefix, and the scan
    // stops at the first fresh one (otherwise deep flow nesting costs levels × tokens).
    for (const [level, key] of this.simpleKeys) {
      if (key.line !== this.r.line || this.r.pos - key.index > 1024) {
        if (key.required) throw this.missingColon(key);
        this.simpleKeys.delete(level);
      } else break;
    }
  }

  private missingColon(key: SimpleKey): YamlProblem {
    return new YamlProblem(
      `could not find the ':' of the key that starts at ${where(key.mark)} (a key must be followed by ': ' on the same line)`,
      this.r.mark(),
    );
  }

  private savePossibleSimpleKey(): void {
    const r = this.r;
    const required = this.inBlock && this.indent === r.column;
    if (!this.allowSimpleKey && required) {
      throw new YamlProblem("a simple key is required only if it is the first token in the current line", r.mark());
    }
    if (this.allowSimpleKey) {
      this.removePossibleSimpleKey();
      this.simpleKeys.set(this.flowLevel, {
        tokenNumber: this.tokensTaken + this.tokens.length,
        required,
        index: r.pos,
        line: r.line,
        column: r.column,
        mark: r.mark(),
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
      const m = this.r.mark();
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
    this.add("stream-end", this.r.mark());
    this.done = true;
  }

  private fetchDirective(): void {
    this.unwindIndent(-1);
    this.removePossibleSimpleKey();
    this.allowSimpleKey = false;
    this.tokens.push(scanDirective(this.r));
  }

  private fetchDocumentIndicator(kind: "document-start" | "document-end"): void {
    this.unwindIndent(-1);
    this.removePossibleSimpleKey();
    this.allowSimpleKey = false;
    this.addIndicator(kind, 3);
  }

  /** Adds a token for the next `length` characters. */
  private addIndicator(kind: TokenKind, length = 1): void {
    const start = this.r.mark();
    this.r.forward(length);
    this.add(kind, start, this.r.mark());
  }

  private fetchFlowCollectionStart(kind: "flow-sequence-start" | "flow-mapping-start"): void {
    this.savePossibleSimpleKey();
    this.flowLevel++;
    this.allowSimpleKey = true;
    this.addIndicator(kind);
  }

  private fetchFlowCollectionEnd(kind: "flow-sequence-end" | "flow-mapping-end"): void {
    this.removePossibleSimpleKey();
    // Like snakeyaml, a stray closing bracket may take the level below zero; the parser rejects it.
    this.flowLevel--;
    this.allowSimpleKey = false;
    this.addIndicator(kind);
  }

  private fetchFlowEntry(): void {
    this.allowSimpleKey = true;
    this.removePossibleSimpleKey();
    this.addIndicator("flow-entry");
  }

  private fetchBlockEntry(): void {
    if (this.inBlock) {
      if (!this.allowSimpleKey) throw new YamlProblem("a list item ('- ') is not allowed here", this.r.mark());
      if (this.addIndent(this.r.column)) this.add("block-sequence-start", this.r.mark());
    }
    this.allowSimpleKey = true;
    this.removePossibleSimpleKey();
    this.addIndicator("block-entry");
  }

  private fetchKey(): void {
    if (this.inBlock) {
      if (!this.allowSimpleKey) throw new YamlProblem("a complex key ('? ') is not allowed here", this.r.mark());
      if (this.addIndent(this.r.column)) this.add("block-mapping-start", this.r.mark());
    }
    this.allowSimpleKey = this.inBlock;
    this.removePossibleSimpleKey();
    this.addIndicator("key");
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
        throw new YamlProblem("mapping values are not allowed here", this.r.mark());
      }
      if (this.inBlock && this.addIndent(this.r.column)) this.add("block-mapping-start", this.r.mark());
      this.allowSimpleKey = this.inBlock;
      this.removePossibleSimpleKey();
    }
    this.addIndicator("value");
  }

  private fetchAnchorOrAlias(kind: "anchor" | "alias"): void {
    this.savePossibleSimpleKey();
    this.allowSimpleKey = false;
    this.tokens.push(scanAnchorOrAlias(this.r, kind));
  }

  private fetchTag(): void {
    this.savePossibleSimpleKey();
    this.allowSimpleKey = false;
    this.tokens.push(scanTag(this.r));
  }

  private fetchBlockScalar(style: "literal" | "folded"): void {
    this.allowSimpleKey = true;
    this.removePossibleSimpleKey();
    this.tokens.push(scanBlockScalar(this.r, style, this.indent));
  }

  private fetchFlowScalar(style: "single" | "double"): void {
    this.savePossibleSimpleKey();
    this.allowSimpleKey = false;
    this.tokens.push(scanFlowScalar(this.r, style));
  }

  private fetchPlain(): void {
    this.savePossibleSimpleKey();
    this.allowSimpleKey = false;
    const { token, endsLine } = scanPlain(this.r, this.indent, this.inBlock);
    this.allowSimpleKey = endsLine;
    this.tokens.push(token);
  }
}
