/**
 * The pipeline runner on a real database, with the simulator upstream (through a proxy the tests can
 * tamper with): data tests gate publishing, the watermark holds at a failed window and the next run
 * resumes there, a rerun adds nothing, one run per (project, group) at a time, and freshness.
 * Every check on the database reads as the owner; expected figures come from the simulator's generator.
 */
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays, datesBetween } from '../../lib/dates.js';
import { createPool, type Pool } from '../../lib/db.js';
import { countQueries, testDatabase, type TestDatabase } from '../../lib/testing/database.js';
import { push } from '../groups/push.js';
import { upsertProject, type Project } from '../projects.js';
import { DEMO_PROJECTS, type SimProject } from '../simulator/catalog.js';
import { pushDaily } from '../simulator/generator.js';
import { startSimulator, type RunningSimulator } from '../simulator/server.js';
import { apiClients, backfillTasks, runTasks, scheduledTask } from '../sync.js';
import { dailyFrom, endpointWindows, planWindows } from './plan.js';
import { ABANDONED, runGroup, type GroupRunResult } from './run.js';
import { dataTestQuery, loadSql } from './sql.js';
import { apiError, startProxy, type Proxy } from './testing.js';

const NOW = new Date('2026-11-21T03:00:00Z');
const [banco, moda, viajes] = DEMO_PROJECTS as [SimProject, SimProject, SimProject];
/** Local "today" at NOW, written out rather than computed with the code under test. */
const TODAY: Record<number, string> = { [banco.id]: '2026-11-20', [moda.id]: '2026-11-21', [viajes.id]: '2026-11-20' };

let db: TestDatabase;
let sim: RunningSimulator;
let proxy: Proxy;
let etl: Pool;
let owner: pg.Client;

const project = (p: SimProject): Project => ({ projectId: p.id, name: p.name, timeZone: p.timeZone, credentialsRef: 'demo', status: 'active' });
const clients = () => apiClients(proxy.url);

function run(p: SimProject, range: { from: string; to: string }, kind: 'backfill' | 'sync' | 'resync' = 'backfill'): Promise<GroupRunResult> {
  return runGroup({ pool: etl, project: project(p), spec: push, range, kind, client: () => clients()(project(p)) });
}

async function q<T extends pg.QueryResultRow = Record<string, any>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await owner.query<T>(sql, params)).rows;
}

/** md5 over every row of every table of a schema, found in the catalogue. */
async function schemaChecksum(schema: string, where = 'true', params: unknown[] = []): Promise<Record<string, string>> {
  const tables = await q<{ t: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY 1`,
    [schema],
  );
  const out: Record<string, string> = {};
  for (const { t } of tables) {
    const [r] = await q<{ md5: string; n: number }>(
      `SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) AS md5, count(*)::int AS n FROM ${t} x WHERE ${where}`,
      params,
    );
    out[t] = `${r!.n}:${r!.md5}`;
  }
  return out;
}

const state = async (p: SimProject) =>
  (await q('SELECT watermark, last_error, last_success_at IS NOT NULL AS succeeded FROM app.sync_state WHERE project_id = $1 AND data_group = $2', [p.id, 'push']))[0];
const rawCount = async () => (await q<{ n: number }>('SELECT count(*)::int AS n FROM raw.api_responses'))[0]!.n;

function generatorMart(p: SimProject, from: string, to: string) {
  return datesBetween(from, to)
    .flatMap((d) => pushDaily(p, d))
    .map((r) => ({ day: r.statsDate, platform: r.platformGroup, sent: r.numDevicesSent, success: r.numDevicesSuccess, received: r.numDevicesReceived, clicked: r.numDevicesClicked }));
}
const martRows = (p: SimProject) =>
  q('SELECT day, platform, sent, success, received, clicked FROM marts.push_daily WHERE project_id = $1 ORDER BY day, platform', [p.id]);

beforeAll(async () => {
  db = await testDatabase();
  sim = await startSimulator({ rateLimit: false, now: () => NOW });
  proxy = await startProxy(sim.url);
  etl = createPool(db.etlUrl, { max: 6 });
  owner = new pg.Client(db.ownerUrl);
  await owner.connect();
  for (const p of DEMO_PROJECTS) await upsertProject(etl, { projectId: p.id, name: p.name, timeZone: p.timeZone, credentialsRef: 'demo' });
});

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

describe('data tests gate publishing', () => {
  const range = { from: addDays(TODAY[banco.id]!, -29), to: TODAY[banco.id]! };
  const badDay = addDays(TODAY[banco.id]!, -10);

  it('a failing data test rolls the refresh back: the published marts keep their checksum, and the failure is recorded', async () => {
    expect((await run(banco, range)).status).toBe('succeeded');
    const published = await schemaChecksum('marts');
    const staging = await schemaChecksum('staging');
    const raw = await rawCount();

    // The upstream's daily dateStats now say more devices clicked than were sent on one day: each count
    // alone passes the payload schema, the funnel data test catches it. The group's other endpoints
    // (hourly dateStats, campaign stats) are served as they are.
    proxy.hooks.rewrite = (url, json, up) => {
      if (url.pathname !== `/v1/application/${banco.id}/dateStats` || url.searchParams.get('periodicity') !== 'daily') return;
      const row = json.data.find((r: any) => r.statsDate === badDay && r.platformGroup === 'android');
      row.numDevicesClicked = row.numDevicesSent + 5;
      return { ...up, body: JSON.stringify(json) };
    };
    const result = await run(banco, range);

    expect(result.status).toBe('failed');
    const [w] = result.windows;
    expect(w).toMatchObject({ status: 'failed', fetched: true, rawInserted: 0, rowsChanged: 0 });
    expect(w!.error).toBe('data test failed: push_daily__funnel (1 row); the previously published data is kept');
    expect(await schemaChecksum('marts')).toEqual(published);
    expect(await schemaChecksum('staging')).toEqual(staging);
    expect(await rawCount()).toBe(raw); // raw is part of the rolled-back transaction

    const failures = await q(
      `SELECT f.project_id, f.run_id, f.data_group, f.test_name, f.window_from, f.window_to, f.failing_rows, f.sample, r.status, r.error
       FROM app.data_test_failures f JOIN app.sync_runs r USING (project_id, run_id)`,
    );
    const sent = pushDaily(banco, badDay).find((r) => r.platformGroup === 'android')!.numDevicesSent;
    expect(failures).toEqual([
      {
        project_id: banco.id,
        run_id: w!.runId,
        data_group: 'push',
        test_name: 'push_daily__funnel',
        window_from: range.from,
        window_to: range.to,
        failing_rows: 1,
        sample: [expect.objectContaining({ project_id: banco.id, day: badDay, platform: 'android', sent, clicked: sent + 5 })],
        status: 'failed',
        error: w!.error,
      },
    ]);
    // The failed window lies under the watermark, which moves back before it so the next run retries it.
    expect(await state(banco)).toMatchObject({ watermark: addDays(range.from, -1), last_error: `${range.from}..${range.to}: ${w!.error}` });

    // Upstream fixed: the next run publishes and the watermark is back at today.
    proxy.hooks = {};
    expect((await run(banco, range)).status).toBe('succeeded');
    expect(await schemaChecksum('marts')).toEqual(published);
    expect(await state(banco)).toMatchObject({ watermark: range.to, last_error: null, succeeded: true });
  });

  it('each push data test returns the rows it exists to catch', async () => {
    const vars = { project_id: banco.id, from: range.from, to: range.to };
    const failing = async (file: string, breakIt: string) => {
      await owner.query('BEGIN');
      try {
        await owner.query(breakIt);
        const test = loadSql('tests', file);
        return (await owner.query(dataTestQuery(test, 20), test.values(vars))).rows.length;
      } finally {
        await owner.query('ROLLBACK');
      }
    };
    for (const file of push.dataTests) expect(await failing(file, 'SELECT 1'), `${file} passes on loaded data`).toBe(0);
    expect(await failing('push_daily__project_exists.sql', `DELETE FROM app.projects WHERE project_id = ${banco.id}`)).toBe(1);
    expect(await failing('push_daily__reconciles_staging.sql', `UPDATE marts.push_daily SET sent = sent + 1 WHERE project_id = ${banco.id} AND day = '${badDay}' AND platform = 'ios'`)).toBe(1);
    expect(await failing('push_daily__reconciles_staging.sql', `DELETE FROM marts.push_daily WHERE project_id = ${banco.id} AND day = '${badDay}'`)).toBe(1);
    expect(await failing('push_daily__funnel.sql', `UPDATE marts.push_daily SET received = sent + 1 WHERE project_id = ${banco.id} AND day = '${badDay}'`)).toBe(2);
    // not_null, unique grain and accepted platform values are also table constraints, which refuse the
    // rows first; the data tests restate them so a change of the table cannot drop them unnoticed.
    for (const bad of [
      `INSERT INTO marts.push_daily VALUES (${banco.id}, '${badDay}', 'android', 1, 1, 1, 1)`,
      `INSERT INTO marts.push_daily VALUES (${banco.id}, '${badDay}', 'huawei', 1, 1, 1, 1)`,
      `UPDATE marts.push_daily SET sent = NULL WHERE project_id = ${banco.id}`,
    ]) {
      await expect(failing('push_daily__not_null.sql', bad)).rejects.toThrow(/violates/);
    }
  });
});

describe('watermarks', () => {
  it('a failed window holds the watermark back; the next sync resumes from it and publishes everything', async () => {
    const range = { from: addDays(TODAY[moda.id]!, -199), to: TODAY[moda.id]! };
    const windows = planWindows(push, range);
    expect(windows).toHaveLength(3);
    // The second window's request fails upstream (a 403 is not retried).
    proxy.hooks.answer = (url) => (url.searchParams.get('dateFrom') === windows[1]!.from ? apiError(403, 'Operation forbidden') : undefined);
    const first = await run(moda, range);
    expect(first.windows.map((w) => w.status)).toEqual(['succeeded', 'failed', 'succeeded']);
    expect(first.watermark).toBe(windows[0]!.to);
    expect(await state(moda)).toEqual({
      watermark: windows[0]!.to,
      last_error: `${windows[1]!.from}..${windows[1]!.to}: indigitall API 403 on /v1/application/${moda.id}/dateStats: Operation forbidden`,
      succeeded: false,
    });
    // The third window was published even so; the second is missing.
    const loaded = new Set((await martRows(moda)).map((r) => r.day));
    expect(datesBetween(windows[1]!.from, windows[1]!.to).some((d) => loaded.has(d))).toBe(false);
    expect(datesBetween(windows[2]!.from, windows[2]!.to).every((d) => loaded.has(d))).toBe(true);

    // The next scheduled sync starts at the watermark, not at today.
    proxy.hooks = {};
    proxy.requests.length = 0;
    const task = await scheduledTask(etl, project(moda), push, 'sync', { now: NOW, backfillDays: 120 });
    expect(task.range).toEqual({ from: windows[0]!.to, to: TODAY[moda.id] });
    const summary = await runTasks(etl, [task], { clients: clients() });
    expect(summary.failures).toEqual([]);
    expect(new URL(proxy.requests[0]!, 'http://x').searchParams.get('dateFrom')).toBe(windows[0]!.to);
    expect(await state(moda)).toEqual({ watermark: TODAY[moda.id], last_error: null, succeeded: true });
    expect(await martRows(moda)).toEqual(generatorMart(moda, range.from, range.to));
  });

  it('a first window failing on a project never loaded leaves no watermark; a re-sync reaches back seven days', async () => {
    proxy.hooks.answer = () => apiError(403, 'Operation forbidden');
    const r = await run(viajes, { from: addDays(TODAY[viajes.id]!, -9), to: TODAY[viajes.id]! });
    expect(r.status).toBe('failed');
    expect((await state(viajes))!.watermark).toBeNull();
    proxy.hooks = {};
    const task = await scheduledTask(etl, project(viajes), push, 'resync', { now: NOW, backfillDays: 10 });
    expect(task).toMatchObject({ kind: 'resync', range: { from: addDays(TODAY[viajes.id]!, -9), to: TODAY[viajes.id] } });
    await runTasks(etl, [task], { clients: clients() });
    expect(await q('SELECT watermark, resynced_at IS NOT NULL AS resynced FROM app.sync_state WHERE project_id = $1', [viajes.id])).toEqual([
      { watermark: TODAY[viajes.id], resynced: true },
    ]);
  });
});

describe('reruns', () => {
  it('a rerun with no upstream change adds zero raw rows and rewrites no staging or mart row', async () => {
    const tasks = backfillTasks(DEMO_PROJECTS.map(project), [push], 120, NOW);
    const first = await runTasks(etl, tasks, { clients: clients() });
    expect(first.failures).toEqual([]);
    const raw = await rawCount();
    const marts = await schemaChecksum('marts');
    const staging = await schemaChecksum('staging');
    const xmins = await q('SELECT xmin::text FROM marts.push_daily UNION ALL SELECT xmin::text FROM staging.push_daily');

    const again = await runTasks(etl, tasks, { clients: clients() });
    expect(again).toMatchObject({ failures: [], busy: [], rawInserted: 0, rowsChanged: 0, windows: first.windows });
    expect(await rawCount()).toBe(raw);
    expect(await schemaChecksum('marts')).toEqual(marts);
    expect(await schemaChecksum('staging')).toEqual(staging);
    expect(await q('SELECT xmin::text FROM marts.push_daily UNION ALL SELECT xmin::text FROM staging.push_daily')).toEqual(xmins);
  });
});

describe('one run per (project, group) at a time', () => {
  it('a second run while one is in progress is busy and writes nothing; other projects are not held up', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let arrived!: () => void;
    const first = new Promise<void>((r) => (arrived = r));
    proxy.hooks.before = async (url) => {
      if (url.pathname.includes(String(banco.id))) {
        arrived();
        await gate;
      }
    };
    const range = { from: addDays(TODAY[banco.id]!, -5), to: TODAY[banco.id]! };
    const runsBefore = (await q<{ n: number }>('SELECT count(*)::int AS n FROM app.sync_runs'))[0]!.n;

    const a = run(banco, range);
    await first;
    const b = await run(banco, range);
    expect(b).toMatchObject({ status: 'busy', windows: [] });
    // Another project runs meanwhile.
    expect((await run(moda, { from: TODAY[moda.id]!, to: TODAY[moda.id]! })).status).toBe('succeeded');
    release();
    expect((await a).status).toBe('succeeded');
    expect((await q<{ n: number }>('SELECT count(*)::int AS n FROM app.sync_runs'))[0]!.n).toBe(runsBefore + 2);
    // The lock was released: the pair runs again.
    expect((await run(banco, range)).status).toBe('succeeded');
  });

  it('runs left running by a process that died are closed as abandoned by the next run', async () => {
    const [left] = await q<{ run_id: number }>(
      `INSERT INTO app.sync_runs (project_id, data_group, window_from, window_to) VALUES ($1, 'push', '2026-11-01', '2026-11-02') RETURNING run_id`,
      [banco.id],
    );
    await run(banco, { from: TODAY[banco.id]!, to: TODAY[banco.id]! });
    expect(await q('SELECT status, error, finished_at IS NOT NULL AS finished FROM app.sync_runs WHERE run_id = $1', [left!.run_id])).toEqual([
      { status: 'failed', error: ABANDONED, finished: true },
    ]);
  });
});

describe('round trips', () => {
  /** A pool of one connection whose queries are counted (what runGroup sends to PostgreSQL). */
  async function counted<T>(body: (pool: Pool, count: () => number) => Promise<T>): Promise<T> {
    const pool = createPool(db.etlUrl, { max: 1 });
    const count = countQueries(pool);
    try {
      return await body(pool, count);
    } finally {
      await pool.end();
    }
  }

  it('a run costs one statement to start, and per window: BEGIN, raw, a staging model per payload, each mart, the tests with the state, COMMIT with the unlock', async () => {
    for (const days of [1, 100]) {
      const range = { from: addDays(TODAY[moda.id]!, -(days - 1)), to: TODAY[moda.id]! };
      const windows = planWindows(push, range);
      const payloads = (w: { from: string; to: string }) =>
        push.endpoints.reduce((n, e) => n + endpointWindows(e, w, dailyFrom(push, range)).length, 0);
      const { r, n } = await counted(async (pool, count) => {
        const r = await runGroup({ pool, project: project(moda), spec: push, range, kind: 'sync', client: () => clients()(project(moda)) });
        return { r, n: count() };
      });
      expect(r.status).toBe('succeeded');
      expect(r.windows).toHaveLength(windows.length);
      const expected =
        1 + // START_RUN: lock, project, abandoned runs, state, the first window's run row
        windows.reduce(
          (sum, w, i) =>
            sum +
            (i > 0 ? 1 : 0) + // the run row of a later window
            1 + // BEGIN
            1 + // every raw payload of the window
            payloads(w) + // a staging model per payload
            push.martModels.length +
            1 + // the data tests, the run's status and the state
            1, // COMMIT (and, after the last window, the unlock)
          0,
        );
      expect({ days, statements: n }).toEqual({ days, statements: expected });
    }
  });

  it('while a window loads, the next two windows are fetched, and no further', async () => {
    const range = { from: addDays(TODAY[banco.id]!, -399), to: addDays(TODAY[banco.id]!, -35) };
    const windows = planWindows(push, range);
    expect(windows.length).toBeGreaterThanOrEqual(4);
    /** Requests seen for window i (every request of a window asks for dates inside it). */
    const requestsOf = (i: number) =>
      proxy.requests.filter((r) => {
        const from = /[?&]dateFrom=([\d-]+)/.exec(r)?.[1];
        return from !== undefined && from >= windows[i]!.from && from <= windows[i]!.to;
      }).length;
    const perWindow = (i: number) => push.endpoints.reduce((n, e) => n + endpointWindows(e, windows[i]!, dailyFrom(push, range)).length, 0);
    // The first window's load waits on a lock the test holds on the push mart.
    const locker = new pg.Client(db.ownerUrl);
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE marts.push_daily IN EXCLUSIVE MODE');
    const running = run(banco, range);
    try {
      const waitFor = async (ok: () => Promise<boolean> | boolean) => {
        for (let i = 0; i < 400 && !(await ok()); i++) await new Promise((r) => setTimeout(r, 25));
      };
      await waitFor(async () => (await q(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND usename = 'ig_etl'`)).length > 0);
      await waitFor(() => requestsOf(2) === perWindow(2));
      await new Promise((r) => setTimeout(r, 300));
      expect([0, 1, 2, 3].map(requestsOf)).toEqual([perWindow(0), perWindow(1), perWindow(2), 0]);
      expect(await q(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND usename = 'ig_etl'`)).toHaveLength(1);
    } finally {
      await locker.query('COMMIT');
      await locker.end();
    }
    const result = await running;
    expect(result.status).toBe('succeeded');
    expect(result.windows.map((w) => w.status)).toEqual(windows.map(() => 'succeeded'));
    expect(windows.map((_, i) => requestsOf(i))).toEqual(windows.map((_, i) => perWindow(i)));
    expect(await martRows(banco)).toEqual(expect.arrayContaining(generatorMart(banco, range.from, addDays(range.from, 3))));
  });

  it('a run stopped before its first window leaves no run row behind and releases the lock', async () => {
    const range = { from: TODAY[moda.id]!, to: TODAY[moda.id]! };
    const before = await q('SELECT run_id FROM app.sync_runs WHERE project_id = $1 ORDER BY run_id', [moda.id]);
    const stop = new AbortController();
    stop.abort();
    const result = await runGroup({ pool: etl, project: project(moda), spec: push, range, kind: 'sync', signal: stop.signal, client: () => clients()(project(moda)) });
    expect(result).toMatchObject({ status: 'aborted', windows: [] });
    expect(await q('SELECT run_id FROM app.sync_runs WHERE project_id = $1 ORDER BY run_id', [moda.id])).toEqual(before);
    expect((await state(moda))!.last_error).toBe('stopped after 0 of 1 windows');
    expect((await run(moda, range)).status).toBe('succeeded');
  });
});

describe('stopping', () => {
  it('a stop cancels the requests in flight: the run ends without waiting for them, the cut window rolls back, the next run starts over from it', async () => {
    const range = { from: addDays(TODAY[viajes.id]!, -100), to: TODAY[viajes.id]! }; // two windows
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let arrived!: () => void;
    const first = new Promise<void>((r) => (arrived = r));
    proxy.hooks.before = async (url) => {
      if (url.pathname.includes(String(viajes.id))) {
        arrived();
        await gate; // upstream never answers until the test is over
      }
    };
    const marts = await schemaChecksum('marts', 'project_id = $1', [viajes.id]);
    const state = await q('SELECT watermark, last_success_at FROM app.sync_state WHERE project_id = $1 AND data_group = $2', [viajes.id, 'push']);
    const stop = new AbortController();
    const running = runGroup({ pool: etl, project: project(viajes), spec: push, range, kind: 'sync', signal: stop.signal, client: () => clients()(project(viajes)) });
    try {
      await first;
      stop.abort();
      const result = await running; // with the gate still closed: the request was cancelled, not awaited
      expect(result.status).toBe('aborted');
      expect(result.windows).toHaveLength(1);
      expect(result.windows[0]!.status).toBe('failed');
    } finally {
      release();
    }
    expect(await schemaChecksum('marts', 'project_id = $1', [viajes.id])).toEqual(marts);
    // As after any failed first window (see 'watermarks'): the watermark steps back before the range.
    expect(await q('SELECT watermark, last_success_at FROM app.sync_state WHERE project_id = $1 AND data_group = $2', [viajes.id, 'push'])).toEqual([
      { ...state[0], watermark: addDays(range.from, -1) },
    ]);
    const [last] = await q<{ status: string; error: string }>(`SELECT status, error FROM app.sync_runs WHERE project_id = $1 AND data_group = 'push' ORDER BY run_id DESC LIMIT 1`, [viajes.id]);
    expect(last).toMatchObject({ status: 'failed', error: expect.stringMatching(/abort/) });
  });
});

describe('freshness', () => {
  const asReader = async (projectId: number, sql: string) => {
    const api = new pg.Client(db.apiUrl);
    await api.connect();
    try {
      await api.query('BEGIN READ ONLY; SET LOCAL ROLE ig_reader');
      await api.query(`SELECT set_config('app.project_id', $1, true)`, [String(projectId)]);
      return (await api.query(sql)).rows;
    } finally {
      await api.end();
    }
  };

  it('the reader sees its own project per group: watermark, last success, and whether it is older than the tier allows', async () => {
    const rows = await asReader(banco.id, 'SELECT project_id, data_group, tier, watermark, last_error, stale, max_age::text AS max_age FROM app.freshness');
    expect(rows).toEqual([
      { project_id: banco.id, data_group: 'push', tier: 'hourly', watermark: TODAY[banco.id], last_error: null, stale: false, max_age: '02:00:00' },
    ]);
    await owner.query(`UPDATE app.sync_state SET last_success_at = now() - interval '3 hours' WHERE project_id = $1`, [banco.id]);
    expect(await asReader(banco.id, 'SELECT stale FROM app.freshness')).toEqual([{ stale: true }]);
    expect(await asReader(999, 'SELECT * FROM app.freshness')).toEqual([]);
    expect(await asReader(banco.id, 'SELECT count(*)::int AS n FROM app.data_test_failures WHERE project_id <> ' + banco.id)).toEqual([{ n: 0 }]);
  });
});
