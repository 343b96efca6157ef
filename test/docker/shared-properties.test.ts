// The FLINK_PROPERTIES blocks of 29 real Compose services (/work/shared/realworld/compose: each as
// written, `.yaml`, and as the container receives it, `.properties`; provenance in its MANIFEST.tsv),
// applied as each image generation applies them on top of the image's own configuration.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { interpolate } from "../../src/docker/compose-interpolation.js";
import { containerConfiguration } from "../../src/docker/entrypoint.js";
import { resolveJobManagerConfig, resolveTaskManagerConfig } from "../../src/lint/process-outcome.js";
import { flinkVersion } from "../../src/versions/version.js";
import { SHARED_DIR } from "../support/golden.js";

const DIR = join(SHARED_DIR, "realworld", "compose");
const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith(".properties")) : [];

describe.runIf(files.length > 0)("real FLINK_PROPERTIES blocks", () => {
  it("there are the 28 blocks the shared README lists with a .properties form", () => {
    expect(files.length).toBeGreaterThanOrEqual(28);
  });
  it.each(["1.17", "1.20", "2.2"])("Flink %s: every TaskManager and JobManager resolves, except the one Flink refuses", (v) => {
    const outcomes: string[] = [];
    for (const f of files) {
      // Compose interpolates `${VAR:-default}` before the container sees the text; lines that need the host's variables are left out.
      const text = readFileSync(join(DIR, f), "utf8").split("\n").map((l) => interpolate(l).text ?? "").join("\n");
      for (const role of ["taskmanager", "jobmanager"] as const) {
        const c = containerConfiguration({ version: flinkVersion(v), role, env: () => undefined, imageSource: "image", flinkProperties: { text, locate: (line, column) => ({ source: f, line, column }) } });
        const o = role === "taskmanager" ? resolveTaskManagerConfig(c.config, "standalone") : resolveJobManagerConfig(c.config, "standalone")!;
        outcomes.push(o.ok ? "ok" : `${f} ${role}: ${o.error.message}`);
      }
    }
    // One real block sets both totals 4 GiB apart, which Flink refuses; every other one resolves.
    expect(outcomes.filter((o) => o !== "ok")).toEqual([
      "010-hellhoa_game-time-restriction.taskmanager.properties taskmanager: TaskManager memory configuration failed: Derived JVM Overhead size (3.750gb (4026531840 bytes)) is not in configured JVM Overhead range [192.000mb (201326592 bytes), 1024.000mb (1073741824 bytes)].",
    ]);
  });
});
