// Bundles the command line into one CommonJS file for Node: one file to compile instead of
// dozens of ES modules, and a file `bin/flink-memory.js` can load with a V8 code cache
// (scripts/cli-code-cache.mjs). Together they are most of a short command's start-up time.
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

export default defineConfig({
  build: {
    ssr: fileURLToPath(new URL("./main.ts", import.meta.url)),
    outDir: fileURLToPath(new URL("../dist/bundle", import.meta.url)),
    emptyOutDir: true,
    target: "node20",
    minify: true,
    sourcemap: false,
    // One file: code run through vm.Script cannot import() further chunks.
    rollupOptions: { output: { format: "cjs", entryFileNames: "cli.cjs", codeSplitting: false } },
  },
  ssr: { noExternal: true, target: "node" },
  logLevel: "warn",
});
