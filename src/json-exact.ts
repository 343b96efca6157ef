/**
 * JSON with exact integers: `JSON.parse` turns 9007199254740993 into 9007199254740992, but the
 * batch input's longs (`dividend`, `divisor`) must reach Flink's arithmetic unchanged. Integer
 * literals beyond ±2^53 become `bigint`; everything else is what `JSON.parse` gives.
 * @module
 */

/** Parses `text` (which `JSON.parse` must accept: it is run first, for its errors). */
export function parseJsonExact(text: string): unknown {
  const plain: unknown = JSON.parse(text);
  // Only a run of 16+ digits can be an integer JSON.parse rounds.
  if (!/\d{16}/.test(text)) return plain;
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const out: Record<string, unknown> = {};
      ws();
      if (text[i] === "}") return i++, out;
      for (;;) {
        ws();
        const key = string();
        ws();
        i++; // ':'
        // Plain assignment, as JSON.parse does (a "__proto__" key is an own property there too).
        Object.defineProperty(out, key, { value: value(), enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i++] === "}") return out;
      }
    }
    if (c === "[") {
      i++;
      const out: unknown[] = [];
      ws();
      if (text[i] === "]") return i++, out;
      for (;;) {
        out.push(value());
        ws();
        if (text[i++] === "]") return out;
      }
    }
    if (c === '"') return string();
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|^true|^false|^null/.exec(text.slice(i, i + 400))!;
    i += m[0].length;
    const token = m[0];
    if (token === "true") return true;
    if (token === "false") return false;
    if (token === "null") return null;
    if (m[1] === undefined && m[2] === undefined) {
      const n = Number(token);
      return Number.isSafeInteger(n) ? n : BigInt(token);
    }
    return Number(token);
  };
  const string = (): string => {
    const start = i;
    i++;
    while (text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  void plain;
  return value();
}
