/**
 * `npm run serve`: the BFF with its static files (bff/assets.ts), on its own, against an existing,
 * migrated database (API_DATABASE_URL, or DATABASE_URL as ig_api; `npm run migrate` first). Listens
 * on HOST:PORT (127.0.0.1:8080 unless told otherwise). With WEB_CONCURRENCY > 1 a primary process
 * forks that many BFF processes that share the port (node:cluster); a process that dies is replaced.
 * SIGINT/SIGTERM: every process stops accepting, drains and exits (docs/adr/023-production.md).
 */
import cluster, { type Worker } from 'node:cluster';
import { ConfigError, loadConfig, type Config } from '../lib/config.js';
import { createLogger } from '../lib/log.js';
import { assetMounts } from './assets.js';
import { apiDatabaseUrl, onShutdown, startBff } from './server.js';

/** IPC message from the primary: stop like on SIGTERM. */
const SHUTDOWN = 'ig-bff-shutdown';

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(err.message + '\n');
    process.exit(1);
  }
  throw err;
}
const logger = createLogger(config.LOG_LEVEL, 'bff');
let apiUrl: string;
try {
  apiUrl = apiDatabaseUrl(config); // checked before forking: a missing URL is not a crash loop
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}

if (config.WEB_CONCURRENCY > 1 && cluster.isPrimary) {
  let stopping = false;
  const fork = () => cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code, signal }, 'a BFF process died: starting another');
    setTimeout(fork, 1000);
  });
  for (let i = 0; i < config.WEB_CONCURRENCY; i++) fork();
  logger.info({ processes: config.WEB_CONCURRENCY, host: config.HOST, port: config.PORT }, 'BFF primary started');
  onShutdown(async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            w.once('exit', () => resolve());
            // A closed channel means the process is already exiting (a Ctrl-C reaches every process).
            w.send(SHUTDOWN, (err: Error | null) => {
              if (err) resolve();
            });
          }),
      ),
    );
  }, logger);
} else {
  const bff = await startBff(config, logger, { apiUrl, assets: assetMounts(config) });
  logger.info({ url: bff.url }, 'BFF listening');
  let closing: Promise<void> | undefined;
  const stop = () => (closing ??= bff.close());
  onShutdown(stop, logger);
  process.on('message', (m) => {
    if (m !== SHUTDOWN) return;
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
