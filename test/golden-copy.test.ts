// The project's copy of the golden cases must equal ../shared/golden (run wherever shared/ exists).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GOLDEN_DIR, SHARED_DIR, hasShared } from "./support/golden.js";

describe.runIf(hasShared)("golden copy matches ../shared/golden", () => {
  const shared = join(SHARED_DIR, "golden");
  // describe bodies run even when skipped: only list shared/ when it is there.
  const folders = hasShared ? readdirSync(shared, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : [];
  it("has every shared file and no other", () => {
    const want = folders.flatMap((f) => readdirSync(join(shared, f)).filter((x) => x.endsWith(".jsonl")).map((x) => `${f}/${x}`)).sort();
    const have = readdirSync(GOLDEN_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(join(GOLDEN_DIR, d.name)).filter((x) => x.endsWith(".jsonl.gz")).map((x) => `${d.name}/${x.replace(/\.gz$/, "")}`))
      .sort();
    expect(have).toEqual(want);
  });
  for (const f of folders) {
    for (const file of readdirSync(join(shared, f)).filter((x) => x.endsWith(".jsonl"))) {
      it(`${f}/${file} is identical (run 'npm run golden:refresh' after shared/ changes)`, () => {
        const copy = join(GOLDEN_DIR, f, file + ".gz");
        expect(existsSync(copy)).toBe(true);
        const a = gunzipSync(readFileSync(copy));
        const b = readFileSync(join(shared, f, file));
        expect(a.equals(b)).toBe(true);
      });
    }
  }
});
