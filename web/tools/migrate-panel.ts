/**
 * "Carry this configuration to another Flink version": the calculator's options migrated with
 * the core's `migrateKeepingLayout` (the same as `flink-memory migrate`), the file for the target
 * release, what changed, and whether both processes keep their layout. Computed only while open.
 */
import { migrateKeepingLayout } from "../../src/migrate/keep-layout.js";
import { versionChoices } from "../../src/versions/choices.js";
import { NEWEST_LINE } from "../../src/versions/version.js";
import { $, el } from "../dom.js";
import type { PageHost } from "./host.js";

const WHO = { tm: "TaskManager", jm: "JobManager" } as const;

export function updateMigrate(host: PageHost): void {
  if (!($("migrate") as HTMLDetailsElement).open) return;
  const to = ($("migrate-to") as HTMLSelectElement).value;
  const r = migrateKeepingLayout({ input: { dynamic: host.pairs("both") }, from: host.flink(), to });
  $("migrate-file").textContent = r.file.text;
  $("migrate-summary").textContent = `${r.file.name} for Flink ${to}. ` + (["tm", "jm"] as const)
    .map((p) => `${WHO[p]}: ${r.same[p] === true ? "the same layout (checked)" : r.same[p] === "source-fails" ? `Flink ${host.flink()} refuses it here` : "not the same layout (see below)"}`)
    .join("; ") + ".";
  $("migrate-notes").replaceChildren(...r.notes.map((n) => el("li", `note-${n.kind}`, `${n.kind}: ${n.text}`)));
}

export function mountMigrate(host: PageHost): void {
  const select = $("migrate-to") as HTMLSelectElement;
  for (const c of versionChoices()) {
    const o = el("option", undefined, c.label);
    o.value = c.value;
    select.append(o);
  }
  select.value = NEWEST_LINE;
  const update = () => updateMigrate(host);
  select.addEventListener("change", update);
  $("migrate").addEventListener("toggle", update);
}
