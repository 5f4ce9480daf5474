/**
 * `npm run bench -- etl`: the data platform against the simulator, on this machine.
 *  1. Backfill of 17 projects (3 demo + 14 synthetic) × 365 days × every registered group.
 *  2. One hourly cycle for those 17 projects (the hourly-tier groups, from their watermarks).
 *  3. One hourly cycle for 500 projects: the 483 others start from a watermark of yesterday, as a
 *     fleet in steady state would (their history is not loaded; an hourly cycle never reads it).
 * Each step prints wall time, API calls (counted at the simulator), raw payloads landed and rows
 * written. The simulator keeps its model rate limit (10 req/s, burst 20 per key; every project has
 * its own key). Everything runs on 127.0.0.1 and ends by itself.
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
import { apiClients, backfillTasks, dueTasks, runTasks, type SyncSummary, type SyncTask } from '../etl/sync.js';

const SMALL = Number(process.env.BENCH_ETL_PROJECTS ?? 17);
const LARGE = Number(process.env.BENCH_ETL_FLEET ?? 500);
const DAYS = Number(process.env.BENCH_ETL_DAYS ?? 365);
const CONCURRENCY = Number(process.env.BENCH_ETL_CONCURRENCY ?? 4);
const NOW = new Date();

const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
console.log(`machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
console.log(`projects ${SMALL} (backfill ${DAYS} days, ${GROUPS.length} groups) and ${LARGE} (hourly cycle); ${CONCURRENCY} (project, group) runs at once\n`);

const dir = await mkdtemp(path.join(os.tmpdir(), 'ig-bench-etl-'));
await chmod(dir, 0o755);
const config = loadConfig({ IG_DATA_DIR: dir, PG_PORT: String(await freePort()) });
const db = await prepareDatabase(config);
const pool = createPool(db.etlUrl, { max: CONCURRENCY + 2 });

const simProjects: SimProject[] = [...DEMO_PROJECTS, ...syntheticProjects(LARGE - DEMO_PROJECTS.length, { historyDays: DAYS + 30, now: NOW })];
let calls = 0;
const app = createSimulatorApp({ projects: simProjects, lateCorrections: true });
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

async function step(label: string, tasks: SyncTask[]): Promise<SyncSummary> {
  const before = calls;
  const t0 = performance.now();
  const s = await runTasks(pool, tasks, { clients, concurrency: CONCURRENCY });
  const wall = (performance.now() - t0) / 1000;
  const apiCalls = calls - before;
  console.log(
    `  ${label.padEnd(44)} ${wall.toFixed(1).padStart(7)} s  ${String(apiCalls).padStart(6)} API calls  ` +
      `${String(s.rawInserted).padStart(6)} payloads  ${String(s.rowsChanged).padStart(8)} rows written  ` +
      `${(s.rowsChanged / wall).toFixed(0).padStart(6)} rows/s  ${s.failures.length} failed windows`,
  );
  for (const f of s.failures.slice(0, 3)) console.log(`    failure: ${f.projectId} ${f.group} ${f.window.from}..${f.window.to}: ${f.error}`);
  return s;
}

try {
  await register(simProjects.slice(0, SMALL));
  const small = await listProjects(pool);
  await step(`backfill ${SMALL} projects × ${DAYS} days × all groups`, backfillTasks(small, GROUPS, DAYS, NOW));

  // An hour later, the hourly tier is due again.
  const later = new Date(NOW.getTime() + 61 * 60_000);
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
