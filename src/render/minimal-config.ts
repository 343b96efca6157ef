/**
 * The smallest set of options that resolves to the same process: every option whose removal
 * leaves all components, JVM flags and dynamic configs unchanged is dropped. Each drop is
 * checked by resolving again, so the result is exact by construction.
 * @module
 */
import { FlinkError } from "../errors.js";
import { resolveJobManager, resolveTaskManager } from "../resolve.js";

export type OptionPairs = readonly (readonly [string, string])[];

function fingerprint(kind: "tm" | "jm", flink: string, dynamic: OptionPairs): string | undefined {
  try {
    const r = (kind === "tm" ? resolveTaskManager : resolveJobManager)({ flink, dynamic, trace: false });
    const spec = Object.entries(r.spec).map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : String(v)}`);
    return [r.jvmParameters, r.dynamicConfigs, ...spec].join("\n");
  } catch (e) {
    if (e instanceof FlinkError) return undefined;
    throw e;
  }
}

/**
 * `pairs` reduced to what matters (later duplicates win, as with `-D`), or `undefined` when
 * `pairs` do not resolve at all.
 */
export function minimalConfig(kind: "tm" | "jm", flink: string, pairs: OptionPairs): [string, string][] | undefined {
  const last = new Map<string, string>();
  for (const [k, v] of pairs) {
    last.delete(k);
    last.set(k, v);
  }
  let kept: [string, string][] = [...last];
  const target = fingerprint(kind, flink, kept);
  if (target === undefined) return undefined;
  for (let i = kept.length - 1; i >= 0; i--) {
    const without = kept.filter((_, j) => j !== i);
    if (fingerprint(kind, flink, without) === target) kept = without;
  }
  return kept;
}

const PLAIN_YAML = /^[A-Za-z0-9][A-Za-z0-9 ._:,;/+-]*$/;
const YAML_WORDS = /^(true|false|yes|no|on|off|null|~|y|n)$/i;

/** `key: value` lines, quoting values YAML would read differently than Flink's `-D`. */
export function toConfigYaml(pairs: OptionPairs): string {
  return pairs
    .map(([k, v]) => {
      const plain = PLAIN_YAML.test(v) && !/: |:$| #/.test(v) && !YAML_WORDS.test(v) && v.trim() === v;
      return `${k}: ${plain ? v : `'${v.replace(/'/g, "''")}'`}`;
    })
    .map((l) => l + "\n")
    .join("");
}

/** `-Dkey=value` arguments for a POSIX shell. */
export function toDynamicFlags(pairs: OptionPairs): string {
  return pairs
    .map(([k, v]) => {
      const arg = `-D${k}=${v}`;
      return /^[A-Za-z0-9._:,=+/-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
    })
    .join(" ");
}
