import { expect, fixture, html } from '@open-wc/testing';
import '../../index.js';
import './dashboard.define.js';
import type { IgErrorEvent, IgFilterChangeEvent, IgLoadEvent } from '../../events/index.js';
import { expectAccessible } from '../../testing/axe.js';
import { FIXTURE_API, problem, stubApi, type ApiStub } from '../../testing/fixtures.js';
import { afterEach, beforeEach, describe, it } from '../../testing/mocha.js';
import { nextSettled, settledEvents, testStack, twoProjects, until, valuesOf } from '../../testing/stack.js';
import type { IgChannelKpis } from '../channel-kpis/channel-kpis.js';
import type { IgFilterBar } from '../filter-bar/filter-bar.js';
import type { IgProvider } from '../provider/provider.js';
import { IgDashboard, type IgDashboardLayout } from './dashboard.js';

const LAYOUT: IgDashboardLayout = {
  title: 'SMS',
  rows: [
    {
      cells: [
        { element: 'ig-filter-bar', span: 8, attributes: { 'no-platform': true } },
        { element: 'ig-freshness', span: 4, attributes: { groups: 'sms push' } },
      ],
    },
    {
      title: 'Canales',
      cells: [
        { element: 'ig-channel-kpis', title: 'SMS', span: 6, attributes: { channel: 'sms', currency: 'EUR' } },
        { element: 'ig-channel-kpis', title: 'Seleccionado', span: 6 },
      ],
    },
  ],
};

const shadow = (d: IgDashboard) => d.shadowRoot!;
const cells = (d: IgDashboard) => [...shadow(d).querySelectorAll<HTMLElement>('[part~="cell"]')];
const cellText = (d: IgDashboard) => cells(d).map((c) => c.textContent!.replace(/\s+/g, ' ').trim());
const kpisIn = (d: IgDashboard) => [...shadow(d).querySelectorAll<IgChannelKpis>('ig-channel-kpis')];

/** The next ig-load/ig-error dispatched by a dashboard (the cells' own stop at it). */
function dashboardSettled(timeoutMs = 10_000): Promise<IgLoadEvent | IgErrorEvent> {
  return new Promise((resolve, reject) => {
    const done = (e: Event) => {
      if ((e.target as Element | null)?.localName !== 'ig-dashboard') return;
      stop();
      resolve(e as IgLoadEvent | IgErrorEvent);
    };
    const stop = () => {
      clearTimeout(timer);
      document.removeEventListener('ig-load', done);
      document.removeEventListener('ig-error', done);
    };
    const timer = setTimeout(() => (stop(), reject(new Error(`no ig-load/ig-error from a dashboard within ${timeoutMs} ms`))), timeoutMs);
    document.addEventListener('ig-load', done);
    document.addEventListener('ig-error', done);
  });
}

/**
 * Mounts `<ig-provider><ig-dashboard .layout>[<ig-channel-kpis id="outside">]</ig-provider>` and
 * waits for the dashboard's first ig-load/ig-error.
 */
async function mount(layout: IgDashboardLayout | string, { locale = 'es', width = '', outside = false } = {}) {
  const settled = dashboardSettled();
  const root = await fixture<HTMLDivElement>(html`
    <div>
      <ig-provider api=${FIXTURE_API} token="t" locale=${locale}>
        <ig-dashboard .layout=${layout}></ig-dashboard>
        ${outside ? html`<ig-channel-kpis id="outside"></ig-channel-kpis>` : ''}
      </ig-provider>
    </div>
  `);
  if (width) root.style.width = width;
  const dashboard = root.querySelector<IgDashboard>('ig-dashboard')!;
  const event = await settled;
  await dashboard.updateComplete;
  return { root, dashboard, provider: root.querySelector<IgProvider>('ig-provider')!, event };
}

describe('<ig-dashboard>', () => {
  let api: ApiStub;
  beforeEach(() => {
    api = stubApi({ '/v1/meta': 'getMeta', '/v1/kpis': ({ params }) => `getKpis.${params.get('channel')}` });
  });
  afterEach(() => api.restore());

  it('renders rows of library elements with their attributes, titles and spans, and fires one ig-load', async () => {
    const loads: string[] = [];
    const onLoad = (e: IgLoadEvent) => loads.push((e.target as Element).localName);
    document.addEventListener('ig-load', onLoad);
    const settled = settledEvents(2); // the dashboard's and the outside KPIs'
    const root = await fixture<HTMLDivElement>(html`
      <div>
        <ig-provider api=${FIXTURE_API} token="t"><ig-dashboard .layout=${LAYOUT}></ig-dashboard><ig-channel-kpis></ig-channel-kpis></ig-provider>
      </div>
    `);
    await settled;
    const dashboard = root.querySelector<IgDashboard>('ig-dashboard')!;
    expect(shadow(dashboard).querySelector('[part="title"]')!.textContent).to.equal('SMS');
    expect(shadow(dashboard).querySelector('[part="base"]')!.getAttribute('aria-label')).to.equal('SMS');
    expect(cells(dashboard).map((c) => [c.dataset['element'], [...c.classList].find((k) => k.startsWith('span-'))])).to.deep.equal([
      ['ig-filter-bar', 'span-8'],
      ['ig-freshness', 'span-4'],
      ['ig-channel-kpis', 'span-6'],
      ['ig-channel-kpis', 'span-6'],
    ]);
    expect([...shadow(dashboard).querySelectorAll('[part="cell-title"]')].map((t) => [t.textContent, t.getAttribute('aria-level')])).to.deep.equal([
      ['SMS', '4'],
      ['Seleccionado', '4'],
    ]);
    const bar = shadow(dashboard).querySelector<IgFilterBar>('ig-filter-bar')!;
    expect(bar.noPlatform).to.equal(true);
    expect(bar.getAttribute('no-platform')).to.equal('');
    const [sms, selected] = kpisIn(dashboard);
    await until(() => valuesOf(selected!)['sent'] !== undefined, 5000, 'KPIs rendered');
    expect(valuesOf(sms!)['sent']).to.equal(98765);
    expect(sms!.currency).to.equal('EUR');
    expect(api.requestsTo('/v1/kpis').map((r) => r.params.get('channel')).sort()).to.deep.equal(['all', 'all', 'sms']);
    expect(api.requestsTo('/v1/meta')).to.have.length(1); // the inner scope shares the provider's meta
    // Cells' own ig-load events stop at the dashboard: one for the dashboard, one for the KPIs outside.
    await new Promise((r) => setTimeout(r, 50));
    document.removeEventListener('ig-load', onLoad);
    expect(loads.sort()).to.deep.equal(['ig-channel-kpis', 'ig-dashboard']);
    await until(() => shadow(dashboard).querySelector('ig-freshness')!.shadowRoot!.querySelector('[part="item"]'), 5000, 'freshness');
    await expectAccessible(root);
  });

  it('reads the layout from a <script type="application/json"> child, and a saved dashboard spec as is', async () => {
    const settled = nextSettled();
    const root = await fixture<HTMLDivElement>(html`
      <div>
        <ig-provider api=${FIXTURE_API} token="t">
          <ig-dashboard>
            <script type="application/json">
              { "rows": [{ "cells": [{ "element": "ig-channel-kpis", "attributes": { "channel": "push" } }] }] }
            </script>
          </ig-dashboard>
        </ig-provider>
      </div>
    `);
    expect((await settled).type).to.equal('ig-load');
    const dashboard = root.querySelector<IgDashboard>('ig-dashboard')!;
    expect(valuesOf(kpisIn(dashboard)[0]!)['sent']).to.be.a('number');
    expect(kpisIn(dashboard)[0]!.channel).to.equal('push');

    // HTML hosts may replace the JSON later.
    const next = nextSettled();
    dashboard.querySelector('script')!.textContent = JSON.stringify({ rows: [{ cells: [{ element: 'ig-channel-kpis', attributes: { channel: 'chat' } }] }] });
    await next;
    expect(kpisIn(dashboard).map((k) => k.channel)).to.deep.equal(['chat']);

    // `{ columns, items: [{ element, attributes, x, y, w, h }] }` (BFF kind `dashboard`): rows by y, order by x, w scaled to 12.
    const saved = nextSettled();
    dashboard.layout = {
      columns: 24,
      items: [
        { element: 'ig-channel-kpis', attributes: { channel: 'sms' }, x: 12, y: 0, w: 12, h: 4 },
        { element: 'ig-filter-bar', attributes: {}, x: 0, y: 0, w: 12, h: 1 },
        { element: 'ig-freshness', attributes: {}, x: 0, y: 5, w: 24, h: 1 },
      ],
    };
    expect((await saved).type).to.equal('ig-load');
    expect(shadow(dashboard).querySelectorAll('[part="row"]')).to.have.length(2);
    expect(cells(dashboard).map((c) => `${c.dataset['element']} ${c.className}`)).to.deep.equal([
      'ig-filter-bar cell span-6',
      'ig-channel-kpis cell span-6',
      'ig-freshness cell span-12',
    ]);
  });

  it('refuses unknown and non-Insights elements, event handlers, styles and non-scalar values: translated error cells, no markup', async () => {
    const hostile = {
      rows: [
        {
          cells: [
            { element: 'ig-nope' },
            { element: 'script', attributes: { src: 'https://evil.example/x.js' } },
            { element: 'img', attributes: { src: 'x', onerror: 'alert(1)' } },
            { element: 'ig-provider', attributes: { token: 'stolen' } },
            { element: '<img src=x onerror=alert(1)>' },
            { element: 'ig-channel-kpis', attributes: { onclick: 'alert(1)' } },
            { element: 'ig-channel-kpis', attributes: { style: 'display:none' } },
            { element: 'ig-channel-kpis', attributes: { channel: { toString: 'x' } } },
            { element: 'ig-channel-kpis', attributes: { channel: 'push' }, span: 6 },
          ],
        },
      ],
    } as unknown as IgDashboardLayout;
    const { dashboard, root } = await mount(hostile);
    expect(cellText(dashboard)).to.deep.equal([
      '«ig-nope» no es un elemento que un panel pueda mostrar.',
      '«script» no es un elemento que un panel pueda mostrar.',
      '«img» no es un elemento que un panel pueda mostrar.',
      '«ig-provider» no es un elemento que un panel pueda mostrar.',
      '«<img src=x onerror=alert(1)>» no es un elemento que un panel pueda mostrar.',
      'El atributo «onclick» no está permitido en un panel.',
      'El atributo «style» no está permitido en un panel.',
      'El atributo «channel» no está permitido en un panel.',
      '',
    ]);
    const refused = cells(dashboard).filter((c) => c.dataset['error']);
    expect(refused).to.have.length(8);
    // Nothing but the one valid element was created: no script, img or extra provider in the shadow root.
    expect(shadow(dashboard).querySelectorAll('script, img')).to.have.length(0);
    expect(shadow(dashboard).querySelectorAll('ig-provider')).to.have.length(1); // the dashboard's own scope
    expect(kpisIn(dashboard)).to.have.length(1);
    expect(dashboard.layoutErrors.map((e) => `${e.code} ${e.path}`)).to.deep.equal([
      'unknown_element rows.0.cells.0.element',
      'unknown_element rows.0.cells.1.element',
      'unknown_element rows.0.cells.2.element',
      'unknown_element rows.0.cells.3.element',
      'unknown_element rows.0.cells.4.element',
      'invalid_attribute rows.0.cells.5.attributes.onclick',
      'invalid_attribute rows.0.cells.6.attributes.style',
      'invalid_attribute rows.0.cells.7.attributes.channel',
    ]);
    await expectAccessible(root);

    // Not JSON, or not a layout: one message for the whole dashboard.
    for (const bad of ['{ "rows": [', '[]', '{"cells": []}', 'alert(1)']) {
      dashboard.layout = bad;
      await dashboard.updateComplete;
      expect(shadow(dashboard).querySelector('[part="base"]')!.textContent!.trim(), bad).to.equal('El diseño del panel no es válido.');
      expect(dashboard.layoutErrors.map((e) => e.code)).to.deep.equal(['invalid_layout']);
    }
    expect(() => IgDashboard.allowElement('my-widget')).to.throw(TypeError);
    expect(() => IgDashboard.allowElement('ig-provider')).to.throw(TypeError);
  });

  it('speaks es, en and pt-BR', async () => {
    const layout = { rows: [{ cells: [{ element: 'ig-nope' }, { element: 'ig-freshness', attributes: { onload: 'x' } }] }] };
    const expected: Record<string, string[]> = {
      es: ['«ig-nope» no es un elemento que un panel pueda mostrar.', 'El atributo «onload» no está permitido en un panel.'],
      en: ['“ig-nope” is not an element a dashboard can show.', 'The attribute “onload” is not allowed in a dashboard.'],
      'pt-BR': ['“ig-nope” não é um elemento que um painel possa mostrar.', 'O atributo “onload” não é permitido em um painel.'],
    };
    const labels: Record<string, string> = { es: 'Panel de estadísticas', en: 'Analytics dashboard', 'pt-BR': 'Painel de estatísticas' };
    for (const locale of ['es', 'en', 'pt-BR']) {
      const { dashboard } = await mount(layout, { locale });
      expect(cellText(dashboard), locale).to.deep.equal(expected[locale]);
      expect(shadow(dashboard).querySelector('[part="base"]')!.getAttribute('aria-label')).to.equal(labels[locale]);
    }
    const { dashboard } = await mount({ rows: [] }, { locale: 'en' });
    expect(shadow(dashboard).querySelector('[part="message"]')!.textContent!.trim()).to.equal('This dashboard has no elements.');
  });

  it('cross-filters through the provider: the filter bar in a cell re-filters the KPIs inside and outside', async () => {
    const { dashboard, root, provider } = await mount(LAYOUT, { outside: true });
    const [, selected] = kpisIn(dashboard);
    const outside = root.querySelector<IgChannelKpis>('#outside')!;
    await until(() => valuesOf(selected!)['sent'] !== undefined && valuesOf(outside)['sent'] !== undefined, 5000, 'KPIs rendered');
    const changes: [string | undefined, string[]][] = [];
    root.addEventListener('ig-filter-change', (e: IgFilterChangeEvent) => changes.push([(e.target as Element).localName, e.detail.changed]));
    const bar = shadow(dashboard).querySelector<IgFilterBar>('ig-filter-bar')!;
    const select = bar.shadowRoot!.querySelector<HTMLSelectElement>('select[name="channel"]')!;
    const reloaded = nextSettled(dashboard);
    select.value = 'chat';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await reloaded;
    expect(provider.channel).to.equal('chat');
    expect(changes).to.deep.equal([['ig-dashboard', ['channel']]]);
    await until(() => valuesOf(outside)['read'] !== undefined, 5000, 'outside KPIs follow');
    expect(Object.keys(valuesOf(selected!))).to.include('read'); // chat metrics
    expect(kpisIn(dashboard)[0]!.channel).to.equal('sms'); // its own channel wins
    expect(api.requestsTo('/v1/kpis').filter((r) => r.params.get('channel') === 'chat')).to.have.length(2);

    // A layout with filters has its own scope: it starts from them and leaves the outer provider alone.
    const own = nextSettled(dashboard);
    dashboard.layout = { filters: { channel: 'push', period: 'last7' }, rows: [{ cells: [{ element: 'ig-filter-bar' }, { element: 'ig-channel-kpis' }] }] };
    await own;
    const inner = kpisIn(dashboard)[0]!;
    expect(valuesOf(inner)['sent']).to.be.a('number');
    const last = api.requestsTo('/v1/kpis').at(-1)!;
    expect(last.params.get('channel')).to.equal('push');
    expect(last.params.get('from')).to.match(/^\d{4}-\d{2}-\d{2}$/);
    const bar2 = shadow(dashboard).querySelector<IgFilterBar>('ig-filter-bar')!;
    await bar2.updateComplete;
    const select2 = bar2.shadowRoot!.querySelector<HTMLSelectElement>('select[name="channel"]')!;
    expect(select2.value).to.equal('push');
    const again = nextSettled(dashboard);
    select2.value = 'sms';
    select2.dispatchEvent(new Event('change', { bubbles: true }));
    await again;
    expect(inner.shadowRoot!.querySelector('[data-metric="cost"]')).to.exist;
    expect(provider.channel).to.equal('chat');
  });

  it('forwards a cell’s ig-error, and fires ig-load once the cell’s Retry succeeds', async () => {
    let fail = true;
    api.restore();
    api = stubApi({ '/v1/meta': 'getMeta', '/v1/kpis': () => (fail ? problem(503, 'internal') : 'getKpis.push') });
    const errors: string[] = [];
    const onError = (e: IgErrorEvent) => errors.push((e.target as Element).localName);
    document.addEventListener('ig-error', onError);
    const { dashboard, event } = await mount({ rows: [{ cells: [{ element: 'ig-channel-kpis', attributes: { channel: 'push' } }] }] });
    expect(event.type).to.equal('ig-error');
    expect(event.target === dashboard).to.equal(true);
    expect(event.detail).to.deep.equal({ status: 503, code: 'internal' });
    fail = false;
    const loaded = nextSettled(dashboard);
    kpisIn(dashboard)[0]!.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    expect((await loaded).type).to.equal('ig-load');
    document.removeEventListener('ig-error', onError);
    expect(errors).to.deep.equal(['ig-dashboard']);
  });

  it('stacks its cells under 40em of width (320 px) and lays them side by side when wide', async () => {
    const { dashboard, root } = await mount(LAYOUT, { width: '1000px' });
    await new Promise((r) => requestAnimationFrame(r));
    const boxes = () => cells(dashboard).map((c) => c.getBoundingClientRect());
    const [bar, fresh, a, b] = boxes();
    expect(fresh!.left).to.be.greaterThan(bar!.right - 1);
    expect(bar!.width / fresh!.width).to.be.closeTo(2, 0.15);
    expect(Math.round(a!.top)).to.equal(Math.round(b!.top));
    root.style.width = '320px';
    await new Promise((r) => requestAnimationFrame(r));
    const narrow = boxes();
    const rowWidth = shadow(dashboard).querySelector('[part="row"]')!.getBoundingClientRect().width;
    for (const box of narrow) {
      expect(Math.round(box.width)).to.equal(Math.round(rowWidth));
      expect(Math.round(box.left)).to.equal(Math.round(narrow[0]!.left));
    }
    for (let i = 1; i < narrow.length; i++) expect(narrow[i]!.top).to.be.greaterThan(narrow[i - 1]!.top);
    expect(dashboard.scrollWidth).to.be.at.most(320);
    await expectAccessible(root);
  });

  it('follows theme and language: dark cells, and `lang` on the dashboard', async () => {
    const { dashboard } = await mount({ rows: [{ cells: [{ element: 'ig-nope' }, { element: 'ig-channel-kpis', attributes: { channel: 'push' } }] }] });
    dashboard.theme = 'dark';
    dashboard.lang = 'en';
    await dashboard.updateComplete;
    const kpis = kpisIn(dashboard)[0]!;
    await kpis.updateComplete;
    expect(dashboard.dataset['theme']).to.equal('dark');
    expect(kpis.dataset['theme']).to.equal('dark');
    expect(getComputedStyle(shadow(dashboard).querySelector('[part="base"]')!).backgroundColor).to.equal('rgb(20, 23, 29)');
    expect(cellText(dashboard)[0]).to.equal('“ig-nope” is not an element a dashboard can show.');
    expect(kpis.shadowRoot!.querySelector('[part="label"]')!.textContent).to.equal('Sent');
    await expectAccessible(dashboard);
  });

  it('renders cells of elements defined later (lazily loaded chunks) once they are defined', async () => {
    IgDashboard.allowElement('ig-test-late-kpis', { loads: true });
    let settled = false;
    const root = await fixture<HTMLDivElement>(html`
      <div>
        <ig-provider api=${FIXTURE_API} token="t">
          <ig-dashboard .layout=${{ rows: [{ cells: [{ element: 'ig-test-late-kpis', attributes: { channel: 'sms' } }] }] }}></ig-dashboard>
        </ig-provider>
      </div>
    `);
    const dashboard = root.querySelector<IgDashboard>('ig-dashboard')!;
    dashboard.addEventListener('ig-load', () => (settled = true));
    const late = shadow(dashboard).querySelector<HTMLElement>('ig-test-late-kpis')!;
    expect(late.matches(':defined')).to.equal(false);
    expect(late.getBoundingClientRect().height).to.be.greaterThan(50); // the placeholder
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).to.equal(false);
    const loaded = nextSettled(dashboard);
    const { IgChannelKpis } = await import('../channel-kpis/channel-kpis.js');
    customElements.define('ig-test-late-kpis', class extends IgChannelKpis {});
    expect((await loaded).type).to.equal('ig-load');
    expect(valuesOf(late as IgChannelKpis)['cost']).to.be.a('number');
  });

  it('shows the real BFF’s numbers for the token’s project', async () => {
    api.restore();
    const { api: bff } = await testStack();
    const [a] = await twoProjects();
    const settled = nextSettled(document, 20_000);
    const root = await fixture<HTMLDivElement>(html`
      <div>
        <ig-provider api=${bff} token=${a.token} locale="en">
          <ig-dashboard
            .layout=${{
              rows: [
                { cells: [{ element: 'ig-filter-bar', span: 8 }, { element: 'ig-freshness', span: 4 }] },
                { cells: [{ element: 'ig-channel-kpis', attributes: { channel: 'push' }, span: 6 }, { element: 'ig-channel-kpis', attributes: { channel: 'sms' }, span: 6 }] },
              ],
            }}
          ></ig-dashboard>
        </ig-provider>
      </div>
    `);
    expect((await settled).type).to.equal('ig-load');
    const dashboard = root.querySelector<IgDashboard>('ig-dashboard')!;
    const [push, sms] = kpisIn(dashboard);
    const values = valuesOf(push!);
    expect({ sent: values['sent'], delivered: values['delivered'], clicked: values['clicked'] }).to.deep.equal(a.expected);
    expect(valuesOf(sms!)['sent']).to.be.a('number');
    await until(() => shadow(dashboard).querySelector('ig-freshness')!.shadowRoot!.querySelector('[part="item"]'), 10_000, 'freshness');
    await expectAccessible(root);
  });
});
