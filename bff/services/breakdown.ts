/**
 * A metric of a period split by platform (one channel), by channel (each channel's own definition of
 * the metric) or by WhatsApp conversation category (chat messages).
 */
import { invalidParameter } from '../errors.js';
import type { ScopedDb } from '../db/scope.js';
import {
  CHANNELS,
  CHANNEL_METRICS,
  measuresOf,
  metricDef,
  metricValue,
  projectTimeZone,
  selectMeasures,
  type Channel,
  type KpiChannel,
  type Measure,
  type MetricDef,
  type MetricFormat,
} from './kpis.js';
import { resolvePeriods } from './period.js';

export const BREAKDOWN_BY = ['platform', 'channel', 'category'] as const;
export type BreakdownBy = (typeof BREAKDOWN_BY)[number];

export interface BreakdownQuery {
  by: BreakdownBy;
  channel?: KpiChannel | undefined;
  metric?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface BreakdownRow {
  key: string;
  value: number | null;
  /** Counts: the row's part of the total (0..1); null for ratios. */
  share: number | null;
}

export interface BreakdownResult {
  projectId: string;
  timeZone: string;
  period: { from: string; to: string };
  by: BreakdownBy;
  channel: KpiChannel | null;
  metric: string;
  format: MetricFormat;
  currency: null;
  /** Counts: the sum of the rows. Ratios: the ratio over every row (by=platform), null by=channel. */
  total: number | null;
  rows: BreakdownRow[];
}

const byValue = (a: BreakdownRow, b: BreakdownRow) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.key.localeCompare(b.key);

function withShares(rows: { key: string; value: number | null }[], format: MetricFormat, total: number | null): BreakdownRow[] {
  return rows
    .map((r) => ({ ...r, share: format !== 'ratio' && total !== null && total > 0 && r.value !== null ? r.value / total : null }))
    .sort(byValue);
}

export async function getBreakdown(db: ScopedDb, q: BreakdownQuery): Promise<BreakdownResult> {
  let channel: KpiChannel | null = null;
  let def: MetricDef | undefined;
  let metric: string;
  if (q.by === 'platform') {
    if (!q.channel) throw invalidParameter('channel', 'channel is required with by=platform.');
    channel = q.channel;
    metric = q.metric ?? CHANNEL_METRICS[channel][0]!.key;
    def = metricDef(channel, metric);
    if (!def) throw invalidParameter('metric', `metric ${metric} is not a metric of channel ${channel}.`);
  } else if (q.by === 'channel') {
    if (q.channel !== undefined) throw invalidParameter('channel', 'channel cannot be combined with by=channel.');
    metric = q.metric ?? 'sent';
    if (!CHANNELS.some((c) => metricDef(c, metric))) throw invalidParameter('metric', `no channel has the metric ${metric}.`);
  } else {
    if (q.channel !== undefined && q.channel !== 'chat') throw invalidParameter('channel', 'by=category breaks down chat messages: channel may only be chat.');
    channel = 'chat';
    metric = q.metric ?? 'messages';
    if (metric !== 'messages') throw invalidParameter('metric', 'by=category has the metric messages only.');
  }

  const { projectId, timeZone } = await projectTimeZone(db);
  const { period } = resolvePeriods(q, timeZone);
  const head = { projectId, timeZone, period, by: q.by, channel, metric, currency: null } as const;

  if (q.by === 'category') {
    const { rows } = await db.query<{ category: string; messages: number }>(
      `SELECT category, sum(messages)::float8 AS messages
       FROM marts.chat_categories
       -- A calendar month's row (past the ETL's daily horizon, ADR 029) counts only when wholly inside.
       WHERE day >= $1::date AND day + days - 1 <= $2::date
       GROUP BY category`,
      [period.from, period.to],
    );
    const total = rows.reduce((a, r) => a + r.messages, 0);
    return { ...head, format: 'count', total, rows: withShares(rows.map((r) => ({ key: r.category, value: r.messages })), 'count', total) };
  }

  if (q.by === 'platform') {
    const d = def!;
    const measures = measuresOf([d]);
    const channels: readonly Channel[] = channel === 'all' ? CHANNELS : [channel as Channel];
    const { rows } = await db.query<Record<Measure, number> & { platform: string }>(
      `SELECT platform, ${selectMeasures(measures)}
       FROM marts.channel_daily
       WHERE channel = ANY($3::text[]) AND day BETWEEN $1::date AND $2::date
       GROUP BY platform`,
      [period.from, period.to, channels],
    );
    const sums = Object.fromEntries(measures.map((m) => [m, rows.reduce((a, r) => a + Number(r[m]), 0)])) as Record<Measure, number>;
    const total = metricValue(d, sums);
    return { ...head, format: d.format, total, rows: withShares(rows.map((r) => ({ key: r.platform, value: metricValue(d, r) })), d.format, total) };
  }

  // by=channel: every channel that defines the metric, each with its own definition of it.
  const defs = CHANNELS.map((c) => [c, metricDef(c, metric)] as const).filter((x): x is readonly [Channel, MetricDef] => x[1] !== undefined);
  const measures = measuresOf(defs.map(([, d]) => d));
  const { rows } = await db.query<Record<Measure, number> & { channel: Channel }>(
    `SELECT channel, ${selectMeasures(measures)}
     FROM marts.channel_daily
     WHERE channel = ANY($3::text[]) AND day BETWEEN $1::date AND $2::date
     GROUP BY channel`,
    [period.from, period.to, defs.map(([c]) => c)],
  );
  const format = defs[0]![1].format;
  const values = rows.map((r) => ({ key: r.channel, value: metricValue(defs.find(([c]) => c === r.channel)![1], r) }));
  const total = format === 'ratio' ? null : values.reduce((a, r) => a + (r.value ?? 0), 0);
  return { ...head, format, total, rows: withShares(values, format, total) };
}
