/**
 * What changed between two Flink versions for memory: options added or removed, defaults
 * and fallback keys changed, and behaviour changes (features) on one side only.
 * @module
 */
import { optionsFor } from "../options/registry.js";
import { FEATURES, has, type Feature } from "./features.js";
import { compareVersions, type FlinkVersion } from "./version.js";

export type OptionChange =
  | { key: string; change: "added" }
  | { key: string; change: "removed" }
  | { key: string; change: "default"; from: string; to: string }
  | { key: string; change: "fallback-keys"; from: string[]; to: string[] }
  | { key: string; change: "renamed"; from: string };

export interface FeatureChange {
  feature: Feature;
  note: string;
  /** True when the newer version has it (it was introduced), false when it was removed. */
  introduced: boolean;
}

export interface VersionDiff {
  older: FlinkVersion;
  newer: FlinkVersion;
  options: OptionChange[];
  features: FeatureChange[];
}

/** Changes from the older to the newer of `a` and `b`. */
export function diffVersions(a: FlinkVersion, b: FlinkVersion): VersionDiff {
  const [older, newer] = compareVersions(a, b) <= 0 ? [a, b] : [b, a];
  const o = optionsFor(older);
  const n = optionsFor(newer);
  const options: OptionChange[] = [];
  for (const opt of n.all) {
    const before = o.find(opt.id);
    if (!before) options.push({ key: opt.key, change: "added" });
    else {
      if (before.key !== opt.key) options.push({ key: opt.key, change: "renamed", from: before.key });
      if (before.defaultDoc !== opt.defaultDoc) options.push({ key: opt.key, change: "default", from: before.defaultDoc, to: opt.defaultDoc });
      const fb = before.fallbackKeys.map((f) => f.key);
      const fa = opt.fallbackKeys.map((f) => f.key);
      if (fb.join() !== fa.join()) options.push({ key: opt.key, change: "fallback-keys", from: fb, to: fa });
    }
  }
  for (const opt of o.all) if (!n.find(opt.id)) options.push({ key: opt.key, change: "removed" });
  const features: FeatureChange[] = [];
  for (const f of Object.keys(FEATURES) as Feature[]) {
    const x = has(older, f);
    const y = has(newer, f);
    if (x !== y) features.push({ feature: f, note: FEATURES[f].note, introduced: y });
  }
  return { older, newer, options, features };
}
