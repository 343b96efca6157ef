// The package as `npm pack` makes it: what it ships, that its source maps resolve inside it,
// and that the installed command and library work from a project that is not this checkout.
// Packs the built tree (`npm test` builds first) with --ignore-scripts: the `prepare` build
// itself is exercised by every `npm install`, `npm pack` and git install.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/golden.js";

interface PackedFile {
  path: string;
  size: number;
}

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  version: string;
  license: string;
  bin: Record<string, string>;
  main: string;
  types: string;
  files: string[];
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

let temp = "";
let files: Set<string>;
/** The installed package: `<project>/node_modules/flink-memory`. */
let installed = "";
let project = "";

beforeAll(() => {
  temp = mkdtempSync(join(tmpdir(), "fm-pack-"));
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const packed = spawnSync(npm, ["pack", "--ignore-scripts", "--json", "--pack-destination", temp], { cwd: ROOT, encoding: "utf8" });
  if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  const [info] = JSON.parse(packed.stdout) as [{ filename: string; files: PackedFile[] }];
  files = new Set(info.files.map((f) => f.path));
  // Installed as npm lays it out: the tarball unpacked under node_modules, its dependencies beside it.
  project = join(temp, "project");
  installed = join(project, "node_modules", "flink-memory");
  mkdirSync(installed, { recursive: true });
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  const untar = spawnSync("tar", ["-xzf", join(temp, info.filename), "-C", installed, "--strip-components=1"], { encoding: "utf8" });
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
  for (const dep of Object.keys(pkg.dependencies)) symlinkSync(join(ROOT, "node_modules", dep), join(project, "node_modules", dep), "dir");
}, 60_000);

afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

const runInstalled = (args: string[]) =>
  spawnSync(process.execPath, [join(installed, pkg.bin["flink-memory"]!), ...args], { cwd: project, encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });

describe("npm pack", () => {
  it("ships the full Apache-2.0 LICENSE the package declares", () => {
    expect(pkg.license).toBe("Apache-2.0");
    expect(files.has("LICENSE")).toBe(true);
    const text = readFileSync(join(installed, "LICENSE"), "utf8");
    expect(text).toContain("Apache License\n                           Version 2.0, January 2004");
    // All nine sections and the end of the terms: the full text, not a notice.
    for (let s = 1; s <= 9; s++) expect(text).toMatch(new RegExp(`\\n\\s+${s}\\. [A-Z]`));
    expect(text).toContain("END OF TERMS AND CONDITIONS");
  });

  it("ships what package.json points at: bin, main, types, the bundled CLI", () => {
    for (const p of [...Object.values(pkg.bin), pkg.main, pkg.types, "bin/load-cli.js", "bin/package.json", "dist/bundle/cli.cjs"]) {
      expect(files, p).toContain(p.replace(/^\.\//, ""));
    }
  });

  it("ships only the package's own files: no tests, web page, fuzzers or scratch", () => {
    expect([...files].filter((f) => f.startsWith("schemas/")).length).toBeGreaterThan(0);
    const allowed = /^(LICENSE|README\.md|package\.json|bin\/[^/]+|dist\/(src|bundle)\/.+|src\/.+\.ts|schemas\/flink-\d+\.\d+-(config|flinkdeployment)\.json)$/;
    expect([...files].filter((f) => !allowed.test(f))).toEqual([]);
  });

  it("every source map resolves to sources in the package, and every map a script names is there", () => {
    const maps = [...files].filter((f) => f.endsWith(".map"));
    const missing: string[] = [];
    for (const m of maps) {
      const map = JSON.parse(readFileSync(join(installed, m), "utf8")) as { sources: string[]; sourceRoot?: string };
      for (const s of map.sources) {
        const p = posix.normalize(posix.join(posix.dirname(m), map.sourceRoot ?? "", s));
        if (!files.has(p)) missing.push(`${m} → ${p}`);
      }
    }
    for (const f of [...files].filter((x) => /\.(c|m)?js$/.test(x))) {
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(installed, f), "utf8"))?.[1];
      if (url && !url.startsWith("data:")) {
        const p = posix.normalize(posix.join(posix.dirname(f), url));
        if (!files.has(p)) missing.push(`${f} → ${p}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("a git install or `npm pack` from a fresh clone builds what it ships (prepare runs the build)", () => {
    // npm runs only `prepare` (with devDependencies installed) for git dependencies and local directories.
    expect(pkg.scripts.prepare).toMatch(/\bnpm run build\b/);
    // The build starts from a clean dist, so no stale file is packed.
    expect(pkg.scripts.build).toMatch(/^node scripts\/clean-dist\.mjs && /);
  });
});

describe("the installed package", () => {
  it("--version prints the package's version", () => {
    const r = runInstalled(["--version"]);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe(pkg.version);
    expect(r.status).toBe(0);
  });

  it("resolves a real TaskManager outside the checkout", () => {
    const flags = runInstalled(["tm", "-D", "taskmanager.memory.process.size=4g", "--format", "flags"]);
    expect(flags.stdout).toBe("-Xmx1664299798 -Xms1664299798 -XX:MaxDirectMemorySize=493921243 -XX:MaxMetaspaceSize=268435456\n");
    expect(flags.status).toBe(0);
    const conf = join(project, "config.yaml");
    writeFileSync(conf, readFileSync(join(ROOT, "examples", "config.yaml")));
    const table = runInstalled(["tm", "--config", conf]);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/Total Process Memory\s+4294967296\s+4 GiB/);
  });

  it("an invalid configuration exits 1 and a usage error 2, without a stack trace", () => {
    const bad = runInstalled(["jm", "-D", "jobmanager.memory.process.size=500m"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const usage = runInstalled(["tm", "--flink", "3.0"]);
    expect(usage.status).toBe(2);
    expect(usage.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("the library imports by package name with its types", () => {
    expect(existsSync(join(installed, pkg.types))).toBe(true);
    const script = `import { resolveTaskManager } from "flink-memory";
const r = resolveTaskManager({ flink: "2.0", configYaml: "taskmanager.memory.process.size: 4g\\n" });
process.stdout.write(String(r.spec.managed));`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: project, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("1438814063");
  });
});
