/**
 * Fix-its under Flink's refusal: each checked by resolving the changed configuration. Applying
 * one sets the values in place (the form is not rebuilt), so focus and scroll stay: focus goes to
 * the first field the fix changed, without scrolling the page.
 */
import { FlinkError } from "../src/errors.js";
import { isLineChange } from "../src/fix/changes.js";
import { suggestFixes, type Fix } from "../src/fix/fix-its.js";
import { el } from "./dom.js";
import { fieldId } from "./form.js";
import { state } from "./page-state.js";

let token = 0;

/** Fix-its take a few resolutions each: they follow right after the error is shown. */
export function scheduleFixes(e: FlinkError, box: HTMLElement, pairs: [string, string][], applied: () => void): void {
  const mine = ++token;
  const flink = state.flink;
  const process = state.process;
  setTimeout(() => {
    if (mine !== token || !box.isConnected) return;
    const fixes = suggestFixes(process, { flink, dynamic: pairs }, e).filter((f) => f.changes.every((c) => !isLineChange(c)));
    if (fixes.length === 0) return;
    const ul = el("ul");
    for (const f of fixes) ul.append(fixItem(f, applied));
    box.append(el("div", "fixes-title", "Fixes (each checked by resolving the changed configuration):"), ul);
  }, 0);
}

/** Drops pending fixes (the configuration changed before they came). */
export const cancelFixes = () => void ++token;

function fixItem(f: Fix, applied: () => void): HTMLLIElement {
  const li = el("li");
  const text = el("span", undefined, f.title.replace(/`/g, "") + ". ");
  const result = el("span", "fix-result", f.result.summary.replace(/^resolves/, "Then it resolves"));
  const button = el("button", undefined, "Apply");
  button.type = "button";
  button.setAttribute("aria-label", "Apply: " + text.textContent);
  button.addEventListener("click", () => {
    let first: string | undefined;
    for (const c of f.changes) {
      if (isLineChange(c)) continue;
      first ??= c.key;
      if (c.remove) state.values.delete(c.key);
      else if (c.set !== undefined) state.values.set(c.key, c.set);
    }
    applied();
    const field = first ? document.getElementById(fieldId(first)) : null;
    (field ?? document.getElementById("result-title"))?.focus({ preventScroll: true });
  });
  li.append(text, result, " ", button);
  return li;
}
