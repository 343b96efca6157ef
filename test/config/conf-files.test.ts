// Which config file each release reads: Flink's GlobalConfiguration.loadConfiguration per release
// (release-1.10.0 … 1.18: flink-conf.yaml only; release-1.19 / release-1.20.0: flink-conf.yaml when
// present, else config.yaml; 2.x (master): config.yaml only), stated here from the release numbers.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chooseConfFiles, confFileNotices, confFilesLookedFor, nameKind, type ConfFile } from "../../src/config/conf-files.js";
import { inputForRelease, loadConfiguration } from "../../src/config/load.js";
import { resolveJobManager, resolveTaskManager } from "../../src/resolve.js";
import { suggestFixes } from "../../src/fix/fix-its.js";
import { flinkVersion, SUPPORTED_LINES } from "../../src/versions/version.js";
import { ROOT } from "../support/golden.js";

const REAL = join(ROOT, "test", "data", "conf-files");
const real = (p: string) => readFileSync(join(REAL, p), "utf8");

type Generation = "legacy-only" | "both" | "standard-only";
/** From the release number alone, independently of the feature declarations. */
function generation(line: string): Generation {
  const [major, minor] = line.split(".").map(Number) as [number, number];
  if (major >= 2) return "standard-only";
  return minor >= 19 ? "both" : "legacy-only";
}

const LEGACY: ConfFile = { name: "conf/flink-conf.yaml", text: "taskmanager.memory.process.size: 2g\n" };
const STANDARD: ConfFile = { name: "conf/config.yaml", text: "taskmanager:\n  memory:\n    process:\n      size: 3g\n" };

describe("which file each release reads (every supported line)", () => {
  for (const line of SUPPORTED_LINES) {
    const v = flinkVersion(line);
    const gen = generation(line);
    it(`${line} (${gen})`, () => {
      const both = chooseConfFiles(v, [STANDARD, LEGACY]);
      const onlyStandard = chooseConfFiles(v, [STANDARD]);
      const onlyLegacy = chooseConfFiles(v, [LEGACY]);
      if (gen === "legacy-only") {
        expect(confFilesLookedFor(v)).toEqual(["flink-conf.yaml"]);
        expect(both.read?.name).toBe("conf/flink-conf.yaml");
        expect(both.ignored).toEqual([expect.objectContaining({ name: "conf/config.yaml", as: "config.yaml", reason: "not-read" })]);
        expect(onlyStandard.read).toBeUndefined();
        expect(onlyLegacy.read?.format).toBe("legacy");
      } else if (gen === "both") {
        expect(confFilesLookedFor(v)).toEqual(["flink-conf.yaml", "config.yaml"]);
        expect(both.read?.name).toBe("conf/flink-conf.yaml");
        expect(both.ignored).toEqual([expect.objectContaining({ name: "conf/config.yaml", reason: "shadowed" })]);
        expect(onlyStandard.read?.format).toBe("standard");
        expect(onlyLegacy.read?.format).toBe("legacy");
      } else {
        expect(confFilesLookedFor(v)).toEqual(["config.yaml"]);
        expect(both.read?.name).toBe("conf/config.yaml");
        expect(both.ignored).toEqual([expect.objectContaining({ name: "conf/flink-conf.yaml", as: "flink-conf.yaml", reason: "not-read" })]);
        expect(onlyLegacy.read).toBeUndefined();
        expect(onlyStandard.read?.format).toBe("standard");
      }
    });
  }

  it("every file given is either read or ignored, exactly once, whatever the names and order", () => {
    const names = ["flink-conf.yaml", "config.yaml", "prod.yaml", "a/b/config.yaml", "x_flink-conf.yaml", "<stdin>", "flink-conf-prod.yml", "app-config.yaml"];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let round = 0; round < 300; round++) {
      const files = names.filter(() => next() % 2 === 0).map((name) => ({ name, text: "" }));
      for (const line of SUPPORTED_LINES) {
        const c = chooseConfFiles(flinkVersion(line), files);
        const seen = [...(c.read ? [c.read.name] : []), ...c.ignored.map((i) => i.name)].sort();
        expect(seen).toEqual(files.map((f) => f.name).sort());
        if (c.read) expect(c.looksFor).toContain(c.read.as);
      }
    }
  });
});

describe("files under other names", () => {
  it("a name ending in flink-conf.yaml or config.yaml after a separator is taken for that file", () => {
    expect(nameKind("/x/flink-conf.yaml")).toEqual({ as: "flink-conf.yaml", exact: true });
    expect(nameKind("C:\\conf\\config.yaml")).toEqual({ as: "config.yaml", exact: true });
    expect(nameKind("flink-1.16-branch__flink-dist_flink-conf.yaml")).toEqual({ as: "flink-conf.yaml", exact: false });
    expect(nameKind("flink-conf-prod.yaml")).toEqual({ as: "flink-conf.yaml", exact: false });
    expect(nameKind("flink-1.20.0__flink-dist_config.yaml")).toEqual({ as: "config.yaml", exact: false });
    expect(nameKind("prod.yaml")).toBeUndefined();
    expect(nameKind("myconfig.yaml")).toBeUndefined();
    expect(nameKind("<stdin>")).toBeUndefined();
  });

  it("prod.yaml is read as the file the release reads, with a note; 1.19/1.20 take it for config.yaml", () => {
    const f = [{ name: "prod.yaml", text: "" }];
    const old = chooseConfFiles(flinkVersion("1.16"), f);
    expect(old.read).toMatchObject({ name: "prod.yaml", as: "flink-conf.yaml", format: "legacy", assumed: true });
    expect(old.notes[0]).toContain("prod.yaml is read as flink-conf.yaml");
    const mid = chooseConfFiles(flinkVersion("1.20"), f);
    expect(mid.read).toMatchObject({ as: "config.yaml", format: "standard", assumed: true });
    expect(mid.notes[0]).toContain("named flink-conf.yaml, Flink 1.20 would read it with the legacy line parser");
    expect(chooseConfFiles(flinkVersion("2.2"), f).read).toMatchObject({ as: "config.yaml", assumed: true });
  });

  it("a file whose name says nothing but holds nested YAML is taken for a config.yaml (1.16 ignores it)", () => {
    const nested = { name: "<stdin>", text: real("maliangbin_py-flink-docker/config.yaml") };
    const old = chooseConfFiles(flinkVersion("1.16"), [nested]);
    expect(old.read).toBeUndefined();
    expect(old.ignored[0]).toMatchObject({ name: "<stdin>", as: "config.yaml", reason: "not-read" });
    expect(old.notes[0]).toContain("<stdin> is taken for a config.yaml: it holds nested YAML");
    expect(chooseConfFiles(flinkVersion("1.20"), [nested]).read).toMatchObject({ as: "config.yaml", format: "standard", assumed: true });
    // Flat files (either format) and commented-out nesting say nothing: read as the release's file.
    for (const flat of ["tekdogan_cebench/config.yaml", "flink-1.16/flink-conf.yaml", "flink-1.10.0/flink-conf.yaml"]) {
      expect(chooseConfFiles(flinkVersion("1.16"), [{ name: "<stdin>", text: real(flat) }]).read?.as, flat).toBe("flink-conf.yaml");
    }
    expect(chooseConfFiles(flinkVersion("1.16"), [{ name: "p.yaml", text: "#a:\n#  b: 1\nkey: v\n" }]).read?.as).toBe("flink-conf.yaml");
    // Linear in the text: a long run of key-only lines and blank lines is quick.
    const t = Date.now();
    chooseConfFiles(flinkVersion("1.16"), [{ name: "p.yaml", text: "a:\n\n".repeat(200_000) }]);
    expect(Date.now() - t).toBeLessThan(2000);
  });

  it("a second file in the same role is ignored as a duplicate", () => {
    const c = chooseConfFiles(flinkVersion("2.2"), [{ name: "a/config.yaml", text: "" }, { name: "prod.yaml", text: "" }]);
    expect(c.read?.name).toBe("a/config.yaml");
    expect(c.ignored).toEqual([expect.objectContaining({ name: "prod.yaml", reason: "duplicate" })]);
  });

  it("notices: the ignored file, then that nothing was read; never a value from the file", () => {
    const secret = { name: "conf/flink-conf.yaml", text: "s3.secret-key: hunter2\ntaskmanager.memory.process.size: 2g\n" };
    const n = confFileNotices(chooseConfFiles(flinkVersion("2.2"), [secret]));
    expect(n.map((x) => x.message)).toEqual([
      "Flink 2.2 reads only config.yaml and ignores conf/flink-conf.yaml: migrate it to config.yaml (standard YAML; Flink 1.19/1.20 ship bin/migrate-config-file.sh)",
      "Flink 2.2 reads no file here: it resolves as if no configuration file were given",
    ]);
    expect(JSON.stringify(n)).not.toContain("hunter2");
  });
});

describe("ConfigInput.files: the library reads per release too", () => {
  const shipped116 = { name: "flink-1.16/flink-conf.yaml", text: real("flink-1.16/flink-conf.yaml") };
  const shipped220 = { name: "flink-2.2.1/config.yaml", text: real("flink-2.2.1-rc2/config.yaml") };

  it("Flink 1.16's shipped flink-conf.yaml: 1.16 resolves it; 2.2 ignores it (as if no file)", () => {
    const tm = resolveTaskManager({ flink: "1.16", files: [shipped116] });
    expect(tm.spec.totalProcess).toBe(1728n * 1024n ** 2n);
    expect(tm.loaded.files.read?.name).toBe("flink-1.16/flink-conf.yaml");
    expect(resolveJobManager({ flink: "1.16", files: [shipped116] }).spec.totalProcess).toBe(1600n * 1024n ** 2n);
    expect(() => resolveTaskManager({ flink: "2.2", files: [shipped116] })).toThrow(/need to be configured explicitly/);
    const loaded = loadConfiguration({ files: [shipped116] }, flinkVersion("2.2"));
    expect(loaded.file).toBe("none");
    expect(loaded.files.ignored[0]).toMatchObject({ name: "flink-1.16/flink-conf.yaml", reason: "not-read" });
  });

  it("with both shipped files, each release picks its own", () => {
    const files = [shipped220, shipped116];
    expect(loadConfiguration({ files }, flinkVersion("1.16")).files.read?.name).toBe("flink-1.16/flink-conf.yaml");
    expect(loadConfiguration({ files }, flinkVersion("1.20")).files.read?.name).toBe("flink-1.16/flink-conf.yaml");
    expect(loadConfiguration({ files }, flinkVersion("2.2")).files.read?.name).toBe("flink-2.2.1/config.yaml");
  });

  it("locations name the real file", () => {
    const bad = { name: "/etc/flink/prod-flink-conf.yaml", text: "taskmanager.memory.process.size: 2x\n" };
    try {
      resolveTaskManager({ flink: "1.16", files: [bad] });
      expect.unreachable();
    } catch (e) {
      expect((e as { rootLocation?: { source: string } }).rootLocation?.source).toBe("/etc/flink/prod-flink-conf.yaml");
    }
  });

  it("configYaml/flinkConfYaml keep their meaning; inputForRelease keeps only the file read", () => {
    const r = inputForRelease({ configYaml: "a: 1\n", flinkConfYaml: "b: 2\n", dynamic: [["k", "v"]] }, flinkVersion("1.20"));
    expect(r.input).toEqual({ flinkConfYaml: "b: 2\n", flinkConfYamlName: "flink-conf.yaml", dynamic: [["k", "v"]] });
    expect(r.files.ignored.map((i) => i.as)).toEqual(["config.yaml"]);
  });

  it("fixes for files by name edit the file the release reads", () => {
    const file = { name: "prod/flink-conf.yaml", text: "jobmanager.memory.process.size: 500m\n" };
    const fixes = suggestFixes("jm", { flink: "1.16", files: [file] });
    expect(fixes.length).toBeGreaterThan(0);
    for (const f of fixes) expect(f.result.summary).toMatch(/^resolves/);
  });
});
