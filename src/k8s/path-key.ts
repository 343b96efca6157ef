/**
 * How a place in a YAML document is keyed: its path of map keys and sequence indexes joined by
 * NUL (which no key of a manifest holds). One definition for both manifest readers.
 * @module
 */
const SEPARATOR = "\u0000";

/** The key of a whole path, e.g. `["spec", "flinkConfiguration"]`. */
export function pathKey(path: readonly (string | number)[]): string {
  return path.join(SEPARATOR);
}

/** The key of a child, from its parent's key (undefined at the root) and its own step. */
export function childKey(parent: string | undefined, step: string | number): string {
  return parent === undefined ? String(step) : parent + SEPARATOR + step;
}
