// The generated JSON Schemas, checked with a standard validator (ajv) against Flink's own
// answers: every golden configuration Flink accepts validates; every value Flink refuses to
// read (sizes, numbers, booleans, fractions out of [0, 1)) is rejected; Flink's shipped
// config.yaml validates; any nesting of the keys validates.
import Ajv from "ajv";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readLegacyFlinkConf } from "../../src/config/legacy-reader.js";
import type { RawValue } from "../../src/config/raw-value.js";
import { readStandardYaml } from "../../src/config/yaml/index.js";
import { configSchema, flinkDeploymentSchema } from "../../src/schema/config-schema.js";
import { SUPPORTED_LINES } from "../../src/versions/version.js";
import { optionsFor } from "../../src/options/registry.js";
import { goldenFiles, realworldFiles, ROOT, type GoldenCase } from "../support/golden.js";

const ajv = new Ajv({ strict: false });
const validators = new Map(SUPPORTED_LINES.map((l) => [l, ajv.compile(configSchema(l))]));

function json(v: RawValue): unknown {
  switch (v.t) {
    case "str":
      return v.v;
    case "int":
      return Number(v.v);
    case "float":
    case "double":
      return v.v;
    case "bool":
      return v.v;
    case "map":
      return Object.fromEntries(v.v);
    default:
      return String(v.v);
  }
}

type Case = GoldenCase;

// TaskManager and JobManager cases of every release (Flink's answers), and the real-world files'.
const cases: Case[] = [...goldenFiles(), ...realworldFiles()].flatMap((f) => f.cases).filter((c) => c.mode === "tm" || c.mode === "jm");

const lineOf = (flink: string) => SUPPORTED_LINES.find((l) => flink === l || flink.startsWith(l + "."))!;

/** The configuration as one flat object of the values Flink read (file, then -D). */
function document(c: Case): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  try {
    if (typeof c.input.configYaml === "string") for (const e of readStandardYaml(c.input.configYaml)) out[e.key] = json(e.value);
    if (typeof c.input.flinkConfYaml === "string") for (const e of readLegacyFlinkConf(c.input.flinkConfYaml).entries) out[e.key] = json(e.value);
  } catch {
    return undefined; // not a file Flink reads at all: no value to judge
  }
  for (const [k, v] of c.input.dynamic ?? []) out[k] = v;
  // What the case's process reads: its own options, a deprecated key only without its main key,
  // and the managed fraction only without a managed size (the schema still flags a bad one: a
  // value that is never read is a mistake waiting for the day the size is removed).
  const options = optionsFor(c.flink);
  for (const k of Object.keys(out)) {
    const o = options.byKey(k);
    if (o && (o.process !== (c.mode === "jm" ? "jm" : "tm") || (k !== o.key && o.key in out))) delete out[k];
  }
  const managed = options.find("tm.managed");
  const fraction = options.find("tm.managedFraction");
  if (managed && fraction && [managed.key, ...managed.fallbackKeys.map((f) => f.key)].some((k) => k in out)) for (const k of [fraction.key, ...fraction.fallbackKeys.map((f) => f.key)]) delete out[k];
  return out;
}

/** Flink refused a value itself (it could not read it), not a combination of values. */
const VALUE_REFUSED = /Could not parse value|Cannot read memory size|fraction must be in range/;
const messages = (c: Case) => [c.expected.error!.message, ...(c.expected.error!.causes ?? [])].join(" | ");

describe("config.yaml schema, against Flink's answers", () => {
  it("every golden configuration Flink accepts validates; every value Flink cannot read is rejected", () => {
    let accepted = 0;
    let refused = 0;
    const wrong: string[] = [];
    for (const c of cases) {
      const doc = document(c);
      if (!doc) continue;
      const valid = validators.get(lineOf(c.flink))!(doc);
      if (!c.expected.error) {
        accepted++;
        if (!valid) wrong.push(`${c.id}: Flink accepts it, the schema refuses: ${JSON.stringify(validators.get(lineOf(c.flink))!.errors?.[0])}`);
      } else if (VALUE_REFUSED.test(messages(c))) {
        refused++;
        if (valid) wrong.push(`${c.id}: Flink refuses a value (${messages(c).slice(0, 120)}), the schema accepts it`);
      }
    }
    expect(wrong.length, wrong.slice(0, 5).join("\n")).toBe(0);
    expect(accepted).toBeGreaterThan(10000);
    expect(refused).toBeGreaterThan(1000);
  });
  it("the configuration files Flink ships (flink-dist) validate for their release", () => {
    const dirs = [join(ROOT, "test", "data", "realfiles"), join(ROOT, "test", "data", "shipped")];
    const files = dirs.flatMap((dir) => readdirSync(dir).filter((f) => /^flink-\d+\.\d+.*__(?:flink-dist_)?(?:config|flink-conf)\.yaml$/.test(f)).map((f) => join(dir, f)));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const path of files) {
      const f = path.slice(path.lastIndexOf("/") + 1);
      const v = validators.get(/^flink-(\d+\.\d+)/.exec(f)![1]!)!;
      const text = readFileSync(path, "utf8");
      const entries = f.endsWith("flink-conf.yaml") ? readLegacyFlinkConf(text).entries : readStandardYaml(text);
      const doc = Object.fromEntries(entries.map((e) => [e.key, json(e.value)]));
      expect(v(doc), `${f}: ${JSON.stringify(v.errors?.[0])}`).toBe(true);
    }
  });
  it("any nesting of a key validates, and a Kubernetes quantity is refused where Flink refuses it", () => {
    const v = validators.get("2.2")!;
    expect(v({ taskmanager: { memory: { process: { size: "4g" } } } })).toBe(true);
    expect(v({ taskmanager: { "memory.process.size": "4g" } })).toBe(true);
    expect(v({ "taskmanager.memory": { process: { size: "4g" } } })).toBe(true);
    expect(v({ taskmanager: { memory: { process: { size: "4Gi" } } } })).toBe(false);
    expect(v({ "taskmanager.memory.managed.fraction": "0.4abc" })).toBe(false);
    expect(v({ "taskmanager.memory.managed.fraction": 1 })).toBe(false);
    expect(v({ "taskmanager.memory.network.fraction": "1.5" })).toBe(false);
    expect(v({ "taskmanager.memory.network.fraction": "1e-1" })).toBe(true);
    expect(v({ "some.other.key": { any: ["thing"] } })).toBe(true);
  });
  it("FlinkDeployment: resource memory as the operator reads it; flinkConfiguration as config.yaml", () => {
    const v = ajv.compile(flinkDeploymentSchema("2.2"));
    const dep = (memory: string, extra: Record<string, unknown> = {}) => ({ apiVersion: "flink.apache.org/v1beta1", kind: "FlinkDeployment", spec: { flinkVersion: "v2_2", flinkConfiguration: extra, taskManager: { resource: { memory, cpu: 1 } } } });
    expect(v(dep("2048m"))).toBe(true);
    expect(v(dep("2Gi"))).toBe(true);
    expect(v(dep("1.5Gi"))).toBe(false);
    expect(v(dep("2g", { "taskmanager.memory.network.fraction": "x1.5" }))).toBe(false);
  });
  it("the package ships every release's schemas, as generated (npm run schemas)", () => {
    for (const line of SUPPORTED_LINES) {
      expect(JSON.parse(readFileSync(join(ROOT, "schemas", `flink-${line}-config.json`), "utf8")), line).toEqual(JSON.parse(JSON.stringify(configSchema(line))));
      expect(JSON.parse(readFileSync(join(ROOT, "schemas", `flink-${line}-flinkdeployment.json`), "utf8")), line).toEqual(JSON.parse(JSON.stringify(flinkDeploymentSchema(line))));
    }
  });
});

