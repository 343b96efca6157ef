/**
 * The node graph the composer builds, after snakeyaml-engine's `nodes` package (`ScalarNode`,
 * `SequenceNode`, `MappingNode`, `NodeTuple`, `Tag`), plus what each collection expands to when
 * its aliases are replaced by what they name (for the alias and nesting limits).
 * @module
 */
import type { Mark } from "./problem.js";
import type { ScalarStyle } from "./tokens.js";

export const TAG_PREFIX = "tag:yaml.org,2002:";
export const TAG = {
  str: TAG_PREFIX + "str",
  int: TAG_PREFIX + "int",
  float: TAG_PREFIX + "float",
  bool: TAG_PREFIX + "bool",
  null: TAG_PREFIX + "null",
  seq: TAG_PREFIX + "seq",
  map: TAG_PREFIX + "map",
  set: TAG_PREFIX + "set",
  binary: TAG_PREFIX + "binary",
  uuid: TAG_PREFIX + "java.util.UUID",
  optional: TAG_PREFIX + "java.util.Optional",
  env: "!ENV_VARIABLE",
} as const;

export interface ScalarNode {
  readonly kind: "scalar";
  readonly tag: string;
  readonly value: string;
  readonly style: ScalarStyle;
  readonly start: Mark;
}

/** What a collection expands to when every alias in it is replaced by what it names. */
export interface Expansion {
  /** Collections on the longest path down from here (1 for a collection of scalars). */
  height: number;
  /** Nodes, counting a node again each time an alias repeats it. */
  nodes: number;
  /** Characters of the scalars, likewise. */
  chars: number;
}

export interface SeqNode extends Expansion {
  readonly kind: "seq";
  readonly tag: string;
  readonly items: YNode[];
  readonly start: Mark;
  /** An alias inside refers to this node. */
  recursive: boolean;
}

export interface Pair {
  readonly key: YNode;
  readonly value: YNode;
  /** Where the value is written (the alias, when it is one). */
  readonly valueAt: Mark;
}

export interface MapNode extends Expansion {
  readonly kind: "map";
  readonly tag: string;
  readonly pairs: Pair[];
  readonly start: Mark;
  /** An alias inside refers to this node. */
  recursive: boolean;
}

export type YNode = ScalarNode | SeqNode | MapNode;
export type CollectionNode = SeqNode | MapNode;

/** A new, empty list (what it expands to is measured once it is complete). */
export const newSeq = (tag: string, start: Mark): SeqNode => ({ kind: "seq", tag, items: [], start, recursive: false, height: 0, nodes: 1, chars: 0 });

/** A new, empty mapping (what it expands to is measured once it is complete). */
export const newMap = (tag: string, start: Mark): MapNode => ({ kind: "map", tag, pairs: [], start, recursive: false, height: 0, nodes: 1, chars: 0 });

export function expansionOf(n: YNode): Expansion {
  return n.kind === "scalar" ? { height: 0, nodes: 1, chars: n.value.length } : n;
}
