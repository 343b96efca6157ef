/**
 * The composer: tokens → one document's node graph, after snakeyaml-engine's `ParserImpl` (the
 * grammar: documents, directives, block and flow collections, empty values) and `Composer`
 * (anchors and aliases, which share the node they name). It also keeps the limits on aliases
 * and nesting (`limits.ts`) while it goes, so that no input can make a later stage explode.
 * @module
 */
import { nestedTooDeeply, YAML_LIMITS } from "./limits.js";
import { expansionOf, newMap, newSeq, TAG, TAG_PREFIX, type CollectionNode, type MapNode, type Pair, type ScalarNode, type SeqNode, type YNode } from "./nodes.js";
import { where, YamlProblem, type Mark } from "./problem.js";
import { resolveTagless } from "./resolver.js";
import { Scanner } from "./scanner.js";
import { TOKEN_NAMES, type Token, type TokenKind } from "./tokens.js";

/** The tokens before which a key or value (of a block mapping, of a flow collection) is empty. */
const BLOCK_PAIR_ENDS: readonly TokenKind[] = ["key", "value", "block-end"];
const FLOW_MAPPING_PAIR_ENDS: readonly TokenKind[] = ["flow-entry", "flow-mapping-end"];
const FLOW_SEQUENCE_PAIR_ENDS: readonly TokenKind[] = ["flow-entry", "flow-sequence-end"];
/** The tokens before which a list item (of a block list, of an indentless one) is empty. */
const BLOCK_ITEM_ENDS: readonly TokenKind[] = ["block-entry", "block-end"];
const INDENTLESS_ITEM_ENDS: readonly TokenKind[] = ["block-entry", ...BLOCK_PAIR_ENDS];

/** Composes the single document of `text`: its root node, or null for an empty stream. */
export function composeDocument(text: string): YNode | null {
  return new Composer(text).composeSingleDocument();
}

class Composer {
  private readonly scanner: Scanner;
  private tagHandles = new Map<string, string>([
    ["!", "!"],
    ["!!", TAG_PREFIX],
  ]);
  private readonly anchors = new Map<string, YNode>();
  /** The collections being composed, outermost first (an alias to one makes it recursive). */
  private readonly ancestors = new Set<YNode>();
  private collectionAliases = 0;
  /** Collections open while parsing. */
  private depth = 0;
  /** What aliases brought in so far (nodes, characters). */
  private aliasNodes = 0;
  private aliasChars = 0;

  constructor(text: string) {
    this.scanner = new Scanner(text);
  }

  // --- documents

  composeSingleDocument(): YNode | null {
    const s = this.scanner;
    s.next(); // stream start
    let root: YNode | null = null;
    let hadDocument = false;
    if (!s.check("stream-end")) {
      if (!s.check("directive", "document-start", "stream-end")) {
        // A document without '---'.
        hadDocument = true;
        root = this.node(true, false);
        this.documentEnd();
      } else {
        while (s.check("document-end")) s.next();
        if (!s.check("stream-end")) {
          hadDocument = true;
          root = this.explicitDocument();
        }
      }
    }
    if (hadDocument) {
      while (s.check("document-end")) s.next();
      if (!s.check("stream-end")) {
        this.processDirectives();
        const t = this.expectDocumentStart();
        throw new YamlProblem("the file must hold a single YAML document, but a second one starts", t.start);
      }
    }
    return root;
  }

  private expectDocumentStart(): Token {
    const t = this.scanner.peekToken();
    if (t.kind !== "document-start") throw new YamlProblem(`expected '---' but found ${TOKEN_NAMES[t.kind]}`, t.start);
    return t;
  }

  private explicitDocument(): YNode | null {
    const s = this.scanner;
    this.processDirectives();
    this.expectDocumentStart();
    s.next();
    const root = s.check("directive", "document-start", "document-end", "stream-end")
      ? this.emptyScalar(s.peekToken().start)
      : this.node(true, false);
    this.documentEnd();
    return root;
  }

  private documentEnd(): void {
    const s = this.scanner;
    if (s.check("document-end")) s.next();
    else if (s.check("directive")) {
      throw new YamlProblem("expected '...' before a directive", s.peekToken().start);
    }
    this.tagHandles = new Map();
  }

  private processDirectives(): void {
    const s = this.scanner;
    let sawVersion = false;
    const handles = new Map<string, string>();
    while (s.check("directive")) {
      const t = s.next();
      const d = t.directive!;
      if (d.name === "YAML") {
        if (sawVersion) throw new YamlProblem("duplicate %YAML directive", t.start);
        sawVersion = true;
        if (d.major !== 1) throw new YamlProblem(`unsupported YAML version ${d.major}.${d.minor}`, t.start);
      } else if (d.name === "TAG") {
        if (handles.has(d.handle)) throw new YamlProblem("duplicate %TAG directive for the same handle", t.start);
        handles.set(d.handle, d.prefix);
      }
    }
    if (!handles.has("!")) handles.set("!", "!");
    if (!handles.has("!!")) handles.set("!!", TAG_PREFIX);
    this.tagHandles = handles;
  }

  // --- nodes

  private emptyScalar(at: Mark, tag?: string): ScalarNode {
    const resolved = tag === undefined || tag === "!" ? resolveTagless("", tag === undefined) : tag;
    return { kind: "scalar", tag: resolved, value: "", style: "plain", start: at };
  }

  /** A node and where it is written. */
  private node(block: boolean, indentlessSequence: boolean): YNode {
    return this.nodeAt(block, indentlessSequence)[0];
  }

  /** A node under `parent`, and where it is written. */
  private childAt(parent: YNode, block: boolean, indentlessSequence: boolean): [YNode, Mark] {
    this.ancestors.add(parent);
    const r = this.nodeAt(block, indentlessSequence);
    this.ancestors.delete(parent);
    return r;
  }

  private nodeAt(block: boolean, indentlessSequence: boolean): [YNode, Mark] {
    const s = this.scanner;
    if (s.check("alias")) return this.alias(s.next());
    const { anchor, tag, start } = this.properties();
    const at = start ?? s.peekToken().start;
    const collectionTag = (implicitTag: string) => (tag === undefined || tag === "!" ? implicitTag : tag);
    let node: YNode;
    // Collections are composed here, not through a helper taking a callback: every frame per
    // level of nesting counts against the stack (see `limits.ts`).
    if (indentlessSequence && s.check("block-entry")) {
      node = this.open(newSeq(collectionTag(TAG.seq), at), anchor);
      this.indentlessSequence(node);
      this.close(node);
    } else if (s.check("scalar")) {
      const t = s.next();
      const plainUntagged = t.style === "plain" && tag === undefined;
      node = {
        kind: "scalar",
        tag: tag === undefined || tag === "!" ? resolveTagless(t.value!, plainUntagged) : tag,
        value: t.value!,
        style: t.style!,
        start: at,
      };
      this.register(anchor, node);
    } else if (s.check("flow-sequence-start")) {
      node = this.open(newSeq(collectionTag(TAG.seq), at), anchor);
      this.flowSequence(node);
      this.close(node);
    } else if (s.check("flow-mapping-start")) {
      node = this.open(newMap(collectionTag(TAG.map), at), anchor);
      this.flowMapping(node);
      this.close(node);
    } else if (block && s.check("block-sequence-start")) {
      node = this.open(newSeq(collectionTag(TAG.seq), at), anchor);
      this.blockSequence(node);
      this.close(node);
    } else if (block && s.check("block-mapping-start")) {
      node = this.open(newMap(collectionTag(TAG.map), at), anchor);
      this.blockMapping(node);
      this.close(node);
    } else if (anchor !== undefined || tag !== undefined) {
      node = this.emptyScalar(at, tag);
      this.register(anchor, node);
    } else {
      const t = s.peekToken();
      throw new YamlProblem(`expected a value but found ${TOKEN_NAMES[t.kind]}`, t.start);
    }
    return [node, at];
  }

  /** The anchor and tag before a node (either order), the tag resolved through the %TAG handles. */
  private properties(): { anchor?: string; tag?: string; start?: Mark } {
    const s = this.scanner;
    let anchor: string | undefined;
    let tagToken: Token | undefined;
    let start: Mark | undefined;
    if (s.check("anchor")) {
      const t = s.next();
      start = t.start;
      anchor = t.value!;
      if (s.check("tag")) tagToken = s.next();
    } else if (s.check("tag")) {
      tagToken = s.next();
      start = tagToken.start;
      if (s.check("anchor")) anchor = s.next().value!;
    }
    if (!tagToken) return { anchor, start };
    if (tagToken.handle == null) return { anchor, tag: tagToken.suffix!, start };
    const prefix = this.tagHandles.get(tagToken.handle);
    if (prefix === undefined) {
      throw new YamlProblem("a tag uses a handle ('!name!') that no %TAG directive defines", tagToken.start);
    }
    return { anchor, tag: prefix + tagToken.suffix!, start };
  }

  private register(anchor: string | undefined, node: YNode): void {
    if (anchor !== undefined) this.anchors.set(anchor, node);
  }

  /** What an alias names, counted against the alias limits. */
  private alias(t: Token): [YNode, Mark] {
    const node = this.anchors.get(t.value!);
    // Names are not quoted: an alias or tag may stand where a value (a secret) was meant.
    if (!node) throw new YamlProblem("undefined alias: no anchor ('&') of that name comes before it", t.start);
    const max = YAML_LIMITS.maxCollectionAliases;
    if (node.kind !== "scalar" && ++this.collectionAliases > max) {
      throw new YamlProblem(`more than ${max} aliases to collections`, t.start);
    }
    if (node.kind !== "scalar" && this.ancestors.has(node)) node.recursive = true;
    const x = expansionOf(node);
    this.aliasNodes += node.kind === "scalar" ? 0 : x.nodes;
    this.aliasChars += x.chars;
    const { maxAliasNodes, maxAliasChars } = YAML_LIMITS;
    if (this.aliasNodes > maxAliasNodes || this.aliasChars > maxAliasChars) {
      throw new YamlProblem(
        `aliases expand to more than ${this.aliasNodes > maxAliasNodes ? `${maxAliasNodes} nodes` : `${maxAliasChars} characters`} (flink-memory's limit against "billion laughs": Flink's flattening repeats what an alias names)`,
        t.start,
      );
    }
    return [node, t.start];
  }

  /** A new collection: registered under its anchor, one level deeper. */
  private open<N extends CollectionNode>(node: N, anchor: string | undefined): N {
    this.register(anchor, node);
    if (++this.depth > YAML_LIMITS.maxNestingDepth) throw nestedTooDeeply(node.start);
    return node;
  }

  /** A collection is complete: one level up; record what it expands to. */
  private close(node: CollectionNode): void {
    this.depth--;
    this.measure(node);
  }

  /** Records what a complete collection expands to. */
  private measure(node: CollectionNode): void {
    let height = 0;
    let nodes = 1;
    let chars = 0;
    const add = (n: YNode) => {
      const x = expansionOf(n);
      if (x.height > height) height = x.height;
      nodes += x.nodes;
      chars += x.chars;
    };
    if (node.kind === "seq") node.items.forEach(add);
    else
      for (const p of node.pairs) {
        add(p.key);
        add(p.value);
      }
    node.height = height + 1;
    node.nodes = nodes;
    node.chars = chars;
    // Aliases can stack collections deeper than the text nests them.
    if (node.height > YAML_LIMITS.maxNestingDepth) throw nestedTooDeeply(node.start);
  }

  // --- collections

  /** An item after '-': empty when one of `ends` follows. */
  private sequenceItem(node: SeqNode, ends: readonly TokenKind[]): void {
    const entry = this.scanner.next();
    node.items.push(this.scanner.check(...ends) ? this.emptyScalar(entry.end) : this.childAt(node, true, false)[0]);
  }

  /** A key (after '?' or where the scanner found one) and its value, each empty where it is missing. */
  private pair(keyToken: Token, owner: YNode, ends: readonly TokenKind[], block: boolean): Pair {
    const s = this.scanner;
    const key = s.check("value", ...ends) ? this.emptyScalar(keyToken.end) : this.childAt(owner, block, block)[0];
    if (s.check("value")) {
      const v = s.next();
      if (s.check(...ends)) return { key, value: this.emptyScalar(v.end), valueAt: v.end };
      const [value, valueAt] = this.childAt(owner, block, block);
      return { key, value, valueAt };
    }
    if (block && s.check("scalar")) {
      const [value, valueAt] = this.childAt(owner, true, true);
      return { key, value, valueAt };
    }
    const valueAt = s.peekToken().start;
    return { key, value: this.emptyScalar(valueAt), valueAt };
  }

  /** `- a` items at the indentation of the mapping key they are the value of. */
  private indentlessSequence(node: SeqNode): void {
    while (this.scanner.check("block-entry")) this.sequenceItem(node, INDENTLESS_ITEM_ENDS);
  }

  private blockSequence(node: SeqNode): void {
    const s = this.scanner;
    s.next();
    while (s.check("block-entry")) this.sequenceItem(node, BLOCK_ITEM_ENDS);
    this.blockEnd(node, "'- '");
  }

  private blockMapping(node: MapNode): void {
    const s = this.scanner;
    s.next();
    while (s.check("key")) node.pairs.push(this.pair(s.next(), node, BLOCK_PAIR_ENDS, true));
    this.blockEnd(node, "a key");
  }

  /** The end of a block collection; anything else is bad indentation. */
  private blockEnd(node: CollectionNode, expected: string): void {
    const s = this.scanner;
    if (!s.check("block-end")) {
      const t = s.peekToken();
      throw new YamlProblem(
        `bad indentation: the ${node.kind === "seq" ? "list" : "mapping"} that starts at ${where(node.start)} should end or continue with ${expected}, but found ${TOKEN_NAMES[t.kind]}`,
        t.start,
      );
    }
    s.next();
  }

  /**
   * Whether a flow collection ends before its next entry: after the first entry a ',' must come
   * (taken here), and may be the last thing before the closing bracket.
   */
  private flowEnds(node: CollectionNode, first: boolean): boolean {
    const s = this.scanner;
    const [end, closer, what] =
      node.kind === "seq" ? (["flow-sequence-end", "]", "flow list"] as const) : (["flow-mapping-end", "}", "flow mapping"] as const);
    if (s.check(end)) return true;
    if (first) return false;
    if (!s.check("flow-entry")) {
      const t = s.peekToken();
      throw new YamlProblem(
        `expected ',' or '${closer}' in the ${what} that starts at ${where(node.start)}, but found ${TOKEN_NAMES[t.kind]}`,
        t.start,
      );
    }
    s.next();
    return s.check(end);
  }

  private flowSequence(node: SeqNode): void {
    const s = this.scanner;
    s.next();
    for (let first = true; !this.flowEnds(node, first); first = false) {
      if (!s.check("key")) {
        node.items.push(this.childAt(node, false, false)[0]);
        continue;
      }
      // A single pair `[k: v]` is a one-entry mapping.
      const keyToken = s.next();
      const pairNode = newMap(TAG.map, keyToken.start);
      this.ancestors.add(node);
      pairNode.pairs.push(this.pair(keyToken, pairNode, FLOW_SEQUENCE_PAIR_ENDS, false));
      this.ancestors.delete(node);
      this.measure(pairNode);
      node.items.push(pairNode);
    }
    s.next();
  }

  private flowMapping(node: MapNode): void {
    const s = this.scanner;
    s.next();
    for (let first = true; !this.flowEnds(node, first); first = false) {
      if (s.check("key")) {
        node.pairs.push(this.pair(s.next(), node, FLOW_MAPPING_PAIR_ENDS, false));
        continue;
      }
      // A key without ':' has an empty value.
      const key = this.childAt(node, false, false)[0];
      const valueAt = s.peekToken().start;
      node.pairs.push({ key, value: this.emptyScalar(valueAt), valueAt });
    }
    s.next();
  }
}
