/**
 * The small chart runtime: what drawing a *parsed* Vega spec needs (dataflow, the transforms the
 * fixed charts use, scales, axes, legends, the SVG and canvas renderers, Vega's CSP-safe expression
 * interpreter) and nothing that only Vega's parser, Vega-Lite or other marks need. The fixed charts
 * (ig-timeseries, …) ship their Vega-Lite specs compiled to Vega *and parsed* at build time
 * (`charts/compiled/`, `runtime-spec.ts`, ADR 027), so their first draw loads this chunk and neither
 * the Vega-Lite compiler nor Vega's parser (`vega-runtime.ts` has both, for `<ig-chart>`'s arbitrary
 * specs and the assistant's). `load-vega.ts` reaches it through a dynamic `import()` only.
 *
 * It imports Vega's packages one by one (`vega-view`, `vega-dataflow`, …) instead of the `vega`
 * bundle, whose entry registers every transform (geo, force, hierarchy, voronoi, word cloud, label,
 * regression, crossfilter, …) and so keeps all of them in any chunk that imports it. It registers the
 * transforms the precompiled dataflows name and no other (`compiled/transforms.ts`, generated with
 * them). The CDN build gives this chunk its own copy of these packages (rollup.config.js,
 * `isolateVegaCore`): shared with the full runtime, they would carry everything Vega-Lite uses of them.
 *
 * Strict CSP: expressions are ASTs run by `vega-interpreter` (no `new Function`, so no `unsafe-eval`);
 * the SVG renderer styles elements through the CSSOM, which `style-src` does not restrict; nothing
 * here inserts `<style>` elements or `style=""` markup.
 */
import { transforms } from 'vega-dataflow';
import { expressionInterpreter } from 'vega-interpreter';
import { View } from 'vega-view';
import * as used from './compiled/transforms.js';
import { drawVega, type IgChartHandle, type IgVegaRenderOptions } from './draw.js';

Object.assign(transforms, used);

export type { IgChartHandle, IgVegaRenderOptions } from './draw.js';

/** Draws the parsed Vega spec into `container` and resolves when drawn. */
export const renderVega = (options: IgVegaRenderOptions): Promise<IgChartHandle> => drawVega({ View, expressionInterpreter }, options);
