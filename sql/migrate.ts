/**
 * Forward-only migration runner (about 80 lines instead of a dependency): plain numbered SQL files
 * in sql/migrations, each applied once in its own transaction and recorded with its checksum in
 * public.ig_schema_migrations. A session-level advisory lock serialises concurrent runners (two
 * `npm start`s, parallel tests): the second waits, then finds nothing pending. Editing a migration
 * that was already applied is refused: write a new one instead.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
/** Key of the session advisory lock that serialises runners (any constant; advisory locks are per database). */
export const LOCK_KEY = 74_170_001;
const FILE_RE = /^(\d{4})_[a-z0-9_]+\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const out: Migration[] = [];
  for (const name of files) {
    const m = FILE_RE.exec(name);
    if (!m) throw new Error(`migration file name ${name} does not match NNNN_name.sql`);
    const version = Number(m[1]);
    if (out.some((x) => x.version === version)) throw new Error(`two migrations numbered ${m[1]}`);
    const sql = await readFile(path.join(dir, name), 'utf8');
    out.push({ version, name, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return out;
}

/** Migrations not yet applied to the database the client is connected to (throws on edited ones). */
export async function pendingMigrations(client: pg.ClientBase, all?: Migration[]): Promise<Migration[]> {
  const migrations = all ?? (await loadMigrations());
  const exists = await client.query(`SELECT to_regclass('public.ig_schema_migrations') IS NOT NULL AS ok`);
  if (!exists.rows[0].ok) return migrations;
  const { rows } = await client.query<{ version: number; checksum: string }>(
    'SELECT version, checksum FROM public.ig_schema_migrations',
  );
  const applied = new Map(rows.map((r) => [r.version, r.checksum]));
  for (const m of migrations) {
    const sum = applied.get(m.version);
    if (sum !== undefined && sum !== m.checksum) {
      throw new Error(`migration ${m.name} was changed after it was applied; add a new migration instead`);
    }
  }
  return migrations.filter((m) => !applied.has(m.version));
}

export interface MigrateOptions {
  log?: (msg: string) => void;
  /** Where the migration files are (default sql/migrations). */
  dir?: string;
}

/** Applies the pending migrations in order; returns the file names applied (empty when up to date). */
export async function migrate(connectionString: string, opts: MigrateOptions = {}): Promise<string[]> {
  // Read (and check the names of) the files before touching the database.
  const all = await loadMigrations(opts.dir);
  const client = new pg.Client({ connectionString, application_name: 'ig-migrate' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS public.ig_schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied: string[] = [];
    for (const m of await pendingMigrations(client, all)) {
      opts.log?.(`applying ${m.name}`);
      try {
        await client.query('BEGIN');
        await client.query(m.sql);
        await client.query('RESET ROLE');
        await client.query('INSERT INTO public.ig_schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
          m.version,
          m.name,
          m.checksum,
        ]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new Error(`migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(m.name);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

/**
 * Dev/test only: gives the login roles the passwords the derived connection URLs use.
 * Roles are cluster-wide, and the advisory lock above is per database: two databases of one cluster
 * being prepared at once (parallel test files, two `npm start`s) update the same pg_authid row and
 * the loser fails with "tuple concurrently updated". The statement is idempotent, so it is retried.
 */
export async function setLoginPasswords(connectionString: string, passwords: { api: string; etl: string }): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    for (const [role, pw] of [['ig_api', passwords.api], ['ig_etl', passwords.etl]] as const) {
      for (let attempt = 1; ; attempt++) {
        try {
          await client.query(`ALTER ROLE ${role} PASSWORD ${client.escapeLiteral(pw)}`);
          break;
        } catch (err) {
          if (attempt >= 20 || !/tuple concurrently updated/.test((err as Error).message)) throw err;
          await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
        }
      }
    }
  } finally {
    await client.end();
  }
}
