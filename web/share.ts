/**
 * The page's state in the URL fragment: the Flink version, the process and the memory options
 * the user set, nothing else. The fragment never reaches a server, and a key that is not a
 * memory option of the registry is dropped on the way in and on the way out, so a pasted
 * file's credentials can never end up in a shared link.
 */
import { optionsFor } from "../src/options/registry.js";
import { flinkVersion, NEWEST_LINE } from "../src/versions/version.js";

export type ProcessKind = "tm" | "jm";

export interface PageState {
  flink: string;
  process: ProcessKind;
  /** Memory option key → value text, as typed. */
  values: Map<string, string>;
}

/** Keys the page may keep: main keys of the version's memory options. */
export function memoryKeys(flink: string): Set<string> {
  return new Set(optionsFor(flinkVersion(flink)).all.map((o) => o.key));
}

function validVersion(text: string | null): string {
  if (!text) return NEWEST_LINE;
  try {
    flinkVersion(text);
    return text;
  } catch {
    return NEWEST_LINE;
  }
}

export function encodeState(s: PageState): string {
  const keys = memoryKeys(s.flink);
  const p = new URLSearchParams();
  p.set("flink", s.flink);
  p.set("process", s.process);
  for (const [k, v] of s.values) if (keys.has(k) && v !== "") p.append(k, v);
  return "#" + p.toString();
}

export function decodeState(fragment: string): PageState {
  const p = new URLSearchParams(fragment.replace(/^#/, ""));
  const flink = validVersion(p.get("flink"));
  const process: ProcessKind = p.get("process") === "jm" ? "jm" : "tm";
  const keys = memoryKeys(flink);
  const values = new Map<string, string>();
  for (const [k, v] of p) if (keys.has(k)) values.set(k, v);
  return { flink, process, values };
}
