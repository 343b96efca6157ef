/**
 * The form: one field per memory option of the version, built from the option registry (its
 * key, description, default and fallback keys), for both processes (the other's hidden). A set
 * field is marked as set and has its own reset; the fields an error names are marked invalid.
 */
import { FlinkError } from "../src/errors.js";
import { optionsFor } from "../src/options/registry.js";
import type { ConfigOption, OptionGroup } from "../src/options/types.js";
import { offendingKeys } from "../src/render/offending.js";
import { flinkVersion } from "../src/versions/version.js";
import { $, el } from "./dom.js";
import { state } from "./page-state.js";
import type { ProcessKind } from "./share.js";

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

export function fieldId(key: string): string {
  return "opt-" + key.replace(/[^a-zA-Z0-9-]/g, "_");
}

export function formOptions(flink: string): ConfigOption[] {
  return optionsFor(flinkVersion(flink)).all.filter((o) => !NOT_IN_FORM.has(o.id));
}

/** What the form reports: a value typed (`input`), or a field left (`change`). */
export type FieldEvent = { key: string; value: string; settled: boolean };

let onField: (e: FieldEvent) => void = () => {};

/** Builds every field of the version, both processes (the other process's fields are hidden). */
export function buildForm(listener?: (e: FieldEvent) => void): void {
  if (listener) onField = listener;
  const container = $("fields");
  container.textContent = "";
  const options = formOptions(state.flink);
  for (const process of ["tm", "jm"] as const) {
    for (const [group, title] of GROUPS) {
      const inGroup = options.filter((o) => o.process === process && o.group === group);
      if (inGroup.length === 0) continue;
      const fs = el("fieldset");
      fs.dataset.process = process;
      fs.dataset.group = group;
      fs.append(el("legend", undefined, title));
      for (const o of inGroup) fs.append(buildField(o));
      container.append(fs);
    }
  }
  showProcess();
}

/** A readable name from the key's last parts: `taskmanager.memory.jvm-overhead.min` → "JVM overhead min". */
export function readableName(o: ConfigOption): string {
  const parts = o.key.replace(/^(?:taskmanager|jobmanager)\.(?:memory\.)?/, "").split(".");
  const words = parts.join(" ").replace(/-/g, " ").replace(/\bjvm\b/g, "JVM").replace(/\bcpu\b/g, "CPU");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function buildField(o: ConfigOption): HTMLElement {
  const div = el("div", "field");
  const id = fieldId(o.key);
  div.dataset.key = o.key;
  const label = el("label");
  label.htmlFor = id;
  label.append(el("span", "name", readableName(o)), el("span", "key", o.key));
  let input: HTMLInputElement | HTMLSelectElement;
  if (o.type === "boolean") {
    const select = el("select");
    for (const [value, text] of [["", `default (${o.defaultDoc})`], ["true", "true"], ["false", "false"]] as const) {
      const opt = el("option", undefined, text);
      opt.value = value;
      select.append(opt);
    }
    input = select;
  } else {
    const text = el("input");
    text.type = "text";
    text.autocomplete = "off";
    text.spellcheck = false;
    text.placeholder = o.defaultValue === undefined ? "not set" : `default: ${o.defaultDoc}`;
    input = text;
  }
  input.id = id;
  input.dataset.key = o.key;
  input.value = state.values.get(o.key) ?? "";
  const unit = o.type === "memory" ? "a size: 4g, 1536m, 512mb, 1073741824 (bytes)" : o.type === "double" || o.type === "float" ? "a fraction, e.g. 0.4" : o.type === "int" ? "a whole number" : "";
  const desc = el("span", "desc");
  desc.id = id + "-desc";
  const also = o.fallbackKeys.length ? ` Also read from ${o.fallbackKeys.map((f) => f.key + (f.deprecated ? " (deprecated)" : "")).join(", ")}.` : "";
  desc.textContent = o.description + also + (o.deprecated && o.replacedBy ? ` Deprecated: use ${o.replacedBy}.` : "") + (unit ? ` Value: ${unit}.` : "");
  input.setAttribute("aria-describedby", desc.id);
  input.addEventListener("input", () => report(input, false));
  input.addEventListener("change", () => report(input, true));
  const reset = el("button", "reset-field", "Reset");
  reset.type = "button";
  reset.setAttribute("aria-label", `Reset ${o.key} to its default`);
  reset.addEventListener("click", () => {
    input.value = "";
    report(input, true);
    input.focus();
  });
  const line = el("div", "input-line");
  line.append(input, reset);
  div.append(label, line, desc);
  markSet(div, input.value !== "");
  return div;
}

function markSet(field: HTMLElement, set: boolean): void {
  field.classList.toggle("set", set);
  field.querySelector<HTMLButtonElement>(".reset-field")!.hidden = !set;
}

function report(input: HTMLInputElement | HTMLSelectElement, settled: boolean): void {
  const value = input.value.trim() === "" ? "" : input.value;
  markSet(input.closest<HTMLElement>(".field")!, value !== "");
  onField({ key: input.dataset.key!, value, settled });
}

/** Puts the state's values into the fields in place: focus and scroll stay where they are. */
export function syncFields(): void {
  for (const input of $("fields").querySelectorAll<HTMLInputElement | HTMLSelectElement>("[data-key]:is(input, select)")) {
    const v = state.values.get(input.dataset.key!) ?? "";
    if (input.value !== v) input.value = v;
    markSet(input.closest<HTMLElement>(".field")!, v !== "");
  }
}

export function showProcess(): void {
  $("result").classList.toggle("jm", state.process === "jm");
  for (const fs of $("fields").querySelectorAll<HTMLFieldSetElement>("fieldset")) fs.hidden = fs.dataset.process !== state.process;
  for (const r of document.querySelectorAll<HTMLInputElement>('input[name="process"]')) r.checked = r.value === state.process;
}

/** The set values of this process's options (or of both), as `-D` pairs in form order. */
export function dynamicPairs(process: ProcessKind | "both" = state.process): [string, string][] {
  const out: [string, string][] = [];
  for (const o of formOptions(state.flink)) {
    if (process !== "both" && o.process !== process) continue;
    const v = state.values.get(o.key);
    if (v !== undefined && v !== "") out.push([o.key, v]);
  }
  return out;
}

/** Marks the fields an error is about (all of them, by the keys its message names). */
export function markInvalid(e: FlinkError | undefined): Set<string> {
  const bad = e ? offendingKeys(e, state.process, optionsFor(flinkVersion(state.flink)), new Set(state.values.keys())) : new Set<string>();
  for (const input of $("fields").querySelectorAll<HTMLInputElement>("[data-key]:is(input, select)")) {
    if (bad.has(input.dataset.key!)) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }
  return bad;
}
