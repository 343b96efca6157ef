/**
 * What Flink configuration keys look like, to tell a Flink configuration from other YAML that
 * happens to share a name (`config.yaml`) or a top-level word (`taskmanager:` in a Helm chart).
 * Facts gathered from the option classes of Flink 1.10.3, 1.14.5 and 2.2.1 (`ConfigOptions.key`).
 * @module
 */

/** First segments of cluster configuration keys (connector and table-format options left out). */
export const FLINK_NAMESPACES: ReadonlySet<string> = new Set([
  "akka", "pekko", "blob", "classloader", "client", "cluster", "containerized", "env", "execution",
  "external-resources", "external-resource", "fs", "heartbeat", "high-availability", "historyserver", "io",
  "jobmanager", "jobstore", "job-result-store", "kubernetes", "local", "mesos", "metrics", "parallelism",
  "pipeline", "plugin", "process", "python", "queryable-state", "resourcemanager", "rest", "restart-strategy",
  "s3", "s3a", "s3p", "gs", "oss", "security", "slot", "slotmanager", "slow-task-detector", "sql-client",
  "sql-gateway", "state", "table", "taskmanager", "traces", "web", "yarn", "zookeeper", "recovery",
  "blocklist", "batch-execution", "scheduler-mode", "shuffle-service-factory", "events",
]);

/**
 * Second segments under `jobmanager.` and `taskmanager.`: a Helm chart's `taskmanager.replicas`
 * or `jobmanager.resources.limits.memory` share the first word but not these.
 */
export const PROCESS_SECOND_SEGMENTS: Readonly<Record<"jobmanager" | "taskmanager", ReadonlySet<string>>> = {
  jobmanager: new Set([
    "adaptive-batch-scheduler", "adaptive-scheduler", "archive", "bind-host", "execution", "failure-enrichers",
    "future-pool", "heap", "io-pool", "job", "memory", "partition", "resource-id", "retrieve-taskmanager-hostname",
    "rpc", "scheduler", "task-deployment", "web", "slot", "resource-wait-timeout",
  ]),
  taskmanager: new Set([
    "bind-host", "collect-sink", "cpu", "data", "debug", "exit-on-fatal-akka-error", "heap", "host", "hostname",
    "initial-registration-pause", "job", "jvm-exit-on-oom", "load-balance", "log", "max-registration-pause",
    "maxRegistrationDuration", "memory", "net", "network", "numberOfTaskSlots", "refused-registration-pause",
    "registration", "resource-id", "rpc", "runtime", "slot", "state", "system-out", "tmp",
  ]),
};

/** Keys of the Kubernetes operator's own configuration (not read by a Flink process). */
export const OPERATOR_PREFIX = "kubernetes.operator.";

/** Whether a flattened key reads like a Flink cluster option. */
export function looksLikeFlinkKey(key: string): boolean {
  const parts = key.split(".");
  const first = parts[0]!;
  if (parts.length < 2 || !FLINK_NAMESPACES.has(first)) return false;
  if (first === "jobmanager" || first === "taskmanager") return PROCESS_SECOND_SEGMENTS[first].has(parts[1]!);
  return true;
}

/** Segments that mark a Kubernetes / Helm shape rather than a Flink key (`taskmanager.resources.limits`). */
export const KUBERNETES_SEGMENTS: ReadonlySet<string> = new Set([
  "replicas", "resources", "image", "imagePullPolicy", "nodeSelector", "tolerations", "affinity", "podAnnotations",
  "serviceAccount", "serviceAccountName", "ingress", "labels", "annotations", "volumes", "volumeMounts",
  "securityContext", "livenessProbe", "readinessProbe", "containers", "spec", "metadata", "podTemplate",
]);
