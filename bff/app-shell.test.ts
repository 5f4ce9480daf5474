/**
 * The analytics app's two BFF pieces, over real HTTP: the /app/* history fallback (any deep link
 * without a file extension is the app's index.html; files and other paths are not) and GET /auth/me
 * (what the credential covers, for a page that only holds the HttpOnly cookie). Neither touches the
 * database, so the app runs on a pool that is never connected.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../lib/config.js';
import { createPool } from '../lib/db.js';
import { createLogger } from '../lib/log.js';
import { createApp } from './app.js';
import { signToken } from './auth/jwt.js';
import { createSessions } from './auth/session.js';
import { call, cookieLine } from './auth/testing.js';

const INDEX = '<!doctype html><title>app</title><main>the app</main>';
let dir: string;
let server: Server;
let base: string;
let config: Config;
const pool = createPool('postgres://nobody@127.0.0.1:1/none', { max: 1 });

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ig-app-shell-'));
  await mkdir(path.join(dir, 'app'));
  await writeFile(path.join(dir, 'app', 'index.html'), INDEX);
  await writeFile(path.join(dir, 'app', 'app.js'), 'export {};');
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>crm</title>');
  config = loadConfig({ PORT: '0' });
  const app = createApp(config, { pool, logger: createLogger('silent') }, { assets: [{ path: '/', dir }] });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await pool.end();
  await rm(dir, { recursive: true, force: true });
});

/** Deterministic pseudo-random paths (a small LCG, so a failure names a reproducible case). */
function* generatedSegments(n: number, alphabet: string): Generator<string> {
  let seed = 20_261_118;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
  for (let i = 0; i < n; i++) {
    const parts: string[] = [];
    const count = 1 + (next() % 3);
    for (let p = 0; p < count; p++) {
      let s = '';
      const len = 1 + (next() % 12);
      for (let c = 0; c < len; c++) s += alphabet[next() % alphabet.length];
      parts.push(encodeURIComponent(s));
    }
    yield parts.join('/');
  }
}

describe('the /app/ history fallback', () => {
  it('answers index.html for /app/ and every deep link without a dot, with the query kept out of the way', async () => {
    for (const p of ['/app/', '/app/push', '/app/campaigns?campaign=12&period=last7', '/app/analyses/x/y']) {
      const r = await call(base, { path: p });
      expect(r.status, p).toBe(200);
      expect(r.type, p).toMatch(/^text\/html/);
      expect(r.text, p).toBe(INDEX);
      // /app/ itself is the static folder's index (cached like every demo page); deep links are not cached.
      if (p !== '/app/') expect(r.headers.get('cache-control'), p).toBe('no-cache');
    }
    for (const seg of generatedSegments(60, 'abcxyz-_~ñ%é09 ')) {
      const r = await call(base, { path: `/app/${seg}` });
      expect(r.status, seg).toBe(200);
      expect(r.text, seg).toBe(INDEX);
    }
  });

  it('leaves files and everything outside /app/ alone: a missing file is a 404 problem, never the page', async () => {
    expect((await call(base, { path: '/app/app.js' })).text).toBe('export {};');
    for (const seg of generatedSegments(40, 'abc.js')) {
      if (!seg.includes('.')) continue;
      const r = await call(base, { path: `/app/${seg}` });
      expect(r.status, seg).toBe(404);
      expect(r.type, seg).toMatch(/^application\/problem\+json/);
    }
    for (const p of ['/apps/push', '/application', '/v1/app/push', '/x/app/push']) {
      const r = await call(base, { path: p });
      expect(r.text, p).not.toBe(INDEX);
    }
    expect((await call(base, { path: '/app/push', method: 'POST' })).status).toBe(404);
    // /app (no slash) is the static folder's redirect to /app/.
    const bare = await call(base, { path: '/app' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/app/');
  });
});

describe('GET /auth/me', () => {
  it("answers the credential's projects, role, locale and end, from a Bearer token or the session cookie", async () => {
    const single = await signToken(config, { sub: 'u1', project_id: '100274', role: 'editor', locale: 'pt-BR' }, 600);
    const r = await call(base, { path: '/auth/me', bearer: single });
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.body).toMatchObject({ source: 'bearer', projects: ['100274'], role: 'editor', locale: 'pt-BR' });
    const exp = Date.parse((r.body as { expiresAt: string }).expiresAt);
    expect(Math.abs(exp - (Date.now() + 600_000))).toBeLessThan(5_000);

    const partner = await signToken(config, { sub: 'p1', project_ids: ['100275', '100274'], project_id: '100274' }, 600);
    const ex = await call(base, { path: `/auth/exchange?token=${encodeURIComponent(partner)}&next=${encodeURIComponent('/app/sms?period=last7&project=100275')}` });
    expect(ex.status).toBe(303);
    expect(ex.headers.get('location')).toBe('/app/sms?period=last7&project=100275');
    const cookie = cookieLine(ex, config.SESSION_COOKIE)!;
    const me = await call(base, { path: '/auth/me', cookies: { [config.SESSION_COOKIE]: String(cookie.value) } });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ source: 'session', projects: ['100274', '100275'], role: 'viewer', locale: null });
  });

  it('is a 401 problem without a credential, with a forged one, and says "expired" for an expired session', async () => {
    const none = await call(base, { path: '/auth/me' });
    expect(none.status).toBe(401);
    expect(none.type).toMatch(/^application\/problem\+json/);
    const forged = await call(base, { path: '/auth/me', cookies: { [config.SESSION_COOKIE]: 'eyJhbGciOiJIUzI1NiJ9.e30.x' } });
    expect(forged.status).toBe(401);

    const nowS = Math.floor(Date.now() / 1000);
    const old = await createSessions(config).issue({ sub: 'u2', project_id: '100274', role: 'viewer', exp: nowS - 3600 + 600 }, nowS - 3600);
    const expired = await call(base, { path: '/auth/me', cookies: { [config.SESSION_COOKIE]: old.value } });
    expect(expired.status).toBe(401);
    expect((expired.body as { detail: string }).detail).toMatch(/expired/i);
  });
});
