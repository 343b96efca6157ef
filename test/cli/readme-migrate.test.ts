// The README's migrate example is real output: run again, the file (stdout) then the notes (stderr).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/golden.js";

const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const m = /```\n\$ flink-memory (migrate [^\n]*)\n([\s\S]*?)```/.exec(readme);

describe("README: migrate example", () => {
  it("is there, and prints exactly what the README shows", () => {
    expect(m).not.toBeNull();
    const r = spawnSync(process.execPath, [join(ROOT, "bin/flink-memory.js"), ...m![1]!.split(" ")], { cwd: ROOT, encoding: "utf8", env: { ...process.env, FLINK_PROPERTIES: "", FLINK_CONF_DIR: "" } });
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).toBe(m![2]);
  });
});
