/**
 * Prometheus text-format metrics (exposition format 0.0.4) of the webhook: HTTP requests by path
 * and status, reviews by kind, operation and decision, refusals by rule, review latency as a
 * histogram, requests in flight, and when the serving certificate expires. Label values come from
 * fixed sets only, so a client cannot grow the series.
 * @module
 */

/** Latency buckets in seconds: a review takes about a millisecond, a refusal's fix search longer. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

const PATHS = new Set(["/validate", "/healthz", "/readyz", "/metrics"]);
const OPERATIONS = new Set(["CREATE", "UPDATE", "DELETE", "CONNECT"]);

class Counter {
  private readonly values = new Map<string, number>();
  inc(labels: string, by = 1): void {
    this.values.set(labels, (this.values.get(labels) ?? 0) + by);
  }
  lines(name: string): string[] {
    return [...this.values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([l, v]) => `${name}${l} ${v}`);
  }
}

const labels = (pairs: Record<string, string>): string => `{${Object.entries(pairs).map(([k, v]) => `${k}="${v.replace(/[\\"\n]/g, (c) => (c === "\n" ? "\\n" : `\\${c}`))}"`).join(",")}}`;

export class Metrics {
  private readonly requests = new Counter();
  private readonly reviews = new Counter();
  private readonly refusals = new Counter();
  private readonly buckets = new Array<number>(BUCKETS.length).fill(0);
  private durationSum = 0;
  private durationCount = 0;
  inFlight = 0;
  /** Not-after of the serving certificate, in seconds since the epoch (absent without TLS). */
  certificateExpiry: number | undefined;

  request(path: string, code: number): void {
    this.requests.inc(labels({ path: PATHS.has(path) ? path : "other", code: String(code) }));
  }

  /** `errors`: the rule ids of a refusal (lint's fixed set). */
  review(kind: string, operation: string, decision: string, errors: readonly string[]): void {
    const op = OPERATIONS.has(operation) ? operation : "other";
    this.reviews.inc(labels({ kind, operation: op, decision }));
    for (const rule of errors) this.refusals.inc(labels({ kind, rule }));
  }

  /** One review's time, from its first byte read to its answer written. */
  observe(seconds: number): void {
    this.durationSum += seconds;
    this.durationCount++;
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) this.buckets[i]!++;
  }

  /** The exposition text. */
  render(): string {
    const out: string[] = [];
    const head = (name: string, type: string, help: string) => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    head("flink_memory_webhook_http_requests_total", "counter", "HTTP requests answered, by path and status code.");
    out.push(...this.requests.lines("flink_memory_webhook_http_requests_total"));
    head("flink_memory_webhook_reviews_total", "counter", "Admission reviews answered, by resource kind, operation and decision (refused, warned, admitted, skipped).");
    out.push(...this.reviews.lines("flink_memory_webhook_reviews_total"));
    head("flink_memory_webhook_refusals_total", "counter", "Errors behind refused reviews (allowed: false), by resource kind and lint rule.");
    out.push(...this.refusals.lines("flink_memory_webhook_refusals_total"));
    const h = "flink_memory_webhook_review_duration_seconds";
    head(h, "histogram", "Time to answer a review on /validate, from the request to the answer written.");
    BUCKETS.forEach((le, i) => out.push(`${h}_bucket{le="${le}"} ${this.buckets[i]}`));
    out.push(`${h}_bucket{le="+Inf"} ${this.durationCount}`, `${h}_sum ${this.durationSum}`, `${h}_count ${this.durationCount}`);
    head("flink_memory_webhook_requests_in_flight", "gauge", "HTTP requests being answered.");
    out.push(`flink_memory_webhook_requests_in_flight ${this.inFlight}`);
    if (this.certificateExpiry !== undefined) {
      head("flink_memory_webhook_certificate_expiry_timestamp_seconds", "gauge", "When the serving certificate expires (not after), in seconds since the epoch.");
      out.push(`flink_memory_webhook_certificate_expiry_timestamp_seconds ${this.certificateExpiry}`);
    }
    return out.join("\n") + "\n";
  }
}
