// Seeded generator of YAML documents for `scripts/snakeyaml-agreement.mjs`: block and flow
// collections nested a few levels, every scalar style, core-schema numbers and words that look like
// them, tags (standard, local, verbatim, %TAG), anchors and aliases, directives and document
// markers, then a few random edits in some. About a fifth read cleanly; the rest reach the
// scanner's, composer's and constructor's errors.
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export function makeGen(seed) {
  const r = rng(seed);
  const int = (n) => Math.floor(r() * n);
  const pick = (a) => a[int(a.length)];
  const chance = (p) => r() < p;
  const WORDS = ["a", "b", "taskmanager", "memory", "process.size", "jobmanager", "x-y", "k_1", "key", "é", "日本", "😀", "network", "fraction", "min", "max", "<<", "~", "null", "Null", "true", "False", "yes", "on", "0", "-0", "+5", "007", "0x1F", "0o17", "0X1", "0b1", "1_000", "1.5", ".5", "1.", "1e3", "1E+3", "-.5e-3", ".inf", "-.Inf", "+.inf", ".NaN", "1e400", "99999999999999999999", "2147483648", "-2147483649", "9223372036854775808", "0x7fffffff", "0x80000000", "0xffffffffffffffff", "0o77777777777", "4g", "1728m", "0.4", "${HOME}", "${ X:-y }", "$HOME", "a:b", "a#b", "a #b", "- a", "? a", ": a", "-a", "?a", ":a", "a,b", "a[b]", "a{b}", "@a", "`a", "%a", "!a", "&a", "*a", "|a", ">a", "'a", "\"a", "---", "...", "a b", "a  b", " a", "a ", "\ta", "a\tb", "a\u0085b", "a\u2028b", "a\u00a0b", "a\\b"];
  const SAFE = WORDS.filter((w) => /^[A-Za-z0-9._$<~+\-{} éæ日本😀:]*$/.test(w) && !/^[-?:]|: |^---|^\.\.\.|[{}]/.test(w));
  const plainWord = () => (chance(0.75) ? pick(SAFE) : pick(WORDS));
  let anchors = [];
  const esc = () => pick(["\\n", "\\t", "\\\\", "\\\"", "\\x41", "\\u00e9", "\\U0001F600", "\\0", "\\a", "\\e", "\\N", "\\_", "\\L", "\\P", "\\/", "\\ ", "\\q", "\\x4", "\\uD800", "\\U00110000", "\\\n"]);
  function scalar(indent, inFlow) {
    const k = int(12);
    if (k < 5) return plainWord();
    if (k === 5) return `'${pick(WORDS).replace(/'/g, "''")}${chance(0.2) ? "''x" : ""}${chance(0.1) ? "\n" + " ".repeat(indent) + "more" : ""}'`;
    if (k === 6) {
      let s = pick(WORDS).replace(/[\\"]/g, "");
      if (chance(0.6)) s += esc();
      if (chance(0.1)) s += "\n" + " ".repeat(indent) + "cont";
      return `"${s}"`;
    }
    if (k === 7 && !inFlow) {
      const head = pick(["|", ">", "|-", ">+", "|2", ">1-", "|+", "|0", "|10", "| #c", "|x"]);
      const lines = Array.from({ length: 1 + int(3) }, () => (chance(0.2) ? "" : " ".repeat(indent + 2 + (chance(0.2) ? 1 : 0)) + pick(WORDS)));
      return head + "\n" + lines.join("\n") + (chance(0.3) ? "\n" : "");
    }
    if (k === 8) return pick(["", "~", "null", "!!null", "!!str", "!!str 1", "!!int 12", "!!int x", "!!float 1", "!!float x", "!!bool yes", "!!bool true", "!!binary aGVsbG8=", "!!binary aGVs bG8=", "!!binary a", "!!java.util.UUID 12345678-1234-1234-1234-123456789abc", "!!java.util.UUID x", "!!java.util.Optional x", "!!java.util.Optional null", "!custom x", "!<tag:yaml.org,2002:str> 5", "! 5", "!!timestamp 2001-12-14", "!e!x 1", "!!seq x", "!%41 x", "!!str%41 x"]);
    if (k === 9) return `${pick(WORDS)} ${pick(WORDS)}`;
    if (k === 10 && (!inFlow || chance(0.1))) return `${plainWord()} # comment`;
    return String(int(1000)) + pick(["", "m", "g", " mb", ".0", "e2"]);
  }
  function key(indent, inFlow) {
    let k = int(14);
    if ((k === 11 && !anchors.length) || (k >= 12 && chance(0.7))) k = 0;
    if (k < 9) return pick(["a", "b", "c", "taskmanager", "memory", "process.size", "jobmanager.memory.process.size", "x", "k_1", "é", "<<", "a.b", "a b"]);
    if (k === 9) return pick(["1", "1.5", "true", "null", "~", "0x10", "'q'", '"d"', "!!str 1", "''", "2147483648"]);
    if (k === 10) return `&${anchor()} ${pick(["a", "b", "c"])}`;
    if (k === 11 && anchors.length) return `*${pick(anchors)}`;
    if (k === 12 && !inFlow) return "? " + pick(["a", "[a, b]", "{a: 1}", "- x"]);
    return `[${pick(["a", "1", ""])}]`;
  }
  function value(depth, indent, inFlow) {
    const props = () => (chance(0.12) ? `&${anchor()} ` : "") + (chance(0.08) ? pick(["!!map ", "!!seq ", "!!set ", "!!str ", "!x ", "!!omap "]) : "");
    if (chance(0.07) && (anchors.length || chance(0.05))) return `*${anchors.length ? pick(anchors) : "zz"}`;
    if (depth <= 0 || chance(0.45)) return (chance(0.1) ? props() : "") + scalar(indent, inFlow);
    const kind = inFlow ? pick(["fseq", "fmap"]) : pick(["bmap", "bseq", "fseq", "fmap", "bmap"]);
    const n = int(4);
    if (kind === "fseq") {
      const items = Array.from({ length: n }, () => (chance(0.15) ? `${key(0, true)}: ${value(depth - 1, indent, true)}` : value(depth - 1, indent, true)));
      return props() + "[" + items.join(pick([", ", ",", " , ", ",\n" + " ".repeat(indent + 1)])) + (chance(0.05) ? "," : "") + "]";
    }
    if (kind === "fmap") {
      const items = Array.from({ length: n }, () => (chance(0.1) ? key(0, true) : `${key(0, true)}${pick([": ", ":", " : "])}${value(depth - 1, indent, true)}`));
      return props() + "{" + items.join(pick([", ", ","])) + "}";
    }
    const ind = indent + pick([2, 2, 1, 4, 0]);
    if (kind === "bseq") {
      if (n === 0) return props() + "[]";
      const items = Array.from({ length: n }, () => `${" ".repeat(ind)}- ${value(depth - 1, ind + 2, false)}`);
      return props() + "\n" + items.join("\n");
    }
    if (n === 0) return props() + "{}";
    const items = Array.from({ length: n }, () => `${" ".repeat(ind)}${key(ind, false)}:${pick([" ", " ", "  "])}${value(depth - 1, ind, false)}${chance(0.05) ? " #c" : ""}`);
    return props() + "\n" + items.join("\n");
  }
  function anchor() {
    const a = "a" + int(5);
    anchors.push(a);
    return a;
  }
  function doc() {
    anchors = [];
    const parts = [];
    if (chance(0.05)) parts.push(pick(["%YAML 1.2", "%YAML 1.1", "%YAML 2.0", "%TAG !e! tag:example.com,2000:", "%FOO bar", "%YAML 1.2\n%YAML 1.2"]));
    if (parts.length || chance(0.05)) parts.push(pick(["---", "--- ", "--- #c"]));
    const n = 1 + int(5);
    const top = int(20);
    if (top === 0) parts.push(value(3, 0, false).replace(/^\n/, ""));
    else for (let i = 0; i < n; i++) parts.push(`${key(0, false)}: ${value(3, 0, false)}`);
    if (chance(0.05)) parts.push(pick(["...", "---\nb: 1", "...\n---\nc: 1", "# end"]));
    let s = parts.join("\n") + (chance(0.9) ? "\n" : "");
    if (chance(0.3)) {
      const edits = 1 + int(3);
      for (let e = 0; e < edits; e++) {
        const at = int(s.length + 1);
        const ins = pick(["", ":", " ", "\t", "\n", "#", "'", '"', "[", "]", "{", "}", ",", "&x", "*x", "!", "- ", "? ", "---\n", "...\n", "\r", "\uFEFF", "\\", "  ", "\n  "]);
        s = s.slice(0, at) + ins + s.slice(at + int(3));
      }
    }
    if (chance(0.05)) s = s.replace(/\n/g, "\r\n");
    if (chance(0.02)) s = "\uFEFF" + s;
    return s;
  }
  return doc;
}
