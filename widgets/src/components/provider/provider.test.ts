import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import '../../index.js';
import { IgElement } from '../../base/ig-element.js';
import type { IgContextValue } from '../../context/ig-context.js';
import { describe, it } from '../../testing/mocha.js';
import { testStack, twoProjects } from '../../testing/stack.js';
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
  it('provides api, token, project, locale and a client to descendants, also inside shadow roots', async () => {
    const provider = await fixture<IgProvider>(html`
      <ig-provider api="https://bff.example" token="t1" project="100274" locale="en">
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
        api: 'https://bff.example',
        token: 't1',
        project: '100274',
        locale: 'en',
      });
      expect(c.client.url('/v1/kpis', { channel: 'push', from: undefined }).href).to.equal(
        'https://bff.example/v1/kpis?channel=push&project=100274',
      );
    }
    expect(getComputedStyle(provider).display).to.equal('contents');
    await expect(provider).to.be.accessible();
  });

  it('updates consumers when an attribute changes, keeping the client when only the locale changes', async () => {
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
    expect(consumer.shadowRoot!.textContent).to.contain('Loading KPIs');

    provider.setAttribute('token', 't2');
    await provider.updateComplete;
    expect(consumer.connection!.token).to.equal('t2');
    expect(consumer.connection!.client).not.to.equal(first.client);
    expect(consumer.connection!.client.token).to.equal('t2');

    provider.removeAttribute('token');
    await provider.updateComplete;
    expect(consumer.connection!.token).to.equal(null);
  });

  it('lets an inner provider inherit what it leaves unset', async () => {
    const outer = await fixture<IgProvider>(html`
      <ig-provider api="https://bff.example" token="t1" locale="en">
        <ig-provider project="200"><test-ig-consumer></test-ig-consumer></ig-provider>
      </ig-provider>
    `);
    const inner = outer.querySelector<IgProvider>('ig-provider')!;
    const consumer = inner.querySelector<TestConsumer>('test-ig-consumer')!;
    await inner.updateComplete;
    const c = consumer.connection!;
    expect({ api: c.api, token: c.token, project: c.project, locale: c.locale }).to.deep.equal({
      api: 'https://bff.example',
      token: 't1',
      project: '200',
      locale: 'en',
    });
    outer.token = 't9';
    await outer.updateComplete;
    await inner.updateComplete;
    expect(consumer.connection!.token).to.equal('t9');
  });

  it('takes its locale from the nearest lang ancestor and follows changes to it', async () => {
    const root = await fixture<HTMLDivElement>(html`
      <div lang="en-US"><ig-provider token="t"><test-ig-consumer></test-ig-consumer></ig-provider></div>
    `);
    const provider = root.querySelector<IgProvider>('ig-provider')!;
    const consumer = root.querySelector<TestConsumer>('test-ig-consumer')!;
    await provider.updateComplete;
    expect(consumer.connection!.locale).to.equal('en');
    root.setAttribute('lang', 'fr');
    await nextFrame();
    await provider.updateComplete;
    expect(consumer.connection!.locale, 'unsupported language → es').to.equal('es');
    expect(consumer.lang_).to.equal('es');
  });

  it('gives widgets a client that reaches the real BFF', async () => {
    const { api } = await testStack();
    const [a] = await twoProjects();
    const provider = await fixture<IgProvider>(html`
      <ig-provider api=${api} token=${a.token}><test-ig-consumer></test-ig-consumer></ig-provider>
    `);
    const consumer = provider.querySelector<TestConsumer>('test-ig-consumer')!;
    const body = await consumer.connection!.client.get<{ projectId: string }>('/v1/kpis', { channel: 'push' });
    expect(body.projectId).to.equal(a.id);
  });
});
