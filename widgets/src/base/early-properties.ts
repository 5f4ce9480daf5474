/**
 * Values set on an element before its class was defined reach the class's setters (ADR 019), once,
 * when the element first connects:
 * - an own property set on the unknown element (`el.layout = value` in plain code, Angular) that
 *   shadows an accessor of the class is deleted and set again through it (the "upgrade property"
 *   pattern; Lit does this itself for reactive properties only, not for a plain get/set such as the
 *   dashboard editor's `layout`);
 * - a value a placeholder kept (widgets/src/placeholders.ts: what React 19 and Vue 3 set on a lazy
 *   element before its chunk arrived).
 */
const PLACEHOLDERS = Symbol.for('@indigitall/insights:placeholders');

export function adoptEarlyProperties(element: HTMLElement): void {
  const target = element as unknown as Record<string, unknown>;
  for (const key of Object.keys(element)) {
    let proto = Object.getPrototypeOf(element);
    let accessor: PropertyDescriptor | undefined;
    while (proto && !(accessor = Object.getOwnPropertyDescriptor(proto, key))) proto = Object.getPrototypeOf(proto);
    if (accessor?.set) {
      const value = target[key];
      delete target[key];
      target[key] = value;
    }
  }
  const placeholders = (globalThis as Record<symbol, { values: WeakMap<Element, Map<string, unknown>> } | undefined>)[PLACEHOLDERS];
  const kept = placeholders?.values.get(element);
  if (kept) {
    placeholders!.values.delete(element);
    for (const [key, value] of kept) {
      // A name the element does not have: what the framework would have done for a defined element.
      if (key in element || (value !== null && typeof value === 'object') || typeof value === 'function') target[key] = value;
      else if (value != null && value !== false) element.setAttribute(key, value === true ? '' : String(value));
    }
  }
}
