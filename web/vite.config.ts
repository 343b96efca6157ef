// Builds the calculator as one self-contained HTML file: script and styles inlined, so it
// works from file:// and from any static host, and a Content-Security-Policy that forbids
// every network request after loading.
import { defineConfig, type Plugin } from "vite";
import { fileURLToPath } from "node:url";

const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'";

function singleFile(): Plugin {
  return {
    name: "flink-memory-single-file",
    apply: "build",
    enforce: "post",
    generateBundle(_options, bundle) {
      const html = bundle["index.html"];
      if (!html || html.type !== "asset") throw new Error("index.html missing from the bundle");
      let text = String(html.source);
      for (const [name, item] of Object.entries(bundle)) {
        if (name === "index.html") continue;
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

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  plugins: [singleFile()],
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    modulePreload: false,
    assetsInlineLimit: 0,
    rollupOptions: { output: { codeSplitting: false } },
  },
  server: { host: "127.0.0.1" },
});
