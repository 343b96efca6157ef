/** `flink-memory diff A B [config]`: memory rules that changed between two versions, and what one configuration resolves to in each. */
import { diffVersions } from "../src/versions/diff.js";
import { flinkVersion } from "../src/versions/version.js";
import { resolveJobManager, resolveTaskManager } from "../src/resolve.js";
import { FlinkError } from "../src/errors.js";
import { shortSize } from "../src/render/table.js";
import { readInputs, releaseInputs, UsageError, type InputOptions, type ReleaseInputs } from "./inputs.js";
import { confFileNotices } from "../src/config/conf-files.js";

/** What one release makes of the files: the file it reads, or why none, and the assumptions. */
function fileLines(side: ReleaseInputs & { label: string }): string[] {
  const f = side.files;
  const head = side.missing
    ? `does not start: ${side.missing}`
    : f.read
      ? `reads ${f.read.name}${f.read.assumed ? ` as ${f.read.as}` : ""}`
      : "reads no file";
  return [`  Flink ${side.label}: ${head}`, ...(side.missing ? [] : confFileNotices(f).map((n) => `    ${n.level}: ${n.message}`))];
}

type Outcome = { ok: true; values: Record<string, bigint>; flags: string } | { ok: false; message: string };

function outcome(kind: "tm" | "jm", req: Parameters<typeof resolveTaskManager>[0]): Outcome {
  try {
    const r = kind === "tm" ? resolveTaskManager(req) : resolveJobManager(req);
    const values = Object.fromEntries(Object.entries(r.spec).filter(([, v]) => typeof v === "bigint")) as Record<string, bigint>;
    return { ok: true, values, flags: r.jvmParameters };
  } catch (e) {
    if (e instanceof FlinkError) return { ok: false, message: e.message };
    throw e;
  }
}

export function runDiff(a: string, b: string, opts: InputOptions & { format?: string }): number {
  try {
    const va = flinkVersion(a);
    const vb = flinkVersion(b);
    const d = diffVersions(va, vb);
    const out: string[] = [`Memory configuration: Flink ${d.older.label} → Flink ${d.newer.label}`, ""];
    out.push(d.options.length ? "Options:" : "Options: no changes.");
    for (const c of d.options) {
      if (c.change === "added") out.push(`  + ${c.key} (new)`);
      else if (c.change === "removed") out.push(`  - ${c.key} (removed; Flink ${d.newer.line} ignores it)`);
      else if (c.change === "default") out.push(`  ~ ${c.key}: default ${c.from} → ${c.to}`);
      else if (c.change === "renamed") out.push(`  ~ ${c.key}: renamed from ${c.from}`);
      else out.push(`  ~ ${c.key}: fallback keys [${c.from.join(", ")}] → [${c.to.join(", ")}]`);
    }
    out.push("", d.features.length ? "Behaviour:" : "Behaviour: no changes.");
    for (const f of d.features) out.push(`  ${f.introduced ? "+" : "-"} ${f.note}${f.introduced ? "" : " (gone)"}`);
    const given = readInputs(opts);
    const files = given.input.files ?? [];
    if (files.length > 0 || (given.input.dynamic?.length ?? 0) > 0) {
      // Each release reads the files its own way: a flink-conf.yaml is read by 1.x and ignored by 2.x.
      const sides = [d.older, d.newer].map((v) => ({ label: v.label, ...releaseInputs(given, v) }));
      if (files.length > 0) {
        out.push("", "Configuration file:");
        for (const side of sides) out.push(...fileLines(side));
      }
      const text = [...files.map((f) => f.text), ...(given.input.dynamic ?? []).map(([k]) => k)].join("\n");
      for (const kind of ["tm", "jm"] as const) {
        // Only the processes the configuration talks about.
        if (!text.includes(kind === "tm" ? "taskmanager" : "jobmanager")) continue;
        const [x, y] = sides.map((side): Outcome => (side.missing ? { ok: false, message: "does not start (see above)" } : outcome(kind, { ...side.input, flink: side.label }))) as [Outcome, Outcome];
        out.push("", `${kind === "tm" ? "TaskManager" : "JobManager"} with this configuration:`);
        if (!x.ok || !y.ok) {
          out.push(`  Flink ${d.older.label}: ${x.ok ? `resolves (Total Process Memory ${shortSize(x.values.totalProcess!)})` : `fails: ${x.message}`}`);
          out.push(`  Flink ${d.newer.label}: ${y.ok ? `resolves (Total Process Memory ${shortSize(y.values.totalProcess!)})` : `fails: ${y.message}`}`);
          continue;
        }
        let same = true;
        for (const k of Object.keys(y.values)) {
          const p = x.values[k];
          const q = y.values[k]!;
          if (p !== q) {
            same = false;
            out.push(`  ${k.padEnd(16)} ${(p === undefined ? "-" : shortSize(p)).padStart(12)} → ${shortSize(q).padStart(12)}`);
          }
        }
        if (same) out.push("  the same in both");
        if (x.flags !== y.flags) out.push(`  JVM flags: ${x.flags}`, `          → ${y.flags}`);
      }
    }
    process.stdout.write(out.join("\n") + "\n");
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof FlinkError) {
      process.stderr.write(`flink-memory: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
