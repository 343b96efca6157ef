/**
 * `flink-memory lint PATH...`: lint Flink config files, FlinkDeployments and Helm values, file by
 * file, writing findings as they come (text, JSON or SARIF), so memory stays bounded.
 * Exit status: 1 when a finding at or above `--fail-on` (default: error) was found, else 0;
 * 2 for usage errors.
 * @module
 */
import { once } from "node:events";
import { basename, dirname, join } from "node:path";
import { existsSync, readFileSync, statSync } from "node:fs";
import { FlinkError } from "../src/errors.js";
import type { Finding, Severity } from "../src/lint/finding.js";
import { SEVERITY_RANK } from "../src/lint/finding.js";
import { impliedVersion, lintConfigText } from "../src/lint/lint.js";
import { lintManifestText } from "../src/lint/lint-manifest.js";
import { sarifHead, sarifResult, sarifTail } from "../src/lint/sarif.js";
import { flinkVersion } from "../src/versions/version.js";
import { readText, walk } from "./lint-files.js";
import { classifyRead, formatByName } from "../src/files/classify.js";
import { lintComposeText } from "../src/lint/lint-compose.js";
import type { OperatorDefaults } from "../src/k8s/operator-config.js";
import { operatorDefaultsFrom } from "../src/k8s/operator-defaults.js";
import { useColour } from "./colour.js";
import { findingMessage, fixText } from "../src/lint/text.js";

export interface LintOptions {
  flink?: string;
  format: string;
  failOn: string;
  wholeConfig?: boolean;
  operatorConfig?: string;
  verbose?: boolean;
}

const FAIL_ON = ["error", "warning", "note", "none"] as const;

interface FileResult {
  findings: Finding[];
  /** Judged (rather than skipped). */
  checked: boolean;
  /** Why it was skipped. */
  skipped?: string;
}

interface JudgeOptions {
  flink?: string;
  whole?: boolean;
  operatorDefaults?: OperatorDefaults;
}

/**
 * Findings of one file, after classifying it (or why it was skipped). `besideLegacy`: whether a
 * flink-conf.yaml lies beside it, when the directory listing already said.
 */
export function lintFile(path: string, opts: JudgeOptions, besideLegacy?: boolean): FileResult {
  const source = path === "-" ? "<stdin>" : path;
  const r = readText(path);
  if ("problem" in r) return { findings: [{ ruleId: "unreadable-config", severity: "error", message: `cannot read the file: ${r.problem}`, location: { source } }], checked: true };
  const { cls, docs } = classifyRead(path === "-" ? "" : path, r.text);
  const flink = opts.flink ? { flink: opts.flink } : {};
  switch (cls.kind) {
    case "skip":
      return { findings: [], checked: false, skipped: cls.why };
    case "kubernetes": {
      const m = lintManifestText(r.text, { source, ...flink, ...(opts.operatorDefaults ? { operatorDefaults: opts.operatorDefaults } : {}), ...(opts.whole ? { whole: true } : {}) }, docs);
      const none = cls.operatorValues ? "its defaultConfiguration sets no Flink process key (give it to --operator-config to merge it under FlinkDeployments)" : "nothing to size";
      return m.relevant ? { findings: m.findings, checked: true } : { findings: [], checked: false, skipped: `${cls.why}: ${none}` };
    }
    case "compose": {
      const c = lintComposeText(r.text, { source, ...flink });
      return c.relevant ? { findings: c.findings, checked: true } : { findings: [], checked: false, skipped: `${cls.why}: no service runs a JobManager or TaskManager` };
    }
    case "flink-config": {
      const name = basename(path);
      const version = opts.flink ?? impliedVersion(name);
      // A file's own name fixes its format; other names are read as the release reads its file.
      const format = formatByName(name);
      const beside = path !== "-" && format === "standard" && (besideLegacy ?? existsSync(join(dirname(path), "flink-conf.yaml")));
      const findings = lintConfigText(r.text, { source, ...(version ? { flink: version } : {}), versionGiven: opts.flink !== undefined, ...(format ? { format } : {}), role: cls.role, besideLegacy: beside, ...(opts.whole ? { whole: true } : {}) });
      return { findings, checked: true };
    }
  }
}

interface Sink {
  /** `file`: the path linted (`-` for standard input). */
  add(f: Finding, file: string): void;
  end(summary: Summary): void;
}

/**
 * While the output is backed up (a pipe whose reader is behind): resolves once it drains. Without
 * waiting, the findings of a large tree would queue in memory until the end (the loop is synchronous).
 */
function drained(out: NodeJS.WriteStream): Promise<unknown> | undefined {
  return out.writableNeedDrain ? once(out, "drain") : undefined;
}

interface Summary {
  files: number;
  /** Files looked at and skipped: not something Flink or the operator reads as a process configuration. */
  skipped: number;
  counts: Record<Severity, number>;
}

function where(f: Finding): string {
  const l = f.location;
  if (!l) return "";
  return l.line !== undefined ? `${l.source}:${l.line}${l.column !== undefined ? `:${l.column}` : ""}` : l.source;
}

/**
 * Output gathered into 64 KB chunks: one write per finding costs more than judging the file
 * (10,000 files make tens of thousands of findings).
 */
class Buffered {
  private chunk = "";
  constructor(private readonly out: NodeJS.WriteStream) {}
  write(s: string): void {
    this.chunk += s;
    if (this.chunk.length >= 64 * 1024) this.flush();
  }
  flush(): void {
    if (this.chunk === "") return;
    this.out.write(this.chunk);
    this.chunk = "";
  }
}

function textSink(stream: NodeJS.WriteStream, verbose: boolean): Sink {
  const colour = useColour(stream);
  const out = new Buffered(stream);
  const paint = (s: Severity, t: string) => (colour ? `\u001b[${s === "error" ? 31 : s === "warning" ? 33 : 36}m${t}\u001b[0m` : t);
  return {
    add(f) {
      out.write(`${where(f)}: ${paint(f.severity, f.severity)} [${f.ruleId}] ${findingMessage(f)}\n`);
      if (f.detail) out.write(`  ${f.detail}\n`);
      if (f.fix) out.write(`  ${fixText(f.fix)}\n`);
    },
    end(s) {
      const skipped = s.skipped > 0 ? ` (${s.skipped} other file${s.skipped === 1 ? "" : "s"} skipped: not a Flink memory configuration${verbose ? "" : "; --verbose lists them"})` : "";
      out.write(`${s.files} file${s.files === 1 ? "" : "s"} checked${skipped}: ${s.counts.error} error(s), ${s.counts.warning} warning(s), ${s.counts.note} note(s)\n`);
      out.flush();
    },
  };
}

function jsonSink(stream: NodeJS.WriteStream): Sink {
  const out = new Buffered(stream);
  let first = true;
  // Written at once: a run that then finds nothing to check still prints it, as before.
  stream.write('{"findings":[');
  return {
    add(f) {
      out.write((first ? "\n" : ",\n") + JSON.stringify(f));
      first = false;
    },
    end(s) {
      out.write(`\n],"summary":${JSON.stringify(s)}}\n`);
      out.flush();
    },
  };
}

/** URIs relative to the working directory (%SRCROOT%), as code scanning resolves them against the checkout. */
function sarifSink(stream: NodeJS.WriteStream, version: string): Sink {
  const out = new Buffered(stream);
  let first = true;
  const root = process.cwd();
  const seen = new Map<string, number>();
  stream.write(sarifHead(version, { root }));
  return {
    add(f, file) {
      out.write((first ? "" : ",") + sarifResult(f, { root, file, seen }));
      first = false;
    },
    end() {
      out.write(sarifTail());
      out.flush();
    },
  };
}

function toolVersion(): string {
  const url = new URL("../../package.json", import.meta.url);
  return (JSON.parse(readFileSync(url, "utf8")) as { version: string }).version;
}

export async function runLint(paths: string[], opts: LintOptions): Promise<number> {
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
    if (p === "-") continue;
    try {
      statSync(p);
    } catch {
      return usage(`cannot read ${p}: no such file or directory`);
    }
  }
  let operatorDefaults: OperatorDefaults | undefined;
  if (opts.operatorConfig !== undefined) {
    const r = readText(opts.operatorConfig);
    if ("problem" in r) return usage(`--operator-config ${opts.operatorConfig}: ${r.problem}`);
    const d = operatorDefaultsFrom(opts.operatorConfig, r.text);
    if ("problem" in d) return usage(`--operator-config ${opts.operatorConfig}: ${d.problem}`);
    operatorDefaults = d;
  }
  const sink = opts.format === "json" ? jsonSink(process.stdout) : opts.format === "sarif" ? sarifSink(process.stdout, toolVersion()) : textSink(process.stdout, opts.verbose === true);
  const summary: Summary = { files: 0, skipped: 0, counts: { error: 0, warning: 0, note: 0 } };
  const threshold = opts.failOn === "none" ? Infinity : SEVERITY_RANK[opts.failOn as Severity];
  let failed = false;
  const files = walk(paths);
  const first = files.next();
  if (first.done) return usage(`nothing to check: no .yaml or .yml file under ${paths.join(", ")}`);
  const judge: JudgeOptions = { ...(opts.flink ? { flink: opts.flink } : {}), ...(opts.wholeConfig ? { whole: true } : {}), ...(operatorDefaults ? { operatorDefaults } : {}) };
  for (const c of chain(first.value, files)) {
    const { findings, checked, skipped } = lintFile(c.path, judge, c.besideLegacy);
    if (checked) summary.files++;
    else {
      summary.skipped++;
      if (opts.verbose && opts.format === "text") process.stderr.write(`skipped ${c.path === "-" ? "<stdin>" : c.path}: ${skipped}\n`);
    }
    for (const f of findings) {
      summary.counts[f.severity]++;
      if (SEVERITY_RANK[f.severity] >= threshold) failed = true;
      sink.add(f, c.path);
    }
    const wait = drained(process.stdout);
    if (wait) await wait;
  }
  sink.end(summary);
  return failed ? 1 : 0;
}

function* chain<T>(head: T, rest: Iterator<T>): Generator<T> {
  yield head;
  for (let r = rest.next(); !r.done; r = rest.next()) yield r.value;
}

function usage(message: string): number {
  process.stderr.write(`flink-memory: ${message}\n`);
  return 2;
}
