/** Copy buttons: the clipboard where allowed, else the text selected for Ctrl+C. */
import { $ } from "./dom.js";

export async function copy(id: string, button: HTMLButtonElement): Promise<void> {
  const target = $(id);
  const text = target instanceof HTMLInputElement ? target.value : target.textContent ?? "";
  let done = false;
  try {
    await navigator.clipboard.writeText(text);
    done = true;
  } catch {
    // No clipboard permission (e.g. file://): select the text so Ctrl+C copies it.
    const range = document.createRange();
    range.selectNodeContents(target);
    const sel = getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
    if (target instanceof HTMLInputElement) target.select();
  }
  $("copied").textContent = done ? "Copied." : "Selected: press Ctrl+C to copy.";
  const label = button.textContent;
  button.textContent = done ? "Copied" : "Selected";
  setTimeout(() => (button.textContent = label), 1200);
}
