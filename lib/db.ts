/**
 * The one database module: pg pools with the type parsing every layer relies on.
 * DATE stays a 'YYYY-MM-DD' string (no time zone shift), BIGINT and NUMERIC become numbers
 * (mart counters stay far below 2^53).
 */
import pg from 'pg';

pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

export function createPool(
  connectionString: string,
  opts: { max?: number; min?: number; idleTimeoutMs?: number; application?: string; options?: string; connectionTimeoutMs?: number } = {},
): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    // Server settings for every session (libpq `options`, e.g. `-c tcp_keepalives_idle=10`).
    ...(opts.options ? { options: opts.options } : {}),
    max: opts.max ?? 10,
    // Connections kept open however long they idle; the rest close after idleTimeoutMs (30 s) idle.
    min: opts.min ?? 0,
    application_name: opts.application ?? 'indigitall-insights',
    // Longest wait for a connection: the queue behind a busy pool, or a connect that hangs.
    connectionTimeoutMillis: opts.connectionTimeoutMs ?? 5000,
    idleTimeoutMillis: opts.idleTimeoutMs ?? 30_000,
  });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => undefined);
  // Nor a checked-out one (pg-pool listens only to idle clients): when PostgreSQL or the pooler goes
  // away mid-transaction, the running query rejects (the caller answers 503 and discards the client)
  // and pg also emits 'error' on the client, which without a listener would end the process.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  return pool;
}

/**
 * Opens `pool`'s kept connections (its `min`) now rather than on the first requests, in the
 * background: failures are left to the requests that follow, which connect on their own.
 */
export function fillPool(pool: pg.Pool): Promise<void> {
  const n = pool.options.min ?? 0;
  return Promise.allSettled(Array.from({ length: n }, () => pool.connect())).then((got) => {
    for (const g of got) if (g.status === 'fulfilled') g.value.release();
  });
}

/** Runs fn inside one transaction on a dedicated client; rolls back on error. */
export async function transaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Creates `name` on the cluster when it does not exist yet; returns the URL of that database. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`).catch((err: { code?: string }) => {
        if (err.code !== '42P04') throw err; // created meanwhile by a concurrent start
      });
    }
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
