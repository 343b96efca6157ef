/**
 * Matching templates against a paste's flowing text, with the lines each match came from.
 * @module
 */
import { linesOf, type Evidence } from "./evidence.js";

export interface Hit {
  groups: (string | undefined)[];
  index: number;
  end: number;
  lines: number[];
}

/** Every match of `re` (made global) in the paste's flow. */
export function hits(ev: Evidence, re: RegExp): Hit[] {
  const g = new RegExp(re.source, re.flags.includes("g") ? re.flags : re.flags + "g");
  const out: Hit[] = [];
  for (const m of ev.flow.matchAll(g)) {
    const index = m.index ?? 0;
    const end = index + m[0].length;
    out.push({ groups: [...m].slice(1), index, end, lines: linesOf(ev, index, end) });
    if (out.length >= 200) break; // a paste repeating one error thousands of times says it once
  }
  return out;
}

/** The text after a hit up to `max` characters, cut before the next `stop` (another message). */
export function after(ev: Evidence, h: Hit, max: number, stop?: RegExp): string {
  const text = ev.flow.slice(h.end, h.end + max);
  if (!stop) return text;
  const m = stop.exec(text);
  return m ? text.slice(0, m.index) : text;
}

/** The text before a hit, at most `max` characters. */
export function before(ev: Evidence, h: Hit, max: number): string {
  return ev.flow.slice(Math.max(0, h.index - max), h.index);
}

/** Process named by an enriched OOM text or the keys it mentions. */
export function processNamed(text: string): "taskmanager" | "jobmanager" | undefined {
  if (/task executor has to be shutdown|'taskmanager\.|‘taskmanager\.|\btaskmanager\.memory\./i.test(text)) return "taskmanager";
  if (/Flink Master|'jobmanager\.|‘jobmanager\.|\bjobmanager\.memory\.|jobmanager-(?:io|future)-thread|cluster-io-thread/i.test(text)) return "jobmanager";
  return undefined;
}

/** A decimal number in a message, as a JS number (counts fit easily). */
export const num = (s: string | undefined): number => Number((s ?? "").replace(/[,\s]/g, ""));
