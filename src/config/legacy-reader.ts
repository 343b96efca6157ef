/**
 * Flink's legacy `flink-conf.yaml` line parser (all 1.x releases): not YAML at all.
 * Each line is cut at the first `#`, split at the first `": "`, trimmed; bad lines are
 * skipped with a warning; a later key overwrites an earlier one; quotes stay in values.
 * @module
 */
import { javaTrim } from "../java/text.js";
import type { SourceLocation } from "../errors.js";
import type { RawValue } from "./raw-value.js";
import { MAX_CONFIG_CHARS, tooLong } from "./limits.js";

export interface LegacyEntry {
  readonly key: string;
  readonly value: RawValue;
  readonly location: SourceLocation;
}

export interface LegacyWarning {
  readonly line: number;
  readonly message: string;
}

export interface LegacyReadResult {
  readonly entries: LegacyEntry[];
  readonly warnings: LegacyWarning[];
}

/** Splits text into lines as Java's `BufferedReader.readLine` does (`\n`, `\r` or `\r\n`). */
export function javaLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  // readLine returns no final empty line after a trailing terminator.
  if (lines.length > 0 && lines[lines.length - 1] === "" ) lines.pop();
  return lines;
}

/** Throws a typed error for a text over `MAX_CONFIG_CHARS` (see `limits.ts`). */
export function readLegacyFlinkConf(text: string, source = "flink-conf.yaml"): LegacyReadResult {
  if (text.length > MAX_CONFIG_CHARS) throw tooLong(source, text.length);
  const entries: LegacyEntry[] = [];
  const warnings: LegacyWarning[] = [];
  const lines = javaLines(text);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i]!;
    const hash = line.indexOf("#");
    const conf = javaTrim(hash >= 0 ? line.slice(0, hash) : line);
    if (conf.length === 0) continue;
    const sep = conf.indexOf(": ");
    if (sep < 0) {
      warnings.push({ line: lineNo, message: "line is not a key-value pair (missing space after ':'?); Flink ignores it" });
      continue;
    }
    const key = javaTrim(conf.slice(0, sep));
    const value = javaTrim(conf.slice(sep + 2));
    if (key.length === 0 || value.length === 0) {
      warnings.push({ line: lineNo, message: "key or value is empty; Flink ignores the line" });
      continue;
    }
    const column = line.indexOf(value, line.indexOf(key) + key.length) + 1;
    entries.push({ key, value: { t: "str", v: value }, location: { source, line: lineNo, column } });
  }
  return { entries, warnings };
}
