/**
 * The pg-boss schedule on the real database: pg-boss installs its schema as ig_etl, the tiers are
 * scheduled, triggers collapse to one job per (project, group), tier jobs fan out to the pairs that
 * are due, failed runs are retried with backoff, and a busy pair is not run twice at once.
 */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../lib/dates.js';
import { createPool, type Pool } from '../../lib/db.js';
import { testDatabase, type TestDatabase } from '../../lib/testing/database.js';
import { GROUPS, groupsOfTier } from '../groups/index.js';
import { isDated } from '../pipeline/plan.js';
import type { GroupRunResult } from '../pipeline/run.js';
import { lockKey } from '../pipeline/run.js';
import { upsertProject } from '../projects.js';
import { DEMO_PROJECTS, type SimProject } from '../simulator/catalog.js';
import { startSimulator, type RunningSimulator } from '../simulator/server.js';
import { apiClients } from '../sync.js';
import { startScheduler, SYNC_QUEUE, TIER_CRON, tierQueue, type Scheduler, type SchedulerOptions, type SyncJob } from './index.js';

const NOW = new Date('2026-11-21T03:00:00Z');
const [banco, moda, viajes] = DEMO_PROJECTS as [SimProject, SimProject, SimProject];
const TODAY: Record<number, string> = { [banco.id]: '2026-11-20', [moda.id]: '2026-11-21', [viajes.id]: '2026-11-20' };

let db: TestDatabase;
let sim: RunningSimulator;
let etl: Pool;
let owner: pg.Client;
const started: Scheduler[] = [];
const runs: { job: SyncJob; result: GroupRunResult }[] = [];

async function scheduler(opts: Partial<SchedulerOptions> = {}): Promise<Scheduler> {
  const s = await startScheduler({
    pool: etl,
    bossUrl: db.etlUrl,
    clients: apiClients(sim.url, { IG_UNSET_FOR_TEST: '' }),
    backfillDays: 30,
    schedule: false,
    pollingIntervalSeconds: 0.5,
    now: () => NOW,
    onRun: (job, result) => runs.push({ job, result }),
    ...opts,
  });
  started.push(s);
  return s;
}

async function q<T extends pg.QueryResultRow = Record<string, any>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await owner.query<T>(sql, params)).rows;
}

/** Waits until the jobs left the created/active states; returns their rows. */
async function settled(ids: string[], ms = 20_000): Promise<{ id: string; state: string; output: any; retry_count: number }[]> {
  const until = Date.now() + ms;
  for (;;) {
    const rows = await q<{ id: string; state: string; output: any; retry_count: number }>(
      `SELECT id::text, state::text, output, retry_count FROM pgboss.job WHERE id = ANY($1::uuid[]) ORDER BY created_on`,
      [ids],
    );
    if (rows.length === ids.length && rows.every((r) => !['created', 'active'].includes(r.state))) return rows;
    if (Date.now() > until) throw new Error(`jobs not settled: ${JSON.stringify(rows)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const syncJobIds = async (where = 'true', params: unknown[] = []) =>
  (await q<{ id: string }>(`SELECT id::text FROM pgboss.job WHERE name = '${SYNC_QUEUE}' AND ${where} ORDER BY created_on`, params)).map((r) => r.id);

beforeAll(async () => {
  db = await testDatabase();
  sim = await startSimulator({ rateLimit: false, now: () => NOW });
  etl = createPool(db.etlUrl, { max: 8 });
  owner = new pg.Client(db.ownerUrl);
  await owner.connect();
  for (const p of DEMO_PROJECTS) await upsertProject(etl, { projectId: p.id, name: p.name, timeZone: p.timeZone, credentialsRef: 'demo' });
});

afterEach(async () => {
  while (started.length) await started.pop()!.stop();
  runs.length = 0;
});

afterAll(async () => {
  await etl?.end();
  await owner?.end();
  await sim?.close();
  await db?.drop();
});

describe('the scheduler', () => {
  it('pg-boss installs its own schema as ig_etl, and the four tiers are scheduled in UTC', async () => {
    const s = await scheduler({ schedule: true, concurrency: 0 });
    expect(await q(`SELECT nspowner::regrole::text AS owner FROM pg_namespace WHERE nspname = 'pgboss'`)).toEqual([{ owner: 'ig_etl' }]);
    const schedules = (await s.boss.getSchedules()).map((x: any) => ({ name: x.name, cron: x.cron, tz: x.timezone })).sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(schedules).toEqual(
      (['15min', '6h', 'daily', 'hourly'] as const).map((t) => ({ name: tierQueue(t), cron: TIER_CRON[t], tz: 'UTC' })),
    );
    expect(TIER_CRON).toEqual({ '15min': '*/15 * * * *', hourly: '0 * * * *', '6h': '5 */6 * * *', daily: '40 3 * * *' });
    // The other tests trigger jobs themselves; a cron firing meanwhile would add jobs of its own.
    for (const t of ['15min', 'hourly', '6h', 'daily'] as const) await s.boss.unschedule(tierQueue(t));
  });

  it('two concurrent triggers of one (project, group) make one job, and one run', async () => {
    const enqueuer = await scheduler({ concurrency: 0 });
    const job: SyncJob = { projectId: banco.id, group: 'push', kind: 'sync' };
    const ids = await Promise.all([enqueuer.trigger(job), enqueuer.trigger(job)]);
    expect(ids.filter(Boolean)).toHaveLength(1);
    expect(await syncJobIds(`singleton_key = $1`, [`${banco.id}:push`])).toEqual([ids.find(Boolean)]);

    await scheduler({ concurrency: 2 }); // a worker process
    const [done] = await settled([ids.find(Boolean)!]);
    expect(done).toMatchObject({ state: 'completed', output: { windows: 1, watermark: TODAY[banco.id] } });
    expect(runs.map((r) => r.job)).toEqual([job]);
    // Never synced: the backfill start (30 days) to the local today.
    expect(runs[0]!.result.range).toEqual({ from: addDays(TODAY[banco.id]!, -29), to: TODAY[banco.id] });
  });

  it('the hourly tier enqueues one sync per active project and group; each runs from its watermark to the local today', { timeout: 90_000 }, async () => {
    await owner.query(`UPDATE app.projects SET status = 'paused' WHERE project_id = $1`, [viajes.id]);
    try {
      const s = await scheduler({ concurrency: 2 });
      const before = await syncJobIds();
      const hourly = groupsOfTier('hourly').map((g) => g.group);
      expect(hourly).toContain('push');
      expect(await s.runTier('hourly')).toBe(2 * hourly.length);
      const ids = (await syncJobIds()).filter((id) => !before.includes(id));
      const rows = await settled(ids, 60_000);
      expect(rows.map((r) => r.state)).toEqual(ids.map(() => 'completed'));
      expect(runs.map((r) => r.job.group).sort()).toEqual([...hourly, ...hourly].sort());
      const ranges = Object.fromEntries(runs.filter((r) => r.job.group === 'push').map((r) => [r.job.projectId, r.result.range]));
      expect(ranges).toEqual({
        [banco.id]: { from: TODAY[banco.id], to: TODAY[banco.id] }, // synced above: from its watermark
        [moda.id]: { from: addDays(TODAY[moda.id]!, -29), to: TODAY[moda.id] },
      });
      expect(await q(`SELECT project_id, watermark FROM app.sync_state WHERE data_group = 'push' ORDER BY project_id`)).toEqual([
        { project_id: banco.id, watermark: TODAY[banco.id] },
        { project_id: moda.id, watermark: TODAY[moda.id] },
      ]);
    } finally {
      await owner.query(`UPDATE app.projects SET status = 'active' WHERE project_id = $1`, [viajes.id]);
    }
  });

  it('the 15-minute tier enqueues chat and agents for every active project; with demo credentials (key and login) they run', { timeout: 90_000 }, async () => {
    await owner.query(`UPDATE app.projects SET status = 'paused' WHERE project_id = $1`, [viajes.id]);
    try {
      const s = await scheduler({ concurrency: 2, backfillDays: 3 }); // the simulator's chat history is slow to page through
      const before = await syncJobIds();
      const tier = groupsOfTier('15min').map((g) => g.group);
      expect(tier).toEqual(expect.arrayContaining(['chat', 'agents']));
      expect(await s.runTier('15min')).toBe(2 * tier.length);
      const ids = (await syncJobIds()).filter((id) => !before.includes(id));
      expect((await settled(ids, 60_000)).map((r) => [r.state, r.output?.message])).toEqual(ids.map(() => ['completed', undefined]));
      expect(runs.map((r) => `${r.job.projectId}:${r.job.group}:${r.result.status}`).sort()).toEqual(
        [banco.id, moda.id].flatMap((id) => tier.map((g) => `${id}:${g}:succeeded`)).sort(),
      );
    } finally {
      await owner.query(`UPDATE app.projects SET status = 'active' WHERE project_id = $1`, [viajes.id]);
    }
  });

  it('the daily tier re-syncs the last seven days of every dated group (late corrections), and prunes runs older than 90 days', { timeout: 120_000 }, async () => {
    // Run history: finished 91 days ago (pruned, with its data-test failure), 89 days ago (kept), and
    // one still marked running from 91 days ago (kept: the next run of its pair closes it).
    const old = await q<{ run_id: string; status: string }>(
      `INSERT INTO app.sync_runs (project_id, data_group, window_from, window_to, started_at, finished_at, status)
       VALUES ($1, 'wallet', '2026-01-01', '2026-01-01', $2::timestamptz - interval '91 days', $2::timestamptz - interval '91 days', 'failed'),
              ($1, 'wallet', '2026-01-02', '2026-01-02', $2::timestamptz - interval '89 days', $2::timestamptz - interval '89 days', 'succeeded'),
              ($1, 'wallet', '2026-01-03', '2026-01-03', $2::timestamptz - interval '91 days', NULL, 'running')
       RETURNING run_id::text, status`,
      [moda.id, NOW],
    );
    await q(
      `INSERT INTO app.data_test_failures (project_id, run_id, data_group, test_name, window_from, window_to, failing_rows, sample, failed_at)
       VALUES ($1, $2, 'wallet', 't', '2026-01-01', '2026-01-01', 1, '[]', $3::timestamptz - interval '91 days')`,
      [moda.id, old[0]!.run_id, NOW],
    );
    const s = await scheduler({ concurrency: 2, backfillDays: 10 });
    const before = await syncJobIds();
    const dated = GROUPS.filter(isDated).map((g) => g.group);
    expect(dated).toEqual(expect.arrayContaining(['push', 'chat', 'agents', 'journeys']));
    expect(dated).not.toContain('campaigns'); // a snapshot: nothing to re-sync
    expect(await s.runTier('daily')).toBe(3 * (dated.length + groupsOfTier('daily').length));
    const ids = (await syncJobIds()).filter((id) => !before.includes(id));
    expect((await settled(ids, 100_000)).map((r) => [r.state, r.output?.message])).toEqual(ids.map(() => ['completed', undefined]));
    expect(runs.filter((r) => r.job.kind === 'resync').map((r) => `${r.job.projectId}:${r.job.group}`).sort()).toEqual(
      DEMO_PROJECTS.flatMap((p) => dated.map((g) => `${p.id}:${g}`)).sort(),
    );
    const resynced = runs.filter((r) => r.job.group === 'push').map((r) => [r.job.projectId, r.job.kind, r.result.range.from]).sort();
    expect(resynced).toEqual(
      [
        [banco.id, 'resync', addDays(TODAY[banco.id]!, -6)],
        [moda.id, 'resync', addDays(TODAY[moda.id]!, -6)],
        [viajes.id, 'resync', addDays(TODAY[viajes.id]!, -9)], // never loaded: from the backfill start (10 days)
      ].sort(),
    );
    expect(await q(`SELECT count(*)::int AS n FROM app.sync_state WHERE resynced_at IS NOT NULL`)).toEqual([{ n: 3 * dated.length }]);
    const kept = await q<{ run_id: string }>(`SELECT run_id::text FROM app.sync_runs WHERE run_id = ANY($1::bigint[]) ORDER BY run_id`, [old.map((r) => r.run_id)]);
    expect(kept.map((r) => r.run_id)).toEqual([old[1]!.run_id, old[2]!.run_id]);
    expect(await q(`SELECT count(*)::int AS n FROM app.data_test_failures WHERE run_id = $1`, [old[0]!.run_id])).toEqual([{ n: 0 }]);
  });

  it('a sync job with a failed window fails and is retried with exponential backoff; the watermark holds', async () => {
    await upsertProject(etl, { projectId: viajes.id, name: viajes.name, timeZone: viajes.timeZone, credentialsRef: 'env:IG_UNSET_FOR_TEST' });
    try {
      const before = (await q('SELECT watermark FROM app.sync_state WHERE project_id = $1', [viajes.id]))[0];
      const s = await scheduler({ concurrency: 1, retryDelaySeconds: 60 });
      const id = (await s.trigger({ projectId: viajes.id, group: 'push', kind: 'sync' }))!;
      const [row] = await settled([id]);
      expect(row!.state).toBe('retry');
      const [job] = await q(`SELECT retry_limit, retry_delay, retry_backoff, start_after > now() + interval '30 seconds' AS later, output FROM pgboss.job WHERE id = $1`, [id]);
      expect(job).toMatchObject({ retry_limit: 3, retry_delay: 60, retry_backoff: true, later: true });
      expect(job!.output.message).toMatch(/^1 of 1 windows failed, watermark 2026-11-20: .*credentials for project 100276 not found: set IG_UNSET_FOR_TEST \(server key\) and\/or IG_UNSET_FOR_TEST_MAIL and IG_UNSET_FOR_TEST_PASSWORD \(console login\)$/);
      expect((await q('SELECT watermark FROM app.sync_state WHERE project_id = $1', [viajes.id]))[0]).toEqual(before);
    } finally {
      await upsertProject(etl, { projectId: viajes.id, name: viajes.name, timeZone: viajes.timeZone, credentialsRef: 'demo' });
    }
  });

  it('a job for a pair another run holds is skipped (a re-sync waits for a retry), never run alongside it', async () => {
    const holder = new pg.Client(db.etlUrl);
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lockKey(moda.id, 'push')]);
      const s = await scheduler({ concurrency: 2 });
      const runsBefore = (await q('SELECT count(*)::int AS n FROM app.sync_runs WHERE project_id = $1', [moda.id]))[0];
      const sync = (await s.trigger({ projectId: moda.id, group: 'push', kind: 'sync' }))!;
      const resync = (await s.trigger({ projectId: moda.id, group: 'push', kind: 'resync' }))!;
      const rows = await settled([sync, resync]);
      expect(rows.find((r) => r.id === sync)).toMatchObject({ state: 'completed', output: { skipped: 'another run of this project and group is in progress' } });
      expect(rows.find((r) => r.id === resync)).toMatchObject({ state: 'retry' });
      expect((await q('SELECT count(*)::int AS n FROM app.sync_runs WHERE project_id = $1', [moda.id]))[0]).toEqual(runsBefore);
    } finally {
      await holder.end();
    }
  });
});
