import { readFileSync, writeFileSync } from "node:fs";
import { it } from "vitest";
import { diagnose } from "../../src/diagnose/diagnose.js";
it("scratch", () => {
const lines = readFileSync("test/data/diagnose/real-pastes.jsonl", "utf8").trim().split("\n");
const out: string[] = [];
for (const l of lines) {
  const d = JSON.parse(l);
  const r = diagnose(d.text);
  out.push(`===== ${d.id} ${d.kind} -> ${r.findings.map((f) => `${f.kind}/${f.process ?? "?"}/${f.component ?? ""}`).join(" | ")} ${r.notes.join(";")}`);
  for (const f of r.findings) out.push("    " + JSON.stringify({ n: f.numbers, rb: f.rebuilt, ch: f.changes, notes: f.notes.filter(n=>!n.startsWith("A kill")) }).slice(0, 900));
}
writeFileSync("/tmp/scratch.txt", out.join("\n"));
});
