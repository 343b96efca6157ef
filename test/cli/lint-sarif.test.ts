// End to end: `lint --format sarif` as code scanning reads it (needs `npm run build`): the logs
// of real files validate against the official SARIF 2.1.0 schema, URIs are relative to the working
// directory and normalised, fingerprints survive a second run and a line inserted above.
import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { FINGERPRINT_KEY, STDIN_URI } from "../../src/lint/sarif.js";
import { ROOT } from "../support/golden.js";
import { sarifSchemaErrors } from "../support/sarif-schema.js";

const BIN = join(ROOT, "bin", "flink-memory.js");
const TEMP: string[] = [];
afterAll(() => TEMP.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "fm-sarif-"));
  TEMP.push(d);
  return d;
};

interface Result {
  ruleId: string;
  ruleIndex: number;
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number } } }[];
  partialFingerprints: Record<string, string>;
}
interface Log {
  runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } }; originalUriBaseIds?: Record<string, { uri: string }>; results: Result[] }[];
}

function sarif(args: string[], cwd = ROOT, input?: string): Log {
  const r = spawnSync(process.execPath, [BIN, "lint", ...args, "--format", "sarif", "--fail-on", "none"], { encoding: "utf8", cwd, env: { PATH: process.env.PATH ?? "" }, ...(input !== undefined ? { input } : {}) });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Log;
}
const artifact = (r: Result) => r.locations[0]!.physicalLocation.artifactLocation;

describe("lint --format sarif for code scanning", () => {
  const log = sarif(["test/data/realfiles", "test/data/lint"]);
  const run = log.runs[0]!;

  it("real files' logs validate against the official SARIF 2.1.0 schema", () => {
    expect(run.results.length).toBeGreaterThan(100);
    expect(sarifSchemaErrors(log)).toEqual([]);
  });
  it("every result names a rule of the driver, by id and index, with a helpUri", () => {
    const rules = run.tool.driver.rules;
    for (const r of run.results) {
      expect(rules[r.ruleIndex]?.id).toBe(r.ruleId);
      expect(rules[r.ruleIndex]?.helpUri).toMatch(/^https:\/\/github\.com\/.+#[a-z0-9-]+$/);
    }
  });
  it("URIs: relative to %SRCROOT% (the working directory), normalised, naming the file", () => {
    expect(run.originalUriBaseIds).toEqual({ "%SRCROOT%": { uri: `${pathToFileURL(ROOT).href}/` } });
    for (const r of run.results) {
      const a = artifact(r);
      expect(a.uriBaseId).toBe("%SRCROOT%");
      expect(a.uri).toMatch(/^test\/data\/(realfiles|lint)\/[^/]+$/);
      expect(a.uri.split("/")).not.toContain("..");
      expect(existsSync(join(ROOT, decodeURIComponent(a.uri)))).toBe(true);
    }
    const messy = sarif(["./test/data/../../test/data/lint/config.yaml", join(ROOT, "test", "data", "lint", "rejected-config.yaml")]);
    const uris = new Set(messy.runs[0]!.results.map((r) => JSON.stringify(artifact(r))));
    expect([...uris].sort()).toEqual([JSON.stringify({ uri: "test/data/lint/config.yaml", uriBaseId: "%SRCROOT%" }), JSON.stringify({ uri: "test/data/lint/rejected-config.yaml", uriBaseId: "%SRCROOT%" })]);
  });
  it("a file outside the working directory: its absolute file: URI; standard input: a pseudo-URI", () => {
    const dir = tmp();
    cpSync(join(ROOT, "test", "data", "lint", "config.yaml"), join(dir, "config.yaml"));
    const outside = sarif([join(dir, "sub", "..", "config.yaml")]);
    for (const r of outside.runs[0]!.results) expect(artifact(r)).toEqual({ uri: pathToFileURL(join(dir, "config.yaml")).href });
    const stdin = sarif(["-"], ROOT, readFileSync(join(ROOT, "test", "data", "lint", "config.yaml"), "utf8"));
    expect(stdin.runs[0]!.results.length).toBeGreaterThan(0);
    for (const r of stdin.runs[0]!.results) expect(artifact(r)).toEqual({ uri: STDIN_URI });
    expect(sarifSchemaErrors(outside)).toEqual([]);
    expect(sarifSchemaErrors(stdin)).toEqual([]);
  });
  it("fingerprints: the same in a second run, unchanged by a blank line inserted at the top", () => {
    const dir = tmp();
    cpSync(join(ROOT, "test", "data", "realfiles"), join(dir, "realfiles"), { recursive: true });
    cpSync(join(ROOT, "test", "data", "lint"), join(dir, "lint"), { recursive: true });
    const key = (r: Result) => `${artifact(r).uri} ${r.ruleId} ${r.partialFingerprints[FINGERPRINT_KEY]}`;
    const before = sarif(["realfiles", "lint"], dir).runs[0]!.results;
    expect(before.length).toBeGreaterThan(100);
    expect(new Set(before.map(key)).size).toBe(before.length);
    expect(sarif(["realfiles", "lint"], dir).runs[0]!.results.map(key)).toEqual(before.map(key));
    for (const sub of ["realfiles", "lint"])
      for (const name of readdirSync(join(dir, sub))) {
        const file = join(dir, sub, name);
        writeFileSync(file, `\n${readFileSync(file, "utf8")}`);
      }
    appendFileSync(join(dir, "lint", "config.yaml"), "\n# an unrelated edit at the end\n");
    const after = sarif(["realfiles", "lint"], dir).runs[0]!.results;
    expect(after.map(key)).toEqual(before.map(key));
    // The lines did move: the fingerprints do not follow them.
    const moved = after.filter((r, i) => r.locations[0]!.physicalLocation.region.startLine === before[i]!.locations[0]!.physicalLocation.region.startLine + 1);
    expect(moved.length).toBeGreaterThan(50);
  });
});
