// The element catalog (demo/public/catalog/catalog.js) over the real custom-elements.json plus one
// element that is not in any build: every element listed, indexed, with its API tables.
import { expect, fixture, html } from '@open-wc/testing';
import '../../index.js';
import { expectAccessible } from '../../testing/axe.js';
import { FIXTURE_API, stubApi, type ApiStub } from '../../testing/fixtures.js';
import { afterEach, beforeEach, describe, it } from '../../testing/mocha.js';
import { until } from '../../testing/stack.js';

interface Declaration {
  tagName?: string;
  customElement?: boolean;
  attributes?: { name: string }[];
  events?: { name: string }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
  slots?: { name: string }[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}
interface Catalog {
  SECTIONS: string[];
  renderCatalog(options: { manifest: Manifest; root: Element; index: Element }): HTMLElement[];
}

const CATALOG = '/demo/public/catalog/catalog.js';
const load = (): Promise<Catalog> => import(/* @vite-ignore */ CATALOG);

describe('element catalog', () => {
  let api: ApiStub;
  beforeEach(() => {
    api = stubApi({ '/v1/meta': 'getMeta', '/v1/kpis': ({ params }) => `getKpis.${params.get('channel')}` });
  });
  afterEach(() => api.restore());

  it('lists every element of custom-elements.json with an index, a live example and its API tables', async () => {
    const { renderCatalog, SECTIONS } = await load();
    const manifest = (await (await fetch('/custom-elements.json')).json()) as Manifest;
    manifest.modules.push({ path: 'x.ts', declarations: [{ tagName: 'ig-not-built', customElement: true, attributes: [{ name: 'foo' }] }] });
    const tags = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => d.tagName!).sort();
    expect(tags).to.include.members(['ig-channel-kpis', 'ig-filter-bar', 'ig-freshness', 'ig-provider', 'ig-not-built']);

    // The page's own styles (index links of a comfortable target size).
    const style = document.createElement('style');
    style.textContent = await (await fetch('/demo/public/catalog/catalog.css')).text();
    const root = await fixture<HTMLDivElement>(html`
      <div>
        <nav class="index" aria-label="Elements"><ol></ol></nav>
        <ig-provider api=${FIXTURE_API} token="t" locale="en"><main></main></ig-provider>
      </div>
    `);
    root.prepend(style);
    const sections = renderCatalog({ manifest, root: root.querySelector('main')!, index: root.querySelector('ol')! });
    expect(sections.map((s) => s.dataset['tag'])).to.deep.equal(tags);
    expect([...root.querySelectorAll('ol a')].map((a) => [a.textContent, a.getAttribute('href')])).to.deep.equal(tags.map((t) => [`<${t}>`, `#${t}`]));

    for (const decl of manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName)) {
      const section = root.querySelector<HTMLElement>(`section#${decl.tagName}`)!;
      expect(section.querySelector('h2')!.textContent).to.equal(`<${decl.tagName}>`);
      expect([...section.querySelectorAll('h3')].map((h) => h.textContent)).to.deep.equal(['Example', ...SECTIONS]);
      const column = (caption: string) =>
        [...section.querySelectorAll('table')].find((t) => t.caption!.textContent!.startsWith(caption));
      const names = (caption: string, col = 0) => [...(column(caption)?.tBodies[0]!.rows ?? [])].map((r) => r.cells[col]!.textContent);
      expect(names('Attributes and properties', 1), decl.tagName).to.include.members((decl.attributes ?? []).map((a) => a.name));
      expect(names('Events'), decl.tagName).to.deep.equal((decl.events ?? []).map((e) => e.name));
      expect(names('CSS parts'), decl.tagName).to.deep.equal((decl.cssParts ?? []).map((p) => p.name));
      expect(names('CSS custom properties'), decl.tagName).to.deep.equal((decl.cssProperties ?? []).map((p) => p.name));
      expect(names('Slots'), decl.tagName).to.deep.equal((decl.slots ?? []).map((s) => s.name || '(default)'));
    }

    // Typed, with defaults: ig-channel-kpis' `channel` and ig-filter-bar's `no-period`.
    const row = (tag: string, attr: string) =>
      [...root.querySelectorAll<HTMLTableRowElement>(`section#${tag} tbody tr`)].find((r) => r.cells[1]!.textContent === attr)!;
    expect(row('ig-channel-kpis', 'channel').cells[2]!.textContent).to.equal('IgKpiChannel | undefined');
    expect(row('ig-filter-bar', 'no-period').cells[3]!.textContent).to.equal('false');

    // Live examples of defined elements, inside the provider; the others say so.
    const kpis = root.querySelector('[data-example="ig-channel-kpis"] ig-channel-kpis')!;
    await until(() => kpis.shadowRoot!.querySelector('[part="value"]'), 5000, 'live KPIs');
    const missing = root.querySelector('[data-example="ig-not-built"]')!;
    expect(missing.textContent).to.equal('Not in this build: <ig-not-built> is not defined by the loaded bundle.');
    expect(missing.hasAttribute('data-missing')).to.equal(true);
    await expectAccessible(root);

    // A lazily defined element replaces the notice with its example.
    customElements.define('ig-not-built', class extends HTMLElement {});
    await until(() => !missing.hasAttribute('data-missing'), 2000, 'example after define');
    expect(missing.querySelector('ig-not-built')).to.exist;
  });

  it('renders text from the manifest as text, never as markup', async () => {
    const { renderCatalog } = await load();
    const evil = '<img src=x onerror="window.__pwned=1">';
    const manifest: Manifest = {
      modules: [{ path: 'evil.ts', declarations: [{ tagName: 'ig-evil', customElement: true, summary: evil, description: `a ${evil} b`, events: [{ name: evil }] } as Declaration]}],
    };
    const root = await fixture<HTMLDivElement>(html`<div><ol></ol><main></main></div>`);
    renderCatalog({ manifest, root: root.querySelector('main')!, index: root.querySelector('ol')! });
    expect(root.querySelectorAll('img')).to.have.length(0);
    expect(root.querySelector('.summary')!.textContent).to.equal(evil);
    await new Promise((r) => setTimeout(r, 20));
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});
