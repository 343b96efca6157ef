/**
 * "Paste or drop a config file": fills the form from a whole file; the file text itself is
 * cleared and kept nowhere. Which file the release reads is the core rule (`chooseConfFiles`):
 * a dropped file by its name, pasted text as the kind chosen.
 */
import { FlinkError } from "../../src/errors.js";
import { nameKind, type ConfFileName } from "../../src/config/conf-files.js";
import { loadConfiguration } from "../../src/config/load.js";
import { memoryEntries } from "../../src/config/memory-entries.js";
import { has } from "../../src/versions/features.js";
import { flinkVersion } from "../../src/versions/version.js";
import { $ } from "../dom.js";
import type { PageHost } from "./host.js";

/** Offers "Read as" only where the release reads both file kinds. */
export function updatePasteKind(host: PageHost): void {
  const v = flinkVersion(host.flink());
  const legacy = has(v, "legacyFlinkConfFile");
  const standard = has(v, "standardYamlFile");
  ($("paste-kind") as HTMLSelectElement).value = legacy ? "flink-conf.yaml" : "config.yaml";
  $("paste-kind-field").hidden = !(legacy && standard);
}

function readPasted(text: string, file: { name: string; as: ConfFileName }, host: PageHost): void {
  const status = $("paste-status");
  try {
    const loaded = loadConfiguration({ files: [{ name: file.name, as: file.as, text }] }, flinkVersion(host.flink()));
    if (!loaded.files.read) {
      status.textContent = loaded.files.ignored.map((i) => i.message).join(". ") + ".";
      return;
    }
    const { values, otherKeys } = memoryEntries(loaded.config);
    const keys = host.formKeys();
    const taken = [...values].filter(([k]) => keys.has(k));
    const n = taken.length;
    status.textContent = `Filled ${n} memory option${n === 1 ? "" : "s"} from ${loaded.files.read.name}; ${otherKeys} other key${otherKeys === 1 ? " was" : "s were"} ignored and not kept.`;
    ($("paste-text") as HTMLTextAreaElement).value = "";
    host.fill(taken);
  } catch (e) {
    if (!(e instanceof FlinkError)) throw e;
    const where = e.location?.line ? ` (line ${e.location.line}${e.location.column ? `, column ${e.location.column}` : ""})` : "";
    status.textContent = `${e.message}${where}${e.causes.length ? " " + e.causes.join(" ") : ""}`;
  }
}

const kind = () => ($("paste-kind") as HTMLSelectElement).value as ConfFileName;

export function mountConfigPaste(host: PageHost): void {
  const text = $("paste-text") as HTMLTextAreaElement;
  $("paste-read").addEventListener("click", () => readPasted(text.value, { name: kind(), as: kind() }, host));
}

/** A dropped file: a name Flink knows (or one like prod-flink-conf.yaml) decides; any other name, the chosen kind. */
export async function readDroppedConfig(file: File, host: PageHost): Promise<void> {
  readPasted(await file.text(), { name: file.name, as: nameKind(file.name)?.as ?? kind() }, host);
}
