/**
 * The derivation in plain words: which path Flink took and why, each default, each
 * fraction × total, each cap to min/max, each "rest", and the step that failed.
 * @module
 */
import type { ComponentName, Origin, Path, TraceEvent } from "../model/trace.js";
import { componentLabel, JVM_DIRECT_LABEL, shortSize } from "./table.js";

/** The shortest decimal that reads back as the same float (how a user wrote `0.1`). */
export function floatText(f: number): string {
  for (let p = 1; p <= 9; p++) {
    const s = f.toPrecision(p);
    if (Math.fround(Number(s)) === f) return String(Number(s));
  }
  return String(f);
}

const pct = (f: number) => `${Number((Math.fround(f) === f ? Number(floatText(f)) : f) * 100).toPrecision(6).replace(/\.?0+$/, "")}%`;
const size = (b: bigint) => `${shortSize(b)} (${b} bytes)`;
const label = (c: ComponentName) => componentLabel(c);

const PATH_WORDS: Record<Path, string> = {
  "fine-grained": "the fine-grained sizes are set, so Total Flink Memory is their sum and metaspace and overhead are added around it",
  "total-flink": "Total Flink Memory is set, so its parts are derived from it and metaspace and overhead are added around it",
  "total-process": "Total Process Memory is set (and neither Total Flink Memory nor all fine-grained sizes are), so everything is derived from it",
  local: "local execution: only task heap, task off-heap, managed and network memory matter",
};

function baseWords(baseName: string): string {
  switch (baseName) {
    case "totalProcess":
      return "Total Process Memory";
    case "totalFlink":
      return "Total Flink Memory";
    case "totalFlink+metaspace":
      return "Total Flink Memory + JVM Metaspace";
    case "totalFlink-network":
      return "the other Flink components";
    default:
      return baseName;
  }
}

function originWords(name: ComponentName, value: bigint, o: Origin): string {
  const v = size(value);
  switch (o.how) {
    case "configured":
      return `${label(name)} = ${v}: configured as ${o.key}${o.key !== o.optionKey ? ` (deprecated key of ${o.optionKey})` : ""}.`;
    case "default":
      return `${label(name)} = ${v}: not set, so the default of ${o.optionKey}.`;
    case "fraction": {
      const f = floatText(o.fraction);
      const fromWhat = o.fractionConfigured ? `${o.fractionKey} = ${f}` : `default ${o.fractionKey} = ${f}`;
      const calc = o.inverse
        ? `${f}/(1-${f}) × ${baseWords(o.baseName)} (${shortSize(o.base)}) = ${shortSize(o.raw)}, so that it is ${pct(o.fraction)} of the sum including itself (${fromWhat})`
        : `${pct(o.fraction)} × ${baseWords(o.baseName)} (${shortSize(o.base)}) = ${shortSize(o.raw)} (${fromWhat})`;
      if (o.capped === "min") return `${label(name)} = ${v}: ${calc}, below its minimum ${shortSize(o.min)}, so raised to the minimum.`;
      if (o.capped === "max") return `${label(name)} = ${v}: ${calc}, above its maximum ${shortSize(o.max)}, so lowered to the maximum.`;
      return `${label(name)} = ${v}: ${calc}, within [${shortSize(o.min)}, ${o.max >= 2n ** 63n - 1n ? "infinite" : shortSize(o.max)}].`;
    }
    case "rest":
      return `${label(name)} = ${v}: what is left of ${label(o.of)} after ${o.minus.map(label).join(", ")}.`;
    case "sum":
      // A TaskManager's off-heap sum (the one with network in it) is its JVM direct limit.
      return `${name === "offHeap" && o.parts.includes("network") ? JVM_DIRECT_LABEL : label(name)} = ${v}: ${o.parts.map(label).join(" + ")}.`;
    case "legacy-buffers":
      return `${label(name)} = ${v}: legacy taskmanager.network.numberOfBuffers ${o.buffers} × segment size ${shortSize(o.segmentSize)}.`;
    case "legacy-heap":
      return `${label(name)} = ${v}: from legacy ${o.legacyKey}, read as ${o.targetKey}.`;
    case "local":
      return `${label(name)} = ${v}: ${o.reason}.`;
  }
}

/** Numbered lines explaining a trace (of a success or a failure). */
export function explainTrace(trace: readonly TraceEvent[]): string[] {
  const out: string[] = [];
  const seen = new Set<ComponentName>();
  for (const e of trace) {
    switch (e.kind) {
      case "path":
        out.push(`Path: ${PATH_WORDS[e.path]}.${e.configured.length ? ` Set: ${e.configured.join(", ")}.` : ""}`);
        break;
      case "legacy":
        out.push(`Legacy option ${e.legacyKey} = ${size(e.value)} is read as ${e.targetKey} (that option is not set).`);
        break;
      case "component":
        // A component read twice (e.g. checked again later) is explained once.
        if (seen.has(e.name) && e.origin.how !== "rest" && e.origin.how !== "fraction") break;
        seen.add(e.name);
        out.push(originWords(e.name, e.value, e.origin));
        break;
      case "check":
        out.push(`Check passed: ${e.what}.`);
        break;
      case "log":
        out.push(`Flink logs (${e.level.toUpperCase()}): ${e.message}`);
        break;
      case "failure":
        out.push(`FAILED here: ${e.message}`);
        break;
    }
  }
  return out.map((l, i) => `${String(i + 1).padStart(2)}. ${l}`);
}

/**
 * Where one component's value came from, in the same words as the full explanation (the
 * last time the trace set it), or `undefined` when the trace never mentions it.
 */
export function explainComponent(trace: readonly TraceEvent[], name: ComponentName): string | undefined {
  let found: Extract<TraceEvent, { kind: "component" }> | undefined;
  for (const e of trace) if (e.kind === "component" && e.name === name) found = e;
  return found && originWords(found.name, found.value, found.origin);
}
