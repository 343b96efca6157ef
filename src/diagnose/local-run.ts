/**
 * Local runs (a MiniCluster in an IDE, a test, a runner's local mode): Flink gives them fixed
 * sizes (network 64 MiB, managed 128 MiB unless set) instead of deriving them from a process
 * size, so a shortage there is fixed by setting the size itself in the Configuration the local
 * environment is created with, and checked the way Flink adjusts it for local execution.
 * @module
 */
import { resolveLocal, type ResolveRequest } from "../resolve.js";
import { shortSize } from "../render/table.js";
import { MiB } from "../size/memory-size.js";
import type { Evidence } from "./evidence.js";
import type { DiagnoseChange } from "./finding.js";
import { hits } from "./match.js";

/** The lines that show a local run (MiniCluster frames, local environments, the words). */
export function localRunLines(ev: Evidence): number[] | undefined {
  const h = hits(ev, /org\.apache\.flink\.runtime\.minicluster\.|\bMiniCluster\b|LocalStreamEnvironment|createLocalEnvironment|\bLocalExecutor\b|LocalEnvironment\.execute|\blocal (?:mode|execution|run|cluster)\b/)[0];
  return h?.lines;
}

/**
 * The network size a local run needs, set as min and max (a local run requires them equal),
 * checked by resolving local execution on `base`.
 */
export function localNetworkChange(base: ResolveRequest, needed: bigint, segment: number): DiagnoseChange {
  const size = ((needed + MiB - 1n) / MiB) * MiB;
  const settings: [string, string][] = [
    ["taskmanager.memory.network.min", `${size / MiB}m`],
    ["taskmanager.memory.network.max", `${size / MiB}m`],
  ];
  const summary = `local run: set the network memory to ${shortSize(size)} in the Configuration the local environment is created with (StreamExecutionEnvironment.createLocalEnvironment(conf) / getExecutionEnvironment(conf), or the runner's Flink configuration)`;
  try {
    const r = resolveLocal({ ...base, dynamic: [...(base.dynamic ?? []), ...settings], trace: false });
    return { summary, settings, checked: { ok: true, result: `local execution in Flink ${r.version.line}: network ${r.spec.network} bytes = ${r.spec.network / BigInt(segment)} buffers` } };
  } catch (e) {
    return { summary, settings, checked: { ok: false, reason: e instanceof Error ? e.message : String(e) } };
  }
}
