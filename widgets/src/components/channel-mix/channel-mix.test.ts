import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { afterEach, describe, it } from '../../testing/mocha.js';
import '../../index.js';
import { expectAccessible } from '../../testing/axe.js';
import { FIXTURE_API, fixtureJson, problem, stubApi, type ApiStub, type StubRoute } from '../../testing/fixtures.js';
import { nextSettled, testStack, textOf, twoProjects, until } from '../../testing/stack.js';
import type { IgChart } from '../chart/chart.js';
import type { IgProvider } from '../provider/provider.js';
import type { IgBreakdownResponse, IgChannelMix } from './channel-mix.js';

const chartOf = (el: Element) => el.shadowRoot!.querySelector<IgChart>('ig-chart')!;
const norm = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
const base = (el: Element) => el.shadowRoot!.querySelector('[part="base"]')!;
const buttons = (el: Element) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="channel-button"]')];

async function mount(template: ReturnType<typeof html>) {
  const settled = nextSettled();
  const root = await fixture<HTMLElement>(template);
  const el = root.querySelector('ig-channel-mix') as IgChannelMix;
  const event = await settled;
  await el.updateComplete;
  return { root, el, provider: root as IgProvider, event };
}

describe('<ig-channel-mix>', () => {
  let api: ApiStub | undefined;
  afterEach(() => api?.restore());
  const stub = (routes: Record<string, StubRoute> = {}) =>
    (api = stubApi({ '/v1/meta': 'getMeta', '/v1/breakdown': 'getBreakdown.channel', ...routes }));

  it('draws one bar per channel and lists the channels with their share, in the table too', async () => {
    stub();
    const { el, event } = await mount(html`<ig-provider api=${FIXTURE_API} token="t"><ig-channel-mix></ig-channel-mix></ig-provider>`);
    expect(event.type).to.equal('ig-load');
    const params = api!.requestsTo('/v1/breakdown')[0]!.params;
    expect([params.get('by'), params.get('metric')]).to.deep.equal(['channel', 'sent']);
    const chart = chartOf(el);
    await chart.renderComplete;
    expect(chart.shadowRoot!.querySelectorAll('.mark-rect.role-mark path')).to.have.length(4);
    expect(base(el).getAttribute('aria-label')).to.equal('Enviados por canal');
    expect(buttons(el).map((b) => [...b.querySelectorAll('span')].map((s) => norm(s.textContent)))).to.deep.equal([
      ['Push', '60 %'],
      ['Email', '26,3 %'],
      ['SMS', '11,3 %'],
      ['Chat', '2,5 %'],
    ]);
    expect(norm(buttons(el)[0]!.textContent), 'the visible text is the name').to.equal('Push 60 %');
    await expectAccessible(el);
    chart.table = true;
    await chart.updateComplete;
    const rows = [...chart.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => norm(td.textContent)));
    expect(rows).to.deep.equal([
      ['Push', '48.000', '60 %'],
      ['Email', '21.000', '26,25 %'],
      ['SMS', '9000', '11,25 %'],
      ['Chat', '2000', '2,5 %'],
    ]);
    await expectAccessible(el);
  });

  for (const width of [412, 900]) {
    it(`holds the drawn chart's height while Vega loads (${width} px): the channel buttons below it do not move when it draws`, async () => {
      stub();
      // A draw yields to the main thread (scheduler.yield) before Vega's first run. Held there, the
      // chart stays undrawn however fast Vega loads (it is cached once an earlier test drew): without
      // the gate, a fast draw finished before the first measurement now and then.
      const yielding = globalThis as unknown as { scheduler: { yield(): Promise<void> } };
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      yielding.scheduler.yield = () => gate;
      try {
        const settled = nextSettled();
        const root = await fixture<HTMLElement>(
          html`<div style="width: ${width}px"><ig-provider api=${FIXTURE_API} token="t"><ig-channel-mix></ig-channel-mix><p>below</p></ig-provider></div>`,
        );
        const el = root.querySelector('ig-channel-mix') as IgChannelMix;
        await settled;
        await el.updateComplete;
        const chart = chartOf(el);
        await chart.updateComplete;
        // Vega puts its (empty) svg in at once; the chart's view is there once drawn.
        const drawn = () => chart.vegaView !== undefined && chart.shadowRoot!.querySelector('.vega svg .mark-rect') !== null;
        expect(drawn(), 'drawn while the gate is shut').to.equal(false);
        const before = buttons(el)[0]!.getBoundingClientRect().top;
        const held = chart.getBoundingClientRect().height;
        open();
        await chart.renderComplete;
        expect(drawn(), 'drawn once the gate opens').to.equal(true);
        expect([held, buttons(el)[0]!.getBoundingClientRect().top - before], 'chart height held, button moved by').to.deep.equal([chart.getBoundingClientRect().height, 0]);
      } finally {
        delete (yielding.scheduler as Partial<typeof yielding.scheduler>).yield;
        open();
      }
    });
  }

  it('sets the shared channel filter from a channel button (click, Enter), and other elements follow', async () => {
    stub({ '/v1/timeseries': 'getTimeseries' });
    const settled = Promise.all([nextSettled(), nextSettled()]);
    const provider = await fixture<IgProvider>(html`<ig-provider api=${FIXTURE_API} token="t">
      <ig-channel-mix></ig-channel-mix><ig-timeseries></ig-timeseries>
    </ig-provider>`);
    await settled;
    await until(() => api!.requestsTo('/v1/timeseries').length >= 1 && provider.querySelector('ig-channel-mix')!.shadowRoot!.querySelector('[part="channel-button"]'));
    const el = provider.querySelector('ig-channel-mix')!;
    const changes: CustomEvent[] = [];
    const sources: EventTarget[] = [];
    provider.addEventListener('ig-filter-change', (e) => {
      changes.push(e as CustomEvent);
      sources.push(e.composedPath()[0]!);
    });

    buttons(el)[2]!.click();
    await until(() => api!.requestsTo('/v1/timeseries').some((r) => r.params.get('channel') === 'sms'), 5000, 'timeseries follows');
    expect(changes).to.have.length(1);
    expect(sources[0] === el, 'dispatched from the channel mix').to.equal(true);
    expect(changes[0]!.detail.filters.channel).to.equal('sms');
    await el.updateComplete;
    expect(buttons(el)[2]!.getAttribute('aria-pressed')).to.equal('true');
    expect(buttons(el)[0]!.getAttribute('aria-pressed')).to.equal('false');
    await expectAccessible(el);

    buttons(el)[1]!.focus();
    await sendKeys({ press: 'Enter' });
    expect(changes).to.have.length(2);
    expect(provider.channel).to.equal('email');
    await el.updateComplete;
    // The selected one again clears the filter.
    buttons(el)[1]!.focus();
    await sendKeys({ press: 'Space' });
    expect(changes).to.have.length(3);
    expect(changes[2]!.detail.filters.channel).to.equal(null);
    expect(api!.requestsTo('/v1/breakdown'), 'the mix itself does not refetch').to.have.length(1);
  });

  it('shows the skeleton, the empty state, the error with Retry and the stale badge', async () => {
    stub({ '/v1/breakdown': 'hang' });
    const provider = await fixture<IgProvider>(html`<ig-provider api=${FIXTURE_API} token="t" locale="en"><ig-channel-mix></ig-channel-mix></ig-provider>`);
    const el = provider.querySelector('ig-channel-mix')!;
    await until(() => api!.requestsTo('/v1/breakdown').length === 1);
    await el.updateComplete;
    expect(base(el).getAttribute('aria-busy')).to.equal('true');
    await expectAccessible(el);
    api!.restore();

    const empty = await fixtureJson<IgBreakdownResponse>('getBreakdown.channel');
    empty.rows = [];
    empty.total = 0;
    stub({ '/v1/breakdown': { status: 200, body: empty } });
    let settled = nextSettled(el);
    el.metric = 'delivered';
    expect((await settled).type).to.equal('ig-load');
    expect(textOf(el)).to.contain('No data for this period');
    await expectAccessible(el);

    let fail = true;
    stub({ '/v1/breakdown': () => (fail ? problem(503, 'internal') : 'getBreakdown.channel'), '/v1/meta': 'getMeta.stale' });
    settled = nextSettled(el);
    el.metric = 'sent';
    expect((await settled).type).to.equal('ig-error');
    await el.updateComplete;
    expect(textOf(el)).to.contain('Retry');
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
    const { el } = await mount(html`<ig-provider api=${FIXTURE_API} token="t" theme="dark" style="display:block;width:320px"><ig-channel-mix></ig-channel-mix></ig-provider>`);
    await chartOf(el).renderComplete;
    const b = base(el) as HTMLElement;
    expect(b.getBoundingClientRect().width).to.be.at.most(320);
    expect(b.scrollWidth).to.be.at.most(b.clientWidth + 1);
    await expectAccessible(el);
  });

  it('shows the real BFF’s push sends of the last 30 days as push’s bar', async () => {
    const { api: url } = await testStack();
    const [a] = await twoProjects();
    const { el, event } = await mount(html`<ig-provider api=${url} token=${a.token}><ig-channel-mix></ig-channel-mix></ig-provider>`);
    expect(event.type).to.equal('ig-load');
    const chart = chartOf(el);
    await chart.renderComplete;
    const rows = chart.data as { key: string; value: number }[];
    expect(rows.find((r) => r.key === 'push')!.value).to.equal(a.expected.sent);
    expect(chart.shadowRoot!.querySelectorAll('.mark-rect.role-mark path').length).to.equal(rows.filter((r) => r.value !== null).length);
    await expectAccessible(el);
  });
});
