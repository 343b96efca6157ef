// The pre-commit hook and the GitHub Action run what they declare, on a sample repository: the
// hook's entry over the files pre-commit would pass it, the action's shell steps with their
// inputs, as the runner would run them (the `uses:` setup-node step is the Node running this).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../support/golden.js";
import { sarifSchemaErrors } from "../support/sarif-schema.js";

const repo = mkdtempSync(join(tmpdir(), "flink-memory-sample-repo-"));
const put = (path: string, text: string) => {
  mkdirSync(join(repo, path, ".."), { recursive: true });
  writeFileSync(join(repo, path), text);
};
put("conf/config.yaml", "taskmanager.memory.process.size: 4g\njobmanager.memory.process.size: 2g\n");
put("k8s/deployment.yaml", "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: tiny\nspec:\n  flinkVersion: v1_20\n  jobManager:\n    resource: {memory: 2048m, cpu: 1}\n  taskManager:\n    resource: {memory: 512m, cpu: 1}\n");
put(".github/workflows/ci.yml", "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: [{run: echo}]\n");
put("README.md", "# sample\n");

interface Hook {
  id: string;
  entry: string;
  language: string;
  types_or?: string[];
}

describe("pre-commit hook", () => {
  const hooks = parse(readFileSync(join(ROOT, ".pre-commit-hooks.yaml"), "utf8")) as Hook[];
  const hook = hooks.find((h) => h.id === "flink-memory-lint")!;
  // pre-commit passes the changed files its types select (identify's `yaml`: .yaml and .yml).
  const selected = (files: string[]) => files.filter((f) => (hook.types_or ?? []).includes("yaml") && /\.ya?ml$/.test(f));
  const runHook = (files: string[]) => {
    const [command, ...args] = hook.entry.split(" ");
    expect(command).toBe("flink-memory"); // the package's bin
    return spawnSync(process.execPath, [join(ROOT, "bin", "flink-memory.js"), ...args, ...selected(files)], { cwd: repo, encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
  };
  it("is a node hook on YAML files", () => {
    expect(hook.language).toBe("node");
    expect(selected(["conf/config.yaml", "README.md", ".github/workflows/ci.yml"])).toEqual(["conf/config.yaml", ".github/workflows/ci.yml"]);
  });
  it("passes a commit of sound files (a CI pipeline among them is skipped, not judged)", () => {
    const r = runHook(["conf/config.yaml", ".github/workflows/ci.yml", "README.md"]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });
  it("stops a commit with a TaskManager the operator's Flink refuses, naming the file", () => {
    const r = runHook(["conf/config.yaml", "k8s/deployment.yaml"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("k8s/deployment.yaml");
  });
});

describe("GitHub Action (composite)", () => {
  const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as {
    inputs: Record<string, { default: string }>;
    runs: { using: string; steps: { uses?: string; run?: string; env?: Record<string, string>; shell?: string }[] };
  };
  /** `${{ … }}` as the runner fills it in. */
  const fill = (text: string, inputs: Record<string, string>) =>
    text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_m, expr: string) => (expr === "github.action_path" ? ROOT : expr.startsWith("inputs.") ? inputs[expr.slice(7)] ?? action.inputs[expr.slice(7)]?.default ?? "" : ""));
  const runAction = (given: Record<string, string>) => {
    let last: ReturnType<typeof spawnSync> | undefined;
    for (const step of action.runs.steps) {
      if (step.uses) {
        expect(step.uses).toMatch(/^actions\/setup-node@/);
        continue;
      }
      const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, fill(v, given)]));
      last = spawnSync("bash", ["-e", "-c", fill(step.run!, given)], { cwd: repo, encoding: "utf8", env: { PATH: process.env.PATH ?? "", ...env } });
      if (last.status !== 0) return last;
    }
    return last!;
  };
  it("is composite, with defaults for every input", () => {
    expect(action.runs.using).toBe("composite");
    for (const [name, i] of Object.entries(action.inputs)) expect(typeof i.default, name).toBe("string");
  });
  it("writes SARIF for code scanning and fails on errors by default", () => {
    const r = runAction({ paths: "conf k8s", sarif: "out.sarif" });
    expect(r.status).toBe(1);
    const sarif = JSON.parse(readFileSync(join(repo, "out.sarif"), "utf8")) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect(sarif.version).toBe("2.1.0");
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(0);
    expect(String(r.stdout)).toContain("k8s/deployment.yaml");
  });
  it("with fail-on none the step passes and the SARIF is still written", () => {
    const r = runAction({ paths: "conf k8s", sarif: "all.sarif", "fail-on": "none" });
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(join(repo, "all.sarif"), "utf8")).runs[0].results.length).toBeGreaterThan(0);
  });
});
