// Secrets stay secret in the admission webhook: canaries planted in FlinkDeployments
// (flinkConfiguration, pod env), in the operator's default configuration, in malformed and
// oversized bodies, appear in no answer (status message, warnings, 4xx texts, headers), no log
// line and no metric, for refused, warned and admitted resources alike.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebhookServer, type WebhookServer } from "../../cli/webhook/server.js";
import { Metrics } from "../../cli/webhook/metrics.js";
import { jsonLogger } from "../../cli/webhook/log.js";
import { ROOT } from "../support/golden.js";
import { leaks, plantedConfigYaml, plantedManifest, secretCanaries } from "../support/secrets.js";
import { call, reviewRequest, toJson, yamlObjects, type Reply } from "../support/webhook.js";

const canary = secretCanaries()[0]!.value;
const planted = yamlObjects(plantedManifest())[0] as { spec: Record<string, any>; metadata: Record<string, unknown> };

/** The planted FlinkDeployment, changed so that lint refuses or warns about it, and with more canaries. */
function variants(): { name: string; object: unknown }[] {
  const base = () => JSON.parse(toJson(planted)) as typeof planted;
  const tooMuchManaged = base();
  tooMuchManaged.spec.flinkConfiguration["taskmanager.memory.managed.size"] = "5g";
  const unparsable = base();
  unparsable.spec.taskManager.resource.memory = "1.5Gi";
  const missing = base();
  delete missing.spec.taskManager.resource.memory;
  const factor = base();
  factor.spec.flinkConfiguration["kubernetes.jobmanager.memory.limit-factor"] = "0.5";
  const nested = base();
  nested.spec.flinkConfiguration.security = { ssl: { "truststore-password": canary } };
  nested.spec.flinkConfiguration["taskmanager.memory.proces.size"] = canary;
  nested.metadata.annotations = { token: canary };
  return [
    { name: "admitted with warnings", object: base() },
    { name: "refused by Flink", object: tooMuchManaged },
    { name: "memory the operator cannot read", object: unparsable },
    { name: "memory missing", object: missing },
    { name: "limit factor below 1", object: factor },
    { name: "nested, misspelled memory key, annotations", object: nested },
  ];
}

const logs: string[] = [];
let server: WebhookServer;
let port: number;

beforeAll(async () => {
  server = createWebhookServer({ admission: {}, maxBodyBytes: 64 * 1024, requestTimeoutMs: 2000, log: jsonLogger((l) => logs.push(l)), metrics: new Metrics() });
  port = (await server.listen(0, "127.0.0.1")).port;
});
afterAll(() => server.shutdown(1000));

const seen = (r: Reply) => `${JSON.stringify(r.headers)}\n${r.body}`;

describe("secret canaries: admission webhook", () => {
  it("the canaries are in what is sent", () => {
    const sent = variants().map((v) => toJson(v.object)).join("\n");
    expect(sent).toContain(canary);
    expect(leaks(sent).length).toBeGreaterThan(0);
  });

  it("answers to every decision, CREATE and UPDATE", async () => {
    const outputs: string[] = [];
    const decisions = new Set<boolean>();
    for (const { name, object } of variants()) {
      for (const review of [reviewRequest(object), reviewRequest(object, { operation: "UPDATE", oldObject: planted })]) {
        const r = await call(port, review.body);
        expect(r.status, name).toBe(200);
        decisions.add((JSON.parse(r.body) as { response: { allowed: boolean } }).response.allowed);
        outputs.push(`${name}: ${seen(r)}`);
      }
    }
    expect([...decisions].sort()).toEqual([false, true]);
    expect(outputs.join("\n")).toContain("memory configuration failed");
    expect(leaks(outputs.join("\n"))).toEqual([]);
  });

  it("4xx answers to bodies that hold secrets", async () => {
    const { body } = reviewRequest(planted);
    const bodies = [
      `{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"object":{"s3.secret-key": ${canary}}}}`,
      `{"s3.secret-key": "${canary}"`,
      body.replace("admission.k8s.io/v1", `admission.k8s.io/${canary}`),
      body.replace('"kind":"AdmissionReview"', `"kind":"${canary}"`),
      `${canary}`.repeat(10_000),
    ];
    const outputs: string[] = [];
    for (const b of bodies) {
      const r = await call(port, b);
      expect(r.status).toBeGreaterThanOrEqual(400);
      outputs.push(seen(r));
    }
    outputs.push(seen(await call(port, "{}", { path: `/validate?token=${canary}`, headers: { "Content-Type": `text/${canary}` } })));
    outputs.push(seen(await call(port, undefined, { path: `/${canary}` })));
    expect(leaks(outputs.join("\n"))).toEqual([]);
  });

  it("the log and the metrics", async () => {
    const metrics = await call(port, undefined, { path: "/metrics" });
    expect(logs.length).toBeGreaterThan(10);
    expect(leaks(logs.join("") + metrics.body)).toEqual([]);
  });
});

describe("secret canaries: the webhook process with the operator's configuration", () => {
  const dir = mkdtempSync(join(tmpdir(), "fm-webhook-canary-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("stderr and answers hold none of the operator configuration's secrets", async () => {
    const operatorConfig = join(dir, "config.yaml");
    writeFileSync(operatorConfig, plantedConfigYaml());
    const child = spawn(process.execPath, [join(ROOT, "bin", "flink-memory.js"), "webhook", "--insecure-http", "--port", "0", "--operator-config", operatorConfig], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c) => (out += String(c)));
    child.stderr.on("data", (c) => (out += String(c)));
    const exited = new Promise((resolve) => child.on("exit", resolve));
    const p = await new Promise<number>((resolve, reject) => {
      const t = setInterval(() => {
        const m = /"msg":"listening".*?"port":(\d+)/.exec(out);
        if (m) {
          clearInterval(t);
          resolve(Number(m[1]));
        }
      }, 20);
      void exited.then(() => reject(new Error(out)));
    });
    const answers: string[] = [];
    for (const { object } of variants()) answers.push(seen(await call(p, reviewRequest(object).body)));
    child.kill("SIGTERM");
    await exited;
    expect(answers.join("\n")).toContain('"allowed":false');
    expect(leaks(out + answers.join("\n"))).toEqual([]);
    expect(readFileSync(operatorConfig, "utf8")).toContain(canary);
  });
});
