// The fast path for simple manifests must give exactly what the `yaml` package gives: the same
// values (types, key order), the same key positions, no errors. Whatever it does not take (undefined)
// goes to the `yaml` package, so only the texts it takes are compared, over generated texts (and
// mutations of them, to reach the edges of what it takes) and the real files of the test data.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readManifests, readManifestsWithYaml, type ManifestDocument } from "../../src/k8s/manifest.js";
import { readSimpleManifest } from "../../src/k8s/simple-manifest.js";

/** Values with their types and key order spelled out. */
function show(v: unknown): string {
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "number") return Object.is(v, -0) ? "-0num" : `${v}num`;
  if (typeof v === "string") return JSON.stringify(v);
  if (v === null || v === undefined || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map(show).join(",")}]`;
  const o = v as Record<string, unknown>;
  const proto = Object.getPrototypeOf(o) === Object.prototype ? "" : `proto:${show(Object.getPrototypeOf(o))}`;
  return `{${proto}${Object.keys(o).map((k) => `${JSON.stringify(k)}:${show(o[k])}`).join(",")}}`;
}

function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(v)) v.forEach((x, i) => (out.push([...prefix, i]), paths(x, [...prefix, i], out)));
  else if (typeof v === "object" && v !== null) for (const k of Object.keys(v)) out.push([...prefix, k]), paths((v as Record<string, unknown>)[k], [...prefix, k], out);
  return out;
}

function summary(docs: ManifestDocument[]) {
  return docs.map((d) => ({
    index: d.index,
    value: show(d.value),
    errors: d.errors,
    positions: paths(d.value).map((p) => `${p.join("/")}@${JSON.stringify(d.keyAt(p))}|${JSON.stringify(d.embeddedAt(p))}`),
  }));
}

/** Compares when the fast path takes the text; says whether it did. */
function agree(text: string): boolean {
  const simple = readSimpleManifest(text);
  if (simple === undefined) return false;
  expect(summary(simple), text).toEqual(summary(readManifestsWithYaml(text)));
  return true;
}

/** A small seeded generator (mulberry32), so failures repeat. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
}

const SCALARS = [
  "x", "name", "flink", "true", "True", "TRUE", "tRue", "false", "FALSE", "null", "Null", "NULL", "nULL", "~", "0", "007", "-5", "+5", "-0", "12345678901234567890",
  "0o17", "0o8", "0x1F", "0xg", "-0x1", "1.5", "1.", ".5", "-.5", "+1.0", "-0.0", "1e3", "1E-3", "-1.5e+3", ".inf", "-.Inf", ".nan", "1_000", "2048m", "2G", "4g", "v1_20",
  "-Xmx1g", "-", "a,b", "[a]", "{a}", "[]", "{}", "a[b]", "a#b", "a #b", "a:b", "http://x:8080/y", "a: b", "a:", "?x", ":x", "*x", "&x", "!x", "!!str x", "|", ">", "%x", "@x",
  "`x", "'q'", '"q"', "'it''s'", "'a''", '"a\\nb"', '"a # b"', "'a: b'", "''", '""', "a  b", "<<", "1:2", "flink:1.20", "s3://bucket/path", "é", "---", "...", "a\tb",
  "flink.apache.org/v1beta1", "FlinkDeployment", "2048Mi", '"2048m"', "'1'", '"true"',
];
const KEYS = [
  "a", "b", "c", "name", "apiVersion", "kind", "metadata", "spec", "taskmanager.memory.process.size", "taskmanager.numberOfTaskSlots", "1", "1.0", "0x10", "true", "null", "~",
  '"quoted key"', "'single key'", '""', "a b", "a:b", "-k", "<<", "__proto__", "x#y", "x #y", "k[0]", "a,b", "?k", "&a k", "!t k", "key ", '"a"b', "'it''s'",
];

/** The words the fast path takes on their own: texts made of these only are mostly taken. */
const SAFE_SCALARS = SCALARS.filter((s) => readSimpleManifest(`k: ${s}\n`) !== undefined);
const SAFE_KEYS = KEYS.filter((k) => readSimpleManifest(`${k}: v\n`) !== undefined);

interface Words {
  scalars: readonly string[];
  keys: readonly string[];
}

type Tree = { map: [string, Tree][] } | { seq: Tree[] } | { scalar: string };

function tree(r: ReturnType<typeof rng>, depth: number, w: Words): Tree {
  const roll = r.next();
  if (depth > 3 || roll < 0.45) return { scalar: r.pick(w.scalars) };
  const n = 1 + r.int(4);
  if (roll < 0.8) return { map: Array.from({ length: n }, () => [r.pick(w.keys), tree(r, depth + 1, w)] as [string, Tree]) };
  return { seq: Array.from({ length: n }, () => tree(r, depth + 1, w)) };
}

/** The tree as block YAML, in one of several layouts. */
function render(r: ReturnType<typeof rng>, t: Tree, indent: number): string[] {
  const pad = " ".repeat(indent);
  const step = r.pick([2, 2, 2, 4, 1, 3]);
  const comment = () => (r.next() < 0.1 ? r.pick([" # note", " #", "  # x: y"]) : r.next() < 0.05 ? "  " : "");
  if ("scalar" in t) return [pad + t.scalar + comment()];
  const out: string[] = [];
  if ("map" in t) {
    for (const [k, v] of t.map) {
      if (r.next() < 0.05) out.push(r.pick(["", "# comment", pad + "# indented comment", "   "]));
      if ("scalar" in v) out.push(`${pad}${k}:${r.pick([" ", " ", "  "])}${v.scalar}${comment()}`);
      else {
        out.push(`${pad}${k}:${comment()}`);
        out.push(...render(r, v, "seq" in v && r.next() < 0.5 ? indent : indent + step));
      }
    }
    return out;
  }
  for (const item of t.seq) {
    if ("scalar" in item) out.push(`${pad}-${r.pick([" ", " ", "  "])}${item.scalar}${comment()}`);
    else if (r.next() < 0.25) {
      out.push(`${pad}-${comment()}`);
      out.push(...render(r, item, indent + step));
    } else {
      const gap = r.pick([1, 1, 1, 2, 3]);
      const inner = render(r, item, indent + 1 + gap);
      inner[0] = `${pad}-${" ".repeat(gap)}${inner[0]!.trimStart()}`;
      out.push(...inner);
    }
  }
  return out;
}

/** A line-level change: the edges of the fast path (indentation off by one, a line lost or doubled, a marker). */
function mutate(r: ReturnType<typeof rng>, lines: string[]): string[] {
  const out = [...lines];
  const i = r.int(out.length);
  switch (r.int(6)) {
    case 0:
      out.splice(i, 1);
      break;
    case 1:
      out.splice(i, 0, out[i] ?? "");
      break;
    case 2:
      out[i] = " " + (out[i] ?? "");
      break;
    case 3:
      out[i] = (out[i] ?? "").replace(/^ /, "");
      break;
    case 4:
      out.splice(i, 0, r.pick(["---", "...", "--- # doc", "%YAML 1.2", "- x", "  - x", "x", "  y: 1", "? k", ": v", "a: |", "  text", "a: >-", "*alias", "b: &a 1", "c: *a"]));
      break;
    default:
      out[i] = `${out[i] ?? ""}${r.pick([" x", ":", ": y", " # c", "'", '"', " [", " {", "\\"])}`;
  }
  return out;
}

function* yamlFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    const st = statSync(p);
    if (st.isDirectory()) yield* yamlFiles(p);
    else if (/\.ya?ml$/.test(e) && st.size < 200_000) yield p;
  }
}

describe("readSimpleManifest agrees with the yaml package", () => {
  it("on generated block YAML", () => {
    const r = rng(20261202);
    let taken = 0;
    const runs = 4000;
    expect(SAFE_SCALARS.length).toBeGreaterThan(30);
    for (let n = 0; n < runs; n++) {
      // Half the texts from every word, half from the words the fast path takes.
      const w = n % 2 === 0 ? { scalars: SCALARS, keys: KEYS } : { scalars: SAFE_SCALARS, keys: SAFE_KEYS };
      const items = 1 + r.int(5);
      // Mostly a mapping at the top, as in manifests; sometimes a sequence.
      const root: Tree = r.next() < 0.85 ? { map: Array.from({ length: items }, () => [r.pick(w.keys), tree(r, 1, w)] as [string, Tree]) } : { seq: Array.from({ length: items }, () => tree(r, 1, w)) };
      const lines = render(r, root, r.pick([0, 0, 0, 2]));
      const prefix = r.next() < 0.1 ? "---\n" : r.next() < 0.05 ? "# header\n\n" : "";
      if (agree(prefix + lines.join("\n") + r.pick(["\n", "", "\n\n"]))) taken++;
      for (let m = 0; m < 3; m++) agree(mutate(r, lines).join("\n") + "\n");
    }
    expect(taken).toBeGreaterThan(runs / 4);
  });
  it("on generated FlinkDeployments (the common shape)", () => {
    const r = rng(7);
    for (let i = 0; i < 500; i++) {
      const text = `apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: d${i}\n  labels:\n    app: x${i}\nspec:\n  image: flink:1.${r.int(21)}\n  flinkVersion: v1_${r.int(21)}\n  flinkConfiguration:\n    taskmanager.numberOfTaskSlots: "${1 + r.int(8)}"\n    taskmanager.memory.managed.fraction: ${r.pick(["0.1", "0.4", "'0.2'", "1"])}\n  serviceAccount: flink\n  jobManager:\n    resource:\n      memory: "${r.pick(["2048m", "2g", "1Gi"])}"\n      cpu: ${r.pick(["1", "0.5", "2"])}\n  taskManager:\n    resource:\n      memory: ${r.pick(["2048m", '"4G"', "'8g'"])}\n      cpu: ${1 + r.int(4)}\n    podTemplate:\n      spec:\n        containers:\n          - name: flink-main-container\n            env:\n            - name: A\n              value: "b"\n            args: ["x"]\n`;
      const simple = text.replace('            args: ["x"]\n', "");
      expect(agree(simple)).toBe(true);
      agree(text);
    }
  });
  it("on the real files of the test data and examples", () => {
    const dirs = ["test/data", "examples", "deploy", "/work/shared/realworld", "/work/shared/realworld2"].filter((d) => existsSync(d));
    let taken = 0;
    let all = 0;
    for (const dir of dirs) {
      for (const f of yamlFiles(dir)) {
        all++;
        if (agree(readFileSync(f, "utf8"))) taken++;
      }
    }
    console.log(`simple manifests: ${taken} of ${all} real files taken by the fast path`);
    expect(taken).toBeGreaterThan(50);
  });
  it("readManifests gives the same either way", () => {
    const text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n";
    expect(readSimpleManifest(text)).toBeDefined();
    expect(summary(readManifests(text))).toEqual(summary(readManifestsWithYaml(text)));
    // Not simple (a block scalar): the yaml package reads it.
    expect(readSimpleManifest(`${text}data:\n  config.yaml: |\n    a: 1\n`)).toBeUndefined();
  });
});
