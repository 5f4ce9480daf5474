/**
 * Reads from a streaming replica (REPLICA_DATABASE_URL; docs/adr/023-production.md): a primary and
 * a hot standby of it (two embedded PostgreSQL clusters, physical streaming replication). The BFF
 * reads from the standby once it has replayed the project's data version, and from the primary
 * while it lags behind a publish, so no answer is older than the version it is labelled with; a
 * standby that goes away only sends reads back to the primary.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../lib/config.js';
import { createPool, type Pool } from '../lib/db.js';
import { startEmbeddedPostgres, type EmbeddedPg } from '../lib/embedded-pg.js';
import { createLogger } from '../lib/log.js';
import { freePort } from '../lib/testing/ports.js';
import { startStack, type Stack } from '../lib/testing/stack.js';
import { startStandby, type Standby } from '../lib/testing/standby.js';
import { ensureDatabase } from '../lib/db.js';
import { createApp } from './app.js';
import { DataVersions } from './cache/versions.js';
import type { ReadStats } from './db/replica.js';

const PROJECT = '100274';
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

/** Waits until the standby has replayed everything the primary has written so far. */
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

async function sent(): Promise<number> {
  const res = await fetch(`${base}/v1/kpis?channel=push`, { headers: { Authorization: `Bearer ${stack.tokens[PROJECT]}` } });
  expect(res.status).toBe(200);
  const body = await res.json();
  return body.metrics.find((m: { key: string }) => m.key === 'sent').value;
}

async function publish() {
  const { rows } = await owner.query<{ run_id: string }>(
    `INSERT INTO app.sync_runs (project_id, data_group, window_from, window_to) VALUES ($1, 'push', current_date, current_date) RETURNING run_id`,
    [PROJECT],
  );
  await owner.query(`UPDATE app.sync_runs SET status = 'succeeded', finished_at = now() WHERE run_id = $1`, [rows[0]!.run_id]);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ig-replica-'));
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

  const config = loadConfig({ PORT: '0', CACHE_MAX_MB: '0', RATE_LIMIT_USER_RPS: '0', RATE_LIMIT_PROJECT_RPS: '0' });
  pool = createPool(stack.database.apiUrl, { max: 4 });
  replica = createPool(standby.via(stack.database.apiUrl), { max: 4 });
  versions = new DataVersions(stack.database.apiUrl, createLogger('silent'), { reloadMs: 3_600_000 });
  await versions.start();
  const app = createApp(config, { pool, replica, versions, readStats: stats, logger: createLogger('silent'), validateResponses: true });
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

describe('reads from a streaming replica', () => {
  it('a caught-up replica answers the reads, with the primary\'s figures', async () => {
    const direct = await fetch(`${stack.api}/v1/kpis?channel=push`, { headers: { Authorization: `Bearer ${stack.tokens[PROJECT]}` } }).then((r) => r.json());
    const before = { ...stats };
    const res = await fetch(`${base}/v1/kpis?channel=push`, { headers: { Authorization: `Bearer ${stack.tokens[PROJECT]}` } });
    expect(await res.json()).toEqual(direct);
    expect(stats.replica).toBe(before.replica + 1);
    expect(stats.primary).toBe(before.primary);
    // The standby really is read-only: the replica pool cannot write.
    await expect(replica.query('CREATE TEMP TABLE x (a int)')).rejects.toThrow(/read-only/);
  });

  it('under lag: unpublished changes are not seen; a publish the replica has not replayed is read from the primary; once replayed, the replica again', { timeout: 60_000 }, async () => {
    const start = await sent();
    await standbyAdmin.query('SELECT pg_wal_replay_pause()');
    try {
      const { rows } = await owner.query<{ day: string }>(`SELECT max(day)::text AS day FROM marts.channel_daily WHERE project_id = $1 AND channel = 'push'`, [PROJECT]);
      await owner.query(`UPDATE marts.channel_daily SET sent = sent + 1000 WHERE project_id = $1 AND channel = 'push' AND day = $2 AND platform = (SELECT min(platform) FROM marts.channel_daily WHERE project_id = $1 AND channel = 'push' AND day = $2)`, [PROJECT, rows[0]!.day]);
      // Not published: the version is unchanged, so the paused replica may (and does) answer.
      let r = stats.replica;
      expect(await sent()).toBe(start);
      expect(stats.replica).toBe(r + 1);

      const p = stats.primary;
      await publish();
      const end = Date.now() + 5000;
      let now = await sent();
      while (now === start && Date.now() < end) {
        await new Promise((res) => setTimeout(res, 25));
        now = await sent();
      }
      expect(now).toBe(start + 1000); // the primary's figure, labelled with the new version
      expect(stats.primary).toBeGreaterThan(p);

      await standbyAdmin.query('SELECT pg_wal_replay_resume()');
      await caughtUp();
      r = stats.replica;
      expect(await sent()).toBe(start + 1000);
      expect(stats.replica).toBe(r + 1);
    } finally {
      await standbyAdmin.query('SELECT pg_wal_replay_resume()').catch(() => undefined);
    }
  });

  it('a replica that goes away sends the reads to the primary', { timeout: 60_000 }, async () => {
    const value = await sent();
    await standbyAdmin.end();
    await standby!.stop();
    standby = undefined;
    const p = stats.primary;
    expect(await sent()).toBe(value);
    expect(stats.primary).toBe(p + 1);
  });
});
