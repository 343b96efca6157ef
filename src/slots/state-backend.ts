/**
 * The job's state backend and whether it keeps state in managed memory, decided as Flink's
 * `StateBackendLoader.stateBackendFromApplicationOrConfigOrDefaultUseManagedMemory` does:
 * the application's backend first (here: the caller's choice), then the configured one
 * (`state.backend.type`, before 1.17 `state.backend`), else the heap default. RocksDB and ForSt
 * use managed memory (`AbstractManagedMemoryStateBackend`), heap backends do not; a name that is
 * no shortcut of the release is loaded as a factory class, and when that fails Flink reserves
 * managed memory ("Cannot decide whether state backend uses managed memory").
 * @module
 */
import type { Configuration } from "../config/configuration.js";
import type { SourceLocation } from "../errors.js";
import { FEATURES, has, type Feature } from "../versions/features.js";
import { atLeast } from "../versions/version.js";

/** Shortcut names a caller may choose (the heap backend is `hashmap` in every release here). */
export type StateBackendKind = "rocksdb" | "hashmap" | "forst";

export const STATE_BACKEND_KINDS: readonly StateBackendKind[] = ["rocksdb", "hashmap", "forst"];

/** Where an assumption about the job came from: the caller, the configuration, or Flink's default. */
export type AssumptionSource =
  | { by: "caller" }
  | { by: "config"; key: string; location?: SourceLocation }
  | { by: "default" };

export interface StateBackendChoice {
  /** The backend as a shortcut name; `undefined` for a factory class we cannot load. */
  kind: StateBackendKind | undefined;
  /** How Flink names what it loads, e.g. "rocksdb", "hashmap (the default)", "a factory class". */
  label: string;
  usesManagedMemory: boolean;
  /** Why it does or does not take managed memory, e.g. "which keeps state in managed memory". */
  managedText: string;
  from: AssumptionSource;
  /** What the configuration says when the caller's choice overrode it (a shortcut name, never other text). */
  overridden?: string;
  /** Something Flink does with it that the user should know (our words, Flink's messages quoted). */
  warning?: string;
}

/** The shortcuts one release knows, each with the feature that brings it and whether it uses managed memory. */
const SHORTCUTS: readonly { name: string; feature?: Feature; managed: boolean; heapAlias?: boolean }[] = [
  { name: "rocksdb", managed: true },
  { name: "hashmap", feature: "hashMapStateBackendName", managed: false },
  { name: "jobmanager", feature: "legacyHeapStateBackendNames", managed: false, heapAlias: true },
  { name: "filesystem", feature: "legacyHeapStateBackendNames", managed: false, heapAlias: true },
  { name: "forst", feature: "forStStateBackend", managed: true },
];

type Version = Configuration["options"]["version"];

const known = (v: Version, s: (typeof SHORTCUTS)[number]) => s.feature === undefined || has(v, s.feature);

/** The release's name for its heap backend: `hashmap` from 1.13, `filesystem` before. */
function heapName(v: Version): string {
  return has(v, "hashMapStateBackendName") ? "hashmap" : "filesystem";
}

/** " (config.yaml:12)" for a configured value; empty otherwise. */
export function sourceText(from: AssumptionSource): string {
  if (from.by !== "config") return "";
  const l = from.location;
  return l ? ` (${l.line ? `${l.source}:${l.line}` : l.source})` : "";
}

/** A shortcut of another release that this one does not know, and what this release calls it. */
function misplacedShortcut(name: string, v: Version): string | undefined {
  const s = SHORTCUTS.find((x) => x.name === name);
  if (!s || known(v, s)) return undefined;
  const span = FEATURES[s.feature!] as { since?: string; until?: string };
  const when = span.since !== undefined && !atLeast(v, span.since) ? `a shortcut from Flink ${span.since} on` : `a shortcut before Flink ${span.until}`;
  const instead = !s.managed ? ` Flink ${v.line} calls its heap backend '${heapName(v)}'.` : "";
  return `Flink ${v.line} does not know the state backend '${name}' (${when}): it tries to load it as a factory class, which fails, so a job without its own backend fails with "Cannot find configured state backend factory class: ${name}", and the managed memory decision reserves STATE_BACKEND ("Cannot decide whether state backend uses managed memory. Will reserve managed memory by default.").${instead}`;
}

const MANAGED = "which keeps state in managed memory";
const HEAP = "which keeps state on the JVM heap, not in managed memory";

/** What Flink decides for a configured value (matched case-insensitively, as Flink does). */
function decide(value: string, v: Version): Pick<StateBackendChoice, "kind" | "label" | "usesManagedMemory" | "managedText" | "warning"> {
  const name = value.toLowerCase();
  const s = SHORTCUTS.find((x) => x.name === name && known(v, x));
  if (s) {
    const kind: StateBackendKind = s.managed ? (name === "forst" ? "forst" : "rocksdb") : "hashmap";
    const deprecated = s.heapAlias && has(v, "hashMapStateBackendName") ? `, deprecated since Flink ${FEATURES.hashMapStateBackendName.since} for 'hashmap'` : "";
    return { kind, label: s.heapAlias ? `${name} (a heap backend${deprecated})` : name, usesManagedMemory: s.managed, managedText: s.managed ? MANAGED : HEAP };
  }
  const misplaced = misplacedShortcut(name, v);
  if (misplaced) return { kind: undefined, label: `'${name}'`, usesManagedMemory: true, managedText: `a name Flink ${v.line} does not know, so it reserves managed memory for STATE_BACKEND`, warning: misplaced };
  // A factory class: Flink asks the backend it creates. We cannot, so we take Flink's fallback.
  return {
    kind: undefined,
    label: "a state backend factory class",
    usesManagedMemory: true,
    managedText: "assumed to keep state in managed memory",
    warning: "The configured state backend is not a shortcut name but a factory class; whether it uses managed memory is its own answer. Assuming it does (as Flink assumes when it cannot load the class); choose the backend explicitly to see the other case.",
  };
}

/**
 * The job's state backend: the caller's choice when given (it stands for the backend the
 * application sets), else the configured one, else the release's default (a heap backend).
 */
export function stateBackendOf(config: Configuration, chosen?: StateBackendKind): StateBackendChoice {
  const v = config.options.version;
  const option = config.options.find<"string">("stateBackend");
  const found = option ? config.lookup(option) : undefined;
  const configured = option && found ? config.get(option) : undefined;
  const fromConfig: AssumptionSource | undefined = found ? { by: "config", key: found.key, ...(found.entry.location ? { location: found.entry.location } : {}) } : undefined;
  if (chosen !== undefined) {
    const managed = chosen !== "hashmap";
    const choice: StateBackendChoice = { kind: chosen, label: chosen, usesManagedMemory: managed, managedText: managed ? MANAGED : HEAP, from: { by: "caller" } };
    if (configured !== undefined) {
      const d = decide(configured, v);
      // Only a shortcut name is repeated back: other values are not ours to print.
      choice.overridden = d.kind !== undefined ? `${d.kind} from ${found!.key}${sourceText(fromConfig!)}` : `${found!.key}${sourceText(fromConfig!)}`;
    }
    return choice;
  }
  if (configured !== undefined && fromConfig) return { ...decide(configured, v), from: fromConfig };
  // No value, or the default "hashmap" of 1.19+: the heap backend (MemoryStateBackend before 1.13).
  const label = has(v, "hashMapStateBackendName") ? "hashmap (the default: none configured)" : "MemoryStateBackend, a heap backend (the default: none configured)";
  return { kind: "hashmap", label, usesManagedMemory: false, managedText: HEAP, from: { by: "default" } };
}

/** "rocksdb from state.backend.type (config.yaml:12)" and the like. */
export function describeStateBackend(c: StateBackendChoice): string {
  const source = c.from.by === "caller" ? " as given" : c.from.by === "config" ? ` from ${c.from.key}${sourceText(c.from)}` : "";
  const over = c.overridden ? `; it overrides ${c.overridden}` : "";
  return `${c.label}${source}${over}`;
}
