/**
 * KPI totals of a channel (or of every channel) for a period and the previous period of the same
 * length, and the metric catalogue the time series and breakdowns share.
 * Plain functions over a scoped connection: no Express, no project filter of their own (the row-level
 * security policies of the scope decide which rows exist).
 *
 * Every channel reads `marts.channel_daily` (push too: its push rows are written from the same
 * staging rows as `marts.push_daily`, in the same transaction, so the figures are equal; one table
 * keeps KPIs, series and breakdowns of every channel on one source). Meanings: docs/adr/003, 007, 010.
 */
import { AppError } from '../errors.js';
import { resolvePeriods } from './period.js';
import { ratio } from './series.js';
import { scopeProject, type ScopedDb } from '../db/scope.js';

export const CHANNELS = ['push', 'inapp', 'sms', 'email', 'chat', 'wallet'] as const;
export type Channel = (typeof CHANNELS)[number];
/** Channels plus `all` (cross-channel totals). */
export const KPI_CHANNELS = [...CHANNELS, 'all'] as const;
export type KpiChannel = (typeof KPI_CHANNELS)[number];

export type MetricFormat = 'count' | 'ratio' | 'currency' | 'seconds';

/**
 * Aggregates over rows of marts.channel_daily (fixed SQL, never built from input). Channels without
 * a column have NULL there, so sum() ignores them. `msg_*`: the message channels that measure
 * clicks (push, sms, email), the base of the cross-channel CTR.
 */
export const MEASURES = {
  rows: 'count(*)',
  sent: 'sum(sent)',
  delivered: 'sum(delivered)',
  opened: 'sum(opened)',
  clicked: 'sum(clicked)',
  bounced: 'sum(bounced)',
  unsubscribed: 'sum(unsubscribed)',
  cost: 'sum(cost)',
  accepted: 'sum(accepted)',
  impressions: 'sum(impressions)',
  dismissed: 'sum(dismissed)',
  rejected: 'sum(rejected)',
  chunks: 'sum(chunks)',
  spam_reports: 'sum(spam_reports)',
  passes_issued: 'sum(passes_issued)',
  passes_installed: 'sum(passes_installed)',
  passes_uninstalled: 'sum(passes_uninstalled)',
  pass_updates_sent: 'sum(pass_updates_sent)',
  msg_sent: "sum(sent) FILTER (WHERE channel IN ('push', 'sms', 'email'))",
  msg_clicked: "sum(clicked) FILTER (WHERE channel IN ('push', 'sms', 'email'))",
} as const;
export type Measure = keyof typeof MEASURES;

export type MetricDef =
  | { key: string; format: 'count' | 'currency'; measure: Measure }
  | { key: string; format: 'ratio'; num: Measure; den: Measure };

const count = (key: string, measure: Measure = key as Measure): MetricDef => ({ key, format: 'count', measure });
const rate = (key: string, num: Measure, den: Measure): MetricDef => ({ key, format: 'ratio', num, den });

/**
 * Each channel's metrics, in display order. Push keeps exactly the four metrics of ADR 003 (the
 * <ig-channel-kpis> widget shows every metric it gets). Rates: ADR 010.
 */
export const CHANNEL_METRICS: Record<KpiChannel, readonly MetricDef[]> = {
  push: [count('sent'), count('delivered'), count('clicked'), rate('ctr', 'clicked', 'sent')],
  inapp: [count('impressions'), count('clicked'), count('dismissed'), rate('ctr', 'clicked', 'impressions'), rate('dismissRate', 'dismissed', 'impressions')],
  sms: [
    count('sent'),
    count('delivered'),
    count('clicked'),
    count('rejected'),
    { key: 'cost', format: 'currency', measure: 'cost' },
    rate('deliveryRate', 'delivered', 'sent'),
    rate('ctr', 'clicked', 'delivered'),
  ],
  email: [
    count('sent'),
    count('delivered'),
    count('opened'),
    count('clicked'),
    count('bounced'),
    count('unsubscribed'),
    count('spamReports', 'spam_reports'),
    rate('deliveryRate', 'delivered', 'sent'),
    rate('openRate', 'opened', 'delivered'),
    rate('ctr', 'clicked', 'delivered'),
    rate('clickToOpenRate', 'clicked', 'opened'),
    rate('bounceRate', 'bounced', 'sent'),
    rate('unsubscribeRate', 'unsubscribed', 'delivered'),
  ],
  chat: [count('sent'), count('delivered'), count('read', 'opened'), rate('deliveryRate', 'delivered', 'sent'), rate('readRate', 'opened', 'delivered')],
  wallet: [count('issued', 'passes_issued'), count('installed', 'passes_installed'), count('uninstalled', 'passes_uninstalled'), count('updates', 'pass_updates_sent'), rate('installRate', 'passes_installed', 'passes_issued')],
  all: [count('sent'), count('delivered'), count('clicked', 'msg_clicked'), rate('deliveryRate', 'delivered', 'sent'), rate('ctr', 'msg_clicked', 'msg_sent')],
};

/** Every metric key of any channel (the `metric` parameter's values). */
export const METRIC_KEYS = [...new Set(Object.values(CHANNEL_METRICS).flatMap((ms) => ms.map((m) => m.key)))] as [string, ...string[]];

export function metricDef(channel: KpiChannel, key: string): MetricDef | undefined {
  return CHANNEL_METRICS[channel].find((m) => m.key === key);
}

/** The measures a set of metrics needs. */
export function measuresOf(defs: readonly MetricDef[]): Measure[] {
  return [...new Set(defs.flatMap((d) => (d.format === 'ratio' ? [d.num, d.den] : [d.measure])))];
}

/** `coalesce(<aggregate>, 0) AS <measure>` for each measure (fixed SQL from MEASURES). */
export function selectMeasures(measures: readonly Measure[]): string {
  return measures.map((m) => `coalesce(${MEASURES[m]}, 0)::float8 AS ${m}`).join(', ');
}

export type Totals = Partial<Record<Measure, number>>;

/** A metric's value from measure totals: a count, or a ratio (null when the denominator is 0). */
export function metricValue(def: MetricDef, t: Totals): number | null {
  if (def.format === 'ratio') return ratio(t[def.num] ?? 0, t[def.den] ?? 0);
  return t[def.measure] ?? 0;
}

export interface Metric {
  key: string;
  format: MetricFormat;
  value: number | null;
  previous: number | null;
  /** Counts: relative change ((value - previous) / previous). Ratios: absolute difference. */
  change: number | null;
}

export interface ChannelSummary {
  channel: Channel;
  hasData: boolean;
  metrics: Metric[];
}

export interface KpisResult {
  projectId: string;
  channel: KpiChannel;
  timeZone: string;
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  hasData: boolean;
  /** The API reports money without a currency. */
  currency: null;
  metrics: Metric[];
  /** channel=all: every channel's own metrics (channels without rows in either period left out). */
  channels?: ChannelSummary[];
}

/** The scope's project and its time zone (read by the scope's opening when there is one: bff/db/scope.ts). */
export async function projectTimeZone(db: ScopedDb): Promise<{ projectId: string; timeZone: string }> {
  const opened = scopeProject(db);
  if (opened) return opened;
  if (opened === null) throw new AppError('project_not_found', 'This project is not subscribed to Insights.');
  const { rows } = await db.query<{ project_id: number; time_zone: string }>('SELECT project_id, time_zone FROM app.projects');
  if (!rows[0]) throw new AppError('project_not_found', 'This project is not subscribed to Insights.');
  return { projectId: String(rows[0].project_id), timeZone: rows[0].time_zone };
}

function toMetric(def: MetricDef, now: Totals, before: Totals): Metric {
  const value = metricValue(def, now);
  const previous = metricValue(def, before);
  let change: number | null = null;
  if (value !== null && previous !== null) {
    if (def.format === 'ratio') change = value - previous;
    else if (previous > 0) change = (value - previous) / previous;
  }
  return { key: def.key, format: def.format, value, previous, change };
}

const addTotals = (a: Totals, b: Totals): Totals => {
  const out: Totals = { ...a };
  for (const [k, v] of Object.entries(b) as [Measure, number][]) out[k] = (out[k] ?? 0) + v;
  return out;
};

export async function getKpis(db: ScopedDb, q: { channel: KpiChannel; from?: string | undefined; to?: string | undefined }): Promise<KpisResult> {
  const { projectId, timeZone } = await projectTimeZone(db);
  const { period, previousPeriod } = resolvePeriods(q, timeZone);
  const channels: readonly Channel[] = q.channel === 'all' ? CHANNELS : [q.channel];
  const defs = q.channel === 'all' ? [...CHANNEL_METRICS.all, ...CHANNELS.flatMap((c) => CHANNEL_METRICS[c])] : CHANNEL_METRICS[q.channel];
  const measures = [...new Set<Measure>(['rows', ...measuresOf(defs)])];
  // One pass over the primary key (project_id, channel, day, …) for both periods.
  const { rows } = await db.query<Totals & { channel: Channel; current: boolean }>(
    `SELECT channel, day >= $1::date AS current, ${selectMeasures(measures)}
     FROM marts.channel_daily
     WHERE channel = ANY($4::text[]) AND day BETWEEN $3::date AND $2::date
     GROUP BY 1, 2`,
    [period.from, period.to, previousPeriod.from, channels],
  );
  const totals = (channel: Channel | 'all', current: boolean): Totals =>
    rows.filter((r) => r.current === current && (channel === 'all' || r.channel === channel)).reduce<Totals>((acc, r) => addTotals(acc, pick(r, measures)), {});
  const metricsOf = (channel: KpiChannel) => {
    const now = totals(channel, true);
    return { hasData: (now.rows ?? 0) > 0, metrics: CHANNEL_METRICS[channel].map((d) => toMetric(d, now, totals(channel, false))) };
  };
  const main = metricsOf(q.channel);
  return {
    projectId,
    channel: q.channel,
    timeZone,
    period,
    previousPeriod,
    hasData: main.hasData,
    currency: null,
    metrics: main.metrics,
    ...(q.channel === 'all'
      ? { channels: CHANNELS.filter((c) => rows.some((r) => r.channel === c)).map((c) => ({ channel: c, ...metricsOf(c) })) }
      : {}),
  };
}

function pick(row: Totals, measures: readonly Measure[]): Totals {
  const out: Totals = {};
  for (const m of measures) out[m] = Number(row[m] ?? 0);
  return out;
}
