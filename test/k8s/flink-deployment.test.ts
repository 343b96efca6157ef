// FlinkDeployments and Helm values read as the operator reads them.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findDeployments, findEmbeddedConfigs, flattenFlinkConfiguration, flinkLineOf, scalarText } from "../../src/k8s/flink-deployment.js";
import { readManifests } from "../../src/k8s/manifest.js";
import { limitFactorOf, operatorConfig } from "../../src/k8s/operator-config.js";
import { lintManifestText } from "../../src/lint/lint-manifest.js";
import { flinkVersion } from "../../src/versions/version.js";
import { ROOT, SHARED_DIR } from "../support/golden.js";

const DATA = join(ROOT, "test", "data", "lint");
const read = (f: string) => readFileSync(join(DATA, f), "utf8");

describe("flinkConfiguration flattening (ConfigObjectNode.asFlatMap)", () => {
  it("nested keys joined with '.', lists with ';', scalars as text", () => {
    const flat = flattenFlinkConfiguration({ taskmanager: { memory: { "process.size": "2g" }, numberOfTaskSlots: 4n }, "a.b": [1n, "x"], f: 0.4, n: null, t: true }, ["c"]);
    expect(flat.map((e) => [e.key, e.value])).toEqual([
      ["taskmanager.memory.process.size", "2g"],
      ["taskmanager.numberOfTaskSlots", "4"],
      ["a.b", "1;x"],
      ["f", "0.4"],
      ["n", "null"],
      ["t", "true"],
    ]);
    expect(flat[0]!.path).toEqual(["c", "taskmanager", "memory", "process.size"]);
    expect(scalarText(2.0)).toBe("2");
    expect(scalarText(1e-7)).toBe("1.0E-7");
  });
  it("versions from flinkVersion or the image tag", () => {
    expect(flinkLineOf("v1_20", undefined)).toBe("1.20");
    expect(flinkLineOf("v2_0", "flink:1.17")).toBe("2.0");
    expect(flinkLineOf(undefined, "flink:1.18.1-scala_2.12-java11")).toBe("1.18");
    expect(flinkLineOf(undefined, "registry:5000/flink")).toBeUndefined();
  });
});

describe("FlinkDeployment resources", () => {
  it("flat: resource.memory and cpu, flinkConfiguration with locations", () => {
    const [doc] = readManifests(read("flinkdeployment-flat.yaml"));
    const [spec] = findDeployments(doc!);
    expect(spec!.origin).toBe("FlinkDeployment");
    expect(spec!.name).toBe("flat-example");
    expect(spec!.flinkVersion).toBe("1.20");
    expect(spec!.jobManager!.memory).toMatchObject({ text: "2G", field: "resource.memory" });
    expect(spec!.taskManager!.cpu!.value).toBe(2);
    const oc = operatorConfig(spec!, doc!, "f.yaml", flinkVersion("1.20"));
    // The spec's memory wins over flinkConfiguration's 8g; the location moves to the spec field.
    expect(oc.config.getEntry("taskmanager.memory.process.size")).toMatchObject({ value: { t: "str", v: "4294967296" }, location: { source: "f.yaml", line: 20 } });
    expect(oc.config.getEntry("jobmanager.memory.process.size")!.value).toEqual({ t: "str", v: "2 gb" });
    expect(oc.overridden.map((o) => o.key)).toEqual(["taskmanager.memory.process.size"]);
    expect(limitFactorOf(oc.config, "tm").value).toBe(1.5);
    // kubernetesMemoryLimitFactor (1.13): before it, Flink has no limit factor and limit = request.
    expect(limitFactorOf(operatorConfig(spec!, doc!, "f.yaml", flinkVersion("1.13")).config, "tm").value).toBe(1.5);
    expect(limitFactorOf(operatorConfig(spec!, doc!, "f.yaml", flinkVersion("1.12")).config, "tm").value).toBe(1);
  });
  it("nested flinkConfiguration, resources.requests/limits: limit factor from limits/requests", () => {
    const [doc] = readManifests(read("flinkdeployment-nested.yaml"));
    const [spec] = findDeployments(doc!);
    expect(spec!.flinkConfiguration.map((e) => e.key)).toContain("taskmanager.memory.jvm-overhead.fraction");
    expect(spec!.taskManager!.memory).toMatchObject({ text: "2048Mi", field: "resources.requests.memory" });
    const oc = operatorConfig(spec!, doc!, "n.yaml", flinkVersion("2.0"));
    expect(limitFactorOf(oc.config, "tm").value).toBe(1.5);
    const r = lintManifestText(read("flinkdeployment-nested.yaml"), { source: "n.yaml" });
    expect(r.deployments[0]!.pods.tm).toEqual({ requestMi: 2048, limitMi: 3072, limitFactor: 1.5 });
  });
  it("limit factor below 1 fails as Flink fails", () => {
    const text = read("flinkdeployment-flat.yaml").replace('limit-factor: "1.5"', 'limit-factor: "0.5"');
    const r = lintManifestText(text, { source: "f.yaml" });
    expect(r.findings.find((f) => f.ruleId === "k8s-limit-factor")).toMatchObject({ severity: "error", message: "kubernetes.taskmanager.memory.limit-factor should be greater or equal to 1.", location: { line: 11 } });
  });
  it("Helm values: the map holding flinkConfiguration; multi-document files; embedded flink-conf.yaml", () => {
    const [doc] = readManifests(read("values.yaml"));
    const [spec] = findDeployments(doc!);
    expect(spec!.origin).toBe("helm-values");
    expect(spec!.path).toEqual(["app"]);
    const docs = readManifests(read("multi.yaml"));
    expect(docs).toHaveLength(3);
    expect(findEmbeddedConfigs(docs[0]!)).toMatchObject([{ fileName: "flink-conf.yaml" }]);
    expect(docs[0]!.embeddedAt(["data", "flink-conf.yaml"])).toEqual({ lineOffset: 6, columnOffset: 4 });
    expect(findDeployments(docs[1]!)).toEqual([]);
    expect(findDeployments(docs[2]!)[0]!.name).toBe("second");
  });
});

const K8S = join(SHARED_DIR, "realworld", "k8s");
describe.runIf(existsSync(K8S))("real-world Kubernetes files (../shared/realworld/k8s)", () => {
  const files = existsSync(K8S) ? readdirSync(K8S).filter((f) => f.endsWith(".yaml")).sort() : [];
  const manifest = existsSync(join(SHARED_DIR, "realworld", "MANIFEST.tsv")) ? readFileSync(join(SHARED_DIR, "realworld", "MANIFEST.tsv"), "utf8") : "";
  it("every FlinkDeployment resource is found, with its version, and both processes sized as the operator does", () => {
    const flinkDeployments = manifest.split("\n").filter((l) => l.includes("\tflinkdeployment")).map((l) => l.split("\t")[0]!.replace("k8s/", ""));
    expect(flinkDeployments.length).toBe(24);
    for (const f of flinkDeployments) {
      const text = readFileSync(join(K8S, f), "utf8");
      const r = lintManifestText(text, { source: f });
      const d = r.deployments.find((x) => x.spec.origin === "FlinkDeployment");
      expect(d, f).toBeDefined();
      expect(d!.spec.flinkVersion, f).toMatch(/^\d\.\d+$/);
      for (const m of d!.operator.memory) {
        // The process size Flink gets is what the operator's reading gives, and the pod request is its whole MiB.
        if (m.operator instanceof Error) continue;
        const o = m.process === "tm" ? d!.tm : d!.jm;
        if (o?.ok) {
          expect(o.spec.totalProcess, f).toBe(m.operator.bytes);
          expect(d!.pods[m.process]!.requestMi, f).toBe(Number(m.operator.bytes >> 20n));
        }
      }
    }
  });
  it("lints all of them without crashing; embedded flink-conf files are checked", () => {
    let embedded = 0;
    for (const f of files) {
      const r = lintManifestText(readFileSync(join(K8S, f), "utf8"), { source: f });
      for (const x of r.findings) expect(x.location?.source).toBe(f);
      if (manifest.split("\n").some((l) => l.startsWith(`k8s/${f}\t`) && l.endsWith("\tconfigmap"))) {
        expect(r.relevant, f).toBe(true);
        embedded++;
      }
    }
    expect(embedded).toBe(5);
  });
});
