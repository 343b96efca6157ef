// `batch --flink V` answers a case that names no version as version V (a case's own wins).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/golden.js";

const BIN = join(ROOT, "bin", "flink-memory.js");
const batch = (lines: object[], args: string[] = []) => {
  const r = spawnSync(process.execPath, [BIN, "batch", ...args], { encoding: "utf8", input: lines.map((l) => JSON.stringify(l)).join("\n") + "\n" });
  expect(r.status).toBe(0);
  return r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
};

describe("flink-memory batch --flink", () => {
  const input = { dynamic: [["taskmanager.memory.process.size", "4g"]] };
  it("is the version of cases without one, and a case's own version wins", () => {
    const [defaulted, own] = batch([{ id: 1, mode: "tm", input }, { id: 2, flink: "2.0", mode: "tm", input }], ["--flink", "1.10"]);
    const [as110] = batch([{ id: 1, flink: "1.10", mode: "tm", input }]);
    const [as20, newest] = batch([{ id: 2, flink: "2.0", mode: "tm", input }, { id: 1, mode: "tm", input }]);
    expect(defaulted).toEqual(as110);
    expect(own).toEqual(as20);
    // 1.10 prints its dynamic configs in another order than the newest release: the default took effect.
    expect(defaulted!.dynamicConfigs).not.toBe(newest!.dynamicConfigs);
  });
});
