/**
 * The derivation trace: how each component got its value, which path the engine took and
 * where it failed. The explainer, the web page and the fix-its read it; nothing in the
 * engine depends on it.
 * @module
 */

/** Memory components of a TaskManager or JobManager process. */
export type ComponentName =
  | "totalProcess"
  | "totalFlink"
  | "frameworkHeap"
  | "taskHeap"
  | "frameworkOffHeap"
  | "taskOffHeap"
  | "network"
  | "managed"
  | "jvmHeap"
  | "offHeap"
  | "metaspace"
  | "overhead";

/** How a component got its value. */
export type Origin =
  /** Read from a key the user set (`key` is the key actually used: main or fallback). */
  | { how: "configured"; key: string; optionKey: string }
  /** Not set: the option's default of this version. */
  | { how: "default"; optionKey: string }
  /** `fraction × base`, possibly capped into [min, max]. */
  | {
      how: "fraction";
      inverse: boolean;
      fraction: number;
      fractionKey: string;
      fractionConfigured: boolean;
      base: bigint;
      baseName: string;
      raw: bigint;
      min: bigint;
      max: bigint;
      capped?: "min" | "max";
    }
  /** What is left of `of` after subtracting `minus`. */
  | { how: "rest"; of: ComponentName; minus: ComponentName[] }
  /** Sum of `parts`. */
  | { how: "sum"; parts: ComponentName[] }
  /** Legacy `taskmanager.network.numberOfBuffers × segment size`. */
  | { how: "legacy-buffers"; buffers: number; segmentSize: bigint }
  /** Legacy heap option mapped to a new one. */
  | { how: "legacy-heap"; legacyKey: string; targetKey: string }
  /** Local execution: a fixed value Flink uses when the user set none. */
  | { how: "local"; reason: string };

export type Path = "fine-grained" | "total-flink" | "total-process" | "local";

export type TraceEvent =
  | { kind: "path"; path: Path; configured: string[] }
  | { kind: "component"; name: ComponentName; value: bigint; origin: Origin }
  /** A consistency check that passed, e.g. overhead within its range. */
  | { kind: "check"; what: string }
  /** What Flink would log at INFO/WARN while deriving. */
  | { kind: "log"; level: "info" | "warn"; message: string }
  | { kind: "legacy"; legacyKey: string; targetKey: string; value: bigint }
  /** The step that failed: Flink's exception class and message. */
  | { kind: "failure"; javaClass: string; message: string };

/** Collects events; a disabled trace costs one branch per event. */
export class Trace {
  readonly events: TraceEvent[] = [];
  constructor(readonly enabled = true) {}

  add(e: TraceEvent): void {
    if (this.enabled) this.events.push(e);
  }

  component(name: ComponentName, value: bigint, origin: Origin): void {
    if (this.enabled) this.events.push({ kind: "component", name, value, origin });
  }

  log(level: "info" | "warn", message: () => string): void {
    if (this.enabled) this.events.push({ kind: "log", level, message: message() });
  }

  /** The last origin recorded for a component. */
  origin(name: ComponentName): Origin | undefined {
    for (let i = this.events.length - 1; i >= 0; i--) {
      const e = this.events[i]!;
      if (e.kind === "component" && e.name === name) return e.origin;
    }
    return undefined;
  }
}
