/**
 * Writes `config.yaml` entries back as a flat file (`a.b.c: value`, one per line) that Flink's
 * reader turns into the same keys and typed values. Used when a key has to be taken out of a
 * nested file; callers re-read the result to make sure it round-trips.
 * @module
 */
import { rawToYamlString, type RawValue } from "../config/raw-value.js";

/** JSON strings are YAML double-quoted scalars: every character survives. */
const quoted = (s: string) => JSON.stringify(s);

function scalar(v: RawValue): string {
  switch (v.t) {
    case "str":
      return quoted(v.v);
    case "int":
    case "float":
    case "double":
    case "bool":
      return rawToYamlString(v);
    default:
      return quoted(rawToYamlString(v));
  }
}

export function writeFlatYaml(entries: readonly { key: string; value: RawValue }[]): string {
  return entries.map((e) => `${quoted(e.key)}: ${scalar(e.value)}\n`).join("");
}
