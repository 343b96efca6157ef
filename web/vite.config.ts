// Builds the calculator as one HTML file with its script and styles inlined, so it works from
// file:// and from any static host, and a Content-Security-Policy that forbids every request
// but one: the page's tools script, a file next to it fetched the first time a tool is used
// (built before by vite.tools.config.ts, named here by its content).
import { defineConfig, type Plugin } from "vite";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const CSP = "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'";

const TOOLS_BUILT = fileURLToPath(new URL("../dist/web-tools/tools.js", import.meta.url));

/** The built tools script and the name it ships under. */
function toolsScript(): { fileName: string; source: Buffer } {
  if (!existsSync(TOOLS_BUILT)) throw new Error(`${TOOLS_BUILT} is missing: build the tools first (npm run build:web does)`);
  const source = readFileSync(TOOLS_BUILT);
  return { fileName: `tools-${createHash("sha256").update(source).digest("hex").slice(0, 12)}.js`, source };
}

function emitTools(tools: { fileName: string; source: Buffer }): Plugin {
  return {
    name: "flink-memory-tools-script",
    apply: "build",
    generateBundle() {
      this.emitFile({ type: "asset", fileName: tools.fileName, source: tools.source });
    },
  };
}

function singleFile(keep: string): Plugin {
  return {
    name: "flink-memory-single-file",
    apply: "build",
    enforce: "post",
    generateBundle(_options, bundle) {
      const html = bundle["index.html"];
      if (!html || html.type !== "asset") throw new Error("index.html missing from the bundle");
      let text = String(html.source);
      for (const [name, item] of Object.entries(bundle)) {
        if (name === "index.html" || name === keep) continue;
        const ref = new RegExp(`<script[^>]*src="[^"]*${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*></script>|<link[^>]*href="[^"]*${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*>`);
        if (!ref.test(text)) throw new Error(`${name} is not referenced by index.html`);
        const code = item.type === "chunk" ? item.code : String(item.source);
        const inline = item.type === "chunk" || name.endsWith(".js")
          ? `<script type="module">${code.replace(/<\/script/gi, "<\\/script")}</script>`
          : `<style>${code.replace(/<\/style/gi, "<\\/style")}</style>`;
        // A function replacement keeps `$` sequences in the code as they are.
        text = text.replace(ref, () => inline);
        delete bundle[name];
      }
      text = text.replace("<head>", () => `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`);
      html.source = text;
    },
  };
}

export default defineConfig(({ command }) => {
  const tools = command === "build" ? toolsScript() : undefined;
  return {
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  define: { __TOOLS_FILE__: JSON.stringify(tools?.fileName ?? "") },
  plugins: tools ? [emitTools(tools), singleFile(tools.fileName)] : [],
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    modulePreload: false,
    assetsInlineLimit: 0,
    rollupOptions: { output: { codeSplitting: false } },
  },
  server: { host: "127.0.0.1" },
  };
});
