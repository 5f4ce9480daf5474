/**
 * Contact-centre agents: the ranking of a period and one agent's daily series, from marts.agent_daily
 * (a cohort by local day of queueing, docs/adr/008), plus the team's last status snapshot.
 *
 * - Averages over a period are exact: Σ seconds ÷ Σ sessions (assigned for time to assign, closed for
 *   time to close; an agent id is present only once a session is assigned, so an agent's closed
 *   sessions were all assigned).
 * - Medians are kept per day only. A one-day period gets the exact median; a longer one gets the
 *   median of the daily medians weighted by each day's sessions, an approximation (an exact period
 *   median needs per-session durations or a duration histogram in the mart).
 */
import { AppError } from '../errors.js';
import { projectTimeZone } from './kpis.js';
import { resolvePeriods } from './period.js';
import type { ScopedDb } from '../db/scope.js';

export const AGENT_SORTS = {
  conversations: 'conversations',
  assigned: 'assigned',
  closed: 'closed',
  transfersIn: 'transfers_in',
  avgSecondsToAssign: 'avg_seconds_to_assign',
  avgSecondsToClose: 'avg_seconds_to_close',
  email: 'email COLLATE "C"',
} as const;
export type AgentSort = keyof typeof AGENT_SORTS;
export const AGENT_SORT_KEYS = Object.keys(AGENT_SORTS) as [AgentSort, ...AgentSort[]];

/** Median of values each standing for `weight` observations (lower median on an even split). */
export function weightedMedian(pairs: readonly { value: number | null; weight: number }[]): number | null {
  const xs = pairs.filter((p): p is { value: number; weight: number } => p.value !== null && p.weight > 0).sort((a, b) => a.value - b.value);
  const total = xs.reduce((s, p) => s + p.weight, 0);
  if (total === 0) return null;
  let acc = 0;
  for (const p of xs) {
    acc += p.weight;
    if (acc * 2 >= total) return p.value;
  }
  return xs[xs.length - 1]!.value;
}

interface AgentAggRow {
  agent_id: string;
  email: string | null;
  conversations: number;
  assigned: number;
  closed: number;
  transfers_in: number;
  avg_seconds_to_assign: number | null;
  avg_seconds_to_close: number | null;
  medians_assign: [number | null, number][];
  medians_close: [number | null, number][];
}

const AGG_SQL = `
  sum(conversations)::int AS conversations,
  sum(assigned)::int AS assigned,
  sum(closed)::int AS closed,
  sum(transfers_in)::int AS transfers_in,
  sum(sum_seconds_to_assign)::float8 / nullif(sum(assigned), 0) AS avg_seconds_to_assign,
  sum(sum_seconds_to_close)::float8 / nullif(sum(closed), 0) AS avg_seconds_to_close,
  coalesce(json_agg(json_build_array(median_seconds_to_assign, assigned)) FILTER (WHERE median_seconds_to_assign IS NOT NULL), '[]') AS medians_assign,
  coalesce(json_agg(json_build_array(median_seconds_to_close, closed)) FILTER (WHERE median_seconds_to_close IS NOT NULL), '[]') AS medians_close`;

function agentFigures(r: Omit<AgentAggRow, 'agent_id' | 'email'>) {
  return {
    conversations: r.conversations,
    assigned: r.assigned,
    closed: r.closed,
    transfersIn: r.transfers_in,
    avgSecondsToAssign: r.avg_seconds_to_assign,
    medianSecondsToAssign: weightedMedian(r.medians_assign.map(([value, weight]) => ({ value: value === null ? null : Number(value), weight }))),
    avgSecondsToClose: r.avg_seconds_to_close,
    medianSecondsToClose: weightedMedian(r.medians_close.map(([value, weight]) => ({ value: value === null ? null : Number(value), weight }))),
  };
}

async function teamNow(db: ScopedDb) {
  const { rows } = await db.query<{ active_agents: number; day: string }>('SELECT active_agents, day FROM marts.agents_now');
  return rows[0] ? { activeAgents: rows[0].active_agents, day: rows[0].day } : null;
}

export async function listAgents(db: ScopedDb, q: { sort?: AgentSort | undefined; order?: 'asc' | 'desc' | undefined; limit?: number | undefined; from?: string | undefined; to?: string | undefined }) {
  const { projectId, timeZone } = await projectTimeZone(db);
  const { period } = resolvePeriods(q, timeZone);
  const sort = q.sort ?? 'conversations';
  const order = q.order ?? (sort === 'email' ? 'asc' : 'desc');
  const limit = q.limit ?? 100;
  const dir = order === 'asc' ? 'ASC' : 'DESC';
  const { rows } = await db.query<AgentAggRow>(
    `WITH a AS (
       SELECT agent_id, (array_agg(email ORDER BY day DESC) FILTER (WHERE email IS NOT NULL))[1] AS email, ${AGG_SQL}
       FROM marts.agent_daily
       WHERE day BETWEEN $1::date AND $2::date
       GROUP BY agent_id
     )
     SELECT * FROM a ORDER BY ${AGENT_SORTS[sort]} ${dir} NULLS LAST, agent_id COLLATE "C" ${dir} LIMIT $3`,
    [period.from, period.to, limit],
  );
  return {
    projectId,
    timeZone,
    period,
    sort,
    order,
    teamNow: await teamNow(db),
    items: rows.map((r) => ({ agentId: r.agent_id, email: r.email, ...agentFigures(r) })),
  };
}

export async function getAgent(db: ScopedDb, agentId: string, q: { from?: string | undefined; to?: string | undefined }) {
  const { projectId, timeZone } = await projectTimeZone(db);
  const { period } = resolvePeriods(q, timeZone);
  const found = await db.query<{ email: string | null }>(
    `SELECT email FROM marts.agent_daily WHERE agent_id = $1 ORDER BY (email IS NULL), day DESC LIMIT 1`,
    [agentId],
  );
  if (!found.rows[0]) throw new AppError('not_found', 'No such agent.');
  const { rows } = await db.query<AgentAggRow & { day: string | null }>(
    `WITH d AS (
       SELECT day, ${AGG_SQL}
       FROM marts.agent_daily
       WHERE agent_id = $1 AND day BETWEEN $2::date AND $3::date
       GROUP BY GROUPING SETS ((day), ())
     ), days AS (
       SELECT g::date AS day FROM generate_series($2::date, $3::date, interval '1 day') g
       UNION ALL SELECT NULL
     )
     SELECT days.day, coalesce(d.conversations, 0) AS conversations, coalesce(d.assigned, 0) AS assigned,
            coalesce(d.closed, 0) AS closed, coalesce(d.transfers_in, 0) AS transfers_in,
            d.avg_seconds_to_assign, d.avg_seconds_to_close,
            coalesce(d.medians_assign, '[]') AS medians_assign, coalesce(d.medians_close, '[]') AS medians_close
     FROM days LEFT JOIN d ON d.day IS NOT DISTINCT FROM days.day
     ORDER BY days.day NULLS FIRST`,
    [agentId, period.from, period.to],
  );
  const [total, ...daily] = rows;
  return {
    projectId,
    timeZone,
    period,
    agent: { agentId, email: found.rows[0].email },
    teamNow: await teamNow(db),
    totals: agentFigures(total!),
    daily: daily.map((r) => ({ day: r.day!, ...agentFigures(r) })),
  };
}
