import { expect, fixture, html } from '@open-wc/testing';
import { afterEach, describe, it } from '../../testing/mocha.js';
import '../../index.js';
import { expectAccessible } from '../../testing/axe.js';
import { FIXTURE_API, fixtureJson, problem, stubApi, type ApiStub, type StubRoute } from '../../testing/fixtures.js';
import { nextSettled, testStack, textOf, twoProjects, until } from '../../testing/stack.js';
import type { IgChart } from '../chart/chart.js';
import type { IgProvider } from '../provider/provider.js';
import type { IgHeatmap, IgHeatmapResponse } from './heatmap.js';

const chartOf = (el: Element) => el.shadowRoot!.querySelector<IgChart>('ig-chart')!;
const norm = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
const base = (el: Element) => el.shadowRoot!.querySelector('[part="base"]')!;
const summaryOf = (el: Element) => el.shadowRoot!.querySelector('[part="summary"]')!.textContent!.replace(/\s+/g, ' ').trim();

async function mount(template: ReturnType<typeof html>) {
  const settled = nextSettled();
  const root = await fixture<HTMLElement>(template);
  const el = root.querySelector('ig-heatmap') as IgHeatmap;
  const event = await settled;
  await el.updateComplete;
  return { root, el, provider: root as IgProvider, event };
}

describe('<ig-heatmap>', () => {
  let api: ApiStub | undefined;
  afterEach(() => api?.restore());
  const stub = (routes: Record<string, StubRoute> = {}) => (api = stubApi({ '/v1/meta': 'getMeta', '/v1/heatmap': 'getHeatmap', ...routes }));

  it('draws a cell per weekday and hour with sends, and names the best time to send', async () => {
    stub();
    const { el, event } = await mount(html`<ig-provider api=${FIXTURE_API} token="t"><ig-heatmap></ig-heatmap></ig-provider>`);
    expect(event.type).to.equal('ig-load');
    expect(summaryOf(el)).to.equal('Mejor momento: sábado 20:00 (CTR 3,5 %)También: domingo 15:00 (2,9 %), miércoles 18:00 (2,8 %)');
    const chart = chartOf(el);
    await chart.renderComplete;
    expect(norm(chart.label), 'the summary is the accessible name').to.equal('Mejor momento: sábado 20:00 (CTR 3,5 %)');
    expect(norm(chart.shadowRoot!.querySelector('[part="chart"]')!.getAttribute('aria-label'))).to.equal('Mejor momento: sábado 20:00 (CTR 3,5 %)');
    // Drawn from the precompiled, parsed spec (ADR 027) with the Spanish strings.
    expect(chart.compiled?.strings).to.include({ hour: 'Hora', weekday1: 'lunes', weekday6: 'sábado' });
    // 7 days × 17 hours with sends (none before 7:00).
    expect(chart.shadowRoot!.querySelectorAll('.mark-rect.role-mark path')).to.have.length(7 * 17);
    await expectAccessible(el);
    chart.table = true;
    await chart.updateComplete;
    const rows = chart.shadowRoot!.querySelectorAll('tbody tr');
    expect(rows).to.have.length(168);
    const sat20 = [...rows].map((tr) => [...tr.querySelectorAll('td')].map((td) => norm(td.textContent))).find((c) => c[0] === 'sábado' && c[1] === '20:00');
    expect(sat20).to.deep.equal(['sábado', '20:00', '1000', '35', '3,5 %']);
    await expectAccessible(el);
  });

  it('speaks English and follows the shared platform filter unless it has its own', async () => {
    stub();
    const { el, provider } = await mount(html`<ig-provider api=${FIXTURE_API} token="t" locale="en" platform="ios"><ig-heatmap min-sent="50"></ig-heatmap></ig-provider>`);
    expect(summaryOf(el)).to.match(/^Best time: Saturday 8:00\sPM \(CTR 3\.5%\)/);
    let params = api!.requestsTo('/v1/heatmap')[0]!.params;
    expect([params.get('platform'), params.get('minSent')]).to.deep.equal(['ios', '50']);
    const settled = nextSettled(el);
    el.platform = 'android';
    await settled;
    params = api!.requestsTo('/v1/heatmap')[1]!.params;
    expect(params.get('platform')).to.equal('android');
    provider.platform = 'web';
    await new Promise((r) => setTimeout(r, 50));
    expect(api!.requestsTo('/v1/heatmap')).to.have.length(2);
  });

  it('shows the skeleton, the empty state, the no-best sentence, the error with Retry and the stale badge', async () => {
    stub({ '/v1/heatmap': 'hang' });
    const provider = await fixture<IgProvider>(html`<ig-provider api=${FIXTURE_API} token="t" locale="en"><ig-heatmap></ig-heatmap></ig-provider>`);
    const el = provider.querySelector('ig-heatmap')!;
    await until(() => api!.requestsTo('/v1/heatmap').length === 1);
    await el.updateComplete;
    expect(base(el).getAttribute('aria-busy')).to.equal('true');
    await expectAccessible(el);
    api!.restore();

    const empty = await fixtureJson<IgHeatmapResponse>('getHeatmap');
    for (const c of empty.cells) Object.assign(c, { sent: 0, clicked: 0, ctr: null });
    empty.best = [];
    stub({ '/v1/heatmap': { status: 200, body: empty } });
    let settled = nextSettled(el);
    el.minSent = 10;
    expect((await settled).type).to.equal('ig-load');
    expect(textOf(el)).to.contain('No data for this period');
    await expectAccessible(el);

    const noBest = await fixtureJson<IgHeatmapResponse>('getHeatmap');
    noBest.best = [];
    stub({ '/v1/heatmap': { status: 200, body: noBest } });
    settled = nextSettled(el);
    el.minSent = 100000;
    await settled;
    expect(summaryOf(el)).to.equal('Not enough sends yet to recommend a time.');

    let fail = true;
    stub({ '/v1/heatmap': () => (fail ? problem(400, 'invalid_parameter', 'minSent') : 'getHeatmap'), '/v1/meta': 'getMeta.stale' });
    settled = nextSettled(el);
    el.minSent = 7;
    expect(((await settled) as CustomEvent).detail).to.deep.equal({ status: 400, code: 'invalid_parameter' });
    await el.updateComplete;
    await expectAccessible(el);
    fail = false;
    settled = nextSettled(el);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    expect((await settled).type).to.equal('ig-load');
    provider.token = 't2';
    await until(() => el.shadowRoot!.querySelector('[part="stale"]'), 5000, 'stale badge (push is stale)');
    await expectAccessible(el);
  });

  it('fits 320 px in the dark theme', async () => {
    stub();
    const { el } = await mount(html`<ig-provider api=${FIXTURE_API} token="t" theme="dark" style="display:block;width:320px"><ig-heatmap></ig-heatmap></ig-provider>`);
    await chartOf(el).renderComplete;
    const b = base(el) as HTMLElement;
    expect(b.getBoundingClientRect().width).to.be.at.most(320);
    expect(b.scrollWidth).to.be.at.most(b.clientWidth + 1);
    await expectAccessible(el);
  });

  it('shows exactly the real BFF’s cells and best time', async () => {
    const { api: url } = await testStack();
    const [a] = await twoProjects();
    const { el, event } = await mount(html`<ig-provider api=${url} token=${a.token} locale="es"><ig-heatmap></ig-heatmap></ig-provider>`);
    expect(event.type).to.equal('ig-load');
    const direct = (await (await fetch(`${url}/v1/heatmap`, { headers: { authorization: `Bearer ${a.token}` } })).json()) as IgHeatmapResponse;
    const chart = chartOf(el);
    await chart.renderComplete;
    expect((chart.data as { sent: number }[]).map((r) => r.sent)).to.deep.equal(direct.cells.map((c) => c.sent));
    expect(chart.shadowRoot!.querySelectorAll('.mark-rect.role-mark path')).to.have.length(direct.cells.filter((c) => c.ctr !== null).length);
    if (direct.best[0]) expect(summaryOf(el)).to.match(/^Mejor momento: \S+ \d{1,2}:00 \(CTR [\d,]+\s%\)/);
    await expectAccessible(el);
  });
});
