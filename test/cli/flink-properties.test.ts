// End to end: the FLINK_PROPERTIES environment variable of the official Docker image, through the
// real CLI (needs `npm run build`): applied as the image's entrypoint applies it, after the file
// and before -D, with a one-line notice on stderr and never a value.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/golden.js";
import { leaks, secretCanaries } from "../support/secrets.js";

const BIN = join(ROOT, "bin", "flink-memory.js");
const DIR = mkdtempSync(join(tmpdir(), "fm-fp-"));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));
const run = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: DIR, env: { PATH: process.env.PATH ?? "", ...env } });
const json = (stdout: string) => JSON.parse(stdout) as { totalProcess: string; numSlots: number };
const GiB = 1024 ** 3;

describe("FLINK_PROPERTIES in the CLI", () => {
  it("tm and jm read it (Flink 2.2: one -D pair per line), with a notice on stderr and no value quoted", () => {
    const canary = secretCanaries()[0]!.value;
    const env = { FLINK_PROPERTIES: `\njobmanager.rpc.address: jobmanager\ntaskmanager.memory.process.size: 2g\ntaskmanager.numberOfTaskSlots: 4\njobmanager.memory.process.size: 1g\ns3.secret-key: ${canary}\n` };
    const tm = run(["tm", "--format", "json"], env);
    expect(tm.status).toBe(0);
    expect(json(tm.stdout)).toMatchObject({ totalProcess: String(2 * GiB), numSlots: 4 });
    expect(tm.stderr).toBe("note: FLINK_PROPERTIES applied (5 line(s), as -D pairs before the command's -D (whitespace removed from each line), as the 1.19+ image does)\n");
    const jm = run(["jm", "--format", "json"], env);
    expect(json(jm.stdout).totalProcess).toBe(String(GiB));
    for (const r of [tm, jm]) expect(leaks(r.stdout + r.stderr)).toEqual([]);
  });
  it("order: the file, then FLINK_PROPERTIES, then -D", () => {
    const file = join(DIR, "config.yaml");
    writeFileSync(file, "taskmanager.memory.process.size: 1g\ntaskmanager.numberOfTaskSlots: 3\n");
    const env = { FLINK_PROPERTIES: "taskmanager.memory.process.size: 2g" };
    expect(json(run(["tm", "--config", file, "--format", "json"], env).stdout)).toMatchObject({ totalProcess: String(2 * GiB), numSlots: 3 });
    expect(json(run(["tm", "--config", file, "-D", "taskmanager.memory.process.size=3g", "--format", "json"], env).stdout).totalProcess).toBe(String(3 * GiB));
  });
  it("Flink 1.17: appended to flink-conf.yaml, so 'key:value' is skipped and envsubst fills $VARS from the environment", () => {
    const env = { FLINK_PROPERTIES: "taskmanager.memory.process.size: ${TM_MEMORY}\ntaskmanager.numberOfTaskSlots:4", TM_MEMORY: "3g" };
    const r = run(["tm", "--flink", "1.17", "--format", "json"], env);
    expect(r.status).toBe(0);
    expect(json(r.stdout)).toMatchObject({ totalProcess: String(3 * GiB), numSlots: 1 });
    expect(r.stderr).toContain("note: FLINK_PROPERTIES applied (2 line(s), appended to flink-conf.yaml, then envsubst over the file, as the image up to 1.18 does)");
    expect(r.stderr).toContain("line is not a key-value pair");
  });
  it("nested YAML is warned about; a value Flink refuses exits 1 with Flink's message", () => {
    const nested = run(["tm", "--format", "json", "-D", "taskmanager.memory.process.size=2g"], { FLINK_PROPERTIES: "taskmanager:\n  numberOfTaskSlots: 4" });
    expect(nested.status).toBe(0);
    expect(json(nested.stdout).numSlots).toBe(1);
    expect(nested.stderr).toContain("warning: FLINK_PROPERTIES line 2 is nested YAML: the image reads it one line at a time, so it sets 'numberOfTaskSlots', not 'taskmanager.numberOfTaskSlots'");
    const refused = run(["tm"], { FLINK_PROPERTIES: "taskmanager.memory.process.size: 2g # two" });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("Could not parse value '2g#two' for key 'taskmanager.memory.process.size'.");
  });
  it("an empty FLINK_PROPERTIES is ignored, as the entrypoint's `[ -n ]` test does", () => {
    const r = run(["tm", "-D", "taskmanager.memory.process.size=2g"], { FLINK_PROPERTIES: "" });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
  });
});
