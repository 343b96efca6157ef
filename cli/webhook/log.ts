/**
 * The webhook's structured log: one JSON object per line on standard error, with a time, a level
 * and a message, and fields that are never configuration values (secrets live in
 * `flinkConfiguration`): rule ids, decisions, resource kind, namespace and name, sizes of bodies.
 * @module
 */

export type Level = "info" | "warn" | "error";

export type LogFields = Record<string, string | number | boolean | readonly string[] | undefined>;

export interface Logger {
  log(level: Level, msg: string, fields?: LogFields): void;
}

/** A logger writing JSON lines to `write` (standard error by default). */
export function jsonLogger(write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  return {
    log(level, msg, fields = {}) {
      const entry: Record<string, unknown> = { time: new Date().toISOString(), level, msg };
      for (const [k, v] of Object.entries(fields)) if (v !== undefined) entry[k] = v;
      write(JSON.stringify(entry) + "\n");
    },
  };
}

/**
 * An internal error as one short field: its class and the place it was thrown, for a bug report.
 * Not its message (which may quote input) and no stack trace.
 */
export function errorWhere(e: unknown): string {
  if (!(e instanceof Error)) return typeof e;
  const frame = (e.stack ?? "").split("\n").find((l) => /^\s+at /.test(l));
  return frame ? `${e.name} ${frame.trim()}` : e.name;
}
