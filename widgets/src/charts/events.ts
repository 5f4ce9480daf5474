/**
 * The chart events, typed into the shared event map (`events/index.ts`) by declaration merging so
 * `IgElement.emit()` and `addEventListener` know them. All bubble and are composed.
 */
import type { IgChartRenderer } from './types.js';

/** `ig-chart-render`: the chart is drawn (first draw, new spec, data, theme, language or size class). */
export interface IgChartRenderDetail {
  /** Milliseconds from the change to the drawn chart (includes loading Vega on the first chart). */
  durationMs: number;
  renderer: IgChartRenderer;
  /** Rows drawn from the element's `data`. */
  rows: number;
}

/** `ig-chart-error`: the spec could not be compiled or drawn (or Vega could not be loaded); the error message is shown. */
export interface IgChartErrorDetail {
  message: string;
}

export type IgChartRenderEvent = CustomEvent<IgChartRenderDetail>;
export type IgChartErrorEvent = CustomEvent<IgChartErrorDetail>;

declare module '../events/index.js' {
  interface IgEventDetailMap {
    'ig-chart-render': IgChartRenderDetail;
    'ig-chart-error': IgChartErrorDetail;
  }
}

declare global {
  interface HTMLElementEventMap {
    'ig-chart-render': IgChartRenderEvent;
    'ig-chart-error': IgChartErrorEvent;
  }
  interface GlobalEventHandlersEventMap {
    'ig-chart-render': IgChartRenderEvent;
    'ig-chart-error': IgChartErrorEvent;
  }
}
