/**
 * Helpers for the admission webhook's tests: resources from YAML as the API server sends them
 * (JSON, integers exact), AdmissionReview requests around them, and HTTP(S) calls on loopback.
 */
import { request as httpRequest, type Agent, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import { parseAllDocuments } from "yaml";
import { readManifests } from "../../src/k8s/manifest.js";

/** JSON text of plain data whose integers may be bigints (written as their digits). */
export function toJson(value: unknown): string {
  const marks: string[] = [];
  // A private-use character JSON.stringify leaves unescaped marks where each bigint goes.
  const text = JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? `\ue000${marks.push(v.toString()) - 1}\ue000` : v));
  return text.replace(/"\ue000(\d+)\ue000"/g, (_m, i: string) => marks[Number(i)]!);
}

/** Each YAML document of a text as plain data (integers as bigint, as kubectl keeps them). */
export function yamlObjects(text: string): unknown[] {
  return readManifests(text).map((d) => d.value).filter((v) => v !== null && v !== undefined);
}

/** Each YAML document's own text. */
export function yamlDocumentTexts(text: string): string[] {
  return parseAllDocuments(text).map((d) => d.toString());
}

export interface ReviewOptions {
  uid?: string;
  operation?: "CREATE" | "UPDATE" | "DELETE" | "CONNECT";
  oldObject?: unknown;
  kind?: { group: string; version: string; kind: string };
}

let counter = 0;

/** An AdmissionReview v1 request for `object`, as the API server sends it. */
export function reviewRequest(object: unknown, opts: ReviewOptions = {}): { uid: string; body: string } {
  const o = object as { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } };
  const [group, version] = (o.apiVersion ?? "flink.apache.org/v1beta1").split("/");
  const kind = opts.kind ?? { group: group!, version: version!, kind: o.kind ?? "FlinkDeployment" };
  const uid = opts.uid ?? `00000000-0000-4000-8000-${String(++counter).padStart(12, "0")}`;
  const operation = opts.operation ?? "CREATE";
  const request = {
    uid,
    kind,
    resource: { group: kind.group, version: kind.version, resource: `${kind.kind.toLowerCase()}s` },
    requestKind: kind,
    requestResource: { group: kind.group, version: kind.version, resource: `${kind.kind.toLowerCase()}s` },
    name: o.metadata?.name ?? "",
    namespace: o.metadata?.namespace ?? "default",
    operation,
    userInfo: { username: "kubernetes-admin", groups: ["system:masters", "system:authenticated"] },
    object: operation === "DELETE" ? null : object,
    oldObject: operation === "DELETE" ? object : (opts.oldObject ?? null),
    dryRun: false,
    options: operation === "CREATE" ? { apiVersion: "meta.k8s.io/v1", kind: "CreateOptions", fieldManager: "kubectl-client-side-apply" } : null,
  };
  return { uid, body: toJson({ apiVersion: "admission.k8s.io/v1", kind: "AdmissionReview", request }) };
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface CallOptions {
  method?: string;
  path?: string;
  headers?: Record<string, string | number>;
  /** HTTPS with this CA (and server name). */
  tls?: { ca: Buffer | string; servername?: string };
  agent?: Agent | false;
  /** Send the body in chunks, without Content-Length. */
  chunked?: boolean;
}

/** One request on loopback; resolves with the whole answer. */
export function call(port: number, body: string | Buffer | undefined, opts: CallOptions = {}): Promise<Reply> {
  const method = opts.method ?? (body === undefined ? "GET" : "POST");
  const length = body === undefined || opts.chunked ? {} : { "Content-Length": Buffer.byteLength(body) };
  const headers: Record<string, string | number> = body === undefined ? { ...opts.headers } : { "Content-Type": "application/json", ...length, ...opts.headers };
  return new Promise((resolve, reject) => {
    const common = { host: "127.0.0.1", port, method, path: opts.path ?? "/validate", headers, ...(opts.agent !== undefined ? { agent: opts.agent } : {}) };
    const req = opts.tls ? httpsRequest({ ...common, ca: opts.tls.ca, servername: opts.tls.servername ?? "localhost" }) : httpRequest(common);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    if (opts.chunked && body !== undefined) {
      for (let i = 0; i < body.length; i += 16 * 1024) req.write(body.slice(i, i + 16 * 1024));
      req.end();
    } else req.end(body);
  });
}

/** The AdmissionReview response of a reply. */
export function admission(r: Reply): { uid: string; allowed: boolean; status?: { code: number; message: string }; warnings?: string[] } {
  const review = JSON.parse(r.body) as { apiVersion: string; kind: string; response: never };
  if (review.apiVersion !== "admission.k8s.io/v1" || review.kind !== "AdmissionReview") throw new Error(`not an AdmissionReview: ${r.body.slice(0, 200)}`);
  return review.response;
}
