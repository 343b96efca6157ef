/**
 * Secret canaries: unique values planted under keys that are not memory options (credentials,
 * tokens, misspelled-looking keys, comments, malformed lines, batch lines, -D arguments,
 * Kubernetes manifests). No output of flink-memory may ever contain one. Reusable by any test
 * (the web page's share URL, new commands): plant with the `planted*` inputs, then `leaks(text)`.
 */

/** One canary: a unique value, and where it is planted. */
export interface SecretCanary {
  readonly value: string;
  readonly where: string;
}

const mk = (tag: string) => `CnRy${tag}Zq7x`;

/** Every canary value, with where it is planted. */
export function secretCanaries(): SecretCanary[] {
  return [
    { value: mk("S3secret"), where: "s3.secret-key" },
    { value: mk("S3access"), where: "s3.access-key (single-quoted)" },
    { value: mk("Azure"), where: "fs.azure.account.key.<account>.blob.core.windows.net" },
    { value: mk("Password"), where: "password (double-quoted)" },
    { value: mk("Keystore"), where: "security.ssl.keystore-password" },
    { value: mk("Truststore"), where: "security.ssl.internal.truststore-password (nested mapping)" },
    { value: mk("Token"), where: "metrics.reporter.dd.apikey / kubernetes token" },
    { value: mk("Bearer"), where: "part of a value: 'Bearer <canary> more'" },
    { value: mk("TmSecret"), where: "taskmanager.memory.secret (memory-looking key that is no option)" },
    { value: mk("Misspelt"), where: "taskmanager.memory.proces.size (misspelled memory key)" },
    { value: mk("Comment"), where: "a YAML / flink-conf comment" },
    { value: mk("Malformed"), where: "a malformed line that does not parse" },
    { value: mk("FlowBad"), where: "an unclosed flow collection" },
    { value: mk("Alias"), where: "an undefined alias name" },
    { value: mk("Tag"), where: "an unknown tag" },
    { value: mk("ListItem"), where: "an item of a list value" },
    { value: mk("DashD"), where: "-D s3.secret-key=<canary>" },
    { value: mk("DashDNoEq"), where: "-D argument without '='" },
    { value: mk("Batch"), where: "a batch line's configYaml / dynamic" },
    { value: mk("BatchBad"), where: "a batch line that is not JSON" },
    { value: mk("Manifest"), where: "a FlinkDeployment's flinkConfiguration / env" },
    { value: mk("Env"), where: "an environment variable value" },
  ];
}

const C = Object.fromEntries(secretCanaries().map((c) => [c.value.slice(4, -4), c.value])) as Record<string, string>;
const v = (tag: string) => C[tag]!;

/** The canary (or its distinctive core) found in `text`, if any. */
export function leaks(text: string): string[] {
  const found: string[] = [];
  for (const c of secretCanaries()) {
    // The core without the markers also counts: quoting or escaping must not hide a leak.
    if (text.includes(c.value) || text.includes(c.value.slice(4, -4) + "Zq7")) found.push(`${c.value} (${c.where})`);
  }
  return found;
}

/** A memory configuration that resolves, with secrets around it. */
const MEMORY_YAML = "taskmanager.memory.process.size: 4g\njobmanager.memory.process.size: 2g\ntaskmanager.numberOfTaskSlots: 4\n";

/** A valid `config.yaml` with canaries under non-memory keys, quoted, nested, in lists and comments. */
export function plantedConfigYaml(): string {
  return [
    MEMORY_YAML.trim(),
    `s3.secret-key: ${v("S3secret")}`,
    `s3.access-key: '${v("S3access")}'`,
    `fs.azure.account.key.acct.blob.core.windows.net: ${v("Azure")}`,
    `password: "${v("Password")}"`,
    `security.ssl.keystore-password: ${v("Keystore")}`,
    "security:",
    "  ssl:",
    "    internal:",
    `      truststore-password: ${v("Truststore")}`,
    `metrics.reporter.dd.apikey: ${v("Token")}`,
    `http.headers: 'Authorization: Bearer ${v("Bearer")} more'`,
    `taskmanager.memory.secret: ${v("TmSecret")}`,
    `taskmanager.memory.proces.size: ${v("Misspelt")}`,
    `# ${v("Comment")}`,
    `security.allowed: [a, ${v("ListItem")}]`,
    "",
  ].join("\n");
}

/** `config.yaml` texts that fail to parse, each with a canary in the failing part. */
export function plantedBrokenConfigYamls(): string[] {
  return [
    MEMORY_YAML + `s3.secret-key: [${v("FlowBad")}, x\n`,
    MEMORY_YAML + `${v("Malformed")} this line is no key value pair\n  : : ${v("Malformed")}\n`,
    MEMORY_YAML + `s3.secret-key: *${v("Alias")}\n`,
    MEMORY_YAML + `s3.secret-key: !${v("Tag")} x\n`,
    MEMORY_YAML + `password: ${v("Password")}\npassword: ${v("Password")}\n`,
    MEMORY_YAML + `password: "${v("Password")}\n`,
    MEMORY_YAML + `password: '${v("Password")}\n`,
    MEMORY_YAML + `s3.secret-key: ${v("S3secret")}\n\t${v("Malformed")}\n`,
    MEMORY_YAML + `s3.secret-key: ${v("S3secret")}: ${v("S3secret")}\n`,
    MEMORY_YAML + `s3.secret-key:\n  - ${v("ListItem")}\n - ${v("ListItem")}\n`,
    `${v("Malformed")}\n`,
    `- ${v("ListItem")}\n`,
    "s3.secret-key:\n",
    MEMORY_YAML + `s3.secret-key: ${v("S3secret")}\u0001\n`,
  ];
}

/** A legacy `flink-conf.yaml` with canaries, including lines the line parser skips. */
export function plantedFlinkConf(): string {
  return [
    MEMORY_YAML.trim(),
    `s3.secret-key: ${v("S3secret")}`,
    `s3.access-key: '${v("S3access")}'`,
    `password: "${v("Password")}"`,
    `security.ssl.keystore-password: ${v("Keystore")}`,
    `taskmanager.memory.secret: ${v("TmSecret")}`,
    `taskmanager.memory.proces.size: ${v("Misspelt")}`,
    `# ${v("Comment")}`,
    `s3.secret-key:${v("Malformed")}`,
    `${v("Malformed")}`,
    `: ${v("Malformed")}`,
    `fs.azure.account.key.acct.blob.core.windows.net: ${v("Azure")} # ${v("Comment")}`,
    "",
  ].join("\r\n");
}

/** -D arguments (as the CLI takes them) with canaries, all well-formed. */
export function plantedDynamic(): string[] {
  return [`s3.secret-key=${v("DashD")}`, `password=${v("DashD")}`, `taskmanager.memory.secret=${v("DashD")}`, `taskmanager.memory.proces.size=${v("DashD")}`];
}

/** A -D argument that is malformed and holds a canary. */
export const plantedBadDynamic = (): string => `s3.secret-key:${v("DashDNoEq")}`;

/** Batch input lines: cases with canaries in their config, and lines that are not JSON. */
export function plantedBatchLines(): string[] {
  const input = { configYaml: plantedConfigYaml(), dynamic: [["s3.secret-key", v("Batch")]] };
  return [
    JSON.stringify({ id: 1, flink: "2.2", mode: "tm", input }),
    JSON.stringify({ id: 2, flink: "2.2", mode: "jm", input }),
    JSON.stringify({ id: 3, flink: "2.2", mode: "tm-local", input }),
    JSON.stringify({ id: 4, flink: "1.20", mode: "tm", input: { flinkConfYaml: plantedFlinkConf(), dynamic: [["password", v("Batch")]] } }),
    JSON.stringify({ id: 5, flink: "2.2", mode: "tm", input: { configYaml: plantedBrokenConfigYamls()[0] } }),
    JSON.stringify({ id: 6, flink: "2.2", mode: "managed-fraction", input }),
    `{"id": 7, "input": {"dynamic": [["s3.secret-key", ${v("BatchBad")}]]}}`,
    `{"id": 8, "input": {"dynamic": [["s3.secret-key", "${v("BatchBad")}"]]`,
    `${v("BatchBad")}`,
    `{"id": 9, "input": "${v("BatchBad")}\u0001"}`,
  ];
}

/** A FlinkDeployment with canaries in its Flink configuration and pod environment. */
export function plantedManifest(): string {
  return `apiVersion: flink.apache.org/v1beta1
kind: FlinkDeployment
metadata:
  name: canary
spec:
  flinkVersion: v1_20
  flinkConfiguration:
    taskmanager.numberOfTaskSlots: "2"
    s3.secret-key: ${v("Manifest")}
    password: "${v("Manifest")}"
    taskmanager.memory.secret: ${v("Manifest")}
  jobManager:
    resource:
      memory: "2048m"
      cpu: 1
  taskManager:
    resource:
      memory: "4096m"
      cpu: 2
  podTemplate:
    spec:
      containers:
        - name: flink-main-container
          env:
            - name: AWS_SECRET_ACCESS_KEY
              value: ${v("Manifest")}
`;
}

/** Environment variables with a canary (FLINK_* variables Flink does not read for memory). */
export function plantedEnv(): Record<string, string> {
  return { AWS_SECRET_ACCESS_KEY: v("Env"), FLINK_ENV_JAVA_OPTS: `-Dpassword=${v("Env")}` };
}
