/**
 * fast-check generators for hostile and near-valid inputs: sizes with random units, spaces and
 * case; numbers at the edges of float, int and long; YAML built from memory keys with nesting,
 * flow collections, quotes, comments, anchors and aliases; legacy `flink-conf.yaml` lines;
 * and raw random text. Every generator shrinks.
 * @module
 */
import fc from "fast-check";
import { SUPPORTED_LINES } from "../src/versions/version.js";
import { optionsFor } from "../src/options/registry.js";

/** Every memory key of every supported version (main and fallback keys), plus neighbours the engine reads. */
export const MEMORY_KEYS: readonly string[] = (() => {
  const keys = new Set<string>();
  for (const line of SUPPORTED_LINES) {
    for (const o of optionsFor(line).all) {
      keys.add(o.key);
      for (const f of o.fallbackKeys) keys.add(f.key);
    }
  }
  keys.add("external-resource.gpu.amount");
  return [...keys].sort();
})();

/** Versions: lines, patch versions, and a few that do not exist. */
export const versionArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...SUPPORTED_LINES) },
  { weight: 2, arbitrary: fc.constantFrom("1.10.0", "1.10.1", "1.13.6", "1.17.2", "1.20.1", "2.0.0", "2.1.1") },
  { weight: 1, arbitrary: fc.constantFrom("1.9", "9.9", "", "1.", "2.2.x", "01.20", " 1.20") },
);

const UNITS = ["", "b", "bytes", "k", "kb", "kibibytes", "m", "mb", "mebibytes", "g", "gb", "gibibytes", "t", "tb", "tebibytes", "x", "mib", "gi"];

/** Random upper/lower case of a word. */
const caseOf = (word: string): fc.Arbitrary<string> =>
  fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length }).map((up) => [...word].map((c, i) => (up[i] ? c.toUpperCase() : c)).join(""));

const space = fc.constantFrom("", "", "", " ", "  ", "\t", "\u00a0", "\u2003", "\n", "\u000b", "\u0000");

/** Byte counts at the edges: 0, 1, powers of two, 2^63-1 and beyond. */
export const edgeNumberText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("0", "1", "00", "0001", "1024", "4096", "9223372036854775807", "9223372036854775808", "18446744073709551616", "8796093022208", "9007199254740993"),
  fc.bigInt({ min: 0n, max: 2n ** 64n }).map(String),
  fc.nat({ max: 100_000 }).map(String),
  fc.stringMatching(/^[0-9]{1,30}$/),
);

/** Sizes as users (and attackers) write them. */
export const sizeText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(space, edgeNumberText, space, fc.constantFrom(...UNITS).chain(caseOf), space).map((p) => p.join("")) },
  { weight: 1, arbitrary: fc.constantFrom("-1m", "+1m", "1.5g", "1e3", "0x10", "1 000", "1_000", "infinite", "", " ", "m", "1g1", "١٢٣m", "１２m") },
  { weight: 1, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 24 }) },
);

/** Floats whose widening to double differs most from their decimal text, and other edges. */
export const EDGE_FRACTIONS = [
  "0", "0.0", "1", "1.0", "0.99999994", "0.9999999", "0.99999997", "1.0000001", "0.1", "0.2", "0.3", "0.4", "0.7", "0.9",
  "0.33333334", "0.6666667", "1.4E-45", "1.17549435E-38", "3.4028235E38", "3.4028236E38", "1e-46", "-0.0", "-0.1", "NaN", "Infinity",
  "-Infinity", "0x1p-3", "0.1f", "0.1d", ".5", "5.", "1e0", "0.100000001490116119384765625", "2.5E-1", "  0.4  ",
];

export const fractionText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...EDGE_FRACTIONS) },
  { weight: 3, arbitrary: fc.float({ noNaN: true, min: 0, max: 1 }).map((f) => String(f)) },
  { weight: 1, arbitrary: fc.double({ min: -2, max: 2 }).map((d) => String(d)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

export const intText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("0", "1", "-1", "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "+1", "01", "1.0", "0x1", "", " 1"),
  fc.integer().map(String),
  fc.bigInt({ min: -(2n ** 65n), max: 2n ** 65n }).map(String),
  fc.string({ maxLength: 12 }),
);

export const booleanText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("true", "false", "TRUE", "False", "tRuE", "yes", "no", "on", "1", "0", "", " true"),
  fc.string({ maxLength: 8 }),
);

/** A value for a key: size, fraction, int, boolean or junk, chosen by what the key looks like. */
export function valueFor(key: string): fc.Arbitrary<string> {
  if (/fraction/.test(key)) return fc.oneof({ weight: 5, arbitrary: fractionText }, { weight: 1, arbitrary: sizeText });
  if (/numberOfTaskSlots|numberOfBuffers|cpu\.cores|amount|heap\.mb/.test(key)) return fc.oneof({ weight: 4, arbitrary: intText }, { weight: 1, arbitrary: fractionText });
  if (/external-resources$/.test(key)) return fc.constantFrom("gpu", "none", "gpu;fpga", "[gpu]", "", "gpu, fpga");
  if (/consumer-weights/.test(key)) return fc.constantFrom("OPERATOR:70,STATE_BACKEND:70,PYTHON:30", "DATAPROC:1", "{OPERATOR: 1}", "OPERATOR:0", "X:1", "", "OPERATOR:-1");
  return fc.oneof({ weight: 8, arbitrary: sizeText }, { weight: 1, arbitrary: booleanText });
}

/** Keys: memory keys, near-misses and junk. */
export const keyArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...MEMORY_KEYS) },
  { weight: 1, arbitrary: fc.constantFrom(...MEMORY_KEYS).map((k) => k.toUpperCase()) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...MEMORY_KEYS), fc.nat()).map(([k, i]) => k.slice(0, i % (k.length + 1)) + k.slice((i % (k.length + 1)) + 1)) },
  { weight: 1, arbitrary: fc.constantFrom("s3.secret-key", "a", "a.b", "", " ", "#", "-", "?", ":", "a: b", "[x]", "{y}") },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
);

export const entryArb: fc.Arbitrary<[string, string]> = keyArb.chain((k) => valueFor(k).map((v) => [k, v] as [string, string]));

/** A configuration's key/value pairs: mostly memory keys with plausible values. */
export const entriesArb = fc.array(entryArb, { maxLength: 8 });

// --------------------------------------------------------------------------------------------
// config.yaml text

const plainOrQuoted = (v: string): fc.Arbitrary<string> =>
  fc.constantFrom(
    v,
    v,
    `'${v.replace(/'/g, "''")}'`,
    JSON.stringify(v),
    `"${v}"`,
    `'${v}`,
    `${v} # comment`,
    `${v}#x`,
    `!!str ${v}`,
    `!!int ${v}`,
    `!!float ${v}`,
    `|\n  ${v}`,
    `>-\n  ${v}`,
    `[${v}]`,
    `{v: ${v}}`,
    `${v}\t`,
  );

interface YamlPiece {
  key: string;
  value: string;
  style: "flat" | "nested" | "flow" | "anchor" | "alias" | "seq";
}

const yamlPieceArb: fc.Arbitrary<YamlPiece> = entryArb.chain(([key, value]) =>
  fc.record({
    key: fc.constant(key),
    value: plainOrQuoted(value),
    style: fc.constantFrom<YamlPiece["style"]>("flat", "flat", "flat", "nested", "flow", "anchor", "alias", "seq"),
  }),
);

function renderPiece(p: YamlPiece, i: number): string {
  switch (p.style) {
    case "flat":
      return `${p.key}: ${p.value}`;
    case "nested": {
      const parts = p.key.split(".");
      return parts.map((part, d) => `${"  ".repeat(d)}${part}:${d === parts.length - 1 ? ` ${p.value}` : ""}`).join("\n");
    }
    case "flow": {
      const parts = p.key.split(".");
      if (parts.length < 2) return `${p.key}: ${p.value}`;
      return `${parts[0]}: ${parts.slice(1).reduceRight((inner, part) => `{${part}: ${inner}}`, p.value)}`;
    }
    case "anchor":
      return `${p.key}: &a${i % 3} ${p.value}`;
    case "alias":
      return `${p.key}: *a${i % 3}`;
    case "seq":
      return `${p.key}:\n  - ${p.value}\n  - ${p.value}`;
  }
}

/** Edits applied to structured text: insert, delete or replace a few characters. */
const editsArb = fc.array(
  fc.record({ at: fc.nat(), del: fc.nat({ max: 3 }), ins: fc.oneof(fc.constantFrom("", ":", " ", "\t", "\n", "#", "'", '"', "[", "]", "{", "}", ",", "&x", "*x", "!", "- ", "? ", "---\n", "...\n", "%YAML 1.2\n", "\r", "\uFEFF", "\u0000", "\uFFFD", "\\"), fc.string({ maxLength: 3 })) }),
  { maxLength: 3 },
);

function applyEdits(text: string, edits: readonly { at: number; del: number; ins: string }[]): string {
  let s = text;
  for (const e of edits) {
    const at = s.length === 0 ? 0 : e.at % (s.length + 1);
    s = s.slice(0, at) + e.ins + s.slice(at + e.del);
  }
  return s;
}

/** Line endings, BOM and final newline variations. */
const framingArb = fc.record({ crlf: fc.boolean(), bom: fc.boolean(), noFinalNewline: fc.boolean(), cr: fc.boolean() });

function frame(lines: string[], f: { crlf: boolean; bom: boolean; noFinalNewline: boolean; cr: boolean }): string {
  const eol = f.cr ? "\r" : f.crlf ? "\r\n" : "\n";
  let s = lines.join("\n").replace(/\n/g, eol);
  if (!f.noFinalNewline && s.length) s += eol;
  return (f.bom ? "\uFEFF" : "") + s;
}

/** Near-valid `config.yaml` texts, with structural mutations, and raw junk. */
export const configYamlArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.array(yamlPieceArb, { maxLength: 8 }), framingArb).map(([ps, f]) => frame(ps.map(renderPiece), f)) },
  { weight: 3, arbitrary: fc.tuple(fc.array(yamlPieceArb, { maxLength: 6 }), framingArb, editsArb).map(([ps, f, e]) => applyEdits(frame(ps.map(renderPiece), f), e)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 100 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(..."[]{}:,-?&*!|>'\"#%@` \n\ta1.") as fc.Arbitrary<string>, maxLength: 80 }) },
  { weight: 1, arbitrary: fc.nat({ max: 1200 }).map((d) => `a: ${"[".repeat(d)}${"]".repeat(d)}\n`) },
  { weight: 1, arbitrary: fc.nat({ max: 12 }).map((n) => laughs(n)) },
);

/** A "billion laughs" document: each level aliases the previous one twice. */
export function laughs(levels: number): string {
  let s = "l0: &l0 {a: 1, b: 2}\n";
  for (let i = 1; i <= levels; i++) s += `l${i}: &l${i} {x: *l${i - 1}, y: *l${i - 1}}\n`;
  return s;
}

// --------------------------------------------------------------------------------------------
// flink-conf.yaml text

const legacyLineArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: entryArb.chain(([k, v]) => fc.constantFrom(`${k}: ${v}`, `${k}:${v}`, ` ${k} :  ${v} `, `${k}: ${v} # c`, `${k}: '${v}'`, `${k}: "${v}"`, `${k}=${v}`, `#${k}: ${v}`, `${k}:\t${v}`)) },
  { weight: 1, arbitrary: fc.constantFrom("", "#", "   ", ": ", "a: ", " : b", "a: b: c", "- a", "a:b") },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

export const flinkConfArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.array(legacyLineArb, { maxLength: 10 }), framingArb).map(([ls, f]) => frame(ls, f)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 100 }) },
);

// --------------------------------------------------------------------------------------------
// -D arguments

export const dynamicItemArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: entryArb.map(([k, v]) => `${k}=${v}`) },
  { weight: 1, arbitrary: fc.constantFrom("=", "=x", "a=", "a==b", "a", "", " = ", "taskmanager.memory.process.size") },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

/** A configuration for the engine: a file (standard or legacy) and -D pairs. */
export interface EngineInput {
  flink: string;
  mode: "tm" | "jm" | "local";
  configYaml?: string;
  flinkConfYaml?: string;
  dynamic: [string, string][];
  env: Record<string, string>;
}

const engineYamlArb = fc.tuple(fc.array(yamlPieceArb.map((p) => ({ ...p, style: p.style === "alias" ? ("flat" as const) : p.style })), { maxLength: 7 }), framingArb).map(([ps, f]) =>
  frame(ps.map(renderPiece), f),
);

/** Near-valid engine inputs: mostly memory keys with sizes and fractions, in every input kind. */
export const engineInputArb: fc.Arbitrary<EngineInput> = fc.record(
  {
    flink: versionArb,
    mode: fc.constantFrom<EngineInput["mode"]>("tm", "tm", "jm", "jm", "local"),
    configYaml: fc.oneof({ weight: 3, arbitrary: engineYamlArb }, { weight: 1, arbitrary: fc.constant(undefined) }),
    flinkConfYaml: fc.oneof({ weight: 1, arbitrary: fc.array(entryArb, { maxLength: 7 }).map((es) => es.map(([k, v]) => `${k}: ${v}`).join("\n")) }, { weight: 2, arbitrary: fc.constant(undefined) }),
    dynamic: fc.array(entryArb, { maxLength: 5 }),
    env: fc.oneof(
      { weight: 6, arbitrary: fc.constant({}) },
      { weight: 1, arbitrary: fc.record({ FLINK_TM_HEAP: sizeText }) },
      { weight: 1, arbitrary: fc.record({ FLINK_JM_HEAP: sizeText }) },
    ),
  },
  { requiredKeys: ["flink", "mode", "dynamic", "env"] },
).map((r) => {
  const out: EngineInput = { flink: r.flink, mode: r.mode, dynamic: r.dynamic, env: r.env };
  if (r.configYaml !== undefined) out.configYaml = r.configYaml;
  if (r.flinkConfYaml !== undefined) out.flinkConfYaml = r.flinkConfYaml;
  return out;
});

/** Inputs that resolve more often: a total size plus a few sizes and fractions. */
export const engineValidishArb: fc.Arbitrary<EngineInput> = fc
  .record({
    flink: fc.constantFrom(...SUPPORTED_LINES),
    mode: fc.constantFrom<EngineInput["mode"]>("tm", "jm", "local"),
    total: fc.oneof(
      fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }),
      fc.bigInt({ min: 1n << 20n, max: 1n << 40n }),
      fc.constantFrom(0n, 1n, 2n ** 63n - 1n, 2n ** 62n, 1n << 30n),
    ),
    totalKey: fc.constantFrom("process", "flink"),
    extra: fc.array(
      fc.tuple(
        fc.constantFrom("framework.heap.size", "task.heap.size", "managed.size", "framework.off-heap.size", "task.off-heap.size", "network.min", "network.max", "jvm-overhead.min", "jvm-overhead.max", "jvm-metaspace.size", "off-heap.size", "heap.size"),
        fc.oneof(fc.bigInt({ min: 0n, max: 1n << 36n }), fc.constantFrom(0n, 1n, 2n ** 63n - 1n, 2n ** 62n)),
      ),
      { maxLength: 4 },
    ),
    fractions: fc.array(fc.tuple(fc.constantFrom("managed.fraction", "network.fraction", "jvm-overhead.fraction"), fc.constantFrom(...EDGE_FRACTIONS.slice(0, 19))), { maxLength: 2 }),
  })
  .map((r) => {
    const prefix = r.mode === "jm" ? "jobmanager.memory." : "taskmanager.memory.";
    const dynamic: [string, string][] = [[`${prefix}${r.totalKey}.size`, `${r.total}b`]];
    for (const [k, v] of r.extra) dynamic.push([prefix + k, `${v}b`]);
    for (const [k, v] of r.fractions) dynamic.push([prefix + k, v]);
    return { flink: r.flink, mode: r.mode, dynamic, env: {} };
  });
