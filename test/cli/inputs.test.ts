// End to end: every command reads the given file as the release in question reads it
// (Flink's GlobalConfiguration per release), with the real files of test/data/conf-files.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/golden.js";

const BIN = join(ROOT, "bin", "flink-memory.js");
const REAL = join(ROOT, "test", "data", "conf-files");
const TMP = mkdtempSync(join(tmpdir(), "fm-inputs-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const run = (args: string[], opts: { env?: Record<string, string>; input?: string; cwd?: string } = {}) =>
  spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...opts.env },
    ...(opts.input !== undefined ? { input: opts.input } : {}),
    cwd: opts.cwd ?? TMP,
  });

const SHIPPED_116 = join(REAL, "flink-1.16", "flink-conf.yaml");
const SHIPPED_1200 = join(REAL, "flink-1.20.0", "config.yaml");
const SHIPPED_221 = join(REAL, "flink-2.2.1-rc2", "config.yaml");
const MiB = 1024n ** 2n;

/** A conf dir holding copies of the given files under their own names. */
function confDir(name: string, files: Record<string, string>): string {
  const d = join(TMP, name);
  mkdirSync(d, { recursive: true });
  for (const [as, from] of Object.entries(files)) copyFileSync(from, join(d, as));
  return d;
}

describe("diff reads the file per version on each side", () => {
  it("diff 1.16 2.2 --config <1.16's flink-conf.yaml>: 1.16 resolves it, 2.2 ignores it and says so", () => {
    const r = run(["diff", "1.16", "2.2", "--config", SHIPPED_116]);
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toContain(`  Flink 1.16: reads ${SHIPPED_116}\n`);
    expect(out).toContain("  Flink 2.2: reads no file\n");
    expect(out).toContain(`Flink 2.2 reads only config.yaml and ignores ${SHIPPED_116}: migrate it to config.yaml`);
    expect(out).toContain("resolves as if no configuration file were given");
    const tm = out.slice(out.indexOf("TaskManager with this configuration:"));
    expect(tm).toMatch(/^ {2}Flink 1\.16: resolves \(Total Process Memory 1\.688 GiB\)$/m);
    expect(tm).toMatch(/^ {2}Flink 2\.2: fails: TaskManager memory configuration failed: Either required fine-grained memory/m);
    const jm = out.slice(out.indexOf("JobManager with this configuration:"));
    expect(jm).toMatch(/^ {2}Flink 1\.16: resolves \(Total Process Memory 1\.563 GiB\)$/m);
    expect(jm).toMatch(/^ {2}Flink 2\.2: fails: /m);
  });

  it("the other way round: 2.2's config.yaml is ignored by 1.16 and read by 2.2", () => {
    const out = run(["diff", "1.16", "2.2", "--config", SHIPPED_221]).stdout;
    expect(out).toContain("  Flink 1.16: reads no file\n");
    expect(out).toContain(`Flink 1.16 reads only flink-conf.yaml and ignores ${SHIPPED_221}`);
    expect(out).toContain(`  Flink 2.2: reads ${SHIPPED_221}\n`);
    expect(out).toMatch(/^ {2}Flink 2\.2: resolves \(Total Process Memory 1\.688 GiB\)$/m);
  });

  it("a conf dir with both files: each release reads its own; a side without its file does not start", () => {
    const both = confDir("diff-both", { "flink-conf.yaml": SHIPPED_116, "config.yaml": SHIPPED_221 });
    const out = run(["diff", "1.16", "2.2", "--config-dir", both]).stdout;
    expect(out).toContain(`  Flink 1.16: reads ${join(both, "flink-conf.yaml")}\n`);
    expect(out).toContain(`  Flink 2.2: reads ${join(both, "config.yaml")}\n`);
    const legacyOnly = confDir("diff-legacy", { "flink-conf.yaml": SHIPPED_116 });
    const r = run(["diff", "1.16", "2.0", "--config-dir", legacyOnly]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`  Flink 2.0: does not start: ${legacyOnly} has no config.yaml: Flink 2.0 reads only config.yaml from its conf dir`);
  });
});

describe("one release, a file it does not read", () => {
  it("config.yaml given to 1.16: a warning naming the file, no skipped-line warnings, fixes after a hint", () => {
    const r = run(["tm", "--config", SHIPPED_1200, "--flink", "1.16"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`warning: Flink 1.16 reads only flink-conf.yaml and ignores ${SHIPPED_1200}: write its keys as flat 'key: value' lines in flink-conf.yaml\n`);
    expect(r.stderr).toContain("warning: Flink 1.16 reads no file here: it resolves as if no configuration file were given\n");
    expect(r.stderr).not.toMatch(/flink-conf\.yaml:\d+/);
    expect(r.stderr).not.toContain("not a key-value pair");
    expect(r.stderr).toContain(`hint: Flink 1.16 did not read ${SHIPPED_1200}`);
  });

  it("flink-conf.yaml given to 2.2 (JSON): configFiles says it was ignored, and why", () => {
    const r = run(["tm", "--config", SHIPPED_116, "--flink", "2.2", "--format", "json"]);
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.configFiles).toEqual({
      read: null,
      ignored: [{ file: SHIPPED_116, as: "flink-conf.yaml", reason: "not-read", message: expect.stringContaining("Flink 2.2 reads only config.yaml") }],
      notes: [],
    });
    expect(r.stderr).toContain(`warning: Flink 2.2 reads only config.yaml and ignores ${SHIPPED_116}`);
  });

  it("skipped lines of a flink-conf.yaml are reported under the file's real path", () => {
    const p = join(TMP, "skip", "flink-conf.yaml");
    mkdirSync(join(TMP, "skip"), { recursive: true });
    writeFileSync(p, "taskmanager.memory.process.size: 2g\ntaskmanager.numberOfTaskSlots:4\n");
    const r = run(["tm", "--config", p, "--flink", "1.16"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`warning: ${p}:2: line is not a key-value pair`);
  });

  it("every command that reads a configuration says which file it ignored; none quotes a value", () => {
    const p = join(TMP, "secret", "flink-conf.yaml");
    mkdirSync(join(TMP, "secret"), { recursive: true });
    writeFileSync(p, "s3.secret-key: canary-7f3a\ntaskmanager.memory.process.size: 2g\njobmanager.memory.process.size: 1g\n");
    const topology = join(TMP, "job.yaml");
    writeFileSync(topology, "mode: streaming\nvertices: [{name: a, parallelism: 2}, {name: b, parallelism: 2}]\nedges: [{from: a, to: b, partitioning: hash}]\n");
    const base = ["--config", p, "--flink", "2.2"];
    const commands = [
      ["tm", ...base],
      ["jm", ...base],
      ["local", ...base],
      ["explain", "tm", ...base],
      ["slots", ...base],
      ["network", "--topology", topology, ...base],
      ["fit", "tm", "--container", "4Gi", ...base],
      ["size", "jm", "--heap", "1g", ...base],
    ];
    for (const args of commands) {
      const r = run(args);
      expect(r.status, args.join(" ")).not.toBe(2);
      expect(r.stderr, args.join(" ")).toContain(`warning: Flink 2.2 reads only config.yaml and ignores ${p}`);
      expect(r.stdout + r.stderr).not.toContain("canary-7f3a");
    }
    // fit writes its lines for the file the release reads.
    expect(run(["fit", "tm", "--container", "4Gi", "--flink", "1.16"]).stdout).toMatch(/\n\nflink-conf\.yaml:\n {2}taskmanager\.memory\.process\.size: 4g\n/);
    expect(run(["fit", "tm", "--container", "4Gi", "--flink", "2.2"]).stdout).toMatch(/\n\nconfig\.yaml:\n {2}taskmanager\.memory\.process\.size: 4g\n/);
    // The same file is read by 1.20: no notice at all.
    const ok = run(["tm", "--config", p, "--flink", "1.20"]);
    expect(ok.status).toBe(0);
    expect(ok.stderr).not.toContain("ignores");
  });
});

describe("real files resolve in the releases that read them, and only there", () => {
  // [file, TaskManager total in MiB for 1.x (1.16, 1.20) or undefined where ignored/failing, the same for 2.2]
  const table: [string, bigint | undefined, bigint | undefined, bigint | undefined][] = [
    ["flink-1.10.0/flink-conf.yaml", 1568n, 1568n, undefined],
    ["flink-1.15.0/flink-conf.yaml", 1728n, 1728n, undefined],
    ["flink-1.16/flink-conf.yaml", 1728n, 1728n, undefined],
    ["bdexplorer_flink-explore/flink-conf.yaml", 1728n, 1728n, undefined],
    ["luis-puhl_minas-flink/flink-conf.yaml", 800n, 800n, undefined],
    ["flink-1.19/config.yaml", undefined, 1728n, 1728n],
    ["flink-1.20.0/config.yaml", undefined, 1728n, 1728n],
    ["flink-master-2.1/config.yaml", undefined, 1728n, 1728n],
    ["flink-2.2.1-rc2/config.yaml", undefined, 1728n, 1728n],
    ["tekdogan_cebench/config.yaml", undefined, 20728n, 20728n],
    ["maliangbin_py-flink-docker/config.yaml", undefined, 1728n, 1728n],
  ];
  for (const [file, v116, v120, v22] of table) {
    it(file, () => {
      for (const [flink, want] of [["1.16", v116], ["1.20", v120], ["2.2", v22]] as const) {
        const r = run(["tm", "--config", join(REAL, file), "--flink", flink, "--format", "json"]);
        const doc = JSON.parse(r.stdout);
        if (want === undefined) {
          expect(r.status, `${file} in ${flink}`).toBe(1);
          expect(doc.configFiles.read, `${file} in ${flink}`).toBeNull();
          expect(doc.configFiles.ignored[0].reason).toBe("not-read");
        } else {
          expect(r.status, `${file} in ${flink}: ${r.stderr}`).toBe(0);
          expect(doc.totalProcess, `${file} in ${flink}`).toBe(String(want * MiB));
          expect(doc.configFiles.read.file).toBe(join(REAL, file));
        }
      }
    });
  }

  it("every file of the manifest is in the table above, and the manifest names its origin", () => {
    const rows = readFileSync(join(REAL, "MANIFEST.tsv"), "utf8").trim().split("\n").slice(1).map((l) => l.split("\t"));
    const mine = rows.filter((r) => r[0]!.startsWith(""));
    expect(mine.map((r) => r[0]).sort()).toEqual(table.map((t) => t[0]).sort());
    for (const r of mine) expect(r[3]).toMatch(/[0-9a-f]{40}/);
  });
});

describe("conf dirs and FLINK_CONF_DIR", () => {
  it("a missing or non-directory FLINK_CONF_DIR is a usage error on one line", () => {
    const missing = run(["tm"], { env: { FLINK_CONF_DIR: join(TMP, "nope") } });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`flink-memory: FLINK_CONF_DIR=${join(TMP, "nope")} does not exist (unset it, or pass --config/--config-dir)\n`);
    const file = run(["tm"], { env: { FLINK_CONF_DIR: SHIPPED_116 } });
    expect(file.status).toBe(2);
    expect(file.stderr.trim().split("\n")).toHaveLength(1);
    expect(file.stderr).toContain("is not a directory");
    // --config wins over FLINK_CONF_DIR, which is then not used at all.
    expect(run(["tm", "--config", SHIPPED_116, "--flink", "1.16"], { env: { FLINK_CONF_DIR: join(TMP, "nope") } }).status).toBe(0);
  });

  it("a conf dir without the release's file says which files that release looks for", () => {
    const empty = join(TMP, "empty");
    mkdirSync(empty, { recursive: true });
    const say = (flink: string) => run(["tm", "--config-dir", empty, "--flink", flink]);
    expect(say("1.16").stderr).toBe(`flink-memory: ${empty} has no flink-conf.yaml: Flink 1.16 reads only flink-conf.yaml from its conf dir, and does not start without it\n`);
    expect(say("1.20").stderr).toBe(`flink-memory: ${empty} has no flink-conf.yaml or config.yaml: Flink 1.20 reads flink-conf.yaml when present, else config.yaml from its conf dir, and does not start without it\n`);
    expect(say("2.2").status).toBe(2);
    const legacy = confDir("legacy-only", { "flink-conf.yaml": SHIPPED_116 });
    const r = run(["jm", "--config-dir", legacy, "--flink", "2.2"], {});
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`(it ignores ${join(legacy, "flink-conf.yaml")})`);
    const env = run(["tm", "--format", "json", "--flink", "1.16"], { env: { FLINK_CONF_DIR: empty } });
    expect(env.status).toBe(2);
  });

  it("./conf is used only when it holds a config file", () => {
    const cwd = join(TMP, "cwd");
    mkdirSync(join(cwd, "conf"), { recursive: true });
    const bare = run(["tm", "--flink", "1.16", "--format", "json"], { cwd });
    expect(bare.status).toBe(1); // no file: nothing sized
    copyFileSync(SHIPPED_116, join(cwd, "conf", "flink-conf.yaml"));
    const used = run(["tm", "--flink", "1.16", "--format", "json"], { cwd });
    expect(JSON.parse(used.stdout).totalProcess).toBe(String(1728n * MiB));
  });

  it("--config and --config-dir together are a usage error", () => {
    expect(run(["tm", "--config", SHIPPED_116, "--config-dir", TMP]).status).toBe(2);
  });
});

describe("'-' is standard input", () => {
  it("--config -: named <stdin>, read as the file the release reads (with a note)", () => {
    const legacy = run(["tm", "--config", "-", "--flink", "1.16", "--format", "json"], { input: readFileSync(SHIPPED_116, "utf8") });
    expect(legacy.status).toBe(0);
    const doc = JSON.parse(legacy.stdout);
    expect(doc.totalProcess).toBe(String(1728n * MiB));
    expect(doc.configFiles.read).toEqual({ file: "<stdin>", as: "flink-conf.yaml", format: "legacy", assumed: true });
    expect(legacy.stderr).toContain("note: <stdin> is read as flink-conf.yaml (Flink's legacy line format), the file Flink 1.16 reads");
    const standard = run(["jm", "--config", "-", "--flink", "2.2"], { input: readFileSync(SHIPPED_221, "utf8") });
    expect(standard.status).toBe(0);
    expect(standard.stdout).toMatch(/Total Process Memory\s+1677721600/);
  });

  it("errors in a file from standard input are located in <stdin>", () => {
    const r = run(["tm", "--config", "-", "--flink", "2.2"], { input: "taskmanager:\n  memory:\n    process:\n      size: 2x\n" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("at <stdin>:4");
  });

  it("--topology - and k8s -", () => {
    const net = run(["network", "--topology", "-", "-D", "taskmanager.memory.process.size=4g", "--format", "json"], {
      input: "mode: streaming\nvertices: [{name: a, parallelism: 2}, {name: b, parallelism: 2}]\nedges: [{from: a, to: b, partitioning: hash}]\n",
    });
    expect(net.status).toBe(0);
    expect(JSON.parse(net.stdout).sufficient).toBe(true);
    const bad = run(["network", "--topology", "-", "-D", "taskmanager.memory.process.size=4g"], { input: "vertices: [\n" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^flink-memory: <stdin>:\d+:\d+: not valid YAML or JSON/);
    const k8s = run(["k8s", "-", "--format", "json"], { input: readFileSync(join(ROOT, "test", "data", "lint", "flinkdeployment-flat.yaml"), "utf8") });
    expect(k8s.status).not.toBe(2);
    expect(JSON.parse(k8s.stdout)[0].name).toBe("flat-example");
    expect(k8s.stdout + k8s.stderr).not.toContain("do-not-print-me");
    expect(run(["network", "--topology", "-", "--config", "-"], { input: "" }).status).toBe(2);
  });
});
