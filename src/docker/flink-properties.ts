/**
 * How the official image's `docker-entrypoint.sh` turns the `FLINK_PROPERTIES` variable into
 * configuration, in its two generations (apache/flink-docker, commit 983be345, folders
 * `1.20/…` to `2.2/…`, and branches `dev-1.10` … `dev-1.18`):
 *
 * - images up to 1.18 append the variable's text, as is, to `conf/flink-conf.yaml` and then run
 *   `envsubst` over the whole file; Flink's line reader then reads it, so a later duplicate
 *   wins and lines without `": "` are skipped;
 * - images from 1.19 (`dockerConfigParser`) take the text line by line, delete every whitespace
 *   character of a line (`tr -d '[:space:]'`), split it at the first `:` (bash `read` with
 *   `IFS=:`), run `envsubst` on the value only and pass `-Dkey=value` to
 *   `config-parser-utils.sh`, which loads the configuration with those dynamic properties and
 *   writes it back: the pairs override the file, later ones winning, values as strings.
 *   Nested YAML cannot work there (`  size: 2g` sets the key `size`), `#` starts no comment,
 *   and spaces inside values vanish.
 * @module
 */
import type { ConfigInput } from "../config/load.js";
import { optionsFor } from "../options/registry.js";
import { has } from "../versions/features.js";
import type { FlinkVersion } from "../versions/version.js";
import { envsubst, type EnvLookup } from "./envsubst.js";
import { nestedLines, type NestedLine } from "./nested-lines.js";

/** One `-Dkey=value` the 1.19+ entrypoint derives from a line of FLINK_PROPERTIES. */
export interface PropertyPair {
  key: string;
  value: string;
  /** 1-based line of FLINK_PROPERTIES, and column where the line's first non-blank character is. */
  line: number;
  column: number;
  /** Whitespace inside the key or value was deleted (`2 g` became `2g`). */
  innerSpaceDropped: boolean;
  /** The line starts with `#`: not a comment here, a key that starts with `#`. */
  commentLine: boolean;
  /** The value holds a `#` (a trailing comment, kept in the value). */
  hashInValue: boolean;
  /** Variables the value referenced that were unset (they became empty). */
  unsetVariables: string[];
}

/** Bash `[:space:]`: space, tab, newline, vertical tab, form feed, carriage return. */
const SPACE = /[ \t\n\v\f\r]/g;

/**
 * The value bash `IFS=':' read -r key value` gives: the rest after the first ':', except that a
 * rest made of one field and one trailing ':' loses that ':' (`a:b:` gives `b`, `a:b:c:` keeps `b:c:`).
 */
function readValue(rest: string): string {
  return rest.endsWith(":") && rest.indexOf(":") === rest.length - 1 ? rest.slice(0, -1) : rest;
}

/** `echo $value` prints nothing for a value that bash's echo takes as its options (`-n`, `-e`, `-neE`). */
const ECHO_OPTIONS = /^-[neE]+$/;

/** The pairs the 1.19+ entrypoint passes for FLINK_PROPERTIES `text`, in order. */
export function configParserPairs(text: string, env: EnvLookup): PropertyPair[] {
  const out: PropertyPair[] = [];
  // `for prop in $text` with IFS=$'\n': non-empty lines (CR counts as whitespace and is deleted below).
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const original = lines[i]!;
    const prop = original.replace(SPACE, "");
    if (prop === "") continue;
    const colon = prop.indexOf(":");
    const key = colon < 0 ? prop : prop.slice(0, colon);
    const rawValue = colon < 0 ? "" : readValue(prop.slice(colon + 1));
    const echoed = ECHO_OPTIONS.test(rawValue) ? "" : rawValue;
    const sub = envsubst(echoed, env);
    const lead = original.length - original.replace(/^[ \t\v\f\r]+/, "").length;
    const trimmed = original.trim();
    const sep = trimmed.indexOf(":");
    const inner = (part: string) => /\S\s+\S/.test(part.trim());
    out.push({
      key,
      value: sub.text,
      line: i + 1,
      column: lead + 1,
      innerSpaceDropped: sep < 0 ? inner(trimmed) : inner(trimmed.slice(0, sep)) || inner(trimmed.slice(sep + 1)),
      commentLine: key.startsWith("#"),
      hashInValue: !key.startsWith("#") && rawValue.includes("#"),
      unsetVariables: sub.unset,
    });
  }
  return out;
}

/** The text the ≤1.18 entrypoint appends to flink-conf.yaml (`echo "${FLINK_PROPERTIES}" >> file`). */
export function appendedText(fileText: string, properties: string): string {
  return fileText + properties + "\n";
}

export interface AppliedProperties {
  input: ConfigInput;
  /** Lines of FLINK_PROPERTIES that set something (1.19+), or lines appended (≤1.18). */
  lines: number;
  /** How the image applies it, in a few words. */
  how: string;
  /** Variables referenced but unset in `env` (envsubst made them empty), on lines of options we model. */
  unsetVariables: string[];
  /** Lines written as nested YAML, which no image understands (keys only: values may be secret). */
  nested: NestedLine[];
}

/**
 * `input` with FLINK_PROPERTIES applied as the official image of `version` applies it: after
 * the configuration file, before the `-D` arguments. `env` is the environment `envsubst` sees.
 */
export function withFlinkProperties(input: ConfigInput, properties: string, version: FlinkVersion, env: EnvLookup): AppliedProperties {
  // Variable names are part of values: they are named only for options we model (others may be secrets).
  const options = optionsFor(version);
  const modelled = (key: string) => options.byKey(key) !== undefined;
  if (has(version, "dockerConfigParser")) {
    const pairs = configParserPairs(properties, env).filter((p) => p.key !== "");
    const dynamic = [...pairs.map((p) => [p.key, p.value] as const), ...(input.dynamic ?? [])];
    return {
      input: { ...input, ...(dynamic.length ? { dynamic } : {}) },
      lines: pairs.length,
      how: "as -D pairs before the command's -D (whitespace removed from each line), as the 1.19+ image does",
      unsetVariables: [...new Set(pairs.filter((p) => modelled(p.key)).flatMap((p) => p.unsetVariables))],
      nested: nestedLines(properties).filter((n) => !n.parent),
    };
  }
  const sub = envsubst(appendedText(input.flinkConfYaml ?? "", properties), env);
  const unset = properties
    .split("\n")
    .filter((l) => modelled(l.split("#")[0]!.split(": ")[0]!.trim()))
    .flatMap((l) => envsubst(l, env).unset);
  return {
    input: { ...input, flinkConfYaml: sub.text },
    lines: properties.split("\n").filter((l) => l.trim() !== "").length,
    how: `appended to ${input.flinkConfYamlName ?? "flink-conf.yaml"}, then envsubst over the file, as the image up to 1.18 does`,
    unsetVariables: [...new Set(unset)],
    nested: nestedLines(properties).filter((n) => !n.parent),
  };
}
