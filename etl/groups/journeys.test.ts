/**
 * The journeys group's models on a real database (see etl/groups/conversation-testkit.ts): the journey
 * list (snapshot) and GET /v1/journey/{id}/stats per journey and local day, landed the way the
 * runner's fan-out lands them (endpoint `journey.stats:<journeyId>`, journeyId in the params), then
 * staging → marts → data tests in one transaction. CTRs are worked out by hand; a simulator day is
 * checked against its generator. The runner itself: etl/groups/journeys.runner.test.ts.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '../../lib/db.js';
import { testDatabase, type TestDatabase } from '../../lib/testing/database.js';
import type { Window } from '../pipeline/types.js';
import { journeyList as simJourneyList, projectJourneys } from '../simulator/campaigns.js';
import { DEMO_PROJECTS } from '../simulator/catalog.js';
import { journeyStats as simJourneyStats } from '../simulator/channels.js';
import { dataTestRows, inRolledBackTransaction, refresh, type Payload } from './conversation-testkit.js';
import { journeyList, journeyListSchema, journeysGroup, journeyStats, journeyStatsSchema } from './journeys.js';

const BOGOTA = 9001;
const W: Window = { from: '2026-03-02', to: '2026-03-03' };
const DAY1: Window = { from: '2026-03-02', to: '2026-03-02' };
const DAY2: Window = { from: '2026-03-03', to: '2026-03-03' };

let db: TestDatabase;
let etl: Pool;
let owner: pg.Client;

const q = async <T extends pg.QueryResultRow = Record<string, any>>(sql: string, params: unknown[] = []) =>
  (await owner.query<T>(sql, params)).rows;

const J1 = { id: 900101, name: 'Onboarding', status: 'active', createdAt: '2026-01-01' };
const J2 = { id: 900102, name: 'Carrito abandonado', status: 'Finished', createdAt: '2026-01-05T14:00:00Z' };
const list = (rows: unknown[]) => ({ statusCode: 200, message: 'OK', count: rows.length, data: rows });

interface Node {
  nodeId: string;
  campaignId: number;
  campaignName: string;
  campaignType: string;
  sent: number;
  opened: number | null;
  clicked: number;
  ctr: number;
  platforms: string[];
}
const node = (nodeId: string, campaignId: number, type: string, sent: number, opened: number | null, clicked: number): Node => ({
  nodeId, campaignId, campaignName: `paso ${nodeId} (${type})`, campaignType: type, sent, opened, clicked,
  ctr: sent > 0 ? Math.round((clicked / sent) * 10_000) / 10_000 : 0, platforms: type === 'push' ? ['ios', 'android'] : [type],
});
const stats = (userFlow: [string, number][], nodes: Node[]) => ({
  statusCode: 200, message: 'OK', data: { userFlow: userFlow.map(([nodeId, users]) => ({ nodeId, users })), nodes },
});
const EMPTY = stats([], []);

const J1_DAY1 = stats([['start', 100], ['node-1', 80], ['node-2', 40]], [node('node-1', 9001990011, 'push', 78, null, 4), node('node-2', 9001990012, 'email', 39, 10, 3)]);
const J1_DAY2 = stats([['start', 50], ['node-1', 45], ['node-2', 20]], [node('node-1', 9001990011, 'push', 44, null, 2), node('node-2', 9001990012, 'email', 20, 6, 1)]);
const J2_DAY1 = stats([['start', 10], ['node-1', 7]], [node('node-1', 9001990021, 'SMS', 7, null, 0)]);

/** A stats payload landed the way the fan-out lands it. */
const journeyDay = (journeyId: number, window: Window, payload: unknown): Payload => ({
  endpoint: journeyStats,
  window,
  payload,
  landAs: `journey.stats:${journeyId}`,
  params: { ...journeyStats.query(BOGOTA, window), journeyId },
});

const load = (ps: Payload[], window = W, projectId = BOGOTA) => refresh(etl, journeysGroup, projectId, window, ps);
const funnel = (projectId = BOGOTA) =>
  q(`SELECT journey_id, day, node_id, position, users, sent, opened, clicked, ctr, campaign_id, campaign_type, platforms
     FROM marts.journey_funnel WHERE project_id = $1 ORDER BY journey_id, day, position NULLS LAST, node_id`, [projectId]);
async function xmins() {
  const out: Record<string, string[]> = {};
  for (const t of ['staging.journeys', 'staging.journey_nodes_daily', 'marts.journeys', 'marts.journey_funnel']) {
    out[t] = (await q<{ k: string }>(`SELECT t::text || ':' || xmin::text AS k FROM ${t} t ORDER BY 1`)).map((r) => r.k);
  }
  return out;
}

beforeAll(async () => {
  db = await testDatabase();
  etl = createPool(db.etlUrl, { max: 2 });
  owner = new pg.Client(db.ownerUrl);
  await owner.connect();
  await etl.query(`INSERT INTO app.projects (project_id, name, time_zone, credentials_ref) VALUES (${BOGOTA}, 'Banco', 'America/Bogota', 'demo')`);
  for (const p of DEMO_PROJECTS) {
    await etl.query(`INSERT INTO app.projects (project_id, name, time_zone, credentials_ref) VALUES ($1, $2, $3, 'demo')`, [p.id, p.name, p.timeZone]);
  }
});

afterAll(async () => {
  await etl?.end();
  await owner?.end();
  await db?.drop();
});

describe('journeys group models', () => {
  it('the funnel per journey, local day and node: userFlow joined with nodes, CTR = clicked ÷ sent', async () => {
    const r = await load([
      { endpoint: journeyList, window: DAY2, payload: list([J1, J2]) },
      journeyDay(J1.id, DAY1, J1_DAY1),
      journeyDay(J1.id, DAY2, J1_DAY2),
      journeyDay(J2.id, DAY1, J2_DAY1),
      journeyDay(J2.id, DAY2, EMPTY),
    ]);
    expect(r.failures).toEqual([]);
    expect(r).toMatchObject({ committed: true, rawInserted: 5 });
    const rows = await funnel();
    expect(rows.filter((x) => x.journey_id === J1.id && x.day === '2026-03-02')).toEqual([
      { journey_id: J1.id, day: '2026-03-02', node_id: 'start', position: 1, users: 100, sent: 0, opened: null, clicked: 0, ctr: null, campaign_id: null, campaign_type: null, platforms: null },
      { journey_id: J1.id, day: '2026-03-02', node_id: 'node-1', position: 2, users: 80, sent: 78, opened: null, clicked: 4, ctr: 0.051282, campaign_id: 9001990011, campaign_type: 'push', platforms: ['android', 'ios'] },
      { journey_id: J1.id, day: '2026-03-02', node_id: 'node-2', position: 3, users: 40, sent: 39, opened: 10, clicked: 3, ctr: 0.076923, campaign_id: 9001990012, campaign_type: 'email', platforms: ['email'] },
    ]);
    expect(rows.map((x) => [x.journey_id, x.day, x.node_id])).toEqual([
      [J1.id, '2026-03-02', 'start'], [J1.id, '2026-03-02', 'node-1'], [J1.id, '2026-03-02', 'node-2'],
      [J1.id, '2026-03-03', 'start'], [J1.id, '2026-03-03', 'node-1'], [J1.id, '2026-03-03', 'node-2'],
      [J2.id, '2026-03-02', 'start'], [J2.id, '2026-03-02', 'node-1'],
    ]);
    expect(rows.find((x) => x.journey_id === J2.id && x.node_id === 'node-1')).toMatchObject({ campaign_type: 'sms', ctr: 0 });
    expect(await q(`SELECT journey_id, name, status, created_at, created_day, removed_on FROM marts.journeys WHERE project_id = $1 ORDER BY 1`, [BOGOTA])).toEqual([
      { journey_id: J1.id, name: 'Onboarding', status: 'active', created_at: null, created_day: '2026-01-01', removed_on: null },
      { journey_id: J2.id, name: 'Carrito abandonado', status: 'finished', created_at: new Date('2026-01-05T14:00:00Z'), created_day: '2026-01-05', removed_on: null },
    ]);
  });

  it('replaying the same payloads adds no raw row and rewrites no row', async () => {
    const before = await xmins();
    const r = await load([
      { endpoint: journeyList, window: DAY2, payload: list([J1, J2]) },
      journeyDay(J1.id, DAY1, J1_DAY1),
      journeyDay(J1.id, DAY2, J1_DAY2),
      journeyDay(J2.id, DAY1, J2_DAY1),
      journeyDay(J2.id, DAY2, EMPTY),
    ]);
    expect(r).toMatchObject({ committed: true, rawInserted: 0, stagingChanged: 0, martsChanged: 0 });
    expect(await xmins()).toEqual(before);
  });

  it('two journeys answering the same bytes on one day are both loaded (fan-out payloads land per journey)', async () => {
    // Late corrections on the 2nd for J1; on the 3rd J1 answers exactly what J2 answered (nothing).
    const corrected = stats([['start', 100], ['node-1', 80], ['node-2', 40]], [node('node-1', 9001990011, 'push', 78, null, 5), node('node-2', 9001990012, 'email', 39, 11, 3)]);
    const before = await xmins();
    const r = await load([
      { endpoint: journeyList, window: DAY2, payload: list([J1, J2]) },
      journeyDay(J1.id, DAY1, corrected),
      journeyDay(J1.id, DAY2, EMPTY),
      journeyDay(J2.id, DAY1, J2_DAY1),
      journeyDay(J2.id, DAY2, EMPTY),
    ]);
    expect(r).toMatchObject({ committed: true, rawInserted: 2 });
    const rows = await funnel();
    expect(rows.filter((x) => x.day === '2026-03-03')).toEqual([]);
    expect(rows.filter((x) => x.journey_id === J1.id).map((x) => [x.node_id, x.clicked, x.opened, x.ctr])).toEqual([
      ['start', 0, null, null],
      ['node-1', 5, null, 0.064103],
      ['node-2', 3, 11, 0.076923],
    ]);
    const after = await xmins();
    const j2 = (rows: string[]) => rows.filter((k) => k.includes(String(J2.id)));
    expect(j2(after['marts.journey_funnel']!)).toEqual(j2(before['marts.journey_funnel']!));
    const start = (rows: string[]) => rows.filter((k) => k.includes('start') && k.includes('2026-03-02'));
    expect(start(after['marts.journey_funnel']!)).toEqual(start(before['marts.journey_funnel']!));
  });

  it('a journey that leaves the list keeps its rows and is marked removed', async () => {
    const r = await load([{ endpoint: journeyList, window: DAY2, payload: list([J1]) }, journeyDay(J1.id, DAY2, EMPTY)], DAY2);
    expect(r.failures).toEqual([]);
    expect(await q(`SELECT journey_id, removed_on FROM marts.journeys WHERE project_id = $1 ORDER BY 1`, [BOGOTA])).toEqual([
      { journey_id: J1.id, removed_on: null },
      { journey_id: J2.id, removed_on: '2026-03-03' },
    ]);
    expect((await funnel()).filter((x) => x.journey_id === J2.id)).toHaveLength(2);
    await load([{ endpoint: journeyList, window: DAY2, payload: list([J1, J2]) }], DAY2);
  });

  it("keeps a month's totals as one row per node spanning the month (ADR 029); refuses over 31 days", async () => {
    const JAN: Window = { from: '2026-01-01', to: '2026-01-31' };
    const r = await load([{ endpoint: journeyList, window: JAN, payload: list([J1]) }, journeyDay(J1.id, JAN, J1_DAY1)], JAN);
    expect(r).toMatchObject({ committed: true, failures: [] });
    expect(await q(`SELECT day, days, node_id, users FROM marts.journey_funnel WHERE project_id = $1 AND day < '2026-02-01' ORDER BY position`, [BOGOTA])).toEqual([
      { day: '2026-01-01', days: 31, node_id: 'start', users: 100 },
      { day: '2026-01-01', days: 31, node_id: 'node-1', users: 80 },
      { day: '2026-01-01', days: 31, node_id: 'node-2', users: 40 },
    ]);
    // The same month asked day by day replaces the month's rows (never both: they would count twice).
    const JAN5: Window = { from: '2026-01-05', to: '2026-01-05' };
    await load([{ endpoint: journeyList, window: JAN, payload: list([J1]) }, journeyDay(J1.id, JAN5, J1_DAY2), journeyDay(J1.id, { from: '2026-01-01', to: '2026-01-04' }, EMPTY)], JAN);
    expect(await q(`SELECT day, days, count(*)::int AS nodes FROM marts.journey_funnel WHERE project_id = $1 AND day < '2026-02-01' GROUP BY 1, 2`, [BOGOTA])).toEqual([
      { day: '2026-01-05', days: 1, nodes: 3 },
    ]);
    for (const t of ['marts.journey_funnel', 'staging.journey_nodes_daily']) await q(`DELETE FROM ${t} WHERE project_id = $1 AND day < '2026-02-01'`, [BOGOTA]);
    await expect(load([journeyDay(J1.id, { from: '2026-01-01', to: '2026-02-10' }, J1_DAY1)])).rejects.toThrow(/not 1 to 31 days/);
  });

  it('fans out over the journeys that exist by the window, one day per request in the daily horizon', () => {
    expect(journeyStats).toMatchObject({ maxWindowDays: 90, dailyDays: 62 });
    expect(journeyStats.fanOut.keys(list([J1, J2]), { from: '2026-01-03', to: '2026-01-03' })).toEqual([J1.id]);
    expect(journeyStats.fanOut.keys(list([J1, J2]), DAY1)).toEqual([J1.id, J2.id]);
    expect(journeyStats.query(BOGOTA, DAY1)).toEqual({ dateFrom: '2026-03-02', dateTo: '2026-03-02' });
  });

  it('a simulator day (Banco Andino): the funnel equals the generator, node by node', async () => {
    const banco = DEMO_PROJECTS.find((p) => p.id === 100274)!;
    const now = new Date('2026-03-01T12:00:00Z');
    const day: Window = { from: '2026-02-10', to: '2026-02-10' };
    const journeys = simJourneyList(banco, now);
    expect(journeys.length).toBeGreaterThan(1);
    const ps: Payload[] = [{ endpoint: journeyList, window: day, payload: list(journeys) }];
    const expected: Record<string, number> = {};
    for (const id of journeyStats.fanOut.keys(list(journeys), day)) {
      const j = projectJourneys(banco).find((x) => x.id === id)!;
      const data = simJourneyStats(banco, j, day.from, day.to, now);
      ps.push({ ...journeyDay(Number(id), day, { statusCode: 200, message: 'OK', data }), params: { ...journeyStats.query(banco.id, day), journeyId: id } });
      for (const f of data.userFlow) expected[`${id}|${f.nodeId}|users`] = f.users;
      for (const n of data.nodes) {
        expected[`${id}|${n.nodeId}|sent`] = n.sent;
        expected[`${id}|${n.nodeId}|clicked`] = n.clicked;
        if (n.opened !== null) expected[`${id}|${n.nodeId}|opened`] = n.opened;
      }
    }
    const r = await refresh(etl, journeysGroup, banco.id, day, ps);
    expect(r.failures).toEqual([]);
    const got: Record<string, number> = {};
    for (const x of await q(`SELECT journey_id, node_id, users, sent, opened, clicked, campaign_id FROM marts.journey_funnel WHERE project_id = $1 AND day = $2`, [banco.id, day.from])) {
      got[`${x.journey_id}|${x.node_id}|users`] = x.users;
      if (x.campaign_id !== null) {
        got[`${x.journey_id}|${x.node_id}|sent`] = x.sent;
        got[`${x.journey_id}|${x.node_id}|clicked`] = x.clicked;
        if (x.opened !== null) got[`${x.journey_id}|${x.node_id}|opened`] = x.opened;
      }
    }
    expect(got).toEqual(expected);
    expect(Object.values(expected).some((v) => v > 0)).toBe(true);
  });
});

describe('journeys data tests', () => {
  it('pass on the loaded data', async () => {
    for (const t of journeysGroup.dataTests) expect(await dataTestRows(owner, t, BOGOTA, W), t).toEqual([]);
  });

  const plants: Record<string, string> = {
    journeys__not_null: `UPDATE marts.journeys SET created_day = NULL WHERE project_id = ${BOGOTA} AND journey_id = ${J2.id}`,
    journeys__unique_grain: `ALTER TABLE marts.journeys DROP CONSTRAINT journeys_pkey;
      INSERT INTO marts.journeys SELECT * FROM marts.journeys WHERE project_id = ${BOGOTA} AND journey_id = ${J1.id}`,
    journeys__accepted_values: `UPDATE marts.journeys SET status = 'deleted' WHERE project_id = ${BOGOTA} AND journey_id = ${J1.id}`,
    journeys__project_exists: `DELETE FROM app.projects WHERE project_id = ${BOGOTA}`,
    journeys__reconciles_staging: `UPDATE staging.journeys SET name = 'Otro' WHERE project_id = ${BOGOTA} AND journey_id = ${J1.id}`,
    journey_funnel__not_null: `UPDATE marts.journey_funnel SET ctr = NULL WHERE project_id = ${BOGOTA} AND node_id = 'node-1'`,
    journey_funnel__unique_grain: `UPDATE marts.journey_funnel SET position = 2 WHERE project_id = ${BOGOTA} AND node_id = 'node-2'`,
    journey_funnel__accepted_values: `UPDATE marts.journey_funnel SET clicked = sent + 1 WHERE project_id = ${BOGOTA} AND node_id = 'node-1'`,
    journey_funnel__project_exists: `DELETE FROM app.projects WHERE project_id = ${BOGOTA}`,
    journey_funnel__has_journey: `DELETE FROM marts.journeys WHERE project_id = ${BOGOTA} AND journey_id = ${J2.id}`,
    journey_funnel__reconciles_staging: `UPDATE staging.journey_nodes_daily SET users = users + 1 WHERE project_id = ${BOGOTA} AND node_id = 'start' AND journey_id = ${J2.id}`,
  };

  it('every data test of the group has a planted violation below', () => {
    expect(Object.keys(plants).sort()).toEqual(journeysGroup.dataTests.map((t) => t.replace(/\.sql$/, '')).sort());
  });

  it('journey_funnel__unique_grain also catches a month row over days that have daily rows (they would count twice)', async () => {
    const rows = await inRolledBackTransaction(owner, async () => {
      await owner.query(`INSERT INTO marts.journey_funnel (project_id, journey_id, day, days, node_id, users, sent, clicked)
        SELECT project_id, journey_id, '2026-03-01', 2, node_id, users, sent, clicked FROM marts.journey_funnel WHERE project_id = ${BOGOTA} AND day = '2026-03-02'`);
      return dataTestRows(owner, 'journey_funnel__unique_grain.sql', BOGOTA, W);
    });
    expect(rows.length).toBeGreaterThan(0);
  });

  it.each(Object.entries(plants))('%s catches its planted violation', async (test, plant) => {
    const rows = await inRolledBackTransaction(owner, async () => {
      await owner.query(plant);
      return dataTestRows(owner, `${test}.sql`, BOGOTA, W);
    });
    expect(rows.length).toBeGreaterThan(0);
  });
});

describe('journey payload schemas', () => {
  const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') ?? '';
  it.each([
    ['a repeated node', () => journeyStatsSchema.safeParse(stats([['start', 1], ['start', 2]], [])), /duplicate nodeId start/],
    ['a missing userFlow', () => journeyStatsSchema.safeParse({ statusCode: 200, message: 'OK', data: { nodes: [] } }), /data\.userFlow/],
    ['negative sends', () => journeyStatsSchema.safeParse(stats([], [{ ...node('n', 1, 'push', 1, null, 0), sent: -1 }])), /nodes\.0\.sent/],
    ['an unknown journey status', () => journeyListSchema.safeParse(list([{ ...J1, status: 'deleted' }])), /status is not one of/],
    ['a repeated journey', () => journeyListSchema.safeParse(list([J1, J1])), /duplicate journey id/],
  ])('rejects %s', (_name, parse, reason) => {
    const r = parse();
    expect(r.success).toBe(false);
    expect(issues(r)).toMatch(reason);
  });
});
