// Loads the bundled CLI (dist/bundle/cli.cjs, made by `npm run build`) with the V8 code cache
// the build wrote beside it, so a short command does not spend its time compiling. CommonJS
// (bin/package.json) because starting Node's ES module loader costs more than the command.
// A cache from another Node version is rejected by V8 and the code compiles as usual.
"use strict";
const { readFileSync } = require("node:fs");
const { dirname, join } = require("node:path");
const { Script } = require("node:vm");

const bundlePath = join(__dirname, "..", "dist", "bundle", "cli.cjs");
const cachePath = bundlePath.replace(/\.cjs$/, ".v8cache");

/** The bundle's exports, and the compiled script (the build asks it for a fresh cache). */
function loadCli() {
  const source = readFileSync(bundlePath, "utf8");
  let cachedData;
  try {
    cachedData = readFileSync(cachePath);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundlePath,
    cachedData,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, require, module, bundlePath, dirname(bundlePath));
  return { main: module.exports.main, script };
}

module.exports = { bundlePath, cachePath, loadCli };
