/**
 * Fuzz targets: for each parser and for the engine end to end, a generator of hostile and
 * near-valid inputs, the function under test and the invariants it must keep.
 *
 * Invariants shared by every target (checked by `checkInput` in `harness.ts`): only the project's
 * typed errors escape (`FlinkError`; the CLI's `UsageError` for command-line mistakes), and no
 * input takes more than 50 ms. Each target adds its own, e.g. that a resolved TaskManager's
 * components add up to its totals and that the JVM flags agree with them.
 * @module
 */
import fc from "fast-check";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { FlinkError } from "../src/errors.js";
import { MAX_BYTES, memorySizeToString, parseMemorySize, toHumanReadable } from "../src/size/memory-size.js";
import { convertToBoolean, convertToDouble, convertToFloat, convertToInt, convertToLong, convertToMemory } from "../src/config/convert.js";
import { readStandardYaml } from "../src/config/yaml/index.js";
import { readLegacyFlinkConf } from "../src/config/legacy-reader.js";
import { loadConfiguration } from "../src/config/load.js";
import type { RawValue } from "../src/config/raw-value.js";
import { resolveJobManager, resolveLocal, resolveTaskManager } from "../src/resolve.js";
import { explainTrace } from "../src/render/explain.js";
import { formatTable, jobManagerRows, taskManagerRows } from "../src/render/table.js";
import { formatBar } from "../src/render/bar.js";
import type { TraceEvent } from "../src/model/trace.js";
import type { Configuration } from "../src/config/configuration.js";
import { flinkVersion, NEWEST_LINE } from "../src/versions/version.js";
import { answerCase } from "../src/cases.js";
import { parseDynamic, UsageError } from "../cli/inputs.js";
import { answerLine, readLines, type BatchLine } from "../cli/batch.js";
import {
  booleanText,
  configYamlArb,
  dynamicItemArb,
  engineInputArb,
  engineValidishArb,
  entriesArb,
  flinkConfArb,
  fractionText,
  intText,
  sizeText,
  versionArb,
  type EngineInput,
} from "./generators.js";

/** An invariant that does not hold: what the harness reports. */
export class Violation extends Error {
  override name = "Violation";
}

export function violation(message: string): never {
  throw new Violation(message);
}

const check = (ok: boolean, message: () => string): void => {
  if (!ok) violation(message());
};

/** Runs `fn`; a FlinkError (or `allowed` class) is an accepted outcome, anything else a violation. */
export function typed<T>(fn: () => T, allowed: readonly (abstract new (...a: never[]) => Error)[] = []): T | FlinkError | Error {
  try {
    return fn();
  } catch (e) {
    if (e instanceof Violation) throw e;
    if (e instanceof FlinkError) {
      checkFlinkError(e);
      return e;
    }
    if (allowed.some((c) => e instanceof c)) return e as Error;
    const what = e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e);
    return violation(`untyped error escaped: ${what}`);
  }
}

/** A FlinkError is well formed: a message, and causes that are FlinkErrors too. */
function checkFlinkError(e: FlinkError): void {
  check(typeof e.message === "string" && e.message.length > 0, () => "FlinkError without a message");
  for (let c = e.cause; c; c = c.cause) check(c instanceof FlinkError, () => "FlinkError cause is not a FlinkError");
}

export interface FuzzTarget<T = unknown> {
  readonly name: string;
  readonly description: string;
  readonly arbitrary: fc.Arbitrary<T>;
  /** Runs one input and checks its invariants (throws `Violation`). */
  readonly run: (input: T) => void | Promise<void>;
  /** Slow targets get fewer runs in the CI slice. */
  readonly weight?: number;
}

const target = <T>(t: FuzzTarget<T>): FuzzTarget<T> => t;

// --------------------------------------------------------------------------------------------
// Sizes and conversions

const sizeTarget = target<string>({
  name: "size",
  description: "MemorySize.parse, toString and toHumanReadableString",
  arbitrary: sizeText,
  run(text) {
    const r = typed(() => parseMemorySize(text));
    if (r instanceof Error) return;
    check(typeof r === "bigint" && r >= 0n && r <= MAX_BYTES, () => `size out of range: ${r}`);
    // What Flink prints parses back to the same size.
    check(parseMemorySize(String(r)) === r, () => `bytes do not round-trip: ${r}`);
    check(parseMemorySize(memorySizeToString(r)) === r, () => `toString does not round-trip: ${memorySizeToString(r)}`);
    check(toHumanReadable(r).includes(`${r} bytes`), () => `human-readable size does not name the bytes: ${toHumanReadable(r)}`);
  },
});

type Conversion = { kind: "float" | "double" | "int" | "long" | "boolean" | "memory"; raw: RawValue };

const rawArb = (text: fc.Arbitrary<string>): fc.Arbitrary<RawValue> =>
  fc.oneof(
    { weight: 4, arbitrary: text.map((v) => ({ t: "str", v }) as RawValue) },
    { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((v) => ({ t: "int", v }) as RawValue) },
    { weight: 1, arbitrary: fc.double().map((v) => ({ t: "float", v }) as RawValue) },
    { weight: 1, arbitrary: fc.boolean().map((v) => ({ t: "bool", v }) as RawValue) },
  );

const convertTarget = target<Conversion>({
  name: "convert",
  description: "float / double / int / long / boolean / memory conversion of raw values",
  arbitrary: fc.oneof(
    rawArb(fractionText).map((raw) => ({ kind: "float" as const, raw })),
    rawArb(fractionText).map((raw) => ({ kind: "double" as const, raw })),
    rawArb(intText).map((raw) => ({ kind: "int" as const, raw })),
    rawArb(intText).map((raw) => ({ kind: "long" as const, raw })),
    rawArb(booleanText).map((raw) => ({ kind: "boolean" as const, raw })),
    rawArb(sizeText).map((raw) => ({ kind: "memory" as const, raw })),
  ),
  run({ kind, raw }) {
    switch (kind) {
      case "float": {
        const r = typed(() => convertToFloat(raw));
        if (typeof r === "number") check(Object.is(Math.fround(r), r), () => `float conversion is not a float: ${r}`);
        return;
      }
      case "double": {
        const r = typed(() => convertToDouble(raw));
        if (!(r instanceof Error)) check(typeof r === "number", () => "double conversion is not a number");
        return;
      }
      case "int": {
        const r = typed(() => convertToInt(raw));
        if (typeof r === "number") check(Number.isInteger(r) && r >= -(2 ** 31) && r < 2 ** 31, () => `int out of range: ${r}`);
        return;
      }
      case "long": {
        const r = typed(() => convertToLong(raw));
        if (typeof r === "bigint") check(r >= -(2n ** 63n) && r < 2n ** 63n, () => `long out of range: ${r}`);
        return;
      }
      case "boolean": {
        const r = typed(() => convertToBoolean(raw));
        if (!(r instanceof Error)) check(typeof r === "boolean", () => "boolean conversion is not a boolean");
        return;
      }
      case "memory": {
        const r = typed(() => convertToMemory(raw));
        if (typeof r === "bigint") check(r >= 0n && r <= MAX_BYTES, () => `memory out of range: ${r}`);
        return;
      }
    }
  },
});

// --------------------------------------------------------------------------------------------
// Configuration readers

const configYamlTarget = target<string>({
  name: "config-yaml",
  description: "the config.yaml reader (snakeyaml-engine rules, flattening)",
  arbitrary: configYamlArb,
  run(text) {
    const r = typed(() => readStandardYaml(text));
    if (r instanceof Error) {
      check(r instanceof FlinkError && r.message === "Error parsing YAML configuration.", () => `unexpected reader error: ${r.message}`);
      return;
    }
    const keys = new Set<string>();
    for (const e of r) {
      check(!keys.has(e.key), () => `key twice in the result: ${e.key}`);
      keys.add(e.key);
      check((e.location.line ?? 0) >= 1 && (e.location.column ?? 0) >= 1, () => `bad location for ${e.key}`);
    }
  },
});

const flinkConfTarget = target<string>({
  name: "flink-conf",
  description: "the legacy flink-conf.yaml line reader",
  arbitrary: flinkConfArb,
  run(text) {
    const r = typed(() => readLegacyFlinkConf(text));
    check(!(r instanceof Error), () => "the legacy reader failed on a text within the size limit");
    if (r instanceof Error) return;
    const lines = text.split(/\r\n|\r|\n/).length;
    for (const e of r.entries) {
      check(e.key.length > 0 && e.value.t === "str" && e.value.v.length > 0, () => `empty key or value: ${e.key}`);
      check(!e.key.includes("#") && !(e.value.t === "str" && e.value.v.includes("#")), () => "a comment is part of an entry");
      check((e.location.line ?? 0) >= 1 && (e.location.line ?? 0) <= lines && (e.location.column ?? 0) >= 1, () => `bad location for ${e.key}`);
    }
    for (const w of r.warnings) check(w.line >= 1 && w.line <= lines, () => `warning on line ${w.line} of ${lines}`);
  },
});

const dynamicTarget = target<{ items: string[]; flink: string }>({
  name: "dynamic",
  description: "-D key=value parsing and loading",
  arbitrary: fc.record({ items: fc.array(dynamicItemArb, { maxLength: 6 }), flink: versionArb }),
  run({ items, flink }) {
    const pairs = typed(() => parseDynamic(items), [UsageError]);
    if (pairs instanceof Error) {
      check(pairs instanceof UsageError, () => "-D parsing failed with a FlinkError");
      for (const item of items) if (item.length >= 6) check(!pairs.message.includes(item), () => "-D error quotes the argument");
      return;
    }
    check(pairs.length === items.length, () => "-D pairs lost");
    pairs.forEach(([k, v], i) => check(`${k}=${v}` === items[i] && k.length > 0, () => `-D split wrongly: ${items[i]}`));
    const loaded = typed(() => loadConfiguration({ dynamic: pairs }, flinkVersion(flink)));
    if (loaded instanceof Error) return;
    for (const [k, v] of pairs) {
      const last = [...pairs].reverse().find(([k2]) => k2 === k)![1];
      const entry = loaded.config.getEntry(k);
      check(entry?.value.t === "str" && entry.value.v === last, () => `-D ${k} not applied last-wins`);
      void v;
    }
  },
});

// --------------------------------------------------------------------------------------------
// Batch line reader

interface BatchInput {
  chunks: string[];
  maxLine: number;
}

const batchLineArb = fc.oneof(
  { weight: 3, arbitrary: engineValidishArb.map((e) => JSON.stringify({ id: 1, flink: e.flink, mode: e.mode === "local" ? "tm-local" : e.mode, input: { dynamic: e.dynamic } })) },
  { weight: 1, arbitrary: fc.constantFrom("", "{", "{}", "[]", "null", "1", '{"id":1}', '{"mode":"tm","input":{"configYaml":7}}', '{"input":{"dynamic":[["a"]]}}', '{"mode":"managed-fraction","input":{}}') },
  { weight: 1, arbitrary: fc.json() },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

const batchTarget = target<BatchInput>({
  name: "batch",
  description: "the batch JSON Lines reader and per-line answers",
  arbitrary: fc
    .record({
      lines: fc.array(batchLineArb, { maxLength: 6 }),
      eol: fc.constantFrom("\n", "\r\n", "\r"),
      bom: fc.boolean(),
      finalEol: fc.boolean(),
      cuts: fc.array(fc.nat(), { maxLength: 4 }),
      maxLine: fc.constantFrom(16 * 1024 * 1024, 40),
    })
    .map(({ lines, eol, bom, finalEol, cuts, maxLine }) => {
      const text = (bom ? "\uFEFF" : "") + lines.join(eol) + (finalEol && lines.length ? eol : "");
      const at = [...new Set(cuts.map((c) => (text.length ? c % text.length : 0)))].sort((a, b) => a - b);
      const chunks: string[] = [];
      let from = 0;
      for (const c of at) {
        chunks.push(text.slice(from, c));
        from = c;
      }
      chunks.push(text.slice(from));
      return { chunks, maxLine };
    }),
  async run({ chunks, maxLine }) {
    const text = chunks.join("");
    const expected = (text.startsWith("\uFEFF") ? text.slice(1) : text).split(/\r\n|\r|\n/);
    if (expected.length && expected[expected.length - 1] === "") expected.pop();
    async function* source() {
      for (const c of chunks) yield Buffer.from(c, "utf8");
    }
    const got: BatchLine[] = [];
    try {
      for await (const l of readLines(source(), maxLine)) got.push(l);
    } catch (e) {
      violation(`line reader threw: ${String(e)}`);
    }
    check(got.length === expected.length, () => `${got.length} lines read, ${expected.length} written`);
    got.forEach((l, i) => {
      const want = expected[i]!;
      if (want.length > maxLine) check(l.tooLong && l.text === "", () => `line ${i + 1} over the limit was kept`);
      else check(!l.tooLong && l.text === want, () => `line ${i + 1} read wrongly`);
      let answer: unknown;
      try {
        answer = answerLine(l);
        JSON.stringify(answer, (_k, v) => (typeof v === "bigint" ? String(v) : v));
      } catch (e) {
        violation(`answering a line threw: ${String(e)}`);
      }
      const a = answer as { error?: { class?: string; message?: string } };
      check(a.error?.class !== "internal", () => `internal error: ${a.error?.message}`);
      if (a.error && l.text.trim().length >= 8) check(!(a.error.message ?? "").includes(l.text.trim()), () => "an error answer quotes its line");
    });
  },
});

// --------------------------------------------------------------------------------------------
// Engine end to end

/** Invariants of a resolved TaskManager / JobManager, from the spec, its flags and its trace. */
export function checkEngineResult(
  mode: "tm" | "jm" | "local",
  spec: Record<string, unknown>,
  jvm: string | undefined,
  trace: readonly TraceEvent[],
  config: Configuration,
): void {
  const b = (k: string) => {
    const v = spec[k];
    check(typeof v === "bigint", () => `${k} is not a byte count`);
    const n = v as bigint;
    check(n >= 0n && n <= MAX_BYTES, () => `${k} = ${n} outside [0, 2^63-1]`);
    return n;
  };
  const flag = (re: RegExp) => {
    const m = jvm!.match(re);
    return m ? BigInt(m[1]!) : undefined;
  };
  const within = (what: string, v: bigint, min: bigint, max: bigint) => check(min <= v && v <= max, () => `${what} ${v} outside [${min}, ${max}]`);
  const memoryOption = (id: string) => {
    const o = config.options.find<"memory">(id);
    return o ? (config.get(o) as bigint) : undefined;
  };
  for (const e of trace) {
    if (e.kind !== "component") continue;
    check(e.value >= 0n && e.value <= MAX_BYTES, () => `trace value of ${e.name} out of range`);
    if (e.origin.how === "fraction") {
      const o = e.origin;
      within(`${e.name} derived by fraction`, e.value, o.min, o.max);
      const expected = o.raw > o.max ? o.max : o.raw < o.min ? o.min : o.raw;
      check(e.value === expected, () => `${e.name} = ${e.value}, but the fraction gives ${o.raw} capped into [${o.min}, ${o.max}] = ${expected}`);
    }
  }
  if (mode === "tm") {
    const [fh, th, foh, toh, net, managed] = ["frameworkHeap", "taskHeap", "frameworkOffHeap", "taskOffHeap", "network", "managed"].map(b) as bigint[];
    const totalFlink = b("totalFlink");
    const totalProcess = b("totalProcess");
    const metaspace = b("metaspace");
    const overhead = b("overhead");
    check(fh! + th! + foh! + toh! + net! + managed! === totalFlink, () => "TaskManager components do not add up to Total Flink Memory");
    check(totalFlink + metaspace + overhead === totalProcess, () => "Total Flink + metaspace + overhead is not Total Process Memory");
    check(b("jvmHeap") === fh! + th!, () => "JVM heap is not framework + task heap");
    check(b("jvmDirect") === foh! + toh! + net!, () => "direct memory is not framework + task off-heap + network");
    const min = memoryOption("tm.overheadMin");
    const max = memoryOption("tm.overheadMax");
    if (min !== undefined && max !== undefined) within("JVM overhead", overhead, min, max);
    const netOrigin = [...trace].reverse().find((e) => e.kind === "component" && e.name === "network");
    const legacyBuffers = config.options.find("tm.numberOfBuffers");
    if (netOrigin?.kind === "component" && netOrigin.origin.how === "rest" && !(legacyBuffers && config.contains(legacyBuffers))) {
      const nmin = memoryOption("tm.networkMin");
      const nmax = memoryOption("tm.networkMax");
      if (nmin !== undefined && nmax !== undefined) within("network (rest of Total Flink)", net!, nmin, nmax);
    }
    check(flag(/-Xmx(\d+)/) === fh! + th! && flag(/-Xms(\d+)/) === fh! + th!, () => `-Xmx/-Xms disagree with the heap: ${jvm}`);
    check(flag(/-XX:MaxDirectMemorySize=(\d+)/) === foh! + toh! + net!, () => `MaxDirectMemorySize disagrees: ${jvm}`);
    check(flag(/-XX:MaxMetaspaceSize=(\d+)/) === metaspace, () => `MaxMetaspaceSize disagrees: ${jvm}`);
  } else if (mode === "jm") {
    const heap = b("jvmHeap");
    const offHeap = b("offHeap");
    const totalFlink = b("totalFlink");
    const metaspace = b("metaspace");
    const overhead = b("overhead");
    check(heap + offHeap === totalFlink, () => "JobManager heap + off-heap is not Total Flink Memory");
    check(totalFlink + metaspace + overhead === b("totalProcess"), () => "Total Flink + metaspace + overhead is not Total Process Memory");
    const min = memoryOption("jm.overheadMin");
    const max = memoryOption("jm.overheadMax");
    if (min !== undefined && max !== undefined) within("JVM overhead", overhead, min, max);
    check(flag(/-Xmx(\d+)/) === heap && flag(/-Xms(\d+)/) === heap, () => `-Xmx/-Xms disagree with the heap: ${jvm}`);
    const direct = flag(/-XX:MaxDirectMemorySize=(\d+)/);
    check(spec.directMemoryLimit ? direct === offHeap : direct === undefined, () => `MaxDirectMemorySize disagrees: ${jvm}`);
    check(flag(/-XX:MaxMetaspaceSize=(\d+)/) === metaspace, () => `MaxMetaspaceSize disagrees: ${jvm}`);
  } else {
    for (const k of ["taskHeap", "taskOffHeap", "network", "managed"]) b(k);
    if (spec.totalFlink !== undefined) b("totalFlink");
    // Flink adds Total Flink Memory and metaspace + overhead as plain longs: the local total may wrap (as Flink reports it).
    if (spec.totalProcess !== undefined) check(typeof spec.totalProcess === "bigint" && BigInt.asIntN(64, spec.totalProcess) === spec.totalProcess, () => "local totalProcess is not a long");
  }
  // The trace agrees with the spec on every component it names last.
  const last = new Map<string, bigint>();
  for (const e of trace) if (e.kind === "component") last.set(e.name, e.value);
  const specName: Record<string, string> = { offHeap: mode === "tm" ? "jvmDirect" : "offHeap" };
  for (const [name, value] of last) {
    const v = spec[specName[name] ?? name];
    if (typeof v === "bigint") check(v === value, () => `trace says ${name} = ${value}, spec says ${v}`);
  }
}

function resolveOnce(input: EngineInput, trace: boolean) {
  const req = {
    flink: input.flink,
    dynamic: input.dynamic,
    env: input.env,
    trace,
    ...(input.configYaml !== undefined ? { configYaml: input.configYaml } : {}),
    ...(input.flinkConfYaml !== undefined ? { flinkConfYaml: input.flinkConfYaml } : {}),
  };
  return input.mode === "tm" ? resolveTaskManager(req) : input.mode === "jm" ? resolveJobManager(req) : resolveLocal(req);
}

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `${x}n` : x));

function runEngine(input: EngineInput): void {
  const r = typed(() => resolveOnce(input, true));
  if (r instanceof Error) {
    const trace = (r as Error & { trace?: TraceEvent[] }).trace;
    if (trace) typed(() => explainTrace(trace));
    // The same failure without the trace.
    const again = typed(() => resolveOnce(input, false));
    check(again instanceof FlinkError && again.message === r.message, () => "resolving without the trace does not fail the same way");
    return;
  }
  const spec = r.spec as unknown as Record<string, unknown>;
  const jvm = "jvmParameters" in r ? r.jvmParameters : undefined;
  checkEngineResult(input.mode, spec, jvm, r.trace, r.config);
  const plain = resolveOnce(input, false);
  check(json(plain.spec) === json(r.spec), () => "resolving without the trace gives another spec");
  // Rendering never fails on a resolved process.
  const lines = explainTrace(r.trace);
  check(lines.every((l) => typeof l === "string"), () => "explanation is not text");
  if (r.spec.kind === "tm") {
    formatTable(taskManagerRows(r.spec, r.trace));
    formatBar(r.spec, 60);
  } else if (r.spec.kind === "jm") {
    formatTable(jobManagerRows(r.spec, r.trace));
    formatBar(r.spec, 60);
  }
  // The batch answer agrees.
  const answer = answerCase({ id: 1, flink: input.flink, mode: input.mode === "local" ? "tm-local" : input.mode, input: { ...input, env: undefined } });
  check(!("error" in answer) || (answer.error as { class: string }).class !== "internal", () => "batch answer is an internal error");
}

const engineTarget = target<EngineInput>({
  name: "engine",
  description: "config text and -D to a resolved TaskManager / JobManager / local run, end to end",
  arbitrary: fc.oneof({ weight: 1, arbitrary: engineInputArb }, { weight: 1, arbitrary: engineValidishArb }),
  run: runEngine,
});

// --------------------------------------------------------------------------------------------
// CLI argv, in process

/** The package root (where package.json is), from source or from dist/. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("package.json not found");
    dir = up;
  }
  return dir;
}

type Main = (argv: string[]) => Promise<number>;
let mainPromise: Promise<Main> | undefined;
/** The built CLI (`dist/cli/main.js`): the CLI reads its version from the package, as installed. */
export function loadMain(): Promise<Main> {
  mainPromise ??= import(pathToFileURL(join(packageRoot(), "dist", "cli", "main.js")).href).then((m: { main: Main }) => m.main);
  return mainPromise;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process with stdout and stderr captured; `process.exit` is refused. */
export async function runCliInProcess(args: string[]): Promise<CliRun> {
  const main = await loadMain();
  let stdout = "";
  let stderr = "";
  const out = process.stdout.write;
  const err = process.stderr.write;
  const exit = process.exit;
  process.stdout.write = ((s: string | Uint8Array) => ((stdout += String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => ((stderr += String(s)), true)) as typeof process.stderr.write;
  process.exit = ((c?: number) => {
    throw new Violation(`the CLI called process.exit(${c})`);
  }) as typeof process.exit;
  let code: number;
  try {
    code = await main(["node", "flink-memory", ...args]);
  } catch (e) {
    if (e instanceof Violation) throw e;
    process.stdout.write = out;
    process.stderr.write = err;
    process.exit = exit;
    return violation(`the CLI threw: ${e instanceof Error ? e.stack : String(e)}`);
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.exit = exit;
  }
  return { code, stdout, stderr };
}

let commandNames: Promise<string[]> | undefined;
/** The CLI's commands, as its --help lists them (so new commands are fuzzed too). */
export function cliCommands(): Promise<string[]> {
  commandNames ??= runCliInProcess(["--help"]).then((r) => {
    const names = new Set<string>();
    let inCommands = false;
    for (const line of r.stdout.split("\n")) {
      if (/^Commands:/.test(line)) inCommands = true;
      else if (inCommands) {
        const m = /^ {2}([a-z][\w-]*)/.exec(line);
        if (m) names.add(m[1]!);
        else if (/^\S/.test(line)) inCommands = false;
      }
    }
    names.delete("help");
    names.delete("batch"); // reads stdin: fuzzed by the batch target
    names.delete("migrate"); // --out writes where a random token says: tested end to end instead
    names.delete("webhook"); // serves until a signal: it must not start here; tested end to end (test/webhook)
    return [...names];
  });
  return commandNames;
}

interface CliInput {
  command: number;
  args: string[];
  file?: { name: "config.yaml" | "flink-conf.yaml"; text: string; how: "--config" | "--config-dir" | "--configDir" };
}

const cliArgArb: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 4, arbitrary: dynamicItemArb.map((d) => ["-D", d]) },
  { weight: 2, arbitrary: dynamicItemArb.map((d) => [`-D${d}`]) },
  { weight: 2, arbitrary: versionArb.map((v) => ["--flink", v]) },
  { weight: 2, arbitrary: fc.constantFrom("text", "json", "yaml", "flags", "xml", "").map((f) => ["--format", f]) },
  { weight: 1, arbitrary: fc.constantFrom<string[]>(["tm"], ["jm"], ["x"], ["--help"], ["-h"], ["--"], ["-D"], ["--config"], ["--config", "/nonexistent"], ["--config", "/"], ["--config-dir", "/nonexistent"], ["GET_TM_RESOURCE_PARAMS"], ["GET_JM_RESOURCE_PARAMS"], ["--configDir"], ["1.16"], ["2.2"], ["--no-such-option"]) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map((s) => [s]) },
);

let tempDir: string | undefined;
const scratch = () => (tempDir ??= mkdtempSync(join(tmpdir(), "flink-memory-fuzz-")));
/** Removes the scratch directory of the CLI target. */
export function cleanUpScratch(): void {
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  tempDir = undefined;
}

const cliTarget = target<CliInput>({
  name: "cli",
  description: "CLI argv in process: exit status 0/1/2, no stack trace, stdout/stderr captured",
  weight: 0.25,
  arbitrary: fc.record(
    {
      command: fc.nat(),
      args: fc.array(cliArgArb, { maxLength: 5 }).map((a) => a.flat()),
      file: fc.record({
        name: fc.constantFrom("config.yaml" as const, "flink-conf.yaml" as const),
        text: fc.oneof(configYamlArb, flinkConfArb, entriesArb.map((es) => es.map(([k, v]) => `${k}: ${v}`).join("\n"))),
        how: fc.constantFrom("--config" as const, "--config-dir" as const, "--configDir" as const),
      }),
    },
    { requiredKeys: ["command", "args"] },
  ),
  async run(input) {
    const commands = await cliCommands();
    const all = [...commands, "explain tm", "explain jm", "bash-java-utils GET_TM_RESOURCE_PARAMS", "bash-java-utils GET_JM_RESOURCE_PARAMS", "diff 1.16 2.2", "--version", "nope"];
    const argv = all[input.command % all.length]!.split(" ");
    argv.push(...input.args);
    if (input.file) {
      const dir = join(scratch(), "conf");
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const path = join(dir, input.file.name);
      writeFileSync(path, input.file.text);
      argv.push(input.file.how, input.file.how === "--config" ? path : dir);
    }
    const r = await runCliInProcess(argv);
    check([0, 1, 2].includes(r.code), () => `exit status ${r.code} for ${JSON.stringify(argv)}`);
    check(!/^\s{4}at /m.test(r.stderr) && !/internal error/.test(r.stderr), () => `stack trace on stderr for ${JSON.stringify(argv)}:\n${r.stderr}`);
    check(r.code !== 0 || !/^error:|Exception:/m.test(r.stderr), () => `exit 0 with an error on stderr: ${r.stderr}`);
  },
});

// Imported late: the diagnose target uses this module's helpers.
import { diagnoseTarget } from "./diagnose-target.js";

/** Every target, in the order the runner reports them. */
export const TARGETS: readonly FuzzTarget<never>[] = [
  sizeTarget,
  convertTarget,
  configYamlTarget,
  flinkConfTarget,
  dynamicTarget,
  batchTarget,
  engineTarget,
  diagnoseTarget,
  cliTarget,
] as unknown as FuzzTarget<never>[];

export { NEWEST_LINE };
