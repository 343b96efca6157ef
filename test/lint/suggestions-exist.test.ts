// Suggestions exist in the target release: every rename, replacement or fix the key checks and
// lint offer names a key that the chosen Flink release reads (issue 12, item 7).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadConfiguration } from "../../src/config/load.js";
import { checkKeys, keysReadBy } from "../../src/lint/keys.js";
import { lintConfigText } from "../../src/lint/lint.js";
import { suggestFixes } from "../../src/fix/fix-its.js";
import { isLineChange } from "../../src/fix/changes.js";
import { OPTION_DECLARATIONS } from "../../src/options/declarations.js";
import { optionsFor } from "../../src/options/registry.js";
import { versionChoices } from "../../src/versions/choices.js";
import { has } from "../../src/versions/features.js";
import { flinkVersion } from "../../src/versions/version.js";

/** Every release the tool distinguishes: each line and each patch range with its own rules. */
const VERSIONS = versionChoices().map((c) => c.value);

/** Every key any release declares, main or fallback, plus the successors declarations name. */
const DECLARED_KEYS = [
  ...new Set(
    OPTION_DECLARATIONS.flatMap((d) => [
      d.key,
      ...(d.fallbackKeys ?? []).map((f) => f.key),
      ...(typeof d.replacedBy === "string" ? [d.replacedBy] : (d.replacedBy ?? []).map((r) => r.value)),
    ]).filter((k) => !k.includes("/")),
  ),
];

/** The file each release reads: flink-conf.yaml up to 1.20, config.yaml from 2.0 (same text here). */
const input = (version: string, text: string) => (has(flinkVersion(version), "legacyFlinkConfFile") ? { flinkConfYaml: text } : { configYaml: text });
const warningsFor = (version: string, keys: readonly string[]) =>
  checkKeys(loadConfiguration(input(version, keys.map((k) => `${k}: 1\n`).join("")), flinkVersion(version)).config);

describe("suggestions exist in the target release", () => {
  it("has releases and keys to check", () => {
    expect(VERSIONS).toEqual(expect.arrayContaining(["1.10", "1.11", "1.16", "1.17", "1.20", "2.0", "2.2"]));
    expect(DECLARED_KEYS).toEqual(expect.arrayContaining(["jobmanager.heap.size", "jobmanager.memory.heap.size", "taskmanager.network.memory.min", "state.backend.type"]));
  });

  it("every key warning's suggestion is a key of that release, for every declared key in every release", () => {
    const offered: string[] = [];
    for (const v of VERSIONS) {
      const valid = keysReadBy(optionsFor(v));
      for (const key of DECLARED_KEYS) {
        for (const w of warningsFor(v, [key])) {
          if (w.suggestion === undefined) continue;
          offered.push(`${v} ${key} -> ${w.suggestion}`);
          expect(valid.has(w.suggestion), `${v}: ${key} -> ${w.suggestion}`).toBe(true);
          expect(w.suggestion).not.toBe(key);
        }
      }
    }
    // The check is not empty: renames are offered in old and new releases alike.
    expect(offered).toEqual(expect.arrayContaining(["1.10 jobmanager.heap.mb -> jobmanager.heap.size", "1.11 jobmanager.heap.size -> jobmanager.memory.heap.size", "2.0 taskmanager.heap.size -> taskmanager.memory.flink.size"]));
  });

  it("property: misspelled keys get suggestions of the release only", () => {
    const typo = fc
      .tuple(fc.constantFrom(...DECLARED_KEYS), fc.nat(), fc.constantFrom("drop", "double", "swap"))
      .map(([k, i, how]) => {
        const at = i % k.length;
        if (how === "drop") return k.slice(0, at) + k.slice(at + 1);
        if (how === "double") return k.slice(0, at) + k[at] + k.slice(at);
        return at + 1 < k.length ? k.slice(0, at) + k[at + 1] + k[at] + k.slice(at + 2) : k;
      });
    fc.assert(
      fc.property(fc.constantFrom(...VERSIONS), typo, (v, key) => {
        const valid = keysReadBy(optionsFor(v));
        for (const w of warningsFor(v, [key])) if (w.suggestion !== undefined) expect(valid.has(w.suggestion), `${v}: ${key} -> ${w.suggestion}`).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("every key lint renames or sets in a fix is a key of that release", () => {
    let renames = 0;
    for (const v of VERSIONS) {
      const valid = keysReadBy(optionsFor(v));
      for (const key of DECLARED_KEYS) {
        if (warningsFor(v, [key]).length === 0) continue;
        const text = `taskmanager.memory.process.size: 2g\njobmanager.memory.process.size: 1g\n${key}: 1\n`;
        const legacy = has(flinkVersion(v), "legacyFlinkConfFile");
        for (const f of lintConfigText(text, { flink: v, format: legacy ? "legacy" : "standard", source: legacy ? "flink-conf.yaml" : "config.yaml" })) {
          for (const e of f.fix?.edits ?? []) {
            if (e.renameTo !== undefined) renames++;
            const target = e.renameTo ?? e.path;
            expect(valid.has(target), `${v} ${key}: ${f.ruleId} fix ${f.fix!.description}`).toBe(true);
          }
        }
      }
    }
    expect(renames).toBeGreaterThan(20);
  });
});

describe("fixes for configurations Flink refuses name keys of the release", () => {
  // Each fails in some release: too small, two totals, legacy heap, a bad fraction.
  const BROKEN = [
    "taskmanager.memory.process.size: 300m\njobmanager.memory.process.size: 300m\n",
    "taskmanager.memory.process.size: 2g\ntaskmanager.memory.flink.size: 3g\njobmanager.memory.process.size: 1g\njobmanager.memory.flink.size: 2g\n",
    "taskmanager.heap.size: 100m\njobmanager.heap.size: 50m\n",
    "taskmanager.memory.process.size: 2g\ntaskmanager.memory.managed.fraction: 1.5\njobmanager.memory.process.size: 1g\n",
    "taskmanager.memory.task.heap.size: 1g\n",
  ];

  it("every key a lint fix or a suggested fix sets, removes or renames exists in that release", () => {
    let edits = 0;
    for (const v of VERSIONS) {
      const valid = keysReadBy(optionsFor(v));
      const legacy = has(flinkVersion(v), "legacyFlinkConfFile");
      for (const text of BROKEN) {
        for (const f of lintConfigText(text, { flink: v, format: legacy ? "legacy" : "standard", source: legacy ? "flink-conf.yaml" : "config.yaml" })) {
          for (const e of f.fix?.edits ?? []) {
            edits++;
            expect(valid.has(e.renameTo ?? e.path), `${v}: ${f.ruleId} fix ${f.fix!.description}`).toBe(true);
          }
        }
        for (const target of ["tm", "jm"] as const) {
          if (target === "jm" && !has(flinkVersion(v), "jobManagerModel")) continue;
          for (const fix of suggestFixes(target, { flink: v, ...input(v, text) })) {
            for (const c of fix.changes) {
              if (isLineChange(c)) continue;
              edits++;
              expect(valid.has(c.key), `${v} ${target}: ${fix.title}`).toBe(true);
            }
          }
        }
      }
    }
    expect(edits).toBeGreaterThan(50);
  });
});

describe("keys whose meaning depends on the release", () => {
  it("1.10: jobmanager.heap.size is the current JobManager key, not a legacy one", () => {
    expect(warningsFor("1.10", ["jobmanager.heap.size"])).toEqual([]);
    const mb = warningsFor("1.10", ["jobmanager.heap.mb"]);
    expect(mb.map((w) => [w.kind, w.suggestion])).toEqual([["deprecated", "jobmanager.heap.size"]]);
    // What 1.11 brought is pointed back to what 1.10 reads; the process size has no 1.10 equivalent.
    const later = warningsFor("1.10", ["jobmanager.memory.heap.size", "jobmanager.memory.process.size"]);
    expect(later.map((w) => [w.key, w.kind, w.suggestion])).toEqual([
      ["jobmanager.memory.heap.size", "removed", "jobmanager.heap.size"],
      ["jobmanager.memory.process.size", "removed", undefined],
    ]);
    expect(later[0]!.message).toBe("'jobmanager.memory.heap.size' does not exist yet in Flink 1.10; Flink 1.10 ignores it. Flink 1.10 reads 'jobmanager.heap.size' instead.");
  });

  it("1.11 to 1.20: jobmanager.heap.size and .mb are legacy keys for jobmanager.memory.heap.size; 2.0 removed them", () => {
    for (const v of ["1.11", "1.20"]) {
      expect(warningsFor(v, ["jobmanager.heap.size", "jobmanager.heap.mb"]).map((w) => [w.kind, w.suggestion])).toEqual([
        ["deprecated", "jobmanager.memory.heap.size"],
        ["deprecated", "jobmanager.memory.heap.size"],
      ]);
    }
    expect(warningsFor("2.0", ["jobmanager.heap.size"])[0]!.message).toBe("'jobmanager.heap.size' was removed in Flink 2.0; Flink 2.0 ignores it. Use 'jobmanager.memory.heap.size'.");
  });

  it("the old network keys stay fallback keys of taskmanager.memory.network.* in every release, 2.x included", () => {
    for (const v of ["1.10", "1.16", "2.0", "2.2"]) {
      expect(warningsFor(v, ["taskmanager.network.memory.min"]).map((w) => [w.kind, w.suggestion])).toEqual([["deprecated", "taskmanager.memory.network.min"]]);
    }
  });

  it("state.backend: the key before 1.17, a deprecated key of state.backend.type from 1.17", () => {
    expect(warningsFor("1.16", ["state.backend"])).toEqual([]);
    expect(warningsFor("1.16", ["state.backend.type"]).map((w) => [w.kind, w.suggestion])).toEqual([["removed", "state.backend"]]);
    expect(warningsFor("1.17", ["state.backend"]).map((w) => [w.kind, w.suggestion])).toEqual([["deprecated", "state.backend.type"]]);
    expect(warningsFor("2.2", ["state.backend.type"])).toEqual([]);
  });

  it("keys that came later are not silently accepted by earlier releases", () => {
    expect(warningsFor("1.10", ["taskmanager.network.memory.max-buffers-per-channel"]).map((w) => w.message)).toEqual(["'taskmanager.network.memory.max-buffers-per-channel' does not exist yet in Flink 1.10; Flink 1.10 ignores it."]);
    expect(warningsFor("1.11", ["taskmanager.memory.managed.consumer-weights"]).map((w) => w.kind)).toEqual(["removed"]);
    expect(warningsFor("1.12", ["taskmanager.memory.managed.consumer-weights", "taskmanager.network.memory.max-buffers-per-channel"])).toEqual([]);
    expect(warningsFor("2.0", ["taskmanager.network.memory.buffers-per-channel"])[0]!.message).toBe("'taskmanager.network.memory.buffers-per-channel' was removed in Flink 2.0; Flink 2.0 ignores it.");
  });

  it("the exclusive buffers request timeout: deprecated in 1.20 for buffers-request-timeout, still read in 2.x", () => {
    const key = "taskmanager.network.memory.exclusive-buffers-request-timeout-ms";
    expect(warningsFor("1.19", [key])).toEqual([]);
    for (const v of ["1.20", "2.0"]) expect(warningsFor(v, [key]).map((w) => [w.kind, w.suggestion])).toEqual([["deprecated", "taskmanager.network.memory.buffers-request-timeout"]]);
  });
});

describe("debug memory logging keys", () => {
  it("startLogThread and logIntervalMs are deprecated keys Flink still reads, not unknown ones", () => {
    const fs = lintConfigText("taskmanager.memory.process.size: 2g\njobmanager.memory.process.size: 1600m\ntaskmanager.debug.memory.startLogThread: true\ntaskmanager.debug.memory.logIntervalMs: 1000\n", { source: "flink-conf.yaml", flink: "1.20", format: "legacy" });
    expect(fs.filter((f) => f.ruleId === "unknown-memory-key")).toEqual([]);
    expect(fs.filter((f) => f.ruleId === "deprecated-option").map((f) => f.fix?.edits[0]?.renameTo)).toEqual(["taskmanager.debug.memory.log", "taskmanager.debug.memory.log-interval"]);
  });
});
