// Every real file gets the verdict its MANIFEST states: skipped when it is not something Flink or
// the operator reads as a process configuration, an error exactly where Flink or the operator would
// certainly refuse it as deployed, and never a unit warning on an operator-read memory string.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintFile } from "../../cli/lint-command.js";
import { resolveJobManager, resolveTaskManager } from "../../src/resolve.js";
import { MiB } from "../../src/size/memory-size.js";
import { ROOT } from "../support/golden.js";

const DIR = join(ROOT, "test", "data", "realfiles");
const rows = readFileSync(join(DIR, "MANIFEST.tsv"), "utf8")
  .split("\n")
  .slice(1)
  .filter((l) => l.trim() !== "")
  .map((l) => {
    const [file, repo, path, commit, what, says, kind] = l.split("\t");
    return { file: file!, repo: repo!, path: path!, commit: commit!, what: what!, says: says!, kind: kind! };
  });

/** Kinds no Flink process or the operator reads as a process configuration. */
const SKIPPED = new Set(["operator-config", "other-operator", "helm-template", "helm-values-other", "kubernetes-other", "unrelated", "compose-other"]);
/** The MANIFEST's words for a refusal (an ERROR, or Flink's "fails:" with its message). */
const refused = (says: string) => /^ERROR\b|\bfails: "/.test(says);

describe("real files: the verdict the MANIFEST states", () => {
  it("has files of every kind", () => {
    expect(new Set(rows.map((r) => r.kind)).size).toBeGreaterThanOrEqual(12);
  });
  for (const r of rows) {
    it(`${r.kind}: ${r.file}`, () => {
      const got = lintFile(join(DIR, r.file), {});
      const errors = got.findings.filter((f) => f.severity === "error");
      // The operator's own conf file: skipped when it holds only kubernetes.operator.* keys, else
      // a layer merged under every deployment (notes, never an error).
      if (r.kind === "operator-config") {
        expect(errors).toEqual([]);
        return;
      }
      if (SKIPPED.has(r.kind)) {
        expect(got.checked, `${r.file} is ${r.what}: skipped`).toBe(false);
        return;
      }
      expect(got.findings.filter((f) => f.ruleId === "k8s-unit-mismatch")).toEqual([]);
      if (refused(r.says)) expect(errors.length, `${r.file}: ${r.says}`).toBeGreaterThan(0);
      else expect(errors.map((e) => e.message), r.says).toEqual([]);
    });
  }
});

// "Flink's shipped file of that release resolves in that release (TaskManager 1728m, JobManager
// 1600m); Flink 2.x ignores a flink-conf.yaml": read under its real name, as each release reads it.
describe("real files: shipped configurations per release", () => {
  const shipped = rows.filter((r) => /resolves in that release \(TaskManager \d+m, JobManager \d+m\)/.test(r.says));
  it("there are shipped files of several releases", () => expect(shipped.length).toBeGreaterThanOrEqual(4));
  for (const r of shipped) {
    const release = /flink-(\d+\.\d+)/.exec(r.file)![1]!;
    const [, tm, jm] = /TaskManager (\d+)m, JobManager (\d+)m/.exec(r.says)!;
    const name = r.path.split("/").pop()!;
    const files = [{ name, text: readFileSync(join(DIR, r.file), "utf8") }];
    it(`${r.file}: Flink ${release} reads ${name}: TaskManager ${tm}m, JobManager ${jm}m`, () => {
      expect(resolveTaskManager({ flink: release, files }).spec.totalProcess).toBe(BigInt(tm!) * MiB);
      expect(resolveJobManager({ flink: release, files }).spec.totalProcess).toBe(BigInt(jm!) * MiB);
      if (/Flink 2\.x ignores a flink-conf\.yaml/.test(r.says)) {
        // 2.2 ignores the file: the TaskManager is then not sized at all.
        expect(() => resolveTaskManager({ flink: "2.2", files })).toThrow(/need to be configured explicitly/);
      }
    });
  }
});
