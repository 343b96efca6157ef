/**
 * Cases in the golden format (`{id, flink, mode, input}`) and their answers in the same
 * format as Flink's (`{id, ...expected}` or `{id, error: {class, message, causes}}`).
 * This is what `flink-memory batch` streams; it is pure so tests and tools can call it.
 * @module
 */
import { has } from "./versions/features.js";
import { FlinkError, JavaClass } from "./errors.js";
import { resolveJobManager, resolveLocal, resolveTaskManager } from "./resolve.js";
import { resolveManagedFraction } from "./weights/consumer-weights.js";
import type { ExternalResource } from "./model/external-resources.js";

export type CaseMode = "tm" | "jm" | "tm-local" | "managed-fraction";

export interface CaseInput {
  configYaml?: string;
  flinkConfYaml?: string;
  dynamic?: [string, string][];
  [key: string]: unknown;
}

export interface Case {
  id?: unknown;
  flink?: string;
  mode?: CaseMode;
  input?: CaseInput;
}

export type CaseAnswer = { id: unknown } & Record<string, unknown>;

const resources = (rs: ExternalResource[]) => Object.fromEntries(rs.map((r) => [r.name, r.value]));

/** A malformed case: the answer names what is wrong, in the same error shape. */
function badCase(message: string): FlinkError {
  return new FlinkError(JavaClass.IllegalArgument, message);
}

function validateInput(c: Case): CaseInput {
  const input = c.input;
  if (input === null || typeof input !== "object" || Array.isArray(input)) throw badCase("case has no 'input' object");
  for (const k of ["configYaml", "flinkConfYaml"] as const) {
    if (input[k] !== undefined && typeof input[k] !== "string") throw badCase(`input.${k} must be a string`);
  }
  if (input.dynamic !== undefined) {
    if (!Array.isArray(input.dynamic) || !input.dynamic.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === "string" && typeof p[1] === "string")) {
      throw badCase("input.dynamic must be a list of [key, value] string pairs");
    }
  }
  return input;
}

/** Computes the answer to one case; never throws for bad input. */
export function answerCase(c: unknown): CaseAnswer {
  const id = c !== null && typeof c === "object" && "id" in c ? (c as Case).id : null;
  try {
    if (c === null || typeof c !== "object" || Array.isArray(c)) throw badCase("a case must be a JSON object");
    const kase = c as Case;
    if (kase.flink !== undefined && typeof kase.flink !== "string") throw badCase("'flink' must be a version string");
    const input = validateInput(kase);
    const req = { ...input, ...(kase.flink ? { flink: kase.flink } : {}), trace: false };
    switch (kase.mode) {
      case "tm": {
        const r = resolveTaskManager(req);
        const s = r.spec;
        return {
          id,
          frameworkHeap: String(s.frameworkHeap),
          taskHeap: String(s.taskHeap),
          frameworkOffHeap: String(s.frameworkOffHeap),
          taskOffHeap: String(s.taskOffHeap),
          network: String(s.network),
          managed: String(s.managed),
          jvmMetaspace: String(s.metaspace),
          jvmOverhead: String(s.overhead),
          totalFlinkMemory: String(s.totalFlink),
          totalProcessMemory: String(s.totalProcess),
          jvmHeap: String(s.jvmHeap),
          jvmDirect: String(s.jvmDirect),
          cpuCores: s.cpuCores.decimal,
          // Only versions whose TaskExecutorProcessSpec carries them (features taskManagerSpecSlots, taskManagerExternalResources).
          ...(s.numSlots !== undefined ? { numSlots: s.numSlots } : {}),
          ...(s.extendedResources ? { extendedResources: resources(s.extendedResources) } : {}),
          jvmParams: r.jvmParameters,
          dynamicConfigs: r.dynamicConfigs,
          bashJavaUtils: r.bashJavaUtils,
        };
      }
      case "jm": {
        const r = resolveJobManager(req);
        const s = r.spec;
        return {
          id,
          jvmHeap: String(s.jvmHeap),
          offHeap: String(s.offHeap),
          jvmMetaspace: String(s.metaspace),
          jvmOverhead: String(s.overhead),
          totalFlinkMemory: String(s.totalFlink),
          totalProcessMemory: String(s.totalProcess),
          jvmParams: r.jvmParameters,
          // 1.11's BashJavaUtils prints the JobManager's JVM flags only.
          ...(has(r.version, "jobManagerDynamicConfigs") ? { dynamicConfigs: r.dynamicConfigs } : {}),
          bashJavaUtils: r.bashJavaUtils,
        };
      }
      case "tm-local": {
        const s = resolveLocal(req).spec;
        return {
          id,
          cpuCores: s.cpuCores.decimal,
          taskHeap: String(s.taskHeap),
          taskOffHeap: String(s.taskOffHeap),
          network: String(s.network),
          managed: String(s.managed),
          // Only versions that have them (features taskManagerExternalResources, localExecutionTotals).
          ...(s.extendedResources ? { extendedResources: resources(s.extendedResources) } : {}),
          ...(s.totalFlink !== undefined ? { totalFlinkMemory: String(s.totalFlink) } : {}),
          ...(s.totalProcess !== undefined ? { totalProcessMemory: String(s.totalProcess) } : {}),
        };
      }
      case "managed-fraction":
        return { id, ...resolveManagedFraction({ ...input, flink: kase.flink }) };
      default:
        throw badCase(`unknown mode '${String(kase.mode)}' (expected tm, jm, tm-local or managed-fraction)`);
    }
  } catch (e) {
    return { id, error: errorAnswer(e) };
  }
}

/** An error in the golden shape. Anything that is not a FlinkError is a bug, reported as such. */
export function errorAnswer(e: unknown): { class: string; message: string | null; causes: string[]; hint?: string; location?: unknown } {
  if (e instanceof FlinkError) {
    return {
      class: e.javaClass,
      message: e.noJavaMessage ? null : e.message,
      causes: e.causes,
      ...(e.hint ? { hint: e.hint } : {}),
      ...(e.rootLocation ? { location: e.rootLocation } : {}),
    };
  }
  return { class: "internal", message: `internal error: ${e instanceof Error ? e.message : String(e)}`, causes: [] };
}
