/**
 * `npm start`: the whole product on this machine. Embedded PostgreSQL under IG_DATA_DIR (unless
 * DATABASE_URL is set) -> migrations -> the indigitall simulator (unless INDIGITALL_BASE_URL is set)
 * -> demo projects -> every registered group of every active project brought up to date, with a
 * progress bar per (project, group): the last SYNC_DAYS days of a group never loaded, what is due
 * from the watermark otherwise (chat, agents, campaigns and journeys in the background) -> the BFF
 * with the demo pages on 127.0.0.1:PORT -> the URLs and demo tokens -> the scheduler (pg-boss), which
 * loads the background groups, their progress printed. SIGINT/SIGTERM stop everything it started.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { loadConfig, usesDevSecret, ConfigError } from '../lib/config.js';
import { createPool } from '../lib/db.js';
import type { Pool } from 'pg';
import { createLogger } from '../lib/log.js';
import { onShutdown } from '../lib/shutdown.js';
import type { SyncTask } from '../etl/sync.js';
import { prepareDatabase, registerDemoProjects } from './platform.js';
import { Progress } from '../lib/progress.js';

/**
 * The product's modules (the BFF, the ETL, the simulator: a few hundred modules through tsx), loaded
 * while PostgreSQL starts in its own process rather than before it: a warm start is mostly these two.
 */
const loadProduct = async () => {
  const [server, assets, jwt, sync, scheduler, reports, simulator, catalog] = await Promise.all([
    import('../bff/server.js'),
    import('../bff/assets.js'),
    import('../bff/auth/jwt.js'),
    import('../etl/sync.js'),
    import('../etl/scheduler/index.js'),
    import('../etl/reports/dev-smtp.js'),
    import('../etl/simulator/server.js'),
    import('../etl/simulator/catalog.js'),
  ]);
  return {
    startBff: server.startBff,
    assetMounts: assets.assetMounts,
    signToken: jwt.signToken,
    apiClients: sync.apiClients,
    dueTasks: sync.dueTasks,
    pacedKeyring: sync.pacedKeyring,
    runTasks: sync.runTasks,
    select: sync.select,
    startScheduler: scheduler.startScheduler,
    reportsForStart: reports.reportsForStart,
    startSimulator: simulator.startSimulator,
    DEMO_PROJECTS: catalog.DEMO_PROJECTS,
  };
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
const say = (msg: string) => process.stdout.write(`  ${msg}\n`);

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(err.message + '\n');
    process.exit(1);
  }
  throw err;
}
const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', 'insights');
const stops: (() => Promise<unknown>)[] = [];
const stopAll = async () => {
  for (const stop of stops.reverse()) await stop().catch((err) => logger.error({ err }, 'stop failed'));
};
onShutdown(stopAll, logger);

try {
  process.stdout.write('\nindigitall Insights\n');
  // The bundles build in a child process while the database starts and the first data loads: on a
  // fresh clone they are the longest step, and two cores can do both at once.
  const build = buildWidgetsIfStale();
  build.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
  const product = loadProduct();
  product.catch(() => undefined); // the same

  const db = await prepareDatabase(config, (m) => say(`database: ${m}`));
  stops.push(db.stop);
  say(db.embedded ? `PostgreSQL 18 (embedded, ${db.created ? 'new cluster' : 'reused'} in ${config.IG_DATA_DIR}/pg) ready [${elapsed()}]` : `PostgreSQL at DATABASE_URL ready [${elapsed()}]`);

  const { startSimulator, apiClients, pacedKeyring, select, dueTasks, runTasks, startScheduler, reportsForStart, startBff, assetMounts, signToken, DEMO_PROJECTS } = await product;

  let baseUrl = config.INDIGITALL_BASE_URL;
  if (!baseUrl) {
    const sim = await startSimulator({ port: config.SIMULATOR_PORT });
    stops.push(sim.close);
    baseUrl = sim.url;
    say(`indigitall API simulator on ${sim.url} [${elapsed()}]`);
  }

  const etl = createPool(db.etlUrl, { max: 4, application: 'ig-etl' });
  stops.push(() => etl.end());
  if (!config.INDIGITALL_BASE_URL) await registerDemoProjects(etl);

  // What the schedule would run now: a (project, group) never loaded gets its last SYNC_DAYS days
  // (planned as its first daily re-sync too), the others run from their watermark when their tier is
  // due, so a warm start shortly after the last one has little or nothing to do. The send statistics
  // (hourly and daily tiers) load before the page opens; conversations and configurations (15-minute
  // and 6-hour tiers: chat history, agents, campaigns, journeys, the heaviest backfills and, under the
  // API's rate limit, the slowest: journey stats take one request per journey and day) are handed to
  // the scheduler to load in the background.
  // Paced per key like the worker's (ETL_KEY_RATE): the simulator keeps the API's rate limit.
  const clients = apiClients(baseUrl, process.env, { keyring: pacedKeyring(config) });
  const { projects, specs } = await select(etl, {});
  const due = await dueTasks(etl, projects, specs, { backfillDays: config.SYNC_DAYS });
  const inBackground = (t: (typeof due)[number]) => t.spec.tier === '15min' || t.spec.tier === '6h';
  const background = due.filter(inBackground);
  const tasks = due.filter((t) => !inBackground(t));
  if (tasks.length) {
    const progress = new Progress(process.stdout);
    const summary = await runTasks(etl, tasks, {
      clients,
      onProgress: ({ project, group, done, total }) => progress.update(`${project.name} ${group}`, done, total),
    });
    say(
      `sync of ${tasks.length} (project, group) pairs: ${summary.windows} windows, ${summary.rawInserted} new payloads, ${summary.rowsChanged} rows changed [${elapsed()}]`,
    );
    for (const f of summary.failures) say(`sync failed for project ${f.projectId} ${f.group} ${f.window.from}..${f.window.to}: ${f.error}`);
    for (const b of summary.busy) say(`sync skipped for project ${b.projectId} ${b.group}: another run is syncing it`);
  } else {
    say(`sync: nothing is due [${elapsed()}]`);
  }

  const built = await build;
  if (built) say(`widget bundles built [${elapsed()}]`);
  // The same static files as `npm run serve` (bff/assets.ts), with the element catalog on.
  const bff = await startBff(config, logger, { apiUrl: db.apiUrl, assets: assetMounts({ ...config, CATALOG_ENABLED: true }) });
  stops.push(bff.close);

  process.stdout.write(`\n  Ready in ${elapsed()}. BFF and demo pages on ${bff.url}\n\n`);
  if (usesDevSecret(config)) {
    for (const p of DEMO_PROJECTS.slice(0, 2)) {
      const token = await signToken(config, { sub: 'demo-user', project_id: String(p.id), role: 'admin', locale: 'es' });
      process.stdout.write(`  Project ${p.id} (${p.name}), CRM demo page:\n    ${bff.url}/#token=${token}\n`);
      process.stdout.write(`  Element catalog (live examples and API of every tag):\n    ${bff.url}/catalog/#token=${token}\n`);
      process.stdout.write(`  Analytics app (/app/, signs in through /auth/exchange):\n    ${bff.url}/auth/exchange?token=${token}&next=/app/\n`);
      process.stdout.write(`  token: ${token}\n\n`);
    }
    process.stdout.write(`  More tokens: npm run -s token -- --project 100276\n`);
    process.stdout.write(`  API: curl -H "Authorization: Bearer <token>" "${bff.url}/v1/kpis?channel=push"\n`);
  }
  process.stdout.write('  Ctrl-C stops everything.\n\n');
  if (built) finishBuildInBackground();

  // The tiered schedule (pg-boss in the same database), after ready: nothing on the first screen
  // waits for it. Each group re-syncs from its watermark; the background loads go through it.
  const scheduler = await startScheduler({
    pool: etl,
    bossUrl: db.etlUrl,
    clients,
    backfillDays: config.SYNC_DAYS,
    log: logger,
    reports: await reportsForStart(config, { etl, apiUrl: db.apiUrl, etlUrl: db.etlUrl, log: logger, stops, say }),
  });
  stops.push(() => scheduler.stop());
  for (const t of background) await scheduler.trigger({ projectId: t.project.projectId, group: t.spec.group, kind: t.kind === 'resync' ? 'resync' : 'sync' });
  say(`scheduler (pg-boss): tiers 15 min, hourly, 6 h, daily${background.length ? `; ${background.length} chat, agents, campaigns and journeys syncs loading in the background` : ''} [${elapsed()}]`);
  if (background.length) reportBackground(etl, background, t0);
} catch (err) {
  process.stderr.write(`\nnpm start failed: ${(err as Error).message}\n`);
  await stopAll();
  process.exit(1);
}

/**
 * Builds the widget bundles (rollup) when they are missing or older than any widget source file, in
 * a child process; resolves true when it built them.
 */
async function buildWidgetsIfStale(): Promise<boolean> {
  const newest = newestMtime(path.join(root, 'widgets/src'));
  const fresh = (file: string) => existsSync(file) && statSync(file).mtimeMs >= newest;
  if (fresh(path.join(root, 'dist/cdn/ig-widgets.classic.js')) && fresh(path.join(root, 'dist/esm/index.js'))) return false;
  say('building the widget bundles (rollup) while the database starts...');
  await rollup('cdn,classic');
  return true;
}

/** The builds of rollup.config.js named (IG_BUILDS), in a child process. */
function rollup(builds: string): Promise<void> {
  return run([path.join(root, 'node_modules/rollup/dist/bin/rollup'), '-c', '--silent'], 'the widget build failed', { IG_BUILDS: builds });
}

/**
 * What the pages do not need to open, after the product is ready: the npm build (/widgets/esm/), then
 * the brotli and gzip twins the BFF serves (until they exist it serves the files as they are; each
 * twin appears whole, see precompress.mjs).
 */
function finishBuildInBackground(): void {
  rollup('esm')
    .then(() => run([path.join(root, 'widgets/scripts/precompress.mjs')], 'precompressing the widget bundles failed'))
    .then(
      () => say(`npm build made and bundles precompressed (brotli, gzip) [${elapsed()}]`),
      (err: Error) => say(err.message),
    );
}

/** Runs a node script (its output to the console is only what it writes to stderr: errors). */
function run(args: string[], failure: string, env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } });
    stops.push(async () => void child.kill());
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(failure))));
  });
}

/**
 * The background syncs' progress, on the console until every one has finished: a (project, group) is
 * done when its state records a success or an error after `since`.
 */
function reportBackground(etl: Pool, pairs: readonly SyncTask[], since: number): void {
  const startedAt = new Date(performance.timeOrigin + since);
  const keys = new Set(pairs.map((t) => `${t.project.projectId}:${t.spec.group}`));
  let reported = 0;
  const timer = setInterval(() => {
    etl
      .query<{ key: string }>(
        `SELECT project_id || ':' || data_group AS key FROM app.sync_state
         WHERE project_id = ANY($1::bigint[]) AND greatest(last_success_at, last_attempt_at) >= $2`,
        [[...new Set(pairs.map((t) => t.project.projectId))], startedAt],
      )
      .then(({ rows }) => {
        const done = rows.filter((r) => keys.has(r.key)).length;
        if (done === reported) return;
        reported = done;
        say(`background: ${done}/${keys.size} chat, agents, campaigns and journeys syncs loaded [${elapsed()}]`);
        if (done >= keys.size) clearInterval(timer);
      })
      .catch(() => undefined); // stopping, or the database restarting: the next tick asks again
  }, 2000);
  timer.unref();
  stops.push(async () => clearInterval(timer));
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}
