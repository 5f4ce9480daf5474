// <ig-dashboard-editor> against the real BFF of the test stack (saved analyses under RLS), with the
// real custom-elements.json as its palette, and the partner portal's pages (demo/public/partner/).
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../index.js';
import type { IgDashboard } from '../dashboard/dashboard.js';
import type { IgChannelKpis } from '../channel-kpis/channel-kpis.js';
import type { IgProvider } from '../provider/provider.js';
import type { IgAnalysisSaveEvent } from '../../events/index.js';
import { expectAccessible } from '../../testing/axe.js';
import { describe, it } from '../../testing/mocha.js';
import { nextSettled, testStack, until, valuesOf, type TestStack } from '../../testing/stack.js';
import type { IgDashboardEditor } from './dashboard-editor.js';
import { addCell, fromLayout, isWritableAttribute, moveCell, removeCell, resizeCell, setAttribute, toSpec, type EditorRows } from './layout-model.js';

const VIEW_PAGE = '/demo/public/partner/view.js';
const PORTAL_PAGE = '/demo/public/partner/partner.js';

type Stack = TestStack & { partnerTokens: { editor: string; viewer: string; projects: [string, string] } };
const stack = () => testStack() as Promise<Stack>;

const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<E>(selector);
const $$ = <E extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<E>(selector)];
const focused = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;
/** The canvas as text: one array per row of `tag:span`. */
const canvas = (el: Element) => $$(el, '[part="row"]').map((row) => [...row.querySelectorAll<HTMLElement>('[part~="cell"]')].map((c) => `${c.dataset['element']}:${c.dataset['span']}`));
const add = async (el: IgDashboardEditor, tag: string) => {
  $<HTMLButtonElement>(el, `[part="add-button"][data-element="${tag}"]`)!.click();
  await el.updateComplete;
};
const action = (el: Element, name: string) => $<HTMLButtonElement>(el, `[data-action="${name}"]`)!;

async function mountEditor({ api, token, project, locale = 'en', analysis }: { api: string; token: string; project?: string; locale?: string; analysis?: string }) {
  const provider = await fixture<IgProvider>(html`<ig-provider api=${api} project=${project ?? ''} locale=${locale}>
    <ig-dashboard-editor manifest-url="/custom-elements.json" analysis=${analysis ?? ''}></ig-dashboard-editor>
  </ig-provider>`);
  provider.token = token;
  const el = provider.querySelector<IgDashboardEditor>('ig-dashboard-editor')!;
  await el.updateComplete;
  return { provider, el };
}

async function bff<T>(s: Stack, token: string, path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(`${s.api}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
  return { status: response.status, body: (response.status === 204 ? undefined : await response.json()) as T };
}

describe('<ig-dashboard-editor>', () => {
  it('builds a layout from the palette with the keyboard: move, resize, attributes with validated inputs, undo/redo, remove (axe)', async () => {
    const s = await stack();
    const [a] = s.partnerTokens.projects;
    const { el } = await mountEditor({ api: s.api, token: s.partnerTokens.editor, project: a });
    await until(() => $(el, '[part="add-button"]'), 5000, 'the palette');
    const palette = $$(el, '[part="add-button"]').map((b) => b.dataset['element']);
    // Every element of the manifest that a dashboard may show; never the provider, a dashboard or the editor.
    expect(palette).to.include.members(['ig-channel-kpis', 'ig-freshness', 'ig-timeseries', 'ig-campaign-table', 'ig-filter-bar']);
    expect(palette).not.to.include.members(['ig-provider', 'ig-dashboard', 'ig-dashboard-editor']);

    await add(el, 'ig-channel-kpis');
    await add(el, 'ig-freshness');
    expect(canvas(el)).to.deep.equal([['ig-channel-kpis:6', 'ig-freshness:6']]);
    expect(focused(el)?.dataset['element']).to.equal('ig-freshness'); // focus follows the new cell

    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(canvas(el)).to.deep.equal([['ig-freshness:6', 'ig-channel-kpis:6']]);
    await sendKeys({ press: 'Shift+ArrowLeft' });
    await sendKeys({ press: 'Shift+ArrowLeft' });
    await el.updateComplete;
    expect(canvas(el)).to.deep.equal([['ig-freshness:4', 'ig-channel-kpis:6']]);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(canvas(el)).to.deep.equal([['ig-channel-kpis:6'], ['ig-freshness:4']]);
    expect(focused(el)?.dataset['element']).to.equal('ig-freshness');
    expect(focused(el)?.getAttribute('aria-label')).to.equal('ig-freshness, 4 of 12 columns, row 2, position 1');
    expect($(el, '[part="status"]')!.textContent).to.equal('ig-freshness at row 2, position 1.');

    // Attributes of the KPIs: Enter opens the form with the focus in it.
    $<HTMLElement>(el, '[part~="cell"][data-element="ig-channel-kpis"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const inspector = $(el, '[part="inspector"]')!;
    expect(inspector.contains(focused(el))).to.equal(true);
    const field = (name: string) => inspector.querySelector<HTMLElement>(`[data-attribute="${name}"]`)!;
    const control = <E extends HTMLElement>(name: string) => field(name).querySelector<E>('input, select, textarea')!;
    expect([...inspector.querySelectorAll<HTMLElement>('[data-attribute]')].map((f) => f.dataset['attribute'])).to.deep.equal(['channel', 'from', 'to', 'currency']);
    // The channel is a list of the manifest type's values.
    const channel = control<HTMLSelectElement>('channel');
    expect([...channel.options].map((o) => o.value)).to.deep.equal(['', 'all', 'push', 'inapp', 'sms', 'email', 'chat', 'wallet']);
    channel.value = 'sms';
    channel.dispatchEvent(new Event('change'));
    await el.updateComplete;
    // A date that is not one is refused, said, and never reaches the layout.
    const from = control<HTMLInputElement>('from');
    from.value = '2026-02-30';
    from.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(from.getAttribute('aria-invalid')).to.equal('true');
    expect(field('from').querySelector('[role="alert"]')!.textContent).to.equal('Enter a date as YYYY-MM-DD.');
    expect(el.layout.items[0]!.attributes).to.deep.equal({ channel: 'sms' });
    from.value = '2026-10-01';
    from.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(field('from').querySelector('[role="alert"]')).to.equal(null);
    expect(el.layout).to.deep.equal({
      columns: 12,
      items: [
        { element: 'ig-channel-kpis', attributes: { channel: 'sms', from: '2026-10-01' }, x: 0, y: 0, w: 6, h: 1 },
        { element: 'ig-freshness', attributes: {}, x: 0, y: 1, w: 4, h: 1 },
      ],
    });
    await expectAccessible(el);

    // Done returns the focus to the cell; Ctrl+Z undoes the date, then the channel; Ctrl+Shift+Z redoes.
    action(el, 'done').click();
    await el.updateComplete;
    expect(focused(el)?.dataset['element']).to.equal('ig-channel-kpis');
    await sendKeys({ press: 'Control+z' });
    await el.updateComplete;
    expect(el.layout.items[0]!.attributes).to.deep.equal({ channel: 'sms' });
    await sendKeys({ press: 'Control+z' });
    await el.updateComplete;
    expect(el.layout.items[0]!.attributes).to.deep.equal({});
    await sendKeys({ press: 'Control+Shift+Z' });
    await el.updateComplete;
    expect(el.layout.items[0]!.attributes).to.deep.equal({ channel: 'sms' });

    // Delete removes the focused cell; the focus goes to the one that took its place.
    await sendKeys({ press: 'Delete' });
    await el.updateComplete;
    expect(canvas(el)).to.deep.equal([['ig-freshness:4']]);
    expect(focused(el)?.dataset['element']).to.equal('ig-freshness');
    action(el, 'undo').click();
    await el.updateComplete;
    expect(canvas(el)).to.deep.equal([['ig-channel-kpis:6'], ['ig-freshness:4']]);

    // The preview is an <ig-dashboard> of that layout, with the BFF's data.
    const preview = $<IgDashboard>(el, '[part="preview"] ig-dashboard')!;
    await until(() => preview.shadowRoot?.querySelector('ig-channel-kpis')?.shadowRoot?.querySelector('[part="value"][data-value]'), 10_000, 'the preview');
    await expectAccessible(el);
  });

  it('saves as a dashboard analysis, reloads it, opens it on another page, shares it to a second user; a viewer cannot edit', async () => {
    const s = await stack();
    const ids = Object.keys(s.editorTokens);
    const [a, b] = ids as [string, string];
    const { el, provider } = await mountEditor({ api: s.api, token: s.editorTokens[a]!, project: a, locale: 'es' });
    await until(() => $(el, '[part="add-button"]'), 5000, 'the palette');
    await add(el, 'ig-channel-kpis');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const channel = $(el, '[part="inspector"] [data-attribute="channel"] select') as HTMLSelectElement;
    channel.value = 'push';
    channel.dispatchEvent(new Event('change'));
    await add(el, 'ig-freshness');
    const name = $<HTMLInputElement>(el, '[part="name-input"]')!;
    name.value = `Push del partner ${Math.random().toString(36).slice(2, 8)}`;
    name.dispatchEvent(new Event('input'));

    const saved = new Promise<IgAnalysisSaveEvent>((resolve) => el.addEventListener('ig-analysis-save', resolve as EventListener, { once: true }));
    action(el, 'save').click();
    const { detail } = await saved;
    expect(detail.kind).to.equal('dashboard');
    expect(el.analysis).to.equal(detail.id);
    await el.updateComplete;
    expect($(el, '[part="status"]')!.textContent).to.equal(`«${name.value}» guardado.`);
    const layout = el.layout;
    expect(layout.items.map((i) => [i.element, i.attributes, i.x, i.y, i.w])).to.deep.equal([
      ['ig-channel-kpis', { channel: 'push' }, 0, 0, 6],
      ['ig-freshness', {}, 6, 0, 6],
    ]);
    // What the BFF stored is that layout: data.
    const stored = await bff<{ spec: unknown; kind: string; shared: boolean }>(s, s.editorTokens[a]!, `/v1/analyses/${detail.id}`);
    expect(stored.body.kind).to.equal('dashboard');
    expect(stored.body.spec).to.deep.equal(layout);

    // A change and a second save update the same analysis (PATCH with the version read).
    $<HTMLElement>(el, '[part~="cell"][data-element="ig-freshness"]')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    action(el, 'save').click();
    await until(() => $(el, '[part="status"]')!.textContent!.includes('guardado') && !action(el, 'save').disabled, 5000, 'the second save');
    const again = await bff<{ spec: { items: { y: number }[] }; version: number }>(s, s.editorTokens[a]!, `/v1/analyses/${detail.id}`);
    expect(again.body.version).to.equal(2);
    expect(again.body.spec.items.map((i) => i.y)).to.deep.equal([0, 1]);

    // Reload: a new editor with the id shows the same layout and name.
    provider.remove();
    const reloaded = await mountEditor({ api: s.api, token: s.editorTokens[a]!, project: a, analysis: detail.id });
    await until(() => reloaded.el.layout.items.length === 2, 5000, 'the reopened layout');
    expect(reloaded.el.layout).to.deep.equal(again.body.spec);
    expect($<HTMLInputElement>(reloaded.el, '[part="name-input"]')!.value).to.equal(name.value);

    // Another page (demo/public/partner/view.js) renders it with <ig-dashboard>, with real numbers.
    const { showSavedDashboard } = (await import(/* @vite-ignore */ VIEW_PAGE)) as {
      showSavedDashboard(o: { dashboard: IgDashboard; api: string; token: string; project: string; id: string }): Promise<{ name: string }>;
    };
    const page = await fixture<IgProvider>(html`<ig-provider api=${s.api} project=${a}><ig-dashboard></ig-dashboard></ig-provider>`);
    page.token = s.editorTokens[a]!;
    const dashboard = page.querySelector<IgDashboard>('ig-dashboard')!;
    const loaded = nextSettled(dashboard, 15_000);
    expect((await showSavedDashboard({ dashboard, api: s.api, token: s.editorTokens[a]!, project: a, id: detail.id })).name).to.equal(name.value);
    expect((await loaded).type).to.equal('ig-load');
    const kpis = dashboard.shadowRoot!.querySelector<IgChannelKpis>('ig-channel-kpis[channel="push"]')!;
    expect(valuesOf(kpis)['sent']).to.equal(s.expected[a]!.sent);
    expect(dashboard.layoutErrors).to.deep.equal([]);

    // Sharing: the second user of the project (a viewer) cannot see it until it is shared.
    const viewer = s.tokens[a]!;
    expect((await bff(s, viewer, `/v1/analyses/${detail.id}`)).status).to.equal(404);
    const share = action(reloaded.el, 'share');
    expect(share.getAttribute('aria-pressed')).to.equal('false');
    share.click();
    await until(() => action(reloaded.el, 'share').getAttribute('aria-pressed') === 'true', 5000, 'the share');
    const seen = await bff<{ spec: unknown; mine: boolean; shared: boolean }>(s, viewer, `/v1/analyses/${detail.id}`);
    expect([seen.status, seen.body.mine, seen.body.shared]).to.deep.equal([200, false, true]);
    expect(seen.body.spec).to.deep.equal(again.body.spec);
    // Never across projects (RLS): project b's editor does not see it, shared or not.
    expect((await bff(s, s.editorTokens[b]!, `/v1/analyses/${detail.id}`)).status).to.equal(404);

    // The viewer opens it: the preview only, no palette, no toolbar, no cell controls.
    const asViewer = await mountEditor({ api: s.api, token: viewer, project: a, analysis: detail.id });
    await until(() => $(asViewer.el, '[part="preview"] ig-dashboard'), 5000, "the viewer's preview");
    expect(asViewer.el.canEdit).to.equal(false);
    expect($(asViewer.el, '[part="palette"]')).to.equal(null);
    expect($(asViewer.el, '[part="toolbar"]')).to.equal(null);
    expect($(asViewer.el, '[part~="cell"]')).to.equal(null);
    expect($(asViewer.el, '[part="message"]')!.textContent).to.contain('Your role can view dashboards but not edit them.');
    asViewer.el.add('ig-freshness');
    expect(asViewer.el.layout).to.deep.equal(again.body.spec);
    expect(await asViewer.el.save()).to.equal(undefined);
    // And the BFF refuses the viewer's writes whatever a page does.
    const patch = await bff<{ code: string }>(s, viewer, `/v1/analyses/${detail.id}`, { method: 'PATCH', body: JSON.stringify({ version: 3, name: 'x' }) });
    expect([patch.status, patch.body.code]).to.deep.equal([403, 'forbidden_role']);
    await expectAccessible(asViewer.el);
    await bff(s, s.editorTokens[a]!, `/v1/analyses/${detail.id}`, { method: 'DELETE' });
  });

  it('the partner portal switches between the projects of a partner token; each project keeps its own dashboards', async () => {
    const s = await stack();
    const [a, b] = s.partnerTokens.projects;
    const page = await fixture<HTMLElement>(html`<div>
      <h1 data-text="title">Portal</h1>
      <select id="locale" aria-label="Language"><option value="en" selected>en</option><option value="pt-BR">pt-BR</option></select>
      <select id="project" aria-label="Project"></select><span id="role"></span>
      <p id="no-token" hidden></p><h2 id="editor-title" tabindex="-1">Editor</h2><a id="view-link" hidden>open</a>
      <ig-provider id="provider"><div id="saved-slot"></div><ig-dashboard-editor id="editor" manifest-url="/custom-elements.json"></ig-dashboard-editor></ig-provider>
    </div>`);
    const root = { getElementById: (id: string) => page.querySelector(`#${id}`), querySelectorAll: (q: string) => page.querySelectorAll(q), documentElement: null, createElement: (t: string) => document.createElement(t) };
    const { startPortal } = (await import(/* @vite-ignore */ PORTAL_PAGE)) as { startPortal(o: object): string[] | null };
    expect(startPortal({ root, token: s.partnerTokens.editor, api: s.api })).to.deep.equal([a, b]);
    const select = page.querySelector<HTMLSelectElement>('#project')!;
    expect([...select.options].map((o) => o.value)).to.deep.equal([a, b]);
    await until(() => select.options[0]!.textContent !== a, 5000, 'the project names from /v1/meta');
    const provider = page.querySelector<IgProvider>('#provider')!;
    expect(provider.getAttribute('project')).to.equal(a);

    const el = page.querySelector<IgDashboardEditor>('#editor')!;
    await until(() => $(el, '[part="add-button"]'), 5000, 'the palette');
    await add(el, 'ig-timeseries');
    const id = await el.save();
    expect(id).to.be.a('string');
    await until(() => !page.querySelector<HTMLAnchorElement>('#view-link')!.hidden, 2000, 'the view link');
    expect(page.querySelector<HTMLAnchorElement>('#view-link')!.getAttribute('href')).to.equal(`view.html?project=${a}&analysis=${id}`);
    // The list shows it; opening it from the list loads it in the editor.
    const list = () => page.querySelector('ig-saved-analyses')!;
    await until(() => list().shadowRoot?.querySelector(`li[data-id="${id}"] [part="open-button"]`), 5000, 'the list');

    // Project b: a clean editor, and the analysis is not there (nor readable by id).
    const listedB = nextSettled(page);
    select.value = b;
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(provider.getAttribute('project')).to.equal(b);
    expect(el.layout.items).to.deep.equal([]);
    expect((await bff(s, s.partnerTokens.editor, `/v1/analyses/${id}?project=${b}`)).status).to.equal(404);
    expect((await listedB).type).to.equal('ig-load');
    expect(list().shadowRoot!.querySelector(`li[data-id="${id}"]`)).to.equal(null);

    // Back on project a, the list opens it in the editor.
    select.value = a;
    select.dispatchEvent(new Event('change'));
    await until(() => list().shadowRoot?.querySelector(`li[data-id="${id}"] [part="open-button"]`), 5000, "project a's list");
    list().shadowRoot!.querySelector<HTMLButtonElement>(`li[data-id="${id}"] [part="open-button"]`)!.click();
    await until(() => el.layout.items.length === 1, 5000, 'the opened dashboard');
    expect(el.layout.items[0]!.element).to.equal('ig-timeseries');
    expect(el.analysis).to.equal(id);
    // The page and the editor speak the chosen language (es, en, pt-BR).
    expect(page.querySelector('h1')!.textContent).to.equal('Partner portal');
    const locale = page.querySelector<HTMLSelectElement>('#locale')!;
    locale.value = 'pt-BR';
    locale.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(page.querySelector('h1')!.textContent).to.equal('Portal de parceiros');
    expect(page.querySelector('#role')!.textContent).to.equal('Papel: editor');
    // (the shared pt-BR table loads on first use; the editor's own strings come with its chunk)
    await until(() => action(el, 'save').textContent!.trim() === 'Salvar', 5000, 'the editor in pt-BR');
    expect(action(el, 'share').textContent!.trim()).to.equal('Compartilhar com o projeto');
    await expectAccessible(el);

    // The partner viewer token covers the same projects but cannot edit.
    provider.token = s.partnerTokens.viewer;
    await el.updateComplete;
    expect(el.canEdit).to.equal(false);
    await bff(s, s.partnerTokens.editor, `/v1/analyses/${id}?project=${a}`, { method: 'DELETE' });
  });

  it('never writes event handlers, style, is or slot, whatever the sequence of edits (generated)', () => {
    // A small seeded generator (reproducible): random edits over random layouts, including hostile names.
    let seed = 42;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const names = ['channel', 'onclick', 'onload', 'style', 'is', 'slot', 'from', 'Bad', 'x-y', 'on', 'currency'];
    const values = ['sms', 'javascript:alert(1)', '', 3, true, false];
    let id = 0;
    const next = () => ++id;
    for (let run = 0; run < 200; run++) {
      let rows: EditorRows = fromLayout(
        { items: Array.from({ length: rnd(6) }, () => ({ element: ['ig-channel-kpis', 'script', 'ig-freshness'][rnd(3)], attributes: { [names[rnd(names.length)]!]: values[rnd(values.length)] }, x: rnd(12), y: rnd(4), w: 1 + rnd(12), h: 1 })) },
        next,
      );
      for (let step = 0; step < 30; step++) {
        const cells = rows.flat();
        const target = cells[rnd(Math.max(1, cells.length))]?.id ?? -1;
        switch (rnd(5)) {
          case 0: rows = addCell(rows, { id: next(), element: 'ig-timeseries', attributes: {}, span: 1 + rnd(12) }); break;
          case 1: rows = moveCell(rows, target, (['left', 'right', 'up', 'down'] as const)[rnd(4)]!); break;
          case 2: rows = resizeCell(rows, target, rnd(30) - 15); break;
          case 3: rows = setAttribute(rows, target, names[rnd(names.length)]!, values[rnd(values.length)] as string); break;
          default: if (rnd(4) === 0) rows = removeCell(rows, target);
        }
        const spec = toSpec(rows);
        expect(spec.items.length).to.be.at.most(50);
        expect(rows.every((r) => r.length > 0)).to.equal(true);
        for (const item of spec.items) {
          expect(item.element).to.match(/^ig-/);
          expect(item.w).to.be.within(1, 12);
          expect(item.x).to.be.within(0, 100);
          for (const name of Object.keys(item.attributes)) expect(isWritableAttribute(name), name).to.equal(true);
        }
        // The saved form reads back to the same layout.
        expect(toSpec(fromLayout(spec, next))).to.deep.equal(spec);
      }
    }
  });
});
