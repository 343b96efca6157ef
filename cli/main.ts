/**
 * The command line. Each command lives in its own module and is loaded only when used,
 * so `--format flags` starts fast.
 */
import { Command, CommanderError } from "commander";

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  program
    .name("flink-memory")
    .description("Compute, check and explain Apache Flink TaskManager and JobManager memory, exactly as Flink does.")
    .version(await packageVersion(), "-V, --version")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  let exitCode = 0;
  program
    .command("batch")
    .description("Read golden-format cases as JSON Lines on stdin, write one JSON answer per line to stdout.")
    .option("--flink <version>", "default Flink version for cases without one")
    .addHelpText("after", `\nExample:\n  echo '{"id":1,"flink":"2.0","mode":"tm","input":{"dynamic":[["taskmanager.memory.process.size","4g"]]}}' | flink-memory batch\n`)
    .action(async () => {
      const { runBatch } = await import("./batch.js");
      await runBatch(process.stdin, process.stdout);
    });

  for (const kind of ["tm", "jm", "local"] as const) {
    program
      .command(kind)
      .description(
        kind === "tm" ? "Resolve a TaskManager's memory." : kind === "jm" ? "Resolve a JobManager's memory." : "What a local (MiniCluster) run gets.",
      )
      .option("--config <file>", "a config.yaml or flink-conf.yaml file")
      .option("--config-dir <dir>", "a Flink conf directory (default: $FLINK_CONF_DIR, else ./conf)")
      .option("-D, --dynamic <key=value...>", "dynamic property, as -Dkey=value or -D key=value", collect, [])
      .option("--flink <version>", "Flink version (default: the newest supported)")
      .option("--format <format>", "text | json | yaml | flags", "text")
      .addHelpText(
        "after",
        kind === "local"
          ? "\nExamples:\n  flink-memory local -D taskmanager.memory.managed.size=512m\n  flink-memory local --config conf/config.yaml --format json\n"
          : `\nExamples:\n  flink-memory ${kind} --config-dir $FLINK_HOME/conf\n  flink-memory ${kind} -D ${kind === "tm" ? "taskmanager" : "jobmanager"}.memory.process.size=4g --flink 1.20\n  JVM_ARGS="$(flink-memory ${kind} --config conf/config.yaml --format flags)"\n\nExit status: 0 resolved, 1 invalid configuration (Flink's message on stderr), 2 usage error.\n`,
      )
      .action(async (opts) => {
        const { runResolve } = await import("./resolve-command.js");
        exitCode = await runResolve(kind, opts);
      });
  }

  program
    .command("explain")
    .description("Explain the derivation step by step: the path taken, each default, fraction, cap and rest, and the failing step.")
    .argument("<process>", "tm | jm")
    .option("--config <file>", "a config.yaml or flink-conf.yaml file")
    .option("--config-dir <dir>", "a Flink conf directory (default: $FLINK_CONF_DIR, else ./conf)")
    .option("-D, --dynamic <key=value...>", "dynamic property, as -Dkey=value or -D key=value", collect, [])
    .option("--flink <version>", "Flink version (default: the newest supported)")
    .addHelpText("after", "\nExamples:\n  flink-memory explain tm -D taskmanager.memory.process.size=1728m\n  flink-memory explain jm --config-dir conf --flink 1.20\n")
    .action(async (process_: string, opts) => {
      const { runExplain } = await import("./resolve-command.js");
      exitCode = await runExplain(process_, opts);
    });

  program
    .command("options")
    .description("Every memory option of a Flink version: key, default, deprecated keys, description.")
    .option("--flink <version>", "Flink version (default: the newest supported)")
    .option("--format <format>", "text | json", "text")
    .addHelpText("after", "\nExamples:\n  flink-memory options --flink 1.16\n  flink-memory options --format json\n")
    .action(async (opts) => {
      const { runOptions } = await import("./options-command.js");
      exitCode = runOptions(opts);
    });

  program
    .command("diff")
    .description("What changed for memory between two Flink versions, and what one configuration resolves to in each.")
    .argument("<from>", "a Flink version, e.g. 1.16")
    .argument("<to>", "another Flink version, e.g. 2.2")
    .option("--config <file>", "a config.yaml or flink-conf.yaml file")
    .option("--config-dir <dir>", "a Flink conf directory")
    .option("-D, --dynamic <key=value...>", "dynamic property", collect, [])
    .addHelpText("after", "\nExample:\n  flink-memory diff 1.16 2.2 -D taskmanager.memory.process.size=32g\n")
    .action(async (from: string, to: string, opts) => {
      const { runDiff } = await import("./diff-command.js");
      exitCode = runDiff(from, to, opts);
    });

  program
    .command("bash-java-utils")
    .description("Drop-in for Flink's BashJavaUtils: COMMAND --configDir DIR [-D key=value ...] [--flink VERSION]")
    .argument("[args...]")
    .allowUnknownOption()
    .helpOption(false)
    .action(async (args: string[]) => {
      const { runBashJavaUtils } = await import("./bash-java-utils.js");
      const r = runBashJavaUtils(args);
      for (const l of r.stdout) process.stdout.write(l + "\n");
      for (const l of r.stderr) process.stderr.write(l + "\n");
      exitCode = r.exitCode;
    });

  try {
    await program.parseAsync(argv, { from: "node" });
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? 0 : 2;
    }
    throw e;
  }
  return exitCode;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function packageVersion(): Promise<string> {
  const { readFileSync } = await import("node:fs");
  const url = new URL("../../package.json", import.meta.url);
  return (JSON.parse(readFileSync(url, "utf8")) as { version: string }).version;
}
