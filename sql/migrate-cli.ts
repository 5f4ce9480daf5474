/**
 * `npm run migrate`: applies the pending migrations to DATABASE_URL (the owner or an administrator)
 * and exits; run it before a new version of the BFF or the worker starts. Idempotent, and safe to run
 * from several machines at once: the runner holds an advisory lock (sql/migrate.ts), so a second run
 * waits for the first and then finds nothing to do. With IG_API_DB_PASSWORD and IG_ETL_DB_PASSWORD
 * both set, it also gives the login roles ig_api and ig_etl those passwords.
 */
import { ConfigError, loadConfig } from '../lib/config.js';
import { migrate, setLoginPasswords } from './migrate.js';

try {
  const config = loadConfig();
  if (!config.DATABASE_URL) throw new ConfigError('Set DATABASE_URL (a role that may create schemas and roles; migrations run as ig_owner).');
  const applied = await migrate(config.DATABASE_URL, { log: (m) => process.stdout.write(`${m}\n`) });
  process.stdout.write(applied.length ? `applied ${applied.length} migration(s)\n` : 'the database is up to date\n');
  if (process.env.IG_API_DB_PASSWORD && process.env.IG_ETL_DB_PASSWORD) {
    await setLoginPasswords(config.DATABASE_URL, { api: config.IG_API_DB_PASSWORD, etl: config.IG_ETL_DB_PASSWORD });
    process.stdout.write('login passwords of ig_api and ig_etl set\n');
  }
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError ? err.message : `migrate failed: ${(err as Error).message}`}\n`);
  process.exit(1);
}
