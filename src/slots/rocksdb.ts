/**
 * How RocksDB splits the memory it is given per slot into its shared block cache and its
 * write buffer manager (`RocksDBMemoryControllerUtils`), in Java's double arithmetic.
 * @module
 */

/** Java's `(long)` cast of a non-negative double below 2^63: truncation. */
function longOf(x: number): bigint {
  return BigInt(Math.trunc(x));
}

/** Block cache capacity: `(long) ((3 - writeBufferRatio) * total / 3)`. */
export function rocksDbCacheCapacity(total: bigint, writeBufferRatio: number): bigint {
  return longOf(((3 - writeBufferRatio) * Number(total)) / 3);
}

/** Write buffer manager capacity: `(long) (2 * total * writeBufferRatio / 3)`, where `2 * total` is a long. */
export function rocksDbWriteBufferManagerCapacity(total: bigint, writeBufferRatio: number): bigint {
  return longOf((Number(2n * total) * writeBufferRatio) / 3);
}

/** `MemoryManager.computeMemorySize`: `(long) Math.floor(slotManagedBytes * fraction)` in doubles. */
export function computeMemorySize(slotManagedBytes: bigint, fraction: number): bigint {
  return BigInt(Math.floor(Number(slotManagedBytes) * fraction));
}
