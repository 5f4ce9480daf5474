/**
 * `customElements.define`, guarded: defining a tag twice throws, and a page may load two copies of
 * the library (an npm build and the CDN bundle), or define a tag of ours itself. The first definition
 * wins. A second copy of indigitall Insights only warns; a page's own element of the same name is an
 * error the console names, since the Insights elements that need ours will not work.
 */
const INSIGHTS_ELEMENT = Symbol.for('@indigitall/insights:element');

export function defineElement(name: string, constructor: CustomElementConstructor): void {
  (constructor as unknown as Record<symbol, boolean>)[INSIGHTS_ELEMENT] = true;
  const existing = customElements.get(name);
  if (!existing) customElements.define(name, constructor);
  else if (existing === constructor) return;
  else if ((existing as unknown as Record<symbol, boolean>)[INSIGHTS_ELEMENT]) {
    console.warn(`<${name}> is already defined by another copy of indigitall Insights; that definition is kept.`);
  } else {
    console.error(`<${name}> is already defined by the page (class ${existing.name}), not by indigitall Insights: rename the page's element.`);
  }
}
