/**
 * The subset of snakeyaml-engine 2.6's dumper (the release Flink 1.19/1.20 pin) that Flink's
 * `YamlParserUtils.convertAndDumpYamlFromFlatMap` needs: a block-style mapping of nested
 * mappings whose leaves are Java `String`s, dumped with the Core schema, `splitLines(false)`,
 * indent 2, Unicode allowed, "\n" line breaks. Rules (Emitter.analyzeScalar / chooseScalarStyle):
 * - A string the Core schema would read back as null, bool, int, float or `${ENV}` is quoted.
 * - Otherwise plain, unless the text has leading/trailing spaces, a special character (control
 *   characters, tab, U+FFFE/FFFF, lone surrogates...) or a block indicator (`#`, `,[]{}&*!|>'"%@``
 *   first; `- `, `? `, `: ` first; `: ` or ` #` inside; `---`/`...` first).
 * - Quoted is single (`'` doubled) unless a special character forces double quotes with escapes.
 * - A value holding U+0085/U+2028/U+2029 becomes a literal block `|-` (keys: double quotes).
 * - An empty key or a key of 128+ UTF-16 units is written as a complex key (`? key` / `: value`).
 * @module
 */

/** A nested mapping in insertion order; leaves are strings. */
export type YamlTree = Map<string, YamlTree | string>;

const INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const NULL = /^(?:~|null|Null|NULL| )$/;
// Java's \s and \w are ASCII-only without UNICODE_CHARACTER_CLASS.
const ENV = /^\$\{[ \t\n\x0B\f\r]*(?:(\w+)(?:(:?[-?])(\w+)?)?)[ \t\n\x0B\f\r]*\}$/;

/** Whether the Core scalar resolver reads `s` as a plain string (BaseScalarResolver.resolve). */
export function resolvesToString(s: string): boolean {
  if (s.length === 0) return false;
  const c = s[0]!;
  // Resolvers are chosen by first character, then the first-character-free ones (null).
  if ("tfTF".includes(c) && BOOL.test(s)) return false;
  if ("-+0123456789".includes(c) && INT.test(s)) return false;
  if ("-+0123456789.".includes(c) && FLOAT.test(s)) return false;
  if (c === "n" && NULL.test(s)) return false;
  if (c === "$" && ENV.test(s)) return false;
  return !NULL.test(s);
}

interface Analysis {
  empty: boolean;
  multiline: boolean;
  allowBlockPlain: boolean;
  allowSingleQuoted: boolean;
  allowBlock: boolean;
}

const isUnicodePrintable = (c: number) => c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
const nullBlankTab = (c: number | undefined) => c === 0 || c === 0x20 || c === 0x09;

/** Emitter.analyzeScalar for the block context (the flow-plain flag is never used here). */
function analyze(s: string): Analysis {
  if (s.length === 0) return { empty: true, multiline: false, allowBlockPlain: true, allowSingleQuoted: true, allowBlock: false };
  const cps: number[] = [];
  for (let i = 0; i < s.length; ) {
    const c = s.codePointAt(i)!;
    cps.push(c);
    i += c > 0xffff ? 2 : 1;
  }
  let blockIndicators = s.startsWith("---") || s.startsWith("...");
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let trailingSpace = false;
  let leadingBreak = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;
  for (let k = 0; k < cps.length; k++) {
    const c = cps[k]!;
    const last = k === cps.length - 1;
    // The character after c is whitespace (at 0 a line break counts too; later, a break before c does).
    const followedByWhitespace = last || nullBlankTab(cps[k + 1]) || (k === 0 ? cps[1] === 0x0a || cps[1] === 0x0d : cps[k - 1] === 0x0a);
    if (k === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(String.fromCodePoint(c))) blockIndicators = true;
      if ((c === 0x3f || c === 0x3a || c === 0x2d) && followedByWhitespace) blockIndicators = true;
    } else {
      if (c === 0x3a && followedByWhitespace) blockIndicators = true;
      if (c === 0x23 && precededByWhitespace) blockIndicators = true;
    }
    const isBreak = c === 0x0a;
    if (isBreak) lineBreaks = true;
    if (!(c === 0x0a || (c >= 0x20 && c <= 0x7e)) && !isUnicodePrintable(c)) special = true;
    if (c === 0x20) {
      if (k === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak) {
      if (k === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = nullBlankTab(c) || isBreak;
  }
  let allowBlockPlain = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak);
  let allowSingleQuoted = true;
  let allowBlock = !trailingSpace;
  if (breakSpace) allowBlockPlain = allowSingleQuoted = false;
  if (spaceBreak || special) allowBlockPlain = allowSingleQuoted = allowBlock = false;
  if (blockIndicators) allowBlockPlain = false;
  return { empty: false, multiline: lineBreaks, allowBlockPlain, allowSingleQuoted, allowBlock };
}

type Style = "plain" | "single" | "double" | "literal";

/** StandardRepresenter (literal for line-separator characters) + Emitter.chooseScalarStyle. */
function chooseStyle(s: string, a: Analysis, simpleKey: boolean): Style {
  const requested: Style = /[\n\u0085\u2028\u2029]/.test(s) ? "literal" : "plain";
  if (requested === "plain" && resolvesToString(s)) {
    if (!(simpleKey && (a.empty || a.multiline)) && a.allowBlockPlain) return "plain";
  }
  if (requested === "literal" && !simpleKey && a.allowBlock) return "literal";
  if (requested === "plain" && a.allowSingleQuoted && !(simpleKey && a.multiline)) return "single";
  return "double";
}

const ESCAPES: Record<number, string> = {
  0x00: "0", 0x07: "a", 0x08: "b", 0x09: "t", 0x0a: "n", 0x0b: "v", 0x0c: "f", 0x0d: "r", 0x1b: "e",
  0x22: '"', 0x5c: "\\", 0x85: "N", 0xa0: "_", 0x2028: "L", 0x2029: "P",
};

const isPrintable = (c: number) => (c >= 0x20 && c <= 0x7e) || c === 0x9 || c === 0xa || c === 0xd || isUnicodePrintable(c);

/** Emitter.writeDoubleQuoted without line splitting (hex digits in lower case, as Java's). */
function doubleQuoted(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    const esc = ESCAPES[ch];
    if (esc !== undefined) {
      out += "\\" + esc;
      continue;
    }
    if (ch >= 0x20 && ch <= 0x7e) {
      out += s[i];
      continue;
    }
    const cp = ch >= 0xd800 && ch <= 0xdbff && i + 1 < s.length ? s.codePointAt(i)! : ch;
    if (isPrintable(cp)) {
      out += String.fromCodePoint(cp);
      if (cp > 0xffff) i++;
    } else if (ch <= 0xff) out += "\\x" + ch.toString(16).padStart(2, "0");
    else if (cp > 0xffff) {
      i++;
      out += "\\U" + cp.toString(16).padStart(8, "0");
    } else out += "\\u" + ch.toString(16).padStart(4, "0");
  }
  return out + '"';
}

function scalar(s: string, style: Style, indent: number): string {
  switch (style) {
    case "plain":
      return s;
    case "single":
      return "'" + s.replace(/'/g, "''") + "'";
    case "double":
      return doubleQuoted(s);
    case "literal":
      // No "\n" inside (legacy values are single lines): header, then the text one indent deeper.
      return "|-\n" + " ".repeat(indent + 2) + s;
  }
}

const MAX_SIMPLE_KEY_LENGTH = 128;

function emitMapping(tree: YamlTree, indent: number, out: string[]): void {
  const pad = " ".repeat(indent);
  for (const [key, value] of tree) {
    const ka = analyze(key);
    // Emitter.checkSimpleKey: non-empty, single-line, shorter than 128 UTF-16 units.
    const simple = key.length < MAX_SIMPLE_KEY_LENGTH && !ka.empty && !ka.multiline;
    const keyText = scalar(key, chooseStyle(key, ka, simple), indent);
    let head = simple ? `${pad}${keyText}:` : `${pad}? ${keyText}\n${pad}:`;
    if (typeof value === "string") {
      const va = analyze(value);
      const style = chooseStyle(value, va, false);
      // An empty plain value writes nothing after the colon.
      const text = scalar(value, style, indent);
      head += text === "" ? "" : " " + text;
      out.push(head);
    } else if (simple) {
      out.push(head);
      emitMapping(value, indent + 2, out);
    } else {
      // After a complex key's ":" the column is still inside the indentation, so the nested
      // mapping's first key follows on the same line.
      const nested: string[] = [];
      emitMapping(value, indent + 2, nested);
      out.push(head + " " + nested[0]!.slice(indent + 2), ...nested.slice(1));
    }
  }
}

/** The dumped document as snakeyaml writes it ("\n" after every line; `{}` for no entries). */
export function dumpBlockMapping(tree: YamlTree): string {
  if (tree.size === 0) return "{}\n";
  const out: string[] = [];
  emitMapping(tree, 0, out);
  return out.join("\n") + "\n";
}
