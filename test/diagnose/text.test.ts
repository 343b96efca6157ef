import { describe, expect, it } from "vitest";
import { dynamicFlags, lineRanges } from "../../src/diagnose/text.js";

describe("finding text shared by the CLI and the page", () => {
  it("compacts evidence lines into ranges", () => {
    expect(lineRanges([7, 1, 2, 3, 3, 9, 10])).toBe("1-3, 7, 9-10");
    expect(lineRanges([])).toBe("");
  });
  it("writes settings as -D flags", () => {
    expect(dynamicFlags([["taskmanager.memory.process.size", "4g"], ["taskmanager.memory.managed.fraction", "0.2"]])).toBe("-D taskmanager.memory.process.size=4g -D taskmanager.memory.managed.fraction=0.2");
  });
});
