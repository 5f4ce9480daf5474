/**
 * Runs the BFF on its own against an existing database (DATABASE_URL, or API_DATABASE_URL):
 * listens on 127.0.0.1, and on SIGINT/SIGTERM stops accepting, drains, closes the pool; a second
 * signal, or 10 s without finishing, forces the exit. `npm start` composes the same pieces itself.
 */
import type { Server } from 'node:http';
import { loadConfig, roleUrl } from '../lib/config.js';
import { createPool, type Pool } from '../lib/db.js';
import { createLogger, type Logger } from '../lib/log.js';
import { createApp, type AppOptions } from './app.js';
import { DataVersions } from './cache/versions.js';
import { createRevocations } from './auth/revocations.js';
import type { Config } from '../lib/config.js';

export interface RunningBff {
  url: string;
  server: Server;
  pool: Pool;
  close(): Promise<void>;
}

export async function startBff(
  config: Config,
  logger: Logger,
  options: AppOptions & { apiUrl: string; host?: string; validateResponses?: boolean },
): Promise<RunningBff> {
  const pool = createPool(options.apiUrl, { max: config.PG_POOL_MAX, application: 'ig-bff' });
  const versions = new DataVersions(options.apiUrl, logger);
  await versions.start();
  const revocations = createRevocations(pool, { listenUrl: options.apiUrl, logger });
  const app = createApp(config, { pool, logger, versions, revocations, validateResponses: options.validateResponses }, options);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.PORT, options.host ?? '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    pool,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await versions.stop();
      await revocations.close();
      await pool.end();
    },
  };
}

/** Resolves the BFF's connection URL: API_DATABASE_URL, else DATABASE_URL as ig_api. */
export function apiDatabaseUrl(config: Config, ownerUrl = config.DATABASE_URL): string {
  if (config.API_DATABASE_URL) return config.API_DATABASE_URL;
  if (!ownerUrl) throw new Error('Set API_DATABASE_URL or DATABASE_URL (or use npm start, which runs an embedded PostgreSQL).');
  return roleUrl(ownerUrl, 'ig_api', config.IG_API_DB_PASSWORD);
}

/** Installs SIGINT/SIGTERM/SIGHUP handlers that run `stop` once; a second signal or a 10 s stall forces exit. */
export function onShutdown(stop: () => Promise<void>, logger: Logger): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown took longer than 10 s: exiting');
      process.exit(1);
    }, 10_000);
    timer.unref();
    stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, handler);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, 'bff');
  const bff = await startBff(config, logger, { apiUrl: apiDatabaseUrl(config) });
  logger.info({ url: bff.url }, 'BFF listening');
  onShutdown(() => bff.close(), logger);
}
