import { expect, fixture, html } from '@open-wc/testing';
import { afterEach, describe, it } from '../../testing/mocha.js';
import '../../index.js';
import { expectAccessible } from '../../testing/axe.js';
import { FIXTURE_API, fixtureJson, problem, stubApi, type ApiStub, type StubRoute } from '../../testing/fixtures.js';
import { nextSettled, testStack, textOf, twoProjects, until } from '../../testing/stack.js';
import type { IgChart } from '../chart/chart.js';
import type { IgProvider } from '../provider/provider.js';
import type { IgDevicesResponse, IgDeviceStats } from './device-stats.js';

const norm = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
const chartOf = (el: Element) => el.shadowRoot!.querySelector<IgChart>('ig-chart')!;
const base = (el: Element) => el.shadowRoot!.querySelector('[part="base"]')!;
const figures = (el: Element) =>
  Object.fromEntries(
    [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="figure-value"]')].map((v) => [v.dataset['metric'], v.dataset['value'] === undefined ? null : Number(v.dataset['value'])]),
  );

async function mount(template: ReturnType<typeof html>) {
  const settled = nextSettled();
  const root = await fixture<HTMLElement>(template);
  const el = root.querySelector('ig-device-stats') as IgDeviceStats;
  const event = await settled;
  await el.updateComplete;
  return { root, el, provider: root as IgProvider, event };
}

describe('<ig-device-stats>', () => {
  let api: ApiStub | undefined;
  afterEach(() => api?.restore());
  const stub = (routes: Record<string, StubRoute> = {}) => (api = stubApi({ '/v1/meta': 'getMeta', '/v1/devices': 'getDevices', ...routes }));

  it('shows new and unregistered totals, active as average and last day (never summed), and bars per day', async () => {
    stub();
    const { el, event } = await mount(html`<ig-provider api=${FIXTURE_API} token="t"><ig-device-stats></ig-device-stats></ig-provider>`);
    expect(event.type).to.equal('ig-load');
    const data = await fixtureJson<IgDevicesResponse>('getDevices');
    expect(figures(el)).to.deep.equal({ new: data.totals.new, unregistered: data.totals.unregistered, activeAverage: data.totals.activeAverage, activeLastDay: data.totals.activeLastDay });
    const activeSum = data.days.reduce((sum, d) => sum + (d.active ?? 0), 0);
    expect(Object.values(figures(el))).not.to.include(activeSum);
    expect([...el.shadowRoot!.querySelectorAll('[part="figure-label"]')].map((l) => norm(l.textContent))).to.deep.equal([
      'Nuevos',
      'Dados de baja',
      'Activos (media diaria)',
      'Activos el 13 mar',
    ]);
    expect(norm(el.shadowRoot!.querySelector('[data-metric="activeAverage"][part="figure-value"]')!.textContent)).to.equal('5240');
    const chart = chartOf(el);
    await chart.renderComplete;
    expect(chart.shadowRoot!.querySelectorAll('.mark-rect.role-mark path'), 'two bars a day').to.have.length(28);
    await expectAccessible(el);
    chart.table = true;
    await chart.updateComplete;
    expect(chart.shadowRoot!.querySelectorAll('tbody tr')).to.have.length(14);
    expect([...chart.shadowRoot!.querySelectorAll('thead th')].map((th) => norm(th.textContent))).to.deep.equal(['Fecha', 'Nuevos', 'Dados de baja', 'Activos']);
    await expectAccessible(el);
  });

  it('shows the skeleton, the empty state, the error with Retry and the stale badge', async () => {
    stub({ '/v1/devices': 'hang' });
    const provider = await fixture<IgProvider>(html`<ig-provider api=${FIXTURE_API} token="t" locale="pt-BR"><ig-device-stats></ig-device-stats></ig-provider>`);
    const el = provider.querySelector('ig-device-stats')!;
    await until(() => api!.requestsTo('/v1/devices').length === 1);
    await el.updateComplete;
    expect(base(el).getAttribute('aria-busy')).to.equal('true');
    expect(base(el).getAttribute('aria-label')).to.equal('Dispositivos');
    await expectAccessible(el);
    api!.restore();

    const empty = await fixtureJson<IgDevicesResponse>('getDevices');
    empty.days = empty.days.map((d) => ({ ...d, new: 0, unregistered: 0, active: null }));
    empty.totals = { new: 0, unregistered: 0, activeAverage: null, activeLastDay: null, lastDay: null };
    stub({ '/v1/devices': { status: 200, body: empty } });
    let settled = nextSettled(el);
    el.from = '2026-01-01';
    el.to = '2026-01-14';
    expect((await settled).type).to.equal('ig-load');
    expect(api!.requestsTo('/v1/devices')[0]!.params.get('from')).to.equal('2026-01-01');
    expect(textOf(el)).to.contain('Sem dados para este período');
    await expectAccessible(el);

    let fail = true;
    stub({ '/v1/devices': () => (fail ? problem(500, 'internal') : 'getDevices'), '/v1/meta': 'getMeta.stale' });
    settled = nextSettled(el);
    el.to = '2026-01-15';
    expect((await settled).type).to.equal('ig-error');
    await el.updateComplete;
    await expectAccessible(el);
    fail = false;
    settled = nextSettled(el);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    expect((await settled).type).to.equal('ig-load');
    provider.token = 't2';
    await until(() => el.shadowRoot!.querySelector('[part="stale"]'), 5000, 'stale badge');
    await expectAccessible(el);
  });

  it('fits 320 px in the dark theme', async () => {
    stub();
    const { el } = await mount(html`<ig-provider api=${FIXTURE_API} token="t" theme="dark" style="display:block;width:320px"><ig-device-stats></ig-device-stats></ig-provider>`);
    await chartOf(el).renderComplete;
    const b = base(el) as HTMLElement;
    expect(b.getBoundingClientRect().width).to.be.at.most(320);
    expect(b.scrollWidth).to.be.at.most(b.clientWidth + 1);
    await expectAccessible(el);
  });

  it('shows exactly the real BFF’s device figures', async () => {
    const { api: url } = await testStack();
    const [a] = await twoProjects();
    const { el, event } = await mount(html`<ig-provider api=${url} token=${a.token}><ig-device-stats></ig-device-stats></ig-provider>`);
    expect(event.type).to.equal('ig-load');
    const direct = (await (await fetch(`${url}/v1/devices`, { headers: { authorization: `Bearer ${a.token}` } })).json()) as IgDevicesResponse;
    expect(direct.days.length).to.be.within(30, 31);
    expect(figures(el)).to.deep.equal({ new: direct.totals.new, unregistered: direct.totals.unregistered, activeAverage: direct.totals.activeAverage, activeLastDay: direct.totals.activeLastDay });
    const chart = chartOf(el);
    await chart.renderComplete;
    expect(chart.data).to.have.length(direct.days.length);
    await expectAccessible(el);
  });
});
