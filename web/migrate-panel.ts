/**
 * "Carry this configuration to another Flink version": the calculator's options migrated with
 * the core's `migrateKeepingLayout` (the same as `flink-memory migrate`), the file for the target
 * release, what changed, and whether both processes keep their layout. Computed only while open.
 */
import { migrateKeepingLayout } from "../src/migrate/keep-layout.js";
import { versionChoices } from "../src/versions/choices.js";
import { NEWEST_LINE } from "../src/versions/version.js";
import { $, el } from "./dom.js";
import { dynamicPairs } from "./form.js";
import { state } from "./page-state.js";

const WHO = { tm: "TaskManager", jm: "JobManager" } as const;

export function updateMigrate(): void {
  if (!($("migrate") as HTMLDetailsElement).open) return;
  const to = ($("migrate-to") as HTMLSelectElement).value;
  const r = migrateKeepingLayout({ input: { dynamic: dynamicPairs("both") }, from: state.flink, to });
  $("migrate-file").textContent = r.file.text;
  $("migrate-summary").textContent = `${r.file.name} for Flink ${to}. ` + (["tm", "jm"] as const)
    .map((p) => `${WHO[p]}: ${r.same[p] === true ? "the same layout (checked)" : r.same[p] === "source-fails" ? `Flink ${state.flink} refuses it here` : "not the same layout (see below)"}`)
    .join("; ") + ".";
  $("migrate-notes").replaceChildren(...r.notes.map((n) => el("li", `note-${n.kind}`, `${n.kind}: ${n.text}`)));
}

export function mountMigrate(): void {
  const select = $("migrate-to") as HTMLSelectElement;
  for (const c of versionChoices()) {
    const o = el("option", undefined, c.label);
    o.value = c.value;
    select.append(o);
  }
  select.value = NEWEST_LINE;
  select.addEventListener("change", updateMigrate);
  $("migrate").addEventListener("toggle", updateMigrate);
}
