/**
 * `npm run bench -- bff`: figures measured side by side in one run on this machine.
 *  1. The push KPI query three ways, to show what each layer costs: an owner connection without RLS
 *     (baseline) | the RLS scope helper and KPI service in-process (transaction, SET ROLE, set_config,
 *     time zone and KPI queries) | GET /v1/kpis over loopback HTTP, loaded from a second process
 *     (JWT verification, the same scope, JSON).
 *  2. Widget bundle sizes (gzip) from dist/ (run `npm run build` first).
 * Every loop is bounded in count and time and targets 127.0.0.1 only.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { startStack } from '../lib/testing/stack.js';
import { createPool } from '../lib/db.js';
import { withScope } from '../bff/db/scope.js';
import { getKpis } from '../bff/services/kpis.js';
import { runLoad, type LoadResult } from './stats.js';

const N = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const MAX_MS = 20_000;

function print(label: string, r: LoadResult): LoadResult {
  console.log(
    `  ${label.padEnd(46)} ${String(r.n).padStart(5)} req  ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(2)} ms  p95 ${r.p95.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms`,
  );
  return r;
}

const run = promisify(execFile);
const measure = async (label: string, fn: () => Promise<unknown>) => print(label, await runLoad(fn, N, CONCURRENCY, MAX_MS));

/** The HTTP row's load comes from a second process, so the client does not steal the BFF's event loop. */
async function measureHttp(label: string, url: string, token: string): Promise<LoadResult> {
  // Asynchronous: the BFF under test runs in this process and must keep answering.
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/http-load.ts', url, token, String(N), String(CONCURRENCY), String(MAX_MS)]);
  return print(label, JSON.parse(stdout) as LoadResult);
}

const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
console.log(`machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${os.platform()} ${os.release()}`);
console.log(`load: ${N} requests per row, concurrency ${CONCURRENCY}, at most ${MAX_MS / 1000} s per row\n`);

const stack = await startStack({ syncDays: 120 });
try {
  const token = stack.tokens['100275']!;
  const url = `${stack.api}/v1/kpis?channel=push`;
  const probe = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  if (probe.status !== 200) throw new Error(`bench: /v1/kpis answered ${probe.status}`);
  const body = (await probe.json()) as { period: { from: string; to: string }; previousPeriod: { from: string } };

  const owner = createPool(stack.database.ownerUrl, { max: CONCURRENCY });
  const api = createPool(stack.database.apiUrl, { max: CONCURRENCY });
  const sql = `SELECT coalesce(sum(sent) FILTER (WHERE day >= $1), 0), coalesce(sum(received) FILTER (WHERE day >= $1), 0),
                      coalesce(sum(clicked) FILTER (WHERE day >= $1), 0), coalesce(sum(sent) FILTER (WHERE day < $1), 0)
               FROM marts.push_daily WHERE project_id = 100275 AND day BETWEEN $3 AND $2`;
  const args = [body.period.from, body.period.to, body.previousPeriod.from];

  console.log('the KPI query, layer by layer:');
  const raw = await measure('owner connection, no RLS (baseline)', () => owner.query(sql, args));
  const scoped = await measure('RLS scope helper + getKpis (in-process)', () =>
    withScope(api, { projectId: '100275', userId: 'bench' }, { statementTimeoutMs: 5000 }, (db) => getKpis(db, { channel: 'push' })),
  );
  const http = await measureHttp('GET /v1/kpis over HTTP (JWT, RLS, JSON)', url, token);
  console.log(`\n  ratios (p50): scope/baseline ${(scoped.p50 / raw.p50).toFixed(2)}x, http/scope ${(http.p50 / scoped.p50).toFixed(2)}x, http/baseline ${(http.p50 / raw.p50).toFixed(2)}x`);
  await owner.end();
  await api.end();
} finally {
  await stack.stop();
}

console.log('\nwidget bundles (gzip -9):');
for (const f of ['dist/cdn/ig-widgets.js', 'dist/cdn/ig-widgets.classic.js']) {
  if (!existsSync(f)) {
    console.log(`  ${f}: missing (run npm run build)`);
    continue;
  }
  const buf = readFileSync(f);
  console.log(`  ${f.padEnd(34)} ${(buf.length / 1024).toFixed(1)} KB raw, ${(gzipSync(buf, { level: 9 }).length / 1024).toFixed(1)} KB gzip`);
}
