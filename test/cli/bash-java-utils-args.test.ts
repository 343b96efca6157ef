// The drop-in reads BashJavaUtils' arguments as Flink 2.2.1's own BashJavaUtils does: answers
// recorded by running Flink's class (test/data/bash-java-utils), compared line by line.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseFlinkArgs } from "../../cli/bash-java-utils-args.js";
import { ROOT } from "../support/golden.js";

interface Recorded {
  args: string[];
  exit: number;
  result: string[];
  exception: string[];
}
const data = JSON.parse(readFileSync(join(ROOT, "test", "data", "bash-java-utils", "flink-2.2.1-args.json"), "utf8")) as { cases: Recorded[] };
const cwd = realpathSync(mkdtempSync(join(tmpdir(), "fm-bju-args-")));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
mkdirSync(join(cwd, "A"));
mkdirSync(join(cwd, "C"));
writeFileSync(join(cwd, "A", "config.yaml"), "taskmanager.memory.process.size: 2g\njobmanager.memory.process.size: 1600m\n");

describe("bash-java-utils arguments, as Flink 2.2.1's BashJavaUtils reads them", () => {
  it(`${data.cases.length} recorded runs: the same result lines, or the same exception and causes`, () => {
    const wrong: string[] = [];
    for (const c of data.cases) {
      const r = spawnSync(process.execPath, [join(ROOT, "bin", "flink-memory.js"), "bash-java-utils", ...c.args, "--flink", "2.2"], { cwd, encoding: "utf8" });
      const result = r.stdout.split("\n").filter((l) => l.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"));
      const exception = r.stderr.split("\n").filter((l) => l.startsWith("Exception in thread") || l.startsWith("Caused by:")).map((l) => l.split(cwd).join("<cwd>"));
      const same = (c.exit === 0) === (r.status === 0) && JSON.stringify(result) === JSON.stringify(c.result) && JSON.stringify(exception) === JSON.stringify(c.exception);
      if (!same) wrong.push(`${c.args.join(" ")}: want ${JSON.stringify([c.result, c.exception])} got ${JSON.stringify([result, exception])}`);
    }
    expect(wrong).toEqual([]);
  }, 60_000);

  it("-Dkey means key=true; the value splits at the first '='; the first --configDir wins; later -D keys win", () => {
    expect(parseFlinkArgs(["--configDir", "a", "-Dk"])).toEqual({ ok: true, configDir: "a", dynamic: [["k", "true"]] });
    expect(parseFlinkArgs(["-c", "a", "-Dk=v=w", "-D", "x=1", "-Dx=2", "--configDir", "b"])).toEqual({ ok: true, configDir: "a", dynamic: [["k", "v=w"], ["x", "2"]] });
    expect(parseFlinkArgs(["--configDir=a"])).toMatchObject({ ok: false, cause: { message: "Missing required option: c" } });
    expect(parseFlinkArgs(["-c", "a", "-D", "k"])).toMatchObject({ ok: false, cause: { message: "Missing argument for option: D" } });
  });
});
