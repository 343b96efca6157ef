/**
 * The versions a picker offers: every release line, plus the patch ranges inside a line whose
 * rules differ (a change declared `since: "1.12.2"` splits 1.12 into 1.12.0–1.12.1 and the rest).
 * Derived from the declarations, so a newly declared patch change shows up by itself.
 * @module
 */
import { OPTION_DECLARATIONS } from "../options/declarations.js";
import { FEATURES } from "./features.js";
import { SUPPORTED_LINES } from "./version.js";

export interface VersionChoice {
  /** What to pass as `flink`: a line (`"1.12"`) or the newest patch of a range (`"1.12.1"`). */
  value: string;
  /** `"1.12"`, `"1.12.2 – 1.12.4"`, `"1.10.0"`. */
  label: string;
}

function patchBoundaries(): Map<string, number[]> {
  const texts: string[] = [];
  for (const f of Object.values(FEATURES) as { since?: string; until?: string }[]) texts.push(f.since ?? "", f.until ?? "");
  for (const d of OPTION_DECLARATIONS) {
    texts.push(d.since ?? "", d.until ?? "");
    for (const e of d.defaults ?? []) texts.push(e.since);
    for (const f of d.fallbackKeys ?? []) texts.push(f.since ?? "", f.until ?? "");
  }
  const out = new Map<string, number[]>();
  for (const t of texts) {
    const m = /^(\d+\.\d+)\.(\d+)$/.exec(t);
    if (!m || Number(m[2]) === 0) continue;
    const list = out.get(m[1]!) ?? [];
    if (!list.includes(Number(m[2]))) list.push(Number(m[2]));
    out.set(m[1]!, list.sort((a, b) => a - b));
  }
  return out;
}

/** Newest first. */
export function versionChoices(): VersionChoice[] {
  const bounds = patchBoundaries();
  const out: VersionChoice[] = [];
  for (const line of [...SUPPORTED_LINES].reverse()) {
    const b = bounds.get(line) ?? [];
    out.push({ value: line, label: b.length ? `${line} (${line}.${b[b.length - 1]} or later)` : line });
    for (let i = b.length - 1; i >= 0; i--) {
      const from = i === 0 ? 0 : b[i - 1]!;
      const to = b[i]! - 1;
      out.push({ value: `${line}.${to}`, label: from === to ? `${line}.${to}` : `${line}.${from} – ${line}.${to}` });
    }
  }
  return out;
}
