/**
 * `npm run worker` as an operator runs it, twice at once on one database: the two processes share
 * the queue (each runs some of the jobs), every job is completed once, and no (project, group) is
 * ever run by both at the same time. SIGTERM stops each cleanly.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '../lib/db.js';
import { testDatabase, type TestDatabase } from '../lib/testing/database.js';
import { runScript, type Running } from '../lib/testing/processes.js';
import testNow from '../lib/testing/test-now.json' with { type: 'json' };
import { groupsOfTier } from './groups/index.js';
import { upsertProject } from './projects.js';
import { startScheduler, SYNC_QUEUE } from './scheduler/index.js';
import { DEMO_PROJECTS } from './simulator/catalog.js';
import { startSimulator, type RunningSimulator } from './simulator/server.js';
import { apiClients } from './sync.js';

const NOW = new Date(testNow.IG_NOW);
let db: TestDatabase;
let sim: RunningSimulator;
let etl: Pool;
const running: Running[] = [];

beforeAll(async () => {
  db = await testDatabase();
  sim = await startSimulator({ rateLimit: false, now: () => NOW });
  etl = createPool(db.etlUrl, { max: 2 });
  for (const p of DEMO_PROJECTS) await upsertProject(etl, { projectId: p.id, name: p.name, timeZone: p.timeZone, credentialsRef: 'demo' });
});
afterAll(async () => {
  for (const r of running) await r.stop('SIGKILL');
  await etl?.end();
  await sim?.close();
  await db?.drop();
});

describe('npm run worker', () => {
  it('two workers share the hourly tier: every job completed once, both ran some, no pair ran on both at once', { timeout: 180_000 }, async () => {
    const env = { ETL_DATABASE_URL: db.etlUrl, INDIGITALL_BASE_URL: sim.url, IG_NOW: NOW.toISOString(), SYNC_DAYS: '3', WORKER_CONCURRENCY: '1' };
    const workers = [runScript('worker', env), runScript('worker', env)];
    running.push(...workers);
    await Promise.all(workers.map((w) => w.waitFor(/"msg":"worker started"/, 90_000)));

    const enqueuer = await startScheduler({ pool: etl, bossUrl: db.etlUrl, clients: apiClients(sim.url), backfillDays: 3, concurrency: 0, schedule: false });
    const pairs = DEMO_PROJECTS.flatMap((p) => groupsOfTier('hourly').map((g) => `${p.id}:${g.group}`)).sort();
    try {
      expect(await enqueuer.runTier('hourly')).toBe(pairs.length);
    } finally {
      await enqueuer.stop();
    }

    const owner = new pg.Client({ connectionString: db.ownerUrl });
    await owner.connect();
    try {
      const end = Date.now() + 150_000;
      let states: { state: string; n: number }[] = [];
      for (;;) {
        states = (await owner.query(`SELECT state::text, count(*)::int AS n FROM pgboss.job WHERE name = $1 GROUP BY state`, [SYNC_QUEUE])).rows;
        if (states.every((s) => s.state === 'completed') || Date.now() > end) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(states).toEqual([{ state: 'completed', n: pairs.length }]);

      // A worker writes its log lines in batches (lib/log.ts: at least every 250 ms), so the last jobs'
      // lines may follow their completion: wait for them (either worker may write the last one); if
      // they never come, the comparison below shows which are missing.
      const runs = () => workers.map((w) => w.logs().filter((l) => l.msg === 'sync run').map((l) => `${l.job.projectId}:${l.job.group}`));
      await Promise.any(workers.map((w) => w.waitFor(() => runs().flat().length >= pairs.length, 10_000))).catch(() => undefined);
      const ran = runs();
      expect([...ran[0]!, ...ran[1]!].sort()).toEqual(pairs);
      expect(ran[0]!.length).toBeGreaterThan(0);
      expect(ran[1]!.length).toBeGreaterThan(0);

      // The runs of one pair, in start order, never overlap (the pipeline's advisory lock).
      const { rows } = await owner.query<{ pair: string; started_at: Date; finished_at: Date }>(
        `SELECT project_id || ':' || data_group AS pair, started_at, finished_at FROM app.sync_runs ORDER BY pair, started_at`,
      );
      expect(rows.length).toBeGreaterThanOrEqual(pairs.length);
      for (let i = 1; i < rows.length; i++) {
        if (rows[i]!.pair === rows[i - 1]!.pair) expect(rows[i]!.started_at.getTime()).toBeGreaterThanOrEqual(rows[i - 1]!.finished_at.getTime());
      }
    } finally {
      await owner.end();
    }
    expect(await Promise.all(workers.map((w) => w.stop('SIGTERM')))).toEqual([0, 0]);
  });
});
