/**
 * `npm run fuzz [-- --runs N] [--per-target] [--seed S] [--target NAME[,NAME]]`
 *
 * Fuzzes every target with fast-check and prints, per target: runs, violations, inputs per
 * second, the slowest input (ms), the seed, and the shrunk counterexample of any violation.
 * `--runs N` is the total number of inputs over all targets, shared out by each target's weight
 * (the in-process CLI target is slow and gets a quarter share); `--per-target` makes N the number
 * for each target. Exits 1 on any violation. Default: 10,000 runs, a seed from the clock.
 */
import { cleanUpScratch, TARGETS } from "./targets.js";
import { formatReport, runTarget, type TargetReport } from "./harness.js";

function parseArgs(argv: string[]) {
  const opts = { runs: 10_000, perTarget: false, seed: Date.now() % 2 ** 31, targets: undefined as string[] | undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--runs") opts.runs = Number(value());
    else if (a === "--seed") opts.seed = Number(value());
    else if (a === "--target") opts.targets = value().split(",");
    else if (a === "--per-target") opts.perTarget = true;
    else if (a === "--help" || a === "-h") {
      process.stdout.write("npm run fuzz -- [--runs N] [--per-target] [--seed S] [--target NAME[,NAME]]\ntargets: " + TARGETS.map((t) => t.name).join(", ") + "\n");
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isSafeInteger(opts.runs) || opts.runs < 1) throw new Error("--runs needs a positive integer");
  if (!Number.isSafeInteger(opts.seed)) throw new Error("--seed needs an integer");
  return opts;
}

async function run(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  const targets = TARGETS.filter((t) => !opts.targets || opts.targets.includes(t.name));
  if (targets.length === 0) throw new Error(`no such target: ${opts.targets?.join(",")}`);
  const weights = targets.map((t) => t.weight ?? 1);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  process.stdout.write(
    `flink-memory fuzz: ${opts.perTarget ? `${opts.runs} runs per target` : `${opts.runs} runs in total`}, seed ${opts.seed}, ${targets.length} targets\n`,
  );
  const reports: TargetReport[] = [];
  const start = performance.now();
  for (const [i, t] of targets.entries()) {
    const runs = opts.perTarget ? opts.runs : Math.max(1, Math.round((opts.runs * weights[i]!) / totalWeight));
    const r = await runTarget(t, runs, opts.seed, (s) => process.stdout.write(s + "\n"));
    reports.push(r);
    process.stdout.write(formatReport(r) + "\n");
  }
  cleanUpScratch();
  const runs = reports.reduce((a, r) => a + r.runs, 0);
  const violations = reports.reduce((a, r) => a + r.violations, 0);
  const seconds = (performance.now() - start) / 1000;
  process.stdout.write(`total        runs ${String(runs).padStart(9)}  violations ${violations}  ${Math.round(runs / seconds)} inputs/s  ${seconds.toFixed(1)} s  (node ${process.version})\n`);
  return violations > 0 ? 1 : 0;
}

run().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`fuzz: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
