// `bash-java-utils MIGRATE_LEGACY_FLINK_CONFIGURATION_TO_STANDARD_YAML` prints what Flink 1.20's
// BashJavaUtils prints (stdout, the exception line, the exit code), checked against Flink's own
// BashJavaUtils compiled from release-1.20.0 for these same directories.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runBashJavaUtils } from "../../cli/bash-java-utils.js";
import { ROOT } from "../support/golden.js";

const root = mkdtempSync(join(tmpdir(), "fm-migrate-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const CMD = "MIGRATE_LEGACY_FLINK_CONFIGURATION_TO_STANDARD_YAML";

function confDir(name: string, flinkConf?: string, extra: Record<string, string> = {}): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  if (flinkConf !== undefined) writeFileSync(join(dir, "flink-conf.yaml"), flinkConf);
  for (const [f, text] of Object.entries(extra)) writeFileSync(join(dir, f), text);
  return dir;
}

describe("bash-java-utils MIGRATE_LEGACY_FLINK_CONFIGURATION_TO_STANDARD_YAML", () => {
  it("prints the migrated lines after the prefix, ignoring -D and config.yaml", () => {
    const dir = confDir("ok", "a.b: 1\nk: café\n", { "config.yaml": "z: 1\n" });
    const r = runBashJavaUtils([CMD, "--configDir", dir, "-D", "a.b=2"]);
    expect(r).toEqual({ stdout: ["BASH_JAVA_UTILS_EXEC_RESULT:a:", "BASH_JAVA_UTILS_EXEC_RESULT:  b: '1'", "BASH_JAVA_UTILS_EXEC_RESULT:k: café"], stderr: [], exitCode: 0 });
  });

  it("fails with a bare IllegalStateException without flink-conf.yaml", () => {
    const dir = confDir("none", undefined, { "config.yaml": "x: 1\n" });
    for (const d of [dir, join(root, "missing")]) {
      expect(runBashJavaUtils([CMD, "--configDir", d])).toEqual({ stdout: [], stderr: ['Exception in thread "main" java.lang.IllegalStateException'], exitCode: 1 });
    }
  });

  it("a flink-conf.yaml directory fails as Flink's reader does", () => {
    const dir = confDir("isdir");
    mkdirSync(join(dir, "flink-conf.yaml"));
    const r = runBashJavaUtils([CMD, "--configDir", dir]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toEqual(['Exception in thread "main" java.lang.RuntimeException: Error parsing YAML configuration.', `Caused by: java.io.FileNotFoundException: ${dir}/flink-conf.yaml (Is a directory)`]);
  });

  it("a key under another key's value fails with Java's ClassCastException, quoting no value", () => {
    const dir = confDir("conflict", "metrics.reporter.prom: s3cr3t\nmetrics.reporter.prom.port: 9249\n");
    const r = runBashJavaUtils([CMD, "--configDir", dir]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.join("\n")).toContain("java.lang.ClassCastException: class java.lang.String cannot be cast to class java.util.Map");
    expect(r.stderr.join("\n")).not.toMatch(/s3cr3t|9249/);
  });

  it("exists from Flink 1.19; 2.x is not modelled (it reads no flink-conf.yaml)", () => {
    const dir = confDir("v", "a: b\n");
    expect(runBashJavaUtils([CMD, "--configDir", dir, "--flink", "1.19"]).exitCode).toBe(0);
    expect(runBashJavaUtils([CMD, "--configDir", dir, "--flink", "1.18"]).stderr[0]).toBe(
      `Exception in thread "main" java.lang.IllegalArgumentException: No enum constant org.apache.flink.runtime.util.bash.BashJavaUtils.Command.${CMD}`,
    );
    const r = runBashJavaUtils([CMD, "--configDir", dir, "--flink", "2.0"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr[0]).toMatch(/^flink-memory: .*1\.19 and 1\.20 only/);
  });

  it("--jdk picks the JVM whose HashMap order Flink's output follows (ours, not Flink's option)", () => {
    const data = join(ROOT, "test", "data", "migrate", "flink-1.20");
    const dir = confDir("jdk", readFileSync(join(data, "edge", "dup.yaml"), "utf8"));
    const out = (extra: string[]) => runBashJavaUtils([CMD, "--configDir", dir, ...extra]).stdout.map((l) => l + "\n").join("");
    expect(out([])).toBe(readFileSync(join(data, "edge", "dup.yaml.out"), "utf8"));
    expect(out(["--jdk", "11"])).toBe(readFileSync(join(data, "edge", "dup.yaml.out"), "utf8"));
    expect(out(["--jdk=25"])).toBe(readFileSync(join(data, "jdk25", "edge", "dup.yaml.out"), "utf8"));
    for (const bad of ["7", "x", "", "100"]) {
      const r = runBashJavaUtils([CMD, "--configDir", dir, "--jdk", bad]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toEqual(["flink-memory: option '--jdk <major>' argument is invalid. Expected a Java major version from 8 to 99, such as 17."]);
    }
  });

  it("the real CLI writes the lines to stdout and exits 0", () => {
    const dir = confDir("bin", "taskmanager.memory.process.size: 1728m\nfoo: true\n");
    const bin = join(ROOT, "bin", "flink-memory.js");
    const r = spawnSync(process.execPath, [bin, "bash-java-utils", CMD, "--configDir", dir], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      ["taskmanager:", "  memory:", "    process:", "      size: 1728m", "foo: 'true'"].map((l) => `BASH_JAVA_UTILS_EXEC_RESULT:${l}\n`).join(""),
    );
  });
});
