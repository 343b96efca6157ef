/**
 * What the scanner hands the composer, after snakeyaml-engine's `tokens` package: kinds, scalar
 * styles, directives, and how a message names a token (never by its text).
 * @module
 */
import type { Mark } from "./problem.js";

export type TokenKind =
  | "stream-start"
  | "stream-end"
  | "directive"
  | "document-start"
  | "document-end"
  | "block-sequence-start"
  | "block-mapping-start"
  | "block-end"
  | "flow-sequence-start"
  | "flow-mapping-start"
  | "flow-sequence-end"
  | "flow-mapping-end"
  | "key"
  | "value"
  | "block-entry"
  | "flow-entry"
  | "alias"
  | "anchor"
  | "tag"
  | "scalar";

export type ScalarStyle = "plain" | "single" | "double" | "literal" | "folded";

export interface Token {
  readonly kind: TokenKind;
  readonly start: Mark;
  readonly end: Mark;
  /** Scalar text, or anchor / alias name. */
  readonly value?: string;
  readonly style?: ScalarStyle;
  /** Tag handle (`!`, `!!`, `!e!`) or null for a verbatim / non-specific tag. */
  readonly handle?: string | null;
  readonly suffix?: string;
  readonly directive?: Directive;
}

export type Directive =
  | { readonly name: "YAML"; readonly major: number; readonly minor: number }
  | { readonly name: "TAG"; readonly handle: string; readonly prefix: string }
  | { readonly name: "other" };

/** How the parser names a token in a message (never with its text). */
export const TOKEN_NAMES: Readonly<Record<TokenKind, string>> = {
  "stream-start": "the start of the file",
  "stream-end": "the end of the file",
  directive: "a directive",
  "document-start": "'---'",
  "document-end": "'...'",
  "block-sequence-start": "a block sequence",
  "block-mapping-start": "a block mapping",
  "block-end": "the end of a block",
  "flow-sequence-start": "'['",
  "flow-mapping-start": "'{'",
  "flow-sequence-end": "']'",
  "flow-mapping-end": "'}'",
  key: "'?'",
  value: "':'",
  "block-entry": "'-'",
  "flow-entry": "','",
  alias: "an alias",
  anchor: "an anchor",
  tag: "a tag",
  scalar: "a scalar",
};
