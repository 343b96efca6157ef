/**
 * The admission webhook's HTTP(S) server, on Node's own `http`/`https`: `/validate` answers
 * AdmissionReviews (the decision is `reviewAdmission`'s, in src/), `/healthz`, `/readyz` and
 * `/metrics` answer probes and Prometheus. It bounds what a client can cost — a body limit (413),
 * a time for the whole request (408, also for clients that stall mid-headers or mid-body),
 * a TLS handshake timeout, a connection cap — and shuts down gracefully: not ready at once, no
 * new connections, in-flight reviews answered, then the rest closed.
 * @module
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { reviewAdmission, type AdmissionOptions } from "../../src/admission/review.js";
import { nodeHttp, nodeHttps } from "./builtins.js";
import { errorWhere, type Logger } from "./log.js";
import type { Metrics } from "./metrics.js";

export interface WebhookServerConfig {
  /** PEM certificate chain and key; absent: plain HTTP (`--insecure-http`). */
  tls?: { cert: Buffer; key: Buffer };
  admission: AdmissionOptions;
  maxBodyBytes: number;
  /** Time for a client to send a whole request, headers and body (Node's `requestTimeout`). */
  requestTimeoutMs: number;
  log: Logger;
  metrics: Metrics;
  /** The decision (tests replace it to reach the 500 path). */
  judge?: typeof reviewAdmission;
}

export interface WebhookServer {
  server: Server;
  listen(port: number, host: string | undefined): Promise<AddressInfo>;
  /** Stops taking connections, answers what is in flight, closes the rest after `graceMs`. */
  shutdown(graceMs: number): Promise<void>;
  /** New certificate and key for the next TLS handshakes (rotation by cert-manager). */
  setCertificate(cert: Buffer, key: Buffer): void;
}

/** At most this many connections at once: the API server keeps a few; more is a client gone wrong. */
const MAX_CONNECTIONS = 512;

class HttpError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export function createWebhookServer(cfg: WebhookServerConfig): WebhookServer {
  const { log, metrics } = cfg;
  const options = {
    requestTimeout: cfg.requestTimeoutMs,
    headersTimeout: cfg.requestTimeoutMs,
    // Node checks the two timeouts this often (30 s by default, too coarse for short timeouts).
    connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(cfg.requestTimeoutMs / 4))),
    keepAliveTimeout: 30_000,
  };
  let draining = false;
  const inFlight = new Set<ServerResponse>();
  const responses = new WeakMap<Socket, ServerResponse>();
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    responses.set(req.socket, res);
    void handle(req, res);
  };
  const server: Server = cfg.tls
    ? nodeHttps().createServer({ ...options, cert: cfg.tls.cert, key: cfg.tls.key, minVersion: "TLSv1.2", handshakeTimeout: cfg.requestTimeoutMs }, handler)
    : nodeHttp().createServer(options, handler);
  server.maxConnections = MAX_CONNECTIONS;

  // Malformed requests and timeouts: Node would answer them itself; we also count and log them.
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Socket) => {
    const code = err.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : err.code === "HPE_HEADER_OVERFLOW" ? 431 : err.code === "ECONNRESET" ? 0 : 400;
    const res = responses.get(socket);
    const midAnswer = res !== undefined && res.headersSent && !res.writableEnded;
    if (code === 0 || !socket.writable || midAnswer) {
      socket.destroy();
      return;
    }
    const reason = code === 408 ? "Request Timeout" : code === 431 ? "Request Header Fields Too Large" : "Bad Request";
    const body = `flink-memory webhook: ${code === 408 ? "the request was not received in time" : code === 431 ? "request headers too large" : "malformed HTTP request"}\n`;
    socket.end(`HTTP/1.1 ${code} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    metrics.request("other", code);
    log.log("warn", "client error", { code, reason: err.code ?? "unknown" });
  });
  server.on("tlsClientError", (err: NodeJS.ErrnoException) => log.log("warn", "TLS handshake failed", { reason: err.code ?? "unknown" }));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const path = (req.url ?? "/").split("?")[0]!;
    metrics.inFlight++;
    inFlight.add(res);
    if (draining) res.shouldKeepAlive = false;
    try {
      switch (path) {
        case "/validate":
          await validate(req, res, started);
          break;
        case "/healthz":
          onlyGet(req);
          send(res, 200, "ok\n");
          break;
        case "/readyz":
          onlyGet(req);
          send(res, draining ? 503 : 200, draining ? "shutting down\n" : "ready\n");
          break;
        case "/metrics":
          onlyGet(req);
          send(res, 200, metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
          break;
        default:
          throw new HttpError(404, "not found: the webhook serves /validate, /healthz, /readyz and /metrics");
      }
    } catch (e) {
      if (e instanceof HttpError) {
        if (e.code === 405) res.setHeader("Allow", path === "/validate" ? "POST" : "GET, HEAD");
        // A body not read is not waited for: the connection closes after the answer.
        if (!req.complete) res.shouldKeepAlive = false;
        send(res, e.code, `flink-memory webhook: ${e.message}\n`);
        if (e.code !== 404) log.log("warn", "request refused", { path: metricPath(path), code: e.code, reason: e.message });
      } else if (!(e instanceof ClientGone)) {
        log.log("error", "internal error", { path: metricPath(path), where: errorWhere(e) });
        send(res, 500, "flink-memory webhook: internal error\n");
      }
    } finally {
      metrics.inFlight--;
      inFlight.delete(res);
      if (res.headersSent) metrics.request(path, res.statusCode);
    }
  }

  async function validate(req: IncomingMessage, res: ServerResponse, started: bigint): Promise<void> {
    if (req.method !== "POST") throw new HttpError(405, "use POST for /validate");
    const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (type !== "application/json") throw new HttpError(415, "an AdmissionReview is sent as Content-Type: application/json");
    const bytes = await readBody(req, res, cfg.maxBodyBytes);
    let body: string;
    try {
      body = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw new HttpError(400, "the body is not UTF-8");
    }
    const r = (cfg.judge ?? reviewAdmission)(body, cfg.admission);
    if (!r.ok) throw new HttpError(400, r.reason);
    send(res, 200, JSON.stringify(r.answer), "application/json");
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    metrics.observe(seconds);
    const s = r.summary;
    metrics.review(s.kind, s.operation, s.decision, s.errors);
    log.log("info", "review", {
      uid: s.uid,
      kind: s.kind,
      operation: s.operation,
      namespace: s.namespace,
      name: s.name,
      decision: s.decision,
      skipped: s.skipped,
      errors: s.errors.length ? s.errors : undefined,
      warnings: s.warnings.length ? s.warnings : undefined,
      flink: s.flink,
      ms: Math.round(seconds * 1e5) / 100,
    });
  }

  return {
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen({ port, ...(host !== undefined ? { host } : {}) }, () => {
          server.off("error", reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    async shutdown(graceMs) {
      draining = true;
      // Answers still to come close their connections, so keep-alive clients go elsewhere.
      for (const res of inFlight) res.shouldKeepAlive = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<"late">((resolve) => {
        timer = setTimeout(() => resolve("late"), graceMs);
      });
      if ((await Promise.race([closed, late])) === "late") {
        log.log("warn", "shutdown: closing connections still open after the grace time", { graceMs });
        server.closeAllConnections();
        await closed;
      }
      clearTimeout(timer);
    },
    setCertificate(cert, key) {
      if ("setSecureContext" in server) (server as unknown as { setSecureContext(o: object): void }).setSecureContext({ cert, key, minVersion: "TLSv1.2" });
    },
  };
}

function metricPath(path: string): string {
  return ["/validate", "/healthz", "/readyz", "/metrics"].includes(path) ? path : "other";
}

function onlyGet(req: IncomingMessage): void {
  if (req.method !== "GET" && req.method !== "HEAD") throw new HttpError(405, "use GET");
}

function send(res: ServerResponse, code: number, body: string, type = "text/plain; charset=utf-8"): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(code, { "Content-Type": type, "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store" });
  res.end(res.req.method === "HEAD" ? undefined : body);
}

/** The client went away (or timed out) before its body arrived: nobody to answer. */
class ClientGone extends Error {}

/**
 * The body, at most `max` bytes. A larger one (by Content-Length or as it arrives) is refused
 * with 413 at once; what the client still sends is read and dropped up to another `max` bytes (so
 * it gets to read the answer), then the connection is closed.
 */
function readBody(req: IncomingMessage, res: ServerResponse, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => {
      res.setHeader("Connection", "close");
      let dropped = 0;
      req.removeAllListeners("data");
      req.on("data", (c: Buffer) => {
        dropped += c.length;
        if (dropped > max) req.socket.destroy();
      });
      reject(new HttpError(413, `the body is larger than ${max} bytes (--max-body)`));
    };
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > max) return tooLarge();
    const chunks: Buffer[] = [];
    let total = 0;
    req.on("data", (c: Buffer) => {
      total += c.length;
      if (total > max) return tooLarge();
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks, total)));
    req.on("error", () => reject(new ClientGone()));
    req.on("aborted", () => reject(new ClientGone()));
  });
}
