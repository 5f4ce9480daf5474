// Integrators' traps (issue 11, ADR 019), in host pages of their own (web-test-runner.config.mjs,
// hostPagesPlugin), against the real BFF:
// - React 19 and Vue 3 apps with the CDN module, the classic loader and the npm build: the `layout` and
//   `token` properties reach <ig-dashboard> and <ig-provider> (never as attributes), events arrive;
// - plain `el.prop = value` on an element whose chunk has not arrived;
// - a page that defined its own <ig-provider>: one console error naming it, widgets say what is missing;
// - the placeholders' property list matches custom-elements.json.
// Needs `npm run build` (dist/cdn and dist/esm).
import { expect } from '@open-wc/testing';
import { ELEMENT_TAGS } from './element-tags.js';
import { describe, it } from './testing/mocha.js';
import { textOf, twoProjects, until, valuesOf } from './testing/stack.js';
import type { IgChannelKpis } from './components/channel-kpis/channel-kpis.js';

type HostWindow = Window &
  typeof globalThis & {
    __host: { framework: string; events: { type: string; tag: string }[]; update(next: Record<string, unknown>): unknown };
    __console: { level: string; text: string }[];
  };

async function openPage(path: string): Promise<{ frame: HTMLIFrameElement; win: HostWindow; doc: Document }> {
  const frame = document.createElement('iframe');
  frame.style.width = '900px';
  frame.style.height = '600px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = path;
  document.body.append(frame);
  await loaded;
  return { frame, win: frame.contentWindow as HostWindow, doc: frame.contentDocument! };
}

async function requireBuild(): Promise<void> {
  for (const file of ['/dist/cdn/ig-widgets.js', '/dist/esm/index.js']) {
    const res = await fetch(file, { method: 'HEAD', cache: 'no-store' });
    if (!res.ok) throw new Error(`${file} is missing: run \`npm run build\` before the browser tests`);
  }
}

const layoutOf = (...channels: string[]) => ({
  rows: [{ cells: channels.map((channel) => ({ element: 'ig-channel-kpis', span: 12 / channels.length, attributes: { channel } })) }],
});

/** The KPI elements a dashboard rendered. */
const cellsOf = (dashboard: Element) => [...(dashboard.shadowRoot?.querySelectorAll<IgChannelKpis>('ig-channel-kpis') ?? [])];

describe('host pages', () => {
  for (const framework of ['react', 'vue'] as const) {
    for (const variant of ['cdn', 'classic', 'npm'] as const) {
      it(`${framework === 'react' ? 'React 19' : 'Vue 3'} with the ${variant} build: layout and token are properties, events arrive`, async () => {
        await requireBuild();
        const [a, b] = await twoProjects();
        const { api } = (await (await fetch('/__stack')).json()) as { api: string };
        const settings = { api, token: a.token, project: a.id, layout: layoutOf('push') };
        const { frame, win, doc } = await openPage(`/__ig/hosts/${framework}-${variant}.html#${encodeURIComponent(JSON.stringify(settings))}`);
        try {
          const dashboard = doc.querySelector('ig-dashboard')!;
          const provider = doc.querySelector('ig-provider')!;
          expect(dashboard, 'the app rendered').to.exist;
          await until(() => cellsOf(dashboard)[0] && valuesOf(cellsOf(dashboard)[0]!)['sent'] !== undefined, 20_000, 'the dashboard cell');
          expect(valuesOf(cellsOf(dashboard)[0]!)['sent']).to.equal(a.expected.sent);
          expect(dashboard.hasAttribute('layout'), 'layout never written as an attribute').to.equal(false);
          expect(provider.hasAttribute('token'), 'the token never in the DOM').to.equal(false);
          expect(Object.getPrototypeOf(dashboard), 'upgraded to the real class').to.equal(win.customElements.get('ig-dashboard')!.prototype);
          await until(() => win.__host.events.some((e) => e.type === 'ig-load' && e.tag === 'ig-dashboard'), 10_000, 'ig-load through the framework');
          expect(win.__console.filter((m) => m.level === 'error')).to.deep.equal([]);

          // After the upgrade: a new layout and a new project and token from the framework.
          await win.__host.update({ layout: layoutOf('push', 'sms'), token: b.token, project: b.id });
          await until(() => cellsOf(dashboard).length === 2 && valuesOf(cellsOf(dashboard)[0]!)['sent'] === b.expected.sent, 20_000, 'the new layout and project');
          expect(dashboard.hasAttribute('layout')).to.equal(false);
          expect(provider.hasAttribute('token')).to.equal(false);
        } finally {
          frame.remove();
        }
      });
    }
  }

  it('plain code: properties set on a lazy element before its chunk arrives reach it (createElement and parsed HTML)', async () => {
    await requireBuild();
    const [a] = await twoProjects();
    const { api } = (await (await fetch('/__stack')).json()) as { api: string };
    const { frame, win, doc } = await openPage('/__ig/hosts/plain.html');
    try {
      await win.customElements.whenDefined('ig-provider');
      expect(win.customElements.get('ig-dashboard'), 'lazy: not defined yet').to.equal(undefined);
      const provider = doc.createElement('ig-provider');
      Object.assign(provider, { api, token: a.token, project: a.id });
      const created = doc.createElement('ig-dashboard') as HTMLElement & { layout?: unknown };
      expect('layout' in created, 'a placeholder has the property before the chunk arrives').to.equal(true);
      created.layout = layoutOf('push');
      expect(created.layout).to.deep.equal(layoutOf('push'));
      // Parsed from HTML, then set with plain assignment (an own property until the upgrade).
      const box = doc.createElement('div');
      box.innerHTML = '<ig-dashboard></ig-dashboard>';
      const parsed = box.firstElementChild as HTMLElement & { layout?: unknown };
      parsed.layout = layoutOf('sms');
      // A plain get/set accessor (not a Lit reactive property): the dashboard editor's `layout`.
      box.insertAdjacentHTML('beforeend', '<ig-dashboard-editor read-only></ig-dashboard-editor>');
      const editor = box.lastElementChild as HTMLElement & { layout?: unknown };
      expect(win.customElements.get('ig-dashboard-editor'), 'lazy: not defined yet').to.equal(undefined);
      editor.layout = layoutOf('email');
      provider.append(created, box);
      doc.body.append(provider);
      await until(() => cellsOf(created)[0] && valuesOf(cellsOf(created)[0]!)['sent'] !== undefined, 20_000, 'created dashboard');
      await until(() => cellsOf(parsed)[0] && valuesOf(cellsOf(parsed)[0]!)['sent'] !== undefined, 20_000, 'parsed dashboard');
      expect(valuesOf(cellsOf(created)[0]!)['sent']).to.equal(a.expected.sent);
      expect(cellsOf(parsed)[0]!.getAttribute('channel')).to.equal('sms');
      expect(Object.prototype.hasOwnProperty.call(created, 'layout') || Object.prototype.hasOwnProperty.call(parsed, 'layout')).to.equal(false);
      await win.customElements.whenDefined('ig-dashboard-editor');
      await until(() => !Object.prototype.hasOwnProperty.call(editor, 'layout'), 10_000, 'the editor upgraded');
      expect(JSON.stringify(editor.layout), 'the early value went through the class setter').to.contain('"channel":"email"');
      expect(win.__console.filter((m) => m.level === 'error')).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });

  it('a page that defined its own <ig-provider>: one console error naming the tag and its class; widgets say the provider is missing', async () => {
    await requireBuild();
    const { frame, win, doc } = await openPage('/__ig/hosts/taken.html');
    try {
      await win.customElements.whenDefined('ig-channel-kpis');
      const kpis = doc.querySelector('ig-channel-kpis')!;
      await until(() => textOf(kpis).includes('ig-provider'), 5000, 'the missing provider message');
      expect(textOf(kpis)).to.contain('no está dentro de un <ig-provider>');
      expect(textOf(kpis)).not.to.contain('token');
      const messages = win.__console;
      expect(messages, JSON.stringify(messages)).to.have.length(1);
      expect(messages[0]!.level).to.equal('error');
      expect(messages[0]!.text).to.contain('<ig-provider> is already defined by the page (class HostProvider)');
      expect(messages[0]!.text).not.to.contain('another copy');
    } finally {
      frame.remove();
    }
  });

  it('the placeholders answer `in` for every public property of every element of custom-elements.json, and nothing else', async () => {
    await requireBuild();
    interface Member {
      kind: string;
      name: string;
      static?: boolean;
      privacy?: string;
    }
    const manifest = (await (await fetch('/custom-elements.json')).json()) as {
      modules: { declarations?: { tagName?: string; customElement?: boolean; members?: Member[] }[] }[];
    };
    const declarations = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);
    expect([...ELEMENT_TAGS].sort(), 'widgets/src/element-tags.ts lists every element').to.deep.equal(declarations.map((d) => d.tagName!).sort());
    // The classic loader alone (no module yet): every element is a placeholder.
    const { frame, win, doc } = await openPage('/__ig/hosts/placeholders.html');
    try {
      for (const d of declarations) {
        const el = doc.createElement(d.tagName!) as HTMLElement & Record<string, unknown>;
        expect(win.customElements.get(d.tagName!), d.tagName).to.equal(undefined);
        for (const m of (d.members ?? []).filter((x) => x.kind === 'field' && !x.static && !x.privacy)) {
          expect(m.name in el, `${d.tagName}.${m.name}`).to.equal(true);
        }
        // A framework's own expandos and attribute-like names are not intercepted.
        for (const name of ['aria-label', 'data-x', '_vei', '__reactFiber$abc']) expect(name in el, name).to.equal(false);
        el['__reactProps$x'] = { a: 1 };
        expect(Object.prototype.hasOwnProperty.call(el, '__reactProps$x'), 'expandos stay own properties').to.equal(true);
        el['layout'] = { rows: [] };
        expect(Object.prototype.hasOwnProperty.call(el, 'layout'), 'kept aside, not an own property').to.equal(false);
        expect(el['layout']).to.deep.equal({ rows: [] });
        // Everything an HTMLElement has still works.
        el.id = 'x';
        el.setAttribute('title', 't');
        expect([el.id, el.title, el.localName]).to.deep.equal(['x', 't', d.tagName]);
      }
      expect(doc.createElement('div') instanceof win.HTMLDivElement).to.equal(true);
      expect('layout' in doc.createElement('x-other')).to.equal(false);
    } finally {
      frame.remove();
    }
  });
});
