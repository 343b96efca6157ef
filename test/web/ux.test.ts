// The calculator as a user meets it, in Debian's Chromium: the answer stays in view, one name and
// one share per thing across cards, diagram, table and flags, calm while typing, fixes that keep
// focus and scroll, set fields that look set, and colours that meet WCAG contrast.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { resolveTaskManager } from "../../src/resolve.js";
import { shareText } from "../../src/render/table.js";
import { leafComponents } from "../../src/render/svg.js";
import { launch, PAGE_FILE, servePage, toolsReady } from "../support/browser.js";

const ARTIFACTS = fileURLToPath(new URL("../../artifacts/web/", import.meta.url));
let browser: Browser;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launch();
  server = await servePage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const field = (key: string) => `#opt-${key.replace(/[^a-zA-Z0-9-]/g, "_")}`;

async function open(hash: string, width = 1280, height = 900, dark = false): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: dark ? "dark" : "light" });
  const page = await context.newPage();
  await page.goto(server.url + hash);
  await page.waitForSelector("#diagram svg, #error:not([hidden])");
  return page;
}

/** Whether the element's box is inside the viewport (at least partly, and its top visible). */
async function inView(page: Page, selector: string): Promise<boolean> {
  return page.$eval(selector, (e) => {
    const r = e.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.top < innerHeight && r.bottom > 0;
  });
}

describe("the answer stays in view", () => {
  it("desktop: the summary cards stay in view while a field far down the form is edited", async () => {
    const page = await open("#flink=2.2&process=tm&taskmanager.memory.process.size=4g");
    const target = field("taskmanager.memory.jvm-overhead.fraction");
    await page.$eval(target, (e) => e.scrollIntoView({ block: "center" }));
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(500);
    await page.fill(target, "0.2");
    expect(await inView(page, "#cards")).toBe(true);
    expect(await inView(page, "#diagram svg")).toBe(true);
    await page.screenshot({ path: ARTIFACTS + "desktop-scrolled.png" });
    await page.context().close();
  });
  it("phone (390 px): a pinned summary with the numbers and errors; the full result a tap away", async () => {
    const page = await open("#flink=2.2&process=tm&taskmanager.memory.process.size=4g", 390, 844);
    const spec = resolveTaskManager({ flink: "2.2", dynamic: [["taskmanager.memory.process.size", "4g"]] }).spec;
    await page.$eval(field("taskmanager.memory.managed.fraction"), (e) => e.scrollIntoView({ block: "center" }));
    await page.fill(field("taskmanager.memory.managed.fraction"), "0.4");
    expect(await inView(page, "#pinned")).toBe(true);
    expect(await page.textContent("#pinned-text")).toContain("Heap 1.55 GiB");
    expect(spec.jvmHeap).toBe(1664299798n);
    await page.fill(field("taskmanager.memory.managed.fraction"), "2");
    await page.press(field("taskmanager.memory.managed.fraction"), "Tab");
    expect(await page.textContent("#pinned-text")).toMatch(/^Flink refuses this configuration: /);
    await page.screenshot({ path: ARTIFACTS + "phone-pinned.png" });
    await page.click("#to-result");
    expect(await inView(page, "#result-title")).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("result-title");
    await page.context().close();
  });
});

describe("one name and one share per thing", () => {
  it("cards, table, diagram and flags agree on names, bytes and shares", async () => {
    const dynamic: [string, string][] = [["taskmanager.memory.process.size", "4g"]];
    const r = resolveTaskManager({ flink: "2.2", dynamic });
    const page = await open("#flink=2.2&process=tm&taskmanager.memory.process.size=4g");
    const cards = await page.$$eval("#cards .card", (cs) => cs.map((c) => [c.getAttribute("data-card"), c.querySelector(".card-name")!.textContent, c.querySelector(".card-bytes")!.textContent]));
    const card = (id: string) => cards.find((c) => c[0] === id)!;
    expect(card("jvmDirect")[1]).toBe("JVM Direct Memory");
    expect(card("jvmDirect")[2]).toBe(`${r.spec.jvmDirect} bytes · ${shareText(r.spec.jvmDirect, r.spec.totalProcess)}`);
    expect(await page.textContent("#jvm")).toContain(`-XX:MaxDirectMemorySize=${r.spec.jvmDirect}`);
    expect(card("jvmHeap")[2]).toContain(`${r.spec.jvmHeap} bytes`);
    const rows = await page.$$eval("#components tbody tr", (trs) => trs.map((tr) => [tr.getAttribute("data-component"), tr.children[0]!.textContent, tr.children[2]!.textContent, tr.children[3]!.textContent]));
    const row = (c: string) => rows.find((x) => x[0] === c)!;
    expect(row("offHeap")[1]).toBe("JVM Direct Memory");
    expect(row("offHeap")[2]).toBe(String(r.spec.jvmDirect));
    // The diagram's bracket is Flink's "Off-Heap Memory": managed + direct.
    expect(await page.getAttribute('#diagram [data-group="Off-Heap Memory"]', "data-bytes")).toBe(String(r.spec.managed + r.spec.jvmDirect));
    expect(await page.$('#diagram [data-group="Off-Heap"]')).toBeNull();
    // Shares: the diagram's label and the table's cell, to the digit.
    for (const leaf of leafComponents("tm")) {
      const label = await page.textContent(`#diagram [data-component="${leaf}"] text`);
      expect(label).toContain(row(leaf)[3]!);
    }
    await page.context().close();
  });
});

describe("fields", () => {
  it("name, key, default and unit; a set field looks set and resets; presets fill the form", async () => {
    const page = await open("#flink=2.2&process=tm");
    const f = page.locator(`.field[data-key="taskmanager.memory.managed.fraction"]`);
    expect(await f.locator(".name").textContent()).toBe("Managed fraction");
    expect(await f.locator(".key").textContent()).toBe("taskmanager.memory.managed.fraction");
    expect(await page.getAttribute(field("taskmanager.memory.managed.fraction"), "placeholder")).toBe("default: 0.4");
    expect(await f.locator(".desc").textContent()).toContain("a fraction");
    expect(await f.getAttribute("class")).not.toContain("set");
    await page.fill(field("taskmanager.memory.managed.fraction"), "0.3");
    expect(await f.getAttribute("class")).toContain("set");
    await f.locator(".reset-field").click();
    expect(await page.inputValue(field("taskmanager.memory.managed.fraction"))).toBe("");
    expect(await f.getAttribute("class")).not.toContain("set");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("opt-taskmanager_memory_managed_fraction");
    await page.click('button[data-preset="rocksdb-4g"]');
    expect(await page.inputValue(field("taskmanager.memory.process.size"))).toBe("4g");
    expect(await page.inputValue(field("taskmanager.numberOfTaskSlots"))).toBe("2");
    await page.click('button[data-preset="small-jm"]');
    expect(await page.isChecked('input[name="process"][value="jm"]')).toBe(true);
    expect(await page.inputValue(field("jobmanager.memory.process.size"))).toBe("1g");
    // The TaskManager's values stay when a JobManager preset is chosen.
    expect(await page.inputValue(field("taskmanager.memory.process.size"))).toBe("4g");
    await page.context().close();
  });
  it("'Read as' shows only where the release reads both files; a version switch keeps values aside", async () => {
    const page = await open("#flink=2.2&process=tm");
    expect(await page.isVisible("#paste-kind-field")).toBe(false);
    await page.selectOption("#flink", "1.20");
    await page.click("#paste > summary");
    expect(await page.isVisible("#paste-kind-field")).toBe(true);
    await page.fill(field("taskmanager.heap.size"), "2g");
    await page.selectOption("#flink", "2.0");
    expect(await page.textContent("#dropped")).toContain("kept aside");
    await page.selectOption("#flink", "1.20");
    expect(await page.inputValue(field("taskmanager.heap.size"))).toBe("2g");
    expect(await page.textContent("#dropped")).toContain("Restored taskmanager.heap.size");
    await page.context().close();
  });
});

describe("calm while typing", () => {
  it("a change updates the diagram, cards and table in place: the same elements, new numbers", async () => {
    const page = await open("#flink=2.2&process=tm&taskmanager.memory.process.size=4g&jobmanager.memory.process.size=1600m");
    await page.evaluate(() => {
      const w = window as unknown as { kept: Element[] };
      w.kept = ["#diagram [data-component=network]", "#cards [data-card=jvmHeap]", '#components tr[data-component="network"]'].map((s) => document.querySelector(s)!);
    });
    const network4g = (await page.getAttribute("#diagram [data-component=network]", "data-bytes"))!;
    await page.fill(field("taskmanager.memory.process.size"), "8g");
    await page.waitForFunction(() => document.querySelector('#diagram [data-group="Total Process Memory"]')?.getAttribute("data-bytes") === String(8 * 2 ** 30));
    const same = await page.evaluate(() => {
      const w = window as unknown as { kept: Element[] };
      return ["#diagram [data-component=network]", "#cards [data-card=jvmHeap]", '#components tr[data-component="network"]'].map((s, i) => document.querySelector(s) === w.kept[i]);
    });
    expect(same).toEqual([true, true, true]);
    // The kept elements carry the new numbers: the diagram's and the table's network agree, and grew.
    const network = await page.getAttribute("#diagram [data-component=network]", "data-bytes");
    expect(await page.textContent('#components tr[data-component="network"] td.bytes')).toBe(network);
    expect(BigInt(network!)).toBeGreaterThan(BigInt(network4g));
    // A JobManager has other parts: the diagram and table follow the new structure.
    await page.check('input[name="process"][value="jm"]');
    await page.waitForSelector("#diagram [data-component=jvmHeap]");
    expect(await page.$$eval("#diagram [data-component=network]", (l) => l.length)).toBe(0);
    expect(await page.$$eval('#components tr[data-component="network"]', (l) => l.length)).toBe(0);
    await page.context().close();
  });

  it("typing 4096m shows no error on the way, keeps the panels as they are and announces little", async () => {
    const page = await open("#flink=2.2&process=tm&taskmanager.memory.process.size=1728m");
    await page.evaluate(() => {
      const w = window as unknown as { shown: number; announced: number };
      w.shown = 0;
      w.announced = 0;
      new MutationObserver(() => {
        if (!document.getElementById("error")!.hidden) w.shown++;
      }).observe(document.getElementById("error")!, { attributes: true, attributeFilter: ["hidden"] });
      new MutationObserver(() => w.announced++).observe(document.getElementById("announce")!, { childList: true, characterData: true, subtree: true });
      // Every other live region must stay quiet while typing.
      (window as unknown as { others: string[] }).others = [];
      for (const r of document.querySelectorAll("[role=status], [role=alert], [aria-live]")) {
        if (r.id === "announce") continue;
        new MutationObserver(() => (window as unknown as { others: string[] }).others.push(r.id)).observe(r, { childList: true, characterData: true, subtree: true });
      }
    });
    await page.click("#inside > summary");
    await toolsReady(page);
    const input = field("taskmanager.memory.process.size");
    await page.fill(input, "");
    await page.type(input, "4096m", { delay: 60 });
    await page.waitForTimeout(900);
    const counts = await page.evaluate(() => {
      const w = window as unknown as { shown: number; announced: number };
      return { shown: w.shown, announced: w.announced };
    });
    expect(counts.shown).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { others: string[] }).others)).toEqual([]);
    expect(counts.announced).toBeLessThanOrEqual(2);
    expect(await page.isHidden("#error")).toBe(true);
    expect(await page.textContent("#announce")).toMatch(/^TaskManager: total process 4 GiB, JVM heap /);
    expect(await page.evaluate(() => (document.getElementById("derivation") as HTMLDetailsElement).open)).toBe(false);
    // A value Flink refuses: the last good answer stays, dimmed, until the pause.
    await page.fill(input, "1x");
    expect(await page.getAttribute("#result", "class")).toContain("stale");
    expect(await page.isHidden("#error")).toBe(true);
    await page.waitForSelector("#error:not([hidden])");
    expect(await page.evaluate(() => (document.getElementById("derivation") as HTMLDetailsElement).open)).toBe(false);
    expect(await page.getAttribute("#error", "role")).toBeNull();
    expect((await page.textContent("#announce"))!.length).toBeLessThan(200);
    await page.context().close();
  });
});

describe("fixes and errors", () => {
  it("every field the error names is marked; Apply keeps focus on the form and the page where it was", async () => {
    const page = await open("#flink=2.2&process=tm&taskmanager.memory.process.size=512m");
    await page.waitForSelector("#error:not([hidden])");
    expect(await page.getAttribute(field("taskmanager.memory.process.size"), "aria-invalid")).toBe("true");
    await page.waitForSelector("#fixes li button");
    await page.$eval("#fixes li button", (b) => b.scrollIntoView({ block: "center" }));
    const before = await page.evaluate(() => scrollY);
    await page.focus("#fixes li button");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#diagram svg");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-key"))).toBe("taskmanager.memory.process.size");
    expect(Math.abs((await page.evaluate(() => scrollY)) - before)).toBeLessThan(5);
    expect(await page.getAttribute(field("taskmanager.memory.process.size"), "aria-invalid")).toBeNull();
    await page.context().close();
  });
  it("a cause that repeats the message is not printed twice; the slot inputs speak with their labels", async () => {
    const page = await open("#flink=2.2&process=tm&taskmanager.memory.process.size=4g");
    await page.click("#inside > summary");
    await toolsReady(page);
    await page.fill("#stateful-ops", "2.5");
    expect(await page.textContent("#slots-error")).toContain("Stateful operators per slot must be a whole number");
    expect(await page.textContent("#slots-error")).not.toContain("statefulOperators");
    await page.fill("#stateful-ops", "3");
    const shares = await page.$$eval("#slots-table tbody td:nth-child(3)", (tds) => tds.map((t) => t.textContent!));
    for (const s of shares) expect(s.length).toBeLessThanOrEqual(10);
    await page.context().close();
  });
});

describe("flags, keyboard and contrast", () => {
  it("a flag never breaks inside at 360 px; the skip link is the first Tab stop", async () => {
    const page = await open("#flink=2.2&process=tm&taskmanager.memory.process.size=4g", 360, 800);
    const broken = await page.$$eval("#jvm .token, #dyn .token", (ts) =>
      ts.filter((t) => t.getClientRects().length > 1 || (t as HTMLElement).offsetHeight > parseFloat(getComputedStyle(t).lineHeight) * 1.5 && t.textContent!.length < 40).map((t) => t.textContent),
    );
    expect(broken).toEqual([]);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("skip");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("result-title");
    await page.context().close();
  });
  for (const dark of [false, true]) {
    it(`contrast (${dark ? "dark" : "light"}): diagram labels 4.5:1 on their boxes, the focus ring 3:1 on the page and on every box, placeholders 4.5:1, input borders 3:1`, async () => {
      const page = await open("#flink=2.2&process=tm&taskmanager.memory.process.size=4g", 1280, 900, dark);
      const r = await page.evaluate(() => {
        const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
        const lum = (c: string) => {
          const [r, g, b] = rgb(c).map((v) => {
            const s = v / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
        };
        const ratio = (a: string, b: string) => {
          const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
          return (x! + 0.05) / (y! + 0.05);
        };
        const page = getComputedStyle(document.body).backgroundColor;
        const focus = getComputedStyle(document.documentElement).getPropertyValue("--focus").trim();
        const probe = document.createElement("div");
        document.body.append(probe);
        probe.style.color = focus;
        const focusRgb = getComputedStyle(probe).color;
        probe.remove();
        const boxes = [...document.querySelectorAll("#diagram .fm-box")].map((g) => ({
          name: g.getAttribute("data-component"),
          fill: getComputedStyle(g.querySelector("rect")!).fill,
          text: getComputedStyle(g.querySelector("text")!).fill,
        }));
        const input = document.querySelector("#opt-taskmanager_memory_flink_size") as HTMLInputElement;
        const ph = getComputedStyle(input, "::placeholder").color;
        const inputBg = getComputedStyle(input).backgroundColor;
        const border = getComputedStyle(input).borderTopColor;
        return {
          labels: boxes.map((b) => [b.name, ratio(b.text, b.fill)]),
          focusPage: ratio(focusRgb, page),
          focusBoxes: boxes.map((b) => [b.name, ratio(focusRgb, b.fill)]),
          placeholder: ratio(ph, inputBg),
          border: ratio(border, page),
        };
      });
      for (const [name, c] of r.labels) expect(c, `label of ${name}`).toBeGreaterThanOrEqual(4.5);
      expect(r.focusPage).toBeGreaterThanOrEqual(3);
      for (const [name, c] of r.focusBoxes) expect(c, `focus ring on ${name}`).toBeGreaterThanOrEqual(3);
      expect(r.placeholder).toBeGreaterThanOrEqual(4.5);
      expect(r.border).toBeGreaterThanOrEqual(3);
      await page.context().close();
    });
  }
  it("from file:// the share field holds the fragment, not a local path", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(PAGE_FILE.href + "#flink=2.2&process=tm&taskmanager.memory.process.size=4g");
    await page.waitForSelector("#diagram svg");
    expect(await page.inputValue("#share")).toBe("#flink=2.2&process=tm&taskmanager.memory.process.size=4g");
    await context.close();
  });
  it("a diagnosed failure points at its part on the diagram, until the paste is cleared", async () => {
    const page = await open("#flink=2.2&process=tm&taskmanager.memory.process.size=4g");
    await page.fill("#diagnose-paste", "java.io.IOException: Insufficient number of network buffers: required 25, but only 5 available. The total number of network buffers is currently set to 2048 of 32768 bytes each.");
    await page.waitForSelector('#diagram [data-component="network"].fm-fault');
    expect(await page.getAttribute('#diagram [data-component="network"]', "aria-label")).toContain("at fault: network-buffers");
    expect(await page.$$eval("#diagram .fm-fault", (g) => g.length)).toBe(1);
    // The mark survives a redraw of the diagram.
    await page.fill(field("taskmanager.memory.process.size"), "5g");
    await page.waitForSelector('#diagram [data-component="network"].fm-fault');
    await page.click("#diagnose-clear");
    await page.waitForFunction(() => document.querySelectorAll("#diagram .fm-fault").length === 0);
    await page.context().close();
  });
  it("carries the configuration to another version, the same in effect, as `flink-memory migrate` does", async () => {
    const page = await open("#flink=1.16&process=tm&taskmanager.memory.process.size=32g&jobmanager.memory.process.size=2g");
    await page.click("#migrate > summary");
    await toolsReady(page);
    await page.selectOption("#migrate-to", "2.2");
    const text = (await page.textContent("#migrate-file"))!;
    expect(text).toContain("taskmanager.memory.network.max: 1g\n");
    expect(await page.textContent("#migrate-summary")).toContain("TaskManager: the same layout (checked)");
    const a = resolveTaskManager({ flink: "1.16", dynamic: [["taskmanager.memory.process.size", "32g"]] });
    const b = resolveTaskManager({ flink: "2.2", configYaml: text });
    expect(b.jvmParameters).toBe(a.jvmParameters);
    expect(await page.$$eval("#migrate-notes li.note-added", (l) => l.length)).toBe(2);
    await page.context().close();
  });
});
