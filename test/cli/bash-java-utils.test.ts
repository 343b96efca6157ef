// The BashJavaUtils drop-in prints exactly Flink's lines for every golden and real-world case.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseBashJavaUtilsArgs, runBashJavaUtils } from "../../cli/bash-java-utils.js";
import { parseFlinkArgs } from "../../cli/bash-java-utils-args.js";
import { goldenFiles, realworldFiles, ROOT, type GoldenCase } from "../support/golden.js";
import { has } from "../../src/versions/features.js";
import { flinkVersion } from "../../src/versions/version.js";

const root = mkdtempSync(join(tmpdir(), "fm-bju-"));
afterAll(() => rmSync(root, { recursive: true, force: true }), 120_000);
let n = 0;

/** Writes the case's files into a fresh conf dir and returns BashJavaUtils-style arguments. */
function confDirArgs(c: GoldenCase): string[] {
  const dir = join(root, String(n++));
  mkdirSync(dir, { recursive: true });
  if (c.input.configYaml !== undefined) writeFileSync(join(dir, "config.yaml"), c.input.configYaml);
  if (c.input.flinkConfYaml !== undefined) writeFileSync(join(dir, "flink-conf.yaml"), c.input.flinkConfYaml);
  // Flink needs the file it reads to exist (an empty one: the oracle's conf dir always has it).
  if (c.input.configYaml === undefined && c.input.flinkConfYaml === undefined) writeFileSync(join(dir, has(flinkVersion(c.flink), "standardYamlFile") ? "config.yaml" : "flink-conf.yaml"), "");
  return ["--configDir", dir, ...(c.input.dynamic ?? []).flatMap(([k, v]) => ["-D", `${k}=${v}`]), "--flink", c.flink];
}

function check(c: GoldenCase): string | null {
  const args = confDirArgs(c);
  const commands =
    c.mode === "jm" ? ["GET_JM_RESOURCE_PARAMS"] : c.flink === "1.10" ? ["GET_TM_RESOURCE_JVM_PARAMS", "GET_TM_RESOURCE_DYNAMIC_CONFIGS"] : ["GET_TM_RESOURCE_PARAMS"];
  const stdout: string[] = [];
  for (const cmd of commands) {
    const r = runBashJavaUtils([cmd, ...args]);
    if (c.expected.error) {
      if (r.exitCode === 0) return `expected failure, got ${r.stdout.join(" | ")}`;
      if (!r.stderr[0]?.endsWith(`: ${c.expected.error.message}`)) return `stderr ${r.stderr[0]} lacks ${c.expected.error.message}`;
      return null;
    }
    if (r.exitCode !== 0) return `failed: ${r.stderr.join(" | ")}`;
    stdout.push(...r.stdout);
  }
  const want = c.expected.bashJavaUtils as string[];
  return JSON.stringify(stdout) === JSON.stringify(want) ? null : `want ${JSON.stringify(want)} got ${JSON.stringify(stdout)}`;
}

function checkAll(files: { folder: string; file: string; cases: GoldenCase[] }[]) {
  for (const { folder, file, cases } of files) {
    const relevant = cases.filter((c) => (c.mode === "tm" || c.mode === "jm") && (c.expected.error || c.expected.bashJavaUtils));
    if (relevant.length === 0) continue;
    it(`${folder}/${file}: ${relevant.length} cases print Flink's lines`, () => {
      const bad = relevant.map((c) => [c.id, check(c)] as const).filter(([, why]) => why !== null);
      expect(bad.slice(0, 5)).toEqual([]);
    });
  }
}

describe("bash-java-utils vs golden bashJavaUtils lines", () => {
  checkAll(goldenFiles());
});

const real = realworldFiles();
describe.runIf(real.length > 0)("bash-java-utils on ../shared/realworld", () => {
  checkAll(real);
});

describe("bash-java-utils command line", () => {
  it("takes arguments as Flink's scripts pass them", () => {
    const args = parseBashJavaUtilsArgs(["--configDir", "/c", "-Da=1", "-D", "b=2=3", "-x", "--flink", "1.20"]);
    expect(args).toEqual({ flink: "1.20", rest: ["--configDir", "/c", "-Da=1", "-D", "b=2=3", "-x"] });
    expect(parseFlinkArgs(args.rest)).toEqual({ ok: true, configDir: "/c", dynamic: [["a", "1"], ["b", "2=3"]] });
  });

  it("the real CLI prints the lines and exits 0, or the exception and exits 1", () => {
    const dir = join(root, "cli");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "config.yaml"), "jobmanager.memory.process.size: 1600m\n");
    const bin = join(ROOT, "bin", "flink-memory.js");
    const ok = spawnSync(process.execPath, [bin, "bash-java-utils", "GET_JM_RESOURCE_PARAMS", "--configDir", dir], { encoding: "utf8" });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe(
      "BASH_JAVA_UTILS_EXEC_RESULT:-Xmx1073741824 -Xms1073741824 -XX:MaxMetaspaceSize=268435456\n" +
        "BASH_JAVA_UTILS_EXEC_RESULT:-D jobmanager.memory.off-heap.size=134217728b -D jobmanager.memory.jvm-overhead.min=201326592b -D jobmanager.memory.jvm-metaspace.size=268435456b -D jobmanager.memory.heap.size=1073741824b -D jobmanager.memory.jvm-overhead.max=201326592b\n",
    );
    const bad = spawnSync(process.execPath, [bin, "bash-java-utils", "GET_TM_RESOURCE_PARAMS", "--configDir", dir], { encoding: "utf8" });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toMatch(/^Exception in thread "main" org\.apache\.flink\.configuration\.IllegalConfigurationException: TaskManager memory configuration failed: Either required/);
  });
});
