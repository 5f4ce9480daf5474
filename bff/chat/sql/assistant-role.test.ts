/**
 * The database alone, below the guard: statements the guard would refuse, sent directly as
 * ig_assistant in a transaction opened exactly as runGuardedSql opens it, still read nothing of
 * another project. In particular set_config('app.project_id', ...) is callable by ig_assistant
 * (EXECUTE is granted to PUBLIC and only a superuser could take it away), so the policies do not
 * trust the setting alone: they compare with the project pinned for the transaction, which the
 * role cannot change. A control shows that a plain setting-based policy would have leaked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import '../../../lib/db.js'; // the type parsers every layer uses (DATE as text, BIGINT as number)
import { testDatabase, type TestDatabase } from '../../../lib/testing/database.js';
import { ASSISTANT_VIEWS } from './catalog.js';
import { insertThreeProjects, leaksForeignData, OWN } from './fixtures.js';
import { assistantOpeningSql } from './run.js';

let db: TestDatabase;
let api: pg.Client;

beforeAll(async () => {
  db = await testDatabase();
  await insertThreeProjects(db.etlUrl);
  api = new pg.Client(db.apiUrl);
  await api.connect();
});

afterAll(async () => {
  await api?.end();
  await db?.drop();
});

const opening = () => assistantOpeningSql(api, { projectId: OWN, userId: 'user-1' }, 5000);

/** Runs `statements` one after the other as ig_assistant (opened like run_sql); returns each result or error. */
async function asAssistant(...statements: string[]): Promise<(pg.QueryResult | Error)[]> {
  await api.query(opening());
  const out: (pg.QueryResult | Error)[] = [];
  try {
    for (const s of statements) {
      await api.query('SAVEPOINT s');
      try {
        out.push(await api.query(s));
        await api.query('RELEASE SAVEPOINT s');
      } catch (err) {
        out.push(err as Error);
        await api.query('ROLLBACK TO SAVEPOINT s');
      }
    }
  } finally {
    await api.query('ROLLBACK');
  }
  return out;
}

const rowsOf = (r: pg.QueryResult | Error | undefined) => {
  if (!r || r instanceof Error) throw r ?? new Error('no result');
  return r.rows;
};

describe('ig_assistant in the database', () => {
  it('is NOLOGIN, not a superuser, does not bypass RLS, owns nothing; ig_api may SET ROLE to it without inheriting it', async () => {
    const { rows } = await api.query(`
      SELECT r.rolcanlogin, r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolcreatedb,
             (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid)::int AS owned,
             pg_has_role('ig_api', 'ig_assistant', 'SET') AS api_can_set, pg_has_role('ig_api', 'ig_assistant', 'USAGE') AS api_inherits
      FROM pg_roles r WHERE r.rolname = 'ig_assistant'`);
    expect(rows).toEqual([
      { rolcanlogin: false, rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false, owned: 0, api_can_set: true, api_inherits: false },
    ]);
  });

  it('has USAGE on schema assistant only, and cannot name marts, app, raw or staging tables', async () => {
    const { rows } = await api.query(`
      SELECT n.nspname, has_schema_privilege('ig_assistant', n.oid, 'USAGE') AS usage, has_schema_privilege('ig_assistant', n.oid, 'CREATE') AS create
      FROM pg_namespace n WHERE n.nspname IN ('assistant', 'marts', 'app', 'raw', 'staging', 'public') ORDER BY 1`);
    expect(rows).toEqual([
      { nspname: 'app', usage: false, create: false },
      { nspname: 'assistant', usage: true, create: false },
      { nspname: 'marts', usage: false, create: false },
      { nspname: 'public', usage: true, create: false },
      { nspname: 'raw', usage: false, create: false },
      { nspname: 'staging', usage: false, create: false },
    ]);
    const results = await asAssistant(
      'SELECT * FROM marts.chat_daily',
      'SELECT * FROM marts.push_daily',
      'SELECT name, credentials_ref FROM app.projects',
      'SELECT * FROM app.assistant_scopes',
      'SELECT * FROM raw.api_responses',
      'SELECT * FROM staging.chat_messages',
    );
    for (const r of results) expect(String(r), String(r)).toMatch(/permission denied for schema/);
  });

  it('holds no table privilege in public and cannot write anything', async () => {
    const { rows } = await api.query(`
      SELECT count(*)::int AS n FROM information_schema.role_table_grants
      WHERE grantee = 'ig_assistant' AND (table_schema <> 'assistant' OR privilege_type <> 'SELECT')`);
    expect(rows[0].n).toBe(0);
    const [ins, tmp] = await asAssistant(`INSERT INTO assistant.chat_daily (day, sent, delivered, read) VALUES ('2026-02-01', 1, 1, 1)`, 'CREATE TEMP TABLE t (a int)');
    expect(String(ins)).toMatch(/read-only transaction|permission denied/);
    expect(String(tmp)).toMatch(/read-only transaction/);
  });

  it('sees exactly its project through every view', async () => {
    const results = await asAssistant(...ASSISTANT_VIEWS.map((v) => `SELECT * FROM assistant.${v.name}`));
    for (const [i, r] of results.entries()) {
      const rows = rowsOf(r);
      expect(rows.length, ASSISTANT_VIEWS[i]!.name).toBeGreaterThan(0);
      expect(leaksForeignData(rows), ASSISTANT_VIEWS[i]!.name).toBeUndefined();
    }
    const [chat] = await asAssistant('SELECT day, sent FROM assistant.chat_daily ORDER BY day');
    expect(rowsOf(chat)).toEqual([
      { day: '2026-01-01', sent: 10 },
      { day: '2026-01-02', sent: 20 },
    ]);
  });

  it('sees nothing without a pin, even with app.project_id set (a reader transaction switched to ig_assistant)', async () => {
    await api.query(`BEGIN READ ONLY; SET LOCAL ROLE ig_assistant; SELECT set_config('app.project_id', '1002', true)`);
    try {
      expect((await api.query('SELECT * FROM assistant.chat_daily')).rows).toEqual([]);
    } finally {
      await api.query('ROLLBACK');
    }
  });

  it('set_config is callable by ig_assistant, but a changed project matches nothing in later statements', async () => {
    const [set, after, current] = await asAssistant(
      `SELECT set_config('app.project_id', '1002', true) AS p`,
      'SELECT * FROM assistant.chat_daily',
      `SELECT current_setting('app.project_id') AS p`,
    );
    expect(rowsOf(set)).toEqual([{ p: '1002' }]);
    expect(rowsOf(current)).toEqual([{ p: '1002' }]);
    expect(rowsOf(after)).toEqual([]);
  });

  // Every order in which a single statement can change the setting and read a view.
  const SINGLE_STATEMENTS = [
    `SELECT (SELECT set_config('app.project_id', '1002', true)) AS s, (SELECT sum(sent) FROM assistant.chat_daily) AS n`,
    `SELECT set_config('app.project_id', '1002', true) AS s, * FROM assistant.chat_daily`,
    `WITH x AS MATERIALIZED (SELECT set_config('app.project_id', '1002', true) AS s) SELECT * FROM x, assistant.chat_daily`,
    `SELECT * FROM assistant.chat_daily WHERE set_config('app.project_id', '1002', true) IS NOT NULL`,
    `SELECT * FROM assistant.chat_daily ORDER BY set_config('app.project_id', '1002', true)`,
    `SELECT s.v, c.* FROM (SELECT set_config('app.project_id', '1002', true) AS v) s, LATERAL (SELECT * FROM assistant.chat_daily) c`,
    `SELECT * FROM set_config('app.project_id', '1002', true) AS s, LATERAL (SELECT * FROM assistant.campaigns) c`,
    `SELECT (SELECT set_config('app.project_id', '1003', true)), (SELECT array_agg(name) FROM assistant.campaigns), (SELECT array_agg(name) FROM assistant.journeys)`,
    `SELECT set_config('role', 'ig_reader', true), (SELECT sum(sent) FROM assistant.chat_daily)`,
    `SELECT set_config('row_security', 'off', true), (SELECT sum(sent) FROM assistant.chat_daily)`,
  ];

  it.each(SINGLE_STATEMENTS)('a single statement cannot reach another project: %s', async (sql) => {
    const [r, after] = await asAssistant(sql, 'SELECT * FROM assistant.campaigns');
    if (r && !(r instanceof Error)) expect(leaksForeignData(r.rows)).toBeUndefined();
    if (after && !(after instanceof Error)) expect(leaksForeignData(after.rows)).toBeUndefined();
  });

  it('control: a policy that trusts app.project_id alone (ig_reader on marts) would have leaked with that statement', async () => {
    await api.query(`BEGIN READ ONLY; SET LOCAL ROLE ig_reader; SELECT set_config('app.project_id', '1001', true)`);
    try {
      const { rows } = await api.query(
        `SELECT (SELECT set_config('app.project_id', '1002', true)) AS s, (SELECT sum(sent) FROM marts.chat_daily)::bigint AS n`,
      );
      expect(rows[0].n).toBe(15555554); // project 1002's two days: the reason ig_assistant's policies pin the project
    } finally {
      await api.query('ROLLBACK');
    }
  });

  it('cannot pin, re-pin or unpin: no EXECUTE on the pin, no access to the pin table, no way back to read-write', async () => {
    const [pin, del, rw, rw2] = await asAssistant(
      'SELECT app.assistant_pin(1002)',
      'DELETE FROM app.assistant_scopes',
      `SELECT set_config('transaction_read_only', 'off', true)`,
      'SET TRANSACTION READ WRITE',
    );
    expect(String(pin)).toMatch(/permission denied/);
    expect(String(del)).toMatch(/permission denied/);
    expect(String(rw)).toMatch(/cannot set transaction read-write mode/);
    expect(String(rw2)).toMatch(/cannot set transaction read-write mode/);
    const owner = new pg.Client(db.ownerUrl);
    await owner.connect();
    const { rows } = await owner.query(`SELECT has_function_privilege('ig_assistant', 'app.assistant_pin(bigint)', 'EXECUTE') AS pin,
                                             has_function_privilege('ig_api', 'app.assistant_pin(bigint)', 'EXECUTE') AS api_pin,
                                             has_function_privilege('ig_reader', 'app.assistant_project_id()', 'EXECUTE') AS reader_scope`);
    await owner.end();
    expect(rows[0]).toEqual({ pin: false, api_pin: false, reader_scope: false });
  });

  it('a pin pinned twice in one transaction fails; a pin committed by another transaction applies to none other', async () => {
    await api.query(`BEGIN; SET LOCAL ROLE ig_reader; SELECT set_config('app.project_id', '1002', true), app.assistant_pin(1002)`);
    await expect(api.query('SELECT app.assistant_pin(1003)')).rejects.toThrow(/duplicate key/);
    await api.query('ROLLBACK');
    // Even a pin that someone committed (the BFF never does) names only its own, finished transaction.
    await api.query(`BEGIN; SET LOCAL ROLE ig_reader; SELECT set_config('app.project_id', '1002', true), app.assistant_pin(1002); COMMIT`);
    await api.query(`BEGIN READ ONLY; SET LOCAL ROLE ig_assistant; SELECT set_config('app.project_id', '1002', true)`);
    try {
      expect((await api.query('SELECT * FROM assistant.chat_daily')).rows).toEqual([]);
    } finally {
      await api.query('ROLLBACK');
    }
  });

  it('the extended protocol holds one statement: a second one is refused by the server itself', async () => {
    await api.query(opening());
    try {
      const q = { text: `SELECT 1; SELECT set_config('role', 'ig_reader', true)`, queryMode: 'extended' } as pg.QueryConfig;
      await expect(api.query(q)).rejects.toThrow(/cannot insert multiple commands into a prepared statement/);
    } finally {
      await api.query('ROLLBACK');
    }
  });

  it('session-level changes made inside the transaction are undone by its rollback', async () => {
    await asAssistant(`SELECT set_config('app.project_id', '1002', false), set_config('search_path', 'public', false)`);
    const { rows } = await api.query(`SELECT current_user AS u, current_setting('app.project_id', true) AS p, current_setting('search_path') AS sp`);
    expect(rows[0]).toEqual({ u: 'ig_api', p: '', sp: '"$user", public' });
  });

  it('catalogs hold no tenant rows for it: pg_stats hides the statistics of the RLS marts', async () => {
    const owner = new pg.Client(db.ownerUrl);
    await owner.connect();
    await owner.query('ANALYZE marts.chat_daily, marts.campaigns');
    await owner.end();
    const [r] = await asAssistant(`SELECT count(*)::int AS n FROM pg_stats WHERE schemaname = 'marts'`);
    expect(rowsOf(r)).toEqual([{ n: 0 }]);
  });

  it('the views in the database are exactly the catalogue the guard allows and the model is shown', async () => {
    const { rows } = await api.query(`
      SELECT c.relname AS name, array_agg(a.attname::text ORDER BY a.attnum) AS columns,
             (c.reloptions @> ARRAY['security_invoker=true']) AS invoker, c.relkind
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = 'assistant' GROUP BY c.relname, c.reloptions, c.relkind ORDER BY c.relname`);
    expect(rows).toEqual(
      [...ASSISTANT_VIEWS].sort((a, b) => a.name.localeCompare(b.name)).map((v) => ({ name: v.name, columns: v.columns, invoker: true, relkind: 'v' })),
    );
  });

  it('every mart behind a view has a policy for ig_assistant on the pinned project, and no other role gained one', async () => {
    const { rows } = await api.query(`
      SELECT tablename, qual FROM pg_policies WHERE 'ig_assistant' = ANY (roles) ORDER BY tablename`);
    expect(rows.map((r) => r.tablename)).toEqual([
      'agent_conversations_daily', 'agent_daily', 'agents_now', 'campaign_daily', 'campaign_totals', 'campaigns', 'channel_daily',
      'chat_categories', 'chat_daily', 'chat_messages_daily', 'devices_daily', 'journey_funnel', 'journeys', 'push_hourly',
    ]);
    for (const r of rows) expect(r.qual).toBe('(project_id = ( SELECT app.assistant_project_id() AS assistant_project_id))');
  });
});
