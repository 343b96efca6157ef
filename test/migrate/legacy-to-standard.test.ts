// The legacy → standard YAML migration prints exactly what Flink 1.20.0's BashJavaUtils prints
// (test/data/migrate/flink-1.20, made by Flink itself), plus the rules spelled out on small inputs.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migrateLegacyToStandardLines, migrateLegacyToStandardYaml } from "../../src/migrate/legacy-to-standard.js";
import { resolvesToString } from "../../src/migrate/snakeyaml-dump.js";
import { FlinkError } from "../../src/errors.js";
import { javaDecodeUtf8 } from "../../src/java/utf8.js";
import { ROOT, SHARED_DIR } from "../support/golden.js";

const DATA = join(ROOT, "test", "data", "migrate", "flink-1.20");
const PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

/** Our answer in the recorded form: the printed lines, or `class: message`. */
function printed(text: string, jdk = 17): string {
  try {
    return migrateLegacyToStandardLines(text, { jdk }).map((l) => PREFIX + l + "\n").join("");
  } catch (e) {
    if (e instanceof FlinkError) return `${e.javaClass}: ${e.message}`;
    throw e;
  }
}

function recorded(folder: string, inputDir: string, dir = join(DATA, folder)): { name: string; input: string; want: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".out") || f.endsWith(".err"))
    .sort()
    .map((f) => {
      const name = f.slice(0, -4);
      return { name, input: join(inputDir, name), want: readFileSync(join(dir, f), "utf8") };
    });
}

function checkFolder(folder: string, inputDir: string, expectedCount: number) {
  it(`${folder}: all ${expectedCount} files print Flink's lines byte for byte`, () => {
    const cases = recorded(folder, inputDir);
    expect(cases.length).toBe(expectedCount);
    const bad = cases.filter((c) => printed(javaDecodeUtf8(readFileSync(c.input))) !== c.want).map((c) => c.name);
    expect(bad).toEqual([]);
  });
}

describe("migration vs Flink 1.20.0 on JDK 25 (jdk25/: only the files whose order differs from JDK 17's)", () => {
  const inputs: Record<string, string> = {
    realfiles: join(ROOT, "test", "data", "realfiles"),
    edge: join(DATA, "edge"),
    random: join(DATA, "random"),
    realworld: join(SHARED_DIR, "realworld", "conf"),
  };
  for (const [folder, inputDir] of Object.entries(inputs)) {
    it.runIf(existsSync(inputDir))(`jdk25/${folder}`, () => {
      const cases = recorded(folder, inputDir, join(DATA, "jdk25", folder));
      expect(cases.length).toBeGreaterThan(0);
      for (const c of cases) {
        const text = javaDecodeUtf8(readFileSync(c.input));
        expect(printed(text, 25), c.name).toBe(c.want);
        expect(printed(text, 17), c.name).not.toBe(c.want);
      }
    });
  }
});

describe("migration vs Flink 1.20.0", () => {
  checkFolder("realfiles", join(ROOT, "test", "data", "realfiles"), 28);
  checkFolder("edge", join(DATA, "edge"), 20);
  checkFolder("random", join(DATA, "random"), 120);
  // Files with invalid UTF-8 (Latin-1 bytes, encoded surrogates, overlong and cut-off sequences).
  checkFolder("invalid-utf8", join(DATA, "invalid-utf8"), 60);
  // Keys chosen to share a HashMap bucket: resizes instead of trees below 64 buckets, tree bins above.
  checkFolder("hash-collisions", join(DATA, "hash-collisions"), 55);
  const shared = join(SHARED_DIR, "realworld", "conf");
  describe.runIf(existsSync(shared))("../shared/realworld", () => {
    checkFolder("realworld", shared, 60);
    // FLINK_PROPERTIES blocks as the container receives them (the image appends them to flink-conf.yaml).
    checkFolder("realworld-compose", join(SHARED_DIR, "realworld", "compose"), 28);
  });
});

const lines = (text: string) => migrateLegacyToStandardLines(text);

describe("Java's UTF-8 decoding", () => {
  const bytes = (...b: number[]) => Uint8Array.from(b);
  it("valid UTF-8 decodes as TextDecoder does, BOM kept", () => {
    const text = "\uFEFFa: café 日本 😀 \u2028\n";
    expect(javaDecodeUtf8(new TextEncoder().encode(text))).toBe(text);
  });
  it("invalid bytes become U+FFFD by Java's rules", () => {
    expect(javaDecodeUtf8(bytes(0x61, 0xed, 0xa0, 0x80, 0x62))).toBe("a\uFFFDb"); // encoded surrogate: one
    expect(javaDecodeUtf8(bytes(0xe0, 0x80, 0x80))).toBe("\uFFFD\uFFFD\uFFFD"); // overlong: one per byte
    expect(javaDecodeUtf8(bytes(0x61, 0xf0, 0x9f, 0x98))).toBe("a\uFFFD"); // cut off at the end: one
    expect(javaDecodeUtf8(bytes(0xe9, 0x74))).toBe("\uFFFDt"); // Latin-1
    expect(javaDecodeUtf8(bytes(0xf0, 0x9f, 0x41, 0x41))).toBe("\uFFFDAA"); // F0 9F, then not a continuation: one for two bytes
  });
});

describe("migration rules", () => {
  it("nests keys at dots and keeps values as the strings the legacy reader read", () => {
    expect(lines("a.b: 1\na.c: x\n")).toEqual(["a:", "  b: '1'", "  c: x"]);
  });

  it("lists and maps stay one string (no conversion by option type)", () => {
    expect(lines("pipeline.jars: a.jar;b.jar\n")).toEqual(["pipeline:", "  jars: a.jar;b.jar"]);
    expect(lines("m: a:1,b:2\n")).toEqual(["m: a:1,b:2"]);
    expect(lines("m: [a, b]\n")).toEqual(["m: '[a, b]'"]);
    expect(lines("m: {x: 1}\n")).toEqual(["m: '{x: 1}'"]);
    expect(lines("m: a: b\n")).toEqual(["m: 'a: b'"]);
  });

  it("quotes stay in values and are quoted again", () => {
    expect(lines(`a: 'x'\nb: "y"\nc: it's\n`)).toEqual([`a: '''x'''`, `b: '"y"'`, "c: it's"]);
  });

  it("cuts comments at the first # and skips lines Flink skips", () => {
    expect(lines("# c\nk: v # t\nj: a#b\nnocolon\nempty: \n")).toEqual(["j: a", "k: v"]);
  });

  it("writes {} for a file with no entries", () => {
    expect(lines("")).toEqual(["{}"]);
    expect(migrateLegacyToStandardYaml("# only comments\n")).toBe("{}\n");
  });

  it("a duplicate key keeps its first position and its last value", () => {
    expect(lines("a.b: 1\nc: 2\na.b: 3\nc: 4\n")).toEqual(["a:", "  b: '3'", "c: '4'"]);
  });

  it("quotes what the Core schema would read as another type", () => {
    for (const s of ["true", "False", "123", "-1.5", "0x1F", "0o17", ".inf", "null", "~", "NULL", "${HOME}", "1e5", ""]) expect(resolvesToString(s)).toBe(false);
    for (const s of ["yes", "on", "1_000", "10 s", "1m", "0b1", "Nan", "$HOME"]) expect(resolvesToString(s)).toBe(true);
  });

  it("double-quotes with escapes when a character is special; non-ASCII stays as is", () => {
    expect(lines("a: x\ty\nb: café 日本 😀\nc: a\u0001b\n")).toEqual(['a: "x\\ty"', "b: café 日本 😀", 'c: "a\\x01b"']);
  });

  it("writes an empty or 128-unit key as a complex key", () => {
    expect(lines(".x: 1\n")).toEqual(["? ''", ": x: '1'"]);
    expect(lines(`${"k".repeat(128)}: v\n`)).toEqual([`? ${"k".repeat(128)}`, ": v"]);
  });

  it("a key that is a prefix of another: replaced or a failure, by HashMap order", () => {
    // Flink's own migration drops state.backend.incremental and high-availability.storageDir here.
    expect(lines("state.backend: rocksdb\nstate.backend.incremental: true\n")).toEqual(["state:", "  backend: rocksdb"]);
    expect(lines("high-availability: zk\nhigh-availability.storageDir: /x\n")).toEqual(["high-availability: zk"]);
    let error: unknown;
    try {
      lines("metrics.reporter.prom: s3cr3t\nmetrics.reporter.prom.port: 9249\n");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FlinkError);
    expect((error as FlinkError).javaClass).toBe("java.lang.ClassCastException");
    // The message is Java's and names no key or value (any value may be a secret).
    expect((error as FlinkError).message).not.toMatch(/s3cr3t|9249|metrics/);
    expect(() => lines("...: x\n")).toThrow("Index -1 out of bounds for length 0");
  });

  it("the file content is the lines with a final newline, as migrate-config-file.sh writes it", () => {
    expect(migrateLegacyToStandardYaml("b: 1\na: x\n")).toBe("a: x\nb: '1'\n");
    // The script strips every occurrence of the prefix and keeps the last 1000 lines.
    expect(migrateLegacyToStandardYaml("a: xBASH_JAVA_UTILS_EXEC_RESULT:y\n")).toBe("a: xy\n");
    const many = Array.from({ length: 1200 }, (_, i) => `k${i}: v\n`).join("");
    const file = migrateLegacyToStandardYaml(many).split("\n");
    expect(file.length).toBe(1001);
    expect(file.slice(0, -1)).toEqual(migrateLegacyToStandardLines(many).slice(-1000));
  });
});
