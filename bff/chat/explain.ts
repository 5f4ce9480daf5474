/**
 * "¿Por qué bajó el CTR?": the change of a channel's metric between two periods decomposed into
 * drivers — platform, campaign, weekday, and new vs ended vs continuing campaigns — each with its
 * contribution (docs/adr/024). GET /v1/explain and the chat's certified tool `explain_change` use
 * this one service, over the per-campaign, per-platform, per-day mart (marts.campaign_daily) under
 * the caller's RLS scope.
 *
 * Contributions add up exactly to the change, within every dimension:
 *  - a count (sent, delivered, opened, clicked, impressions): segment i contributes x_a(i) − x_b(i);
 *  - a rate r = n ÷ d (ctr, deliveryRate, openRate): segment i contributes
 *    (n_a(i) − r_b·d_a(i)) ÷ D_a − (n_b(i) − r_b·d_b(i)) ÷ D_b, whose sum is r_a − r_b (the second
 *    terms sum to zero by the definition of r_b). It counts both a segment's own rate moving and its
 *    weight moving (a platform that loses volume while converting better than average pulls the rate down).
 * The figures are those attributed to campaigns (the campaign mart); the channel KPIs may also count
 * messages outside campaigns.
 */
import { z } from 'zod';
import { daysBetween, isIsoDay, weekday } from '../../lib/dates.js';
import type { ScopedDb } from '../db/scope.js';
import { invalidParameter } from '../errors.js';
import { defineRoute } from '../routes/define.js';
import { dateRange } from '../routes/params.js';
import { resolvePeriods } from '../services/period.js';
import { projectTimeZone } from '../services/kpis.js';

export const EXPLAIN_CHANNELS = ['push', 'inapp', 'sms', 'email'] as const;
export const EXPLAIN_METRICS = ['sent', 'delivered', 'opened', 'clicked', 'impressions', 'ctr', 'deliveryRate', 'openRate'] as const;
export type ExplainMetric = (typeof EXPLAIN_METRICS)[number];
type Channel = (typeof EXPLAIN_CHANNELS)[number];
type Column = 'sent' | 'delivered' | 'opened' | 'clicked' | 'impressions';

/** numerator ÷ denominator of each metric (a count has no denominator). */
function parts(channel: Channel, metric: ExplainMetric): { n: Column; d?: Column } {
  switch (metric) {
    case 'ctr':
      return { n: 'clicked', d: channel === 'push' ? 'sent' : channel === 'inapp' ? 'impressions' : 'delivered' };
    case 'deliveryRate':
      return { n: 'delivered', d: 'sent' };
    case 'openRate':
      return { n: 'opened', d: 'delivered' };
    default:
      return { n: metric };
  }
}

export interface Driver {
  dimension: 'platform' | 'campaign' | 'weekday' | 'lifecycle';
  key: string;
  label: string;
  value: number | null;
  baseValue: number | null;
  contribution: number;
  /** contribution ÷ change (null when nothing changed). */
  share: number | null;
}

export interface Explanation {
  channel: Channel;
  metric: ExplainMetric;
  format: 'count' | 'ratio';
  period: { from: string; to: string };
  basePeriod: { from: string; to: string };
  value: number | null;
  baseValue: number | null;
  change: number | null;
  /** The largest contributions in the direction of the change, across dimensions (lifecycle excluded: it restates campaigns). */
  top: Driver[];
  drivers: { platform: Driver[]; campaign: Driver[]; weekday: Driver[]; lifecycle: Driver[] };
}

const ISO_WEEKDAYS = ['', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

interface Cell {
  n: [number, number];
  d: [number, number];
  label: string;
}

export async function explainChange(
  db: ScopedDb,
  q: { channel: Channel; metric: ExplainMetric; from?: string | undefined; to?: string | undefined; baseFrom?: string | undefined; baseTo?: string | undefined },
): Promise<Explanation> {
  const { timeZone } = await projectTimeZone(db);
  const p = resolvePeriods(q, timeZone);
  let base = p.previousPeriod;
  if (q.baseFrom || q.baseTo) {
    if (!q.baseFrom || !q.baseTo || !isIsoDay(q.baseFrom) || !isIsoDay(q.baseTo)) throw invalidParameter('baseFrom', 'Give both baseFrom and baseTo (YYYY-MM-DD), or neither.');
    if (q.baseFrom > q.baseTo) throw invalidParameter('baseFrom', 'baseFrom must not be after baseTo.');
    if (daysBetween(q.baseFrom, q.baseTo) > 731) throw invalidParameter('baseFrom', 'The base range may span at most 731 days.');
    base = { from: q.baseFrom, to: q.baseTo };
  }
  const { n, d } = parts(q.channel, q.metric);
  const { rows } = await db.query<{ cur: boolean; platform: string; campaign_id: string; name: string | null; day: string; n: string | null; d: string | null }>(
    `SELECT cd.day BETWEEN $2::date AND $3::date AS cur, cd.platform, cd.campaign_id::text, c.name, to_char(cd.day, 'YYYY-MM-DD') AS day,
            sum(cd.${n})::text AS n, ${d ? `sum(cd.${d})::text` : 'NULL'} AS d
       FROM marts.campaign_daily cd
       LEFT JOIN marts.campaigns c ON c.project_id = cd.project_id AND c.campaign_id = cd.campaign_id
      WHERE cd.channel = $1 AND (cd.day BETWEEN $2::date AND $3::date OR cd.day BETWEEN $4::date AND $5::date)
      GROUP BY 1, 2, 3, 4, 5`,
    [q.channel, p.period.from, p.period.to, base.from, base.to],
  );
  const dims = { platform: new Map<string, Cell>(), campaign: new Map<string, Cell>(), weekday: new Map<string, Cell>() };
  const total = { n: [0, 0] as [number, number], d: [0, 0] as [number, number] };
  const add = (m: Map<string, Cell>, key: string, label: string, i: 0 | 1, nv: number, dv: number) => {
    const c = m.get(key) ?? { n: [0, 0], d: [0, 0], label };
    c.n[i] += nv;
    c.d[i] += dv;
    m.set(key, c);
  };
  for (const r of rows) {
    const i = r.cur ? 0 : 1;
    const nv = Number(r.n ?? 0);
    const dv = Number(r.d ?? 0);
    total.n[i] += nv;
    total.d[i] += dv;
    add(dims.platform, r.platform, r.platform, i, nv, dv);
    add(dims.campaign, r.campaign_id, r.name ?? `#${r.campaign_id}`, i, nv, dv);
    const wd = ((weekday(r.day) + 6) % 7) + 1;
    add(dims.weekday, ISO_WEEKDAYS[wd]!, ISO_WEEKDAYS[wd]!, i, nv, dv);
  }
  const isRate = d !== undefined;
  const value = (i: 0 | 1) => (isRate ? (total.d[i] ? total.n[i] / total.d[i] : null) : total.n[i]);
  const [va, vb] = [value(0), value(1)];
  const change = va !== null && vb !== null ? va - vb : null;
  const rb = vb ?? 0;
  const contribution = (c: Cell) =>
    isRate ? (total.d[0] ? (c.n[0] - rb * c.d[0]) / total.d[0] : 0) - (total.d[1] ? (c.n[1] - rb * c.d[1]) / total.d[1] : 0) : c.n[0] - c.n[1];
  const own = (c: Cell, i: 0 | 1) => (isRate ? (c.d[i] ? c.n[i] / c.d[i] : null) : c.n[i]);
  const drivers = (dimension: Driver['dimension'], m: Map<string, Cell>): Driver[] =>
    [...m]
      .map(([key, c]) => {
        const k = contribution(c);
        return { dimension, key, label: c.label, value: own(c, 0), baseValue: own(c, 1), contribution: k, share: change ? k / change : null };
      })
      .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.key.localeCompare(b.key));

  // New (only in the period), ended (only in the base period) and continuing campaigns.
  const life = new Map<string, Cell>();
  for (const [, c] of dims.campaign) {
    const key = c.d[1] === 0 && c.n[1] === 0 ? 'new' : c.d[0] === 0 && c.n[0] === 0 ? 'ended' : 'continuing';
    const l = life.get(key) ?? { n: [0, 0], d: [0, 0], label: key };
    for (const i of [0, 1] as const) {
      l.n[i] += c.n[i];
      l.d[i] += c.d[i];
    }
    life.set(key, l);
  }
  const all = { platform: drivers('platform', dims.platform), campaign: drivers('campaign', dims.campaign), weekday: drivers('weekday', dims.weekday), lifecycle: drivers('lifecycle', life) };
  const sign = Math.sign(change ?? 0);
  const top = [...all.platform, ...all.campaign, ...all.weekday]
    .filter((x) => sign !== 0 && Math.sign(x.contribution) === sign)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, 5);
  return {
    channel: q.channel,
    metric: q.metric,
    format: isRate ? 'ratio' : 'count',
    period: p.period,
    basePeriod: base,
    value: va,
    baseValue: vb,
    change,
    top,
    drivers: { ...all, campaign: all.campaign.slice(0, 20) },
  };
}

/** One driver of a change, as /v1/explain and /v1/insights answer it. */
export const explainDriver = z.object({
  dimension: z.enum(['platform', 'campaign', 'weekday', 'lifecycle']),
  key: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  baseValue: z.number().nullable(),
  contribution: z.number(),
  share: z.number().nullable(),
});
const range = z.object({ from: z.string(), to: z.string() });

export const explainRoute = defineRoute({
  method: 'get',
  path: '/explain',
  operationId: 'explainChange',
  summary: "Why a channel's metric changed between two periods: its drivers (platform, campaign, weekday, new vs ended campaigns) with each one's contribution.",
  tag: 'metrics',
  query: z
    .object({
      channel: z.enum(EXPLAIN_CHANNELS),
      metric: z.enum(EXPLAIN_METRICS),
      ...dateRange,
      baseFrom: dateRange.from.describe('First day of the base period (default: the period of the same length before).'),
      baseTo: dateRange.to.describe('Last day of the base period.'),
    })
    .strict(),
  response: z.object({
    channel: z.string(),
    metric: z.string(),
    format: z.enum(['count', 'ratio']),
    period: range,
    basePeriod: range,
    value: z.number().nullable(),
    baseValue: z.number().nullable(),
    change: z.number().nullable(),
    top: z.array(explainDriver),
    drivers: z.object({ platform: z.array(explainDriver), campaign: z.array(explainDriver), weekday: z.array(explainDriver), lifecycle: z.array(explainDriver) }),
  }),
  // Not cached: a one-off analysis, computed from the campaign mart on each call.
  cacheable: false,
  handler: ({ db, query }) => explainChange(db, query),
});
