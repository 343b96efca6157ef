/**
 * A proportional bar of the memory model for terminals: one character cell per 1/width of
 * the total process memory, each component with its own letter (and colour, when the shell
 * applies one).
 * @module
 */
import type { ComponentName } from "../model/trace.js";
import type { TaskManagerSpec } from "../model/taskmanager.js";
import type { JobManagerSpec } from "../model/jobmanager.js";
import { componentLabel, shortSize } from "./table.js";

export interface BarSegment {
  name: ComponentName;
  letter: string;
  bytes: bigint;
  cells: number;
}

const TM_PARTS: [ComponentName, string][] = [
  ["frameworkHeap", "F"], ["taskHeap", "T"], ["managed", "M"], ["frameworkOffHeap", "O"],
  ["taskOffHeap", "o"], ["network", "N"], ["metaspace", "S"], ["overhead", "V"],
];
const JM_PARTS: [ComponentName, string][] = [["jvmHeap", "H"], ["offHeap", "O"], ["metaspace", "S"], ["overhead", "V"]];

/** Splits `width` cells by share (largest remainder), giving every non-empty part at least one cell. */
export function barSegments(spec: TaskManagerSpec | JobManagerSpec, width: number): BarSegment[] {
  const parts = spec.kind === "tm" ? TM_PARTS : JM_PARTS;
  const values = parts.map(([name]) => (spec as unknown as Record<string, bigint>)[name === "metaspace" ? "metaspace" : name === "overhead" ? "overhead" : name]!);
  const total = values.reduce((a, b) => a + b, 0n);
  if (total === 0n) return parts.map(([name, letter], i) => ({ name, letter, bytes: values[i]!, cells: 0 }));
  const exact = values.map((v) => (Number(v) / Number(total)) * width);
  const cells = exact.map((x, i) => (values[i]! > 0n ? Math.max(1, Math.floor(x)) : 0));
  let left = width - cells.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0 && k < order.length * 2; k++) {
    const i = order[k % order.length]![1];
    if (values[i]! > 0n) {
      cells[i]!++;
      left--;
    }
  }
  while (left < 0) {
    const i = cells.indexOf(Math.max(...cells));
    cells[i]!--;
    left++;
  }
  return parts.map(([name, letter], i) => ({ name, letter, bytes: values[i]!, cells: cells[i]! }));
}

/** The bar and its legend as plain text; `paint` may colour a segment's cells. */
export function formatBar(
  spec: TaskManagerSpec | JobManagerSpec,
  width = 72,
  paint: (name: ComponentName, text: string) => string = (_n, t) => t,
): string {
  const segs = barSegments(spec, width);
  const bar = segs.map((s) => paint(s.name, s.letter.repeat(s.cells))).join("");
  const legend = segs
    .filter((s) => s.bytes > 0n)
    .map((s) => `${paint(s.name, s.letter)} ${componentLabel(s.name)} ${shortSize(s.bytes)}`);
  const lines: string[] = [];
  let line = "";
  for (const item of legend) {
    // Keep legend lines near the bar's width (colour codes do not count).
    const visible = item.replace(/\u001b\[[0-9;]*m/g, "");
    const current = line.replace(/\u001b\[[0-9;]*m/g, "");
    if (current.length > 0 && current.length + visible.length + 3 > width + 2) {
      lines.push(line);
      line = "";
    }
    line += (line ? "   " : "") + item;
  }
  if (line) lines.push(line);
  return `Total Process Memory ${shortSize(spec.totalProcess)}\n[${bar}]\n${lines.map((l) => " " + l).join("\n")}`;
}
