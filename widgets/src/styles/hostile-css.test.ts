import { expect, fixture, html } from '@open-wc/testing';
import '../index.js';
import { expectAccessible } from '../testing/axe.js';
import { FIXTURE_API, stubApi, type ApiStub } from '../testing/fixtures.js';
import { afterEach, beforeEach, describe, it } from '../testing/mocha.js';
import { settledEvents, until } from '../testing/stack.js';

/** A page that resets everything, forces styles with !important and changes the root font size. */
const HOSTILE = `
  * { all: unset !important; }
  html { font-size: 10px !important; }
  body, div, p, span, dl, dt, dd, ul, li, label, select, input, button {
    color: rgb(255, 0, 0) !important; font: italic 40px/3 "Comic Sans MS", serif !important;
    letter-spacing: 5px !important; text-transform: uppercase !important; border: 5px solid red !important;
  }
  ig-provider, ig-filter-bar, ig-channel-kpis, ig-freshness {
    color: rgb(255, 0, 0) !important; font-size: 30px !important; line-height: 5 !important;
    text-align: right !important; font-family: serif !important; visibility: visible !important;
  }
  .base, .card, .label, .value, .message, .stale, .field, [part] { display: none !important; background: red !important; }
`;

const PROPS = [
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'line-height',
  'letter-spacing',
  'text-transform',
  'text-align',
  'color',
  'background-color',
  'border-top-width',
  'border-top-color',
  'padding-top',
  'padding-left',
  'display',
] as const;

/** Computed styles (and heights of fixed-size nodes) of the elements' inner nodes. */
function snapshot(root: Element): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  const nodes: [string, Element | null | undefined][] = [];
  const bar = root.querySelector('ig-filter-bar')!.shadowRoot!;
  const kpis = root.querySelector('ig-channel-kpis')!.shadowRoot!;
  const fresh = root.querySelector('ig-freshness')!.shadowRoot!;
  nodes.push(
    ['bar.base', bar.querySelector('[part="base"]')],
    ['bar.label', bar.querySelector('label')],
    ['bar.select', bar.querySelector('select')],
    ['kpis.base', kpis.querySelector('[part="base"]')],
    ['kpis.card', kpis.querySelector('[part="card"]')],
    ['kpis.label', kpis.querySelector('[part="label"]')],
    ['kpis.change', kpis.querySelector('[part="change"]')],
    ['kpis.period', kpis.querySelector('[part="period"]')],
    ['fresh.item', fresh.querySelector('[part="item"]')],
    ['fresh.stale', fresh.querySelector('[part="stale"]')],
  );
  for (const [name, node] of nodes) {
    expect(node, name).to.exist;
    const style = getComputedStyle(node!);
    out[name] = Object.fromEntries(PROPS.map((p) => [p, style.getPropertyValue(p)]));
    // Whole boxes hold the value, whose size follows the layout's width (below); the rest is fixed.
    if (name !== 'kpis.base' && name !== 'kpis.card') out[name]!['height'] = node!.getBoundingClientRect().height.toFixed(1);
  }
  // The value's size follows its card's width (container units), which the page's layout decides.
  const value = getComputedStyle(kpis.querySelector('[part="value"]')!);
  out['kpis.value'] = { family: value.fontFamily, weight: value.fontWeight, color: value.color, transform: value.textTransform };
  return out;
}

describe('hostile page CSS', () => {
  let api: ApiStub;
  let style: HTMLStyleElement | undefined;
  beforeEach(() => {
    api = stubApi({ '/v1/meta': 'getMeta.stale', '/v1/kpis': 'getKpis.push' });
  });
  afterEach(() => {
    style?.remove();
    api.restore();
  });

  it('neither resets, !important rules nor a root font size reach inside the elements', async () => {
    const loaded = settledEvents(1);
    const root = await fixture<HTMLDivElement>(html`
      <div>
        <ig-provider api=${FIXTURE_API} token="t" locale="en">
          <ig-filter-bar></ig-filter-bar>
          <ig-channel-kpis channel="push"></ig-channel-kpis>
          <ig-freshness groups="push sms"></ig-freshness>
        </ig-provider>
      </div>
    `);
    await loaded;
    const freshness = root.querySelector('ig-freshness')!;
    await until(() => freshness.shadowRoot!.querySelector('[part="item"]'), 5000, 'freshness items');
    const before = snapshot(root);
    expect(before['kpis.label']!['font-size'], '0.8125em of medium').to.equal('13px');
    expect(before['kpis.base']!['font-family']).to.match(/^Inter, system-ui/);

    style = document.createElement('style');
    style.textContent = HOSTILE;
    document.head.append(style);
    expect(getComputedStyle(document.documentElement).fontSize).to.equal('10px');
    const after = snapshot(root);
    expect(after).to.deep.equal(before);
    await expectAccessible(root);
  });

  it('keeps its own styles inside: same-named classes and parts outside are untouched', async () => {
    const root = await fixture<HTMLDivElement>(html`
      <div>
        <p class="card base message" part="base">outside</p>
        <span class="sr-only bone">outside</span>
        <button class="retry">outside</button>
        <ig-provider api=${FIXTURE_API} token="t"><ig-channel-kpis channel="push"></ig-channel-kpis></ig-provider>
      </div>
    `);
    const p = getComputedStyle(root.querySelector('p')!);
    expect([p.borderTopWidth, p.backgroundColor, p.display, p.fontFamily]).to.deep.equal(['0px', 'rgba(0, 0, 0, 0)', 'block', getComputedStyle(root).fontFamily]);
    const span = getComputedStyle(root.querySelector('span')!);
    expect([span.position, span.animationName]).to.deep.equal(['static', 'none']);
    const button = getComputedStyle(root.querySelector('button')!);
    expect(button.backgroundColor).not.to.equal('rgb(21, 101, 192)');
    expect(getComputedStyle(document.body).getPropertyValue('--_color-text')).to.equal('');
  });
});
