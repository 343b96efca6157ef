// deploy/webhook/ holds consistent Kubernetes files: the Service reaches the Deployment's port, the
// webhook configuration calls that Service at /validate for the operator's kinds with
// failurePolicy Ignore, the certificate names the Service and lands in the Secret the pods mount,
// cert-manager injects its CA; and the Deployment's own arguments start the real CLI.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { ROOT } from "../support/golden.js";
import { call } from "../support/webhook.js";

const DIR = join(ROOT, "deploy", "webhook");
type Doc = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string>; labels?: Record<string, string> }; spec?: any; webhooks?: any[]; resources?: string[] };
const files = readdirSync(DIR).filter((f) => f.endsWith(".yaml"));
const docs: (Doc & { file: string })[] = files.flatMap((file) =>
  parseAllDocuments(readFileSync(join(DIR, file), "utf8")).map((d) => {
    expect(d.errors, file).toEqual([]);
    return { ...(d.toJS() as Doc), file };
  }),
);
const one = (kind: string) => {
  const found = docs.filter((d) => d.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0]!;
};

const namespace = one("Namespace");
const deployment = one("Deployment");
const service = one("Service");
const webhookConfig = one("ValidatingWebhookConfiguration");
const certificate = one("Certificate");
const issuer = one("Issuer");
const pod = deployment.spec.template.spec;
const container = pod.containers[0];
const args: string[] = container.args;
const arg = (name: string) => args[args.indexOf(name) + 1];

describe("deploy/webhook is consistent", () => {
  it("everything namespaced lives in the webhook's namespace", () => {
    for (const d of docs) if (!["Namespace", "ValidatingWebhookConfiguration", "Kustomization"].includes(d.kind)) expect(d.metadata.namespace, `${d.kind} ${d.metadata.name}`).toBe(namespace.metadata.name);
  });

  it("the Service selects the pods and reaches the container's port", () => {
    for (const [k, v] of Object.entries(service.spec.selector as Record<string, string>)) expect(deployment.spec.template.metadata.labels[k]).toBe(v);
    expect(deployment.spec.selector.matchLabels).toEqual(service.spec.selector);
    const port = container.ports.find((p: { name: string }) => p.name === service.spec.ports[0].targetPort);
    expect(port.containerPort).toBe(Number(arg("--port")));
  });

  it("the probes ask /healthz and /readyz over HTTPS on that port", () => {
    expect(container.livenessProbe.httpGet).toEqual({ path: "/healthz", port: "https", scheme: "HTTPS" });
    expect(container.readinessProbe.httpGet).toEqual({ path: "/readyz", port: "https", scheme: "HTTPS" });
  });

  it("the pods mount the Secret the Certificate writes, where --tls-cert and --tls-key point", () => {
    const volume = pod.volumes.find((v: { secret?: { secretName: string } }) => v.secret?.secretName === certificate.spec.secretName);
    expect(volume).toBeDefined();
    const mount = container.volumeMounts.find((m: { name: string }) => m.name === volume.name);
    expect(arg("--tls-cert")).toBe(`${mount.mountPath}/tls.crt`);
    expect(arg("--tls-key")).toBe(`${mount.mountPath}/tls.key`);
  });

  it("the webhook configuration calls the Service at /validate for FlinkDeployments and FlinkSessionJobs", () => {
    expect(webhookConfig.webhooks).toHaveLength(1);
    const w = webhookConfig.webhooks![0];
    expect(w.name.split(".").length).toBeGreaterThanOrEqual(3);
    expect(w.clientConfig.service).toEqual({ name: service.metadata.name, namespace: service.metadata.namespace, path: "/validate", port: service.spec.ports[0].port });
    expect(w.rules).toEqual([{ apiGroups: ["flink.apache.org"], apiVersions: ["v1beta1"], operations: ["CREATE", "UPDATE"], resources: ["flinkdeployments", "flinksessionjobs"], scope: "Namespaced" }]);
    expect(w.admissionReviewVersions).toEqual(["v1"]);
    expect(w.sideEffects).toBe("None");
    expect(w.timeoutSeconds).toBeLessThanOrEqual(10);
  });

  it("failurePolicy Ignore, and the file says why", () => {
    expect(webhookConfig.webhooks![0].failurePolicy).toBe("Ignore");
    const text = readFileSync(join(DIR, webhookConfig.file), "utf8");
    const comment = text.slice(0, text.indexOf("failurePolicy: Ignore")).split("\n").reverse().slice(1).filter((l) => /^\s*#/.test(l)).join(" ");
    expect(comment).toMatch(/operator's own updates/);
    expect(comment).toMatch(/outage/);
  });

  it("cert-manager: the Certificate names the Service, its issuer exists, its CA is injected into the webhook configuration", () => {
    expect(certificate.spec.dnsNames).toContain(`${service.metadata.name}.${service.metadata.namespace}.svc`);
    expect(certificate.spec.issuerRef).toEqual({ kind: "Issuer", name: issuer.metadata.name });
    expect(webhookConfig.metadata.annotations!["cert-manager.io/inject-ca-from"]).toBe(`${certificate.metadata.namespace}/${certificate.metadata.name}`);
  });

  it("make-cert.sh makes the same Secret and patches the same webhook configuration", () => {
    const script = readFileSync(join(DIR, "make-cert.sh"), "utf8");
    expect(script).toContain(`SERVICE:-${service.metadata.name}}`);
    expect(script).toContain(`NAMESPACE:-${namespace.metadata.name}}`);
    expect(script).toContain(`SECRET:-${certificate.spec.secretName}}`);
    expect(script).toContain(`WEBHOOK_CONFIGURATION:-${webhookConfig.metadata.name}}`);
  });

  it("kustomization.yaml lists every resource file", () => {
    const k = one("Kustomization");
    expect([...k.resources!].sort()).toEqual(files.filter((f) => f !== "kustomization.yaml").sort());
  });

  it("the Dockerfile copies what the build needs and runs the CLI unprivileged", () => {
    const dockerfile = readFileSync(join(DIR, "Dockerfile"), "utf8");
    const copied = [...dockerfile.matchAll(/^COPY (?!--from)(.+?) (\S+)$/gm)].flatMap((m) => m[1]!.split(" "));
    for (const p of copied) expect(existsSync(join(ROOT, p)), p).toBe(true);
    // What `npm run build` reads, and what the package ships.
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { files: string[] };
    for (const p of ["tsconfig.json", "tsconfig.core.json", "cli", "src", "scripts", "bin", ...pkg.files.filter((f) => !f.startsWith("dist"))]) expect(copied, p).toContain(p);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["flink-memory"\]$/m);
    expect(pod.securityContext.runAsUser).toBe(1000); // the node image's node user
  });
});

describe("the Deployment's arguments start the real CLI", () => {
  const temp = mkdtempSync(join(tmpdir(), "fm-deploy-"));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it("serves /readyz over HTTPS with a certificate from make-cert.sh", async () => {
    const made = spawnSync("bash", [join(DIR, "make-cert.sh"), temp], { encoding: "utf8" });
    expect(made.status, made.stderr).toBe(0);
    const local = args.map((a) => (a === arg("--tls-cert") ? join(temp, "tls.crt") : a === arg("--tls-key") ? join(temp, "tls.key") : a === arg("--port") ? "0" : a));
    const child = spawn(process.execPath, [join(ROOT, "bin", "flink-memory.js"), ...local, "--host", "127.0.0.1"], { stdio: ["ignore", "ignore", "pipe"] });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let err = "";
        child.stderr.on("data", (c) => {
          err += String(c);
          const m = /"msg":"listening".*?"port":(\d+)/.exec(err);
          if (m) resolve(Number(m[1]));
        });
        child.on("exit", (code) => reject(new Error(`exited ${code}: ${err}`)));
      });
      const r = await call(port, undefined, { path: container.readinessProbe.httpGet.path, tls: { ca: readFileSync(join(temp, "ca.crt")), servername: `${service.metadata.name}.${service.metadata.namespace}.svc` } });
      expect(r).toMatchObject({ status: 200, body: "ready\n" });
    } finally {
      child.kill("SIGTERM");
    }
  });
});
