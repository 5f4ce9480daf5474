/**
 * The reports worker alone (development, and the crash test that kills it): pg-boss on the ETL's
 * connection, registerReports, until SIGTERM/SIGINT. In production the ETL worker process runs
 * registerReports beside the sync scheduler (etl/scheduler).
 */
import PgBoss from 'pg-boss';
import { loadConfig, roleUrl } from '../../lib/config.js';
import { createPool } from '../../lib/db.js';
import { createLogger } from '../../lib/log.js';
import { SCHEMA } from '../scheduler/index.js';
import { registerReports } from './index.js';

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
const etlUrl = config.ETL_DATABASE_URL ?? roleUrl(config.DATABASE_URL!, 'ig_etl', config.IG_ETL_DB_PASSWORD);
const apiUrl = config.API_DATABASE_URL ?? roleUrl(config.DATABASE_URL!, 'ig_api', config.IG_API_DB_PASSWORD);
const etl = createPool(etlUrl, { max: 4 });
const api = createPool(apiUrl, { max: 4 });
const boss = new PgBoss({ connectionString: etlUrl, schema: SCHEMA, application_name: 'ig-reports', max: 3, schedule: true });
boss.on('error', (err) => log.error({ err }, 'reports worker error'));
await boss.start();
const reports = await registerReports(boss, {
  etl,
  api,
  listenUrl: etlUrl,
  config,
  log,
  pollingIntervalSeconds: 1,
});
log.info('reports worker started');
process.send?.('ready');

let stopping = false;
const stop = async () => {
  if (stopping) process.exit(1);
  stopping = true;
  await reports.stop();
  await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  await Promise.all([etl.end(), api.end()]);
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
