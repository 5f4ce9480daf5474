/**
 * The daily horizon (docs/adr/029) against the simulator and real PostgreSQL: the same 100 days of
 * journeys and chat statistics backfilled with the old plan (one request per journey and day, one
 * chat statistics request per day) and then with the new one (day by day for the last 62 days, per
 * calendar month before) give the same daily marts for the recent window; past it the daily chat
 * figures stay daily, and each month's row equals the sum of the old plan's days of that month
 * (nothing is spread over days, nothing lost). The month rows stay within their project (RLS).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, datesBetween, todayIn } from '../lib/dates.js';
import { createPool, type Pool } from '../lib/db.js';
import { testDatabase, type TestDatabase } from '../lib/testing/database.js';
import { chatGroup } from './groups/chat.js';
import { journeysGroup } from './groups/journeys.js';
import { DAILY_HORIZON_DAYS } from './pipeline/plan.js';
import type { EndpointSpec, GroupSpec } from './pipeline/types.js';
import { upsertProject, type Project } from './projects.js';
import { DEMO_PROJECTS, type SimProject } from './simulator/catalog.js';
import { startSimulator, type RunningSimulator } from './simulator/server.js';
import { apiClients, backfillTasks, runTasks, type SyncSummary } from './sync.js';

const NOW = new Date('2026-11-18T15:00:00Z');
const DAYS = 100;
const [, moda, viajes] = DEMO_PROJECTS as [SimProject, SimProject, SimProject];
const project = (p: SimProject): Project => ({ projectId: p.id, name: p.name, timeZone: p.timeZone, credentialsRef: 'demo', status: 'active' });

/** The plan before ADR 029: the totals-only endpoints asked one day per request, at every age. */
const oldPlan = (g: GroupSpec): GroupSpec => ({
  ...g,
  endpoints: g.endpoints.map((e): EndpointSpec => {
    if (e.dailyDays === undefined) return e;
    const { dailyDays: _, ...rest } = e;
    return { ...rest, maxWindowDays: 1 };
  }),
});

let db: TestDatabase;
let sim: RunningSimulator;
let etl: Pool;
let owner: pg.Client;
const q = async <T extends pg.QueryResultRow = Record<string, any>>(sql: string, params: unknown[] = []) => (await owner.query<T>(sql, params)).rows;

type Snapshot = { funnel: Record<string, any>[]; categories: Record<string, any>[]; daily: Record<string, any>[]; summary: SyncSummary };
async function backfill(groups: GroupSpec[]): Promise<Snapshot> {
  const summary = await runTasks(etl, backfillTasks([moda, viajes].map(project), groups, DAYS, NOW), { clients: apiClients(sim.url), concurrency: 4 });
  return {
    summary,
    funnel: await q(
      `SELECT journey_id::int, day, days, node_id, position, users::int, sent::int, opened::int, clicked::int FROM marts.journey_funnel
       WHERE project_id = $1 ORDER BY journey_id, day, node_id`,
      [moda.id],
    ),
    categories: await q(`SELECT day, days, category, messages::int FROM marts.chat_categories WHERE project_id = $1 ORDER BY day, category`, [moda.id]),
    daily: await q(
      `SELECT day, sent::int, delivered::int, read::int, total_messages::int, peak_minute_utc FROM marts.chat_daily WHERE project_id = $1 ORDER BY day`,
      [moda.id],
    ),
  };
}

let before: Snapshot;
let after: Snapshot;
const today = todayIn(moda.timeZone, NOW);
const cut = addDays(today, -(DAILY_HORIZON_DAYS - 1));
const from = addDays(today, -(DAYS - 1));
const requests = (s: SyncSummary, group: string) => s.runs.filter((r) => r.group === group).flatMap((r) => r.windows).reduce((n, w) => n + w.requests, 0);

beforeAll(async () => {
  db = await testDatabase();
  sim = await startSimulator({ rateLimit: false, now: () => NOW });
  etl = createPool(db.etlUrl, { max: 6 });
  owner = new pg.Client(db.ownerUrl);
  await owner.connect();
  for (const p of [moda, viajes]) await upsertProject(etl, { projectId: p.id, name: p.name, timeZone: p.timeZone, credentialsRef: 'demo' });
  before = await backfill([oldPlan(journeysGroup), oldPlan(chatGroup)]);
  after = await backfill([journeysGroup, chatGroup]);
}, 300_000);

afterAll(async () => {
  await etl?.end();
  await owner?.end();
  await sim?.close();
  await db?.drop();
});

describe('a backfill past the daily horizon', () => {
  it('succeeds with both plans, the new one with far fewer requests', () => {
    expect(before.summary.failures).toEqual([]);
    expect(after.summary.failures).toEqual([]);
    expect(before.funnel.length).toBeGreaterThan(0);
    expect(requests(after.summary, 'journeys')).toBeLessThan(requests(before.summary, 'journeys') * 0.8);
    expect(requests(after.summary, 'chat')).toBeLessThan(requests(before.summary, 'chat'));
  });

  it('gives the same daily marts for the recent window', () => {
    const recent = (rows: Record<string, any>[]) => rows.filter((r) => r.day >= cut);
    expect(recent(after.funnel)).toEqual(recent(before.funnel));
    expect(recent(after.categories)).toEqual(recent(before.categories));
    expect(recent(after.daily)).toEqual(recent(before.daily));
    expect(recent(after.funnel).every((r) => r.days === 1)).toBe(true);
    expect(recent(after.funnel).length).toBeGreaterThan(0);
  });

  it('keeps the daily chat figures daily past the horizon, and no day pretends to have the window figures of a month', () => {
    const old = (rows: Record<string, any>[]) => rows.filter((r) => r.day < cut);
    const pick = (rows: Record<string, any>[]) => old(rows).map((r) => [r.day, r.sent, r.delivered, r.read]);
    expect(pick(after.daily)).toEqual(pick(before.daily));
    expect(old(after.daily).every((r) => r.total_messages === null && r.peak_minute_utc === null)).toBe(true);
  });

  it("past the horizon, one row per node or category and calendar month, equal to the sum of that month's days", () => {
    const months = (rows: Record<string, any>[]) => rows.filter((r) => r.day < cut);
    // The month rows tile [from, cut − 1] by calendar month.
    const spans = [...new Set(months(after.categories).map((r) => `${r.day}|${r.days}`))].sort();
    expect(spans.flatMap((s) => { const [d, n] = s.split('|'); return datesBetween(d!, addDays(d!, Number(n) - 1)); })).toEqual(datesBetween(from, addDays(cut, -1)));
    for (const s of spans) expect(s.slice(0, 7)).toBe(addDays(s.slice(0, 10), Number(s.split('|')[1]) - 1).slice(0, 7));

    const sum = (rows: Record<string, any>[], key: (r: Record<string, any>) => string, fields: string[]) => {
      const out = new Map<string, Record<string, number | null>>();
      for (const r of rows) {
        const t = out.get(key(r)) ?? Object.fromEntries(fields.map((f) => [f, null]));
        for (const f of fields) if (r[f] !== null) t[f] = (t[f] ?? 0) + r[f];
        out.set(key(r), t);
      }
      return out;
    };
    const monthOfRow = (span: string[], day: string) => span.find((s) => day >= s.slice(0, 10) && day <= addDays(s.slice(0, 10), Number(s.split('|')[1]) - 1))!.slice(0, 10);
    const catOld = sum(months(before.categories), (r) => `${monthOfRow(spans, r.day)}|${r.category}`, ['messages']);
    expect(Object.fromEntries(months(after.categories).map((r) => [`${r.day}|${r.category}`, { messages: r.messages }]))).toEqual(Object.fromEntries(catOld));

    const fields = ['users', 'sent', 'opened', 'clicked'];
    const funnelOld = sum(months(before.funnel), (r) => `${r.journey_id}|${monthOfRow(spans, r.day)}|${r.node_id}`, fields);
    const funnelNew = sum(months(after.funnel), (r) => `${r.journey_id}|${r.day}|${r.node_id}`, fields);
    expect(Object.fromEntries(funnelNew)).toEqual(Object.fromEntries(funnelOld));
    expect(months(after.funnel).every((r) => r.days > 1 || r.day === addDays(cut, -1))).toBe(true);
  });

  it("another project's reader sees none of the month rows", async () => {
    const api = new pg.Client(db.apiUrl);
    await api.connect();
    try {
      await api.query('BEGIN');
      await api.query('SET LOCAL ROLE ig_reader');
      await api.query(`SELECT set_config('app.project_id', $1, true)`, [String(viajes.id)]);
      const seen = await api.query<{ project_id: string; n: number }>(
        `SELECT project_id::text, count(*)::int AS n FROM marts.journey_funnel WHERE days > 1 GROUP BY 1
         UNION ALL SELECT project_id::text, count(*)::int FROM marts.chat_categories WHERE days > 1 GROUP BY 1`,
      );
      expect(seen.rows.every((r) => r.project_id === String(viajes.id))).toBe(true);
      expect(seen.rows.length).toBeGreaterThan(0); // its own month rows are there
      await api.query('ROLLBACK');
    } finally {
      await api.end();
    }
  });
});
