/**
 * The iteration order of a Java `HashMap<String, ?>` filled by `put` in a given order.
 * Flink assembles dynamic configs from a `HashMap`, so its key order is this order.
 * @module
 */
import { javaHashCode } from "./text.js";

const ORDER_CACHE = new Map<string, readonly string[]>();

/** Keys in the order a Java 8+ `HashMap` (default capacity 16, load factor 0.75) iterates them. */
export function javaHashMapOrder(keysInInsertionOrder: readonly string[]): readonly string[] {
  // The same few key sets recur (one per process kind and version): compute each once.
  let cacheKey = "";
  for (const k of keysInInsertionOrder) cacheKey += k + "\n";
  let order = ORDER_CACHE.get(cacheKey);
  if (!order) {
    order = computeOrder(keysInInsertionOrder);
    if (ORDER_CACHE.size > 1000) ORDER_CACHE.clear();
    ORDER_CACHE.set(cacheKey, order);
  }
  return order;
}

function computeOrder(keysInInsertionOrder: readonly string[]): string[] {
  // Later puts of an existing key keep the first position.
  const seen = new Set<string>();
  const keys: string[] = [];
  for (const k of keysInInsertionOrder) {
    if (!seen.has(k)) {
      seen.add(k);
      keys.push(k);
    }
  }
  let capacity = 16;
  // Resizing happens after the insert that makes size exceed the threshold; a split keeps
  // relative order within a bucket, so the final order depends only on the final capacity
  // and the insertion order. Tree bins (8+ colliding keys) never occur for our key sets.
  let size = 0;
  for (let i = 0; i < keys.length; i++) {
    size++;
    if (size > capacity * 0.75) capacity *= 2;
  }
  const spread = (h: number) => h ^ (h >>> 16);
  const buckets = new Map<number, string[]>();
  for (const k of keys) {
    const b = spread(javaHashCode(k)) & (capacity - 1);
    let list = buckets.get(b);
    if (!list) buckets.set(b, (list = []));
    list.push(k);
  }
  return [...buckets.keys()].sort((a, b) => a - b).flatMap((b) => buckets.get(b)!);
}

/**
 * Keys in the order a Java 17 `HashMap` iterates them after `new HashMap<>()` and
 * `putAll(source)`, where `sourceOrder` is the source map's iteration order. `putAll` into an
 * empty map sizes the table once, to `tableSizeFor((int) (size / 0.75f + 1.0f))` (JDK 19+:
 * `ceil(size / 0.75)`, so the order depends on the JVM Flink runs on), which may be smaller or
 * larger than the source's, so the order is the source order regrouped by bucket of that table.
 */
export function javaHashMapPutAllOrder(sourceOrder: readonly string[], jdk = 17): string[] {
  const size = sourceOrder.length;
  if (size === 0) return [];
  // JDK 8-18: (int) ((float) s / 0.75f + 1.0f); JDK 19+ (JDK-8281631): (int) Math.ceil(s / 0.75).
  const t = jdk >= 19 ? Math.ceil(size / 0.75) : Math.trunc(Math.fround(Math.fround(size / 0.75) + 1));
  const capacity = tableSizeFor(t);
  const spread = (h: number) => h ^ (h >>> 16);
  const buckets = new Map<number, string[]>();
  for (const k of sourceOrder) {
    const b = spread(javaHashCode(k)) & (capacity - 1);
    let list = buckets.get(b);
    if (!list) buckets.set(b, (list = []));
    list.push(k);
  }
  return [...buckets.keys()].sort((a, b) => a - b).flatMap((b) => buckets.get(b)!);
}

/** `HashMap.tableSizeFor`: the smallest power of two at least `cap` (1 for 0 or 1). */
function tableSizeFor(cap: number): number {
  let n = 1;
  while (n < cap) n *= 2;
  return Math.min(n, 2 ** 30);
}
