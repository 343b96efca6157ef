/**
 * "Paste or drop a config file": fills the form from a whole file; the file text itself is
 * cleared and kept nowhere. Which file the release reads is the core rule (`chooseConfFiles`):
 * a dropped file by its name, pasted text as the kind chosen.
 */
import { FlinkError } from "../src/errors.js";
import { nameKind, type ConfFileName } from "../src/config/conf-files.js";
import { loadConfiguration } from "../src/config/load.js";
import { memoryEntries } from "../src/config/memory-entries.js";
import { has } from "../src/versions/features.js";
import { flinkVersion } from "../src/versions/version.js";
import { $ } from "./dom.js";
import { formOptions } from "./form.js";
import { state } from "./page-state.js";

/** Offers "Read as" only where the release reads both file kinds. */
export function updatePasteKind(): void {
  const v = flinkVersion(state.flink);
  const legacy = has(v, "legacyFlinkConfFile");
  const standard = has(v, "standardYamlFile");
  ($("paste-kind") as HTMLSelectElement).value = legacy ? "flink-conf.yaml" : "config.yaml";
  $("paste-kind-field").hidden = !(legacy && standard);
}

function readPasted(text: string, file: { name: string; as: ConfFileName }, filled: () => void): void {
  const status = $("paste-status");
  try {
    const loaded = loadConfiguration({ files: [{ name: file.name, as: file.as, text }] }, flinkVersion(state.flink));
    if (!loaded.files.read) {
      status.textContent = loaded.files.ignored.map((i) => i.message).join(". ") + ".";
      return;
    }
    const { values, otherKeys } = memoryEntries(loaded.config);
    const keys = new Set(formOptions(state.flink).map((o) => o.key));
    let n = 0;
    for (const [k, v] of values) {
      if (!keys.has(k)) continue;
      state.values.set(k, v);
      n++;
    }
    status.textContent = `Filled ${n} memory option${n === 1 ? "" : "s"} from ${loaded.files.read.name}; ${otherKeys} other key${otherKeys === 1 ? " was" : "s were"} ignored and not kept.`;
    ($("paste-text") as HTMLTextAreaElement).value = "";
    filled();
  } catch (e) {
    if (!(e instanceof FlinkError)) throw e;
    const where = e.location?.line ? ` (line ${e.location.line}${e.location.column ? `, column ${e.location.column}` : ""})` : "";
    status.textContent = `${e.message}${where}${e.causes.length ? " " + e.causes.join(" ") : ""}`;
  }
}

export function mountConfigPaste(filled: () => void): void {
  const text = $("paste-text") as HTMLTextAreaElement;
  const kind = () => ($("paste-kind") as HTMLSelectElement).value as ConfFileName;
  $("paste-read").addEventListener("click", () => readPasted(text.value, { name: kind(), as: kind() }, filled));
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
    readPasted(await file.text(), { name: file.name, as: nameKind(file.name)?.as ?? kind() }, filled);
  });
}
