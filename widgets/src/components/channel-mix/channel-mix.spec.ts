/**
 * The Vega-Lite spec of `<ig-channel-mix>`, a pure function of its shape and strings, so the build
 * can compile both shapes ahead of time with placeholder strings (ADR 027).
 */
import type { IgChartSpec } from '../../charts/types.js';

/** What changes the compiled spec's structure: a channel is selected (the others fade). */
export interface IgChannelMixShape {
  selected: boolean;
}

/** The x title (the metric's name), the x axis's d3-format and the selected channel's key. */
export interface IgChannelMixSpecStrings {
  metric: string;
  format: string;
  selected: string;
}

export const CHANNEL_MIX_SHAPES: readonly IgChannelMixShape[] = [{ selected: false }, { selected: true }];

export const channelMixShapeKey = (shape: IgChannelMixShape): string => (shape.selected ? 'selected' : 'all');

export function channelMixSpec(shape: IgChannelMixShape, s: IgChannelMixSpecStrings): IgChartSpec {
  return {
    transform: [{ filter: 'datum.value !== null' }],
    autosize: { type: 'fit-x', contains: 'padding' },
    height: { step: 28 },
    mark: { type: 'bar', cornerRadiusEnd: 3 },
    encoding: {
      y: { field: 'channel', type: 'nominal', title: null, sort: null },
      x: { field: 'value', type: 'quantitative', title: s.metric, axis: { format: s.format, tickCount: 4 } },
      ...(shape.selected ? { opacity: { condition: { test: `datum.key === ${JSON.stringify(s.selected)}`, value: 1 }, value: 0.35 } } : {}),
    },
  } as IgChartSpec;
}
