import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../index.js';
import type { IgFilterChangeEvent } from '../../events/index.js';
import { addDays } from '../../filters/filters.js';
import { expectAccessible } from '../../testing/axe.js';
import { FIXTURE_API, fixtureToday, stubApi, type ApiStub } from '../../testing/fixtures.js';
import { afterEach, beforeEach, describe, it } from '../../testing/mocha.js';
import { nextSettled, settledEvents, testStack, twoProjects, valuesOf } from '../../testing/stack.js';
import type { IgChannelKpis } from '../channel-kpis/channel-kpis.js';
import type { IgProvider } from '../provider/provider.js';
import type { IgFilterBar } from './filter-bar.js';

const focused = (bar: IgFilterBar) => bar.shadowRoot!.activeElement as HTMLElement | null;
const control = (bar: IgFilterBar, name: string) => bar.shadowRoot!.querySelector<HTMLSelectElement & HTMLInputElement>(`[name="${name}"]`)!;

async function mountBar(locale = 'es') {
  const loaded = settledEvents(1);
  const root = await fixture<HTMLDivElement>(html`
    <div>
      <button id="before">before</button>
      <ig-provider api=${FIXTURE_API} token="t" locale=${locale}>
        <ig-filter-bar></ig-filter-bar>
        <ig-channel-kpis></ig-channel-kpis>
      </ig-provider>
    </div>
  `);
  await loaded;
  const provider = root.querySelector<IgProvider>('ig-provider')!;
  const bar = root.querySelector<IgFilterBar>('ig-filter-bar')!;
  const kpis = root.querySelector<IgChannelKpis>('ig-channel-kpis')!;
  await bar.updateComplete;
  return { root, provider, bar, kpis };
}

describe('<ig-filter-bar>', () => {
  let api: ApiStub;
  beforeEach(() => {
    api = stubApi({ '/v1/meta': 'getMeta', '/v1/kpis': ({ params }) => (params.get('channel') === 'all' ? 'getKpis.all' : `getKpis.${params.get('channel')}`) });
  });
  afterEach(() => api.restore());

  it('shows labelled controls for period, channel and platform with the provider’s values', async () => {
    const { bar, provider } = await mountBar();
    const labels = [...bar.shadowRoot!.querySelectorAll('label')].map((l) => [l.textContent, l.htmlFor]);
    expect(labels).to.deep.equal([
      ['Periodo', 'period'],
      ['Canal', 'channel'],
      ['Plataforma', 'platform'],
    ]);
    expect(control(bar, 'period').value).to.equal('last30');
    expect([...control(bar, 'period').options].map((o) => o.text)).to.deep.equal([
      'Últimos 7 días',
      'Últimos 30 días',
      'Últimos 90 días',
      'Este mes',
      'Mes anterior',
      'Personalizado',
    ]);
    expect([...control(bar, 'channel').options].map((o) => o.value)).to.deep.equal(['', 'push', 'inapp', 'sms', 'email', 'chat', 'wallet']);
    expect(control(bar, 'channel').options[0]!.text).to.equal('Todos');
    expect(bar.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-label')).to.equal('Filtros');
    await expectAccessible(bar);

    // Code that sets the provider's filters is reflected, without an event.
    const events: Event[] = [];
    bar.addEventListener('ig-filter-change', (e) => events.push(e));
    provider.channel = 'sms';
    await provider.updateComplete;
    await bar.updateComplete;
    expect(control(bar, 'channel').value).to.equal('sms');
    expect(events).to.deep.equal([]);
  });

  it('is usable from the keyboard: Tab reaches each control, arrows change the filters', async () => {
    const { root, bar, provider, kpis } = await mountBar('en');
    root.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(focused(bar)?.getAttribute('name')).to.equal('period');
    await sendKeys({ press: 'Tab' });
    expect(focused(bar)?.getAttribute('name')).to.equal('channel');

    const changes: IgFilterChangeEvent[] = [];
    document.addEventListener('ig-filter-change', (e) => changes.push(e));
    const settled = nextSettled(kpis);
    await sendKeys({ press: 'ArrowDown' });
    await settled;
    expect(provider.channel).to.equal('push');
    expect(changes).to.have.length(1);
    expect(changes[0]!.target).to.equal(bar);
    expect(changes[0]!.detail.changed).to.deep.equal(['channel']);
    expect(valuesOf(kpis)['sent'], 'the KPIs follow').to.equal(1234567);

    await sendKeys({ press: 'Tab' });
    expect(focused(bar)?.getAttribute('name')).to.equal('platform');
    await sendKeys({ press: 'ArrowDown' });
    expect(provider.platform).to.equal('android');

    // Back to the period; the last preset is Custom, which shows two date fields.
    await sendKeys({ press: 'Shift+Tab' });
    await sendKeys({ press: 'Shift+Tab' });
    expect(focused(bar)?.getAttribute('name')).to.equal('period');
    await sendKeys({ press: 'End' });
    await bar.updateComplete;
    expect(provider.period).to.equal('custom');
    const today = await fixtureToday();
    expect([provider.from, provider.to], 'custom starts from the days shown').to.deep.equal([addDays(today, -29), today]);
    expect(control(bar, 'from').value).to.equal(provider.from);
    await sendKeys({ press: 'Tab' });
    expect(focused(bar)?.getAttribute('name')).to.equal('from');
    // Arrows change the focused part of the date (Chromium: month first in English).
    const from = provider.from!;
    await sendKeys({ press: 'ArrowDown' });
    expect(provider.from, 'a keyboard change of the date applies').not.to.equal(from);
    expect(provider.period).to.equal('custom');
    // Tab walks the parts of a date field (month, day, year), then on to the next field.
    for (let i = 0; i < 4 && focused(bar)?.getAttribute('name') === 'from'; i++) await sendKeys({ press: 'Tab' });
    expect(focused(bar)?.getAttribute('name')).to.equal('to');
    document.removeEventListener('ig-filter-change', (e) => changes.push(e));
    await expectAccessible(bar);
  });

  it('applies a custom range typed into the date fields', async () => {
    const { bar, provider, kpis } = await mountBar('en');
    provider.setFilters({ from: '2026-01-01', to: '2026-01-31' });
    await bar.updateComplete;
    const from = control(bar, 'from');
    expect(from.max, 'from cannot pass to').to.equal('2026-01-31');
    expect(control(bar, 'to').min).to.equal('2026-01-01');
    const settled = nextSettled(kpis);
    from.value = '2026-01-10';
    from.dispatchEvent(new Event('change', { bubbles: true }));
    await settled;
    const last = api.requestsTo('/v1/kpis').at(-1)!;
    expect([last.params.get('from'), last.params.get('to')]).to.deep.equal(['2026-01-10', '2026-01-31']);
    control(bar, 'period').value = 'last7';
    control(bar, 'period').dispatchEvent(new Event('change'));
    await bar.updateComplete;
    expect(control(bar, 'from'), 'presets hide the date fields').to.equal(null);
    expect([provider.from, provider.to]).to.deep.equal([null, null]);
  });

  it('hides controls with no-period, no-channel and no-platform, and is disabled without a provider', async () => {
    const bar = await fixture<IgFilterBar>(html`<ig-filter-bar no-period no-platform lang="pt-BR"></ig-filter-bar>`);
    expect([...bar.shadowRoot!.querySelectorAll('label')].map((l) => l.textContent)).to.deep.equal(['Canal']);
    expect(control(bar, 'channel').disabled).to.equal(true);
    await expectAccessible(bar);
  });

  it('drives KPIs from the real BFF', async () => {
    api.restore();
    const { api: bff } = await testStack();
    const [a] = await twoProjects();
    const loaded = nextSettled();
    const provider = await fixture<IgProvider>(html`
      <ig-provider api=${bff} token=${a.token}><ig-filter-bar></ig-filter-bar><ig-channel-kpis></ig-channel-kpis></ig-provider>
    `);
    expect((await loaded).type).to.equal('ig-load');
    const bar = provider.querySelector('ig-filter-bar')!;
    const kpis = provider.querySelector('ig-channel-kpis')!;
    await bar.updateComplete;
    const settled = nextSettled(kpis);
    control(bar, 'channel').value = 'push';
    control(bar, 'channel').dispatchEvent(new Event('change'));
    expect((await settled).type).to.equal('ig-load');
    expect(valuesOf(kpis)['sent']).to.equal(a.expected.sent);
    await expectAccessible(provider);
  });
});
