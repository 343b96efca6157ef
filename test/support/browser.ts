// Debian's Chromium driven by playwright-core (no downloaded browsers), and the built page
// served from 127.0.0.1 as any static host would.
import { createServer, type Server } from "node:http";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const PAGE_FILE = new URL("../../dist/web/index.html", import.meta.url);

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`No Chromium found (tried ${candidates.join(", ")}): install Debian's chromium (.ci/run does).`);
  return found;
}

export async function launch(): Promise<Browser> {
  if (!existsSync(PAGE_FILE)) throw new Error("dist/web/index.html is missing: run `npm run build:web` (npm test does).");
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** The tools script the build put next to the page (named by its content). */
export function toolsFileName(): string {
  const names = readdirSync(new URL(".", PAGE_FILE)).filter((n) => /^tools-[0-9a-f]{12}\.js$/.test(n));
  if (names.length !== 1) throw new Error(`expected one tools script next to the page, found ${names.length}`);
  return names[0]!;
}

/** Serves the built page at `/` (and its tools script next to it) on a free loopback port. */
export async function servePage(): Promise<{ url: string; close: () => Promise<void> }> {
  const html = readFileSync(PAGE_FILE);
  const toolsName = toolsFileName();
  const tools = readFileSync(new URL(toolsName, PAGE_FILE));
  const server: Server = createServer((req, res) => {
    if (req.url === "/" || req.url?.startsWith("/index.html")) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(html);
    } else if (req.url === `/${toolsName}`) {
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8" });
      res.end(tools);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(() => ok())) };
}

/** Waits until the page's tools script (fetched when the user comes near a tool) is mounted. */
export async function toolsReady(page: import("playwright-core").Page): Promise<void> {
  await page.waitForSelector('html[data-tools="ready"]', { state: "attached" });
}
