/**
 * GNU `envsubst` with no arguments, as the official image's entrypoint runs it: every `$NAME`
 * and `${NAME}` (NAME = letter or `_`, then letters, digits, `_`) becomes the variable's value,
 * or nothing when it is unset. Anything else — `${A:-x}`, `$$`, `$1`, a backslash — stays as is.
 * @module
 */

/** A container's environment: a variable's value, or `undefined` when it is not set. */
export type EnvLookup = (name: string) => string | undefined;

export interface Substituted {
  text: string;
  /** Names referenced, in order of first use. */
  used: string[];
  /** Names referenced but unset: they became empty text. */
  unset: string[];
}

const REFERENCE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export function envsubst(text: string, env: EnvLookup): Substituted {
  const used: string[] = [];
  const unset: string[] = [];
  const out = text.replace(REFERENCE, (_m, braced: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
    const value = env(name);
    if (!used.includes(name)) used.push(name);
    if (value === undefined && !unset.includes(name)) unset.push(name);
    return value ?? "";
  });
  return { text: out, used, unset };
}
