/**
 * `npm run bench -- etl`: the data platform against the simulator, on this machine.
 *  1. Backfill of 17 projects (3 demo + 14 synthetic) × 365 days × every registered group.
 *  2. One hourly cycle for those 17 projects (the hourly-tier groups, from their watermarks).
 *  3. One hourly cycle for 500 projects: the 483 others start from a watermark of yesterday, as a
 *     fleet in steady state would (their history is not loaded; an hourly cycle never reads it).
 * Each step prints wall time, API calls (counted at the simulator), raw payloads landed, rows written,
 * rows per second, and a per-group breakdown (API calls, payloads, rows, and the seconds its
 * (project, group) runs took, summed: they overlap, `CONCURRENCY` at a time). Each step is capped
 * (BENCH_ETL_CAP_S, default 600 s): a step that hits it stops at the next window boundary and prints
 * "did not finish within X s" with the figures of what it did.
 *
 * Rate limit: the simulator keeps its model limit (10 req/s, burst 20 per key; every project has its
 * own key) unless BENCH_ETL_RATE_LIMIT=off; the output says which. Tasks start longest first (most
 * windows), so the rate-limited one-day-window groups (journeys, chat statistics) do not end up last.
 * Everything runs on 127.0.0.1 and ends by itself.
 */
import http from 'node:http';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../lib/config.js';
import { createPool } from '../lib/db.js';
import { todayIn, addDays } from '../lib/dates.js';
import { freePort } from '../lib/testing/ports.js';
import { prepareDatabase } from '../demo/platform.js';
import { createSimulatorApp } from '../etl/simulator/server.js';
import { DEMO_PROJECTS, syntheticProjects, type SimProject } from '../etl/simulator/catalog.js';
import { upsertProject, listProjects, type Project } from '../etl/projects.js';
import { GROUPS, groupsOfTier } from '../etl/groups/index.js';
import { planWindows } from '../etl/pipeline/plan.js';
import { DEFAULT_RATE_LIMIT } from '../etl/simulator/server.js';
import { apiClients, backfillTasks, dueTasks, runTasks, type SyncSummary, type SyncTask } from '../etl/sync.js';

const SMALL = Number(process.env.BENCH_ETL_PROJECTS ?? 17);
const LARGE = Number(process.env.BENCH_ETL_FLEET ?? 500);
const DAYS = Number(process.env.BENCH_ETL_DAYS ?? 365);
const CONCURRENCY = Number(process.env.BENCH_ETL_CONCURRENCY ?? 20);
const CAP_S = Number(process.env.BENCH_ETL_CAP_S ?? 600);
const RATE_LIMITED = process.env.BENCH_ETL_RATE_LIMIT !== 'off';
const NOW = new Date();

const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load average ${load()}`);
console.log(
  `projects ${SMALL} (backfill ${DAYS} days, ${GROUPS.length} groups) and ${LARGE} (hourly cycle); ${CONCURRENCY} (project, group) runs at once; ` +
    `simulator rate limit: ${RATE_LIMITED ? `the model's, ${DEFAULT_RATE_LIMIT.perSecond} req/s burst ${DEFAULT_RATE_LIMIT.burst} per key` : 'off'}; each step capped at ${CAP_S} s\n`,
);

const dir = await mkdtemp(path.join(os.tmpdir(), 'ig-bench-etl-'));
await chmod(dir, 0o755);
const config = loadConfig({ IG_DATA_DIR: dir, PG_PORT: String(await freePort()) });
const db = await prepareDatabase(config);
const pool = createPool(db.etlUrl, { max: CONCURRENCY + 2 });

const simProjects: SimProject[] = [...DEMO_PROJECTS, ...syntheticProjects(LARGE - DEMO_PROJECTS.length, { historyDays: DAYS + 30, now: NOW })];
let calls = 0;
const app = createSimulatorApp({ projects: simProjects, lateCorrections: true, ...(RATE_LIMITED ? {} : { rateLimit: false }) });
const server = http.createServer((req, res) => {
  calls++;
  app(req, res);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const simUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

// Every project has its own key and console login, read from variables as in production.
const env: NodeJS.ProcessEnv = {};
async function register(projects: SimProject[]) {
  for (const p of projects) {
    const name = `IG_KEY_${p.id}`;
    env[name] = p.serverKey;
    if (p.login) {
      env[`${name}_MAIL`] = p.login.mail;
      env[`${name}_PASSWORD`] = p.login.password;
    }
    await upsertProject(pool, { projectId: p.id, name: p.name, timeZone: p.timeZone, credentialsRef: `env:${name}` });
  }
}
const clients = apiClients(simUrl, env);

/** Longest first: the (project, group) pairs with the most windows start first. */
const longestFirst = (tasks: SyncTask[]) =>
  tasks
    .map((t) => ({ t, n: planWindows(t.spec, t.range).length }))
    .sort((a, b) => b.n - a.n)
    .map((x) => x.t);

async function step(label: string, tasks: SyncTask[]): Promise<SyncSummary> {
  const before = calls;
  const t0 = performance.now();
  const started = new Map<string, number>();
  const busy = new Map<string, number>();
  const aborter = new AbortController();
  const cap = setTimeout(() => aborter.abort(), CAP_S * 1000);
  let s: SyncSummary;
  try {
    s = await runTasks(pool, longestFirst(tasks), {
      clients,
      concurrency: CONCURRENCY,
      signal: aborter.signal,
      onProgress: ({ project, group, done, total }) => {
        const k = `${project.projectId}:${group}`;
        if (done === 0) started.set(k, performance.now());
        if (done === total || aborter.signal.aborted) busy.set(group, (busy.get(group) ?? 0) + performance.now() - (started.get(k) ?? performance.now()));
        if (done === total) started.delete(k);
      },
    });
  } finally {
    clearTimeout(cap);
  }
  const wall = (performance.now() - t0) / 1000;
  const apiCalls = calls - before;
  const capped = aborter.signal.aborted ? `  DID NOT FINISH within ${CAP_S} s (figures of what it did)` : '';
  console.log(
    `  ${label.padEnd(44)} ${wall.toFixed(1).padStart(7)} s  ${String(apiCalls).padStart(6)} API calls  ` +
      `${String(s.rawInserted).padStart(6)} payloads  ${String(s.rowsChanged).padStart(8)} rows written  ` +
      `${(s.rowsChanged / wall).toFixed(0).padStart(6)} rows/s  ${s.failures.length} failed windows${capped}`,
  );
  const groups = new Map<string, { runs: number; windows: number; requests: number; raw: number; rows: number }>();
  for (const r of s.runs) {
    if (!r) continue;
    const g = groups.get(r.group) ?? { runs: 0, windows: 0, requests: 0, raw: 0, rows: 0 };
    g.runs++;
    for (const w of r.windows) {
      g.windows++;
      g.requests += w.requests;
      g.raw += w.rawInserted;
      g.rows += w.rowsChanged;
    }
    groups.set(r.group, g);
  }
  for (const [group, g] of [...groups].sort((a, b) => (busy.get(b[0]) ?? 0) - (busy.get(a[0]) ?? 0))) {
    console.log(
      `    ${group.padEnd(10)} ${((busy.get(group) ?? 0) / 1000).toFixed(1).padStart(7)} s in runs  ${String(g.runs).padStart(4)} runs  ${String(g.windows).padStart(5)} windows  ` +
        `${String(g.requests).padStart(6)} API calls  ${String(g.raw).padStart(6)} payloads  ${String(g.rows).padStart(8)} rows`,
    );
  }
  for (const f of s.failures.slice(0, 3)) console.log(`    failure: ${f.projectId} ${f.group} ${f.window.from}..${f.window.to}: ${f.error}`);
  console.log(`    load average after: ${load()}`);
  return s;
}

try {
  await register(simProjects.slice(0, SMALL));
  const small = await listProjects(pool);
  await step(`backfill ${SMALL} projects × ${DAYS} days × all groups`, backfillTasks(small, GROUPS, DAYS, NOW));

  // An hour after the backfill ended, the hourly tier is due again.
  const later = new Date(Date.now() + 61 * 60_000); // after the backfill, however long it took
  const hourly = groupsOfTier('hourly');
  const dueSmall = await dueTasks(pool, small, hourly, { now: later, backfillDays: DAYS, resync: false });
  await step(`hourly cycle, ${SMALL} projects (${hourly.length} groups)`, dueSmall);

  // The rest of the fleet, in steady state: watermark yesterday, last success over an hour ago.
  await register(simProjects.slice(SMALL));
  const fleet: Project[] = await listProjects(pool);
  const others = fleet.filter((p) => !small.some((s) => s.projectId === p.projectId));
  for (const p of others) {
    for (const g of hourly) {
      await pool.query(
        `INSERT INTO app.sync_state (project_id, data_group, tier, watermark, last_success_at, last_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $5)`,
        [p.projectId, g.group, g.tier, addDays(todayIn(p.timeZone, NOW), -1), NOW],
      );
    }
  }
  const dueFleet = await dueTasks(pool, fleet, hourly, { now: later, backfillDays: DAYS, resync: false });
  await step(`hourly cycle, ${fleet.length} projects (${hourly.length} groups)`, dueFleet);
} finally {
  await pool.end();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await db.stop();
  await rm(dir, { recursive: true, force: true });
}
