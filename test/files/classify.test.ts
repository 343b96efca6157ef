// What a file is, before it is judged: the classifier on small texts of each kind (the real files
// of each kind are in test/realfiles).
import { describe, expect, it } from "vitest";
import { classifyFile, formatByName } from "../../src/files/classify.js";

const kind = (path: string, text: string) => {
  const c = classifyFile(path, text);
  return c.kind === "skip" ? `skip:${c.what}` : c.kind === "flink-config" ? `flink-config:${c.format}:${c.role}` : c.kind;
};

describe("classifyFile", () => {
  it("Flink configurations: flat or nested keys, by name or by content", () => {
    expect(kind("conf/flink-conf.yaml", "jobmanager.rpc.address: localhost\ntaskmanager.numberOfTaskSlots: 2\n")).toBe("flink-config:legacy:process");
    expect(kind("conf/config.yaml", "taskmanager:\n  memory:\n    process.size: 1728m\nparallelism:\n  default: 1\n")).toBe("flink-config:standard:process");
    expect(kind("overlay.yaml", "taskmanager.memory.managed.fraction: 0.2\nstate.backend.type: rocksdb\n")).toBe("flink-config:standard:process");
    expect(kind("app/src/main/resources/flink-conf.yaml", "taskmanager.numberOfTaskSlots: 4\n")).toBe("flink-config:legacy:local-run");
    expect(kind("helm/conf/flink-conf.yaml", "taskmanager.numberOfTaskSlots: 1\nkubernetes.operator.reconcile.interval: 15 s\n")).toBe("flink-config:legacy:operator-defaults");
    // A config file that sets nothing is still one (an empty layer).
    expect(kind("conf/config.yaml", "# all defaults\n")).toBe("flink-config:standard:process");
  });
  it("the operator's own configuration is not a process configuration", () => {
    expect(kind("conf-override/flink-conf.yaml", "kubernetes.operator.watched.namespaces: default,flink\nkubernetes.operator.dynamic.namespaces.enabled: true\n")).toBe("skip:operator-config");
  });
  it("Helm values of other charts share the words jobmanager/taskmanager, not Flink's keys", () => {
    const values = "image:\n  repository: bitnami/flink\njobmanager:\n  replicaCount: 1\n  resources:\n    limits:\n      memory: 2Gi\ntaskmanager:\n  replicaCount: 2\n  nodeSelector: {}\n";
    expect(kind("values.yaml", values)).toBe("skip:unrelated");
    expect(kind("config.yaml", values)).toBe("skip:unrelated");
  });
  it("CI pipelines and other tools' config.yaml are unrelated", () => {
    expect(kind(".circleci/config.yml", "version: 2.1\njobs:\n  build:\n    docker:\n      - image: cimg/node:20.0\n    steps:\n      - checkout\nworkflows:\n  main:\n    jobs: [build]\n")).toBe("skip:unrelated");
    expect(kind(".github/ISSUE_TEMPLATE/config.yml", "blank_issues_enabled: false\ncontact_links:\n  - name: Mailing list\n    url: https://example.org\n")).toBe("skip:unrelated");
  });
  it("Kubernetes: the apache operator's resources, ConfigMaps with a Flink config, other operators, other resources", () => {
    expect(kind("d.yaml", "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: x\nspec:\n  ingress:\n    template: \"{{name}}.{{namespace}}.example.com\"\n")).toBe("kubernetes");
    expect(kind("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flink-config\ndata:\n  flink-conf.yaml: |\n    taskmanager.numberOfTaskSlots: 2\n")).toBe("kubernetes");
    expect(kind("c.yaml", "apiVersion: flinkoperator.k8s.io/v1beta1\nkind: FlinkCluster\nmetadata:\n  name: x\nspec:\n  flinkProperties:\n    taskmanager.numberOfTaskSlots: \"1\"\n")).toBe("skip:other-operator");
    expect(kind("svc.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n")).toBe("skip:kubernetes-other");
  });
  it("Helm values: the operator chart's, and values of charts that render FlinkDeployments", () => {
    expect(kind("values.yaml", "watchNamespaces: []\noperatorPod:\n  resources: {}\ndefaultConfiguration:\n  create: true\n")).toBe("kubernetes");
    expect(classifyFile("values.yaml", "operatorPod: {}\nwebhook:\n  create: true\n")).toMatchObject({ kind: "kubernetes", operatorValues: true });
    expect(kind("values.yaml", "app:\n  flinkConfiguration:\n    taskmanager.numberOfTaskSlots: \"2\"\n  taskManager:\n    resource:\n      memory: 2g\n")).toBe("kubernetes");
  });
  it("templates are skipped: what runs is their rendered output", () => {
    expect(kind("templates/deployment.yaml", "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: {{ .Release.Name }}\n")).toBe("skip:template");
    expect(kind("templates/cm.yaml", "{{- if .Values.enabled }}\nkind: ConfigMap\n{{- end }}\n")).toBe("skip:template");
  });
  it("docker compose: judged when a service runs Flink, skipped otherwise", () => {
    expect(kind("docker-compose.yml", "services:\n  jobmanager:\n    image: flink:1.17\n    command: jobmanager\n")).toBe("compose");
    expect(kind("compose.yaml", "services:\n  app:\n    image: myorg/job:3\n    command: [\"taskmanager\"]\n")).toBe("compose");
    expect(kind("compose.yaml", "services:\n  db:\n    image: postgres:16\n")).toBe("skip:compose-other");
  });
  it("formats by name", () => {
    expect(formatByName("conf/flink-conf.yaml")).toBe("legacy");
    expect(formatByName("flink-1.16__flink-dist_flink-conf.yaml")).toBe("legacy");
    expect(formatByName("flink-conf-prod.yaml")).toBe("legacy");
    expect(formatByName("conf/config.yaml")).toBe("standard");
    expect(formatByName("values.yaml")).toBeUndefined();
  });
});

describe("names that only look like flink-conf.yaml", () => {
  it("a ConfigMap file named after the config it holds is a Kubernetes file", () => {
    const cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flink-config\ndata:\n  flink-conf.yaml: |+\n    taskmanager.numberOfTaskSlots: 2\n";
    expect(kind("k8s/flink-configuration-configmap.yaml", cm)).toBe("kubernetes");
    expect(kind("k8s/flink-conf.yaml", cm)).toBe("kubernetes");
    expect(formatByName("flink-configuration-configmap.yaml")).toBeUndefined();
    expect(formatByName("flink-conf-prod.yaml")).toBe("legacy");
  });
});
