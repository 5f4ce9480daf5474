/**
 * Customer journeys: the list with period totals and one journey's node funnel, from marts.journeys
 * and marts.journey_funnel (docs/adr/008). Users per node add up over days, so a period's funnel is
 * the sum per node. The funnel runs along `position` (the node's place in indigitall's userFlow, as of
 * the latest day of the period); nodes outside the userFlow (no position) follow at the end.
 *
 * - entered = users who reached the node; completed = users who reached the next node of the flow
 *   (for the last node: its own users, who completed the journey); dropOff = entered − completed.
 * - A journey's entered = its first node's users, completed = its last node's users.
 * - CTR = Σ clicked ÷ Σ sent (never an average of daily CTRs).
 *
 * Past the ETL's daily horizon the funnel exists only as calendar-month totals (rows with days > 1,
 * docs/adr/029). Such a row counts in a period only when its whole span lies inside the period; the
 * spans that straddle the period's bounds are left out of the totals and listed in `leftOut`, so a
 * reader knows the figures do not cover those days (they are never spread over days).
 */
import { AppError } from '../errors.js';
import { projectTimeZone } from './kpis.js';
import { resolvePeriods } from './period.js';
import type { ScopedDb } from '../db/scope.js';

const ratio = (num: number | null, den: number | null) => (num !== null && den ? num / den : null);

interface NodeRow {
  node_id: string;
  position: number | null;
  campaign_id: number | null;
  campaign_name: string | null;
  campaign_type: string | null;
  users: number;
  sent: number;
  opened: number | null;
  clicked: number;
}

/** Per node of the journeys' rows in the period: sums, and the latest day's position and campaign. */
const NODES_SQL = `
  SELECT journey_id, node_id,
         (array_agg(position ORDER BY day DESC))[1] AS position,
         (array_agg(campaign_id ORDER BY day DESC))[1] AS campaign_id,
         (array_agg(campaign_name ORDER BY day DESC))[1] AS campaign_name,
         (array_agg(campaign_type ORDER BY day DESC))[1] AS campaign_type,
         sum(users)::float8 AS users, sum(sent)::float8 AS sent, sum(opened)::float8 AS opened, sum(clicked)::float8 AS clicked
  FROM marts.journey_funnel`;
/** Rows wholly inside the period [$1, $2]: a daily row, or a month's row whose span fits. */
const INSIDE = `day >= $1::date AND day + days - 1 <= $2::date`;
/** Spans of month rows of the journeys ($3) that straddle the period's bounds (left out of the totals). */
const LEFT_OUT_SQL = `
  SELECT DISTINCT day::text AS "from", (day + days - 1)::text AS "to" FROM marts.journey_funnel
  WHERE journey_id = ANY($3::bigint[]) AND days > 1 AND day <= $2::date AND day + days - 1 >= $1::date AND NOT (${INSIDE})
  ORDER BY 1`;

function funnel(nodes: NodeRow[]) {
  const ordered = [...nodes].sort((a, b) =>
    a.position === null ? (b.position === null ? (a.node_id < b.node_id ? -1 : 1) : 1) : b.position === null ? -1 : a.position - b.position || (a.node_id < b.node_id ? -1 : 1),
  );
  const flow = ordered.filter((n) => n.position !== null);
  return ordered.map((n) => {
    const i = flow.indexOf(n);
    const completed = i < 0 ? null : i + 1 < flow.length ? flow[i + 1]!.users : n.users;
    const dropOff = completed === null ? null : n.users - completed;
    return {
      nodeId: n.node_id,
      position: n.position,
      campaignId: n.campaign_id,
      campaignName: n.campaign_name,
      campaignType: n.campaign_type,
      entered: n.users,
      completed,
      dropOff,
      dropOffRate: ratio(dropOff, n.users),
      sent: n.sent,
      opened: n.opened,
      clicked: n.clicked,
      ctr: ratio(n.clicked, n.sent),
    };
  });
}

function journeyTotals(nodes: NodeRow[]) {
  const f = funnel(nodes).filter((n) => n.position !== null);
  const entered = f[0]?.entered ?? 0;
  const completed = f[f.length - 1]?.entered ?? 0;
  const sent = nodes.reduce((s, n) => s + n.sent, 0);
  const clicked = nodes.reduce((s, n) => s + n.clicked, 0);
  return { entered, completed, completionRate: ratio(completed, entered), sent, clicked, ctr: ratio(clicked, sent) };
}

interface JourneyRow {
  id: number;
  name: string;
  status: string;
  created_day: string | null;
  removed_on: string | null;
}
const journeyOf = (j: JourneyRow) => ({ id: j.id, name: j.name, status: j.status, createdDay: j.created_day, removedOn: j.removed_on });

export async function listJourneys(db: ScopedDb, q: { status?: string | undefined; from?: string | undefined; to?: string | undefined }) {
  const { projectId, timeZone } = await projectTimeZone(db);
  const { period } = resolvePeriods(q, timeZone);
  const journeys = await db.query<JourneyRow>(
    `SELECT journey_id AS id, name, status, created_day, removed_on FROM marts.journeys
     WHERE (created_day IS NULL OR created_day <= $2::date) AND (removed_on IS NULL OR removed_on > $1::date)
       AND ($3::text IS NULL OR status = $3)
     ORDER BY journey_id`,
    [period.from, period.to, q.status ?? null],
  );
  const nodes = await db.query<NodeRow & { journey_id: number }>(
    `${NODES_SQL} WHERE journey_id = ANY($3::bigint[]) AND ${INSIDE} GROUP BY journey_id, node_id`,
    [period.from, period.to, journeys.rows.map((j) => j.id)],
  );
  const leftOut = await db.query<{ from: string; to: string }>(LEFT_OUT_SQL, [period.from, period.to, journeys.rows.map((j) => j.id)]);
  return {
    projectId,
    timeZone,
    period,
    leftOut: leftOut.rows,
    items: journeys.rows.map((j) => ({ ...journeyOf(j), ...journeyTotals(nodes.rows.filter((n) => n.journey_id === j.id)) })),
  };
}

export async function getJourneyFunnel(db: ScopedDb, id: number, q: { from?: string | undefined; to?: string | undefined }) {
  const { projectId, timeZone } = await projectTimeZone(db);
  const { period } = resolvePeriods(q, timeZone);
  const found = await db.query<JourneyRow>(`SELECT journey_id AS id, name, status, created_day, removed_on FROM marts.journeys WHERE journey_id = $1`, [id]);
  const j = found.rows[0];
  if (!j) throw new AppError('not_found', 'No such journey.');
  const nodes = await db.query<NodeRow>(`${NODES_SQL} WHERE journey_id = ANY($3::bigint[]) AND ${INSIDE} GROUP BY journey_id, node_id`, [period.from, period.to, [id]]);
  const leftOut = await db.query<{ from: string; to: string }>(LEFT_OUT_SQL, [period.from, period.to, [id]]);
  return { projectId, timeZone, period, leftOut: leftOut.rows, journey: journeyOf(j), ...journeyTotals(nodes.rows), nodes: funnel(nodes.rows) };
}
