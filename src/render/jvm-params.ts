/**
 * The JVM flags Flink's start-up scripts pass (`ProcessMemoryUtils.generateJvmParametersStr`).
 * @module
 */
import { FieldText } from "./field-text.js";

export interface JvmSizes {
  jvmHeap: bigint;
  jvmDirect: bigint;
  metaspace: bigint;
}

const HEAP = new FieldText();
const DIRECT = new FieldText();
const METASPACE = new FieldText();

/** `-Xmx.. -Xms.. [-XX:MaxDirectMemorySize=..] -XX:MaxMetaspaceSize=..`, plain bytes. */
export function jvmParameters(spec: JvmSizes, directMemoryLimit = true): string {
  const heap = HEAP.of(spec.jvmHeap);
  const direct = directMemoryLimit ? " -XX:MaxDirectMemorySize=" + DIRECT.of(spec.jvmDirect) : "";
  return "-Xmx" + heap + " -Xms" + heap + direct + " -XX:MaxMetaspaceSize=" + METASPACE.of(spec.metaspace);
}
