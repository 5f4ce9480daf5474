/**
 * Isolation proved in the database itself, below the BFF: the reader role sees exactly the project
 * of its transaction setting and nothing without one; the BFF's login role reads nothing directly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { testDatabase, type TestDatabase } from '../lib/testing/database.js';

let db: TestDatabase;
let api: pg.Client;

beforeAll(async () => {
  db = await testDatabase();
  const etl = new pg.Client(db.etlUrl);
  await etl.connect();
  await etl.query(`INSERT INTO app.projects (project_id, name, time_zone, credentials_ref) VALUES
    (1001, 'A', 'Europe/Madrid', 'demo'), (1002, 'B', 'America/Bogota', 'demo')`);
  await etl.query(`INSERT INTO marts.push_daily (project_id, day, platform, sent, success, received, clicked) VALUES
    (1001, '2026-01-01', 'android', 100, 90, 80, 5), (1001, '2026-01-02', 'ios', 50, 45, 40, 2),
    (1002, '2026-01-01', 'android', 7, 7, 7, 1)`);
  await etl.end();
  api = new pg.Client(db.apiUrl);
  await api.connect();
});

afterAll(async () => {
  await api?.end();
  await db?.drop();
});

/** Runs sql as ig_reader inside one transaction, with app.project_id set to `project` (or not at all). */
async function asReader(project: string | null, sql: string): Promise<Record<string, unknown>[]> {
  await api.query('BEGIN READ ONLY; SET LOCAL ROLE ig_reader');
  try {
    if (project !== null) await api.query(`SELECT set_config('app.project_id', $1, true)`, [project]);
    return (await api.query(sql)).rows;
  } finally {
    await api.query('ROLLBACK');
  }
}

const cases: { name: string; project: string | null; table: string; expected: number[] }[] = [
  { name: "project A's setting", project: '1001', table: 'marts.push_daily', expected: [1001, 1001] },
  { name: "project B's setting", project: '1002', table: 'marts.push_daily', expected: [1002] },
  { name: 'no setting', project: null, table: 'marts.push_daily', expected: [] },
  { name: 'an empty setting', project: '', table: 'marts.push_daily', expected: [] },
  { name: 'an unknown project', project: '999', table: 'marts.push_daily', expected: [] },
  { name: "project A's setting", project: '1001', table: 'app.projects', expected: [1001] },
  { name: 'no setting', project: null, table: 'app.projects', expected: [] },
];

describe('row-level security on tenant tables', () => {
  it.each(cases)('ig_reader with $name sees only its rows of $table', async ({ project, table, expected }) => {
    const rows = await asReader(project, `SELECT project_id FROM ${table} ORDER BY project_id`);
    expect(rows.map((r) => r.project_id)).toEqual(expected);
  });

  it('a reader cannot widen its scope with an OR in the query', async () => {
    const rows = await asReader('1001', `SELECT project_id FROM marts.push_daily WHERE project_id = 1002 OR true`);
    expect(rows.every((r) => r.project_id === 1001)).toBe(true);
  });

  it('the login role ig_api cannot read marts, app or raw tables directly', async () => {
    for (const table of ['marts.push_daily', 'app.projects', 'raw.api_responses', 'staging.push_daily']) {
      await expect(api.query(`SELECT count(*) FROM ${table}`)).rejects.toThrow(/permission denied/);
    }
  });

  it('ig_reader cannot write marts nor read raw or staging', async () => {
    await api.query('BEGIN; SET LOCAL ROLE ig_reader');
    await api.query(`SELECT set_config('app.project_id', '1001', true)`);
    await expect(api.query(`INSERT INTO marts.push_daily VALUES (1001, '2026-02-01', 'web', 1, 1, 1, 1)`)).rejects.toThrow(
      /permission denied/,
    );
    await api.query('ROLLBACK');
    for (const table of ['raw.api_responses', 'staging.push_daily']) {
      await expect(asReader('1001', `SELECT count(*) FROM ${table}`)).rejects.toThrow(/permission denied/);
    }
  });

  it('the credentials reference of a project is not readable by ig_reader', async () => {
    await expect(asReader('1001', 'SELECT credentials_ref FROM app.projects')).rejects.toThrow(/permission denied/);
  });

  it('every table in the tenant schemas has RLS enabled and forced, with project_id leading its key', async () => {
    const owner = new pg.Client(db.ownerUrl);
    await owner.connect();
    const { rows } = await owner.query(`
      SELECT c.oid::regclass::text AS name, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
             (SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
              WHERE i.indrelid = c.oid AND i.indisprimary) AS pk_first
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname IN ('raw', 'staging', 'marts', 'app') AND c.relkind = 'r'`);
    await owner.end();
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const r of rows) expect(r, r.name).toMatchObject({ enabled: true, forced: true, pk_first: 'project_id' });
  });

  it('neither login role is a superuser, owns a table, or bypasses RLS', async () => {
    const { rows } = await api.query(`
      SELECT r.rolname, r.rolsuper, r.rolbypassrls, r.rolinherit,
             (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid)::int AS owned
      FROM pg_roles r WHERE r.rolname IN ('ig_api', 'ig_etl') ORDER BY r.rolname`);
    expect(rows).toEqual([
      { rolname: 'ig_api', rolsuper: false, rolbypassrls: false, rolinherit: false, owned: 0 },
      { rolname: 'ig_etl', rolsuper: false, rolbypassrls: false, rolinherit: true, owned: 0 },
    ]);
  });
});
