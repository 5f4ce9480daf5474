/**
 * The BFF as deployed (docs/adr/023-production.md), over real HTTP and the real database:
 *  - static files from bff/assets.ts's one list: precompressed twins with Content-Encoding and Vary,
 *    hashed chunks immutable, entry files revalidated by ETag, the catalog only when enabled, folders
 *    served by their index and never listed, nothing outside the folders;
 *  - JSON/CSV/OpenAPI answers compressed above the threshold, and the chat's SSE stream still
 *    delivering each event when it is written;
 *  - two BFF instances on one database: one shared rate limit, and a publish reaching both caches.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http, { type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../lib/config.js';
import { createPool } from '../lib/db.js';
import { createLogger } from '../lib/log.js';
import { testDatabase, type TestDatabase } from '../lib/testing/database.js';
import { startStack, type Stack } from '../lib/testing/stack.js';
import { createApp, type AppDeps } from './app.js';
import { assetMounts, HASHED_CHUNK, ROOT } from './assets.js';
import { signToken } from './auth/jwt.js';
import { DataVersions } from './cache/versions.js';

let db: TestDatabase;
let stack: Stack;
let owner: pg.Client;
let site: string;
const closers: (() => Promise<unknown>)[] = [];

/** A checkout-like folder: the builds and the pages bff/assets.ts mounts, with made-up content. */
async function makeSite(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'ig-site-'));
  const js = (n: number) => `export const x = ${JSON.stringify('lorem ipsum '.repeat(n))};\n`;
  const files: Record<string, string> = {
    'dist/cdn/ig-widgets.js': js(400),
    'dist/cdn/ig-widgets.classic.js': js(200),
    'dist/cdn/ig-widgets-vega.js': js(300),
    'dist/cdn/ig-widgets-channel-kpis.define-AbC_12-z.js': js(150),
    'dist/cdn/tiny.js': 'export {};\n',
    'dist/esm/index.js': js(120),
    'demo/public/index.html': `<!doctype html><title>crm</title>${'<p>x</p>'.repeat(300)}`,
    'demo/public/embed/index.html': '<!doctype html><title>embed</title>',
    'demo/public/app/index.html': '<!doctype html><title>app</title>',
    'demo/public/partner/partner.js': js(10),
    'demo/public/catalog/index.html': '<!doctype html><title>catalog</title>',
    'demo/public/.secret': 'no',
    'custom-elements.json': JSON.stringify({ schemaVersion: '1.0.0', modules: [] }),
    'package.json': '{"private":true}',
  };
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), content);
  }
  const r = spawnSync(process.execPath, [path.join(ROOT, 'widgets/scripts/precompress.mjs')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return root;
}

async function listen(config: Config, deps: Partial<AppDeps> = {}, assets = assetMounts(config, site)) {
  const pool = deps.pool ?? createPool(stack.database.apiUrl, { max: 4 });
  const app = createApp(config, { pool, logger: createLogger('silent'), ...deps }, { assets });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    if (!deps.pool) await pool.end();
  });
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One request with node:http: the bytes as sent (fetch would decompress them). */
function raw(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function decode(r: Raw): Buffer {
  const enc = r.headers['content-encoding'];
  return enc === 'br' ? brotliDecompressSync(r.body) : enc === 'gzip' ? gunzipSync(r.body) : r.body;
}

beforeAll(async () => {
  db = await testDatabase();
  stack = await startStack({ databaseUrl: db.ownerUrl, syncDays: 7 });
  owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  site = await makeSite();
});
afterAll(async () => {
  for (const c of closers.reverse()) await c().catch(() => undefined);
  await owner?.end();
  await stack?.stop();
  await db?.drop();
  if (site) await rm(site, { recursive: true, force: true });
});

const baseConfig = (env: Record<string, string> = {}) => loadConfig({ PORT: '0', RATE_LIMIT_USER_RPS: '0', RATE_LIMIT_PROJECT_RPS: '0', ...env });
const bearer = (project = '100274') => ({ Authorization: `Bearer ${stack.tokens[project]}` });

describe('static files', () => {
  let base: string;
  beforeAll(async () => {
    base = await listen(baseConfig());
  });

  it('serves the brotli twin, else the gzip twin, else the file, each decoding to the same bytes, with Vary', async () => {
    const file = readFileSync(path.join(site, 'dist/cdn/ig-widgets.js'));
    const cases: [string, string | undefined][] = [
      ['gzip, deflate, br', 'br'],
      ['br;q=1.0, gzip;q=0.5', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['*', 'br'],
      ['identity', undefined],
      ['', undefined],
    ];
    for (const [accept, want] of cases) {
      const r = await raw(`${base}/widgets/ig-widgets.js`, accept ? { 'Accept-Encoding': accept } : {});
      expect(r.status, accept).toBe(200);
      expect(r.headers['content-encoding'], accept).toBe(want);
      expect(r.headers.vary, accept).toMatch(/Accept-Encoding/);
      expect(r.headers['content-type']).toMatch(/^(application|text)\/javascript/);
      expect(Number(r.headers['content-length'])).toBe(r.body.length);
      if (want) expect(r.body.length).toBeLessThan(file.length / 3);
      expect(decode(r).equals(file), accept).toBe(true);
    }
  });

  it('a file too small to compress is served as it is, without Vary', async () => {
    const r = await raw(`${base}/widgets/tiny.js`, { 'Accept-Encoding': 'br, gzip' });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.body.toString()).toBe('export {};\n');
  });

  it('hashed chunks are immutable for a year; entry files are revalidated with an ETag per encoding (304)', async () => {
    const chunk = await raw(`${base}/widgets/ig-widgets-channel-kpis.define-AbC_12-z.js`, { 'Accept-Encoding': 'br' });
    expect(chunk.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const entry of ['ig-widgets.js', 'ig-widgets.classic.js', 'ig-widgets-vega.js']) {
      const r = await raw(`${base}/widgets/${entry}`, { 'Accept-Encoding': 'br' });
      expect(r.headers['cache-control'], entry).toBe('public, no-cache');
      const etag = r.headers.etag!;
      expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+-br"$/);
      const again = await raw(`${base}/widgets/${entry}`, { 'Accept-Encoding': 'br', 'If-None-Match': etag });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
      // Another encoding is another representation: its own ETag, so the br one does not match.
      const gz = await raw(`${base}/widgets/${entry}`, { 'Accept-Encoding': 'gzip', 'If-None-Match': etag });
      expect(gz.status).toBe(200);
      expect(gz.headers.etag).not.toBe(etag);
    }
    // The rollup naming rule that HASHED_CHUNK follows, against names of the real build when present.
    expect(HASHED_CHUNK.test('ig-widgets.js')).toBe(false);
    expect(HASHED_CHUNK.test('ig-widgets-vega.js')).toBe(false);
    expect(HASHED_CHUNK.test('ig-widgets.classic.js')).toBe(false);
  });

  it('HEAD answers the headers without a body', async () => {
    const r = await raw(`${base}/widgets/ig-widgets.js`, { 'Accept-Encoding': 'gzip' }, 'HEAD');
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(Number(r.headers['content-length'])).toBeGreaterThan(0);
    expect(r.body.length).toBe(0);
  });

  it('serves every folder of demo/public by its index (/, /embed/, /app/, /partner/…), redirects a folder without its slash, lists none', async () => {
    for (const [url, title] of [['/', 'crm'], ['/embed/', 'embed'], ['/app/', 'app']]) {
      const r = await raw(`${base}${url}`);
      expect(r.status, url).toBe(200);
      expect(decode(r).toString(), url).toContain(`<title>${title}</title>`);
    }
    expect((await raw(`${base}/partner/partner.js`)).status).toBe(200);
    const redirect = await raw(`${base}/app?x=1`);
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('/app/?x=1');
    for (const url of ['/partner/', '/widgets/', '/widgets/esm/']) {
      const r = await raw(`${base}${url}`);
      expect(r.status, url).toBe(404);
      expect(r.headers['content-type']).toMatch(/problem\+json/);
    }
  });

  it('the npm build is under /widgets/esm/', async () => {
    const r = await raw(`${base}/widgets/esm/index.js`, { 'Accept-Encoding': 'br' });
    expect(r.status).toBe(200);
    expect(decode(r).equals(readFileSync(path.join(site, 'dist/esm/index.js')))).toBe(true);
  });

  it('nothing outside the folders, no dot files, no twins by name', async () => {
    for (const url of [
      '/widgets/../package.json',
      '/widgets/%2e%2e/package.json',
      '/widgets/..%2f..%2fpackage.json',
      '/%2e%2e/package.json',
      '/.secret',
      '/widgets/ig-widgets.js.br',
      '/widgets/ig-widgets.js.gz',
      '/package.json',
      '/custom-elements.json',
      '/widgets/%00.js',
      '/widgets/%E0%A4%A.js',
    ]) {
      const r = await raw(`${base}${url}`);
      expect(r.status, url).toBeGreaterThanOrEqual(400);
      expect(r.body.toString(), url).not.toContain('private');
    }
  });

  it('the catalog and its manifest only with CATALOG_ENABLED', async () => {
    expect((await raw(`${base}/catalog/`)).status).toBe(404);
    expect((await raw(`${base}/catalog/index.html`)).status).toBe(404);
    const on = await listen(baseConfig({ CATALOG_ENABLED: 'true' }));
    const page = await raw(`${on}/catalog/`);
    expect(page.status).toBe(200);
    expect(decode(page).toString()).toContain('<title>catalog</title>');
    const manifest = await raw(`${on}/custom-elements.json`);
    expect(manifest.status).toBe(200);
    expect(JSON.parse(decode(manifest).toString())).toMatchObject({ schemaVersion: '1.0.0' });
  });

  it('the real build has a brotli and a gzip twin of every bundle over 1 KB, each decoding to it', () => {
    const cdn = path.join(ROOT, 'dist/cdn');
    expect(existsSync(path.join(cdn, 'ig-widgets.js')), 'run `npm run build` first').toBe(true);
    const bundles = readdirSync(cdn).filter((name) => name.endsWith('.js') && statSync(path.join(cdn, name)).size >= 1024);
    expect(bundles).toContain('ig-widgets-vega.js');
    expect(bundles.filter((name) => HASHED_CHUNK.test(name)).length).toBeGreaterThan(5);
    for (const name of bundles) {
      const file = readFileSync(path.join(cdn, name));
      expect(brotliDecompressSync(readFileSync(path.join(cdn, `${name}.br`))).equals(file), name).toBe(true);
      expect(gunzipSync(readFileSync(path.join(cdn, `${name}.gz`))).equals(file), name).toBe(true);
    }
  });
});

describe('compressed answers', () => {
  let base: string;
  beforeAll(async () => {
    base = await listen(baseConfig());
  });

  it('OpenAPI, JSON and CSV above the threshold are compressed as the client accepts; small answers are not', async () => {
    const openapi = await raw(`${base}/openapi.json`, { 'Accept-Encoding': 'br, gzip' });
    expect(openapi.headers['content-encoding']).toBe('br');
    expect(openapi.headers.vary).toMatch(/Accept-Encoding/);
    expect(JSON.parse(decode(openapi).toString())).toMatchObject({ openapi: expect.stringMatching(/^3\.1/) });
    const plain = await raw(`${base}/openapi.json`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(decode(openapi).equals(plain.body)).toBe(true);

    const json = await raw(`${base}/v1/timeseries?channel=push&metric=sent&interval=day`, { ...bearer(), 'Accept-Encoding': 'gzip' });
    expect(json.status).toBe(200);
    expect(json.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(decode(json).toString()).series[0].points.length).toBeGreaterThan(7);

    const csv = await raw(`${base}/v1/timeseries?channel=push&metric=sent&interval=day`, { ...bearer(), Accept: 'text/csv', 'Accept-Encoding': 'gzip' });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-encoding']).toBe('gzip');
    expect(decode(csv).toString().split('\n').length).toBeGreaterThan(7);

    const small = await raw(`${base}/healthz`, { 'Accept-Encoding': 'gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('the chat stream is never compressed: each event reaches the client while the answer is still running', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const chatBase = await listen(baseConfig(), {
      chat: {
        planner: async () => {
          await gate; // the answer cannot go on until the client has seen the first event
          return { unanswerable: 'no' };
        },
      },
    });
    const token = await signToken(stack.config, { sub: 'sse-user', project_id: '100274', role: 'viewer' });
    const body = JSON.stringify({ question: 'hola' });
    const got = await new Promise<{ first: string; encoding: string | undefined; rest: string }>((resolve, reject) => {
      const req = http.request(
        `${chatBase}/v1/chat/messages`,
        { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Accept-Encoding': 'gzip, br' } },
        (res) => {
          let first = '';
          let rest = '';
          const bound = setTimeout(() => reject(new Error(`no event arrived before the answer could go on; status ${res.statusCode}`)), 10_000);
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            if (!first.includes('\n\n')) {
              first += chunk;
              if (first.includes('\n\n')) {
                clearTimeout(bound);
                release();
              }
            } else rest += chunk;
          });
          res.on('end', () => resolve({ first, encoding: res.headers['content-encoding'], rest }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(got.encoding).toBeUndefined();
    expect(got.first).toMatch(/^event: status\n/);
    expect(got.rest).toMatch(/event: done\n/);
  });
});

describe('two instances on one database', () => {
  it('share one rate limit: the burst is spent once across both, whichever instance is asked', async () => {
    const env = { RATE_LIMIT_USER_RPS: '0.01', RATE_LIMIT_USER_BURST: '5', RATE_LIMIT_PROJECT_RPS: '0' };
    const a = await listen(baseConfig(env));
    const b = await listen(baseConfig(env));
    const token = await signToken(stack.config, { sub: `burst-${randomBytes(4).toString('hex')}`, project_id: '100275' });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${i % 2 ? a : b}/v1/meta`, { headers: { Authorization: `Bearer ${token}` } });
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429, 429, 429]);
    // The same burst in memory (one store per instance) allows twice as much: what the shared store prevents.
    const memEnv = { ...env, RATE_LIMIT_STORE: 'memory' };
    const [c, d] = [await listen(baseConfig(memEnv)), await listen(baseConfig(memEnv))];
    const other = await signToken(stack.config, { sub: `burst-${randomBytes(4).toString('hex')}`, project_id: '100275' });
    let ok = 0;
    for (let i = 0; i < 12; i++) if ((await fetch(`${i % 2 ? c : d}/v1/meta`, { headers: { Authorization: `Bearer ${other}` } })).status === 200) ok++;
    expect(ok).toBe(10);
  });

  it('concurrent requests on both instances never overspend the shared project bucket', async () => {
    const env = { RATE_LIMIT_USER_RPS: '0', RATE_LIMIT_PROJECT_RPS: '0.01', RATE_LIMIT_PROJECT_BURST: '7' };
    const [a, b] = [await listen(baseConfig(env)), await listen(baseConfig(env))];
    // A project of its own: the buckets are keyed by project.
    await owner.query(`INSERT INTO app.projects (project_id, name, time_zone, credentials_ref) VALUES (990001, 'Rate', 'UTC', 'demo') ON CONFLICT DO NOTHING`);
    const tokens = await Promise.all(Array.from({ length: 8 }, (_, i) => signToken(stack.config, { sub: `u${i}`, project_id: '990001' })));
    const statuses = await Promise.all(
      Array.from({ length: 24 }, (_, i) => fetch(`${i % 2 ? a : b}/v1/meta`, { headers: { Authorization: `Bearer ${tokens[i % 8]}` } }).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s !== 429)).toHaveLength(7);
    expect(statuses.filter((s) => s === 429)).toHaveLength(17);
  });

  it('a publish reaches both instances: each drops its cached answer and serves the new version', async () => {
    const instances = await Promise.all(
      [0, 1].map(async () => {
        const versions = new DataVersions(stack.database.apiUrl, createLogger('silent'), { reloadMs: 3_600_000 });
        await versions.start();
        closers.push(() => versions.stop());
        return listen(baseConfig(), { versions });
      }),
    );
    const etag = async (base: string) => (await fetch(`${base}/v1/kpis?channel=push`, { headers: bearer('100276') })).headers.get('etag');
    const before = await Promise.all(instances.map(etag));
    expect(before[0]).toBeTruthy();
    expect(before[1]).toBe(before[0]);
    const { rows } = await owner.query<{ run_id: string }>(
      `INSERT INTO app.sync_runs (project_id, data_group, window_from, window_to) VALUES (100276, 'push', current_date, current_date) RETURNING run_id`,
    );
    await owner.query(`UPDATE app.sync_runs SET status = 'succeeded', finished_at = now() WHERE run_id = $1`, [rows[0]!.run_id]);
    for (const base of instances) {
      const end = Date.now() + 5000;
      let now = await etag(base);
      while (now === before[0] && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 25));
        now = await etag(base);
      }
      expect(now).not.toBe(before[0]);
    }
    expect(await etag(instances[0]!)).toBe(await etag(instances[1]!));
  });
});
