// Migrating real flink-conf.yaml files to Flink 2.2 keeps the memory layout, byte for byte: the
// migrated file, read as 2.2 reads it, resolves the TaskManager and the JobManager to the same
// components and JVM flags as the source release does. Checked here independently of the
// migration's own check.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FlinkError } from "../../src/errors.js";
import { migrateKeepingLayout } from "../../src/migrate/keep-layout.js";
import { resolveJobManager, resolveTaskManager } from "../../src/resolve.js";
import type { ConfigInput } from "../../src/config/load.js";
import { ROOT } from "../support/golden.js";

const REAL = join(ROOT, "..", "shared", "realworld");
const legacyFiles = readFileSync(join(REAL, "MANIFEST.tsv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((l) => l.split("\t"))
  .filter(([file, , , , format]) => file!.startsWith("conf/") && format === "legacy")
  .map(([file]) => ({ file: file!, text: readFileSync(join(REAL, file!), "utf8") }));

/** What the process gets: every component, the JVM flags and the dynamic configs (CPU cores as Flink prints them). */
function layout(process: "tm" | "jm", flink: string, input: ConfigInput): { spec: string; flags: string; dynamic: string } | undefined {
  try {
    const r = process === "tm" ? resolveTaskManager({ ...input, flink, trace: false }) : resolveJobManager({ ...input, flink, trace: false });
    // CPU cores are kept as the release's BigDecimal internally (scale differs from 1.x to 2.x); what Flink prints is `text`.
    const spec = JSON.stringify(r.spec, (k, v) => (typeof v === "bigint" ? v.toString() : k === "cpuCores" ? v.text : v));
    return { spec, flags: r.jvmParameters, dynamic: r.dynamicConfigs };
  } catch (e) {
    if (e instanceof FlinkError) return undefined;
    throw e;
  }
}

describe("migrate, keeping the layout: every real flink-conf.yaml the source release accepts", () => {
  it("has the real files", () => expect(legacyFiles.length).toBeGreaterThanOrEqual(60));
  for (const from of ["1.13", "1.16", "1.20"]) {
    it(`${from} → 2.2: the same TaskManager and JobManager, byte for byte`, () => {
      let kept = 0;
      for (const { file, text } of legacyFiles) {
        const source: ConfigInput = { flinkConfYaml: text };
        const r = migrateKeepingLayout({ input: source, from, to: "2.2" });
        expect(r.file.name).toBe("config.yaml");
        const target: ConfigInput = { configYaml: r.file.text };
        for (const p of ["tm", "jm"] as const) {
          const a = layout(p, from, source);
          if (!a) {
            expect(r.same[p], `${file} ${p}`).toBe("source-fails");
            continue;
          }
          expect(layout(p, "2.2", target), `${file} ${p}`).toEqual(a);
          expect(r.same[p]).toBe(true);
          kept++;
        }
      }
      // Most of them: the files Flink refuses are the rest.
      expect(kept).toBeGreaterThanOrEqual(90);
    });
  }
  it("the fewest keys: a file whose layout 2.2 already gives gets none added", () => {
    const r = migrateKeepingLayout({ input: { flinkConfYaml: "taskmanager.memory.process.size: 4g\njobmanager.memory.process.size: 2g\n" }, from: "1.20", to: "2.2" });
    expect(r.notes.filter((n) => n.kind === "added")).toEqual([]);
    expect(r.file.text).toContain("taskmanager.memory.process.size: 4g\n");
  });
  it("network max went from 1g to unlimited in 1.17: a 32 GiB TaskManager keeps its 1 GiB network", () => {
    const r = migrateKeepingLayout({ input: { flinkConfYaml: "taskmanager.memory.process.size: 32g\njobmanager.memory.process.size: 2g\n" }, from: "1.16", to: "2.2" });
    expect(r.notes.filter((n) => n.kind === "added").map((n) => n.key)).toEqual(["taskmanager.memory.network.min", "taskmanager.memory.network.max"]);
    expect(r.file.text).toContain("taskmanager.memory.network.max: 1g\n");
    expect(r.same).toEqual({ tm: true, jm: true });
  });
  it("deprecated keys are renamed to the target's key; legacy heap keys are replaced by the size they meant", () => {
    const r = migrateKeepingLayout({ input: { flinkConfYaml: "taskmanager.heap.size: 2g\ntaskmanager.network.memory.fraction: 0.2\njobmanager.heap.size: 1g\n" }, from: "1.16", to: "2.2" });
    expect(r.notes.find((n) => n.kind === "renamed")!.text).toContain("taskmanager.network.memory.fraction → taskmanager.memory.network.fraction");
    expect(r.notes.filter((n) => n.kind === "removed").map((n) => n.key).sort()).toEqual(["jobmanager.heap.size", "taskmanager.heap.size"]);
    expect(r.same).toEqual({ tm: true, jm: true });
  });
  it("keys that are not memory options are carried unchanged and quoted in no note", () => {
    const r = migrateKeepingLayout({ input: { flinkConfYaml: "s3.secret-key: flink-memory-canary-42\ntaskmanager.memory.process.size: 4g\njobmanager.memory.process.size: 2g\nstate.backend.type: rocksdb\n" }, from: "1.16", to: "2.2" });
    expect(r.file.text).toContain("s3.secret-key: flink-memory-canary-42\n");
    expect(JSON.stringify(r.notes)).not.toContain("canary");
  });
  it("values keep their meaning in YAML: strings that would read as something else are quoted", () => {
    const r = migrateKeepingLayout({ input: { flinkConfYaml: "a.b: yes\nc.d: 0060\ne.f: x # y\ng.h: [1, 2]\ntaskmanager.memory.process.size: 4g\njobmanager.memory.process.size: 2g\n" }, from: "1.16", to: "2.2" });
    expect(r.file.text).toContain('a.b: yes\n');
    expect(r.file.text).toContain('c.d: "0060"\n');
    expect(r.file.text).toContain('g.h: "[1, 2]"\n');
  });
  it("a legacy file keeps its comments, order and blank lines; removed, overridden and skipped lines become comments", () => {
    const src = "# sizes\ntaskmanager.memory.process.size: 2g\n\n# old JobManager key\njobmanager.heap.size: 1g\ntaskmanager.numberOfTaskSlots: 2\ntaskmanager.numberOfTaskSlots: 4\nnot a key line\n";
    const r = migrateKeepingLayout({ input: { flinkConfYaml: src }, from: "1.16", to: "2.2" });
    expect(r.file.text.split("\n").slice(1).join("\n")).toBe(
      "# sizes\ntaskmanager.memory.process.size: 2g\n\n# old JobManager key\n# jobmanager.heap.size: removed, Flink 2.2 has no such option\n# taskmanager.numberOfTaskSlots: 2\ntaskmanager.numberOfTaskSlots: 4\n# not a key line\n\n# Added by flink-memory: these keep the memory layout Flink 1.16 gave.\njobmanager.memory.process.size: 1600m\n",
    );
    expect(r.same).toEqual({ tm: true, jm: true });
  });
  it("nested config.yaml, as Flink 2.x ships it: the same layout for every real file, read back the same", () => {
    let kept = 0;
    for (const { file, text } of legacyFiles) {
      const r = migrateKeepingLayout({ input: { flinkConfYaml: text }, from: "1.16", to: "2.2", nested: true });
      for (const p of ["tm", "jm"] as const) {
        const a = layout(p, "1.16", { flinkConfYaml: text });
        if (!a) continue;
        expect(layout(p, "2.2", { configYaml: r.file.text }), `${file} ${p}`).toEqual(a);
        kept++;
      }
    }
    expect(kept).toBeGreaterThanOrEqual(90);
    const r = migrateKeepingLayout({ input: { flinkConfYaml: "taskmanager.memory.process.size: 4g\njobmanager.memory.process.size: 2g\na: 1\na.b: 2\n" }, from: "1.20", to: "2.2", nested: true });
    // A key that is another's prefix stays flat with it.
    expect(r.file.text).toContain("\na: 1\na.b: 2\n");
    expect(r.file.text).toContain("taskmanager:\n  memory:\n    process:\n      size: 4g\n");
  });
  it("from 1.10-1.12, whose dynamic configs have another order and fewer keys: the same values, said as the release's format", () => {
    for (const from of ["1.10", "1.11", "1.12"]) {
      const r = migrateKeepingLayout({ input: { flinkConfYaml: "taskmanager.memory.process.size: 4g\njobmanager.memory.process.size: 2g\n" }, from, to: "2.2" });
      expect(r.same.tm, from).toBe(true);
      expect(r.notes.some((n) => n.kind === "format" && n.text.startsWith("TaskManager"))).toBe(true);
      const a = resolveTaskManager({ flink: from, flinkConfYaml: "taskmanager.memory.process.size: 4g\n" });
      const b = resolveTaskManager({ flink: "2.2", configYaml: r.file.text });
      expect(b.jvmParameters).toBe(a.jvmParameters);
    }
  });
});

