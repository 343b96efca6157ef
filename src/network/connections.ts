/**
 * Which producer subtasks each consumer subtask reads from over one edge, and so how many
 * subpartitions each producer writes and how many channels each consumer's gate has.
 * All-to-all edges (hash, rebalance, broadcast, ...) connect every pair; pointwise edges
 * (forward, rescale) connect index ranges, by integer arithmetic from 1.13 (fan-out edges from
 * 1.13.2) and by float factors before (`EdgeManagerBuildUtil` / `ExecutionVertex.connectPointwise`).
 * @module
 */
import { FlinkError, JavaClass } from "../errors.js";
import { has } from "../versions/features.js";
import type { FlinkVersion } from "../versions/version.js";

export type DistributionPattern = "all-to-all" | "pointwise";

export interface EdgeConnections {
  /** For each consumer subtask, the producer subtasks its gate has channels to. */
  producersOf: number[][];
  /** For each producer subtask, the number of subpartitions it writes. */
  subpartitionsOf: number[];
}

function range(start: number, end: number): number[] {
  return Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
}

function fromConsumers(producers: number, producersOf: number[][]): EdgeConnections {
  const subpartitionsOf = new Array<number>(producers).fill(0);
  for (const list of producersOf) for (const p of list) subpartitionsOf[p]! += 1;
  return { producersOf, subpartitionsOf };
}

/** 1.13+: consumer ranges over producers, or producer ranges over consumers, by integer division. */
function pointwiseIntegers(up: number, down: number): number[][] {
  if (up >= down) {
    return range(0, down).map((i) => range(Math.trunc((i * up) / down), Math.trunc(((i + 1) * up) / down)));
  }
  const out: number[][] = Array.from({ length: down }, () => []);
  for (let p = 0; p < up; p++) {
    const start = Math.trunc((p * down + up - 1) / up);
    const end = Math.trunc(((p + 1) * down + up - 1) / up);
    for (const c of range(start, end)) out[c]!.push(p);
  }
  return out;
}

/**
 * 1.13.0 and 1.13.1 for a fan-out edge (`up` < `down`): producer p feeds consumers
 * [ceil(p × f), ceil((p + 1) × f)) with f = down / up as a Java float. A range past the last
 * consumer is the ArrayIndexOutOfBoundsException of FLINK-22863.
 */
function pointwiseFanOutCeilings(up: number, down: number): number[][] {
  const f = Math.fround;
  const factor = f(down / up);
  const out: number[][] = Array.from({ length: down }, () => []);
  for (let p = 0; p < up; p++) {
    const start = Math.ceil(f(p * factor));
    const end = Math.ceil(f((p + 1) * factor));
    if (end > down) {
      // The JDK 11+ wording; Java 8 prints only the index.
      throw new FlinkError(JavaClass.ArrayIndexOutOfBounds, `Index ${down} out of bounds for length ${down}`, {
        hint: `Flink 1.13.0 and 1.13.1 cannot build a pointwise (forward/rescale) edge from ${up} to ${down} subtasks (FLINK-22863, fixed in 1.13.2): upgrade, or choose parallelisms where ${down} is a multiple of ${up}.`,
      });
    }
    for (const c of range(start, end)) out[c]!.push(p);
  }
  return out;
}

/** 1.10–1.12: the same shape, but uneven ratios go through a Java float factor. */
function pointwiseFloats(up: number, down: number): number[][] {
  const f = Math.fround;
  if (up === down) return range(0, down).map((i) => [i]);
  if (up < down) {
    return range(0, down).map((i) => {
      if (down % up === 0) return [Math.trunc(i / (down / up))];
      const factor = f(down / up);
      return [Math.trunc(f(i / factor))];
    });
  }
  return range(0, down).map((i) => {
    if (up % down === 0) {
      const factor = up / down;
      return range(i * factor, i * factor + factor);
    }
    const factor = f(up / down);
    const start = Math.trunc(f(i * factor));
    const end = i === down - 1 ? up : Math.trunc(f((i + 1) * factor));
    return range(start, end);
  });
}

/** How `up` producer subtasks connect to `down` consumer subtasks over one edge. */
export function connect(pattern: DistributionPattern, up: number, down: number, version: FlinkVersion): EdgeConnections {
  if (pattern === "all-to-all") {
    return { producersOf: range(0, down).map(() => range(0, up)), subpartitionsOf: new Array<number>(up).fill(down) };
  }
  const producersOf = !has(version, "pointwiseIntegerRanges")
    ? pointwiseFloats(up, down)
    : up < down && !has(version, "pointwiseFanOutIntegerRanges")
      ? pointwiseFanOutCeilings(up, down)
      : pointwiseIntegers(up, down);
  return fromConsumers(up, producersOf);
}
