/**
 * A metric of a channel over time: day, ISO week or month buckets of project-local days, zero-filled,
 * optionally split by platform and compared with the previous period aligned by offset.
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
  type MetricFormat,
} from './kpis.js';
import { resolvePeriods } from './period.js';
import { buckets, periodDays, sumIntoBuckets, type Interval } from './series.js';

export interface TimeseriesQuery {
  channel: KpiChannel;
  metric: string;
  interval: Interval;
  split?: 'platform' | undefined;
  compare?: 'previous' | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface Point {
  bucket: string;
  from: string;
  to: string;
  value: number | null;
  /** compare=previous: the same days counted from the start of the previous period. */
  previous?: number | null;
}

export interface TimeseriesResult {
  projectId: string;
  timeZone: string;
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string } | null;
  channel: KpiChannel;
  metric: string;
  format: MetricFormat;
  interval: Interval;
  split: 'platform' | null;
  currency: null;
  /** The total first (platform null), then one series per platform when split=platform. */
  series: { platform: string | null; points: Point[] }[];
}

export async function getTimeseries(db: ScopedDb, q: TimeseriesQuery): Promise<TimeseriesResult> {
  const def = metricDef(q.channel, q.metric);
  if (!def) {
    throw invalidParameter('metric', `metric ${q.metric} is not a metric of channel ${q.channel} (${CHANNEL_METRICS[q.channel].map((m) => m.key).join(', ')}).`);
  }
  const { projectId, timeZone } = await projectTimeZone(db);
  const { period, previousPeriod } = resolvePeriods(q, timeZone);
  const compare = q.compare === 'previous';
  const measures = measuresOf([def]);
  const channels: readonly Channel[] = q.channel === 'all' ? CHANNELS : [q.channel];
  const split = q.split === 'platform';
  const { rows } = await db.query<Record<Measure, number> & { day: string; platform: string | null }>(
    `SELECT day, ${split ? 'platform' : 'NULL::text AS platform'}, ${selectMeasures(measures)}
     FROM marts.channel_daily
     WHERE channel = ANY($3::text[]) AND day BETWEEN $1::date AND $2::date
     GROUP BY day${split ? ', platform' : ''}`,
    [compare ? previousPeriod.from : period.from, period.to, channels],
  );
  const list = buckets(period, q.interval);
  const offset = periodDays(period);
  const seriesOf = (platform: string | null) => {
    const daily = new Map<string, Record<Measure, number>>();
    for (const r of rows) {
      if (platform !== null && r.platform !== platform) continue;
      const acc = daily.get(r.day) ?? (Object.fromEntries(measures.map((m) => [m, 0])) as Record<Measure, number>);
      for (const m of measures) acc[m] += Number(r[m]);
      daily.set(r.day, acc);
    }
    const now = sumIntoBuckets(list, daily, measures);
    const before = compare ? sumIntoBuckets(list, daily, measures, offset) : undefined;
    return {
      platform,
      points: list.map((b, i) => ({
        ...b,
        value: metricValue(def, now[i]!),
        ...(before ? { previous: metricValue(def, before[i]!) } : {}),
      })),
    };
  };
  const platforms = split ? [...new Set(rows.map((r) => r.platform!))].sort() : [];
  return {
    projectId,
    timeZone,
    period,
    previousPeriod: compare ? previousPeriod : null,
    channel: q.channel,
    metric: def.key,
    format: def.format,
    interval: q.interval,
    split: split ? 'platform' : null,
    currency: null,
    series: [seriesOf(null), ...platforms.map(seriesOf)],
  };
}
