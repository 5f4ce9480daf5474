import { expect, fixture, html } from '@open-wc/testing';
import { afterEach, describe, it } from '../../testing/mocha.js';
import '../../index.js';
import { expectAccessible } from '../../testing/axe.js';
import { FIXTURE_API, fixtureJson, problem, stubApi, type ApiStub, type StubRoute } from '../../testing/fixtures.js';
import { nextSettled, testStack, twoProjects, until } from '../../testing/stack.js';
import type { IgProvider } from '../provider/provider.js';
import type { IgInsights, IgInsightsResponse } from './insights.js';

const norm = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const items = (el: Element) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="insight"]')];
const message = (el: Element) => el.shadowRoot!.querySelector('[part="message"]');

async function mount(template: ReturnType<typeof html>) {
  const settled = nextSettled();
  const root = await fixture<HTMLElement>(template);
  const el = root.querySelector('ig-insights') as IgInsights;
  const event = await settled;
  await el.updateComplete;
  return { root, el, provider: root as IgProvider, event };
}

describe('<ig-insights>', () => {
  let api: ApiStub | undefined;
  afterEach(() => api?.restore());
  const stub = (routes: Record<string, StubRoute> = {}) => (api = stubApi({ '/v1/meta': 'getMeta', '/v1/insights': 'getInsights', ...routes }));

  it('lists each notable change with its value against the usual one, the change, z and its drivers (es)', async () => {
    stub();
    const { el, event } = await mount(html`<ig-provider api=${FIXTURE_API} token="t"><ig-insights></ig-insights></ig-provider>`);
    expect(event.type).to.equal('ig-load');
    const params = api!.requestsTo('/v1/insights')[0]!.params;
    expect(params.get('channel')).to.equal(null);
    const [first, second] = items(el);
    expect(items(el)).to.have.length(2);
    expect([first!.dataset.channel, first!.dataset.metric, first!.dataset.trend]).to.deep.equal(['push', 'deliveryRate', 'down']);
    expect(norm(first!.querySelector('[part="title"]')!.textContent)).to.equal('Tasa de entrega · Push');
    const figures = norm(first!.querySelector('[part="figures"]')!.textContent);
    expect(figures).to.contain('61,56 % frente a 83,81 % habitual');
    expect(figures).to.contain('22,25 p. p.');
    expect(figures).to.contain('-26,5');
    expect(figures).to.contain('Baja 22,25 puntos porcentuales respecto a lo habitual');
    const drivers = [...first!.querySelectorAll<HTMLElement>('[part="driver"]')].map((d) => [d.dataset.dimension, d.dataset.key, norm(d.textContent)]);
    expect(drivers).to.deep.equal([
      ['platform', 'ios', 'Plataforma: iOS −21,05 p. p.'],
      ['weekday', 'mon', 'Día: lunes −3,40 p. p.'],
      ['campaign', '5120', 'Campaña: Black Friday −3,10 p. p.'],
    ]);
    expect(second!.dataset.trend).to.equal('up');
    expect(norm(second!.querySelector('[part="driver"]')!.textContent)).to.equal('Campaña: Newsletter noviembre +40.000');
    expect(el.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-label')).to.equal('Cambios destacados');
    await expectAccessible(el);
  });

  it('speaks English and Portuguese', async () => {
    stub();
    const { el } = await mount(html`<ig-provider api=${FIXTURE_API} token="t" locale="en"><ig-insights></ig-insights></ig-provider>`);
    expect(norm(items(el)[0]!.querySelector('[part="title"]')!.textContent)).to.equal('Delivery rate · Push');
    expect(norm(items(el)[0]!.querySelector('[part="figures"]')!.textContent)).to.contain('61.56% vs 83.81% usual');
    expect(norm(items(el)[0]!.querySelector('[part="driver"]')!.textContent)).to.equal('Platform: iOS −21.05 pp');
    const pt = await mount(html`<ig-provider api=${FIXTURE_API} token="t" locale="pt-BR"><ig-insights></ig-insights></ig-provider>`);
    expect(norm(items(pt.el)[0]!.querySelector('[part="driver"]')!.textContent)).to.match(/^Plataforma: iOS/);
    expect(norm(pt.el.shadowRoot!.textContent)).to.contain('O que mais pesou');
  });

  it('says nothing is unusual when there is no notable change, accessibly', async () => {
    stub({ '/v1/insights': 'getInsights.empty' });
    const { el, event } = await mount(html`<ig-provider api=${FIXTURE_API} token="t"><ig-insights></ig-insights></ig-provider>`);
    expect(event.type).to.equal('ig-load');
    expect(items(el)).to.have.length(0);
    expect(message(el)!.getAttribute('role')).to.equal('status');
    expect(norm(message(el)!.textContent)).to.match(/^Nada inusual en este periodo/);
    await expectAccessible(el);
    // Nothing judged (no earlier weeks of data): says so instead of "nothing unusual".
    const none = { ...(await fixtureJson<IgInsightsResponse>('getInsights.empty')), checked: 0 };
    api!.restore();
    stub({ '/v1/insights': { status: 200, body: none } });
    const other = await mount(html`<ig-provider api=${FIXTURE_API} token="t"><ig-insights></ig-insights></ig-provider>`);
    expect(norm(message(other.el)!.textContent)).to.match(/^Aún no hay semanas anteriores suficientes/);
  });

  it('follows the shared period and channel filters; a channel it does not judge shows nothing unusual', async () => {
    stub();
    const { el, provider } = await mount(html`<ig-provider api=${FIXTURE_API} token="t"><ig-insights></ig-insights></ig-provider>`);
    provider.setFilters({ channel: 'email' });
    await until(() => api!.requestsTo('/v1/insights').some((r) => r.params.get('channel') === 'email'), 5000, 'channel=email');
    provider.setFilters({ period: 'custom', from: '2026-11-01', to: '2026-11-07' });
    await until(() => api!.requestsTo('/v1/insights').some((r) => r.params.get('from') === '2026-11-01' && r.params.get('to') === '2026-11-07'), 5000, 'period');
    const settled = nextSettled();
    provider.setFilters({ channel: 'chat' });
    await settled;
    await el.updateComplete;
    expect(api!.requestsTo('/v1/insights').at(-1)!.params.get('channel')).to.equal(null);
    expect(items(el)).to.have.length(0);
    expect(norm(message(el)!.textContent)).to.match(/^Nada inusual/);
  });

  it('shows the error with Retry on a 400', async () => {
    stub({ '/v1/insights': { status: 400, body: problem(400, 'invalid_parameter', 'from') } });
    const { el, event } = await mount(html`<ig-provider api=${FIXTURE_API} token="t"><ig-insights from="2026-11-10" to="2026-11-01"></ig-insights></ig-provider>`);
    expect(event.type).to.equal('ig-error');
    expect(el.shadowRoot!.querySelector('[part="retry-button"]')).to.exist;
    await expectAccessible(el);
  });

  it('against the real stack: shows exactly the BFF\'s notable changes for the project, in order', async () => {
    const { api: url } = await testStack();
    const [a] = await twoProjects();
    const meta = (await (await fetch(`${url}/v1/meta`, { headers: { Authorization: `Bearer ${a.token}` } })).json()) as { today: string };
    const to = meta.today;
    const from = new Date(Date.parse(`${to}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
    const answer = (await (await fetch(`${url}/v1/insights?from=${from}&to=${to}`, { headers: { Authorization: `Bearer ${a.token}` } })).json()) as IgInsightsResponse;
    expect(answer.checked, 'the stack has weeks enough to judge').to.be.greaterThan(0);
    const { el, event } = await mount(html`<ig-provider api=${url} token=${a.token}><ig-insights from=${from} to=${to}></ig-insights></ig-provider>`);
    expect(event.type).to.equal('ig-load');
    expect(items(el).map((i) => `${i.dataset.channel}/${i.dataset.metric}`)).to.deep.equal(answer.insights.map((i) => `${i.channel}/${i.metric}`));
    if (!answer.insights.length) expect(norm(message(el)!.textContent)).to.match(/^Nada inusual/);
    // The default period (30 days) needs two earlier 35-day windows; the stack's history decides.
    const byDefault = (await (await fetch(`${url}/v1/insights`, { headers: { Authorization: `Bearer ${a.token}` } })).json()) as IgInsightsResponse;
    const d = await mount(html`<ig-provider api=${url} token=${a.token}><ig-insights></ig-insights></ig-provider>`);
    expect(items(d.el)).to.have.length(byDefault.insights.length);
    if (byDefault.checked === 0) expect(norm(message(d.el)!.textContent)).to.match(/^Aún no hay/);
    await expectAccessible(el);
  });
});
