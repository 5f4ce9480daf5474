/**
 * The BFF's process pieces: startBff listens (HOST, 127.0.0.1 by default) with its pool and its data
 * version listener; close() stops accepting, drains, closes the pool. onShutdown runs a stop once on
 * SIGINT/SIGTERM; a second signal, or 10 s without finishing, forces the exit. `npm run serve`
 * (bff/serve.ts) and `npm start` (demo/start.ts) compose them.
 */
import type { Server } from 'node:http';
import { poolMin, roleUrl } from '../lib/config.js';
import { createPool, fillPool, type Pool } from '../lib/db.js';
import type { Logger } from '../lib/log.js';
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
  // A fixed-size pool by default (PG_POOL_MIN): opened now, kept through quiet periods.
  const poolOptions = { max: config.PG_POOL_MAX, min: poolMin(config), connectionTimeoutMs: config.PG_POOL_QUEUE_TIMEOUT_MS };
  const pool = createPool(options.apiUrl, { ...poolOptions, application: 'ig-bff' });
  // LISTEN needs a session of its own: a direct connection when the pool goes through PgBouncer.
  const versions = new DataVersions(config.LISTEN_DATABASE_URL ?? options.apiUrl, logger);
  await versions.start();
  const revocations = createRevocations(pool, { listenUrl: config.LISTEN_DATABASE_URL ?? options.apiUrl, logger });
  const replica = config.REPLICA_DATABASE_URL ? createPool(config.REPLICA_DATABASE_URL, { ...poolOptions, application: 'ig-bff-replica' }) : undefined;
  void fillPool(pool);
  if (replica) void fillPool(replica);
  const app = createApp(config, { pool, logger, versions, revocations, ...(replica ? { replica } : {}), validateResponses: options.validateResponses }, options);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.PORT, options.host ?? config.HOST, () => resolve(s));
    s.once('error', reject);
  });
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
  return {
    url: `http://${displayHost(options.host ?? config.HOST)}:${port}`,
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
      await replica?.end();
    },
  };
}

/** The address to reach a server bound to `host` from this machine (a wildcard is reached on loopback). */
function displayHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** Resolves the BFF's connection URL: API_DATABASE_URL, else DATABASE_URL as ig_api. */
export function apiDatabaseUrl(config: Config, ownerUrl = config.DATABASE_URL): string {
  if (config.API_DATABASE_URL) return config.API_DATABASE_URL;
  if (!ownerUrl) throw new Error('Set API_DATABASE_URL or DATABASE_URL (or use npm start, which runs an embedded PostgreSQL).');
  return roleUrl(ownerUrl, 'ig_api', config.IG_API_DB_PASSWORD);
}

export { onShutdown } from '../lib/shutdown.js';
