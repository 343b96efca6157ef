/**
 * "Diagnose a failure": a paste box that runs the core's `diagnose` as the user types and draws
 * every finding. The paste may hold credentials and markup, so it is only ever read: the box
 * writes text with `textContent` (never HTML), shows only what `diagnose` returns (templates,
 * never the pasted lines), keeps nothing (no link, no storage) and empties itself when the page
 * is left, so the browser's form restoration cannot keep it either.
 */
import { diagnose, type DiagnoseResult } from "../../src/diagnose/diagnose.js";
import type { DiagnoseChange, Finding } from "../../src/diagnose/finding.js";
import { MAX_PASTE_CHARS } from "../../src/diagnose/evidence.js";
import { dynamicFlags, lineRanges } from "../../src/diagnose/text.js";
import { FlinkError } from "../../src/errors.js";
import type { ResolveRequest } from "../../src/resolve.js";

/** What the box needs from the calculator: its release and its configuration. */
export interface DiagnoseHost {
  /** The release chosen with the page's version selector. */
  flink(): string;
  /** The calculator's current configuration (memory options of both processes). */
  configuration(): ResolveRequest;
  /** Takes the user to the page's version selector. */
  chooseFlink(): void;
  /** The findings drawn: the page points at the parts at fault on its diagram. */
  showFindings?(findings: readonly Finding[]): void;
}

export interface DiagnoseBox {
  /** Re-runs (debounced) if the release or the configuration in use changed. */
  refresh(): void;
  /** Reads a dropped file as the paste (the page catches the drop). */
  drop(file: File): Promise<void>;
}

/** Long enough to wait for a pause in typing, short enough to feel live. */
const DEBOUNCE_MS = 200;

const PROCESS: Record<string, string> = { taskmanager: "TaskManager", jobmanager: "JobManager" };

const KNOWN_FINDING = new Set(["kind", "process", "component", "evidence", "flinkHint", "numbers", "notes", "changes", "rebuilt"]);
const KNOWN_CHANGE = new Set(["summary", "settings", "checked", "variant", "remove"]);
const KNOWN_REBUILT = new Set(["flink", "settings", "matches", "detail"]);

/**
 * Fields a newer core may add (a change's `variant`, say) that this page does not know yet:
 * plain values are shown as "name: value", anything nested is left out rather than guessed at.
 */
export function extraFields(o: object, known: ReadonlySet<string>): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(o)) {
    if (known.has(k) || v === undefined || v === null) continue;
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") out.push([k, String(v)]);
  }
  return out;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Notes quote keys and commands in backticks: those parts become `<code>`, still as text. */
function prose(tag: "p" | "li" | "span", text: string, className?: string): HTMLElement {
  const e = el(tag, className);
  text.split("`").forEach((part, i) => {
    if (part === "") return;
    e.append(i % 2 === 1 ? el("code", undefined, part) : part);
  });
  return e;
}

function item(dl: HTMLDListElement, term: string, field: string, ...content: (Node | string)[]): void {
  const dt = el("dt", undefined, term);
  const dd = el("dd");
  dd.dataset.field = field;
  dd.append(...content);
  dl.append(dt, dd);
}

function extrasInto(dl: HTMLDListElement, o: object, known: ReadonlySet<string>): void {
  for (const [k, v] of extraFields(o, known)) item(dl, k, "extra-" + k, v);
}

function changeItem(c: DiagnoseChange): HTMLLIElement {
  const li = el("li", "change");
  const way = c.variant === "keep-process" ? "Keep the process size: " : c.variant === "grow-process" ? "Grow the process: " : "";
  li.append(prose("p", way + c.summary, "summary"));
  // Keys to remove come first: the new total would conflict with them.
  if (c.remove && c.remove.length > 0) li.append(prose("p", `Remove ${c.remove.join(", ")}, then set:`, "remove"));
  li.append(el("code", "settings", dynamicFlags(c.settings)));
  const checked = prose("p", c.checked.ok ? `Checked: ${c.checked.result}` : `Fails: ${c.checked.reason}`, "checked");
  checked.dataset.ok = String(c.checked.ok);
  li.append(checked);
  const extras = extraFields(c, KNOWN_CHANGE);
  if (extras.length > 0) li.append(el("p", "extra", extras.map(([k, v]) => `${k}: ${v}`).join("; ")));
  return li;
}

function findingItem(f: Finding, i: number): HTMLLIElement {
  const li = el("li", "finding");
  li.dataset.kind = f.kind;
  if (f.process) li.dataset.process = f.process;
  const h = el("h3");
  const where = el("span", "where", "(");
  where.append(el("span", "process", f.process ? (PROCESS[f.process] ?? f.process) : "process not stated"));
  if (f.component) where.append(", ", el("span", "component", f.component));
  where.append(")");
  h.append(el("span", "kind", f.kind), " ", where);
  h.id = `diagnose-finding-${i + 1}`;
  li.setAttribute("aria-labelledby", h.id);
  const dl = el("dl");
  const evidence = f.evidence.map((e) => {
    const d = el("div", "evidence");
    d.dataset.lines = lineRanges(e.lines);
    d.append(el("span", "lines", `line${e.lines.length === 1 ? "" : "s"} ${lineRanges(e.lines)}`), ": ", el("span", "template", e.template));
    return d;
  });
  if (evidence.length > 0) item(dl, "Evidence", "evidence", ...evidence);
  if (f.flinkHint) item(dl, "Flink's hint", "flink-hint", prose("span", f.flinkHint));
  const numbers = Object.entries(f.numbers);
  if (numbers.length > 0) {
    const table = el("table", "numbers");
    const caption = el("caption", "visually-hidden", "Numbers read from the paste and derived from them");
    const tbody = el("tbody");
    for (const [k, v] of numbers) {
      const tr = el("tr");
      tr.dataset.name = k;
      const th = el("th", undefined, k);
      th.scope = "row";
      tr.append(th, el("td", "num", String(v)));
      tbody.append(tr);
    }
    table.append(caption, tbody);
    item(dl, "Numbers", "numbers", table);
  }
  if (f.rebuilt) {
    const r = f.rebuilt;
    const status = el("p", "detail", (r.matches ? "" : "Does not match every stated size. ") + r.detail);
    item(dl, `Configuration that gives this layout (Flink ${r.flink})`, "rebuilt", el("code", "settings", dynamicFlags(r.settings)), status);
    extrasInto(dl, r, KNOWN_REBUILT);
  }
  if (f.changes.length > 0) {
    const ol = el("ol", "changes");
    for (const c of f.changes) ol.append(changeItem(c));
    item(dl, "Changes, each resolved by the engine", "changes", ol);
  }
  if (f.notes.length > 0) {
    const ul = el("ul", "notes");
    for (const n of f.notes) ul.append(prose("li", n));
    item(dl, "Notes", "notes", ul);
  }
  extrasInto(dl, f, KNOWN_FINDING);
  li.append(h, dl);
  return li;
}

/** JSON with bigints as text: the key that tells whether anything changed since the last draw. */
const fingerprint = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x));

export function mountDiagnoseBox(host: DiagnoseHost): DiagnoseBox {
  const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const text = $<HTMLTextAreaElement>("diagnose-paste");
  const useConfig = $<HTMLInputElement>("diagnose-use-config");
  const summary = $("diagnose-summary");
  const pageNotes = $("diagnose-notes");
  const findings = $("diagnose-findings");
  const configShown = $("diagnose-config");
  // Busy while a run is pending: assistive technology (and the tests) wait for the drawn result.
  const output = $("diagnose-output");
  let timer: ReturnType<typeof setTimeout> | undefined;
  // What the last run read: the paste as is (compared, not copied into a key) and the rest.
  let lastPaste: string | undefined;
  let lastInput = "";
  let lastDrawn = "";

  function inputs(): { flink: string; configuration?: ResolveRequest } {
    return useConfig.checked ? { flink: host.flink(), configuration: host.configuration() } : { flink: host.flink() };
  }

  /** The page's own hint: a shortage without a change gets one from the calculator's configuration. */
  function configurationNote(r: DiagnoseResult, configuration: ResolveRequest | undefined): string | undefined {
    const shortages = r.findings.filter((f) => f.kind === "network-buffers" && f.changes.length === 0);
    if (shortages.length === 0 || configuration) return undefined;
    return "Tick “Use the calculator's configuration” (with the failed cluster's memory options in the calculator) to get a change the engine has checked.";
  }

  function run(): void {
    // A run asked for directly (clear, drop) replaces the pending one.
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    output.setAttribute("aria-busy", "false");
    const { flink, configuration } = inputs();
    const paste = text.value;
    lastPaste = paste;
    lastInput = fingerprint([flink, configuration ?? null]);
    let r: DiagnoseResult;
    let extra: string | undefined;
    try {
      r = diagnose(paste, { flink, ...(configuration ? { configuration } : {}) });
      extra = configurationNote(r, configuration);
    } catch (e) {
      // Only the engine's own messages are shown: any other error's text could quote the paste.
      const shown = e instanceof FlinkError ? e.message : `an internal error (${e instanceof Error ? e.name : "unknown"})`;
      draw(`diagnose stopped: ${shown}`, [], [], "");
      return;
    }
    const n = r.findings.length;
    const head = `Flink ${r.flink}: ${n === 0 ? "no finding" : `${n} finding${n === 1 ? "" : "s"} (${r.findings.map((f) => f.kind).join(", ")})`}`;
    draw(head, extra ? [...r.notes, extra] : r.notes, r.findings, configuration ? dynamicFlags(configuration.dynamic ?? []) : "");
  }

  /** Redraws only what changed, in one step: typing that changes no finding moves nothing. */
  function draw(head: string, notes: readonly string[], list: readonly Finding[], config: string): void {
    const key = fingerprint([head, notes, list, config]);
    if (key === lastDrawn) return;
    lastDrawn = key;
    if (summary.textContent !== head) summary.textContent = head;
    pageNotes.replaceChildren(...notes.map((n) => prose("li", n)));
    findings.replaceChildren(...list.map(findingItem));
    host.showFindings?.(list);
    configShown.hidden = !useConfig.checked;
    configShown.replaceChildren(...(useConfig.checked ? ["Configuration in use: ", el("code", undefined, config || "no memory option set: Flink's defaults")] : []));
  }

  function schedule(): void {
    if (timer !== undefined) clearTimeout(timer);
    output.setAttribute("aria-busy", "true");
    timer = setTimeout(run, DEBOUNCE_MS);
  }

  function refresh(): void {
    $("diagnose-flink-version").textContent = host.flink();
    // Nothing pasted and nothing shown: a change of the calculator has nothing to re-read.
    if (text.value === "" && lastPaste === undefined) return;
    const { flink, configuration } = inputs();
    if (text.value !== lastPaste || fingerprint([flink, configuration ?? null]) !== lastInput) schedule();
  }

  text.addEventListener("input", schedule);
  useConfig.addEventListener("change", () => {
    configShown.hidden = !useConfig.checked;
    schedule();
  });
  $("diagnose-clear").addEventListener("click", () => {
    text.value = "";
    text.focus();
    run();
  });
  $("diagnose-choose-flink").addEventListener("click", () => host.chooseFlink());
  // Leaving the page forgets the paste; a page restored from the back/forward cache starts empty.
  window.addEventListener("pagehide", () => {
    text.value = "";
    findings.replaceChildren();
    lastPaste = undefined;
    lastDrawn = "";
  });
  window.addEventListener("pageshow", (e) => {
    if (e.persisted) run();
  });
  /** A dropped file as the paste: one character past the core's limit is enough for it to say the rest was not read (4 bytes per character at most in UTF-8). */
  async function drop(file: File): Promise<void> {
    text.value = (await file.slice(0, 4 * (MAX_PASTE_CHARS + 1)).text()).slice(0, MAX_PASTE_CHARS + 1);
    run();
  }

  $("diagnose-flink-version").textContent = host.flink();
  // Mounted when the user comes near: text pasted before that is read now; an empty box stays
  // quiet (its live region would otherwise speak up as a panel elsewhere is opened).
  if (text.value !== "") run();
  return { refresh, drop };
}
