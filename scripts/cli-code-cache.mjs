// Build step: runs a typical short command once (output discarded) so V8 compiles what it
// needs, then stores the compiled code beside the bundle for bin/flink-memory.js to reuse.
import { readFileSync, writeFileSync } from "node:fs";
import { bundlePath, cachePath, loadCli } from "../bin/load-cli.js";

const source = readFileSync(bundlePath, "utf8");
// Code run through vm.Script has no way to import(): the bundle must be one self-contained file.
if (/\bimport\(/.test(source.replace(/`[^`]*`|"[^"]*"|'[^']*'/g, ""))) throw new Error(`${bundlePath} still imports modules at run time`);

const { main, script } = loadCli();
const write = process.stdout.write;
process.stdout.write = () => true;
try {
  const code = await main(["node", "flink-memory", "tm", "-D", "taskmanager.memory.process.size=4g", "--format", "flags"]);
  if (code !== 0) throw new Error(`the bundled CLI answered ${code}`);
} finally {
  process.stdout.write = write;
}
writeFileSync(cachePath, script.createCachedData());
