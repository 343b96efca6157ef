/**
 * A paste as evidence: its lines cleaned of terminal colours, carriage returns and the prefixes
 * log collectors add (timestamps, levels, logger names, `docker compose` service columns), and
 * one flowing text of them, so a message broken over several lines still reads as one.
 * @module
 */

export interface EvidenceLine {
  /** 1-based line number in the paste. */
  number: number;
  /** The line without colours and without a log prefix. */
  text: string;
}

export interface Evidence {
  lines: EvidenceLine[];
  /** The cleaned lines joined by single spaces: messages that a line break split read whole. */
  flow: string;
  /** Offset in `flow` where each line starts (same order as `lines`). */
  starts: number[];
}

/** Past this many characters the rest of a paste is not read (logs of gigabytes are not pastes). */
export const MAX_PASTE_CHARS = 4 * 1024 * 1024;

// ANSI escape sequences (colours, cursor moves) that terminals and CI logs keep.
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007]*\u0007/g;

// Prefixes that carry no message: `service-1 | `, dates and times in the usual forms, a level,
// a logger name and Log4j's `[]` / `[thread]` columns. Applied repeatedly, in any order.
const PREFIXES: RegExp[] = [
  /^[\w.-]+\s+\|\s?/, // docker compose: "flink-jobmanager-1  | "
  /^\[?\d{4}[-/]\d{2}[-/]\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?\]?\s*/,
  /^\d{2}[-/]\d{2}[-/]\d{4}\s+\d{2}:\d{2}:\d{2}(?:[.,]\d+)?\s*(?:[A-Z]{2,5}\s+)?/,
  /^\d{2}:\d{2}:\d{2}(?:[.,]\d+)?\s+/,
  /^(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL)\s+(?:[a-z][\w$]*(?:\.[\w$]+)+\s+)?(?:\[[^\]]*\]\s*)?(?:-\s+)?/,
  /^\[\]\s+-\s+/,
];

function stripPrefix(line: string): string {
  let s = line;
  for (let guard = 0; guard < 6; guard++) {
    const before = s;
    for (const p of PREFIXES) s = s.replace(p, "");
    if (s === before) break;
  }
  return s;
}

/** Splits and cleans a paste; never throws. */
export function readEvidence(paste: string): Evidence {
  const text = paste.length > MAX_PASTE_CHARS ? paste.slice(0, MAX_PASTE_CHARS) : paste;
  const raw = text.replace(ANSI, "").split(/\r\n|\r|\n/);
  const lines: EvidenceLine[] = raw.map((l, i) => ({ number: i + 1, text: stripPrefix(l.replace(/\t/g, " ").trim()).trim() }));
  const starts: number[] = [];
  let flow = "";
  for (const l of lines) {
    starts.push(flow.length);
    flow += l.text + " ";
  }
  return { lines, flow, starts };
}

/** The line numbers a match in `flow` from `start` to `end` spans. */
export function linesOf(ev: Evidence, start: number, end: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < ev.starts.length; i++) {
    const s = ev.starts[i]!;
    const e = i + 1 < ev.starts.length ? ev.starts[i + 1]! : ev.flow.length;
    if (e > start && s < Math.max(end, start + 1)) out.push(ev.lines[i]!.number);
  }
  return out;
}
