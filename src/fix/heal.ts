/**
 * The last step of a fix whose result Flink accepts but that is not healthy (`sizing/healthy.ts`):
 * JVM overhead's minimum raised to what the JVM needs (overhead does not grow with a total
 * while it sits at its minimum or maximum), and the least raise of the size the user sized the
 * process with (the total they set, else the heap they set) that makes the rest healthy.
 * @module
 */
import type { ResolveRequest } from "../resolve.js";
import { shortSize } from "../render/table.js";
import { describeIssues, healthIssues, type HealthContext, type HealthIssue } from "../sizing/healthy.js";
import { memoryOption, overheadChanges } from "../sizing/healthy-goals.js";
import type { KeyChange } from "./changes.js";
import type { Candidate } from "./candidates.js";
import { Prober, type FixTarget } from "./probe.js";
import { flinkSizeText, friendlier, leastPassingAbove } from "./search.js";

const RAISE_IDS = { tm: ["tm.process", "tm.flink", "tm.taskHeap"], jm: ["jm.process", "jm.flink", "jm.heap"] };

const code = (s: string) => `\`${s}\``;

const components = (issues: readonly HealthIssue[]) => new Set(issues.map((i) => i.component)).size;

/** A step that makes the (resolving) request healthy, or undefined when it is healthy, or nothing here helps. */
export function healStep(target: FixTarget, req: ResolveRequest, health: HealthContext): Candidate | undefined {
  if (target !== "tm" && target !== "jm") return undefined;
  const prober = Prober.of(target, req);
  if (!prober) return undefined;
  const resolved = (changes: KeyChange[]) => {
    const o = prober.outcome(changes);
    return o.ok && o.spec && o.spec.kind !== "tm-local" ? o.spec : undefined;
  };
  const issuesWith = (changes: KeyChange[]) => {
    const spec = resolved(changes);
    return spec ? healthIssues(spec, health) : undefined;
  };
  const spec = resolved([]);
  const now = spec ? healthIssues(spec, health) : [];
  if (!spec || now.length === 0) return undefined;
  // JVM overhead's min (and max when below) at what the JVM needs, when overhead is what is short.
  const fixOverhead = now.some((i) => i.component === "JVM overhead");
  const overheadFor = (s: { metaspace: bigint; jvmHeap: bigint }): KeyChange[] => (fixOverhead ? overheadChanges(target, prober.config, health, s) : []);
  const base = overheadFor(spec);
  const steps: { changes: KeyChange[]; complete: boolean; rel: number; words: string }[] = [];
  const setWords = (cs: KeyChange[]) => `set ${cs.map((c) => `${code(c.key)} to ${c.set}`).join(" and ")} (the overhead the JVM needs)`;
  if (base.length && issuesWith(base)?.length === 0) steps.push({ changes: base, complete: true, rel: 0, words: setWords(base) });
  const totals = RAISE_IDS[target].slice(0, 2).map((id) => memoryOption(prober.config, id)).filter((t) => t?.set) as { key: string; value: bigint }[];
  for (const id of RAISE_IDS[target]) {
    const m = memoryOption(prober.config, id);
    if (!m || !m.set) continue;
    // The overhead's need grows with the heap (1%): taken from the raised process (raising overhead then lowers the heap).
    // A heap raised under a total the user also set: the total grows by as much (else the heap no longer fits in it).
    const total = id.endsWith("eap") ? totals[0] : undefined;
    const sizes = (b: bigint): KeyChange[] => [{ key: m.key, set: `${b}b` }, ...(total ? [{ key: total.key, set: `${total.value + b - m.value}b` }] : [])];
    const changeTo = (b: bigint): KeyChange[] => {
      const raised = resolved([...base, ...sizes(b)]);
      return [...(raised ? overheadFor(raised) : base), ...sizes(b)];
    };
    const allGone = (b: bigint) => issuesWith(changeTo(b))?.length === 0;
    const fewer = (b: bigint) => components(issuesWith(changeTo(b)) ?? now) < components(now);
    let test = allGone;
    let exact = leastPassingAbove(m.value, test);
    if (exact === undefined) exact = leastPassingAbove(m.value, (test = fewer));
    if (exact === undefined) continue;
    const to = friendlier(exact, true, test);
    const totalTo = total ? total.value + to - m.value : undefined;
    const changes = changeTo(to).map((c) => (c.key === m.key ? { key: m.key, set: flinkSizeText(to) } : total && totalTo !== undefined && c.key === total.key ? { key: c.key, set: flinkSizeText(totalTo) } : c));
    const overhead = changes.filter((c) => c.key !== m.key && c.key !== total?.key);
    const alsoTotal = total && totalTo !== undefined ? ` and ${code(total.key)} from ${shortSize(total.value)} to ${flinkSizeText(totalTo)} (${shortSize(totalTo)})` : "";
    const words = `${overhead.length ? `${setWords(overhead)}, and ` : ""}raise ${code(m.key)} from ${shortSize(m.value)} to ${flinkSizeText(to)} (${shortSize(to)})${alsoTotal}`;
    steps.push({ changes, complete: test === allGone, rel: Number(to - m.value) / Number(m.value > 0n ? m.value : 1n), words });
  }
  const best = steps.sort((a, b) => Number(b.complete) - Number(a.complete) || a.rel - b.rel)[0];
  if (!best) return undefined;
  return {
    kind: "raise",
    changes: best.changes,
    title: `${best.words} ${best.complete ? "for a healthy process" : "toward a healthy process"}: Flink accepts it as it is, but ${describeIssues(now)}`,
    cost: 2 + Math.min(best.rel, 10),
    chain: false,
  };
}
