/**
 * Where a YAML problem is and what it is. Follows snakeyaml-engine's `Mark` (0-based index, line
 * and column in code points) and its `MarkedYamlEngineException` family (scanner, parser,
 * composer and constructor errors), as one error type. Messages are ours and never quote a value.
 * @module
 */
import { FlinkError, JavaClass, type JavaClassName, type SourceLocation } from "../../errors.js";

/** A position in the text: 0-based code point index, line and column (snakeyaml's marks). */
export interface Mark {
  readonly index: number;
  readonly line: number;
  readonly column: number;
}

/** A mark as a message names it: 1-based line and column. */
export const where = (m: Mark): string => `line ${m.line + 1}, column ${m.column + 1}`;

/** Something snakeyaml (or Flink's flattening) rejects. Messages never quote values. */
export class YamlProblem extends Error {
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

/** The typed error a problem becomes (a stack overflow counts as nesting too deep); others rethrown. */
export function toCause(e: unknown, source: string): FlinkError {
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
