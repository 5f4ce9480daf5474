/**
 * KPI totals of a channel for a period and the previous period of the same length.
 * Plain functions over a scoped connection: no Express, no project filter of their own (the row-level
 * security policies of the scope decide which rows exist).
 */
import { AppError } from '../errors.js';
import { resolvePeriods } from './period.js';
import type { ScopedDb } from '../db/scope.js';

export const CHANNELS = ['push'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Metric {
  key: 'sent' | 'delivered' | 'clicked' | 'ctr';
  format: 'count' | 'ratio';
  value: number | null;
  previous: number | null;
  /** Counts: relative change ((value - previous) / previous). Ratios: absolute difference. */
  change: number | null;
}

export interface KpisResult {
  projectId: string;
  channel: Channel;
  timeZone: string;
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  hasData: boolean;
  metrics: Metric[];
}

export async function projectTimeZone(db: ScopedDb): Promise<{ projectId: string; timeZone: string }> {
  const { rows } = await db.query<{ project_id: number; time_zone: string }>('SELECT project_id, time_zone FROM app.projects');
  if (!rows[0]) throw new AppError('project_not_found', 'This project is not subscribed to Insights.');
  return { projectId: String(rows[0].project_id), timeZone: rows[0].time_zone };
}

const ratio = (num: number, den: number) => (den > 0 ? num / den : null);

function countMetric(key: Metric['key'], value: number, previous: number): Metric {
  return { key, format: 'count', value, previous, change: previous > 0 ? (value - previous) / previous : null };
}

function ratioMetric(key: Metric['key'], value: number | null, previous: number | null): Metric {
  return { key, format: 'ratio', value, previous, change: value !== null && previous !== null ? value - previous : null };
}

export async function getKpis(db: ScopedDb, q: { channel: Channel; from?: string; to?: string }): Promise<KpisResult> {
  const { projectId, timeZone } = await projectTimeZone(db);
  const { period, previousPeriod } = resolvePeriods(q, timeZone);
  const { rows } = await db.query<Record<string, number>>(
    `SELECT
       coalesce(sum(sent)     FILTER (WHERE day >= $1), 0) AS sent,
       coalesce(sum(received) FILTER (WHERE day >= $1), 0) AS delivered,
       coalesce(sum(clicked)  FILTER (WHERE day >= $1), 0) AS clicked,
       count(*)               FILTER (WHERE day >= $1)      AS rows,
       coalesce(sum(sent)     FILTER (WHERE day < $1), 0)  AS prev_sent,
       coalesce(sum(received) FILTER (WHERE day < $1), 0)  AS prev_delivered,
       coalesce(sum(clicked)  FILTER (WHERE day < $1), 0)  AS prev_clicked
     FROM marts.push_daily
     WHERE day BETWEEN $3 AND $2`,
    [period.from, period.to, previousPeriod.from],
  );
  const r = rows[0]!;
  return {
    projectId,
    channel: q.channel,
    timeZone,
    period,
    previousPeriod,
    hasData: r.rows! > 0,
    metrics: [
      countMetric('sent', r.sent!, r.prev_sent!),
      countMetric('delivered', r.delivered!, r.prev_delivered!),
      countMetric('clicked', r.clicked!, r.prev_clicked!),
      ratioMetric('ctr', ratio(r.clicked!, r.sent!), ratio(r.prev_clicked!, r.prev_sent!)),
    ],
  };
}
