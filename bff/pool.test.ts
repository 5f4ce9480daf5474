/**
 * The BFF's pool keeps its connections through quiet periods (PG_POOL_MIN, by default all of
 * PG_POOL_MAX) and opens them at start: a pool that handed them back after 30 s idle made the next
 * burst wait for new connections and each new backend's first queries (docs/adr/028, third
 * addendum). Connections are counted in pg_stat_activity, not in the pool's own bookkeeping.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, poolMin } from '../lib/config.js';
import { createPool, fillPool } from '../lib/db.js';
import { createLogger } from '../lib/log.js';
import { testDatabase, type TestDatabase } from '../lib/testing/database.js';
import { startBff } from './server.js';

let db: TestDatabase;
let owner: pg.Client;
beforeAll(async () => {
  db = await testDatabase();
  owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
});
afterAll(async () => {
  await owner?.end();
  await db?.drop();
});

/** Connections of `application` open on the test database, as PostgreSQL counts them. */
async function connections(application: string): Promise<number> {
  const { rows } = await owner.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = $2', [db.name, application]);
  return rows[0]!.n;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => Promise<boolean>, ms = 5000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached');
    await sleep(25);
  }
}

describe('the BFF pool', () => {
  it('keeps min connections open through idle time, and lets the rest go', async () => {
    for (const [min, max] of [[3, 3], [1, 4], [0, 2]] as const) {
      const app = `ig-pool-test-${min}-${max}`;
      const pool = createPool(db.apiUrl, { min, max, idleTimeoutMs: 100, application: app });
      try {
        await fillPool(pool);
        expect(await connections(app)).toBe(min);
        // A burst opens up to max; after idleTimeoutMs only min are left.
        const held = await Promise.all(Array.from({ length: max }, () => pool.connect()));
        expect(await connections(app)).toBe(max);
        held.forEach((c) => c.release());
        await sleep(400);
        await until(async () => (await connections(app)) === min);
        expect(pool.totalCount).toBe(min);
      } finally {
        await pool.end();
      }
    }
  });

  it('is full at start by default: PG_POOL_MAX connections before the first request', async () => {
    const config = loadConfig({ PORT: '0', PG_POOL_MAX: '4' });
    expect(poolMin(config)).toBe(4);
    const bff = await startBff(config, createLogger('silent'), { apiUrl: db.apiUrl, host: '127.0.0.1' });
    try {
      await until(async () => (await connections('ig-bff')) === 4);
    } finally {
      await bff.close();
    }
    await until(async () => (await connections('ig-bff')) === 0);
  });

  it('refuses PG_POOL_MIN above PG_POOL_MAX, naming both', () => {
    expect(() => loadConfig({ PG_POOL_MAX: '3', PG_POOL_MIN: '4' })).toThrow(ConfigError);
    expect(() => loadConfig({ PG_POOL_MAX: '3', PG_POOL_MIN: '4' })).toThrow(/PG_POOL_MIN: must not exceed PG_POOL_MAX \(3\)/);
    expect(poolMin(loadConfig({ PG_POOL_MAX: '3', PG_POOL_MIN: '0' }))).toBe(0);
  });
});
