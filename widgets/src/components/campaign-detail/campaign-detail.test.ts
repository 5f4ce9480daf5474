import { expect, fixture, html } from '@open-wc/testing';
import { afterEach, describe, it } from '../../testing/mocha.js';
import '../../index.js';
import { expectAccessible } from '../../testing/axe.js';
import { FIXTURE_API, problem, stubApi, type ApiStub } from '../../testing/fixtures.js';
import { nextSettled, testStack, textOf, twoProjects, until } from '../../testing/stack.js';
import type { IgChart } from '../chart/chart.js';
import type { IgProvider } from '../provider/provider.js';
import type { IgCampaignDetail } from './campaign-detail.js';

async function mount(template: ReturnType<typeof html>, routes: Parameters<typeof stubApi>[0] = {}) {
  const api = stubApi({ '/v1/meta': 'getMeta', '/v1/campaigns/4821': 'getCampaign', ...routes });
  const settled = nextSettled();
  try {
    const provider = await fixture<IgProvider>(template);
    const detail = provider.querySelector('ig-campaign-detail')!;
    return { api, provider, detail, settled };
  } catch (error) {
    api.restore();
    throw error;
  }
}

const chartOf = (el: IgCampaignDetail) => el.shadowRoot!.querySelector<IgChart>('ig-chart')!;
const values = (el: IgCampaignDetail) =>
  Object.fromEntries(
    [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="value"]')].map((n) => [n.dataset['metric'], n.textContent!.trim()]),
  );
const base = (el: Element) => el.shadowRoot!.querySelector('[part="base"]')!;

/** Lays the element out 320 px wide: nothing inside may overflow it. */
async function expectFits320(el: HTMLElement) {
  el.style.width = '320px';
  await new Promise((r) => setTimeout(r, 100));
  for (const chart of el.shadowRoot!.querySelectorAll<IgChart>('ig-chart')) await chart.renderComplete;
  await new Promise((r) => requestAnimationFrame(r));
  const base = el.shadowRoot!.querySelector<HTMLElement>('[part="base"]')!;
  expect(base.scrollWidth, 'no horizontal overflow at 320 px').to.be.at.most(320);
  for (const svg of el.shadowRoot!.querySelectorAll('ig-chart')) {
    const drawn = svg.shadowRoot!.querySelector('svg');
    if (drawn) expect(drawn.getBoundingClientRect().width, 'chart width').to.be.at.most(320);
  }
}

describe('<ig-campaign-detail>', () => {
  let stub: ApiStub | undefined;
  afterEach(() => stub?.restore());

  it('shows the configuration, totals with rates (null as a dash) and the daily chart with its table', async () => {
    const m = await mount(html`<ig-provider api=${FIXTURE_API} token="t" locale="en"><ig-campaign-detail campaign="4821"></ig-campaign-detail></ig-provider>`);
    stub = m.api;
    expect((await m.settled).type).to.equal('ig-load');
    const { detail } = m;
    expect(detail.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal('Rebajas de primavera');
    expect(base(detail).getAttribute('aria-label')).to.equal('Campaign “Rebajas de primavera”');
    const config = [...detail.shadowRoot!.querySelectorAll('[part="configuration"] > div')].map(
      (d) => `${d.querySelector('dt')!.textContent!.trim()}: ${d.querySelector('dd')!.textContent!.trim()}`,
    );
    expect(config.slice(0, 3)).to.deep.equal(['ID: 4821', 'Channel: Push', 'Status: sent']);
    expect(config[3]).to.match(/^Created: Mar 2, 2026/);
    const v = values(detail);
    expect(v['sent']).to.equal('26,400');
    expect(Object.keys(v)).to.deep.equal(['sent', 'delivered', 'clicked', 'deliveryRate', 'ctr']);
    expect(v['deliveryRate']).to.match(/^9\d\.\d\d%$/);
    const chart = chartOf(detail);
    await chart.renderComplete;
    expect(chart.label).to.equal('Sends and clicks per day');
    expect(chart.data).to.have.length(14);
    expect(chart.shadowRoot!.querySelectorAll('.mark-line.role-mark path'), 'two lines').to.have.length(2);
    expect(chart.shadowRoot!.querySelectorAll('.mark-symbol.role-mark path').length, 'a point per day and series').to.equal(28);
    await expectAccessible(detail);
    chart.shadowRoot!.querySelector<HTMLButtonElement>('[part~="table-button"]')!.click();
    await chart.updateComplete;
    const headers = [...chart.shadowRoot!.querySelectorAll('thead th')].map((th) => th.textContent!.trim());
    expect(headers).to.deep.equal(['Day', 'Sent', 'Clicks']);
    expect(chart.shadowRoot!.querySelectorAll('tbody tr')).to.have.length(14);
    await expectAccessible(detail);
  });

  it('shows a dash for rates that cannot be computed, and the removal day', async () => {
    const m = await mount(html`<ig-provider api=${FIXTURE_API} token="t" locale="es"><ig-campaign-detail campaign="77"></ig-campaign-detail></ig-provider>`, {
      '/v1/campaigns/77': 'getCampaign.unsent',
    });
    stub = m.api;
    await m.settled;
    const v = values(m.detail);
    expect(v['deliveryRate']).to.equal('—');
    expect(v['ctr']).to.equal('—');
    expect(v['sent']).to.equal('0');
    expect(m.detail.shadowRoot!.querySelector('[part="configuration"]')!.textContent).to.contain('Eliminada');
  });

  it('invites to pick a campaign when there is none, then follows the shared campaign filter', async () => {
    const m = await mount(html`<ig-provider api=${FIXTURE_API} token="t"><ig-campaign-detail></ig-campaign-detail></ig-provider>`, {
      '/v1/campaigns/77': 'getCampaign.unsent',
    });
    stub = m.api;
    const { detail, provider } = m;
    await detail.updateComplete;
    expect(textOf(detail)).to.contain('Elige una campaña');
    expect(m.api.requests.filter((r) => r.path.startsWith('/v1/campaigns'))).to.have.length(0);
    await expectAccessible(detail);

    // What <ig-campaign-table> does when a user selects a row (keyboard or mouse).
    let settled = nextSettled(detail);
    provider.campaign = '4821';
    expect((await settled).type).to.equal('ig-load');
    expect(detail.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal('Rebajas de primavera');

    settled = nextSettled(detail);
    provider.campaign = '77';
    await settled;
    expect(detail.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal('Borrador sin envíos');

    provider.campaign = null;
    await provider.updateComplete;
    await detail.updateComplete;
    expect(textOf(detail)).to.contain('Elige una campaña');

    // Its own attribute wins over the filter.
    provider.campaign = '77';
    settled = nextSettled(detail);
    detail.campaign = '4821';
    await settled;
    expect(detail.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal('Rebajas de primavera');
  });

  it('shows "campaign not found" for a 404', async () => {
    const m = await mount(html`<ig-provider api=${FIXTURE_API} token="t" locale="en"><ig-campaign-detail campaign="999"></ig-campaign-detail></ig-provider>`, {
      '/v1/campaigns/999': problem(404, 'not_found'),
    });
    stub = m.api;
    const event = await m.settled;
    expect(event.type).to.equal('ig-error');
    expect((event as CustomEvent).detail).to.deep.equal({ status: 404, code: 'not_found' });
    expect(m.detail.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal('This campaign was not found in the project.');
    await expectAccessible(m.detail);
  });

  it('shows the skeleton while loading, the error with Retry, then the data', async () => {
    let answer: 'hang' | 'fail' | 'ok' = 'hang';
    const m = await mount(html`<ig-provider api=${FIXTURE_API} token="t" locale="en"><ig-campaign-detail campaign="4821"></ig-campaign-detail></ig-provider>`, {
      '/v1/campaigns/4821': () => (answer === 'hang' ? 'hang' : answer === 'fail' ? problem(500, 'internal') : 'getCampaign'),
    });
    stub = m.api;
    const { detail } = m;
    await until(() => m.api.requestsTo('/v1/campaigns/4821').length === 1, 2000, 'request');
    await detail.updateComplete;
    expect(base(detail).getAttribute('aria-busy')).to.equal('true');
    expect(detail.shadowRoot!.querySelectorAll('.bone').length).to.be.greaterThan(3);
    expect(textOf(detail)).to.equal('Loading data…');
    await expectAccessible(detail);

    answer = 'fail';
    let settled = nextSettled(detail);
    detail.from = '2026-03-01';
    detail.to = '2026-03-14';
    expect((await settled).type).to.equal('ig-error');
    expect(textOf(detail)).to.contain('The data could not be loaded.');
    await expectAccessible(detail);

    answer = 'ok';
    settled = nextSettled(detail);
    detail.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    expect((await settled).type).to.equal('ig-load');
    expect(m.api.requestsTo('/v1/campaigns/4821').at(-1)!.params.get('from')).to.equal('2026-03-01');
  });

  it('marks the data stale when the campaigns group is', async () => {
    const m = await mount(html`<ig-provider api=${FIXTURE_API} token="t" locale="en"><ig-campaign-detail campaign="4821"></ig-campaign-detail></ig-provider>`, {
      '/v1/meta': async () => {
        const { fixtureJson } = await import('../../testing/fixtures.js');
        const meta = await fixtureJson<{ freshness: { group: string; stale: boolean }[] }>('getMeta');
        for (const f of meta.freshness) f.stale = f.group === 'campaigns';
        return { status: 200, body: meta };
      },
    });
    stub = m.api;
    await until(() => m.detail.shadowRoot!.querySelector('[part="stale"]'), 5000, 'stale badge');
    expect(m.detail.shadowRoot!.querySelector('[part="stale"]')!.textContent).to.contain('Out of date');
    await expectAccessible(m.detail);
  });

  it('fits 320 px and passes axe in the dark theme', async () => {
    const m = await mount(html`<ig-provider api=${FIXTURE_API} token="t" theme="dark"><ig-campaign-detail campaign="4821"></ig-campaign-detail></ig-provider>`);
    stub = m.api;
    await m.settled;
    expect(m.detail.dataset['theme']).to.equal('dark');
    await expectFits320(m.detail);
    await expectAccessible(m.detail);
  });

  it('shows a real campaign of the test stack, only its own project’s', async () => {
    const { api } = await testStack();
    const [a, b] = await twoProjects();
    const list = await fetch(`${api}/v1/campaigns?limit=1`, { headers: { authorization: `Bearer ${a.token}` } }).then((r) => r.json());
    const campaign = list.items[0] as { id: number; name: string; sent: number };
    expect(campaign, 'the stack has a campaign with sends').to.not.equal(undefined);
    let settled = nextSettled();
    const provider = await fixture<IgProvider>(html`
      <ig-provider api=${api} token=${a.token} locale="en"><ig-campaign-detail campaign=${String(campaign.id)}></ig-campaign-detail></ig-provider>
    `);
    const detail = provider.querySelector('ig-campaign-detail')!;
    expect((await settled).type).to.equal('ig-load');
    expect(detail.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal(campaign.name);
    expect(detail.shadowRoot!.querySelector<HTMLElement>('[part="value"][data-metric="sent"]')!.dataset['value']).to.equal(String(campaign.sent));
    const chart = chartOf(detail);
    await chart.renderComplete;
    expect(chart.shadowRoot!.querySelectorAll('.mark-line path')).to.have.length(2);
    await expectAccessible(detail);

    // Another project's token: row-level security answers 404, shown as "not found".
    settled = nextSettled(detail);
    provider.token = b.token;
    const event = await settled;
    expect((event as CustomEvent).detail).to.deep.equal({ status: 404, code: 'not_found' });
    expect(textOf(detail)).to.contain('This campaign was not found');
  });
});
