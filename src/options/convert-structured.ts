/**
 * Map- and list-typed option values (`taskmanager.memory.managed.consumer-weights`,
 * `external-resources`): Flink's YAML-first parsing with its legacy fallback.
 * @module
 */
import { illegalArgument } from "../errors.js";
import { rawToString, type RawValue } from "../config/raw-value.js";

/** `ConfigurationUtils.convertToProperties`. */
export function convertToMap(r: RawValue, _standardYaml: boolean): ReadonlyMap<string, string> {
  if (r.t === "map") return r.v;
  const s = rawToString(r);
  const out = new Map<string, string>();
  for (const entry of s.split(",")) {
    const kv = entry.split(":");
    if (kv.length !== 2) throw illegalArgument(`Could not parse value '${s}'`);
    out.set(kv[0]!.trim(), kv[1]!.trim());
  }
  return out;
}

/** `ConfigurationUtils.convertToList` for string lists. */
export function convertToList(r: RawValue, _standardYaml: boolean): readonly string[] {
  const s = rawToString(r);
  return s.split(";").map((x) => x.trim()).filter((x) => x.length > 0);
}
