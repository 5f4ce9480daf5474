/**
 * The precompiled specs (ADR 027) draw exactly what compiling the Vega-Lite spec in the browser
 * draws: for every shape of every fixed chart, in light and dark themes and each language, the
 * filled template is the Vega spec Vega-Lite produces for the real theme and strings, and the two
 * runtimes (the small one with the template, the full one with Vega-Lite) render the same SVG.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { TIMESERIES_SHAPES, timeseriesShapeKey, timeseriesSpec, type IgTimeseriesSpecStrings } from '../components/timeseries/timeseries.spec.js';
import { STRINGS } from '../components/timeseries/timeseries.i18n.js';
import { describe, it } from '../testing/mocha.js';
import { IG_DARK_DEFAULTS, IG_TOKEN_DEFAULTS } from '../styles/tokens.js';
import { templates } from './compiled/timeseries.js';
import { prepare } from './prepare.js';
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

/** Vega-Lite's output as JSON keeps it (keys whose value is `undefined` are dropped, as in the templates). */
const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const stringsFor = (language: keyof typeof STRINGS, format: string): IgTimeseriesSpecStrings => ({
  value: STRINGS[language].value,
  previous: STRINGS[language].previous,
  metric: language === 'en' ? 'Sent' : 'Enviados',
  format,
});

function box(): HTMLElement {
  const el = document.createElement('div');
  el.style.width = '480px';
  document.body.append(el);
  return el;
}

describe('precompiled chart specs', () => {
  it('fill to the Vega spec Vega-Lite compiles, for every shape, theme, language and any strings', async () => {
    for (const shape of TIMESERIES_SHAPES) {
      const template = (await templates[timeseriesShapeKey(shape)]!()).default;
      for (const [name, theme] of Object.entries(THEMES)) {
        for (const language of ['es', 'en', 'pt-BR'] as const) {
          const strings = stringsFor(language, '.1~%');
          const full = json(compileChart(prepare(timeseriesSpec(shape, strings)).spec, theme));
          expect(fillTemplate(template, theme, { ...strings }), `${timeseriesShapeKey(shape)} ${name} ${language}`).to.deep.equal(full);
        }
      }
    }
    // Quotes, backslashes and placeholder look-alikes in labels stay text (in expressions too).
    const template = (await templates['compare-split-line-day']!()).default;
    const shape = { compare: true, split: true, point: false, month: false };
    // (Blank strings change what Vega-Lite emits, a title left out: the elements draw those through the full path.)
    const label = fc.string({ minLength: 1, maxLength: 12 }).filter((text) => text.trim() !== '');
    fc.assert(
      fc.property(label, label, label, (value, previous, metric) => {
        fc.pre(value !== previous);
        const strings = { value, previous, metric, format: ',~s' };
        const full = json(compileChart(prepare(timeseriesSpec(shape, strings)).spec, THEMES.light));
        expect(fillTemplate(template, THEMES.light, strings)).to.deep.equal(full);
      }),
      { numRuns: 60, examples: [['say "hi"', "it's", 'a\\b'], ['__ig_primary__', '"__ig_text__"', 'x']] },
    );
  });

  it('draw the same SVG with the small runtime as with Vega-Lite in the browser', async () => {
    for (const shape of TIMESERIES_SHAPES) {
      const key = timeseriesShapeKey(shape);
      const template = (await templates[key]!()).default;
      for (const [name, theme] of Object.entries(THEMES)) {
        const strings = stringsFor('es', ',~s');
        const { spec, dataset } = prepare(timeseriesSpec(shape, strings));
        const rows = shape.split ? ROWS : ROWS.filter((row) => row['series'] === 'Android');
        const common = { dataset, rows, locale: 'es', renderer: 'svg' as const };
        const before = await renderChart({ ...common, container: box(), spec, theme });
        const after = await renderVega({ ...common, container: box(), spec: fillTemplate(template, theme, { ...strings }) });
        const svg = await after.toSVG();
        expect(svg, `${key} ${name}`).to.equal(await before.toSVG());
        expect(svg).to.contain('<path');
        before.finalize();
        after.finalize();
      }
    }
  });

  it('export PNG from the small runtime', async () => {
    const strings = stringsFor('en', ',~s');
    const shape = TIMESERIES_SHAPES[0]!;
    const { dataset } = prepare(timeseriesSpec(shape, strings));
    const template = (await templates[timeseriesShapeKey(shape)]!()).default;
    const handle = await renderVega({ container: box(), spec: fillTemplate(template, THEMES.light, { ...strings }), dataset, rows: ROWS, locale: 'en', renderer: 'svg' });
    expect(await handle.toPNG(1)).to.match(/^data:image\/png;base64,/);
    handle.finalize();
  });
});
