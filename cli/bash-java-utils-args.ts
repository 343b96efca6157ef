/**
 * BashJavaUtils' arguments as Flink reads them: `FlinkConfigLoader` first keeps only the tokens
 * its options know (`-c`/`--configDir` with the token after it, `-D` with the token after it,
 * and `-D…` tokens), then commons-cli's `DefaultParser` (1.5) reads `-c <dir>` (required, one
 * value) and `-D` (two values split at the first '='). The odd corners are Flink's own:
 * `-Dkey` means `key=true`, `-D k` is a missing argument, `--configDir=x` is dropped by the
 * filter (so the directory is missing), the first `--configDir` wins.
 * @module
 */

export type ArgsOutcome =
  | { ok: true; configDir: string; dynamic: [string, string][] }
  | { ok: false; cause: { javaClass: string; message: string } };

const stripHyphens = (t: string) => (t.startsWith("--") ? t.slice(2) : t.startsWith("-") ? t.slice(1) : t);
/** `Options.hasOption`: a known short or long name after hyphens. */
const isOptionName = (t: string) => ["c", "configDir", "D"].includes(stripHyphens(t));
/** `Options.getMatchingOptions` for long names (exact, else by prefix). */
const longMatches = (name: string) => (name === "configDir" ? ["configDir"] : "configDir".startsWith(name) && name !== "" ? ["configDir"] : []);

/** `FlinkConfigLoader.filterCmdArgs`. */
function filterTokens(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!;
    if (isOptionName(t)) {
      out.push(t);
      if (i + 1 < args.length) out.push(args[++i]!);
    } else if (t.startsWith("-D")) out.push(t);
  }
  return out;
}

interface OptionState {
  name: "c" | "D";
  values: string[];
}

const MAX_VALUES = { c: 1, D: 2 } as const;

/** Reads the arguments after the command; `ok: false` carries commons-cli's exception. */
export function parseFlinkArgs(args: readonly string[]): ArgsOutcome {
  const tokens = filterTokens(args);
  const seen: OptionState[] = [];
  let current: OptionState | undefined;
  let skip = false;
  const missing = (o: OptionState) => ({ ok: false as const, cause: { javaClass: "org.apache.commons.cli.MissingArgumentException", message: `Missing argument for option: ${o.name}` } });
  const acceptsArg = (o: OptionState) => o.values.length < MAX_VALUES[o.name];
  const addValue = (o: OptionState, value: string) => {
    // Option.processValue: split at the separator while more values are allowed.
    let v = value;
    if (o.name === "D") {
      let at = v.indexOf("=");
      while (at !== -1 && o.values.length !== MAX_VALUES.D - 1) {
        o.values.push(v.slice(0, at));
        v = v.slice(at + 1);
        at = v.indexOf("=");
      }
    }
    o.values.push(v);
  };
  const start = (name: "c" | "D"): ArgsOutcome | undefined => {
    if (current && acceptsArg(current)) return missing(current);
    current = { name, values: [] };
    seen.push(current);
    return undefined;
  };
  const isShortOption = (t: string) => {
    if (!t.startsWith("-") || t.length === 1) return false;
    const eq = t.indexOf("=");
    const name = eq === -1 ? t.slice(1) : t.slice(1, eq);
    return name === "c" || name === "D" || (name.length > 0 && (name[0] === "c" || name[0] === "D"));
  };
  const isLongOption = (t: string) => t.startsWith("-") && t.length > 1 && longMatches(stripHyphens(t.split("=")[0]!)).length > 0;
  const isArgument = (t: string) => !(isShortOption(t) || isLongOption(t)) || /^-\d+(\.\d+)?$/.test(t);
  for (const t of tokens) {
    if (skip) continue;
    if (current && acceptsArg(current) && isArgument(t)) {
      addValue(current, t);
      continue;
    }
    if (t.startsWith("--")) {
      const eq = t.indexOf("=");
      const name = eq === -1 ? t.slice(2) : t.slice(2, eq);
      if (longMatches(name).length === 0) {
        // Unknown: with stopAtNonOption the rest of the line is left as arguments.
        skip = true;
        continue;
      }
      const r = start("c");
      if (r) return r;
      if (eq !== -1) {
        addValue(current!, t.slice(eq + 1));
        current = undefined;
      }
      continue;
    }
    if (t.startsWith("-") && t !== "-") {
      const body = stripHyphens(t);
      const eq = body.indexOf("=");
      if (body.length === 1) {
        const r = start(body as "c" | "D");
        if (r) return r;
      } else if (eq === -1) {
        if (longMatches(body).length > 0) {
          const r = start("c");
          if (r) return r;
        } else if (body[0] === "c" || body[0] === "D") {
          // `-cDIR` / `-Dflag`: the rest of the token is the value.
          const r = start(body[0]);
          if (r) return r;
          addValue(current!, body.slice(1));
          current = undefined;
        } else skip = true;
      } else {
        const name = body.slice(0, eq);
        const value = body.slice(eq + 1);
        if (name === "c" || name === "D") {
          const r = start(name);
          if (r) return r;
          addValue(current!, value);
          current = undefined;
        } else if (name[0] === "D") {
          // -Dkey=value
          const r = start("D");
          if (r) return r;
          current!.values.push(name.slice(1));
          addValue(current!, value);
          current = undefined;
        } else if (longMatches(name).length > 0) {
          const r = start("c");
          if (r) return r;
          addValue(current!, value);
          current = undefined;
        } else skip = true;
      }
      continue;
    }
    skip = true;
  }
  if (current && acceptsArg(current)) return missing(current);
  const dirs = seen.filter((o) => o.name === "c");
  if (dirs.length === 0) return { ok: false, cause: { javaClass: "org.apache.commons.cli.MissingOptionException", message: "Missing required option: c" } };
  // CommandLine.getOptionValue: the first value of the first occurrence; getOptionProperties: later keys win.
  const configDir = dirs.flatMap((o) => o.values)[0]!;
  const props = new Map<string, string>();
  for (const o of seen) if (o.name === "D" && o.values.length > 0) props.set(o.values[0]!, o.values.length === 1 ? "true" : o.values[1]!);
  return { ok: true, configDir, dynamic: [...props] };
}
