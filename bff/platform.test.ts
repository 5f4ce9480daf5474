/**
 * The BFF's platform behaviour over real HTTP and the real database: the data-version cache (ETag,
 * 304, invalidation by a publish), rate limits, pool saturation and request timeouts (503 with
 * Retry-After, never a hang), the body limit, CORS, frame-ancestors for /embed, /metrics, /readyz,
 * OpenAPI from the route specs, CSV, and the scope helper's guarantees.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../lib/config.js';
import { createPool, type Pool } from '../lib/db.js';
import { createLogger } from '../lib/log.js';
import { testDatabase, type TestDatabase } from '../lib/testing/database.js';
import { startStack, type Stack } from '../lib/testing/stack.js';
import { createApp } from './app.js';
import { signToken } from './auth/jwt.js';
import { DataVersions } from './cache/versions.js';
import { scopeProject, withScope, type ScopedDb } from './db/scope.js';
import { projectTimeZone } from './services/kpis.js';
import { ROUTES } from './routes/index.js';

let db: TestDatabase;
let stack: Stack;
let owner: pg.Client;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  db = await testDatabase();
  stack = await startStack({ databaseUrl: db.ownerUrl, syncDays: 40 });
  owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
});
afterAll(async () => {
  for (const c of closers.reverse()) await c().catch(() => undefined);
  await owner?.end();
  await stack?.stop();
  await db?.drop();
});

/** A BFF of our own on the stack's database, with configuration overrides. */
async function bff(env: Record<string, string> = {}, opts: { versions?: boolean; assets?: { path: string; dir: string }[] } = {}) {
  // Each app its own buckets (the shared PostgreSQL store has its tests in bff/production.test.ts).
  const config: Config = loadConfig({ PORT: '0', RATE_LIMIT_STORE: 'memory', ...env });
  const pool: Pool = createPool(db.apiUrl, { max: config.PG_POOL_MAX });
  let versions: DataVersions | undefined;
  if (opts.versions !== false) {
    versions = new DataVersions(db.apiUrl, createLogger('silent'), { reloadMs: 60_000 });
    await versions.start();
  }
  const app = createApp(config, { pool, logger: createLogger('silent'), versions, validateResponses: true }, { assets: opts.assets });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const close = async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await versions?.stop();
    await pool.end();
  };
  closers.push(close);
  return { url, pool, config, close };
}

const auth = (project = '100274') => ({ Authorization: `Bearer ${stack.tokens[project]}` });

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** What the ETL's publishing transaction does to the data version: a sync run that succeeds. */
async function publish(projectId: number) {
  const { rows } = await owner.query<{ run_id: string }>(
    `INSERT INTO app.sync_runs (project_id, data_group, window_from, window_to) VALUES ($1, 'push', current_date, current_date) RETURNING run_id`,
    [projectId],
  );
  await owner.query(`UPDATE app.sync_runs SET status = 'succeeded', finished_at = now() WHERE project_id = $1 AND run_id = $2`, [projectId, rows[0]!.run_id]);
}

const sentOf = (body: { metrics: { key: string; value: number }[] }) => body.metrics.find((m) => m.key === 'sent')!.value;

describe('response cache keyed by data version', () => {
  it('answers with an ETag, 304 on If-None-Match, and serves repeats from memory', async () => {
    const api = await bff();
    const first = await fetch(`${api.url}/v1/kpis?channel=push`, { headers: auth() });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"\d+-[\w-]{22}"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect(first.headers.get('vary')).toMatch(/Authorization/);
    const body = await first.json();

    const again = await fetch(`${api.url}/v1/kpis?channel=push`, { headers: { ...auth(), 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    // Asked again, the answer is stored (on its second miss). A change in the marts that is not a
    // publish is then not seen: the answer comes from the cache.
    expect(sentOf(await (await fetch(`${api.url}/v1/kpis?channel=push`, { headers: auth() })).json())).toBe(sentOf(body));
    const bumped = await owner.query(`UPDATE marts.channel_daily SET sent = sent + 1000000 WHERE project_id = 100274 AND channel = 'push' AND day = (SELECT max(day) FROM marts.channel_daily WHERE project_id = 100274 AND channel = 'push')`);
    expect(bumped.rowCount).toBeGreaterThan(0);
    const cached = await (await fetch(`${api.url}/v1/kpis?channel=push`, { headers: auth() })).json();
    expect(sentOf(cached)).toBe(sentOf(body));

    // A publish moves the version: a new ETag, the old one no longer matches, the new figure shows.
    await publish(100274);
    const fresh = await until(
      () => fetch(`${api.url}/v1/kpis?channel=push`, { headers: { ...auth(), 'If-None-Match': etag } }),
      (r) => r.status === 200,
    );
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('etag')).not.toBe(etag);
    expect(sentOf(await fresh.json())).toBe(sentOf(body) + 1_000_000 * bumped.rowCount!);
    await owner.query(`UPDATE marts.channel_daily SET sent = sent - 1000000 WHERE project_id = 100274 AND channel = 'push' AND day = (SELECT max(day) FROM marts.channel_daily WHERE project_id = 100274 AND channel = 'push')`);
    await publish(100274);

    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    expect(metrics).toMatch(/ig_bff_cache_requests_total\{outcome="hit"\} [1-9]/);
    expect(metrics).toMatch(/ig_bff_cache_requests_total\{outcome="not_modified"\} [1-9]/);
  });

  it('stores an answer on its second miss: a request asked once is not kept', async () => {
    const api = await bff();
    const get = async () => sentOf(await (await fetch(`${api.url}/v1/kpis?channel=push`, { headers: auth() })).json());
    const bump = async (by: number) =>
      (
        await owner.query(
          `UPDATE marts.channel_daily SET sent = sent + $1 WHERE project_id = 100274 AND channel = 'push' AND day = (SELECT max(day) FROM marts.channel_daily WHERE project_id = 100274 AND channel = 'push')`,
          [by],
        )
      ).rowCount!;
    const base = await get(); // first miss: computed and sent, not stored
    const rows = await bump(1000);
    try {
      expect(rows).toBeGreaterThan(0);
      expect(await get()).toBe(base + 1000 * rows); // second miss: computed again, and stored
      await bump(1000);
      expect(await get()).toBe(base + 1000 * rows); // a hit: the stored answer
    } finally {
      await bump(-2000);
    }
  });

  it('another project never matches a project ETag, and parameters and representation are part of the key', async () => {
    const api = await bff();
    const a = await fetch(`${api.url}/v1/kpis?channel=push`, { headers: auth('100274') });
    const etag = a.headers.get('etag')!;
    const b = await fetch(`${api.url}/v1/kpis?channel=push`, { headers: { ...auth('100275'), 'If-None-Match': etag } });
    expect(b.status).toBe(200);
    expect((await b.json()).projectId).toBe('100275');
    const ranged = await fetch(`${api.url}/v1/kpis?channel=push&from=2026-10-01&to=2026-10-07`, { headers: { ...auth('100274'), 'If-None-Match': etag } });
    expect(ranged.status).toBe(200);
    const csv = await fetch(`${api.url}/v1/kpis?channel=push`, { headers: { ...auth('100274'), Accept: 'text/csv', 'If-None-Match': etag } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\r\n')[0]).toBe('channel,metric,format,value,previous,change');
  });

  it('without a live data-version listener it bypasses the cache rather than risk stale answers', async () => {
    const api = await bff({}, { versions: false });
    const r = await fetch(`${api.url}/v1/kpis?channel=push`, { headers: auth() });
    expect(r.status).toBe(200);
    expect(r.headers.get('etag')).toBeNull();
  });

  it('a listener that loses its connection stops serving versions until it is back', async () => {
    const versions = new DataVersions(db.apiUrl, createLogger('silent'), { reloadMs: 60_000, retryMs: 100 });
    closers.push(() => versions.stop());
    await versions.start();
    expect(versions.get('100274')?.version).toBeGreaterThan(0);
    await owner.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ig-bff-versions' AND query = 'LISTEN ig_data_version'`);
    await until(async () => versions.get('100274'), (v) => v === undefined, 2000);
    const back = await until(async () => versions.get('100274'), (v) => v !== undefined, 5000);
    const { rows } = await owner.query('SELECT time_zone FROM app.projects WHERE project_id = 100274');
    expect(back?.timeZone).toBe(rows[0].time_zone);
  });
});

describe('limits', () => {
  it('rate limits per user with 429 and Retry-After; another user of the project is unaffected', async () => {
    const api = await bff({ RATE_LIMIT_USER_RPS: '0.5', RATE_LIMIT_USER_BURST: '3' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${api.url}/v1/kpis?channel=push`, { headers: auth() })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await fetch(`${api.url}/v1/kpis?channel=push`, { headers: auth() });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({ code: 'rate_limited', status: 429 });
    const other = await signToken(stack.config, { sub: 'someone-else', project_id: '100274' });
    expect((await fetch(`${api.url}/v1/kpis?channel=push`, { headers: { Authorization: `Bearer ${other}` } })).status).toBe(200);
  });

  it('rate limits per project across its users', async () => {
    const api = await bff({ RATE_LIMIT_PROJECT_RPS: '0.5', RATE_LIMIT_PROJECT_BURST: '2' });
    const users = await Promise.all(['u1', 'u2', 'u3'].map((sub) => signToken(stack.config, { sub, project_id: '100276' })));
    const statuses = [];
    for (const t of users) statuses.push((await fetch(`${api.url}/v1/kpis?channel=push`, { headers: { Authorization: `Bearer ${t}` } })).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect((await fetch(`${api.url}/v1/kpis?channel=push`, { headers: auth('100275') })).status).toBe(200);
  });

  it('a saturated pool answers 503 with Retry-After at once, and serves again when a connection frees', async () => {
    const api = await bff({ PG_POOL_MAX: '1', PG_POOL_MAX_WAITING: '0' }, { versions: false });
    const held = await api.pool.connect();
    const started = Date.now();
    const busy = await fetch(`${api.url}/v1/kpis?channel=push`, { headers: auth() });
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(await busy.json()).toMatchObject({ code: 'unavailable' });
    expect(Date.now() - started).toBeLessThan(2000); // refused, not queued behind the held connection
    held.release();
    expect((await fetch(`${api.url}/v1/kpis?channel=push`, { headers: auth() })).status).toBe(200);
  });

  it('a request that cannot finish in time gets 503 timeout instead of hanging', async () => {
    const api = await bff({ PG_POOL_MAX: '1', REQUEST_TIMEOUT_MS: '300' }, { versions: false });
    const held = await api.pool.connect();
    const r = await fetch(`${api.url}/v1/kpis?channel=push`, { headers: auth() });
    held.release();
    expect(r.status).toBe(503);
    expect(await r.json()).toMatchObject({ code: 'timeout' });
  });

  it('refuses a body over 64 KB with 413 before any route runs', async () => {
    const api = await bff();
    const r = await fetch(`${api.url}/v1/kpis`, {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(70 * 1024) }),
    });
    expect(r.status).toBe(413);
    expect(await r.json()).toMatchObject({ code: 'payload_too_large' });
  });
});

describe('headers for the embedding modes', () => {
  it('CORS: an allowed origin gets credentials and exposed headers; others get nothing', async () => {
    const api = await bff({ CORS_ORIGINS: 'https://crm.indigitall.com' });
    const ok = await fetch(`${api.url}/v1/kpis?channel=push`, { headers: { ...auth(), Origin: 'https://crm.indigitall.com' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://crm.indigitall.com');
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    expect(ok.headers.get('access-control-expose-headers')).toMatch(/ETag/);
    const pre = await fetch(`${api.url}/v1/kpis`, { method: 'OPTIONS', headers: { Origin: 'https://crm.indigitall.com', 'Access-Control-Request-Method': 'GET' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const evil = await fetch(`${api.url}/v1/kpis?channel=push`, { headers: { ...auth(), Origin: 'https://evil.example' } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('/embed pages may be framed by the configured origins only; other pages by none', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ig-embed-'));
    closers.push(() => rm(dir, { recursive: true, force: true }));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>embed</title>');
    const api = await bff({ EMBED_FRAME_ANCESTORS: 'https://partner.example' }, { assets: [{ path: '/embed', dir }] });
    const embed = await fetch(`${api.url}/embed/`);
    expect(embed.status).toBe(200);
    const csp = embed.headers.get('content-security-policy')!;
    expect(csp).toMatch(/frame-ancestors 'self' https:\/\/partner\.example(;|$)/);
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    expect(embed.headers.get('x-frame-options')).toBeNull();
    // The embed page accepts messages from the same list only: it reads it here.
    const ancestors = await fetch(`${api.url}/embed/ancestors.json`);
    expect(ancestors.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await ancestors.json()).toEqual({ ancestors: ['https://partner.example'] });
    const other = await fetch(`${api.url}/healthz`);
    expect(other.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(other.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'/);
  });
});

describe('operations', () => {
  it('/metrics reports latency per route pattern and pool use; a configured token guards it', async () => {
    const api = await bff({ METRICS_TOKEN: 'metrics-token-0123456789' });
    await fetch(`${api.url}/v1/kpis?channel=push`, { headers: auth() });
    await fetch(`${api.url}/v1/no-such-thing/12345`, { headers: auth() });
    expect((await fetch(`${api.url}/metrics`)).status).toBe(404);
    for (const wrong of ['Bearer metrics-token-0123456788', 'Bearer metrics-token-012345678', 'Bearer metrics-token-0123456789x', 'metrics-token-0123456789']) {
      expect((await fetch(`${api.url}/metrics`, { headers: { Authorization: wrong } })).status, wrong).toBe(404);
    }
    const text = await (await fetch(`${api.url}/metrics`, { headers: { Authorization: 'Bearer metrics-token-0123456789' } })).text();
    expect(text).toMatch(/ig_bff_http_request_duration_seconds_count\{method="GET",route="\/v1\/kpis",status="200"\} 1/);
    expect(text).toMatch(/route="unmatched",status="404"/);
    expect(text).not.toMatch(/12345/);
    expect(text).toMatch(/ig_bff_db_pool_connections\{state="total"\} \d/);
  });

  it('/readyz is ready on a current schema and 503 when a migration is missing', async () => {
    const api = await bff();
    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(200);
    const { migration } = await ready.json();
    expect(migration).toBeGreaterThanOrEqual(17);
    const row = await owner.query('DELETE FROM public.ig_schema_migrations WHERE version = $1 RETURNING *', [migration]);
    try {
      const behind = await fetch(`${api.url}/readyz`);
      expect(behind.status).toBe(503);
      expect(await behind.json()).toMatchObject({ code: 'unavailable', detail: expect.stringContaining(`needs ${migration}`) });
    } finally {
      const r = row.rows[0];
      await owner.query('INSERT INTO public.ig_schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)', [r.version, r.name, r.checksum, r.applied_at]);
    }
  });

  it('/openapi.json is OpenAPI 3.1 with every route spec, its parameters and problem answers', async () => {
    const doc = await (await fetch(`${stack.api}/openapi.json`)).json();
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(operations.sort()).toEqual([...ROUTES.map((r) => r.operationId), 'postChatMessage'].sort());
    const kpis = doc.paths['/v1/kpis'].get;
    const channel = kpis.parameters.find((p: { name: string }) => p.name === 'channel');
    expect(channel).toMatchObject({ in: 'query', required: true, schema: { enum: expect.arrayContaining(['push']) } });
    expect(kpis.parameters.find((p: { name: string }) => p.name === 'project')).toMatchObject({ required: false });
    expect(Object.keys(kpis.responses)).toEqual(expect.arrayContaining(['200', '304', '400', '401', '403', '429', '503']));
    expect(kpis.responses['200'].content['text/csv']).toBeDefined();
  });
});

describe('the scope helper', () => {
  it('a user id crafted to inject SQL cannot change the project the policies see', async () => {
    const pool = createPool(db.apiUrl, { max: 1 });
    closers.push(() => pool.end());
    const evil = `x', true), set_config('app.project_id', '100275', true), ('`;
    const seen = await withScope(pool, { projectId: '100274', userId: evil }, { statementTimeoutMs: 1000 }, async (c) => {
      const { rows } = await c.query<{ p: string; u: string }>(`SELECT current_setting('app.project_id') AS p, current_setting('app.user_id') AS u`);
      const projects = await c.query<{ project_id: number }>('SELECT project_id FROM app.projects');
      return { ...rows[0]!, projects: projects.rows.map((r) => r.project_id) };
    });
    expect(seen).toEqual({ p: '100274', u: evil, projects: [100274] });
    await expect(withScope(pool, { projectId: '100274 OR true', userId: 'u' }, { statementTimeoutMs: 1000 }, async () => 1)).rejects.toThrow(/digits/);
  });

  it('the opening reads the project row of the scope under the policies, and nothing of it outlives the scope', async () => {
    const pool = createPool(db.apiUrl, { max: 1 });
    const owner = createPool(db.ownerUrl, { max: 1 });
    closers.push(() => pool.end(), () => owner.end());
    const { rows } = await owner.query<{ project_id: number; time_zone: string }>('SELECT project_id, time_zone FROM app.projects');
    expect(rows.length).toBeGreaterThan(1);
    let client: ScopedDb | undefined;
    for (const r of rows) {
      const seen = await withScope(pool, { projectId: String(r.project_id), userId: 'u' }, { statementTimeoutMs: 1000 }, async (c) => {
        client = c;
        return { opened: scopeProject(c), asked: await projectTimeZone(c) };
      });
      expect(seen).toEqual({ opened: { projectId: String(r.project_id), timeZone: r.time_zone }, asked: { projectId: String(r.project_id), timeZone: r.time_zone } });
      expect(scopeProject(client!)).toBeUndefined();
    }
    // A project without a row (or one the policies hide) opens with none, and the services say so.
    const missing = String(Math.max(...rows.map((r) => r.project_id)) + 1);
    await expect(withScope(pool, { projectId: missing, userId: 'u' }, { statementTimeoutMs: 1000 }, async (c) => {
      expect(scopeProject(c)).toBeNull();
      return projectTimeZone(c);
    })).rejects.toMatchObject({ code: 'project_not_found' });
    // Outside a scope the services ask the database themselves (here as the owner: it sees every project).
    const direct = await owner.connect();
    try {
      expect(scopeProject(direct)).toBeUndefined();
      await direct.query('SET ROLE ig_reader');
      await direct.query(`SELECT set_config('app.project_id', '${rows[0]!.project_id}', false)`);
      expect(await projectTimeZone(direct)).toEqual({ projectId: String(rows[0]!.project_id), timeZone: rows[0]!.time_zone });
    } finally {
      await direct.query('RESET ROLE; RESET app.project_id');
      direct.release(true);
    }
  });

  it('reads run read-only and are cut by the statement timeout', async () => {
    const pool = createPool(db.apiUrl, { max: 1 });
    closers.push(() => pool.end());
    const scope = { projectId: '100274', userId: 'u' };
    await expect(withScope(pool, scope, { statementTimeoutMs: 1000 }, (c) => c.query('DELETE FROM marts.push_daily'))).rejects.toThrow(/read-only/);
    await expect(withScope(pool, scope, { statementTimeoutMs: 100 }, (c) => c.query('SELECT pg_sleep(2)'))).rejects.toMatchObject({ code: '57014' });
    // The connection went back to the pool clean: the next scope works and sees its own project.
    expect(await withScope(pool, scope, { statementTimeoutMs: 1000 }, async (c) => (await c.query('SELECT count(*)::int AS n FROM app.projects')).rows[0].n)).toBe(1);
  });
});
