/**
 * The RLS scope's single-read path (docs/adr/028, second addendum) on a real database as the BFF's
 * login role: one round trip once the project's row is known, the same answers as a scope of three,
 * the policies and the statement timeout in force inside the one message, a changed or removed
 * project row noticed, and parameters written as literals that read back exactly as bound ones.
 */
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '../../lib/db.js';
import { countQueries, testDatabase, type TestDatabase } from '../../lib/testing/database.js';
import { getKpis } from '../services/kpis.js';
import { inlineParams, withScope, type ScopeOptions } from './scope.js';

const A = '880001';
const B = '880002';
let db: TestDatabase;
let owner: pg.Client;
const pools: Pool[] = [];

/** A pool of one connection whose client counts the messages it sends (round trips). */
function countingPool(): { pool: Pool; sent: () => number } {
  const pool = createPool(db.apiUrl, { max: 1 });
  pools.push(pool);
  return { pool, sent: countQueries(pool) };
}

const single: ScopeOptions = { readOnly: true, statementTimeoutMs: 5000, singleRead: true };
const scopeOf = (projectId: string) => ({ projectId, userId: 'u1' });

beforeAll(async () => {
  db = await testDatabase();
  owner = new pg.Client(db.ownerUrl);
  await owner.connect();
  await owner.query(`INSERT INTO app.projects (project_id, name, time_zone, credentials_ref) VALUES
    (${A}, 'A', 'Europe/Madrid', 'demo'), (${B}, 'B', 'America/Bogota', 'demo')`);
  await owner.query(
    `INSERT INTO marts.channel_daily (project_id, channel, day, platform, sent, delivered, clicked)
     SELECT p, 'push', d::date, 'android', 100 + (p % 7) * 10 + extract(day FROM d)::int, 90, 9
     FROM unnest(ARRAY[${A}, ${B}]::bigint[]) AS p, generate_series('2026-01-01'::date, '2026-03-31'::date, '1 day') AS d`,
  );
});

afterAll(async () => {
  for (const p of pools) await p.end();
  await owner?.end();
  await db?.drop();
});

describe('single-read scopes', () => {
  it('take one round trip once the project is known, and answer as a scope of three does', async () => {
    const { pool, sent } = countingPool();
    const periods = [
      { from: '2026-02-01', to: '2026-02-28' },
      { from: '2026-03-10', to: '2026-03-16' },
      { from: '2026-01-05', to: '2026-03-31' },
    ];
    const classic = [];
    for (const p of periods) classic.push(await withScope(pool, scopeOf(A), { readOnly: true, statementTimeoutMs: 5000 }, (d) => getKpis(d, { channel: 'push', ...p })));
    const before = sent();
    for (const [i, p] of periods.entries()) {
      const n = sent();
      expect(await withScope(pool, scopeOf(A), single, (d) => getKpis(d, { channel: 'push', ...p }))).toEqual(classic[i]);
      expect(sent() - n).toBe(1);
    }
    expect(before).toBe(periods.length * 3); // opening, the query, COMMIT
    expect(classic[0]!.metrics.find((m) => m.key === 'sent')!.value).toBeGreaterThan(0);
  });

  it("keep the policies: another project's rows stay out of the one message", async () => {
    const { pool } = countingPool();
    await withScope(pool, scopeOf(B), { readOnly: true, statementTimeoutMs: 5000 }, (d) => getKpis(d, { channel: 'push' }));
    const rows = async (projectId: string, sql: string, params: unknown[] = []) =>
      withScope(pool, scopeOf(projectId), single, async (d) => (await d.query<{ project_id: string }>(sql, params)).rows);
    expect(new Set((await rows(B, 'SELECT project_id FROM marts.channel_daily')).map((r) => String(r.project_id)))).toEqual(new Set([B]));
    expect(await rows(B, 'SELECT project_id FROM marts.channel_daily WHERE project_id = $1', [A])).toEqual([]);
    expect(await rows(B, 'SELECT project_id FROM app.projects WHERE project_id = $1', [A])).toEqual([]);
  });

  it('keep the statement timeout in force for the query of the message', async () => {
    const { pool } = countingPool();
    await withScope(pool, scopeOf(A), { readOnly: true, statementTimeoutMs: 5000 }, (d) => getKpis(d, { channel: 'push' }));
    const setting = await withScope(pool, scopeOf(A), { ...single, statementTimeoutMs: 50 }, async (d) => (await d.query<{ t: string }>(`SELECT current_setting('statement_timeout') AS t`)).rows);
    expect(setting).toEqual([{ t: '50ms' }]);
  });

  // PostgreSQL arms the timeout with the process's clock; under the clock check (libfaketime, a year
  // ahead: npm run test:clock) its timer does not fire, whichever path set it. The setting above holds.
  it.skipIf(process.env.FAKETIME !== undefined)('cancel a query that outlives the statement timeout', async () => {
    const { pool } = countingPool();
    await withScope(pool, scopeOf(A), { readOnly: true, statementTimeoutMs: 5000 }, (d) => getKpis(d, { channel: 'push' }));
    const slow = withScope(pool, scopeOf(A), { ...single, statementTimeoutMs: 50 }, (d) => d.query('SELECT pg_sleep(0.5)'));
    await expect(slow).rejects.toThrow(/statement timeout/);
  });

  it('leave the connection out of any transaction, role and settings after a failed query', async () => {
    const { pool } = countingPool();
    await withScope(pool, scopeOf(A), { readOnly: true, statementTimeoutMs: 5000 }, (d) => getKpis(d, { channel: 'push' }));
    await expect(withScope(pool, scopeOf(A), single, (d) => d.query('SELECT 1 / (count(*) - count(*)) FROM marts.channel_daily'))).rejects.toThrow(/division by zero/);
    // The same (only) connection: no transaction left open, the reader role and settings gone.
    const after = await withScope(pool, scopeOf(A), single, async (d) => (await d.query<{ n: string }>('SELECT count(*) AS n FROM marts.channel_daily')).rows);
    expect(Number(after[0]!.n)).toBe(90);
    const c = await pool.connect();
    try {
      const row = (await c.query(`SELECT current_user AS u, current_setting('app.project_id', true) AS p, now() = statement_timestamp() AS fresh`)).rows[0];
      expect(row).toMatchObject({ u: 'ig_api', fresh: true });
      expect([null, '']).toContain(row.p);
    } finally {
      c.release();
    }
  });

  it('notice a project row that changed since it was read (time zone, subscription) and answer from the new one', async () => {
    const { pool } = countingPool();
    const kpis = () => withScope(pool, scopeOf(B), single, (d) => getKpis(d, { channel: 'push', from: '2026-03-01', to: '2026-03-07' }));
    expect((await kpis()).timeZone).toBe('America/Bogota');
    await owner.query(`UPDATE app.projects SET time_zone = 'Asia/Tokyo' WHERE project_id = ${B}`);
    try {
      expect((await kpis()).timeZone).toBe('Asia/Tokyo');
      await owner.query(`UPDATE app.projects SET time_zone = 'America/Bogota' WHERE project_id = ${B}`);
      expect((await kpis()).timeZone).toBe('America/Bogota');
    } finally {
      await owner.query(`UPDATE app.projects SET time_zone = 'America/Bogota' WHERE project_id = ${B}`);
    }
    // A project that leaves Insights (its row deleted) after this process served it.
    const C = '880003';
    await owner.query(`INSERT INTO app.projects (project_id, name, time_zone, credentials_ref) VALUES (${C}, 'C', 'UTC', 'demo')`);
    const kpisOfC = () => withScope(pool, scopeOf(C), single, (d) => getKpis(d, { channel: 'push' }));
    expect((await kpisOfC()).projectId).toBe(C);
    await owner.query(`DELETE FROM app.projects WHERE project_id = ${C}`);
    await expect(kpisOfC()).rejects.toMatchObject({ code: 'project_not_found' });
  });

  it('refuse a second query (a route that declared one read but sends two)', async () => {
    const { pool } = countingPool();
    await withScope(pool, scopeOf(A), { readOnly: true, statementTimeoutMs: 5000 }, (d) => getKpis(d, { channel: 'push' }));
    await expect(
      withScope(pool, scopeOf(A), single, async (d) => {
        await d.query('SELECT 1');
        await d.query('SELECT 2');
      }),
    ).rejects.toThrow(/second query/);
  });
});

describe('inlineParams', () => {
  it('writes strings, numbers, string arrays, booleans and null as literals that read back exactly as bound parameters', async () => {
    const c = new pg.Client(db.apiUrl);
    await c.connect();
    try {
      // No NUL: PostgreSQL text cannot hold it, bound or literal.
      const text = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\u0000'));
      await fc.assert(
        fc.asyncProperty(
          fc.option(text),
          fc.array(text, { maxLength: 5 }),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.boolean(),
          async (s, arr, x, b) => {
            const sql = 'SELECT $1::text AS s, $2::text[] AS arr, $3::float8 AS x, $1::text || $1::text AS twice, $4::boolean AS b, ($1::text IS NULL) AS none';
            const bound = (await c.query(sql, [s, arr, x, b])).rows[0];
            const inlined = (await c.query(inlineParams(c, sql, [s, arr, x, b]))).rows[0];
            expect(inlined).toEqual(bound);
          },
        ),
        { numRuns: 150 },
      );
    } finally {
      await c.end();
    }
  });

  it('refuses what it cannot write safely, and a missing value', () => {
    const c = { escapeLiteral: (s: string) => `'${s.replace(/'/g, "''")}'` };
    expect(() => inlineParams(c, 'SELECT $1', [{ a: 1 }])).toThrow(/literal/);
    expect(() => inlineParams(c, 'SELECT $1', [Number.NaN])).toThrow(/literal/);
    expect(() => inlineParams(c, 'SELECT $1', [[1, 2]])).toThrow(/literal/);
    expect(() => inlineParams(c, 'SELECT $2', ['x'])).toThrow(/no value for \$2/);
  });
});
