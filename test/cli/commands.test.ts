// End to end: tm, jm, local and explain through the real CLI.
import { NEWEST_LINE } from "../../src/versions/version.js";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/golden.js";

const BIN = join(ROOT, "bin", "flink-memory.js");
const TEMP: string[] = [];
const tempDir = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  TEMP.push(d);
  return d;
};
afterAll(() => TEMP.forEach((d) => rmSync(d, { recursive: true, force: true })));
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { PATH: process.env.PATH ?? "", ...env } });

describe("flink-memory tm / jm / local", () => {
  it("resolves the README example and prints the table and flags", () => {
    const r = run(["tm", "--config", join(ROOT, "examples", "config.yaml")]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Total Process Memory\s+4294967296\s+4 GiB\s+100.0%\s+configured/);
    expect(r.stdout).toContain("JVM flags:       -Xmx1664299798 -Xms1664299798 -XX:MaxDirectMemorySize=493921243 -XX:MaxMetaspaceSize=268435456");
  });

  it("--format flags prints only the JVM flags; json is parseable", () => {
    const f = run(["tm", "-D", "taskmanager.memory.process.size=4g", "--format", "flags"]);
    expect(f.stdout).toBe("-Xmx1664299798 -Xms1664299798 -XX:MaxDirectMemorySize=493921243 -XX:MaxMetaspaceSize=268435456\n");
    const j = run(["jm", "-Djobmanager.memory.process.size=1600m", "--format", "json", "--flink", "1.20"]);
    expect(JSON.parse(j.stdout)).toMatchObject({ flink: "1.20", jvmHeap: "1073741824", offHeap: "134217728" });
  });

  it("reads a conf dir as that Flink version does (1.20 prefers flink-conf.yaml)", () => {
    const dir = tempDir("fm-");
    writeFileSync(join(dir, "flink-conf.yaml"), "taskmanager.memory.process.size: 2g\n");
    writeFileSync(join(dir, "config.yaml"), "taskmanager.memory.process.size: 8g\n");
    const flag = (v: string) => run(["tm", "--config-dir", dir, "--flink", v, "--format", "json"]);
    expect(JSON.parse(flag("1.20").stdout).totalProcess).toBe(String(2n * 1024n ** 3n));
    expect(JSON.parse(flag("2.0").stdout).totalProcess).toBe(String(8n * 1024n ** 3n));
    const env = run(["tm", "--format", "json"], { FLINK_CONF_DIR: dir });
    expect(JSON.parse(env.stdout).totalProcess).toBe(String(8n * 1024n ** 3n));
  });

  it("an invalid configuration exits 1 with Flink's message on stderr, no stack trace", () => {
    const r = run(["jm", "-D", "jobmanager.memory.process.size=500m"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      "The configured Total Flink Memory (52.000mb (54525952 bytes)) is less than the configured Off-heap Memory (128.000mb (134217728 bytes)).",
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("usage errors exit 2", () => {
    expect(run(["tm", "--flink", "0.9"]).status).not.toBe(0);
    expect(run(["tm", "-D", "novalue"]).status).toBe(2);
    expect(run(["nope"]).status).toBe(2);
    expect(run(["tm", "--config", "/nonexistent/config.yaml"]).status).toBe(2);
  });

  it("local shows what a MiniCluster gets", () => {
    const r = run(["local", "--format", "json", "-D", "taskmanager.memory.managed.size=256m"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ managed: String(256n * 1024n ** 2n), network: String(64n * 1024n ** 2n) });
  });
});

describe("flink-memory explain", () => {
  it("walks through the derivation with numbers", () => {
    const r = run(["explain", "tm", "-D", "taskmanager.memory.process.size=1728m"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Path: Total Process Memory is set");
    expect(r.stdout).toContain("JVM Overhead = 192 MiB (201326592 bytes): 10% × Total Process Memory (1.688 GiB) = 172.8 MiB");
    expect(r.stdout).toContain("so raised to the minimum");
    expect(r.stdout).toContain("Task Heap = 384 MiB (402653174 bytes): what is left of Total Flink Memory");
  });

  it("names the failing step", () => {
    const r = run(["explain", "tm", "-D", "taskmanager.memory.process.size=512m"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAILED here: TaskManager memory configuration failed: Sum of configured Framework Heap Memory/);
  });
});

describe("flink-memory options and key warnings", () => {
  it("lists every memory option of a version with its default", () => {
    const r = run(["options", "--flink", "1.16"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("taskmanager.memory.network.max");
    expect(r.stdout).toMatch(/taskmanager\.memory\.network\.max\n\s+default: 1 gb/);
    expect(run(["options", "--flink", "2.0"]).stdout).toMatch(/taskmanager\.memory\.network\.max\n\s+default: infinite/);
    expect(run(["options", "--flink", "2.0"]).stdout).not.toContain("taskmanager.heap.size");
    const j = JSON.parse(run(["options", "--format", "json"]).stdout) as { key: string }[];
    expect(j.some((o) => o.key === "jobmanager.memory.enable-jvm-direct-memory-limit")).toBe(true);
  });

  it("warns about misspelled and removed keys on stderr, with the nearest valid key", () => {
    const r = run(["tm", "-D", "taskmanager.memory.procces.size=4g", "-D", "taskmanager.memory.process.size=4g", "-D", "taskmanager.heap.size=1g", "--flink", "2.0"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("warning: -D: 'taskmanager.memory.procces.size' is not a Flink 2.0 memory option; Flink ignores it. Did you mean 'taskmanager.memory.process.size'?");
    expect(r.stderr).toContain("'taskmanager.heap.size' was removed in Flink 2.0");
  });

  it("a closed pipe ends quietly", () => {
    const r = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" options | head -1`], { encoding: "utf8" });
    expect(r.stderr).toBe("");
  });
});

describe("terminal diagram and colour", () => {
  it("draws a proportional bar, plain when not a TTY or NO_COLOR is set", () => {
    const plain = run(["tm", "-D", "taskmanager.memory.process.size=4g"]);
    const bar = /\n\[([A-Za-z]+)\]\n/.exec(plain.stdout)![1]!;
    expect(bar.length).toBeGreaterThanOrEqual(40);
    expect(plain.stdout).not.toContain("\u001b[");
    // Task heap (1.425 GiB of 4 GiB) takes about 35.6% of the cells.
    const share = (bar.match(/T/g) ?? []).length / bar.length;
    expect(share).toBeGreaterThan(0.33);
    expect(share).toBeLessThan(0.38);
    const forced = run(["tm", "-D", "taskmanager.memory.process.size=4g"], { FORCE_COLOR: "1" });
    expect(forced.stdout).toContain("\u001b[");
    const noColour = run(["tm", "-D", "taskmanager.memory.process.size=4g"], { FORCE_COLOR: "1", NO_COLOR: "1" });
    expect(noColour.stdout).not.toContain("\u001b[");
  });
});

describe("awkward input files", () => {
  const dir = tempDir("fm-in-");
  it("an empty config.yaml is an empty configuration", () => {
    writeFileSync(join(dir, "empty.yaml"), "");
    const r = run(["tm", "--config", join(dir, "empty.yaml")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("need to be configured explicitly");
  });
  it("non-UTF-8 bytes are replaced as Java does, with a warning", () => {
    writeFileSync(join(dir, "latin1.yaml"), Buffer.from("# caf\xe9\ntaskmanager.memory.process.size: 2g\n", "latin1"));
    const r = run(["tm", "--config", join(dir, "latin1.yaml"), "--format", "json"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("is not valid UTF-8");
  });
  it("a BOM and CRLF line ends are read", () => {
    writeFileSync(join(dir, "bom.yaml"), "\uFEFFtaskmanager.memory.process.size: 2g\r\n");
    expect(run(["tm", "--config", join(dir, "bom.yaml"), "--format", "flags"]).status).toBe(0);
  });
  it("a file over 10 MiB is refused with the limit and why", () => {
    writeFileSync(join(dir, "big.yaml"), "#".repeat(10 * 1024 * 1024 + 1));
    const r = run(["tm", "--config", join(dir, "big.yaml")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/over 10485760 bytes \(10 MiB\) are refused/);
  });
  it("a conf dir with both files: the version decides, and says so", () => {
    writeFileSync(join(dir, "config.yaml"), "taskmanager.memory.process.size: 2g\n");
    writeFileSync(join(dir, "flink-conf.yaml"), "taskmanager.memory.process.size: 3g\n");
    const r = run(["tm", "--config-dir", dir, "--flink", "1.20", "--format", "json"]);
    expect(r.stderr).toContain(`warning: Flink 1.20 reads ${join(dir, "flink-conf.yaml")} and ignores ${join(dir, "config.yaml")}: it reads flink-conf.yaml when present, else config.yaml`);
    const doc = JSON.parse(r.stdout);
    expect(doc.totalProcess).toBe(String(3n * 1024n ** 3n));
    expect(doc.configFiles).toMatchObject({ read: { file: join(dir, "flink-conf.yaml"), as: "flink-conf.yaml", format: "legacy" }, ignored: [{ file: join(dir, "config.yaml"), reason: "shadowed" }] });
  });
});

describe("--format yaml", () => {
  it("prints a YAML document that reads back to the JSON one", async () => {
    const { parse } = await import("yaml");
    const y = run(["tm", "-D", "taskmanager.memory.process.size=4g", "--format", "yaml"]);
    const j = run(["tm", "-D", "taskmanager.memory.process.size=4g", "--format", "json"]);
    expect(y.status).toBe(0);
    expect(parse(y.stdout)).toEqual(JSON.parse(j.stdout));
    expect(run(["tm", "--format", "xml"]).status).toBe(2);
  });
});

describe("every command", () => {
  const listed = run(["--help"]).stdout.split("Commands:")[1]!.split("\n").map((l) => /^ {2}([a-z0-9-]+)/.exec(l)?.[1]).filter((c): c is string => c !== undefined && c !== "help");
  it("--help lists the commands, and each has --help with real examples", () => {
    expect(listed).toEqual(expect.arrayContaining(["tm", "jm", "local", "explain", "options", "diff", "batch", "bash-java-utils", "slots", "network", "lint", "k8s", "fit", "size"]));
    for (const c of listed) {
      const r = run([c, "--help"]);
      expect(r.status, c).toBe(0);
      expect(r.stdout, c).toMatch(/Examples?:\n {2}(echo .* \| )?flink-memory [a-z]/);
      expect(r.stderr, c).toBe("");
    }
  });
  it("--flink is accepted by every command", () => {
    const accepts = (c: string) => run([c, "--help"]).stdout.includes("--flink");
    expect(listed.filter((c) => !accepts(c))).toEqual([]);
  });
  it("diff compares with --flink, else the newest version, when <to> is not given", () => {
    const firstLine = (args: string[]) => run(["diff", ...args]).stdout.split("\n")[0];
    expect(firstLine(["1.16", "--flink", "2.0"])).toBe("Memory configuration: Flink 1.16 → Flink 2.0");
    expect(firstLine(["1.16"])).toBe(`Memory configuration: Flink 1.16 → Flink ${NEWEST_LINE}`);
    const both = run(["diff", "1.16", "2.2", "--flink", "2.0"]);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain("would name a third version");
  });
});
