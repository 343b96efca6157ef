// The webhook's server on loopback, with real HTTP requests: refusals carry Flink's message, good
// resources are admitted, bad requests get a clear 4xx and the server lives on, slow and huge
// requests are cut off, 1,000 reviews from 32 concurrent clients are all answered, and a shutdown
// answers what is in flight.
import { readFileSync, readdirSync } from "node:fs";
import { Agent } from "node:http";
import { connect, type Socket } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebhookServer, type WebhookServer } from "../../cli/webhook/server.js";
import { Metrics } from "../../cli/webhook/metrics.js";
import { jsonLogger } from "../../cli/webhook/log.js";
import { reviewAdmission } from "../../src/admission/review.js";
import { ROOT } from "../support/golden.js";
import { admission, call, reviewRequest, toJson, yamlObjects } from "../support/webhook.js";

const DATA = join(ROOT, "test", "data", "webhook");
const fixture = (f: string) => yamlObjects(readFileSync(join(DATA, f), "utf8"))[0];
const MAX_BODY = 256 * 1024;
const TIMEOUT_MS = 400;

let server: WebhookServer;
let port: number;
const logs: Record<string, unknown>[] = [];
const metrics = new Metrics();

beforeAll(async () => {
  server = createWebhookServer({ admission: {}, maxBodyBytes: MAX_BODY, requestTimeoutMs: TIMEOUT_MS, log: jsonLogger((l) => logs.push(JSON.parse(l) as Record<string, unknown>)), metrics });
  port = (await server.listen(0, "127.0.0.1")).port;
});
afterAll(() => server.shutdown(1000));

const review = (f: string) => reviewRequest(fixture(f));
const alive = async () => {
  const { uid, body } = review("admit-basic.yaml");
  const r = admission(await call(port, body));
  expect(r).toEqual({ uid, allowed: true });
};

/** A raw connection: what it sends, and everything the server writes back until it closes. */
function raw(send: string): { socket: Socket; answer: Promise<string> } {
  const socket = connect(port, "127.0.0.1");
  socket.write(send);
  const answer = new Promise<string>((resolve) => {
    let text = "";
    socket.on("data", (c) => (text += c.toString()));
    socket.on("close", () => resolve(text));
    socket.on("error", () => resolve(text));
  });
  return { socket, answer };
}

describe("reviews", () => {
  it("a refusal: allowed false, the same uid, Flink's message and the checked fix", async () => {
    const { uid, body } = review("refuse-flink-rejects-managed.yaml");
    const reply = await call(port, body);
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toBe("application/json");
    const r = admission(reply);
    expect(r.uid).toBe(uid);
    expect(r.allowed).toBe(false);
    expect(r.status!.code).toBe(403);
    expect(r.status!.message).toContain("TaskManager memory configuration failed: Sum of configured Framework Heap Memory (128.000mb (134217728 bytes))");
    expect(r.status!.message).toContain("fix (checked): lower `taskmanager.memory.managed.size` from 3 GiB to 1044m");
  });

  it("every fixture gets its decision; good resources are admitted", async () => {
    for (const f of readdirSync(DATA).filter((n) => n.endsWith(".yaml"))) {
      const { uid, body } = review(f);
      const r = admission(await call(port, body));
      expect(r.uid, f).toBe(uid);
      expect(r.allowed, f).toBe(!f.startsWith("refuse-"));
      if (f.startsWith("warn-")) expect(r.warnings!.length, f).toBeGreaterThan(0);
      if (f.startsWith("admit-")) expect(r, f).toEqual({ uid, allowed: true });
    }
  });

  it("the API server's query string (?timeout=10s) and a charset are fine", async () => {
    const { uid, body } = review("admit-basic.yaml");
    expect(admission(await call(port, body, { path: "/validate?timeout=10s", headers: { "Content-Type": "application/json; charset=utf-8" } })).uid).toBe(uid);
  });

  it("a review of a kind not judged is admitted unchanged", async () => {
    const { uid, body } = reviewRequest({ apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: { password: "aHVudGVyMg==" } });
    expect(admission(await call(port, body))).toEqual({ uid, allowed: true });
  });
});

describe("bad requests get a clear 4xx, and the server lives on", () => {
  const cases: [string, () => Promise<import("../support/webhook.js").Reply>, number, RegExp][] = [
    ["malformed JSON", () => call(port, '{"apiVersion": "admission.k8s.io/v1", '), 400, /not valid JSON/],
    ["JSON that is not an AdmissionReview", () => call(port, toJson(fixture("admit-basic.yaml"))), 400, /not an AdmissionReview/],
    ["an AdmissionReview v1beta1", () => call(port, review("admit-basic.yaml").body.replace("admission.k8s.io/v1", "admission.k8s.io/v1beta1")), 400, /admissionReviewVersions \[v1\]/],
    ["bytes that are not UTF-8", () => call(port, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), 400, /not UTF-8/],
    ["an empty body", () => call(port, ""), 400, /not valid JSON/],
    ["GET /validate", () => call(port, undefined, { path: "/validate" }), 405, /use POST/],
    ["POST text/plain", () => call(port, "{}", { headers: { "Content-Type": "text/plain" } }), 415, /application\/json/],
    ["an unknown path", () => call(port, undefined, { path: "/mutate" }), 404, /serves \/validate, \/healthz, \/readyz and \/metrics/],
    ["a body over the limit (Content-Length)", () => call(port, "x".repeat(MAX_BODY + 1)), 413, /larger than 262144 bytes/],
    ["a chunked body over the limit", () => call(port, "x".repeat(4 * MAX_BODY), { chunked: true }), 413, /larger than/],
  ];
  for (const [name, send, status, text] of cases) {
    it(`${name}: ${status}`, async () => {
      const r = await send();
      expect(r.status).toBe(status);
      expect(r.body).toMatch(/^flink-memory webhook: /);
      expect(r.body).toMatch(text);
      if (status === 405) expect(r.headers.allow).toBe(name.startsWith("GET") ? "POST" : "GET, HEAD");
      if (status === 413) expect(r.headers.connection).toBe("close");
      await alive();
    });
  }

  it("a huge body (8 MiB) is refused without being kept", async () => {
    const before = process.memoryUsage().rss;
    const r = await call(port, Buffer.alloc(8 * 1024 * 1024, 0x20));
    expect(r.status).toBe(413);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
    await alive();
  });

  it("a client that stalls mid-body gets 408 after the request timeout", async () => {
    const started = Date.now();
    const { answer } = raw("POST /validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"apiVersion\":");
    const text = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(text).toContain("the request was not received in time");
    expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    await alive();
  });

  it("a client that stalls mid-headers gets 408", async () => {
    const { answer } = raw("POST /validate HTTP/1.1\r\nHost: x\r\nContent-Ty");
    expect(await answer).toMatch(/^HTTP\/1\.1 408 /);
    await alive();
  });

  it("headers over 16 KiB get 431", async () => {
    expect(await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: ${"x".repeat(20_000)}\r\n\r\n`).answer).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    await alive();
  });

  it("malformed HTTP gets 400; a client gone mid-body costs nothing", async () => {
    expect(await raw("NOT HTTP AT ALL\r\n\r\n").answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    const { socket } = raw("POST /validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{");
    await new Promise((r) => setTimeout(r, 50));
    socket.destroy();
    await alive();
  });

  it("probes: /healthz and /readyz answer GET and HEAD", async () => {
    expect(await call(port, undefined, { path: "/healthz" })).toMatchObject({ status: 200, body: "ok\n" });
    expect(await call(port, undefined, { path: "/readyz" })).toMatchObject({ status: 200, body: "ready\n" });
    expect(await call(port, undefined, { path: "/readyz", method: "HEAD" })).toMatchObject({ status: 200, body: "" });
    expect((await call(port, "x", { path: "/healthz" })).status).toBe(405);
  });
});

describe("1,000 reviews from 32 concurrent clients", () => {
  it("are all answered, each with its own uid and the right decision", async () => {
    // All resources but the one whose fix search costs 20 ms a time (the benchmark sends it too).
    const files = readdirSync(DATA).filter((n) => n.endsWith(".yaml") && n !== "refuse-flink-rejects-managed.yaml");
    const bodies = files.map((f) => ({ f, object: fixture(f) }));
    const agent = new Agent({ keepAlive: true, maxSockets: 32 });
    let next = 0;
    const wrong: string[] = [];
    let answered = 0;
    const client = async () => {
      for (let i = next++; i < 1000; i = next++) {
        const { f, object } = bodies[i % bodies.length]!;
        const { uid, body } = reviewRequest(object);
        const r = admission(await call(port, body, { agent }));
        answered++;
        if (r.uid !== uid || r.allowed !== !f.startsWith("refuse-")) wrong.push(`${i} ${f}`);
      }
    };
    await Promise.all(Array.from({ length: 32 }, client));
    agent.destroy();
    expect(wrong).toEqual([]);
    expect(answered).toBe(1000);
  });
});

describe("metrics and logs", () => {
  it("/metrics counts requests, reviews, refusals and latency in Prometheus' text format", async () => {
    const r = await call(port, undefined, { path: "/metrics" });
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("text/plain; version=0.0.4; charset=utf-8");
    const value = (series: string) => Number(new RegExp(`^${series.replace(/[{}"()[\].+]/g, "\\$&")} (\\S+)$`, "m").exec(r.body)?.[1]);
    expect(value('flink_memory_webhook_reviews_total{kind="FlinkDeployment",operation="CREATE",decision="refused"}')).toBeGreaterThan(400);
    expect(value('flink_memory_webhook_refusals_total{kind="FlinkDeployment",rule="flink-rejects"}')).toBeGreaterThan(100);
    expect(value('flink_memory_webhook_http_requests_total{path="/validate",code="413"}')).toBe(3);
    expect(value('flink_memory_webhook_http_requests_total{path="other",code="408"}')).toBe(2);
    expect(value('flink_memory_webhook_http_requests_total{path="other",code="404"}')).toBe(1);
    expect(value('flink_memory_webhook_http_requests_total{path="other",code="431"}')).toBe(1);
    const count = value("flink_memory_webhook_review_duration_seconds_count");
    expect(count).toBe(value('flink_memory_webhook_review_duration_seconds_bucket{le="+Inf"}'));
    expect(count).toBeGreaterThanOrEqual(1000);
    // Every line is a comment or a sample.
    for (const line of r.body.trimEnd().split("\n")) expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|\w+(\{[^}]*\})? [\d.e+-]+)$/);
  });

  it("logs are JSON lines with a time, a level and a message, one per review", () => {
    expect(logs.length).toBeGreaterThan(1000);
    for (const l of logs) expect(l).toMatchObject({ time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), level: expect.stringMatching(/^(info|warn|error)$/), msg: expect.any(String) });
    const refusal = logs.find((l) => l.msg === "review" && l.decision === "refused")!;
    expect(Object.keys(refusal).sort()).toEqual(["decision", "errors", "flink", "kind", "level", "ms", "msg", "name", "namespace", "operation", "time", "uid"]);
    expect(logs.filter((l) => l.level === "error")).toEqual([]);
  });
});

describe("an internal error", () => {
  it("is a 500 without details, logged by class and place only, and the server lives on", async () => {
    const lines: Record<string, unknown>[] = [];
    let calls = 0;
    const s = createWebhookServer({
      admission: {},
      maxBodyBytes: MAX_BODY,
      requestTimeoutMs: 2000,
      log: jsonLogger((l) => lines.push(JSON.parse(l) as Record<string, unknown>)),
      metrics: new Metrics(),
      judge: (body, opts) => {
        if (calls++ === 0) throw new TypeError("cannot read s3.secret-key hunter2-canary");
        return reviewAdmission(body, opts);
      },
    });
    const p = (await s.listen(0, "127.0.0.1")).port;
    try {
      const r = await call(p, review("admit-basic.yaml").body);
      expect(r).toMatchObject({ status: 500, body: "flink-memory webhook: internal error\n" });
      expect(admission(await call(p, review("admit-basic.yaml").body)).allowed).toBe(true);
      const error = lines.find((l) => l.level === "error")!;
      expect(error).toMatchObject({ msg: "internal error", path: "/validate", where: expect.stringMatching(/^TypeError at /) });
      expect(String(error.where)).not.toContain("\n");
      expect(JSON.stringify(lines)).not.toContain("hunter2");
    } finally {
      await s.shutdown(1000);
    }
  });
});

describe("shutdown", () => {
  it("answers the review in flight, then stops taking connections", async () => {
    const s = createWebhookServer({ admission: {}, maxBodyBytes: MAX_BODY, requestTimeoutMs: 5000, log: jsonLogger(() => {}), metrics: new Metrics() });
    const p = (await s.listen(0, "127.0.0.1")).port;
    const { body } = review("refuse-flink-rejects-managed.yaml");
    const half = Math.floor(body.length / 2);
    const socket = connect(p, "127.0.0.1");
    const answer = new Promise<string>((resolve) => {
      let text = "";
      socket.on("data", (c) => (text += c.toString()));
      socket.on("close", () => resolve(text));
    });
    socket.write(`POST /validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, half)}`);
    await new Promise((r) => setTimeout(r, 50));
    const stopped = s.shutdown(5000);
    await expect(call(p, undefined, { path: "/readyz" })).rejects.toThrow(/ECONNREFUSED/);
    socket.write(body.slice(half));
    const text = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(text).toMatch(/\r\nConnection: close\r\n/i);
    expect(text).toContain('"allowed":false');
    await stopped;
  });
});
