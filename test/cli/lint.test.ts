// End to end: `lint` and `k8s` through the real CLI (needs `npm run build`).
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
    expect(r.stdout).toContain("test/data/lint/config.yaml: note [assumption] Checked as Flink 2.2, the newest release; name the release that reads it with --flink.");
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
    writeFileSync(join(dir, "sub", "compose.yaml"), "services:\n  jm:\n    image: flink\n");
    cpSync(join(DATA, "config.yaml"), join(dir, "sub", "config.yaml"));
    const r = run(["lint", dir]);
    expect(r.stdout).toMatch(/1 file checked/);
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
