// SARIF 2.1.0 output checked against the structure the schema requires (version, $schema,
// runs[].tool.driver with rules, results with ruleId/level/message/locations), and against
// what GitHub code scanning needs (a region.startLine per location, rule ids that resolve).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintConfigText } from "../../src/lint/lint.js";
import { lintManifestText } from "../../src/lint/lint-manifest.js";
import { RULES } from "../../src/lint/rules.js";
import { artifactLocation, artifactUri, directoryUri, fingerprint, messageForFingerprint, PROJECT_URL, STDIN_URI, toSarif } from "../../src/lint/sarif.js";
import { ROOT } from "../support/golden.js";
import { isUri, isUriReference, sarifSchemaErrors } from "../support/sarif-schema.js";

const DATA = join(ROOT, "test", "data", "lint");

/** Problems with a SARIF log; empty when it has the structure SARIF 2.1.0 requires. */
export function sarifProblems(log: unknown): string[] {
  const p: string[] = [];
  const obj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  const str = (v: unknown) => typeof v === "string" && v.length > 0;
  if (!obj(log)) return ["log is not an object"];
  if (log.version !== "2.1.0") p.push("version must be '2.1.0'");
  if (!str(log.$schema) || !/^https?:\/\/.+sarif.*2\.1\.0.*\.json$/.test(log.$schema as string)) p.push("$schema must name the SARIF 2.1.0 schema");
  const allowedTop = new Set(["$schema", "version", "runs", "inlineExternalProperties", "properties"]);
  for (const k of Object.keys(log)) if (!allowedTop.has(k)) p.push(`unexpected top-level property ${k}`);
  if (!Array.isArray(log.runs)) return [...p, "runs must be an array"];
  log.runs.forEach((run: unknown, ri: number) => {
    if (!obj(run) || !obj(run.tool) || !obj(run.tool.driver)) return p.push(`runs[${ri}].tool.driver is required`);
    const driver = run.tool.driver;
    if (!str(driver.name)) p.push(`runs[${ri}].tool.driver.name is required`);
    const rules = driver.rules;
    if (!Array.isArray(rules)) return p.push(`runs[${ri}].tool.driver.rules must be an array`);
    const ruleIds = new Set<string>();
    rules.forEach((r: unknown, i: number) => {
      if (!obj(r) || !str(r.id)) return p.push(`rules[${i}].id is required`);
      if (ruleIds.has(r.id as string)) p.push(`rules[${i}].id is duplicated`);
      ruleIds.add(r.id as string);
      for (const d of ["shortDescription", "fullDescription"]) if (r[d] !== undefined && !(obj(r[d]) && str((r[d] as Record<string, unknown>).text))) p.push(`rules[${i}].${d}.text is required`);
      const level = obj(r.defaultConfiguration) ? r.defaultConfiguration.level : undefined;
      if (level !== undefined && !["none", "note", "warning", "error"].includes(level as string)) p.push(`rules[${i}] has a bad level`);
    });
    if (!Array.isArray(run.results)) return p.push(`runs[${ri}].results must be an array`);
    run.results.forEach((res: unknown, i: number) => {
      if (!obj(res)) return p.push(`results[${i}] is not an object`);
      if (!str(res.ruleId) || !ruleIds.has(res.ruleId as string)) p.push(`results[${i}].ruleId must name a rule of the driver`);
      if (res.ruleIndex !== undefined && (rules[res.ruleIndex as number] as Record<string, unknown> | undefined)?.id !== res.ruleId) p.push(`results[${i}].ruleIndex does not match ruleId`);
      if (!["none", "note", "warning", "error"].includes(res.level as string)) p.push(`results[${i}].level is not a SARIF level`);
      if (!obj(res.message) || !str(res.message.text)) p.push(`results[${i}].message.text is required`);
      if (!Array.isArray(res.locations) || res.locations.length === 0) return p.push(`results[${i}].locations is required`);
      res.locations.forEach((l: unknown, li: number) => {
        const pl = obj(l) ? l.physicalLocation : undefined;
        if (!obj(pl) || !obj(pl.artifactLocation) || typeof pl.artifactLocation.uri !== "string") return p.push(`results[${i}].locations[${li}].physicalLocation.artifactLocation.uri is required`);
        if (/[\s\\]/.test(pl.artifactLocation.uri)) p.push(`results[${i}] uri is not a URI reference`);
        const region = pl.region;
        if (!obj(region) || !Number.isInteger(region.startLine) || (region.startLine as number) < 1) p.push(`results[${i}].locations[${li}].physicalLocation.region.startLine must be an integer >= 1`);
        if (obj(region) && region.startColumn !== undefined && (!Number.isInteger(region.startColumn) || (region.startColumn as number) < 1)) p.push(`results[${i}] startColumn must be >= 1`);
      });
    });
  });
  return p;
}

describe("SARIF", () => {
  const findings = [
    ...lintConfigText(readFileSync(join(DATA, "config.yaml"), "utf8"), { source: "test/data/lint/config.yaml" }),
    ...lintConfigText(readFileSync(join(DATA, "rejected-config.yaml"), "utf8"), { source: "test/data/lint/rejected config.yaml" }),
    ...lintManifestText(readFileSync(join(DATA, "flinkdeployment-nested.yaml"), "utf8"), { source: "test\\data\\lint\\nested.yaml" }).findings,
  ];
  const log = JSON.parse(toSarif(findings, "0.1.0"));

  it("has the structure SARIF 2.1.0 requires", () => {
    expect(findings.length).toBeGreaterThan(5);
    expect(sarifProblems(log)).toEqual([]);
    expect(log.runs[0].results).toHaveLength(findings.length);
  });
  it("keeps rule ids, levels, lines and columns; paths become URI references", () => {
    const r = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === "both-totals");
    expect(r.level).toBe("warning");
    expect(r.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: "test/data/lint/config.yaml", uriBaseId: "%SRCROOT%" }, region: { startLine: 10, startColumn: 13 } });
    expect(artifactUri("a b\\c.yaml")).toBe("a%20b/c.yaml");
    expect(artifactUri("./deploy/../deploy/flink.yaml")).toBe("deploy/flink.yaml");
  });
  it("validates against the official SARIF 2.1.0 schema", () => {
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(sarifSchemaErrors(JSON.parse(toSarif(findings, "0.1.0", { root: ROOT })))).toEqual([]);
    // The validator has teeth: a region with no start, a URI with a space, an unknown level.
    const broken = JSON.parse(JSON.stringify(log));
    broken.runs[0].results[0].locations[0].physicalLocation.region = {};
    broken.runs[0].results[1].locations[0].physicalLocation.artifactLocation.uri = "a b.yaml";
    broken.runs[0].tool.driver.rules[0].defaultConfiguration.level = "fatal";
    const errors = sarifSchemaErrors(broken).join("\n");
    expect(errors).toMatch(/results\/0\/locations\/0\/physicalLocation\/region/);
    expect(errors).toMatch(/results\/1\/locations\/0\/physicalLocation\/artifactLocation\/uri must match format/);
    expect(errors).toMatch(/rules\/0\/defaultConfiguration\/level/);
  });
  it("the validator rejects broken logs", () => {
    expect(sarifProblems({ version: "2.0.0", runs: [] })).toContain("version must be '2.1.0'");
    const broken = JSON.parse(JSON.stringify(log));
    broken.runs[0].results[0].ruleId = "no-such-rule";
    delete broken.runs[0].results[1].locations[0].physicalLocation.region;
    broken.runs[0].results[2].level = "fatal";
    const problems = sarifProblems(broken);
    expect(problems).toEqual([
      "results[0].ruleId must name a rule of the driver",
      "results[0].ruleIndex does not match ruleId",
      "results[1].locations[0].physicalLocation.region.startLine must be an integer >= 1",
      "results[2].level is not a SARIF level",
    ]);
  });
});

describe("SARIF for code scanning", () => {
  it("URIs: relative to the root and normalised, absolute file: URIs outside it, a pseudo-URI for stdin", () => {
    const root = "/home/u/repo";
    expect(artifactLocation("./deploy/../deploy/flink.yaml", root)).toEqual({ uri: "deploy/flink.yaml", uriBaseId: "%SRCROOT%" });
    expect(artifactLocation("/home/u/repo/./conf//a b.yaml", root)).toEqual({ uri: "conf/a%20b.yaml", uriBaseId: "%SRCROOT%" });
    expect(artifactLocation("deploy\\sub\\..\\flink.yaml", root)).toEqual({ uri: "deploy/flink.yaml", uriBaseId: "%SRCROOT%" });
    expect(artifactLocation("../other/x.yaml", root)).toEqual({ uri: "file:///home/u/other/x.yaml" });
    expect(artifactLocation("/home/u/repository/x.yaml", root)).toEqual({ uri: "file:///home/u/repository/x.yaml" });
    expect(artifactLocation("/etc/flink/../flink/conf.yaml", root)).toEqual({ uri: "file:///etc/flink/conf.yaml" });
    expect(artifactLocation("C:\\work\\repo\\conf\\config.yaml", "c:\\work\\repo")).toEqual({ uri: "conf/config.yaml", uriBaseId: "%SRCROOT%" });
    expect(artifactLocation("D:\\x.yaml", "C:\\work")).toEqual({ uri: "file:///D:/x.yaml" });
    expect(artifactLocation("<stdin>", root)).toEqual({ uri: STDIN_URI });
    expect(artifactLocation("-")).toEqual({ uri: STDIN_URI });
    expect(directoryUri("/home/u/my repo")).toBe("file:///home/u/my%20repo/");
    expect(directoryUri("/")).toBe("file:///");
    expect(directoryUri("C:\\work\\")).toBe("file:///C:/work/");
    for (const u of [STDIN_URI, directoryUri("/home/u/my repo"), artifactLocation("D:\\x.yaml").uri]) expect(isUri(u)).toBe(true);
    expect(isUriReference("conf/a%20b.yaml")).toBe(true);
    expect(isUriReference("a b.yaml")).toBe(false);
  });
  it("fingerprints leave out positions and numbers, keep rule, file, process, key and message", () => {
    expect(messageForFingerprint("FLINK_PROPERTIES line 12 depends on X")).toBe("FLINK_PROPERTIES line depends on X");
    expect(messageForFingerprint("at line 3, column 7: bad")).toBe("at line, column: bad");
    expect(messageForFingerprint("TaskManager: 2 task slots but 0.25 CPU cores")).toBe("TaskManager: # task slots but # CPU cores");
    const f = { ruleId: "both-totals", severity: "warning" as const, message: "m", key: "k", process: "tm" as const, location: { source: "a.yaml", line: 3 } };
    const fp = fingerprint(f, "a.yaml");
    expect(fp).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint({ ...f, location: { source: "a.yaml", line: 9, column: 2 } }, "a.yaml")).toBe(fp);
    for (const other of [{ ...f, ruleId: "fine-grained-with-total" }, { ...f, key: "k2" }, { ...f, process: "jm" as const }, { ...f, message: "n" }]) expect(fingerprint(other, "a.yaml")).not.toBe(fp);
    expect(fingerprint(f, "b.yaml")).not.toBe(fp);
    // The same finding twice in a file (two documents): both kept, the second with an occurrence count.
    const twice = JSON.parse(toSarif([f, { ...f, location: { source: "a.yaml", line: 40 } }], "0.1.0")).runs[0].results;
    const base = fingerprint(f, "a.yaml");
    expect(twice.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints["flinkMemory/v1"])).toEqual([base, `${base}:2`]);
  });
  it("rules: texts from rules.ts, a helpUri into a README section that exists, a level and tags", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    // GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.
    const anchors = new Set([...readme.matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, "").replace(/ /g, "-")));
    const rules = JSON.parse(toSarif([], "0.1.0")).runs[0].tool.driver.rules as { id: string; shortDescription: { text: string }; fullDescription: { text: string }; helpUri: string; defaultConfiguration: { level: string }; properties: { tags: string[] } }[];
    expect(rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    rules.forEach((r, i) => {
      expect(r.shortDescription.text).toBe(RULES[i]!.summary);
      expect(r.fullDescription.text).toBe(RULES[i]!.description);
      expect(r.defaultConfiguration.level).toBe(RULES[i]!.severity);
      expect(r.properties.tags.length).toBeGreaterThan(0);
      expect(r.helpUri.startsWith(`${PROJECT_URL}#`)).toBe(true);
      expect(anchors).toContain(r.helpUri.slice(PROJECT_URL.length + 1));
    });
  });
});
