/** Terminal colours: only on a TTY, never with NO_COLOR set (https://no-color.org). */
import type { ComponentName } from "../src/model/trace.js";

export function useColour(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true && process.env.TERM !== "dumb";
}

const CODES: Partial<Record<ComponentName, number>> = {
  frameworkHeap: 44, taskHeap: 104, jvmHeap: 104, managed: 42, frameworkOffHeap: 45,
  taskOffHeap: 105, offHeap: 45, network: 43, metaspace: 46, overhead: 47,
};

export function paintComponent(name: ComponentName, text: string): string {
  const c = CODES[name];
  return c && text ? `\u001b[${c};30m${text}\u001b[0m` : text;
}
