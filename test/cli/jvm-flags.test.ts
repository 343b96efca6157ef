// The flags are real: a JVM accepts them and ends up with the same limits, up to its own alignment.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { resolveJobManager, resolveTaskManager } from "../../src/resolve.js";

const java = spawnSync("java", ["-version"], { encoding: "utf8" });
const hasJava = java.status === 0;
if (!hasJava && process.env.CI) throw new Error("CI must provide a JDK (.ci/run installs one)");

function finalFlags(flags: string): Record<string, bigint> {
  const r = spawnSync("java", [...flags.split(" "), "-XX:+PrintFlagsFinal", "-version"], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  const out: Record<string, bigint> = {};
  for (const m of r.stdout.matchAll(/^\s*\S+\s+(MaxHeapSize|MaxDirectMemorySize|MaxMetaspaceSize)\s+=\s+(\d+)/gm)) out[m[1]!] = BigInt(m[2]!);
  return out;
}

/** The JVM rounds the heap up to its heap alignment (at most a G1 region, 32 MiB) and metaspace to 64 KiB pages. */
const HEAP_ALIGN = 32n * 1024n * 1024n;
const META_ALIGN = 64n * 1024n;

describe.runIf(hasJava)("JVM flags in a real JVM", () => {
  for (const size of ["1728m", "4g", "16g", "1200m", "40g"]) {
    it(`TaskManager ${size}`, () => {
      const r = resolveTaskManager({ flink: "2.0", dynamic: [["taskmanager.memory.process.size", size]] });
      const f = finalFlags(r.jvmParameters);
      expect(f.MaxHeapSize! - r.spec.jvmHeap).toBeGreaterThanOrEqual(0n);
      expect(f.MaxHeapSize! - r.spec.jvmHeap).toBeLessThan(HEAP_ALIGN);
      expect(f.MaxDirectMemorySize).toBe(r.spec.jvmDirect);
      expect(f.MaxMetaspaceSize! - r.spec.metaspace).toBeLessThan(META_ALIGN);
      expect(f.MaxMetaspaceSize! - r.spec.metaspace).toBeGreaterThanOrEqual(0n);
    });
  }

  it("JobManager with the direct memory limit", () => {
    const r = resolveJobManager({
      flink: "1.20",
      dynamic: [["jobmanager.memory.process.size", "1600m"], ["jobmanager.memory.enable-jvm-direct-memory-limit", "true"]],
    });
    const f = finalFlags(r.jvmParameters);
    expect(f.MaxHeapSize! - r.spec.jvmHeap).toBeLessThan(HEAP_ALIGN);
    expect(f.MaxDirectMemorySize).toBe(r.spec.offHeap);
    expect(f.MaxMetaspaceSize! - r.spec.metaspace).toBeLessThan(META_ALIGN);
  });
});
