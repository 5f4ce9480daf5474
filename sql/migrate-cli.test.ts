/**
 * `npm run migrate` as an operator runs it: two at once on an empty database both succeed and every
 * migration is applied exactly once (the advisory lock); a third run finds nothing to do; without
 * DATABASE_URL it stops with a message naming it.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../lib/testing/database.js';
import { runScript } from '../lib/testing/processes.js';
import { loadMigrations } from './migrate.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await testDatabase({ migrate: false });
});
afterAll(async () => {
  await db?.drop();
});

describe('npm run migrate', () => {
  it('two runs at once: both exit 0, every migration applied once; a third run is a no-op', { timeout: 120_000 }, async () => {
    const all = await loadMigrations();
    const runs = [runScript('migrate', { DATABASE_URL: db.ownerUrl }), runScript('migrate', { DATABASE_URL: db.ownerUrl })];
    expect(await Promise.all(runs.map((r) => r.exited))).toEqual([0, 0]);
    const applied = runs.map((r) => r.lines.filter((l) => l.startsWith('applying ')).length);
    // One runner applied them all; the other waited on the lock and found nothing pending.
    expect(applied.sort((a, b) => a - b)).toEqual([0, all.length]);
    const c = new pg.Client({ connectionString: db.ownerUrl });
    await c.connect();
    try {
      const { rows } = await c.query<{ version: number; n: number }>('SELECT version, count(*)::int AS n FROM public.ig_schema_migrations GROUP BY version ORDER BY version');
      expect(rows).toEqual(all.map((m) => ({ version: m.version, n: 1 })));
    } finally {
      await c.end();
    }
    const third = runScript('migrate', { DATABASE_URL: db.ownerUrl });
    expect(await third.exited).toBe(0);
    expect(third.lines).toContain('the database is up to date');
  });

  it('without DATABASE_URL it exits 1 naming it', async () => {
    const r = runScript('migrate', {});
    expect(await r.exited).toBe(1);
    expect(r.lines.join('\n')).toMatch(/DATABASE_URL/);
  });
});
