// The admission decision, pure: the same as `lint` on the same resource (an error refuses with its
// message and checked fix, warnings become admission warnings), what is not judged, the request
// checks, and the limits Kubernetes puts on warnings.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { reviewAdmission, MAX_JSON_DEPTH } from "../../src/admission/review.js";
import { admissionWarnings, WARNING_MAX_CHARS, WARNINGS_MAX_TOTAL } from "../../src/admission/message.js";
import { jsonDepth, sameJson } from "../../src/admission/json.js";
import { lintManifestText } from "../../src/lint/lint-manifest.js";
import { findingMessage } from "../../src/lint/text.js";
import type { Finding } from "../../src/lint/finding.js";
import { ROOT } from "../support/golden.js";
import { reviewRequest, toJson, yamlDocumentTexts, yamlObjects } from "../support/webhook.js";

const WEBHOOK = join(ROOT, "test", "data", "webhook");
const REALFILES = join(ROOT, "test", "data", "realfiles");
const read = (dir: string, f: string) => readFileSync(join(dir, f), "utf8");

function answer(body: string, opts = {}) {
  const r = reviewAdmission(body, opts);
  if (!r.ok) throw new Error(`400: ${r.reason}`);
  return r;
}

/** Every document of the operator's kinds in the webhook fixtures, the real files and lint's data, with its own YAML. */
function resources(): { name: string; yaml: string; object: unknown }[] {
  const out: { name: string; yaml: string; object: unknown }[] = [];
  const manifest = read(REALFILES, "MANIFEST.tsv").split("\n").slice(1).filter(Boolean).map((l) => l.split("\t"));
  const files = [
    ...readdirSync(WEBHOOK).filter((f) => f.endsWith(".yaml")).map((f) => join(WEBHOOK, f)),
    ...manifest.filter((r) => r[6] === "flink-deployment" || r[6] === "flink-session-job").map((r) => join(REALFILES, r[0]!)),
    ...["flinkdeployment-flat.yaml", "flinkdeployment-nested.yaml", "multi.yaml"].map((f) => join(ROOT, "test", "data", "lint", f)),
  ];
  for (const file of files) {
    yamlDocumentTexts(readFileSync(file, "utf8")).forEach((yaml, i) => {
      const [object] = yamlObjects(yaml);
      const o = object as { apiVersion?: unknown; kind?: unknown } | undefined;
      if (typeof o?.apiVersion === "string" && o.apiVersion.startsWith("flink.apache.org/") && (o.kind === "FlinkDeployment" || o.kind === "FlinkSessionJob")) out.push({ name: `${file.slice(ROOT.length + 1)}#${i}`, yaml, object });
    });
  }
  return out;
}

describe("the decision is lint's on the same resource", () => {
  const all = resources();
  it("covers refusals, warnings and admissions, FlinkDeployments and FlinkSessionJobs", () => {
    expect(all.length).toBeGreaterThan(30);
    const decisions = new Set(all.map((r) => answer(reviewRequest(r.object).body).summary.decision));
    expect([...decisions].sort()).toEqual(["admitted", "refused", "warned"]);
    expect(all.some((r) => (r.object as { kind: string }).kind === "FlinkSessionJob")).toBe(true);
  });

  for (const r of all) {
    it(r.name, () => {
      const lint = lintManifestText(r.yaml, { source: "x.yaml" }).findings;
      const errors = lint.filter((f) => f.severity === "error");
      const warnings = lint.filter((f) => f.severity === "warning");
      const { uid, body } = reviewRequest(r.object);
      const { answer: a, summary } = answer(body);
      expect(a.response.uid).toBe(uid);
      expect(a.response.allowed).toBe(errors.length === 0);
      expect(summary.errors).toEqual([...new Set(errors.map((f) => f.ruleId))]);
      if (errors.length > 0) {
        expect(a.response.status!.code).toBe(403);
        // Flink's (or the operator's) own message, whole, and the checked fix.
        for (const f of errors) {
          expect(a.response.status!.message).toContain(findingMessage(f));
          if (f.fix?.verified) expect(a.response.status!.message).toContain(f.fix.description);
        }
      } else expect(a.response.status).toBeUndefined();
      expect(a.response.warnings ?? []).toEqual(warnings.length ? admissionWarnings(warnings) : []);
      expect(JSON.stringify(a)).not.toMatch(/"warnings":\[\]/);
    });
  }
});

describe("what each fixture gets", () => {
  const get = (f: string, opts = {}) => answer(reviewRequest(yamlObjects(read(WEBHOOK, f))[0]).body, opts).answer.response;

  it("a TaskManager Flink refuses: Flink's message, the reconcile it would have failed in, the checked fix", () => {
    const r = get("refuse-flink-rejects-managed.yaml");
    expect(r.allowed).toBe(false);
    expect(r.status!.message).toBe(
      [
        "flink-memory: FlinkDeployment managed-too-large would not run with Flink 1.20, as the operator runs it:",
        "[flink-rejects] TaskManager: TaskManager memory configuration failed: Sum of configured Framework Heap Memory (128.000mb (134217728 bytes)), Framework Off-Heap Memory (128.000mb (134217728 bytes)), Task Off-Heap Memory (0 bytes), Managed Memory (3.000gb (3221225472 bytes)) and Network Memory (158.720mb (166429984 bytes)) exceed configured Total Flink Memory (1.550gb (1664299824 bytes)).",
        "  Without this webhook the operator admits it, and the deployment fails during reconcile, before any pod starts.",
        "  fix (checked): lower `taskmanager.memory.managed.size` from 3 GiB to 1044m (1.02 GiB); Flink accepts 1229434384 bytes (the most that resolves), but the task heap is 0 B per slot (2 slots), below the 64 MiB per slot we call room to work; 1095216656 bytes is the most that is healthy (taskmanager.memory.managed.size: 1044m)",
      ].join("\n"),
    );
  });

  it("the operator's own refusals: unreadable memory, memory missing (with Flink's reason), request above limit, limit factor", () => {
    expect(get("refuse-memory-unparsable.yaml").status!.message).toContain("[k8s-memory-unparsable] TaskManager resource memory parse error: Memory size unit '.0' does not match");
    const missing = get("refuse-memory-missing.yaml").status!.message;
    expect(missing).toContain("[k8s-memory-missing] TaskManager resource memory must be defined using `spec.taskManager.resource.memory`");
    expect(missing).toContain("Flink would fail with: ");
    expect(get("refuse-request-above-limit.yaml").status!.message).toContain("[k8s-request-above-limit] TaskManager resource requirements memory request (4Gi) must not exceed its limit (2Gi)");
    expect(get("refuse-limit-factor.yaml").status!.message).toContain("[k8s-limit-factor] kubernetes.taskmanager.memory.limit-factor should be greater or equal to 1.");
    expect(get("refuse-flink-rejects-jobmanager.yaml").status!.message).toContain("JobManager: JobManager memory configuration failed: The configured Total Flink Memory (52.000mb (54525952 bytes))");
  });

  it("warnings admit, each prefixed with its rule", () => {
    const r = get("warn-hashmap-managed.yaml");
    expect(r.allowed).toBe(true);
    expect(r.warnings).toEqual([
      "flink-memory [k8s-both-resource-fields]: TaskManager: both resource and resources are set; the operator ignores spec.taskManager.resource.",
      "flink-memory [managed-memory-unused]: TaskManager: 1.34 GiB of managed memory is reserved, but the hashmap state backend (state.backend.type) does not use it; unless the job runs batch operators or Python, it is wasted.",
    ]);
    expect(get("warn-misspelled-key.yaml").warnings![0]).toMatch(/^flink-memory \[unknown-memory-key\]: 'taskmanager\.memory\.manged\.fraction' is not a Flink 1\.20 memory option/);
  });

  it("a resource without a release is judged as --flink says (default: the newest)", () => {
    expect(get("assume-no-version.yaml").allowed).toBe(true);
    const old = get("assume-no-version.yaml", { assumeFlink: "1.16" });
    expect(old.allowed).toBe(false);
    expect(old.status!.message).toContain("would not run with Flink 1.16");
    expect(old.status!.message).toContain("and its min (2.000gb (2147483648 bytes)), max (1024.000mb (1073741824 bytes)) value");
    // A resource that names its release keeps it.
    expect(get("refuse-flink-rejects-managed.yaml", { assumeFlink: "2.2" }).status!.message).toContain("with Flink 1.20");
  });

  it("the operator's default configuration is merged under the resource", () => {
    const object = yamlObjects(read(WEBHOOK, "admit-basic.yaml"))[0];
    const operatorDefaults = { entries: [{ key: "taskmanager.memory.managed.size", value: "3g" }] };
    const r = answer(reviewRequest(object).body, { operatorDefaults }).answer.response;
    expect(r.allowed).toBe(false);
    expect(r.status!.message).toContain("Managed Memory (3.000gb (3221225472 bytes))");
  });
});

describe("what is not judged is admitted unchanged", () => {
  const bad = yamlObjects(read(WEBHOOK, "refuse-flink-rejects-managed.yaml"))[0] as Record<string, unknown>;
  const skip = (body: string) => {
    const r = answer(body);
    expect(r.answer.response).toEqual({ uid: r.summary.uid, allowed: true });
    return r.summary.skipped;
  };
  it("another kind, even of the same group", () => {
    expect(skip(reviewRequest({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } }).body)).toBe("kind");
    expect(skip(reviewRequest({ ...bad, kind: "FlinkStateSnapshot" }).body)).toBe("kind");
    expect(skip(reviewRequest(bad, { kind: { group: "flinkoperator.k8s.io", version: "v1beta1", kind: "FlinkDeployment" } }).body)).toBe("kind");
  });
  it("DELETE and CONNECT", () => {
    expect(skip(reviewRequest(bad, { operation: "DELETE" }).body)).toBe("operation");
    expect(skip(reviewRequest(bad, { operation: "CONNECT" }).body)).toBe("operation");
  });
  it("an UPDATE that leaves spec as it was (the operator's finalizers, labels), even of a resource lint refuses", () => {
    const old = { ...bad, metadata: { name: "managed-too-large" } };
    const updated = { ...bad, metadata: { name: "managed-too-large", finalizers: ["flinkdeployments.flink.apache.org/finalizer"], deletionTimestamp: "2026-01-01T00:00:00Z" } };
    expect(skip(reviewRequest(updated, { operation: "UPDATE", oldObject: old }).body)).toBe("spec unchanged");
    // A changed spec is judged.
    const changed = { ...bad, spec: { ...(bad.spec as object), flinkVersion: "v1_19" } };
    const r = answer(reviewRequest(changed, { operation: "UPDATE", oldObject: old }).body);
    expect(r.answer.response.allowed).toBe(false);
    expect(r.summary.flink).toBe("1.19");
  });
});

describe("a body that is not an AdmissionReview v1 is a bad request (the server's 400)", () => {
  const object = yamlObjects(read(WEBHOOK, "admit-basic.yaml"))[0];
  const { body } = reviewRequest(object);
  const review = JSON.parse(body) as { request: Record<string, unknown> };
  const cases: [string, string, RegExp][] = [
    ["not JSON", "{\"apiVersion\": ", /not valid JSON/],
    ["JSON.parse's message would quote the body", "{\"s3.secret-key\": hunter2}", /^the body is not valid JSON$/],
    ["a number", "42", /not an AdmissionReview/],
    ["a FlinkDeployment itself", toJson(object), /not an AdmissionReview/],
    ["v1beta1", body.replace('"admission.k8s.io/v1"', '"admission.k8s.io/v1beta1"'), /only AdmissionReview admission\.k8s\.io\/v1/],
    ["no request", JSON.stringify({ apiVersion: "admission.k8s.io/v1", kind: "AdmissionReview" }), /no request/],
    ["no uid", JSON.stringify({ ...JSON.parse(body), request: { ...review.request, uid: undefined } }), /no uid/],
    ["no object", JSON.stringify({ ...JSON.parse(body), request: { ...review.request, object: null } }), /CREATE request has no object/],
    ["an object of another kind than the request names", JSON.stringify({ ...JSON.parse(body), request: { ...review.request, object: { apiVersion: "v1", kind: "Pod" } } }), /not the FlinkDeployment the request names/],
    ["nesting too deep", "[".repeat(MAX_JSON_DEPTH + 1) + "]".repeat(MAX_JSON_DEPTH + 1), /deeper than 1000/],
  ];
  for (const [name, text, reason] of cases) {
    it(name, () => {
      const r = reviewAdmission(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(reason);
      expect(JSON.stringify(r)).not.toContain("hunter2");
    });
  }
  it("never throws, whatever the body", () => {
    for (const text of ["", "null", "[]", "{}", '{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u","kind":{"group":"flink.apache.org","kind":"FlinkDeployment"},"operation":"CREATE","object":{"apiVersion":"flink.apache.org/v1beta1","kind":"FlinkDeployment","spec":[1,2]}}}', "\u0000", "[".repeat(500_000)]) {
      expect(() => reviewAdmission(text)).not.toThrow();
    }
  });
});

describe("integers reach Flink exactly as the API server wrote them", () => {
  it("9223372036854775807 bytes (Long.MAX_VALUE) is not 9223372036854775808", () => {
    const object = yamlObjects(read(WEBHOOK, "admit-basic.yaml"))[0] as { spec: { flinkConfiguration: Record<string, unknown> } };
    object.spec.flinkConfiguration["taskmanager.memory.jvm-overhead.max"] = 9223372036854775807n;
    const exact = lintManifestText(yamlDocumentTexts(read(WEBHOOK, "admit-basic.yaml"))[0]!.replace('taskmanager.numberOfTaskSlots: "2"', 'taskmanager.numberOfTaskSlots: "2"\n    taskmanager.memory.jvm-overhead.max: 9223372036854775807'), { source: "x" }).findings;
    const r = answer(reviewRequest(object).body);
    expect(r.answer.response.allowed).toBe(!exact.some((f) => f.severity === "error"));
    expect(r.answer.response.allowed).toBe(true);
    object.spec.flinkConfiguration["taskmanager.memory.jvm-overhead.max"] = 9223372036854775808n;
    expect(answer(reviewRequest(object).body).answer.response.allowed).toBe(false);
  });
});

describe("admission warnings within Kubernetes' limits", () => {
  const w = (message: string, ruleId = "unknown-memory-key"): Finding => ({ ruleId, severity: "warning", message });
  it("each at most 256 characters, without control characters", () => {
    const [long, ctl] = admissionWarnings([w("x".repeat(1000)), w("a\tb\nc\u0007d\u009be")]);
    expect([...long!].length).toBe(WARNING_MAX_CHARS);
    expect(long!.endsWith("…")).toBe(true);
    expect(ctl).toBe("flink-memory [unknown-memory-key]: a b c d e");
  });
  it("all of them within about 4 KiB, the rest counted", () => {
    const out = admissionWarnings(Array.from({ length: 40 }, (_, i) => w(`warning ${i} `.padEnd(200, "."))));
    expect(out.join("").length).toBeLessThanOrEqual(WARNINGS_MAX_TOTAL);
    expect(out.at(-1)).toMatch(/^flink-memory: \d+ more warnings; `flink-memory lint` on the resource lists them all$/);
    expect(out.length).toBeLessThan(40);
  });
});

describe("JSON helpers", () => {
  it("depth ignores brackets in strings", () => {
    expect(jsonDepth('{"a":[{"b":"[[[[{{{{\\"]]"}]}')).toBe(3);
    expect(jsonDepth("1")).toBe(0);
  });
  it("sameJson: key order aside, numbers by value", () => {
    expect(sameJson({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson([1], { 0: 1 })).toBe(false);
    expect(sameJson(9223372036854775807n, 9223372036854775807n)).toBe(true);
    expect(sameJson(undefined, undefined)).toBe(true);
    expect(sameJson({ a: "1" }, { a: 1 })).toBe(false);
  });
});

describe("any FlinkDeployment-shaped JSON is answered (property)", () => {
  it("reviewAdmission returns an answer or a reason, never throws, and echoes the uid", async () => {
    const fc = (await import("fast-check")).default;
    const memory = fc.oneof(fc.constantFrom("2048m", "1g", "1.5Gi", "4Gi", "0", "-1g", "9223372036854775807", "1e3", "", "m"), fc.string({ maxLength: 8 }), fc.integer(), fc.double(), fc.jsonValue({ maxDepth: 2 }));
    const keys = fc.constantFrom("taskmanager.memory.process.size", "taskmanager.memory.managed.fraction", "taskmanager.memory.network.min", "jobmanager.memory.heap.size", "taskmanager.numberOfTaskSlots", "kubernetes.taskmanager.memory.limit-factor", "state.backend.type", "taskmanager", "s3.secret-key");
    const process = fc.record({ resource: fc.record({ memory, cpu: fc.oneof(fc.integer({ min: -1, max: 8 }), fc.string({ maxLength: 4 })) }, { requiredKeys: [] }), resources: fc.jsonValue({ maxDepth: 3 }), replicas: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: [] });
    const spec = fc.record(
      {
        flinkVersion: fc.oneof(fc.constantFrom("v1_13", "v1_20", "v2_2", "v9_9"), fc.jsonValue({ maxDepth: 1 })),
        image: fc.oneof(fc.constantFrom("flink:1.17", "flink", "x:2.0.1"), fc.jsonValue({ maxDepth: 1 })),
        flinkConfiguration: fc.oneof(fc.dictionary(keys, memory), fc.jsonValue({ maxDepth: 3 })),
        jobManager: fc.oneof(process, fc.jsonValue({ maxDepth: 2 })),
        taskManager: fc.oneof(process, fc.jsonValue({ maxDepth: 2 })),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(spec, fc.constantFrom("CREATE", "UPDATE"), (s, operation) => {
        const object = { apiVersion: "flink.apache.org/v1beta1", kind: "FlinkDeployment", metadata: { name: "p" }, spec: s };
        const { uid, body } = reviewRequest(object, { operation: operation as "CREATE" | "UPDATE", oldObject: { ...object, spec: {} } });
        const r = reviewAdmission(body);
        if (!r.ok) throw new Error(`400 for a well-formed review: ${r.reason}`);
        expect(r.answer.response.uid).toBe(uid);
        for (const w of r.answer.response.warnings ?? []) expect([...w].length).toBeLessThanOrEqual(WARNING_MAX_CHARS);
      }),
      { numRuns: 150, seed: 18 },
    );
  });
});
