// HTTPS with throwaway certificates made by deploy/webhook/make-cert.sh (openssl): reviews over
// TLS, only TLS on the port, the certificate checked at start without quoting the files, and a
// renewed certificate served without a restart.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebhookServer, type WebhookServer } from "../../cli/webhook/server.js";
import { Metrics } from "../../cli/webhook/metrics.js";
import { jsonLogger } from "../../cli/webhook/log.js";
import { readCertificate, watchCertificate } from "../../cli/webhook/tls.js";
import { UsageError } from "../../cli/inputs.js";
import { ROOT } from "../support/golden.js";
import { admission, call, reviewRequest, yamlObjects } from "../support/webhook.js";

const temp = mkdtempSync(join(tmpdir(), "fm-tls-"));
const SERVICE = "flink-memory-webhook.flink-memory.svc";

/** A CA and a serving certificate for the webhook's Service, from the project's own script. */
function makeCert(dir: string): { ca: Buffer; cert: string; key: string } {
  const out = join(temp, dir);
  const r = spawnSync("bash", [join(ROOT, "deploy", "webhook", "make-cert.sh"), out], { encoding: "utf8", env: { ...process.env, DAYS: "2" } });
  if (r.status !== 0) throw new Error(r.stderr);
  return { ca: readFileSync(join(out, "ca.crt")), cert: join(out, "tls.crt"), key: join(out, "tls.key") };
}

const first = makeCert("first");
const served = { cert: join(temp, "tls.crt"), key: join(temp, "tls.key") };
copyFileSync(first.cert, served.cert);
copyFileSync(first.key, served.key);

let server: WebhookServer;
let port: number;
let stopWatching: () => void;
const metrics = new Metrics();
const logs: string[] = [];

beforeAll(async () => {
  const c = readCertificate(served.cert, served.key);
  metrics.certificateExpiry = c.notAfter;
  server = createWebhookServer({ tls: { cert: c.cert, key: c.key }, admission: {}, maxBodyBytes: 1 << 20, requestTimeoutMs: 2000, log: jsonLogger((l) => logs.push(l)), metrics });
  port = (await server.listen(0, "127.0.0.1")).port;
  stopWatching = watchCertificate(served.cert, served.key, c, 50, (n) => {
    server.setCertificate(n.cert, n.key);
    metrics.certificateExpiry = n.notAfter;
  }, (why) => logs.push(why));
});
afterAll(async () => {
  stopWatching();
  await server.shutdown(1000);
  rmSync(temp, { recursive: true, force: true });
});

const fixture = (f: string) => yamlObjects(readFileSync(join(ROOT, "test", "data", "webhook", f), "utf8"))[0];

describe("HTTPS", () => {
  it("answers reviews to a client that trusts the CA and names the Service", async () => {
    const { uid, body } = reviewRequest(fixture("refuse-flink-rejects-managed.yaml"));
    const r = admission(await call(port, body, { tls: { ca: first.ca, servername: SERVICE }, agent: false }));
    expect(r.uid).toBe(uid);
    expect(r.allowed).toBe(false);
    expect(r.status!.message).toContain("TaskManager memory configuration failed");
  });

  it("the certificate is for the Service's names only", async () => {
    await expect(call(port, undefined, { path: "/healthz", tls: { ca: first.ca, servername: "other.example.com" }, agent: false })).rejects.toThrow(/altnames|Hostname/i);
  });

  it("no plain HTTP on the TLS port", async () => {
    const answer = await new Promise<string>((resolve) => {
      const req = httpRequest({ host: "127.0.0.1", port, path: "/healthz" }, (res) => resolve(String(res.statusCode)));
      req.on("error", (e) => resolve(e.message));
      req.end();
    });
    expect(answer).not.toBe("200");
  });

  it("the metrics say when the certificate expires", async () => {
    const r = await call(port, undefined, { path: "/metrics", tls: { ca: first.ca, servername: SERVICE }, agent: false });
    const expiry = Number(/^flink_memory_webhook_certificate_expiry_timestamp_seconds (\d+)$/m.exec(r.body)?.[1]);
    expect(expiry * 1000).toBeGreaterThan(Date.now());
    expect(expiry * 1000).toBeLessThan(Date.now() + 3 * 86_400_000);
  });

  it("a renewed certificate (a new CA, as after rotation) is served without a restart", async () => {
    const second = makeCert("second");
    copyFileSync(second.key, served.key);
    copyFileSync(second.cert, served.cert);
    const deadline = Date.now() + 5000;
    let ok = false;
    while (!ok && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 60));
      ok = await call(port, undefined, { path: "/healthz", tls: { ca: second.ca, servername: SERVICE }, agent: false }).then(
        () => true,
        () => false,
      );
    }
    expect(ok).toBe(true);
    await expect(call(port, undefined, { path: "/healthz", tls: { ca: first.ca, servername: SERVICE }, agent: false })).rejects.toThrow();
  });
});

describe("the certificate files, checked at start", () => {
  const secretLooking = join(temp, "secret.pem");
  writeFileSync(secretLooking, "s3.secret-key: hunter2-canary\n");
  const cases: [string, () => unknown, RegExp][] = [
    ["a missing file", () => readCertificate(join(temp, "nope.crt"), first.key), /--tls-cert .*nope\.crt: cannot read it \(no such file\)/],
    ["not a certificate", () => readCertificate(secretLooking, first.key), /--tls-cert .*secret\.pem: not a PEM certificate$/],
    ["not a key", () => readCertificate(first.cert, secretLooking), /--tls-key .*secret\.pem: not a PEM private key/],
    ["a key of another certificate", () => readCertificate(first.cert, makeCert("third").key), /does not belong to the certificate/],
  ];
  for (const [name, run, message] of cases) {
    it(`${name}: a usage error naming the file, never its content`, () => {
      let error: unknown;
      try {
        run();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain("hunter2");
    });
  }
});
