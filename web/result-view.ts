/**
 * The result: summary cards with the numbers people copy, the diagram, the component table, the
 * derivation, JVM flags and dynamic configs, the minimal configuration; or Flink's refusal. Names
 * are the table's (`src/render/table.ts`), shares its `shareText`, so all views agree.
 */
import { FlinkError } from "../src/errors.js";
import type { JobManagerSpec } from "../src/model/jobmanager.js";
import type { TaskManagerSpec } from "../src/model/taskmanager.js";
import type { ComponentName, TraceEvent } from "../src/model/trace.js";
import { explainComponent, explainTrace } from "../src/render/explain.js";
import { hintFor } from "../src/render/hints.js";
import { minimalConfig, toConfigYaml, toDynamicFlags } from "../src/render/minimal-config.js";
import { memoryModelSvg } from "../src/render/svg.js";
import { JVM_DIRECT_LABEL, jobManagerRows, shareText, shortSize, taskManagerRows } from "../src/render/table.js";
import type { JobManagerResult, TaskManagerResult } from "../src/resolve.js";
import { has } from "../src/versions/features.js";
import { $, el } from "./dom.js";
import { morphInto, morphMarkup } from "./morph.js";
import { state } from "./page-state.js";

export type Result = TaskManagerResult | JobManagerResult;

let lastTrace: readonly TraceEvent[] = [];
/** Components a diagnosed failure points at: kept across redraws of the diagram. */
let faults: { names: ComponentName[]; why: string } = { names: [], why: "" };

/** Marks the diagram's boxes a diagnosed failure is about (and says why in their label). */
export function markFaults(names: ComponentName[], why: string): void {
  faults = { names, why };
  for (const g of document.querySelectorAll<SVGGElement>("#diagram [data-component]")) {
    const at = names.includes(g.getAttribute("data-component") as ComponentName);
    g.classList.toggle("fm-fault", at);
    const label = g.getAttribute("aria-label")?.replace(/ — at fault: .*$/, "") ?? "";
    if (label) g.setAttribute("aria-label", at ? `${label} — at fault: ${why}` : label);
  }
}

/** A card: the name, the size, the bytes and the JVM flag that carries it, if any. */
export interface Card {
  id: string;
  name: string;
  bytes: bigint | undefined;
  flag?: string;
}

/** The numbers people copy, in the names the table uses; a JobManager's direct memory may have no limit. */
export function cardsOf(spec: TaskManagerSpec | JobManagerSpec): Card[] {
  const direct = spec.kind === "tm" || spec.directMemoryLimit ? spec.jvmDirect : undefined;
  const cards: Card[] = [
    { id: "totalProcess", name: "Total Process Memory", bytes: spec.totalProcess },
    { id: "totalFlink", name: "Total Flink Memory", bytes: spec.totalFlink },
    { id: "jvmHeap", name: "JVM Heap", bytes: spec.jvmHeap, flag: "-Xmx / -Xms" },
    { id: "jvmDirect", name: JVM_DIRECT_LABEL, bytes: direct, flag: "-XX:MaxDirectMemorySize" },
    { id: "metaspace", name: "JVM Metaspace", bytes: spec.metaspace, flag: "-XX:MaxMetaspaceSize" },
  ];
  if (spec.kind === "tm") cards.push({ id: "managed", name: "Managed Memory", bytes: spec.managed });
  return cards;
}

function showCards(spec: TaskManagerSpec | JobManagerSpec): void {
  morphInto($("cards"), (list) => {
  for (const c of cardsOf(spec)) {
    const li = el("li", "card");
    li.dataset.card = c.id;
    li.append(el("span", "card-name", c.name), el("span", "card-size", c.bytes === undefined ? "no limit" : shortSize(c.bytes)));
    const detail = c.bytes === undefined ? "jobmanager.memory.enable-jvm-direct-memory-limit is false" : `${c.bytes} bytes · ${shareText(c.bytes, spec.totalProcess)}`;
    li.append(el("span", "card-bytes", detail));
    if (c.flag) li.append(el("code", "card-flag", c.flag));
    list.append(li);
  }
  });
  // The pinned summary on narrow screens: the same numbers, one line.
  $("pinned-text").textContent = cardsOf(spec)
    .filter((c) => c.id !== "totalFlink")
    .map((c) => `${c.id === "totalProcess" ? "Process" : c.id === "jvmHeap" ? "Heap" : c.id === "jvmDirect" ? "Direct" : c.id === "metaspace" ? "Metaspace" : "Managed"} ${c.bytes === undefined ? "no limit" : shortSize(c.bytes)}`)
    .join(" · ");
}

/** Flags and dynamic configs as tokens that never break inside (a line breaks between them). */
function tokens(id: string, text: string): void {
  morphInto($(id), (pre) => {
    text.split(" ").forEach((t, i) => {
      if (i > 0) pre.append(" ");
      pre.append(el("span", "token", t));
    });
  });
}

export function showResult(r: Result, pairs: [string, string][]): void {
  $("error").hidden = true;
  $("result").classList.remove("failed", "stale");
  showCards(r.spec);
  morphMarkup($("diagram"), memoryModelSvg(r.spec));
  if (faults.names.length > 0) markFaults(faults.names, faults.why);
  lastTrace = r.trace;
  const rows = r.spec.kind === "tm" ? taskManagerRows(r.spec, r.trace) : jobManagerRows(r.spec, r.trace);
  morphInto($("components").querySelector("tbody")!, (tbody) => {
    for (const row of rows) {
      const tr = el("tr");
      tr.dataset.component = row.name;
      for (const [text, cls] of [[row.label, `depth${row.depth}`], [shortSize(row.bytes), "num"], [String(row.bytes), "num bytes"], [row.shareText, "num"], [row.source, ""]] as const) tr.append(el("td", cls || undefined, text));
      tbody.append(tr);
    }
  });
  showSteps(r.trace);
  tokens("jvm", r.jvmParameters);
  tokens("dyn", r.dynamicConfigs);
  const minimal = minimalConfig(r.spec.kind, state.flink, pairs) ?? pairs;
  $("min-file").textContent = has(r.version, "standardYamlFile") ? "config.yaml" : "flink-conf.yaml";
  $("min-yaml").textContent = minimal.length ? toConfigYaml(minimal) : "# nothing to set: the defaults give this result";
  tokens("min-d", toDynamicFlags(minimal));
  // A live region: rewriting the same words would announce them again on every keystroke.
  const hint = "Hover over or focus a component to see where its value came from.";
  if ($("component-info").textContent !== hint) $("component-info").textContent = hint;
}

export function showSteps(trace: readonly TraceEvent[]): void {
  morphInto($("steps"), (ol) => {
    for (const line of explainTrace(trace)) {
      const text = line.replace(/^\s*\d+\.\s/, "");
      ol.append(el("li", text.startsWith("FAILED") ? "failed" : undefined, text));
    }
  });
}

/** While typing: the last good result stays, dimmed, until the pause shows why it failed. */
export function markStale(): void {
  $("result").classList.add("stale");
}

/**
 * Flink's refusal: the class, the message, each cause only when it says something the message
 * does not (Flink often repeats it), the hint; a container for the fixes. Panels stay as the
 * user left them.
 */
export function showError(e: FlinkError): HTMLElement {
  const box = $("error");
  box.textContent = "";
  box.append(el("div", "class", e.javaClass), el("div", "message", e.message));
  for (const c of e.causes) if (!e.message.includes(c)) box.append(el("div", "cause", "Caused by: " + c));
  const hint = e.hint ?? hintFor(e);
  if (hint) box.append(el("div", "hint", "What to change: " + hint));
  const fixes = el("div");
  fixes.id = "fixes";
  box.append(fixes);
  box.hidden = false;
  $("result").classList.remove("stale");
  $("result").classList.add("failed");
  $("diagram").textContent = "";
  $("cards").textContent = "";
  $("pinned-text").textContent = `Flink refuses this configuration: ${e.message.length > 120 ? e.message.slice(0, 117) + "…" : e.message}`;
  $("components").querySelector("tbody")!.textContent = "";
  lastTrace = (e as FlinkError & { trace?: TraceEvent[] }).trace ?? [];
  showSteps(lastTrace);
  for (const id of ["jvm", "dyn", "min-yaml", "min-d"]) $(id).textContent = "";
  return fixes;
}

export function explainBox(target: EventTarget | null): void {
  const g = (target as Element | null)?.closest?.("[data-component]");
  if (!g) return;
  const name = g.getAttribute("data-component") as ComponentName;
  $("component-info").textContent = explainComponent(lastTrace, name) ?? `${name}: ${shortSize(BigInt(g.getAttribute("data-bytes")!))}`;
}

/** One short sentence for the live region: what changed, not the whole message. */
export function announcement(r: Result | undefined, e: FlinkError | undefined): string {
  const who = state.process === "tm" ? "TaskManager" : "JobManager";
  if (r) return `${who}: total process ${shortSize(r.spec.totalProcess)}, JVM heap ${shortSize(r.spec.jvmHeap)}.`;
  const first = (e?.message ?? "").split(/(?<=\.)\s/)[0]!;
  return `${who}: Flink refuses this configuration. ${first.length > 110 ? first.slice(0, 107) + "…" : first}`;
}
