/**
 * Draws a parsed Vega spec (`runtime-spec.ts`) with the Vega functions it is given: the small
 * runtime's (`vega-core.ts`) or the full runtime's (`vega-runtime.ts`). The two runtimes are separate
 * copies of Vega in the CDN build (ADR 027), so this module imports no Vega values itself.
 */
import type { View as VegaView } from 'vega';
import { vegaLocale } from './locale.js';
import type { IgVegaRuntimeSpec } from './runtime-spec.js';
import type { IgChartRenderer, IgChartRow } from './types.js';

/** The Vega functions a draw needs. */
export interface IgVegaLib {
  View: typeof VegaView;
  /** `vega-interpreter`'s, so expressions run without `new Function` (strict CSP). */
  expressionInterpreter: unknown;
}

export interface IgVegaRenderOptions {
  /** Element the chart is drawn into (its content is replaced). */
  container: HTMLElement;
  /** The parsed Vega spec (the theme already applied), e.g. a precompiled chart's filled template. */
  runtime: IgVegaRuntimeSpec;
  /** Name of the dataset that receives `rows`; `undefined` when the spec brings its own data. */
  dataset: string | undefined;
  rows: readonly IgChartRow[];
  /** BCP 47 tag for axis number and date formats. */
  locale: string;
  renderer: IgChartRenderer;
}

/** A drawn chart. */
export interface IgChartHandle {
  /** The Vega view, for element authors who need signals or listeners (`view.addEventListener`). */
  readonly view: VegaView;
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

/**
 * Lets the browser handle input between the steps of a draw (parse, dataflow, first run), so a chart
 * is several short tasks rather than one long one (total blocking time, ADR 027).
 */
export const yieldToMain = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
};

/**
 * A run of the view whose rendering (the scenegraph to SVG or canvas, about a third of a first draw)
 * is a task of its own after the dataflow's: Vega awaits the callbacks queued with `runAfter` between
 * evaluating the dataflow and rendering.
 */
function runThenRender(view: VegaView): Promise<unknown> {
  view.runAfter(() => yieldToMain(), true);
  return view.runAsync();
}

/** Draws the parsed Vega spec into `container` and resolves when drawn. */
export async function drawVega(lib: IgVegaLib, options: IgVegaRenderOptions): Promise<IgChartHandle> {
  const { container, runtime, dataset, locale, renderer } = options;
  const view = new lib.View(runtime, {
    renderer,
    container,
    hover: true,
    expr: lib.expressionInterpreter as never,
    // Vega accepts number/time locale definitions here (the typings only name the formatter form).
    locale: vegaLocale(locale) as never,
  });
  if (dataset) view.data(dataset, copy(options.rows));
  await yieldToMain();
  await runThenRender(view);
  return {
    view,
    dataset: dataset ?? '',
    async setRows(rows) {
      if (!dataset) return;
      view.data(dataset, copy(rows));
      await runThenRender(view);
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

