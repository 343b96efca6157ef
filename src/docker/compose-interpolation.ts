/**
 * Docker Compose's own `${VAR}` interpolation, done on the host before a container sees a value
 * (`$$` is how a `$` reaches the container, e.g. for the image's envsubst). The host environment
 * and `.env` are not known here, so every variable counts as unset: `${VAR:-default}` and
 * `${VAR-default}` take their default and `${VAR:+x}` / `${VAR+x}` give nothing — each an
 * assumption to state — while `$VAR`, `${VAR}`, `${VAR:?err}` leave the value unknown.
 * @module
 */

export interface Interpolated {
  /** The text with what could be resolved; undefined when a variable without default decides it. */
  text: string | undefined;
  /** Variables assumed unset (their default or nothing was used). */
  assumed: string[];
  /** Variables the value depends on that have no default. */
  unknown: string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function interpolate(text: string): Interpolated {
  const assumed: string[] = [];
  const unknown: string[] = [];
  const out = expand(text, assumed, unknown, 0);
  return { text: unknown.length ? undefined : out, assumed, unknown };
}

function expand(text: string, assumed: string[], unknown: string[], depth: number): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c !== "$") {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === "$") {
      out += "$";
      i += 2;
      continue;
    }
    if (next === "{") {
      const end = closingBrace(text, i + 2);
      if (end < 0 || depth > 10) {
        out += text.slice(i);
        break;
      }
      const body = text.slice(i + 2, end);
      const name = NAME.exec(body)?.[0] ?? "";
      const op = body.slice(name.length);
      if (name === "") unknown.push(body);
      else if (op === "" || /^:?\?/.test(op)) unknown.push(name);
      else if (/^:?-/.test(op)) {
        assumed.push(name);
        out += expand(op.replace(/^:?-/, ""), assumed, unknown, depth + 1);
      } else if (/^:?\+/.test(op)) assumed.push(name);
      else unknown.push(name);
      i = end + 1;
      continue;
    }
    const bare = NAME.exec(text.slice(i + 1))?.[0];
    if (bare) {
      unknown.push(bare);
      i += 1 + bare.length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** Index of the `}` closing a `${` whose body starts at `from`, nested `${…}` included. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === "$" && text[i + 1] === "{") {
      depth++;
      i++;
    } else if (text[i] === "}" && --depth === 0) return i;
  }
  return -1;
}
