// lintComposeText on real Compose files (test/data/compose, provenance in its MANIFEST.tsv) and on
// the cases real files show less often (nested FLINK_PROPERTIES, container limits, -D arguments).
import { NEWEST_LINE } from "../../src/versions/version.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readComposeYaml } from "../../src/docker/compose-yaml.js";
import { isComposeFile, lintComposeText } from "../../src/lint/lint-compose.js";
import { MiB } from "../../src/size/memory-size.js";
import { ROOT, SHARED_DIR } from "../support/golden.js";
import { leaks, plantedFlinkConf, secretCanaries } from "../support/secrets.js";

const DIR = join(ROOT, "test", "data", "compose");
const read = (name: string) => readFileSync(join(DIR, name), "utf8");
const lint = (name: string, flink?: string) => lintComposeText(read(name), { source: name, ...(flink ? { flink } : {}) });
const processOf = (r: ReturnType<typeof lint>, service: string) => {
  const p = r.services.find((s) => s.name === service)?.process;
  return p?.ok ? p.spec.totalProcess : p ? `error: ${p.error.message}` : undefined;
};
const errors = (r: ReturnType<typeof lint>) => r.findings.filter((f) => f.severity === "error");

const MANIFEST = readFileSync(join(DIR, "MANIFEST.tsv"), "utf8").trim().split("\n").slice(1).map((l) => l.split("\t"));

describe("real Compose files", () => {
  it("every file in the manifest is a Compose file and lints without error", () => {
    expect(MANIFEST.length).toBeGreaterThanOrEqual(12);
    for (const [file] of MANIFEST) {
      expect(isComposeFile(readComposeYaml(read(file!)).value), file).toBe(true);
      const r = lint(file!);
      expect(r.relevant, file).toBe(true);
      expect(errors(r), file).toEqual([]);
    }
  });
  it("Flink docs' compose (flink:latest, FLINK_PROPERTIES): the image's config.yaml plus FLINK_PROPERTIES; sql-client is not sized", () => {
    const r = lint("flink-docs__docker-compose.yml");
    expect(r.services.map((s) => [s.name, s.role, s.version?.label])).toEqual([
      ["jobmanager", "jobmanager", NEWEST_LINE],
      ["taskmanager", "taskmanager", NEWEST_LINE],
      ["sql-client", undefined, undefined],
    ]);
    expect(processOf(r, "jobmanager")).toBe(1600n * MiB);
    expect(processOf(r, "taskmanager")).toBe(1728n * MiB);
    expect(r.findings.map((f) => f.ruleId)).toEqual(["docker-assumption", "docker-assumption", "docker-assumption"]);
    expect(r.findings[2]!.message).toContain("'sql-client': it runs neither a JobManager nor a TaskManager");
    expect(r.findings[2]!.location).toEqual({ source: "flink-docs__docker-compose.yml", line: 45, column: 14 });
  });
  it("the version comes from the tag; --flink overrides it", () => {
    expect(lint("riabinin__docker-compose.adaptive-control.yml").services.filter((s) => s.role).map((s) => s.version?.label)).toEqual(["1.17.1", "1.17.1"]);
    expect(lint("streamforge__docker-compose.yml").services.map((s) => s.version?.label)).toEqual(["1.18", "1.18"]);
    expect(lint("streamforge__docker-compose.yml", "1.20").services.map((s) => s.version?.label)).toEqual(["1.20", "1.20"]);
  });
  it("memory sizes in FLINK_PROPERTIES (fistdat, built from a Dockerfile: newest assumed)", () => {
    const r = lint("fistdat__docker-compose-flink-cdc.yml");
    expect(processOf(r, "jobmanager-cdc")).toBe(1600n * MiB);
    expect(r.findings.filter((f) => f.ruleId === "docker-assumption").map((f) => f.message)).toContain(
      `Service 'jobmanager-cdc': no image is named (built from a Dockerfile); assumed the official image of Flink ${NEWEST_LINE} (--flink sets it).`,
    );
  });
  it("an unquoted '- FLINK_PROPERTIES=key: value' list item is a mapping to YAML (fistdat)", () => {
    const r = lint("fistdat__docker-compose-flink-1.18.yml");
    const items = r.findings.filter((f) => f.ruleId === "compose-environment-item");
    expect(items.map((f) => f.location?.line)).toEqual([37, 60]);
  });
  it("container limits equal to the process sizes are fine (benchmarking: 1g / 16g, Flink 1.19)", () => {
    const r = lint("benchmarking__docker-compose-flink.yaml");
    expect(r.services.map((s) => [s.name, s.memoryLimit])).toEqual([
      ["jobmanager", 1024n * MiB],
      ["taskmanager", 16n * 1024n * MiB],
    ]);
    expect(processOf(r, "taskmanager")).toBe(16n * 1024n * MiB);
    expect(r.findings.filter((f) => f.ruleId === "docker-container-memory")).toEqual([]);
  });
  it("anchors, merge keys and ${VAR} in the image and FLINK_PROPERTIES (open-rec): assumptions, no errors", () => {
    const r = lint("open-rec__docker-compose.yml");
    expect(r.services.map((s) => s.name)).toEqual(["flink-jobmanager", "flink-taskmanager-1", "flink-taskmanager-2"]);
    const notes = r.findings.map((f) => f.message);
    expect(notes).toContain("Service 'flink-taskmanager-1': FLINK_PROPERTIES line 1 depends on Compose variable(s) ${FLINK_TASKMANAGER_MEMORY} (host environment or .env), not known here; checked without that line.");
    expect(r.findings.find((f) => f.message.includes("${FLINK_TASKMANAGER_MEMORY}"))!.location).toEqual({ source: "open-rec__docker-compose.yml", line: 892, column: 9 });
    expect(processOf(r, "flink-taskmanager-1")).toBe(1728n * MiB);
  });
  it("start scripts run as is (playgrounds): prepared by the 1.16 image, not by the 1.11 image", () => {
    const now = lint("flink-playgrounds__operations-playground.yaml");
    expect(now.services.filter((s) => s.role).map((s) => [s.name, s.role, s.version?.label])).toEqual([
      ["jobmanager", "jobmanager", "1.16.0"],
      ["taskmanager", "taskmanager", "1.16.0"],
    ]);
    expect(now.findings.some((f) => f.message.includes("a volume is mounted over /opt/flink/conf"))).toBe(true);
    expect(lint("flink-playgrounds-1.11__operations-playground.yaml").services.filter((s) => s.role).map((s) => s.version?.label)).toEqual(["1.11.0", "1.11.0"]);
  });
  it("`bash -c \"…; /docker-entrypoint.sh jobmanager\"` still runs the entrypoint (lakehouse); its secrets stay secret", () => {
    const r = lint("lakehouse__docker-compose-flink.yaml");
    expect(r.services.map((s) => s.role)).toEqual(["jobmanager", "taskmanager"]);
    expect(JSON.stringify(r.findings)).not.toContain("minio123");
  });
});

const compose = (service: string) => `services:\n${service}`;

describe("findings a correct tool gives", () => {
  it("nested YAML in FLINK_PROPERTIES: a warning inside the block, with a checked fix", () => {
    const text = compose(`  tm:
    image: flink:2.1.0-java17
    command: taskmanager
    environment:
      FLINK_PROPERTIES: |
        taskmanager:
          memory:
            process:
              size: 4g
        taskmanager.numberOfTaskSlots: 2
`);
    const r = lintComposeText(text, { source: "n.yaml" });
    // The nested block's own parent key is reported as nested YAML, not again as a key conflict.
    expect(r.findings.filter((f) => f.ruleId === "docker-properties-mangled")).toEqual([]);
    const nested = r.findings.filter((f) => f.ruleId === "docker-properties-nested");
    expect(nested).toHaveLength(1);
    expect(nested[0]!.message).toBe("FLINK_PROPERTIES line 4 is nested YAML: the image reads FLINK_PROPERTIES one line at a time, so it sets 'size', not 'taskmanager.memory.process.size'. Write each key in full on one line.");
    expect(nested[0]!.location).toEqual({ source: "n.yaml", line: 10, column: 15 });
    expect(nested[0]!.fix).toMatchObject({ edits: [{ path: "size", renameTo: "taskmanager.memory.process.size" }], verified: true });
    expect(r.services[0]!.process?.ok && r.services[0]!.process.spec.totalProcess).toBe(1728n * MiB);
  });
  it("a process larger than its container: warning at mem_limit (Docker's 1g is 1 GiB)", () => {
    const text = compose(`  jm:
    image: flink:1.18
    command: jobmanager
    mem_limit: 1g
    environment:
      - "FLINK_PROPERTIES=jobmanager.memory.process.size: 1g"
  tm:
    image: flink:1.18
    command: taskmanager
    deploy:
      resources:
        limits:
          memory: 1536M
`);
    const r = lintComposeText(text, { source: "m.yaml" });
    const oom = r.findings.filter((f) => f.ruleId === "docker-container-memory");
    expect(oom).toHaveLength(1);
    expect(oom[0]!.message).toBe("Service 'tm': the TaskManager process is 1.688 GiB (1811939328 bytes), but deploy.resources.limits.memory limits the container to 1.5 GiB (1610612736 bytes); the kernel OOM-kills the container once the JVM uses its memory.");
    expect(oom[0]!.location).toEqual({ source: "m.yaml", line: 14, column: 19 });
    expect(oom[0]!.fix!.edits).toEqual([{ path: "services.tm.deploy.resources.limits.memory", value: "1728m" }]);
  });
  it("a memory limit Docker cannot read is an error", () => {
    const r = lintComposeText(compose(`  tm:\n    image: flink:1.18\n    command: taskmanager\n    mem_limit: 2 gigs\n`), { source: "x.yaml" });
    expect(r.findings.filter((f) => f.severity === "error").map((f) => f.ruleId)).toEqual(["docker-memory-unparsable"]);
  });
  it("-D arguments of the command override FLINK_PROPERTIES; a refused size is Flink's error at the key", () => {
    const text = compose(`  tm:
    image: flink:1.20
    command: taskmanager -Dtaskmanager.memory.process.size=2g
    environment:
      FLINK_PROPERTIES: |
        taskmanager.memory.process.size: 1g
        taskmanager.memory.managed.size: 3g
`);
    const r = lintComposeText(text, { source: "d.yaml" });
    const rejects = r.findings.filter((f) => f.ruleId === "flink-rejects");
    expect(rejects).toHaveLength(1);
    expect(rejects[0]!.message).toContain("exceed configured Total Flink Memory (1.550gb (1664299824 bytes))");
  });
  it("flink:1.13.2 sizes the TaskManager without the command's -D (FLINK-24353): a warning, and the container limit is checked against the file's size; 1.13.3 uses it", () => {
    const text = (tag: string) => compose(`  tm:
    image: flink:${tag}-scala_2.12
    command: taskmanager -Dtaskmanager.memory.process.size=4g
    mem_limit: 2g
`);
    const old = lintComposeText(text("1.13.2"), { source: "a.yaml" });
    expect(old.findings.filter((f) => f.ruleId === "docker-args-not-sized").map((f) => [f.severity, f.key, f.location?.line])).toEqual([["warning", "taskmanager.memory.process.size", 4]]);
    expect(processOf(old, "tm")).toBe(1728n * MiB);
    expect(old.findings.map((f) => f.ruleId)).not.toContain("docker-container-memory");
    const fixed = lintComposeText(text("1.13.3"), { source: "a.yaml" });
    expect(processOf(fixed, "tm")).toBe(4096n * MiB);
    expect(fixed.findings.map((f) => f.ruleId)).toContain("docker-container-memory");
    expect(fixed.findings.map((f) => f.ruleId)).not.toContain("docker-args-not-sized");
  });
  it("1.19+ keeps a trailing '# comment' in the value: Flink refuses it, and the warning says why", () => {
    const text = compose(`  tm:
    image: flink:1.20
    command: taskmanager
    environment:
      - |
        FLINK_PROPERTIES=
        taskmanager.memory.process.size: 2g # two gigabytes
`);
    const r = lintComposeText(text, { source: "h.yaml" });
    expect(r.findings.map((f) => [f.ruleId, f.location?.line])).toEqual(expect.arrayContaining([["docker-properties-mangled", 8], ["flink-rejects", 8]]));
    // Flink 1.17 reads the same line with its comment stripped.
    expect(lintComposeText(text.replace("1.20", "1.17"), { source: "h.yaml" }).findings.filter((f) => f.severity !== "note")).toEqual([]);
  });
  it("history-server and a replaced entrypoint are said, not sized", () => {
    const text = compose(`  hs:
    image: flink:1.18
    command: history-server
  tm:
    image: flink:1.18
    entrypoint: ["/opt/flink/bin/taskmanager.sh", "start-foreground"]
    environment:
      FLINK_PROPERTIES: "taskmanager.memory.process.size: 4g"
`);
    const r = lintComposeText(text, { source: "e.yaml" });
    expect(r.services.map((s) => s.role)).toEqual([undefined, "taskmanager"]);
    expect(r.services[1]!.process?.ok && r.services[1]!.process.spec.totalProcess).toBe(1728n * MiB);
    expect(r.findings.some((f) => f.message.includes("the entrypoint is replaced, so docker-entrypoint.sh never applies FLINK_PROPERTIES"))).toBe(true);
  });
  it("an entrypoint of the image's own script with the role as its argument", () => {
    const r = lintComposeText(compose(`  jm:
    build: .
    entrypoint: ["/docker-entrypoint.sh", "jobmanager"]
    environment:
      - |
        FLINK_PROPERTIES=
          jobmanager.memory.process.size: 2g
`), { source: "p.yaml", flink: "1.16" });
    expect(r.services[0]!.role).toBe("jobmanager");
    expect(r.services[0]!.process?.ok && r.services[0]!.process.spec.totalProcess).toBe(2048n * MiB);
    // The indented full key (a block-scalar habit) is fine: no nested-YAML warning.
    expect(r.findings.filter((f) => f.severity !== "note")).toEqual([]);
  });
  it("a finding about a key of the image's own file points at the service's image", () => {
    const text = compose(`  tm:
    image: flink:1.20
    command: taskmanager
    environment:
      FLINK_PROPERTIES: "taskmanager.memory.managed.size: 3g"
`);
    const r = lintComposeText(text, { source: "i.yaml" });
    const rejects = r.findings.filter((f) => f.ruleId === "flink-rejects");
    expect(rejects).toHaveLength(1);
    // The sum does not fit the image's 1728m: Flink's error is about the image's process size.
    expect(rejects[0]!.key).toBe("taskmanager.memory.process.size");
    expect(rejects[0]!.location).toEqual({ source: "i.yaml", line: 3, column: 12 });
    for (const f of r.findings) expect(f.location?.source).toBe("i.yaml");
  });
  it("invalid YAML is an error; a file without Flink is not relevant", () => {
    expect(lintComposeText("services:\n  a: [\n", { source: "bad.yaml" }).findings[0]!.ruleId).toBe("compose-unreadable");
    expect(lintComposeText("services:\n  db:\n    image: postgres:16\n", { source: "db.yaml" }).relevant).toBe(false);
  });
  it.each(["1.17", "2.2"])("secret canaries in FLINK_PROPERTIES and the environment never appear (Flink %s)", (flink) => {
    const props = plantedFlinkConf().replace(/\r/g, "").split("\n").map((l) => `        ${l}`).join("\n");
    const canary = secretCanaries()[0]!.value;
    const text = compose(`  tm:
    image: flink:${flink}
    command: taskmanager -Ds3.secret-key=${canary} -Dpassword=pa$$word${canary}
    environment:
      AWS_SECRET_ACCESS_KEY: ${canary}
      FLINK_PROPERTIES: |
        s3.secret-key: $${canary}x
        password: abc$${canary}
        nested:
          secret: ${canary}
${props}
`);
    const r = lintComposeText(text, { source: "s.yaml" });
    expect(r.services[0]!.role).toBe("taskmanager");
    expect(leaks(JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? String(v) : v)))).toEqual([]);
  });
});

describe("isComposeText: compose files and nothing else", () => {
  it("true for every real compose file, false for config files, manifests and Helm values", async () => {
    const { isComposeText } = await import("../../src/lint/lint-compose.js");
    const { readdirSync, existsSync } = await import("node:fs");
    for (const [file] of MANIFEST) expect(isComposeText(read(file!)), file).toBe(true);
    const others: string[] = [];
    const lintData = join(ROOT, "test", "data", "lint");
    for (const f of readdirSync(lintData)) others.push(join(lintData, f));
    // Config files, Kubernetes files, and the FLINK_PROPERTIES fragments cut out of compose files.
    for (const sub of ["realworld/conf", "realworld/k8s", "realworld/compose", "realworld2"]) {
      const d = join(SHARED_DIR, sub);
      if (existsSync(d)) for (const f of readdirSync(d)) if (/\.ya?ml$/.test(f) && !f.includes("docker-compose")) others.push(join(d, f));
    }
    expect(others.length).toBeGreaterThan(40);
    for (const f of others) expect(isComposeText(readFileSync(f, "utf8")), f).toBe(false);
  });
});
