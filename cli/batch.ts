/**
 * `flink-memory batch`: JSON Lines in (golden-format cases), JSON Lines out (answers).
 * Streams with constant memory; a bad line gets an error answer and the rest go on.
 */
import { createInterface } from "node:readline";
import { once } from "node:events";
import { answerCase } from "../src/cases.js";
import { FlinkError, JavaClass } from "../src/errors.js";

/** Longest line accepted (bytes of UTF-16 text); longer lines are answered with an error, not parsed. */
export const MAX_LINE = 16 * 1024 * 1024;

function stringify(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}

export async function runBatch(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<number> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let count = 0;
  for await (const line of rl) {
    if (line.trim().length === 0) continue;
    let answer;
    if (line.length > MAX_LINE) {
      answer = { id: null, error: { class: JavaClass.IllegalArgument, message: `line longer than ${MAX_LINE} characters`, causes: [] } };
    } else {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch (e) {
        const err = new FlinkError(JavaClass.IllegalArgument, `not a JSON line: ${e instanceof Error ? e.message : String(e)}`);
        answer = { id: null, error: { class: err.javaClass, message: err.message, causes: [] } };
      }
      answer ??= answerCase(parsed);
    }
    count++;
    if (!output.write(stringify(answer) + "\n")) await once(output, "drain");
  }
  return count;
}
