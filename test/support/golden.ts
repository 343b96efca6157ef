// Loads Flink's golden cases: the project's gzip copy (always) and ../shared/realworld (when present).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";
import { parseJsonExact } from "../../src/json-exact.js";

export interface GoldenCase {
  id: string;
  flink: string;
  mode: "tm" | "jm" | "tm-local" | "managed-fraction";
  input: Record<string, unknown> & {
    configYaml?: string;
    flinkConfYaml?: string;
    dynamic?: [string, string][];
  };
  expected: Record<string, unknown> & {
    error?: { class: string; message: string; causes: string[]; causeClasses: string[] };
  };
}

export const ROOT = join(import.meta.dirname, "..", "..");
export const GOLDEN_DIR = join(ROOT, "test", "data", "golden");
export const SHARED_DIR = join(ROOT, "..", "shared");
export const hasShared = existsSync(join(SHARED_DIR, "golden"));

export function parseJsonl(text: string): GoldenCase[] {
  return text
    .split("\n")
    .filter((l) => l.trim().length > 0)
    .map((l) => parseJsonExact(l) as GoldenCase);
}

/** Golden files of the project copy: `{ folder: "flink-2.0", file: "tm.jsonl", cases }`. */
export function goldenFiles(folders?: string[]): { folder: string; file: string; cases: GoldenCase[] }[] {
  const out = [];
  for (const folder of readdirSync(GOLDEN_DIR).sort()) {
    if (!folder.startsWith("flink-") || (folders && !folders.includes(folder))) continue;
    for (const f of readdirSync(join(GOLDEN_DIR, folder)).sort()) {
      if (!f.endsWith(".jsonl.gz")) continue;
      const text = gunzipSync(readFileSync(join(GOLDEN_DIR, folder, f))).toString("utf8");
      out.push({ folder, file: f.replace(/\.gz$/, ""), cases: parseJsonl(text) });
    }
  }
  return out;
}

/** Golden cases the project generated with Flink's own code (test/data/generated/<folder>/<file>.jsonl.gz). */
export function generatedFiles(): { folder: string; file: string; cases: GoldenCase[] }[] {
  const dir = join(ROOT, "test", "data", "generated");
  const out = [];
  for (const folder of readdirSync(dir).sort()) {
    if (!folder.startsWith("flink-")) continue;
    for (const f of readdirSync(join(dir, folder)).sort()) {
      if (!f.endsWith(".jsonl.gz")) continue;
      out.push({ folder: `generated/${folder}`, file: f.replace(/\.gz$/, ""), cases: parseJsonl(gunzipSync(readFileSync(join(dir, folder, f))).toString("utf8")) });
    }
  }
  return out;
}

/** Real-world cases from ../shared/realworld, or [] when shared/ is absent. */
export function realworldFiles(): { folder: string; file: string; cases: GoldenCase[] }[] {
  const dir = join(SHARED_DIR, "realworld");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .sort()
    .map((f) => ({ folder: "realworld", file: f, cases: parseJsonl(readFileSync(join(dir, f), "utf8")) }));
}
