/**
 * The Vega-Lite spec of `<ig-heatmap>`, a pure function of its strings, so the build can compile it
 * ahead of time with placeholder strings (ADR 027). It has one shape.
 */
import type { IgChartSpec } from '../../charts/types.js';

/** The x title, the legend's title and the seven weekday names (Monday first), as `weekday1`…`weekday7`. */
export interface IgHeatmapSpecStrings {
  hour: string;
  ctr: string;
  weekday1: string;
  weekday2: string;
  weekday3: string;
  weekday4: string;
  weekday5: string;
  weekday6: string;
  weekday7: string;
}

export const HEATMAP_SHAPE_KEY = 'cells';

/** The spec strings of the element's strings. */
export const heatmapSpecStrings = (t: { hour: string; ctr: string; weekdays: readonly string[] }): IgHeatmapSpecStrings => {
  const day = (i: number) => t.weekdays[i] ?? String(i + 1);
  return { hour: t.hour, ctr: t.ctr, weekday1: day(0), weekday2: day(1), weekday3: day(2), weekday4: day(3), weekday5: day(4), weekday6: day(5), weekday7: day(6) };
};

export function heatmapSpec(s: IgHeatmapSpecStrings): IgChartSpec {
  return {
    transform: [{ filter: 'datum.ctr !== null' }],
    autosize: { type: 'fit-x', contains: 'padding' },
    height: { step: 22 },
    mark: { type: 'rect', cornerRadius: 2 },
    encoding: {
      x: {
        field: 'hour',
        type: 'ordinal',
        title: s.hour,
        scale: { domain: Array.from({ length: 24 }, (_, h) => h), paddingInner: 0.08 },
        axis: { labelAngle: 0, values: [0, 3, 6, 9, 12, 15, 18, 21] },
      },
      y: {
        field: 'weekday',
        type: 'ordinal',
        title: null,
        scale: { domain: [s.weekday1, s.weekday2, s.weekday3, s.weekday4, s.weekday5, s.weekday6, s.weekday7], paddingInner: 0.08 },
      },
      color: {
        field: 'ctr',
        type: 'quantitative',
        title: s.ctr,
        legend: { orient: 'bottom', format: '.1~%', gradientLength: 160 },
      },
    },
  } as IgChartSpec;
}
