/**
 * Migrating FlinkDeployments and Helm values of the Flink Kubernetes operator: the configuration
 * the operator hands to Flink (its `flinkConfiguration` plus what the spec's resources set) is
 * migrated keeping the layout, and the document is edited in place: `flinkVersion` rewritten and
 * `flinkConfiguration` written as the flat map the operator flattens it to anyway, the rest of the
 * file (comments included) untouched. Checked by reading the edited document as the operator
 * does for the target release.
 * @module
 */
import { parseAllDocuments, type Document } from "yaml";
import { rawToString } from "../config/raw-value.js";
import { findDeployments, flinkLineOf, type DeploymentSpec } from "../k8s/flink-deployment.js";
import { readManifests, type ManifestDocument } from "../k8s/manifest.js";
import { operatorConfig } from "../k8s/operator-config.js";
import { FlinkError, JavaClass } from "../errors.js";
import { flinkVersion } from "../versions/version.js";
import type { ConfigInput } from "../config/load.js";
import { differences, migrateEntries, resolve, type MigrateNote, type MigrateResult } from "./keep-layout.js";

/** The manifest does not say what to migrate from (a usage problem, not Flink's). */
export class MissingSourceVersion extends Error {}

export interface ManifestMigration {
  text: string;
  deployments: { name?: string; origin: DeploymentSpec["origin"]; from: string; notes: MigrateNote[]; same: MigrateResult["same"] }[];
}

/** The operator's configuration of a deployment as `-D` pairs for release `flink`. */
function operatorInput(spec: DeploymentSpec, doc: ManifestDocument, flink: string): { input: ConfigInput; fromSpec: Set<string> } {
  const oc = operatorConfig(spec, doc, "manifest", flinkVersion(flink));
  const dynamic: [string, string][] = [...oc.config.entries()].map(([k, e]) => [k, rawToString(e.value)]);
  return { input: { dynamic }, fromSpec: new Set(oc.specPaths.keys()) };
}

/** The operator's enum for a release line: `2.2` → `v2_2`. */
const versionEnum = (line: string) => `v${line.replace(".", "_")}`;

export function migrateManifest(text: string, to: string, from?: string): ManifestMigration {
  const docs = readManifests(text);
  for (const d of docs) {
    const e = d.errors[0];
    if (e) throw new FlinkError(JavaClass.IllegalArgument, e.message, e.position ? { location: { source: "manifest", line: e.position.line, column: e.position.column } } : {});
  }
  const edited = parseAllDocuments(text) as Document[];
  const out: ManifestMigration["deployments"] = [];
  const sources: { doc: number; spec: number; input: ConfigInput }[] = [];
  docs.forEach((doc, i) => {
    findDeployments(doc).forEach((spec, j) => {
      const source = spec.flinkVersion ?? from;
      if (!source) throw new MissingSourceVersion(`${spec.name ?? "a deployment"} names no flinkVersion (and no image tag with one): give --from`);
      const { input, fromSpec } = operatorInput(spec, doc, source);
      const r = migrateEntries({ input, from: source, to });
      // flinkConfiguration: every migrated entry except those the spec's own fields set.
      const flat = [...r.entries].filter(([k]) => !fromSpec.has(k)).map(([k, v]) => [k, rawToString(v)] as const);
      const target = edited[i]!;
      target.setIn([...spec.path, "flinkConfiguration"], target.createNode(Object.fromEntries(flat)));
      if (spec.origin === "FlinkDeployment" || target.hasIn([...spec.path, "flinkVersion"])) target.setIn([...spec.path, "flinkVersion"], versionEnum(flinkVersion(to).line));
      // The image is the user's (a registry, a custom build): named, not rewritten.
      const image = target.getIn([...spec.path, "image"]);
      const imageLine = typeof image === "string" ? flinkLineOf(undefined, image) : undefined;
      if (imageLine && imageLine !== flinkVersion(to).line) r.notes.push({ kind: "differs", key: "image", text: `the image ${image} is Flink ${imageLine}: use an image of Flink ${flinkVersion(to).line}, which flinkVersion now names` });
      out.push({ ...(spec.name ? { name: spec.name } : {}), origin: spec.origin, from: source, notes: r.notes, same: r.same });
      sources.push({ doc: i, spec: j, input });
    });
  });
  const newText = edited.map((d) => d.toString({ lineWidth: 0 })).join("");
  // The check that counts: the edited document, read as the operator reads it for the target.
  const again = readManifests(newText);
  sources.forEach((s, n) => {
    const d = out[n]!;
    const doc = again[s.doc];
    const spec = doc ? findDeployments(doc)[s.spec] : undefined;
    for (const p of ["tm", "jm"] as const) {
      if (d.same[p] !== true) continue;
      if (!doc || !spec) {
        d.same[p] = false;
        continue;
      }
      const a = resolve(p, d.from, s.input);
      const b = resolve(p, to, operatorInput(spec, doc, to).input);
      if (a instanceof FlinkError || b instanceof FlinkError || differences(p, a, b).length > 0) d.same[p] = false;
    }
  });
  return { text: newText, deployments: out };
}

/** Whether the text holds FlinkDeployments or operator Helm values (else it is a Flink config file). */
export const holdsDeployments = (text: string): boolean => readManifests(text).some((d) => findDeployments(d).length > 0);
