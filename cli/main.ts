/**
 * The command line. Each command lives in its own module and is loaded only when used,
 * so `--format flags` starts fast.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { NEWEST_LINE as NEWEST_VERSION } from "../src/versions/version.js";
import { applyValueRules, usageLine } from "./option-values.js";
import { UsageError } from "./inputs.js";

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  program
    .name("flink-memory")
    .description("Compute, check and explain Apache Flink TaskManager and JobManager memory, exactly as Flink does.")
    .version(await packageVersion(), "-V, --version")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(redactDynamic(s)), outputError: (s, write) => write(usageLine(s)) });

  let exitCode = 0;
  program
    .command("batch")
    .description("Read golden-format cases as JSON Lines on stdin, write one JSON answer per line to stdout.")
    .option("--flink <version>", "default Flink version for cases without one")
    .addHelpText("after", `\nExample:\n  echo '{"id":1,"flink":"2.0","mode":"tm","input":{"dynamic":[["taskmanager.memory.process.size","4g"]]}}' | flink-memory batch\n`)
    .action(async (opts: { flink?: string }) => {
      const { runBatch } = await import("./batch.js");
      await runBatch(process.stdin, process.stdout, opts.flink);
    });

  for (const kind of ["tm", "jm", "local"] as const) {
    withInputs(program.command(kind))
      .description(
        kind === "tm" ? "Resolve a TaskManager's memory." : kind === "jm" ? "Resolve a JobManager's memory." : "What a local (MiniCluster) run gets.",
      )
      .option("--flink <version>", "Flink version (default: the newest supported)")
      .addOption(format(kind === "local" ? ["text", "json", "yaml"] : ["text", "json", "yaml", "flags"]))
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

  withInputs(program.command("explain"))
    .description("Explain the derivation step by step: the path taken, each default, fraction, cap and rest, and the failing step.")
    .argument("<process>", "tm | jm")
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
    .addOption(format(["text", "json"]))
    .addHelpText("after", "\nExamples:\n  flink-memory options --flink 1.16\n  flink-memory options --format json\n")
    .action(async (opts) => {
      const { runOptions } = await import("./options-command.js");
      exitCode = runOptions(opts);
    });

  withInputs(program.command("diff"))
    .description("What changed for memory between two Flink versions, and what one configuration resolves to in each.")
    .argument("<from>", "a Flink version, e.g. 1.16")
    .argument("[to]", "another Flink version, e.g. 2.2 (default: --flink, else the newest supported)")
    .option("--flink <version>", "the version to compare with, when <to> is not given")
    .addHelpText("after", "\nExamples:\n  flink-memory diff 1.16 2.2 -D taskmanager.memory.process.size=32g\n  flink-memory diff 1.16 --flink 2.0 --config-dir conf\n  flink-memory diff 1.20              # against the newest supported version\n")
    .action(async (from: string, to: string | undefined, opts) => {
      if (to !== undefined && opts.flink !== undefined && to !== opts.flink) {
        process.stderr.write(`flink-memory: diff compares ${from} with ${to}; --flink ${opts.flink} would name a third version\n`);
        exitCode = 2;
        return;
      }
      const { runDiff } = await import("./diff-command.js");
      exitCode = runDiff(from, to ?? opts.flink ?? NEWEST_VERSION, opts);
    });

  withInputs(program.command("slots"))
    .description("Managed memory per slot and consumer (OPERATOR, STATE_BACKEND, PYTHON), and what RocksDB gets per slot and operator.")
    .option("--flink <version>", "Flink version, 1.12 or newer (default: the newest supported)")
    .option("--job <kind>", "streaming (keyed state: STATE_BACKEND) or batch (sort/hash operators: OPERATOR); default: execution.runtime-mode, else streaming")
    .option("--python", "the job has Python UDFs (PYTHON)")
    .option("--state-backend <kind>", "rocksdb, hashmap or forst (2.x); default: state.backend.type / state.backend, else the heap default")
    .option("--consumers <list>", "the use cases outright, e.g. STATE_BACKEND,PYTHON, instead of --job/--python")
    .option("--stateful-operators <n>", "stateful operators per slot (they share RocksDB's memory)")
    .option("--operators <n>", "operators of equal OPERATOR weight per slot (batch sort, hash join)")
    .addOption(format(["text", "json"]))
    .addHelpText("after", "\nThe job is an assumption, printed with where each part came from; options override the configuration.\n\nExamples:\n  flink-memory slots -D taskmanager.memory.process.size=4g -D taskmanager.numberOfTaskSlots=4 -D state.backend.type=rocksdb\n  flink-memory slots --config conf/flink-conf.yaml --flink 1.16 --stateful-operators 3\n  flink-memory slots --config-dir conf --job batch --python --format json\n  flink-memory slots --config conf/config.yaml --state-backend hashmap\n\nExit status: 0 computed, 1 invalid configuration (Flink's message on stderr), 2 usage error.\n")
    .action(async (opts) => {
      const { runSlots } = await import("./slots-command.js");
      exitCode = await runSlots(opts);
    });

  withInputs(program.command("network"))
    .description("Network buffers a job's topology needs on each TaskManager, whether the network memory suffices, and the smallest network min/fraction that would.")
    .option("--topology <file>", "YAML or JSON (- for standard input): { mode, slotsPerTaskManager, taskManagers, vertices: [{name, parallelism}], edges: [{from, to, partitioning}] }")
    .option("--flink <version>", "Flink version (default: the newest supported)")
    .addOption(format(["text", "json"]))
    .addHelpText("after", "\nTopology example (partitioning: forward, rescale, hash, rebalance, broadcast, ...):\n  mode: streaming\n  vertices: [{name: source, parallelism: 4}, {name: window, parallelism: 8}]\n  edges: [{from: source, to: window, partitioning: hash}]\n\nExamples:\n  flink-memory network --topology job.yaml -D taskmanager.memory.process.size=4g -D taskmanager.numberOfTaskSlots=4\n  flink-memory network --topology job.json --config-dir conf --flink 1.16 --format json\n\nExit status: 0 enough buffers, 1 not enough (or invalid configuration/topology), 2 usage error.\n")
    .action(async (opts) => {
      const { runNetwork } = await import("./network-command.js");
      exitCode = await runNetwork(opts);
    });

  program
    .command("migrate")
    .description("Carry a configuration to another Flink release, the same in effect: B's file format, keys B lacks mapped or removed, and the fewest keys added so the TaskManager and JobManager keep the memory layout A gives them.")
    .argument("<path>", "a flink-conf.yaml or config.yaml, a conf dir, a FlinkDeployment or operator Helm values file, or - for standard input")
    .option("--from <version>", "the release that reads the configuration now (a FlinkDeployment's own flinkVersion when it has one)")
    .option("--to <version>", "the release to migrate to (default: --flink, else the newest supported)")
    .option("--flink <version>", "the release to migrate to, when --to is not given")
    .option("--out <file>", "write the migrated file there instead of standard output")
    .option("--nested", "write config.yaml nested (taskmanager: / memory: / …) where the keys allow; default flat, with a legacy file's comments kept")
    .option("--keep-layout <bool>", "false: convert the syntax only, byte for byte as Flink 1.20's bin/migrate-config-file.sh (a legacy flink-conf.yaml to config.yaml; the layout is not kept or checked)", "true")
    .addOption(format(["text", "json"]))
    .addHelpText("after", "\nThe migrated file goes to standard output (or --out); what changed goes to standard error. Keys that are not\nmemory options are carried unchanged and printed nowhere else.\n\nA FlinkDeployment (or the operator's Helm values) is edited in place: flinkVersion rewritten, flinkConfiguration\nwritten flat, the rest of the file kept.\n\nExamples:\n  flink-memory migrate conf/flink-conf.yaml --from 1.16 --to 2.2 > config.yaml\n  flink-memory migrate conf --from 1.20 --to 2.2 --out conf-2.2/config.yaml\n  flink-memory migrate deployment.yaml --to 2.2 --out deployment-2.2.yaml\n\nExit status: 0 the layout is kept, 1 it cannot be kept (the components that differ are named), 2 usage error.\n")
    .action(async (path: string, opts) => {
      if (opts.to !== undefined && opts.flink !== undefined && opts.to !== opts.flink) {
        process.stderr.write(`flink-memory: migrate goes to ${opts.to}; --flink ${opts.flink} would name another target\n`);
        exitCode = 2;
        return;
      }
      const { runMigrate } = await import("./migrate-command.js");
      exitCode = runMigrate(path, { ...opts, to: opts.to ?? opts.flink ?? NEWEST_VERSION });
    });

  program
    .command("schema")
    .description("The JSON Schema (draft-07) of a release's memory options, for editors (yaml-language-server) and kubeconform: config.yaml (flat or nested) or a FlinkDeployment's memory fields.")
    .option("--flink <version>", "Flink version (default: the newest supported)")
    .addOption(new Option("--kind <kind>", "config (config.yaml) or flinkdeployment").choices(["config", "flinkdeployment"]).default("config"))
    .addHelpText("after", "\nThe schemas of every release are also shipped in the package's schemas/ folder.\n\nExamples:\n  flink-memory schema --flink 2.2 > flink-2.2-config.json\n  flink-memory schema --kind flinkdeployment --flink 1.20\n")
    .action(async (opts) => {
      const { runSchema } = await import("./schema-command.js");
      exitCode = runSchema(opts);
    });

  withInputs(program.command("diagnose"))
    .description("Read what was pasted after a failure (a log, an exception, kubectl describe pod, YARN diagnostics, a launch command): the memory failure, the part at fault, the numbers, and changes checked by the engine.")
    .argument("<file>", "the paste: a text file, or - for standard input")
    .option("--flink <version>", "the Flink version the paste comes from (default: the newest supported)")
    .addOption(format(["text", "json"]))
    .addHelpText("after", "\nRecognises: network-buffers, network-buffer-pool, direct-oom, metaspace-oom, heap-oom, managed-memory,\ncontainer-killed (Kubernetes, YARN), invalid-configuration, memory-layout (start-up block, JVM flags, -D dynamic configs,\nTaskExecutorProcessSpec, REST memoryConfiguration), not-flink-memory. Values of non-memory keys are never shown.\nWith --config/--config-dir/-D (the failed cluster's configuration), changes are computed on it and checked.\n\nExamples:\n  flink-memory diagnose taskmanager.log --flink 1.17\n  kubectl logs my-taskmanager --previous | flink-memory diagnose -\n  kubectl describe pod my-taskmanager | flink-memory diagnose - --format json\n  flink-memory diagnose error.txt --config conf/config.yaml\n\nExit status: 0 diagnosed (the findings may be none), 1 invalid --config, 2 usage error (no file, empty input).\n")
    .action(async (file: string, opts) => {
      const { runDiagnose } = await import("./diagnose-command.js");
      exitCode = runDiagnose(file, opts);
    });

  program
    .command("lint")
    .description("Check Flink config files, FlinkDeployments and Helm values for memory problems, with fixes.")
    .argument("<paths...>", "files or directories (config.yaml, flink-conf.yaml, Kubernetes/Helm YAML)")
    .option("--flink <version>", "Flink version (default: a FlinkDeployment's flinkVersion; 1.20 for flink-conf.yaml; else the newest)")
    .addOption(format(["text", "json", "sarif"]))
    .option("--fail-on <severity>", "exit 1 when a finding is at least: error | warning | note | none", "error")
    .option("--whole-config", "judge each Flink config file as the whole configuration (a process it does not size is refused, as Flink would)")
    .option("--operator-config <file>", "the operator's default configuration (its Helm values or conf file), merged under every FlinkDeployment")
    .option("--verbose", "also list the files skipped, with the reason")
    .addHelpText("after", "\nEach file is first classified: Flink configurations (whole or one layer), FlinkDeployments, the operator's Helm values,\ndocker compose files running Flink are judged; other YAML (CI pipelines, other charts, other operators, templates) is skipped.\n\nExamples:\n  flink-memory lint conf/config.yaml\n  flink-memory lint . --verbose\n  flink-memory lint k8s/ --operator-config helm/values.yaml --format sarif > flink-memory.sarif\n  helm template my-release chart/ | flink-memory lint -\n  flink-memory lint deploy/flink.yaml --flink 1.20 --fail-on warning\n\nExit status: 0 no finding at --fail-on or above, 1 otherwise, 2 usage error (or nothing to check).\n")
    .action(async (paths: string[], opts) => {
      const { runLint } = await import("./lint-command.js");
      exitCode = await runLint(paths, opts);
    });

  program
    .command("k8s")
    .description("A FlinkDeployment's (or Helm values') memory: how the operator reads it, each process's split, the pod's request and limit.")
    .argument("<file>", "a YAML file with FlinkDeployment resources or Helm values (- for standard input)")
    .option("--flink <version>", "Flink version (default: the resource's flinkVersion, else the newest)")
    .addOption(format(["text", "json"]))
    .addHelpText("after", "\nExamples:\n  flink-memory k8s deploy/flink-deployment.yaml\n  flink-memory k8s values.yaml --flink 1.20 --format json\n")
    .action(async (file: string, opts) => {
      const { runK8s } = await import("./k8s-command.js");
      exitCode = runK8s(file, opts);
    });

  withInputs(program.command("fit"))
    .description("The configuration that uses a container of SIZE and meets the goals, or why none can.")
    .argument("<process>", "tm | jm")
    .requiredOption("--container <size>", "container memory: Kubernetes (4Gi, 4G = 4*10^9 bytes, 4096Mi) or Flink (4g = 4 GiB)")
    .option("--slots <n>", "taskmanager.numberOfTaskSlots to write")
    .option("--managed-fraction <f>", "taskmanager.memory.managed.fraction to write")
    .option("--min-task-heap <size>", "least task heap of the TaskManager")
    .option("--min-managed <size>", "least managed memory of the TaskManager")
    .option("--min-network <size>", "least network memory of the TaskManager")
    .option("--min-heap <size>", "least JVM heap")
    .option("--state-backend <name>", "rocksdb | hashmap: the job's state backend when the configuration does not name it")
    .option("--flink <version>", "Flink version (default: the newest supported)")
    .addOption(format(["text", "json", "yaml", "flags"]))
    .addHelpText("after", "\nExamples:\n  flink-memory fit tm --container 4Gi --slots 4\n  flink-memory fit tm --container 4G --min-managed 1g --format flags\n  flink-memory fit jm --container 2048Mi --config conf/config.yaml\n\nExit status: 0 fits, 1 no configuration fits (or the configuration is invalid), 2 usage error.\n")
    .action(async (process_: string, opts) => {
      const { runFit } = await import("./fit-command.js");
      exitCode = await runFit(process_, opts);
    });

  program
    .command("webhook")
    .description("Serve a validating admission webhook (AdmissionReview v1 at /validate) for FlinkDeployments and FlinkSessionJobs: refuse at kubectl apply what Flink or the operator would refuse, with Flink's message and a checked fix; admit with warnings what lint warns about.")
    .option("--port <port>", "TCP port to listen on (0: any free one, named in the first log line)", "8443")
    .option("--host <address>", "address to listen on (default: all interfaces; with --insecure-http, 127.0.0.1)")
    .option("--tls-cert <file>", "PEM certificate (chain) to serve; read again every 30 s, so a renewed one is picked up")
    .option("--tls-key <file>", "PEM private key of the certificate")
    .option("--insecure-http", "serve plain HTTP on loopback instead of HTTPS: for local tests only")
    .option("--flink <version>", "the release assumed for a resource that names no flinkVersion (default: the newest supported)")
    .option("--operator-config <file>", "the operator's default configuration (its Helm values or conf file), merged under every FlinkDeployment")
    .option("--max-body <size>", "largest request body; a larger one gets 413", "4Mi")
    .option("--request-timeout <duration>", "time a client has to send a whole request; a slower one gets 408", "10s")
    .option("--shutdown-timeout <duration>", "on SIGTERM, how long in-flight reviews may take before the last connections are closed", "10s")
    .addHelpText("after", "\nAnswers the same as `flink-memory lint` on the resource: an error refuses it (allowed: false, Flink's message and the\nchecked fix in status.message), warnings admit it with admission warnings. Kinds other than FlinkDeployment and\nFlinkSessionJob, operations other than CREATE and UPDATE, and updates that leave spec unchanged are admitted unjudged.\nAlso serves /healthz, /readyz and /metrics (Prometheus). Logs are JSON lines on stderr, without configuration values.\nDeployment files: deploy/webhook/ in the project.\n\nExamples:\n  flink-memory webhook --tls-cert /tls/tls.crt --tls-key /tls/tls.key\n  flink-memory webhook --tls-cert tls.crt --tls-key tls.key --flink 1.20 --operator-config operator-values.yaml\n  flink-memory webhook --insecure-http --port 8080     # local tests only\n\nExit status: 0 after a graceful shutdown (SIGTERM, SIGINT), 2 usage error (also: certificate unreadable, port taken).\n")
    .action(async (opts) => {
      const { runWebhook } = await import("./webhook/command.js");
      exitCode = await runWebhook(opts);
    });

  withInputs(program.command("size"))
    .description("The smallest Total Process Memory that yields the wanted parts, exact to the byte.")
    .argument("<process>", "tm | jm")
    .option("--slots <n>", "number of slots (default 1)")
    .option("--task-heap-per-slot <size>", "least task heap per slot")
    .option("--managed-per-slot <size>", "least managed memory per slot")
    .option("--network-per-slot <size>", "least network memory per slot")
    .option("--managed-fraction <f>", "taskmanager.memory.managed.fraction to write")
    .option("--heap <size>", "least JobManager JVM heap")
    .option("--off-heap <size>", "least JobManager off-heap memory")
    .option("--state-backend <name>", "rocksdb | hashmap: the job's state backend when the configuration does not name it")
    .option("--flink <version>", "Flink version (default: the newest supported)")
    .addOption(format(["text", "json", "yaml", "flags"]))
    .addHelpText("after", "\nExamples:\n  flink-memory size tm --task-heap-per-slot 512m --managed-per-slot 1g --slots 4\n  flink-memory size jm --heap 2g --flink 1.20\n\nExit status: 0 found, 1 no size can (or the configuration is invalid), 2 usage error.\n")
    .action(async (process_: string, opts) => {
      const { runSize } = await import("./fit-command.js");
      exitCode = await runSize(process_, opts);
    });

  program
    .command("bash-java-utils")
    .description("Drop-in for Flink's BashJavaUtils: COMMAND --configDir DIR [-D key=value ...] [--flink VERSION]")
    .argument("[args...]")
    .allowUnknownOption()
    .helpOption(false)
    .action(async (args: string[]) => {
      // Flink's scripts always pass a command first, so a leading --help can only be a person asking.
      if (args[0] === "--help" || args[0] === "-h") {
        process.stdout.write(BASH_JAVA_UTILS_HELP);
        return;
      }
      const { runBashJavaUtils } = await import("./bash-java-utils.js");
      const r = runBashJavaUtils(args);
      for (const l of r.stdout) process.stdout.write(l + "\n");
      for (const l of r.stderr) process.stderr.write(l + "\n");
      exitCode = r.exitCode;
    });

  applyValueRules(program);
  try {
    await program.parseAsync(argv, { from: "node" });
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UsageError) {
      process.stderr.write(usageLine(e.message));
      return 2;
    }
    // A FlinkError no command reported itself: Flink's message, not a crash with a stack trace.
    if (e instanceof Error && e.name === "FlinkError") {
      process.stderr.write(`flink-memory: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  return exitCode;
}

/** Commander quotes an unknown option; a `-D` one may hold a credential, so its text is not shown. */
function redactDynamic(s: string): string {
  return s.replace(/'(-D|--dynamic)[^']*'/g, "'$1…' (not shown: it may hold a secret)");
}

const BASH_JAVA_UTILS_HELP = `Usage: flink-memory bash-java-utils COMMAND --configDir DIR [-D key=value ...] [--flink VERSION] [--jdk MAJOR]

Drop-in for Flink's BashJavaUtils, as bin/taskmanager.sh and bin/jobmanager.sh call it: the same
BASH_JAVA_UTILS_EXEC_RESULT: lines on stdout; on failure Flink's exception on stderr and exit 1.
Arguments are read as BashJavaUtils reads them (anything else is Flink's own error).

Commands:
  GET_TM_RESOURCE_PARAMS    TaskManager JVM parameters and dynamic configs (Flink 1.11+)
  GET_JM_RESOURCE_PARAMS    JobManager JVM parameters (and dynamic configs from 1.12)
  GET_TM_RESOURCE_JVM_PARAMS, GET_TM_RESOURCE_DYNAMIC_CONFIGS
                            the two TaskManager commands of Flink 1.10
  MIGRATE_LEGACY_FLINK_CONFIGURATION_TO_STANDARD_YAML
                            flink-conf.yaml as the standard config.yaml that Flink 1.19/1.20's
                            bin/migrate-config-file.sh writes (default --flink 1.20; the line
                            order follows the JVM: --jdk 8..18 agree, 19+ differ; default 17)

Examples:
  flink-memory bash-java-utils GET_TM_RESOURCE_PARAMS --configDir conf
  flink-memory bash-java-utils GET_JM_RESOURCE_PARAMS --configDir conf -D jobmanager.memory.process.size=2g --flink 1.20
  flink-memory bash-java-utils GET_TM_RESOURCE_JVM_PARAMS --configDir conf --flink 1.10
  flink-memory bash-java-utils MIGRATE_LEGACY_FLINK_CONFIGURATION_TO_STANDARD_YAML --configDir conf
`;

/** `--format` with the choices a command writes (commander refuses any other, naming them). */
function format(choices: string[]): Option {
  return new Option("--format <format>", "output format").choices(choices).default("text");
}

/** A command given a configuration as every command is: a file, a conf directory, -D properties. */
function withInputs(command: Command): Command {
  return command
    .option("--config <file>", "a config.yaml or flink-conf.yaml (- for standard input), read as each Flink release reads that file")
    .option("--config-dir <dir>", "a Flink conf directory (default: $FLINK_CONF_DIR, else ./conf when it holds a config file)")
    .option("-D, --dynamic <key=value...>", "dynamic property, as -Dkey=value or -D key=value", collect, []);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function packageVersion(): Promise<string> {
  const url = new URL("../../package.json", import.meta.url);
  return (JSON.parse(readFileSync(url, "utf8")) as { version: string }).version;
}
