// Kubernetes quantities as Kubernetes, the operator (MemorySize first, then fabric8's Quantity) and Flink's pod sizing read them.
import { describe, expect, it } from "vitest";
import { FlinkError } from "../../src/errors.js";
import { bigDecimalToString, kubernetesBytes, lenientQuantityAmount, operatorMemory, parseKubernetesQuantity, podMemory } from "../../src/k8s/quantity.js";

const GiB = 2n ** 30n;
const MiB = 2n ** 20n;

describe("Kubernetes' own reading", () => {
  it("decimal and binary suffixes, milli, exponents", () => {
    expect(kubernetesBytes("2G")).toBe(2_000_000_000n);
    expect(kubernetesBytes("2Gi")).toBe(2n * GiB);
    expect(kubernetesBytes("2048Mi")).toBe(2048n * MiB);
    expect(kubernetesBytes("1e9")).toBe(1_000_000_000n);
    expect(kubernetesBytes("1.5Gi")).toBe(1610612736n);
    expect(kubernetesBytes("2048m")).toBe(3n); // 2.048 bytes, rounded up
    expect(parseKubernetesQuantity("2048m")).toEqual({ unscaled: 2048n, scale: 3 });
  });
  it("rejects Flink-only spellings", () => {
    for (const t of ["2g", "2Gb", "2 Gi", "4gb", "1.5.0G", "", "Gi"]) expect(kubernetesBytes(t)).toBeUndefined();
  });
});

describe("the operator's reading", () => {
  it("Flink's MemorySize first: G, M and m are binary", () => {
    expect(operatorMemory("2G")).toEqual({ bytes: 2n * GiB, via: "flink" });
    expect(operatorMemory("2048m")).toEqual({ bytes: 2048n * MiB, via: "flink" });
    expect(operatorMemory("4Gb")).toEqual({ bytes: 4n * GiB, via: "flink" });
    expect(operatorMemory("2048")).toEqual({ bytes: 2048n, via: "flink" });
  });
  it("then a Kubernetes quantity, normalised (upper case, trailing B dropped, I → i)", () => {
    expect(operatorMemory("2Gi")).toEqual({ bytes: 2n * GiB, via: "quantity", configText: "2147483648" });
    expect(operatorMemory("500mi")).toEqual({ bytes: 500n * MiB, via: "quantity", configText: "524288000" });
    expect(operatorMemory("2GiB")).toEqual({ bytes: 2n * GiB, via: "quantity", configText: "2147483648" });
    expect(operatorMemory("1e9").bytes).toBe(1_000_000_000n);
  });
  it("decimals become 'N.0' text that Flink then refuses", () => {
    for (const t of ["1.5Gi", "1.5g", "2.0Gi"]) {
      expect(() => operatorMemory(t)).toThrow(FlinkError);
    }
    try {
      operatorMemory("1.5Gi");
    } catch (e) {
      expect((e as FlinkError).message).toBe(
        "Memory size unit '.0' does not match any of the recognized units: (b | bytes) / (k | kb | kibibytes) / (m | mb | mebibytes) / (g | gb | gibibytes) / (t | tb | tebibytes)",
      );
    }
    expect(() => operatorMemory("1.5K")).toThrow("Invalid quantity format passed to parse");
  });
  it("BigDecimal arithmetic and printing as Java does", () => {
    expect(bigDecimalToString(lenientQuantityAmount("1.5Gi"))).toBe("1610612736.0");
    expect(bigDecimalToString(lenientQuantityAmount("1Ei"))).toBe("1.152921504606847E+18"); // 2^60 rounded to 16 digits
    expect(bigDecimalToString(lenientQuantityAmount("1500m"))).toBe("1.500");
    expect(bigDecimalToString({ unscaled: 5n, scale: 9 })).toBe("5E-9");
    expect(bigDecimalToString({ unscaled: -25n, scale: 1 })).toBe("-2.5");
    // 10^n rounded to 16 digits, as BigDecimal.pow(n, DECIMAL64), without computing 10^n.
    expect(bigDecimalToString(lenientQuantityAmount("1e15"))).toBe("1000000000000000");
    expect(bigDecimalToString(lenientQuantityAmount("1e16"))).toBe("1.000000000000000E+16");
    expect(bigDecimalToString(lenientQuantityAmount("3e20"))).toBe("3.000000000000000E+20");
    expect(bigDecimalToString(lenientQuantityAmount("1e999999999"))).toBe("1.000000000000000E+999999999");
    expect(bigDecimalToString(lenientQuantityAmount("1e-3"))).toBe("0.001");
    expect(() => lenientQuantityAmount("1e1000000000")).toThrow("Invalid operation");
    expect(() => lenientQuantityAmount("1e99999999999")).toThrow('For input string: "99999999999"');
  });
  it("absurd exponents are not memory sizes, and cost nothing", () => {
    expect(parseKubernetesQuantity("1e400")).toEqual({ unscaled: 1n, scale: -400 });
    expect(parseKubernetesQuantity("1e401")).toBeUndefined();
    expect(parseKubernetesQuantity("1e-99999999")).toBeUndefined();
    expect(kubernetesBytes("1e99999999")).toBeUndefined();
  });
});

describe("pod memory", () => {
  it("whole MiB, limit = (int)(MiB × factor)", () => {
    expect(podMemory(2n * GiB, 1)).toEqual({ requestMi: 2048, limitMi: 2048 });
    expect(podMemory(2n * GiB + 5n, 1.5)).toEqual({ requestMi: 2048, limitMi: 3072 });
    expect(podMemory(1000n * MiB, 1.0009)).toEqual({ requestMi: 1000, limitMi: 1000 });
    expect(podMemory(1000n * MiB + MiB - 1n, 2)).toEqual({ requestMi: 1000, limitMi: 2000 });
  });
});
