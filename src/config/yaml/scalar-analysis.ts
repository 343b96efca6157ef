/**
 * Which styles can write a scalar, after snakeyaml-engine's `Emitter.analyzeScalar` and its
 * `ScalarAnalysis` (indicators, line breaks, leading and trailing spaces, special characters).
 * @module
 */
import { isBlankT, isPrintable, oneOf, CR, LF, SP, TAB } from "./chars.js";

export interface ScalarAnalysis {
  readonly empty: boolean;
  readonly multiline: boolean;
  readonly allowFlowPlain: boolean;
  readonly allowBlockPlain: boolean;
  readonly allowSingleQuoted: boolean;
  readonly allowBlock: boolean;
}

const EMPTY: ScalarAnalysis = {
  empty: true,
  multiline: false,
  allowFlowPlain: false,
  allowBlockPlain: true,
  allowSingleQuoted: true,
  allowBlock: false,
};

export function analyzeScalar(text: string): ScalarAnalysis {
  if (text.length === 0) return EMPTY;
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  if (text.startsWith("---") || text.startsWith("...")) blockIndicators = flowIndicators = true;
  const blankAt = (i: number) => {
    const c = text.codePointAt(i);
    return c === undefined || c === 0 || c === SP || c === TAB;
  };
  let precededByWhitespace = true;
  let followedByWhitespace = text.length === 1 || isBlankT(text.codePointAt(1)!);
  let previousSpace = false;
  let previousBreak = false;
  let index = 0;
  while (index < text.length) {
    const c = text.codePointAt(index)!;
    if (index === 0) {
      if (oneOf(c, "#,[]{}&*!|>'\"%@`")) flowIndicators = blockIndicators = true;
      if (c === 0x3f || c === 0x3a) {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      }
      if (c === 0x2d && followedByWhitespace) flowIndicators = blockIndicators = true;
    } else {
      if (oneOf(c, ",?[]{}")) flowIndicators = true;
      if (c === 0x3a) {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      }
      if (c === 0x23 && precededByWhitespace) flowIndicators = blockIndicators = true;
    }
    const isBreak = c === LF;
    if (isBreak) lineBreaks = true;
    if (!(c === LF || (c >= 0x20 && c <= 0x7e))) {
      // Unicode is allowed (DumpSettings.useUnicodeEncoding); tab, CR and controls are special.
      if (c === TAB || c === CR || !isPrintable(c)) special = true;
    }
    if (c === SP) {
      if (index === 0) leadingSpace = true;
      if (index === text.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak) {
      if (index === 0) leadingBreak = true;
      if (index === text.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = previousBreak = false;
    }
    index += c > 0xffff ? 2 : 1;
    precededByWhitespace = c === 0 || c === SP || c === TAB || isBreak;
    followedByWhitespace = true;
    if (index + 1 < text.length) {
      const nextIndex = index + (text.codePointAt(index)! > 0xffff ? 2 : 1);
      if (nextIndex < text.length) followedByWhitespace = blankAt(nextIndex) || isBreak;
    }
  }
  let allowFlowPlain = true;
  let allowBlockPlain = true;
  let allowSingleQuoted = true;
  let allowBlock = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) allowFlowPlain = allowBlockPlain = false;
  if (trailingSpace) allowBlock = false;
  if (breakSpace) allowFlowPlain = allowBlockPlain = allowSingleQuoted = false;
  if (spaceBreak || special) allowFlowPlain = allowBlockPlain = allowSingleQuoted = allowBlock = false;
  if (lineBreaks) allowFlowPlain = false;
  if (flowIndicators) allowFlowPlain = false;
  if (blockIndicators) allowBlockPlain = false;
  return { empty: false, multiline: lineBreaks, allowFlowPlain, allowBlockPlain, allowSingleQuoted, allowBlock };
}
