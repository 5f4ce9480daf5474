/**
 * Campaigns: the list with period totals (search, sort, keyset pagination) and one campaign's
 * configuration, totals and zero-filled daily series. Plain functions over a scoped connection; no
 * project filter of their own (row-level security decides which rows exist).
 *
 * Which campaigns a period lists: by default (`include=active`) those of the campaign dimension
 * (marts.campaigns) with statistics in the period; with `include=all` every campaign that existed
 * during it (created on or before `to`, not removed before `from`), with zeros where it sent nothing
 * (the way to find any campaign by name). A measure the campaign's channel does not have is null, not 0 (push has no opens,
 * in-app no sends; wallet and chat have no campaign statistics at all).
 */
import { AppError } from '../errors.js';
import { projectTimeZone } from './kpis.js';
import { resolvePeriods } from './period.js';
import { containsPattern, decodeCursor, keyset, page } from './keyset.js';
import type { ScopedDb } from '../db/scope.js';

export const CAMPAIGN_CHANNELS = ['push', 'inapp', 'sms', 'email', 'chat', 'wallet'] as const;
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];

const MEASURES = ['sent', 'delivered', 'opened', 'clicked', 'impressions', 'bounced', 'unsubscribed', 'cost'] as const;
type Measure = (typeof MEASURES)[number];

/** The measures each channel's campaign statistics have (docs/adr/007). */
const CHANNEL_MEASURES: Record<CampaignChannel, readonly Measure[]> = {
  push: ['sent', 'delivered', 'clicked'],
  inapp: ['impressions', 'clicked'],
  sms: ['sent', 'delivered', 'clicked', 'cost'],
  email: ['sent', 'delivered', 'opened', 'clicked', 'bounced', 'unsubscribed'],
  chat: [],
  wallet: [],
};

/** SQL: `sum_x` (a sum, NULL without rows) as the measure of the campaign's channel, NULL where it has none. */
function measureSql(m: Measure, channelCol: string, sumCol: string) {
  const channels = CAMPAIGN_CHANNELS.filter((c) => CHANNEL_MEASURES[c].includes(m));
  return `CASE WHEN ${channelCol} IN (${channels.map((c) => `'${c}'`).join(', ')}) THEN coalesce(${sumCol}, 0) END`;
}

const measuresSql = (channelCol: string, prefix: string) =>
  MEASURES.map((m) => `${measureSql(m, channelCol, `${prefix}${m}`)}${m === 'cost' ? '::float8' : ''} AS ${m}`).join(',\n         ');

/** Rates over measures named as columns: delivery = delivered ÷ sent, open = opened ÷ delivered, CTR = clicked ÷ sent (in-app: ÷ impressions). */
const RATES_SQL = `delivered::float8 / nullif(sent, 0) AS delivery_rate,
         opened::float8 / nullif(delivered, 0) AS open_rate,
         clicked::float8 / nullif(coalesce(sent, impressions), 0) AS ctr`;

export interface CampaignMetrics {
  sent: number | null;
  delivered: number | null;
  opened: number | null;
  clicked: number | null;
  impressions: number | null;
  bounced: number | null;
  unsubscribed: number | null;
  cost: number | null;
  currency: null;
  deliveryRate: number | null;
  openRate: number | null;
  ctr: number | null;
}

interface MetricsRow {
  sent: number | null;
  delivered: number | null;
  opened: number | null;
  clicked: number | null;
  impressions: number | null;
  bounced: number | null;
  unsubscribed: number | null;
  cost: number | null;
  delivery_rate: number | null;
  open_rate: number | null;
  ctr: number | null;
}

const metricsOf = (r: MetricsRow): CampaignMetrics => ({
  sent: r.sent,
  delivered: r.delivered,
  opened: r.opened,
  clicked: r.clicked,
  impressions: r.impressions,
  bounced: r.bounced,
  unsubscribed: r.unsubscribed,
  cost: r.cost,
  currency: null,
  deliveryRate: r.delivery_rate,
  openRate: r.open_rate,
  ctr: r.ctr,
});

export interface CampaignSummary extends CampaignMetrics {
  id: number;
  name: string;
  channel: string;
  status: string;
  createdDay: string | null;
  removedOn: string | null;
}

// ---------------------------------------------------------------------------------------------------
// The list

/** Sort keys a client may name, and the SQL expression (over the list's columns) each sorts by. */
export const CAMPAIGN_SORTS = {
  name: { sql: `app.fold(name) COLLATE "C"`, type: 'text' },
  created: { sql: `created_day::text COLLATE "C"`, type: 'text' },
  sent: { sql: 'sent::float8', type: 'float8' },
  delivered: { sql: 'delivered::float8', type: 'float8' },
  opened: { sql: 'opened::float8', type: 'float8' },
  clicked: { sql: 'clicked::float8', type: 'float8' },
  impressions: { sql: 'impressions::float8', type: 'float8' },
  cost: { sql: 'cost', type: 'float8' },
  deliveryRate: { sql: 'delivery_rate', type: 'float8' },
  openRate: { sql: 'open_rate', type: 'float8' },
  ctr: { sql: 'ctr', type: 'float8' },
} as const;
export type CampaignSort = keyof typeof CAMPAIGN_SORTS;
export const CAMPAIGN_SORT_KEYS = Object.keys(CAMPAIGN_SORTS) as [CampaignSort, ...CampaignSort[]];

export interface CampaignListQuery {
  channel?: CampaignChannel | undefined;
  q?: string | undefined;
  include?: 'active' | 'all' | undefined;
  sort?: CampaignSort | undefined;
  order?: 'asc' | 'desc' | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Default direction: names and dates ascending, figures descending (the biggest first). */
export const defaultOrder = (sort: string): 'asc' | 'desc' => (sort === 'name' || sort === 'created' ? 'asc' : 'desc');

export async function listCampaigns(db: ScopedDb, q: CampaignListQuery) {
  const { projectId, timeZone } = await projectTimeZone(db);
  const { period } = resolvePeriods(q, timeZone);
  const sort = q.sort ?? 'sent';
  const order = q.order ?? defaultOrder(sort);
  const limit = q.limit ?? 25;
  const channels = q.channel ? [q.channel] : [...CAMPAIGN_CHANNELS];
  const search = q.q?.trim() || undefined;
  // The cursor is valid only for the query it came from.
  const context = { r: 'campaigns', sort, order, channels, search: search ?? null, include: q.include ?? 'active', period };
  const s = CAMPAIGN_SORTS[sort];
  const cursor = q.cursor ? decodeCursor(q.cursor, context, { value: s.type === 'text' ? 'string' : 'number', id: 'number' }) : undefined;

  const params: unknown[] = [channels, period.from, period.to, q.include === 'all'];
  let searchSql = '';
  if (search) {
    params.push(containsPattern(search));
    searchSql = `AND app.fold(c.name) LIKE app.fold($${params.length}) ESCAPE '\\'`;
  }
  const ks = keyset({ value: s.sql, valueType: s.type, zero: s.type === 'text' ? `''` : '0::float8', id: 'id', idType: 'bigint', dir: order }, cursor, params);
  params.push(limit + 1);
  const { rows } = await db.query<MetricsRow & { id: number; name: string; channel: string; status: string; created_day: string | null; removed_on: string | null; sort_key: string | number | null }>(
    // MATERIALIZED: the period's aggregate is computed once, whatever the (possibly stale) row
    // estimates say; with fresh marts and no statistics yet the planner re-aggregated it per campaign.
    `WITH t AS MATERIALIZED (
       SELECT d.channel, d.campaign_id,
              sum(d.sent) AS sum_sent, sum(d.delivered) AS sum_delivered, sum(d.opened) AS sum_opened,
              sum(d.clicked) AS sum_clicked, sum(d.impressions) AS sum_impressions, sum(d.bounced) AS sum_bounced,
              sum(d.unsubscribed) AS sum_unsubscribed, sum(d.cost) AS sum_cost
       FROM marts.campaign_daily d
       WHERE d.channel = ANY($1::text[]) AND d.day BETWEEN $2::date AND $3::date
       GROUP BY d.channel, d.campaign_id
     ), m AS (
       SELECT c.campaign_id AS id, c.name, c.channel, c.status, c.created_day, c.removed_on,
              ${measuresSql('c.channel', 't.sum_')}
       FROM marts.campaigns c
       LEFT JOIN t ON t.channel = c.channel AND t.campaign_id = c.campaign_id
       WHERE c.channel = ANY($1::text[])
         AND (c.created_day IS NULL OR c.created_day <= $3::date)
         AND (c.removed_on IS NULL OR c.removed_on > $2::date)
         AND ($4::boolean OR t.campaign_id IS NOT NULL)
         ${searchSql}
     ), r AS (
       SELECT m.*, ${RATES_SQL} FROM m
     )
     SELECT r.*, ${s.sql} AS sort_key FROM r
     WHERE ${ks.where}
     ORDER BY ${ks.orderBy}
     LIMIT $${params.length}`,
    params,
  );
  const items = rows.map((r) => ({
    summary: {
      id: r.id,
      name: r.name,
      channel: r.channel,
      status: r.status,
      createdDay: r.created_day,
      removedOn: r.removed_on,
      ...metricsOf(r),
    } satisfies CampaignSummary,
    key: r.sort_key,
  }));
  const p = page(items, limit, (x) => ({ v: x.key, i: x.summary.id }), context);
  return {
    projectId,
    timeZone,
    period,
    sort,
    order,
    limit,
    items: p.items.map((x) => x.summary),
    nextCursor: p.nextCursor,
  };
}

// ---------------------------------------------------------------------------------------------------
// One campaign

export async function getCampaign(db: ScopedDb, id: number, q: { from?: string | undefined; to?: string | undefined }) {
  const { projectId, timeZone } = await projectTimeZone(db);
  const { period } = resolvePeriods(q, timeZone);
  const found = await db.query<{ id: number; name: string; channel: string; status: string; created_at: Date | null; created_day: string | null; removed_on: string | null }>(
    `SELECT campaign_id AS id, name, channel, status, created_at, created_day, removed_on FROM marts.campaigns WHERE campaign_id = $1`,
    [id],
  );
  const c = found.rows[0];
  // Unknown here and another project's campaign look the same: RLS shows neither.
  if (!c) throw new AppError('not_found', 'No such campaign.');
  const { rows } = await db.query<MetricsRow & { day: string | null }>(
    `WITH d AS (
       SELECT day, sum(sent) AS sum_sent, sum(delivered) AS sum_delivered, sum(opened) AS sum_opened,
              sum(clicked) AS sum_clicked, sum(impressions) AS sum_impressions, sum(bounced) AS sum_bounced,
              sum(unsubscribed) AS sum_unsubscribed, sum(cost) AS sum_cost
       FROM marts.campaign_daily
       WHERE channel = $1 AND campaign_id = $2 AND day BETWEEN $3::date AND $4::date
       GROUP BY GROUPING SETS ((day), ())
     ), days AS (
       SELECT g::date AS day FROM generate_series($3::date, $4::date, interval '1 day') g
       UNION ALL SELECT NULL
     ), m AS (
       SELECT days.day, ${measuresSql('$1::text', 'd.sum_')}
       FROM days LEFT JOIN d ON d.day IS NOT DISTINCT FROM days.day
     )
     SELECT m.*, ${RATES_SQL} FROM m ORDER BY day NULLS FIRST`,
    [c.channel, id, period.from, period.to],
  );
  const [total, ...daily] = rows;
  return {
    projectId,
    timeZone,
    period,
    campaign: {
      id: c.id,
      name: c.name,
      channel: c.channel,
      status: c.status,
      createdAt: c.created_at ? c.created_at.toISOString() : null,
      createdDay: c.created_day,
      removedOn: c.removed_on,
    },
    totals: metricsOf(total!),
    daily: daily.map((r) => ({ day: r.day!, ...metricsOf(r) })),
  };
}
