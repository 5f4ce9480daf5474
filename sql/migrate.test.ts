/**
 * The migration runner on a real, initially empty database: concurrent runners, idempotence, what is
 * recorded, and refusal of a migration edited after it was applied. Variants of the migration set are
 * copies of sql/migrations in a temporary directory, run through the same migrate().
 */
import { createHash } from 'node:crypto';
import { appendFile, cp, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureDatabase } from '../lib/db.js';
import { DEV_DB_PASSWORDS } from '../lib/config.js';
import { testDatabase, type TestDatabase } from '../lib/testing/database.js';
import { LOCK_KEY, MIGRATIONS_DIR, loadMigrations, migrate, pendingMigrations, setLoginPasswords } from './migrate.js';

let db: TestDatabase;
let owner: pg.Client;
const tmpDirs: string[] = [];

/** The shipped migration files, read independently of the runner: name → sha256 of the bytes. */
async function shippedFiles(): Promise<{ version: number; name: string; checksum: string }[]> {
  const names = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
  return Promise.all(
    names.map(async (name) => ({
      version: Number(name.slice(0, 4)),
      name,
      checksum: createHash('sha256').update(await readFile(path.join(MIGRATIONS_DIR, name))).digest('hex'),
    })),
  );
}

async function recorded() {
  const { rows } = await owner.query<{ version: number; name: string; checksum: string; applied_at: Date }>(
    'SELECT version, name, checksum, applied_at FROM public.ig_schema_migrations ORDER BY version',
  );
  return rows;
}

/** A copy of sql/migrations the test may edit. */
async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ig-migrations-'));
  tmpDirs.push(dir);
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

const PROBE_SQL = 'SET LOCAL ROLE ig_owner;\nCREATE TABLE app.migrate_probe (project_id bigint PRIMARY KEY);\n';

const exists = async (relation: string) =>
  (await owner.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [relation])).rows[0]!.ok;

beforeAll(async () => {
  db = await testDatabase({ migrate: false });
  owner = new pg.Client(db.ownerUrl);
  await owner.connect();
});

afterAll(async () => {
  await owner?.end();
  await db?.drop();
  for (const d of tmpDirs) await rm(d, { recursive: true, force: true });
});

describe('migrate()', () => {
  it('starts from a database without the migration table', async () => {
    expect(await exists('public.ig_schema_migrations')).toBe(false);
    expect((await pendingMigrations(owner)).map((m) => m.name)).toEqual((await shippedFiles()).map((f) => f.name));
  });

  it('two runs started at the same time both succeed and apply every migration exactly once', async () => {
    // Hold the runners' lock so that both are provably waiting on it at the same moment, then let go.
    const gate = new pg.Client(db.ownerUrl);
    await gate.connect();
    await gate.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    const runs = [migrate(db.ownerUrl), migrate(db.ownerUrl)];
    try {
      for (let i = 0; ; i++) {
        const { rows } = await owner.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database
           WHERE l.locktype = 'advisory' AND l.objid = $1 AND NOT l.granted AND d.datname = current_database()`,
          [LOCK_KEY],
        );
        if (rows[0]!.n === 2) break;
        if (i > 500) throw new Error('the two runners never waited on the migration lock together');
        await new Promise((r) => setTimeout(r, 10));
      }
    } finally {
      await gate.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
      await gate.end();
    }
    const [a, b] = await Promise.all(runs);
    const files = (await shippedFiles()).map((f) => f.name);
    // One runner applied everything in order; the other waited, then found nothing pending.
    expect([a, b].sort((x, y) => x!.length - y!.length)).toEqual([[], files]);
    const { rows } = await owner.query('SELECT version, count(*)::int AS n FROM public.ig_schema_migrations GROUP BY version ORDER BY version');
    expect(rows).toEqual(files.map((f) => ({ version: Number(f.slice(0, 4)), n: 1 })));
    expect(await exists('marts.push_daily')).toBe(true);
  });

  it('records version, file name, sha256 of the file and when it was applied', async () => {
    const rows = await recorded();
    expect(rows.map(({ version, name, checksum }) => ({ version, name, checksum }))).toEqual(await shippedFiles());
    for (const r of rows) {
      expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(r.applied_at).toBeInstanceOf(Date);
      expect(Math.abs(Date.now() - r.applied_at.getTime())).toBeLessThan(5 * 60_000);
    }
  });

  it('a second run applies nothing and rewrites no record', async () => {
    const before = await recorded();
    const logged: string[] = [];
    expect(await migrate(db.ownerUrl, { log: (m) => logged.push(m) })).toEqual([]);
    expect(logged).toEqual([]);
    expect(await recorded()).toEqual(before);
    expect(await pendingMigrations(owner)).toEqual([]);
  });

  it('applies a new migration once, in its own transaction, and nothing of a failing one', async () => {
    const dir = await copyOfMigrations();
    await writeFile(path.join(dir, '0901_probe.sql'), PROBE_SQL);
    expect(await migrate(db.ownerUrl, { dir })).toEqual(['0901_probe.sql']);
    expect(await exists('app.migrate_probe')).toBe(true);
    expect(await migrate(db.ownerUrl, { dir })).toEqual([]);

    await writeFile(
      path.join(dir, '0902_broken.sql'),
      'SET LOCAL ROLE ig_owner;\nCREATE TABLE app.half_done (x int);\nSELECT 1 / 0;\n',
    );
    await expect(migrate(db.ownerUrl, { dir })).rejects.toThrow(/migration 0902_broken\.sql failed: division by zero/);
    expect(await exists('app.half_done')).toBe(false);
    expect((await recorded()).map((r) => r.version)).not.toContain(902);
    // The table the migration made was created as ig_owner (the SET LOCAL ROLE of the file), not as the runner.
    const { rows } = await owner.query(`SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = 'app.migrate_probe'::regclass`);
    expect(rows[0]).toEqual({ owner: 'ig_owner' });
  });

  it('refuses a migration whose file changed after it was applied, before applying anything', async () => {
    const dir = await copyOfMigrations();
    await writeFile(path.join(dir, '0901_probe.sql'), PROBE_SQL);
    await appendFile(path.join(dir, '0002_schemas_and_projects.sql'), '\n-- an innocent-looking edit\n');
    await writeFile(path.join(dir, '0903_after_edit.sql'), 'SET LOCAL ROLE ig_owner;\nCREATE TABLE app.after_edit (x int);\n');
    const before = await recorded();

    await expect(migrate(db.ownerUrl, { dir })).rejects.toThrow(
      'migration 0002_schemas_and_projects.sql was changed after it was applied; add a new migration instead',
    );
    await expect(pendingMigrations(owner, await loadMigrations(dir))).rejects.toThrow(/0002_schemas_and_projects\.sql was changed/);
    expect(await exists('app.after_edit')).toBe(false);
    expect(await recorded()).toEqual(before);
  });

  it('refuses file names that are not NNNN_name.sql and two files with one number', async () => {
    const dir = await copyOfMigrations();
    await writeFile(path.join(dir, 'add-table.sql'), 'SELECT 1;');
    await expect(loadMigrations(dir)).rejects.toThrow('migration file name add-table.sql does not match NNNN_name.sql');
    await unlink(path.join(dir, 'add-table.sql'));
    await writeFile(path.join(dir, '0003_another.sql'), 'SELECT 1;');
    await expect(migrate(db.ownerUrl, { dir })).rejects.toThrow('two migrations numbered 0003');
  });

  it('prepares several databases of one cluster at once (roles are cluster-wide, the lock is not)', async () => {
    const adminUrl = inject('pgAdminUrl');
    const names = [...Array(8).keys()].map((i) => `${db.name}_p${i}`);
    const admin = new pg.Client(adminUrl);
    await admin.connect();
    try {
      const results = await Promise.allSettled(
        names.map(async (name) => {
          const url = await ensureDatabase(adminUrl, name);
          await migrate(url);
          // The dev passwords: other test files connect with them at the same time.
          await setLoginPasswords(url, DEV_DB_PASSWORDS);
        }),
      );
      expect(results.map((r) => (r.status === 'fulfilled' ? 'ok' : String(r.reason)))).toEqual(names.map(() => 'ok'));
    } finally {
      for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
      await admin.end();
    }
  });
});
