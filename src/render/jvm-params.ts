/**
 * The JVM flags Flink's start-up scripts pass (`ProcessMemoryUtils.generateJvmParametersStr`).
 * @module
 */
export interface JvmSizes {
  jvmHeap: bigint;
  jvmDirect: bigint;
  metaspace: bigint;
}

/** `-Xmx.. -Xms.. [-XX:MaxDirectMemorySize=..] -XX:MaxMetaspaceSize=..`, plain bytes. */
export function jvmParameters(spec: JvmSizes, directMemoryLimit = true): string {
  const heap = String(spec.jvmHeap);
  const direct = directMemoryLimit ? ` -XX:MaxDirectMemorySize=${spec.jvmDirect}` : "";
  return `-Xmx${heap} -Xms${heap}${direct} -XX:MaxMetaspaceSize=${spec.metaspace}`;
}
