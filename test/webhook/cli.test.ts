// `flink-memory webhook` as a process: usage errors before anything is served, a loud warning for
// --insecure-http, and a graceful SIGTERM: not ready, the review in flight answered, exit 0.
import { spawn, spawnSync, type ChildProcessByStdio } from "node:child_process";
import { createServer } from "node:net";
import { connect } from "node:net";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/golden.js";
import { call, reviewRequest, yamlObjects } from "../support/webhook.js";

const BIN = join(ROOT, "bin", "flink-memory.js");
const run = (args: string[]) => spawnSync(process.execPath, [BIN, "webhook", ...args], { encoding: "utf8", timeout: 20_000 });

interface Started {
  child: ChildProcessByStdio<null, Readable, Readable>;
  port: number;
  lines: () => Record<string, unknown>[];
  exited: Promise<number | null>;
}

/** Starts the webhook and waits for its "listening" line. */
async function start(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [BIN, "webhook", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  child.stderr.on("data", (c) => (err += String(c)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /"msg":"listening".*?"port":(\d+)/.exec(err);
      if (m) {
        clearInterval(timer);
        resolve(Number(m[1]));
      }
    }, 20);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`exited ${code}: ${err}`));
    });
  });
  return { child, port, exited, lines: () => err.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>) };
}

function expectUsage(r: ReturnType<typeof run>, text: RegExp): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(/^flink-memory: /);
  expect(r.stderr).toMatch(text);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe("usage errors, before anything is served", () => {
  it("neither TLS nor --insecure-http", () => expectUsage(run([]), /needs --tls-cert FILE and --tls-key FILE .* or --insecure-http/));
  it("a certificate without its key", () => expectUsage(run(["--tls-cert", "x.crt"]), /--tls-cert and --tls-key go together: --tls-key is missing/));
  it("TLS and --insecure-http together", () => expectUsage(run(["--insecure-http", "--tls-key", "x.key"]), /--insecure-http serves plain HTTP: leave out --tls-key/));
  it("--insecure-http beyond loopback", () => expectUsage(run(["--insecure-http", "--host", "0.0.0.0"]), /loopback only .* not --host 0\.0\.0\.0/));
  it("unreadable certificate files", () => expectUsage(run(["--tls-cert", "/nonexistent/tls.crt", "--tls-key", "/nonexistent/tls.key"]), /--tls-cert \/nonexistent\/tls\.crt: cannot read it/));
  it("an unreadable operator configuration", () => expectUsage(run(["--insecure-http", "--operator-config", "/nonexistent/values.yaml"]), /--operator-config \/nonexistent\/values\.yaml/));
  it("bad values", () => {
    expectUsage(run(["--insecure-http", "--port", "65536"]), /'--port <port>' argument '65536' is invalid\. Expected a port number/);
    expectUsage(run(["--insecure-http", "--max-body", "2Gi"]), /'--max-body <size>' .* from 1Ki to 1Gi/);
    expectUsage(run(["--insecure-http", "--request-timeout", "10"]), /'--request-timeout <duration>' .* such as 500ms, 10s or 2m/);
    expectUsage(run(["--insecure-http", "--host", "999.1.1.1"]), /'--host <address>' .* IP address/);
    expectUsage(run(["--insecure-http", "--flink", "1.9"]), /'--flink <version>' argument '1\.9' is invalid/);
  });
  it("a port already taken", async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, "127.0.0.1", r));
    const port = (taken.address() as { port: number }).port;
    try {
      const r = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const c = spawn(process.execPath, [BIN, "webhook", "--insecure-http", "--port", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        c.stdout.on("data", (d) => (stdout += String(d)));
        c.stderr.on("data", (d) => (stderr += String(d)));
        c.on("exit", (status) => resolve({ status, stdout, stderr: stderr.split("\n").filter((l) => !l.startsWith("{")).join("\n") }));
      });
      expectUsage(r as ReturnType<typeof run>, new RegExp(`cannot listen on 127\\.0\\.0\\.1 port ${port}: the address is in use`));
    } finally {
      taken.close();
    }
  });
  it("--help names every option and the exit status", () => {
    const r = spawnSync(process.execPath, [BIN, "webhook", "--help"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    for (const o of ["--port", "--host", "--tls-cert", "--tls-key", "--insecure-http", "--flink", "--operator-config", "--max-body", "--request-timeout", "--shutdown-timeout"]) expect(r.stdout).toContain(o);
    expect(r.stdout).toMatch(/Exit status: 0 after a graceful shutdown/);
  });
});

describe("running", () => {
  it("--insecure-http says loudly that it is for local tests, first", async () => {
    const s = await start(["--insecure-http", "--port", "0"]);
    s.child.kill("SIGTERM");
    expect(await s.exited).toBe(0);
    const [first, second] = s.lines();
    expect(first).toMatchObject({ level: "warn", msg: expect.stringMatching(/^INSECURE: serving plain HTTP \(--insecure-http\), for local tests only\./) });
    expect(second).toMatchObject({ level: "info", msg: "listening", address: "127.0.0.1", tls: false });
  });

  it("SIGTERM: the review in flight is answered, then the process exits 0", async () => {
    const s = await start(["--insecure-http", "--port", "0", "--flink", "1.20", "--shutdown-timeout", "5s"]);
    const object = yamlObjects(readFileSync(join(ROOT, "test", "data", "webhook", "refuse-flink-rejects-managed.yaml"), "utf8"))[0];
    const { uid, body } = reviewRequest(object);
    const socket = connect(s.port, "127.0.0.1");
    const answer = new Promise<string>((resolve) => {
      let text = "";
      socket.on("data", (c) => (text += String(c)));
      socket.on("close", () => resolve(text));
    });
    const half = Math.floor(body.length / 2);
    socket.write(`POST /validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, half)}`);
    await new Promise((r) => setTimeout(r, 100));
    s.child.kill("SIGTERM");
    // The listener closes at once: no new connection gets in.
    const deadline = Date.now() + 3000;
    let refused = false;
    while (!refused && Date.now() < deadline) {
      refused = await call(s.port, undefined, { path: "/readyz", agent: false }).then(
        () => false,
        () => true,
      );
      if (!refused) await new Promise((r) => setTimeout(r, 20));
    }
    expect(refused).toBe(true);
    socket.write(body.slice(half));
    const text = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(text).toContain(`"uid":"${uid}"`);
    expect(text).toContain('"allowed":false');
    expect(await s.exited).toBe(0);
    const msgs = s.lines().map((l) => l.msg);
    expect(msgs.slice(-3)).toEqual(["shutting down", "review", "stopped"]);
  });
});
