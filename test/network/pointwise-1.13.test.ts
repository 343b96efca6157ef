// Fan-out pointwise edges in Flink 1.13.0/1.13.1 (float ceilings, FLINK-22863) against what Java
// computes for every up → down up to 48 (test/data/network, made with OpenJDK 17), and 1.13.2's integer ranges.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { connect } from "../../src/network/connections.js";
import { networkBuffers } from "../../src/network/network-buffers.js";
import { JavaClass } from "../../src/errors.js";
import { flinkVersion } from "../../src/versions/version.js";
import { failure } from "../support/failure.js";
import { ROOT } from "../support/golden.js";

const rows = readFileSync(join(ROOT, "test/data/network/pointwise-fanout-1.13.1.tsv"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => l.split("\t") as [string, string, string]);

/** Each producer's consumer range `start-end`, from which producers each consumer reads. */
function producerRanges(producersOf: number[][], up: number): string {
  const consumers: number[][] = Array.from({ length: up }, () => []);
  producersOf.forEach((ps, c) => ps.forEach((p) => consumers[p]!.push(c)));
  return consumers.map((cs) => `${cs[0]}-${cs[cs.length - 1]! + 1}`).join(" ");
}

describe("pointwiseFanOutIntegerRanges (1.13.2, FLINK-22863)", () => {
  it("covers every fan-out edge up to 48 subtasks, some of them failing in Java", () => {
    expect(rows.length).toBe((48 * 47) / 2);
    expect(rows.filter((r) => r[2] === "OOB").length).toBeGreaterThan(10);
  });

  it("1.13.0 and 1.13.1 give each producer the range Java computes, or fail where Java fails", () => {
    for (const flink of ["1.13.0", "1.13.1"]) {
      const v = flinkVersion(flink);
      for (const [u, d, want] of rows) {
        const up = Number(u), down = Number(d);
        if (want === "OOB") {
          const e = failure(() => connect("pointwise", up, down, v));
          expect(e.javaClass).toBe(JavaClass.ArrayIndexOutOfBounds);
          expect(e.message).toBe(`Index ${down} out of bounds for length ${down}`);
        } else {
          expect(producerRanges(connect("pointwise", up, down, v).producersOf, up), `${up}->${down}`).toBe(want);
        }
      }
    }
  });

  it("1.13.2 and later use integer ranges, which differ from 1.13.1's where the float rounds up", () => {
    let differ = 0;
    for (const flink of ["1.13.2", "1.13", "1.20"]) {
      const v = flinkVersion(flink);
      for (const [u, d, old] of rows) {
        const up = Number(u), down = Number(d);
        const want = Array.from({ length: up }, (_, p) => `${Math.floor((p * down + up - 1) / up)}-${Math.floor(((p + 1) * down + up - 1) / up)}`).join(" ");
        const got = producerRanges(connect("pointwise", up, down, v).producersOf, up);
        expect(got, `${flink} ${up}->${down}`).toBe(want);
        if (flink === "1.13.2" && got !== old) differ++;
      }
    }
    expect(differ).toBeGreaterThan(rows.filter((r) => r[2] === "OOB").length);
  });

  it("fan-in edges (more producers than consumers) already used integer ranges in 1.13.0", () => {
    expect(connect("pointwise", 57, 7, flinkVersion("1.13.0")).producersOf).toEqual(connect("pointwise", 57, 7, flinkVersion("1.13.2")).producersOf);
  });

  it("the network check of a 7 → 57 rescale job fails in 1.13.1 with a hint, and works in 1.13.2", () => {
    const topology = { slotsPerTaskManager: 57, vertices: [{ name: "u", parallelism: 7 }, { name: "d", parallelism: 57 }], edges: [{ from: "u", to: "d", partitioning: "rescale" }] };
    const req = (flink: string) => ({ flink, dynamic: [["taskmanager.memory.process.size", "4g"]] as [string, string][], topology });
    const e = failure(() => networkBuffers(req("1.13.1")));
    expect(e.javaClass).toBe(JavaClass.ArrayIndexOutOfBounds);
    expect(e.hint).toMatch(/FLINK-22863, fixed in 1\.13\.2/);
    expect(networkBuffers(req("1.13.2")).requiredBuffers).toBeGreaterThan(0);
  });
});
