/**
 * The precompiled specs (ADR 027) draw exactly what compiling the Vega-Lite spec in the browser
 * draws: for every shape of every fixed chart, in light and dark themes and each language, the
 * filled template is the dataflow Vega's parser builds from what Vega-Lite produces for the real
 * theme and strings, and the two runtimes (the small one with the template, the full one with
 * Vega-Lite and the parser) render the same SVG.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { parse } from 'vega';
import { TIMESERIES_SHAPES, timeseriesShapeKey, timeseriesSpec, type IgTimeseriesSpecStrings } from '../components/timeseries/timeseries.spec.js';
import { STRINGS } from '../components/timeseries/timeseries.i18n.js';
import { describe, it } from '../testing/mocha.js';
import { IG_DARK_DEFAULTS, IG_TOKEN_DEFAULTS } from '../styles/tokens.js';
import { CHANNEL_MIX_SHAPES, channelMixShapeKey, channelMixSpec } from '../components/channel-mix/channel-mix.spec.js';
import { HEATMAP_SHAPE_KEY, heatmapSpec, heatmapSpecStrings, type IgHeatmapSpecStrings } from '../components/heatmap/heatmap.spec.js';
import { STRINGS as HEATMAP_STRINGS } from '../components/heatmap/heatmap.i18n.js';
import { templates as channelMixTemplates } from './compiled/channel-mix.js';
import { templates as heatmapTemplates } from './compiled/heatmap.js';
import { templates } from './compiled/timeseries.js';
import { prepare } from './prepare.js';
import { toRuntime } from './runtime-spec.js';
import { fillTemplate } from './template.js';
import { DEFAULT_PALETTE } from './theme.js';
import type { IgChartRow, IgChartTheme } from './types.js';
import { renderVega } from './vega-core.js';
import { compileChart, renderChart } from './vega-runtime.js';

const themeOf = (tokens: Partial<Record<keyof typeof IG_TOKEN_DEFAULTS, string>>): IgChartTheme => {
  const t = { ...IG_TOKEN_DEFAULTS, ...tokens };
  return {
    primary: t['--ig-color-primary'],
    text: t['--ig-color-text'],
    textMuted: t['--ig-color-text-muted'],
    surface: t['--ig-color-surface'],
    surfaceMuted: t['--ig-color-surface-muted'],
    border: t['--ig-color-border'],
    font: t['--ig-font-family'],
    palette: [t['--ig-color-primary'], ...DEFAULT_PALETTE],
  };
};
const THEMES = { light: themeOf({}), dark: themeOf(IG_DARK_DEFAULTS) };

/** Two platforms over 12 days, with a previous period. */
const ROWS: IgChartRow[] = Array.from({ length: 24 }, (_, i) => ({
  bucket: `2026-10-${String(1 + (i >> 1)).padStart(2, '0')}`,
  series: i % 2 ? 'iOS' : 'Android',
  value: 1000 + ((i * 7919) % 5000),
  previous: 800 + ((i * 104729) % 4000),
}));

/** What the browser's Vega-Lite and Vega parser make of the spec, reduced as the templates are (runtime-spec.ts). */
const parsedInBrowser = (spec: ReturnType<typeof timeseriesSpec>, theme: IgChartTheme): unknown => toRuntime(parse, compileChart(prepare(spec).spec, theme));

const stringsFor = (language: keyof typeof STRINGS, format: string): IgTimeseriesSpecStrings => ({
  value: STRINGS[language].value,
  previous: STRINGS[language].previous,
  metric: language === 'en' ? 'Sent' : 'Enviados',
  format,
});

/** Every fixed chart's shapes: the Vega-Lite spec for strings, the template, rows to draw. */
interface Case {
  name: string;
  template: () => Promise<{ default: string }>;
  spec: (strings: Record<string, string>) => ReturnType<typeof timeseriesSpec>;
  strings: (language: keyof typeof STRINGS) => Record<string, string>;
  rows: IgChartRow[];
}
const CHANNEL_ROWS: IgChartRow[] = ['Push', 'In-app', 'SMS', 'Email', 'Chat', 'Wallet'].map((channel, i) => ({
  channel,
  key: channel.toLowerCase(),
  value: i === 5 ? null : 1000 * (i + 1),
  share: 0.1 * i,
}));
const CASES: Case[] = [
  ...TIMESERIES_SHAPES.map((shape) => ({
    name: `timeseries ${timeseriesShapeKey(shape)}`,
    template: templates[timeseriesShapeKey(shape)]!,
    spec: (strings: Record<string, string>) => timeseriesSpec(shape, strings as unknown as IgTimeseriesSpecStrings),
    strings: (language: keyof typeof STRINGS) => ({ ...stringsFor(language, ',~s') }),
    rows: shape.split ? ROWS : ROWS.filter((row) => row['series'] === 'Android'),
  })),
  ...CHANNEL_MIX_SHAPES.map((shape) => ({
    name: `channel-mix ${channelMixShapeKey(shape)}`,
    template: channelMixTemplates[channelMixShapeKey(shape)]!,
    spec: (strings: Record<string, string>) => channelMixSpec(shape, { metric: strings['metric']!, format: strings['format']!, selected: strings['selected']! }),
    strings: (language: keyof typeof STRINGS) => ({ metric: language === 'en' ? 'Sent' : 'Enviados', format: '.1~%', selected: 'sms' }),
    rows: CHANNEL_ROWS,
  })),
  {
    name: 'heatmap',
    template: heatmapTemplates[HEATMAP_SHAPE_KEY]!,
    spec: (strings: Record<string, string>) => heatmapSpec(strings as unknown as IgHeatmapSpecStrings),
    strings: (language: keyof typeof STRINGS) => ({ ...heatmapSpecStrings(HEATMAP_STRINGS[language]) }),
    // Every hour of Monday to Wednesday (Spanish names, as the SVG comparison draws in Spanish), a gap with no CTR.
    rows: Array.from({ length: 72 }, (_, i) => ({
      weekday: HEATMAP_STRINGS.es.weekdays[Math.floor(i / 24)],
      hour: i % 24,
      sent: 100 + i,
      clicked: (i * 37) % 50,
      ctr: i % 24 === 3 ? null : ((i * 37) % 50) / (100 + i),
    })),
  },
];

/** Clip path and gradient ids count per copy of Vega on the page: number them in order of appearance. */
function normalizeIds(svg: string): string {
  const ids = new Map<string, number>();
  return svg.replace(/(clip|gradient_)\d+/g, (id, kind: string) => `${kind}-${ids.get(id) ?? (ids.set(id, ids.size), ids.size - 1)}`);
}

/** Where two texts first differ, with some context (the SVGs are too long to print whole). */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: …${a.slice(Math.max(0, i - 80), i + 80)}… vs …${b.slice(Math.max(0, i - 80), i + 80)}…`;
}

function box(): HTMLElement {
  const el = document.createElement('div');
  el.style.width = '480px';
  document.body.append(el);
  return el;
}

describe('precompiled chart specs', () => {
  it('fill to the dataflow Vega-Lite and Vega parse to, for every shape, theme, language and any strings', async () => {
    for (const c of CASES) {
      const template = (await c.template()).default;
      for (const [name, theme] of Object.entries(THEMES)) {
        for (const language of ['es', 'en', 'pt-BR'] as const) {
          const strings = c.strings(language);
          const full = parsedInBrowser(c.spec(strings), theme);
          expect(fillTemplate(template, theme, strings), `${c.name} ${name} ${language}`).to.deep.equal(full);
        }
      }
    }
    // Quotes, backslashes and placeholder look-alikes in labels stay text (in expressions too).
    const template = (await templates['compare-split-line-day']!()).default;
    const shape = { compare: true, split: true, point: false, month: false };
    // (Blank strings change what Vega-Lite emits, a title left out: the elements draw those through the full path.
    // Vega's expression parser reads a string literal spelling an Object.prototype member, "valueOf", as an
    // identifier: the browser's parse is wrong there and the template right, see the next test.)
    const label = fc.string({ minLength: 1, maxLength: 12 }).filter((text) => text.trim() !== '' && !(text in Object.prototype));
    fc.assert(
      fc.property(label, label, label, (value, previous, metric) => {
        fc.pre(value !== previous);
        const strings = { value, previous, metric, format: ',~s' };
        const full = parsedInBrowser(timeseriesSpec(shape, strings), THEMES.light);
        expect(fillTemplate(template, THEMES.light, strings)).to.deep.equal(full);
      }),
      { numRuns: 60, examples: [['say "hi"', "it's", 'a\\b'], ['__ig_primary__', '"__ig_text__"', 'x']] },
    );
  });

  it('draw the same SVG with the small runtime as with Vega-Lite in the browser', async () => {
    for (const c of CASES) {
      const template = (await c.template()).default;
      for (const [name, theme] of Object.entries(THEMES)) {
        const strings = c.strings('es');
        const { spec, dataset } = prepare(c.spec(strings));
        const common = { dataset, rows: c.rows, locale: 'es', renderer: 'svg' as const };
        const before = await renderChart({ ...common, container: box(), spec, theme });
        const after = await renderVega({ ...common, container: box(), runtime: fillTemplate(template, theme, strings) });
        const svg = normalizeIds(await after.toSVG());
        const expected = normalizeIds(await before.toSVG());
        expect(svg === expected, `${c.name} ${name}: ${svg === expected ? '' : firstDifference(svg, expected)}`).to.equal(true);
        expect(svg).to.contain('<path');
        before.finalize();
        after.finalize();
      }
    }
  });

  it('draw the same SVG with the CDN build of the small runtime (its stubbed packages) as from the sources', async () => {
    // Needs `npm run build`: the CDN build leaves Vega's expression parser, selections, statistics, easing and
    // CSV parsing out of this chunk (rollup.config.js, CORE_STUBS); the dev server serves the sources whole.
    const url = '/dist/cdn/ig-widgets-vega-core.js';
    const res = await fetch(url, { method: 'HEAD', cache: 'no-store' });
    if (!res.ok) throw new Error('dist/cdn is missing: run `npm run build` before the browser tests');
    const built = (await import(/* @vite-ignore */ url)) as typeof import('./vega-core.js');
    for (const c of CASES) {
      const template = (await c.template()).default;
      for (const [name, theme] of Object.entries(THEMES)) {
        const strings = c.strings('pt-BR');
        const { dataset } = prepare(c.spec(strings));
        const common = { dataset, rows: c.rows, locale: 'pt-BR', renderer: 'svg' as const };
        const source = await renderVega({ ...common, container: box(), runtime: fillTemplate(template, theme, strings) });
        const cdn = await built.renderVega({ ...common, container: box(), runtime: fillTemplate(template, theme, strings) });
        const svg = normalizeIds(await cdn.toSVG());
        const expected = normalizeIds(await source.toSVG());
        expect(svg === expected, `${c.name} ${name}: ${svg === expected ? '' : firstDifference(svg, expected)}`).to.equal(true);
        expect(await cdn.toPNG(1)).to.match(/^data:image\/png;base64,/);
        source.finalize();
        cdn.finalize();
      }
    }
  });

  it('follow their container (container:resize, set at build time) for every shape', async () => {
    for (const c of CASES) {
      const template = (await c.template()).default;
      const strings = c.strings('en');
      const { dataset } = prepare(c.spec(strings));
      const container = box();
      const handle = await renderVega({ container, runtime: fillTemplate(template, THEMES.light, strings), dataset, rows: c.rows, locale: 'en', renderer: 'svg' });
      const width = () => Number(container.querySelector('svg')!.getAttribute('width'));
      expect(width(), c.name).to.be.within(440, 480);
      container.style.width = '320px';
      for (let i = 0; i < 50 && width() > 320; i++) await new Promise((r) => setTimeout(r, 20));
      expect(width(), c.name).to.be.within(280, 320);
      handle.finalize();
      container.remove();
    }
  });

  it('draw labels that spell Object.prototype members, which Vega parses as identifiers in the browser', async () => {
    const shape = { compare: true, split: false, point: false, month: false };
    const template = (await templates[timeseriesShapeKey(shape)]!()).default;
    for (const previous of ['valueOf', 'constructor', 'toString']) {
      const strings = { value: 'Now', previous, metric: 'Sent', format: ',~s' };
      const { dataset } = prepare(timeseriesSpec(shape, strings));
      const rows = ROWS.filter((row) => row['series'] === 'Android');
      const handle = await renderVega({ container: box(), runtime: fillTemplate(template, THEMES.light, strings), dataset, rows, locale: 'en', renderer: 'svg' });
      // The legend names both periods.
      expect(await handle.toSVG()).to.contain(`>${previous}</text>`).and.to.contain('>Now</text>');
      handle.finalize();
    }
  });

  it('export PNG from the small runtime', async () => {
    const strings = stringsFor('en', ',~s');
    const shape = TIMESERIES_SHAPES[0]!;
    const { dataset } = prepare(timeseriesSpec(shape, strings));
    const template = (await templates[timeseriesShapeKey(shape)]!()).default;
    const handle = await renderVega({ container: box(), runtime: fillTemplate(template, THEMES.light, { ...strings }), dataset, rows: ROWS, locale: 'en', renderer: 'svg' });
    expect(await handle.toPNG(1)).to.match(/^data:image\/png;base64,/);
    handle.finalize();
  });
});
