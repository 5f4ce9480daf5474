/**
 * Shapes of the BFF's JSON answers, as the widgets read them. The BFF's zod schemas are the source of
 * truth; these mirror the fields the widgets use.
 */

/** A period of whole days in the project's time zone, both ends inclusive (`YYYY-MM-DD`). */
export interface IgPeriod {
  from: string;
  to: string;
}

/**
 * `count` values are integers; `ratio` values are fractions (0.0364 = 3.64 %); `currency` is money in
 * the account's currency (unnamed by the BFF); `seconds` is a duration.
 */
export type IgMetricFormat = 'count' | 'ratio' | 'currency' | 'seconds';

/** The channels the BFF serves. */
export type IgChannel = 'push' | 'inapp' | 'sms' | 'email' | 'chat' | 'wallet';

/** What `GET /v1/kpis?channel=` accepts: a channel or `all` (cross-channel totals). */
export type IgKpiChannel = IgChannel | 'all';

/** A metric key (`sent`, `ctr`, `openRate`, …; docs/adr/010). Unknown keys are still rendered, by key. */
export type IgKpiKey = string;

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
  channel: IgKpiChannel;
  timeZone: string;
  period: IgPeriod;
  previousPeriod: IgPeriod;
  hasData: boolean;
  /** Always `null`: the indigitall API does not name the account's currency. */
  currency: null;
  metrics: IgKpiMetric[];
  /** `channel=all` only: each channel with data, with its own metrics. */
  channels?: { channel: IgChannel; hasData: boolean; metrics: IgKpiMetric[] }[];
}

/** One data group's freshness (`GET /v1/meta`). */
export interface IgFreshness {
  /** Data group: a channel name, or `devices`, `agents`, `campaigns`, `journeys`. */
  group: string;
  /** Refresh tier (`hourly`, `daily`, …). */
  tier: string;
  /** Last project-local day loaded contiguously. */
  watermark: string | null;
  /** ISO instant of the last fully successful sync. */
  lastSuccessAt: string | null;
  /** The last successful sync is older than the tier allows. */
  stale: boolean;
}

/** `GET /v1/meta` */
export interface IgMetaResponse {
  projectId: string;
  name: string;
  timeZone: string;
  /** The project's local today (`YYYY-MM-DD`) on the BFF's clock: relative periods count from it, not from the browser's clock. */
  today: string;
  locale: string;
  channels: IgChannel[];
  channelStatus: { channel: IgChannel; hasData: boolean; synced: boolean }[];
  freshness: IgFreshness[];
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
