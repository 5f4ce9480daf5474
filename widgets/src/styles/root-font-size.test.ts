// The host page's root font size must not reach inside the elements: their sizes are in `em` of
// `--ig-font-size` (default `medium`), never `rem`, which is the host's <html> font size.
import { expect, fixture, html } from '@open-wc/testing';
import type { LitElement } from 'lit';
import '../index.js';
import { LAZY_ELEMENTS } from '../lazy-elements.js';
import { describe, it } from '../testing/mocha.js';
import type { IgChart } from '../components/chart/chart.js';

const TAGS = ['ig-provider', 'ig-filter-bar', 'ig-channel-kpis', ...Object.keys(LAZY_ELEMENTS)];

/** Every rule of `text` that uses a root-relative unit (rem, rlh, rex, rch, ric, rcap). */
const rootUnits = (text: string) => text.match(/[^{};]*\d(?:rem|rlh|rex|rch|ric|rcap)\b[^;}]*/g) ?? [];

describe('root font size', () => {
  it('no element style uses a root-relative unit', () => {
    const offenders: string[] = [];
    for (const tag of TAGS) {
      const ctor = customElements.get(tag) as typeof LitElement | undefined;
      expect(ctor, `<${tag}> is defined by index.js`).to.exist;
      for (const style of ctor!.elementStyles) {
        const text = 'cssText' in style ? style.cssText : [...(style as CSSStyleSheet).cssRules].map((r) => r.cssText).join('\n');
        offenders.push(...rootUnits(text).map((rule) => `<${tag}>: ${rule.trim()}`));
      }
    }
    expect(offenders).to.deep.equal([]);
  });

  it('the chart toolbar, table and messages keep their sizes under html { font-size: 8px }', async () => {
    const chart = await fixture<IgChart>(html`<ig-chart
      label="Envíos"
      .spec=${{ mark: 'bar', encoding: { x: { field: 'c', type: 'nominal' }, y: { field: 'n', type: 'quantitative' } } }}
      .data=${[{ c: 'push', n: 3 }, { c: 'sms', n: 1 }]}
    ></ig-chart>`);
    await chart.renderComplete;
    const table = chart.shadowRoot!.querySelector<HTMLButtonElement>('[part~="table-button"]')!;
    table.click();
    await chart.updateComplete;
    const measure = () => {
      const sizes: Record<string, string> = {};
      for (const [name, selector] of [
        ['button', '[part~="button"]'],
        ['table', '[part~="table"]'],
        ['cell', '[part~="table"] td'],
      ] as const) {
        const node = chart.shadowRoot!.querySelector(selector)!;
        expect(node, selector).to.exist;
        const style = getComputedStyle(node);
        const box = node.getBoundingClientRect();
        sizes[name] = `${style.fontSize} ${style.lineHeight} ${style.paddingLeft} ${box.height.toFixed(1)}`;
      }
      return sizes;
    };
    const before = measure();
    expect(before['button']!.startsWith('12px'), before['button']).to.equal(true);
    const style = document.createElement('style');
    style.textContent = 'html { font-size: 8px !important; }';
    document.head.append(style);
    try {
      expect(getComputedStyle(document.documentElement).fontSize).to.equal('8px');
      expect(measure()).to.deep.equal(before);
    } finally {
      style.remove();
    }
  });
});
