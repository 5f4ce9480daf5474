import { expect, fixture, html } from '@open-wc/testing';
import { afterEach, describe, it } from '../../testing/mocha.js';
import '../../index.js';
import { expectAccessible } from '../../testing/axe.js';
import { FIXTURE_API, fixtureJson, problem, stubApi, type ApiStub } from '../../testing/fixtures.js';
import { nextSettled, testStack, textOf, twoProjects, until } from '../../testing/stack.js';
import type { IgChart } from '../chart/chart.js';
import type { IgProvider } from '../provider/provider.js';
import type { IgChatResponse, IgChatStats } from './chat-stats.js';

async function mount(template: ReturnType<typeof html>, routes: Parameters<typeof stubApi>[0] = {}) {
  const api = stubApi({ '/v1/meta': 'getMeta', '/v1/chat': 'getChat', ...routes });
  const settled = nextSettled();
  try {
    const provider = await fixture<IgProvider>(template);
    return { api, provider, stats: provider.querySelector('ig-chat-stats')!, settled };
  } catch (error) {
    api.restore();
    throw error;
  }
}

const charts = (el: IgChatStats) => [...el.shadowRoot!.querySelectorAll<IgChart>('ig-chart')];
const valueOf = (el: IgChatStats, metric: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part="value"][data-metric="${metric}"]`)!;

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

describe('<ig-chat-stats>', () => {
  let stub: ApiStub | undefined;
  afterEach(() => stub?.restore());

  it('shows sent, delivered and read with rates, the fallback rate with its definition, and three charts', async () => {
    const m = await mount(html`<ig-provider api=${FIXTURE_API} token="t" locale="en"><ig-chat-stats></ig-chat-stats></ig-provider>`);
    stub = m.api;
    expect((await m.settled).type).to.equal('ig-load');
    const { stats } = m;
    const data = await fixtureJson<IgChatResponse>('getChat');
    const labels = [...stats.shadowRoot!.querySelectorAll('[part="label"]')].map((n) => n.textContent!.trim());
    expect(labels).to.deep.equal(['Sent', 'Delivered', 'Delivery rate', 'Read', 'Read rate', 'Fallback rate']);
    expect(valueOf(stats, 'sent').textContent!.trim()).to.equal(new Intl.NumberFormat('en').format(data.totals.sent));
    expect(Number(valueOf(stats, 'fallbackRate').dataset['value'])).to.equal(data.totals.fallbackRate);
    expect(valueOf(stats, 'fallbackRate').textContent!.trim()).to.match(/^\d+\.\d\d%$/);
    const description = stats.shadowRoot!.querySelector('[part="description"]')!;
    expect(valueOf(stats, 'fallbackRate').getAttribute('aria-describedby')).to.equal(description.id);
    expect(description.textContent).to.contain(`${new Intl.NumberFormat('en').format(data.totals.fallbacks)} of ${new Intl.NumberFormat('en').format(data.totals.botMessages)}`);

    const [sendTypes, categories, daily] = charts(stats);
    await Promise.all(charts(stats).map((c) => c.renderComplete));
    expect(sendTypes!.label).to.equal('Messages by send type');
    expect(sendTypes!.shadowRoot!.querySelectorAll('.mark-rect path')).to.have.length(data.bySendType.length);
    expect(categories!.label).to.equal('Messages by category');
    expect(categories!.shadowRoot!.querySelectorAll('.mark-rect path')).to.have.length(data.byCategory.length);
    expect(daily!.label).to.equal('Chat messages per day');
    expect(daily!.shadowRoot!.querySelectorAll('.mark-line path')).to.have.length(3);
    await expectAccessible(stats);

    categories!.table = true;
    await categories!.updateComplete;
    const rows = [...categories!.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()));
    expect(rows).to.have.length(data.byCategory.length);
    expect(rows[0]![0]).to.equal(data.byCategory[0]!.category);
    expect(rows[0]![2]).to.match(/%$/);
    await expectAccessible(stats);
  });

  it('formats for pt-BR', async () => {
    const m = await mount(html`<ig-provider api=${FIXTURE_API} token="t" locale="pt-BR"><ig-chat-stats></ig-chat-stats></ig-provider>`);
    stub = m.api;
    await m.settled;
    expect(valueOf(m.stats, 'readRate').textContent!.trim()).to.match(/^\d+,\d\d\s?%$/);
    expect(textOf(m.stats)).to.contain('Taxa de fallback');
  });

  it('shows the empty state for a period without chat data', async () => {
    const m = await mount(html`<ig-provider api=${FIXTURE_API} token="t"><ig-chat-stats></ig-chat-stats></ig-provider>`, { '/v1/chat': 'getChat.empty' });
    stub = m.api;
    expect((await m.settled).type).to.equal('ig-load');
    expect(m.stats.shadowRoot!.querySelector('[part="message"]')!.textContent).to.contain('Sin datos para este periodo');
    expect(charts(m.stats)).to.have.length(0);
    await expectAccessible(m.stats);
  });

  it('shows the skeleton, then the error with Retry, and marks stale chat data', async () => {
    let answer: 'hang' | 'fail' | 'ok' = 'hang';
    const m = await mount(html`<ig-provider api=${FIXTURE_API} token="t" locale="en"><ig-chat-stats></ig-chat-stats></ig-provider>`, {
      '/v1/chat': () => (answer === 'hang' ? 'hang' : answer === 'fail' ? problem(503, 'internal') : 'getChat'),
      '/v1/meta': async () => {
        const meta = await fixtureJson<{ freshness: { group: string; stale: boolean }[] }>('getMeta');
        for (const f of meta.freshness) f.stale = f.group === 'chat';
        return { status: 200, body: meta };
      },
    });
    stub = m.api;
    const { stats } = m;
    await until(() => m.api.requestsTo('/v1/chat').length === 1, 2000, 'request');
    await stats.updateComplete;
    expect(stats.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    expect(textOf(stats)).to.equal('Loading data…');
    await expectAccessible(stats);

    answer = 'fail';
    let settled = nextSettled(stats);
    stats.from = '2026-03-01';
    expect((await settled).type).to.equal('ig-error');
    expect(stats.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('The data could not be loaded.');
    await expectAccessible(stats);

    answer = 'ok';
    settled = nextSettled(stats);
    stats.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    expect((await settled).type).to.equal('ig-load');
    await until(() => stats.shadowRoot!.querySelector('[part="stale"]'), 5000, 'stale badge');
    expect(stats.shadowRoot!.querySelector('[part="stale"]')!.textContent).to.contain('Out of date');
    await expectAccessible(stats);
  });

  it('fits 320 px and passes axe in the dark theme', async () => {
    const m = await mount(html`<ig-provider api=${FIXTURE_API} token="t" theme="dark"><ig-chat-stats></ig-chat-stats></ig-provider>`);
    stub = m.api;
    await m.settled;
    expect(m.stats.dataset['theme']).to.equal('dark');
    await expectFits320(m.stats);
    await expectAccessible(m.stats);
  });

  it('shows the real chat statistics of the test stack', async () => {
    const { api } = await testStack();
    const [a] = await twoProjects();
    const expected = (await fetch(`${api}/v1/chat`, { headers: { authorization: `Bearer ${a.token}` } }).then((r) => r.json())) as IgChatResponse;
    const settled = nextSettled();
    const provider = await fixture<IgProvider>(html`<ig-provider api=${api} token=${a.token}><ig-chat-stats></ig-chat-stats></ig-provider>`);
    const stats = provider.querySelector('ig-chat-stats')!;
    expect((await settled).type).to.equal('ig-load');
    if (!expected.hasData) {
      expect(textOf(stats)).to.contain('Sin datos');
      return;
    }
    expect(Number(valueOf(stats, 'sent').dataset['value'])).to.equal(expected.totals.sent);
    expect(Number(valueOf(stats, 'read').dataset['value'])).to.equal(expected.totals.read);
    const [sendTypes, , daily] = charts(stats);
    await Promise.all(charts(stats).map((c) => c.renderComplete));
    expect(sendTypes!.shadowRoot!.querySelectorAll('.mark-rect path')).to.have.length(expected.bySendType.length);
    expect(daily!.data).to.have.length(expected.days.length);
    await expectAccessible(stats);
  });
});
