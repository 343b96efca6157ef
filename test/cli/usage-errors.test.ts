// Usage errors through the real CLI: every command × every option that takes a value, read
// from the commands' own --help (so a new option is covered without editing this test), given
// a value no option accepts. Each must exit 2 with one line `flink-memory: …` naming the option
// (or, for a file, the path) and nothing on stdout; then the specific rules with what they accept.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/golden.js";

const BIN = join(ROOT, "bin", "flink-memory.js");
const temp = mkdtempSync(join(tmpdir(), "fm-usage-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const run = (args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: temp, encoding: "utf8", input: "", env: { PATH: process.env.PATH ?? "" }, timeout: 30_000 });

const topology = join(temp, "job.yaml");
writeFileSync(topology, "mode: streaming\nvertices: [{name: a, parallelism: 2}, {name: b, parallelism: 2}]\nedges: [{from: a, to: b, partitioning: hash}]\n");

/** Arguments that make each command otherwise valid, so the option under test is what fails. */
const VALID: Record<string, string[]> = {
  batch: [],
  tm: [],
  jm: [],
  local: [],
  explain: ["tm"],
  options: [],
  diff: ["1.16", "2.2"],
  slots: [],
  network: ["--topology", topology],
  lint: [join(ROOT, "test", "data", "lint", "config.yaml")],
  k8s: [join(ROOT, "test", "data", "lint", "flinkdeployment-flat.yaml")],
  fit: ["tm", "--container", "4Gi"],
  size: ["tm"],
  diagnose: [join(ROOT, "test", "data", "diagnose", "iceberg-3695-yarn-kill.txt")],
  migrate: [join(ROOT, "examples", "migrate", "flink-conf.yaml"), "--from", "1.16"],
  schema: [],
  // Starts a server when valid: each bad value must stop it first (spawnSync would wait for it).
  webhook: ["--insecure-http", "--port", "0"],
};
/** bash-java-utils reads its arguments as Flink's BashJavaUtils does (its own tests cover that). */
const OWN_PARSER = ["bash-java-utils"];

const BAD = "@@bad value@@";

function expectUsageError(r: ReturnType<typeof run>, names: string[]): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  const lines = r.stderr.trimEnd().split("\n");
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^flink-memory: \S/);
  expect(names.some((n) => lines[0]!.includes(n)), `${lines[0]} names none of ${names.join(", ")}`).toBe(true);
  expect(r.stderr).not.toMatch(/Exception|\n\s+at /);
}

describe("every command refuses a bad value for every option as a one-line usage error", () => {
  const commands = [...run(["--help"]).stdout.matchAll(/^ {2}([a-z][\w-]*) /gm)].map((m) => m[1]!).filter((c) => c !== "help");

  it("the list of commands is the CLI's", () => {
    expect(commands.filter((c) => !OWN_PARSER.includes(c)).sort()).toEqual(Object.keys(VALID).sort());
  });

  for (const command of Object.keys(VALID)) {
    it(command, () => {
      const help = run([command, "--help"]).stdout;
      const options = [...help.matchAll(/^ {2}(?:-\w, )?(--[\w-]+) <[^>]+>/gm)].map((m) => m[1]!);
      expect(options).toContain("--flink");
      for (const option of options) {
        const r = run([command, ...VALID[command]!.filter((_, i, a) => a[i - 1] !== option && a[i] !== option), option, BAD]);
        // A file option names the file it cannot read; -D says what it expects.
        expectUsageError(r, [option, BAD, option === "--dynamic" ? "-D" : option]);
      }
    });
  }
});

describe("each rule says what it accepts", () => {
  const cases: [string[], string, RegExp][] = [
    [["tm", "--flink", "3.0"], "--flink", /Supported: 1\.10, .*2\.3, or a patch release/],
    [["options", "--flink", "1.9"], "--flink", /Supported: /],
    [["diff", "1.16", "3.1"], "'to'", /Supported: /],
    [["diff", "0.9"], "'from'", /Supported: /],
    [["tm", "--format", "xml"], "--format", /Allowed choices are text, json, yaml, flags\./],
    [["local", "--format", "flags"], "--format", /Allowed choices are text, json, yaml\./],
    [["lint", "x.yaml", "--format", "html"], "--format", /text, json, sarif/],
    [["lint", "x.yaml", "--fail-on", "critical"], "--fail-on", /error, warning, note, none/],
    [["explain", "xm"], "'process'", /Allowed choices are tm, jm\./],
    [["fit", "vm", "--container", "4Gi"], "'process'", /tm, jm/],
    [["fit", "tm", "--container", "lots"], "--container", /memory size: Flink's \(512m, 4g, 4096 mb\) or a Kubernetes quantity/],
    [["fit", "tm", "--container", "4Gi", "--min-heap", "-1g"], "--min-heap", /memory size/],
    [["size", "tm", "--managed-per-slot", "1 parsec"], "--managed-per-slot", /memory size/],
    [["fit", "tm", "--container", "4Gi", "--slots", "0"], "--slots", /whole number from 1 to 2147483647/],
    [["size", "tm", "--slots", "2147483648"], "--slots", /whole number/],
    [["slots", "--operators", "1.5"], "--operators", /whole number/],
    [["slots", "--stateful-operators", "-2"], "--stateful-operators", /whole number/],
    [["size", "tm", "--managed-fraction", "1"], "--managed-fraction", /at least 0 and below 1/],
    [["slots", "--consumers", "STATE_BACKEND,GPU"], "--consumers", /OPERATOR, STATE_BACKEND, PYTHON/],
    [["slots", "--state-backend", "memory"], "--state-backend", /rocksdb, hashmap/],
    [["fit", "tm"], "--container", /required option/],
    [["tm", "--flink"], "--flink", /argument missing/],
    [["webhook", "--insecure-http", "--port", "http"], "--port", /port number from 0 to 65535/],
    [["webhook", "--insecure-http", "--host", "-x"], "--host", /IP address .* or a host name/],
    [["webhook", "--insecure-http", "--max-body", "1 parsec"], "--max-body", /from 1Ki to 1Gi/],
    [["webhook", "--insecure-http", "--shutdown-timeout", "forever"], "--shutdown-timeout", /duration from 10ms to 60m/],
  ];
  for (const [args, names, accepts] of cases) {
    it(args.join(" "), () => {
      const r = run(args);
      expectUsageError(r, [names]);
      expect(r.stderr).toMatch(accepts);
    });
  }

  it("values the rules accept still run: any case for --state-backend, a patch version, a Kubernetes size", () => {
    expect(run(["slots", "--state-backend", "RocksDB", "-D", "taskmanager.memory.process.size=2g"]).status).toBe(0);
    expect(run(["tm", "--flink", "1.13.6", "-D", "taskmanager.memory.process.size=2g", "--format", "flags"]).status).toBe(0);
    expect(run(["fit", "tm", "--container", "4096Mi", "--min-heap", "1g", "--slots", "4"]).status).toBe(0);
  });

  it("a value spread over lines is still reported on one line", () => {
    const r = run(["tm", "--format", "json\nflags"]);
    expectUsageError(r, ["--format"]);
  });
});

describe("applyValueRules", () => {
  it("refuses a value-taking option or argument that has no rule, so none goes unchecked", async () => {
    const { Command } = await import("commander");
    const { applyValueRules } = await import("../../cli/option-values.js");
    const withOption = new Command();
    withOption.command("x").option("--undeclared <v>");
    expect(() => applyValueRules(withOption)).toThrow(/x --undeclared <v>: no value rule/);
    const withArgument = new Command();
    withArgument.command("y").argument("<thing>");
    expect(() => applyValueRules(withArgument)).toThrow(/y <thing>: no value rule/);
    const ruled = new Command();
    ruled.command("z").option("--flink <version>").option("--verbose");
    expect(() => applyValueRules(ruled)).not.toThrow();
  });
});

describe("usage errors quote no value of an unknown --key=value", () => {
  it("names the mistyped option, not its value", () => {
    const r = run(["tm", "--s3.secret-key=hunter2-canary"]);
    expectUsageError(r, ["--s3.secret-key"]);
    expect(r.stderr).not.toContain("hunter2-canary");
  });
});
