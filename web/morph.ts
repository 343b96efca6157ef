/**
 * Makes a container's children equal to freshly built ones by changing only what differs: the
 * same elements keep their boxes, so a keystroke that changes a few numbers re-lays out and
 * repaints a few text runs instead of every row, card and diagram box (which was most of the
 * time from a change to the painted frame).
 */

function sameShape(a: Node, b: Node): boolean {
  return a.nodeType === b.nodeType && a.nodeName === b.nodeName;
}

function morphAttributes(to: Element, from: Element): void {
  const next = from.attributes;
  for (let i = 0; i < next.length; i++) {
    const a = next[i]!;
    if (to.getAttribute(a.name) !== a.value) to.setAttribute(a.name, a.value);
  }
  // Every new attribute is now on `to`: as many means none is left over (the usual case).
  if (to.attributes.length === next.length) return;
  for (const name of to.getAttributeNames()) if (!from.hasAttribute(name)) to.removeAttribute(name);
}

function morphNode(to: Node, from: Node): void {
  if (to.nodeType === Node.TEXT_NODE) {
    if (to.nodeValue !== from.nodeValue) to.nodeValue = from.nodeValue;
    return;
  }
  if (to instanceof Element && from instanceof Element) morphAttributes(to, from);
  morphChildren(to, from);
}

/** `to`'s children become `from`'s (which may be taken over). */
export function morphChildren(to: Node, from: Node): void {
  const next = [...from.childNodes];
  let old = to.firstChild;
  for (const n of next) {
    if (old && sameShape(old, n)) {
      morphNode(old, n);
      old = old.nextSibling;
    } else {
      to.insertBefore(n, old);
    }
  }
  while (old) {
    const gone = old;
    old = old.nextSibling;
    to.removeChild(gone);
  }
}

/** Builds children with `fill` into a detached copy of nothing, then morphs `to` into them. */
export function morphInto(to: Element, fill: (into: DocumentFragment) => void): void {
  const fragment = document.createDocumentFragment();
  fill(fragment);
  morphChildren(to, fragment);
}

const lastMarkup = new WeakMap<Element, string>();

/** The same for markup (the diagram's SVG): parsed once, detached, then morphed in; the same markup again is nothing to do. */
export function morphMarkup(to: Element, markup: string): void {
  if (lastMarkup.get(to) === markup && to.firstChild) return;
  lastMarkup.set(to, markup);
  const template = document.createElement("template");
  template.innerHTML = markup;
  morphChildren(to, template.content);
}
