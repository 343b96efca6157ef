// The "Diagnose a failure" box in a real headless Chromium: what it shows must be what the core's
// `diagnose` returns for the same paste, it must keep and show no secret of the paste, and it
// must make no network request.
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { diagnose, type DiagnoseResult } from "../../src/diagnose/diagnose.js";
import { launch, servePage, toolsFileName } from "../support/browser.js";
import { leaks, plantedConfigYaml, plantedDynamic } from "../support/secrets.js";
import { extraFields } from "../../web/tools/diagnose-box.js";
import { lineRanges } from "../../src/diagnose/text.js";

const ARTIFACTS = fileURLToPath(new URL("../../artifacts/web/", import.meta.url));
const ICEBERG = readFileSync(new URL("../data/diagnose/iceberg-3695-yarn-kill.txt", import.meta.url), "utf8");
const PASTES = readFileSync(new URL("../data/diagnose/real-pastes.jsonl", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as { id: string; text: string });
const paste = (id: string) => PASTES.find((p) => p.id === id)!.text;
const CANARY = /flink-memory-canary/;

let browser: Browser;
let server: { url: string; close: () => Promise<void> };
const requests: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launch();
  server = await servePage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Opened {
  page: Page;
  context: BrowserContext;
  /** Uncaught errors and console errors (a CSP violation is one). */
  errors: string[];
}

async function open(hash: string, options: { width?: number; dark?: boolean } = {}): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1200, height: 1000 }, colorScheme: options.dark ? "dark" : "light" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(server.url + hash);
  await page.waitForSelector("#diagram svg, #error:not([hidden])");
  return { page, context, errors };
}

/**
 * Waits for the box's script (fetched as the user comes near) and then for the debounced run:
 * the box is busy from the input event until it has drawn.
 */
async function settled(page: Page): Promise<void> {
  await page.waitForSelector('html[data-tools="ready"]', { state: "attached" });
  await page.waitForSelector('#diagnose-output[aria-busy="false"]', { state: "attached" });
}

/** Pastes and waits until the box has drawn the result for this input. */
async function pasteInto(page: Page, text: string, expected: DiagnoseResult): Promise<void> {
  await page.fill("#diagnose-paste", text);
  await settled(page);
  expect(await page.textContent("#diagnose-summary")).toBe(summaryOf(expected));
}

function summaryOf(r: DiagnoseResult): string {
  const n = r.findings.length;
  return `Flink ${r.flink}: ${n === 0 ? "no finding" : `${n} finding${n === 1 ? "" : "s"} (${r.findings.map((f) => f.kind).join(", ")})`}`;
}

const flags = (s: [string, string][]) => s.map(([k, v]) => `-D ${k}=${v}`).join(" ");

/** What the page must show for a result, derived from the library's data (plain text per part). */
function expectedView(r: DiagnoseResult) {
  return r.findings.map((f) => ({
    kind: f.kind,
    process: f.process ?? null,
    component: f.component ?? null,
    evidence: f.evidence.map((e) => [lineRanges(e.lines), e.template]),
    hint: f.flinkHint ?? null,
    numbers: Object.entries(f.numbers).map(([k, v]) => [k, String(v)]),
    rebuilt: f.rebuilt ? flags(f.rebuilt.settings) : null,
    changes: f.changes.map((c) => [(c.variant === "keep-process" ? "Keep the process size: " : c.variant === "grow-process" ? "Grow the process: " : "") + c.summary, flags(c.settings), c.checked.ok ? `Checked: ${c.checked.result}` : `Fails: ${c.checked.reason}`]),
    notes: plain(f.notes),
  }));
}

/** The same, read back from the page's DOM. */
function shownView(page: Page) {
  return page.$$eval("#diagnose-findings > li.finding", (lis) =>
    lis.map((li) => {
      const q = (sel: string) => li.querySelector(sel)?.textContent ?? null;
      return {
        kind: (li as HTMLElement).dataset.kind,
        process: (li as HTMLElement).dataset.process ?? null,
        component: q("h3 .component"),
        evidence: [...li.querySelectorAll(".evidence")].map((e) => [(e as HTMLElement).dataset.lines, e.querySelector(".template")!.textContent]),
        hint: q('[data-field="flink-hint"]'),
        numbers: [...li.querySelectorAll("table.numbers tr")].map((tr) => [(tr as HTMLElement).dataset.name, tr.querySelector("td")!.textContent]),
        rebuilt: q('[data-field="rebuilt"] code.settings'),
        changes: [...li.querySelectorAll(".change")].map((c) => [c.querySelector(".summary")!.textContent, c.querySelector(".settings")!.textContent, c.querySelector(".checked")!.textContent]),
        notes: [...li.querySelectorAll('[data-field="notes"] li')].map((n) => n.textContent),
      };
    }),
  );
}

/** Notes as the page shows them: backticked parts become code elements, read back as plain text. */
const plain = (notes: string[]) => notes.map((n) => n.replace(/`/g, ""));
const pageNotes = (page: Page) => page.$$eval("#diagnose-notes li", (lis) => lis.map((l) => l.textContent));

describe("diagnose box", () => {
  it("shows the iceberg YARN kill as diagnose() reads it: container-killed and the rebuilt layout", async () => {
    const { page, context, errors } = await open("#flink=1.12&process=tm");
    const r = diagnose(ICEBERG, { flink: "1.12" });
    expect(r.findings.map((f) => f.kind)).toEqual(["container-killed", "memory-layout"]);
    const layout = r.findings.find((f) => f.kind === "memory-layout")!;
    expect(flags(layout.rebuilt!.settings)).toBe("-D taskmanager.memory.process.size=4096m -D taskmanager.memory.managed.fraction=0.2");
    await pasteInto(page, ICEBERG, r);
    expect(await shownView(page)).toEqual(expectedView(r));
    expect(await page.textContent('li[data-kind="memory-layout"] [data-field="rebuilt"] code')).toBe("-D taskmanager.memory.process.size=4096m -D taskmanager.memory.managed.fraction=0.2");
    expect(await page.textContent('li[data-kind="memory-layout"] [data-field="rebuilt"] .detail')).toBe(layout.rebuilt!.detail);
    expect(await page.textContent('li[data-kind="container-killed"] h3')).toBe("container-killed (TaskManager, total process memory (container limit))");
    expect(await pageNotes(page)).toEqual(plain(r.notes));
    await page.screenshot({ path: ARTIFACTS + "diagnose-yarn-kill.png", fullPage: true });
    // The page's version selector drives the box: the same paste read as 2.2.
    await page.selectOption("#flink", "2.2");
    const r22 = diagnose(ICEBERG, { flink: "2.2" });
    await settled(page);
    expect(await page.textContent("#diagnose-summary")).toBe(summaryOf(r22));
    expect(await page.textContent("#diagnose-flink-version")).toBe("2.2");
    expect(await shownView(page)).toEqual(expectedView(r22));
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows Flink's hint and the numbers of a network-buffers shortage, and checked changes on the calculator's configuration", async () => {
    const text = paste("nb-001");
    const { page, context, errors } = await open("#flink=1.17&process=tm&taskmanager.memory.process.size=1g");
    const bare = diagnose(text, { flink: "1.17" });
    await pasteInto(page, text, bare);
    const f = bare.findings[0]!;
    expect(f.kind).toBe("network-buffers");
    expect(f.flinkHint).toBeTruthy();
    expect(await page.textContent('li[data-kind="network-buffers"] [data-field="flink-hint"]')).toBe(f.flinkHint);
    expect(await shownView(page)).toEqual(expectedView(bare));
    expect(Object.keys(f.numbers).length).toBeGreaterThan(0);
    // Without a configuration the page says how to get a checked change.
    expect((await pageNotes(page)).join("\n")).toContain("Use the calculator's configuration");
    // The calculator's configuration (the options set in its form) as the base.
    await page.check("#diagnose-use-config");
    const configuration = { flink: "1.17", dynamic: [["taskmanager.memory.process.size", "1g"]] as [string, string][] };
    const given = diagnose(text, { flink: "1.17", configuration });
    expect(given.findings[0]!.changes.length).toBeGreaterThan(0);
    await settled(page);
    expect(await shownView(page)).toEqual(expectedView(given));
    expect(await page.$$eval(".change .checked", (els) => els.map((e) => (e as HTMLElement).dataset.ok))).toEqual(given.findings[0]!.changes.map((c) => String(c.checked.ok)));
    expect(await page.textContent("#diagnose-config")).toBe("Configuration in use: -D taskmanager.memory.process.size=1g");
    // A calculator change re-runs the box with it; JobManager options count too (a config file holds both).
    await page.fill("#opt-taskmanager_memory_process_size", "2g");
    await page.check('input[name="process"][value="jm"]');
    await page.fill("#opt-jobmanager_memory_process_size", "1600m");
    await settled(page);
    expect(await page.textContent("#diagnose-config")).toBe("Configuration in use: -D taskmanager.memory.process.size=2g -D jobmanager.memory.process.size=1600m");
    const twoG = diagnose(text, { flink: "1.17", configuration: { flink: "1.17", dynamic: [["taskmanager.memory.process.size", "2g"], ["jobmanager.memory.process.size", "1600m"]] } });
    expect(await shownView(page)).toEqual(expectedView(twoG));
    await page.screenshot({ path: ARTIFACTS + "diagnose-network-buffers.png", fullPage: true });
    // A configuration the engine rejects gives no change, and the finding says why there is none.
    await page.check('input[name="process"][value="tm"]');
    await page.fill("#opt-taskmanager_memory_process_size", "1x");
    await settled(page);
    const broken = diagnose(text, { flink: "1.17", configuration: { flink: "1.17", dynamic: [["taskmanager.memory.process.size", "1x"], ["jobmanager.memory.process.size", "1600m"]] } });
    expect(broken.findings[0]!.changes).toEqual([]);
    expect(broken.findings[0]!.notes.join(" ")).toContain("does not resolve for the TaskManager");
    expect(await shownView(page)).toEqual(expectedView(broken));
    expect(errors).toEqual([]);
    await context.close();
  });

  it("never shows, links or stores a secret of the paste", async () => {
    // A YARN launch line (jvm-003) with credentials among its -D flags, then a planted config file.
    const launchLine = paste("jvm-003").replace(
      "org.apache.flink.yarn.entrypoint.YarnJobClusterEntrypoint",
      `-Ds3.secret-key=flink-memory-canary-7f3a -Dpassword=<b>flink-memory-canary-pw</b> org.apache.flink.yarn.entrypoint.YarnJobClusterEntrypoint ${plantedDynamic().map((d) => `-D ${d}`).join(" ")}`,
    );
    const text = [launchLine, "Caused by: org.apache.flink.configuration.IllegalConfigurationException: flink-memory-canary-in-message", plantedConfigYaml()].join("\n");
    const { page, context, errors } = await open("#flink=1.17&process=jm");
    const r = diagnose(text, { flink: "1.17" });
    expect(r.findings.length).toBeGreaterThan(0);
    await pasteInto(page, text, r);
    expect(await shownView(page)).toEqual(expectedView(r));
    await page.check("#diagnose-use-config");
    await settled(page);
    const everything = await page.evaluate(async () => {
      const attrs = [...document.querySelectorAll("*")].flatMap((e) => [...e.attributes].map((a) => a.value));
      const storage = [localStorage, sessionStorage].flatMap((s) => Object.keys(s).map((k) => k + "=" + s.getItem(k)));
      const fields = [...document.querySelectorAll("input,textarea")].filter((e) => e.id !== "diagnose-paste").map((e) => (e as HTMLInputElement).value);
      const dbs = (await indexedDB.databases()).map((d) => d.name ?? "");
      return [document.documentElement.outerHTML, document.body.innerText, document.title, location.href, JSON.stringify(history.state), document.cookie, ...attrs, ...storage, ...fields, ...dbs].join("\n");
    });
    expect(everything).not.toMatch(CANARY);
    expect(leaks(everything)).toEqual([]);
    // Markup in the paste stays text: no element was made from it.
    expect(await page.$$eval("#diagnose b", (els) => els.length)).toBe(0);
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
    expect(page.url()).not.toMatch(CANARY);
    // The paste is still in its box (it was not copied anywhere else), and the clear button empties it.
    expect(await page.inputValue("#diagnose-paste")).toMatch(CANARY);
    await page.click("#diagnose-clear");
    expect(await page.inputValue("#diagnose-paste")).toBe("");
    expect(await pageNotes(page)).toEqual(plain(diagnose("", { flink: "1.17" }).notes));
    // Leaving the page empties the box, so no form restoration can bring the paste back.
    await page.fill("#diagnose-paste", text);
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent("pagehide", { persisted: true })));
    expect(await page.inputValue("#diagnose-paste")).toBe("");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows the paste-level notes for an empty and a binary-looking paste", async () => {
    const { page, context, errors } = await open("#flink=2.0&process=tm");
    const empty = diagnose("", { flink: "2.0" });
    expect(empty.notes[0]).toMatch(/empty/);
    // Nothing on load (the box stays quiet until used); after text was typed and removed, the note.
    expect(await pageNotes(page)).toEqual([]);
    await pasteInto(page, ICEBERG, diagnose(ICEBERG, { flink: "2.0" }));
    await pasteInto(page, "", empty);
    expect(await pageNotes(page)).toEqual(plain(empty.notes));
    expect(await page.$$eval("#diagnose-findings li", (l) => l.length)).toBe(0);
    // What a binary file looks like once decoded as text: replacement and control characters.
    const binary = "\u0001\u0002PK\u0003\u0004\ufffd\ufffd\u0000\u0007\ufffd\u0010\u0011\ufffd".repeat(40);
    const bin = diagnose(binary, { flink: "2.0" });
    expect(bin.notes.join(" ")).toMatch(/binary/);
    await pasteInto(page, binary, bin);
    expect(await pageNotes(page)).toEqual(plain(bin.notes));
    // Prose with no Flink failure in it: the library's "nothing recognised".
    const words = "Our job is slow since Monday, any idea?";
    const none = diagnose(words, { flink: "2.0" });
    await pasteInto(page, words, none);
    expect(await pageNotes(page)).toEqual(plain(none.notes));
    expect(errors).toEqual([]);
    await context.close();
  });

  it("is usable with the keyboard alone, labelled, and calm while typing", async () => {
    const { page, context, errors } = await open("#flink=2.0&process=tm");
    const label = await page.$eval("#diagnose-paste", (t) => (t as HTMLTextAreaElement).labels?.[0]?.textContent ?? "");
    expect(label).toBe("Text to diagnose");
    const unlabelled = await page.$$eval("#diagnose input, #diagnose textarea, #diagnose select", (els) => els.filter((e) => (e as HTMLInputElement).labels?.length === 0 && !e.getAttribute("aria-label")).map((e) => e.id));
    expect(unlabelled).toEqual([]);
    expect(await page.getAttribute("#diagnose-paste", "spellcheck")).toBe("false");
    // The header's button takes the keyboard to the box (the page is long).
    await page.focus("#to-diagnose");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("diagnose-paste");
    // Tab from the last control before the box lands in the textarea.
    await page.focus('button[data-copy="share"]');
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("diagnose-paste");
    // Count redraws while typing: the debounce draws once after the pause, not per key.
    await page.evaluate(() => {
      (window as unknown as { redraws: number }).redraws = 0;
      new MutationObserver(() => (window as unknown as { redraws: number }).redraws++).observe(document.getElementById("diagnose-findings")!, { childList: true });
    });
    const typed = "java.lang.OutOfMemoryError: Metaspace";
    await page.keyboard.type(typed, { delay: 10 });
    const r = diagnose(typed, { flink: "2.0" });
    await settled(page);
    expect(await page.textContent("#diagnose-summary")).toBe(summaryOf(r));
    expect(await page.evaluate(() => (window as unknown as { redraws: number }).redraws)).toBeLessThanOrEqual(2);
    expect(await shownView(page)).toEqual(expectedView(r));
    // The next Tab stops go on to the box's buttons and checkbox.
    const stops: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press("Tab");
      stops.push(await page.evaluate(() => document.activeElement?.id ?? ""));
    }
    expect(stops).toEqual(["diagnose-choose-flink", "diagnose-use-config", "diagnose-clear"]);
    // Space toggles the configuration checkbox; Enter on the version button moves to the selector.
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Space");
    expect(await page.isChecked("#diagnose-use-config")).toBe(true);
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("flink");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("reads a dropped log file as a paste, and keeps the page", async () => {
    const { page, context, errors } = await open("#flink=1.12&process=tm");
    const file = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], "taskmanager.log", { type: "text/plain" }));
      return dt;
    }, ICEBERG);
    await page.dispatchEvent("#diagnose-paste", "drop", { dataTransfer: file });
    await page.waitForSelector('#diagnose-findings li[data-kind="memory-layout"]');
    expect(await page.inputValue("#diagnose-paste")).toBe(ICEBERG);
    expect(await shownView(page)).toEqual(expectedView(diagnose(ICEBERG, { flink: "1.12" })));
    expect(page.url()).toBe(server.url + "#flink=1.12&process=tm");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("fits 360 px in dark mode with findings drawn", async () => {
    const { page, context, errors } = await open("#flink=1.12&process=tm", { width: 360, dark: true });
    await pasteInto(page, ICEBERG, diagnose(ICEBERG, { flink: "1.12" }));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.locator("#diagnose").screenshot({ path: ARTIFACTS + "diagnose-narrow-dark.png" });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("makes no network request besides loading the page itself and its tools script", () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(new Set(requests.map((u) => u.split("#")[0]))).toEqual(new Set([server.url, server.url + toolsFileName()]));
  });
});

describe("diagnose box helpers", () => {
  it("shows plain fields a newer core adds, and leaves nested ones out", () => {
    const change = { summary: "s", settings: [], checked: { ok: true, result: "r" }, variant: "min", weight: 2, nested: { a: 1 }, list: ["x"] };
    expect(extraFields(change, new Set(["summary", "settings", "checked"]))).toEqual([["variant", "min"], ["weight", "2"]]);
  });
});
