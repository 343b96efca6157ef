import { describe, expect, it } from "vitest";
import { diagnose } from "../../src/diagnose/diagnose.js";
import { faultComponents } from "../../src/diagnose/fault-components.js";

const faults = (text: string, process: "taskmanager" | "jobmanager" = "taskmanager") => diagnose(text).findings.flatMap((f) => faultComponents(f, process));

describe("the part at fault on the diagram", () => {
  it("names the component of each kind of failure", () => {
    expect(faults("java.io.IOException: Insufficient number of network buffers: required 10, but only 2 available. The total number of network buffers is currently set to 2048 of 32768 bytes each.")).toContain("network");
    expect(faults("Caused by: java.lang.OutOfMemoryError: Metaspace. The metaspace out-of-memory error has occurred. … 'taskmanager.memory.jvm-metaspace.size' …")).toEqual(["metaspace"]);
    expect(faults("MemoryAllocationException: Could not allocate 512 pages")).toEqual(["managed"]);
    expect(faults("Pod terminated, container termination statuses: [flink-main-container(exitCode=137, reason=OOMKilled, message=null)] taskmanager")).toEqual(["overhead"]);
  });
  it("a TaskManager's failure points at nothing on a JobManager's diagram", () => {
    expect(faults("MemoryAllocationException: Could not allocate 512 pages", "jobmanager")).toEqual([]);
  });
});
