// `npm run bench:webhook`: the admission webhook as deployed (the built CLI, HTTPS with a throwaway
// certificate from deploy/webhook/make-cert.sh), on loopback only: 1,000 AdmissionReviews of the
// test resources (refused, warned, admitted) from 32 concurrent keep-alive clients. Prints how many
// were answered, latency percentiles and reviews per second; asserts nothing about time.
// BENCH_REVIEWS, BENCH_CLIENTS change the counts; BENCH_TLS=0 measures plain HTTP.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";

const REVIEWS = Number(process.env.BENCH_REVIEWS ?? 1000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const TLS = process.env.BENCH_TLS !== "0";
const ROOT = join(import.meta.dirname, "..");
const DATA = join(ROOT, "test", "data", "webhook");
const SERVICE = "flink-memory-webhook.flink-memory.svc";

const fixtures = readdirSync(DATA)
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => ({ f, object: parse(readFileSync(join(DATA, f), "utf8")) }));

function review(i) {
  const { f, object } = fixtures[i % fixtures.length];
  const [group, version] = object.apiVersion.split("/");
  const kind = { group, version, kind: object.kind };
  const uid = `bench-${i}`;
  const request = { uid, kind, resource: { group, version, resource: `${object.kind.toLowerCase()}s` }, name: object.metadata.name, namespace: "bench", operation: "CREATE", userInfo: { username: "bench" }, object, oldObject: null, dryRun: false };
  return { f, uid, body: JSON.stringify({ apiVersion: "admission.k8s.io/v1", kind: "AdmissionReview", request }) };
}

const temp = mkdtempSync(join(tmpdir(), "flink-memory-bench-webhook-"));
let child;
try {
  const args = ["webhook", "--port", "0", "--host", "127.0.0.1"];
  let ca;
  if (TLS) {
    const made = spawnSync("bash", [join(ROOT, "deploy", "webhook", "make-cert.sh"), temp], { encoding: "utf8" });
    if (made.status !== 0) throw new Error(`make-cert.sh failed: ${made.stderr}`);
    ca = readFileSync(join(temp, "ca.crt"));
    args.push("--tls-cert", join(temp, "tls.crt"), "--tls-key", join(temp, "tls.key"));
  } else args.push("--insecure-http");
  child = spawn(process.execPath, [join(ROOT, "bin", "flink-memory.js"), ...args], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr.on("data", (c) => (log += c));
  const port = await new Promise((resolve, reject) => {
    const t = setInterval(() => {
      const m = /"msg":"listening".*?"port":(\d+)/.exec(log);
      if (m) {
        clearInterval(t);
        resolve(Number(m[1]));
      }
    }, 10);
    child.on("exit", (code) => reject(new Error(`the webhook exited ${code}: ${log}`)));
  });

  const agent = TLS ? new HttpsAgent({ keepAlive: true, maxSockets: CLIENTS, ca, servername: SERVICE }) : new HttpAgent({ keepAlive: true, maxSockets: CLIENTS });
  const send = (body) =>
    new Promise((resolve, reject) => {
      const options = { host: "127.0.0.1", port, method: "POST", path: "/validate?timeout=5s", agent, headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) } };
      const req = (TLS ? httpsRequest : httpRequest)(options, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode, text }));
      });
      req.on("error", reject);
      req.end(body);
    });

  // Warm-up: the first reviews compile the engine (not counted).
  for (let i = 0; i < fixtures.length * 3; i++) await send(review(i).body);

  const logStart = log.length;
  const latencies = [];
  const decisions = { refused: 0, warned: 0, admitted: 0 };
  let answered = 0;
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let i = next++; i < REVIEWS; i = next++) {
        const r = review(i);
        const t = process.hrtime.bigint();
        const { status, text } = await send(r.body);
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
        const response = status === 200 ? JSON.parse(text).response : undefined;
        if (!response || response.uid !== r.uid) throw new Error(`review ${i} (${r.f}): HTTP ${status}`);
        answered++;
        decisions[!response.allowed ? "refused" : response.warnings ? "warned" : "admitted"]++;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pctOf = (list, p) => list[Math.min(list.length - 1, Math.ceil((p / 100) * list.length) - 1)].toFixed(1);
  const pct = (p) => pctOf(latencies, p);
  // The webhook's own time per review (its log's `ms`): latency minus the wait behind other clients.
  await new Promise((r) => setTimeout(r, 100));
  const own = [...log.slice(logStart).matchAll(/"msg":"review".*?"ms":([\d.]+)/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
  console.log(`webhook (${TLS ? "HTTPS" : "plain HTTP"}, loopback): ${answered} of ${REVIEWS} reviews answered from ${CLIENTS} concurrent clients in ${seconds.toFixed(2)} s = ${Math.round(answered / seconds)} reviews/s`);
  console.log(`  ${decisions.refused} refused, ${decisions.warned} admitted with warnings, ${decisions.admitted} admitted (${fixtures.length} resources in turn)`);
  console.log(`  latency per review: p50 ${pct(50)} ms, p90 ${pct(90)} ms, p99 ${pct(99)} ms, max ${latencies.at(-1).toFixed(1)} ms`);
  if (own.length) console.log(`  of which judging (the webhook's log, ${own.length} reviews): p50 ${pctOf(own, 50)} ms, p99 ${pctOf(own, 99)} ms, max ${own.at(-1).toFixed(1)} ms`);
} finally {
  child?.kill("SIGTERM");
  rmSync(temp, { recursive: true, force: true });
}
