/**
 * The text as the scanner reads it, after snakeyaml-engine's `StreamReader`: code points, a
 * position with line and column, and line breaks. Like snakeyaml's reader it refuses a special
 * character wherever it is, so the whole text is checked up front.
 * @module
 */
import { codePointsToString, CR, isPrintable, LF } from "./chars.js";
import { YamlProblem, type Mark } from "./problem.js";

export class StreamReader {
  /** The text's code points. */
  readonly cps: number[];
  /** Index of the next code point, and its 0-based line and column. */
  pos = 0;
  line = 0;
  column = 0;

  constructor(text: string) {
    this.cps = Array.from(text, (ch) => ch.codePointAt(0)!);
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
  }

  /** The code point `k` ahead, 0 past the end. */
  peek(k = 0): number {
    return this.cps[this.pos + k] ?? 0;
  }

  mark(): Mark {
    return { index: this.pos, line: this.line, column: this.column };
  }

  /** Moves `n` code points on, counting lines (`\r\n` is one break; a BOM takes no column). */
  forward(n = 1): void {
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

  /** The next `n` code points as text, without moving. */
  prefix(n: number): string {
    return codePointsToString(this.cps, this.pos, Math.min(this.pos + n, this.cps.length));
  }

  /** Takes `n` characters that hold no line break. */
  take(n: number): string {
    const s = this.prefix(n);
    this.pos += n;
    this.column += n;
    return s;
  }

  /** A line break: `\r\n`, `\r`, `\n` and NEL read as "\n"; LS and PS kept as they are. */
  lineBreak(): string | null {
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
}
