/**
 * Types shared by `<ig-chart>`, the chart elements built on it and the lazily loaded Vega runtime.
 * Type-only: this module compiles to nothing.
 */
import type { Config, TopLevelSpec } from 'vega-lite';

/** One row of chart data: field name → value (numbers, strings, ISO dates, booleans, null). */
export type IgChartRow = Record<string, unknown>;

/**
 * A Vega-Lite specification. Leave `data` out (the rows of `data` are bound to a dataset named
 * `table`), or name a dataset (`data: { name: 'table' }`) to receive them. Inline `values` are used as
 * given, but the table alternative only shows the element's `data` rows.
 */
export type IgChartSpec = Omit<TopLevelSpec, 'data'> & { data?: unknown } & Record<string, unknown>;

/** How a table cell (and nothing else) is formatted. A function receives the raw value and its row. */
export type IgChartColumnFormat =
  | 'text'
  | 'number'
  | 'integer'
  | 'percent'
  | 'date'
  | 'datetime'
  | ((value: unknown, row: IgChartRow, locale: string) => string);

/** A column of the table alternative (and of the CSV export). */
export interface IgChartColumn {
  /** Field of the rows. */
  key: string;
  /** Column header; the key when unset. */
  header?: string;
  /** Cell format; `text` when unset (numbers still get `Intl` grouping). */
  format?: IgChartColumnFormat;
}

/** The design tokens a chart is drawn with, as the host page resolves them. */
export interface IgChartTheme {
  primary: string;
  text: string;
  textMuted: string;
  surface: string;
  surfaceMuted: string;
  border: string;
  font: string;
  /** Colours of categories (series), primary first. */
  palette: string[];
}

export type IgChartRenderer = 'svg' | 'canvas';

export type IgChartConfig = Config;
