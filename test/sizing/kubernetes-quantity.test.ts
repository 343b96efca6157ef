import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseContainerSize, parseKubernetesQuantity } from "../../src/sizing/kubernetes-quantity.js";
import { FlinkError } from "../../src/errors.js";

describe("Kubernetes quantities", () => {
  it("reads binary and decimal suffixes, exponents and plain numbers as Kubernetes does", () => {
    expect(parseKubernetesQuantity("4Gi").bytes).toBe(4n * 1024n ** 3n);
    expect(parseKubernetesQuantity("4096Mi").bytes).toBe(4n * 1024n ** 3n);
    expect(parseKubernetesQuantity("4G").bytes).toBe(4_000_000_000n);
    expect(parseKubernetesQuantity("4e9").bytes).toBe(4_000_000_000n);
    expect(parseKubernetesQuantity("4E9").bytes).toBe(4_000_000_000n);
    expect(parseKubernetesQuantity("1E").bytes).toBe(10n ** 18n);
    expect(parseKubernetesQuantity("1.5Gi").bytes).toBe(1610612736n);
    expect(parseKubernetesQuantity("128974848").bytes).toBe(128974848n);
    expect(parseKubernetesQuantity("129e6").bytes).toBe(129000000n);
    expect(parseKubernetesQuantity("123Mi").bytes).toBe(128974848n);
    expect(parseKubernetesQuantity("1k").bytes).toBe(1000n);
  });

  it("rounds fractional bytes up, as Quantity.Value() does (milli-bytes included)", () => {
    expect(parseKubernetesQuantity("100m")).toEqual({ bytes: 1n, roundedUp: true, suffix: "milli" });
    expect(parseKubernetesQuantity("1500m")).toEqual({ bytes: 2n, roundedUp: true, suffix: "milli" });
    expect(parseKubernetesQuantity("0.5")).toMatchObject({ bytes: 1n, roundedUp: true });
    expect(parseKubernetesQuantity("2000m")).toMatchObject({ bytes: 2n, roundedUp: false });
  });

  it("rejects what is no quantity, negative memory and sizes beyond 2^63-1", () => {
    for (const bad of ["4GB", "4gi", "Gi", "-1Gi", "4 Gi", "", "8Ei", "1e19", "0x10"]) {
      expect(() => parseKubernetesQuantity(bad), bad).toThrow(FlinkError);
    }
  });

  it("agrees with exact arithmetic on random quantities", () => {
    const suffixes: [string, bigint, bigint][] = [["Ki", 1024n, 1n], ["Mi", 1024n ** 2n, 1n], ["Gi", 1024n ** 3n, 1n], ["k", 1000n, 1n], ["M", 10n ** 6n, 1n], ["G", 10n ** 9n, 1n], ["", 1n, 1n], ["m", 1n, 1000n]];
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.integer({ min: 0, max: 3 }), fc.constantFrom(...suffixes), (digits, decimals, [suffix, mul, div]) => {
        const s = digits.toString().padStart(decimals + 1, "0");
        const text = decimals ? `${s.slice(0, -decimals)}.${s.slice(-decimals)}` : s;
        const den = 10n ** BigInt(decimals) * div;
        const num = digits * mul;
        expect(parseKubernetesQuantity(text + suffix).bytes).toBe((num + den - 1n) / den);
      }),
    );
  });
});

describe("container sizes in either notation", () => {
  it("4G is Kubernetes' 4*10^9 bytes, and says Flink would read 4g as 4 GiB", () => {
    const c = parseContainerSize("4G");
    expect(c).toMatchObject({ bytes: 4_000_000_000n, reading: "kubernetes" });
    expect(c.note).toBe("4G (Kubernetes) = 4,000,000,000 bytes = 3.725 GiB; Flink would read '4g' as 4 GiB");
  });

  it("4Gi and 4096Mi are 4 GiB; 4g and 4096m are Flink's 4 GiB", () => {
    for (const t of ["4Gi", "4096Mi", "4g", "4096m", "4 gb", "4294967296"]) expect(parseContainerSize(t).bytes, t).toBe(4n * 1024n ** 3n);
    expect(parseContainerSize("4g").reading).toBe("flink");
    expect(parseContainerSize("4Gi").note).toContain("(Flink: 4g)");
    expect(parseContainerSize("512k").note).toContain("Kubernetes would read '512k' as 512,000 bytes");
  });
});
