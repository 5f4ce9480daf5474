import { expect, fixture, html } from '@open-wc/testing';
import '../provider/provider.define.js';
import './subscriptions.define.js';
import '../alerts/alerts.define.js';
import { expectAccessible } from '../../testing/axe.js';
import { describe, it } from '../../testing/mocha.js';
import { testStack, twoProjects, until } from '../../testing/stack.js';
import type { IgProvider } from '../provider/provider.js';
import type { IgSubscriptions } from './subscriptions.js';
import type { IgAlerts } from '../alerts/alerts.js';

const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<E>(selector);
const $$ = <E extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<E>(selector)];
const names = (el: Element) => $$(el, '[part="item"] .name').map((n) => n.textContent!.trim());

async function mount<E extends HTMLElement>(tag: 'ig-subscriptions' | 'ig-alerts', token: string, project: string, locale = 'en'): Promise<E> {
  const { api } = await testStack();
  const provider = await fixture<IgProvider>(
    tag === 'ig-subscriptions'
      ? html`<ig-provider api=${api} project=${project} locale=${locale}><ig-subscriptions></ig-subscriptions></ig-provider>`
      : html`<ig-provider api=${api} project=${project} locale=${locale}><ig-alerts></ig-alerts></ig-provider>`,
  );
  provider.token = token;
  const el = provider.querySelector<E>(tag)!;
  await until(() => $(el, '[part="list"], [part="message"]'), 10_000, 'the list');
  return el;
}

function fill(el: Element, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    const field = $<HTMLInputElement | HTMLSelectElement>(el, `form [name="${name}"]`)!;
    field.value = value;
  }
}

describe('<ig-subscriptions>', () => {
  it('a viewer subscribes, pauses, test-sends, reads the history and deletes, against the real BFF; another project sees none of it', async () => {
    const [a, b] = await twoProjects();
    const el = await mount<IgSubscriptions>('ig-subscriptions', a.token, a.id);
    await expectAccessible(el);
    $(el, '[data-action="create"]')!.click();
    await el.updateComplete;
    fill(el, { name: 'Lunes push', channel: 'push', frequency: 'weekly', hour: '8', email: 'ana@example.com' });
    $<HTMLButtonElement>(el, '[data-action="save"]')!.click();
    await until(() => names(el).includes('Lunes push'), 5000, 'the new subscription');
    const item = () => $$(el, '[part="item"]').find((i) => i.querySelector('.name')!.textContent!.trim() === 'Lunes push')!;
    expect(item().textContent).to.contain('Weekly (Monday) at 08:00');
    await expectAccessible(el);

    item().querySelector<HTMLButtonElement>('[data-action="pause"]')!.click();
    await until(() => item().querySelector('[data-badge="paused"]'), 5000, 'the paused mark');
    expect(item().querySelector('[data-action="pause"]')!.getAttribute('aria-pressed')).to.equal('true');

    item().querySelector<HTMLButtonElement>('[data-action="test"]')!.click();
    await until(() => $(el, '[part="status"]')!.textContent!.includes('test'), 5000, 'the test status');
    item().querySelector<HTMLButtonElement>('[data-action="history"]')!.click();
    await until(() => item().querySelector('[part="history"] li'), 5000, 'the history');
    expect(item().querySelectorAll('[part="history"] li[data-state]').length).to.equal(1);

    // Project B's user sees no subscription of project A.
    const other = await mount<IgSubscriptions>('ig-subscriptions', b.token, b.id);
    expect(names(other)).not.to.include('Lunes push');

    item().querySelector<HTMLButtonElement>('[data-action="delete"]')!.click();
    await el.updateComplete;
    item().querySelector<HTMLButtonElement>('[data-action="confirm-delete"]')!.click();
    await until(() => !names(el).includes('Lunes push'), 5000, 'the deletion');
  });

  it('speaks Spanish and Portuguese', async () => {
    const [a] = await twoProjects();
    const es = await mount<IgSubscriptions>('ig-subscriptions', a.token, a.id, 'es');
    expect($(es, '[data-action="create"]')!.textContent!.trim()).to.equal('Nuevo');
    const pt = await mount<IgSubscriptions>('ig-subscriptions', a.token, a.id, 'pt-BR');
    expect($(pt, '[data-action="create"]')!.textContent!.trim()).to.equal('Novo');
  });
});

describe('<ig-alerts>', () => {
  it('an editor creates an anomaly rule; a viewer gets no form', async () => {
    const stack = await testStack();
    const [a] = await twoProjects();
    const el = await mount<IgAlerts>('ig-alerts', stack.editorTokens[a.id]!, a.id);
    $(el, '[data-action="create"]')!.click();
    await el.updateComplete;
    fill(el, { name: 'CTR push cae', metric: 'push:ctr', kind: 'anomaly', email: 'eva@example.com' });
    $<HTMLButtonElement>(el, '[data-action="save"]')!.click();
    await until(() => names(el).includes('CTR push cae'), 5000, 'the new rule');
    await expectAccessible(el);
    const viewer = await mount<IgAlerts>('ig-alerts', a.token, a.id);
    expect($(viewer, '[data-action="create"]')).to.equal(null);
    expect(names(viewer)).not.to.include('CTR push cae'); // another user's rule
  });
});
