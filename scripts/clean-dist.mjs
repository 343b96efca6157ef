// Build step: removes what the previous TypeScript build emitted, so a source file deleted or
// renamed since leaves no stale .js (and source map pointing at a missing source) to be packed.
import { rmSync } from "node:fs";

for (const dir of ["dist/src", "dist/cli"]) rmSync(new URL(`../${dir}`, import.meta.url), { recursive: true, force: true });
