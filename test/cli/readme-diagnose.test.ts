// The README's diagnose examples are real output: every `$ flink-memory diagnose …` block in its
// diagnose section is run again and must print exactly what the README shows.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/golden.js";

const BIN = join(ROOT, "bin/flink-memory.js");
const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const section = readme.slice(readme.indexOf("## diagnose:"), readme.indexOf("\n## ", readme.indexOf("## diagnose:") + 3));
const blocks = [...section.matchAll(/```\n\$ flink-memory (diagnose [^\n]*)\n([\s\S]*?)```/g)].map((m) => ({ args: m[1]!.split(" "), output: m[2]! }));

describe("README: diagnose examples", () => {
  it("shows three pastes", () => expect(blocks).toHaveLength(3));
  for (const b of blocks) {
    it(b.args.join(" "), () => {
      const r = spawnSync(process.execPath, [BIN, ...b.args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, FLINK_PROPERTIES: "", NO_COLOR: "1" } });
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(b.output);
    });
  }
});
