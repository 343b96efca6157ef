/**
 * UTF-8 decoding as Java's `InputStreamReader` does it (`sun.nio.cs.UTF_8`, malformed input
 * replaced by U+FFFD). It differs from `TextDecoder`/Node on invalid bytes: Java replaces an
 * encoded surrogate (ED A0 80) with one U+FFFD, not three, and all the bytes of a sequence cut
 * off by the end of the input with one. Valid UTF-8 decodes the same; a BOM is kept.
 * @module
 */

const REPLACEMENT = "\uFFFD";
const cont = (b: number | undefined) => b !== undefined && (b & 0xc0) === 0x80;

/** How many bytes the malformed sequence at `i` (lead byte `b1`, `nb` bytes wanted) covers. */
function malformedLength(bytes: Uint8Array, i: number, nb: number): number {
  const b1 = bytes[i]!;
  const b2 = bytes[i + 1]!;
  if (nb === 3) return (b1 === 0xe0 && (b2 & 0xe0) === 0x80) || !cont(b2) ? 1 : 2;
  if (nb === 4) {
    if (b1 > 0xf4 || (b1 === 0xf0 && (b2 < 0x90 || b2 > 0xbf)) || (b1 === 0xf4 && (b2 & 0xf0) !== 0x80) || !cont(b2)) return 1;
    return cont(bytes[i + 2]) ? 3 : 2;
  }
  return 1;
}

export function javaDecodeUtf8(bytes: Uint8Array): string {
  const out: string[] = [];
  let run = "";
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b1 = bytes[i]!;
    if (b1 < 0x80) {
      run += String.fromCharCode(b1);
      i++;
      continue;
    }
    let step = 0;
    let text = REPLACEMENT;
    if (b1 >= 0xc2 && b1 <= 0xdf) {
      if (n - i < 2) step = n - i; // cut off at the end: one replacement for the rest
      else if (!cont(bytes[i + 1])) step = 1;
      else {
        text = String.fromCharCode(((b1 & 0x1f) << 6) | (bytes[i + 1]! & 0x3f));
        step = 2;
      }
    } else if (b1 >= 0xe0 && b1 <= 0xef) {
      const left = n - i;
      if (left < 3) {
        const b2 = bytes[i + 1];
        step = left > 1 && ((b1 === 0xe0 && (b2! & 0xe0) === 0x80) || !cont(b2)) ? 1 : left;
      } else {
        const b2 = bytes[i + 1]!;
        const b3 = bytes[i + 2]!;
        if ((b1 === 0xe0 && (b2 & 0xe0) === 0x80) || !cont(b2) || !cont(b3)) step = malformedLength(bytes, i, 3);
        else {
          const c = ((b1 & 0x0f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
          step = 3;
          if (c < 0xd800 || c > 0xdfff) text = String.fromCharCode(c);
        }
      }
    } else if (b1 >= 0xf0 && b1 <= 0xf7) {
      const left = n - i;
      if (left < 4) {
        const b2 = bytes[i + 1];
        if (b1 > 0xf4 || (left > 1 && ((b1 === 0xf0 && (b2! < 0x90 || b2! > 0xbf)) || (b1 === 0xf4 && (b2! & 0xf0) !== 0x80) || !cont(b2)))) step = 1;
        else if (left > 2 && !cont(bytes[i + 2])) step = 2;
        else step = left;
      } else {
        const [b2, b3, b4] = [bytes[i + 1]!, bytes[i + 2]!, bytes[i + 3]!];
        const uc = ((b1 & 0x07) << 18) | ((b2 & 0x3f) << 12) | ((b3 & 0x3f) << 6) | (b4 & 0x3f);
        if (!cont(b2) || !cont(b3) || !cont(b4) || uc < 0x10000 || uc > 0x10ffff) step = malformedLength(bytes, i, 4);
        else {
          text = String.fromCodePoint(uc);
          step = 4;
        }
      }
    } else step = 1;
    run += text;
    i += step;
    if (run.length > 8192) {
      out.push(run);
      run = "";
    }
  }
  out.push(run);
  return out.join("");
}
