// A flink-conf.yaml without `apiVersion` (and without a backslash) is classified by its lines,
// without a YAML parse: the answer must be the one the full path (YAML documents first) gives.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyFile } from "../../src/files/classify.js";
import { readManifests } from "../../src/k8s/manifest.js";

const NAMES = ["flink-conf.yaml", "conf/flink-conf.yaml", "flink-conf-prod.yaml", "repo__conf_flink-conf.yaml", "app/src/main/resources/flink-conf.yaml", "helm/conf/flink-conf.yaml"];

/** Both paths: the shortcut (no documents given) and the full one (documents read first). */
function agree(path: string, text: string): void {
  expect(classifyFile(path, text)).toEqual(classifyFile(path, text, readManifests(text)));
}

function* files(dir: string): Generator<string> {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) yield* files(p);
    // The few large files (generated, over 20 KB) add time and no new shape.
    else if (/\.ya?ml$/.test(e) && statSync(p).size < 20_000) yield p;
  }
}

/** Lines of every sort a flink-conf.yaml (or something named so) may hold. */
const LINE = fc.constantFrom(
  "taskmanager.memory.process.size: 1728m",
  "taskmanager.numberOfTaskSlots: 4",
  "jobmanager.memory.process.size: 1600m",
  "taskmanager.memroy.network.max: 1g",
  "kubernetes.operator.reconcile.interval: 15 s",
  "kubernetes.container.image: flink:1.20",
  "env.java.opts: -XX:+UseG1GC",
  "state.backend.type: rocksdb",
  "kind: FlinkDeployment",
  "metadata:",
  "  name: x",
  "spec:",
  "  taskmanager.numberOfTaskSlots: 2",
  "taskmanager:",
  "  memory:",
  "    process.size: 2g",
  "- a",
  "- taskmanager.numberOfTaskSlots: 3",
  "key: [a, b]",
  "key: {a: 1}",
  "{taskmanager.numberOfTaskSlots: 2}",
  "&anchor key: value",
  "other: *anchor",
  "'quoted.key': 'v'",
  '"double.key": "v"',
  "key:value",
  "key : value",
  "# comment",
  "#taskmanager.numberOfTaskSlots: 9",
  "---",
  "...",
  "%YAML 1.2",
  "\ttabbed: 1",
  "",
  "   ",
  "plain text line",
  "a: b: c",
  "? complex",
  ": value",
  "taskmanager.memory.process.size: 1g # trailing",
  "taskmanager.memory.flink.size:",
  "  - item",
  "key: |",
  "  block text",
  "key: >-",
  "! tagged: x",
  "!!str key: v",
  "taskmanager.memory.process.size: \"4g\"",
  "s3.secret-key: abc:def",
);

describe("classifyFile: a flink-conf.yaml read by its lines agrees with the full path", () => {
  it("on the test data's and the examples' files, under each name", () => {
    let n = 0;
    for (const dir of ["test/data", "examples"]) {
      for (const f of files(dir)) {
        const text = readFileSync(f, "utf8");
        for (const name of ["flink-conf.yaml", "app/src/main/resources/flink-conf.yaml"]) agree(name, text);
        n++;
      }
    }
    expect(n).toBeGreaterThan(100);
  });
  it("on generated texts", () => {
    fc.assert(
      fc.property(fc.array(LINE, { maxLength: 12 }), fc.constantFrom(...NAMES), fc.constantFrom("\n", "\r\n"), fc.boolean(), (lines, name, eol, bom) => {
        agree(name, (bom ? "\uFEFF" : "") + lines.join(eol) + eol);
      }),
      { numRuns: 3000 },
    );
  });
  it("texts that name apiVersion or hold a backslash take the full path", () => {
    for (const text of ["apiVersion: v1\nkind: ConfigMap\ndata:\n  flink-conf.yaml: |\n    a: 1\n", '"api\\x56ersion": v1\nkind: ConfigMap\n', "taskmanager.numberOfTaskSlots: 2\npath: C:\\flink\n"]) {
      for (const name of NAMES) agree(name, text);
    }
    expect(classifyFile("flink-conf.yaml", "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\n").kind).toBe("kubernetes");
  });
});
