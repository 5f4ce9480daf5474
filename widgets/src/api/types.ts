/**
 * Shapes of the BFF's JSON answers, as the widgets read them. The BFF's zod schemas are the source of
 * truth; these mirror the fields the widgets use.
 */

/** A period of whole days in the project's time zone, both ends inclusive (`YYYY-MM-DD`). */
export interface IgPeriod {
  from: string;
  to: string;
}

/** `count` values are integers; `ratio` values are fractions (0.0364 = 3.64 %). */
export type IgMetricFormat = 'count' | 'ratio';

/** The metric keys `GET /v1/kpis` answers with today. Unknown keys are still rendered, by key. */
export type IgKpiKey = 'sent' | 'delivered' | 'clicked' | 'ctr';

export interface IgKpiMetric {
  key: IgKpiKey | (string & {});
  format: IgMetricFormat;
  /** `null` when it cannot be computed (a ratio over zero). */
  value: number | null;
  previous: number | null;
  /**
   * Versus the previous period. Counts: relative ((value − previous) / previous), `null` when previous
   * is 0. Ratios: absolute difference (0.0031 = +0.31 percentage points), `null` when a side is `null`.
   */
  change: number | null;
}

/** `GET /v1/kpis?channel=…[&from&to][&project]` */
export interface IgKpisResponse {
  projectId: string;
  channel: string;
  timeZone: string;
  period: IgPeriod;
  previousPeriod: IgPeriod;
  hasData: boolean;
  metrics: IgKpiMetric[];
}

/** RFC 9457 problem details as the BFF sends them (`application/problem+json`). */
export interface IgProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
  /** The offending query parameter, for `invalid_parameter`. */
  param?: string;
}
