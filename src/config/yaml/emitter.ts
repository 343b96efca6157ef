/**
 * Java objects → flow-style YAML text, as Flink's `YamlParserUtils.toYAMLString` writes a list:
 * after snakeyaml-engine's `Serializer` (anchors `id001`… for shared nodes) and `Emitter` in
 * FLOW style without line splitting (scalar styles, tags, quoting and escapes, indentation).
 * @module
 */
import { isPrintable } from "./chars.js";
import type { JObj } from "./java-object.js";
import { TAG, TAG_PREFIX } from "./nodes.js";
import { real, represent, type RealNode, type RNode, type RScalar } from "./represent.js";
import { resolveImplicit } from "./resolver.js";
import { analyzeScalar, type ScalarAnalysis } from "./scalar-analysis.js";

/** `toYAMLString`: the flow dump without its final line break. */
export function dumpFlow(o: JObj): string {
  const out = new FlowEmitter().dump(represent(o));
  return out.endsWith("\n") ? out.slice(0, -1) : out;
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

  private chooseStyle(r: RScalar, a: ScalarAnalysis, simpleKey: boolean): "plain" | "single" | "double" | "literal" {
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

  private scalar(r: RScalar, simpleKey: boolean): void {
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

  private flowSequence(r: Extract<RealNode, { k: "seq" }>): void {
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

  private flowMapping(r: Extract<RealNode, { k: "map" }>): void {
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
