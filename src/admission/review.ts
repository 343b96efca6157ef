/**
 * A validating admission webhook's decision, as pure functions: an AdmissionReview (v1) request
 * body in, the AdmissionReview answer out — or why the body is not one (the server's 400).
 *
 * The judgement is `lint`'s on the same resource (`lintManifestValue`): an error (what Flink or
 * the operator refuses as the operator runs the resource) refuses it, with Flink's message and the
 * checked fix; warnings admit it with admission warnings; notes are not sent. What is not judged
 * is admitted unchanged: kinds other than FlinkDeployment and FlinkSessionJob (the webhook
 * configuration decides what is sent; a wider rule must not block other resources), operations
 * other than CREATE and UPDATE, and an UPDATE that leaves `spec` as it was (the operator's own
 * writes — finalizers, annotations — must pass, or a resource admitted before could never be
 * deleted).
 * @module
 */
import { parseJsonExact } from "../json-exact.js";
import { isObject } from "../k8s/manifest.js";
import type { OperatorDefaults } from "../k8s/operator-config.js";
import { lintManifestValue } from "../lint/lint-manifest.js";
import { admissionWarnings, refusalMessage } from "./message.js";
import { jsonDepth, sameJson } from "./json.js";

export interface AdmissionOptions {
  /** The release for resources that name none (no `flinkVersion`, no versioned image); default: the newest. */
  assumeFlink?: string;
  /** The operator's default configuration, merged under every FlinkDeployment (`--operator-config`). */
  operatorDefaults?: OperatorDefaults;
}

/** The kinds judged; others are admitted unjudged. */
export const JUDGED_KINDS = ["FlinkDeployment", "FlinkSessionJob"] as const;
const GROUP = "flink.apache.org";

/** JSON nested deeper than this is refused before parsing (no FlinkDeployment comes near). */
export const MAX_JSON_DEPTH = 1000;

/** What the server logs and counts about one review: never a configuration value. */
export interface ReviewSummary {
  uid: string;
  /** `FlinkDeployment`, `FlinkSessionJob`, or `other` (the kind named is not ours to log). */
  kind: (typeof JUDGED_KINDS)[number] | "other";
  operation: string;
  namespace?: string;
  name?: string;
  /** refused: an error; warned: admitted with warnings; admitted: judged, nothing to say; skipped: not judged. */
  decision: "refused" | "warned" | "admitted" | "skipped";
  /** Why a review was not judged. */
  skipped?: "kind" | "operation" | "spec unchanged";
  /** Rule ids of the errors (refusals) and of the warnings sent. */
  errors: string[];
  warnings: string[];
  /** The Flink release the resource was judged as. */
  flink?: string;
}

export interface AdmissionResponse {
  uid: string;
  allowed: boolean;
  status?: { code: number; message: string };
  warnings?: string[];
}

export type ReviewResult =
  | { ok: true; answer: { apiVersion: "admission.k8s.io/v1"; kind: "AdmissionReview"; response: AdmissionResponse }; summary: ReviewSummary }
  /** The body is not an AdmissionReview this webhook answers: the server's 400, with this reason. */
  | { ok: false; reason: string };

const bad = (reason: string): ReviewResult => ({ ok: false, reason });
const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** Judges one AdmissionReview request body (UTF-8 text). Never throws for any body. */
export function reviewAdmission(body: string, opts: AdmissionOptions = {}): ReviewResult {
  if (jsonDepth(body) > MAX_JSON_DEPTH) return bad(`the body nests JSON deeper than ${MAX_JSON_DEPTH} levels`);
  let review: unknown;
  try {
    review = parseJsonExact(body);
  } catch {
    // JSON.parse's own message quotes the body, which may hold credentials.
    return bad("the body is not valid JSON");
  }
  if (!isObject(review) || review.kind !== "AdmissionReview" || typeof review.apiVersion !== "string" || !review.apiVersion.startsWith("admission.k8s.io/")) {
    return bad("the body is not an AdmissionReview (apiVersion admission.k8s.io/v1, kind AdmissionReview)");
  }
  if (review.apiVersion !== "admission.k8s.io/v1") return bad("only AdmissionReview admission.k8s.io/v1 is served: list admissionReviewVersions [v1] in the webhook configuration");
  const request = review.request;
  if (!isObject(request)) return bad("the AdmissionReview has no request");
  const uid = text(request.uid);
  if (!uid) return bad("the AdmissionReview request has no uid");
  const operation = text(request.operation) ?? "";
  const kindRef = isObject(request.kind) ? request.kind : {};
  const kind = kindRef.group === GROUP && (JUDGED_KINDS as readonly unknown[]).includes(kindRef.kind) ? (kindRef.kind as ReviewSummary["kind"]) : "other";
  const namespace = text(request.namespace);
  const name = text(request.name) ?? (isObject(request.object) && isObject(request.object.metadata) ? text(request.object.metadata.name) : undefined);
  const summary: ReviewSummary = { uid, kind, operation, ...(namespace ? { namespace } : {}), ...(name ? { name } : {}), decision: "skipped", errors: [], warnings: [] };
  const admit = (extra: Partial<AdmissionResponse> = {}): ReviewResult => ({ ok: true, answer: { apiVersion: "admission.k8s.io/v1", kind: "AdmissionReview", response: { uid, allowed: true, ...extra } }, summary });

  if (kind === "other") return (summary.skipped = "kind"), admit();
  if (operation !== "CREATE" && operation !== "UPDATE") return (summary.skipped = "operation"), admit();
  const object = request.object;
  if (!isObject(object)) return bad(`the ${operation} request has no object`);
  if (object.kind !== kind || typeof object.apiVersion !== "string" || !object.apiVersion.startsWith(`${GROUP}/`)) return bad(`request.object is not the ${kind} the request names`);
  if (operation === "UPDATE" && isObject(request.oldObject) && sameJson(object.spec, request.oldObject.spec)) return (summary.skipped = "spec unchanged"), admit();

  const result = lintManifestValue(object, { source: "admission", ...(opts.assumeFlink ? { assumeFlink: opts.assumeFlink } : {}), ...(opts.operatorDefaults ? { operatorDefaults: opts.operatorDefaults } : {}) });
  const errors = result.findings.filter((f) => f.severity === "error");
  const warnings = result.findings.filter((f) => f.severity === "warning");
  const version = result.deployments[0]?.version.line;
  if (version) summary.flink = version;
  summary.errors = [...new Set(errors.map((f) => f.ruleId))];
  summary.warnings = [...new Set(warnings.map((f) => f.ruleId))];
  summary.decision = errors.length > 0 ? "refused" : warnings.length > 0 ? "warned" : "admitted";
  const warned = warnings.length > 0 ? { warnings: admissionWarnings(warnings) } : {};
  if (errors.length === 0) return admit(warned);
  const message = refusalMessage(errors, { kind, ...(name ? { name } : {}), ...(version ? { flink: version } : {}) });
  return { ok: true, answer: { apiVersion: "admission.k8s.io/v1", kind: "AdmissionReview", response: { uid, allowed: false, status: { code: 403, message }, ...warned } }, summary };
}
