// Builds the page's tools (web/tools/) as one classic script that sets one global: a classic
// script loads from file:// as well as from a web server, where a module script would not.
// The page's own build (vite.config.ts) then names it by its content and puts it next to the page.
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";
import { TOOLS_GLOBAL } from "./tools/host.js";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL("../dist/web-tools", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    lib: { entry: fileURLToPath(new URL("./tools/entry.ts", import.meta.url)), formats: ["iife"], name: TOOLS_GLOBAL, fileName: () => "tools.js" },
  },
});
