/**
 * The configuration a Flink process in the official image starts with: the image's file (or one
 * mounted over it), what `docker-entrypoint.sh` writes into it (`jobmanager.rpc.address`,
 * `blob.server.port`, `query.server.port`, the slots from TASK_MANAGER_NUMBER_OF_TASK_SLOTS,
 * then FLINK_PROPERTIES), and the command's `-D` arguments, which `jobmanager.sh` /
 * `taskmanager.sh` pass on as dynamic properties. Every entry keeps where it was written.
 *
 * Per image generation (apache/flink-docker at 983be345 and its dev-1.x branches):
 * - ≤1.18 (`set_config_option`): a key already at the start of a line is replaced in place with
 *   sed, else appended; FLINK_PROPERTIES is appended as text; envsubst runs over the file;
 * - ≥1.19 (`dockerConfigParser`): everything goes through `config-parser-utils.sh` as `-D` pairs;
 * - slots: 1.10/1.11 default a TaskManager to the container's CPU count, 1.12 to 1 for every
 *   command, later images set them only when the variable is set.
 * @module
 */
import { Configuration } from "../config/configuration.js";
import { readLegacyFlinkConf } from "../config/legacy-reader.js";
import { str } from "../config/raw-value.js";
import { readStandardYaml } from "../config/yaml/index.js";
import { FlinkError, type SourceLocation } from "../errors.js";
import { optionsFor } from "../options/registry.js";
import { has } from "../versions/features.js";
import type { FlinkVersion } from "../versions/version.js";
import { envsubst, type EnvLookup } from "./envsubst.js";
import { configParserPairs } from "./flink-properties.js";
import { nestedLines } from "./nested-lines.js";
import { IMAGE_ENV, imageConfig, type ImageConfFile } from "./image-config.js";

export type FlinkRole = "jobmanager" | "taskmanager" | "standalone-job";

export interface DynamicArg {
  key: string;
  value: string;
  location?: SourceLocation;
}

export interface ContainerStart {
  version: FlinkVersion;
  role: FlinkRole;
  /** The container's own variables (the image's ENV is added here). */
  env: EnvLookup;
  /** FLINK_PROPERTIES when set and not empty; `locate` maps its 1-based line/column into the source file. */
  flinkProperties?: { text: string; locate: (line: number, column: number) => SourceLocation };
  /** TASK_MANAGER_NUMBER_OF_TASK_SLOTS when set. */
  slots?: { text: string; location?: SourceLocation };
  /** `-D` arguments of the command, in order. */
  args?: readonly DynamicArg[];
  /** How locations name the image's configuration file. */
  imageSource: string;
  /**
   * Whether docker-entrypoint.sh edits the configuration for this start: false when the service
   * replaces the entrypoint, or when a 1.10/1.11 image runs a command as is. Default true.
   */
  prepared?: boolean;
}

export interface EntrypointNote {
  /** For nested YAML: the dotted key the line means. */
  meant?: string;
  kind: "properties-nested" | "properties-comment" | "properties-hash" | "properties-spaces" | "properties-unset-variable" | "properties-no-key" | "properties-conflict" | "skipped-line" | "slots-cpu-count" | "unreadable-config" | "args-not-sized";
  severity: "error" | "warning" | "note";
  message: string;
  location?: SourceLocation;
  key?: string;
}

export interface ContainerConfiguration {
  config: Configuration;
  file: ImageConfFile;
  notes: EntrypointNote[];
}

const SLOTS = "taskmanager.numberOfTaskSlots";

/** The value the entrypoint writes for the slots, or undefined when it writes none. */
function slotsToWrite(start: ContainerStart): { value: string; location?: SourceLocation } | "cpu-count" | undefined {
  const { version, role, slots } = start;
  if (has(version, "dockerSlotsFromCpuCount")) {
    if (role !== "taskmanager") return undefined;
    return slots && slots.text !== "" ? { value: slots.text, ...(slots.location ? { location: slots.location } : {}) } : "cpu-count";
  }
  if (has(version, "dockerSlotsDefaultOne")) return slots && slots.text !== "" ? { value: slots.text, ...(slots.location ? { location: slots.location } : {}) } : { value: "1" };
  return slots && slots.text !== "" ? { value: slots.text, ...(slots.location ? { location: slots.location } : {}) } : undefined;
}

const withImageEnv = (env: EnvLookup): EnvLookup => (name) => env(name) ?? IMAGE_ENV[name];

/** The configuration the process of `start.role` reads when the container starts. */
export function containerConfiguration(start: ContainerStart): ContainerConfiguration {
  const env = withImageEnv(start.env);
  const notes: EntrypointNote[] = [];
  const image = imageConfig(start.version);
  if (start.prepared === false) {
    const config = new Configuration({ options: optionsFor(start.version), standardYaml: image.file === "config.yaml" });
    const entries = image.file === "config.yaml" ? readStandardYaml(image.text, start.imageSource) : readLegacyFlinkConf(image.text, start.imageSource).entries;
    for (const e of entries) config.setRaw(e.key, e.value, e.location);
    for (const a of sizingArgs(start, notes)) config.setRaw(a.key, str(a.value), a.location ?? { source: "-D" });
    return { config, file: image.file, notes };
  }
  const slots = slotsToWrite(start);
  if (slots === "cpu-count") {
    notes.push({
      kind: "slots-cpu-count",
      severity: "note",
      key: SLOTS,
      message: `The Flink ${start.version.line} image gives a TaskManager as many slots as the container sees CPUs when TASK_MANAGER_NUMBER_OF_TASK_SLOTS is unset; that count is not known here, so the image file's ${SLOTS} was kept.`,
    });
  }
  const written = [
    { key: "jobmanager.rpc.address", value: "container-hostname" },
    { key: "blob.server.port", value: "6124" },
    { key: "query.server.port", value: "6125" },
    ...(slots && slots !== "cpu-count" ? [{ key: SLOTS, ...slots }] : []),
  ];
  if (start.flinkProperties) notes.push(...nestedNotes(start.flinkProperties));
  const config = has(start.version, "dockerConfigParser") ? viaConfigParser(start, image, written, env, notes) : viaAppendedText(start, image, written, env, notes);
  for (const a of sizingArgs(start, notes)) config.setRaw(a.key, str(a.value), a.location ?? { source: "-D" });
  return { config, file: image.file, notes };
}

/**
 * The `-D` arguments BashJavaUtils sees. Where the start script drops them (`startScriptArgsSizeMemory`),
 * the options Flink's memory code reads are left out, with a warning: the JVM flags come from the
 * file, and the values reach the process only afterwards.
 */
function sizingArgs(start: ContainerStart, notes: EntrypointNote[]): readonly DynamicArg[] {
  const args = start.args ?? [];
  if (has(start.version, "startScriptArgsSizeMemory")) return args;
  const options = optionsFor(start.version);
  const dropped = args.filter((a) => options.byKey(a.key));
  for (const a of dropped) {
    notes.push({
      kind: "args-not-sized",
      severity: "warning",
      key: a.key,
      ...(a.location ? { location: a.location } : {}),
      message: `Flink ${start.version.label}'s start script does not pass '-D ${a.key}' to BashJavaUtils (${start.version.line === "1.10" ? "FLINK-16874, fixed in 1.10.1" : "FLINK-24353, fixed in 1.13.3 and 1.14.3"}): the JVM memory flags are computed without it, and the process receives it only afterwards, where it can contradict the computed sizes. Checked without it; set it in the configuration file (or FLINK_PROPERTIES) instead.`,
    });
  }
  return args.filter((a) => !dropped.includes(a));
}

/** Warnings for FLINK_PROPERTIES written as nested YAML (read one line at a time by every image). */
function nestedNotes(fp: NonNullable<ContainerStart["flinkProperties"]>): EntrypointNote[] {
  const lines = fp.text.split("\n");
  return nestedLines(fp.text)
    .filter((n) => !n.parent)
    .map((n) => {
      const column = (lines[n.line - 1]!.length - lines[n.line - 1]!.trimStart().length) + 1;
      return {
        kind: "properties-nested",
        severity: "warning",
        key: n.key,
        meant: n.meant,
        location: fp.locate(n.line, column),
        message: `FLINK_PROPERTIES line ${n.line} is nested YAML: the image reads FLINK_PROPERTIES one line at a time, so it sets '${n.key}', not '${n.meant}'. Write each key in full on one line.`,
      };
    });
}

type Written = { key: string; value: string; location?: SourceLocation }[];

/** ≥1.19: the image's config.yaml, then each `-D` pair of the entrypoint's calls (strings, later winning). */
function viaConfigParser(start: ContainerStart, image: ReturnType<typeof imageConfig>, written: Written, env: EnvLookup, notes: EntrypointNote[]): Configuration {
  const config = new Configuration({ options: optionsFor(start.version), standardYaml: true });
  for (const e of readStandardYaml(image.text, start.imageSource)) config.setRaw(e.key, e.value, e.location);
  for (const w of written) config.setRaw(w.key, str(w.value), w.location ?? { source: "docker-entrypoint.sh" });
  const fp = start.flinkProperties;
  if (!fp) return config;
  const fromProperties = new Set<string>();
  for (const p of configParserPairs(fp.text, env)) {
    const at = fp.locate(p.line, p.column);
    if (p.key === "") {
      notes.push({ kind: "properties-no-key", severity: "note", location: at, message: `FLINK_PROPERTIES line ${p.line} has no key before ':'; the entrypoint passes an empty key, which Flink ignores.` });
      continue;
    }
    if (p.commentLine) {
      notes.push({ kind: "properties-comment", severity: "note", location: at, message: `FLINK_PROPERTIES line ${p.line} starts with '#': the Flink ${start.version.line} image reads no comments there and passes it as a key starting with '#', which Flink ignores.` });
      continue;
    }
    config.setRaw(p.key, str(p.value), at);
    fromProperties.add(p.key);
    if (p.hashInValue) {
      notes.push({ kind: "properties-hash", severity: "warning", key: p.key, location: at, message: `The value of ${p.key} in FLINK_PROPERTIES contains '#': the Flink ${start.version.line} image keeps it as part of the value (no comments there).` });
    }
    if (p.innerSpaceDropped && !p.hashInValue) {
      notes.push({ kind: "properties-spaces", severity: "warning", key: p.key, location: at, message: `The value of ${p.key} in FLINK_PROPERTIES loses its spaces: the Flink ${start.version.line} image deletes all whitespace of each line (JVM options run together).` });
    }
    // Variable names are part of the value: named only for options we model (other values may be secrets).
    for (const v of config.options.byKey(p.key) ? p.unsetVariables : []) {
      notes.push({ kind: "properties-unset-variable", severity: "note", key: p.key, location: at, message: `The value of ${p.key} refers to \$${v}, which is not set in the container: envsubst makes it empty.` });
    }
  }
  // config-parser-utils.sh writes nested YAML: 'a' and 'a.b' cannot both be written.
  const keys = [...config.entries()].map(([k]) => k);
  const parents = new Set(nestedLines(fp.text).filter((n) => n.parent).map((n) => n.key));
  for (const k of fromProperties) {
    if (parents.has(k)) continue; // reported as nested YAML
    const other = keys.find((o) => o !== k && !parents.has(o) && (o.startsWith(k + ".") || k.startsWith(o + ".")));
    if (other !== undefined) {
      notes.push({
        kind: "properties-conflict",
        severity: "warning",
        key: k,
        location: config.getEntry(k)?.location ?? { source: "FLINK_PROPERTIES" },
        message: `'${k}' and '${other}' cannot both be written to config.yaml, which config-parser-utils.sh writes as nested YAML: the rewrite fails (FLINK_PROPERTIES is then not applied at all) or one replaces the other, as Java's HashMap order decides. Checked as if both were set.`,
      });
    }
  }
  return config;
}

/** The key of a flink-conf.yaml line, as the line reader cuts it. */
const keyOfLine = (line: string) => line.split("#")[0]!.split(": ")[0]!.trim();

type Origin = { kind: "image"; line: number } | { kind: "entrypoint"; location?: SourceLocation } | { kind: "properties"; line: number };

/** ≤1.18: edit the image's flink-conf.yaml as text, append FLINK_PROPERTIES, envsubst, read it. */
function viaAppendedText(start: ContainerStart, image: ReturnType<typeof imageConfig>, written: Written, env: EnvLookup, notes: EntrypointNote[]): Configuration {
  const lines = image.text.replace(/\n$/, "").split("\n");
  const origins: Origin[] = lines.map((_, i) => ({ kind: "image", line: i + 1 }));
  for (const w of written) {
    // set_config_option: `grep -E "^key:"` decides; `sed "s/key:.*/key: value/g"` then edits every line holding `key:`.
    // The value is expanded unquoted: only its first word arrives.
    const value = w.value.trim().split(/\s+/)[0] ?? "";
    if (lines.some((l) => l.startsWith(w.key + ":"))) {
      for (let i = 0; i < lines.length; i++) {
        const at = lines[i]!.indexOf(w.key + ":");
        if (at < 0) continue;
        lines[i] = lines[i]!.slice(0, at) + `${w.key}: ${value}`;
        origins[i] = { kind: "entrypoint", ...(w.location ? { location: w.location } : {}) };
      }
    } else {
      lines.push(`${w.key}: ${value}`);
      origins.push({ kind: "entrypoint", ...(w.location ? { location: w.location } : {}) });
    }
  }
  const fp = start.flinkProperties;
  if (fp) {
    // `echo "$FLINK_PROPERTIES" >> file`: the file ends with a newline here, so lines stay whole.
    fp.text.split("\n").forEach((l, i) => {
      lines.push(l);
      origins.push({ kind: "properties", line: i + 1 });
    });
  }
  const unset: { name: string; line: number }[] = [];
  const text = lines.map((l, i) => {
    const s = envsubst(l, env);
    s.unset.forEach((name) => unset.push({ name, line: i + 1 }));
    return s.text;
  });
  const where = (line: number, column: number | undefined): SourceLocation => {
    const o = origins[line - 1];
    if (!o) return { source: start.imageSource };
    if (o.kind === "image") return { source: start.imageSource, line: o.line, ...(column !== undefined ? { column } : {}) };
    if (o.kind === "entrypoint") return o.location ?? { source: "docker-entrypoint.sh" };
    return fp!.locate(o.line, column ?? 1);
  };
  const config = new Configuration({ options: optionsFor(start.version), standardYaml: false });
  let read;
  try {
    read = readLegacyFlinkConf(text.join("\n") + "\n", start.imageSource);
  } catch (e) {
    if (!(e instanceof FlinkError)) throw e;
    notes.push({ kind: "unreadable-config", severity: "error", message: e.message });
    return config;
  }
  for (const e of read.entries) config.setRaw(e.key, e.value, where(e.location.line!, e.location.column));
  for (const w of read.warnings) {
    const o = origins[w.line - 1];
    if (o?.kind === "properties") notes.push({ kind: "skipped-line", severity: "warning", location: where(w.line, undefined), message: `Flink skips FLINK_PROPERTIES line ${o.line}: ${w.message}.` });
  }
  for (const v of unset) {
    // Variable names are part of a value: named only on lines that set an option we model.
    if (!config.options.byKey(keyOfLine(text[v.line - 1] ?? ""))) continue;
    notes.push({ kind: "properties-unset-variable", severity: "note", location: where(v.line, undefined), message: `The configuration refers to \$${v.name}, which is not set in the container: envsubst makes it empty.` });
  }
  return config;
}
