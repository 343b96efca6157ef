// FlinkDeployments and operator Helm values, migrated in place: the operator's configuration keeps
// its layout in the target release, flinkVersion is rewritten, the rest of the file (comments
// too) is kept.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { holdsDeployments, migrateManifest, MissingSourceVersion } from "../../src/migrate/deployment.js";
import { ROOT } from "../support/golden.js";

const K8S = join(ROOT, "..", "shared", "realworld", "k8s");
const files = readdirSync(K8S).map((f) => ({ f, text: readFileSync(join(K8S, f), "utf8") })).filter((x) => holdsDeployments(x.text));

const DEPLOYMENT = `# our production job
apiVersion: flink.apache.org/v1beta1
kind: FlinkDeployment
metadata:
  name: orders # the orders pipeline
spec:
  image: registry.example/flink:1.16.3
  flinkVersion: v1_16
  flinkConfiguration:
    taskmanager.numberOfTaskSlots: "8"
    s3.secret-key: flink-memory-canary-9
  jobManager:
    resource: {memory: 2048m, cpu: 1}
  taskManager:
    resource: {memory: 32g, cpu: 4}
`;

describe("migrating FlinkDeployments and Helm values", () => {
  it("every real deployment the source release accepts keeps its layout in 2.2", () => {
    let kept = 0;
    for (const { f, text } of files) {
      const m = migrateManifest(text, "2.2", "1.17");
      for (const d of m.deployments) for (const p of ["tm", "jm"] as const) {
        expect(d.same[p], `${f} ${p}`).not.toBe(false);
        if (d.same[p] === true) kept++;
      }
    }
    expect(kept).toBeGreaterThanOrEqual(50);
  });
  it("edits in place: flinkVersion, a flat flinkConfiguration with the pins, comments and secrets kept, the image named", () => {
    const m = migrateManifest(DEPLOYMENT, "2.2");
    expect(m.text).toContain("# our production job\n");
    expect(m.text).toContain("name: orders # the orders pipeline\n");
    expect(m.text).toContain("flinkVersion: v2_2\n");
    expect(m.text).toContain("taskmanager.memory.network.max: 1g");
    expect(m.text).toContain("s3.secret-key: flink-memory-canary-9");
    // The operator sets the process size from the spec: it is not copied into flinkConfiguration.
    expect(m.text).not.toContain("taskmanager.memory.process.size");
    const [d] = m.deployments;
    expect(d).toMatchObject({ name: "orders", from: "1.16", same: { tm: true, jm: true } });
    expect(d!.notes.find((n) => n.key === "image")!.text).toContain("Flink 1.16");
    expect(JSON.stringify(d!.notes)).not.toContain("canary");
    // Migrating the result again changes nothing more.
    const again = migrateManifest(m.text, "2.2");
    expect(again.deployments[0]!.notes.filter((n) => n.kind === "added")).toEqual([]);
  });
  it("a deployment that names no version needs --from", () => {
    const noVersion = DEPLOYMENT.replace("  image: registry.example/flink:1.16.3\n  flinkVersion: v1_16\n", "");
    expect(() => migrateManifest(noVersion, "2.2")).toThrow(MissingSourceVersion);
    expect(migrateManifest(noVersion, "2.2", "1.16").deployments[0]!.same).toEqual({ tm: true, jm: true });
  });
});
