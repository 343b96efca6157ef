#!/usr/bin/env node
// The README's screenshots of the built page (npm run build:web first), taken in Debian's
// Chromium at a desktop and a phone width: `node scripts/screenshots.mjs`.
import { chromium } from "playwright-core";

const page = new URL("../dist/web/index.html", import.meta.url).href;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
const shots = [
  { file: "docs/calculator.png", width: 1280, height: 900, hash: "#flink=2.2&process=tm&taskmanager.memory.process.size=4g&taskmanager.numberOfTaskSlots=4" },
  { file: "docs/calculator-phone.png", width: 390, height: 844, hash: "#flink=2.2&process=tm&taskmanager.memory.process.size=4g&taskmanager.numberOfTaskSlots=4", scrollTo: "#opt-taskmanager_memory_managed_fraction" },
];
for (const s of shots) {
  const p = await browser.newPage({ viewport: { width: s.width, height: s.height }, deviceScaleFactor: 1 });
  await p.goto(page + s.hash);
  await p.waitForSelector("#diagram svg");
  if (s.scrollTo) await p.$eval(s.scrollTo, (e) => e.scrollIntoView({ block: "center" }));
  await p.screenshot({ path: new URL(`../${s.file}`, import.meta.url).pathname });
  console.log(`wrote ${s.file}`);
}
await browser.close();
