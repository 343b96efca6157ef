/**
 * `flink-memory batch`: JSON Lines in (golden-format cases), JSON Lines out (answers).
 * Streams with constant memory; a bad line gets an error answer and the rest go on.
 *
 * Hostile input: a line longer than `MAX_LINE` characters is not kept in memory (its text is
 * dropped as it arrives) and is answered with an error; bytes that are not UTF-8 are read as
 * U+FFFD; a byte order mark before the first line is dropped; `\n`, `\r\n` and `\r` end lines,
 * and a last line without a line break is read too. An answer never quotes the line it answers
 * (a line may hold credentials): a line that is not JSON is answered with where it stops being JSON.
 * @module
 */
import { StringDecoder } from "node:string_decoder";
import { once } from "node:events";
import { parseJsonExact } from "../src/json-exact.js";
import { answerCase } from "../src/cases.js";
import { JavaClass } from "../src/errors.js";

/** Longest line accepted (UTF-16 code units); longer lines are answered with an error, not parsed. */
export const MAX_LINE = 16 * 1024 * 1024;

function stringify(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}

/** A line as it arrives: its text, or only that it was too long. */
export interface BatchLine {
  text: string;
  tooLong: boolean;
}

/**
 * Splits a byte stream into lines with constant memory: at most `maxLine` characters of a line
 * are held; a longer line is reported as `tooLong` with its text dropped.
 */
export async function* readLines(input: AsyncIterable<Buffer | string>, maxLine = MAX_LINE): AsyncGenerator<BatchLine> {
  const decoder = new StringDecoder("utf8");
  let parts: string[] = [];
  let length = 0;
  let tooLong = false;
  let first = true;
  let afterCR = false;
  const take = (s: string) => {
    if (tooLong || s.length === 0) return;
    length += s.length;
    if (length > maxLine) {
      tooLong = true;
      parts = [];
    } else parts.push(s);
  };
  const end = (): BatchLine => {
    const text = tooLong ? "" : parts.join("");
    const line = { text, tooLong };
    parts = [];
    length = 0;
    tooLong = false;
    return line;
  };
  const feed = function* (chunk: string): Generator<BatchLine> {
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 0x0a) {
        if (afterCR && i === from) {
          // the "\n" of a "\r\n" split across chunks
          afterCR = false;
          from = i + 1;
          continue;
        }
        take(chunk.slice(from, i));
        from = i + 1;
        afterCR = false;
        yield end();
      } else if (c === 0x0d) {
        take(chunk.slice(from, i));
        yield end();
        if (chunk.charCodeAt(i + 1) === 0x0a) i++;
        else afterCR = i + 1 === chunk.length;
        from = i + 1;
      } else afterCR = false;
    }
    take(chunk.slice(from));
  };
  for await (const chunk of input) {
    let text = typeof chunk === "string" ? chunk : decoder.write(chunk);
    if (first && text.length) {
      first = false;
      if (text.startsWith("\uFEFF")) text = text.slice(1);
    }
    yield* feed(text);
  }
  yield* feed(decoder.end());
  if (length > 0 || tooLong) yield end();
}

/** Why `JSON.parse` refused a line, without quoting any of it. */
export function notJsonMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : "";
  const at = /at position (\d+)/.exec(m);
  if (at) return `not a JSON line: invalid JSON at position ${at[1]}`;
  if (/end of JSON input/.test(m)) return "not a JSON line: the line ends inside a JSON value";
  return "not a JSON line: invalid JSON";
}

/** The answer to one line of input; `flink` is the version for a case that names none. */
export function answerLine(line: BatchLine, flink?: string): unknown {
  if (line.tooLong) {
    return { id: null, error: { class: JavaClass.IllegalArgument, message: `line longer than ${MAX_LINE} characters`, causes: [] } };
  }
  let parsed: unknown;
  try {
    parsed = parseJsonExact(line.text);
  } catch (e) {
    return { id: null, error: { class: JavaClass.IllegalArgument, message: notJsonMessage(e), causes: [] } };
  }
  const withDefault = flink !== undefined && isPlainObject(parsed) && parsed.flink === undefined ? { ...parsed, flink } : parsed;
  return answerCase(withDefault);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export async function runBatch(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, flink?: string): Promise<number> {
  let count = 0;
  for await (const line of readLines(input as AsyncIterable<Buffer | string>)) {
    if (!line.tooLong && line.text.trim().length === 0) continue;
    count++;
    if (!output.write(stringify(answerLine(line, flink)) + "\n")) await once(output, "drain");
  }
  return count;
}
