/**
 * `npm run worker`: the ETL alone, for an operator to run on as many machines as needed: the tier
 * crons (pg-boss) and WORKER_CONCURRENCY sync jobs at once, against the migrated database
 * (ETL_DATABASE_URL, or DATABASE_URL as ig_etl) and indigitall's API (INDIGITALL_BASE_URL).
 *
 * Several workers share one pg-boss queue: a job is fetched by one of them (SKIP LOCKED), the queue
 * keeps one waiting job per (project, group), and the pipeline's advisory lock lets one run of a
 * (project, group) proceed at a time, whichever worker holds it (etl/scheduler/index.ts). A worker
 * killed mid-run loses its job's lease (the pair's advisory lock, released with its connection):
 * another worker cancels the job and enqueues it again after WORKER_LEASE_GRACE_S
 * (etl/scheduler/lease.ts), and the rerun resumes from the watermark. SIGINT/SIGTERM: runs stop between windows, jobs are
 * handed back, the process exits.
 */
import { businessNow } from '../lib/clock.js';
import { ConfigError, loadConfig, roleUrl, type Config } from '../lib/config.js';
import { createPool } from '../lib/db.js';
import { createLogger } from '../lib/log.js';
import { onShutdown } from '../lib/shutdown.js';
import { startScheduler } from './scheduler/index.js';
import { WORKER_KEEPALIVE_OPTIONS } from './scheduler/lease.js';
import { apiClients, pacedKeyring } from './sync.js';

let config: Config;
try {
  config = loadConfig();
  if (!config.INDIGITALL_BASE_URL) throw new ConfigError('Set INDIGITALL_BASE_URL (indigitall\'s API, or `npm run simulator`).');
  if (!config.ETL_DATABASE_URL && !config.DATABASE_URL) throw new ConfigError('Set ETL_DATABASE_URL or DATABASE_URL.');
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(err.message + '\n');
    process.exit(1);
  }
  throw err;
}
const logger = createLogger(config.LOG_LEVEL, 'worker');
const etlUrl = config.ETL_DATABASE_URL ?? roleUrl(config.DATABASE_URL!, 'ig_etl', config.IG_ETL_DB_PASSWORD);
// Short server-side keepalives: the sessions (and the runs' advisory locks, the jobs' leases) of a
// worker whose machine vanishes end within about 25 s (etl/scheduler/lease.ts).
const pool = createPool(etlUrl, { max: config.WORKER_CONCURRENCY + 2, application: 'ig-worker', options: WORKER_KEEPALIVE_OPTIONS });
const scheduler = await startScheduler({
  pool,
  bossUrl: etlUrl,
  clients: apiClients(config.INDIGITALL_BASE_URL!, process.env, { keyring: pacedKeyring(config) }),
  backfillDays: config.SYNC_DAYS,
  concurrency: config.WORKER_CONCURRENCY,
  now: businessNow,
  log: logger,
  lease: { graceSeconds: config.WORKER_LEASE_GRACE_S, checkSeconds: config.WORKER_LEASE_CHECK_S },
  onRun: (job, result) => logger.info({ job, status: result.status, range: result.range, windows: result.windows.length }, 'sync run'),
});
logger.info({ concurrency: config.WORKER_CONCURRENCY }, 'worker started');
onShutdown(async () => {
  await scheduler.stop();
  await pool.end();
}, logger);
