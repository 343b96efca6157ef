/**
 * Which tag a scalar gets, after snakeyaml-engine's `CoreScalarResolver` (the YAML 1.2 core
 * schema's implicit types, tried in snakeyaml's order, and the `${VAR}` environment tag).
 * @module
 */
import { TAG } from "./nodes.js";

const CORE_BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const CORE_INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const CORE_FLOAT = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const CORE_NULL = /^(?:~|null|Null|NULL| )?$/;
const ENV_FORMAT = /^\$\{\s*(?:(\w+)(?:(:?[-?])(\w+)?)?)\s*\}$/;

/** The tag an untagged plain scalar gets. */
export function resolveImplicit(value: string): string {
  if (CORE_NULL.test(value)) return TAG.null;
  if (CORE_BOOL.test(value)) return TAG.bool;
  if (CORE_INT.test(value)) return TAG.int;
  if (CORE_FLOAT.test(value)) return TAG.float;
  if (ENV_FORMAT.test(value)) return TAG.env;
  return TAG.str;
}

/** The tag of a scalar written without a tag (or with the non-specific `!`): implicit only when plain and untagged. */
export function resolveTagless(value: string, implicit: boolean): string {
  return implicit ? resolveImplicit(value) : TAG.str;
}
