/**
 * The Vega-Lite config of an Insights chart, built from the theme (design tokens) and the width
 * class. Lives in the lazily loaded runtime chunk (imported only by `vega-runtime.ts`).
 */
import type { Config } from 'vega-lite';
import type { IgChartTheme } from './types.js';

export function chartConfig(theme: IgChartTheme): Config {
  const { primary, text, textMuted, surface, surfaceMuted, border, font, palette } = theme;
  const axis = {
    labelColor: textMuted,
    titleColor: text,
    gridColor: border,
    domainColor: border,
    tickColor: border,
    labelFont: font,
    titleFont: font,
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 500,
    labelPadding: 4,
    titlePadding: 8,
  } as const;
  return {
    background: surface,
    font,
    padding: 4,
    autosize: { type: 'fit', contains: 'padding' },
    view: { stroke: null, continuousWidth: 300, continuousHeight: 240 },
    mark: { color: primary },
    line: { strokeWidth: 2, strokeCap: 'round', strokeJoin: 'round' },
    point: { filled: true, size: 40 },
    area: { opacity: 0.85 },
    arc: { stroke: surface, strokeWidth: 1 },
    rect: { stroke: surface, strokeWidth: 1 },
    text: { color: text, font },
    axis,
    axisX: { grid: false, labelAngle: 0, labelFlush: true },
    axisY: { grid: true, domain: false, ticks: false, labelFlush: true },
    legend: {
      orient: 'bottom',
      direction: 'horizontal',
      labelColor: textMuted,
      titleColor: text,
      labelFont: font,
      titleFont: font,
      labelFontSize: 11,
      titleFontSize: 12,
      symbolType: 'circle',
      symbolStrokeWidth: 0,
      labelLimit: 140,
    },
    title: {
      color: text,
      subtitleColor: textMuted,
      font,
      subtitleFont: font,
      fontSize: 14,
      fontWeight: 600,
      anchor: 'start',
      offset: 8,
    },
    header: { labelColor: text, titleColor: text, labelFont: font, titleFont: font },
    range: {
      category: palette,
      ramp: [surfaceMuted, primary],
      heatmap: [surfaceMuted, primary],
    },
    // The container carries the accessible name and the table alternative stands in for the marks:
    // Vega's own ARIA on every mark would only repeat them, item by item.
    aria: false,
  };
}
