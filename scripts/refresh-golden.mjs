#!/usr/bin/env node
// Refreshes the project's copy of Flink's golden cases from ../shared/golden (gzip-compressed
// JSON Lines under test/data/golden/<folder>/<file>.jsonl.gz). Run after shared/ changes.
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync, rmSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const shared = join(root, "..", "shared", "golden");
const target = join(root, "test", "data", "golden");
if (!existsSync(shared)) {
  console.error(`refresh-golden: ${shared} not found`);
  process.exit(2);
}
rmSync(target, { recursive: true, force: true });
let files = 0;
for (const folder of readdirSync(shared, { withFileTypes: true })) {
  if (!folder.isDirectory()) continue;
  for (const f of readdirSync(join(shared, folder.name))) {
    if (!f.endsWith(".jsonl")) continue;
    mkdirSync(join(target, folder.name), { recursive: true });
    const data = readFileSync(join(shared, folder.name, f));
    // mtime 0 keeps the archive bytes stable across refreshes.
    writeFileSync(join(target, folder.name, f + ".gz"), gzipSync(data, { level: 9 }));
    files++;
  }
}
writeFileSync(join(target, "README.md"), readFileSync(join(shared, "README.md")));
console.log(`refresh-golden: ${files} files copied to test/data/golden`);
