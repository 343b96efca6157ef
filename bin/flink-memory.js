#!/usr/bin/env node
// Entry point: the CLI bundled by `npm run build` into dist/bundle, loaded with its code cache.
"use strict";
const { loadCli } = require("./load-cli.js");

// A closed pipe (`| head`) ends output quietly, as for any Unix tool.
process.stdout.on("error", (e) => {
  if (e && e.code === "EPIPE") process.exit(0);
  throw e;
});

let main;
try {
  ({ main } = loadCli());
} catch (e) {
  if (e && e.code === "ENOENT") {
    process.stderr.write("flink-memory: the CLI is not built yet: run `npm run build` first\n");
    process.exit(70);
  }
  throw e;
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`flink-memory: internal error: ${e && e.stack ? e.stack : e}\n`);
    process.exitCode = 70;
  },
);
