/**
 * The journeys group through the pipeline runner (etl/pipeline/run.ts) against the indigitall
 * simulator, for the three demo projects with `demo` credentials: the runner's fan-out fetches the
 * journey list, then GET /v1/journey/{journeyId}/stats once per listed journey and local day, lands
 * each payload as `journey.stats:<journeyId>`, and publishes each day whole or not at all.
 * The simulator sits behind a proxy the tests can tamper with; expected figures come from the
 * simulator's generator functions, never from what the runner wrote.
 */
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays, datesBetween, todayIn } from '../../lib/dates.js';
import { createPool, type Pool } from '../../lib/db.js';
import { testDatabase, type TestDatabase } from '../../lib/testing/database.js';
import { runGroup, type GroupRunResult } from '../pipeline/run.js';
import { startProxy, type Proxy } from '../pipeline/testing.js';
import type { Window } from '../pipeline/types.js';
import { canonicalJson, sha256 } from '../pipeline/validate.js';
import { upsertProject, type Project } from '../projects.js';
import { projectJourneys } from '../simulator/campaigns.js';
import { DEMO_PROJECTS, type SimProject } from '../simulator/catalog.js';
import { journeyStats as simJourneyStats } from '../simulator/channels.js';
import { startSimulator, type RunningSimulator } from '../simulator/server.js';
import { apiClients, backfillTasks, runTasks, type SyncSummary } from '../sync.js';
import { journeysGroup } from './journeys.js';

/** 15:00 UTC: 10:00 in Bogotá and Mexico City, 16:00 in Madrid. */
const NOW = new Date('2026-11-18T15:00:00Z');
const DAYS = 3;
const [banco, moda, viajes] = DEMO_PROJECTS as [SimProject, SimProject, SimProject];

let db: TestDatabase;
let sim: RunningSimulator;
let proxy: Proxy;
let etl: Pool;
let owner: pg.Client;
let backfill: SyncSummary;

const project = (p: SimProject): Project => ({ projectId: p.id, name: p.name, timeZone: p.timeZone, credentialsRef: 'demo', status: 'active' });
const rangeOf = (p: SimProject): Window => {
  const to = todayIn(p.timeZone, NOW);
  return { from: addDays(to, -(DAYS - 1)), to };
};
const q = async <T extends pg.QueryResultRow = Record<string, any>>(sql: string, params: unknown[] = []) => (await owner.query<T>(sql, params)).rows;

function run(p: SimProject, range: Window): Promise<GroupRunResult> {
  const clients = apiClients(proxy.url);
  return runGroup({ pool: etl, project: project(p), spec: journeysGroup, range, client: () => clients(project(p)) });
}

/** Journeys the list serves by `day` (the simulator lists those created by its local today; the fan-out keeps those created by the day). */
const listedBy = (p: SimProject, day: string) => projectJourneys(p).filter((j) => j.createdAt <= day);

/** marts.journey_funnel as the simulator's one-day journey stats say it must be. */
function expectedFunnel(p: SimProject, from: string, to: string) {
  const rows: Record<string, unknown>[] = [];
  for (const day of datesBetween(from, to)) {
    for (const j of listedBy(p, day)) {
      const s = simJourneyStats(p, j, day, day, NOW);
      const byNode = new Map<string, Record<string, unknown>>();
      s.userFlow.forEach((f, i) =>
        byNode.set(f.nodeId, { journey_id: j.id, day, node_id: f.nodeId, position: i + 1, users: f.users, sent: 0, opened: null, clicked: 0 }),
      );
      for (const n of s.nodes) {
        const r = byNode.get(n.nodeId) ?? { journey_id: j.id, day, node_id: n.nodeId, position: null, users: 0 };
        byNode.set(n.nodeId, { ...r, sent: n.sent, opened: n.opened, clicked: n.clicked });
      }
      rows.push(...byNode.values());
    }
  }
  const key = (r: Record<string, unknown>) => `${r.journey_id}|${r.day}|${r.node_id}`;
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : 1));
}

const martFunnel = async (p: SimProject, from: string, to: string) =>
  (
    await q(
      `SELECT journey_id::int, day, node_id, position, users::int, sent::int, opened::int, clicked::int FROM marts.journey_funnel
       WHERE project_id = $1 AND day BETWEEN $2 AND $3`,
      [p.id, from, to],
    )
  ).sort((a, b) => (`${a.journey_id}|${a.day}|${a.node_id}` < `${b.journey_id}|${b.day}|${b.node_id}` ? -1 : 1));

/** Every table of raw, staging and marts as "rows:md5" (found in the catalogue). */
async function checksums(): Promise<Record<string, string>> {
  const tables = await q<{ t: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname IN ('raw', 'staging', 'marts') AND c.relkind IN ('r', 'p') AND c.relname <> 'quarantine' ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { t } of tables) {
    const [r] = await q<{ md5: string; n: number }>(`SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) AS md5, count(*)::int AS n FROM ${t} x`);
    out[t] = `${r!.n}:${r!.md5}`;
  }
  return out;
}

const statsUrl = /^\/v1\/journey\/(\d+)\/stats$/;

beforeAll(async () => {
  db = await testDatabase();
  sim = await startSimulator({ rateLimit: false, now: () => NOW });
  proxy = await startProxy(sim.url);
  etl = createPool(db.etlUrl, { max: 4 });
  owner = new pg.Client(db.ownerUrl);
  await owner.connect();
  for (const p of DEMO_PROJECTS) await upsertProject(etl, { projectId: p.id, name: p.name, timeZone: p.timeZone, credentialsRef: 'demo' });
  backfill = await runTasks(etl, backfillTasks(DEMO_PROJECTS.map(project), [journeysGroup], DAYS, NOW), { clients: apiClients(proxy.url) });
}, 120_000);

afterAll(async () => {
  await etl?.end();
  await owner?.end();
  await proxy?.close();
  await sim?.close();
  await db?.drop();
});

beforeEach(() => {
  proxy.hooks = {};
  proxy.requests.length = 0;
});

describe('a backfill of journeys through the runner', () => {
  it('succeeds in one window of up to a month (ADR 029): the list once per run, then one stats request per journey listed by each day', () => {
    expect(backfill.failures).toEqual([]);
    for (const r of backfill.runs) {
      const p = DEMO_PROJECTS.find((x) => x.id === r.projectId)!;
      expect(r.status).toBe('succeeded');
      const days = datesBetween(rangeOf(p).from, rangeOf(p).to);
      expect(r.windows.map((w) => [w.window.from, w.window.to, w.status, w.requests])).toEqual([
        [rangeOf(p).from, rangeOf(p).to, 'succeeded', 1 + days.reduce((n, d) => n + listedBy(p, d).length, 0)],
      ]);
      expect(r.watermark).toBe(rangeOf(p).to);
    }
  });

  it.each(DEMO_PROJECTS.map((p) => [p.name, p] as const))('%s: each stats payload lands under journey.stats:<journeyId> with the journey in its params; the list once, as of the last day', async (_n, p) => {
    const rows = await q(
      `SELECT endpoint, window_from, window_to, params->>'journeyId' AS journey FROM raw.api_responses WHERE project_id = $1 ORDER BY 2, 1`,
      [p.id],
    );
    const { to } = rangeOf(p);
    const expected = [
      { endpoint: 'journey.list', window_from: to, window_to: to, journey: null },
      ...datesBetween(rangeOf(p).from, to).flatMap((d) =>
        listedBy(p, d).map((j) => ({ endpoint: `journey.stats:${j.id}`, window_from: d, window_to: d, journey: String(j.id) })),
      ),
    ];
    expect(rows).toEqual(expected.sort((a, b) => (`${a.window_from}|${a.endpoint}` < `${b.window_from}|${b.endpoint}` ? -1 : 1)));
  });

  it.each(DEMO_PROJECTS.map((p) => [p.name, p] as const))('%s: journey_funnel per journey, day and node equals the simulator’s journey stats', async (_n, p) => {
    const { from, to } = rangeOf(p);
    const expected = expectedFunnel(p, from, to);
    expect(await martFunnel(p, from, to)).toEqual(expected);
    expect(expected.some((r) => (r.users as number) > 0 && (r.sent as number) > 0)).toBe(true);
    // Window totals too (what a reader sums over a period).
    const totals = (await q(`SELECT sum(users)::int AS users, sum(sent)::int AS sent, sum(clicked)::int AS clicked FROM marts.journey_funnel WHERE project_id = $1`, [p.id]))[0];
    const sim = projectJourneys(p).map((j) => simJourneyStats(p, j, from, to, NOW));
    expect(totals).toEqual({
      users: sim.reduce((s, x) => s + x.userFlow.reduce((t, f) => t + f.users, 0), 0),
      sent: sim.reduce((s, x) => s + x.nodes.reduce((t, n) => t + n.sent, 0), 0),
      clicked: sim.reduce((s, x) => s + x.nodes.reduce((t, n) => t + n.clicked, 0), 0),
    });
  });

  it('a rerun with no upstream change adds zero raw rows and changes no row', async () => {
    const before = await checksums();
    const again = await runTasks(etl, backfillTasks(DEMO_PROJECTS.map(project), [journeysGroup], DAYS, NOW), { clients: apiClients(proxy.url) });
    expect(again).toMatchObject({ failures: [], busy: [], rawInserted: 0, rowsChanged: 0, windows: backfill.windows });
    expect(await checksums()).toEqual(before);
  });
});

describe('fan-out payloads', () => {
  it('two journeys answering identical bytes both land, each under its own name, and both funnels are loaded', async () => {
    const day = rangeOf(moda).to;
    const journeys = listedBy(moda, day);
    expect(journeys.length).toBeGreaterThanOrEqual(2);
    const same = {
      userFlow: [{ nodeId: 'start', users: 11 }, { nodeId: 'node-1', users: 5 }],
      nodes: [{ nodeId: 'node-1', campaignId: 1, campaignName: 'Same', campaignType: 'push', sent: 5, opened: null, clicked: 1, ctr: 0.2, platforms: ['android'] }],
    };
    proxy.hooks.rewrite = (url, json, up) => (statsUrl.test(url.pathname) ? { ...up, body: JSON.stringify({ ...json, data: same }) } : undefined);
    const r = await run(moda, { from: day, to: day });
    expect(r.windows.map((w) => [w.status, w.error, w.rawInserted])).toEqual([['succeeded', null, journeys.length]]);

    const body = await q(
      `SELECT endpoint, params->>'journeyId' AS journey, sha256 FROM raw.api_responses
       WHERE project_id = $1 AND window_from = $2 AND endpoint LIKE 'journey.stats:%' AND payload->'data' = $3::jsonb ORDER BY 1`,
      [moda.id, day, JSON.stringify(same)],
    );
    expect(body.map((b) => [b.endpoint, b.journey])).toEqual(journeys.map((j) => [`journey.stats:${j.id}`, String(j.id)]).sort());
    expect(new Set(body.map((b) => b.sha256)).size).toBe(1); // the same bytes, kept once per journey
    expect(body[0]!.sha256).toBe(sha256(canonicalJson({ statusCode: 200, ...(await q(`SELECT payload FROM raw.api_responses WHERE project_id = $1 AND endpoint = $2 AND window_from = $3 AND payload->'data' = $4::jsonb`, [moda.id, body[0]!.endpoint, day, JSON.stringify(same)]))[0]!.payload })));
    expect(await martFunnel(moda, day, day)).toEqual(
      journeys.flatMap((j) => [
        { journey_id: j.id, day, node_id: 'node-1', position: 2, users: 5, sent: 5, opened: null, clicked: 1 },
        { journey_id: j.id, day, node_id: 'start', position: 1, users: 11, sent: 0, opened: null, clicked: 0 },
      ]),
    );

    // Upstream back to normal: the day is loaded as the simulator says again.
    proxy.hooks = {};
    expect((await run(moda, { from: day, to: day })).status).toBe('succeeded');
    expect(await martFunnel(moda, day, day)).toEqual(expectedFunnel(moda, day, day));
  });

  it('a quarantined stats payload of one journey fails the whole window: nothing of it is written, the next run loads it', async () => {
    const day = rangeOf(viajes).from;
    const [j1, j2] = listedBy(viajes, day);
    if (!j1 || !j2) throw new Error('Viajes Sol needs two journeys on the day');
    // In the same window the list renames a journey and journey 1 reports one more send: both would
    // change published rows. Journey 2's stats are broken (a negative count).
    proxy.hooks.rewrite = (url, json, up) => {
      if (url.pathname === '/v1/journey') json.data.find((j: any) => j.id === j1.id).name = 'Renamed upstream';
      const id = Number(statsUrl.exec(url.pathname)?.[1]);
      if (id === j1.id) json.data.nodes[0].sent += 1;
      if (id === j2.id) json.data.nodes[0].sent = -1;
      return { ...up, body: JSON.stringify(json) };
    };
    const before = await checksums();
    const quarantined = (await q<{ n: number }>('SELECT count(*)::int AS n FROM raw.quarantine'))[0]!.n;
    const [state] = await q('SELECT watermark FROM app.sync_state WHERE project_id = $1 AND data_group = $2', [viajes.id, 'journeys']);

    const r = await run(viajes, { from: day, to: day });
    expect(r.status).toBe('failed');
    const [w] = r.windows;
    expect(w).toMatchObject({ status: 'failed', fetched: true, quarantined: 1, rawInserted: 0, rowsChanged: 0 });
    expect(w!.error).toMatch(new RegExp(`^payload quarantined: journey\\.stats:${j2.id}: data\\.nodes\\.0\\.sent: `));
    expect(await checksums()).toEqual(before);
    expect(await q(`SELECT endpoint, params->>'journeyId' AS journey, window_from, window_to, reason FROM raw.quarantine WHERE id > $1`, [quarantined])).toEqual([
      { endpoint: `journey.stats:${j2.id}`, journey: String(j2.id), window_from: day, window_to: day, reason: expect.stringMatching(/^data\.nodes\.0\.sent: /) },
    ]);
    expect(await q(`SELECT status, error FROM app.sync_runs WHERE run_id = $1`, [w!.runId])).toEqual([{ status: 'failed', error: w!.error }]);
    // The re-sync of a day under the watermark failed: the watermark moves back before it (ADR 006).
    expect(state!.watermark).toBe(rangeOf(viajes).to);
    expect(r.watermark).toBe(addDays(day, -1));

    proxy.hooks = {};
    expect((await run(viajes, { from: day, to: day })).status).toBe('succeeded');
    expect(await martFunnel(viajes, day, day)).toEqual(expectedFunnel(viajes, day, day));
    expect(await q(`SELECT count(*)::int AS n FROM marts.journeys WHERE project_id = $1 AND name = 'Renamed upstream'`, [viajes.id])).toEqual([{ n: 0 }]);
  });

  it('a quarantined journey list fails every window of the run before any stats request; it is asked and kept once', async () => {
    const range = { from: addDays(rangeOf(banco).to, -1), to: rangeOf(banco).to };
    proxy.hooks.rewrite = (url, json, up) => {
      if (url.pathname !== '/v1/journey') return undefined;
      json.data.push({ ...json.data[0] }); // the same journey twice
      if (json.count !== undefined) json.count = json.data.length;
      return { ...up, body: JSON.stringify(json) };
    };
    const before = await checksums();
    const quarantined = (await q<{ n: number }>('SELECT max(id)::int AS n FROM raw.quarantine'))[0]!.n ?? 0;
    const r = await run(banco, range);
    expect(r.windows.map((w) => [w.window.from, w.window.to, w.status, w.requests, w.quarantined])).toEqual([[range.from, range.to, 'failed', 1, 1]]);
    for (const w of r.windows) expect(w.error).toMatch(/^payload quarantined: journey\.list: data\.\d+: duplicate journey id \d+$/);
    expect(proxy.requests.map((u) => u.split('?')[0])).toEqual(['/v1/journey']);
    expect(await q(`SELECT endpoint, window_from, window_to FROM raw.quarantine WHERE id > $1`, [quarantined])).toEqual([
      { endpoint: 'journey.list', window_from: range.to, window_to: range.to },
    ]);
    expect(await checksums()).toEqual(before);
  });
});
