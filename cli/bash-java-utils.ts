/**
 * `flink-memory bash-java-utils COMMAND --configDir DIR [-D key=value ...]`: a drop-in for
 * Flink's `BashJavaUtils` as `bin/taskmanager.sh` and `bin/jobmanager.sh` call it. Prints the
 * same `BASH_JAVA_UTILS_EXEC_RESULT:` lines; fails with a non-zero exit and the exception on stderr.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { resolveJobManager, resolveTaskManager, BASH_JAVA_UTILS_PREFIX } from "../src/resolve.js";
import { FlinkError, JavaClass } from "../src/errors.js";
import { chooseConfigFile } from "../src/config/load.js";
import { parseFlinkArgs } from "./bash-java-utils-args.js";
import { flinkVersion, NEWEST_LINE, type FlinkVersion } from "../src/versions/version.js";
import { has } from "../src/versions/features.js";
import type { ConfigInput } from "../src/config/load.js";
import { MAX_CONFIG_BYTES } from "./inputs.js";
import { migrateLegacyToStandardLines } from "../src/migrate/legacy-to-standard.js";
import { javaDecodeUtf8 } from "../src/java/utf8.js";

/** Without `--flink`, the migration runs as Flink 1.20's. */
const MIGRATE_DEFAULT_FLINK = "1.20";

export interface BashJavaUtilsRun {
  stdout: string[];
  stderr: string[];
  exitCode: number;
}

export const MIGRATE = "MIGRATE_LEGACY_FLINK_CONFIGURATION_TO_STANDARD_YAML";

/** Flink's BashJavaUtils commands per version. */
function commandsFor(v: FlinkVersion): string[] {
  const resources = has(v, "bashJavaUtilsResourceParams")
    ? ["GET_TM_RESOURCE_PARAMS", "GET_JM_RESOURCE_PARAMS"]
    : ["GET_TM_RESOURCE_JVM_PARAMS", "GET_TM_RESOURCE_DYNAMIC_CONFIGS"];
  return has(v, "migrateLegacyConfigCommand") ? [...resources, MIGRATE] : resources;
}

function bashJavaUtilsClass(v: FlinkVersion): string {
  return has(v, "bashJavaUtilsResourceParams") ? "org.apache.flink.runtime.util.bash.BashJavaUtils" : "org.apache.flink.runtime.util.BashJavaUtils";
}

/**
 * Our own `--flink V` and `--jdk N` (not Flink's) taken out; the rest as Flink reads it (see
 * bash-java-utils-args.ts). `--jdk` (the JVM major version Flink runs on) only changes the
 * migration's line order.
 */
export function parseBashJavaUtilsArgs(args: string[]): { flink?: string; jdk?: string; rest: string[] } {
  const rest: string[] = [];
  let flink: string | undefined;
  let jdk: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--flink") flink = args[++i];
    else if (a.startsWith("--flink=")) flink = a.slice(8);
    else if (a === "--jdk") jdk = args[++i] ?? "";
    else if (a.startsWith("--jdk=")) jdk = a.slice(6);
    else rest.push(a);
  }
  return { ...(flink !== undefined ? { flink } : {}), ...(jdk !== undefined ? { jdk } : {}), rest };
}

/** Java releases Flink 1.19/1.20 can run on: 8 and up. */
const JDK_RULE = /^(?:[89]|[1-9][0-9])$/;

/** `java.io.File`'s path: repeated and trailing separators dropped. */
const javaPath = (p: string) => (p.replace(/\/+/g, "/").replace(/(.)\/$/, "$1"));
/** `File.getAbsolutePath` (no further normalisation: `./x` stays). */
const absolute = (p: string) => (p.startsWith("/") ? p : p === "" ? process.cwd() : `${process.cwd()}/${p}`);

/** The conf dir's files as the release's `GlobalConfiguration` reads them, or Flink's failure. */
function readConfDir(dir: string, version: FlinkVersion): ConfigInput | { javaClass: string; message: string } {
  if (!existsSync(dir)) {
    return { javaClass: JavaClass.IllegalConfiguration, message: `The given configuration directory name '${dir}' (${absolute(javaPath(dir))}) does not describe an existing directory.` };
  }
  const input: ConfigInput = {};
  for (const [name, field] of [["config.yaml", "configYaml"], ["flink-conf.yaml", "flinkConfYaml"]] as const) {
    const p = join(dir, name);
    if (!existsSync(p) || !statSync(p).isFile()) continue;
    if (statSync(p).size > MAX_CONFIG_BYTES) throw new Error(`${p} is larger than ${MAX_CONFIG_BYTES} bytes`);
    const text = readFileSync(p, "utf8");
    // snakeyaml drops a byte order mark; the legacy line reader keeps it in the first key.
    input[field] = field === "configYaml" && text.startsWith("\uFEFF") ? text.slice(1) : text;
  }
  if (chooseConfigFile(version, { configYaml: input.configYaml !== undefined, flinkConfYaml: input.flinkConfYaml !== undefined }) === "none") {
    const file = `${javaPath(dir)}/${has(version, "standardYamlFile") ? "config.yaml" : "flink-conf.yaml"}`;
    // FLINK-21754 (1.13): the message shows the file's absolute path; before, the directory's.
    const shown = has(version, "configFileMessageNamesFile") ? absolute(file) : absolute(javaPath(dir));
    return { javaClass: JavaClass.IllegalConfiguration, message: `The Flink config file '${file}' (${shown}) does not exist.` };
  }
  return input;
}

export function runBashJavaUtils(argv: string[], defaultFlink = NEWEST_LINE): BashJavaUtilsRun {
  const [command, ...after] = argv;
  const args = parseBashJavaUtilsArgs(after);
  let version: FlinkVersion;
  try {
    // The migration is a 1.x tool (2.x reads no flink-conf.yaml): it defaults to the last 1.x line.
    version = flinkVersion(args.flink ?? (command === MIGRATE ? MIGRATE_DEFAULT_FLINK : defaultFlink));
  } catch (e) {
    // Our own option (--flink), not Flink's: a usage error.
    if (e instanceof FlinkError) return { stdout: [], stderr: [`flink-memory: ${e.message}`], exitCode: 2 };
    throw e;
  }
  if (args.jdk !== undefined && !JDK_RULE.test(args.jdk)) {
    return { stdout: [], stderr: ["flink-memory: option '--jdk <major>' argument is invalid. Expected a Java major version from 8 to 99, such as 17."], exitCode: 2 };
  }
  const cls = bashJavaUtilsClass(version);
  const fail = (javaClass: string, message: string, causes: string[] = []): BashJavaUtilsRun => ({
    stdout: [],
    stderr: [`Exception in thread "main" ${javaClass}: ${message}`, ...causes.map((c) => `Caused by: ${c}`)],
    exitCode: 1,
  });
  const causesOf = (e: FlinkError) => {
    const out: string[] = [];
    for (let c = e.cause; c; c = c.cause) out.push(c.noJavaMessage ? c.javaClass : `${c.javaClass}: ${c.message}`);
    return out;
  };
  if (!command) return fail("java.lang.IllegalArgumentException", "Command not specified.");
  if (command === MIGRATE && !has(version, "legacyFlinkConfFile")) {
    return { stdout: [], stderr: [`flink-memory: ${MIGRATE} is modelled for Flink 1.19 and 1.20 only (${version.label} reads no flink-conf.yaml)`], exitCode: 2 };
  }
  if (!commandsFor(version).includes(command)) return fail("java.lang.IllegalArgumentException", `No enum constant ${cls}.Command.${command}`);
  const parsed = parseFlinkArgs(args.rest);
  if (!parsed.ok) return fail("org.apache.flink.runtime.entrypoint.FlinkParseException", "Failed to parse the command line arguments.", [`${parsed.cause.javaClass}: ${parsed.cause.message}`]);
  if (command === MIGRATE) return runMigration(parsed.configDir, Number(args.jdk ?? 17), fail);
  try {
    const files = readConfDir(parsed.configDir, version);
    if ("javaClass" in files) return fail(files.javaClass, files.message);
    const req = { ...files, dynamic: parsed.dynamic, flink: version.label };
    const tm = command.startsWith("GET_TM");
    const result = tm ? resolveTaskManager(req) : resolveJobManager(req);
    let lines: string[];
    if (command === "GET_TM_RESOURCE_JVM_PARAMS") lines = [BASH_JAVA_UTILS_PREFIX + result.jvmParameters];
    else if (command === "GET_TM_RESOURCE_DYNAMIC_CONFIGS") lines = [BASH_JAVA_UTILS_PREFIX + result.dynamicConfigs];
    else lines = result.bashJavaUtils;
    return { stdout: lines, stderr: [], exitCode: 0 };
  } catch (e) {
    if (e instanceof FlinkError) return e.noJavaMessage ? { stdout: [], stderr: [`Exception in thread "main" ${e.javaClass}`, ...causesOf(e).map((c) => `Caused by: ${c}`)], exitCode: 1 } : fail(e.javaClass, e.message, causesOf(e));
    if (e instanceof Error) return fail("java.lang.RuntimeException", e.message);
    throw e;
  }
}

/**
 * `ConfigurationParserUtils.migrateLegacyConfigurationToStandardYaml`: `flink-conf.yaml` must exist
 * in the directory (a bare `checkState`), is read by the legacy reader (`-D` properties are
 * ignored) and dumped as standard YAML. Our messages name paths, never values.
 */
function runMigration(dir: string, jdk: number, fail: (javaClass: string, message: string, causes?: string[]) => BashJavaUtilsRun): BashJavaUtilsRun {
  const file = join(dir, "flink-conf.yaml");
  if (!existsSync(file)) return { stdout: [], stderr: [`Exception in thread "main" ${JavaClass.IllegalState}`], exitCode: 1 };
  if (statSync(file).isDirectory()) {
    const shown = `${javaPath(dir).replace(/\/$/, "")}/flink-conf.yaml`;
    return fail(JavaClass.Runtime, "Error parsing YAML configuration.", [`java.io.FileNotFoundException: ${shown} (Is a directory)`]);
  }
  if (statSync(file).size > MAX_CONFIG_BYTES) throw new Error(`${file} is larger than ${MAX_CONFIG_BYTES} bytes`);
  try {
    // Decoded as Java's reader decodes (invalid bytes alike); a byte order mark stays in the first key.
    const lines = migrateLegacyToStandardLines(javaDecodeUtf8(readFileSync(file)), { jdk });
    return { stdout: lines.map((l) => BASH_JAVA_UTILS_PREFIX + l), stderr: [], exitCode: 0 };
  } catch (e) {
    if (e instanceof FlinkError) return fail(e.javaClass, e.message);
    throw e;
  }
}
