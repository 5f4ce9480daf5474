/**
 * The full chart runtime: Vega (every transform), Vega-Lite and Vega's CSP-safe expression
 * interpreter. `load-vega.ts` reaches this module through a dynamic `import()` only, so the CDN build
 * puts it in its own chunk (`ig-widgets-vega.js`), fetched when a chart without a precompiled spec
 * draws (`<ig-chart>` with an arbitrary spec, the assistant's charts). The fixed charts draw with the
 * small runtime instead (`vega-core.ts`, ADR 027).
 *
 * Keep it that way: nothing outside `charts/vega-import.ts` may import this module's values.
 */
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile } from 'vega-lite';
import { chartConfig } from './config.js';
import { drawVega, yieldToMain, type IgChartHandle } from './draw.js';
import { parseVega } from './runtime-spec.js';
import type { IgChartRenderer, IgChartRow, IgChartSpec, IgChartTheme } from './types.js';

export type { IgChartHandle } from './draw.js';

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

/** The Vega spec of a Vega-Lite spec drawn with this theme. */
export const compileChart = (spec: IgChartSpec, theme: IgChartTheme) => compile(spec as never, { config: chartConfig(theme) }).spec;

/**
 * Compiles the Vega-Lite spec with the theme as config, parses the Vega spec, draws it into
 * `container` and resolves when drawn.
 */
export async function renderChart(options: IgChartRenderOptions): Promise<IgChartHandle> {
  const { spec, theme, ...rest } = options;
  const runtime = parseVega(parse, compileChart(spec, theme));
  await yieldToMain();
  return drawVega({ View, expressionInterpreter }, { ...rest, runtime });
}
