/**
 * The memory model as an SVG picture, drawn like the figures of Flink's documentation: one
 * column of boxes from JVM heap down to JVM overhead, heights proportional to the bytes, with
 * brackets for JVM Heap, Off-Heap, Total Flink Memory and Total Process Memory beside it.
 * Pure string output, so the page, the CLI and tests all draw the same picture.
 * @module
 */
import type { TaskManagerSpec } from "../model/taskmanager.js";
import type { JobManagerSpec } from "../model/jobmanager.js";
import type { ComponentName } from "../model/trace.js";
import { componentLabel, shareText, shortSize } from "./table.js";

export interface SvgBox {
  name: ComponentName;
  bytes: bigint;
  y: number;
  height: number;
}

export interface SvgOptions {
  /** Height of the boxes' column, in SVG units (default 420). */
  height?: number;
  /** Width of the whole picture, in SVG units (default 360: fits a phone). */
  width?: number;
  /** Smallest box height, so every label stays readable (default 22). */
  minBox?: number;
}

const TM_LEAVES: ComponentName[] = ["frameworkHeap", "taskHeap", "managed", "frameworkOffHeap", "taskOffHeap", "network", "metaspace", "overhead"];
const JM_LEAVES: ComponentName[] = ["jvmHeap", "offHeap", "metaspace", "overhead"];

/** Which brackets group the leaves: [label, first leaf, last leaf, nesting column]. */
const TM_GROUPS: [string, ComponentName, ComponentName, number][] = [
  ["Total Process Memory", "frameworkHeap", "overhead", 0],
  ["Total Flink Memory", "frameworkHeap", "network", 1],
  ["JVM Heap", "frameworkHeap", "taskHeap", 2],
  // Flink's docs call managed + direct memory "Off-Heap Memory"; the direct part alone is the JVM's.
  ["Off-Heap Memory", "managed", "network", 2],
];
const JM_GROUPS: [string, ComponentName, ComponentName, number][] = [
  ["Total Process Memory", "jvmHeap", "overhead", 0],
  ["Total Flink Memory", "jvmHeap", "offHeap", 1],
];

export function leafComponents(kind: "tm" | "jm"): readonly ComponentName[] {
  return kind === "tm" ? TM_LEAVES : JM_LEAVES;
}

function leafBytes(spec: TaskManagerSpec | JobManagerSpec, name: ComponentName): bigint {
  return (spec as unknown as Record<string, bigint>)[name]!;
}

/**
 * Box heights: every box gets `minBox`, the rest of the column is shared in proportion to the
 * bytes (largest remainder, whole units), so a 0-byte box still shows its label.
 */
export function layoutBoxes(spec: TaskManagerSpec | JobManagerSpec, height = 420, minBox = 22): SvgBox[] {
  const names = leafComponents(spec.kind);
  const bytes = names.map((n) => leafBytes(spec, n));
  const total = bytes.reduce((a, b) => a + b, 0n);
  const spare = Math.max(0, height - minBox * names.length);
  // Shares in parts per million keep the division in bigint for sizes near 2^63.
  const ppm = bytes.map((b) => (total === 0n ? 0 : Number((b * 1_000_000n) / total)));
  const exact = ppm.map((p) => (p / 1_000_000) * spare);
  const extra = exact.map(Math.floor);
  let left = spare - extra.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0 || total === 0n) break;
    extra[i]!++;
    left--;
  }
  let y = 0;
  return names.map((name, i) => {
    const h = minBox + extra[i]!;
    const box = { name, bytes: bytes[i]!, y, height: h };
    y += h;
    return box;
  });
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");


/**
 * The SVG markup. Each box is a focusable group carrying `data-component` and `data-bytes`,
 * so a page can explain it on hover or focus and tests can read the exact numbers.
 */
export function memoryModelSvg(spec: TaskManagerSpec | JobManagerSpec, options: SvgOptions = {}): string {
  const width = options.width ?? 360;
  const colHeight = options.height ?? 420;
  const boxes = layoutBoxes(spec, colHeight, options.minBox ?? 22);
  const groups = spec.kind === "tm" ? TM_GROUPS : JM_GROUPS;
  const top = 8;
  const bracketCol = 16;
  const boxX = 8 + bracketCol * 3 + 4;
  const boxW = width - boxX - 8;
  const out: string[] = [];
  const title = spec.kind === "tm" ? "TaskManager memory model" : "JobManager memory model";
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${colHeight + top * 2}" class="fm-model" role="group" aria-label="${esc(`${title}: ${shortSize(spec.totalProcess)} total process memory`)}">`,
  );
  for (const [label, first, last, col] of groups) {
    const a = boxes.find((b) => b.name === first)!;
    const z = boxes.find((b) => b.name === last)!;
    const y1 = top + a.y + 2;
    const y2 = top + z.y + z.height - 2;
    const x = 8 + col * bracketCol + 10;
    const bytes = boxes.filter((b) => b.y >= a.y && b.y <= z.y).reduce((s, b) => s + b.bytes, 0n);
    const mid = (y1 + y2) / 2;
    out.push(
      `<g class="fm-bracket" data-group="${esc(label)}" data-bytes="${bytes}"><path d="M${x + 5} ${y1}H${x}V${y2}H${x + 5}"/>` +
        `<text x="${x - 3}" y="${mid}" transform="rotate(-90 ${x - 3} ${mid})" text-anchor="middle">${esc(y2 - y1 > 90 ? `${label} ${shortSize(bytes)}` : label.replace(" Memory", ""))}</text></g>`,
    );
  }
  for (const b of boxes) {
    const y = top + b.y;
    const label = componentLabel(b.name);
    const text = `${label} ${shortSize(b.bytes)} · ${shareText(b.bytes, spec.totalProcess)}`;
    out.push(
      `<g class="fm-box fm-${b.name}${b.bytes === 0n ? " fm-empty" : ""}" tabindex="0" data-component="${b.name}" data-bytes="${b.bytes}" aria-label="${esc(`${label}: ${shortSize(b.bytes)} (${b.bytes} bytes)`)}">` +
        `<rect x="${boxX}" y="${y}" width="${boxW}" height="${b.height}" rx="3"/>` +
        `<text x="${boxX + 8}" y="${y + b.height / 2}" dominant-baseline="central">${esc(text)}</text></g>`,
    );
  }
  out.push("</svg>");
  return out.join("");
}
