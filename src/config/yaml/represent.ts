/**
 * Java objects → the nodes the emitter writes, after snakeyaml-engine's `StandardRepresenter`
 * (as Flink's `YamlParserUtils` configures it: strings with line breaks as literal blocks,
 * doubles by `Double.toString`, `byte[]` as `!!binary`) with the serializer's shared nodes: an
 * object met again becomes a reference to the node written for it.
 * @module
 */
import { javaDoubleToString } from "../../java/numbers.js";
import type { JObj } from "./java-object.js";
import { TAG } from "./nodes.js";

export type RNode =
  | RScalar
  | { readonly k: "seq"; readonly tag: string; readonly items: RNode[] }
  | { readonly k: "map"; readonly tag: string; readonly pairs: [RNode, RNode][] }
  | { readonly k: "ref"; readonly target: RNode };
export interface RScalar {
  readonly k: "scalar";
  readonly tag: string;
  readonly value: string;
  /** Written as a literal block where the emitter can. */
  readonly literal: boolean;
}
/** A node that is not a reference. */
export type RealNode = Exclude<RNode, { k: "ref" }>;

const MULTILINE = /[\n\u0085\u2028\u2029]/;

export function represent(o: JObj, seen: Map<object, RNode> = new Map()): RNode {
  if (o === null) return { k: "scalar", tag: TAG.null, value: "null", literal: false };
  const again = seen.get(o);
  if (again) return { k: "ref", target: again };
  switch (o.j) {
    case "str":
      return { k: "scalar", tag: TAG.str, value: o.v, literal: MULTILINE.test(o.v) };
    case "bool":
      return { k: "scalar", tag: TAG.bool, value: o.v ? "true" : "false", literal: false };
    case "int":
      return { k: "scalar", tag: TAG.int, value: o.v.toString(), literal: false };
    case "float": {
      const v = Number.isNaN(o.v) ? ".nan" : o.v === Infinity ? ".inf" : o.v === -Infinity ? "-.inf" : javaDoubleToString(o.v);
      return { k: "scalar", tag: TAG.float, value: v, literal: false };
    }
    case "opaque":
      if (o.tag === TAG.binary) return { k: "scalar", tag: TAG.binary, value: o.text, literal: true };
      if (o.tag === TAG.uuid) return { k: "scalar", tag: TAG.uuid, value: o.text.toLowerCase(), literal: false };
      return { k: "scalar", tag: TAG.str, value: o.javaString, literal: false };
    case "list": {
      const node: RNode = { k: "seq", tag: TAG.seq, items: [] };
      seen.set(o, node);
      for (const i of o.items) node.items.push(represent(i, seen));
      return node;
    }
    case "set": {
      const node: RNode = { k: "map", tag: TAG.set, pairs: [] };
      seen.set(o, node);
      for (const i of o.items) node.pairs.push([represent(i, seen), represent(null, seen)]);
      return node;
    }
    case "map": {
      const node: RNode = { k: "map", tag: TAG.map, pairs: [] };
      seen.set(o, node);
      for (const e of o.entries) node.pairs.push([represent(e.key, seen), represent(e.value, seen)]);
      return node;
    }
  }
}

/** The node a reference stands for. */
export const real = (n: RNode): RealNode => (n.k === "ref" ? real(n.target) : n);
