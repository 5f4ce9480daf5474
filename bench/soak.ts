/**
 * `npm run bench -- soak`: faults under load, bounded, loopback only (docs/adr/023-production.md).
 * An embedded PostgreSQL of its own (so it can be restarted), PgBouncer in transaction mode, two
 * `npm run serve` processes (through the pooler; LISTEN direct), the simulator, and autocannon in
 * two processes (half the connections on each BFF) for BENCH_SOAK_SECONDS (60) with
 * BENCH_SOAK_CONNECTIONS (500) connections over a mix of routes and 30 users of three projects.
 * In the middle thirds: PostgreSQL is stopped for 5 s, then PgBouncer is restarted; then a worker
 * (`npm run worker`'s process) running a four-window backfill is killed with SIGKILL mid-window
 * while a second worker runs. Printed: status counts (anything but 2xx/304/429/503 is an error),
 * socket errors and timeouts with the seconds they happened in, p50/p99, whether /readyz went 503
 * and a request got 503 with Retry-After during the outage, the seconds from each return to the
 * first 200 of /readyz on both BFFs and until the tenant routes' 200s per second are back to half
 * their level before the fault (aim: within 5 s, with no restart of the BFF), and the seconds from
 * the kill to the rerun's completion with the windows published (each once).
 */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEV_DB_PASSWORDS, loadConfig, roleUrl } from '../lib/config.js';
import { startEmbeddedPostgres, type EmbeddedPg } from '../lib/embedded-pg.js';
import { freePort } from '../lib/testing/ports.js';
import { startPgBouncer, type PgBouncer } from '../lib/testing/pgbouncer.js';
import { runNode, runScript, type Running } from '../lib/testing/processes.js';
import { startStack } from '../lib/testing/stack.js';
import { createPool, ensureDatabase } from '../lib/db.js';
import { signToken } from '../bff/auth/jwt.js';
import { businessNow } from '../lib/clock.js';
import { startScheduler, SYNC_QUEUE } from '../etl/scheduler/index.js';
import { startSimulator } from '../etl/simulator/server.js';
import { apiClients } from '../etl/sync.js';
import { findGroup } from '../etl/groups/index.js';
import { groupWindowDays } from '../etl/pipeline/plan.js';

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.BENCH_SOAK_CONNECTIONS ?? 500);
const OUTAGE_MS = 5000;
/** The killed job: a backfill of (project 100274, devices) over this many windows, each request this slow. */
const KILL_WINDOWS = 4;
const KILL_FAULT_MS = 1500;
/** How long the single tenant probe tries after each return before it is reported as not answered. */
const PROBE_LIMIT_S = 10;
const secs = (s: number) => (Number.isFinite(s) ? `${s.toFixed(2)} s` : `not within ${PROBE_LIMIT_S} s`);
const exec = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

console.log(`machine: ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(2)}; ${CONNECTIONS} connections for ${SECONDS} s over two BFF processes\n`);

const dir = await mkdtemp(path.join(os.tmpdir(), 'ig-soak-'));
await chmod(dir, 0o755);
const pgPort = await freePort();
let pg: EmbeddedPg = await startEmbeddedPostgres({ dataDir: dir, port: pgPort });
const closers: (() => Promise<unknown>)[] = [];
let bouncer: PgBouncer | undefined;
try {
  const ownerUrl = await ensureDatabase(pg.url, 'insights');
  const stack = await startStack({ databaseUrl: ownerUrl, syncDays: 35 });
  closers.push(stack.stop);
  const apiUrl = stack.database.apiUrl;
  bouncer = await startPgBouncer({ upstream: apiUrl, users: { ig_api: DEV_DB_PASSWORDS.api }, poolSize: 10 });
  const bouncerPort = bouncer.port;
  const config = loadConfig({});
  const tokens = await Promise.all(
    Array.from({ length: 30 }, (_, i) => signToken(config, { sub: `soak-${i}`, project_id: String(100274 + (i % 3)), role: 'viewer' })),
  );
  const bffs: { run: Running; origin: string }[] = [];
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    const run = runScript('serve', {
      API_DATABASE_URL: bouncer.via(apiUrl),
      LISTEN_DATABASE_URL: apiUrl,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_USER_RPS: '50',
      RATE_LIMIT_USER_BURST: '100',
      RATE_LIMIT_PROJECT_RPS: '1000',
      RATE_LIMIT_PROJECT_BURST: '2000',
    });
    bffs.push({ run, origin: `http://127.0.0.1:${port}` });
  }
  closers.push(...bffs.map((b) => () => b.run.stop()));
  // The ETL: the simulator (each devices request answers after KILL_FAULT_MS, so a backfill of
  // KILL_WINDOWS windows takes a while) and `npm run worker`'s process; a second worker joins before
  // the first is killed.
  const sim = await startSimulator({ rateLimit: false, now: () => businessNow() });
  closers.push(() => sim.close());
  sim.faults.set('devices', { kind: 'timeout', ms: KILL_FAULT_MS });
  const etlUrl = roleUrl(stack.database.ownerUrl, 'ig_etl', DEV_DB_PASSWORDS.etl);
  const workerEnv = { ETL_DATABASE_URL: etlUrl, INDIGITALL_BASE_URL: sim.url, LOG_LEVEL: 'info', SYNC_DAYS: String(KILL_WINDOWS * groupWindowDays(findGroup('devices')!)!), WORKER_CONCURRENCY: '1', WORKER_LEASE_GRACE_S: '5', WORKER_LEASE_CHECK_S: '1' };
  // Each worker names its sessions, so the one holding the job's lock can be told and killed.
  const workers: Running[] = [1, 2].map((n) => runNode('etl/worker.ts', { ...workerEnv, ETL_DATABASE_URL: `${etlUrl}${etlUrl.includes('?') ? '&' : '?'}application_name=ig-worker-${n}` }));
  closers.push(() => Promise.all(workers.map((w) => w.stop())));
  for (const b of bffs) {
    for (let t = Date.now(); Date.now() - t < 120_000; await sleep(200)) {
      if ((await fetch(`${b.origin}/readyz`).then((r) => r.status).catch(() => 0)) === 200) break;
    }
  }
  console.log('  stack up: PostgreSQL, PgBouncer (transaction mode), 2 BFF processes, 1 worker, the simulator');

  const loadStart = Date.now();
  const loads = bffs.map((b) =>
    exec(process.execPath, ['--import', 'tsx', 'bench/soak-load.ts', JSON.stringify({ origin: b.origin, tokens, connections: Math.floor(CONNECTIONS / 2), seconds: SECONDS })], {
      timeout: (SECONDS + 60) * 1000,
      maxBuffer: 1 << 20,
    }).then(({ stdout }) => JSON.parse(stdout)),
  );

  /** Seconds from now until every BFF answers 200 on `path` (with a token for tenant routes). */
  /** What the probes got before their 200 (status and problem code), for the report. */
  const seen: Record<string, number> = {};
  /** Every probe request (path, BFF, start, answer, duration), printed when a recovery is slow. */
  const trace: string[] = [];
  const recovery = async (pathname: string, limitS = 60): Promise<number> => {
    const t0 = performance.now();
    for (const [bi, b] of bffs.entries()) {
      for (;;) {
        const ts = performance.now();
        const s = await fetch(`${b.origin}${pathname}`, { headers: { Authorization: `Bearer ${tokens[0]}` } })
          .then(async (r) => {
            if (r.status !== 200) {
              const code = r.headers.get('content-type')?.includes('problem') ? ((await r.json()) as { code?: string; detail?: string }) : undefined;
              const k = `${pathname.split('?')[0]} ${r.status} ${code?.code ?? ''} ${code?.detail?.slice(0, 40) ?? ''}`;
              seen[k] = (seen[k] ?? 0) + 1;
            } else await r.arrayBuffer();
            return r.status;
          })
          .catch((err: Error) => {
            trace.push(`error ${String(err.cause ?? err)}`);
            return 0;
          });
        trace.push(`${pathname.split('?')[0]} bff${bi + 1} +${((ts - t0) / 1000).toFixed(2)} s: ${s} in ${((performance.now() - ts) / 1000).toFixed(2)} s`);
        if (s === 200) break;
        if (performance.now() - t0 > limitS * 1000) return Infinity;
        await sleep(100);
      }
    }
    return (performance.now() - t0) / 1000;
  };

  // PostgreSQL stopped for OUTAGE_MS in the first third.
  await sleep(Math.max(0, loadStart + (SECONDS * 1000) / 3 - Date.now()));
  const stoppedAt = Date.now();
  await pg.stop();
  const down = performance.now();
  let readyz503 = false;
  let retryAfter503 = false;
  while (performance.now() - down < OUTAGE_MS) {
    const r = await fetch(`${bffs[0]!.origin}/readyz`).catch(() => undefined);
    if (r?.status === 503) readyz503 = true;
    const k = await fetch(`${bffs[1]!.origin}/v1/kpis?channel=push&from=2026-01-01&to=2026-01-0${1 + Math.floor(Math.random() * 8)}`, { headers: { Authorization: `Bearer ${tokens[1]}` } }).catch(() => undefined);
    if (k?.status === 503 && k.headers.get('retry-after')) retryAfter503 = true;
    await sleep(200);
  }
  pg = await startEmbeddedPostgres({ dataDir: dir, port: pgPort });
  const returnedAt = Date.now();
  const pgReady = await recovery('/readyz');
  const pgTenant = await recovery('/v1/kpis?channel=push', PROBE_LIMIT_S);
  console.log(`  PostgreSQL down ${OUTAGE_MS / 1000} s: /readyz 503 during the outage: ${readyz503}; a tenant request got 503 + Retry-After: ${retryAfter503}`);
  console.log(`    after its return: /readyz 200 on both BFFs in ${pgReady.toFixed(2)} s, a tenant route 200 in ${secs(pgTenant)} more (one request among the load's; no BFF restart)`);

  // PgBouncer restarted in the second third.
  // At two thirds of the load whatever the probes took (the tenant probe is a lottery under shedding).
  await sleep(Math.max(0, loadStart + (SECONDS * 2000) / 3 - Date.now()));
  const bouncerAt = Date.now();
  await bouncer.stop();
  bouncer = await startPgBouncer({ upstream: apiUrl, users: { ig_api: DEV_DB_PASSWORDS.api }, poolSize: 10, port: bouncerPort });
  const bouncerBackAt = Date.now();
  const pbReady = await recovery('/readyz');
  const pbTenant = await recovery('/v1/kpis?channel=push', PROBE_LIMIT_S);
  console.log(`    the probes' answers before their 200: ${JSON.stringify(seen)}`);
  for (const k of Object.keys(seen)) delete seen[k];
  console.log(`  PgBouncer restarted: /readyz 200 on both BFFs in ${pbReady.toFixed(2)} s, a tenant route 200 in ${secs(pbTenant)} more`);

  // A worker killed with SIGKILL mid-window: the other one reruns the job (etl/scheduler/lease.ts).
  const etl = createPool(etlUrl, { max: 2 });
  closers.push(() => etl.end());
  const enqueuer = await startScheduler({ pool: etl, bossUrl: etlUrl, clients: apiClients(sim.url), backfillDays: 60, concurrency: 0, schedule: false, lease: false });
  // The stack loaded the pair's last days already: forget its state, so the job is a backfill of
  // KILL_WINDOWS windows (the worker's SYNC_DAYS) and the kill can land in the middle of it.
  const owner = createPool(stack.database.ownerUrl, { max: 1 });
  await owner.query(`DELETE FROM app.sync_state WHERE project_id = 100274 AND data_group = 'devices'`);
  await owner.end();
  const since = new Date();
  await enqueuer.trigger({ projectId: 100274, group: 'devices', kind: 'sync' });
  await enqueuer.stop();
  const pair = [100274, 'devices', since];
  const runs = async () =>
    (await etl.query<{ ok: number; running: number; failed: number; twice: number }>(
      `SELECT count(*) FILTER (WHERE status = 'succeeded')::int AS ok, count(*) FILTER (WHERE status = 'running')::int AS running,
              count(*) FILTER (WHERE status = 'failed')::int AS failed,
              (SELECT count(*) FROM (SELECT 1 FROM app.sync_runs WHERE project_id = $1 AND data_group = $2 AND started_at >= $3 AND status = 'succeeded' GROUP BY window_from, window_to HAVING count(*) > 1) d)::int AS twice
       FROM app.sync_runs WHERE project_id = $1 AND data_group = $2 AND started_at >= $3`,
      pair,
    )).rows[0]!;
  let mid = false;
  for (const t = Date.now(); Date.now() - t < 60_000 && !mid; await sleep(100)) {
    const r = await runs().catch(() => undefined);
    mid = !!r && r.ok >= 1 && r.running === 1;
  }
  const holder = await etl.query<{ app: string }>(
    `SELECT a.application_name AS app FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended('ig-sync:100274:devices', 0)`,
  );
  const victim = Number(/ig-worker-(\d)/.exec(holder.rows[0]?.app ?? '')?.[1] ?? 1) - 1;
  await workers[victim]!.stop('SIGKILL');
  const killedAt = performance.now();
  let rerun = Infinity;
  for (;;) {
    const states = (await etl.query<{ state: string }>(`SELECT state::text FROM pgboss.job WHERE name = $1 ORDER BY created_on`, [SYNC_QUEUE]).catch(() => ({ rows: [] }))).rows.map((x) => x.state);
    if (states.length >= 2 && states.at(-1) === 'completed') {
      rerun = (performance.now() - killedAt) / 1000;
      break;
    }
    if (performance.now() - killedAt > 60_000) break;
    await sleep(100);
  }
  const after = await runs();
  console.log(`  worker killed (SIGKILL) mid-window${mid ? '' : ' (the backfill was not seen mid-window)'}: the other worker completed the job ${rerun.toFixed(2)} s later (lease grace 5 s);`);
  console.log(`    windows: ${after.ok} published, ${after.twice} published twice, ${after.failed} cut by the kill (closed as abandoned), ${after.running} left running`);

  const results = await Promise.all(loads);
  const statuses: Record<string, number> = {};
  for (const r of results) for (const [s, n] of Object.entries(r.statuses as Record<string, number>)) statuses[s] = (statuses[s] ?? 0) + n;
  // Recovery as the load sees it: seconds from each return (PostgreSQL started again, PgBouncer
  // listening again) until the tenant routes' 200s per second (both BFFs) are back to half their mean
  // over the 10 s before the fault. The probes above time one request among connections that ignore
  // Retry-After (a slot freed is taken again at once), which is partly a lottery; this is the
  // service's own recovery.
  const tenantOk: Record<number, number> = {};
  for (const r of results) for (const [t, n] of Object.entries(r.tenantOkPerSecond as Record<string, number>)) tenantOk[Number(t)] = (tenantOk[Number(t)] ?? 0) + n;
  const recovered = (faultAt: number, returnAt: number) => {
    const faultSec = Math.floor(faultAt / 1000);
    const before = Array.from({ length: 10 }, (_, i) => tenantOk[faultSec - 10 + i] ?? 0).reduce((a, b) => a + b, 0) / 10;
    for (let t = Math.floor(returnAt / 1000); t < returnAt / 1000 + 60; t++) {
      // A second counts once it has ended; the one holding the return counts from the return on.
      if ((tenantOk[t] ?? 0) >= before / 2) return { before, back: Math.max(0, t + 1 - returnAt / 1000) };
    }
    return { before, back: Infinity };
  };
  const pgBack = recovered(stoppedAt, returnedAt);
  const pbBack = recovered(bouncerAt, bouncerBackAt);
  console.log(`  tenant routes' 200s: ${pgBack.before.toFixed(0)}/s before the PostgreSQL stop, back to half of it within ${pgBack.back.toFixed(1)} s of its return (aim ≤ 5 s)`);
  console.log(`    ${pbBack.before.toFixed(0)}/s before the PgBouncer restart, back to half of it within ${pbBack.back.toFixed(1)} s of its return (aim ≤ 5 s)`);
  const stopSec = Math.floor(stoppedAt / 1000);
  const backSec = Math.floor(returnedAt / 1000);
  for (const [i, r] of results.entries()) {
    const series = Array.from({ length: backSec - stopSec + 16 }, (_, k) => (r.tenantOkPerSecond as Record<string, number>)[stopSec - 3 + k] ?? 0);
    console.log(`    BFF ${i + 1}, tenant 200s per second from 3 s before the stop (stop at +3, return at +${backSec - stopSec + 3}): ${series.join(' ')}`);
  }
  if (![pgReady, pbReady, pgBack.back, pbBack.back].every((x) => x <= 5)) {
    console.log(`  the probes, one line per request:\n    ${trace.join('\n    ')}`);
    for (const [i, b] of bffs.entries()) console.log(`  BFF ${i + 1} (exit: ${b.run.child.exitCode ?? 'running'}), last lines:\n    ${b.run.lines.slice(-8).join('\n    ')}`);
  }
  const bad = Object.entries(statuses).filter(([s]) => !/^(2\d\d|304|429|503)$/.test(s)).reduce((sum, [, n]) => sum + n, 0);
  // autocannon counts a timeout among its errors too.
  const transport = results.reduce((sum, r) => sum + r.errors, 0);
  const timeouts = results.reduce((sum, r) => sum + r.timeouts, 0);
  console.log(`\n  load: ${results.reduce((s, r) => s + r.requests, 0)} responses, ${results.reduce((s, r) => s + r.rps, 0).toFixed(0)} req/s; statuses ${JSON.stringify(statuses)}`);
  console.log(`  errors other than 429/503: ${bad} responses, ${transport} socket errors, ${timeouts} of them timeouts (10 s) (aim 0)`);
  // When they happened, in seconds from the load's start, beside the faults.
  const errAt: Record<number, number> = {};
  for (const r of results) for (const [t, n] of Object.entries(r.errorsPerSecond as Record<string, number>)) errAt[Number(t)] = (errAt[Number(t)] ?? 0) + n;
  if (transport) {
    const at = (sec: number) => `${sec - Math.floor(loadStart / 1000) >= 0 ? '+' : ''}${sec - Math.floor(loadStart / 1000)} s`;
    console.log(`    socket errors by second of the load: ${Object.entries(errAt).map(([t, n]) => `${at(Number(t))}: ${n}`).join(', ')} (PostgreSQL stopped at ${at(stopSec)}, back at ${at(backSec)}; PgBouncer restarted at ${at(Math.floor(bouncerAt / 1000))})`);
  }
  console.log(`  p50 ${Math.max(...results.map((r) => r.p50)).toFixed(0)} ms, p99 ${Math.max(...results.map((r) => r.p99)).toFixed(0)} ms (worst of the two BFFs)`);
} finally {
  for (const c of closers.reverse()) await c().catch(() => undefined);
  await bouncer?.stop().catch(() => undefined);
  await pg.stop().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
}
