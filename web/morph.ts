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
  for (const { name } of [...to.attributes]) if (!from.hasAttribute(name)) to.removeAttribute(name);
  for (const { name, value } of from.attributes) if (to.getAttribute(name) !== value) to.setAttribute(name, value);
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

/** The same for markup (the diagram's SVG): parsed once, detached, then morphed in. */
export function morphMarkup(to: Element, markup: string): void {
  const template = document.createElement("template");
  template.innerHTML = markup;
  morphChildren(to, template.content);
}
