/**
 * What every option and argument of every command accepts, checked in one place before any
 * command runs: a value outside it is a usage error (exit 2) of one line naming the option and
 * what it accepts, e.g. `flink-memory: option '--flink <version>' argument '3.0' is invalid.
 * Supported: 1.10, …`. Commands declare their options in main.ts; `applyValueRules` attaches
 * these rules by name, and refuses to start when a value-taking option has no rule, so a new
 * option cannot skip validation by accident.
 * @module
 */
import { InvalidArgumentError, type Argument, type Command, type Option } from "commander";
import { FlinkError } from "../src/errors.js";
import { parseContainerSize } from "../src/sizing/kubernetes-quantity.js";
import { flinkVersion, SUPPORTED_LINES } from "../src/versions/version.js";
import { isUseCase, USE_CASES } from "../src/weights/consumer-weights.js";

/** Checks a value and returns it unchanged (commands parse it as before), or throws what is accepted. */
export type ValueRule = (value: string) => string;

const refuse = (accepted: string): never => {
  throw new InvalidArgumentError(accepted);
};

const VERSION: ValueRule = (v) => {
  try {
    flinkVersion(v);
    return v;
  } catch (e) {
    if (!(e instanceof FlinkError)) throw e;
    return refuse(`Supported: ${SUPPORTED_LINES.join(", ")}, or a patch release of one such as 1.13.6.`);
  }
};

/** Slot and operator counts are Java ints in Flink. */
const WHOLE_NUMBER: ValueRule = (v) => (/^\d{1,10}$/.test(v) && Number(v) >= 1 && Number(v) <= 2 ** 31 - 1 ? v : refuse("Expected a whole number from 1 to 2147483647."));

const FRACTION: ValueRule = (v) => (/^\d*\.?\d+$/.test(v) && Number(v) < 1 ? v : refuse("Expected a number at least 0 and below 1, such as 0.4."));

const SIZE: ValueRule = (v) => {
  try {
    parseContainerSize(v);
    return v;
  } catch (e) {
    if (!(e instanceof FlinkError)) throw e;
    return refuse("Expected a memory size: Flink's (512m, 4g, 4096 mb) or a Kubernetes quantity (4Gi, 4096Mi, 4G).");
  }
};

const oneOf = (choices: readonly string[], ignoreCase = false): ValueRule => (v) =>
  choices.includes(ignoreCase ? v.toLowerCase() : v) ? v : refuse(`Allowed choices are ${choices.join(", ")}${ignoreCase ? " (any case)" : ""}.`);

const CONSUMERS: ValueRule = (v) => {
  const list = v.split(",").map((s) => s.trim().toUpperCase()).filter((s) => s !== "");
  return list.every(isUseCase) ? v : refuse(`Expected a comma-separated list of ${USE_CASES.join(", ")}.`);
};

/** A file we write YAML to: its name says so (Flink and kubectl read .yaml/.yml files). */
const YAML_OUT: ValueRule = (v) => (/\.ya?ml$/i.test(v) && !/[\u0000-\u001f]/.test(v) ? v : refuse("Expected a file name ending in .yaml or .yml."));

/** A TCP port; 0 lets the system pick a free one. */
const PORT: ValueRule = (v) => (/^\d{1,5}$/.test(v) && Number(v) <= 65535 ? v : refuse("Expected a port number from 0 to 65535 (0: any free port)."));

/** An IPv6 address, as the URL parser reads one (no node:net, so other commands start without it). */
const isIPv6 = (v: string): boolean => {
  if (!/^[0-9a-f:.]+$/i.test(v) || !v.includes(":")) return false;
  try {
    new URL(`http://[${v}]/`);
    return true;
  } catch {
    return false;
  }
};

/** An IP address or a host name to listen on (a dotted quad of numbers is a host name only as an IPv4 address). */
const HOST: ValueRule = (v) =>
  isIPv6(v) ||
  /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(v) ||
  (!/^[\d.]+$/.test(v) && /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(v)) ? v : refuse("Expected an IP address (0.0.0.0, ::, 127.0.0.1) or a host name.");

/** A request body limit: a memory size from 1 KiB to 1 GiB. */
const BODY_SIZE: ValueRule = (v) => {
  const accepted = "Expected a size from 1Ki to 1Gi, such as 4Mi or 512k.";
  try {
    const bytes = parseContainerSize(v).bytes;
    return bytes >= 1024n && bytes <= 1073741824n ? v : refuse(accepted);
  } catch (e) {
    if (!(e instanceof FlinkError)) throw e;
    return refuse(accepted);
  }
};

/** A duration: 10ms to 1 hour, in ms, s or m. */
const DURATION: ValueRule = (v) => {
  const m = /^(\d{1,7})(ms|s|m)$/.exec(v);
  const ms = m ? Number(m[1]) * (m[2] === "ms" ? 1 : m[2] === "s" ? 1000 : 60_000) : NaN;
  return ms >= 10 && ms <= 3_600_000 ? v : refuse("Expected a duration from 10ms to 60m, such as 500ms, 10s or 2m.");
};

/** Free text: checked where it is used (files by the input reader, `-D` pairs by their parser). */
const FREE = null;

/**
 * Rules by option (long name, camel case as commander names it) and by argument name.
 * `--format` is not here: each command declares its own choices with the option.
 */
const OPTION_RULES: Record<string, ValueRule | typeof FREE> = {
  flink: VERSION,
  slots: WHOLE_NUMBER,
  statefulOperators: WHOLE_NUMBER,
  operators: WHOLE_NUMBER,
  managedFraction: FRACTION,
  container: SIZE,
  minTaskHeap: SIZE,
  minManaged: SIZE,
  minNetwork: SIZE,
  minHeap: SIZE,
  taskHeapPerSlot: SIZE,
  managedPerSlot: SIZE,
  networkPerSlot: SIZE,
  heap: SIZE,
  offHeap: SIZE,
  consumers: CONSUMERS,
  stateBackend: oneOf(["rocksdb", "hashmap", "forst"], true),
  job: oneOf(["streaming", "batch"], true),
  failOn: oneOf(["error", "warning", "note", "none"]),
  config: FREE,
  configDir: FREE,
  dynamic: FREE,
  topology: FREE,
  // A file path, checked when read.
  operatorConfig: FREE,
  from: VERSION,
  to: VERSION,
  out: YAML_OUT,
  keepLayout: oneOf(["true", "false"]),
  port: PORT,
  host: HOST,
  // PEM files, checked when read.
  tlsCert: FREE,
  tlsKey: FREE,
  maxBody: BODY_SIZE,
  requestTimeout: DURATION,
  shutdownTimeout: DURATION,
};

const ARGUMENT_RULES: Record<string, ValueRule | typeof FREE> = {
  process: oneOf(["tm", "jm"]),
  from: VERSION,
  to: VERSION,
  paths: FREE,
  path: FREE,
  file: FREE,
  args: FREE,
};

function takesValue(o: Option): boolean {
  return o.required || o.optional;
}

/**
 * Attaches the rules to every option and argument of `program`'s commands. Throws (a bug, not
 * a usage error) when a value-taking option or argument has neither a rule nor declared choices.
 */
export function applyValueRules(program: Command): void {
  for (const command of program.commands) {
    for (const option of command.options as Option[]) {
      if (!takesValue(option) || option.argChoices) continue;
      const rule = OPTION_RULES[option.attributeName()];
      if (rule === undefined) throw new Error(`${command.name()} ${option.flags}: no value rule in cli/option-values.ts`);
      if (rule) option.argParser(rule);
    }
    for (const argument of command.registeredArguments as Argument[]) {
      if (argument.argChoices) continue;
      const rule = ARGUMENT_RULES[argument.name()];
      if (rule === undefined) throw new Error(`${command.name()} <${argument.name()}>: no value rule in cli/option-values.ts`);
      if (!rule) continue;
      if (argument.variadic) argument.argParser((v: string, previous: string[] | undefined) => [...(previous ?? []), rule(v)]);
      else argument.argParser(rule);
    }
  }
}

/**
 * Commander's error text as our one usage line: `flink-memory: ` instead of `error: `, a value
 * that spans lines kept on one, and the value of an unknown `--key=value` not shown (a mistyped
 * option may carry a credential).
 */
export function usageLine(text: string): string {
  const line = text.replace(/^error: /, "").trim().replace(/\s*[\r\n]+\s*/g, " ");
  return `flink-memory: ${line.replace(/'(--?[^'=\s]+)=[^']*'/g, "'$1=…'")}\n`;
}
