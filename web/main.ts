/**
 * The page shell: builds the form from the option registry, resolves on every change with the
 * same core as the CLI, and draws the result. Everything the page shows comes from `src/`.
 */
import "./style.css";
import { FlinkError } from "../src/errors.js";
import { resolveJobManager, resolveTaskManager, type JobManagerResult, type TaskManagerResult } from "../src/resolve.js";
import { optionsFor } from "../src/options/registry.js";
import type { ConfigOption, OptionGroup } from "../src/options/types.js";
import { flinkVersion } from "../src/versions/version.js";
import { has } from "../src/versions/features.js";
import { versionChoices } from "../src/versions/choices.js";
import { loadConfiguration } from "../src/config/load.js";
import { nameKind, type ConfFileName } from "../src/config/conf-files.js";
import { memoryEntries } from "../src/config/memory-entries.js";
import { memoryModelSvg } from "../src/render/svg.js";
import { explainComponent, explainTrace } from "../src/render/explain.js";
import { jobManagerRows, shortSize, taskManagerRows } from "../src/render/table.js";
import { hintFor } from "../src/render/hints.js";
import { offendingKeys } from "../src/render/offending.js";
import { minimalConfig, toConfigYaml, toDynamicFlags } from "../src/render/minimal-config.js";
import type { ComponentName, TraceEvent } from "../src/model/trace.js";
import { suggestFixes, type Fix } from "../src/fix/fix-its.js";
import { isLineChange } from "../src/fix/changes.js";
import { slotsBreakdown, type JobKind, type StateBackendKind } from "../src/slots/slot-breakdown.js";
import { networkBuffers } from "../src/network/network-buffers.js";
import { parseTopologyText } from "../src/network/topology-text.js";
import { decodeState, encodeState, type PageState, type ProcessKind } from "./share.js";
import { mountDiagnoseBox, type DiagnoseBox } from "./diagnose-box.js";

const GROUPS: [OptionGroup, string][] = [
  ["totals", "Totals"],
  ["components", "Fine-grained components"],
  ["managed", "Managed memory"],
  ["network", "Network memory"],
  ["overhead", "JVM overhead"],
  ["metaspace", "JVM metaspace"],
  ["slots-cpu", "Slots and CPU"],
  ["legacy", "Legacy options (deprecated)"],
];
/** Options the form leaves out: they need keys the registry does not declare (`external-resource.<name>.amount`). */
const NOT_IN_FORM = new Set(["tm.externalResources"]);

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

const state: PageState = decodeState(location.hash);
// A first visit starts from the sizes Flink's distribution ships in its conf/config.yaml.
if (location.hash.replace(/^#/, "") === "") {
  state.values.set("taskmanager.memory.process.size", "1728m");
  state.values.set("jobmanager.memory.process.size", "1600m");
}
let lastTrace: readonly TraceEvent[] = [];
let diagnoseBox: DiagnoseBox | undefined;

function fieldId(key: string): string {
  return "opt-" + key.replace(/[^a-zA-Z0-9-]/g, "_");
}

function formOptions(flink: string): ConfigOption[] {
  return optionsFor(flinkVersion(flink)).all.filter((o) => !NOT_IN_FORM.has(o.id));
}

/** Builds every field of the version, both processes (the other process's fields are hidden). */
function buildForm(): void {
  const container = $("fields");
  container.textContent = "";
  const options = formOptions(state.flink);
  for (const process of ["tm", "jm"] as const) {
    for (const [group, title] of GROUPS) {
      const inGroup = options.filter((o) => o.process === process && o.group === group);
      if (inGroup.length === 0) continue;
      const fs = document.createElement("fieldset");
      fs.dataset.process = process;
      fs.dataset.group = group;
      const legend = document.createElement("legend");
      legend.textContent = title;
      fs.append(legend);
      for (const o of inGroup) fs.append(buildField(o));
      container.append(fs);
    }
  }
  showProcess();
}

function buildField(o: ConfigOption): HTMLElement {
  const div = document.createElement("div");
  div.className = "field";
  const id = fieldId(o.key);
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = o.key;
  let input: HTMLInputElement | HTMLSelectElement;
  if (o.type === "boolean") {
    const select = document.createElement("select");
    for (const [value, text] of [["", `default (${o.defaultDoc})`], ["true", "true"], ["false", "false"]] as const) {
      const opt = document.createElement("option");
      opt.value = value;
      opt.textContent = text;
      select.append(opt);
    }
    input = select;
  } else {
    const text = document.createElement("input");
    text.type = "text";
    text.autocomplete = "off";
    text.spellcheck = false;
    text.placeholder = o.defaultValue === undefined ? "not set" : `default: ${o.defaultDoc}`;
    if (o.type === "memory") text.inputMode = "text";
    input = text;
  }
  input.id = id;
  input.dataset.key = o.key;
  input.value = state.values.get(o.key) ?? "";
  const desc = document.createElement("span");
  desc.className = "desc";
  desc.id = id + "-desc";
  const also = o.fallbackKeys.length ? ` Also read from ${o.fallbackKeys.map((f) => f.key + (f.deprecated ? " (deprecated)" : "")).join(", ")}.` : "";
  desc.textContent = o.description + also + (o.deprecated && o.replacedBy ? ` Deprecated: use ${o.replacedBy}.` : "");
  input.setAttribute("aria-describedby", desc.id);
  input.addEventListener("input", onFieldChange);
  input.addEventListener("change", onFieldChange);
  div.append(label, input, desc);
  return div;
}

function onFieldChange(ev: Event): void {
  const el = ev.target as HTMLInputElement | HTMLSelectElement;
  const key = el.dataset.key!;
  const v = el.value.trim() === "" ? "" : el.value;
  // `change` after `input` repeats a value already applied: redrawing then would replace the
  // error box (and a fix button being clicked) for nothing.
  if ((state.values.get(key) ?? "") === v) return;
  if (v === "") state.values.delete(key);
  else state.values.set(key, v);
  update();
}

function showProcess(): void {
  $("result").classList.toggle("jm", state.process === "jm");
  for (const fs of $("fields").querySelectorAll<HTMLFieldSetElement>("fieldset")) fs.hidden = fs.dataset.process !== state.process;
  for (const r of document.querySelectorAll<HTMLInputElement>('input[name="process"]')) r.checked = r.value === state.process;
}

/** The set values of this process's options (or of both), as `-D` pairs in form order. */
function dynamicPairs(process: ProcessKind | "both" = state.process): [string, string][] {
  const out: [string, string][] = [];
  for (const o of formOptions(state.flink)) {
    if (process !== "both" && o.process !== process) continue;
    const v = state.values.get(o.key);
    if (v !== undefined && v !== "") out.push([o.key, v]);
  }
  return out;
}

type Result = TaskManagerResult | JobManagerResult;

/** Resolves and redraws; the single place the page reacts to any change. */
function update(): void {
  const pairs = dynamicPairs();
  let result: Result | undefined;
  let error: FlinkError | undefined;
  try {
    result = (state.process === "tm" ? resolveTaskManager : resolveJobManager)({ flink: state.flink, dynamic: pairs });
  } catch (e) {
    if (!(e instanceof FlinkError)) throw e;
    error = e;
  }
  history.replaceState(null, "", encodeState(state));
  ($("share") as HTMLInputElement).value = location.href;
  markInvalid(error);
  if (result) showResult(result, pairs);
  else showError(error!);
  diagnoseBox?.refresh();
}

function showResult(r: Result, pairs: [string, string][]): void {
  $("error").hidden = true;
  $("result").classList.remove("failed");
  $("diagram").innerHTML = memoryModelSvg(r.spec);
  lastTrace = r.trace;
  const rows = r.spec.kind === "tm" ? taskManagerRows(r.spec, r.trace) : jobManagerRows(r.spec, r.trace);
  const tbody = $("components").querySelector("tbody")!;
  tbody.textContent = "";
  for (const row of rows) {
    const tr = document.createElement("tr");
    tr.dataset.component = row.name;
    const cells: [string, string][] = [
      [row.label, `depth${row.depth}`],
      [shortSize(row.bytes), "num"],
      [String(row.bytes), "num bytes"],
      [`${(row.share * 100).toFixed(1)}%`, "num"],
      [row.source, ""],
    ];
    for (const [text, cls] of cells) {
      const td = document.createElement("td");
      td.textContent = text;
      if (cls) td.className = cls;
      tr.append(td);
    }
    tbody.append(tr);
  }
  showSteps(r.trace);
  $("jvm").textContent = r.jvmParameters;
  $("dyn").textContent = r.dynamicConfigs;
  const minimal = minimalConfig(r.spec.kind, state.flink, pairs) ?? pairs;
  $("min-file").textContent = has(r.version, "standardYamlFile") ? "config.yaml" : "flink-conf.yaml";
  $("min-yaml").textContent = minimal.length ? toConfigYaml(minimal) : "# nothing to set: the defaults give this result";
  $("min-d").textContent = toDynamicFlags(minimal);
  $("component-info").textContent = "Hover over or focus a component to see where its value came from.";
  updateInside();
}

function showInlineError(id: string, e: FlinkError | undefined): void {
  const box = $(id);
  box.hidden = !e;
  box.textContent = e ? [e.message, ...e.causes.map((c) => "Caused by: " + c)].join("\n") : "";
}

/** The slots and network panel: computed only while it is open, so typing stays fast. */
function updateInside(): void {
  if (state.process !== "tm" || !($("inside") as HTMLDetailsElement).open) return;
  const pairs = dynamicPairs();
  const job = ($("job") as HTMLSelectElement).value as JobKind | "";
  const python = ($("python") as HTMLInputElement).checked;
  const backendSelect = $("state-backend") as HTMLSelectElement;
  // ForSt is a 2.x backend: older releases do not offer it.
  const forst = backendSelect.querySelector<HTMLOptionElement>('option[value="forst"]')!;
  forst.disabled = !has(flinkVersion(state.flink), "forStStateBackend");
  if (forst.disabled && backendSelect.value === "forst") backendSelect.value = "";
  const stateBackend = backendSelect.value as StateBackendKind | "";
  const statefulOperators = Number(($("stateful-ops") as HTMLInputElement).value) || 1;
  const tbody = $("slots-table").querySelector("tbody")!;
  tbody.textContent = "";
  try {
    const b = slotsBreakdown({ flink: state.flink, dynamic: pairs, ...(job ? { job } : {}), ...(python ? { python } : {}), ...(stateBackend ? { stateBackend } : {}), statefulOperators });
    showInlineError("slots-error", undefined);
    $("slots-assumptions").textContent = b.assumptions.summary;
    const notes = $("slots-notes");
    notes.textContent = "";
    for (const n of b.assumptions.notes) {
      const li = document.createElement("li");
      li.textContent = n;
      notes.append(li);
    }
    for (const c of b.consumers) {
      const tr = document.createElement("tr");
      tr.dataset.consumer = c.useCase;
      tr.dataset.bytes = String(c.bytes);
      for (const [text, cls] of [[c.useCase, ""], [c.weight === undefined ? "—" : String(c.weight), "num"], [c.counted ? c.fraction : "not used", "num"], [shortSize(c.bytes), "num"]] as const) {
        const td = document.createElement("td");
        td.textContent = text;
        if (cls) td.className = cls;
        tr.append(td);
      }
      tbody.append(tr);
    }
    const rocks = b.rocksdb
      ? ` RocksDB: ${shortSize(b.rocksdb.perSlot)} per slot, shared by its ${b.rocksdb.statefulOperators} stateful operator${b.rocksdb.statefulOperators === 1 ? "" : "s"} (block cache ${shortSize(b.rocksdb.blockCache)}, write buffers ${shortSize(b.rocksdb.writeBufferManager)}).`
      : "";
    $("slots-summary").textContent = `${b.slots} slot${b.slots === 1 ? "" : "s"}, ${shortSize(b.managedPerSlot)} managed memory each (${shortSize(b.managed)} in all).${rocks}`;
  } catch (e) {
    if (!(e instanceof FlinkError)) throw e;
    showInlineError("slots-error", e);
    $("slots-summary").textContent = "";
    $("slots-assumptions").textContent = "";
    $("slots-notes").textContent = "";
  }
  const steps = $("network-steps");
  steps.textContent = "";
  try {
    const n = networkBuffers({ flink: state.flink, dynamic: pairs, topology: parseTopologyText(($("topology") as HTMLTextAreaElement).value) });
    showInlineError("network-error", undefined);
    $("buffers-summary").textContent = `${n.buffersPerTaskManager} buffers of ${shortSize(BigInt(n.segmentSize))} per TaskManager (network memory ${shortSize(n.networkBytes)}).`;
    const fix = n.recommendations.find((r) => !r.failure);
    $("network-summary").textContent =
      `${n.mode} job on ${n.taskManagers} TaskManager${n.taskManagers === 1 ? "" : "s"}; the busiest (#${n.worst + 1}) needs ${n.requiredBuffers} buffers (${shortSize(n.neededBytes)}): ` +
      (n.sufficient ? "enough." : `not enough.${fix ? ` Smallest change that suffices: ${fix.settings.map(([k, v]) => `${k}=${v}`).join(", ")}.` : ""}`);
    $("network-summary").dataset.required = String(n.requiredBuffers);
    for (const line of n.explanation) {
      const li = document.createElement("li");
      li.textContent = line;
      steps.append(li);
    }
  } catch (e) {
    if (!(e instanceof FlinkError)) throw e;
    showInlineError("network-error", e);
    $("network-summary").textContent = "";
  }
}

function showSteps(trace: readonly TraceEvent[]): void {
  const ol = $("steps");
  ol.textContent = "";
  for (const line of explainTrace(trace)) {
    const li = document.createElement("li");
    const text = line.replace(/^\s*\d+\.\s/, "");
    li.textContent = text;
    if (text.startsWith("FAILED")) li.className = "failed";
    ol.append(li);
  }
}

function showError(e: FlinkError): void {
  const box = $("error");
  box.textContent = "";
  const cls = document.createElement("div");
  cls.className = "class";
  cls.textContent = e.javaClass;
  const msg = document.createElement("div");
  msg.className = "message";
  msg.textContent = e.message;
  box.append(cls, msg);
  for (const c of e.causes) {
    const d = document.createElement("div");
    d.className = "cause";
    d.textContent = "Caused by: " + c;
    box.append(d);
  }
  const hint = e.hint ?? hintFor(e);
  if (hint) {
    const h = document.createElement("div");
    h.className = "hint";
    h.textContent = "What to change: " + hint;
    box.append(h);
  }
  const fixes = document.createElement("div");
  fixes.id = "fixes";
  box.append(fixes);
  scheduleFixes(e);
  box.hidden = false;
  $("result").classList.add("failed");
  ($("derivation") as HTMLDetailsElement).open = true;
  $("diagram").textContent = "";
  $("components").querySelector("tbody")!.textContent = "";
  lastTrace = (e as FlinkError & { trace?: TraceEvent[] }).trace ?? [];
  showSteps(lastTrace);
  for (const id of ["jvm", "dyn", "min-yaml", "min-d"]) $(id).textContent = "";
}

let fixesToken = 0;

/** Fix-its take a few resolutions each: they follow right after the error is shown. */
function scheduleFixes(e: FlinkError): void {
  const token = ++fixesToken;
  const flink = state.flink;
  const process = state.process;
  const pairs = dynamicPairs();
  setTimeout(() => {
    if (token !== fixesToken) return;
    const fixes = suggestFixes(process, { flink, dynamic: pairs }, e).filter((f) => f.changes.every((c) => !isLineChange(c)));
    const box = document.getElementById("fixes");
    if (!box || fixes.length === 0) return;
    const h = document.createElement("div");
    h.className = "fixes-title";
    h.textContent = "Fixes (each checked by resolving the changed configuration):";
    const ul = document.createElement("ul");
    for (const f of fixes) ul.append(fixItem(f));
    box.append(h, ul);
  }, 0);
}

function fixItem(f: Fix): HTMLLIElement {
  const li = document.createElement("li");
  const text = document.createElement("span");
  text.textContent = f.title.replace(/`/g, "") + ". ";
  const result = document.createElement("span");
  result.className = "fix-result";
  result.textContent = f.result.summary.replace(/^resolves/, "Then it resolves");
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "Apply";
  button.setAttribute("aria-label", "Apply: " + text.textContent);
  button.addEventListener("click", () => {
    for (const c of f.changes) {
      if (isLineChange(c)) continue;
      if (c.remove) state.values.delete(c.key);
      else if (c.set !== undefined) state.values.set(c.key, c.set);
    }
    buildForm();
    update();
  });
  li.append(text, result, " ", button);
  return li;
}

/** Highlights the fields an error is about. */
function markInvalid(e: FlinkError | undefined): void {
  const bad = e ? offendingKeys(e, state.process, optionsFor(flinkVersion(state.flink)), new Set(state.values.keys())) : new Set<string>();
  for (const el of $("fields").querySelectorAll<HTMLInputElement>("[data-key]")) {
    if (bad.has(el.dataset.key!)) el.setAttribute("aria-invalid", "true");
    else el.removeAttribute("aria-invalid");
  }
}

function explainBox(target: EventTarget | null): void {
  const g = (target as Element | null)?.closest?.("[data-component]");
  if (!g) return;
  const name = g.getAttribute("data-component") as ComponentName;
  $("component-info").textContent = explainComponent(lastTrace, name) ?? `${name}: ${shortSize(BigInt(g.getAttribute("data-bytes")!))}`;
}

function setVersion(flink: string): void {
  const before = state.values;
  state.flink = flink;
  const keys = new Set(formOptions(flink).map((o) => o.key));
  const dropped = [...before.keys()].filter((k) => !keys.has(k));
  for (const k of dropped) before.delete(k);
  $("dropped").textContent = dropped.length ? `Flink ${flink} has no option ${dropped.join(", ")}: removed from the form.` : "";
  updatePasteKind();
  buildForm();
  update();
}

function updatePasteKind(): void {
  const v = flinkVersion(state.flink);
  const legacy = has(v, "legacyFlinkConfFile");
  const standard = has(v, "standardYamlFile");
  const select = $("paste-kind") as HTMLSelectElement;
  select.value = legacy ? "flink-conf.yaml" : "config.yaml";
  $("paste-kind-field").hidden = !(legacy && standard);
}

/**
 * Fills the form from a whole file; the file text itself is cleared and kept nowhere. Which file
 * the release reads is the core rule (`chooseConfFiles`): a dropped file by its name, pasted text
 * as the kind chosen.
 */
function readPasted(text: string, file: { name: string; as: ConfFileName }): void {
  const status = $("paste-status");
  const version = flinkVersion(state.flink);
  try {
    const loaded = loadConfiguration({ files: [{ name: file.name, as: file.as, text }] }, version);
    if (!loaded.files.read) {
      status.textContent = loaded.files.ignored.map((i) => i.message).join(". ") + ".";
      return;
    }
    const kind = loaded.files.read.name;
    const { values, otherKeys } = memoryEntries(loaded.config);
    const keys = new Set(formOptions(state.flink).map((o) => o.key));
    let n = 0;
    for (const [k, v] of values) {
      if (!keys.has(k)) continue;
      state.values.set(k, v);
      n++;
    }
    status.textContent = `Filled ${n} memory option${n === 1 ? "" : "s"} from ${kind}; ${otherKeys} other key${otherKeys === 1 ? " was" : "s were"} ignored and not kept.`;
    ($("paste-text") as HTMLTextAreaElement).value = "";
    buildForm();
    update();
  } catch (e) {
    if (!(e instanceof FlinkError)) throw e;
    const where = e.location?.line ? ` (line ${e.location.line}${e.location.column ? `, column ${e.location.column}` : ""})` : "";
    status.textContent = `${e.message}${where}${e.causes.length ? " " + e.causes.join(" ") : ""}`;
  }
}

async function copy(id: string, button: HTMLButtonElement): Promise<void> {
  const el = $(id);
  const text = el instanceof HTMLInputElement ? el.value : el.textContent ?? "";
  let done = false;
  try {
    await navigator.clipboard.writeText(text);
    done = true;
  } catch {
    // No clipboard permission (e.g. file://): select the text so Ctrl+C copies it.
    const range = document.createRange();
    range.selectNodeContents(el);
    const sel = getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
    if (el instanceof HTMLInputElement) el.select();
  }
  $("copied").textContent = done ? "Copied." : "Selected: press Ctrl+C to copy.";
  const label = button.textContent;
  button.textContent = done ? "Copied" : "Selected";
  setTimeout(() => (button.textContent = label), 1200);
}

function init(): void {
  const select = $("flink") as HTMLSelectElement;
  for (const c of versionChoices()) {
    const o = document.createElement("option");
    o.value = c.value;
    o.textContent = c.label;
    select.append(o);
  }
  if (![...select.options].some((o) => o.value === state.flink)) {
    const o = document.createElement("option");
    o.value = state.flink;
    o.textContent = state.flink;
    select.append(o);
  }
  select.value = state.flink;
  select.addEventListener("change", () => setVersion(select.value));
  for (const r of document.querySelectorAll<HTMLInputElement>('input[name="process"]')) {
    r.addEventListener("change", () => {
      state.process = r.value as ProcessKind;
      showProcess();
      update();
    });
  }
  $("reset").addEventListener("click", () => {
    state.values.clear();
    buildForm();
    update();
  });
  const diagram = $("diagram");
  diagram.addEventListener("mouseover", (e) => explainBox(e.target));
  diagram.addEventListener("focusin", (e) => explainBox(e.target));
  diagram.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") explainBox(e.target);
  });
  const text = $("paste-text") as HTMLTextAreaElement;
  const kind = () => ($("paste-kind") as HTMLSelectElement).value as "config.yaml" | "flink-conf.yaml";
  $("paste-read").addEventListener("click", () => readPasted(text.value, { name: kind(), as: kind() }));
  text.addEventListener("dragover", (e) => {
    e.preventDefault();
    text.classList.add("dragging");
  });
  text.addEventListener("dragleave", () => text.classList.remove("dragging"));
  text.addEventListener("drop", async (e) => {
    e.preventDefault();
    text.classList.remove("dragging");
    const file = e.dataTransfer?.files[0];
    if (!file) return;
    // A name Flink knows (or one like prod-flink-conf.yaml) decides; any other name, the chosen kind.
    readPasted(await file.text(), { name: file.name, as: nameKind(file.name)?.as ?? kind() });
  });
  for (const b of document.querySelectorAll<HTMLButtonElement>("button.copy")) b.addEventListener("click", () => void copy(b.dataset.copy!, b));
  window.addEventListener("hashchange", () => {
    const s = decodeState(location.hash);
    if (encodeState(s) === encodeState(state)) return;
    Object.assign(state, s);
    select.value = state.flink;
    updatePasteKind();
    buildForm();
    update();
  });
  $("inside").addEventListener("toggle", updateInside);
  for (const id of ["job", "python", "state-backend", "stateful-ops", "topology"]) $(id).addEventListener("input", updateInside);
  // Both processes' options, as a failed cluster's config file holds both.
  diagnoseBox = mountDiagnoseBox({
    flink: () => state.flink,
    configuration: () => ({ flink: state.flink, dynamic: dynamicPairs("both") }),
    chooseFlink: () => {
      select.scrollIntoView({ block: "center" });
      select.focus();
    },
  });
  updatePasteKind();
  buildForm();
  update();
}

init();
