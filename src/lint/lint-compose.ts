/**
 * Linting Docker Compose files that run the official Flink image: for each service that starts a
 * JobManager or TaskManager, the configuration its container starts with (the image's file, what
 * docker-entrypoint.sh writes into it from FLINK_PROPERTIES and TASK_MANAGER_NUMBER_OF_TASK_SLOTS,
 * the command's `-D` arguments), the process resolved as `jobmanager.sh` / `taskmanager.sh`
 * resolve it, and the container's memory limit. Findings point into the Compose file, inside the
 * FLINK_PROPERTIES block when they are about one of its keys.
 * @module
 */
import type { SourceLocation } from "../errors.js";
import type { JobManagerSpec } from "../model/jobmanager.js";
import type { TaskManagerSpec } from "../model/taskmanager.js";
import { optionsFor } from "../options/registry.js";
import { shortSize } from "../render/table.js";
import { MiB } from "../size/memory-size.js";
import { flinkVersion, NEWEST_LINE, SUPPORTED_LINES, type FlinkVersion } from "../versions/version.js";
import { has } from "../versions/features.js";
import { readComposeFile, shellWords, type ComposeService } from "../docker/compose.js";
import { dockerMemoryBytes } from "../docker/container-memory.js";
import { containerConfiguration, type DynamicArg, type EntrypointNote, type FlinkRole } from "../docker/entrypoint.js";
import { imageVersion } from "../docker/image-ref.js";
import { imageConfSource } from "../docker/image-config.js";
import type { Finding, Fix } from "./finding.js";
import type { Outcome } from "./process-outcome.js";
import { finding, runConfigRules } from "./rules.js";
import { makeSubject, type LintSubject } from "./subject.js";

export { isComposeFile, isComposeText } from "../docker/compose.js";

export interface ComposeLintOptions {
  /** Flink version for every service; default: from each service's image tag, else the newest. */
  flink?: string;
  source: string;
}

export interface ComposeServiceResult {
  name: string;
  /** What the container starts; undefined when it starts no JobManager or TaskManager. */
  role?: FlinkRole;
  version?: FlinkVersion;
  /** The resolved process of `role` (TaskManager, or JobManager for jobmanager / standalone-job). */
  process?: Outcome<TaskManagerSpec> | Outcome<JobManagerSpec>;
  /** Container memory limit in bytes, when set and readable. */
  memoryLimit?: bigint;
  findings: Finding[];
}

export interface ComposeLintResult {
  findings: Finding[];
  services: ComposeServiceResult[];
  /** Whether the file runs Flink at all. */
  relevant: boolean;
}

const ROLES: readonly FlinkRole[] = ["jobmanager", "taskmanager", "standalone-job"];
const SCRIPT_ROLE: Record<string, FlinkRole> = { "jobmanager.sh": "jobmanager", "taskmanager.sh": "taskmanager", "standalone-job.sh": "standalone-job" };
const SHELLS = /^(\/usr)?(\/bin\/)?(ba)?sh$/;
/** A start in a shell script: `[/]docker-entrypoint.sh <args>` (group 1) or a Flink start script (`taskmanager.sh …`). */
const SCRIPT_START = /(?:^|[\s;&|(])(?:\S*\/)?(?:(docker-entrypoint\.sh)\s+|(?=(?:jobmanager|taskmanager|standalone-job)\.sh\b))(\S[^\n]*)/;
const KIND = { taskmanager: "tm", jobmanager: "jm", "standalone-job": "jm" } as const;
const LABEL = { tm: "TaskManager", jm: "JobManager" } as const;


const assumption = (service: ComposeService, message: string, location: SourceLocation = service.location): Finding => finding("docker-assumption", `Service '${service.name}': ${message}`, { location });

/** Whether a service runs Flink: the official image, a Flink role as command, or FLINK_PROPERTIES. */
function isFlinkService(s: ComposeService): boolean {
  const first = s.command?.value?.[0];
  if (s.image?.value !== undefined && imageVersion(s.image.value).official) return true;
  if (first !== undefined && (ROLES.includes(first as FlinkRole) || first === "history-server")) return true;
  return s.environment.has("FLINK_PROPERTIES");
}

function versionOf(s: ComposeService, opts: ComposeLintOptions, out: Finding[]): FlinkVersion | undefined {
  if (opts.flink !== undefined) return flinkVersion(opts.flink);
  const newest = flinkVersion(NEWEST_LINE);
  const image = s.image;
  if (!image) {
    out.push(assumption(s, `no image is named (built from a Dockerfile); assumed the official image of Flink ${NEWEST_LINE} (--flink sets it).`));
    return newest;
  }
  if (image.value === undefined) {
    out.push(assumption(s, `the image depends on Compose variable(s) ${image.unknown.map((v) => "${" + v + "}").join(", ")}, not known here; assumed Flink ${NEWEST_LINE} (--flink sets it).`, image.location));
    return newest;
  }
  const v = imageVersion(image.value);
  if (image.assumed.length) out.push(assumption(s, `the image reference uses the default of ${image.assumed.map((x) => "${" + x + "}").join(", ")} (assumed unset on the host).`, image.location));
  switch (v.kind) {
    case "tag":
      return flinkVersion(v.label);
    case "latest":
      out.push(assumption(s, `'${image.value}' is the newest release; checked as Flink ${v.label}.`, image.location));
      return flinkVersion(v.label);
    case "unsupported":
      out.push(assumption(s, `Flink ${v.release} is older than the releases modelled here (${SUPPORTED_LINES[0]} and later); not checked.`, image.location));
      return undefined;
    case "unknown":
      out.push(assumption(s, `${v.why}; assumed it extends the official image of Flink ${NEWEST_LINE} and keeps its entrypoint (--flink sets the release).`, image.location));
      return newest;
  }
}

/** `-Dkey=value` and `-D key=value` among the command's arguments. */
function dynamicArgs(words: readonly string[], location: SourceLocation): DynamicArg[] {
  const out: DynamicArg[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const pair = w === "-D" ? words[++i] : w.startsWith("-D") ? w.slice(2) : undefined;
    if (pair === undefined) continue;
    const eq = pair.indexOf("=");
    if (eq > 0) out.push({ key: pair.slice(0, eq), value: pair.slice(eq + 1), location });
  }
  return out;
}

const RULE_OF: Record<EntrypointNote["kind"], string> = {
  "properties-nested": "docker-properties-nested",
  "properties-comment": "docker-assumption",
  "properties-hash": "docker-properties-mangled",
  "properties-spaces": "docker-properties-mangled",
  "properties-unset-variable": "docker-assumption",
  "properties-no-key": "docker-assumption",
  "properties-conflict": "docker-properties-mangled",
  "skipped-line": "skipped-line",
  "slots-cpu-count": "docker-assumption",
  "unreadable-config": "unreadable-config",
  "args-not-sized": "docker-args-not-sized",
};

function lintService(s: ComposeService, opts: ComposeLintOptions): ComposeServiceResult {
  const findings: Finding[] = [];
  const result: ComposeServiceResult = { name: s.name, findings };
  const replaced = s.entrypoint?.value !== undefined && !/(^|\/)docker-entrypoint\.sh$/.test(s.entrypoint.value[0] ?? "");
  if (s.command && s.command.value === undefined) {
    findings.push(assumption(s, `the command depends on Compose variable(s) ${s.command.unknown.map((v) => "${" + v + "}").join(", ")}, not known here; not checked.`, s.command.location));
    return result;
  }
  // An entrypoint of ["/docker-entrypoint.sh", "jobmanager"] is the image's own, with its arguments first.
  const entrypointArgs = s.entrypoint?.value !== undefined && !replaced ? s.entrypoint.value.slice(1) : [];
  let words = [...(replaced ? s.entrypoint!.value! : entrypointArgs), ...(s.command?.value ?? [])];
  let viaShell = false;
  // `bash -c "…; /docker-entrypoint.sh taskmanager"`: the image's entrypoint still runs, from a script.
  const shellScript = SHELLS.test(words[0] ?? "") && words[1] === "-c" ? words[2] : undefined;
  const inScript = shellScript !== undefined ? SCRIPT_START.exec(shellScript) : null;
  if (inScript) {
    words = shellWords(inScript[2]!.split(/[;&|\n]/)[0]!);
    viaShell = inScript[1] !== undefined;
  }
  const first = words[0];
  if (first === undefined) {
    findings.push(assumption(s, replaced ? "the entrypoint is replaced and no command is given; not checked." : "no command: the image prints its help and exits; not checked.", s.location));
    return result;
  }
  let role: FlinkRole | undefined = replaced && !viaShell ? undefined : ROLES.find((r) => r === first);
  const script = SCRIPT_ROLE[first.slice(first.lastIndexOf("/") + 1)];
  const passThrough = role === undefined && script !== undefined;
  if (passThrough) role = script;
  if (role === undefined) {
    const what = first === "history-server" || first.endsWith(".sh") ? ` ('${first.slice(first.lastIndexOf("/") + 1)}')` : "";
    findings.push(assumption(s, `it runs neither a JobManager nor a TaskManager${what}; its memory is not sized here.`, s.command?.location ?? s.location));
    return result;
  }
  const version = versionOf(s, opts, findings);
  if (!version) return result;
  result.role = role;
  result.version = version;
  const prepared = (!replaced || viaShell) && (!passThrough || has(version, "dockerPreparesEveryCommand"));
  const fp = s.environment.get("FLINK_PROPERTIES");
  if (fp && !prepared) {
    findings.push(
      assumption(s, replaced ? "the entrypoint is replaced, so docker-entrypoint.sh never applies FLINK_PROPERTIES; checked with the image's own configuration." : `the Flink ${version.line} image runs this command as is, without applying FLINK_PROPERTIES; checked with the image's own configuration.`, fp.location),
    );
  }
  if (fp?.fromHost) findings.push(assumption(s, "FLINK_PROPERTIES is taken from the host environment, not known here; checked without it.", fp.location));
  const options = optionsFor(version);
  for (const u of fp?.unknownLines ?? []) {
    // A bare '$' inside a secret reads as a variable: name variables only on lines of options we model.
    const what = options.byKey(u.key) ? `Compose variable(s) ${u.variables.map((v) => "${" + v + "}").join(", ")}` : "a Compose variable";
    findings.push(assumption(s, `FLINK_PROPERTIES line ${u.line} depends on ${what} (host environment or .env), not known here; checked without that line.`, fp!.locate(u.line, 1)));
  }
  if (fp?.assumed.length) findings.push(assumption(s, `FLINK_PROPERTIES uses the default of ${[...new Set(fp.assumed)].map((v) => "${" + v + "}").join(", ")} (assumed unset on the host).`, fp.location));
  for (const e of s.envItemsNotText) {
    findings.push(finding("compose-environment-item", `Service '${s.name}': environment item ${e.index + 1} is a mapping to YAML, not 'KEY=VALUE' text: a ': ' in an unquoted item makes YAML read 'KEY=…' as a key. Compose expects text here; quote the item or write a block scalar ('- |').`, { location: e.location }));
  }
  for (const m of s.confMounts) findings.push(assumption(s, "a volume is mounted over /opt/flink/conf; its file is not read here, so the image's own configuration was assumed (lint that file as well).", m));
  if (s.envFile) findings.push(assumption(s, "variables from env_file are not known here; they count as unset.", s.location));
  const slots = s.environment.get("TASK_MANAGER_NUMBER_OF_TASK_SLOTS");
  const env = (name: string) => s.environment.get(name)?.value;
  const cc = containerConfiguration({
    version,
    role,
    env,
    imageSource: imageConfSource(version, s.image?.value),
    prepared,
    ...(fp?.value !== undefined && fp.value !== "" ? { flinkProperties: { text: fp.value, locate: fp.locate } } : {}),
    ...(slots?.value !== undefined ? { slots: { text: slots.value, location: slots.location } } : {}),
    args: dynamicArgs(words.slice(1), s.command?.location ?? s.location),
  });
  const kind = KIND[role];
  const subject = makeSubject(cc.config, "standalone", opts.source);
  for (const n of cc.notes) {
    const rule = RULE_OF[n.kind];
    const message = rule === "docker-assumption" ? `Service '${s.name}': ${n.message}` : n.message;
    findings.push(finding(rule, message, { location: n.location ?? s.location, ...(n.key ? { key: n.key } : {}), ...(n.meant && n.key ? { fix: renameFix(subject, kind, n.key, n.meant) } : {}) }));
  }
  // The rules see both processes; only this container's process (and key findings) concern the service.
  findings.push(...runConfigRules(subject).filter((f) => f.process === undefined || f.process === kind));
  const outcome = kind === "tm" ? subject.tm : subject.jm;
  if (outcome) result.process = outcome;
  if (s.memory) {
    const limit = dockerMemoryBytes(s.memory.raw);
    if (limit === undefined) {
      findings.push(finding("docker-memory-unparsable", `Service '${s.name}': ${s.memory.field} is not a size Docker reads (a byte count, or a number with b, k, m, g, t or p).`, { location: s.memory.location, key: s.memory.path }));
    } else {
      result.memoryLimit = limit;
      if (outcome?.ok && outcome.spec.totalProcess > limit) {
        const process = outcome.spec.totalProcess;
        const mib = (process + MiB - 1n) / MiB;
        findings.push(
          finding(
            "docker-container-memory",
            `Service '${s.name}': the ${LABEL[kind]} process is ${shortSize(process)} (${process} bytes), but ${s.memory.field} limits the container to ${shortSize(limit)} (${limit} bytes); the kernel OOM-kills the container once the JVM uses its memory.`,
            {
              process: kind,
              location: s.memory.location,
              key: s.memory.path,
              fix: { description: `raise ${s.memory.field} to ${mib}m (Docker's m is MiB), or lower the process size below the limit`, edits: [{ path: s.memory.path, value: `${mib}m` }], verified: mib * MiB >= process },
            },
          ),
        );
      }
    }
  }
  // Keys from the image's own file or written by the entrypoint have no line in the compose file:
  // point at the service's image (or the service), so every location is in the file being linted.
  const imageSource = imageConfSource(version, s.image?.value);
  for (const f of findings) {
    const src = f.location?.source;
    if (src === imageSource || src === "docker-entrypoint.sh") f.location = s.image?.location ?? s.location;
  }
  return result;
}

/** Write the nested key in full; checked by resolving the process with the key renamed. */
function renameFix(subject: LintSubject, kind: "tm" | "jm", key: string, meant: string): Fix {
  const edits = [{ path: key, renameTo: meant }];
  const r = subject.tryEdits(edits);
  const outcome = kind === "tm" ? r.tm : r.jm;
  return { description: `write '${meant}: …' on one line instead of the nested block`, edits, verified: outcome?.ok ?? false };
}

const identity = (f: Finding) => `${f.ruleId}\u0000${f.message}\u0000${f.location?.source}:${f.location?.line}:${f.location?.column}`;

/** Lints one Compose file's text. Pure: the caller reads the file. */
export function lintComposeText(text: string, opts: ComposeLintOptions): ComposeLintResult {
  const file = readComposeFile(text, opts.source);
  if (file.errors.length) {
    const e = file.errors[0]!;
    return { findings: [finding("compose-unreadable", `The Compose file is not valid YAML: ${e.message}`, { location: e.location })], services: [], relevant: true };
  }
  const services = file.services.filter(isFlinkService).map((s) => lintService(s, opts));
  // Services sharing FLINK_PROPERTIES (an anchor) report the same finding once.
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const f of services.flatMap((r) => r.findings)) {
    const id = identity(f);
    if (seen.has(id)) continue;
    seen.add(id);
    findings.push(f);
  }
  return { findings, services, relevant: services.length > 0 };
}
