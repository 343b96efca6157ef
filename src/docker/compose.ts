/**
 * The parts of a Docker Compose file that decide how a Flink container starts: per service its
 * image, command, entrypoint, environment (map or `KEY=VALUE` list; FLINK_PROPERTIES usually a
 * block scalar), memory limit and volumes over `/opt/flink/conf`, each with where it is written.
 * Values go through Compose's interpolation (`compose-interpolation.ts`) first.
 * @module
 */
import type { SourceLocation } from "../errors.js";
import { isObject } from "../k8s/manifest.js";
import { interpolate } from "./compose-interpolation.js";
import { readComposeYaml, type ComposeDocument, type ComposePath } from "./compose-yaml.js";

export interface Located<T> {
  value: T;
  location: SourceLocation;
  /** Compose variables assumed unset (default used). */
  assumed: string[];
  /** Compose variables without default the value depends on (value then unknown). */
  unknown: string[];
}

export interface EnvVariable {
  name: string;
  /** The value the container gets; `undefined` when it comes from the host or a variable not known here. */
  value: string | undefined;
  /** The whole value is taken from the host environment (`- NAME` or `NAME:` with no value). */
  fromHost: boolean;
  location: SourceLocation;
  /** Maps a 1-based line/column of the value onto the compose file. */
  locate: (line: number, column: number) => SourceLocation;
  /** Lines of the value (1-based) dropped because Compose variables without default decide them; `key`: the line's text before ':'. */
  unknownLines: { line: number; key: string; variables: string[] }[];
  assumed: string[];
}

export interface ComposeService {
  name: string;
  path: ComposePath;
  location: SourceLocation;
  image?: Located<string | undefined>;
  build: boolean;
  /** The command's words (`command:` as a string is split as a shell would). */
  command?: Located<string[] | undefined>;
  entrypoint?: Located<string[] | undefined>;
  environment: Map<string, EnvVariable>;
  envFile: boolean;
  memory?: { field: string; path: string; raw: string | bigint | number; location: SourceLocation };
  /** Volumes mounted over /opt/flink/conf or its flink-conf.yaml / config.yaml. */
  confMounts: SourceLocation[];
  /** Environment list items that YAML reads as mappings (`- KEY=a: b` unquoted), with where they are. */
  envItemsNotText: { index: number; location: SourceLocation }[];
}

export interface ComposeFile {
  services: ComposeService[];
  errors: { message: string; location: SourceLocation }[];
}

/** A `services:` map whose entries are service definitions with an `image` or a `build`. */
export function isComposeFile(value: unknown): boolean {
  if (!isObject(value) || !isObject(value.services)) return false;
  const services = Object.values(value.services);
  return services.length > 0 && services.every((s) => s === null || isObject(s)) && services.some((s) => isObject(s) && ("image" in s || "build" in s));
}

/** `isComposeFile` on a file's text; a quick look for a top-level `services:` first (for classifiers). */
export function isComposeText(text: string): boolean {
  if (!/^["']?services["']?[ \t]*:/m.test(text)) return false;
  return isComposeFile(readComposeYaml(text).value);
}

/** Splits a command string into words as a POSIX shell would (quotes, backslashes), without expansions. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      word += end < 0 ? text.slice(i + 1) : text.slice(i + 1, end);
      i = end < 0 ? text.length : end;
      inWord = true;
    } else if (c === '"') {
      i++;
      for (; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === "\\" && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) i++;
        word += text[i];
      }
      inWord = true;
    } else if (c === "\\" && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

const scalarText = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "bigint" || typeof v === "number" || typeof v === "boolean" ? String(v) : undefined);

export function readComposeFile(text: string, source: string): ComposeFile {
  const doc = readComposeYaml(text);
  const at = (p: { line: number; column: number } | undefined): SourceLocation => (p ? { source, line: p.line, column: p.column } : { source });
  const errors = doc.errors.map((e) => ({ message: e.message, location: at(e.position) }));
  if (errors.length || !isObject(doc.value) || !isObject(doc.value.services)) return { services: [], errors };
  const services: ComposeService[] = [];
  for (const [name, def] of Object.entries(doc.value.services)) {
    if (!isObject(def)) continue;
    const path = ["services", name];
    services.push(readService(doc, def, name, path, at));
  }
  return { services, errors };
}

function located<T>(doc: ComposeDocument, path: ComposePath, at: (p: { line: number; column: number } | undefined) => SourceLocation, raw: string, map: (s: string) => T): Located<T | undefined> {
  const r = interpolate(raw);
  return { value: r.text === undefined ? undefined : map(r.text), location: at(doc.valueAt(path) ?? doc.keyAt(path)), assumed: r.assumed, unknown: r.unknown };
}

function words(doc: ComposeDocument, v: unknown, path: ComposePath, at: (p: { line: number; column: number } | undefined) => SourceLocation): Located<string[] | undefined> | undefined {
  if (typeof v === "string") return located(doc, path, at, v, shellWords);
  if (Array.isArray(v)) {
    const parts = v.map(scalarText);
    if (parts.some((p) => p === undefined)) return undefined;
    const r = parts.map((p) => interpolate(p!));
    const unknown = r.flatMap((x) => x.unknown);
    return { value: unknown.length ? undefined : r.map((x) => x.text!), location: at(doc.valueAt(path) ?? doc.keyAt(path)), assumed: r.flatMap((x) => x.assumed), unknown };
  }
  return undefined;
}

function readService(doc: ComposeDocument, def: Record<string, unknown>, name: string, path: ComposePath, at: (p: { line: number; column: number } | undefined) => SourceLocation): ComposeService {
  const image = typeof def.image === "string" ? located(doc, [...path, "image"], at, def.image, (s) => s) : undefined;
  const command = words(doc, def.command, [...path, "command"], at);
  const entrypoint = words(doc, def.entrypoint, [...path, "entrypoint"], at);
  const environment = readEnvironment(doc, def.environment, [...path, "environment"], at);
  const envItemsNotText = Array.isArray(def.environment)
    ? def.environment.flatMap((item, index) => (isObject(item) ? [{ index, location: at(doc.keyAt([...path, "environment", index])) }] : []))
    : [];
  let memory: ComposeService["memory"];
  const deploy = isObject(def.deploy) && isObject(def.deploy.resources) && isObject(def.deploy.resources.limits) ? def.deploy.resources.limits.memory : undefined;
  for (const [field, raw, p] of [
    ["mem_limit", def.mem_limit, [...path, "mem_limit"]],
    ["deploy.resources.limits.memory", deploy, [...path, "deploy", "resources", "limits", "memory"]],
  ] as const) {
    if (memory || raw === undefined || raw === null) continue;
    if (typeof raw === "string" || typeof raw === "bigint" || typeof raw === "number") memory = { field, path: p.join("."), raw, location: at(doc.valueAt(p) ?? doc.keyAt(p)) };
  }
  const confMounts: SourceLocation[] = [];
  if (Array.isArray(def.volumes)) {
    def.volumes.forEach((v, i) => {
      const target = typeof v === "string" ? v.split(":")[1] : isObject(v) && typeof v.target === "string" ? v.target : undefined;
      // The conf directory itself, or the Flink configuration file in it (not e.g. hive-site.xml).
      if (target && /^\/opt\/flink\/conf(\/?|\/(flink-conf|config)\.yaml)$/.test(target)) confMounts.push(at(doc.keyAt([...path, "volumes", i])));
    });
  }
  return {
    name,
    path,
    location: at(doc.keyAt(path)),
    ...(image ? { image } : {}),
    build: def.build !== undefined && def.build !== null,
    ...(command ? { command } : {}),
    ...(entrypoint ? { entrypoint } : {}),
    environment,
    envFile: def.env_file !== undefined && def.env_file !== null,
    ...(memory ? { memory } : {}),
    confMounts,
    envItemsNotText,
  };
}

function readEnvironment(doc: ComposeDocument, env: unknown, path: ComposePath, at: (p: { line: number; column: number } | undefined) => SourceLocation): Map<string, EnvVariable> {
  const out = new Map<string, EnvVariable>();
  const add = (name: string, raw: string | undefined, valuePath: ComposePath, prefix: number) => {
    const location = at(doc.keyAt(valuePath) ?? doc.valueAt(valuePath));
    const block = doc.blockAt(valuePath);
    const start = doc.valueAt(valuePath);
    const locate = (line: number, column: number): SourceLocation => {
      if (block) return { source: location.source, line: block.lineOffset + line, column: block.columnOffset + column + (line === 1 ? prefix : 0) };
      return start ? { source: location.source, line: start.line, column: start.column } : location;
    };
    if (raw === undefined) {
      out.set(name, { name, value: undefined, fromHost: true, location, locate, unknownLines: [], assumed: [] });
      return;
    }
    // Interpolate line by line, so a line that depends on an unknown variable can be left out alone.
    const unknownLines: EnvVariable["unknownLines"] = [];
    const assumed: string[] = [];
    const lines = raw.split("\n").map((l, i) => {
      const r = interpolate(l);
      assumed.push(...r.assumed);
      if (r.text === undefined) {
        unknownLines.push({ line: i + 1, key: l.split(":")[0]!.trim(), variables: r.unknown });
        return "";
      }
      return r.text;
    });
    out.set(name, { name, value: lines.join("\n"), fromHost: false, location, locate, unknownLines, assumed });
  };
  if (Array.isArray(env)) {
    env.forEach((item, i) => {
      const s = scalarText(item);
      if (s === undefined) return;
      const eq = s.indexOf("=");
      if (eq < 0) add(s.trim(), undefined, [...path, i], 0);
      else add(s.slice(0, eq), s.slice(eq + 1), [...path, i], eq + 1);
    });
  } else if (isObject(env)) {
    for (const [k, v] of Object.entries(env)) {
      if (v === null || v === undefined) add(k, undefined, [...path, k], 0);
      else {
        const s = scalarText(v);
        if (s !== undefined) add(k, s, [...path, k], 0);
      }
    }
  }
  return out;
}
