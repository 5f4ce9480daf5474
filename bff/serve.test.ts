/**
 * `npm run serve` as an operator runs it, against a migrated database: several BFF processes on one
 * port (WEB_CONCURRENCY, node:cluster) serving the API and the static files of bff/assets.ts, and a
 * clean exit on SIGTERM. HOST: 127.0.0.1 unless set (the tests never bind another interface).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../lib/config.js';
import { testDatabase, type TestDatabase } from '../lib/testing/database.js';
import { freePort } from '../lib/testing/ports.js';
import { runScript, type Running } from '../lib/testing/processes.js';
import { signToken } from './auth/jwt.js';

let db: TestDatabase;
const running: Running[] = [];
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(async () => {
  for (const r of running) await r.stop('SIGKILL');
  await db?.drop();
});

describe('npm run serve', () => {
  it('WEB_CONCURRENCY=2: two processes on one port serve the API, the widgets and the pages; SIGTERM stops them all', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const serve = runScript('serve', { API_DATABASE_URL: db.apiUrl, PORT: String(port), WEB_CONCURRENCY: '2', RATE_LIMIT_USER_RPS: '0' });
    running.push(serve);
    await serve.waitFor((l) => serve.logs().filter((x) => x.msg === 'BFF listening').length === 2 && l.length > 0, 90_000);
    const pids = new Set(serve.logs().filter((x) => x.msg === 'BFF listening').map((x) => x.pid));
    expect(pids.size).toBe(2);
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const bundle = await fetch(`${base}/widgets/ig-widgets.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${base}/embed/`)).status).toBe(200);
    expect((await fetch(`${base}/`)).status).toBe(200);
    expect((await fetch(`${base}/catalog/`)).status).toBe(404);
    const config = loadConfig({});
    const token = await signToken(config, { sub: 'ops', project_id: '100274' });
    // No project registered in this database: the API answers through the BFF's own checks.
    const meta = await fetch(`${base}/v1/meta`, { headers: { Authorization: `Bearer ${token}` } });
    expect(meta.headers.get('content-type')).toMatch(/json/);
    expect(await serve.stop('SIGTERM')).toBe(0);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  });

  it('without a database URL it exits 1 with a message', async () => {
    const r = runScript('serve', { PORT: '0' });
    expect(await r.exited).toBe(1);
    expect(r.lines.join('\n')).toMatch(/API_DATABASE_URL or DATABASE_URL/);
  });
});

describe('HOST', () => {
  it('defaults to 127.0.0.1; another interface must be asked for; a malformed one is refused', () => {
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '::' }).HOST).toBe('::');
    for (const bad of ['', 'a b', 'host;rm', 'http://x']) expect(() => loadConfig({ HOST: bad }), bad).toThrow(/HOST/);
  });
});
