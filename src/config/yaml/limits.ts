/**
 * The reader's bounds: snakeyaml-engine's `LoadSettings` defaults (`codePointLimit`,
 * `maxAliasesForCollections`) and flink-memory's own resource bounds, which snakeyaml-engine 2.6
 * does not have (where they apply, Flink itself fails or runs out of memory). Ordinary files stay
 * far below them.
 *
 * - Nesting: collections nested more than `maxNestingDepth` levels (counting the top-level
 *   mapping, and counting what aliases bring in). snakeyaml composes and constructs recursively,
 *   so Java ends in a `StackOverflowError` a few thousand levels down; we stop earlier, with an
 *   error, so that no JavaScript engine runs out of stack either.
 * - Alias expansion ("billion laughs"): snakeyaml shares an aliased object, but Flink's flattening
 *   walks a mapping once per alias and dumping a list writes a scalar once per alias, so 50
 *   aliases to collections can still expand exponentially. We stop when aliases would bring in more
 *   than `maxAliasNodes` nodes or `maxAliasChars` characters of scalars in total.
 * - Flattened keys: each key of a nested mapping becomes `outer.inner`; the total length of those
 *   keys is bounded by `maxFlatKeyChars` (deeply nested long keys would multiply otherwise).
 * @module
 */
import { YamlProblem, type Mark } from "./problem.js";

export const YAML_LIMITS = {
  maxNestingDepth: 1000,
  maxAliasNodes: 10_000,
  maxAliasChars: 16 * 1024 * 1024,
  maxFlatKeyChars: 64 * 1024 * 1024,
  /** snakeyaml's `LoadSettings.codePointLimit` default (3 MB). */
  codePointLimit: 3 * 1024 * 1024,
  /** snakeyaml's `LoadSettings.maxAliasesForCollections` default. */
  maxCollectionAliases: 50,
} as const;

export const nestedTooDeeply = (at?: Mark): YamlProblem =>
  new YamlProblem(
    `collections are nested more than ${YAML_LIMITS.maxNestingDepth} levels deep (flink-memory's limit; Java fails with a StackOverflowError a few thousand levels down)`,
    at,
  );
