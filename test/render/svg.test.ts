import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveJobManager, resolveTaskManager } from "../../src/resolve.js";
import { layoutBoxes, leafComponents, memoryModelSvg } from "../../src/render/svg.js";

const tm = (size: string) => resolveTaskManager({ flink: "2.0", dynamic: [["taskmanager.memory.process.size", size]] }).spec;

describe("memoryModelSvg", () => {
  it("carries every leaf component's exact bytes and the brackets' sums", () => {
    const spec = tm("4g");
    const svg = memoryModelSvg(spec);
    for (const n of leafComponents("tm")) {
      expect(svg).toContain(`data-component="${n}" data-bytes="${(spec as unknown as Record<string, bigint>)[n]}"`);
    }
    expect(svg).toContain(`data-group="Total Process Memory" data-bytes="${spec.totalProcess}"`);
    expect(svg).toContain(`data-group="Total Flink Memory" data-bytes="${spec.totalFlink}"`);
    expect(svg).toContain(`data-group="JVM Heap" data-bytes="${spec.jvmHeap}"`);
    expect(svg).toContain(`data-group="Off-Heap Memory" data-bytes="${spec.managed + spec.jvmDirect}"`);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.endsWith("</svg>")).toBe(true);
  });

  it("draws a JobManager with its four parts", () => {
    const spec = resolveJobManager({ flink: "1.20", dynamic: [["jobmanager.memory.process.size", "1600m"]] }).spec;
    const svg = memoryModelSvg(spec);
    expect(svg.match(/data-component=/g)).toHaveLength(4);
    expect(svg).toContain(`data-component="jvmHeap" data-bytes="${spec.jvmHeap}"`);
  });

  it("lays out boxes that fill the column exactly, in order, proportional beyond the minimum", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1024, max: 1 << 20 }), fc.integer({ min: 200, max: 900 }), (mib, height) => {
        const spec = tm(`${mib}m`);
        const boxes = layoutBoxes(spec, height, 22);
        expect(boxes.map((b) => b.name)).toEqual(leafComponents("tm"));
        expect(boxes.reduce((s, b) => s + b.height, 0)).toBe(height);
        for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.y).toBe(boxes[i - 1]!.y + boxes[i - 1]!.height);
        // A bigger component never gets a smaller box.
        for (const a of boxes) for (const b of boxes) if (a.bytes > b.bytes) expect(a.height).toBeGreaterThanOrEqual(b.height - 1);
      }),
      { numRuns: 200 },
    );
  });

  it("copes with sizes near 2^63-1 without losing the order of magnitude", () => {
    const spec = resolveTaskManager({ flink: "2.0", dynamic: [["taskmanager.memory.task.heap.size", "1000000t"], ["taskmanager.memory.managed.size", "1m"]] }).spec;
    const boxes = layoutBoxes(spec, 420, 22);
    expect(boxes.find((b) => b.name === "taskHeap")!.height).toBeGreaterThan(200);
    expect(memoryModelSvg(spec)).toContain(`data-bytes="${spec.taskHeap}"`);
  });
});
