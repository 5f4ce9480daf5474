/**
 * A worker killed with SIGKILL mid-window (issue 13 §4; etl/scheduler/lease.ts): `npm run worker`'s
 * process runs a multi-window backfill against the simulator; it is killed while a window is in
 * flight; a second worker (its own pool and pg-boss) finds the job's lease lost (the pair's advisory
 * lock died with the killed process's connection), cancels the job, enqueues it again and completes
 * it. The marts then equal those of a clean run on another database: no window lost, no row twice.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '../lib/db.js';
import { testDatabase, type TestDatabase } from '../lib/testing/database.js';
import { runNode, type Running } from '../lib/testing/processes.js';
import testNow from '../lib/testing/test-now.json' with { type: 'json' };
import { findGroup } from './groups/index.js';
import { runGroup } from './pipeline/run.js';
import { listProjects, upsertProject } from './projects.js';
import { startScheduler, SYNC_QUEUE, type Scheduler } from './scheduler/index.js';
import { DEMO_PROJECTS } from './simulator/catalog.js';
import { startSimulator, type RunningSimulator } from './simulator/server.js';
import { apiClients, scheduledTask } from './sync.js';

const NOW = new Date(testNow.IG_NOW);
const PROJECT = DEMO_PROJECTS[0]!;
const DAYS = 60;
const GRACE_S = 3;

let db: TestDatabase;
let clean: TestDatabase;
let sim: RunningSimulator;
let etl: Pool;
let owner: pg.Client;
let killed: Running | undefined;
let survivor: Scheduler | undefined;
let survivorPool: Pool | undefined;

beforeAll(async () => {
  [db, clean] = await Promise.all([testDatabase(), testDatabase()]);
  sim = await startSimulator({ rateLimit: false, now: () => NOW });
  etl = createPool(db.etlUrl, { max: 2 });
  await upsertProject(etl, { projectId: PROJECT.id, name: PROJECT.name, timeZone: PROJECT.timeZone, credentialsRef: 'demo' });
  owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
});
afterAll(async () => {
  await killed?.stop('SIGKILL');
  await survivor?.stop();
  await survivorPool?.end();
  await etl?.end();
  await owner?.end();
  await sim?.close();
  await db?.drop();
  await clean?.drop();
});

async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every mart row of the project, without the load timestamps (columns defaulting to now()). */
async function marts(ownerUrl: string): Promise<Record<string, string[]>> {
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    const { rows: tables } = await c.query<{ t: string; cols: string[] }>(
      `SELECT table_name AS t, array_agg(column_name::text ORDER BY ordinal_position) FILTER (WHERE coalesce(column_default, '') NOT LIKE 'now()%') AS cols
       FROM information_schema.columns WHERE table_schema = 'marts' GROUP BY table_name ORDER BY table_name`,
    );
    const out: Record<string, string[]> = {};
    for (const { t, cols } of tables) {
      const list = cols.map((x) => c.escapeIdentifier(x)).join(', ');
      const { rows } = await c.query<{ r: string }>(`SELECT row_to_json(x)::text AS r FROM (SELECT ${list} FROM marts.${c.escapeIdentifier(t)} WHERE project_id = $1) x ORDER BY 1`, [PROJECT.id]);
      out[t] = rows.map((r) => r.r);
    }
    return out;
  } finally {
    await c.end();
  }
}

describe('a worker killed with SIGKILL mid-window', () => {
  it('another worker reruns the window: marts equal a clean run, nothing lost or doubled', { timeout: 240_000 }, async () => {
    // Each devices request (one per 7-day window) answers after 400 ms: the backfill's nine windows take a while.
    sim.faults.set('devices', { kind: 'timeout', ms: 400 });
    const env = {
      ETL_DATABASE_URL: db.etlUrl,
      INDIGITALL_BASE_URL: sim.url,
      IG_NOW: NOW.toISOString(),
      SYNC_DAYS: String(DAYS),
      WORKER_CONCURRENCY: '1',
      WORKER_LEASE_GRACE_S: String(GRACE_S),
      WORKER_LEASE_CHECK_S: '1',
    };
    killed = runNode('etl/worker.ts', env);
    await killed.waitFor(/"msg":"worker started"/, 90_000);

    const enqueuer = await startScheduler({ pool: etl, bossUrl: db.etlUrl, clients: apiClients(sim.url), backfillDays: DAYS, concurrency: 0, schedule: false, lease: false });
    try {
      expect(await enqueuer.trigger({ projectId: PROJECT.id, group: 'devices', kind: 'sync' })).toBeTruthy();
    } finally {
      await enqueuer.stop();
    }

    // The killed worker is mid-backfill: some windows published, one running.
    const pair = [PROJECT.id, 'devices'];
    await until('two windows published and a third running', 120_000, async () => {
      const { rows } = await owner.query<{ ok: number; running: number }>(
        `SELECT count(*) FILTER (WHERE status = 'succeeded')::int AS ok, count(*) FILTER (WHERE status = 'running')::int AS running
         FROM app.sync_runs WHERE project_id = $1 AND data_group = $2`,
        pair,
      );
      return rows[0]!.ok >= 2 && rows[0]!.running === 1 ? true : undefined;
    });
    const { rows: jobs } = await owner.query<{ id: string }>(`SELECT id::text FROM pgboss.job WHERE name = $1 AND state = 'active'`, [SYNC_QUEUE]);
    expect(jobs).toHaveLength(1);

    // The second worker, then the kill.
    survivorPool = createPool(db.etlUrl, { max: 3 });
    survivor = await startScheduler({
      pool: survivorPool,
      bossUrl: db.etlUrl,
      clients: apiClients(sim.url),
      backfillDays: DAYS,
      concurrency: 1,
      schedule: false,
      pollingIntervalSeconds: 0.5,
      lease: { graceSeconds: GRACE_S, checkSeconds: 1 },
      now: () => NOW,
    });
    expect(await survivor.leases!.check()).toEqual([]); // a live worker's job is not taken from it
    expect(await killed.stop('SIGKILL')).toBe('SIGKILL');

    const { rows: windowsLeft } = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM app.sync_runs WHERE project_id = $1 AND data_group = $2`, pair);
    expect(windowsLeft[0]!.n).toBeGreaterThan(0);
    const states = await until('the job cancelled and its rerun completed', 120_000, async () => {
      const { rows } = await owner.query<{ id: string; state: string }>(`SELECT id::text, state::text FROM pgboss.job WHERE name = $1 ORDER BY created_on`, [SYNC_QUEUE]);
      return rows.length === 2 && rows[1]!.state === 'completed' ? rows : undefined;
    });
    expect(states.map((s) => s.state)).toEqual(['cancelled', 'completed']);
    expect(states[0]!.id).toBe(jobs[0]!.id);

    // Every window of the range published once: the cut one closed as abandoned, then run again.
    const { rows: runs } = await owner.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM app.sync_runs WHERE project_id = $1 AND data_group = $2 GROUP BY status ORDER BY status`,
      pair,
    );
    expect(runs.find((r) => r.status === 'running')).toBeUndefined();
    expect(runs.find((r) => r.status === 'failed')?.n).toBe(1);
    const { rows: dup } = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM app.sync_runs WHERE project_id = $1 AND data_group = $2 AND status = 'succeeded'
                                      GROUP BY window_from, window_to HAVING count(*) > 1) d`,
      pair,
    );
    expect(dup[0]!.n).toBe(0);

    // The clean run: the same range on another database, nobody killed.
    sim.faults.clear();
    const cleanPool = createPool(clean.etlUrl, { max: 2 });
    try {
      await upsertProject(cleanPool, { projectId: PROJECT.id, name: PROJECT.name, timeZone: PROJECT.timeZone, credentialsRef: 'demo' });
      const project = (await listProjects(cleanPool)).find((p) => p.projectId === PROJECT.id)!;
      const spec = findGroup('devices')!;
      const task = await scheduledTask(cleanPool, project, spec, 'sync', { now: NOW, backfillDays: DAYS });
      const result = await runGroup({ pool: cleanPool, project, spec, range: task.range, kind: task.kind, client: () => apiClients(sim.url)(project) });
      expect(result.status).toBe('succeeded');
    } finally {
      await cleanPool.end();
    }
    const [got, want] = [await marts(db.ownerUrl), await marts(clean.ownerUrl)];
    expect(Object.values(want).some((rows) => rows.length > 0)).toBe(true);
    expect(got).toEqual(want);
  });
});
