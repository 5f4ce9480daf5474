/**
 * How `<ig-chart>` adapts a Vega-Lite spec before compiling it; shared with the build, which compiles
 * the fixed charts' specs ahead of time (`widgets/scripts/precompile-charts.ts`) the same way.
 */
import type { IgChartSpec } from './types.js';

/** The dataset the rows go to when the spec names none. */
export const DEFAULT_DATASET = 'table';

/**
 * Binds the rows to a named dataset: the spec's own `data: { name }`, or `table` when the spec has no
 * data; single and layered views fill the container's width unless the spec fixes one. Specs with
 * inline `values` or a `url` keep their data (no dataset).
 */
export function prepare(spec: IgChartSpec): { spec: IgChartSpec; dataset: string | undefined } {
  const data = spec.data as { name?: unknown; values?: unknown; url?: unknown } | undefined;
  const single = 'mark' in spec || 'layer' in spec;
  const sized = single && spec['width'] === undefined ? { ...spec, width: 'container' } : spec;
  if (!data) return { spec: { ...sized, data: { name: DEFAULT_DATASET } }, dataset: DEFAULT_DATASET };
  if (typeof data.name === 'string' && data.values === undefined && data.url === undefined) {
    return { spec: sized, dataset: data.name };
  }
  return { spec: sized, dataset: undefined };
}
