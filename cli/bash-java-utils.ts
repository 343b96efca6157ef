/**
 * `flink-memory bash-java-utils COMMAND --configDir DIR [-D key=value ...]`: a drop-in for
 * Flink's `BashJavaUtils` as `bin/taskmanager.sh` and `bin/jobmanager.sh` call it. Prints the
 * same `BASH_JAVA_UTILS_EXEC_RESULT:` lines; fails with a non-zero exit and the exception on stderr.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { resolveJobManager, resolveTaskManager, BASH_JAVA_UTILS_PREFIX } from "../src/resolve.js";
import { FlinkError } from "../src/errors.js";
import { flinkVersion, NEWEST_LINE, type FlinkVersion } from "../src/versions/version.js";
import { has } from "../src/versions/features.js";
import type { ConfigInput } from "../src/config/load.js";
import { MAX_CONFIG_BYTES } from "./inputs.js";

export interface BashJavaUtilsRun {
  stdout: string[];
  stderr: string[];
  exitCode: number;
}

/** Flink's BashJavaUtils commands per version. */
function commandsFor(v: FlinkVersion): string[] {
  return has(v, "bashJavaUtilsResourceParams")
    ? ["GET_TM_RESOURCE_PARAMS", "GET_JM_RESOURCE_PARAMS"]
    : ["GET_TM_RESOURCE_JVM_PARAMS", "GET_TM_RESOURCE_DYNAMIC_CONFIGS"];
}

function bashJavaUtilsClass(v: FlinkVersion): string {
  return has(v, "bashJavaUtilsResourceParams") ? "org.apache.flink.runtime.util.bash.BashJavaUtils" : "org.apache.flink.runtime.util.BashJavaUtils";
}

/** Arguments as Flink's `FlinkConfigLoader` filters them: `--configDir`/`-c DIR`, `-Dk=v`, `-D k=v`. */
export function parseBashJavaUtilsArgs(args: string[]): { configDir?: string; dynamic: [string, string][]; flink?: string } {
  const dynamic: [string, string][] = [];
  let configDir: string | undefined;
  let flink: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--configDir" || a === "-c") configDir = args[++i];
    else if (a === "--flink") flink = args[++i];
    else if (a.startsWith("--flink=")) flink = a.slice(8);
    else if (a === "-D" || a.startsWith("-D")) {
      const kv = a === "-D" ? args[++i] ?? "" : a.slice(2);
      const eq = kv.indexOf("=");
      if (eq > 0) dynamic.push([kv.slice(0, eq), kv.slice(eq + 1)]);
    }
  }
  return { ...(configDir !== undefined ? { configDir } : {}), dynamic, ...(flink ? { flink } : {}) };
}

function readConfDir(dir: string): ConfigInput {
  const input: ConfigInput = {};
  for (const [name, field] of [["config.yaml", "configYaml"], ["flink-conf.yaml", "flinkConfYaml"]] as const) {
    const p = join(dir, name);
    if (!existsSync(p)) continue;
    if (statSync(p).size > MAX_CONFIG_BYTES) throw new Error(`${p} is larger than ${MAX_CONFIG_BYTES} bytes`);
    const text = readFileSync(p, "utf8");
    input[field] = text.startsWith("\uFEFF") ? text.slice(1) : text;
  }
  return input;
}

export function runBashJavaUtils(argv: string[], defaultFlink = NEWEST_LINE): BashJavaUtilsRun {
  const [command, ...rest] = argv;
  const args = parseBashJavaUtilsArgs(rest);
  let version: FlinkVersion;
  try {
    version = flinkVersion(args.flink ?? defaultFlink);
  } catch (e) {
    // Our own option (--flink), not Flink's: a usage error.
    if (e instanceof FlinkError) return { stdout: [], stderr: [`flink-memory: ${e.message}`], exitCode: 2 };
    throw e;
  }
  const cls = bashJavaUtilsClass(version);
  const fail = (javaClass: string, message: string, causes: string[] = []): BashJavaUtilsRun => ({
    stdout: [],
    stderr: [`Exception in thread "main" ${javaClass}: ${message}`, ...causes.map((c) => `Caused by: ${c}`)],
    exitCode: 1,
  });
  if (!command) return fail("java.lang.IllegalArgumentException", "Command not specified.");
  if (!commandsFor(version).includes(command)) return fail("java.lang.IllegalArgumentException", `No enum constant ${cls}.Command.${command}`);
  if (args.configDir === undefined) return fail("org.apache.flink.runtime.entrypoint.FlinkParseException", "Failed to parse the command line arguments.");
  if (!existsSync(args.configDir)) {
    return fail("org.apache.flink.configuration.IllegalConfigurationException", `The given configuration directory name '${args.configDir}' does not describe an existing directory.`);
  }
  try {
    const req = { ...readConfDir(args.configDir), dynamic: args.dynamic, flink: version.label };
    const tm = command.startsWith("GET_TM");
    const result = tm ? resolveTaskManager(req) : resolveJobManager(req);
    let lines: string[];
    if (command === "GET_TM_RESOURCE_JVM_PARAMS") lines = [BASH_JAVA_UTILS_PREFIX + result.jvmParameters];
    else if (command === "GET_TM_RESOURCE_DYNAMIC_CONFIGS") lines = [BASH_JAVA_UTILS_PREFIX + result.dynamicConfigs];
    else lines = result.bashJavaUtils;
    return { stdout: lines, stderr: [], exitCode: 0 };
  } catch (e) {
    if (e instanceof FlinkError) return fail(e.javaClass, e.message, e.causes);
    if (e instanceof Error) return fail("java.lang.RuntimeException", e.message);
    throw e;
  }
}
