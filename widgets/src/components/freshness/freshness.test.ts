import { expect, fixture, html } from '@open-wc/testing';
import { nothing } from 'lit';
import '../../index.js';
import { expectAccessible } from '../../testing/axe.js';
import { FIXTURE_API, problem, stubApi, type ApiStub } from '../../testing/fixtures.js';
import { recordLayoutShifts } from '../../testing/layout-shift.js';
import { afterEach, describe, it } from '../../testing/mocha.js';
import { testStack, textOf, twoProjects, until } from '../../testing/stack.js';
import type { IgProvider } from '../provider/provider.js';
import type { IgFreshness } from './freshness.js';


async function mountFreshness(template: ReturnType<typeof html>) {
  const root = await fixture<HTMLElement>(template);
  const el = root.querySelector<IgFreshness>('ig-freshness')!;
  await until(() => el.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-busy') === 'false');
  await el.updateComplete;
  return { root, el };
}

const items = (el: IgFreshness) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="item"]')];

describe('<ig-freshness>', () => {
  let api: ApiStub | undefined;
  afterEach(() => api?.restore());

  it('lists "data as of" per data group in the project time zone and marks the stale ones', async () => {
    api = stubApi({ '/v1/meta': 'getMeta.stale' });
    const { el } = await mountFreshness(html`<ig-provider api=${FIXTURE_API} token="t" locale="en"><ig-freshness></ig-freshness></ig-provider>`);
    const rows = items(el);
    expect(rows.map((r) => r.dataset['group'])).to.deep.equal(['push', 'inapp', 'sms', 'email', 'wallet', 'devices', 'chat', 'agents', 'campaigns', 'journeys']);
    expect(rows.filter((r) => r.hasAttribute('data-stale')).map((r) => r.dataset['group'])).to.deep.equal(['push', 'devices']);
    const push = rows[0]!;
    expect(push.querySelector('[part="group"]')!.textContent).to.equal('Push');
    // 09:00 UTC is 10:00 in Madrid (winter time).
    expect(push.querySelector('[part="as-of"]')!.textContent).to.equal('Data as of Mar 1, 2026, 10:00 AM');
    expect(push.querySelector('[part="stale"]')!.textContent).to.equal('Out of date');
    expect(rows[5]!.querySelector('[part="as-of"]')!.textContent).to.equal('Not synced yet');
    expect(rows[1]!.querySelector('[part="stale"]')).to.equal(null);
    await expectAccessible(el);
  });

  for (const { groups, width, lines } of [
    { groups: undefined, width: 412, lines: 10 },
    { groups: 'sms, devices', width: 412, lines: 2 },
  ]) {
    it(`holds the list's box while the meta loads (${groups ?? 'every group'}, ${width} px): nothing below moves when it arrives`, async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      api = stubApi({ '/v1/meta': async () => (await gate, 'getMeta') });
      const root = await fixture<HTMLElement>(
        html`<div style="width: ${width}px"><ig-provider api=${FIXTURE_API} token="t"><ig-freshness groups=${groups ?? nothing}></ig-freshness><p>below</p></ig-provider></div>`,
      );
      const el = root.querySelector<IgFreshness>('ig-freshness')!;
      await until(() => el.shadowRoot?.querySelector('.bone'), 5000, 'the skeleton');
      expect(el.shadowRoot!.querySelectorAll('.bone'), 'a line per group').to.have.length(lines);
      const skeleton = el.getBoundingClientRect().height;
      const shifts = recordLayoutShifts();
      release();
      await until(() => items(el).length === lines, 5000, 'the list');
      expect(await shifts.stop(), 'layout shifts').to.deep.equal([]);
      expect(el.getBoundingClientRect().height).to.be.closeTo(skeleton, 0.5);
    });
  }

  it('shows only the groups asked for, in Spanish by default', async () => {
    api = stubApi({ '/v1/meta': 'getMeta' });
    const { el } = await mountFreshness(html`<ig-provider api=${FIXTURE_API} token="t"><ig-freshness groups="sms, devices"></ig-freshness></ig-provider>`);
    expect(items(el).map((r) => r.querySelector('[part="group"]')!.textContent)).to.deep.equal(['SMS', 'Dispositivos']);
    expect(textOf(el)).to.contain('Datos a 14 mar 2026, 11:30');
  });

  it('shows the loading state, then the error with a Retry that fetches the meta again', async () => {
    let answer: 'hang' | 'fail' | 'ok' = 'hang';
    const pending: (() => void)[] = [];
    api = stubApi({
      '/v1/meta': () => {
        if (answer === 'ok') return 'getMeta';
        if (answer === 'fail') return problem(503, 'unavailable');
        return new Promise((resolve) => pending.push(() => resolve(problem(503, 'unavailable'))));
      },
    });
    const provider = await fixture<IgProvider>(html`<ig-provider api=${FIXTURE_API} token="t" locale="en"><ig-freshness></ig-freshness></ig-provider>`);
    const el = provider.querySelector('ig-freshness')!;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    expect(textOf(el)).to.equal('Loading data…');
    await expectAccessible(el);

    answer = 'fail';
    await until(() => pending.length === 1);
    pending[0]!();
    await until(() => el.shadowRoot!.querySelector('[role="alert"]') !== null);
    expect(textOf(el)).to.contain('The data could not be loaded.');
    await expectAccessible(el);

    answer = 'ok';
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    await until(() => items(el).length === 10);
    expect(api.requestsTo('/v1/meta')).to.have.length(2);
  });

  it('asks for a connection without a provider', async () => {
    const el = await fixture<IgFreshness>(html`<ig-freshness lang="pt-BR"></ig-freshness>`);
    expect(textOf(el)).to.contain('Widget não conectado');
    await expectAccessible(el);
  });

  it('shows every synced data group of a project from the real BFF, none stale', async () => {
    const { api: bff } = await testStack();
    const [a] = await twoProjects();
    const { el } = await mountFreshness(html`<ig-provider api=${bff} token=${a.token}><ig-freshness></ig-freshness></ig-provider>`);
    const rows = items(el);
    expect(rows.map((r) => r.dataset['group'])).to.include.members(['push', 'sms', 'email', 'chat', 'wallet', 'devices']);
    expect(rows.filter((r) => r.hasAttribute('data-stale'))).to.deep.equal([]);
    expect(textOf(el)).to.match(/Datos a \d/);
  });
});
