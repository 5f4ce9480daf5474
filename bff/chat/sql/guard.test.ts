/**
 * The guard on its own (no database): CTE scoping, the wrapper, and the allow-lists themselves.
 */
import { describe, expect, it } from 'vitest';
import { ALLOWED_FUNCTIONS, ALLOWED_OPERATORS, ALLOWED_TYPES, guardSql, MAX_SQL_CHARS, SqlRefusal } from './guard.js';

async function kind(sql: string): Promise<string> {
  try {
    await guardSql(sql, 11);
    return 'ok';
  } catch (err) {
    if (err instanceof SqlRefusal) return err.kind;
    throw err;
  }
}

describe('CTE names are relations only where PostgreSQL sees them', () => {
  it.each([
    ['a CTE used by the main query', 'WITH t AS (SELECT day FROM assistant.chat_daily) SELECT * FROM t', 'ok'],
    ['an earlier CTE used by a later one', 'WITH a AS (SELECT 1 AS x), b AS (SELECT * FROM a) SELECT * FROM b', 'ok'],
    ['a later CTE used by an earlier one without RECURSIVE', 'WITH a AS (SELECT * FROM b), b AS (SELECT 1 AS x) SELECT * FROM a', 'relation'],
    ['RECURSIVE self reference', 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT * FROM n', 'ok'],
    ['a CTE seen from a sub-select', 'WITH t AS (SELECT 1 AS x) SELECT * FROM assistant.chat_daily WHERE 1 IN (SELECT x FROM t)', 'ok'],
    ['a CTE of a sub-select is not seen outside it', 'SELECT * FROM (WITH t AS (SELECT 1 AS x) SELECT * FROM t) s, t', 'relation'],
    ['a CTE of one UNION branch is not seen in the other', 'SELECT * FROM (WITH t AS (SELECT 1 AS x) SELECT x FROM t) a UNION SELECT x FROM t', 'relation'],
    ['a CTE shadowing a view name', 'WITH chat_daily AS (SELECT 1 AS x) SELECT * FROM chat_daily', 'ok'],
    ['a CTE named pg_*', 'WITH pg_x AS (SELECT 1) SELECT * FROM pg_x', 'construct'],
    ['a qualified name never means a CTE', 'WITH t AS (SELECT 1) SELECT * FROM assistant.t', 'relation'],
    ['unqualified view names', 'SELECT c.name FROM campaigns c JOIN campaign_totals t USING (campaign_id)', 'ok'],
  ])('%s', async (_what, sql, expected) => {
    expect(await kind(sql)).toBe(expected);
  });
});

describe('the wrapper', () => {
  it('keeps the statement as written and adds the limit outside it', async () => {
    const g = await guardSql('  select day from assistant.chat_daily order by day desc limit 3 ;  ', 11);
    expect(g.statement).toBe('select day from assistant.chat_daily order by day desc limit 3');
    expect(g.sql).toBe('SELECT * FROM (\nselect day from assistant.chat_daily order by day desc limit 3\n) AS q LIMIT 11');
  });

  it('a line comment at the end cannot swallow the closing parenthesis', async () => {
    const g = await guardSql('SELECT 1 -- the end', 5);
    expect(g.sql).toBe('SELECT * FROM (\nSELECT 1 -- the end\n) AS q LIMIT 5');
  });

  it('VALUES, TABLE and parenthesised statements wrap too', async () => {
    for (const s of ['VALUES (1), (2)', 'TABLE assistant.agents_now', '(SELECT 1)', 'SELECT 1 UNION ALL SELECT 2 ORDER BY 1']) {
      expect(await kind(s), s).toBe('ok');
    }
  });

  it('refuses at the length limit', async () => {
    expect(await kind(`SELECT '${'x'.repeat(MAX_SQL_CHARS)}'`)).toBe('too_long');
  });
});

describe('the allow-lists', () => {
  it('name none of the functions that change settings, sleep, read files, lock, signal or reach out', () => {
    const forbidden = /^(set_config|current_setting|pg_|lo_|dblink|query_to|table_to|cursor_to|txid|nextval|setval|currval|lastval|repeat|lpad|rpad|format|row_to_json|to_json|to_jsonb|xml|convert|decode|encode|has_)/;
    for (const f of ALLOWED_FUNCTIONS) expect(f, f).not.toMatch(forbidden);
  });

  it('name no reg* or system type', () => {
    for (const t of ALLOWED_TYPES) expect(t, t).not.toMatch(/^(reg|oid|xid|cid|tid|pg_|name$|record|anyelement|json|xml)/);
  });

  it('name only plain operator symbols', () => {
    for (const o of ALLOWED_OPERATORS) expect(o).toMatch(/^[=<>!+\-*/%^|@~&]+$/);
  });
});
