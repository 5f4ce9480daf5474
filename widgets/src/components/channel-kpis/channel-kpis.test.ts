import { expect, fixture, html } from '@open-wc/testing';
import { describe, it } from '../../testing/mocha.js';
import '../../index.js';
import type { IgProvider } from '../provider/provider.js';
import type { IgChannelKpis } from './channel-kpis.js';
import {
  kpiRequests,
  labelsOf,
  nextSettled,
  testStack,
  textOf,
  twoProjects,
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

describe('<ig-channel-kpis>', () => {
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
      await expect(kpis).to.be.accessible();
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
    await expect(kpis).to.be.accessible();
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
    await expect(kpis).to.be.accessible();
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
    await expect(alone).to.be.accessible();

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
