/**
 * The BFF behind PgBouncer in transaction mode (docs/adr/023-production.md): the RLS scope helper
 * (one transaction: SET LOCAL ROLE, set_config(..., true)) keeps every request in its own project
 * while many clients share two server connections, nothing of a scope survives its transaction on
 * a shared connection, the whole BFF answers as it does directly, and its cache still follows
 * NOTIFY because it LISTENs on a direct connection (LISTEN_DATABASE_URL).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_DB_PASSWORDS, loadConfig } from '../lib/config.js';
import { createPool, type Pool } from '../lib/db.js';
import { createLogger } from '../lib/log.js';
import { testDatabase, type TestDatabase } from '../lib/testing/database.js';
import { startPgBouncer, type PgBouncer } from '../lib/testing/pgbouncer.js';
import { startStack, type Stack } from '../lib/testing/stack.js';
import { withScope } from './db/scope.js';
import { startBff, type RunningBff } from './server.js';

const PROJECTS = ['100274', '100275', '100276'];
const APP = 'ig-bouncer-test';
let db: TestDatabase;
let stack: Stack;
let bouncer: PgBouncer;
let owner: pg.Client;
let pool: Pool;
let bff: RunningBff | undefined;

beforeAll(async () => {
  db = await testDatabase();
  stack = await startStack({ databaseUrl: db.ownerUrl, syncDays: 7 });
  bouncer = await startPgBouncer({ upstream: db.apiUrl, users: { ig_api: DEV_DB_PASSWORDS.api }, poolMode: 'transaction', poolSize: 2 });
  owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  pool = createPool(bouncer.via(db.apiUrl), { max: 20, application: APP });
});
afterAll(async () => {
  await bff?.close();
  await pool?.end();
  await owner?.end();
  await bouncer?.stop();
  await stack?.stop();
  await db?.drop();
});

describe('through PgBouncer in transaction mode', () => {
  it('90 concurrent scopes on two server connections: each sees only its project, as ig_reader; after each, nothing of it is left', async () => {
    const results = await Promise.all(
      Array.from({ length: 90 }, (_, i) => {
        const projectId = PROJECTS[i % 3]!;
        return withScope(pool, { projectId, userId: `user-${i}` }, { readOnly: true, statementTimeoutMs: 4000 }, async (q) => {
          const first = await q.query(`SELECT current_setting('app.project_id') AS p, current_setting('app.user_id') AS u, current_user AS r,
                                              (SELECT array_agg(DISTINCT project_id::text) FROM marts.push_daily) AS seen`);
          await q.query('SELECT pg_sleep(0.002)'); // let other clients' transactions interleave
          const second = await q.query(`SELECT current_setting('app.project_id') AS p, (SELECT count(*) FROM marts.push_daily) AS n`);
          return { projectId, user: `user-${i}`, first: first.rows[0], second: second.rows[0] };
        });
      }),
    );
    for (const r of results) {
      expect(r.first).toEqual({ p: r.projectId, u: r.user, r: 'ig_reader', seen: [r.projectId] });
      expect(r.second.p).toBe(r.projectId);
      expect(r.second.n).toBeGreaterThan(0);
    }
    // The pooler multiplexed: at most its two server connections served the 20 clients.
    const { rows: server } = await owner.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND usename = 'ig_api' AND application_name = $2`, [db.name, APP]);
    expect(server[0].n).toBeGreaterThan(0);
    expect(server[0].n).toBeLessThanOrEqual(2);
    expect(pool.totalCount).toBeGreaterThan(2);

    // Outside a scope, on the same shared server connections: the login role, no project, the default timeout.
    const leftovers = await Promise.allSettled(Array.from({ length: 20 }, () => pool.query('SELECT count(*) FROM marts.push_daily')));
    for (const l of leftovers) {
      expect(l.status).toBe('rejected');
      expect((l as PromiseRejectedResult).reason.message).toMatch(/permission denied/); // no role left behind
    }
    const settings = await Promise.all(Array.from({ length: 10 }, () => pool.query(`SELECT current_user AS r, coalesce(current_setting('app.project_id', true), '') AS p, current_setting('statement_timeout') AS t`)));
    for (const s of settings) expect(s.rows[0]).toEqual({ r: 'ig_api', p: '', t: '0' });
  });

  it('a scope that fails rolls back: the next transaction on that server connection starts clean', async () => {
    const one = createPool(bouncer.via(db.apiUrl), { max: 4, application: APP });
    try {
      await expect(
        withScope(one, { projectId: '100274', userId: 'x' }, { readOnly: true, statementTimeoutMs: 4000 }, async (q) => {
          await q.query('SELECT 1/0');
        }),
      ).rejects.toThrow(/division by zero/);
      const after = await Promise.all(Array.from({ length: 8 }, () => one.query(`SELECT current_user AS r, coalesce(current_setting('app.project_id', true), '') AS p`)));
      for (const a of after) expect(a.rows[0]).toEqual({ r: 'ig_api', p: '' });
    } finally {
      await one.end();
    }
  });

  it('the whole BFF through the pooler answers what it answers directly, per project; its cache follows NOTIFY on the direct LISTEN connection', async () => {
    const config = loadConfig({ PORT: '0', LISTEN_DATABASE_URL: db.apiUrl, RATE_LIMIT_USER_RPS: '0', RATE_LIMIT_PROJECT_RPS: '0' });
    bff = await startBff(config, createLogger('silent'), { apiUrl: bouncer.via(db.apiUrl) });
    const get = async (base: string, project: string) => {
      const res = await fetch(`${base}/v1/kpis?channel=push`, { headers: { Authorization: `Bearer ${stack.tokens[project]}` } });
      return { status: res.status, etag: res.headers.get('etag'), body: await res.json() };
    };
    const seen = new Set<string>();
    for (const p of PROJECTS) {
      const [direct, pooled] = await Promise.all([get(stack.api, p), get(bff.url, p)]);
      expect(pooled.status).toBe(200);
      expect(pooled.body).toEqual(direct.body);
      seen.add(JSON.stringify(pooled.body.metrics));
    }
    expect(seen.size).toBe(3); // three projects, three sets of figures

    const before = await get(bff.url, '100275');
    expect(before.etag).toBeTruthy();
    const { rows } = await owner.query<{ run_id: string }>(
      `INSERT INTO app.sync_runs (project_id, data_group, window_from, window_to) VALUES (100275, 'push', current_date, current_date) RETURNING run_id`,
    );
    await owner.query(`UPDATE app.sync_runs SET status = 'succeeded', finished_at = now() WHERE run_id = $1`, [rows[0]!.run_id]);
    const end = Date.now() + 5000;
    let after = await get(bff.url, '100275');
    while (after.etag === before.etag && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 25));
      after = await get(bff.url, '100275');
    }
    expect(after.etag).not.toBe(before.etag);
  });

  it('PgBouncer restarted under requests: 503 with Retry-After while it is gone, never a 500 or a crash; served again once it is back', { timeout: 60_000 }, async () => {
    expect(bff).toBeDefined();
    const port = bouncer.port;
    const seen: { status: number; retryAfter: string | null }[] = [];
    let running = true;
    let n = 0;
    const loop = async () => {
      while (running) {
        // Distinct periods: never a cached answer, always the database.
        const day = String(1 + (n++ % 28)).padStart(2, '0');
        const res = await fetch(`${bff!.url}/v1/kpis?channel=push&from=2026-02-01&to=2026-02-${day}`, { headers: { Authorization: `Bearer ${stack.tokens['100274']}` } });
        await res.arrayBuffer();
        seen.push({ status: res.status, retryAfter: res.headers.get('retry-after') });
      }
    };
    const loops = Array.from({ length: 4 }, loop);
    while (seen.length < 8) await new Promise((r) => setTimeout(r, 20));
    await bouncer.stop();
    while (!seen.slice(-4).some((s) => s.status === 503)) await new Promise((r) => setTimeout(r, 20));
    bouncer = await startPgBouncer({ upstream: db.apiUrl, users: { ig_api: DEV_DB_PASSWORDS.api }, poolMode: 'transaction', poolSize: 2, port });
    const mark = seen.length;
    const end = Date.now() + 20_000;
    while (!seen.slice(mark).some((s) => s.status === 200) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    running = false;
    await Promise.all(loops);
    expect(seen.slice(mark).some((s) => s.status === 200)).toBe(true);
    expect(new Set(seen.map((s) => s.status))).toEqual(new Set([200, 503]));
    for (const s of seen.filter((x) => x.status === 503)) expect(Number(s.retryAfter)).toBeGreaterThanOrEqual(1);
    expect((await fetch(`${bff!.url}/healthz`)).status).toBe(200); // the same process all along
  });
});
