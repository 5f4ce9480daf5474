/**
 * Load shedding and probes under overload (docs/adr/023-production.md, "Faults"): past
 * ADMISSION_MAX_INFLIGHT, an API request gets 503 with Retry-After at once instead of a queue;
 * probes and static files are never shed; /readyz answers from a connection of its own while every
 * connection of the request pool is taken; a rate-limit store that does not answer still limits,
 * per process. Real HTTP, the real database.
 */
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../lib/config.js';
import { createPool, type Pool, type PoolClient } from '../lib/db.js';
import { createLogger } from '../lib/log.js';
import { testDatabase, type TestDatabase } from '../lib/testing/database.js';
import { startStack, type Stack } from '../lib/testing/stack.js';
import { createApp } from './app.js';
import { pgBuckets } from './platform/rate-limit.js';
import { freePort } from '../lib/testing/ports.js';

const PROJECT = '100274';
let db: TestDatabase;
let stack: Stack;
let pool: Pool;
let server: Server;
let base: string;

beforeAll(async () => {
  db = await testDatabase();
  stack = await startStack({ databaseUrl: db.ownerUrl, syncDays: 3 });
  // One connection; a caller waits for it up to 20 s (the test holds it to make requests wait).
  pool = createPool(db.apiUrl, { max: 1, connectionTimeoutMs: 20_000 });
  const config = loadConfig({ PORT: '0', ADMISSION_MAX_INFLIGHT: '3', RATE_LIMIT_USER_RPS: '0', RATE_LIMIT_PROJECT_RPS: '0', CACHE_MAX_MB: '0' });
  const app = createApp(config, { pool, logger: createLogger('silent') });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}, 120_000);
afterAll(async () => {
  if (server) {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
  await pool?.end();
  await stack?.stop();
  await db?.drop();
});

const get = (p: string, token = stack.tokens[PROJECT]) => fetch(base + p, { headers: token ? { Authorization: `Bearer ${token}` } : {} });

describe('admission and probes under overload', () => {
  it('past the in-flight limit: 503 with Retry-After at once; probes answer; the held requests then complete', { timeout: 60_000 }, async () => {
    let held: PoolClient | undefined = await pool.connect();
    try {
      // Three requests wait for the pool's only connection.
      const waiting = [1, 2, 3].map(() => get('/v1/kpis?channel=push'));
      const inflight = async () => {
        for (let i = 0; i < 200 && pool.waitingCount < 3; i++) await new Promise((r) => setTimeout(r, 25));
        return pool.waitingCount;
      };
      expect(await inflight()).toBe(3);

      for (const p of ['/v1/kpis?channel=push', '/v1/meta', '/openapi.json', '/auth/me']) {
        const shed = await get(p);
        expect(shed.status, p).toBe(503);
        expect(shed.headers.get('retry-after')).toBe('1');
        expect((await shed.json()).code).toBe('unavailable');
      }
      // Never shed: liveness, and readiness on its own connection (the pool's is held).
      expect((await get('/healthz', '')).status).toBe(200);
      const ready = await get('/readyz', '');
      expect(ready.status).toBe(200);

      held.release();
      held = undefined;
      const done = await Promise.all(waiting);
      expect(done.map((r) => r.status)).toEqual([200, 200, 200]);
      // Below the limit again: admitted.
      expect((await get('/v1/kpis?channel=push')).status).toBe(200);
    } finally {
      held?.release();
    }
  });
});

describe('the shared rate limiter without its database', () => {
  it('counts in this process: the burst holds, the next take waits', async () => {
    const nobody = createPool(`postgres://ig_api:x@127.0.0.1:${await freePort()}/none`, { max: 1, connectionTimeoutMs: 500 });
    try {
      const store = pgBuckets(nobody);
      const take = () => store.take([{ key: 'u:someone', rate: { perSecond: 1, burst: 2 } }]);
      expect(await take()).toBe(0);
      expect(await take()).toBe(0);
      expect(await take()).toBeGreaterThan(0);
      // Another key has its own bucket.
      expect(await store.take([{ key: 'u:other', rate: { perSecond: 1, burst: 2 } }])).toBe(0);
    } finally {
      await nobody.end();
    }
  });
});
