/**
 * What the slot's job declares for managed memory, from what the user says about the job and
 * what the configuration says: keyed operators of a streaming job declare STATE_BACKEND
 * (`Transformation.updateManagedMemoryStateBackendUseCase`), a batch job's sort and hash
 * operators declare OPERATOR (its keyed state lives in the batch state backend, outside managed
 * memory), and Python operators declare PYTHON (`PythonConfigUtil`). These are assumptions, so
 * each comes with where it came from.
 * @module
 */
import type { Configuration } from "../config/configuration.js";
import { has } from "../versions/features.js";
import { USE_CASES, type UseCase } from "../weights/consumer-weights.js";
import { describeStateBackend, sourceText, stateBackendOf, type AssumptionSource, type StateBackendChoice, type StateBackendKind } from "./state-backend.js";

export type JobKind = "streaming" | "batch";

export interface JobRequest {
  /** Streaming or batch; default: `execution.runtime-mode`, else streaming. */
  job?: JobKind;
  /** Whether the job has Python UDFs; default false. */
  python?: boolean;
  /** The application's state backend; default: the configured one. */
  stateBackend?: StateBackendKind;
  /** The use cases outright, instead of deriving them from the job. */
  consumers?: readonly UseCase[];
}

export interface JobAssumptions {
  job: { kind: JobKind; from: AssumptionSource; overridden?: string };
  python: { value: boolean; from: AssumptionSource };
  stateBackend: StateBackendChoice;
  /** Whether STATE_BACKEND counts: the backend uses managed memory and the job is streaming. */
  stateBackendUsesManagedMemory: boolean;
  /** The use cases the slot's job declares, in Flink's order. */
  useCases: UseCase[];
  useCasesFrom: "caller" | "job";
  /** One sentence a user can check and change. */
  summary: string;
  /** What else the user should know (Flink's behaviour with these settings). */
  notes: string[];
}

const MODES: Record<string, JobKind | "automatic"> = { STREAMING: "streaming", BATCH: "batch", AUTOMATIC: "automatic" };

function jobKindOf(config: Configuration, chosen: JobKind | undefined, notes: string[]): JobAssumptions["job"] {
  const option = config.options.find<"string">("runtimeMode");
  const found = option ? config.lookup(option) : undefined;
  const from: AssumptionSource | undefined = found ? { by: "config", key: found.key, ...(found.entry.location ? { location: found.entry.location } : {}) } : undefined;
  const mode = option && found ? MODES[config.get(option)!.toUpperCase()] : undefined;
  if (found && mode === undefined) {
    notes.push(`${found.key}${sourceText(from!)} is none of STREAMING, BATCH, AUTOMATIC: a job that reads this configuration fails to start ("Could not parse value ... for key '${found.key}'").`);
  }
  if (chosen) {
    const job: JobAssumptions["job"] = { kind: chosen, from: { by: "caller" } };
    if (mode && mode !== chosen) job.overridden = `${found!.key}${sourceText(from!)} says ${mode.toUpperCase()}`;
    return job;
  }
  if (mode === "automatic") {
    notes.push(`${found!.key}${sourceText(from!)} is AUTOMATIC: Flink runs the job as batch when all its sources are bounded; assuming streaming.`);
    return { kind: "streaming", from: from! };
  }
  if (mode) return { kind: mode, from: from! };
  return { kind: "streaming", from: { by: "default" } };
}

/**
 * Whether the job's Python operators declare PYTHON: always from 1.13; in 1.12 only when
 * `python.fn-execution.memory.managed` is true. When it is false, the workers use none of it.
 */
function pythonDeclared(config: Configuration, notes: string[]): boolean {
  const option = config.options.find<"boolean">("pythonManaged");
  const found = option ? config.lookup(option) : undefined;
  if (!option || !found || config.get(option) !== false) return true;
  const where = `${found.key}${sourceText({ by: "config", key: found.key, ...(found.entry.location ? { location: found.entry.location } : {}) })} is false`;
  const v = config.options.version;
  if (!has(v, "pythonAlwaysDeclared")) {
    notes.push(`${where}: Flink ${v.line}'s Python operators then declare no PYTHON managed memory; the Python workers use task off-heap memory.`);
    return false;
  }
  notes.push(`${where}: the Python workers use task off-heap memory, but Flink ${v.line} still declares PYTHON, so its share stays reserved and unused.`);
  return true;
}

const sourceOf = (from: AssumptionSource) => (from.by === "caller" ? "as given" : from.by === "config" ? `from ${from.key}${sourceText(from)}` : "the default");

/** The job's use cases and the state backend's part, with the assumptions behind them. */
export function jobAssumptions(config: Configuration, req: JobRequest): JobAssumptions {
  const notes: string[] = [];
  const job = jobKindOf(config, req.job, notes);
  const python = { value: req.python ?? false, from: req.python === undefined ? ({ by: "default" } as const) : ({ by: "caller" } as const) };
  const backend = stateBackendOf(config, req.stateBackend);
  if (backend.warning) notes.push(backend.warning);
  const streaming = job.kind === "streaming";
  const declaresPython = python.value && pythonDeclared(config, notes);
  const derived: UseCase[] = [streaming ? "STATE_BACKEND" : "OPERATOR", ...(declaresPython ? (["PYTHON"] as const) : [])];
  const useCases = USE_CASES.filter((u) => (req.consumers ?? derived).includes(u));
  // Batch jobs keep keyed state in the batch state backend, which uses no managed memory.
  const stateBackendUsesManagedMemory = streaming && backend.usesManagedMemory;
  if (!python.value && req.consumers === undefined && [...config.entries()].some(([k]) => k.startsWith("python."))) {
    notes.push("The configuration sets python.* options: if the job has Python UDFs, they take PYTHON managed memory too.");
  }
  const jobText = req.consumers
    ? `a job declaring ${useCases.join(", ") || "no use case"} (as given)`
    : `a ${job.kind} job${streaming ? " with keyed state" : ""} (${sourceOf(job.from)}${job.overridden ? `; overrides ${job.overridden}` : ""}) and ${python.value ? "with" : "without"} Python UDFs (${sourceOf(python.from)})`;
  const backendText = streaming || req.consumers
    ? `the state backend is ${describeStateBackend(backend)}, ${backend.managedText}`
    : `a batch job keeps keyed state in the batch state backend, outside managed memory (the configured state backend, ${describeStateBackend(backend)}, is not used)`;
  return {
    job,
    python,
    stateBackend: backend,
    stateBackendUsesManagedMemory: req.consumers ? backend.usesManagedMemory : stateBackendUsesManagedMemory,
    useCases,
    useCasesFrom: req.consumers ? "caller" : "job",
    summary: `Assuming ${jobText}; ${backendText}.`,
    notes,
  };
}
