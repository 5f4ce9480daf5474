/**
 * The Vega-Lite spec of `<ig-timeseries>`, a pure function of the chart's shape and its strings, so
 * the build can compile every shape ahead of time with placeholder strings
 * (`widgets/scripts/precompile-charts.ts`, ADR 027) and the element can name the compiled one.
 */
import type { IgChartSpec } from '../../charts/types.js';

/** What changes the compiled spec's structure. */
export interface IgTimeseriesShape {
  /** A second, dashed series: the previous period. */
  compare: boolean;
  /** One line per platform (a colour legend). */
  split: boolean;
  /** Points on the line (few buckets). */
  point: boolean;
  /** Monthly buckets (else daily or weekly: one bucket per date). */
  month: boolean;
}

/** The strings of the spec: series names, the metric's name (y title) and the y axis's d3-format. */
export interface IgTimeseriesSpecStrings {
  value: string;
  previous: string;
  metric: string;
  format: string;
}

/** Every shape, for the build. */
export const TIMESERIES_SHAPES: readonly IgTimeseriesShape[] = [false, true].flatMap((compare) =>
  [false, true].flatMap((split) =>
    [false, true].flatMap((point) => [false, true].map((month) => ({ compare, split, point, month }))),
  ),
);

/** The shape's name: the compiled spec's module name. */
export const timeseriesShapeKey = (shape: IgTimeseriesShape): string =>
  `${shape.compare ? 'compare' : 'single'}-${shape.split ? 'split' : 'total'}-${shape.point ? 'points' : 'line'}-${shape.month ? 'month' : 'day'}`;

/** A Vega expression string literal. */
const literal = (text: string) => JSON.stringify(text);

export function timeseriesSpec(shape: IgTimeseriesShape, s: IgTimeseriesSpecStrings): IgChartSpec {
  const fields = shape.compare ? ['value', 'previous'] : ['value'];
  return {
    transform: [
      { fold: fields, as: ['period', 'amount'] },
      { calculate: `datum.period === 'value' ? ${literal(s.value)} : ${literal(s.previous)}`, as: 'periodName' },
    ],
    mark: { type: 'line', point: shape.point, interpolate: 'monotone' },
    encoding: {
      x: { field: 'bucket', type: 'temporal', timeUnit: shape.month ? 'utcyearmonth' : 'utcyearmonthdate', title: null, axis: { labelOverlap: true } },
      y: { field: 'amount', type: 'quantitative', title: s.metric, axis: { format: s.format, tickCount: 5 } },
      ...(shape.split ? { color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'bottom' } } } : {}),
      ...(shape.compare
        ? {
            strokeDash: {
              field: 'periodName',
              type: 'nominal',
              title: null,
              sort: [s.value, s.previous],
              scale: { domain: [s.value, s.previous], range: [[1, 0], [4, 3]] },
              legend: { orient: 'bottom' },
            },
          }
        : {}),
      detail: { field: 'series', type: 'nominal' },
    },
  } as IgChartSpec;
}
