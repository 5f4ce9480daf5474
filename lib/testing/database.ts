/**
 * A fresh, migrated database per test file on the shared test cluster, with the URLs of the owner
 * and of the two login roles (ig_etl, ig_api) exactly as the product uses them.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { DEV_DB_PASSWORDS, roleUrl } from '../config.js';
import { migrate, setLoginPasswords } from '../../sql/migrate.js';
import { ensureDatabase } from '../db.js';

export interface TestDatabase {
  name: string;
  ownerUrl: string;
  etlUrl: string;
  apiUrl: string;
  drop(): Promise<void>;
}

export async function testDatabase(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const ownerUrl = await ensureDatabase(adminUrl, name);
  if (opts.migrate !== false) {
    await migrate(ownerUrl);
    await setLoginPasswords(ownerUrl, DEV_DB_PASSWORDS);
  }
  return {
    name,
    ownerUrl,
    etlUrl: roleUrl(ownerUrl, 'ig_etl', DEV_DB_PASSWORDS.etl),
    apiUrl: roleUrl(ownerUrl, 'ig_api', DEV_DB_PASSWORDS.api),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * Counts the queries (round trips: one per call of client.query) the clients of `pool` send from now
 * on; the pool's connections made before the call are not counted.
 */
export function countQueries(pool: pg.Pool): () => number {
  let n = 0;
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      n++;
      return query(...args);
    };
  });
  return () => n;
}
