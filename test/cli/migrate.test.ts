// `flink-memory migrate` end to end: the file on stdout (or --out), the notes on stderr with no
// secret, JSON, exit statuses, located errors.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveTaskManager } from "../../src/resolve.js";
import { ROOT } from "../support/golden.js";

const BIN = join(ROOT, "bin", "flink-memory.js");
const DIR = mkdtempSync(join(tmpdir(), "flink-memory-migrate-"));
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, FLINK_CONF_DIR: "", FLINK_PROPERTIES: "" } });
const file = (name: string, text: string) => {
  const p = join(DIR, name);
  writeFileSync(p, text);
  return p;
};
const CONF = "taskmanager.memory.process.size: 32g\njobmanager.memory.process.size: 2g\ns3.secret-key: flink-memory-canary-77\n";

describe("flink-memory migrate", () => {
  it("writes Flink 2.2's config.yaml on stdout; what changed on stderr; the layout is kept", () => {
    const r = run(["migrate", file("flink-conf.yaml", CONF), "--from", "1.16", "--to", "2.2"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("taskmanager.memory.network.max: 1g\n");
    expect(r.stdout).toContain("s3.secret-key: flink-memory-canary-77\n");
    expect(r.stderr).toContain("added: taskmanager.memory.network.min: 1g");
    expect(r.stderr).toContain("TaskManager: the same layout");
    expect(r.stderr).not.toContain("canary");
    const a = resolveTaskManager({ flink: "1.16", flinkConfYaml: CONF });
    const b = resolveTaskManager({ flink: "2.2", configYaml: r.stdout });
    expect(b.jvmParameters).toBe(a.jvmParameters);
  });
  it("a conf dir, --out, and JSON", () => {
    const conf = join(DIR, "conf");
    mkdirSync(conf, { recursive: true });
    writeFileSync(join(conf, "flink-conf.yaml"), CONF);
    const out = join(DIR, "config.yaml");
    expect(run(["migrate", conf, "--from", "1.16", "--to", "2.2", "--out", out]).status).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("taskmanager.memory.process.size: 32g\n");
    const j = JSON.parse(run(["migrate", conf, "--from", "1.16", "--to", "2.2", "--format", "json"]).stdout) as { same: unknown; file: { name: string } };
    expect(j).toMatchObject({ same: { tm: true, jm: true }, file: { name: "config.yaml" } });
  });
  it("bad input: a located error for a file Flink cannot read (exit 1); usage errors exit 2", () => {
    const bad = join(DIR, "bad");
    mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, "config.yaml"), "a: [1,\n");
    const r = run(["migrate", bad, "--from", "2.2", "--to", "2.2"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/config\.yaml:2:1/);
    expect(run(["migrate", join(DIR, "nope"), "--from", "1.16"]).status).toBe(2);
    expect(run(["migrate", file("x.yaml", CONF)]).status).toBe(2);
    expect(run(["migrate", file("y.yaml", CONF), "--from", "3.9"]).status).toBe(2);
  });
  it("a FlinkDeployment is edited in place, its version read from the manifest", () => {
    const manifest = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: big\nspec:\n  flinkVersion: v1_16\n  flinkConfiguration:\n    taskmanager.numberOfTaskSlots: \"4\"\n  jobManager:\n    resource: {memory: 2g, cpu: 1}\n  taskManager:\n    resource: {memory: 32g, cpu: 4}\n";
    const r = run(["migrate", file("deployment.yaml", manifest), "--to", "2.2"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("flinkVersion: v2_2");
    expect(r.stdout).toContain("taskmanager.memory.network.max: 1g");
    expect(r.stderr).toContain("migrated FlinkDeployment big");
    expect(r.stderr).toContain("TaskManager: the same layout");
  });
  it("--keep-layout=false: the syntax only, byte for byte what Flink 1.20's migrate-config-file.sh writes", () => {
    const recorded = join(ROOT, "test", "data", "migrate", "flink-1.20", "realfiles");
    const name = readdirSync(recorded).find((f) => f.endsWith(".out"))!;
    const source = join(ROOT, "test", "data", "realfiles", name.replace(/\.out$/, ""));
    // What the script writes: the printed lines without their prefix, with a final newline.
    const expected = readFileSync(join(recorded, name), "utf8").split("\n").filter((l) => l !== "").map((l) => l.replace("BASH_JAVA_UTILS_EXEC_RESULT:", "")).join("\n") + "\n";
    const r = run(["migrate", source, "--keep-layout=false"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(expected);
    expect(r.stderr).toContain("syntax only");
    expect(run(["migrate", source, "--keep-layout=maybe"]).status).toBe(2);
  });
});

