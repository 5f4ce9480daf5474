/**
 * `npm run bench -- bff`: the BFF's cost layer by layer, measured side by side in one run on this
 * machine, same database, same KPI query (push, one project, 120 days of marts for three projects):
 *  (p) the physical floor: the RLS scope transaction + KPI service through a raw pg pool, in-process
 *      (no HTTP); with, as a reference, the bare KPI query on an owner connection without RLS;
 *  (a) the HTTP floor: a bare Express route running the same scope + service, no auth, validation,
 *      cache or logging;
 *  (b) GET /v1/kpis: JWT, zod, rate-limit bookkeeping, RLS, JSON request logs (to /dev/null), cache
 *      cold (every request has distinct from/to);
 *  (c) the same with the data-version cache warm (the same request every time).
 * HTTP rows: autocannon in a second process, 50 connections, 10 s each, loopback only. Rate limits
 * are off for the run (they would otherwise answer most of the load with 429).
 * Then the widget bundle sizes (gzip) from dist/ (run `npm run build` first).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import express from 'express';
import { createLogger } from '../lib/log.js';
import { loadConfig } from '../lib/config.js';
import { addDays, todayIn } from '../lib/dates.js';
import { createPool } from '../lib/db.js';
import { startStack } from '../lib/testing/stack.js';
import { createApp } from '../bff/app.js';
import { DataVersions } from '../bff/cache/versions.js';
import { withScope } from '../bff/db/scope.js';
import { getKpis } from '../bff/services/kpis.js';
import { runLoad, type LoadResult } from './stats.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const POOL = 10;
const PROJECT = '100275';

type Row = LoadResult & { non2xx?: number };
function print(label: string, r: Row): Row {
  console.log(
    `  ${label.padEnd(58)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(2).padStart(6)} ms  p95 ${r.p95.toFixed(2).padStart(6)} ms  p99 ${r.p99.toFixed(2).padStart(6)} ms` +
      (r.non2xx ? `  (${r.non2xx} non-2xx!)` : ''),
  );
  return r;
}

const exec = promisify(execFile);
async function load(label: string, args: { url: string; token?: string; vary?: { base: string } }): Promise<Row> {
  // Asynchronous: the server under test runs in this process and must keep answering.
  const { stdout } = await exec(process.execPath, ['--import', 'tsx', 'bench/http-load.ts', JSON.stringify({ ...args, connections: CONNECTIONS, seconds: SECONDS })], {
    timeout: (SECONDS + 30) * 1000,
  });
  return print(label, JSON.parse(stdout) as Row);
}

function listen(app: express.Express): Promise<{ url: string; server: Server }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server }));
  });
}

const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
console.log(`machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${os.platform()} ${os.release()}, load ${os.loadavg()[0]!.toFixed(2)}`);
console.log(`HTTP rows: autocannon in a second process, ${CONNECTIONS} connections, ${SECONDS} s each; pools of ${POOL} connections\n`);

const stack = await startStack({ syncDays: 120 });
const closers: (() => Promise<unknown>)[] = [stack.stop];
try {
  const token = stack.tokens[PROJECT]!;
  const config = loadConfig({ PORT: '0', PG_POOL_MAX: String(POOL), RATE_LIMIT_USER_RPS: '0', RATE_LIMIT_PROJECT_RPS: '0' });
  const today = todayIn('UTC');
  const base = addDays(today, -730);

  // (p) in-process
  const owner = createPool(stack.database.ownerUrl, { max: POOL });
  const api = createPool(stack.database.apiUrl, { max: POOL });
  closers.push(() => owner.end(), () => api.end());
  const scope = { projectId: PROJECT, userId: 'bench' };
  const opts = { statementTimeoutMs: 5000 };
  let n = 0;
  const varied = () => {
    const from = addDays(base, n % 700);
    const to = addDays(from, 1 + (Math.floor(n++ / 700) % 30));
    return { channel: 'push' as const, from, to };
  };
  console.log('the KPI query, layer by layer:');
  const sql = `SELECT coalesce(sum(sent) FILTER (WHERE day >= $1), 0), coalesce(sum(received) FILTER (WHERE day >= $1), 0),
                      coalesce(sum(clicked) FILTER (WHERE day >= $1), 0), coalesce(sum(sent) FILTER (WHERE day < $1), 0)
               FROM marts.push_daily WHERE project_id = ${PROJECT} AND day BETWEEN $3 AND $2`;
  const ref = print('(ref) bare KPI query, owner connection, no RLS', await runLoad(() => owner.query(sql, [addDays(today, -29), today, addDays(today, -59)]), 1e9, POOL, SECONDS * 1000));
  const p = print('(p) RLS scope + KPI service, raw pg pool, in-process', await runLoad(() => withScope(api, scope, opts, (db) => getKpis(db, varied())), 1e9, POOL, SECONDS * 1000));

  // (a) bare Express route, same scope + service
  const bare = express();
  const barePool = createPool(stack.database.apiUrl, { max: POOL });
  closers.push(() => barePool.end());
  bare.get('/kpis', async (req, res) => {
    const q = { channel: 'push' as const, from: String(req.query.from), to: String(req.query.to) };
    res.json(await withScope(barePool, scope, opts, (db) => getKpis(db, q)));
  });
  const bareServer = await listen(bare);
  closers.push(() => new Promise((r) => bareServer.server.close(r)));
  const a = await load('(a) bare Express route + the same RLS scope, cold', { url: `${bareServer.url}/kpis?channel=push`, vary: { base } });

  // (b), (c) the BFF as shipped, logging JSON lines to /dev/null
  const logger = createLogger('info', 'bff', '/dev/null');
  const bffPool = createPool(stack.database.apiUrl, { max: POOL });
  const versions = new DataVersions(stack.database.apiUrl, logger);
  await versions.start();
  closers.push(() => versions.stop(), () => bffPool.end());
  const bff = await listen(createApp(config, { pool: bffPool, logger, versions }));
  closers.push(() => new Promise((r) => bff.server.close(r)));
  const b = await load('(b) GET /v1/kpis: JWT, zod, RLS, logs; cache cold', { url: `${bff.url}/v1/kpis?channel=push`, token, vary: { base } });
  const c = await load('(c) GET /v1/kpis, data-version cache warm', { url: `${bff.url}/v1/kpis?channel=push`, token });

  const ratio = (x: Row, y: Row) => (x.rps / y.rps).toFixed(2);
  console.log(`\n  throughput ratios: b/a ${ratio(b, a)} (aim ≥ 0.7), c/a ${ratio(c, a)} (aim ≥ 2), a/p ${ratio(a, p)}; p/ref ${ratio(p, ref)}`);
  console.log(`  p99 of (b): ${b.p99.toFixed(2)} ms at saturation (closed loop: the queue; latency at normal load: npm run bench -- latency)`);
} finally {
  for (const c of closers.reverse()) await c().catch(() => undefined);
}

console.log('\nwidget bundles (gzip -9):');
/** A CDN file and the chunks it imports statically (what a page loads for it up front). */
function upFront(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file) || !existsSync(file)) return [...seen];
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const m of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) upFront(path.join(path.dirname(file), m[1]!), seen);
  return [...seen];
}
const gz = (files: string[]) => files.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
for (const f of ['dist/cdn/ig-widgets.js', 'dist/cdn/ig-widgets.classic.js', 'dist/cdn/ig-widgets-vega.js']) {
  if (!existsSync(f)) {
    console.log(`  ${f}: missing (run npm run build)`);
    continue;
  }
  const files = upFront(f);
  const when = f.endsWith('-vega.js') ? 'on the first chart' : 'up front';
  console.log(`  ${f.padEnd(34)} ${(gz(files) / 1024).toFixed(1)} KB gzip ${when} (${files.length} file${files.length > 1 ? 's' : ''})`);
}
