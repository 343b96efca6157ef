#!/usr/bin/env node
// Entry point: the compiled CLI lives in dist/ (run `npm run build` first).
import { main } from "../dist/cli/main.js";

// A closed pipe (`| head`) ends output quietly, as for any Unix tool.
process.stdout.on("error", (e) => {
  if (e && e.code === "EPIPE") process.exit(0);
  throw e;
});

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`flink-memory: internal error: ${e && e.stack ? e.stack : e}\n`);
    process.exitCode = 70;
  },
);
