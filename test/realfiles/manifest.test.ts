// The real-file corpus (test/data/realfiles): every file listed with its provenance and verdict,
// nothing unlisted, sizes and kinds as the README says; and `lint` never quotes the demo
// credentials some of these real files carry (needs `npm run build`, like the other CLI tests).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/golden.js";

const DIR = join(ROOT, "test", "data", "realfiles");
const BIN = join(ROOT, "bin", "flink-memory.js");
const HEADER = ["file", "repo", "path", "commit", "what it is", "what a correct tool says", "kind"];
const KINDS = [
  "flink-config-whole", "flink-config-layer", "flink-config-local-run", "operator-config", "operator-helm-values",
  "flink-deployment", "flink-session-job", "compose-flink", "compose-other", "other-operator",
  "helm-template", "helm-values-other", "kubernetes-other", "unrelated",
];

const lines = readFileSync(join(DIR, "MANIFEST.tsv"), "utf8").split("\n").filter((l) => l !== "");
const rows = lines.slice(1).map((l) => l.split("\t"));

describe("real-file corpus MANIFEST", () => {
  it("has the agreed header and seven non-empty columns on every row", () => {
    expect(lines[0]?.split("\t")).toEqual(HEADER);
    for (const r of rows) {
      expect(r, r[0]).toHaveLength(HEADER.length);
      for (const cell of r) expect(cell.trim(), r[0]).not.toBe("");
    }
  });

  it("lists every file in the folder exactly once, and only files that exist (each under 200 kB)", () => {
    const listed = rows.map((r) => r[0] as string);
    expect(new Set(listed).size).toBe(listed.length);
    const present = readdirSync(DIR).filter((f) => f !== "MANIFEST.tsv" && f !== "README.md").sort();
    expect([...listed].sort()).toEqual(present);
    for (const f of present) expect(statSync(join(DIR, f)).size, f).toBeLessThan(200_000);
  });

  it("names a repository and a commit for every file; files taken at a tag carry the tag in their name", () => {
    for (const [file, repo, path, commit] of rows as string[][]) {
      expect(repo, file).toMatch(/^[A-Za-z0-9][\w.-]*\/[\w.-]+$/);
      expect(commit, file).toMatch(/\b[0-9a-f]{40}\b|^tag release-/);
      if (!/^(fko|flink-)/.test(file as string)) {
        // <owner>__<repo>[@<tag>]__<path with / replaced by _>
        const [owner, name] = (repo as string).split("/");
        expect(file, file).toMatch(new RegExp(`^${owner}__${name}(@[\\w.-]+)?__`.replace(/\./g, "\\.")));
        expect((file as string).endsWith((path as string).replace(/\//g, "_")), file).toBe(true);
      }
    }
  });

  it("uses only the README's kinds, with at least one real file of each", () => {
    const used = new Set(rows.map((r) => r[6]));
    for (const k of used) expect(KINDS).toContain(k);
    for (const k of KINDS) expect(used.has(k), k).toBe(true);
  });
});

// Demo credentials planted by the files' authors under non-memory keys (s3.secret.key, compose
// environment); whatever lint says about these files, it must not repeat them.
const CREDENTIALS: Record<string, string[]> = {
  "decodableco__examples__flink-on-kubernetes_flink_custom-job-ha.yaml": ["minio123"],
  "fistdat__MSE19-BigData__flink_flink-conf.yaml": ["minioadmin"],
  "Islene888__live_kafka_flink__conf_flink-conf.yaml": ["minioadmin"],
  "fistdat__MSE19-BigData__docker-compose-flink-1.18.yml": ["supersecretkey123", "airflow_secret_key"],
  "decodableco__examples__flink-cdc_flink_mysql-to-es.yaml": ["dbz"],
};

describe("lint over real files with demo credentials", () => {
  for (const [file, secrets] of Object.entries(CREDENTIALS)) {
    it(`never quotes the credentials of ${file}`, () => {
      const text = readFileSync(join(DIR, file), "utf8");
      for (const s of secrets) expect(text).toContain(s);
      for (const format of ["text", "json"]) {
        const r = spawnSync(process.execPath, [BIN, "lint", join(DIR, file), "--verbose", "--format", format], { encoding: "utf8", cwd: ROOT });
        expect(r.status === 0 || r.status === 1, r.stderr).toBe(true);
        for (const s of secrets) expect(r.stdout + r.stderr).not.toContain(s);
      }
    }, 60_000);
  }
});
