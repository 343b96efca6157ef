/**
 * The page shell: wires the form, the result, the fixes, the panels and the paste boxes, and is
 * the one place that reacts to a change. Everything the page shows comes from `src/`.
 *
 * Calm while typing: every keystroke resolves, and a good result shows at once; a refusal waits
 * for a pause (or for leaving the field), the last good result staying dimmed meanwhile. The live
 * region says one short sentence once the page settles.
 */
import "./style.css";
import { FlinkError } from "../src/errors.js";
import { resolveJobManager, resolveTaskManager } from "../src/resolve.js";
import { versionChoices } from "../src/versions/choices.js";
import { copy } from "./copy.js";
import { $ } from "./dom.js";
import { cancelFixes, scheduleFixes } from "./fixes.js";
import { buildForm, dynamicPairs, formOptions, markInvalid, showProcess, syncFields, type FieldEvent } from "./form.js";
import { state } from "./page-state.js";
import { announcement, explainBox, markFaults, markStale, showError, showResult, type Result } from "./result-view.js";
import { decodeState, encodeState, type ProcessKind } from "./share.js";
import { loadedTools, watchToolAreas } from "./tools-loader.js";
import type { PageHost } from "./tools/host.js";

/** How long typing must pause before a refusal is shown (a half-typed `4096m` is not an error). */
const ERROR_PAUSE_MS = 700;
/** The link and the announcement follow the page after this pause: neither is needed per keystroke. */
const SETTLE_MS = 300;

let errorTimer: ReturnType<typeof setTimeout> | undefined;
let settleTimer: ReturnType<typeof setTimeout> | undefined;
/** Values of options the current version lacks, kept for a switch back. */
const stashed = new Map<string, string>();

function resolveNow(): { result?: Result; error?: FlinkError; pairs: [string, string][] } {
  const pairs = dynamicPairs();
  try {
    return { result: (state.process === "tm" ? resolveTaskManager : resolveJobManager)({ flink: state.flink, dynamic: pairs }), pairs };
  } catch (e) {
    if (!(e instanceof FlinkError)) throw e;
    return { error: e, pairs };
  }
}

function showRefusal(error: FlinkError, pairs: [string, string][]): void {
  markInvalid(error);
  const fixesBox = showError(error);
  scheduleFixes(error, fixesBox, pairs, applied);
}

/**
 * Resolves and redraws. `settled`: the user paused or left a field (or did something that is
 * not typing), so a refusal shows now.
 */
function update(settled = true): void {
  clearTimeout(errorTimer);
  cancelFixes();
  const { result, error, pairs } = resolveNow();
  if (result) {
    markInvalid(undefined);
    showResult(result, pairs);
  } else if (settled) {
    showRefusal(error!, pairs);
  } else {
    markStale();
    errorTimer = setTimeout(() => showRefusal(error!, pairs), ERROR_PAUSE_MS);
  }
  showLink();
  clearTimeout(settleTimer);
  settleTimer = setTimeout(() => settle(result, error), settled ? 0 : SETTLE_MS);
  loadedTools()?.changed();
}

/** The share link at once (cheap); the address bar follows after a pause (`settle`). */
function showLink(): void {
  const fragment = encodeState(state);
  // From file:// the address is a local path: only the fragment is worth sharing.
  const local = location.protocol === "file:";
  ($("share") as HTMLInputElement).value = local ? fragment : location.origin + location.pathname + location.search + fragment;
  $("share-help").textContent = local ? "Opened from a file: this fragment restores the calculation when added to the page's address on a web server." : "The link holds the version and the memory options only.";
}

/** After a pause: the address bar (replaceState is the costliest step of a change), and one sentence for screen readers. */
function settle(result: Result | undefined, error: FlinkError | undefined): void {
  history.replaceState(null, "", encodeState(state));
  $("announce").textContent = announcement(result, error);
}

function onField(e: FieldEvent): void {
  // A field removed by a version switch still reports its blur: its key is not the version's.
  if (!formOptions(state.flink).some((o) => o.key === e.key)) return;
  if ((state.values.get(e.key) ?? "") === e.value && !e.settled) return;
  if (e.value === "") state.values.delete(e.key);
  else state.values.set(e.key, e.value);
  update(e.settled);
}

/** A fix was applied: the values changed in place, focus is the fix's business. */
function applied(): void {
  syncFields();
  update();
}

function setVersion(flink: string): void {
  state.flink = flink;
  const keys = new Set(formOptions(flink).map((o) => o.key));
  const dropped = [...state.values.keys()].filter((k) => !keys.has(k));
  for (const k of dropped) {
    stashed.set(k, state.values.get(k)!);
    state.values.delete(k);
  }
  const back = [...stashed.keys()].filter((k) => keys.has(k) && !state.values.has(k));
  for (const k of back) {
    state.values.set(k, stashed.get(k)!);
    stashed.delete(k);
  }
  $("dropped").textContent = [
    dropped.length ? `Flink ${flink} has no option ${dropped.join(", ")}: kept aside for a version that has it.` : "",
    back.length ? `Restored ${back.join(", ")}.` : "",
  ].filter(Boolean).join(" ");
  buildForm();
  update();
}

/** What the tools (fetched on first use) may see and do of the page. */
const host: PageHost = {
  flink: () => state.flink,
  process: () => state.process,
  pairs: (process) => dynamicPairs(process),
  formKeys: () => new Set(formOptions(state.flink).map((o) => o.key)),
  fill(values) {
    for (const [k, v] of values) state.values.set(k, v);
    buildForm();
    update();
  },
  chooseFlink() {
    const select = $("flink");
    select.scrollIntoView({ block: "center" });
    select.focus();
  },
  markFaults,
};

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
    o.value = o.textContent = state.flink;
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
    syncFields();
    update();
  });
  for (const p of document.querySelectorAll<HTMLButtonElement>("button[data-preset]")) p.addEventListener("click", () => applyPreset(p.dataset.preset!));
  const diagram = $("diagram");
  diagram.addEventListener("mouseover", (e) => explainBox(e.target));
  diagram.addEventListener("focusin", (e) => explainBox(e.target));
  diagram.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") explainBox(e.target);
  });
  for (const b of document.querySelectorAll<HTMLButtonElement>("button.copy")) b.addEventListener("click", () => void copy(b.dataset.copy!, b));
  for (const id of ["to-result", "skip"]) {
    $(id).addEventListener("click", () => {
      $("result").scrollIntoView({ block: "start" });
      $("result-title").focus({ preventScroll: true });
    });
  }
  window.addEventListener("hashchange", () => {
    const s = decodeState(location.hash);
    if (encodeState(s) === encodeState(state)) return;
    Object.assign(state, s);
    select.value = state.flink;
    buildForm();
    update();
  });
  $("to-diagnose").addEventListener("click", () => {
    const paste = $("diagnose-paste");
    paste.scrollIntoView({ block: "center" });
    paste.focus();
  });
  watchToolAreas(host);
  buildForm(onField);
  update();
}

/** Common starting points: each replaces the form's values. */
const PRESETS: Record<string, { process: ProcessKind; values: [string, string][] }> = {
  "default-tm": { process: "tm", values: [["taskmanager.memory.process.size", "1728m"]] },
  "rocksdb-4g": { process: "tm", values: [["taskmanager.memory.process.size", "4g"], ["taskmanager.numberOfTaskSlots", "2"], ["taskmanager.memory.managed.fraction", "0.4"]] },
  "small-jm": { process: "jm", values: [["jobmanager.memory.process.size", "1g"]] },
};

function applyPreset(name: string): void {
  const p = PRESETS[name];
  if (!p) return;
  // Only the preset's process is replaced: the other keeps what it has.
  for (const o of formOptions(state.flink)) if (o.process === p.process) state.values.delete(o.key);
  for (const [k, v] of p.values) state.values.set(k, v);
  state.process = p.process;
  showProcess();
  syncFields();
  update();
}

init();
