import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import '../../index.js';
import { IgElement } from '../../base/ig-element.js';
import type { IgContextValue } from '../../context/ig-context.js';
import type { IgAuthErrorEvent, IgFilterChangeEvent } from '../../events/index.js';
import { expectAccessible } from '../../testing/axe.js';
import { FIXTURE_API, problem, stubApi, type ApiStub } from '../../testing/fixtures.js';
import { afterEach, beforeEach, describe, it } from '../../testing/mocha.js';
import { nextSettled, settledEvents, testStack, twoProjects, valuesOf } from '../../testing/stack.js';
import type { IgChannelKpis } from '../channel-kpis/channel-kpis.js';
import type { IgProvider } from './provider.js';

/** A minimal consumer that exposes what it receives. */
class TestConsumer extends IgElement {
  get connection(): IgContextValue | undefined {
    return this.ig;
  }
  get lang_(): string {
    return this.language;
  }
  override render() {
    return html`<p>${this.t.loading}</p>`;
  }
}
customElements.define('test-ig-consumer', TestConsumer);

/** Puts a consumer inside its own shadow root, to check the context crosses shadow boundaries. */
class TestShadowHost extends LitElement {
  override render() {
    return html`<test-ig-consumer></test-ig-consumer>`;
  }
}
customElements.define('test-ig-shadow-host', TestShadowHost);

const nextFrame = () => new Promise((r) => requestAnimationFrame(r));


describe('<ig-provider>', () => {
  let api: ApiStub;
  beforeEach(() => {
    api = stubApi({ '/v1/meta': 'getMeta', '/v1/kpis': ({ params }) => `getKpis.${params.get('channel')}` });
  });
  afterEach(() => api.restore());

  it('provides api, token, project, locale and a client to descendants, also inside shadow roots', async () => {
    const provider = await fixture<IgProvider>(html`
      <ig-provider api=${FIXTURE_API} token="t1" project="100274" locale="en">
        <test-ig-consumer></test-ig-consumer>
        <test-ig-shadow-host></test-ig-shadow-host>
      </ig-provider>
    `);
    const direct = provider.querySelector<TestConsumer>('test-ig-consumer')!;
    const host = provider.querySelector<TestShadowHost>('test-ig-shadow-host')!;
    await host.updateComplete;
    const nested = host.shadowRoot!.querySelector<TestConsumer>('test-ig-consumer')!;
    for (const consumer of [direct, nested]) {
      const c = consumer.connection!;
      expect({ api: c.api, token: c.token, project: c.project, locale: c.locale }).to.deep.equal({
        api: FIXTURE_API,
        token: 't1',
        project: '100274',
        locale: 'en',
      });
      expect(c.client.url('/v1/kpis', { channel: 'push', from: undefined }).href).to.equal(
        `${FIXTURE_API}/v1/kpis?channel=push&project=100274`,
      );
    }
    expect(getComputedStyle(provider).display).to.equal('contents');
    await expectAccessible(provider);
  });

  it('updates consumers when an attribute changes, keeping the client when only the locale changes', async () => {
    api.restore();
    api = stubApi({ '/v1/meta': 'getMeta' }, location.origin);
    const provider = await fixture<IgProvider>(html`
      <ig-provider api="" token="t1"><test-ig-consumer></test-ig-consumer></ig-provider>
    `);
    const consumer = provider.querySelector<TestConsumer>('test-ig-consumer')!;
    const first = consumer.connection!;
    expect(first.locale).to.equal('es');
    expect(first.client.url('/v1/kpis').href).to.equal(`${location.origin}/v1/kpis`);

    provider.setAttribute('locale', 'en');
    await provider.updateComplete;
    await consumer.updateComplete;
    expect(consumer.connection!.locale).to.equal('en');
    expect(consumer.connection!.client, 'same connection, same client').to.equal(first.client);
    expect(consumer.shadowRoot!.textContent).to.contain('Loading data');

    provider.setAttribute('locale', 'pt-BR');
    await provider.updateComplete;
    await consumer.updateComplete;
    expect(consumer.shadowRoot!.textContent).to.contain('Carregando dados');

    provider.setAttribute('token', 't2');
    await provider.updateComplete;
    expect(consumer.connection!.token).to.equal('t2');
    expect(consumer.connection!.client).not.to.equal(first.client);
    expect(consumer.connection!.client.token).to.equal('t2');

    provider.removeAttribute('token');
    await provider.updateComplete;
    expect(consumer.connection!.token).to.equal(null);
  });

  it('lets an inner provider inherit what it leaves unset, filters included', async () => {
    const outer = await fixture<IgProvider>(html`
      <ig-provider api=${FIXTURE_API} token="t1" locale="en" channel="sms">
        <ig-provider project="200"><test-ig-consumer></test-ig-consumer></ig-provider>
      </ig-provider>
    `);
    const inner = outer.querySelector<IgProvider>('ig-provider')!;
    const consumer = inner.querySelector<TestConsumer>('test-ig-consumer')!;
    await inner.updateComplete;
    const c = consumer.connection!;
    expect({ api: c.api, token: c.token, project: c.project, locale: c.locale, channel: c.filters.channel }).to.deep.equal({
      api: FIXTURE_API,
      token: 't1',
      project: '200',
      locale: 'en',
      channel: 'sms',
    });
    // A filter change from inside the inner provider changes the outer one's filters.
    c.setFilters({ channel: 'email' }, consumer);
    expect(outer.channel).to.equal('email');
    await inner.updateComplete;
    expect(consumer.connection!.filters.channel).to.equal('email');

    outer.token = 't9';
    await outer.updateComplete;
    await inner.updateComplete;
    expect(consumer.connection!.token).to.equal('t9');
  });

  it('takes its locale from the nearest lang ancestor and follows changes to it', async () => {
    const root = await fixture<HTMLDivElement>(html`
      <div lang="en-US"><ig-provider api=${FIXTURE_API} token="t"><test-ig-consumer></test-ig-consumer></ig-provider></div>
    `);
    const provider = root.querySelector<IgProvider>('ig-provider')!;
    const consumer = root.querySelector<TestConsumer>('test-ig-consumer')!;
    await provider.updateComplete;
    expect(consumer.connection!.locale).to.equal('en');
    root.setAttribute('lang', 'pt-PT');
    await nextFrame();
    await provider.updateComplete;
    expect(consumer.connection!.locale, 'any Portuguese → the pt-BR table').to.equal('pt-BR');
    root.setAttribute('lang', 'fr');
    await nextFrame();
    await provider.updateComplete;
    expect(consumer.connection!.locale, 'unsupported language → es').to.equal('es');
    expect(consumer.lang_).to.equal('es');
  });

  it('fetches GET /v1/meta once per connection and shares it with every element', async () => {
    const settled = settledEvents(2);
    const provider = await fixture<IgProvider>(html`
      <ig-provider api=${FIXTURE_API} token="t1">
        <ig-channel-kpis channel="push"></ig-channel-kpis>
        <ig-channel-kpis channel="sms"></ig-channel-kpis>
        <ig-freshness></ig-freshness>
      </ig-provider>
    `);
    await settled;
    const consumer = provider.querySelector('ig-freshness')!;
    await consumer.updateComplete;
    expect(api.requestsTo('/v1/meta')).to.have.length(1);
    expect(consumer.shadowRoot!.querySelectorAll('[part="item"]')).to.have.length(10);

    provider.locale = 'en';
    await provider.updateComplete;
    expect(api.requestsTo('/v1/meta'), 'a new language is not a new connection').to.have.length(1);
    provider.token = 't2';
    await provider.updateComplete;
    await nextFrame();
    expect(api.requestsTo('/v1/meta'), 'a new token is').to.have.length(2);
    expect(api.requestsTo('/v1/meta')[1]!.authorization).to.equal('Bearer t2');
  });

  it('propagates filter changes: elements without their own value refetch, the event names what changed', async () => {
    const loaded = settledEvents(2);
    const provider = await fixture<IgProvider>(html`
      <ig-provider api=${FIXTURE_API} token="t1">
        <ig-channel-kpis id="follows"></ig-channel-kpis>
        <ig-channel-kpis id="own" channel="push"></ig-channel-kpis>
      </ig-provider>
    `);
    const follows = provider.querySelector<IgChannelKpis>('#follows')!;
    const own = provider.querySelector<IgChannelKpis>('#own')!;
    await loaded;
    expect(api.requestsTo('/v1/kpis').map((r) => r.params.get('channel')).sort()).to.deep.equal(['all', 'push']);

    const events: IgFilterChangeEvent[] = [];
    document.addEventListener('ig-filter-change', (e) => events.push(e), { once: true });
    const settled = nextSettled(follows);
    (follows as unknown as { ig: IgContextValue }).ig.setFilters({ channel: 'sms' }, follows);
    await settled;
    expect(events).to.have.length(1);
    expect(events[0]!.target, 'dispatched from the element the user acted in').to.equal(follows);
    expect(events[0]!.detail.changed).to.deep.equal(['channel']);
    expect(events[0]!.detail.filters.channel).to.equal('sms');
    expect(events[0]!.composed && events[0]!.bubbles).to.equal(true);
    expect(provider.channel).to.equal('sms');
    expect(valuesOf(follows)['cost']).to.equal(1234.5);
    const kpis = api.requestsTo('/v1/kpis');
    expect(kpis, 'only the element that follows the filter refetched').to.have.length(3);
    expect(kpis[2]!.params.get('channel')).to.equal('sms');

    // Setting the property from code refetches too, but is not a user's action: no event.
    const later: Event[] = [];
    provider.addEventListener('ig-filter-change', (e) => later.push(e));
    const again = nextSettled(follows);
    provider.channel = 'chat';
    await again;
    expect(valuesOf(follows)['readRate']).to.equal(0.8163);
    // Setting the same filters again changes nothing and announces nothing.
    (follows as unknown as { ig: IgContextValue }).ig.setFilters({ channel: 'chat' }, follows);
    expect(later).to.deep.equal([]);
  });

  it('keeps two providers on one page independent', async () => {
    const loaded = settledEvents(2);
    const root = await fixture<HTMLDivElement>(html`
      <div>
        <ig-provider id="a" api=${FIXTURE_API} token="ta"><ig-filter-bar></ig-filter-bar><ig-channel-kpis></ig-channel-kpis></ig-provider>
        <ig-provider id="b" api=${FIXTURE_API} token="tb"><ig-channel-kpis></ig-channel-kpis></ig-provider>
      </div>
    `);
    const [a, b] = [...root.querySelectorAll('ig-channel-kpis')] as [IgChannelKpis, IgChannelKpis];
    await loaded;
    expect(api.requestsTo('/v1/meta').map((r) => r.authorization).sort()).to.deep.equal(['Bearer ta', 'Bearer tb']);
    const before = api.requestsTo('/v1/kpis').length;

    const select = root.querySelector('ig-filter-bar')!.shadowRoot!.querySelector<HTMLSelectElement>('select[name="channel"]')!;
    const settled = nextSettled(a);
    select.value = 'push';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await settled;
    await nextFrame();
    const after = api.requestsTo('/v1/kpis').slice(before);
    expect(after.map((r) => [r.authorization, r.params.get('channel')])).to.deep.equal([['Bearer ta', 'push']]);
    expect(root.querySelector<IgProvider>('#b')!.channel ?? null).to.equal(null);
    expect(valuesOf(b)['sent'], 'b still shows all channels').to.equal(1338332);
  });

  it('refreshes the token through tokenProvider once on 401 and retries, for every element at once', async () => {
    api.restore();
    api = stubApi({
      '/v1/meta': ({ authorization }) => (authorization === 'Bearer good' ? 'getMeta' : problem(401, 'unauthorized')),
      '/v1/kpis': ({ authorization, params }) => (authorization === 'Bearer good' ? `getKpis.${params.get('channel')}` : problem(401, 'unauthorized')),
    });
    let calls = 0;
    const authErrors: Event[] = [];
    const onAuthError = (e: Event) => authErrors.push(e);
    document.addEventListener('ig-auth-error', onAuthError);
    const settled = settledEvents(2);
    const provider = await fixture<IgProvider>(html`
      <ig-provider
        api=${FIXTURE_API}
        token="expired"
        .tokenProvider=${async () => {
          calls += 1;
          await new Promise((r) => setTimeout(r, 20));
          return 'good';
        }}
      >
        <ig-channel-kpis channel="push"></ig-channel-kpis>
        <ig-channel-kpis channel="sms"></ig-channel-kpis>
      </ig-provider>
    `);
    const elements = [...provider.querySelectorAll('ig-channel-kpis')];
    const events = await settled;
    document.removeEventListener('ig-auth-error', onAuthError);
    expect(events.map((e) => e.type)).to.deep.equal(['ig-load', 'ig-load']);
    expect(calls, 'one tokenProvider call for three concurrent 401s').to.equal(1);
    expect(authErrors).to.deep.equal([]);
    const auths = api.requests.map((r) => r.authorization);
    expect(auths.filter((a) => a === 'Bearer expired')).to.have.length(3);
    expect(auths.filter((a) => a === 'Bearer good')).to.have.length(3);
    expect((elements[0] as unknown as { ig: IgContextValue }).ig.token, 'the context carries the new token').to.equal('good');
  });

  it('emits ig-auth-error once when the refreshed token is refused too, and the elements show the session error', async () => {
    api.restore();
    api = stubApi({ '/v1/meta': problem(401, 'unauthorized'), '/v1/kpis': problem(401, 'unauthorized') });
    let calls = 0;
    const authErrors: IgAuthErrorEvent[] = [];
    const settled = settledEvents(2);
    const provider = await fixture<IgProvider>(html`
      <ig-provider api=${FIXTURE_API} token="expired" .tokenProvider=${() => (calls++, 'still-bad')} @ig-auth-error=${(e: IgAuthErrorEvent) => authErrors.push(e)}>
        <ig-channel-kpis channel="push"></ig-channel-kpis>
        <ig-channel-kpis channel="sms"></ig-channel-kpis>
      </ig-provider>
    `);
    const elements = [...provider.querySelectorAll('ig-channel-kpis')];
    const events = await settled;
    expect(events.map((e) => (e as CustomEvent).detail)).to.deep.equal([
      { status: 401, code: 'unauthorized' },
      { status: 401, code: 'unauthorized' },
    ]);
    expect(calls).to.equal(1);
    expect(authErrors).to.have.length(1);
    expect(authErrors[0]!.detail).to.deep.equal({ status: 401, code: 'unauthorized', refreshed: true });
    expect(authErrors[0]!.composed && authErrors[0]!.bubbles).to.equal(true);
    expect(api.requests.filter((r) => r.authorization === 'Bearer still-bad')).to.have.length(3);
    expect(elements[0]!.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Tu sesión ha caducado');
  });

  it('asks tokenProvider for the first token when it has none', async () => {
    let calls = 0;
    const settled = nextSettled();
    await fixture<IgProvider>(html`
      <ig-provider api=${FIXTURE_API} .tokenProvider=${() => (calls++, Promise.resolve('first'))}>
        <ig-channel-kpis channel="push"></ig-channel-kpis>
      </ig-provider>
    `);
    expect((await settled).type).to.equal('ig-load');
    expect(calls).to.equal(1);
    expect(api.requests.every((r) => r.authorization === 'Bearer first')).to.equal(true);
  });

  it('refreshes against the real BFF: a refused token is replaced by a valid one', async () => {
    api.restore();
    const { api: bff, forgedToken } = await testStack();
    const [a] = await twoProjects();
    let calls = 0;
    const settled = nextSettled();
    const provider = await fixture<IgProvider>(html`
      <ig-provider api=${bff} token=${forgedToken} .tokenProvider=${() => (calls++, a.token)}>
        <ig-channel-kpis channel="push"></ig-channel-kpis>
      </ig-provider>
    `);
    const kpis = provider.querySelector('ig-channel-kpis')!;
    expect((await settled).type).to.equal('ig-load');
    expect(calls).to.equal(1);
    expect(valuesOf(kpis)['sent']).to.equal(a.expected.sent);
  });

  it('emits ig-auth-error from the real BFF for a forged token without a tokenProvider', async () => {
    api.restore();
    const { api: bff, forgedToken } = await testStack();
    const authError = new Promise<IgAuthErrorEvent>((resolve) => document.addEventListener('ig-auth-error', resolve, { once: true }));
    await fixture<IgProvider>(html`<ig-provider api=${bff} token=${forgedToken}><ig-freshness></ig-freshness></ig-provider>`);
    expect((await authError).detail).to.deep.equal({ status: 401, code: 'unauthorized', refreshed: false });
  });

  it('gives widgets a client that reaches the real BFF', async () => {
    api.restore();
    const { api: bff } = await testStack();
    const [a] = await twoProjects();
    const provider = await fixture<IgProvider>(html`
      <ig-provider api=${bff} token=${a.token}><test-ig-consumer></test-ig-consumer></ig-provider>
    `);
    const consumer = provider.querySelector<TestConsumer>('test-ig-consumer')!;
    const body = await consumer.connection!.client.get<{ projectId: string }>('/v1/kpis', { channel: 'push' });
    expect(body.projectId).to.equal(a.id);
  });
});
