/**
 * The last check before an answer (a fix, a `fit`, a `size`) is shown: the changed
 * configuration is resolved and our own lint rules run on it. The rules that judge the sizes
 * of the answered process (the ones `healthy.ts` mirrors) must not warn; what they still say
 * is returned, so that the caller shows it rather than hides it.
 * @module
 */
import { str } from "../config/raw-value.js";
import type { Finding } from "../lint/finding.js";
import { runConfigRules } from "../lint/rules.js";
import { makeSubject } from "../lint/subject.js";
import type { ResolveRequest } from "../resolve.js";
import { applyChanges, type ConfigChange } from "../fix/changes.js";
import { Prober, type FixTarget } from "../fix/probe.js";
import type { Fix } from "../fix/fix-its.js";
import type { StateBackend } from "./healthy.js";

/** Lint rules about the sizes of one process: an answer of ours must not trigger them. */
export const SIZE_RULES: ReadonlySet<string> = new Set([
  "flink-rejects",
  "heap-below-minimum",
  "jvm-overhead-too-small",
  "rocksdb-without-managed-memory",
  "managed-memory-unused",
]);

/**
 * Warnings (and errors) of the size rules about `target` for the request with `changes`
 * applied. `backend` is the state backend the answer was sized for when the configuration
 * does not name it (given on the command line): the rules then see it too.
 */
export function answerWarnings(target: "tm" | "jm", req: ResolveRequest, changes: readonly ConfigChange[], backend?: StateBackend): Finding[] {
  const prober = Prober.of(target, applyChanges(req, changes));
  if (!prober) return [{ ruleId: "flink-rejects", severity: "error", message: "the changed configuration cannot be read", process: target }];
  const config = prober.config.copy();
  if (backend && !config.getEntry("state.backend.type") && !config.getEntry("state.backend")) config.setRaw("state.backend.type", str(backend));
  return runConfigRules(makeSubject(config, "standalone", "answer")).filter((f) => f.severity !== "note" && SIZE_RULES.has(f.ruleId) && (f.process === undefined || f.process === target));
}

/**
 * Fixes with our lint's size warnings on each result folded in: a fix that still draws one is
 * not healthy, and its caveat says so (healthy ones keep their order, first).
 */
export function lintedFixes(target: FixTarget, req: ResolveRequest, fixes: readonly Fix[]): Fix[] {
  if (target !== "tm" && target !== "jm") return [...fixes];
  const out = fixes.map((f): Fix => {
    const warnings = answerWarnings(target, req, f.changes).map((w) => `${w.ruleId}: ${w.message}`);
    if (warnings.length === 0) return f;
    const caveat = [f.caveat, `our lint warns: ${warnings.join("; ")}`].filter((x) => x !== undefined).join("; ");
    return { ...f, healthy: false, caveat };
  });
  return out.filter((f) => f.healthy).concat(out.filter((f) => !f.healthy));
}
