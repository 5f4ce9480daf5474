/**
 * `npm run bench -- etl`: the data platform against the simulator, on this machine.
 *  1. Backfill of 17 projects (3 demo + 14 synthetic) × 365 days × every registered group.
 *  2. One hourly cycle for those 17 projects (the hourly-tier groups, from their watermarks).
 *  3. One hourly cycle for each fleet size of BENCH_ETL_FLEETS (default 500 and 2 000 projects): the
 *     others start from a watermark of yesterday, as a fleet in steady state would (their history is
 *     not loaded; an hourly cycle never reads it).
 * Each step prints wall time, API calls (counted at the simulator), raw payloads landed, rows written,
 * rows per second, and a per-group breakdown (API calls, payloads, rows, and the seconds its
 * (project, group) runs took, summed: they overlap, `CONCURRENCY` at a time, `PER_KEY` per API key),
 * and the CPU seconds of this process (ETL and simulator) and of the PostgreSQL cluster.
 * Each step is capped (BENCH_ETL_CAP_S, default 600 s): a step that hits it stops at the next window
 * boundary and prints "did not finish within X s" with the figures of what it did.
 *
 * The floor (docs/adr/029): every key (a project's server key, its console login's JWT) has its own
 * budget upstream, so a step cannot end before its busiest key has made its calls at the key's rate:
 * floor = max over keys of (calls − burst) ÷ rate, from the calls the fetch plan made (counted per key
 * at the simulator; 429 answers not counted). The backfill prints it beside the wall time and their
 * ratio, and each key's use of its budget (calls per second over the step vs the rate).
 *
 * BENCH_ETL_TRACE=1 starts PostgreSQL with pg_stat_statements and prints, under each step, its
 * statements with the most time (execution + planning): calls, plans made, milliseconds, shared
 * buffers touched (how the hourly cycle's re-planning was found: docs/adr/029, second addendum).
 *
 * Rate limit: the simulator keeps its model limit (10 req/s, burst 20 per key; every project has its
 * own key) unless BENCH_ETL_RATE_LIMIT=off; the output says which; the client then paces each key to
 * it (as ETL_KEY_RATE does). Tasks start longest first (most windows) within each key, and free slots
 * go round the keys (runTasks). Everything runs on 127.0.0.1 and ends by itself.
 */
import http from 'node:http';
import { chmod, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
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
import { Keyring } from '../etl/client/credentials.js';
import { cacheStats } from '../etl/simulator/memo.js';
import { apiClients, backfillTasks, dueTasks, runTasks, type SyncSummary, type SyncTask } from '../etl/sync.js';

const SMALL = Number(process.env.BENCH_ETL_PROJECTS ?? 17);
const FLEETS = (process.env.BENCH_ETL_FLEETS ?? process.env.BENCH_ETL_FLEET ?? '500,2000').split(',').map(Number).filter((n) => n > 0);
const LARGE = Math.max(SMALL, ...FLEETS);
const DAYS = Number(process.env.BENCH_ETL_DAYS ?? 365);
const CONCURRENCY = Number(process.env.BENCH_ETL_CONCURRENCY ?? 48);
/** Runs at once in the hourly cycles (default: as the backfill). */
const HOURLY_CONCURRENCY = Number(process.env.BENCH_ETL_HOURLY_CONCURRENCY ?? CONCURRENCY);
const PER_KEY = Number(process.env.BENCH_ETL_PER_KEY ?? 2);
const CAP_S = Number(process.env.BENCH_ETL_CAP_S ?? 600);
const RATE_LIMITED = process.env.BENCH_ETL_RATE_LIMIT !== 'off';
const TRACE = process.env.BENCH_ETL_TRACE === '1';
const NOW = new Date();

const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load average ${load()}`);
console.log(
  `projects ${SMALL} (backfill ${DAYS} days, ${GROUPS.length} groups) and ${FLEETS.join(', ')} (hourly cycle); ${CONCURRENCY} (project, group) runs at once (${HOURLY_CONCURRENCY} in the hourly cycles), ${PER_KEY} per key; ` +
    `simulator rate limit: ${RATE_LIMITED ? `the model's, ${DEFAULT_RATE_LIMIT.perSecond} req/s burst ${DEFAULT_RATE_LIMIT.burst} per key` : 'off'}; each step capped at ${CAP_S} s\n`,
);

const dir = await mkdtemp(path.join(os.tmpdir(), 'ig-bench-etl-'));
await chmod(dir, 0o755);
const config = loadConfig({ IG_DATA_DIR: dir, PG_PORT: String(await freePort()) });
const db = await prepareDatabase(config, undefined, {
  pgSettings: TRACE ? { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track_planning': 'on', 'pg_stat_statements.max': '5000' } : {},
});
const owner = createPool(db.ownerUrl, { max: 1 });
if (TRACE) await owner.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
const pool = createPool(db.etlUrl, { max: CONCURRENCY + 2 });
const RATE = DEFAULT_RATE_LIMIT;

const simProjects: SimProject[] = [...DEMO_PROJECTS, ...syntheticProjects(Math.max(0, LARGE - DEMO_PROJECTS.length), { historyDays: DAYS + 30, now: NOW })];
let calls = 0;
const app = createSimulatorApp({ projects: simProjects, lateCorrections: true, ...(RATE_LIMITED ? {} : { rateLimit: false }) });
/** Calls per key (the simulator's rate-limit key: the Authorization header), named by project and kind. */
const byKey = new Map<string, { name: string; calls: number; limited: number }>();
const keyOwner = new Map(simProjects.map((p) => [`serverkey ${p.serverKey}`.toLowerCase(), p.id]));
const server = http.createServer((req, res) => {
  calls++;
  const auth = (req.headers.authorization ?? '').trim();
  if (auth) {
    const bearer = /^bearer /i.test(auth);
    const id = bearer ? /[?&]applicationId=(\d+)/.exec(req.url ?? '')?.[1] : keyOwner.get(auth.toLowerCase());
    const k = byKey.get(auth) ?? { name: `${id ?? '?'} ${bearer ? 'login' : 'server key'}`, calls: 0, limited: 0 };
    byKey.set(auth, k);
    res.on('finish', () => (res.statusCode === 429 ? k.limited++ : k.calls++));
  }
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
// Each key paced to the model's limit, as ETL_KEY_RATE does in production (without the limit: unpaced).
const clients = apiClients(simUrl, env, { keyring: new Keyring(RATE_LIMITED ? { pace: RATE } : {}) });

/** Longest first: the (project, group) pairs with the most windows start first. */
const longestFirst = (tasks: SyncTask[]) =>
  tasks
    .map((t) => ({ t, n: planWindows(t.spec, t.range).length }))
    .sort((a, b) => b.n - a.n)
    .map((x) => x.t);

/**
 * CPU seconds used so far by this process (the ETL and the simulator) and by the PostgreSQL cluster
 * (its postmaster, the backends it reaped, and those alive): steadier than wall time on a shared
 * machine, where a step's wall time depends on what else runs.
 */
async function cpuSeconds(): Promise<{ node: number; pg: number }> {
  const u = process.cpuUsage();
  const node = (u.user + u.system) / 1e6;
  const tick = 100; // USER_HZ on Linux
  const stat = async (pid: string) => (await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')).replace(/^.*\) /, '').split(' ');
  try {
    const postmaster = (await readFile(path.join(dir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]!.trim();
    const own = await stat(postmaster);
    // Fields after the command: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
    let pg = (Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14])) / tick;
    for (const pid of await readdir('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const f = await stat(pid);
      if (f[1] === postmaster) pg += (Number(f[11]) + Number(f[12])) / tick;
    }
    return { node, pg };
  } catch {
    return { node, pg: NaN };
  }
}

async function step(label: string, tasks: SyncTask[], opts: { floor?: boolean; concurrency?: number } = {}): Promise<SyncSummary> {
  const before = calls;
  const keysBefore = new Map([...byKey].map(([k, v]) => [k, v.calls]));
  const cachesBefore = new Map(cacheStats().map((c) => [c.name, c]));
  if (TRACE) await owner.query('SELECT pg_stat_statements_reset()');
  const cpu0 = await cpuSeconds();
  const t0 = performance.now();
  const started = new Map<string, number>();
  const busy = new Map<string, number>();
  const aborter = new AbortController();
  const cap = setTimeout(() => aborter.abort(), CAP_S * 1000);
  let s: SyncSummary;
  try {
    s = await runTasks(pool, longestFirst(tasks), {
      clients,
      concurrency: opts.concurrency ?? CONCURRENCY,
      perKey: PER_KEY,
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
  const cpu1 = await cpuSeconds();
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
  // Per key: the calls of this step, and how much of its budget (rate × wall) they used.
  const keys = [...byKey]
    .map(([auth, k]) => ({ name: k.name, calls: k.calls - (keysBefore.get(auth) ?? 0), limited: k.limited }))
    .filter((k) => k.calls > 0)
    .sort((a, b) => b.calls - a.calls);
  if (opts.floor && keys.length) {
    const busiest = keys[0]!;
    const floor = Math.max(0, busiest.calls - RATE.burst) / RATE.perSecond;
    const rates = keys.map((k) => k.calls / wall);
    const median = [...rates].sort((a, b) => a - b)[Math.floor(rates.length / 2)]!;
    console.log(
      `    FLOOR ${floor.toFixed(1)} s (busiest key: ${busiest.name}, ${busiest.calls} calls at ${RATE.perSecond} req/s, burst ${RATE.burst})  ` +
        `measured ${wall.toFixed(1)} s  ratio ${(wall / floor).toFixed(2)}x${RATE_LIMITED ? '' : '  (simulator limit off: the floor is what the limit would impose)'}`,
    );
    console.log(
      `    per key: ${keys.length} keys; calls/s over the step (budget ${RATE.perSecond}): max ${Math.max(...rates).toFixed(2)}, median ${median.toFixed(2)}, min ${Math.min(...rates).toFixed(2)}; ` +
        `429 answers ${keys.reduce((n, k) => n + k.limited, 0)}`,
    );
    for (const k of keys.slice(0, 6)) {
      console.log(`      ${k.name.padEnd(22)} ${String(k.calls).padStart(6)} calls  ${(k.calls / wall).toFixed(2).padStart(6)} calls/s  ${((k.calls / wall / RATE.perSecond) * 100).toFixed(0).padStart(3)} % of its budget`);
    }
  }
  // The simulator's own work (it shares this process): its caches' misses regenerate data.
  const caches = cacheStats().map((c) => ({ ...c, before: cachesBefore.get(c.name) }));
  const churn = caches
    .map((c) => ({ name: c.name, misses: c.misses - (c.before?.misses ?? 0), evictions: c.evictions - (c.before?.evictions ?? 0) }))
    .filter((c) => c.misses > 0)
    .sort((a, b) => b.misses - a.misses)
    .slice(0, 4);
  if (churn.length) console.log(`    simulator cache misses (evictions): ${churn.map((c) => `${c.name} ${c.misses} (${c.evictions})`).join(', ')}`);
  console.log(
    `    CPU: ${(cpu1.node - cpu0.node).toFixed(1)} s in this process (ETL and simulator), ${(cpu1.pg - cpu0.pg).toFixed(1)} s in PostgreSQL; load average after: ${load()}`,
  );
  if (TRACE) await printStatements();
  return s;
}

/** The step's statements with the most time in PostgreSQL (BENCH_ETL_TRACE=1). */
async function printStatements(): Promise<void> {
  const { rows } = await owner.query<{ calls: number | string; plans: number | string; exec: number; plan: number; blocks: number | string; query: string }>(
    `SELECT calls, plans, total_exec_time AS exec, total_plan_time AS plan, shared_blks_hit + shared_blks_read AS blocks,
            left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query
     FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 12`,
  );
  console.log('    statements (pg_stat_statements): exec ms, plan ms, calls, plans, buffers');
  for (const r of rows) {
    console.log(
      `      ${r.exec.toFixed(0).padStart(7)} ${r.plan.toFixed(0).padStart(6)} ${String(r.calls).padStart(6)} ${String(r.plans).padStart(6)} ${String(r.blocks).padStart(9)}  ${r.query}`,
    );
  }
}

try {
  await register(simProjects.slice(0, SMALL));
  const small = await listProjects(pool);
  await step(`backfill ${SMALL} projects × ${DAYS} days × all groups`, backfillTasks(small, GROUPS, DAYS, NOW), { floor: true });

  // An hour after the backfill ended, the hourly tier is due again.
  const later = new Date(Date.now() + 61 * 60_000); // after the backfill, however long it took
  const hourly = groupsOfTier('hourly');
  const dueSmall = await dueTasks(pool, small, hourly, { now: later, backfillDays: DAYS, resync: false });
  await step(`hourly cycle, ${SMALL} projects (${hourly.length} groups)`, dueSmall, { concurrency: HOURLY_CONCURRENCY });

  // The rest of the fleet, in steady state: watermark yesterday, last success over an hour ago.
  for (const size of FLEETS) {
    const registered = new Set((await listProjects(pool)).map((p) => p.projectId));
    await register(simProjects.slice(0, size).filter((p) => !registered.has(p.id)));
    const ids = new Set(simProjects.slice(0, size).map((p) => p.id));
    const fleet: Project[] = (await listProjects(pool)).filter((p) => ids.has(p.projectId));
    const others = fleet.filter((p) => !small.some((s) => s.projectId === p.projectId));
    await pool.query(
      `INSERT INTO app.sync_state (project_id, data_group, tier, watermark, last_success_at, last_attempt_at)
       SELECT p.id, g.name, 'hourly', (($3::timestamptz AT TIME ZONE pr.time_zone)::date - 1), $3, $3
       FROM unnest($1::bigint[]) AS p(id) JOIN app.projects pr ON pr.project_id = p.id CROSS JOIN unnest($2::text[]) AS g(name)
       ON CONFLICT (project_id, data_group) DO UPDATE
         SET watermark = EXCLUDED.watermark, last_success_at = EXCLUDED.last_success_at, last_attempt_at = EXCLUDED.last_attempt_at, last_error = NULL`,
      [others.map((p) => p.projectId), hourly.map((g) => g.group), NOW],
    );
    // An hour after the last cycle, everything is due again.
    const next = new Date(Date.now() + 61 * 60_000);
    const dueFleet = await dueTasks(pool, fleet, hourly, { now: next, backfillDays: DAYS, resync: false });
    await step(`hourly cycle, ${fleet.length} projects (${hourly.length} groups)`, dueFleet, { concurrency: HOURLY_CONCURRENCY });
  }
} finally {
  await owner.end();
  await pool.end();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await db.stop();
  await rm(dir, { recursive: true, force: true });
}
