// The element catalog: reads /custom-elements.json and lists every element with a live example and its
// API. Everything is built with DOM APIs (createElement, textContent, setAttribute): no markup strings,
// no inline scripts or styles (the BFF's CSP). `renderCatalog` is exported for the catalog's test.

/** Live examples: attributes (strings) and properties per tag; an element without an entry is shown bare. */
const EXAMPLES = {
  'ig-provider': {
    note: 'Every example on this page sits in one <ig-provider>. This one nests another that only changes the language; it inherits the connection and the filters.',
    attributes: { locale: 'en' },
    children: [{ tag: 'ig-channel-kpis', attributes: { channel: 'push' } }],
  },
  'ig-filter-bar': { note: 'Changing a filter here re-filters the KPI and dashboard examples below it.' },
  'ig-freshness': { attributes: { groups: 'push sms email' } },
  'ig-channel-kpis': { attributes: { channel: 'push' } },
  'ig-chart': {
    attributes: {
      label: 'Sends per weekday (example rows)',
      spec: JSON.stringify({ mark: 'bar', encoding: { x: { field: 'day', type: 'ordinal', sort: null }, y: { field: 'sent', type: 'quantitative' } } }),
      data: JSON.stringify([
        { day: 'Mon', sent: 1200 },
        { day: 'Tue', sent: 1850 },
        { day: 'Wed', sent: 1640 },
        { day: 'Thu', sent: 2010 },
        { day: 'Fri', sent: 1480 },
      ]),
    },
  },
  'ig-dashboard': {
    properties: {
      layout: {
        title: 'Push and SMS',
        rows: [
          { cells: [{ element: 'ig-filter-bar', span: 8, attributes: { 'no-platform': true } }, { element: 'ig-freshness', span: 4, attributes: { groups: 'push sms' } }] },
          {
            cells: [
              { element: 'ig-channel-kpis', title: 'Push', span: 6, attributes: { channel: 'push' } },
              { element: 'ig-channel-kpis', title: 'SMS', span: 6, attributes: { channel: 'sms', currency: 'EUR' } },
            ],
          },
        ],
      },
    },
  },
};

/** The API sections of each element, in order. */
export const SECTIONS = ['Attributes and properties', 'Methods', 'Events', 'Slots', 'CSS parts', 'CSS custom properties'];

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

/** Text with `code` spans (JSDoc's backticks) as <code>, safely. */
function inline(text) {
  const frag = document.createDocumentFragment();
  String(text ?? '')
    .split(/(`[^`]+`)/)
    .forEach((part) => {
      if (/^`[^`]+`$/.test(part)) frag.append(el('code', { text: part.slice(1, -1) }));
      else if (part) frag.append(document.createTextNode(part));
    });
  return frag;
}

/** A JSDoc description: paragraphs (blank lines) and fenced code blocks. */
function description(text) {
  const box = el('div', { class: 'description' });
  const parts = String(text ?? '').split(/```[a-z]*\n([\s\S]*?)```/);
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      box.append(el('pre', { tabindex: '0' }, [el('code', { text: part.replace(/\n$/, '') })]));
      return;
    }
    for (const para of part.split(/\n\s*\n/)) {
      const flat = para.replace(/\s*\n\s*/g, ' ').trim();
      if (flat) box.append(el('p', {}, [inline(flat)]));
    }
  });
  return box;
}

/** A table with a caption and column headers, or "None." when there are no rows. */
function table(caption, headers, rows) {
  if (!rows.length) return el('p', { class: 'none', text: 'None.' });
  const head = el('tr', {}, headers.map((h) => el('th', { scope: 'col', text: h })));
  const body = rows.map((cells) => el('tr', {}, cells.map((c, i) => (i === 0 ? el('th', { scope: 'row' }, [el('code', { text: c })]) : el('td', {}, [inline(c)])))));
  return el('div', { class: 'table-wrap' }, [el('table', {}, [el('caption', { class: 'sr-only-caption', text: caption }), el('thead', {}, [head]), el('tbody', {}, body)])]);
}

const typeText = (t) => (t && t.text ? t.text : '');
const code = (v) => (v === undefined || v === null || v === '' ? '' : `\`${v}\``);

/** The rows of each API section of one declaration. */
export function apiRows(decl) {
  const members = (decl.members ?? []).filter((m) => m.privacy !== 'private' && m.privacy !== 'protected');
  const fields = members.filter((m) => m.kind === 'field');
  const attrs = decl.attributes ?? [];
  const props = fields.map((m) => [
    m.name + (m.static ? ' (static)' : ''),
    m.attribute ?? attrs.find((a) => a.fieldName === m.name)?.name ?? '—',
    code(typeText(m.type)),
    code(m.default),
    m.description ?? '',
  ]);
  for (const a of attrs) if (!fields.some((m) => m.name === a.fieldName)) props.push(['—', a.name, code(typeText(a.type)), code(a.default), a.description ?? '']);
  return {
    'Attributes and properties': props,
    Methods: members
      .filter((m) => m.kind === 'method')
      .map((m) => [
        `${m.static ? 'static ' : ''}${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})`,
        (m.parameters ?? []).map((p) => `${p.name}: ${typeText(p.type)}`).join(', '),
        m.description ?? '',
      ]),
    Events: (decl.events ?? []).map((e) => [e.name, code(typeText(e.type)), e.description ?? '']),
    Slots: (decl.slots ?? []).map((s) => [s.name || '(default)', s.description ?? '']),
    'CSS parts': (decl.cssParts ?? []).map((p) => [p.name, p.description ?? '']),
    'CSS custom properties': (decl.cssProperties ?? []).map((p) => [p.name, code(p.default), p.description ?? '']),
  };
}

const HEADERS = {
  'Attributes and properties': ['Property', 'Attribute', 'Type', 'Default', 'Description'],
  Methods: ['Method', 'Parameters', 'Description'],
  Events: ['Event', 'Type', 'Description'],
  Slots: ['Slot', 'Description'],
  'CSS parts': ['Part', 'Description'],
  'CSS custom properties': ['Property', 'Default', 'Description'],
};

/** The element of an example (created with createElement, attributes with setAttribute). */
function exampleElement(tag, spec = {}) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(spec.attributes ?? {})) node.setAttribute(k, String(v));
  for (const [k, v] of Object.entries(spec.properties ?? {})) node[k] = structuredClone(v);
  for (const child of spec.children ?? []) node.append(exampleElement(child.tag, child));
  return node;
}

/**
 * The live example of a tag. A lazy element (CDN bundle) is fetched now with `load(tag)` (the bundle's
 * `loadElement`): its tag is not in the page until its example is, so waiting for the definition
 * alone would wait forever. "Not in this build" when nothing can define it.
 */
function example(tag, registry, load) {
  const box = el('div', { class: 'example', 'data-example': tag });
  const spec = EXAMPLES[tag] ?? {};
  const show = () => {
    box.replaceChildren(exampleElement(tag, spec));
    box.removeAttribute('data-missing');
    box.removeAttribute('data-loading');
  };
  const notInBuild = () => {
    box.removeAttribute('data-loading');
    box.replaceChildren(el('p', { class: 'not-in-build' }, [inline(`Not in this build: \`<${tag}>\` is not defined by the loaded bundle.`)]));
  };
  if (registry.get(tag)) show();
  else {
    box.setAttribute('data-missing', '');
    const pending = load?.(tag);
    if (pending) {
      box.setAttribute('data-loading', '');
      box.append(el('p', { class: 'loading', role: 'status' }, [inline(`Loading \`<${tag}>\`…`)]));
      Promise.resolve(pending).then(() => registry.get(tag) || notInBuild(), notInBuild);
    } else notInBuild();
    registry.whenDefined(tag).then(show, () => {});
  }
  return spec.note ? [el('p', {}, [inline(spec.note.replace(/<ig-provider>/g, '`<ig-provider>`'))]), box] : [box];
}

/** The elements of a manifest (declarations with a tag name), sorted by tag. */
export function elementsOf(manifest) {
  return (manifest.modules ?? [])
    .flatMap((m) => (m.declarations ?? []).map((d) => ({ ...d, module: m.path })))
    .filter((d) => d.customElement && d.tagName)
    .sort((a, b) => (a.tagName < b.tagName ? -1 : 1));
}

/**
 * Renders the catalog: the index into `index` (an <ol>), one section per element into `root`.
 * `load(tag)` fetches a lazy element (a promise), or answers undefined when it cannot. Returns the sections.
 */
export function renderCatalog({ manifest, root, index, registry = customElements, load }) {
  const elements = elementsOf(manifest);
  index.replaceChildren(
    ...elements.map((d) => el('li', {}, [el('a', { href: `#${d.tagName}` }, [el('code', { text: `<${d.tagName}>` })])])),
  );
  const sections = elements.map((d) => {
    const tag = d.tagName;
    const rows = apiRows(d);
    const id = `${tag}-title`;
    return el('section', { class: 'element', id: tag, 'aria-labelledby': id, 'data-tag': tag }, [
      el('h2', { id, tabindex: '-1' }, [el('code', { text: `<${tag}>` })]),
      el('p', { class: 'summary' }, [inline(d.summary ?? '')]),
      description(d.description),
      el('p', { class: 'none' }, [inline(`Class \`${d.name}\` in \`${d.module}\`.`)]),
      el('h3', { text: 'Example' }),
      ...example(tag, registry, load),
      ...SECTIONS.flatMap((name) => [el('h3', { text: name }), table(`${name} of <${tag}>`, HEADERS[name], rows[name])]),
      el('a', { class: 'back', href: '#index', text: 'Back to the index' }),
    ]);
  });
  root.replaceChildren(...sections);
  return sections;
}

// ----------------------------------------------------------------------------------------------------
// The page: token from the URL fragment (like the CRM demo page), one provider around every example.

function claims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(part))));
  } catch {
    return null;
  }
}

async function start(main) {
  const KEY = 'ig-demo-token';
  const provider = document.createElement('ig-provider');
  provider.setAttribute('locale', document.getElementById('locale').value);
  const status = main.querySelector('[data-catalog-status]');
  const content = document.createElement('div');
  provider.append(content);

  const use = (token) => {
    const c = claims(token);
    if (!c) return false;
    sessionStorage.setItem(KEY, token);
    provider.token = token; // the property: the token never shows in the DOM
    provider.setAttribute('project', String(c.project_id ?? ''));
    document.getElementById('project').textContent = `Project ${c.project_id}`;
    document.getElementById('no-token').hidden = true;
    return true;
  };
  const match = /(?:^|&)token=([^&]+)/.exec(location.hash.slice(1));
  if (match) history.replaceState(null, '', location.pathname + location.search);
  const token = match ? decodeURIComponent(match[1]) : sessionStorage.getItem(KEY);
  if (!token || !use(token)) document.getElementById('no-token').hidden = false;
  document.getElementById('token-apply').addEventListener('click', () => use(document.getElementById('token-input').value.trim()));
  document.getElementById('locale').addEventListener('change', (e) => provider.setAttribute('locale', e.target.value));

  try {
    const res = await fetch('/custom-elements.json');
    if (!res.ok) throw new Error(`GET /custom-elements.json answered ${res.status}`);
    const manifest = await res.json();
    // The classic loader's module: its loadElement fetches the lazy elements' chunks.
    const widgets = await window.IgWidgets?.ready.catch(() => undefined);
    const load = widgets?.loadElement ? (tag) => widgets.loadElement(tag) ?? (customElements.get(tag) ? Promise.resolve() : undefined) : undefined;
    const sections = renderCatalog({ manifest, root: content, index: document.querySelector('[data-catalog-index]'), load });
    status.textContent = `${sections.length} elements.`;
    main.append(provider);
  } catch (error) {
    status.textContent = `The catalog could not load custom-elements.json: ${error.message}`;
  }
}

const main = document.querySelector('main[data-catalog]');
if (main) start(main);
