/**
 * One document loaded: composed, then constructed, after snakeyaml-engine's `Load`
 * (`loadFromString`, `loadFromInputStream`) with the core schema.
 * @module
 */
import { composeDocument } from "./composer.js";
import { Constructor } from "./construct.js";
import type { JObj } from "./java-object.js";
import { TAG, type YNode } from "./nodes.js";

export interface LoadedDocument {
  /** The Java object the document is. */
  readonly value: JObj;
  /** Its root node (for where it is), null for an empty stream. */
  readonly node: YNode | null;
}

export function loadDocument(text: string): LoadedDocument {
  const node = composeDocument(text);
  // A null root (empty document, `~`, `!!null`) is not constructed at all.
  if (node === null || node.tag === TAG.null) return { value: null, node };
  const builder = new Constructor();
  builder.prefixes.set(node, "");
  return { value: builder.construct(node), node };
}
