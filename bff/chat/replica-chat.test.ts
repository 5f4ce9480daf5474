/**
 * The assistant reads from the streaming replica (REPLICA_DATABASE_URL; docs/adr/023-production.md)
 * under the REST routes' freshness rule: a certified tool and the guarded SQL fallback (run_sql) run
 * on the hot standby once it has replayed the project's data version, on the primary while it lags
 * behind a publish or is gone; cancels and statement timeouts reach the standby's backend; and the
 * assistant's pinned project holds on the standby, where 0019's uncommitted pin row cannot exist
 * (migration 0031: a MAC tag in a transaction-local setting).
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, ensureDatabase, type Pool } from '../../lib/db.js';
import { startEmbeddedPostgres, type EmbeddedPg } from '../../lib/embedded-pg.js';
import { createLogger } from '../../lib/log.js';
import { freePort } from '../../lib/testing/ports.js';
import { startStack, type Stack } from '../../lib/testing/stack.js';
import { startStandby, type Standby } from '../../lib/testing/standby.js';
import { createApp } from '../app.js';
import { DataVersions } from '../cache/versions.js';
import type { ReadStats } from '../db/replica.js';
import type { Plan, PlanContext } from './engine.js';
import { executeTool } from './executors.js';
import { assistantOpeningSql, runGuardedSql, SqlGuardError } from './sql/run.js';
import { parseToolCall } from './tools.js';

const A = '100274';
const B = '100275';
const SUM_SQL = "SELECT sum(sent)::bigint AS sent FROM assistant.channel_daily WHERE channel = 'push'";
const SLOW_SQL = 'SELECT count(*) FROM (SELECT generate_series(1, 100000000000)) g';

let dir: string;
let primary: EmbeddedPg;
let stack: Stack;
let standby: Standby | undefined;
let owner: pg.Client;
let standbyAdmin: pg.Client;
let pool: Pool;
let replica: Pool;
let versions: DataVersions;
let server: Server;
let base: string;
const stats: ReadStats = { replica: 0, primary: 0 };

/** "sql" asks run_sql for the push total; anything else the certified KPI tool over every synced day. */
const planner = (question: string, ctx: PlanContext): Plan =>
  /sql/.test(question)
    ? { calls: [{ name: 'run_sql', input: { sql: SUM_SQL } }] }
    : { calls: [{ name: 'kpis_by_channel', input: { channel: 'push', from: '2026-01-01', to: ctx.today } }] };

async function caughtUp(ms = 30_000) {
  const { rows } = await owner.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
  const end = Date.now() + ms;
  for (;;) {
    const r = await standbyAdmin.query<{ ok: boolean }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [rows[0]!.lsn]);
    if (r.rows[0]!.ok) return;
    if (Date.now() > end) throw new Error('the standby did not catch up');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The figure of one chat question: the result event's push `sent`, from the tool or from run_sql. */
async function ask(question: string, project = A): Promise<number> {
  const res = await fetch(`${base}/v1/chat/messages`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${stack.tokens[project]}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ question }),
  });
  expect(res.status).toBe(200);
  const events = (await res.text()).split('\n\n').filter((b) => b.startsWith('event: '));
  const result = events.find((b) => b.startsWith('event: result\n'));
  expect(result, events.join('\n')).toBeDefined();
  const data = JSON.parse(result!.split('\n').find((l) => l.startsWith('data: '))!.slice(6));
  if (data.tool === 'run_sql') return Number(data.data.rows[0].sent);
  return data.data.metrics.find((m: { key: string }) => m.key === 'sent').value;
}

/** The push total of a project on the primary, as the owner sees it. */
async function primarySum(project = A): Promise<number> {
  const { rows } = await owner.query<{ s: string }>(`SELECT sum(sent)::bigint AS s FROM marts.channel_daily WHERE project_id = $1 AND channel = 'push'`, [project]);
  return Number(rows[0]!.s);
}

async function publish() {
  const { rows } = await owner.query<{ run_id: string }>(
    `INSERT INTO app.sync_runs (project_id, data_group, window_from, window_to) VALUES ($1, 'push', current_date, current_date) RETURNING run_id`,
    [A],
  );
  await owner.query(`UPDATE app.sync_runs SET status = 'succeeded', finished_at = now() WHERE run_id = $1`, [rows[0]!.run_id]);
}

/** Adds to one push row of A's newest day on the primary (not published: the data version stays). */
async function changeUnpublished(delta: number) {
  await owner.query(
    `UPDATE marts.channel_daily SET sent = sent + $2
     WHERE (project_id, channel, day, platform) = (SELECT project_id, channel, day, platform FROM marts.channel_daily
                                                   WHERE project_id = $1 AND channel = 'push' ORDER BY day DESC, platform LIMIT 1)`,
    [A, delta],
  );
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ig-replica-chat-'));
  await chmod(dir, 0o755);
  primary = await startEmbeddedPostgres({ dataDir: dir, port: await freePort() });
  const ownerUrl = await ensureDatabase(primary.url, 'insights');
  stack = await startStack({ databaseUrl: ownerUrl, syncDays: 7 });
  owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  standby = await startStandby(primary.url, path.join(dir, 'pg'), dir);
  standbyAdmin = new pg.Client({ connectionString: standby.via(primary.url) });
  await standbyAdmin.connect();
  await caughtUp();

  pool = createPool(stack.database.apiUrl, { max: 4 });
  replica = createPool(standby.via(stack.database.apiUrl), { max: 4 });
  versions = new DataVersions(stack.database.apiUrl, createLogger('silent'), { reloadMs: 3_600_000 });
  await versions.start();
  const app = createApp({ ...stack.config, CACHE_MAX_MB: 0, RATE_LIMIT_USER_RPS: 0, RATE_LIMIT_PROJECT_RPS: 0 }, { pool, replica, versions, readStats: stats, logger: createLogger('silent'), chat: { planner } });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}, 240_000);

afterAll(async () => {
  if (server) {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
  await versions?.stop();
  await pool?.end();
  await replica?.end();
  await standbyAdmin?.end().catch(() => undefined);
  await owner?.end();
  await standby?.stop();
  await stack?.stop();
  await primary?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the assistant reads from a streaming replica', () => {
  it('a caught-up standby answers the tool and run_sql, with the primary\'s figures', async () => {
    const expected = await primarySum();
    expect(expected).toBeGreaterThan(0);
    for (const question of ['kpis', 'sql']) {
      const before = { ...stats };
      expect(await ask(question)).toBe(expected);
      expect(stats).toEqual({ replica: before.replica + 1, primary: before.primary });
    }
  });

  it('under lag: the paused standby answers while the version holds; after a publish it has not replayed, the primary; once replayed, the standby again', { timeout: 60_000 }, async () => {
    const start = await primarySum();
    await standbyAdmin.query('SELECT pg_wal_replay_pause()');
    try {
      await changeUnpublished(1000);
      // The primary now says start + 1000; an answer of `start` can only come from the paused standby.
      expect(await primarySum()).toBe(start + 1000);
      for (const question of ['kpis', 'sql']) {
        const r = stats.replica;
        expect(await ask(question)).toBe(start);
        expect(stats.replica).toBe(r + 1);
      }

      const known = versions.get(A)?.version ?? 0;
      await publish();
      const end = Date.now() + 10_000;
      while ((versions.get(A)?.version ?? 0) <= known && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
      expect(versions.get(A)?.version).toBeGreaterThan(known);
      for (const question of ['kpis', 'sql']) {
        const p = stats.primary;
        expect(await ask(question)).toBe(start + 1000); // the standby is behind the version: the primary answers
        expect(stats.primary).toBe(p + 1);
      }

      await standbyAdmin.query('SELECT pg_wal_replay_resume()');
      await caughtUp();
      for (const question of ['kpis', 'sql']) {
        const r = stats.replica;
        expect(await ask(question)).toBe(start + 1000);
        expect(stats.replica).toBe(r + 1);
      }
    } finally {
      await standbyAdmin.query('SELECT pg_wal_replay_resume()').catch(() => undefined);
    }
  });

  it('run_sql on the standby sees its own project only', async () => {
    await caughtUp();
    const [a, b] = [await primarySum(A), await primarySum(B)];
    expect(a).not.toBe(b);
    const r = stats.replica;
    expect(await ask('sql', A)).toBe(a);
    expect(await ask('sql', B)).toBe(b);
    expect(stats.replica).toBe(r + 2);
  });

  it('on the standby the pin holds: another project, a forged or a missing pin see nothing', async () => {
    await caughtUp();
    const api = new pg.Client({ connectionString: standby!.via(stack.database.apiUrl) });
    await api.connect();
    const count = async (between: string) => {
      await api.query(assistantOpeningSql(api, { projectId: A, userId: 'u' }, 5000));
      try {
        if (between) await api.query(between);
        const { rows } = await api.query<{ n: number }>('SELECT count(*)::int AS n FROM assistant.channel_daily');
        return rows[0]!.n;
      } finally {
        await api.query('ROLLBACK');
      }
    };
    try {
      expect((await api.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).rows[0]!.r).toBe(true);
      expect(await count('')).toBeGreaterThan(0); // the pinned project's rows: the checks below can fail
      expect(await count(`SELECT set_config('app.project_id', '${B}', true)`)).toBe(0);
      expect(await count(`SELECT set_config('app.assistant_pin', repeat('0', 64), true)`)).toBe(0);
      // A pin copied from another transaction (same project, same backend) is stale: nothing.
      await api.query(assistantOpeningSql(api, { projectId: B, userId: 'u' }, 5000));
      const stolen = (await api.query<{ p: string }>("SELECT current_setting('app.assistant_pin') AS p")).rows[0]!.p;
      await api.query('ROLLBACK');
      expect(stolen).toMatch(/^[0-9a-f]{64}$/);
      expect(await count(`SELECT set_config('app.project_id', '${B}', true), set_config('app.assistant_pin', '${stolen}', true)`)).toBe(0);
      // Without the pin at all: the assistant role alone sees nothing, and cannot call the pin.
      await api.query(`BEGIN READ ONLY; SET LOCAL ROLE ig_reader; SELECT set_config('app.project_id', '${A}', true); SET LOCAL ROLE ig_assistant`);
      try {
        expect((await api.query<{ n: number }>('SELECT count(*)::int AS n FROM assistant.channel_daily')).rows[0]!.n).toBe(0);
        await expect(api.query(`SELECT app.assistant_pin(${A})`)).rejects.toThrow(/permission denied/);
      } finally {
        await api.query('ROLLBACK');
      }
      await expect(api.query(`SELECT key FROM bff.assistant_pin_key`)).rejects.toThrow(/permission denied/);
    } finally {
      await api.end();
    }
  });

  it('statement timeout and cancel reach the standby\'s backend', { timeout: 60_000 }, async () => {
    await caughtUp();
    const wanted = versions.get(A)!.version;
    const scope = { projectId: A, userId: 'u' };
    const timedOut = await runGuardedSql(replica, scope, SLOW_SQL, { maxRows: 10, statementTimeoutMs: 300, wanted }).catch((e: Error) => e);
    expect(timedOut).toBeInstanceOf(SqlGuardError);
    expect((timedOut as SqlGuardError).kind).toBe('timeout');

    // A cancelled question: the run_sql statement stops on the standby (its timeout alone is 10 minutes).
    const controller = new AbortController();
    const r = stats.replica;
    const running = executeTool(parseToolCall('run_sql', { sql: SLOW_SQL }), { pool, replica, dataVersion: () => versions.get(A)?.version, readStats: stats, scope, statementTimeoutMs: 600_000, maxRows: 10, lang: 'es' }, controller.signal).catch((e: Error) => e);
    const end = Date.now() + 20_000;
    const active = async () =>
      Number((await standbyAdmin.query<{ n: string }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE '%generate_series%' AND state = 'active' AND pid <> pg_backend_pid()`)).rows[0]!.n);
    while ((await active()) === 0 && Date.now() < end) await new Promise((res) => setTimeout(res, 25));
    expect(await active()).toBe(1);
    controller.abort(new Error('the user went away'));
    expect(await running).toBeInstanceOf(Error);
    while ((await active()) > 0 && Date.now() < end) await new Promise((res) => setTimeout(res, 25));
    expect(await active()).toBe(0);
    expect(stats.replica).toBe(r); // it did not answer, and it did not run again on the primary
  });

  it('a standby that goes away sends the tool and run_sql to the primary', { timeout: 60_000 }, async () => {
    const expected = await primarySum();
    await standbyAdmin.end();
    await standby!.stop();
    standby = undefined;
    for (const question of ['kpis', 'sql']) {
      const p = stats.primary;
      expect(await ask(question)).toBe(expected);
      expect(stats.primary).toBe(p + 1);
    }
  });
});
