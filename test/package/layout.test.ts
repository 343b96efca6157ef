// The layout stays a house one can live in: no source file too big to see, imports between the
// layers running one way, and the config.yaml reader entered through its one public module.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/golden.js";

const MAX_LINES = 700;

/** Every file under `dir` (relative to the root, with '/'), skipping dependencies and build output. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name === "node_modules" || name === "dist") continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(ROOT, p).split(sep).join("/"));
    }
  };
  walk(join(ROOT, dir));
  return out;
}

const SOURCE_DIRS = ["src", "cli", "web"];
const sources = SOURCE_DIRS.flatMap(filesUnder).filter((f) => /\.(ts|mts|js|mjs|css|html)$/.test(f));
const read = (f: string) => readFileSync(join(ROOT, f), "utf8");
const lineCount = (text: string) => text.split("\n").length - (text.endsWith("\n") ? 1 : 0);

/** The module paths a TypeScript file imports or re-exports (static and dynamic). */
function importsOf(text: string): string[] {
  const specs: string[] = [];
  for (const m of text.matchAll(/\b(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) specs.push(m[1]!);
  return specs;
}

/** An import specifier resolved against its file, as a root-relative path. */
function resolveImport(file: string, spec: string): string {
  const parts = file.split("/").slice(0, -1);
  for (const seg of spec.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

describe("layout", () => {
  it(`no source file under ${SOURCE_DIRS.join(", ")} is over ${MAX_LINES} lines`, () => {
    expect(sources.length).toBeGreaterThan(100);
    const big = sources.map((f) => [f, lineCount(read(f))] as const).filter(([, n]) => n > MAX_LINES);
    expect(big).toEqual([]);
  });

  it("the options layer (src/options/) imports nothing from the configuration layer (src/config/)", () => {
    const options = filesUnder("src/options").filter((f) => f.endsWith(".ts"));
    expect(options.length).toBeGreaterThan(2);
    const upward = options.flatMap((f) =>
      importsOf(read(f))
        .filter((spec) => spec.startsWith("."))
        .map((spec) => [f, resolveImport(f, spec)] as const)
        .filter(([, target]) => target.startsWith("src/config/")),
    );
    expect(upward).toEqual([]);
  });

  it("the config.yaml reader (src/config/yaml/) is entered only through its index.ts", () => {
    const outside = [...sources, ...filesUnder("fuzz")].filter((f) => f.endsWith(".ts") && !f.startsWith("src/config/yaml/"));
    const inward = outside.flatMap((f) =>
      importsOf(read(f))
        .filter((spec) => spec.startsWith("."))
        .map((spec) => [f, resolveImport(f, spec)] as const)
        .filter(([, target]) => target.startsWith("src/config/yaml/") && target !== "src/config/yaml/index.js"),
    );
    expect(inward).toEqual([]);
    expect(outside.some((f) => importsOf(read(f)).some((s) => s.endsWith("config/yaml/index.js")))).toBe(true);
  });
});
