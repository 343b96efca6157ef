// The web calculator in a real headless Chromium: what it shows must be what the engine
// computes, it must keep no secret, and it must make no network request.
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { resolveJobManager, resolveTaskManager } from "../../src/resolve.js";
import { FlinkError } from "../../src/errors.js";
import { explainComponent } from "../../src/render/explain.js";
import { leafComponents } from "../../src/render/svg.js";
import { launch, PAGE_FILE, servePage, toolsFileName, toolsReady } from "../support/browser.js";
import { slotsBreakdown } from "../../src/slots/slot-breakdown.js";
import { networkBuffers } from "../../src/network/network-buffers.js";
import { parseTopologyText } from "../../src/network/topology-text.js";

const ARTIFACTS = fileURLToPath(new URL("../../artifacts/web/", import.meta.url));
const fixture = (name: string) => readFileSync(new URL(`../data/web/${name}`, import.meta.url), "utf8");
const CANARY = /flink-memory-canary|AKIAFLINKMEMORYCANARY/;

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

async function open(hash = "", options: { width?: number; dark?: boolean; url?: string } = {}): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1200, height: 1000 },
    colorScheme: options.dark ? "dark" : "light",
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) => requests.push(r.url()));
  await page.goto((options.url ?? server.url) + hash);
  await page.waitForSelector("#diagram svg, #error:not([hidden])");
  expect(errors).toEqual([]);
  return { page, context };
}

const field = (key: string) => `#opt-${key.replace(/[^a-zA-Z0-9-]/g, "_")}`;

async function diagramBytes(page: Page): Promise<Record<string, string>> {
  return page.$$eval("#diagram [data-component]", (els) => Object.fromEntries(els.map((e) => [e.getAttribute("data-component"), e.getAttribute("data-bytes")])));
}

function engineBytes(spec: object, kind: "tm" | "jm"): Record<string, string> {
  return Object.fromEntries(leafComponents(kind).map((n) => [n, String((spec as Record<string, bigint>)[n])]));
}

describe("web calculator", () => {
  it("draws the engine's numbers for typed fields, with Flink's units as typed", async () => {
    const { page, context } = await open("#flink=2.0&process=tm");
    await page.fill(field("taskmanager.memory.process.size"), "4 gb");
    await page.fill(field("taskmanager.memory.managed.fraction"), "0.25");
    await page.fill(field("taskmanager.memory.network.max"), "512m");
    const r = resolveTaskManager({
      flink: "2.0",
      dynamic: [["taskmanager.memory.process.size", "4 gb"], ["taskmanager.memory.managed.fraction", "0.25"], ["taskmanager.memory.network.max", "512m"]],
    });
    expect(await diagramBytes(page)).toEqual(engineBytes(r.spec, "tm"));
    expect(await page.textContent("#jvm")).toBe(r.jvmParameters);
    expect(await page.textContent("#dyn")).toBe(r.dynamicConfigs);
    const tableBytes = await page.$$eval("#components tbody tr", (rows) => rows.map((tr) => [tr.getAttribute("data-component"), tr.children[2]!.textContent]));
    expect(Object.fromEntries(tableBytes)["totalProcess"]).toBe(String(r.spec.totalProcess));
    expect(Object.fromEntries(tableBytes)["totalFlink"]).toBe(String(r.spec.totalFlink));
    await page.screenshot({ path: ARTIFACTS + "tm-typed.png", fullPage: true });
    await context.close();
  });

  it("resolves a JobManager of an older version", async () => {
    const { page, context } = await open("#flink=1.16&process=jm");
    await page.fill(field("jobmanager.memory.process.size"), "3g");
    await page.fill(field("jobmanager.memory.off-heap.size"), "256m");
    const r = resolveJobManager({ flink: "1.16", dynamic: [["jobmanager.memory.process.size", "3g"], ["jobmanager.memory.off-heap.size", "256m"]] });
    expect(await diagramBytes(page)).toEqual(engineBytes(r.spec, "jm"));
    expect(await page.textContent("#jvm")).toBe(r.jvmParameters);
    await context.close();
  });

  it("follows the version selector: the same 32g gives 1 GiB network in 1.16, more in 2.2", async () => {
    const { page, context } = await open("#flink=1.16&process=tm&taskmanager.memory.process.size=32g");
    const net116 = (await diagramBytes(page))["network"];
    expect(net116).toBe(String(resolveTaskManager({ flink: "1.16", dynamic: [["taskmanager.memory.process.size", "32g"]] }).spec.network));
    expect(net116).toBe(String(1024 ** 3));
    await page.selectOption("#flink", "2.2");
    const net22 = (await diagramBytes(page))["network"];
    expect(net22).toBe(String(resolveTaskManager({ flink: "2.2", dynamic: [["taskmanager.memory.process.size", "32g"]] }).spec.network));
    expect(BigInt(net22!)).toBeGreaterThan(BigInt(net116!));
    // Patch ranges whose rules differ are offered too: 1.10.0 had a 96 MiB metaspace default.
    await page.selectOption("#flink", "1.10.0");
    expect((await diagramBytes(page))["metaspace"]).toBe(String(96 * 1024 * 1024));
    expect(await page.inputValue(field("taskmanager.memory.process.size"))).toBe("32g");
    await context.close();
  });

  it("fills the form from a pasted config.yaml, keeping memory options only", async () => {
    const { page, context } = await open("#flink=2.0&process=tm");
    await page.click("#paste summary");
    await toolsReady(page);
    const text = fixture("config.yaml");
    await page.fill("#paste-text", text);
    await page.click("#paste-read");
    // 7 memory sizes plus state.backend.type, which decides who takes managed memory per slot.
    expect(await page.textContent("#paste-status")).toMatch(/^Filled 8 memory options from config\.yaml; \d+ other keys were ignored and not kept\.$/);
    expect(await page.inputValue(field("state.backend.type"))).toBe("rocksdb");
    expect(await page.inputValue("#paste-text")).toBe("");
    expect(await page.inputValue(field("taskmanager.memory.managed.fraction"))).toBe("0.35");
    const tm = resolveTaskManager({ flink: "2.0", configYaml: text });
    expect(await diagramBytes(page)).toEqual(engineBytes(tm.spec, "tm"));
    expect(await page.textContent("#dyn")).toBe(tm.dynamicConfigs);
    await page.check('input[name="process"][value="jm"]');
    const jm = resolveJobManager({ flink: "2.0", configYaml: text });
    expect(await diagramBytes(page)).toEqual(engineBytes(jm.spec, "jm"));
    // No secret of the file anywhere: text, fields, URL, share link.
    const everything = await page.evaluate(() => [document.body.innerText, location.href, ...[...document.querySelectorAll("input,textarea")].map((e) => (e as HTMLInputElement).value)].join("\n"));
    expect(everything).not.toMatch(CANARY);
    expect(everything).not.toContain("s3://flink-checkpoints");
    await page.screenshot({ path: ARTIFACTS + "pasted-config-yaml.png", fullPage: true });
    await context.close();
  });

  it("reads a pasted flink-conf.yaml the way Flink 1.x does", async () => {
    const { page, context } = await open("#flink=1.20&process=tm");
    await page.click("#paste summary");
    await toolsReady(page);
    await page.selectOption("#paste-kind", "flink-conf.yaml");
    const text = fixture("flink-conf.yaml");
    await page.fill("#paste-text", text);
    await page.click("#paste-read");
    const tm = resolveTaskManager({ flink: "1.20", flinkConfYaml: text });
    expect(await diagramBytes(page)).toEqual(engineBytes(tm.spec, "tm"));
    expect(await page.evaluate(() => document.body.innerText + location.href)).not.toMatch(CANARY);
    await context.close();
  });

  it("shows Flink's exact message inline, with our hint, and marks the offending fields", async () => {
    const { page, context } = await open("#flink=2.0&process=tm");
    await page.fill(field("taskmanager.memory.process.size"), "1g");
    await page.fill(field("taskmanager.memory.task.heap.size"), "900m");
    await page.fill(field("taskmanager.memory.managed.size"), "200m");
    // Leaving the field shows the refusal at once (while typing it waits for a pause).
    await page.press(field("taskmanager.memory.managed.size"), "Tab");
    let expected: FlinkError | undefined;
    try {
      resolveTaskManager({ flink: "2.0", dynamic: [["taskmanager.memory.process.size", "1g"], ["taskmanager.memory.task.heap.size", "900m"], ["taskmanager.memory.managed.size", "200m"]] });
    } catch (e) {
      expected = e as FlinkError;
    }
    expect(expected).toBeInstanceOf(FlinkError);
    await page.waitForSelector("#error:not([hidden])");
    expect(await page.textContent("#error .message")).toBe(expected!.message);
    expect(await page.textContent("#error .hint")).toMatch(/^What to change: /);
    expect(await page.getAttribute(field("taskmanager.memory.process.size"), "aria-invalid")).toBe("true");
    expect(await page.getAttribute(field("taskmanager.memory.task.heap.size"), "aria-invalid")).toBe("true");
    expect(await page.getAttribute(field("taskmanager.memory.framework.heap.size"), "aria-invalid")).toBeNull();
    expect(await page.textContent("#steps li.failed")).toContain(expected!.message);
    // Verified fixes follow the error; applying one makes the configuration resolve.
    await page.waitForSelector("#fixes li button");
    expect(await page.textContent("#fixes li")).toMatch(/^raise taskmanager\.memory\.process\.size from 1 GiB to /);
    await page.screenshot({ path: ARTIFACTS + "error.png", fullPage: true });
    await page.click("#fixes li button");
    await page.waitForSelector("#diagram svg");
    expect(await page.isHidden("#error")).toBe(true);
    const raised = await page.inputValue(field("taskmanager.memory.process.size"));
    expect(() => resolveTaskManager({ flink: "2.0", dynamic: [["taskmanager.memory.process.size", raised], ["taskmanager.memory.task.heap.size", "900m"], ["taskmanager.memory.managed.size", "200m"]] })).not.toThrow();
    // A size Flink cannot parse: its message names the unit problem.
    await page.fill(field("taskmanager.memory.task.heap.size"), "900x");
    await page.press(field("taskmanager.memory.task.heap.size"), "Tab");
    await page.waitForSelector("#error:not([hidden])");
    expect(await page.textContent("#error")).toContain("Memory size unit 'x' does not match any of the recognized units");
    await context.close();
  });

  it("round-trips the share link, which holds only the version and memory options", async () => {
    const { page, context } = await open("#flink=1.20&process=tm&s3.secret-key=flink-memory-canary-secret-0009");
    expect(page.url()).not.toMatch(CANARY);
    await page.fill(field("taskmanager.memory.flink.size"), "3g");
    await page.fill(field("taskmanager.numberOfTaskSlots"), "3");
    const link = await page.inputValue("#share");
    const params = new URLSearchParams(new URL(link).hash.slice(1));
    expect([...params.keys()].sort()).toEqual(["flink", "process", "taskmanager.memory.flink.size", "taskmanager.numberOfTaskSlots"]);
    const before = await diagramBytes(page);
    const again = await context.newPage();
    await again.goto(link);
    await again.waitForSelector("#diagram svg");
    expect(await again.inputValue(field("taskmanager.memory.flink.size"))).toBe("3g");
    expect(await again.inputValue("#flink")).toBe("1.20");
    expect(await diagramBytes(again)).toEqual(before);
    await context.close();
  });

  it("offers a minimal configuration that resolves to the same result, and copies it", async () => {
    const { page, context } = await open("#flink=2.0&process=tm");
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    await page.fill(field("taskmanager.memory.process.size"), "4g");
    await page.fill(field("taskmanager.memory.managed.fraction"), "0.4");
    await page.fill(field("taskmanager.memory.framework.heap.size"), "128m");
    expect(await page.textContent("#min-yaml")).toBe("taskmanager.memory.process.size: 4g\n");
    expect(await page.textContent("#min-d")).toBe("-Dtaskmanager.memory.process.size=4g");
    await page.click('button[data-copy="jvm"]');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await page.textContent("#jvm"));
    await context.close();
  });

  it("explains a component on keyboard focus with the engine's words", async () => {
    const { page, context } = await open("#flink=2.0&process=tm&taskmanager.memory.process.size=2g");
    await page.focus('#diagram [data-component="network"]');
    const r = resolveTaskManager({ flink: "2.0", dynamic: [["taskmanager.memory.process.size", "2g"]] });
    expect(await page.textContent("#component-info")).toBe(explainComponent(r.trace, "network"));
    // Every control is labelled for screen readers.
    const unlabelled = await page.$$eval("input, select, textarea", (els) =>
      els.filter((e) => (e as HTMLInputElement).labels?.length === 0 && !e.getAttribute("aria-label")).map((e) => e.id),
    );
    expect(unlabelled).toEqual([]);
    // Tab order reaches the fields.
    await page.focus("#flink");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.tagName)).toMatch(/SUMMARY|INPUT/);
    await context.close();
  });

  it("fits 360 px and follows dark mode", async () => {
    const { page, context } = await open("#flink=2.0&process=tm&taskmanager.memory.process.size=4g", { width: 360, dark: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe("rgb(20, 23, 27)");
    await page.screenshot({ path: ARTIFACTS + "narrow-dark.png", fullPage: true });
    await context.close();
  });

  it("shows managed memory per slot and consumer, and the network buffers a topology needs", async () => {
    const dynamic: [string, string][] = [["taskmanager.memory.process.size", "4g"], ["taskmanager.numberOfTaskSlots", "4"]];
    const { page, context } = await open("#flink=2.0&process=tm&" + dynamic.map(([k, v]) => `${k}=${v}`).join("&"));
    await page.click("#inside > summary");
    await toolsReady(page);
    // No state backend configured: the heap default, so a streaming job's STATE_BACKEND takes nothing.
    const heap = slotsBreakdown({ flink: "2.0", dynamic });
    expect(await page.textContent("#slots-assumptions")).toBe(heap.assumptions.summary);
    await page.selectOption("#state-backend", "rocksdb");
    await page.check("#python");
    await page.fill("#stateful-ops", "3");
    const b = slotsBreakdown({ flink: "2.0", dynamic, stateBackend: "rocksdb", python: true, statefulOperators: 3 });
    const shown = await page.$$eval("#slots-table tbody tr", (rows) => rows.map((r) => [r.getAttribute("data-consumer"), r.getAttribute("data-bytes")]));
    expect(shown).toEqual(b.consumers.map((c) => [c.useCase, String(c.bytes)]));
    expect(shown.map(([c]) => c)).toEqual(["STATE_BACKEND", "PYTHON"]);
    expect(await page.textContent("#slots-summary")).toContain("shared by its 3 stateful operators");
    expect(await page.textContent("#slots-assumptions")).toContain("the state backend is rocksdb as given");
    // The configuration's state.backend.type field decides when the panel says "as configured".
    await page.selectOption("#state-backend", "");
    await page.fill(field("state.backend.type"), "rocksdb");
    expect(await page.textContent("#slots-assumptions")).toContain("the state backend is rocksdb from state.backend.type");
    await page.selectOption("#job", "batch");
    expect(await page.$$eval("#slots-table tbody tr", (rows) => rows.map((r) => r.getAttribute("data-consumer")))).toEqual(["OPERATOR", "PYTHON"]);
    const topology = await page.inputValue("#topology");
    const n = networkBuffers({ flink: "2.0", dynamic, topology: parseTopologyText(topology) });
    expect(await page.getAttribute("#network-summary", "data-required")).toBe(String(n.requiredBuffers));
    await page.fill("#topology", topology.replace("parallelism: 8", "parallelism: 64"));
    const bigger = networkBuffers({ flink: "2.0", dynamic, topology: parseTopologyText(topology.replace("parallelism: 8", "parallelism: 64")) });
    expect(await page.getAttribute("#network-summary", "data-required")).toBe(String(bigger.requiredBuffers));
    await page.fill("#topology", "vertices: []");
    expect(await page.textContent("#network-error")).toContain("Invalid topology");
    await page.screenshot({ path: ARTIFACTS + "slots-network.png", fullPage: true });
    await context.close();
  });

  it("works from file:// too", async () => {
    const { page, context } = await open("#flink=2.0&process=tm&taskmanager.memory.process.size=4g", { url: PAGE_FILE.href });
    const r = resolveTaskManager({ flink: "2.0", dynamic: [["taskmanager.memory.process.size", "4g"]] });
    expect(await diagramBytes(page)).toEqual(engineBytes(r.spec, "tm"));
    await context.close();
  });

  it("makes no network request besides loading the page itself and its tools script", () => {
    const others = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith(PAGE_FILE.href));
    expect(requests.length).toBeGreaterThan(0);
    expect(others).toEqual([]);
    const docs = new Set(requests.map((u) => u.split("#")[0]));
    const tools = toolsFileName();
    // The tools script is fetched by its name alone: nothing the user typed travels with it.
    expect([...docs].sort()).toEqual([server.url, PAGE_FILE.href, server.url + tools].sort());
  });
});
