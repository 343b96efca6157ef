/**
 * Fuzz target for `diagnose`: real pastes cut, spliced, re-wrapped and with their numbers
 * changed, Flink's templates with hostile numbers, other programs' failures, binary and
 * unrelated text, each with a planted secret. Invariants: it never throws, the result is plain
 * JSON with known kinds and evidence lines inside the paste, every change shown was checked
 * and resolves, and the secret never appears in the output.
 * @module
 */
import fc from "fast-check";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { diagnose } from "../src/diagnose/diagnose.js";
import type { FindingKind } from "../src/diagnose/finding.js";
import { violation, type FuzzTarget } from "./targets.js";

const KINDS: ReadonlySet<FindingKind> = new Set(["network-buffers", "network-buffer-pool", "direct-oom", "metaspace-oom", "heap-oom", "managed-memory", "container-killed", "invalid-configuration", "memory-layout", "not-flink-memory"]);
const CANARY = "flink-memory-canary-7f3a";

/** The project's real pastes (test data), read once: the seeds the mutations start from. */
const PASTES: readonly string[] = (() => {
  const out: string[] = [];
  // Run from the sources (fuzz/, in the tests) or from the build (dist/fuzz/).
  const dir = ["../test/data/diagnose/", "../../test/data/diagnose/"].map((d) => fileURLToPath(new URL(d, import.meta.url))).find((d) => existsSync(d))!;
  for (const f of ["real-pastes.jsonl", "more-pastes.jsonl"]) {
    const path = join(dir, f);
    for (const l of readFileSync(path, "utf8").trim().split("\n")) out.push((JSON.parse(l) as { text: string }).text);
  }
  return out;
})();

const number = fc.oneof(fc.nat({ max: 100000 }).map(String), fc.constantFrom("0", "-1", "9223372036854775807", "99999999999999999999999", "1e9", "3.5", "", "NaN"));

/** Flink's and the JDK's templates with any numbers in them. */
const templateArb: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(number, number, number, number).map(([a, b, c, d]) => `Insufficient number of network buffers: required ${a}, but only ${b} available. The total number of network buffers is currently set to ${c} of ${d} bytes each.`),
  fc.tuple(number, number, number).map(([a, b, c]) => `java.lang.OutOfMemoryError: Cannot reserve ${a} bytes of direct buffer memory (allocated: ${b}, limit: ${c})`),
  fc.tuple(number, number, number).map(([a, b, c]) => `OutOfDirectMemoryError: failed to allocate ${a} byte(s) of direct memory (used: ${b}, max: ${c})`),
  fc.tuple(number, number).map(([a, b]) => `MemoryAllocationException: Could not allocate ${a} pages\nCould not allocate ${b} bytes, only ${a} bytes are remaining`),
  fc.tuple(number, number).map(([a, b]) => `Can't allocate enough direct buffer for batch shuffle read buffer pool (bytes allocated: ${a}, bytes still needed: ${b}).`),
  fc.tuple(number, number, number).map(([a, b, c]) => `Allocated ${a} MB for network buffer pool (number of memory segments: ${b}, bytes per segment: ${c}).`),
  fc.tuple(number, number).map(([a, b]) => `Container [pid=1,containerID=c] is running ${a}B beyond the 'PHYSICAL' memory limit. Current usage: ${b} GB of 4 GB physical memory used\n|- 1 1 1 1 (java) java -Xmx${a} -XX:MaxDirectMemorySize=${b} org.apache.flink.yarn.YarnTaskExecutorRunner`),
  fc.tuple(number, number).map(([a, b]) => `Final TaskExecutor Memory configuration:\n  Total Process Memory: 1.0gb (${a} bytes)\n    Total Flink Memory: 1.0gb (${b} bytes)\n      Total JVM Heap Memory: 1 (${a} bytes)`),
  fc.tuple(number, number).map(([a, b]) => `taskmanager.memory.process.size\t${a}m\ntaskmanager.numberOfTaskSlots\t${b}`),
  fc.constantFrom("java.lang.OutOfMemoryError: Metaspace", "java.lang.OutOfMemoryError: Java heap space", "Reason: OOMKilled", "Exit Code: 137", "MiniCluster"),
);

/** A secret in the forms logs carry it: a launch line, a config line, REST JSON. */
const secretArb = fc.constantFrom(`-Ds3.secret-key=${CANARY}`, `password: ${CANARY}`, `{"key":"fs.azure.account.key","value":"${CANARY}"}`, `Loading configuration property: s3.access-key, ${CANARY}`, `-D taskmanager.memory.process.size=${CANARY}`);

const pasteArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...PASTES) },
      { weight: 3, arbitrary: templateArb },
      { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => String.fromCharCode(...b)) },
    ),
    fc.array(templateArb, { maxLength: 2 }),
    secretArb,
    fc.nat(),
    fc.constantFrom("none", "wrap", "crlf", "cut", "digits"),
  )
  .map(([base, extra, secret, at, how]) => {
    let text = [base, ...extra].join("\n");
    const i = text.length === 0 ? 0 : at % text.length;
    text = text.slice(0, i) + `\n${secret}\n` + text.slice(i);
    if (how === "wrap") text = text.replace(/(.{40})/g, "$1\n");
    if (how === "crlf") text = text.replace(/\n/g, "\r\n");
    if (how === "cut") text = text.slice(0, Math.max(secret.length + 2, i + secret.length + 2));
    if (how === "digits") text = text.replace(/\d{2,}/g, (d) => String((BigInt(d) * 7n) % 10n ** BigInt(d.length + 1)));
    return text;
  });

export const diagnoseTarget: FuzzTarget<{ paste: string; flink: string; withConfig: boolean }> = {
  name: "diagnose",
  description: "diagnose on mutated real pastes and templates: no throw, known kinds, lines inside the paste, checked changes, no secret",
  weight: 0.5,
  arbitrary: fc.record({ paste: pasteArb, flink: fc.constantFrom("1.10", "1.12", "1.17", "1.20", "2.2"), withConfig: fc.boolean() }),
  run({ paste, flink, withConfig }) {
    let r;
    try {
      r = diagnose(paste, { flink, ...(withConfig ? { configuration: { dynamic: [["taskmanager.memory.process.size", "4g"], ["jobmanager.memory.process.size", "2g"]] } } : {}) });
    } catch (e) {
      return violation(`diagnose threw: ${e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)}`);
    }
    const json = JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
    if (json.includes(CANARY)) violation("the planted secret appears in the result");
    const lineCount = paste.split(/\r\n|\r|\n/).length;
    for (const f of r.findings) {
      if (!KINDS.has(f.kind)) violation(`unknown kind ${f.kind}`);
      for (const e of f.evidence) for (const l of e.lines) if (!(l >= 1 && l <= lineCount)) violation(`evidence line ${l} outside the paste's ${lineCount} lines`);
      for (const c of f.changes) {
        if (c.settings.length === 0) violation(`a change without settings: ${c.summary}`);
        if (c.variant && !c.checked.ok) violation(`a variant shown that failed its check: ${c.summary}`);
      }
    }
    if (r.findings.length === 0 && r.notes.length === 0) violation("no finding and no note: the paste passed silently");
  },
};
