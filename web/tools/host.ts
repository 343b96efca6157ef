/**
 * The seam between the calculator and its tools (paste a file, migrate, inside the TaskManager,
 * diagnose). The tools ship as their own script, fetched the first time one is used, so the
 * calculator starts small; they see the page only through this interface: plain data and
 * callbacks, never the page's modules (a second copy of those would be a second state).
 */
import type { ComponentName } from "../../src/model/trace.js";

export type ProcessKind = "tm" | "jm";

/** What the calculator lends its tools. */
export interface PageHost {
  /** The release chosen with the page's version selector. */
  flink(): string;
  /** The process the calculator shows. */
  process(): ProcessKind;
  /** The form's options as `-D` pairs: of one process, or of both. */
  pairs(process: ProcessKind | "both"): [string, string][];
  /** The keys the form offers for the chosen release. */
  formKeys(): ReadonlySet<string>;
  /** Sets these options (read from a pasted file) and redraws. */
  fill(values: readonly (readonly [string, string])[]): void;
  /** Takes the user to the page's version selector. */
  chooseFlink(): void;
  /** Marks the diagram's parts at fault (none: unmarks), with the findings' kinds as the reason. */
  markFaults(components: ComponentName[], why: string): void;
}

/** Which box a file was dropped on. */
export type DropTarget = "paste" | "diagnose";

/** What the tools give back. */
export interface Tools {
  /** The calculator changed (a value, the release or the process): tools that are open follow. */
  changed(): void;
  /** A file dropped on a tool's box (the page catches drops, so one before loading is kept too). */
  drop(target: DropTarget, file: File): void;
}

/** The global the tools script sets (a classic script: it loads from file:// too). */
export const TOOLS_GLOBAL = "flinkMemoryTools";

export interface ToolsModule {
  mountTools(host: PageHost): Tools;
}
