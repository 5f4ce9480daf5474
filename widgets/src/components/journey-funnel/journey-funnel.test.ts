import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { afterEach, describe, it } from '../../testing/mocha.js';
import '../../index.js';
import { expectAccessible } from '../../testing/axe.js';
import { FIXTURE_API, fixtureJson, problem, stubApi, type ApiStub } from '../../testing/fixtures.js';
import { settledEvents, nextSettled, testStack, textOf, twoProjects, until } from '../../testing/stack.js';
import type { IgChart } from '../chart/chart.js';
import type { IgProvider } from '../provider/provider.js';
import { formatPeriod } from '../../i18n/format.js';
import type { IgJourneyFunnel, IgJourneyFunnelResponse, IgJourneysResponse } from './journey-funnel.js';

const ROUTES = {
  '/v1/meta': 'getMeta',
  '/v1/journeys': 'listJourneys',
  '/v1/journeys/310/funnel': 'getJourneyFunnel',
  '/v1/journeys/311/funnel': 'getJourneyFunnel.311',
};

async function mount(template: ReturnType<typeof html>, routes: Parameters<typeof stubApi>[0] = {}, events = 2) {
  const api = stubApi({ ...ROUTES, ...routes });
  const settled = settledEvents(events);
  try {
    const provider = await fixture<IgProvider>(template);
    return { api, provider, funnel: provider.querySelector('ig-journey-funnel')!, settled };
  } catch (error) {
    api.restore();
    throw error;
  }
}

const select = (el: IgJourneyFunnel) => el.shadowRoot!.querySelector<HTMLSelectElement>('[part="select"]')!;
const chartOf = (el: IgJourneyFunnel) => el.shadowRoot!.querySelector<IgChart>('ig-chart')!;
const steps = (el: IgJourneyFunnel) => [...el.shadowRoot!.querySelectorAll('[part="step"]')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());

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

describe('<ig-journey-funnel>', () => {
  let stub: ApiStub | undefined;
  afterEach(() => stub?.restore());

  it('lists the journeys in a labelled picker and shows the first one’s funnel: bars per step, and each step as text', async () => {
    const m = await mount(html`<ig-provider api=${FIXTURE_API} token="t" locale="en"><ig-journey-funnel></ig-journey-funnel></ig-provider>`);
    stub = m.api;
    expect((await m.settled).map((e) => e.type)).to.deep.equal(['ig-load', 'ig-load']);
    const { funnel } = m;
    await funnel.updateComplete;
    const picker = select(funnel);
    expect(picker.labels![0]!.textContent).to.equal('Customer Journey');
    expect([...picker.options].map((o) => o.textContent)).to.deep.equal(['Bienvenida', 'Carrito abandonado', 'Reactivación']);
    expect(picker.value).to.equal('310');
    expect(steps(funnel)).to.deep.equal([
      '1. Bienvenida push 5,000 entered, 3,600 completed, 28.00% drop-off',
      '2. Email de onboarding 3,600 entered, 2,500 completed, 30.56% drop-off',
      '3. Oferta primer pedido 2,500 entered, 1,800 completed, 28.00% drop-off',
      '4. n4 1,800 entered, 1,800 completed, 0.00% drop-off',
      'Outside the flow: Recordatorio 150 entered, — completed, — drop-off',
    ]);
    const chart = chartOf(funnel);
    await chart.renderComplete;
    expect(chart.label).to.equal('“Bienvenida” funnel');
    // Entered and completed bars for each step (the outside-the-flow node has no completed bar).
    expect(chart.shadowRoot!.querySelectorAll('.mark-rect path')).to.have.length(9);
    expect([...chart.shadowRoot!.querySelectorAll('.mark-text text')].map((t) => t.textContent).filter(Boolean)).to.include('↓ 28.00%');
    await expectAccessible(funnel);
    chart.table = true;
    await chart.updateComplete;
    expect([...chart.shadowRoot!.querySelectorAll('thead th')].map((th) => th.textContent!.trim())).to.deep.equal(['Step', 'Entered', 'Completed', 'Drop-offs', 'Drop-off']);
    expect(chart.shadowRoot!.querySelectorAll('tbody tr')).to.have.length(5);
    await expectAccessible(funnel);
  });

  it('changes journey from the keyboard and follows its journey attribute', async () => {
    const m = await mount(html`<ig-provider api=${FIXTURE_API} token="t" locale="en"><ig-journey-funnel></ig-journey-funnel></ig-provider>`);
    stub = m.api;
    await m.settled;
    const { funnel } = m;
    select(funnel).focus();
    const settled = nextSettled(funnel);
    await sendKeys({ press: 'ArrowDown' });
    expect((await settled).type).to.equal('ig-load');
    expect(funnel.journey).to.equal('311');
    expect(funnel.getAttribute('journey')).to.equal('311');
    expect(m.api.requestsTo('/v1/journeys/311/funnel')).to.have.length(1);
    expect(steps(funnel)[0]).to.match(/^1\. Te dejaste algo 1,200 entered/);
    expect(funnel.shadowRoot!.activeElement).to.equal(select(funnel));
    expect(m.api.requestsTo('/v1/journeys'), 'the list is not asked again').to.have.length(1);

    const back = nextSettled(funnel);
    funnel.journey = '310';
    await back;
    expect(select(funnel).value).to.equal('310');
    expect(steps(funnel)).to.have.length(5);
  });

  it('shows the skeleton while the list loads and the funnel’s own loading and error states under the picker', async () => {
    let funnelAnswer: 'hang' | 'fail' | 'ok' = 'hang';
    const m = await mount(
      html`<ig-provider api=${FIXTURE_API} token="t" locale="en"><ig-journey-funnel></ig-journey-funnel></ig-provider>`,
      { '/v1/journeys/310/funnel': () => (funnelAnswer === 'hang' ? 'hang' : funnelAnswer === 'fail' ? problem(500, 'internal') : 'getJourneyFunnel') },
      1,
    );
    stub = m.api;
    expect((await m.settled)[0]!.type).to.equal('ig-load');
    const { funnel } = m;
    await until(() => m.api.requestsTo('/v1/journeys/310/funnel').length === 1, 2000, 'funnel request');
    await funnel.updateComplete;
    const box = funnel.shadowRoot!.querySelector('[part="funnel"]')!;
    expect(box.getAttribute('aria-busy')).to.equal('true');
    expect(box.textContent!.trim()).to.equal('Loading data…');
    await expectAccessible(funnel);

    funnelAnswer = 'fail';
    // A new period: the list is asked again (ig-load), then the funnel fails (ig-error).
    const both = settledEvents(2, funnel);
    funnel.from = '2026-03-01';
    expect((await both).map((e) => e.type)).to.deep.equal(['ig-load', 'ig-error']);
    expect(m.api.requestsTo('/v1/journeys')).to.have.length(2);
    expect(select(funnel), 'the picker stays').to.not.equal(null);
    expect(funnel.shadowRoot!.querySelector('[part="funnel"] [role="alert"]')!.textContent).to.contain('The data could not be loaded.');
    await expectAccessible(funnel);

    funnelAnswer = 'ok';
    const settled = nextSettled(funnel);
    funnel.shadowRoot!.querySelector<HTMLButtonElement>('[part="funnel"] [part="retry-button"]')!.click();
    expect((await settled).type).to.equal('ig-load');
    expect(steps(funnel)).to.have.length(5);
  });

  it('shows the empty state when the period has no journeys, the list error with Retry, and stale data', async () => {
    const empty = await mount(html`<ig-provider api=${FIXTURE_API} token="t" locale="en"><ig-journey-funnel></ig-journey-funnel></ig-provider>`, { '/v1/journeys': 'listJourneys.empty' }, 1);
    stub = empty.api;
    await empty.settled;
    expect(textOf(empty.funnel)).to.contain('No Customer Journeys in this period.');
    expect(empty.api.requests.filter((r) => r.path.endsWith('/funnel'))).to.have.length(0);
    await expectAccessible(empty.funnel);
    empty.api.restore();

    let fail = true;
    const m = await mount(
      html`<ig-provider api=${FIXTURE_API} token="t" locale="en"><ig-journey-funnel></ig-journey-funnel></ig-provider>`,
      {
        '/v1/journeys': () => (fail ? problem(500, 'internal') : 'listJourneys'),
        '/v1/meta': async () => {
          const meta = await fixtureJson<{ freshness: { group: string; stale: boolean }[] }>('getMeta');
          for (const f of meta.freshness) f.stale = f.group === 'journeys';
          return { status: 200, body: meta };
        },
      },
      1,
    );
    stub = m.api;
    expect((await m.settled)[0]!.type).to.equal('ig-error');
    expect(select(m.funnel)).to.equal(null);
    await expectAccessible(m.funnel);
    fail = false;
    const settled = settledEvents(2, m.funnel);
    m.funnel.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    expect((await settled).map((e) => e.type)).to.deep.equal(['ig-load', 'ig-load']);
    expect(m.funnel.shadowRoot!.querySelector('[part="stale"]')!.textContent).to.contain('Out of date');
    await expectAccessible(m.funnel);
  });

  it('names the days its totals leave out (monthly history straddling the period) in each language, and nothing when there are none', async () => {
    const base = await fixtureJson<IgJourneyFunnelResponse>('getJourneyFunnel');
    const spans = [
      { from: '2026-02-01', to: '2026-02-28' },
      { from: '2026-03-01', to: '2026-03-31' },
    ];
    const words = { es: 'Sin cifras diarias', en: 'No daily figures', 'pt-BR': 'Sem números diários' } as const;
    for (const locale of ['es', 'en', 'pt-BR'] as const) {
      const m = await mount(html`<ig-provider api=${FIXTURE_API} token="t" locale=${locale}><ig-journey-funnel></ig-journey-funnel></ig-provider>`, {
        '/v1/journeys/310/funnel': { status: 200, body: { ...base, leftOut: spans } },
      });
      stub = m.api;
      await m.settled;
      await m.funnel.updateComplete;
      const note = m.funnel.shadowRoot!.querySelector('[part="left-out"]');
      expect(note?.getAttribute('role')).to.equal('note');
      expect(note!.textContent).to.contain(words[locale]);
      for (const span of spans) expect(note!.textContent).to.contain(formatPeriod(locale, span));
      await expectAccessible(m.funnel);
      m.api.restore();
    }
    const m = await mount(html`<ig-provider api=${FIXTURE_API} token="t" locale="en"><ig-journey-funnel></ig-journey-funnel></ig-provider>`);
    stub = m.api;
    await m.settled;
    await m.funnel.updateComplete;
    expect(m.funnel.shadowRoot!.querySelector('[part="totals"]'), 'the funnel is shown').to.not.equal(null);
    expect(m.funnel.shadowRoot!.querySelector('[part="left-out"]')).to.equal(null);
  });

  it('fits 320 px and passes axe in the dark theme', async () => {
    const m = await mount(html`<ig-provider api=${FIXTURE_API} token="t" theme="dark"><ig-journey-funnel></ig-journey-funnel></ig-provider>`);
    stub = m.api;
    await m.settled;
    expect(m.funnel.dataset['theme']).to.equal('dark');
    await expectFits320(m.funnel);
    await expectAccessible(m.funnel);
  });

  it('shows a real journey’s funnel from the test stack', async () => {
    const { api } = await testStack();
    const [a] = await twoProjects();
    const list = (await fetch(`${api}/v1/journeys`, { headers: { authorization: `Bearer ${a.token}` } }).then((r) => r.json())) as IgJourneysResponse;
    const journey = list.items.find((j) => j.entered > 0) ?? list.items[0];
    expect(journey, 'the stack has a journey').to.not.equal(undefined);
    const expected = await fetch(`${api}/v1/journeys/${journey!.id}/funnel`, { headers: { authorization: `Bearer ${a.token}` } }).then((r) => r.json());
    const settled = settledEvents(2);
    const provider = await fixture<IgProvider>(html`
      <ig-provider api=${api} token=${a.token} locale="es"><ig-journey-funnel journey=${String(journey!.id)}></ig-journey-funnel></ig-provider>
    `);
    const funnel = provider.querySelector('ig-journey-funnel')!;
    expect((await settled).map((e) => e.type)).to.deep.equal(['ig-load', 'ig-load']);
    await funnel.updateComplete;
    expect(select(funnel).value).to.equal(String(journey!.id));
    expect(select(funnel).options).to.have.length(list.items.length);
    expect(steps(funnel)).to.have.length(expected.nodes.length);
    expect(funnel.shadowRoot!.querySelector<HTMLElement>('[data-metric="entered"]')!.dataset['value']).to.equal(String(expected.entered));
    if (expected.nodes.length) {
      const chart = chartOf(funnel);
      await chart.renderComplete;
      expect(chart.shadowRoot!.querySelectorAll('.mark-rect path').length).to.be.greaterThan(0);
    }
    await expectAccessible(funnel);
  });
});
