/**
 * The small chart runtime: what drawing a *Vega* spec needs (parser, dataflow, scales, axes, legends,
 * the SVG and canvas renderers, Vega's CSP-safe expression interpreter) and nothing that only
 * Vega-Lite or exotic marks need. The fixed charts (ig-timeseries, …) ship their Vega-Lite specs
 * compiled to Vega at build time (`charts/compiled/`, ADR 027), so their first draw loads this chunk
 * and not the Vega-Lite compiler (`vega-runtime.ts`, for `<ig-chart>`'s arbitrary specs and the
 * assistant's). `load-vega.ts` reaches it through a dynamic `import()` only.
 *
 * It imports Vega's packages one by one (`vega-view`, `vega-parser`, …) instead of the `vega` bundle,
 * whose entry registers every transform (geo, force, hierarchy, voronoi, word cloud, label,
 * regression, crossfilter) and so keeps all of them in any chunk that imports it. The transforms
 * registered here are those Vega-Lite's output uses: most general ones (`vega-transforms`), the
 * view's (`vega-view-transforms`) and the encoders (`vega-encode`). The CDN build gives this chunk
 * its own copy of these packages (rollup.config.js, `isolateVegaCore`): shared with the full runtime,
 * they would carry everything Vega-Lite uses of them.
 *
 * Strict CSP: expressions are parsed to an AST and run by `vega-interpreter` (no `new Function`, so
 * no `unsafe-eval`); the SVG renderer styles elements through the CSSOM, which `style-src` does not
 * restrict; nothing here inserts `<style>` elements or `style=""` markup.
 */
import { transforms } from 'vega-dataflow';
import * as encode from 'vega-encode';
import { expressionInterpreter } from 'vega-interpreter';
import { parse } from 'vega-parser';
import {
  aggregate,
  bin,
  collect,
  compare,
  expression,
  extent,
  facet,
  field,
  filter,
  flatten,
  fold,
  formula,
  impute,
  joinaggregate,
  key,
  load,
  lookup,
  multiextent,
  multivalues,
  params,
  pivot,
  prefacet,
  project,
  proxy,
  relay,
  sequence,
  sieve,
  subflow,
  timeunit,
  tupleindex,
  values,
  window,
} from 'vega-transforms';
import { View } from 'vega-view';
import * as viewTransforms from 'vega-view-transforms';
import { drawVega, type IgChartHandle, type IgVegaRenderOptions } from './draw.js';

/**
 * The general transforms the parser and Vega-Lite's output use; left out: the statistical ones
 * (`kde`, `density`, `quantile`, `dotbin`, `sample`, `countpattern`, `cross`, `generate`).
 */
export const GENERAL_TRANSFORMS = {
  aggregate,
  bin,
  collect,
  compare,
  expression,
  extent,
  facet,
  field,
  filter,
  flatten,
  fold,
  formula,
  impute,
  joinaggregate,
  key,
  load,
  lookup,
  multiextent,
  multivalues,
  params,
  pivot,
  prefacet,
  project,
  proxy,
  relay,
  sequence,
  sieve,
  subflow,
  timeunit,
  tupleindex,
  values,
  window,
};

Object.assign(transforms, GENERAL_TRANSFORMS, viewTransforms, encode);

export type { IgChartHandle, IgVegaRenderOptions } from './draw.js';

/** Draws the Vega spec into `container` and resolves when drawn. */
export const renderVega = (options: IgVegaRenderOptions): Promise<IgChartHandle> =>
  drawVega({ parse, View, expressionInterpreter }, options);
