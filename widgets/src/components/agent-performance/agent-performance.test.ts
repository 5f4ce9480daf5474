import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../provider/provider.define.js';
import './agent-performance.define.js';
import { expectAccessible } from '../../testing/axe.js';
import { FIXTURE_API, problem, stubApi, type ApiStub, type StubRoute } from '../../testing/fixtures.js';
import { afterEach, describe, it } from '../../testing/mocha.js';
import { nextSettled, testStack, textOf, twoProjects, until } from '../../testing/stack.js';
import type { IgProvider } from '../provider/provider.js';
import type { IgAgentPerformance, IgAgentsResponse } from './agent-performance.js';

const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<E>(selector);
const $$ = <E extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<E>(selector)];
const agents = (el: Element) => $$(el, '[part="table"] tbody tr').map((tr) => tr.dataset['agent']);
const cell = (el: Element, agent: string, key: string) => $(el, `[part="table"] tr[data-agent="${agent}"] [data-key="${key}"]`)!.textContent!.trim();
const focused = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;

async function mount(routes: Record<string, StubRoute> = {}, locale = 'en') {
  const api = stubApi({ '/v1/meta': 'getMeta', '/v1/agents': 'listAgents', '/v1/agents/ag-101': 'getAgent', ...routes });
  const settled = nextSettled();
  const provider = await fixture<IgProvider>(html`<ig-provider api=${FIXTURE_API} token="t" locale=${locale}><ig-agent-performance></ig-agent-performance></ig-provider>`);
  const el = provider.querySelector<IgAgentPerformance>('ig-agent-performance')!;
  const event = await settled;
  await el.updateComplete;
  return { api, provider, el, event };
}

describe('<ig-agent-performance>', () => {
  let stub: ApiStub | undefined;
  afterEach(() => stub?.restore());
  const track = <T extends { api: ApiStub }>(m: T) => ((stub = m.api), m);

  it('ranks the agents with counts and durations, the team active now, and a dash for no figure', async () => {
    const { el, event, api } = track(await mount());
    expect(event.type).to.equal('ig-load');
    expect($$(el, '[part="table"] thead th').map((th) => th.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'Agent',
      'Conversations▼',
      'Closed',
      'Time to assign (avg.)',
      'Time to assign (median)',
      'Time to close (avg.)',
      'Time to close (median)',
    ]);
    expect(agents(el)).to.deep.equal(['ag-101', 'ag-102', 'ag-103']);
    expect($(el, 'tr[data-agent="ag-103"] th')!.textContent!.trim(), 'no email: the agent id').to.equal('ag-103');
    expect(cell(el, 'ag-101', 'conversations')).to.equal('412');
    expect(cell(el, 'ag-101', 'avgSecondsToAssign')).to.equal('43 sec');
    expect(cell(el, 'ag-101', 'avgSecondsToClose')).to.equal('21 min');
    expect(cell(el, 'ag-102', 'avgSecondsToClose')).to.equal('2 hr');
    expect(cell(el, 'ag-103', 'avgSecondsToClose').replace(/\s+/g, '')).to.equal('—Nodata');
    expect($(el, '[part="team-now"]')!.textContent!.trim()).to.equal('Active now: 4 (Mar 14)');
    const request = api.requestsTo('/v1/agents')[0]!;
    expect([request.params.get('limit'), request.params.get('from')]).to.deep.equal(['100', null]);
    await expectAccessible(el);
  });

  it('sorts on the client from the headers (click, Enter, Space), nulls last', async () => {
    const { el, api } = track(await mount());
    $(el, '[data-sort="avgSecondsToClose"]')!.click();
    await el.updateComplete;
    expect(agents(el)).to.deep.equal(['ag-101', 'ag-102', 'ag-103']);
    expect($(el, 'th[aria-sort="ascending"]')!.textContent).to.contain('Time to close (avg.)');
    $(el, '[data-sort="avgSecondsToClose"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(agents(el), 'descending, null still last').to.deep.equal(['ag-102', 'ag-101', 'ag-103']);
    $(el, '[data-sort="agent"]')!.focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(agents(el)).to.deep.equal(['ag-103', 'ag-101', 'ag-102']);
    expect(focused(el)?.dataset['sort'], 'the header keeps the focus').to.equal('agent');
    expect(api.requestsTo('/v1/agents'), 'no refetch').to.have.length(1);
    await expectAccessible(el);
  });

  it("selects an agent with the keyboard and shows its daily detail; Close returns to the row", async () => {
    const { el, api } = track(await mount());
    const first = $(el, 'tbody tr[tabindex="0"]')!;
    expect(first.dataset['agent']).to.equal('ag-101');
    first.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(focused(el)?.dataset['agent']).to.equal('ag-102');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '[part="detail-table"]'), 3000, 'the detail');
    expect(el.agent).to.equal('ag-101');
    expect($(el, 'tr[data-agent="ag-101"]')!.getAttribute('aria-selected')).to.equal('true');
    const detailRequest = api.requestsTo('/v1/agents/ag-101')[0]!;
    expect([detailRequest.params.get('from'), detailRequest.params.get('to')], 'the ranking’s period').to.deep.equal(['2026-03-08', '2026-03-14']);
    expect($(el, '#detail-title')!.textContent).to.equal('lucia@example.com in detail');
    const days = $$(el, '[part="detail-table"] tbody tr');
    expect(days).to.have.length(7);
    expect(days[0]!.querySelector('[data-key="avgSecondsToAssign"]')!.textContent!.replace(/\s+/g, '')).to.equal('—Nodata');
    expect(days[1]!.querySelector('th')!.textContent!.trim()).to.equal('Mar 9');
    await expectAccessible(el);
    $(el, '[part="close-button"]')!.click();
    await el.updateComplete;
    await until(() => focused(el)?.dataset['agent'] === 'ag-101', 2000, 'focus back on the row');
    expect($(el, '[part="detail"]')).to.equal(null);
  });

  it('formats durations, numbers and days for pt-BR', async () => {
    const { el } = track(await mount({}, 'pt-BR'));
    expect(cell(el, 'ag-101', 'conversations')).to.equal('412');
    expect(cell(el, 'ag-102', 'avgSecondsToClose')).to.equal('2 h');
    expect(cell(el, 'ag-101', 'avgSecondsToClose')).to.equal('21 min');
    expect($(el, '[part="team-now"]')!.textContent!.trim()).to.match(/^Ativos agora: 4 \(14 de mar\.?\)$/);
    expect($(el, '[part="base"]')!.getAttribute('aria-label')).to.equal('Desempenho dos agentes');
    el.agent = 'ag-101';
    await until(() => $(el, '[part="detail-table"]'), 3000, 'the detail');
    expect($(el, '.total dd')!.textContent).to.equal('412');
    expect($$(el, '.total dd')[2]!.textContent).to.equal('43 s');
  });

  it('shows the skeleton, the error with Retry, the empty state and the stale badge', async () => {
    let answer: StubRoute = 'hang';
    const api = (stub = stubApi({ '/v1/meta': 'getMeta.stale-tables', '/v1/agents': () => answer as never }));
    const provider = await fixture<IgProvider>(html`<ig-provider api=${FIXTURE_API} token="t" locale="en"><ig-agent-performance></ig-agent-performance></ig-provider>`);
    const el = provider.querySelector('ig-agent-performance')!;
    await until(() => api.requestsTo('/v1/agents').length === 1);
    await el.updateComplete;
    expect($(el, '[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    expect(textOf(el)).to.equal('Loading data…');
    await expectAccessible(el);

    answer = problem(503, 'unavailable');
    let settled = nextSettled(el);
    el.limit = 10;
    expect((await settled).type).to.equal('ig-error');
    expect($(el, '[part="retry-button"]')).to.exist;
    await expectAccessible(el);
    answer = 'listAgents.empty';
    settled = nextSettled(el);
    $(el, '[part="retry-button"]')!.click();
    expect((await settled).type).to.equal('ig-load');
    expect(textOf(el)).to.contain('No agent conversations in this period');
    expect($(el, '[part="stale"]')!.textContent).to.contain('Out of date');
    await expectAccessible(el);
  });

  it('shows a failed detail with its own Retry, leaving the ranking', async () => {
    let fail = true;
    const { el } = track(await mount({ '/v1/agents/ag-101': () => (fail ? problem(500, 'internal') : 'getAgent') }));
    el.agent = 'ag-101';
    await until(() => $(el, '[part="detail"] [part="retry-button"]'), 3000, 'the detail error');
    expect(agents(el)).to.have.length(3);
    await expectAccessible(el);
    fail = false;
    $(el, '[part="detail"] [part="retry-button"]')!.click();
    await until(() => $(el, '[part="detail-table"]'), 3000, 'the detail');
  });

  it('fits 320 px with the table scrolling inside; dark theme stays accessible', async () => {
    const api = (stub = stubApi({ '/v1/meta': 'getMeta', '/v1/agents': 'listAgents' }));
    void api;
    const settled = nextSettled();
    const root = await fixture<HTMLDivElement>(
      html`<div style="width:320px"><ig-provider api=${FIXTURE_API} token="t" theme="dark"><ig-agent-performance></ig-agent-performance></ig-provider></div>`,
    );
    await settled;
    const el = root.querySelector('ig-agent-performance')!;
    await el.updateComplete;
    expect(root.scrollWidth).to.be.at.most(320);
    const wrapper = $(el, '[part="table-wrapper"]')!;
    expect(wrapper.scrollWidth).to.be.greaterThan(wrapper.clientWidth);
    await expectAccessible(el);
  });

  it('ranks the agents of the real BFF and shows one in detail', async () => {
    const { api, tokens } = await testStack();
    const [a] = await twoProjects();
    // A project of the stack whose simulated contact centre has agents (chat); else the first one.
    let token = a.token;
    for (const candidate of Object.values(tokens)) {
      const res = await fetch(`${api}/v1/agents?limit=1`, { headers: { authorization: `Bearer ${candidate}` } });
      if (res.ok && ((await res.json()) as IgAgentsResponse).items.length) {
        token = candidate;
        break;
      }
    }
    const settled = nextSettled();
    const provider = await fixture<IgProvider>(html`<ig-provider api=${api} token=${token} locale="en"><ig-agent-performance></ig-agent-performance></ig-provider>`);
    expect((await settled).type).to.equal('ig-load');
    const el = provider.querySelector('ig-agent-performance')!;
    await el.updateComplete;
    const data = (el as unknown as { data: { value: IgAgentsResponse } }).data.value;
    expect(agents(el)).to.deep.equal(data.items.map((r) => r.agentId));
    await expectAccessible(el);
    expect(data.items.length, 'the stack has agents').to.be.greaterThan(0);
    $(el, 'tbody tr')!.click();
    await until(() => $(el, '[part="detail-table"]'), 5000, 'the detail');
    const days = $$(el, '[part="detail-table"] tbody tr');
    expect(days[0]!.dataset['day']).to.equal(data.period.from);
    expect(days.at(-1)!.dataset['day']).to.equal(data.period.to);
    await expectAccessible(el);
  });
});
