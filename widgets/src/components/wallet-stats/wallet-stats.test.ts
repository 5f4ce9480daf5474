import { expect, fixture, html } from '@open-wc/testing';
import { afterEach, describe, it } from '../../testing/mocha.js';
import '../../index.js';
import { expectAccessible } from '../../testing/axe.js';
import { FIXTURE_API, fixtureJson, problem, stubApi, type ApiStub, type StubRoute } from '../../testing/fixtures.js';
import { nextSettled, testStack, textOf, twoProjects, until } from '../../testing/stack.js';
import type { IgChart } from '../chart/chart.js';
import type { IgProvider } from '../provider/provider.js';
import type { IgWalletResponse, IgWalletStats } from './wallet-stats.js';

const norm = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
const chartOf = (el: Element) => el.shadowRoot!.querySelector<IgChart>('ig-chart')!;
const base = (el: Element) => el.shadowRoot!.querySelector('[part="base"]')!;
const figures = (el: Element) =>
  Object.fromEntries([...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="figure-value"]')].map((v) => [v.dataset['metric'], Number(v.dataset['value'])]));

async function mount(template: ReturnType<typeof html>) {
  const settled = nextSettled();
  const root = await fixture<HTMLElement>(template);
  const el = root.querySelector('ig-wallet-stats') as IgWalletStats;
  const event = await settled;
  await el.updateComplete;
  return { root, el, provider: root as IgProvider, event };
}

describe('<ig-wallet-stats>', () => {
  let api: ApiStub | undefined;
  afterEach(() => api?.restore());
  const stub = (routes: Record<string, StubRoute> = {}) => (api = stubApi({ '/v1/meta': 'getMeta', '/v1/wallet': 'getWallet', ...routes }));

  it('shows the four totals with their Apple/Google split, and the four per day as lines', async () => {
    stub();
    const { el, event } = await mount(html`<ig-provider api=${FIXTURE_API} token="t" locale="en"><ig-wallet-stats></ig-wallet-stats></ig-provider>`);
    expect(event.type).to.equal('ig-load');
    const data = await fixtureJson<IgWalletResponse>('getWallet');
    expect(figures(el)).to.deep.equal(data.totals);
    expect([...el.shadowRoot!.querySelectorAll('[part="figure-label"]')].map((l) => norm(l.textContent))).to.deep.equal(['Issued', 'Installed', 'Uninstalled', 'Updates']);
    const split = el.shadowRoot!.querySelector('[data-metric="issued"] [part="split"]')!;
    expect([...split.querySelectorAll('span')].map((s) => norm(s.textContent))).to.deep.equal([
      `Apple Wallet: ${data.platforms[0]!.totals.issued}`,
      `Google Wallet: ${data.platforms[1]!.totals.issued}`,
    ]);
    const chart = chartOf(el);
    await chart.renderComplete;
    expect(chart.shadowRoot!.querySelectorAll('.mark-line path'), 'one line per figure').to.have.length(4);
    await expectAccessible(el);
    chart.table = true;
    await chart.updateComplete;
    expect(chart.shadowRoot!.querySelectorAll('tbody tr')).to.have.length(14);
    expect([...chart.shadowRoot!.querySelectorAll('thead th')].map((th) => norm(th.textContent))).to.deep.equal(['Date', 'Issued', 'Installed', 'Uninstalled', 'Updates']);
    await expectAccessible(el);
  });

  it('shows the skeleton, the empty state, the error with Retry and the stale badge', async () => {
    stub({ '/v1/wallet': 'hang' });
    const provider = await fixture<IgProvider>(html`<ig-provider api=${FIXTURE_API} token="t"><ig-wallet-stats></ig-wallet-stats></ig-provider>`);
    const el = provider.querySelector('ig-wallet-stats')!;
    await until(() => api!.requestsTo('/v1/wallet').length === 1);
    await el.updateComplete;
    expect(base(el).getAttribute('aria-busy')).to.equal('true');
    await expectAccessible(el);
    api!.restore();

    const empty = await fixtureJson<IgWalletResponse>('getWallet');
    empty.totals = { issued: 0, installed: 0, uninstalled: 0, updates: 0 };
    stub({ '/v1/wallet': { status: 200, body: empty } });
    let settled = nextSettled(el);
    el.from = '2026-01-01';
    el.to = '2026-01-14';
    expect((await settled).type).to.equal('ig-load');
    expect(textOf(el)).to.contain('Sin datos para este periodo');
    await expectAccessible(el);

    let fail = true;
    stub({ '/v1/wallet': () => (fail ? problem(401, 'unauthorized') : 'getWallet'), '/v1/meta': 'getMeta.stale-wallet' });
    settled = nextSettled(el);
    el.to = '2026-01-15';
    expect(((await settled) as CustomEvent).detail.status).to.equal(401);
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
    const { el } = await mount(html`<ig-provider api=${FIXTURE_API} token="t" theme="dark" style="display:block;width:320px"><ig-wallet-stats></ig-wallet-stats></ig-provider>`);
    await chartOf(el).renderComplete;
    const b = base(el) as HTMLElement;
    expect(b.getBoundingClientRect().width).to.be.at.most(320);
    expect(b.scrollWidth).to.be.at.most(b.clientWidth + 1);
    await expectAccessible(el);
  });

  it('shows exactly the real BFF’s wallet totals and platforms', async () => {
    const { api: url } = await testStack();
    const [a] = await twoProjects();
    const { el, event } = await mount(html`<ig-provider api=${url} token=${a.token}><ig-wallet-stats></ig-wallet-stats></ig-provider>`);
    expect(event.type).to.equal('ig-load');
    const direct = (await (await fetch(`${url}/v1/wallet`, { headers: { authorization: `Bearer ${a.token}` } })).json()) as IgWalletResponse;
    if (Object.values(direct.totals).every((v) => v === 0)) {
      expect(textOf(el)).to.contain('Sin datos');
    } else {
      expect(figures(el)).to.deep.equal(direct.totals);
      for (const p of direct.platforms) {
        expect(Number(el.shadowRoot!.querySelector<HTMLElement>(`[data-metric="issued"] [data-platform="${p.platform}"]`)!.dataset['value'])).to.equal(p.totals.issued);
      }
      await chartOf(el).renderComplete;
    }
    await expectAccessible(el);
  });
});
