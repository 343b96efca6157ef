// STUB until the docker branch lands.
import type { Finding } from "./finding.js";
export function lintComposeText(_text: string, _opts: { source: string; flink?: string }): { findings: Finding[]; relevant: boolean } {
  return { findings: [], relevant: false };
}
