import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { afterEach, describe, it } from '../../testing/mocha.js';
import '../../index.js';
import { expectAccessible } from '../../testing/axe.js';
import { FIXTURE_API, fixtureJson, problem, stubApi, type ApiStub, type StubRoute } from '../../testing/fixtures.js';
import { nextSettled, testStack, textOf, twoProjects, until } from '../../testing/stack.js';
import type { IgChart } from '../chart/chart.js';
import type { IgProvider } from '../provider/provider.js';
import type { IgTimeseries, IgTimeseriesResponse } from './timeseries.js';

const chartOf = (el: Element) => el.shadowRoot!.querySelector<IgChart>('ig-chart')!;
const base = (el: Element) => el.shadowRoot!.querySelector('[part="base"]')!;

async function mount(template: ReturnType<typeof html>) {
  const settled = nextSettled();
  const root = await fixture<HTMLElement>(template);
  const el = root.querySelector('ig-timeseries') as IgTimeseries;
  const event = await settled;
  await el.updateComplete;
  return { root, el, provider: root as IgProvider, event };
}

describe('<ig-timeseries>', () => {
  let api: ApiStub | undefined;
  afterEach(() => api?.restore());
  const stub = (routes: Record<string, StubRoute> = {}) =>
    (api = stubApi({ '/v1/meta': 'getMeta', '/v1/timeseries': 'getTimeseries', ...routes }));

  it('holds the drawn chart’s size from the skeleton on: no layout shift when the data and the chart arrive', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    stub({ '/v1/timeseries': async () => (await gate, 'getTimeseries') });
    const root = await fixture<HTMLElement>(
      html`<ig-provider api=${FIXTURE_API} token="t"><ig-timeseries channel="push" compare></ig-timeseries><p>below</p></ig-provider>`,
    );
    const el = root.querySelector('ig-timeseries') as IgTimeseries;
    await until(() => el.shadowRoot?.querySelector('.bone--chart'), 5000, 'the skeleton');
    const skeleton = el.getBoundingClientRect().height;
    const shifts: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) shifts.push((entry as PerformanceEntry & { value: number }).value);
    });
    observer.observe({ type: 'layout-shift' });
    const settled = nextSettled();
    release();
    await settled;
    await chartOf(el).renderComplete;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    observer.disconnect();
    expect(chartOf(el).shadowRoot!.querySelector('.vega svg'), 'drawn').to.exist;
    expect(el.getBoundingClientRect().height).to.equal(skeleton);
    expect(shifts, 'layout shifts').to.deep.equal([]);
  });

  it('draws the metric and the previous period as two lines, with the table alternative', async () => {
    stub();
    const { el, event } = await mount(html`<ig-provider api=${FIXTURE_API} token="t"><ig-timeseries channel="push" compare></ig-timeseries></ig-provider>`);
    expect(event.type).to.equal('ig-load');
    const params = api!.requestsTo('/v1/timeseries')[0]!.params;
    expect([params.get('channel'), params.get('metric'), params.get('interval'), params.get('compare')]).to.deep.equal(['push', 'sent', 'day', 'previous']);
    const chart = chartOf(el);
    await chart.renderComplete;
    expect(chart.shadowRoot!.querySelectorAll('.mark-line path'), 'current and previous').to.have.length(2);
    expect(chart.label).to.equal('Enviados de Push por fecha');
    expect(base(el).getAttribute('aria-label')).to.equal('Enviados de Push por fecha');
    await expectAccessible(el);
    chart.table = true;
    await chart.updateComplete;
    const rows = chart.shadowRoot!.querySelectorAll('tbody tr');
    expect(rows).to.have.length(14);
    expect([...chart.shadowRoot!.querySelectorAll('thead th')].map((th) => th.textContent!.trim())).to.deep.equal(['Fecha', 'Periodo actual', 'Periodo anterior']);
    const cells = [...rows[0]!.querySelectorAll('td')].map((td) => td.textContent!.trim());
    expect(cells[0]).to.match(/^1 mar\.? 2026$/);
    expect(cells.slice(1), 'Spanish does not group four digits').to.deep.equal(['1000', '900']);
    await expectAccessible(el);
  });

  it('formats a ratio metric as percentages and draws one line per platform', async () => {
    stub({ '/v1/timeseries': 'getTimeseries.ctr' });
    const { el } = await mount(html`<ig-provider api=${FIXTURE_API} token="t" locale="en"><ig-timeseries channel="push" metric="ctr" split-platform></ig-timeseries></ig-provider>`);
    expect(api!.requestsTo('/v1/timeseries')[0]!.params.get('split')).to.equal('platform');
    const chart = chartOf(el);
    await chart.renderComplete;
    expect(chart.shadowRoot!.querySelectorAll('.mark-line path')).to.have.length(2);
    chart.table = true;
    await chart.updateComplete;
    const first = chart.shadowRoot!.querySelector('tbody tr')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(first).to.contain('Android').and.contain('2%');
    expect(chart.shadowRoot!.querySelectorAll('tbody tr')).to.have.length(28);
  });

  it('chooses the metric from a labelled select of the channel’s metrics, by keyboard', async () => {
    stub();
    const { el } = await mount(html`<ig-provider api=${FIXTURE_API} token="t"><ig-timeseries channel="push"></ig-timeseries></ig-provider>`);
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('[part="metric-select"]')!;
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal(['Enviados', 'Entregados', 'Clics', 'CTR']);
    expect(select.labels[0]!.textContent!.trim()).to.equal('Métrica');
    const settled = nextSettled(el);
    select.focus();
    await sendKeys({ press: 'ArrowDown' });
    await settled;
    expect(el.metric).to.equal('delivered');
    expect(api!.requestsTo('/v1/timeseries')[1]!.params.get('metric')).to.equal('delivered');
    // A channel without the metric falls back to its first one.
    el.channel = 'wallet';
    await nextSettled(el);
    expect(api!.requestsTo('/v1/timeseries')[2]!.params.get('metric')).to.equal('issued');
  });

  it('follows the shared channel filter unless it has its own', async () => {
    stub();
    const { el, provider } = await mount(html`<ig-provider api=${FIXTURE_API} token="t"><ig-timeseries></ig-timeseries></ig-provider>`);
    expect(api!.requestsTo('/v1/timeseries')[0]!.params.get('channel')).to.equal('all');
    const settled = nextSettled(el);
    provider.setFilters({ channel: 'sms' });
    await settled;
    expect(api!.requestsTo('/v1/timeseries')[1]!.params.get('channel')).to.equal('sms');
    const again = nextSettled(el);
    el.interval = 'week';
    el.channel = 'email';
    await again;
    const params = api!.requestsTo('/v1/timeseries')[2]!.params;
    expect([params.get('channel'), params.get('interval'), params.get('compare'), params.get('split')], 'own channel wins').to.deep.equal(['email', 'week', null, null]);
  });

  it('shows the skeleton (with the select), the empty state, the error with Retry, and the stale badge', async () => {
    stub({ '/v1/timeseries': 'hang' });
    const provider = await fixture<IgProvider>(html`<ig-provider api=${FIXTURE_API} token="t" locale="en"><ig-timeseries channel="push"></ig-timeseries></ig-provider>`);
    const el = provider.querySelector('ig-timeseries')!;
    await until(() => api!.requestsTo('/v1/timeseries').length === 1);
    await el.updateComplete;
    expect(base(el).getAttribute('aria-busy')).to.equal('true');
    expect(textOf(el)).to.contain('Loading data…');
    await expectAccessible(el);
    api!.restore();

    const empty = await fixtureJson<IgTimeseriesResponse>('getTimeseries');
    for (const p of empty.series[0]!.points) p.value = 0;
    stub({ '/v1/timeseries': { status: 200, body: empty } });
    let settled = nextSettled(el);
    el.metric = 'clicked';
    expect((await settled).type).to.equal('ig-load');
    expect(textOf(el)).to.contain('No data for this period');
    expect(el.shadowRoot!.querySelector('[part="metric-select"]')).to.exist;
    await expectAccessible(el);

    let fail = true;
    stub({ '/v1/timeseries': () => (fail ? problem(500, 'internal') : 'getTimeseries'), '/v1/meta': 'getMeta.stale' });
    settled = nextSettled(el);
    provider.token = 't2';
    const error = (await settled) as CustomEvent;
    expect(error.type).to.equal('ig-error');
    expect(error.detail).to.deep.equal({ status: 500, code: 'internal' });
    await el.updateComplete;
    await expectAccessible(el);
    fail = false;
    settled = nextSettled(el);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    expect((await settled).type).to.equal('ig-load');
    await until(() => el.shadowRoot!.querySelector('[part="stale"]'), 5000, 'stale badge');
    await expectAccessible(el);
  });

  it('fits 320 px, dark theme included', async () => {
    stub();
    const { root, el } = await mount(html`<ig-provider api=${FIXTURE_API} token="t" theme="dark" style="display:block;width:320px"><ig-timeseries channel="push" compare></ig-timeseries></ig-provider>`);
    await chartOf(el).renderComplete;
    const b = base(el) as HTMLElement;
    expect(b.scrollWidth).to.be.at.most(b.clientWidth + 1);
    expect(b.getBoundingClientRect().width).to.be.at.most(root.getBoundingClientRect().width + 0.5);
    await expectAccessible(el);
  });

  it('draws the real BFF’s daily push sends of the last 30 days', async () => {
    const { api: url } = await testStack();
    const [a] = await twoProjects();
    const { el, event } = await mount(html`<ig-provider api=${url} token=${a.token}><ig-timeseries channel="push" compare></ig-timeseries></ig-provider>`);
    expect(event.type).to.equal('ig-load');
    const chart = chartOf(el);
    await chart.renderComplete;
    const data = chart.data as { value: number }[];
    expect(data.length).to.be.within(30, 31);
    expect(data.reduce((sum, r) => sum + r.value, 0)).to.equal(a.expected.sent);
    expect(chart.shadowRoot!.querySelectorAll('.mark-line path')).to.have.length(2);
    await expectAccessible(el);
  });
});
