/**
 * Placeholders for elements that are not defined yet (the CDN bundle's lazy elements, and every element
 * while the classic loader is still fetching the module). React 19 and Vue 3 set a property on a custom
 * element only when `name in element`; otherwise they write an attribute, and an object becomes
 * `layout="[object Object]"`. So every `ig-*` element that `document.createElement` makes before its
 * definition gets a placeholder prototype: to `in` it answers yes for any property-like name (a
 * lower-case identifier: `layout`, `tokenProvider`, `noExport`), and it keeps the values set under such
 * names aside. When the definition arrives, the upgrade gives the element its real prototype (the HTML
 * standard sets it), and IgElement hands the kept values to the real setters, or writes an attribute
 * for a name the element turns out not to have, as the framework would have (base/early-properties.ts).
 * Names that are not property-like (a framework's own `_vei`, `__reactFiber$…`, `aria-*`, `data-*`)
 * and everything an HTMLElement has behave as always. No list of properties to keep in step. ADR 019.
 */
/** What every copy of the library on the page shares (the classic loader's and the module's). */
export interface IgPlaceholders {
  /** Values set on elements before their definition. */
  values: WeakMap<Element, Map<string, unknown>>;
  /** Gives a not-yet-defined `ig-*` element the placeholder prototype. */
  placehold(element: Element): void;
  /** Called with the tag of each element created before its definition (the autoloader fetches it). */
  created?: (tag: string) => void;
}

export const PLACEHOLDERS = Symbol.for('@indigitall/insights:placeholders');

/**
 * Installs the placeholders once per page (wrapping `Document.prototype.createElement`) for `tags`;
 * returns them. The first install wins: the classic loader's, for every tag (element-tags.ts), or the
 * CDN module's, for its lazy tags.
 */
export function installPlaceholders(tags: readonly string[]): IgPlaceholders {
  const global = globalThis as Record<symbol, IgPlaceholders | undefined>;
  if (global[PLACEHOLDERS]) return global[PLACEHOLDERS];
  const values = new WeakMap<Element, Map<string, unknown>>();
  const base = HTMLElement.prototype;
  const ours = (key: string | symbol): key is string => typeof key === 'string' && /^[a-z][a-zA-Z0-9]*$/.test(key) && !(key in base);
  const proto = new Proxy(base, {
    has: (target, key) => ours(key) || key in target,
    get: (target, key, receiver) => (ours(key) ? values.get(receiver)?.get(key) : Reflect.get(target, key, receiver)),
    set(target, key, value, receiver) {
      if (!ours(key)) return Reflect.set(target, key, value, receiver);
      let own = values.get(receiver);
      if (!own) values.set(receiver, (own = new Map()));
      own.set(key, value);
      return true;
    },
  });
  const state: IgPlaceholders = {
    values,
    placehold(element) {
      const tag = element.localName;
      if (!tags.includes(tag) || customElements.get(tag) || Object.getPrototypeOf(element) !== base) return;
      Object.setPrototypeOf(element, proto);
      state.created?.(tag);
    },
  };
  const create = Document.prototype.createElement;
  Document.prototype.createElement = function (this: Document, tag: string, options?: ElementCreationOptions) {
    const element = create.call(this, tag, options);
    state.placehold(element);
    return element;
  } as typeof create;
  return (global[PLACEHOLDERS] = state);
}
