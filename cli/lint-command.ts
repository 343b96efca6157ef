/**
 * `flink-memory lint PATH...`: lint Flink config files, FlinkDeployments and Helm values, file by
 * file, writing findings as they come (text, JSON or SARIF), so memory stays bounded.
 * Exit status: 1 when a finding at or above `--fail-on` (default: error) was found, else 0;
 * 2 for usage errors.
 * @module
 */
import { basename } from "node:path";
import { readFileSync, statSync } from "node:fs";
import { FlinkError } from "../src/errors.js";
import type { Finding, Severity } from "../src/lint/finding.js";
import { SEVERITY_RANK } from "../src/lint/finding.js";
import { impliedVersion, lintConfigText } from "../src/lint/lint.js";
import { lintManifestText } from "../src/lint/lint-manifest.js";
import { sarifHead, sarifResult, sarifTail } from "../src/lint/sarif.js";
import { flinkVersion } from "../src/versions/version.js";
import { classify, readText, walk } from "./lint-files.js";
import { useColour } from "./colour.js";

export interface LintOptions {
  flink?: string;
  format: string;
  failOn: string;
}

const FAIL_ON = ["error", "warning", "note", "none"] as const;

/** Findings of one file (or a note that it could not be read). */
export function lintFile(path: string, explicit: boolean, flink: string | undefined): { findings: Finding[]; checked: boolean } {
  const r = readText(path);
  if ("problem" in r) return { findings: [{ ruleId: "unreadable-config", severity: "error", message: `cannot read the file: ${r.problem}`, location: { source: path } }], checked: true };
  const kind = classify({ path, explicit }, r.text);
  if (kind === "skip") return { findings: [], checked: false };
  if (kind === "manifest") {
    const m = lintManifestText(r.text, { source: path, ...(flink ? { flink } : {}) });
    return { findings: m.findings, checked: m.relevant || explicit };
  }
  const version = flink ?? impliedVersion(basename(path));
  return { findings: lintConfigText(r.text, { source: path, ...(version ? { flink: version } : {}) }), checked: true };
}

interface Sink {
  add(f: Finding): void;
  end(summary: Summary): void;
}

interface Summary {
  files: number;
  counts: Record<Severity, number>;
}

function where(f: Finding): string {
  const l = f.location;
  if (!l) return "";
  return l.line !== undefined ? `${l.source}:${l.line}${l.column !== undefined ? `:${l.column}` : ""}` : l.source;
}

function textSink(out: NodeJS.WriteStream): Sink {
  const colour = useColour(out);
  const paint = (s: Severity, t: string) => (colour ? `\u001b[${s === "error" ? 31 : s === "warning" ? 33 : 36}m${t}\u001b[0m` : t);
  return {
    add(f) {
      const proc = f.process ? `${f.process === "tm" ? "TaskManager" : "JobManager"}: ` : "";
      const msg = f.ruleId === "flink-rejects" || f.ruleId === "unreadable-config" ? proc + f.message : f.message;
      out.write(`${where(f)}: ${paint(f.severity, f.severity)} [${f.ruleId}] ${msg}\n`);
      if (f.detail) out.write(`  ${f.detail}\n`);
      if (f.fix) {
        const edits = f.fix.edits.map((e) => (e.renameTo ? `rename ${e.path} -> ${e.renameTo}` : e.value === undefined ? `remove ${e.path}` : `${e.path}: ${e.value}`)).join("; ");
        out.write(`  fix${f.fix.verified ? " (checked)" : ""}: ${f.fix.description} (${edits})\n`);
      }
    },
    end(s) {
      out.write(`${s.files} file${s.files === 1 ? "" : "s"} checked: ${s.counts.error} error(s), ${s.counts.warning} warning(s), ${s.counts.note} note(s)\n`);
    },
  };
}

function jsonSink(out: NodeJS.WriteStream): Sink {
  let first = true;
  out.write('{"findings":[');
  return {
    add(f) {
      out.write((first ? "\n" : ",\n") + JSON.stringify(f));
      first = false;
    },
    end(s) {
      out.write(`\n],"summary":${JSON.stringify(s)}}\n`);
    },
  };
}

function sarifSink(out: NodeJS.WriteStream, version: string): Sink {
  let first = true;
  out.write(sarifHead(version));
  return {
    add(f) {
      out.write((first ? "" : ",") + sarifResult(f));
      first = false;
    },
    end() {
      out.write(sarifTail());
    },
  };
}

function toolVersion(): string {
  const url = new URL("../../package.json", import.meta.url);
  return (JSON.parse(readFileSync(url, "utf8")) as { version: string }).version;
}

export function runLint(paths: string[], opts: LintOptions): number {
  if (!["text", "json", "sarif"].includes(opts.format)) return usage(`unknown --format '${opts.format}' (text, json or sarif)`);
  if (!(FAIL_ON as readonly string[]).includes(opts.failOn)) return usage(`unknown --fail-on '${opts.failOn}' (error, warning, note or none)`);
  if (paths.length === 0) return usage("lint needs at least one file or directory");
  if (opts.flink) {
    try {
      flinkVersion(opts.flink);
    } catch (e) {
      if (e instanceof FlinkError) return usage(e.message);
      throw e;
    }
  }
  for (const p of paths) {
    try {
      statSync(p);
    } catch {
      return usage(`cannot read ${p}: no such file or directory`);
    }
  }
  const sink = opts.format === "json" ? jsonSink(process.stdout) : opts.format === "sarif" ? sarifSink(process.stdout, toolVersion()) : textSink(process.stdout);
  const summary: Summary = { files: 0, counts: { error: 0, warning: 0, note: 0 } };
  const threshold = opts.failOn === "none" ? Infinity : SEVERITY_RANK[opts.failOn as Severity];
  let failed = false;
  for (const c of walk(paths)) {
    const { findings, checked } = lintFile(c.path, c.explicit, opts.flink);
    if (checked) summary.files++;
    for (const f of findings) {
      summary.counts[f.severity]++;
      if (SEVERITY_RANK[f.severity] >= threshold) failed = true;
      sink.add(f);
    }
  }
  sink.end(summary);
  return failed ? 1 : 0;
}

function usage(message: string): number {
  process.stderr.write(`flink-memory: ${message}\n`);
  return 2;
}
