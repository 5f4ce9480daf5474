import { expect, fixture, html } from '@open-wc/testing';
import { recordLayoutShifts } from '../../testing/layout-shift.js';
import { afterEach, describe, it } from '../../testing/mocha.js';
import '../../index.js';
import { addDays } from '../../filters/filters.js';
import { expectAccessible } from '../../testing/axe.js';
import { FIXTURE_API, fixtureToday, problem, stubApi, type ApiStub } from '../../testing/fixtures.js';
import type { IgProvider } from '../provider/provider.js';
import { METRIC_COUNTS, type IgChannelKpis } from './channel-kpis.js';
import { CHANNEL_METRICS } from '../timeseries/timeseries.js';
import {
  kpiRequests,
  labelsOf,
  nextSettled,
  testStack,
  textOf,
  twoProjects,
  until,
  valuesOf,
  type Totals,
} from '../../testing/stack.js';

async function mount(template: ReturnType<typeof html>) {
  const settled = nextSettled();
  const root = await fixture<HTMLElement>(template);
  const kpis = (root.localName === 'ig-channel-kpis' ? root : root.querySelector('ig-channel-kpis')) as IgChannelKpis;
  const provider = (root.localName === 'ig-provider' ? root : root.querySelector('ig-provider')) as IgProvider | null;
  return { root, kpis, provider, event: await settled };
}

function expectTotals(kpis: IgChannelKpis, expected: Totals) {
  const values = valuesOf(kpis);
  expect({ sent: values['sent'], delivered: values['delivered'], clicked: values['clicked'] }).to.deep.equal(expected);
  expect(values['ctr']).to.be.closeTo(expected.clicked / expected.sent, 1e-9);
}

/** Mounts KPIs over fixtures; `routes` overrides the default answers. */
async function mountFixtures(template: ReturnType<typeof html>, routes: Parameters<typeof stubApi>[0] = {}) {
  const api = stubApi({ '/v1/meta': 'getMeta', '/v1/kpis': ({ params }) => `getKpis.${params.get('channel')}`, ...routes });
  try {
    return { ...(await mount(template)), api };
  } catch (error) {
    api.restore();
    throw error;
  }
}

describe('<ig-channel-kpis>', () => {
  let stub: ApiStub | undefined;
  const track = <T extends { api: ApiStub }>(mounted: T): T => ((stub = mounted.api), mounted);
  afterEach(() => stub?.restore());

  it('shows every metric of each channel, named in the language, formatted with Intl', async () => {
    const cases = [
      { channel: 'push', labels: ['Enviados', 'Entregados', 'Clics', 'CTR'] },
      { channel: 'sms', labels: ['Enviados', 'Entregados', 'Clics', 'Rechazados', 'Coste', 'Tasa de entrega', 'CTR'] },
      { channel: 'chat', labels: ['Enviados', 'Entregados', 'Leídos', 'Tasa de entrega', 'Tasa de lectura'] },
      { channel: 'all', labels: ['Enviados', 'Entregados', 'Clics', 'Tasa de entrega', 'CTR'] },
    ];
    for (const { channel, labels } of cases) {
      const { kpis, event, api } = track(
        await mountFixtures(html`<ig-provider api=${FIXTURE_API} token="t"><ig-channel-kpis channel=${channel}></ig-channel-kpis></ig-provider>`),
      );
      expect(event.type).to.equal('ig-load');
      expect(labelsOf(kpis), channel).to.deep.equal(labels);
      expect(api.requestsTo('/v1/kpis')[0]!.params.get('channel')).to.equal(channel);
      await expectAccessible(kpis);
      api.restore();
    }
  });

  it('formats numbers, percentages, money and percentage points for pt-BR', async () => {
    const { kpis } = track(
      await mountFixtures(html`
        <ig-provider api=${FIXTURE_API} token="t" locale="pt-BR">
          <ig-channel-kpis channel="sms" currency="BRL"></ig-channel-kpis>
        </ig-provider>
      `),
    );
    const text = (metric: string, part = 'value') =>
      kpis.shadowRoot!.querySelector(`[data-metric="${metric}"]${part === 'value' ? '[part="value"]' : ' [part="change"]'}`)!.textContent!.replace(/\s+/g, ' ').trim();
    expect(labelsOf(kpis)).to.deep.equal(['Enviados', 'Entregues', 'Cliques', 'Rejeitados', 'Custo', 'Taxa de entrega', 'CTR']);
    expect(text('sent')).to.equal('98.765');
    expect(text('cost')).to.equal(new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' }).format(1234.5).replace(/\s/g, ' '));
    expect(text('cost')).to.match(/^R\$\s1\.234,50$/);
    expect(text('deliveryRate')).to.equal('96,19%');
    expect(text('deliveryRate', 'change')).to.contain('1,59 p.p.');
    expect(text('deliveryRate', 'change')).to.contain('Queda de 1,59 pontos percentuais em relação ao período anterior');
    expect(text('rejected', 'change')).to.contain('Sem dados do período anterior para comparar');
    expect(kpis.shadowRoot!.querySelector('[part="period"]')!.textContent).to.match(/13 de fev\.? .* 14 de mar\.? de 2026 · comparado com/);
    expect(kpis.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-label')).to.equal('Indicadores de SMS');
  });

  it('shows money without a currency as a plain amount with two decimals', async () => {
    const { kpis } = track(await mountFixtures(html`<ig-provider api=${FIXTURE_API} token="t" locale="en"><ig-channel-kpis channel="sms"></ig-channel-kpis></ig-provider>`));
    expect(kpis.shadowRoot!.querySelector('[data-metric="cost"][part="value"]')!.textContent!.trim()).to.equal('1,234.50');
  });

  it('shows the skeleton while loading: busy, announced, no numbers', async () => {
    const api = (stub = stubApi({ '/v1/meta': 'getMeta', '/v1/kpis': 'hang' }));
    const provider = await fixture<IgProvider>(html`<ig-provider api=${FIXTURE_API} token="t"><ig-channel-kpis channel="push"></ig-channel-kpis></ig-provider>`);
    const kpis = provider.querySelector('ig-channel-kpis')!;
    await new Promise((r) => setTimeout(r, 50));
    await kpis.updateComplete;
    expect(api.requestsTo('/v1/kpis')).to.have.length(1);
    const base = kpis.shadowRoot!.querySelector('[part="base"]')!;
    expect(base.getAttribute('aria-busy')).to.equal('true');
    expect(kpis.shadowRoot!.querySelectorAll('.card--skeleton')).to.have.length(4);
    expect(textOf(kpis)).to.equal('Cargando datos…');
    expect(valuesOf(kpis)).to.deep.equal({});
    await expectAccessible(kpis);
  });

  it('counts as many skeleton cards per channel as the metrics the BFF answers for it', () => {
    const counts = Object.fromEntries(Object.entries(CHANNEL_METRICS).map(([channel, metrics]) => [channel, metrics.length]));
    expect(METRIC_COUNTS).to.deep.equal(counts);
  });

  for (const { channel, width } of [
    { channel: 'all', width: 412 },
    { channel: 'all', width: 900 },
    { channel: 'push', width: 412 },
    { channel: 'sms', width: 412 },
  ]) {
    it(`holds the cards' box while loading (${channel}, ${width} px): a card per metric, nothing below moves when the data arrives`, async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      stub = stubApi({ '/v1/meta': 'getMeta', '/v1/kpis': async () => (await gate, `getKpis.${channel}`) });
      const root = await fixture<HTMLElement>(
        html`<div style="width: ${width}px"><ig-provider api=${FIXTURE_API} token="t"><ig-channel-kpis channel=${channel}></ig-channel-kpis><p>below</p></ig-provider></div>`,
      );
      const kpis = root.querySelector<IgChannelKpis>('ig-channel-kpis')!;
      await until(() => kpis.shadowRoot?.querySelector('.card--skeleton'), 5000, 'the skeleton');
      const skeleton = kpis.getBoundingClientRect().height;
      const cards = kpis.shadowRoot!.querySelectorAll('.card--skeleton').length;
      const shifts = recordLayoutShifts();
      release();
      await until(() => kpis.shadowRoot!.querySelector('[part="card"]'), 5000, 'the figures');
      await kpis.updateComplete;
      expect(await shifts.stop(), 'layout shifts').to.deep.equal([]);
      expect(kpis.shadowRoot!.querySelectorAll('[part="card"]'), 'a skeleton card per metric').to.have.length(cards);
      expect(kpis.getBoundingClientRect().height).to.be.closeTo(skeleton, 0.5); // line boxes round differently from bones
    });
  }

  it('shows the error with a Retry button that loads the data (fixtures)', async () => {
    let fail = true;
    const { kpis, event, api } = track(
      await mountFixtures(html`<ig-provider api=${FIXTURE_API} token="t" locale="en"><ig-channel-kpis channel="push"></ig-channel-kpis></ig-provider>`, {
        '/v1/kpis': () => (fail ? problem(500, 'internal') : 'getKpis.push'),
      }),
    );
    expect((event as CustomEvent).detail).to.deep.equal({ status: 500, code: 'internal' });
    expect(textOf(kpis)).to.contain('The data could not be loaded.');
    await expectAccessible(kpis);
    fail = false;
    const settled = nextSettled(kpis);
    kpis.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    expect((await settled).type).to.equal('ig-load');
    expect(valuesOf(kpis)['sent']).to.equal(1234567);
    expect(api.requestsTo('/v1/kpis')).to.have.length(2);
  });

  it('marks the data stale when its data group is older than its tier allows', async () => {
    const { kpis } = track(
      await mountFixtures(
        html`<ig-provider api=${FIXTURE_API} token="t" locale="en">
          <ig-channel-kpis channel="push"></ig-channel-kpis>
        </ig-provider>`,
        { '/v1/meta': 'getMeta.stale' },
      ),
    );
    // The meta and the KPIs arrive in either order; the badge shows once both are in.
    await until(() => kpis.shadowRoot!.querySelector('[part="stale"]'), 5000, 'stale badge');
    const badge = kpis.shadowRoot!.querySelector('[part="stale"]')!;
    expect(badge, 'push is stale').to.exist;
    expect(badge.textContent).to.contain('Out of date');
    expect(badge.getAttribute('title')).to.match(/^Last updated: Mar 1, 2026/);
    await expectAccessible(kpis);

    kpis.channel = 'sms';
    await nextSettled(kpis);
    expect(kpis.shadowRoot!.querySelector('[part="stale"]'), 'sms is fresh').to.equal(null);
    kpis.channel = 'all';
    await nextSettled(kpis);
    expect(kpis.shadowRoot!.querySelector('[part="stale"]'), 'all channels include push').to.exist;
  });

  it("follows the provider's channel and period filters unless it has its own", async () => {
    const { kpis, provider, api } = track(
      await mountFixtures(html`<ig-provider api=${FIXTURE_API} token="t" period="last7"><ig-channel-kpis></ig-channel-kpis></ig-provider>`),
    );
    const today = await fixtureToday();
    const first = api.requestsTo('/v1/kpis')[0]!;
    expect(api.requests.indexOf(first), 'waits for the project time zone (meta)').to.be.greaterThan(api.requests.indexOf(api.requestsTo('/v1/meta')[0]!));
    expect([first.params.get('channel'), first.params.get('from'), first.params.get('to')]).to.deep.equal(['all', addDays(today, -6), today]);
    expect(kpis.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-label')).to.equal('Indicadores de Todos los canales');

    let settled = nextSettled(kpis);
    provider!.setFilters({ channel: 'sms', period: 'custom', from: '2026-01-01', to: '2026-01-31' });
    await settled;
    const second = api.requestsTo('/v1/kpis')[1]!;
    expect([second.params.get('channel'), second.params.get('from'), second.params.get('to')]).to.deep.equal(['sms', '2026-01-01', '2026-01-31']);

    settled = nextSettled(kpis);
    kpis.from = '2025-12-01';
    kpis.to = '2025-12-31';
    await settled;
    const third = api.requestsTo('/v1/kpis')[2]!;
    expect([third.params.get('from'), third.params.get('to')], 'own dates win').to.deep.equal(['2025-12-01', '2025-12-31']);

    settled = nextSettled(kpis);
    provider!.setFilters({ period: 'last30' });
    await new Promise((r) => setTimeout(r, 50));
    expect(api.requestsTo('/v1/kpis'), 'the shared period no longer applies to it').to.have.length(3);
  });

  it('follows the theme: dark from the provider, light from its own attribute, readable in both', async () => {
    const { kpis, provider } = track(
      await mountFixtures(html`<div style="background:#fff"><ig-provider api=${FIXTURE_API} token="t" theme="dark"><ig-channel-kpis channel="push"></ig-channel-kpis></ig-provider></div>`),
    );
    // Dark paints its own background, so it stays readable on a light page.
    expect(getComputedStyle(kpis.shadowRoot!.querySelector('[part="base"]')!).backgroundColor).to.equal('rgb(20, 23, 29)');
    const card = () => getComputedStyle(kpis.shadowRoot!.querySelector('[part="card"]')!);
    expect(kpis.dataset['theme']).to.equal('dark');
    expect(card().backgroundColor).to.equal('rgb(27, 31, 39)');
    await expectAccessible(kpis);
    kpis.theme = 'light';
    await kpis.updateComplete;
    expect(card().backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(getComputedStyle(kpis.shadowRoot!.querySelector('[part="base"]')!).backgroundColor, 'light: the page shows through').to.equal('rgba(0, 0, 0, 0)');
    await expectAccessible(kpis);
    kpis.removeAttribute('theme');
    provider!.theme = 'light';
    await provider!.updateComplete;
    await kpis.updateComplete;
    expect(kpis.dataset['theme']).to.equal('light');
  });

  it('fits 320 px without horizontal overflow', async () => {
    const { root, kpis } = track(
      await mountFixtures(html`<div style="width:320px"><ig-provider api=${FIXTURE_API} token="t"><ig-channel-kpis channel="sms" currency="EUR"></ig-channel-kpis></ig-provider></div>`),
    );
    const base = kpis.shadowRoot!.querySelector<HTMLElement>('[part="base"]')!;
    expect(base.getBoundingClientRect().width).to.be.at.most(320);
    expect(base.scrollWidth).to.be.at.most(base.clientWidth);
    for (const value of kpis.shadowRoot!.querySelectorAll<HTMLElement>('[part="value"]')) {
      expect(value.getBoundingClientRect().right, value.dataset['metric']).to.be.at.most(root.getBoundingClientRect().right + 0.5);
    }
  });

  it('shows the last-30-days totals of two projects, exactly as the BFF computes them', async () => {
    const { api } = await testStack();
    const projects = await twoProjects();
    expect(projects[0].expected).not.to.deep.equal(projects[1].expected);
    for (const project of projects) {
      expect(project.expected.sent, `project ${project.id} has data`).to.be.greaterThan(0);
      const { kpis, event } = await mount(html`
        <ig-provider api=${api} token=${project.token} locale="es">
          <ig-channel-kpis channel="push"></ig-channel-kpis>
        </ig-provider>
      `);
      expect(event.type).to.equal('ig-load');
      expect((event as CustomEvent<{ durationMs: number }>).detail.durationMs).to.be.a('number').and.at.least(0);
      expectTotals(kpis, project.expected);
      expect(kpis.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-busy')).to.equal('false');
      await expectAccessible(kpis);
    }
  });

  it('refetches when the provider switches token and project, and never shows the first project again', async () => {
    const { api } = await testStack();
    const [a, b] = await twoProjects();
    const { kpis, provider } = await mount(html`
      <ig-provider api=${api} token=${a.token} project=${a.id}>
        <ig-channel-kpis channel="push"></ig-channel-kpis>
      </ig-provider>
    `);
    expectTotals(kpis, a.expected);

    // Every state rendered from now on is recorded.
    const seen: Record<string, number | null>[] = [];
    const observer = new MutationObserver(() => seen.push(valuesOf(kpis)));
    observer.observe(kpis.shadowRoot!, { subtree: true, childList: true, attributes: true, characterData: true });
    const loads: Event[] = [];
    kpis.addEventListener('ig-load', (e) => loads.push(e));

    let settled = nextSettled(kpis);
    provider!.setAttribute('token', b.token);
    provider!.setAttribute('project', b.id);
    await provider!.updateComplete;
    await kpis.updateComplete;
    expect(valuesOf(kpis), 'stale numbers are cleared at once').to.deep.equal({});
    expect(kpis.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    expect((await settled).type).to.equal('ig-load');
    expectTotals(kpis, b.expected);

    // Switch back while a request for the other project is in flight: only the last one may land.
    settled = nextSettled(kpis);
    provider!.token = a.token;
    provider!.project = a.id;
    await provider!.updateComplete;
    await kpis.updateComplete;
    expect(kpis.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-busy'), 'request in flight').to.equal('true');
    provider!.token = b.token;
    provider!.project = b.id;
    expect((await settled).type).to.equal('ig-load');
    await new Promise((r) => setTimeout(r, 300));
    expectTotals(kpis, b.expected);
    observer.disconnect();

    expect(loads).to.have.length(2);
    const aValues = { sent: a.expected.sent, delivered: a.expected.delivered, clicked: a.expected.clicked };
    for (const snapshot of seen) {
      const shown = { sent: snapshot['sent'], delivered: snapshot['delivered'], clicked: snapshot['clicked'] };
      expect(shown).not.to.deep.equal(aValues);
    }
  });

  it('shows the session-expired error and emits ig-error 401 for a forged token', async () => {
    const { api, forgedToken } = await testStack();
    const { kpis, event } = await mount(html`
      <ig-provider api=${api} token=${forgedToken} locale="es">
        <ig-channel-kpis channel="push"></ig-channel-kpis>
      </ig-provider>
    `);
    expect(event.type).to.equal('ig-error');
    expect((event as CustomEvent).detail).to.deep.equal({ status: 401, code: 'unauthorized' });
    expect(event.composed, 'composed').to.equal(true);
    expect(event.bubbles, 'bubbles').to.equal(true);
    expect(kpis.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Tu sesión ha caducado');
    expect(valuesOf(kpis)).to.deep.equal({});
    await expectAccessible(kpis);
  });

  it('shows no access for a project the token does not cover (403)', async () => {
    const { api } = await testStack();
    const [a, b] = await twoProjects();
    const { kpis, event } = await mount(html`
      <ig-provider api=${api} token=${a.token} project=${b.id} locale="en">
        <ig-channel-kpis channel="push"></ig-channel-kpis>
      </ig-provider>
    `);
    expect((event as CustomEvent).detail).to.deep.equal({ status: 403, code: 'forbidden_project' });
    expect(textOf(kpis)).to.contain('You do not have access to this project.');
    expect(valuesOf(kpis)).to.deep.equal({});
  });

  it('names the rejected parameter for an unknown channel (400)', async () => {
    const { api } = await testStack();
    const [a] = await twoProjects();
    const { kpis, event } = await mount(html`
      <ig-provider api=${api} token=${a.token}>
        <ig-channel-kpis channel="nope"></ig-channel-kpis>
      </ig-provider>
    `);
    expect((event as CustomEvent).detail).to.deep.equal({ status: 400, code: 'invalid_parameter' });
    expect(kpis.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('«channel»');
  });

  it('shows the empty state for a period without data', async () => {
    const { api } = await testStack();
    const [a] = await twoProjects();
    const { kpis, event } = await mount(html`
      <ig-provider api=${api} token=${a.token} locale="es">
        <ig-channel-kpis channel="push" from="2001-01-01" to="2001-01-31"></ig-channel-kpis>
      </ig-provider>
    `);
    expect(event.type).to.equal('ig-load');
    expect(kpis.shadowRoot!.querySelector('[part="message"]')!.textContent).to.contain('Sin datos para este periodo');
    expect(valuesOf(kpis)).to.deep.equal({});
    expect(kpis.shadowRoot!.querySelector('[part="period"]')!.textContent).to.contain('2001');
    await expectAccessible(kpis);
  });

  it('speaks Spanish by default and English when asked, with Intl number formats', async () => {
    const { api } = await testStack();
    const [a] = await twoProjects();
    const { kpis, provider } = await mount(html`
      <ig-provider api=${api} token=${a.token}>
        <ig-channel-kpis channel="push"></ig-channel-kpis>
      </ig-provider>
    `);
    expect(labelsOf(kpis)).to.deep.equal(['Enviados', 'Entregados', 'Clics', 'CTR']);
    const sentEs = kpis.shadowRoot!.querySelector('[data-metric="sent"][part="value"]')!.textContent!.trim();
    expect(sentEs).to.equal(new Intl.NumberFormat('es').format(a.expected.sent));
    const ctrEs = kpis.shadowRoot!.querySelector('[data-metric="ctr"][part="value"]')!.textContent!.trim();
    expect(ctrEs).to.match(/^\d+,\d{2}\s%$/);
    expect(kpis.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-label')).to.equal('Indicadores de Push');

    const before = kpiRequests().length;
    provider!.locale = 'en';
    await provider!.updateComplete;
    await kpis.updateComplete;
    expect(labelsOf(kpis)).to.deep.equal(['Sent', 'Delivered', 'Clicks', 'CTR']);
    const sentEn = kpis.shadowRoot!.querySelector('[data-metric="sent"][part="value"]')!.textContent!.trim();
    expect(sentEn).to.equal(new Intl.NumberFormat('en').format(a.expected.sent));
    expect(kpis.shadowRoot!.querySelector('[data-metric="ctr"][part="value"]')!.textContent!.trim()).to.match(/^\d+\.\d{2}%$/);
    expect(textOf(kpis)).to.match(/(Up|Down) [\d.]+(%| percentage points) on the previous period|No (change|previous)/);
    expect(kpiRequests().length, 'a new language does not refetch').to.equal(before);
  });

  it('takes its language from the nearest lang ancestor when the provider sets none', async () => {
    const { api } = await testStack();
    const [a] = await twoProjects();
    const { root, kpis } = await mount(html`
      <div lang="en-GB">
        <ig-provider api=${api} token=${a.token}>
          <ig-channel-kpis channel="push"></ig-channel-kpis>
        </ig-provider>
      </div>
    `);
    expect(labelsOf(kpis)).to.deep.equal(['Sent', 'Delivered', 'Clicks', 'CTR']);
    root.setAttribute('lang', 'es');
    await new Promise((r) => setTimeout(r));
    await kpis.updateComplete;
    expect(labelsOf(kpis)).to.deep.equal(['Enviados', 'Entregados', 'Clics', 'CTR']);
    kpis.lang = 'en';
    await kpis.updateComplete;
    expect(labelsOf(kpis), 'its own lang wins').to.deep.equal(['Sent', 'Delivered', 'Clicks', 'CTR']);
  });

  it('shows each change with an arrow, the amount and a sentence for screen readers', async () => {
    const { api } = await testStack();
    const [a] = await twoProjects();
    const { kpis } = await mount(html`
      <ig-provider api=${api} token=${a.token} locale="es">
        <ig-channel-kpis channel="push"></ig-channel-kpis>
      </ig-provider>
    `);
    const changes = [...kpis.shadowRoot!.querySelectorAll('[part="change"]')];
    expect(changes).to.have.length(4);
    for (const change of changes) {
      const visible = change.querySelector('[aria-hidden="true"]')!.textContent!.trim();
      const spoken = change.querySelector('.sr-only')!.textContent!.trim();
      if (change.classList.contains('change--up')) {
        expect(visible).to.match(/^↑ /);
        expect(spoken).to.match(/^Sube .+ respecto al periodo anterior$/);
      } else if (change.classList.contains('change--down')) {
        expect(visible).to.match(/^↓ /);
        expect(spoken).to.match(/^Baja .+ respecto al periodo anterior$/);
      } else {
        expect(spoken).to.match(/^Sin (cambios|datos)/);
      }
    }
    const ctrChange = kpis.shadowRoot!.querySelector('[data-metric="ctr"] [part="change"]')!;
    if (!ctrChange.classList.contains('change--none')) {
      expect(ctrChange.textContent).to.contain('p. p.');
      expect(ctrChange.textContent).to.contain('puntos porcentuales');
    }
  });

  it('runs the request again from the Retry button', async () => {
    const { api, forgedToken } = await testStack();
    const { kpis } = await mount(html`
      <ig-provider api=${api} token=${forgedToken} locale="en">
        <ig-channel-kpis channel="push"></ig-channel-kpis>
      </ig-provider>
    `);
    performance.clearResourceTimings();
    const button = kpis.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!;
    expect(button.textContent!.trim()).to.equal('Retry');
    const settled = nextSettled(kpis);
    button.click();
    await kpis.updateComplete;
    expect(kpis.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    const event = await settled;
    expect((event as CustomEvent).detail).to.deep.equal({ status: 401, code: 'unauthorized' });
    expect(kpiRequests()).to.have.length(1);
    expect(textOf(kpis)).to.contain('Your session has expired.');
  });

  it('asks for a connection when there is no provider or no token, then loads once a token arrives', async () => {
    const alone = await fixture<IgChannelKpis>(html`<ig-channel-kpis channel="push"></ig-channel-kpis>`);
    expect(textOf(alone)).to.contain('Widget sin conectar');
    expect(alone.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-busy')).to.equal('false');
    await expectAccessible(alone);

    const { api } = await testStack();
    const [a] = await twoProjects();
    performance.clearResourceTimings();
    const provider = await fixture<IgProvider>(html`
      <ig-provider api=${api} locale="en"><ig-channel-kpis channel="push"></ig-channel-kpis></ig-provider>
    `);
    const kpis = provider.querySelector('ig-channel-kpis')!;
    await kpis.updateComplete;
    expect(textOf(kpis)).to.contain('Widget not connected');
    expect(kpiRequests()).to.have.length(0);

    const settled = nextSettled(kpis);
    provider.setAttribute('token', a.token);
    expect((await settled).type).to.equal('ig-load');
    expectTotals(kpis, a.expected);
  });

  it('drops the request when removed mid-flight and loads again when put back', async () => {
    const { api } = await testStack();
    const [a] = await twoProjects();
    const provider = await fixture<IgProvider>(html`
      <ig-provider api=${api} token=${a.token}><ig-channel-kpis channel="push"></ig-channel-kpis></ig-provider>
    `);
    const kpis = provider.querySelector('ig-channel-kpis')!;
    const events: string[] = [];
    kpis.addEventListener('ig-load', (e) => events.push(e.type));
    kpis.addEventListener('ig-error', (e) => events.push(e.type));
    kpis.remove();
    await new Promise((r) => setTimeout(r, 200));
    expect(events, 'an aborted request announces nothing').to.deep.equal([]);

    const settled = nextSettled(kpis);
    provider.append(kpis);
    expect((await settled).type).to.equal('ig-load');
    expectTotals(kpis, a.expected);
    expect(events).to.deep.equal(['ig-load']);
  });
});
