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

/** `HashMap.tableSizeFor`: the smallest power of two at least `cap` (1 for 0 or 1). */
function tableSizeFor(cap: number): number {
  let n = 1;
  while (n < cap) n *= 2;
  return Math.min(n, 2 ** 30);
}

interface HashNode {
  key: string;
  hash: number;
  left: HashNode | null;
  right: HashNode | null;
  parent: HashNode | null;
  red: boolean;
}

/** A bucket: its `next` chain (iteration order) and, once treeified, the red-black tree root. */
interface Bin {
  chain: HashNode[];
  root: HashNode | null;
}

function rotateLeft(root: HashNode, p: HashNode): HashNode {
  const r = p.right;
  if (!r) return root;
  const rl = (p.right = r.left);
  if (rl) rl.parent = p;
  const pp = (r.parent = p.parent);
  if (!pp) (root = r).red = false;
  else if (pp.left === p) pp.left = r;
  else pp.right = r;
  r.left = p;
  p.parent = r;
  return root;
}

function rotateRight(root: HashNode, p: HashNode): HashNode {
  const l = p.left;
  if (!l) return root;
  const lr = (p.left = l.right);
  if (lr) lr.parent = p;
  const pp = (l.parent = p.parent);
  if (!pp) (root = l).red = false;
  else if (pp.right === p) pp.right = l;
  else pp.left = l;
  l.right = p;
  p.parent = l;
  return root;
}

/** `TreeNode.balanceInsertion` (the CLR insert fix-up, as HashMap writes it). */
function balanceInsertion(root: HashNode, x: HashNode): HashNode {
  x.red = true;
  for (;;) {
    let xp = x.parent;
    if (!xp) {
      x.red = false;
      return x;
    }
    let xpp = xp.parent;
    if (!xp.red || !xpp) return root;
    const xppl = xpp.left;
    if (xp === xppl) {
      const xppr = xpp.right;
      if (xppr && xppr.red) {
        xppr.red = false;
        xp.red = false;
        xpp.red = true;
        x = xpp;
      } else {
        if (x === xp.right) {
          root = rotateLeft(root, (x = xp));
          xp = x.parent;
          xpp = xp ? xp.parent : null;
        }
        if (xp) {
          xp.red = false;
          if (xpp) {
            xpp.red = true;
            root = rotateRight(root, xpp);
          }
        }
      }
    } else if (xppl && xppl.red) {
      xppl.red = false;
      xp.red = false;
      xpp.red = true;
      x = xpp;
    } else {
      if (x === xp.left) {
        root = rotateRight(root, (x = xp));
        xp = x.parent;
        xpp = xp ? xp.parent : null;
      }
      if (xp) {
        xp.red = false;
        if (xpp) {
          xpp.red = true;
          root = rotateLeft(root, xpp);
        }
      }
    }
  }
}

/** Direction of `x` from `p` in a tree bin: by signed hash, then `String.compareTo` (UTF-16 units). */
const direction = (x: HashNode, p: HashNode) => (p.hash > x.hash ? -1 : p.hash < x.hash ? 1 : x.key < p.key ? -1 : 1);

/** Links `x` under the tree at `root` (no duplicates here); returns the new root. */
function treeInsert(root: HashNode, x: HashNode): { root: HashNode; parent: HashNode } {
  for (let p = root; ; ) {
    const dir = direction(x, p);
    const next = dir <= 0 ? p.left : p.right;
    if (!next) {
      x.parent = p;
      if (dir <= 0) p.left = x;
      else p.right = x;
      return { root: balanceInsertion(root, x), parent: p };
    }
    p = next;
  }
}

/** `moveRootToFront`: the root becomes the first of the chain. */
function rootToFront(bin: Bin): void {
  const i = bin.chain.indexOf(bin.root!);
  if (i > 0) bin.chain.unshift(...bin.chain.splice(i, 1));
}

/** `TreeNode.treeify`: a tree built by inserting the chain in order. */
function treeify(bin: Bin): void {
  bin.root = null;
  for (const x of bin.chain) {
    x.left = x.right = x.parent = null;
    if (!bin.root) {
      x.red = false;
      bin.root = x;
    } else bin.root = treeInsert(bin.root, x).root;
  }
  rootToFront(bin);
}

/**
 * A literal run of `HashMap.put` over `keys`, returning the iteration order: lists, resizes
 * (a split keeps each half's order), `treeifyBin` (below 64 buckets it doubles the table
 * instead; from 64 a bucket of 9 becomes a red-black tree whose root moves to the front and
 * whose new keys go right after their tree parent), and a split tree becoming a list again at
 * 6 keys or fewer. `initialCapacity` is the table a `putAll` into an empty map pre-sizes.
 */
export function simulateJavaHashMap(keys: readonly string[], initialCapacity = 16): string[] {
  const spread = (h: number) => h ^ (h >>> 16);
  const newTable = (n: number): Bin[] => Array.from({ length: n }, () => ({ chain: [], root: null }));
  let table = newTable(initialCapacity);
  let threshold = Math.trunc(Math.fround(initialCapacity * 0.75));
  let size = 0;
  const resize = () => {
    const oldCap = table.length;
    const next = newTable(oldCap * 2);
    for (const bin of table) {
      const halves: [HashNode[], HashNode[]] = [[], []];
      for (const e of bin.chain) halves[e.hash & oldCap ? 1 : 0].push(e);
      halves.forEach((chain, hi) => {
        if (chain.length === 0) return;
        const target = next[(chain[0]!.hash & (oldCap - 1)) + (hi ? oldCap : 0)]!;
        target.chain = chain;
        if (!bin.root || chain.length <= 6) return;
        // A tree moved whole keeps its shape; a split half is treeified anew.
        if (halves[hi ? 0 : 1].length === 0) target.root = bin.root;
        else treeify(target);
      });
    }
    threshold = oldCap >= 16 ? threshold * 2 : Math.trunc(Math.fround(oldCap * 2 * 0.75));
    table = next;
  };
  for (const key of keys) {
    const hash = spread(javaHashCode(key));
    const bin = table[hash & (table.length - 1)]!;
    if (bin.chain.some((e) => e.key === key)) continue;
    const x: HashNode = { key, hash, left: null, right: null, parent: null, red: false };
    if (bin.root) {
      const { root, parent } = treeInsert(bin.root, x);
      bin.chain.splice(bin.chain.indexOf(parent) + 1, 0, x);
      bin.root = root;
      rootToFront(bin);
    } else {
      bin.chain.push(x);
      // treeifyBin when the new key is the 9th of a list
      if (bin.chain.length >= 9) {
        if (table.length < 64) resize();
        else treeify(bin);
      }
    }
    if (++size > threshold) resize();
  }
  return table.flatMap((b) => b.chain.map((e) => e.key));
}

/** The table `new HashMap<>().putAll(m)` pre-sizes for `size` entries (JDK 19+ rounds up). */
export function putAllCapacity(size: number, jdk = 17): number {
  const t = jdk >= 19 ? Math.ceil(size / 0.75) : Math.trunc(Math.fround(Math.fround(size / 0.75) + 1));
  return tableSizeFor(t);
}
