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
  const direct = directMemoryLimit ? ` -XX:MaxDirectMemorySize=${spec.jvmDirect}` : "";
  return `-Xmx${spec.jvmHeap} -Xms${spec.jvmHeap}${direct} -XX:MaxMetaspaceSize=${spec.metaspace}`;
}
