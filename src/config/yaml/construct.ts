/**
 * The constructor: nodes → Java objects, after snakeyaml-engine's `StandardConstructor` and
 * `BaseConstructor` with the core schema (`CoreSchema`): constructs by tag, builds recursive
 * collections empty first, and rejects duplicate keys by Java's `equals` (`processDuplicateKeys`).
 * @module
 */
import { JavaClass } from "../../errors.js";
import { constructFloat, constructInt, isBase64, isJavaUuid } from "./core-schema.js";
import { equalityKey, javaToString, type JMap, type JObj, type JSet } from "./java-object.js";
import { TAG, type MapNode, type YNode } from "./nodes.js";
import { where, YamlProblem, type Mark } from "./problem.js";

export class Constructor {
  private readonly built = new Map<YNode, JObj>();
  private readonly inProgress = new Set<YNode>();
  /** Flattened key prefixes of the mappings on Flink's flattening path (for messages). */
  readonly prefixes = new Map<YNode, string>();

  construct(node: YNode): JObj {
    if (this.built.has(node)) return this.built.get(node)!;
    if (this.inProgress.has(node)) throw new YamlProblem("a recursive alias cannot be constructed", node.start);
    this.inProgress.add(node);
    const recursive = node.kind !== "scalar" && node.recursive;
    let data: JObj;
    if (recursive) {
      // snakeyaml builds an empty container first so that aliases inside can refer to it.
      if (node.tag === TAG.seq && node.kind === "seq") data = { j: "list", items: [] };
      else if (node.tag === TAG.map && node.kind === "map") data = { j: "map", entries: [] };
      else if (node.tag === TAG.set && node.kind === "map") data = { j: "set", items: [] };
      else data = this.constructByTag(node);
    } else {
      data = this.constructByTag(node);
    }
    this.built.set(node, data);
    this.inProgress.delete(node);
    if (recursive) {
      if (data?.j === "list" && node.kind === "seq") for (const item of node.items) data.items.push(this.construct(item));
      else if (data?.j === "map" && node.kind === "map") this.fillMapping(node, data);
      else if (data?.j === "set" && node.kind === "map") this.fillSet(node, data);
      else throw new YamlProblem("a recursive alias cannot be constructed", node.start);
    }
    return data;
  }

  private constructByTag(node: YNode): JObj {
    const scalar = (what: string): string => {
      if (node.kind !== "scalar") throw new YamlProblem(`the ${what} tag cannot be applied to a collection`, node.start);
      return node.value;
    };
    switch (node.tag) {
      case TAG.str:
        return { j: "str", v: scalar("!!str") };
      case TAG.env:
        // No environment configuration: `${VAR}` stays as written.
        return { j: "str", v: scalar("!ENV_VARIABLE") };
      case TAG.null:
        return null;
      case TAG.bool: {
        const v = scalar("!!bool").toLowerCase();
        return v === "true" ? { j: "bool", v: true } : v === "false" ? { j: "bool", v: false } : null;
      }
      case TAG.int: {
        const v = constructInt(scalar("!!int"));
        if (!v) throw new YamlProblem("a value tagged or read as an integer is not a valid integer", node.start);
        return v;
      }
      case TAG.float: {
        const v = constructFloat(scalar("!!float"));
        if (!v) throw new YamlProblem("a value tagged or read as a float is not a valid number", node.start);
        return v;
      }
      case TAG.binary: {
        const text = scalar("!!binary").replace(/[ \t\n\u000b\f\r]/g, "");
        if (!isBase64(text)) throw new YamlProblem("a !!binary value is not valid base64", node.start);
        return { j: "opaque", tag: TAG.binary, text, javaString: "[B@" + text.length.toString(16) };
      }
      case TAG.uuid: {
        const text = scalar("!!java.util.UUID");
        if (!isJavaUuid(text)) throw new YamlProblem("a UUID value is not valid", node.start);
        return { j: "opaque", tag: TAG.uuid, text, javaString: text };
      }
      case TAG.optional: {
        const text = scalar("!!java.util.Optional");
        const empty = text === "" || text === "null";
        return { j: "opaque", tag: TAG.optional, text, javaString: empty ? "Optional.empty" : `Optional[${text}]` };
      }
      case TAG.seq: {
        if (node.kind !== "seq") throw new YamlProblem("the !!seq tag can only be applied to a list", node.start);
        return { j: "list", items: node.items.map((n) => this.construct(n)) };
      }
      case TAG.map: {
        if (node.kind !== "map") throw new YamlProblem("the !!map tag can only be applied to a mapping", node.start);
        const m: JMap = { j: "map", entries: [] };
        this.fillMapping(node, m);
        return m;
      }
      case TAG.set: {
        if (node.kind !== "map") throw new YamlProblem("the !!set tag can only be applied to a mapping", node.start);
        const set: JSet = { j: "set", items: [] };
        this.fillSet(node, set);
        return set;
      }
      default:
        throw new YamlProblem(
          "unknown tag: only the standard tags (!!str, !!int, !!float, !!bool, !!null, !!seq, !!map, !!set, !!binary) can be constructed",
          node.start,
        );
    }
  }

  /** `processDuplicateKeys` then the entries in order: all keys first, then key and value by pair. */
  private fillMapping(node: MapNode, into: JMap): void {
    const keys = this.uniqueKeys(node);
    const prefix = this.prefixes.get(node);
    node.pairs.forEach((pair, i) => {
      const key = keys[i]!;
      if (prefix !== undefined && pair.value.kind === "map" && !this.prefixes.has(pair.value)) {
        this.prefixes.set(pair.value, prefix + javaToString(key) + ".");
      }
      const value = this.construct(pair.value);
      if (pair.key.kind !== "scalar" && pair.key.recursive) {
        throw new YamlProblem("a recursive key is not allowed", pair.key.start);
      }
      into.entries.push({ key, value, valueAt: pair.valueAt });
    });
  }

  private fillSet(node: MapNode, into: JSet): void {
    for (const key of this.uniqueKeys(node)) into.items.push(key);
  }

  /** The keys of a mapping, constructed; a key equal to an earlier one fails, naming its flattened key. */
  private uniqueKeys(node: MapNode): JObj[] {
    const seen = new Map<string, Mark>();
    const prefix = this.prefixes.get(node) ?? "";
    return node.pairs.map((pair) => {
      const key = this.construct(pair.key);
      const id = equalityKey(key);
      const first = seen.get(id);
      if (first) {
        const name = prefix + javaToString(key);
        const message = `duplicate key '${name}' at ${where(pair.key.start)} (first at ${where(first)})`;
        throw new YamlProblem(message, pair.key.start, JavaClass.Runtime, name, true);
      }
      seen.set(id, pair.key.start);
      return key;
    });
  }
}
