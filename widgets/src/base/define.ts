/**
 * `customElements.define`, guarded: defining a tag twice throws, and a page may load two copies of
 * the library (an npm build and the CDN bundle). The first definition wins; a different second one
 * only warns.
 */
export function defineElement(name: string, constructor: CustomElementConstructor): void {
  const existing = customElements.get(name);
  if (!existing) customElements.define(name, constructor);
  else if (existing !== constructor) {
    console.warn(`<${name}> is already defined by another copy of indigitall Insights; that definition is kept.`);
  }
}
