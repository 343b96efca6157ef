// Preloaded (`node --require`) into a bench's child process: on exit, writes the process's peak
// resident set size in kilobytes (getrusage's ru_maxrss) to the file PEAK_RSS_FILE names.
"use strict";
const { writeFileSync } = require("node:fs");

process.on("exit", () => {
  writeFileSync(process.env.PEAK_RSS_FILE, String(process.resourceUsage().maxRSS));
});
