/**
 * Kubernetes resource quantities (`4Gi`, `4G`, `4096Mi`, `1.5Gi`, `4e9`) as byte counts, exactly
 * as Kubernetes reads them: binary suffixes are powers of 1024, decimal ones powers of 1000,
 * `m` is milli (1/1000), and a fractional byte count rounds up (`Quantity.Value()`).
 * And a container size written either way: Kubernetes (`4G` = 4,000,000,000 bytes) or Flink
 * (`4g` = 4 GiB), with a note saying which reading was taken.
 * @module
 */
import { illegalArgument, FlinkError } from "../errors.js";
import { ceilDecimal, parseKubernetesQuantity as parseQuantity, truncDecimal } from "../k8s/quantity.js";
import { MAX_BYTES, parseMemorySize } from "../size/memory-size.js";
import { shortSize } from "../render/table.js";

const BINARY_SUFFIX = /^[+-]?[\d.]+(Ki|Mi|Gi|Ti|Pi|Ei)$/;
const MILLI_SUFFIX = /^[+-]?[\d.]+m$/;

export interface KubernetesQuantity {
  /** Bytes, rounded up to a whole byte as Kubernetes does. */
  bytes: bigint;
  /** The quantity was not a whole number of bytes (e.g. `100m`, `0.5`). */
  roundedUp: boolean;
  /** Which kind of suffix: binary (Ki…Ei), decimal (k…E, exponents, none) or milli. */
  suffix: "binary" | "decimal" | "milli";
}

/**
 * Parses a Kubernetes quantity as a memory size (the grammar is the one `lint` and `k8s` use);
 * throws an IllegalArgument FlinkError when it is not one.
 */
export function parseKubernetesQuantity(text: string): KubernetesQuantity {
  const t = text.trim();
  const d = parseQuantity(t);
  if (!d) throw illegalArgument(`'${text}' is not a Kubernetes quantity (e.g. 4Gi, 4096Mi, 4G, 4e9)`);
  if (d.unscaled < 0n) throw illegalArgument(`'${text}': a memory size cannot be negative`);
  const bytes = ceilDecimal(d);
  if (bytes > MAX_BYTES) throw illegalArgument(`'${text}' is more than ${MAX_BYTES} bytes`);
  return { bytes, roundedUp: truncDecimal(d) !== bytes, suffix: BINARY_SUFFIX.test(t) ? "binary" : MILLI_SUFFIX.test(t) ? "milli" : "decimal" };
}

export interface ContainerSize {
  bytes: bigint;
  /** How the text was read. */
  reading: "kubernetes" | "flink";
  /** E.g. "4G (Kubernetes) = 4,000,000,000 bytes = 3.73 GiB; Flink would read '4g' as 4 GiB". */
  note: string;
}

const grouped = (b: bigint) => b.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/**
 * A container size in either notation. Kubernetes suffixes (Ki…Ei, upper-case M G T P E,
 * exponents, decimals) are read as Kubernetes does; everything else as Flink's `MemorySize`
 * (case-insensitive binary units: 4g = 4 GiB). A lower-case `m` is Flink's mebibytes here:
 * Kubernetes' milli-bytes make no sense for a container.
 */
export function parseContainerSize(text: string): ContainerSize {
  const t = text.trim();
  const k8s = /^[+-]?(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|k|M|G|T|P|E)$/.test(t) || /^[+-]?\d*\.\d+$/.test(t);
  if (k8s && !/^\d+k$/.test(t)) {
    const q = parseKubernetesQuantity(t);
    const exact = `${grouped(q.bytes)} bytes = ${shortSize(q.bytes)}`;
    const m = /^(.*?)([A-Za-z]+)$/.exec(t);
    let note = `${t} (Kubernetes) = ${exact}${q.roundedUp ? " (rounded up to a whole byte, as Kubernetes does)" : ""}`;
    if (m && q.suffix === "decimal" && /^[MGTPE]$/.test(m[2]!)) {
      const flinkText = `${m[1]}${m[2]!.toLowerCase()}`;
      try {
        note += `; Flink would read '${flinkText}' as ${shortSize(parseMemorySize(flinkText))}`;
      } catch (e) {
        if (!(e instanceof FlinkError)) throw e;
        note += `; Flink has no decimal units`;
      }
    } else if (m && q.suffix === "binary") note += ` (Flink: ${m[1]}${m[2]![0]!.toLowerCase()})`;
    return { bytes: q.bytes, reading: "kubernetes", note };
  }
  const bytes = parseMemorySize(t);
  let note = `${t} (Flink) = ${grouped(bytes)} bytes = ${shortSize(bytes)}`;
  const unit = /^\d+\s*([a-zA-Z]+)$/.exec(t)?.[1];
  if (unit === "k") note += `; Kubernetes would read '${t}' as ${grouped(parseKubernetesQuantity(t).bytes)} bytes (write ${t.slice(0, -1)}Ki there)`;
  else if (unit) note += "; in Kubernetes write it with a binary suffix (Ki, Mi, Gi, Ti)";
  return { bytes, reading: "flink", note };
}
