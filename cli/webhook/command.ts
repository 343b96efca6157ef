/**
 * `flink-memory webhook`: serve the validating admission webhook until SIGTERM (or SIGINT), then
 * shut down gracefully and exit 0. Everything wrong with the invocation — no TLS and no
 * `--insecure-http`, unreadable certificate files, a port taken — is a one-line usage error
 * (exit 2) before anything is served.
 * @module
 */
import { reviewAdmission, type AdmissionOptions } from "../../src/admission/review.js";
import { operatorDefaultsFrom } from "../../src/k8s/operator-defaults.js";
import { parseContainerSize } from "../../src/sizing/kubernetes-quantity.js";
import { UsageError } from "../inputs.js";
import { readText } from "../lint-files.js";
import { jsonLogger, type Logger } from "./log.js";
import { Metrics } from "./metrics.js";
import { createWebhookServer } from "./server.js";
import { readCertificate, watchCertificate, type Certificate } from "./tls.js";

export interface WebhookOptions {
  port: string;
  host?: string;
  tlsCert?: string;
  tlsKey?: string;
  insecureHttp?: boolean;
  flink?: string;
  operatorConfig?: string;
  maxBody: string;
  requestTimeout: string;
  shutdownTimeout: string;
}

/** How often the certificate files are read again for a rotated certificate. */
const CERT_RELOAD_MS = 30_000;

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

/** `500ms`, `10s`, `2m` in milliseconds (the value rule in option-values.ts has checked the form). */
export function durationMs(text: string): number {
  const m = /^(\d+)(ms|s|m)$/.exec(text)!;
  return Number(m[1]) * (m[2] === "ms" ? 1 : m[2] === "s" ? 1000 : 60_000);
}

interface Plan {
  tls?: Certificate;
  admission: AdmissionOptions;
  host: string | undefined;
  port: number;
}

async function plan(opts: WebhookOptions): Promise<Plan> {
  const tlsGiven = opts.tlsCert !== undefined || opts.tlsKey !== undefined;
  if (opts.insecureHttp && tlsGiven) throw new UsageError(`--insecure-http serves plain HTTP: leave out ${opts.tlsCert !== undefined ? "--tls-cert" : "--tls-key"}`);
  if (!opts.insecureHttp && (opts.tlsCert === undefined || opts.tlsKey === undefined)) {
    throw new UsageError(tlsGiven ? `--tls-cert and --tls-key go together: ${opts.tlsCert === undefined ? "--tls-cert" : "--tls-key"} is missing` : "the webhook needs --tls-cert FILE and --tls-key FILE (the API server calls webhooks over HTTPS only), or --insecure-http for a local test");
  }
  if (opts.insecureHttp && opts.host !== undefined && !LOOPBACK.has(opts.host)) throw new UsageError(`--insecure-http listens on loopback only (127.0.0.1, ::1, localhost), not --host ${opts.host}`);
  const admission: AdmissionOptions = opts.flink ? { assumeFlink: opts.flink } : {};
  if (opts.operatorConfig !== undefined) {
    const r = readText(opts.operatorConfig);
    if ("problem" in r) throw new UsageError(`--operator-config ${opts.operatorConfig}: ${r.problem}`);
    const d = operatorDefaultsFrom(opts.operatorConfig, r.text);
    if ("problem" in d) throw new UsageError(`--operator-config ${opts.operatorConfig}: ${d.problem}`);
    admission.operatorDefaults = d;
  }
  const tls = opts.insecureHttp ? undefined : readCertificate(opts.tlsCert!, opts.tlsKey!);
  return { ...(tls ? { tls } : {}), admission, host: opts.insecureHttp ? (opts.host ?? "127.0.0.1") : opts.host, port: Number(opts.port) };
}

/**
 * Judges a resource Flink refuses once before listening: the first real review would otherwise
 * spend a few hundred milliseconds compiling the engine and the fix search.
 */
function warmUp(admission: AdmissionOptions): void {
  const object = {
    apiVersion: "flink.apache.org/v1beta1",
    kind: "FlinkDeployment",
    metadata: { name: "warm-up" },
    spec: { flinkVersion: "v1_20", flinkConfiguration: { "taskmanager.memory.managed.size": "3g" }, jobManager: { resource: { memory: "1g", cpu: 1 } }, taskManager: { resource: { memory: "2g", cpu: 1 } } },
  };
  const request = { uid: "warm-up", kind: { group: "flink.apache.org", version: "v1beta1", kind: "FlinkDeployment" }, operation: "CREATE", object };
  reviewAdmission(JSON.stringify({ apiVersion: "admission.k8s.io/v1", kind: "AdmissionReview", request }), admission);
}

export async function runWebhook(opts: WebhookOptions, log: Logger = jsonLogger()): Promise<number> {
  const p = await plan(opts);
  warmUp(p.admission);
  const metrics = new Metrics();
  if (p.tls) metrics.certificateExpiry = p.tls.notAfter;
  const server = createWebhookServer({
    ...(p.tls ? { tls: { cert: p.tls.cert, key: p.tls.key } } : {}),
    admission: p.admission,
    maxBodyBytes: Number(parseContainerSize(opts.maxBody).bytes),
    requestTimeoutMs: durationMs(opts.requestTimeout),
    log,
    metrics,
  });
  let address;
  try {
    address = await server.listen(p.port, p.host);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "EADDRINUSE" ? "the address is in use" : code === "EACCES" ? "permission denied" : code === "EADDRNOTAVAIL" ? "no such local address" : (code ?? "failed");
    throw new UsageError(`cannot listen on ${p.host ?? "all interfaces"} port ${p.port}: ${why}`);
  }
  const stopWatching = p.tls
    ? watchCertificate(opts.tlsCert!, opts.tlsKey!, p.tls, CERT_RELOAD_MS, (c) => {
        server.setCertificate(c.cert, c.key);
        metrics.certificateExpiry = c.notAfter;
        log.log("info", "certificate reloaded", { notAfter: new Date(c.notAfter * 1000).toISOString() });
      }, (why) => log.log("warn", "certificate not reloaded", { reason: why }))
    : () => {};
  // Handlers before the "listening" line: whoever waits for that line may signal at once.
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    const on = (s: NodeJS.Signals) => {
      process.off("SIGTERM", on);
      process.off("SIGINT", on);
      resolve(s);
    };
    process.on("SIGTERM", on);
    process.on("SIGINT", on);
  });
  if (!p.tls) {
    log.log("warn", "INSECURE: serving plain HTTP (--insecure-http), for local tests only. The Kubernetes API server calls webhooks over HTTPS only, and reviews carry whole resources, credentials in flinkConfiguration included: never expose this port.");
  }
  log.log("info", "listening", {
    address: address.address,
    port: address.port,
    tls: p.tls !== undefined,
    paths: ["/validate", "/healthz", "/readyz", "/metrics"],
    assumeFlink: p.admission.assumeFlink,
    operatorConfig: opts.operatorConfig !== undefined,
    ...(p.tls ? { certificateNotAfter: new Date(p.tls.notAfter * 1000).toISOString() } : {}),
  });
  const signal = await stopped;
  log.log("info", "shutting down", { signal });
  stopWatching();
  await server.shutdown(durationMs(opts.shutdownTimeout));
  log.log("info", "stopped");
  return 0;
}
