import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../provider/provider.define.js';
import './saved-analyses.define.js';
import type { IgAnalysisOpenEvent } from '../../events/index.js';
import { expectAccessible } from '../../testing/axe.js';
import { FIXTURE_API, problem, stubApi, type ApiStub, type StubRoute } from '../../testing/fixtures.js';
import { afterEach, describe, it } from '../../testing/mocha.js';
import { nextSettled, testStack, textOf, until } from '../../testing/stack.js';
import type { IgProvider } from '../provider/provider.js';
import type { IgAnalysis, IgSavedAnalyses } from './saved-analyses.js';

const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<E>(selector);
const $$ = <E extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<E>(selector)];
const names = (el: Element) => $$(el, '[part="open-button"]').map((b) => b.textContent!.trim());
const folders = (el: Element) => $$(el, '[part="folder-button"]').map((b) => b.textContent!.replace(/\s+/g, ' ').trim());
const focused = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;
const MINE = '3f0c2a4e-1b7d-4e59-9a0c-2d7e8b1f6a01';
const THEIRS = '3f0c2a4e-1b7d-4e59-9a0c-2d7e8b1f6a03';
const item = (el: Element, id: string) => $(el, `li[data-id="${id}"]`)!;
const action = (el: Element, id: string, name: string) => item(el, id).querySelector<HTMLButtonElement>(`[data-action="${name}"]`);

/** A JWT-shaped token with these claims (unsigned: only the element reads it). */
const tokenWith = (claims: object) => `e30.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.sig`;

const ROUTES: Record<string, StubRoute> = {
  '/v1/meta': 'getMeta',
  '/v1/analyses': ({ params }) => (params.get('folder') === 'Ventas' ? 'listAnalyses.ventas' : 'listAnalyses'),
  '/v1/analyses/folders': 'listAnalysisFolders',
  [`/v1/analyses/${MINE}`]: ({ method, body }) =>
    method === 'GET' ? 'getAnalysis' : method === 'DELETE' ? { status: 204 } : (body as { shared?: boolean }).shared ? 'updateAnalysis.shared' : 'updateAnalysis',
};

async function mount(routes: Record<string, StubRoute> = {}, { locale = 'en', token = 't' } = {}) {
  const api = stubApi({ ...ROUTES, ...routes });
  const settled = nextSettled();
  const provider = await fixture<IgProvider>(html`<ig-provider api=${FIXTURE_API} token=${token} locale=${locale}><ig-saved-analyses></ig-saved-analyses></ig-provider>`);
  const el = provider.querySelector<IgSavedAnalyses>('ig-saved-analyses')!;
  const event = await settled;
  await until(() => $(el, '[part="folder-button"]'), 3000, 'the folders');
  await el.updateComplete;
  return { api, provider, el, event };
}

describe('<ig-saved-analyses>', () => {
  let stub: ApiStub | undefined;
  afterEach(() => stub?.restore());
  const track = <T extends { api: ApiStub }>(m: T) => ((stub = m.api), m);

  it('lists own and shared analyses, marked, with the folders and their counts', async () => {
    const { el, event } = track(await mount());
    expect(event.type).to.equal('ig-load');
    expect(names(el)).to.deep.equal(['Push de marzo', 'Panel de ventas', 'Entregas SMS del equipo', '¿Qué canal convierte más?']);
    expect(folders(el)).to.deep.equal(['All4, 4 analyses', 'No folder3, 3 analyses', 'Ventas1, 1 analyses']);
    expect($(el, '[part="folder-button"]')!.getAttribute('aria-pressed')).to.equal('true');
    const badges = (id: string) => [...item(el, id).querySelectorAll('[part="badge"]')].map((b) => b.textContent!.trim());
    expect(badges(MINE)).to.deep.equal(['Widget', 'Mine']);
    expect(badges('3f0c2a4e-1b7d-4e59-9a0c-2d7e8b1f6a02')).to.deep.equal(['Dashboard', 'Mine', 'Shared']);
    expect(badges(THEIRS)).to.deep.equal(['Widget', 'Shared with you']);
    expect(item(el, MINE).textContent).to.contain('CTR de push por día');
    expect(action(el, MINE, 'rename'), 'own: can be changed').to.exist;
    expect(action(el, THEIRS, 'rename'), "someone else's: read-only").to.equal(null);
    expect(action(el, MINE, 'share')!.getAttribute('aria-pressed')).to.equal('false');
    await expectAccessible(el);
  });

  it('opens an analysis: fetches it with its spec and dispatches ig-analysis-open', async () => {
    const { el, api } = track(await mount());
    const opened = new Promise<IgAnalysisOpenEvent>((resolve) => el.addEventListener('ig-analysis-open', resolve, { once: true }));
    item(el, MINE).querySelector<HTMLElement>('[part="open-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    const event = await opened;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.analysis.id).to.equal(MINE);
    expect(event.detail.analysis.spec).to.deep.equal({ element: 'ig-channel-kpis', attributes: { channel: 'push' } });
    expect(api.requestsTo(`/v1/analyses/${MINE}`)[0]!.method).to.equal('GET');
  });

  it('renames inline with the version read (Enter saves, Escape cancels)', async () => {
    const { el, api } = track(await mount());
    action(el, MINE, 'rename')!.click();
    await el.updateComplete;
    const input = () => item(el, MINE).querySelector<HTMLInputElement>('[part="rename-input"]')!;
    await until(() => focused(el) === input(), 2000, 'the name field focused');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(item(el, MINE).querySelector('[part="rename-input"]')).to.equal(null);
    expect(focused(el)?.dataset['action']).to.equal('rename');
    expect(api.requestsTo(`/v1/analyses/${MINE}`)).to.have.length(0);

    await sendKeys({ press: 'Enter' });
    await until(() => focused(el) === input(), 2000, 'the name field focused');
    await sendKeys({ type: 'Push de marzo (revisado)' });
    await sendKeys({ press: 'Enter' });
    await until(() => names(el)[0] === 'Push de marzo (revisado)', 3000, 'the new name');
    const patch = api.requestsTo(`/v1/analyses/${MINE}`)[0]!;
    expect(patch.method).to.equal('PATCH');
    expect(patch.body).to.deep.equal({ version: 3, name: 'Push de marzo (revisado)' });
    expect($(el, '[part="status"]')!.textContent).to.equal('Renamed to “Push de marzo (revisado)”');
    await until(() => focused(el)?.dataset['action'] === 'rename', 2000, 'focus back on Rename');
    await expectAccessible(el);
  });

  it('says "changed elsewhere" on a 409 and reloads on demand', async () => {
    const { el, api } = track(await mount({ [`/v1/analyses/${MINE}`]: problem(409, 'conflict') }));
    action(el, MINE, 'share')!.click();
    await until(() => item(el, MINE).querySelector('.conflict'), 3000, 'the conflict');
    expect(item(el, MINE).querySelector('.conflict')!.textContent).to.contain('This analysis was changed elsewhere. Reload to see the latest version.');
    expect(api.requestsTo(`/v1/analyses/${MINE}`)[0]!.body).to.deep.equal({ version: 3, shared: true });
    await until(() => focused(el)?.dataset['action'] === 'reload', 2000, 'focus on Reload');
    await expectAccessible(el);
    const settled = nextSettled(el);
    action(el, MINE, 'reload')!.click();
    await settled;
    expect(api.requestsTo('/v1/analyses')).to.have.length(2);
    expect(item(el, MINE).querySelector('.conflict')).to.equal(null);
  });

  it('shares and unshares (aria-pressed), and deletes after a confirmation', async () => {
    const { el, api } = track(await mount());
    action(el, MINE, 'share')!.click();
    await until(() => action(el, MINE, 'share')?.getAttribute('aria-pressed') === 'true', 3000, 'shared');
    expect($(el, '[part="status"]')!.textContent).to.equal('“Push de marzo” shared with the project');
    await until(() => api.requestsTo('/v1/analyses/folders').length === 2, 2000, 'the counts read again');

    action(el, MINE, 'delete')!.click();
    await el.updateComplete;
    expect(item(el, MINE).querySelector('.confirm')!.textContent).to.contain('Delete “Push de marzo”? This cannot be undone.');
    await until(() => focused(el)?.dataset['action'] === 'cancel-delete', 2000, 'focus on Cancel');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(item(el, MINE).querySelector('.confirm')).to.equal(null);
    expect(api.requestsTo(`/v1/analyses/${MINE}`).filter((r) => r.method === 'DELETE')).to.have.length(0);

    action(el, MINE, 'delete')!.click();
    await el.updateComplete;
    await expectAccessible(el);
    action(el, MINE, 'confirm-delete')!.click();
    await until(() => !names(el).includes('Push de marzo'), 3000, 'the item gone');
    const del = api.requestsTo(`/v1/analyses/${MINE}`).find((r) => r.method === 'DELETE')!;
    expect(del.params.get('version'), 'the version after the share').to.equal('4');
    expect($(el, '[part="status"]')!.textContent).to.equal('“Push de marzo” deleted');
  });

  it("is read-only for a viewer's token, and after a 403 forbidden_role", async () => {
    const { el } = track(await mount({}, { token: tokenWith({ sub: 'u', project_id: '100274', role: 'viewer' }) }));
    expect($$(el, '[part="action-button"]')).to.have.length(0);
    expect(names(el)).to.have.length(4);
    await expectAccessible(el);
    stub!.restore();

    const { el: other } = track(await mount({ [`/v1/analyses/${MINE}`]: problem(403, 'forbidden_role') }));
    action(other, MINE, 'share')!.click();
    await until(() => $$(other, '[part="action-button"]').length === 0, 3000, 'the actions hidden');
    expect(textOf(other)).to.contain('You can view analyses but not change them (viewer role).');
    await expectAccessible(other);
  });

  it('filters by folder (the top level on the client) and keeps the focus on the folder', async () => {
    const { el, api } = track(await mount());
    const ventas = $(el, '[part="folder-button"][data-folder="Ventas"]')!;
    ventas.focus();
    const settled = nextSettled(el);
    await sendKeys({ press: 'Enter' });
    await settled;
    expect(api.requestsTo('/v1/analyses').at(-1)!.params.get('folder')).to.equal('Ventas');
    expect(names(el)).to.deep.equal(['Panel de ventas']);
    expect(ventas.getAttribute('aria-pressed')).to.equal('true');
    expect(focused(el)).to.equal(ventas);

    const top = $(el, '[part="folder-button"][data-folder=""]')!;
    top.click();
    await nextSettled(el);
    expect(api.requestsTo('/v1/analyses').at(-1)!.params.get('folder')).to.equal(null);
    expect(names(el)).to.deep.equal(['Push de marzo', 'Entregas SMS del equipo', '¿Qué canal convierte más?']);
  });

  it('refreshes an expired token once through tokenProvider and retries the write', async () => {
    const api = (stub = stubApi({
      ...ROUTES,
      [`/v1/analyses/${MINE}`]: ({ authorization }) => (authorization === 'Bearer fresh' ? 'updateAnalysis.shared' : problem(401, 'unauthorized')),
    }));
    let calls = 0;
    const settled = nextSettled();
    const provider = await fixture<IgProvider>(
      html`<ig-provider api=${FIXTURE_API} token="old" locale="en" .tokenProvider=${async () => (calls++, 'fresh')}><ig-saved-analyses></ig-saved-analyses></ig-provider>`,
    );
    await settled;
    const el = provider.querySelector('ig-saved-analyses')!;
    await until(() => item(el, MINE));
    action(el, MINE, 'share')!.click();
    await until(() => action(el, MINE, 'share')?.getAttribute('aria-pressed') === 'true', 3000, 'shared after the refresh');
    expect(calls).to.equal(1);
    expect(api.requestsTo(`/v1/analyses/${MINE}`).map((r) => [r.method, r.authorization])).to.deep.equal([
      ['PATCH', 'Bearer old'],
      ['PATCH', 'Bearer fresh'],
    ]);
  });

  it('formats dates and counts for pt-BR', async () => {
    const { el } = track(await mount({}, { locale: 'pt-BR' }));
    expect(folders(el)[0]).to.equal('Todas4, 4 análises');
    expect(item(el, MINE).querySelector('.updated')!.textContent).to.match(/^Alterada: 14 de mar\.? de 2026, 11:15$/);
    expect(action(el, MINE, 'rename')!.textContent!.trim()).to.equal('Renomear');
  });

  it('shows the skeleton, the error with Retry and the empty state', async () => {
    let answer: StubRoute = 'hang';
    const api = (stub = stubApi({ ...ROUTES, '/v1/analyses/folders': 'listAnalysisFolders.empty', '/v1/analyses': () => answer as never }));
    const provider = await fixture<IgProvider>(html`<ig-provider api=${FIXTURE_API} token="t" locale="en"><ig-saved-analyses></ig-saved-analyses></ig-provider>`);
    const el = provider.querySelector('ig-saved-analyses')!;
    await until(() => api.requestsTo('/v1/analyses').length === 1);
    await el.updateComplete;
    expect($(el, '[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    expect($(el, '.skeleton')).to.exist;
    await expectAccessible(el);
    answer = problem(500, 'internal');
    let settled = nextSettled(el);
    el.limit = 50;
    expect((await settled).type).to.equal('ig-error');
    await expectAccessible(el);
    answer = 'listAnalyses.empty';
    settled = nextSettled(el);
    $(el, '[part="retry-button"]')!.click();
    expect((await settled).type).to.equal('ig-load');
    expect(textOf(el)).to.contain('No saved analyses yet');
    await expectAccessible(el);
  });

  it('fits 320 px in the dark theme', async () => {
    const api = (stub = stubApi(ROUTES));
    void api;
    const settled = nextSettled();
    const root = await fixture<HTMLDivElement>(
      html`<div style="width:320px"><ig-provider api=${FIXTURE_API} token="t" theme="dark"><ig-saved-analyses></ig-saved-analyses></ig-provider></div>`,
    );
    await settled;
    const el = root.querySelector('ig-saved-analyses')!;
    await until(() => $(el, '[part="folder-button"]'));
    expect(root.scrollWidth).to.be.at.most(320);
    await expectAccessible(el);
  });

  it('works against the real BFF: an editor renames, shares and deletes; a viewer sees it read-only', async () => {
    const { api, tokens, editorTokens } = await testStack();
    const project = Object.keys(editorTokens)[0]!;
    const editor = editorTokens[project]!;
    const created = (await (
      await fetch(`${api}/v1/analyses`, {
        method: 'POST',
        headers: { authorization: `Bearer ${editor}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Widget test ${Date.now()}`, folder: 'Tests', kind: 'widget', spec: { element: 'ig-channel-kpis', attributes: { channel: 'push' } } }),
      })
    ).json()) as IgAnalysis;
    expect(created.version).to.equal(1);

    let settled = nextSettled();
    const provider = await fixture<IgProvider>(html`<ig-provider api=${api} token=${editor} locale="en"><ig-saved-analyses folder="Tests"></ig-saved-analyses></ig-provider>`);
    expect((await settled).type).to.equal('ig-load');
    const el = provider.querySelector('ig-saved-analyses')!;
    await until(() => item(el, created.id), 3000, 'the new analysis');
    await until(() => $(el, '[part="folder-button"][data-folder="Tests"]'), 3000, 'its folder');
    await expectAccessible(el);

    action(el, created.id, 'rename')!.click();
    await el.updateComplete;
    const input = item(el, created.id).querySelector<HTMLInputElement>('[part="rename-input"]')!;
    input.value = 'Renamed by the widget';
    item(el, created.id).querySelector<HTMLButtonElement>('[data-action="save"]')!.click();
    await until(() => item(el, created.id).querySelector('[part="open-button"]')?.textContent!.trim() === 'Renamed by the widget', 5000, 'renamed');
    action(el, created.id, 'share')!.click();
    await until(() => action(el, created.id, 'share')?.getAttribute('aria-pressed') === 'true', 5000, 'shared');

    // Someone else (another tab) changes it: the next change here is a 409.
    const read = (await (await fetch(`${api}/v1/analyses/${created.id}`, { headers: { authorization: `Bearer ${editor}` } })).json()) as IgAnalysis;
    expect([read.name, read.shared, read.version]).to.deep.equal(['Renamed by the widget', true, 3]);
    await fetch(`${api}/v1/analyses/${created.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${editor}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: 3, description: 'elsewhere' }),
    });
    action(el, created.id, 'share')!.click();
    await until(() => item(el, created.id).querySelector('.conflict'), 5000, 'the conflict');
    settled = nextSettled(el);
    action(el, created.id, 'reload')!.click();
    await settled;
    expect(item(el, created.id).textContent).to.contain('elsewhere');

    // A viewer of the project sees the shared analysis, without write actions.
    settled = nextSettled();
    const viewer = await fixture<IgProvider>(html`<ig-provider api=${api} token=${tokens[project]!} locale="en"><ig-saved-analyses folder="Tests"></ig-saved-analyses></ig-provider>`);
    await settled;
    const readOnly = viewer.querySelector('ig-saved-analyses')!;
    await until(() => item(readOnly, created.id), 3000, 'shared with the viewer');
    expect(item(readOnly, created.id).textContent).to.contain('Shared with you');
    expect($$(readOnly, '[part="action-button"]')).to.have.length(0);

    action(el, created.id, 'delete')!.click();
    await el.updateComplete;
    action(el, created.id, 'confirm-delete')!.click();
    await until(() => !item(el, created.id), 5000, 'deleted');
    const gone = await fetch(`${api}/v1/analyses/${created.id}`, { headers: { authorization: `Bearer ${editor}` } });
    expect(gone.status).to.equal(404);
  });
});
