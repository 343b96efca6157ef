/**
 * Which configuration file a Flink release reads, and which it ignores and why, given the
 * files at hand (a conf directory's, or one file named on the command line). Decided once
 * here, as data, so every command, lint and the web page say it the same way.
 *
 * The rule is `GlobalConfiguration.loadConfiguration` per release: before 1.19 only
 * `flink-conf.yaml` (legacy line parser); 1.19 and 1.20 `flink-conf.yaml` when the directory
 * has one, else `config.yaml` (standard YAML); from 2.0 only `config.yaml`.
 * @module
 */
import { has as hasFeature } from "../versions/features.js";
import type { FlinkVersion } from "../versions/version.js";

/** The two names Flink looks up in a conf directory. */
export type ConfFileName = "config.yaml" | "flink-conf.yaml";

/** A file at hand: what to call it in messages (a path, `<stdin>`) and its text. */
export interface ConfFile {
  readonly name: string;
  readonly text: string;
  /**
   * The name Flink finds it under, when known apart from `name` (a conf dir's file, or a text
   * passed as `configYaml`/`flinkConfYaml`). Otherwise taken from `name`'s last path segment.
   */
  readonly as?: ConfFileName;
}

export type IgnoreReason =
  /** This release never reads a file of that name (config.yaml before 1.19, flink-conf.yaml from 2.0). */
  | "not-read"
  /** 1.19/1.20 read flink-conf.yaml when there is one, and then not config.yaml. */
  | "shadowed"
  /** Another file is already read in that role. */
  | "duplicate";

export interface IgnoredConfFile {
  readonly name: string;
  /** The name Flink would find it under. */
  readonly as: ConfFileName;
  readonly reason: IgnoreReason;
  /** One sentence, the same wherever it is shown (names files only, never values). */
  readonly message: string;
}

export interface ReadConfFile {
  readonly name: string;
  readonly as: ConfFileName;
  /** Its place in the files given (the choice holds no file text: results are shown and serialised). */
  readonly index: number;
  /** The parser: standard YAML (`config.yaml`) or Flink's legacy line format (`flink-conf.yaml`). */
  readonly format: "standard" | "legacy";
  /** The file had another name; it is read as `as` (an assumption, stated in `notes`). */
  readonly assumed: boolean;
}

export interface ConfFileChoice {
  /** e.g. "1.20". */
  readonly release: string;
  /** The names this release looks for in a conf directory, preferred first. */
  readonly looksFor: readonly ConfFileName[];
  /** The file read, if any. */
  readonly read?: ReadConfFile;
  readonly ignored: readonly IgnoredConfFile[];
  /** Assumptions made (a file under another name), as sentences. */
  readonly notes: readonly string[];
}

/** The names a release looks for in its conf directory, in the order it tries them. */
export function confFilesLookedFor(version: FlinkVersion): ConfFileName[] {
  const out: ConfFileName[] = [];
  if (hasFeature(version, "legacyFlinkConfFile")) out.push("flink-conf.yaml");
  if (hasFeature(version, "standardYamlFile")) out.push("config.yaml");
  return out;
}

/** "flink-conf.yaml", "config.yaml" or "flink-conf.yaml, else config.yaml". */
export function lookedForWords(version: FlinkVersion): string {
  const names = confFilesLookedFor(version);
  return names.length === 1 ? `only ${names[0]}` : `${names.join(" when present, else ")}`;
}

/** The last segment of a path (either separator), without Node's `path`: this module runs in browsers. */
function lastSegment(name: string): string {
  const i = Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\"));
  return i >= 0 ? name.slice(i + 1) : name;
}

/**
 * The name Flink would find a file under, from its own name: exactly `config.yaml` or
 * `flink-conf.yaml`; or, by intent, a name that ends in one after a separator or starts with
 * `flink-conf` (`prod-flink-conf.yaml`, `flink-conf-prod.yaml`, `flink-1.20_config.yaml`).
 */
export function nameKind(name: string): { as: ConfFileName; exact: boolean } | undefined {
  const base = lastSegment(name);
  if (base === "config.yaml" || base === "flink-conf.yaml") return { as: base, exact: true };
  if (/(^|[-_.])flink-conf([-_.].*)?\.ya?ml$/.test(base)) return { as: "flink-conf.yaml", exact: false };
  if (/[-_.]config\.ya?ml$/.test(base)) return { as: "config.yaml", exact: false };
  return undefined;
}

/**
 * A mapping key alone on its line followed by an indented key: nested YAML, which only a
 * standard-YAML `config.yaml` holds (the legacy line parser skips both lines).
 */
const NESTED_YAML = /^[^\s#:][^:#\r\n]*:[ \t]*(#.*)?\r?\n(?:[ \t]*(#.*)?\r?\n)*[ \t]+[^\s#:-][^:#\r\n]*:(\s|$)/m;

/** For a file whose name says nothing: a config.yaml when its text is nested YAML. */
function contentKind(text: string): { as: ConfFileName; exact: false; byContent: true } | undefined {
  return NESTED_YAML.test(text) ? { as: "config.yaml", exact: false, byContent: true } : undefined;
}

/**
 * The name a file under another name is taken for: the release's only file, or for 1.19/1.20
 * `config.yaml`, the file their distributions ship (`flink-conf.yaml` is read only by that name).
 */
function assumedName(version: FlinkVersion): ConfFileName {
  return hasFeature(version, "standardYamlFile") ? "config.yaml" : "flink-conf.yaml";
}

const formatWords = (as: ConfFileName) => (as === "config.yaml" ? "standard YAML" : "Flink's legacy line format");

function notReadMessage(release: string, version: FlinkVersion, f: { name: string; as: ConfFileName }): string {
  const what = lastSegment(f.name) === f.as ? f.name : `${f.name} (a ${f.as})`;
  const how =
    f.as === "flink-conf.yaml"
      ? "migrate it to config.yaml (standard YAML; Flink 1.19/1.20 ship bin/migrate-config-file.sh)"
      : "write its keys as flat 'key: value' lines in flink-conf.yaml";
  return `Flink ${release} reads ${lookedForWords(version)} and ignores ${what}: ${how}`;
}

/**
 * Which of `files` release `version` reads and which it ignores. Files named `config.yaml` or
 * `flink-conf.yaml` (or marked `as`) are taken as Flink finds them in a conf directory; a file
 * under another name (one `--config prod.yaml`, standard input) is read as the file the release
 * reads, and a note says so.
 */
export function chooseConfFiles(version: FlinkVersion, files: readonly ConfFile[]): ConfFileChoice {
  const release = version.line;
  const looksFor = confFilesLookedFor(version);
  const ignored: IgnoredConfFile[] = [];
  const notes: string[] = [];
  const byRole = new Map<ConfFileName, { file: ConfFile; index: number; assumed: boolean }>();
  const others: { file: ConfFile; index: number }[] = [];
  for (const [index, file] of files.entries()) {
    const kind = file.as ? { as: file.as, exact: true } : (nameKind(file.name) ?? contentKind(file.text));
    if (kind === undefined) {
      others.push({ file, index });
      continue;
    }
    const as = kind.as;
    if ("byContent" in kind) notes.push(`${file.name} is taken for a config.yaml: it holds nested YAML, which Flink's legacy flink-conf.yaml line format cannot express`);
    if (!looksFor.includes(as)) ignored.push({ name: file.name, as, reason: "not-read", message: notReadMessage(release, version, { name: file.name, as }) });
    else if (byRole.has(as)) ignored.push({ name: file.name, as, reason: "duplicate", message: `${file.name} is ignored: ${byRole.get(as)!.file.name} is already read as ${as}` });
    else {
      byRole.set(as, { file, index, assumed: !kind.exact });
      if (!kind.exact && !("byContent" in kind)) notes.push(`${file.name} is taken for a ${as} by its name and read as ${formatWords(as)}; Flink itself reads a conf dir's file only by that exact name`);
    }
  }
  for (const { file, index } of others) {
    const as = assumedName(version);
    if (byRole.has(as)) {
      ignored.push({ name: file.name, as, reason: "duplicate", message: `${file.name} is ignored: ${byRole.get(as)!.file.name} is already read as ${as}` });
      continue;
    }
    byRole.set(as, { file, index, assumed: true });
    const alternative = looksFor.length > 1 ? `; named flink-conf.yaml, Flink ${release} would read it with the legacy line parser instead` : "";
    notes.push(`${file.name} is read as ${as} (${formatWords(as)}), the file Flink ${release} reads; Flink itself reads a conf dir's file only by that name${alternative}`);
  }
  let read: ReadConfFile | undefined;
  for (const as of looksFor) {
    const hit = byRole.get(as);
    if (!hit) continue;
    if (!read) {
      read = { name: hit.file.name, as, index: hit.index, format: as === "config.yaml" ? "standard" : "legacy", assumed: hit.assumed };
    } else {
      ignored.push({
        name: hit.file.name,
        as,
        reason: "shadowed",
        message: `Flink ${release} reads ${read.name} and ignores ${hit.file.name}: it reads ${lookedForWords(version)}`,
      });
    }
  }
  return { release, looksFor, ...(read ? { read } : {}), ignored, notes };
}

/**
 * What to tell the user about the choice, one line each, most important first: the ignored files,
 * that nothing was read because of them, and the assumptions. Never quotes file contents.
 */
export function confFileNotices(choice: ConfFileChoice): { level: "warning" | "note"; message: string }[] {
  const out: { level: "warning" | "note"; message: string }[] = choice.ignored.map((i) => ({ level: "warning", message: i.message }));
  if (!choice.read && choice.ignored.length > 0) {
    out.push({ level: "warning", message: `Flink ${choice.release} reads no file here: it resolves as if no configuration file were given` });
  }
  for (const n of choice.notes) out.push({ level: "note", message: n });
  return out;
}
