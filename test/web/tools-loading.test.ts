// The calculator starts with its own code only; the tools (paste a file, migrate, inside the
// TaskManager, diagnose) are one script next to the page, fetched once, the first time the user
// comes near one of them, by its name alone. Tested in Debian's Chromium, served and from file://.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launch, PAGE_FILE, servePage, toolsFileName, toolsReady } from "../support/browser.js";

let browser: Browser;
let server: Awaited<ReturnType<typeof servePage>>;
beforeAll(async () => {
  browser = await launch();
  server = await servePage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const field = (key: string) => `#opt-${key.replace(/[^a-zA-Z0-9-]/g, "_")}`;

interface Opened {
  page: Page;
  context: BrowserContext;
  requests: string[];
  errors: string[];
}

async function open(url: string, setup?: (context: BrowserContext) => Promise<void>): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await setup?.(context);
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(url);
  await page.waitForSelector("#diagram svg");
  return { page, context, requests, errors };
}

const documents = (requests: string[]) => requests.map((u) => u.split("#")[0]);

describe("the page's tools script", () => {
  it("is not fetched while the calculator alone is used, then once, by its name alone", async () => {
    const { page, context, requests, errors } = await open(server.url + "#flink=2.2&process=tm&taskmanager.memory.process.size=1728m");
    await page.fill(field("taskmanager.memory.process.size"), "4g");
    await page.click("#derivation > summary");
    await page.waitForTimeout(400);
    expect(documents(requests)).toEqual([server.url]);
    expect(await page.getAttribute("html", "data-tools")).toBeNull();
    // Coming near the diagnose box fetches it.
    await page.hover("#diagnose-paste");
    await toolsReady(page);
    for (const id of ["#paste", "#migrate", "#inside"]) await page.click(`${id} > summary`);
    await page.fill("#diagnose-paste", "java.lang.OutOfMemoryError: Metaspace");
    await page.waitForSelector('#diagnose-output[aria-busy="false"]', { state: "attached" });
    expect(await page.textContent("#diagnose-summary")).toMatch(/^Flink 2\.2: 1 finding \(metaspace-oom\)$/);
    expect(documents(requests)).toEqual([server.url, server.url + toolsFileName()]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("keeps a button pressed before the script arrived, and presses it once it has", async () => {
    const { page, context, errors } = await open(server.url + "#flink=2.2&process=tm&taskmanager.memory.process.size=1728m", async (c) => {
      await c.route("**/tools-*.js", async (route) => {
        await new Promise((ok) => setTimeout(ok, 500));
        await route.continue();
      });
    });
    await page.click("#paste > summary");
    await page.fill("#paste-text", "taskmanager.memory.process.size: 3g\nsecret.key: hunter2\n");
    await page.click("#paste-read");
    expect(await page.getAttribute("html", "data-tools")).toBeNull();
    await toolsReady(page);
    await page.waitForFunction(() => document.getElementById("paste-status")!.textContent !== "");
    expect(await page.textContent("#paste-status")).toBe("Filled 1 memory option from config.yaml; 1 other key was ignored and not kept.");
    expect(await page.inputValue(field("taskmanager.memory.process.size"))).toBe("3g");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("says so in each tool when the script is missing, and the calculator goes on", async () => {
    const { page, context } = await open(server.url + "#flink=2.2&process=tm&taskmanager.memory.process.size=1728m", async (c) => {
      await c.route("**/tools-*.js", (route) => route.fulfill({ status: 404, body: "" }));
    });
    await page.click("#migrate > summary");
    await page.waitForFunction(() => document.getElementById("migrate-summary")!.textContent !== "");
    expect(await page.textContent("#migrate-summary")).toBe(
      `This tool could not start: ${toolsFileName()} could not be loaded. The page's tools are a file next to it (${toolsFileName()}); keep both together.`,
    );
    await page.fill(field("taskmanager.memory.process.size"), "2g");
    await page.waitForFunction(() => document.querySelector('#diagram [data-group="Total Process Memory"]')?.getAttribute("data-bytes") === String(2 ** 31));
    await context.close();
  });

  it("loads from file:// as well, under the page's Content-Security-Policy", async () => {
    const { page, context, errors } = await open(PAGE_FILE.href + "#flink=1.20&process=tm&taskmanager.memory.process.size=1728m");
    await page.focus("#diagnose-paste");
    await toolsReady(page);
    await page.fill("#diagnose-paste", "java.lang.OutOfMemoryError: Metaspace");
    await page.waitForSelector('#diagnose-output[aria-busy="false"]', { state: "attached" });
    expect(await page.textContent("#diagnose-summary")).toMatch(/^Flink 1\.20: 1 finding \(metaspace-oom\)$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("may fetch nothing else: no connection, no other script, even from the tools", async () => {
    const html = readFileSync(PAGE_FILE, "utf8");
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    expect(csp).toBe("default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'");
    const { page, context } = await open(server.url + "#flink=2.2&process=tm&taskmanager.memory.process.size=1728m");
    await page.focus("#diagnose-paste");
    await toolsReady(page);
    const refused = await page.evaluate(async () => {
      try {
        await fetch(location.origin + "/anything");
        return false;
      } catch {
        return true;
      }
    });
    expect(refused).toBe(true);
    await context.close();
  });

  it("keeps the calculator's own script and styles within 60 KB gzip", () => {
    const html = readFileSync(PAGE_FILE, "utf8");
    const inline = [...html.matchAll(/<(script|style)[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => m[2]!);
    const gzip = inline.reduce((n, code) => n + gzipSync(Buffer.from(code), { level: 9 }).length, 0);
    expect(gzip).toBeLessThanOrEqual(60 * 1024);
    // Nothing but the tools script is fetched from outside the page.
    expect([...html.matchAll(/<script[^>]*\ssrc=/g)]).toEqual([]);
  });
});
