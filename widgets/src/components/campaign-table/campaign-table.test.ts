import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../provider/provider.define.js';
import './campaign-table.define.js';
import type { IgCampaignSelectEvent, IgFilterChangeEvent } from '../../events/index.js';
import { expectAccessible } from '../../testing/axe.js';
import { FIXTURE_API, fixtureJson, problem, stubApi, type ApiStub, type StubRoute } from '../../testing/fixtures.js';
import { afterEach, describe, it } from '../../testing/mocha.js';
import { nextSettled, testStack, textOf, twoProjects, until } from '../../testing/stack.js';
import type { IgProvider } from '../provider/provider.js';
import type { IgCampaignListResponse, IgCampaignTable } from './campaign-table.js';

const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<E>(selector);
const $$ = <E extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<E>(selector)];
const headers = (el: Element) => $$(el, 'thead th').map((th) => th.textContent!.replace(/\s+/g, ' ').trim());
const names = (el: Element) => $$(el, 'tbody th').map((th) => th.textContent!.trim());
const cell = (el: Element, id: number, key: string) => $(el, `tr[data-id="${id}"] [data-key="${key}"]`)!;
const focused = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;

async function mount(routes: Record<string, StubRoute> = {}, attrs = html``, locale = 'en') {
  const api = stubApi({ '/v1/meta': 'getMeta', '/v1/campaigns': 'listCampaigns', ...routes });
  const settled = nextSettled();
  const provider = await fixture<IgProvider>(html`<ig-provider api=${FIXTURE_API} token="t" locale=${locale}>${attrs}</ig-provider>`);
  const table = provider.querySelector('ig-campaign-table')!;
  const event = await settled;
  await table.updateComplete;
  return { api, provider, table, event };
}

describe('<ig-campaign-table>', () => {
  let stub: ApiStub | undefined;
  afterEach(() => stub?.restore());
  const track = <T extends { api: ApiStub }>(m: T) => ((stub = m.api), m);

  it('lists every channel with its own figures, a dash (not 0) where a channel has none', async () => {
    const { table, event, api } = track(await mount({}, html`<ig-campaign-table></ig-campaign-table>`));
    expect(event.type).to.equal('ig-load');
    expect(headers(table)).to.deep.equal(['Campaign', 'Channel', 'Created', 'Sent▼', 'Delivered', 'Opens', 'Clicks', 'Impressions', 'Delivery rate', 'Open rate', 'CTR']);
    expect(names(table)).to.deep.equal(['Rebajas de primavera', 'Recordatorio de cita', 'Newsletter marzo', 'Banner de bienvenida', 'Campaña sin envíos']);
    expect(cell(table, 9101, 'sent').textContent!.trim()).to.equal('120,000');
    expect(cell(table, 9101, 'ctr').textContent!.trim()).to.equal('3.60%');
    // Push has no opens: a dash for the eye, "No data" for screen readers, never 0.
    expect(cell(table, 9101, 'opened').dataset['value']).to.equal(undefined);
    expect(cell(table, 9101, 'opened').textContent!.replace(/\s+/g, ' ').trim()).to.equal('—No data');
    expect(cell(table, 9105, 'sent').dataset['value'], 'a real zero stays 0').to.equal('0');
    expect($(table, 'th[aria-sort="descending"]')!.textContent).to.contain('Sent');
    expect(api.requestsTo('/v1/campaigns')[0]!.params.get('limit')).to.equal('25');
    expect($(table, '[part="pagination"]')!.textContent).to.contain('Page 1 · rows 1–5');
    await expectAccessible(table);
  });

  it("shows only the channel's columns for a channel (own attribute or the shared filter)", async () => {
    const { table, provider, api } = track(await mount({}, html`<ig-campaign-table currency="EUR"></ig-campaign-table>`));
    const settled = nextSettled(table);
    provider.setFilters({ channel: 'sms' });
    await settled;
    expect(api.requestsTo('/v1/campaigns').at(-1)!.params.get('channel')).to.equal('sms');
    expect(headers(table)).to.deep.equal(['Campaign', 'Created', 'Sent▼', 'Delivered', 'Clicks', 'Cost', 'Delivery rate', 'CTR']);
    expect(cell(table, 9102, 'cost').textContent!.trim()).to.equal('€1,356.30');
    table.channel = 'email';
    await nextSettled(table);
    expect(headers(table)).to.contain('Unsubscribes');
    expect(api.requestsTo('/v1/campaigns').at(-1)!.params.get('channel'), 'own attribute wins').to.equal('email');
  });

  it('formats numbers, percentages, money and dates for pt-BR', async () => {
    const { table } = track(await mount({}, html`<ig-campaign-table channel="sms" currency="BRL"></ig-campaign-table>`, 'pt-BR'));
    expect(headers(table)[0]).to.equal('Campanha');
    expect(cell(table, 9102, 'sent').textContent!.trim()).to.equal('45.210');
    expect(cell(table, 9102, 'deliveryRate').textContent!.trim()).to.equal('99,26%');
    expect(cell(table, 9102, 'cost').textContent!.trim().replace(/\s/g, ' ')).to.match(/^R\$\s1\.356,30$/);
    expect($(table, 'tr[data-id="9102"] td.text')!.textContent!.trim()).to.match(/^15 de fev\.? de 2026$/);
    expect($(table, '[part="base"]')!.getAttribute('aria-label')).to.equal('Campanhas');
    expect($(table, '[part="pagination"]')!.textContent).to.contain('Página 1 · linhas 1–5');
  });

  it('sorts from the column headers with click, Enter and Space, and keeps the focus on the header', async () => {
    // The stub answers in the order asked, as the BFF does.
    const echo: StubRoute = async ({ params }) => {
      const sort = params.get('sort') ?? 'sent';
      const order = params.get('order') ?? (sort === 'name' || sort === 'created' ? 'asc' : 'desc');
      return { status: 200, body: { ...(await fixtureJson<IgCampaignListResponse>('listCampaigns')), sort, order } };
    };
    const { table, api } = track(await mount({ '/v1/campaigns': echo }, html`<ig-campaign-table></ig-campaign-table>`));
    let settled = nextSettled(table);
    $(table, '[data-sort="name"]')!.click();
    await settled;
    let last = api.requestsTo('/v1/campaigns').at(-1)!;
    expect([last.params.get('sort'), last.params.get('order')]).to.deep.equal(['name', null]);

    $(table, '[data-sort="ctr"]')!.focus();
    settled = nextSettled(table);
    await sendKeys({ press: 'Enter' });
    await settled;
    last = api.requestsTo('/v1/campaigns').at(-1)!;
    expect(last.params.get('sort')).to.equal('ctr');
    await until(() => focused(table)?.dataset['sort'] === 'ctr', 2000, 'focus back on the header');
    expect($(table, 'th[aria-sort="descending"] [data-sort="ctr"]')).to.exist;
    // Space on the sorted column reverses it.
    settled = nextSettled(table);
    await sendKeys({ press: 'Space' });
    await settled;
    last = api.requestsTo('/v1/campaigns').at(-1)!;
    expect([last.params.get('sort'), last.params.get('order')]).to.deep.equal(['ctr', 'asc']);
    await until(() => focused(table)?.dataset['sort'] === 'ctr', 2000, 'focus back on the header');
    expect($(table, 'th[aria-sort="ascending"] [data-sort="ctr"]')).to.exist;
    expect($$(table, 'th[aria-sort="ascending"], th[aria-sort="descending"]')).to.have.length(1);
    await expectAccessible(table);
  });

  it('pages by cursor: Next sends the cursor, Previous goes back to the page before', async () => {
    const { table, api } = track(
      await mount({ '/v1/campaigns': ({ params }) => (params.get('cursor') ? 'listCampaigns.page2' : 'listCampaigns') }, html`<ig-campaign-table page-size="25"></ig-campaign-table>`),
    );
    expect(api.requestsTo('/v1/campaigns')[0]!.params.get('limit')).to.equal('25');
    expect($<HTMLButtonElement>(table, '[data-page="previous"]')!.disabled).to.equal(true);
    $(table, '[data-page="next"]')!.focus();
    let settled = nextSettled(table);
    await sendKeys({ press: 'Enter' });
    await settled;
    expect(api.requestsTo('/v1/campaigns').at(-1)!.params.get('cursor')).to.equal('eyJ2IjoxLCJpIjo5MTA1fQ');
    expect(names(table)).to.deep.equal(['Aviso de envío gratuito']);
    expect($(table, '[part="pagination"]')!.textContent).to.contain('Page 2 · rows 26–26');
    expect($<HTMLButtonElement>(table, '[data-page="next"]')!.disabled, 'last page').to.equal(true);
    await until(() => focused(table)?.matches('tr[data-index="0"]'), 2000, 'focus on the first row (Next is disabled)');
    settled = nextSettled(table);
    $(table, '[data-page="previous"]')!.click();
    await settled;
    expect(api.requestsTo('/v1/campaigns').at(-1)!.params.get('cursor')).to.equal(null);
    expect(names(table)).to.have.length(5);

    // A new page size starts again from the first page.
    settled = nextSettled(table);
    $(table, '[data-page="next"]')!.click();
    await settled;
    const select = $<HTMLSelectElement>(table, '#page-size')!;
    select.value = '50';
    settled = nextSettled(table);
    select.dispatchEvent(new Event('change'));
    await settled;
    const last = api.requestsTo('/v1/campaigns').at(-1)!;
    expect([last.params.get('limit'), last.params.get('cursor')]).to.deep.equal(['50', null]);
  });

  it('searches after a pause in typing, aborting the stale request, and says when nothing matches', async () => {
    let hang = false;
    const { table, api } = track(
      await mount(
        { '/v1/campaigns': ({ params }) => (hang ? 'hang' : params.get('q') === 'reczzz' ? 'listCampaigns.empty' : 'listCampaigns') },
        html`<ig-campaign-table></ig-campaign-table>`,
      ),
    );
    const input = $<HTMLInputElement>(table, '[part="search"]')!;
    input.focus();
    hang = true;
    await sendKeys({ type: 'rec' });
    await until(() => api.requestsTo('/v1/campaigns').length === 2, 2000, 'one request for the whole word');
    const stale = api.requestsTo('/v1/campaigns')[1]!;
    expect(stale.params.get('q')).to.equal('rec');
    expect(focused(table), 'the field keeps the focus while loading').to.equal(input);
    hang = false;
    const settled = nextSettled(table);
    await sendKeys({ type: 'zzz' });
    await sendKeys({ press: 'Enter' });
    await settled;
    expect(stale.signal!.aborted, 'the stale search is aborted').to.equal(true);
    expect(api.requestsTo('/v1/campaigns').at(-1)!.params.get('q')).to.equal('reczzz');
    expect(textOf(table)).to.contain('No campaign matches “reczzz”');
    expect(focused(table)).to.equal(input);
    await expectAccessible(table);
  });

  it('selects a row with a click or Enter: event, shared filter, aria-selected; arrows move between rows', async () => {
    const { table, provider } = track(
      await mount({}, html`<ig-campaign-table></ig-campaign-table><ig-campaign-table channel="push" no-export no-search></ig-campaign-table>`),
    );
    const other = provider.querySelectorAll('ig-campaign-table')[1]!;
    await until(() => other.shadowRoot!.querySelector('tbody tr'));
    const selects: IgCampaignSelectEvent[] = [];
    const changes: IgFilterChangeEvent[] = [];
    document.addEventListener('ig-campaign-select', (e) => selects.push(e));
    document.addEventListener('ig-filter-change', (e) => changes.push(e));
    try {
      $(table, 'tr[data-id="9102"]')!.click();
      await table.updateComplete;
      expect(selects).to.have.length(1);
      expect(selects[0]!.target).to.equal(table);
      expect(selects[0]!.detail.campaign).to.equal('9102');
      expect(selects[0]!.detail.summary!.name).to.equal('Recordatorio de cita');
      expect(provider.campaign).to.equal('9102');
      expect(changes[0]!.detail.changed).to.deep.equal(['campaign']);
      expect($(table, 'tr[data-id="9102"]')!.getAttribute('aria-selected')).to.equal('true');
      expect($(table, '[part="selection"]')!.textContent).to.contain('Selected: Recordatorio de cita');

      // Keyboard: one Tab stop on the rows, arrows move, Enter selects.
      const rows = $$(table, 'tbody tr');
      expect(rows.filter((r) => r.tabIndex === 0)).to.have.length(1);
      rows[0]!.focus();
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      expect(focused(table)?.dataset['id']).to.equal('9103');
      await sendKeys({ press: 'End' });
      expect(focused(table)?.dataset['id']).to.equal('9105');
      await sendKeys({ press: 'ArrowUp' });
      await sendKeys({ press: 'Enter' });
      await table.updateComplete;
      expect(provider.campaign).to.equal('9104');
      expect(selects.at(-1)!.detail.campaign).to.equal('9104');
      expect($$(table, 'tr[aria-selected="true"]').map((r) => r.dataset['id'])).to.deep.equal(['9104']);
      expect($(table, 'tbody tr[tabindex="0"]')!.dataset['id']).to.equal('9104');
      await other.updateComplete;
      expect(other.shadowRoot!.querySelector('[part="selection"]')!.textContent, 'the other table follows').to.contain('#9104');
      await expectAccessible(table);

      $(table, '[data-action="clear-selection"]')!.click();
      await table.updateComplete;
      expect(provider.campaign).to.equal(null);
      expect(selects.at(-1)!.detail.campaign).to.equal(null);
      expect($$(table, 'tr[aria-selected="true"]')).to.have.length(0);
    } finally {
      document.removeEventListener('ig-campaign-select', (e) => selects.push(e));
    }
  });

  it('downloads the page shown as CSV, asking the BFF with Accept: text/csv', async () => {
    const { table, api } = track(
      await mount(
        { '/v1/campaigns': ({ accept }) => (accept === 'text/csv' ? { status: 200, body: 'id,name' } : 'listCampaigns') },
        html`<ig-campaign-table include-all></ig-campaign-table>`,
      ),
    );
    const saved: { blob: Blob; name: string }[] = [];
    (table as unknown as { saveFile: (b: Blob, n: string) => void }).saveFile = (blob, name) => saved.push({ blob, name });
    $(table, '[part="export-button"]')!.click();
    await until(() => saved.length === 1, 2000, 'a file');
    const csv = api.requestsTo('/v1/campaigns').at(-1)!;
    expect(csv.accept).to.equal('text/csv');
    expect(csv.params.get('include')).to.equal('all');
    expect(saved[0]!.name).to.equal('campaigns-2026-02-13-2026-03-14.csv');
    expect(await saved[0]!.blob.text()).to.contain('id,name');
  });

  it('shows the skeleton while loading, then the error with Retry, then the data', async () => {
    let answer: StubRoute = 'hang';
    const api = (stub = stubApi({ '/v1/meta': 'getMeta', '/v1/campaigns': () => (typeof answer === 'function' ? 'hang' : answer) }));
    const provider = await fixture<IgProvider>(html`<ig-provider api=${FIXTURE_API} token="t" locale="en"><ig-campaign-table></ig-campaign-table></ig-provider>`);
    const table = provider.querySelector('ig-campaign-table')!;
    await until(() => api.requestsTo('/v1/campaigns').length === 1);
    await table.updateComplete;
    expect($(table, '[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    expect($(table, '.skeleton')).to.exist;
    expect(textOf(table)).to.contain('Loading data…');
    await expectAccessible(table);

    answer = problem(500, 'internal');
    let settled = nextSettled(table);
    table.pageSize = 10;
    const error = await settled;
    expect(error.type).to.equal('ig-error');
    expect((error as CustomEvent).detail).to.deep.equal({ status: 500, code: 'internal' });
    expect(textOf(table)).to.contain('The data could not be loaded.');
    await expectAccessible(table);
    answer = 'listCampaigns';
    settled = nextSettled(table);
    $(table, '[part="retry-button"]')!.click();
    expect((await settled).type).to.equal('ig-load');
    expect(names(table)).to.have.length(5);
  });

  it('shows the empty state, and the stale badge when campaign data is out of date', async () => {
    const { table } = track(await mount({ '/v1/meta': 'getMeta.stale-tables', '/v1/campaigns': 'listCampaigns.empty' }, html`<ig-campaign-table></ig-campaign-table>`));
    expect(textOf(table)).to.contain('No campaigns with sends in this period');
    await until(() => $(table, '[part="stale"]'), 3000, 'stale badge');
    expect($(table, '[part="stale"]')!.textContent).to.contain('Out of date');
    await expectAccessible(table);
  });

  it('fits 320 px: the table scrolls inside the element; dark theme stays accessible', async () => {
    const api = (stub = stubApi({ '/v1/meta': 'getMeta', '/v1/campaigns': 'listCampaigns' }));
    const settled = nextSettled();
    const root = await fixture<HTMLDivElement>(
      html`<div style="width:320px"><ig-provider api=${FIXTURE_API} token="t" theme="dark"><ig-campaign-table></ig-campaign-table></ig-provider></div>`,
    );
    await settled;
    void api;
    const table = root.querySelector('ig-campaign-table')!;
    await table.updateComplete;
    expect(table.getBoundingClientRect().width).to.be.at.most(320);
    expect(root.scrollWidth, 'no page overflow').to.be.at.most(320);
    const wrapper = $(table, '[part="table-wrapper"]')!;
    expect(wrapper.scrollWidth).to.be.greaterThan(wrapper.clientWidth);
    await expectAccessible(table);
  });

  it('lists, searches and exports the campaigns of the real BFF', async () => {
    const { api } = await testStack();
    const [a] = await twoProjects();
    let settled = nextSettled();
    const provider = await fixture<IgProvider>(html`<ig-provider api=${api} token=${a.token} locale="en"><ig-campaign-table page-size="10"></ig-campaign-table></ig-provider>`);
    expect((await settled).type).to.equal('ig-load');
    const table = provider.querySelector('ig-campaign-table')!;
    await table.updateComplete;
    const data = (table as unknown as { data: { value: IgCampaignListResponse } }).data.value;
    expect(data.items.length).to.be.greaterThan(0);
    expect(names(table)).to.deep.equal(data.items.map((c) => c.name));
    await expectAccessible(table);

    if (data.nextCursor) {
      settled = nextSettled(table);
      $(table, '[data-page="next"]')!.click();
      expect((await settled).type).to.equal('ig-load');
      expect($(table, '[part="pagination"]')!.textContent).to.contain('Page 2');
    }

    const word = data.items[0]!.name.split(/\s+/)[0]!;
    settled = nextSettled(table);
    table.search = word;
    expect((await settled).type).to.equal('ig-load');
    for (const name of names(table)) expect(name.toLowerCase()).to.contain(word.toLowerCase());

    const saved: Blob[] = [];
    (table as unknown as { saveFile: (b: Blob) => void }).saveFile = (blob) => saved.push(blob);
    $(table, '[part="export-button"]')!.click();
    await until(() => saved.length === 1, 5000, 'the CSV');
    const text = await saved[0]!.text();
    expect(text.split(/\r?\n/)[0]).to.equal('id,name,channel,status,createdDay,removedOn,sent,delivered,opened,clicked,impressions,bounced,unsubscribed,cost,deliveryRate,openRate,ctr');
  });
});
