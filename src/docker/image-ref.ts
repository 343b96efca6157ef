/**
 * Which Flink release a Docker image reference runs: the official image (`flink`, `apache/flink`,
 * or a mirror of `library/flink`) names it in its tag (`1.17.2-scala_2.12-java11`, `1.20`,
 * `2.1.0-java17`); `latest` or no tag is the newest release. A digest without a tag, or any other
 * image (`myorg/flink-job:3`), does not say: the caller then assumes the newest and says so.
 * @module
 */
import { NEWEST_LINE, SUPPORTED_LINES } from "../versions/version.js";

export type ImageVersion =
  /** The tag names a release we model (`label` as `flinkVersion` takes it). */
  | { kind: "tag"; label: string; official: boolean }
  /** `latest`, or no tag: the newest release. */
  | { kind: "latest"; label: string; official: boolean }
  /** The tag names a release we do not model (e.g. 1.9). */
  | { kind: "unsupported"; release: string; official: boolean }
  /** Nothing says which release: a digest only, a custom image, a tag without a version. */
  | { kind: "unknown"; official: boolean; why: string };

export interface ImageReference {
  /** Registry host, when the reference names one (`docker.io`, `ghcr.io`, `localhost:5000`). */
  registry?: string;
  /** Repository path without the registry (`flink`, `apache/flink`, `myorg/flink-job`). */
  repository: string;
  tag?: string;
  digest?: string;
}

/** Splits `[registry/]repository[:tag][@digest]` as Docker does. */
export function parseImageReference(ref: string): ImageReference {
  let rest = ref.trim();
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split("/");
  // The first part is a registry when it looks like a host (has '.' or ':') or is localhost.
  let registry: string | undefined;
  if (parts.length > 1 && (/[.:]/.test(parts[0]!) || parts[0] === "localhost")) registry = parts.shift();
  return { ...(registry ? { registry } : {}), repository: parts.join("/").toLowerCase(), ...(tag !== undefined ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** The official image under its names on Docker Hub, and mirrors that keep `library/flink`. */
export function isOfficialFlinkImage(ref: ImageReference): boolean {
  const r = ref.repository;
  return r === "flink" || r === "library/flink" || r === "apache/flink" || r.endsWith("/library/flink");
}

const RELEASE_TAG = /^(\d+)\.(\d+)(?:\.(\d+))?(?=$|[-_])/;

/** The Flink release an image reference runs, as far as its name says. */
export function imageVersion(image: string): ImageVersion {
  const ref = parseImageReference(image);
  const official = isOfficialFlinkImage(ref);
  if (!official) return { kind: "unknown", official, why: `'${ref.repository}' is not the official Flink image; its tag does not say which Flink it runs` };
  if (ref.tag === undefined) {
    if (ref.digest) return { kind: "unknown", official, why: "the image is pinned by digest only" };
    return { kind: "latest", label: NEWEST_LINE, official };
  }
  if (ref.tag === "latest" || /^(scala|java)[-_]/.test(ref.tag)) return { kind: "latest", label: NEWEST_LINE, official };
  const m = RELEASE_TAG.exec(ref.tag);
  if (!m) return { kind: "unknown", official, why: `the tag '${ref.tag}' names no Flink release` };
  const line = `${Number(m[1])}.${Number(m[2])}`;
  if (!(SUPPORTED_LINES as readonly string[]).includes(line)) return { kind: "unsupported", release: m[0], official };
  return { kind: "tag", label: m[3] === undefined ? line : `${line}.${Number(m[3])}`, official };
}
