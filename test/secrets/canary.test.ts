// Secrets stay secret: canary values planted under non-memory keys in every kind of input must
// not appear in any output, warning, error message, hint, explanation, trace, JSON result or
// batch answer, through the library and through every CLI command (discovered from --help).
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { FlinkError } from "../../src/errors.js";
import { resolveJobManager, resolveLocal, resolveTaskManager, type ResolveRequest } from "../../src/resolve.js";
import { readStandardYaml } from "../../src/config/yaml/index.js";
import { readLegacyFlinkConf } from "../../src/config/legacy-reader.js";
import { loadConfiguration } from "../../src/config/load.js";
import { checkKeys } from "../../src/lint/keys.js";
import { explainTrace } from "../../src/render/explain.js";
import { hintFor } from "../../src/render/hints.js";
import { formatTable, jobManagerRows, taskManagerRows } from "../../src/render/table.js";
import { formatBar } from "../../src/render/bar.js";
import { answerCase } from "../../src/cases.js";
import { flinkVersion } from "../../src/versions/version.js";
import type { TraceEvent } from "../../src/model/trace.js";
import { runBatch } from "../../cli/batch.js";
import { cliCommands, runCliInProcess } from "../../fuzz/targets.js";
import { ROOT } from "../support/golden.js";
import {
  leaks,
  plantedBadDynamic,
  plantedBatchLines,
  plantedBrokenConfigYamls,
  plantedConfigYaml,
  plantedDynamic,
  plantedEnv,
  plantedFlinkConf,
  plantedManifest,
  secretCanaries,
} from "../support/secrets.js";

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? String(x) : x instanceof Map ? [...x] : x));

/** Everything a FlinkError carries that a user can see. */
function errorText(e: unknown): string {
  if (!(e instanceof FlinkError)) return String(e instanceof Error ? `${e.message}\n${e.stack}` : e);
  const trace = (e as FlinkError & { trace?: TraceEvent[] }).trace ?? [];
  return [e.javaClass, e.message, ...e.causes, e.hint ?? "", hintFor(e) ?? "", json(e.rootLocation), e.rootKey ?? "", json(trace), explainTrace(trace).join("\n"), String(e.stack)].join("\n");
}

const VERSIONS = ["1.16", "1.20", "2.2"];

function requests(): { name: string; req: ResolveRequest }[] {
  const out: { name: string; req: ResolveRequest }[] = [];
  for (const flink of VERSIONS) {
    out.push({ name: `${flink} config.yaml`, req: { flink, configYaml: plantedConfigYaml(), env: plantedEnv() } });
    out.push({ name: `${flink} flink-conf.yaml`, req: { flink, flinkConfYaml: plantedFlinkConf(), env: plantedEnv() } });
    out.push({ name: `${flink} -D`, req: { flink, dynamic: [["taskmanager.memory.process.size", "2g"], ["jobmanager.memory.process.size", "1g"], ...plantedDynamic().map((d) => d.split("=", 2) as [string, string])] } });
    plantedBrokenConfigYamls().forEach((text, i) => out.push({ name: `${flink} broken config.yaml #${i}`, req: { flink, configYaml: text } }));
    out.push({ name: `${flink} manifest as config.yaml`, req: { flink, configYaml: plantedManifest() } });
  }
  return out;
}

describe("secret canaries: library", () => {
  it("the canaries are distinct and planted in every input", () => {
    const values = secretCanaries().map((c) => c.value);
    expect(new Set(values).size).toBe(values.length);
    const inputs = [plantedConfigYaml(), ...plantedBrokenConfigYamls(), plantedFlinkConf(), ...plantedDynamic(), plantedBadDynamic(), ...plantedBatchLines(), plantedManifest(), json(plantedEnv())].join("\n");
    for (const v of values) expect(inputs, v).toContain(v);
  });

  for (const { name, req } of requests()) {
    it(`resolve, explain, render, lint keys: ${name}`, () => {
      const outputs: string[] = [];
      for (const resolve of [resolveTaskManager, resolveJobManager, resolveLocal]) {
        try {
          const r = resolve(req);
          const { config, ...rest } = r;
          outputs.push(json(rest), explainTrace(r.trace).join("\n"));
          if (r.spec.kind === "tm") outputs.push(formatTable(taskManagerRows(r.spec, r.trace)), formatBar(r.spec, 80));
          if (r.spec.kind === "jm") outputs.push(formatTable(jobManagerRows(r.spec, r.trace)), formatBar(r.spec, 80));
          outputs.push(json(checkKeys(config)));
        } catch (e) {
          outputs.push(errorText(e));
        }
      }
      try {
        const loaded = loadConfiguration(req, flinkVersion(req.flink!));
        outputs.push(json(loaded.warnings), json(checkKeys(loaded.config)));
      } catch (e) {
        outputs.push(errorText(e));
      }
      expect(leaks(outputs.join("\n"))).toEqual([]);
    });
  }

  it("the readers' errors and warnings", () => {
    const outputs: string[] = [];
    for (const text of [plantedConfigYaml(), ...plantedBrokenConfigYamls(), plantedManifest()]) {
      try {
        outputs.push(json(readStandardYaml(text).map((e) => ({ key: e.key, location: e.location }))));
      } catch (e) {
        outputs.push(errorText(e));
      }
    }
    outputs.push(json(readLegacyFlinkConf(plantedFlinkConf()).warnings));
    expect(leaks(outputs.join("\n"))).toEqual([]);
  });

  it("batch answers, in process", async () => {
    const answers = plantedBatchLines().map((l) => {
      try {
        return json(answerCase(JSON.parse(l)));
      } catch {
        return "";
      }
    });
    let out = "";
    const sink = new Writable({
      write(chunk, _enc, cb) {
        out += String(chunk);
        cb();
      },
    });
    await runBatch(Readable.from([plantedBatchLines().join("\n")]), sink);
    expect(out.split("\n").filter(Boolean).length).toBe(plantedBatchLines().length);
    expect(leaks(answers.join("\n") + out)).toEqual([]);
  });
});

describe("secret canaries: every CLI command", () => {
  const dir = mkdtempSync(join(tmpdir(), "flink-memory-canary-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (sub: string, name: string, text: string) => {
    mkdirSync(join(dir, sub), { recursive: true });
    const p = join(dir, sub, name);
    writeFileSync(p, text);
    return p;
  };
  const yaml = file("yaml", "config.yaml", plantedConfigYaml());
  const legacy = file("legacy", "flink-conf.yaml", plantedFlinkConf());
  const broken = plantedBrokenConfigYamls().map((t, i) => file(`broken${i}`, "config.yaml", t));
  const manifest = file("k8s", "deployment.yaml", plantedManifest());
  const dashD = plantedDynamic().flatMap((d) => ["-D", d]);

  /** Argument shapes to try with a command: files, dirs, -D, formats. */
  function shapes(cmd: string[]): string[][] {
    const files = [yaml, legacy, manifest, ...broken];
    const out: string[][] = [];
    for (const f of files) {
      out.push([...cmd, "--config", f], [...cmd, f], [...cmd, "--config-dir", join(f, "..")]);
      for (const format of ["json", "yaml", "flags", "text"]) out.push([...cmd, "--config", f, "--format", format]);
    }
    out.push([...cmd, ...dashD], [...cmd, "-D", plantedBadDynamic()], [...cmd, `-D${plantedBadDynamic()}`], [...cmd, "--config", yaml, ...dashD, "--format", "json"]);
    return out;
  }

  it("in process: tm, jm, local, explain, options, diff, bash-java-utils and every command --help lists", async () => {
    const commands = await cliCommands();
    expect(commands).toEqual(expect.arrayContaining(["tm", "jm", "local", "explain", "options", "diff", "bash-java-utils"]));
    const invocations: string[][] = [];
    for (const c of commands) {
      if (c === "explain") invocations.push(...shapes(["explain", "tm"]), ...shapes(["explain", "jm"]));
      else if (c === "diff") invocations.push(...shapes(["diff", "1.16", "2.2"]));
      else if (c === "bash-java-utils") {
        for (const sub of ["yaml", "legacy", "broken0", "broken1"]) {
          for (const cmd of ["GET_TM_RESOURCE_PARAMS", "GET_JM_RESOURCE_PARAMS"]) {
            invocations.push(["bash-java-utils", cmd, "--configDir", join(dir, sub), ...dashD], ["bash-java-utils", cmd, "--configDir", join(dir, sub), "--flink", "1.20"]);
          }
        }
      } else invocations.push(...shapes([c]));
    }
    const env = plantedEnv();
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      const failures: string[] = [];
      for (const argv of invocations) {
        const r = await runCliInProcess(argv);
        const found = leaks(r.stdout + r.stderr);
        if (found.length) failures.push(`${argv.join(" ")} → ${found.join(", ")}\n${(r.stdout + r.stderr).slice(0, 600)}`);
        expect([0, 1, 2], argv.join(" ")).toContain(r.code);
      }
      expect(failures).toEqual([]);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it("spawned: batch on stdin, and tm/explain with their real streams", () => {
    const bin = join(ROOT, "bin", "flink-memory.js");
    const env = { ...process.env, ...plantedEnv(), NO_COLOR: "1" };
    const runs = [
      spawnSync(process.execPath, [bin, "batch"], { input: plantedBatchLines().join("\n"), encoding: "utf8", env }),
      spawnSync(process.execPath, [bin, "tm", "--config", yaml, ...dashD], { encoding: "utf8", env }),
      spawnSync(process.execPath, [bin, "explain", "jm", "--config", broken[0]!], { encoding: "utf8", env }),
      spawnSync(process.execPath, [bin, "tm", "-D", plantedBadDynamic()], { encoding: "utf8", env }),
    ];
    expect(runs[0]!.stdout.trim().split("\n").length).toBe(plantedBatchLines().length);
    for (const r of runs) {
      expect([0, 1, 2]).toContain(r.status);
      expect(leaks(r.stdout + r.stderr)).toEqual([]);
    }
  });
});
