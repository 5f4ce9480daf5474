/**
 * The period's most notable changes (issue 14, docs/adr/024): for each channel × metric that
 * explain_change can decompose, the period's value against the same window over the trailing weeks
 * (mean and standard deviation), flagged beyond 3 σ, ranked by |z|, each with its top drivers from
 * `explainChange` (bff/chat/explain.ts: the one decomposition, not a copy).
 *
 * Source: marts.campaign_daily, the mart explain_change decomposes, so that an insight's value and
 * its drivers' contributions are the same figures (the channel KPIs may count messages outside
 * campaigns). Under the caller's RLS scope like every route: no project filter of its own.
 *
 * Windows: the period is L days; a cycle is W = 7·⌈L/7⌉ days (whole weeks, so weekdays line up);
 * baseline window k (1…WEEKS) is the period moved back k·W days. A window that starts before the
 * channel's first day of data is left out (not counted as zeros); a channel × metric needs at least
 * MIN_WINDOWS baseline windows to be judged. z = (value − mean) ÷ σ', σ' = max(σ, FLOOR·|mean|, ε):
 * when the weeks are nearly constant (σ tiny) the floor turns the 3 σ rule into "changed by more
 * than 3 × FLOOR (3 %) of the usual value".
 *
 * Drivers: explain_change between the period and the window one cycle before (a contiguous base of
 * the same length and weekdays); the mean of the weeks has no campaigns to decompose.
 */
import { addDays, daysBetween } from '../../lib/dates.js';
import type { ScopedDb } from '../db/scope.js';
import { explainChange, type Driver, type EXPLAIN_CHANNELS, type ExplainMetric } from '../chat/explain.js';
import { projectTimeZone } from './kpis.js';
import { resolvePeriods } from './period.js';

export type InsightChannel = (typeof EXPLAIN_CHANNELS)[number];

/** The metrics judged per channel (those explain_change decomposes and the channel measures). */
export const INSIGHT_METRICS: Readonly<Record<InsightChannel, readonly ExplainMetric[]>> = {
  push: ['sent', 'delivered', 'clicked', 'deliveryRate', 'ctr'],
  inapp: ['impressions', 'clicked', 'ctr'],
  sms: ['sent', 'delivered', 'clicked', 'deliveryRate', 'ctr'],
  email: ['sent', 'delivered', 'opened', 'clicked', 'deliveryRate', 'openRate', 'ctr'],
};
export const INSIGHT_CHANNELS = Object.keys(INSIGHT_METRICS) as InsightChannel[];

export const WEEKS = 8;
export const THRESHOLD = 3;
export const MIN_WINDOWS = 2;
export const FLOOR = 0.01;
export const MAX_INSIGHTS = 5;
const DRIVERS = 3;

type Column = 'sent' | 'delivered' | 'opened' | 'clicked' | 'impressions';
const RATES: Partial<Record<ExplainMetric, (c: InsightChannel) => [Column, Column]>> = {
  ctr: (c) => ['clicked', c === 'push' ? 'sent' : c === 'inapp' ? 'impressions' : 'delivered'],
  deliveryRate: () => ['delivered', 'sent'],
  openRate: () => ['opened', 'delivered'],
};

export interface Insight {
  channel: InsightChannel;
  metric: ExplainMetric;
  format: 'count' | 'ratio';
  value: number;
  /** The mean of the baseline windows. */
  usual: number;
  stdDev: number;
  /** Baseline windows counted. */
  windows: number;
  /** Counts: relative change against the usual value. Ratios: absolute difference. */
  change: number | null;
  z: number;
  basePeriod: { from: string; to: string };
  /** explain_change's top drivers between the period and basePeriod, largest first. */
  drivers: Driver[];
}

export interface InsightsResult {
  projectId: string;
  timeZone: string;
  channel: InsightChannel | null;
  period: { from: string; to: string };
  weeks: number;
  threshold: number;
  /** channel × metric pairs with enough history to be judged. */
  checked: number;
  insights: Insight[];
}

type Sums = Record<Column, number>;
const zero = (): Sums => ({ sent: 0, delivered: 0, opened: 0, clicked: 0, impressions: 0 });

function valueOf(channel: InsightChannel, metric: ExplainMetric, s: Sums): number | null {
  const rate = RATES[metric];
  if (!rate) return s[metric as Column];
  const [n, d] = rate(channel);
  return s[d] ? s[n] / s[d] : null;
}

/**
 * A value against its baseline windows (at least two): their mean, sample standard deviation, the
 * change (relative for counts, absolute for rates) and z over σ′ = max(σ, FLOOR·|mean|, ε).
 */
export function judge(value: number, base: readonly number[], isRate: boolean): { usual: number; stdDev: number; change: number | null; z: number } {
  const usual = base.reduce((s, v) => s + v, 0) / base.length;
  const stdDev = Math.sqrt(base.reduce((s, v) => s + (v - usual) ** 2, 0) / (base.length - 1));
  const sigma = Math.max(stdDev, FLOOR * Math.abs(usual), isRate ? 1e-4 : 1);
  const change = isRate ? value - usual : usual ? (value - usual) / usual : null;
  return { usual, stdDev, change, z: (value - usual) / sigma };
}

export async function getInsights(db: ScopedDb, q: { from?: string | undefined; to?: string | undefined; channel?: InsightChannel | undefined }): Promise<InsightsResult> {
  const { projectId, timeZone } = await projectTimeZone(db);
  const { period } = resolvePeriods(q, timeZone);
  const length = daysBetween(period.from, period.to); // inclusive
  const cycle = 7 * Math.ceil(length / 7);
  const earliest = addDays(period.from, -WEEKS * cycle);
  const channels = q.channel ? [q.channel] : INSIGHT_CHANNELS;

  const { rows } = await db.query<{ channel: InsightChannel; day: string; sent: number; delivered: number; opened: number; clicked: number; impressions: number }>(
    `SELECT channel, to_char(day, 'YYYY-MM-DD') AS day,
            coalesce(sum(sent), 0)::float8 AS sent, coalesce(sum(delivered), 0)::float8 AS delivered,
            coalesce(sum(opened), 0)::float8 AS opened, coalesce(sum(clicked), 0)::float8 AS clicked,
            coalesce(sum(impressions), 0)::float8 AS impressions
       FROM marts.campaign_daily
      WHERE channel = ANY($1::text[]) AND day BETWEEN $2::date AND $3::date
      GROUP BY 1, 2`,
    [channels, earliest, period.to],
  );
  const { rows: firsts } = await db.query<{ channel: InsightChannel; first: string }>(
    `SELECT channel, to_char(min(day), 'YYYY-MM-DD') AS first FROM marts.campaign_daily WHERE channel = ANY($1::text[]) GROUP BY 1`,
    [channels],
  );
  const first = new Map(firsts.map((r) => [r.channel, r.first]));

  // windows[channel][k]: sums of window k (0 = the period).
  const windows = new Map<InsightChannel, Sums[]>();
  for (const r of rows) {
    const back = daysBetween(r.day, period.to) - 1; // days before the period's last day
    const k = Math.floor(back / cycle);
    if (back % cycle >= length || k > WEEKS) continue; // between windows (when L is not whole weeks)
    const ws = windows.get(r.channel) ?? Array.from({ length: WEEKS + 1 }, zero);
    for (const c of ['sent', 'delivered', 'opened', 'clicked', 'impressions'] as const) ws[k]![c] += Number(r[c]);
    windows.set(r.channel, ws);
  }

  const candidates: Omit<Insight, 'drivers' | 'basePeriod'>[] = [];
  let checked = 0;
  for (const channel of channels) {
    const ws = windows.get(channel);
    const start = first.get(channel);
    if (!ws || !start) continue;
    const usable = Array.from({ length: WEEKS }, (_, i) => i + 1).filter((k) => addDays(period.from, -k * cycle) >= start);
    if (usable.length < MIN_WINDOWS) continue;
    for (const metric of INSIGHT_METRICS[channel]) {
      const value = valueOf(channel, metric, ws[0]!);
      const base = usable.map((k) => valueOf(channel, metric, ws[k]!)).filter((v): v is number => v !== null);
      if (value === null || base.length < MIN_WINDOWS) continue;
      checked++;
      const isRate = metric in RATES;
      const j = judge(value, base, isRate);
      if (Math.abs(j.z) < THRESHOLD) continue;
      candidates.push({ channel, metric, format: isRate ? 'ratio' : 'count', value, ...j, windows: base.length });
    }
  }
  candidates.sort((a, b) => Math.abs(b.z) - Math.abs(a.z) || a.channel.localeCompare(b.channel) || a.metric.localeCompare(b.metric));

  const basePeriod = { from: addDays(period.from, -cycle), to: addDays(period.to, -cycle) };
  const insights: Insight[] = [];
  for (const c of candidates.slice(0, MAX_INSIGHTS)) {
    const e = await explainChange(db, { channel: c.channel, metric: c.metric, from: period.from, to: period.to, baseFrom: basePeriod.from, baseTo: basePeriod.to });
    insights.push({ ...c, basePeriod, drivers: e.top.slice(0, DRIVERS) });
  }
  return { projectId, timeZone, channel: q.channel ?? null, period, weeks: WEEKS, threshold: THRESHOLD, checked, insights };
}
