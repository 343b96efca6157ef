/**
 * A topology document from text (YAML or JSON, JSON being YAML), read with the project's own
 * YAML reader so the page needs no second parser.
 * @module
 */
import { illegalArgument } from "../errors.js";
import { loadYamlObject, type YamlObject } from "../config/yaml/index.js";
import { rawToString } from "../config/raw-value.js";

function plain(y: YamlObject): unknown {
  switch (y.t) {
    case "null":
      return null;
    case "list":
      return y.items.map(plain);
    case "ymap":
      return Object.fromEntries(y.entries.map(([k, v]) => [k.t === "str" ? k.v : rawToString(k as never), plain(v)]));
    case "int":
      return Number(y.v);
    case "float":
    case "double":
      return y.v;
    case "bool":
      return y.v;
    case "str":
      return y.v;
    default:
      return rawToString(y);
  }
}

/** Parses topology text into the plain document `readTopology` checks. */
export function parseTopologyText(text: string): unknown {
  try {
    return plain(loadYamlObject(text));
  } catch (e) {
    throw illegalArgument(`Invalid topology: not YAML or JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}
