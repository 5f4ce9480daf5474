/**
 * The CDN bundle's autoloader: an element outside the up-front set is fetched the first time its tag
 * appears, in the page or inside an Insights element's shadow root (an element that renders another
 * one, such as a dashboard), or the moment `document.createElement` makes it (how React, Vue and
 * Angular create elements). Until then the element is a placeholder (placeholders.ts) that keeps the
 * properties set on it; once defined, it upgrades in place and receives them (ADR 019).
 */
import { LAZY_ELEMENTS } from './lazy-elements.js';
import { installPlaceholders } from './placeholders.js';

/** The hook IgElement calls with its shadow root (a registered symbol: any copy of the library finds it). */
export const AUTOLOAD_HOOK = Symbol.for('@indigitall/insights:autoload');

const loading = new Map<string, Promise<unknown>>();

/** Fetches and defines `tag` once; undefined for tags that are not lazy. */
export function loadElement(tag: string): Promise<unknown> | undefined {
  const load = LAZY_ELEMENTS[tag];
  if (!load || customElements.get(tag)) return undefined;
  let pending = loading.get(tag);
  if (!pending) {
    pending = load().catch((err: unknown) => {
      loading.delete(tag); // a failed fetch is retried the next time the tag appears
      console.error(`indigitall Insights: could not load <${tag}>`, err);
    });
    loading.set(tag, pending);
  }
  return pending;
}

/** Loads every lazy element used in `root` (itself included when it is an element). */
export function discover(root: ParentNode): void {
  if (root instanceof Element && root.localName in LAZY_ELEMENTS) void loadElement(root.localName);
  for (const tag of Object.keys(LAZY_ELEMENTS)) {
    if (!customElements.get(tag) && root.querySelector(tag)) void loadElement(tag);
  }
}

const observed = new WeakSet<Node>();

/** Discovers now and whenever nodes are added under `root`. */
export function observe(root: Document | ShadowRoot): void {
  if (observed.has(root)) return;
  observed.add(root);
  discover(root);
  new MutationObserver((records) => {
    for (const r of records) for (const node of r.addedNodes) if (node instanceof Element) discover(node);
  }).observe(root, { childList: true, subtree: true });
}

/** Starts the autoloader on the document and offers the hook to every Insights element. */
export function startAutoloader(): void {
  installPlaceholders(Object.keys(LAZY_ELEMENTS)).created = (tag) => void loadElement(tag);
  (globalThis as Record<symbol, unknown>)[AUTOLOAD_HOOK] = observe;
  observe(document);
}
