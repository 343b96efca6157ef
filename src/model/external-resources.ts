/**
 * External resources of a TaskManager (`external-resources: gpu;fpga` with
 * `external-resource.<name>.amount`), as `ExternalResourceUtils` reads them.
 * @module
 */
import type { Configuration } from "../config/configuration.js";
import { rawToString } from "../config/raw-value.js";
import { javaHashMapOrder } from "../java/hash-map.js";
import type { OptionSet } from "../options/registry.js";
import type { ConfigOption } from "../options/types.js";
import { has } from "../versions/features.js";

export interface ExternalResource {
  readonly name: string;
  /** The configured amount (a long). */
  readonly amount: bigint;
  /**
   * What Flink's spec holds: `ExternalResource(name, double)` keeps the amount as a double, so
   * above 2^53 it is the nearest double, written in plain digits (2^63-1 → 9223372036854776000).
   */
  readonly value: string;
  /** The dynamic config's `longValue()` of that value: its low 64 bits (9223372036854776000 → -9223372036854775616). */
  readonly longValue: bigint;
}

/**
 * `BigDecimal.valueOf((double) amount).toPlainString()` as Flink's JDKs (11, 17) compute it:
 * `Double.toString` of a whole number below 2^63 takes the exact value of the double and rounds
 * away the digits its 53 bits cannot tell apart (FloatingDecimal's `developLongDigits`), e.g.
 * 2665923002109814907 → the double 2665923002109814784 → "2665923002109814800".
 */
export function wholeDoubleText(amount: bigint): string {
  const d = Number(amount);
  const exact = BigInt(d);
  const binExp = exact.toString(2).length - 1;
  if (binExp > 62) {
    // Only 2^63 (the nearest double of the largest longs) takes FloatingDecimal's general path: 9.223372036854776E18.
    const [mantissa, exp] = d.toExponential().split("e") as [string, string];
    const digits = mantissa.replace(".", "");
    return digits + "0".repeat(Number(exp) - (digits.length - 1));
  }
  const insignificant = binExp > 53 ? (INSIGNIFICANT_DIGITS[binExp - 54] ?? 0) : 0;
  if (insignificant === 0) return exact.toString();
  const pow10 = 10n ** BigInt(insignificant);
  let kept = exact / pow10;
  if (exact % pow10 >= pow10 / 2n) kept++;
  return `${kept}${"0".repeat(insignificant)}`;
}

/** FloatingDecimal's `insignificantDigitsNumber`: decimal digits 2^p2 makes meaningless (by p2). */
const INSIGNIFICANT_DIGITS = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 9];

/** Enabled resources with a positive amount, in the order Flink's hash maps iterate them. */
export function externalResourcesOf(config: Configuration, o: OptionSet): ExternalResource[] {
  const listOption = o.find<"list">("tm.externalResources");
  if (!listOption) return [];
  const found = config.lookup(listOption);
  if (!found || rawToString(found.entry.value) === "none") return [];
  const names = javaHashMapOrder([...new Set(config.get(listOption) ?? [])]);
  const out: ExternalResource[] = [];
  for (const name of names) {
    const amountOption: ConfigOption<"long"> = {
      ...listOption,
      id: `external-resource.${name}.amount`,
      key: `external-resource.${name}.amount`,
      type: "long",
      defaultValue: undefined,
      defaultText: "null",
      fallbackKeys: [],
    };
    const amountFound = config.lookup(amountOption);
    if (!amountFound) continue;
    const amount = config.convert(amountOption, amountFound);
    if (amount > 0n) {
      const whole = wholeDoubleText(amount);
      // Before FLINK-22505 (1.14) the value kept BigDecimal.valueOf's scale: "9.0" below 10^7.
      const value = !has(o.version, "cpuResourceScale8") && Number(amount) < 1e7 ? `${whole}.0` : whole;
      out.push({ name, amount, value, longValue: BigInt.asIntN(64, BigInt(whole)) });
    }
  }
  return out;
}
