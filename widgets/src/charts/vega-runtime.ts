/**
 * The lazily loaded half of the charts: Vega, Vega-Lite and Vega's CSP-safe expression interpreter,
 * plus the code that only runs with them. `load-vega.ts` reaches this module through a dynamic
 * `import()` only, so the CDN build puts it (and all of Vega) in its own chunk, fetched when the
 * first chart renders.
 *
 * Keep it that way: nothing outside `charts/vega-import.ts` may import this module's values, and this
 * module must not import anything the main bundle also contains (the build fails when the Vega
 * chunk imports another chunk: the classic build loads it on its own).
 *
 * Strict CSP: expressions are parsed to an AST and run by `vega-interpreter` (no `new Function`, so no
 * `unsafe-eval`); the SVG renderer styles elements through the CSSOM (`element.style`), which
 * `style-src` does not restrict; nothing here inserts `<style>` elements or `style=""` markup.
 */
import { parse, View, type Spec as VegaSpec } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile } from 'vega-lite';
import { chartConfig } from './config.js';
import { vegaLocale } from './locale.js';
import type { IgChartRenderer, IgChartRow, IgChartSpec, IgChartTheme } from './types.js';

export interface IgChartRenderOptions {
  /** Element the chart is drawn into (its content is replaced). */
  container: HTMLElement;
  /** The Vega-Lite spec, its data already pointing at `dataset` (or inline). */
  spec: IgChartSpec;
  /** Name of the dataset that receives `rows`; `undefined` when the spec brings its own data. */
  dataset: string | undefined;
  rows: readonly IgChartRow[];
  theme: IgChartTheme;
  /** BCP 47 tag for axis number and date formats. */
  locale: string;
  renderer: IgChartRenderer;
}

/** A drawn chart. */
export interface IgChartHandle {
  /** The Vega view, for element authors who need signals or listeners (`view.addEventListener`). */
  readonly view: View;
  /** Name of the dataset that receives the rows. */
  readonly dataset: string;
  /** Replaces the rows without recompiling the spec. */
  setRows(rows: readonly IgChartRow[]): Promise<void>;
  /** A PNG data URL (`scale` × the CSS size). */
  toPNG(scale?: number): Promise<string>;
  /** The SVG markup of the chart. */
  toSVG(): Promise<string>;
  /** Stops listeners and timers and removes the chart from its container. */
  finalize(): void;
}

/** Parses the Vega-Lite spec with the theme as config, draws it into `container` and resolves when drawn. */
export async function renderChart(options: IgChartRenderOptions): Promise<IgChartHandle> {
  const { container, spec, dataset, theme, locale, renderer } = options;
  const vgSpec = compile(spec as never, { config: chartConfig(theme) }).spec;
  followContainer(vgSpec);
  const runtime = parse(vgSpec, undefined, { ast: true });
  const view = new View(runtime, {
    renderer,
    container,
    hover: true,
    expr: expressionInterpreter,
    // Vega accepts number/time locale definitions here (the typings only name the formatter form).
    locale: vegaLocale(locale) as never,
  });
  if (dataset) view.data(dataset, copy(options.rows));
  await view.runAsync();
  return {
    view,
    dataset: dataset ?? '',
    async setRows(rows) {
      if (!dataset) return;
      view.data(dataset, copy(rows));
      await view.runAsync();
    },
    toPNG: (scale = 2) => view.toImageURL('png', scale),
    toSVG: () => view.toSVG(),
    finalize() {
      view.finalize();
      container.textContent = '';
    },
  };
}

/**
 * Vega mutates the tuples it ingests (parsed dates, ids), and the rows also feed the table
 * alternative: hand it copies.
 */
const copy = (rows: readonly IgChartRow[]) => rows.map((row) => ({ ...row }));

/**
 * Vega-Lite re-reads `containerSize()` on `window:resize` only. Vega 6 also offers `container:resize`
 * (a ResizeObserver on the container), so a chart follows its own box: a sidebar opening, a grid
 * cell narrowing to 320 px, not just the window.
 */
function followContainer(vgSpec: VegaSpec): void {
  for (const signal of vgSpec.signals ?? []) {
    if (signal.name !== 'width' && signal.name !== 'height') continue;
    const handlers = 'on' in signal ? signal.on : undefined;
    for (const handler of handlers ?? []) {
      if (handler.events === 'window:resize') handler.events = 'container:resize' as never;
    }
  }
}
