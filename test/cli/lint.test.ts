// End to end: `lint` and `k8s` through the real CLI (needs `npm run build`).
import { NEWEST_LINE } from "../../src/versions/version.js";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, SHARED_DIR } from "../support/golden.js";

const BIN = join(ROOT, "bin", "flink-memory.js");
const DATA = join(ROOT, "test", "data", "lint");
const TEMP: string[] = [];
afterAll(() => TEMP.forEach((d) => rmSync(d, { recursive: true, force: true })));
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: ROOT, env: { PATH: process.env.PATH ?? "" } });

describe("flink-memory lint", () => {
  it("text output: file:line:column, severity, rule, fix; exit 0 for warnings by default", () => {
    const r = run(["lint", "test/data/lint/config.yaml"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("test/data/lint/config.yaml:10:13: warning [both-totals] TaskManager: both taskmanager.memory.process.size and taskmanager.memory.flink.size are set");
    expect(r.stdout).toContain("  fix (checked): remove taskmanager.memory.flink.size and keep taskmanager.memory.process.size");
    expect(r.stdout).toContain(`test/data/lint/config.yaml: note [assumption] Checked as Flink ${NEWEST_LINE}, the newest release; name the release that reads it with --flink.`);
    expect(r.stdout).toMatch(/1 file checked: 0 error\(s\), 3 warning\(s\), 2 note\(s\)\n$/);
    expect(r.stdout).not.toContain("do-not-print-me");
  });
  it("exit status by the worst severity and --fail-on", () => {
    expect(run(["lint", "test/data/lint/rejected-config.yaml"]).status).toBe(1);
    expect(run(["lint", "test/data/lint/config.yaml", "--fail-on", "warning"]).status).toBe(1);
    expect(run(["lint", "test/data/lint/rejected-config.yaml", "--fail-on", "none"]).status).toBe(0);
    expect(run(["lint", "test/data/lint/config.yaml", "--fail-on", "bogus"]).status).toBe(2);
    expect(run(["lint", "no/such/file.yaml"]).status).toBe(2);
    expect(run(["lint", "test/data/lint/config.yaml", "--flink", "0.9"]).status).toBe(2);
  });
  it("walks a directory: config files, FlinkDeployments, Helm values, multi-document files; JSON output", () => {
    const r = run(["lint", "test/data/lint", "--format", "json"]);
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout) as { findings: { ruleId: string; location: { source: string } }[]; summary: { files: number } };
    expect(doc.summary.files).toBe(7);
    const sources = new Set(doc.findings.map((f) => f.location.source.replace(/\\/g, "/")));
    // values.yaml is checked (7 files) and has nothing to report.
    for (const f of ["config.yaml", "flink-conf.yaml", "flinkdeployment-flat.yaml", "flinkdeployment-nested.yaml", "multi.yaml", "rejected-config.yaml"]) expect(sources).toContain(`test/data/lint/${f}`);
    expect(r.stdout).not.toContain("do-not-print-me");
    expect(r.stdout).not.toContain("hunter2");
  });
  it("--format sarif is one SARIF 2.1.0 log", () => {
    const r = run(["lint", "test/data/lint", "--format", "sarif"]);
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0].tool.driver.name).toBe("flink-memory");
    expect(log.runs[0].results.length).toBeGreaterThan(10);
  });
  it("skips unrelated YAML in directories but checks files named explicitly", () => {
    const dir = mkdtempSync(join(tmpdir(), "fm-lint-"));
    TEMP.push(dir);
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "sub", "compose.yaml"), "services:\n  db:\n    image: postgres:16\n");
    writeFileSync(join(dir, "sub", "ci.yml"), "version: 2.1\njobs:\n  build:\n    steps: [checkout]\n");
    cpSync(join(DATA, "config.yaml"), join(dir, "sub", "config.yaml"));
    const r = run(["lint", dir]);
    expect(r.stdout).toMatch(/1 file checked \(2 other files skipped: not a Flink memory configuration; --verbose lists them\)/);
  });
});

describe("lint judges each file the way it runs", () => {
  const tmp = () => {
    const dir = mkdtempSync(join(tmpdir(), "fm-lint-"));
    TEMP.push(dir);
    return dir;
  };
  it("a layer without process sizes: notes, exit 0; --whole-config: Flink's refusal, exit 1", () => {
    const dir = tmp();
    writeFileSync(join(dir, "flink-conf.yaml"), "taskmanager.numberOfTaskSlots: 4\nstate.backend.type: rocksdb\n");
    const r = run(["lint", join(dir, "flink-conf.yaml")]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("note [not-sized] Does not size the TaskManager or the JobManager");
    expect(r.stdout).toContain("note [assumption] Checked as Flink 1.20, the newest release that reads flink-conf.yaml");
    const w = run(["lint", join(dir, "flink-conf.yaml"), "--whole-config"]);
    expect(w.status).toBe(1);
    expect(w.stdout).toContain("error [flink-rejects] TaskManager: TaskManager memory configuration failed: Either required fine-grained memory");
  });
  it("standard input with '-'", () => {
    const r = spawnSync(process.execPath, [BIN, "lint", "-", "--flink", "2.2"], { encoding: "utf8", cwd: ROOT, input: "taskmanager.memory.process.size: 600m\njobmanager.memory.process.size: 1600m\n" });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^<stdin>:1:34: error \[flink-rejects\] TaskManager: /m);
  });
  it("nothing to check exits 2; skipped files are counted and listed with --verbose", () => {
    const dir = tmp();
    expect(run(["lint", dir]).status).toBe(2);
    writeFileSync(join(dir, "config.yml"), "version: 2.1\njobs:\n  build:\n    steps: [checkout]\n");
    const r = run(["lint", dir, "--verbose"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("0 files checked (1 other file skipped: not a Flink memory configuration): 0 error(s)");
    expect(r.stderr).toContain(`skipped ${join(dir, "config.yml")}: no Flink configuration keys`);
  });
  it("a conf dir with both files: 1.20 reads flink-conf.yaml and ignores config.yaml", () => {
    const dir = tmp();
    writeFileSync(join(dir, "flink-conf.yaml"), "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n");
    writeFileSync(join(dir, "config.yaml"), "taskmanager:\n  memory:\n    process.size: 100m\n");
    const r = run(["lint", dir, "--flink", "1.20"]);
    expect(r.stdout).toContain(`${join(dir, "config.yaml")}: warning [standard-file-ignored] Flink 1.20 reads the flink-conf.yaml beside this file and ignores this config.yaml.`);
    expect(r.stdout).not.toContain("flink-rejects");
    const latest = run(["lint", join(dir, "config.yaml")]);
    expect(latest.stdout).toContain("Flink 1.19 and 1.20 would read the flink-conf.yaml beside it instead.");
  });
  it("--operator-config merges the operator's defaults under every FlinkDeployment", () => {
    const dir = tmp();
    const deployment = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: x\nspec:\n  flinkVersion: v1_20\n  jobManager:\n    replicas: 1\n  taskManager:\n    resource:\n      memory: 2048m\n";
    writeFileSync(join(dir, "deploy.yaml"), deployment);
    writeFileSync(join(dir, "values.yaml"), "watchNamespaces: []\ndefaultConfiguration:\n  create: true\n  flink-conf.yaml: |+\n    jobmanager.memory.process.size: 1600m\n    kubernetes.operator.reconcile.interval: 15 s\n");
    const without = run(["lint", join(dir, "deploy.yaml")]);
    expect(without.status).toBe(1);
    expect(without.stdout).toContain("[k8s-memory-missing] JobManager resource memory must be defined");
    const merged = run(["lint", join(dir, "deploy.yaml"), "--operator-config", join(dir, "values.yaml")]);
    expect(merged.status).toBe(0);
    expect(merged.stdout).not.toContain("k8s-memory-missing");
    expect(run(["lint", join(dir, "deploy.yaml"), "--operator-config", join(dir, "nope.yaml")]).status).toBe(2);
  });
});

describe("flink-memory k8s", () => {
  it("per process: the operator's reading, the split, the pod request and limit", () => {
    const r = run(["k8s", "test/data/lint/flinkdeployment-flat.yaml"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("spec.jobManager.resource.memory: '2G' → 2 GiB (2147483648 bytes; the operator reads it as a Flink memory size)");
    expect(r.stdout).not.toContain("Kubernetes reads");
    expect(r.stdout).toContain("pod memory: request 4096Mi, limit 6144Mi (limit factor 1.5)");
    expect(r.stdout).toMatch(/Total Process Memory\s+4294967296\s+4 GiB/);
  });
  it("a compose file: each Flink service as the image starts it (Flink docs' compose, flink:latest)", () => {
    const r = run(["k8s", "test/data/compose/flink-docs__docker-compose.yml"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Service jobmanager: jobmanager — Flink ${NEWEST_LINE.replace(".", "\\.")}$`, "m"));
    expect(r.stdout).toMatch(/Total Process Memory\s+1677721600\s+1\.563 GiB/);
    expect(r.stdout).toMatch(/Total Process Memory\s+1811939328\s+1\.688 GiB/);
    const j = JSON.parse(run(["k8s", "test/data/compose/flink-docs__docker-compose.yml", "--format", "json"]).stdout) as { name: string; role: string | null }[];
    expect(j.map((x) => [x.name, x.role])).toEqual([["jobmanager", "jobmanager"], ["taskmanager", "taskmanager"], ["sql-client", null]]);
  });
  it("--format json", () => {
    const r = run(["k8s", "test/data/lint/flinkdeployment-nested.yaml", "--format", "json"]);
    expect(r.status).toBe(1);
    const [d] = JSON.parse(r.stdout);
    expect(d.flink).toBe("2.0");
    expect(d.taskManager.pod).toEqual({ memoryRequest: "2048Mi", memoryLimit: "3072Mi", limitFactor: 1.5 });
    expect(d.jobManager.memory.operatorError).toMatch(/^Memory size unit '\.0'/);
  });
});

const REAL = join(SHARED_DIR, "realworld");
describe.runIf(existsSync(REAL))("lint over all of ../shared/realworld", () => {
  it("reads every file and reports Flink's failures as errors", () => {
    const r = run(["lint", REAL, "--format", "json", "--fail-on", "none"]);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { findings: { severity: string; ruleId: string }[]; summary: { files: number } };
    expect(doc.summary.files).toBeGreaterThanOrEqual(79 + 24);
    expect(doc.findings.some((f) => f.ruleId === "flink-rejects")).toBe(true);
  });
});

describe("flink-memory lint: start-script -D arguments by patch release (FLINK-24353)", () => {
  it("flink:1.13.2 warns that -D does not size memory (the 2g limit fits the image's 1728m); flink:1.13.3 sizes 4g and warns about the limit", () => {
    const dir = mkdtempSync(join(tmpdir(), "fm-args-"));
    TEMP.push(dir);
    const file = (tag: string) => {
      const p = join(dir, `docker-compose-${tag}.yml`);
      writeFileSync(p, `services:\n  tm:\n    image: flink:${tag}-scala_2.12\n    command: taskmanager -Dtaskmanager.memory.process.size=4g\n    mem_limit: 2g\n`);
      return p;
    };
    const old = run(["lint", file("1.13.2")]);
    expect(old.status).toBe(0);
    expect(old.stdout).toContain(":4:14: warning [docker-args-not-sized] Flink 1.13.2's start script does not pass '-D taskmanager.memory.process.size' to BashJavaUtils (FLINK-24353, fixed in 1.13.3 and 1.14.3)");
    expect(old.stdout).not.toContain("docker-container-memory");
    const fixed = run(["lint", file("1.13.3")]);
    expect(fixed.stdout).toContain("warning [docker-container-memory] Service 'tm': the TaskManager process is 4 GiB (4294967296 bytes)");
    expect(fixed.stdout).not.toContain("docker-args-not-sized");
  });
});
