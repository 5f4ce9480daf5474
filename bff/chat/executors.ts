/**
 * The chat's tool executors: tool name → function(db, input) → a result shaped for the chat (kind,
 * data, the chart spec chosen by rule, truncated). Certified tools call the very services the REST
 * endpoints call, so a chat figure equals the widget's figure; each call runs in its own read-only
 * RLS scope of the request's project and user. `run_sql` goes through the SQL guard
 * (bff/chat/sql/run.ts), which opens its own, narrower scope.
 */
import { getAgent, listAgents } from '../services/agents.js';
import { getBreakdown } from '../services/breakdown.js';
import { getCampaign, listCampaigns } from '../services/campaigns.js';
import { getChat } from '../services/chat.js';
import { getDevices } from '../services/devices.js';
import { getHeatmap } from '../services/heatmap.js';
import { getJourneyFunnel, listJourneys } from '../services/journeys.js';
import { getKpis, type MetricFormat } from '../services/kpis.js';
import { getTimeseries } from '../services/timeseries.js';
import { withReadScope, onFreshReplica, type ReadStats } from '../db/replica.js';
import type { Scope, ScopedDb } from '../db/scope.js';
import { AppError } from '../errors.js';
import type { Pool } from '../../lib/db.js';
import { titles } from './answers.js';
import { explainChange } from './explain.js';
import { chartSpec } from './charts.js';
import type { Column, KpiData, Lang, TableData, ToolResult } from './engine.js';
import { runGuardedSql, SqlGuardError, type SqlOptions, type SqlResult, type SqlScope } from './sql/run.js';
import { TOOLS, type ToolCall, type ToolInput, type ToolName } from './tools.js';

/** An error worded for the model and the user (bad input, nothing found); goes back as is_error. */
export class ToolError extends Error {}

export type RunSql = (pool: Pool, scope: SqlScope, sql: string, opts: SqlOptions) => Promise<SqlResult>;

export interface ExecContext {
  pool: Pool;
  /**
   * A streaming replica (REPLICA_DATABASE_URL): tools and run_sql read there once it has replayed
   * `dataVersion()` (the project's version as the BFF's listener knows it), else on `pool`.
   */
  replica?: Pool | undefined;
  dataVersion?: (() => number | undefined) | undefined;
  readStats?: ReadStats | undefined;
  scope: Scope;
  statementTimeoutMs: number;
  maxWaiting?: number | undefined;
  /** Rows a table keeps (the rest is cut and `truncated` set). */
  maxRows: number;
  lang: Lang;
  runSql?: RunSql | undefined;
}

/** What an executor returns before the common fields are added. */
type Partial = Omit<ToolResult, 'source' | 'truncated' | 'rows' | 'kind'> & { kind?: ToolResult['kind']; truncated?: boolean; endpoint?: string; period?: { from: string; to: string } };

type Exec<N extends ToolName> = (db: ScopedDb, input: ToolInput<N>, ctx: ExecContext) => Promise<Partial>;

const q = (params: Record<string, string | number | boolean | undefined>) =>
  Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');

const col = (name: string, type: Column['type'], format?: MetricFormat): Column => ({ name, type, ...(format ? { format } : {}) });

const WEEKDAYS: Record<Lang, string[]> = {
  es: ['lun', 'mar', 'mié', 'jue', 'vie', 'sáb', 'dom'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  pt: ['seg', 'ter', 'qua', 'qui', 'sex', 'sáb', 'dom'],
};

/** A table, with its chart when the rule finds one (kind chart), else a table. */
function tableResult(title: string, table: TableData, wantChart: boolean, forModel: unknown): Partial {
  const spec = wantChart ? chartSpec(table) : undefined;
  return { kind: spec ? 'chart' : 'table', title, data: table, spec, forModel };
}

const EXECUTORS: { [N in ToolName]: Exec<N> } = {
  async kpis_by_channel(db, input, ctx) {
    const r = await getKpis(db, input);
    const data: KpiData = { channel: r.channel, period: r.period, previousPeriod: r.previousPeriod, metrics: r.metrics };
    return {
      kind: 'kpi',
      title: titles(ctx.lang).kpis(r.channel),
      data,
      endpoint: `/v1/kpis?${q({ channel: input.channel, from: r.period.from, to: r.period.to })}`,
      period: r.period,
      forModel: { ...data, hasData: r.hasData, timeZone: r.timeZone, ...(r.channels ? { channels: r.channels } : {}) },
    };
  },

  async compare_periods(db, input, ctx) {
    const a = await getKpis(db, { channel: input.channel, ...input.a });
    const b = await getKpis(db, { channel: input.channel, ...input.b });
    const rows = a.metrics.map((m, i) => {
      const other = b.metrics[i]!;
      const change = m.value !== null && other.value !== null ? (m.format === 'ratio' ? other.value - m.value : m.value > 0 ? (other.value - m.value) / m.value : null) : null;
      return { metric: m.key, a: m.value, b: other.value, change };
    });
    const table: TableData = { columns: [col('metric', 'nominal'), col('a', 'quantitative'), col('b', 'quantitative'), col('change', 'quantitative')], rows };
    return {
      kind: 'table',
      title: titles(ctx.lang).compare(input.channel, `${a.period.from}…${a.period.to}`, `${b.period.from}…${b.period.to}`),
      data: table,
      endpoint: `/v1/kpis?${q({ channel: input.channel, from: a.period.from, to: a.period.to })}`,
      period: a.period,
      forModel: { channel: input.channel, a: { period: a.period, hasData: a.hasData }, b: { period: b.period, hasData: b.hasData }, rows, note: 'change: counts relative (b-a)/a, ratios absolute b-a' },
    };
  },

  async top_campaigns(db, input, ctx) {
    const r = await listCampaigns(db, { channel: input.channel, sort: input.metric, order: input.order === 'top' ? 'desc' : 'asc', limit: input.n, from: input.from, to: input.to });
    const metricFormat: MetricFormat = ['ctr', 'openRate', 'deliveryRate'].includes(input.metric) ? 'ratio' : input.metric === 'cost' ? 'currency' : 'count';
    const keys = [...new Set([input.metric, 'sent', 'clicked', 'ctr'])] as (keyof (typeof r.items)[number])[];
    const rows = r.items.map((c) => ({ id: c.id, name: c.name, channel: c.channel, ...Object.fromEntries(keys.map((k) => [k, c[k]])) }));
    const table: TableData = {
      columns: [col('id', 'nominal'), col('name', 'nominal'), col('channel', 'nominal'), ...keys.map((k) => col(String(k), 'quantitative', k === input.metric ? metricFormat : k === 'ctr' ? 'ratio' : 'count'))],
      rows,
    };
    return {
      kind: 'table',
      title: titles(ctx.lang).top(input.order, input.n, input.metric),
      data: table,
      endpoint: `/v1/campaigns?${q({ channel: input.channel, sort: input.metric, order: input.order === 'top' ? 'desc' : 'asc', limit: input.n, from: r.period.from, to: r.period.to })}`,
      period: r.period,
      forModel: { period: r.period, rows },
    };
  },

  async campaign_detail(db, input, ctx) {
    let id = input.id;
    if (id === undefined) {
      if (!input.name) throw new ToolError('Give a campaign id or a name to search for.');
      const found = await listCampaigns(db, { q: input.name, include: 'all', sort: 'sent', limit: 5, from: input.from, to: input.to });
      if (!found.items.length) throw new ToolError(`No campaign matches "${input.name}" in that period.`);
      id = found.items[0]!.id;
    }
    let r: Awaited<ReturnType<typeof getCampaign>>;
    try {
      r = await getCampaign(db, id, input);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') throw new ToolError(`No campaign with id ${id}.`);
      throw err;
    }
    const measures = (['sent', 'delivered', 'opened', 'clicked', 'impressions'] as const).filter((m) => r.totals[m] !== null);
    const rows = r.daily.map((d) => ({ day: d.day, ...Object.fromEntries(measures.map((m) => [m, d[m]])) }));
    const table: TableData = { columns: [col('day', 'temporal'), ...measures.map((m) => col(m, 'quantitative', 'count'))], rows };
    return {
      ...tableResult(`${r.campaign.name} (${r.campaign.channel})`, table, true, { campaign: r.campaign, period: r.period, totals: r.totals }),
      endpoint: `/v1/campaigns/${id}?${q({ from: r.period.from, to: r.period.to })}`,
      period: r.period,
    };
  },

  async time_series(db, input, ctx) {
    const r = await getTimeseries(db, {
      channel: input.channel,
      metric: input.metric,
      interval: input.interval,
      split: input.splitByPlatform ? 'platform' : undefined,
      from: input.from,
      to: input.to,
    }).catch((err) => {
      if (err instanceof AppError && err.code === 'invalid_parameter') throw new ToolError(err.detail);
      throw err;
    });
    const series = input.splitByPlatform ? r.series.filter((s) => s.platform !== null) : r.series.slice(0, 1);
    const rows = series.flatMap((s) => s.points.map((p) => ({ bucket: p.bucket, ...(input.splitByPlatform ? { platform: s.platform } : {}), [r.metric]: p.value })));
    const table: TableData = {
      columns: [col('bucket', 'temporal'), ...(input.splitByPlatform ? [col('platform', 'nominal')] : []), col(r.metric, 'quantitative', r.format)],
      rows,
    };
    const values = r.series[0]!.points.map((p) => p.value).filter((v): v is number => v !== null);
    const summary = values.length ? { min: Math.min(...values), max: Math.max(...values) } : {};
    return {
      ...tableResult(titles(ctx.lang).series(r.channel, r.metric, r.interval), table, true, { channel: r.channel, metric: r.metric, format: r.format, interval: r.interval, period: r.period, ...summary, rows }),
      endpoint: `/v1/timeseries?${q({ channel: input.channel, metric: r.metric, interval: r.interval, split: input.splitByPlatform ? 'platform' : undefined, from: r.period.from, to: r.period.to })}`,
      period: r.period,
    };
  },

  async best_send_time(db, input, ctx) {
    const r = await getHeatmap(db, input);
    const names = WEEKDAYS[ctx.lang];
    const rows = r.cells.map((c) => ({ weekday: names[c.weekday - 1], hour: c.hour, sent: c.sent, clicked: c.clicked, ctr: c.ctr }));
    const table: TableData = {
      columns: [col('weekday', 'ordinal'), col('hour', 'ordinal'), col('ctr', 'quantitative', 'ratio'), col('sent', 'quantitative', 'count'), col('clicked', 'quantitative', 'count')],
      rows,
    };
    const best = r.best.map((b) => ({ rank: b.rank, weekday: names[b.weekday - 1], isoWeekday: b.weekday, hour: b.hour, ctr: b.ctr, sent: b.sent }));
    return {
      ...tableResult(titles(ctx.lang).heatmap, table, true, { period: r.period, timeZone: r.timeZone, platform: r.platform, minSentToCompete: r.minSent, best }),
      endpoint: `/v1/heatmap?${q({ platform: input.platform, from: r.period.from, to: r.period.to })}`,
      period: r.period,
    };
  },

  async channel_mix(db, input, ctx) {
    const r = await getBreakdown(db, { by: 'channel', metric: input.metric, from: input.from, to: input.to });
    const rows = r.rows.map((x) => ({ channel: x.key, [input.metric]: x.value, share: x.share }));
    const table: TableData = { columns: [col('channel', 'nominal'), col(input.metric, 'quantitative', 'count'), col('share', 'quantitative', 'ratio')], rows };
    return {
      ...tableResult(titles(ctx.lang).mix(input.metric), table, true, { period: r.period, total: r.total, rows }),
      endpoint: `/v1/breakdown?${q({ by: 'channel', metric: input.metric, from: r.period.from, to: r.period.to })}`,
      period: r.period,
    };
  },

  async agent_ranking(db, input, ctx) {
    const r = await listAgents(db, { sort: input.sort, order: input.order, limit: input.n, from: input.from, to: input.to });
    const rows = r.items.map((a) => ({ ...a }));
    const table: TableData = {
      columns: [
        col('agentId', 'nominal'),
        col('email', 'nominal'),
        ...(['conversations', 'assigned', 'closed', 'transfersIn'] as const).map((k) => col(k, 'quantitative', 'count')),
        ...(['avgSecondsToAssign', 'medianSecondsToAssign', 'avgSecondsToClose', 'medianSecondsToClose'] as const).map((k) => col(k, 'quantitative', 'seconds')),
      ],
      rows,
    };
    return {
      kind: 'table',
      title: titles(ctx.lang).agents(r.sort),
      data: table,
      endpoint: `/v1/agents?${q({ sort: r.sort, order: r.order, limit: input.n, from: r.period.from, to: r.period.to })}`,
      period: r.period,
      forModel: { period: r.period, sort: r.sort, order: r.order, teamNow: r.teamNow, rows },
    };
  },

  async agent_response_times(db, input, ctx) {
    if (!input.agent) {
      // The team: every agent's times (the services keep no team-wide daily series).
      const r = await listAgents(db, { sort: 'avgSecondsToAssign', order: 'asc', from: input.from, to: input.to });
      const assigned = r.items.reduce((s, a) => s + a.assigned, 0);
      const closed = r.items.reduce((s, a) => s + a.closed, 0);
      const team = {
        avgSecondsToAssign: assigned ? r.items.reduce((s, a) => s + (a.avgSecondsToAssign ?? 0) * a.assigned, 0) / assigned : null,
        avgSecondsToClose: closed ? r.items.reduce((s, a) => s + (a.avgSecondsToClose ?? 0) * a.closed, 0) / closed : null,
      };
      const rows = r.items.map((a) => ({ agent: a.email ?? a.agentId, avgSecondsToAssign: a.avgSecondsToAssign, medianSecondsToAssign: a.medianSecondsToAssign, avgSecondsToClose: a.avgSecondsToClose, medianSecondsToClose: a.medianSecondsToClose }));
      const table: TableData = {
        columns: [col('agent', 'nominal'), ...(['avgSecondsToAssign', 'medianSecondsToAssign', 'avgSecondsToClose', 'medianSecondsToClose'] as const).map((k) => col(k, 'quantitative', 'seconds'))],
        rows,
      };
      return {
        kind: 'table',
        title: titles(ctx.lang).responseTimes,
        data: table,
        endpoint: `/v1/agents?${q({ sort: 'avgSecondsToAssign', order: 'asc', from: r.period.from, to: r.period.to })}`,
        period: r.period,
        forModel: { period: r.period, team, rows },
      };
    }
    let agentId = input.agent;
    if (input.agent.includes('@')) {
      const all = await listAgents(db, { sort: 'email', from: input.from, to: input.to });
      const hit = all.items.find((a) => a.email?.toLowerCase() === input.agent!.toLowerCase());
      if (!hit) throw new ToolError(`No agent with email ${input.agent} in that period.`);
      agentId = hit.agentId;
    }
    let r: Awaited<ReturnType<typeof getAgent>>;
    try {
      r = await getAgent(db, agentId, input);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') throw new ToolError(`No agent ${input.agent}.`);
      throw err;
    }
    const rows = r.daily.map((d) => ({ day: d.day, avgSecondsToAssign: d.avgSecondsToAssign, avgSecondsToClose: d.avgSecondsToClose }));
    const table: TableData = { columns: [col('day', 'temporal'), col('avgSecondsToAssign', 'quantitative', 'seconds'), col('avgSecondsToClose', 'quantitative', 'seconds')], rows };
    return {
      ...tableResult(titles(ctx.lang).agentTimes(r.agent.email ?? r.agent.agentId), table, true, { agent: r.agent, period: r.period, totals: r.totals }),
      endpoint: `/v1/agents/${encodeURIComponent(agentId)}?${q({ from: r.period.from, to: r.period.to })}`,
      period: r.period,
    };
  },

  async chat_fallback_rate(db, input, ctx) {
    const r = await getChat(db, input);
    const rows = r.days.map((d) => ({ day: d.day, fallbackRate: d.fallbackRate }));
    const table: TableData = { columns: [col('day', 'temporal'), col('fallbackRate', 'quantitative', 'ratio')], rows };
    const t = r.totals;
    return {
      ...tableResult(titles(ctx.lang).fallback, table, true, {
        period: r.period,
        hasData: r.hasData,
        fallbackRate: t.fallbackRate,
        botMessages: t.botMessages,
        fallbacks: t.fallbacks,
        messages: t.messages,
        bySendType: t.bySendType,
        byCategory: t.byCategory,
      }),
      endpoint: `/v1/chat?${q({ from: r.period.from, to: r.period.to })}`,
      period: r.period,
    };
  },

  async journey_dropoff(db, input, ctx) {
    let id = input.id;
    if (id === undefined) {
      const list = await listJourneys(db, { from: input.from, to: input.to });
      const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      const candidates = input.name ? list.items.filter((j) => fold(j.name).includes(fold(input.name!))) : list.items;
      const pick = [...candidates].sort((a, b) => b.entered - a.entered || a.id - b.id)[0];
      if (!pick) throw new ToolError(input.name ? `No journey matches "${input.name}" in that period.` : 'No journeys in that period.');
      id = pick.id;
    }
    let r: Awaited<ReturnType<typeof getJourneyFunnel>>;
    try {
      r = await getJourneyFunnel(db, id, input);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') throw new ToolError(`No journey with id ${id}.`);
      throw err;
    }
    const rows = r.nodes.map((n, i) => ({ step: `${i + 1}. ${n.campaignName ?? n.nodeId}`, entered: n.entered, completed: n.completed, dropOffRate: n.dropOffRate }));
    const table: TableData = { columns: [col('step', 'ordinal'), col('entered', 'quantitative', 'count'), col('completed', 'quantitative', 'count'), col('dropOffRate', 'quantitative', 'ratio')], rows };
    return {
      ...tableResult(titles(ctx.lang).journey(r.journey.name), table, true, { journey: r.journey, period: r.period, entered: r.entered, completed: r.completed, completionRate: r.completionRate, nodes: rows }),
      endpoint: `/v1/journeys/${id}/funnel?${q({ from: r.period.from, to: r.period.to })}`,
      period: r.period,
    };
  },

  async device_growth(db, input, ctx) {
    const r = await getDevices(db, { split: input.splitByPlatform ? 'platform' : undefined, from: input.from, to: input.to });
    let table: TableData;
    if (input.splitByPlatform && r.platforms) {
      table = {
        columns: [col('day', 'temporal'), col('platform', 'nominal'), col('active', 'quantitative', 'count')],
        rows: r.platforms.flatMap((p) => p.days.map((d) => ({ day: d.day, platform: p.platform, active: d.active }))),
      };
    } else {
      table = {
        columns: [col('day', 'temporal'), col('new', 'quantitative', 'count'), col('active', 'quantitative', 'count'), col('unregistered', 'quantitative', 'count')],
        rows: r.days.map((d) => ({ ...d })),
      };
    }
    return {
      ...tableResult(titles(ctx.lang).devices, table, true, { period: r.period, totals: r.totals, ...(r.platforms ? { platforms: r.platforms.map((p) => ({ platform: p.platform, totals: p.totals })) } : {}), note: 'active devices are a per-day distinct count: never add them across days' }),
      endpoint: `/v1/devices?${q({ split: input.splitByPlatform ? 'platform' : undefined, from: r.period.from, to: r.period.to })}`,
      period: r.period,
    };
  },

  async explain_change(db, input, ctx) {
    const r = await explainChange(db, input);
    const format: MetricFormat = r.format === 'ratio' ? 'ratio' : 'count';
    const rows = [...r.top, ...r.drivers.lifecycle].map((x) => ({ driver: x.dimension, name: x.label, base: x.baseValue, value: x.value, contribution: x.contribution, share: x.share }));
    const table: TableData = {
      columns: [col('driver', 'nominal'), col('name', 'nominal'), col('base', 'quantitative', format), col('value', 'quantitative', format), col('contribution', 'quantitative', format), col('share', 'quantitative', 'ratio')],
      rows,
    };
    return {
      kind: 'table',
      title: titles(ctx.lang).explain(r.channel, r.metric),
      data: table,
      endpoint: `/v1/explain?${q({ channel: r.channel, metric: r.metric, from: r.period.from, to: r.period.to, baseFrom: r.basePeriod.from, baseTo: r.basePeriod.to })}`,
      period: r.period,
      forModel: { channel: r.channel, metric: r.metric, format: r.format, period: r.period, basePeriod: r.basePeriod, value: r.value, baseValue: r.baseValue, change: r.change, top: r.top, lifecycle: r.drivers.lifecycle, platforms: r.drivers.platform },
    };
  },

  async sms_cost(db, input, ctx) {
    const k = await getKpis(db, { channel: 'sms', ...input });
    const s = await getTimeseries(db, { channel: 'sms', metric: 'cost', interval: 'day', from: input.from, to: input.to });
    const rows = s.series[0]!.points.map((p) => ({ day: p.bucket, cost: p.value }));
    const table: TableData = { columns: [col('day', 'temporal'), col('cost', 'quantitative', 'currency')], rows };
    const m = Object.fromEntries(k.metrics.map((x) => [x.key, x.value]));
    return {
      ...tableResult(titles(ctx.lang).smsCost, table, true, { period: k.period, currency: 'as billed (the API reports no currency)', cost: m.cost, sent: m.sent, delivered: m.delivered, previousCost: k.metrics.find((x) => x.key === 'cost')?.previous }),
      endpoint: `/v1/timeseries?${q({ channel: 'sms', metric: 'cost', interval: 'day', from: k.period.from, to: k.period.to })}`,
      period: k.period,
    };
  },

  async email_bounces_unsubscribes(db, input, ctx) {
    const k = await getKpis(db, { channel: 'email', ...input });
    const bounced = await getTimeseries(db, { channel: 'email', metric: 'bounced', interval: 'day', from: input.from, to: input.to });
    const unsub = await getTimeseries(db, { channel: 'email', metric: 'unsubscribed', interval: 'day', from: input.from, to: input.to });
    const rows = bounced.series[0]!.points.map((p, i) => ({ day: p.bucket, bounced: p.value, unsubscribed: unsub.series[0]!.points[i]?.value ?? null }));
    const table: TableData = { columns: [col('day', 'temporal'), col('bounced', 'quantitative', 'count'), col('unsubscribed', 'quantitative', 'count')], rows };
    const pick = ['sent', 'delivered', 'bounced', 'unsubscribed', 'spamReports', 'bounceRate', 'unsubscribeRate'];
    return {
      ...tableResult(titles(ctx.lang).bounces, table, true, { period: k.period, metrics: k.metrics.filter((m) => pick.includes(m.key)), note: 'soft/hard bounces are not split in the marts' }),
      endpoint: `/v1/kpis?${q({ channel: 'email', from: k.period.from, to: k.period.to })}`,
      period: k.period,
    };
  },

  async run_sql() {
    throw new Error('run_sql runs through runSqlTool');
  },
};

/** SQL types the guard reports → chat column types. */
function sqlColumnType(type: string): Column['type'] {
  const t = type.toLowerCase();
  if (/^(int[248]?|integer|bigint|smallint|float[48]|real|double|numeric|decimal|money)/.test(t)) return 'quantitative';
  if (/^(date|timestamp)/.test(t)) return 'temporal';
  return 'nominal';
}

async function runSqlTool(input: ToolInput<'run_sql'>, ctx: ExecContext, signal: AbortSignal): Promise<ToolResult> {
  const run = ctx.runSql ?? runGuardedSql;
  const scope = { projectId: ctx.scope.projectId, userId: ctx.scope.userId };
  let r: SqlResult;
  try {
    r = await onFreshReplica(
      ctx.pool,
      ctx.replica,
      ctx.dataVersion?.(),
      (pool, wanted) => run(pool, scope, input.sql, { maxRows: ctx.maxRows, statementTimeoutMs: ctx.statementTimeoutMs, wanted, signal }),
      ctx.readStats,
    );
  } catch (err) {
    if (err instanceof SqlGuardError) throw new ToolError(err.message);
    throw err;
  }
  const columns = r.columns.map((c) => col(c.name, sqlColumnType(c.type)));
  const rows = r.rows.map((row) => Object.fromEntries(columns.map((c, i) => [c.name, row[i]])));
  const table: TableData = { columns, rows };
  // A generated query is charted only when it is clearly a series over time.
  const spec = columns.some((c) => c.type === 'temporal') ? chartSpec(table) : undefined;
  return {
    kind: spec ? 'chart' : 'table',
    title: titles(ctx.lang).sql,
    data: table,
    spec,
    truncated: r.truncated,
    rows: rows.length,
    source: { tool: 'run_sql', certified: false },
    sql: r.sql,
    forModel: { columns: r.columns, rows: r.rows.slice(0, MODEL_ROWS), rowCount: rows.length, truncated: r.truncated || rows.length > MODEL_ROWS },
  };
}

/** Rows of a result the model gets in its tool_result (it is told when there were more). */
export const MODEL_ROWS = 60;

function capForModel(forModel: unknown): { value: unknown; cut: boolean } {
  if (!forModel || typeof forModel !== 'object' || Array.isArray(forModel)) return { value: forModel, cut: false };
  const out: Record<string, unknown> = {};
  let cut = false;
  for (const [k, v] of Object.entries(forModel)) {
    if (Array.isArray(v) && v.length > MODEL_ROWS) {
      out[k] = v.slice(0, MODEL_ROWS);
      out[`${k}Total`] = v.length;
      cut = true;
    } else out[k] = v;
  }
  return { value: out, cut };
}

/**
 * Runs one tool call for the request: certified tools in a read-only RLS scope of the request's
 * project and user (the running statement is cancelled when the signal aborts), run_sql through the
 * guard. Bad input and "nothing found" are ToolErrors (the model may try again); others are bugs.
 */
export async function executeTool(call: ToolCall, ctx: ExecContext, signal: AbortSignal): Promise<ToolResult> {
  if (signal.aborted) throw signal.reason ?? new Error('aborted');
  if (call.name === 'run_sql') return runSqlTool(call.input as ToolInput<'run_sql'>, ctx, signal);
  const exec = EXECUTORS[call.name] as Exec<ToolName>;
  const name = call.name;
  const opts = { readOnly: true, statementTimeoutMs: ctx.statementTimeoutMs, maxWaiting: ctx.maxWaiting };
  const partial = await withReadScope(ctx.pool, ctx.replica, ctx.dataVersion?.(), ctx.scope, opts, async (db, pool) => {
    const pid = (db as unknown as { processID?: number }).processID;
    const cancel = () => {
      // The login role may cancel its own backends, on the server the scope runs on (primary or
      // replica); the statement fails and the scope rolls back.
      if (pid) pool.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
    };
    signal.addEventListener('abort', cancel, { once: true });
    try {
      return await exec(db, call.input as never, ctx);
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  }, ctx.readStats);
  return finish(name, partial, ctx.maxRows);
}

/** The common fields of a certified tool's result: its kind, rows, the cut to maxRows, the source. */
function finish(name: Exclude<ToolName, 'run_sql'>, partial: Partial, maxRows: number): ToolResult {
  const { endpoint, period, truncated: t0, kind, ...rest } = partial;
  let truncated = t0 ?? false;
  let rows: number;
  if ('metrics' in rest.data) rows = rest.data.metrics.length;
  else {
    rows = rest.data.rows.length;
    if (rows > maxRows && kind !== 'chart') {
      rest.data = { ...rest.data, rows: rest.data.rows.slice(0, maxRows) };
      truncated = true;
    }
  }
  const capped = capForModel(rest.forModel);
  return {
    ...rest,
    kind: kind ?? TOOLS[name].kind,
    truncated,
    rows,
    forModel: capped.cut || truncated ? { ...(capped.value as object), truncated: true } : capped.value,
    source: { tool: name, certified: true, endpoint, period },
  };
}

/**
 * Runs one certified tool call on a connection already in the caller's RLS scope (the re-run of a
 * saved chat answer, bff/chat/rerun.ts): the same executor and result as in the chat, no model.
 */
export async function runCertifiedTool(db: ScopedDb, call: ToolCall, ctx: Pick<ExecContext, 'lang' | 'maxRows'>): Promise<ToolResult> {
  if (call.name === 'run_sql' || !TOOLS[call.name].certified) throw new ToolError('Only certified tools are re-run; a generated query is not.');
  const exec = EXECUTORS[call.name] as Exec<ToolName>;
  return finish(call.name, await exec(db, call.input as never, ctx as ExecContext), ctx.maxRows);
}
