// Resource bounds of the readers and the CLI, each with its clear typed error, and the hostile
// framings (binary, non-UTF-8, BOM, CRLF, CR, no final newline) read as Flink reads them.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { FlinkError, JavaClass } from "../../src/errors.js";
import { readStandardYaml, YAML_LIMITS } from "../../src/config/yaml/index.js";
import { readLegacyFlinkConf } from "../../src/config/legacy-reader.js";
import { MAX_CONFIG_CHARS } from "../../src/config/limits.js";
import { resolveTaskManager } from "../../src/resolve.js";
import { MAX_LINE, readLines, runBatch } from "../../cli/batch.js";
import { laughs } from "../../fuzz/generators.js";
import { ROOT } from "../support/golden.js";

function yamlError(text: string): FlinkError {
  try {
    readStandardYaml(text);
  } catch (e) {
    expect(e).toBeInstanceOf(FlinkError);
    expect((e as FlinkError).message).toBe("Error parsing YAML configuration.");
    return (e as FlinkError).cause!;
  }
  throw new Error("expected the YAML reader to fail");
}

const timed = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
};

describe("config.yaml bounds", () => {
  const { maxNestingDepth: D } = YAML_LIMITS;

  it(`nesting: ${D} levels of collections are read, one more is a typed error (flow and block)`, () => {
    // The top-level mapping is the first level.
    const flow = (n: number) => `a: ${"[".repeat(n - 1)}${"]".repeat(n - 1)}\n`;
    expect(readStandardYaml(flow(D))).toHaveLength(1);
    expect(yamlError(flow(D + 1)).message).toMatch(new RegExp(`^collections are nested more than ${D} levels deep .*StackOverflowError.* at line 1, column ${D + 3}$`));
    const block = (n: number) => Array.from({ length: n }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n") + ` v\n`;
    expect(readStandardYaml(block(D))[0]!.key.split(".")).toHaveLength(D);
    expect(yamlError(block(D + 1)).message).toMatch(/^collections are nested more than 1000 levels deep/);
  });

  it("nesting far beyond the limit fails fast and never overflows the stack", () => {
    const [e, ms] = timed(() => yamlError(`a: ${"[".repeat(2_000_000)}\n`));
    expect(e.message).toMatch(/nested more than 1000 levels/);
    expect(ms).toBeLessThan(5000);
    expect(yamlError(`a: ${"{b: ".repeat(100_000)}\n`).message).toMatch(/nested more than 1000 levels/);
  });

  it("nesting built from aliases counts too", () => {
    const deep = "[".repeat(600) + "]".repeat(600);
    const text = `a: &a ${deep}\nb: &b [${"[".repeat(300)}*a${"]".repeat(300)}]\nc: [${"[".repeat(300)}*b${"]".repeat(300)}]\n`;
    expect(yamlError(text).message).toMatch(/nested more than 1000 levels/);
  });

  it(`alias expansion ("billion laughs"): more than ${YAML_LIMITS.maxAliasNodes} nodes brought in by aliases is a typed error`, () => {
    // Eight doublings are read in full: level i flattens to 2^(i+1) entries.
    expect(readStandardYaml(laughs(8))).toHaveLength(2 ** 10 - 2);
    const [e, ms] = timed(() => yamlError(laughs(40)));
    expect(e.message).toMatch(/^aliases expand to more than 10000 nodes \(flink-memory's limit against "billion laughs"/);
    expect(e.location?.line).toBeGreaterThan(1);
    expect(ms).toBeLessThan(2000);
    // snakeyaml's own limit comes first for many small aliases.
    const many = "a: &a [1]\n" + Array.from({ length: 51 }, (_, i) => `b${i}: *a`).join("\n") + "\n";
    expect(yamlError(many).message).toMatch(/^more than 50 aliases to collections/);
  });

  it(`alias expansion of scalars into a list is bounded by ${YAML_LIMITS.maxAliasChars} characters`, () => {
    const big = "x".repeat(1024 * 1024);
    const text = `s: &s ${big}\nl: [${Array.from({ length: 17 }, () => "*s").join(", ")}]\n`;
    expect(yamlError(text).message).toMatch(/^aliases expand to more than 16777216 characters/);
    const fits = `s: &s ${big}\nl: [${Array.from({ length: 3 }, () => "*s").join(", ")}]\n`;
    expect(readStandardYaml(fits)[1]!.value).toEqual({ t: "str", v: `[${[big, big, big].join(", ")}]` });
  });

  it(`flattened keys are bounded by ${YAML_LIMITS.maxFlatKeyChars} characters in total`, () => {
    // Simple keys are at most 1024 characters and nesting at most 1000 levels, but 990 levels of
    // 1000-character keys give each of 100 leaves a key of about a million characters.
    const long = (i: number) => `k${i}${"x".repeat(1000 - String(i).length - 1)}`;
    const leaves = Array.from({ length: 100 }, (_, i) => `l${i}: 1`).join(", ");
    const text = `${Array.from({ length: 990 }, (_, i) => `${long(i)}: {`).join("")}${leaves}${"}".repeat(990)}\n`;
    expect(yamlError(text).message).toMatch(/^the flattened keys are longer than 67108864 characters in total/);
  });

  it(`snakeyaml's code point limit (${YAML_LIMITS.codePointLimit}) applies, as in Flink`, () => {
    const text = `a: 1\nb: ${"x".repeat(YAML_LIMITS.codePointLimit)}\nc: 2\n`;
    expect(yamlError(text).message).toMatch(/^the file exceeds the limit of 3145728 characters/);
  });

  it(`texts over ${MAX_CONFIG_CHARS} characters are refused before parsing, by both readers`, () => {
    const huge = "#".repeat(MAX_CONFIG_CHARS + 1);
    expect(yamlError(huge).message).toBe(`the file is ${MAX_CONFIG_CHARS + 1} characters long; flink-memory reads at most 10485760 (10 Mi) characters`);
    expect(() => readLegacyFlinkConf(huge)).toThrow(FlinkError);
    try {
      readLegacyFlinkConf(huge);
    } catch (e) {
      expect((e as FlinkError).javaClass).toBe(JavaClass.IllegalArgument);
      expect((e as FlinkError).message).toMatch(/^flink-conf\.yaml is 10485761 characters long; flink-memory reads at most 10485760/);
    }
    // Just under the limit is read (the comment-only legacy file has no entries).
    expect(readLegacyFlinkConf("#".repeat(MAX_CONFIG_CHARS)).entries).toEqual([]);
  });

  it("binary input is a typed error naming the character", () => {
    expect(yamlError("a: 1\n\u0000\u0001\u00ff").message).toMatch(/^special character U\+0000 is not allowed in YAML at line 2, column 1$/);
  });
});

describe("framing: BOM, CRLF, CR, no final newline resolve like the clean file", () => {
  const clean = "taskmanager.memory.process.size: 2g\ntaskmanager.memory.managed.fraction: 0.3\n";
  const variants = {
    bom: "\uFEFF" + clean,
    crlf: clean.replace(/\n/g, "\r\n"),
    cr: clean.replace(/\n/g, "\r"),
    "no final newline": clean.trimEnd(),
    "bom + crlf + no final newline": "\uFEFF" + clean.replace(/\n/g, "\r\n").trimEnd(),
  };
  const want = resolveTaskManager({ flink: "2.2", configYaml: clean }).spec;
  for (const [name, text] of Object.entries(variants)) {
    it(name, () => {
      expect(resolveTaskManager({ flink: "2.2", configYaml: text }).spec).toEqual(want);
      expect(resolveTaskManager({ flink: "1.20", flinkConfYaml: text.replace(/^\uFEFF/, "") }).spec).toEqual(resolveTaskManager({ flink: "1.20", flinkConfYaml: clean }).spec);
    });
  }
});

describe("the CLI", () => {
  const dir = mkdtempSync(join(tmpdir(), "flink-memory-bounds-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const bin = join(ROOT, "bin", "flink-memory.js");
  const run = (args: string[], input?: string | Buffer) => spawnSync(process.execPath, [bin, ...args], { input, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  const write = (name: string, data: string | Buffer) => {
    const p = join(dir, name);
    writeFileSync(p, data);
    return p;
  };
  const clean = "taskmanager.memory.process.size: 2g\n";

  it("a file over 10 MiB, a directory and an endless device are refused with exit 2 and no stack trace", () => {
    const big = write("config.yaml", "#" + "x".repeat(10 * 1024 * 1024) + "\n");
    for (const args of [["tm", "--config", big], ["tm", "--config", dir], ["tm", "--config", "/dev/zero"], ["tm", "--config", join(dir, "missing.yaml")]]) {
      const r = run(args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^flink-memory: cannot read|^flink-memory: .* is over 10485760 bytes; files over 10485760 bytes \(10 MiB\) are refused/);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
  });

  it("binary input: a typed error with exit 1, no stack trace", () => {
    const p = write("binary.yaml", Buffer.from([0x61, 0x3a, 0x20, 0x00, 0xff, 0xfe, 0x01, 0x0a]));
    const r = run(["tm", "--config", p]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Error parsing YAML configuration\.\n {2}Caused by: special character U\+0000/);
    expect(r.stderr).not.toMatch(/^\s{4}at /m);
  });

  it("non-UTF-8 is read with U+FFFD and a warning; BOM, CRLF and no final newline resolve like the clean file", () => {
    const cleanPath = write("clean.yaml", clean);
    const want = run(["tm", "--config", cleanPath, "--format", "json"]).stdout;
    // The JSON names the file read (configFiles); apart from that, the same document.
    const asClean = (out: string, path: string) => out.split(path).join(cleanPath);
    for (const [name, data] of [
      ["bom.yaml", "\uFEFF" + clean],
      ["crlf.yaml", clean.replace(/\n/g, "\r\n")],
      ["nofinal.yaml", clean.trimEnd()],
    ] as const) {
      const path = write(name, data);
      const r = run(["tm", "--config", path, "--format", "json"]);
      expect([r.status, asClean(r.stdout, path)]).toEqual([0, want]);
    }
    const latin1 = write("latin1.yaml", Buffer.concat([Buffer.from(clean), Buffer.from("# caf\xe9\n", "latin1")]));
    const r = run(["tm", "--config", latin1, "--format", "json"]);
    expect(r.status).toBe(0);
    expect(asClean(r.stdout, latin1)).toBe(want);
    expect(r.stderr).toMatch(/is not valid UTF-8; invalid bytes are read as U\+FFFD/);
  });

  it("batch: a line over the limit is answered with an error without being kept; BOM, CRLF, CR and no final newline", async () => {
    const ok = JSON.stringify({ id: "ok", flink: "2.2", mode: "tm", input: { dynamic: [["taskmanager.memory.process.size", "2g"]] } });
    const r = run(["batch"], `\uFEFF${ok}\r\n${"x".repeat(MAX_LINE + 1)}\n${ok}\r${ok}`);
    expect(r.status).toBe(0);
    const out = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(["ok", null, "ok", "ok"]);
    expect(out[1].error.message).toBe(`line longer than ${MAX_LINE} characters`);
    // The reader holds at most the limit of one line, whatever arrives.
    async function* endless() {
      for (let i = 0; i < 1000; i++) yield Buffer.alloc(64 * 1024, 0x61);
      yield Buffer.from("\n{}\n");
    }
    const lines = [];
    for await (const l of readLines(endless(), 1024 * 1024)) lines.push(l);
    expect(lines.map((l) => [l.tooLong, l.text])).toEqual([[true, ""], [false, "{}"]]);
    // Non-UTF-8 bytes become U+FFFD; an answer never quotes the line.
    let text = "";
    await runBatch(Readable.from([Buffer.from([0x7b, 0xff, 0x7d, 0x0a])]), { write: (s: string) => ((text += s), true) } as unknown as NodeJS.WritableStream);
    expect(JSON.parse(text).error.message).toBe("not a JSON line: invalid JSON at position 1");
  });
});
