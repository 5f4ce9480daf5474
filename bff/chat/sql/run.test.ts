/**
 * run_sql end to end on a real PostgreSQL with three projects' data and RLS on: adversarial
 * statements are refused with a reason of the right kind, or (valid SELECTs over the allowed views
 * that try to reach another project) run and return nothing of another project; legitimate
 * analytics run and return this project's rows; the row cap, the timeout and the returned text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createPool, type Pool } from '../../../lib/db.js';
import { testDatabase, type TestDatabase } from '../../../lib/testing/database.js';
import { insertThreeProjects, leaksForeignData, OWN } from './fixtures.js';
import { runGuardedSql, SqlGuardError, type SqlGuardErrorKind, type SqlResult } from './run.js';

let db: TestDatabase;
let pool: Pool;
const scope = { projectId: OWN, userId: 'user-1' };
const opts = { maxRows: 100, statementTimeoutMs: 1500 };

beforeAll(async () => {
  db = await testDatabase();
  await insertThreeProjects(db.etlUrl);
  pool = createPool(db.apiUrl, { max: 2 });
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

const run = (sql: string, o = opts) => runGuardedSql(pool, scope, sql, o);

type Outcome = SqlGuardErrorKind | 'runs';
const SC = `'app.project_id', '1002', true`;

/** [what it tries, statement, outcome]. 'runs': a valid SELECT over the views; it must show nothing of 1002/1003. */
const ADVERSARIAL: [string, string, Outcome][] = [
  // several statements
  ['two statements', 'SELECT 1; SELECT 2', 'multiple_statements'],
  ['a DELETE after a SELECT', 'SELECT * FROM assistant.chat_daily; DELETE FROM marts.chat_daily', 'multiple_statements'],
  ['a statement hidden after a comment', "SELECT 1 /* ; */ ; SELECT pg_sleep(1)", 'multiple_statements'],
  ['a statement after a line comment', 'SELECT 1 -- comment\n; SET ROLE ig_reader', 'multiple_statements'],
  // writes
  ['a data-modifying CTE (DELETE)', 'WITH d AS (DELETE FROM marts.chat_daily RETURNING *) SELECT * FROM d', 'not_select'],
  ['a data-modifying CTE (UPDATE)', "WITH u AS (UPDATE marts.campaigns SET name = 'x' RETURNING 1) SELECT * FROM u", 'not_select'],
  ['a data-modifying CTE (INSERT)', "WITH i AS (INSERT INTO app.projects VALUES (5, 'x', 'UTC', 'demo') RETURNING 1) SELECT 1", 'not_select'],
  ['a data-modifying CTE (MERGE)', 'WITH m AS (MERGE INTO marts.chat_daily t USING marts.chat_daily s ON true WHEN MATCHED THEN DELETE RETURNING 1) SELECT 1', 'not_select'],
  ['SELECT INTO', 'SELECT * INTO copy_of_chat FROM assistant.chat_daily', 'into'],
  ['FOR UPDATE', 'SELECT * FROM assistant.chat_daily FOR UPDATE', 'locking'],
  ['FOR SHARE in a sub-select', 'SELECT * FROM (SELECT * FROM assistant.campaigns FOR KEY SHARE) c', 'locking'],
  // set_config and settings
  ['set_config', `SELECT set_config(${SC})`, 'function'],
  ['schema-qualified set_config', `SELECT pg_catalog.set_config(${SC}), * FROM assistant.chat_daily`, 'function'],
  ['quoted set_config', `SELECT "pg_catalog"."set_config"(${SC})`, 'function'],
  ['unicode-escaped set_config', `SELECT U&"\\0073et_config"(${SC})`, 'function'],
  ['set_config in a sub-select of WHERE', `SELECT * FROM assistant.chat_daily WHERE (SELECT set_config(${SC})) IS NOT NULL`, 'function'],
  ['set_config in a CTE', `WITH s AS MATERIALIZED (SELECT set_config(${SC})) SELECT * FROM s, assistant.chat_daily`, 'function'],
  ['set_config in ORDER BY', `SELECT * FROM assistant.chat_daily ORDER BY set_config(${SC})`, 'function'],
  ['set_config in a CASE', `SELECT CASE WHEN sent > 0 THEN set_config(${SC}) END FROM assistant.chat_daily`, 'function'],
  ['set_config through a LATERAL call', `SELECT * FROM assistant.chat_daily, LATERAL set_config(${SC}) AS s`, 'function'],
  ['set_config through ROWS FROM', `SELECT * FROM ROWS FROM (set_config(${SC})) AS s`, 'function'],
  ['set_config in VALUES', `VALUES ((SELECT set_config(${SC})))`, 'function'],
  ['set_config in an aggregate FILTER', `SELECT count(*) FILTER (WHERE set_config(${SC}) = '1') FROM assistant.chat_daily`, 'function'],
  ['settings through the pg_settings view', "SELECT * FROM pg_settings WHERE name = 'app.project_id'", 'relation'],
  ['current_setting', "SELECT current_setting('app.project_id')", 'function'],
  ['SET ROLE', 'SET ROLE ig_reader', 'not_select'],
  ['RESET', 'RESET ROLE', 'not_select'],
  ['SET of the project', "SET app.project_id = '1002'", 'not_select'],
  ['SET LOCAL', "SET LOCAL statement_timeout = 0", 'not_select'],
  // catalogs and system columns
  ['pg_authid', 'SELECT * FROM pg_catalog.pg_authid', 'relation'],
  ['pg_class unqualified', 'SELECT relname FROM pg_class', 'relation'],
  ['information_schema', 'SELECT * FROM information_schema.tables', 'relation'],
  ['pg_stat_activity', 'SELECT query FROM pg_stat_activity', 'relation'],
  ['a catalog in a sub-select', 'SELECT * FROM assistant.chat_daily WHERE day IN (SELECT now()::date FROM pg_catalog.pg_class)', 'relation'],
  ['a catalog behind a LATERAL sub-select', 'SELECT * FROM (VALUES (1)) v(a), LATERAL (SELECT relname FROM pg_class) c', 'relation'],
  ['a catalog renamed by a CTE', 'WITH x AS (SELECT * FROM pg_roles) SELECT * FROM x', 'relation'],
  ['a CTE named like a catalog', 'WITH pg_class AS (SELECT * FROM pg_class) SELECT * FROM pg_class', 'construct'],
  ['a CTE that names itself without RECURSIVE', 'WITH chat AS (SELECT * FROM chat) SELECT * FROM chat', 'relation'],
  ['a unicode-escaped catalog name', 'SELECT * FROM U&"\\0070g_class"', 'relation'],
  ['a system column', 'SELECT ctid, * FROM assistant.chat_daily', 'column'],
  ['tableoid', 'SELECT tableoid FROM assistant.campaigns', 'column'],
  ['a regclass cast', "SELECT 'pg_authid'::regclass", 'type'],
  ['a regproc cast', "SELECT 'set_config'::regproc", 'type'],
  ['a qualified reg* cast', 'SELECT 1::pg_catalog.regrole', 'type'],
  ['a cast to a record type', 'SELECT NULL::app.projects', 'type'],
  ['current_user', 'SELECT current_user', 'function'],
  // sleeping and exploding
  ['pg_sleep', 'SELECT pg_sleep(10)', 'function'],
  ['pg_sleep_for in a sub-select', "SELECT (SELECT pg_sleep_for('10 seconds'))", 'function'],
  ['a generate_series explosion', 'SELECT count(*) FROM (SELECT generate_series(1, 100000000000)) g', 'timeout'],
  ['a cross join explosion', 'SELECT count(*) FROM assistant.chat_daily a, (SELECT generate_series(1, 1000000000)) b, (SELECT generate_series(1, 1000)) c', 'timeout'],
  ['repeat allocating a gigabyte', "SELECT repeat('x', 1000000000)", 'function'],
  // files, large objects, other servers, process control
  ['pg_read_file', "SELECT pg_read_file('/etc/passwd')", 'function'],
  ['pg_ls_dir', "SELECT pg_ls_dir('.')", 'function'],
  ['lo_import', "SELECT lo_import('/etc/passwd')", 'function'],
  ['dblink', "SELECT dblink('dbname=postgres', 'SELECT * FROM marts.chat_daily')", 'function'],
  ['dblink in FROM', "SELECT * FROM dblink('dbname=postgres', 'SELECT 1') AS t(a int)", 'function'],
  ['query_to_xml', "SELECT query_to_xml('SELECT * FROM marts.chat_daily', true, true, '')", 'function'],
  ['pg_terminate_backend', 'SELECT pg_terminate_backend(1)', 'function'],
  ['txid_current', 'SELECT txid_current()', 'function'],
  ['nextval', "SELECT nextval('app.sync_runs_run_id_seq')", 'function'],
  ['setval', "SELECT setval('app.sync_runs_run_id_seq', 1)", 'function'],
  ['pg_advisory_lock', 'SELECT pg_advisory_lock(1)', 'function'],
  ['the pin function', 'SELECT app.assistant_pin(1002)', 'function'],
  ['app.current_project_id()', 'SELECT app.current_project_id()', 'function'],
  ['row_to_json of a whole row', 'SELECT row_to_json(c) FROM assistant.campaigns c', 'function'],
  ['an operator with a schema', 'SELECT 1 OPERATOR(pg_catalog.+) 1', 'operator'],
  ['TABLESAMPLE', 'SELECT * FROM assistant.chat_daily TABLESAMPLE SYSTEM (50)', 'construct'],
  ['a parameter', 'SELECT $1', 'construct'],
  ['XML', "SELECT xmlparse(document '<a/>')", 'construct'],
  // tenant tables other than the views
  ['marts directly', 'SELECT * FROM marts.push_daily', 'relation'],
  ['a mart named like its view', 'SELECT * FROM marts.chat_daily', 'relation'],
  ['TABLE on a mart', 'TABLE marts.chat_daily', 'relation'],
  ['raw payloads', 'SELECT * FROM raw.api_responses', 'relation'],
  ['staging', 'SELECT * FROM staging.chat_messages', 'relation'],
  ['app credentials', 'SELECT name, credentials_ref FROM app.projects', 'relation'],
  ['the pin table', 'SELECT * FROM app.assistant_scopes', 'relation'],
  ['saved analyses', 'SELECT * FROM app.analyses', 'relation'],
  ['UNION with a mart', 'SELECT day, sent FROM assistant.chat_daily UNION ALL SELECT day, sent FROM marts.chat_daily', 'relation'],
  ['a mixed-case schema', 'SELECT * FROM "Assistant".chat_daily', 'relation'],
  ['a database-qualified view', 'SELECT * FROM postgres.assistant.chat_daily', 'relation'],
  // other statements
  ['COPY', 'COPY marts.chat_daily TO STDOUT', 'not_select'],
  ['COPY a query to a program', "COPY (SELECT 1) TO PROGRAM 'id'", 'not_select'],
  ['DO', `DO $$ BEGIN PERFORM set_config(${SC}); END $$`, 'not_select'],
  ['CALL', 'CALL app.something()', 'not_select'],
  ['EXPLAIN', 'EXPLAIN SELECT * FROM assistant.chat_daily', 'not_select'],
  ['EXPLAIN ANALYZE', 'EXPLAIN ANALYZE SELECT * FROM assistant.chat_daily', 'not_select'],
  ['LISTEN', 'LISTEN x', 'not_select'],
  ['NOTIFY', "NOTIFY x, 'y'", 'not_select'],
  ['PREPARE', 'PREPARE p AS SELECT 1', 'not_select'],
  ['CREATE', 'CREATE TEMP TABLE t AS SELECT 1', 'not_select'],
  ['BEGIN', 'BEGIN', 'not_select'],
  ['a very long statement', `SELECT 1${' + 1'.repeat(2000)}`, 'too_long'],
  ['a deeply nested statement', `SELECT ${'(SELECT '.repeat(130)}1${')'.repeat(130)}`, 'construct'],
  ['not SQL', 'DROP EVERYTHING NOW', 'syntax'],
  ['only a comment', '-- nothing', 'empty'],
  // valid SELECTs over the views that try to reach other projects: they run and show nothing of them
  ['the project column', 'SELECT * FROM assistant.chat_daily WHERE project_id = 1002', 'database'],
  ['OR true', 'SELECT * FROM assistant.channel_daily WHERE sent = 7777777 OR true', 'runs'],
  ['a view joined with itself', 'SELECT a.day, b.sent FROM assistant.chat_daily a JOIN assistant.chat_daily b ON true', 'runs'],
  ['another project by name', "SELECT * FROM assistant.campaigns WHERE name LIKE 'SECRET%'", 'runs'],
  ['another project by id', 'SELECT * FROM assistant.campaign_totals WHERE campaign_id IN (10020, 10030)', 'runs'],
  ['UNION of two views', 'SELECT name FROM assistant.campaigns UNION SELECT name FROM assistant.journeys', 'runs'],
  ['set_config inside a dollar-quoted string', `SELECT $$ ; SELECT set_config(${SC}) $$ AS s, * FROM assistant.chat_daily`, 'runs'],
  ['a quote inside an escape string', "SELECT E'\\x27; SELECT 1' AS s", 'runs'],
  ['a trailing comment after the statement', 'SELECT * FROM assistant.chat_daily -- ) q; SELECT 1', 'runs'],
  ['a comment that closes the wrapper', 'SELECT * FROM assistant.chat_daily /* ) AS q LIMIT 1000000 -- */', 'runs'],
  ['ONLY on a view', 'SELECT * FROM ONLY assistant.agents_now', 'runs'],
  ['every view at once', `SELECT (SELECT count(*) FROM assistant.channel_daily) + (SELECT count(*) FROM assistant.campaign_daily)
     + (SELECT count(*) FROM assistant.campaign_totals) + (SELECT count(*) FROM assistant.campaigns)
     + (SELECT count(*) FROM assistant.push_hourly) + (SELECT count(*) FROM assistant.devices_daily)
     + (SELECT count(*) FROM assistant.chat_daily) + (SELECT count(*) FROM assistant.chat_messages_daily)
     + (SELECT count(*) FROM assistant.chat_categories) + (SELECT count(*) FROM assistant.agent_daily)
     + (SELECT count(*) FROM assistant.agent_team_daily) + (SELECT count(*) FROM assistant.agents_now)
     + (SELECT count(*) FROM assistant.journeys) + (SELECT count(*) FROM assistant.journey_funnel) AS n`, 'runs'],
];

describe('run_sql refuses or contains adversarial statements', () => {
  it(`covers at least 40 cases (${ADVERSARIAL.length})`, () => {
    expect(ADVERSARIAL.length).toBeGreaterThanOrEqual(40);
  });

  it.each(ADVERSARIAL)('%s', async (_what, sql, outcome) => {
    let result: SqlResult | undefined;
    let error: unknown;
    try {
      result = await run(sql);
    } catch (err) {
      error = err;
    }
    if (outcome === 'runs') {
      expect(error).toBeUndefined();
      // The rows and column names only: the statement itself may quote a marker.
      expect(leaksForeignData({ columns: result?.columns, rows: result?.rows })).toBeUndefined();
    } else {
      expect(error, `expected a ${outcome} refusal, got ${JSON.stringify(result)}`).toBeInstanceOf(SqlGuardError);
      const e = error as SqlGuardError;
      expect(e.kind, e.message).toBe(outcome);
      if (process.env.SHOW_REASONS) console.log(`${outcome}\t${e.message}`);
      // Plain words for the model: no stack, no internals.
      expect(e.message).not.toMatch(/\n\s+at |node_modules/);
      expect(leaksForeignData(e.message)).toBeUndefined();
    }
  });

  it('OR true returns exactly the own project rows', async () => {
    const r = await run('SELECT channel, day, sent FROM assistant.channel_daily WHERE sent = 7777777 OR true ORDER BY channel, day');
    expect(r.rows).toEqual([
      ['push', '2026-01-01', 100],
      ['push', '2026-01-02', 200],
      ['sms', '2026-01-01', 100],
    ]);
  });

  it('refusals name the way forward', async () => {
    await expect(run('SELECT * FROM marts.push_daily')).rejects.toThrow('relation marts.push_daily is not available: use assistant.channel_daily');
    await expect(run('SELECT pg_sleep(1)')).rejects.toThrow(/^function pg_sleep is not allowed/);
    await expect(run('DELETE FROM marts.chat_daily')).rejects.toThrow('only SELECT is allowed (this is DELETE)');
    await expect(run('SELECT * FROM assistant.chat_daily WHERE project_id = 1002')).rejects.toThrow(
      /PostgreSQL refused the query: column "project_id" does not exist/,
    );
  });
});

describe('run_sql answers analytics questions over the assistant views', () => {
  it('aggregates with date_trunc, ORDER BY and LIMIT', async () => {
    const r = await run(`SELECT date_trunc('month', day)::date AS month, channel, sum(sent) AS sent,
                                round(100.0 * sum(clicked) / nullif(sum(sent), 0), 2) AS ctr
                         FROM assistant.channel_daily GROUP BY 1, 2 ORDER BY sent DESC LIMIT 5;`);
    expect(r.columns).toEqual([
      { name: 'month', type: 'date' },
      { name: 'channel', type: 'text' },
      { name: 'sent', type: 'numeric' },
      { name: 'ctr', type: 'numeric' },
    ]);
    expect(r.rows).toEqual([
      ['2026-01-01', 'push', 300, 4.67],
      ['2026-01-01', 'sms', 100, 5],
    ]);
    expect(r.truncated).toBe(false);
  });

  it('CTEs and joins between views', async () => {
    const r = await run(`WITH t AS (SELECT campaign_id, sum(sent) AS sent, sum(clicked) AS clicked FROM assistant.campaign_daily GROUP BY 1)
                         SELECT c.name, t.sent, t.clicked, extract(isodow FROM c.created_day) AS dow
                         FROM t JOIN assistant.campaigns c USING (campaign_id) ORDER BY t.sent DESC`);
    expect(r.rows).toEqual([['Rebajas enero', 100, 5, null]]);
  });

  it('window functions, percentile_cont, COALESCE, GREATEST, CASE and a LATERAL sub-select', async () => {
    const r = await run(`SELECT d.day, d.sent, sum(d.sent) OVER (ORDER BY d.day) AS running,
                                percentile_cont(0.5) WITHIN GROUP (ORDER BY d.sent) OVER () AS median,
                                coalesce(d.total_messages, 0) AS total, greatest(d.read, 1) AS r,
                                CASE WHEN d.sent > 15 THEN 'high' ELSE 'low' END AS level, l.messages
                         FROM assistant.chat_daily d
                         LEFT JOIN LATERAL (SELECT sum(m.messages) AS messages FROM assistant.chat_messages_daily m WHERE m.day = d.day) l ON true
                         ORDER BY d.day`).catch((e: Error) => e);
    // percentile_cont is not a window function in PostgreSQL: the database says so, in words.
    expect(r).toBeInstanceOf(SqlGuardError);
    expect((r as SqlGuardError).kind).toBe('database');
    const ok = await run(`SELECT d.day, d.sent, sum(d.sent) OVER (ORDER BY d.day) AS running,
                                 coalesce(d.total_messages, 0) AS total, greatest(d.read, 1) AS r,
                                 CASE WHEN d.sent > 15 THEN 'high' ELSE 'low' END AS level, l.messages
                          FROM assistant.chat_daily d
                          LEFT JOIN LATERAL (SELECT sum(m.messages) AS messages FROM assistant.chat_messages_daily m WHERE m.day = d.day) l ON true
                          ORDER BY d.day`);
    expect(ok.rows).toEqual([
      ['2026-01-01', 10, 10, 0, 8, 'low', 30],
      ['2026-01-02', 20, 30, 0, 20, 'high', null],
    ]);
    const median = await run('SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY sent) AS median FROM assistant.chat_daily');
    expect(median.rows).toEqual([[15]]);
  });

  it('a heatmap, a funnel and device figures', async () => {
    const heat = await run(`SELECT extract(isodow FROM day) AS weekday, hour, sum(clicked)::float8 / nullif(sum(sent), 0) AS ctr
                            FROM assistant.push_hourly GROUP BY 1, 2`);
    expect(heat.rows).toEqual([[4, 9, 0.06]]);
    const funnel = await run(`SELECT j.name, f.node_id, f.users FROM assistant.journey_funnel f JOIN assistant.journeys j ON j.journey_id = f.journey_id`);
    expect(funnel.rows).toEqual([['Bienvenida', 'start', 70]]);
    const dev = await run(`SELECT avg(active_devices)::int AS active, sum(new_devices) AS new FROM assistant.devices_daily`);
    expect(dev.rows).toEqual([[40, 4]]);
  });

  it('a date series with gaps filled (generate_series in the select list)', async () => {
    const r = await run(`SELECT s.day::date AS day, coalesce(c.sent, 0) AS sent
                         FROM (SELECT generate_series(date '2026-01-01', date '2026-01-03', interval '1 day') AS day) s
                         LEFT JOIN assistant.chat_daily c ON c.day = s.day::date ORDER BY 1`);
    expect(r.rows).toEqual([
      ['2026-01-01', 10],
      ['2026-01-02', 20],
      ['2026-01-03', 0],
    ]);
  });

  it('fetches n + 1 rows to tell truncation, and returns n', async () => {
    const r = await run('SELECT channel, day, platform FROM assistant.channel_daily ORDER BY channel, day', { ...opts, maxRows: 2 });
    expect(r.rows).toEqual([
      ['push', '2026-01-01', 'android'],
      ['push', '2026-01-02', 'ios'],
    ]);
    expect(r.truncated).toBe(true);
    expect(r.sql).toBe('SELECT * FROM (\nSELECT channel, day, platform FROM assistant.channel_daily ORDER BY channel, day\n) AS q LIMIT 3');
    const exact = await run('SELECT day FROM assistant.chat_daily', { ...opts, maxRows: 2 });
    expect(exact.truncated).toBe(false);
    expect(exact.rows).toHaveLength(2);
  });

  it('returns the text that ran: re-running it as the assistant gives the same rows', async () => {
    const r = await run('SELECT day, sent FROM assistant.chat_daily ORDER BY day;  ');
    expect(r.sql).toBe('SELECT * FROM (\nSELECT day, sent FROM assistant.chat_daily ORDER BY day\n) AS q LIMIT 101');
    const again = await run(r.sql);
    expect(again.rows).toEqual(r.rows);
  });

  it('keeps duplicate and unnamed columns apart', async () => {
    const r = await run('SELECT 1 AS a, 2 AS a, 3');
    expect(r.columns.map((c) => c.name)).toEqual(['a', 'a', '?column?']);
    expect(r.rows).toEqual([[1, 2, 3]]);
  });

  it('a statement timeout comes back as a SqlGuardError the model can act on', async () => {
    const err = await run('SELECT count(*) FROM (SELECT generate_series(1, 100000000000)) g', { ...opts, statementTimeoutMs: 300 }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(SqlGuardError);
    expect((err as SqlGuardError).kind).toBe('timeout');
    expect((err as Error).message).toMatch(/cancelled after 300 ms/);
  });

  it('leaves the pooled connection as it found it', async () => {
    await run('SELECT day FROM assistant.chat_daily');
    await run('SELECT pg_sleep(1)').catch(() => undefined);
    await run('SELECT 1/0').catch(() => undefined);
    const c = await pool.connect();
    try {
      const { rows } = await c.query(`SELECT current_user AS u, current_setting('app.project_id', true) AS p, current_setting('search_path') AS sp,
                                             current_setting('transaction_read_only') AS ro, (SELECT count(*) FROM pg_stat_activity WHERE pid = pg_backend_pid() AND xact_start IS NOT NULL)::int AS tx`);
      expect(rows[0]).toMatchObject({ u: 'ig_api', p: '', ro: 'off' });
      expect(rows[0].sp).not.toMatch(/assistant/);
    } finally {
      c.release();
    }
  });

  it('refuses a project id that is not digits before touching the database', async () => {
    await expect(runGuardedSql(pool, { projectId: "1001'; --", userId: 'u' }, 'SELECT 1', opts)).rejects.toThrow(/digits/);
  });
});

describe('the three projects are really there', () => {
  it('the other projects have rows that the markers would reveal', async () => {
    const etl = new pg.Client(db.etlUrl);
    await etl.connect();
    const { rows } = await etl.query('SELECT sum(sent)::bigint AS s FROM marts.chat_daily WHERE project_id <> 1001');
    await etl.end();
    expect(Number(rows[0].s)).toBeGreaterThan(7_000_000);
  });
});
