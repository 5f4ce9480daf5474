/**
 * Push sends and clicks by local weekday × local hour (marts.push_hourly), with the best cells to send
 * at. A cell competes for "best" only with enough volume: at least `minSent` sends and at least a
 * quarter of the average sends of the cells that have any, so a quiet hour with 3 sends and 2 clicks
 * cannot win on a 67 % CTR.
 */
import type { ScopedDb } from '../db/scope.js';
import { projectTimeZone } from './kpis.js';
import { resolvePeriods } from './period.js';
import { ratio } from './series.js';

export const PUSH_PLATFORMS = ['android', 'ios', 'web'] as const;
export const DEFAULT_MIN_SENT = 100;
/** A competing cell needs at least this fraction of the average sends of the non-empty cells. */
export const MIN_SHARE_OF_AVERAGE = 0.25;
export const BEST_CELLS = 3;

export interface HeatmapCell {
  /** ISO weekday of the project-local day: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Project-local hour 0–23. */
  hour: number;
  sent: number;
  clicked: number;
  ctr: number | null;
}

export interface HeatmapResult {
  projectId: string;
  timeZone: string;
  period: { from: string; to: string };
  platform: (typeof PUSH_PLATFORMS)[number] | null;
  /** 168 cells, Monday 0h first. */
  cells: HeatmapCell[];
  /** The volume a cell needs to compete: max(minSent, 25 % of the average sends of non-empty cells). */
  minSent: number;
  /** Up to three cells with the highest CTR among those with enough volume, best first. */
  best: (HeatmapCell & { rank: number })[];
}

export function bestCells(cells: readonly HeatmapCell[], minSent: number): { threshold: number; best: (HeatmapCell & { rank: number })[] } {
  const active = cells.filter((c) => c.sent > 0);
  const average = active.length ? active.reduce((a, c) => a + c.sent, 0) / active.length : 0;
  const threshold = Math.max(minSent, Math.ceil(average * MIN_SHARE_OF_AVERAGE));
  const best = cells
    .filter((c) => c.sent >= threshold && c.ctr !== null)
    .sort((a, b) => b.ctr! - a.ctr! || b.sent - a.sent || a.weekday - b.weekday || a.hour - b.hour)
    .slice(0, BEST_CELLS)
    .map((c, i) => ({ ...c, rank: i + 1 }));
  return { threshold, best };
}

export async function getHeatmap(
  db: ScopedDb,
  q: { platform?: HeatmapResult['platform'] | undefined; minSent?: number | undefined; from?: string | undefined; to?: string | undefined },
): Promise<HeatmapResult> {
  const { projectId, timeZone } = await projectTimeZone(db);
  const { period } = resolvePeriods(q, timeZone);
  const { rows } = await db.query<{ weekday: number; hour: number; sent: number; clicked: number }>(
    `SELECT extract(isodow FROM day)::int AS weekday, hour::int AS hour, sum(sent)::float8 AS sent, sum(clicked)::float8 AS clicked
     FROM marts.push_hourly
     WHERE day BETWEEN $1::date AND $2::date AND ($3::text IS NULL OR platform = $3::text)
     GROUP BY 1, 2`,
    [period.from, period.to, q.platform ?? null],
  );
  const found = new Map(rows.map((r) => [`${r.weekday}|${r.hour}`, r]));
  const cells: HeatmapCell[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      const r = found.get(`${weekday}|${hour}`);
      const sent = r?.sent ?? 0;
      const clicked = r?.clicked ?? 0;
      cells.push({ weekday, hour, sent, clicked, ctr: ratio(clicked, sent) });
    }
  }
  const { threshold, best } = bestCells(cells, q.minSent ?? DEFAULT_MIN_SENT);
  return { projectId, timeZone, period, platform: q.platform ?? null, cells, minSent: threshold, best };
}
