// Our config.yaml reader (src/config/yaml/) against Flink's own loading: snakeyaml-engine and
// GlobalConfiguration.loadYAMLResource as built by ../shared/tools/oracle (a 1.19+ release).
//
//   npm run build && npx tsc -p tsconfig.fuzz.json
//   SNAKEYAML_GIT=... COMMONS_CLI_GIT=... ../shared/tools/oracle/build.sh FLINK_GIT 450c63e /tmp/o221
//   node scripts/snakeyaml-agreement.mjs --oracle /tmp/o221 [--runs 100000] [--seed 1] [--files 0]
//
// For every document: both accept it with the same flattened entries ([key, type, Java toString],
// lists and other objects as toYAMLString), or both refuse it with the same kind of error (a YAML
// error at the same problem mark, a null value, the same ClassCastException, a root that is not a
// mapping). Documents: every config.yaml of the golden and generated cases and the test data,
// then `--runs` from the fuzz target's generator and `--runs` from `snakeyaml-agreement/documents.mjs`.
// Refusals by flink-memory's own limits (nesting, alias expansion, input size) are counted apart.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import fc from "fast-check";
import { makeGen } from "./snakeyaml-agreement/documents.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const ORACLE = arg("oracle");
if (!ORACLE) {
  console.error("usage: node scripts/snakeyaml-agreement.mjs --oracle ORACLE_OUT_DIR [--runs N] [--seed S] [--files 0]");
  process.exit(2);
}
const RUNS = Number(arg("runs", "10000"));
const SEED = Number(arg("seed", "1"));
const { readStandardYaml } = await import(join(ROOT, "dist/src/config/yaml/index.js"));
const { javaDoubleToString } = await import(join(ROOT, "dist/src/java/numbers.js"));
const { configYamlArb } = await import(join(ROOT, "dist/fuzz/generators.js"));

const harness = join(ORACLE, "yaml-agree");
mkdirSync(harness, { recursive: true });
const javac = spawnSync("javac", ["-nowarn", "-cp", join(ORACLE, "classes"), "-d", harness, join(ROOT, "scripts/snakeyaml-agreement/YamlAgree.java")], { stdio: "inherit" });
if (javac.status !== 0) process.exit(1);

/** What our reader answers, in the harness's terms. */
function ours(text) {
  try {
    const ok = readStandardYaml(text)
      .map((e) => [e.key, e.value.t, e.value.t === "float" ? javaDoubleToString(e.value.v) : String(e.value.v)])
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return { ok };
  } catch (e) {
    const msg = e.cause?.message ?? "";
    if (/flink-memory's limit|nested too deeply|flink-memory reads at most/.test(msg)) return { err: "limit" };
    if (e.cause?.javaClass === "java.lang.NullPointerException") return { err: "null" };
    if (e.cause?.javaClass === "java.lang.ClassCastException") return { err: "cast", msg };
    // Our own words for Flink's ClassCastException of a root that is no Map.
    if (msg.startsWith("the file must hold a mapping of keys to values")) return { err: "root" };
    return { err: "yaml", line: e.rootLocation?.line, column: e.rootLocation?.column };
  }
}

/** Flink's answers, one JVM for a batch. */
async function flink(texts) {
  const p = spawn("java", ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", `${join(ORACLE, "classes")}:${harness}`, "YamlAgree"], { stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  p.stdout.setEncoding("utf8");
  p.stdout.on("data", (d) => (out += d));
  const closed = new Promise((resolve) => p.on("close", resolve));
  for (const t of texts) p.stdin.write(Buffer.from(t, "utf8").toString("base64") + "\n");
  p.stdin.end();
  await closed;
  return out.split("\n").filter((l) => l).map((l) => JSON.parse(l));
}

/**
 * Disagreements known before the reader was split into layers, by kind (none in a real Flink
 * configuration; each a possible follow-up).
 */
function knownKind(text, o, j) {
  if (j.err === "stackoverflow" && o.err) return "a collection containing itself: Flink overflows its stack (StackOverflowError), we refuse with a typed error";
  if (j.err === "other" && /IllegalArgumentException/.test(j.cls) && o.err === "yaml") return "both refuse, but Flink's cause is an IllegalArgumentException (a \\U escape above U+10FFFF, a tag whose %-escapes decode to white space)";
  if (/!!java\.util\.Optional/.test(text)) return "!!java.util.Optional in a value: we write Optional[x] / Optional.empty, Flink !!java.util.Optional 'x' / null";
  if (/!!java\.util\.UUID/.test(text) && o.ok && j.ok) return "!!java.util.UUID in a value: we write it as read, Flink as UUID.toString (zero-padded groups)";
  if (/!!binary/.test(text) && o.ok && j.ok) return "!!binary in a value: we write the text as read, Flink re-encodes the bytes (padding)";
  if (/\\(u[dD][89a-fA-F]|U0000[dD][89a-fA-F])/.test(text)) return "a lone surrogate from an escape, written differently";
  if (o.ok && j.ok && JSON.stringify(j.ok).includes("&id00")) return "anchors in a second list: Flink's numbers run on (id002), ours restart (id001)";
  return null;
}

const stats = { documents: 0, agree: 0, acceptedByBoth: 0, refusedByBoth: 0, ourLimits: 0, marksCompared: 0, marksDiffer: 0, known: 0, disagree: 0 };
const known = {};
const examples = [];
async function check(batch, label) {
  // A file holds bytes: a lone surrogate cannot be written and reads back as U+FFFD.
  const texts = batch.map((t) => Buffer.from(t, "utf8").toString("utf8"));
  const answers = await flink(texts);
  if (answers.length !== texts.length) throw new Error(`Flink answered ${answers.length} of ${texts.length}`);
  texts.forEach((text, i) => {
    stats.documents++;
    const o = ours(text);
    const j = answers[i];
    if (o.err === "limit") return void stats.ourLimits++;
    if (j.err === "cast" && j.msg.includes("cannot be cast to class java.util.Map")) j.err = "root";
    let same = false;
    if (o.ok && j.ok) {
      same = JSON.stringify(o.ok) === JSON.stringify(j.ok);
      if (same) stats.acceptedByBoth++;
    } else if (o.err && j.err) {
      same = o.err === j.err && (o.err !== "cast" || o.msg === j.msg);
      if (same) {
        stats.refusedByBoth++;
        if (o.err === "yaml" && j.line !== undefined) {
          stats.marksCompared++;
          if (o.line !== j.line || o.column !== j.column) {
            stats.marksDiffer++;
            if (examples.length < 10) examples.push({ label, text, ours: o, flink: j });
          }
        }
      }
    }
    if (same) return void stats.agree++;
    const kind = knownKind(text, o, j);
    if (kind) {
      stats.known++;
      known[kind] = (known[kind] ?? 0) + 1;
    } else {
      stats.disagree++;
      if (examples.length < 10) examples.push({ label, text, ours: o, flink: j });
    }
  });
}

const CHUNK = 20000;
async function checkAll(texts, label) {
  for (let i = 0; i < texts.length; i += CHUNK) await check(texts.slice(i, i + CHUNK), label);
  console.log(`${label}: ${texts.length} documents; so far ${JSON.stringify(stats)}`);
}
if (arg("files", "1") !== "0") {
  const texts = new Set();
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name)) texts.add(readFileSync(p, "utf8"));
      else if (/\.jsonl(\.gz)?$/.test(name))
        for (const line of (name.endsWith(".gz") ? gunzipSync(readFileSync(p)) : readFileSync(p)).toString("utf8").split("\n")) {
          if (!line.includes("configYaml")) continue;
          const y = JSON.parse(line).input?.configYaml;
          if (typeof y === "string") texts.add(y);
        }
    }
  };
  walk(join(ROOT, "test/data"));
  walk(join(ROOT, "examples"));
  await checkAll([...texts], "config.yaml of the golden and generated cases and the test data (distinct)");
}
await checkAll(fc.sample(configYamlArb, { seed: SEED, numRuns: RUNS }), "the fuzz target's generator");
const gen = makeGen(SEED);
await checkAll(Array.from({ length: RUNS }, () => gen()), "snakeyaml-agreement/documents.mjs");
console.log("known disagreements:", JSON.stringify(known, null, 1));
for (const e of examples) console.log(JSON.stringify(e));
process.exit(stats.disagree + stats.marksDiffer > 0 ? 1 : 0);
