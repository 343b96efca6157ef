// The README's webhook answers are real: each `--data-binary @FILE … | jq .response` block is what
// the webhook answers to that example review.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { reviewAdmission } from "../../src/admission/review.js";
import { ROOT } from "../support/golden.js";

const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const shown = [...readme.matchAll(/^\$ curl .*--data-binary @(\S+) .*\| jq \.response\n([\s\S]*?)(?=^\$ |^```)/gm)];

describe("README: admission webhook answers", () => {
  it("shows a refusal and a warning", () => expect(shown.map((m) => m[1])).toEqual(["examples/webhook/review-refused.json", "examples/webhook/review-warned.json"]));
  for (const [, file, answer] of shown) {
    it(file!, () => {
      const r = reviewAdmission(readFileSync(join(ROOT, file!), "utf8"));
      expect(r.ok).toBe(true);
      if (r.ok) expect(JSON.parse(answer!)).toEqual(r.answer.response);
    });
  }
});
