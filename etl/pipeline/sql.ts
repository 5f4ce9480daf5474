/**
 * The SQL files a group names: staging and mart models (sql/models/<layer>/<file>) and data tests
 * (sql/tests/<file>). They are written with psql variables (`:'project_id'`) so they run by hand in
 * psql; here each distinct variable becomes a positional parameter. Files are read once per process.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SQL_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../sql');

export interface SqlFile {
  /** The file name without directory and extension (a data test's name). */
  name: string;
  /** The file as written (psql variables). */
  source: string;
  text: string;
  values(vars: Record<string, string | number>): (string | number)[];
}

const cache = new Map<string, SqlFile>();

/** Turns psql variables into $1, $2…; a variable the caller does not give is an error at run time. */
export function compileSql(name: string, source: string): SqlFile {
  const names: string[] = [];
  const text = source.replace(/:'([a-z_]+)'/g, (_, v: string) => {
    let i = names.indexOf(v);
    if (i < 0) i = names.push(v) - 1;
    return `$${i + 1}`;
  });
  return {
    name,
    source,
    text,
    values: (vars) =>
      names.map((n) => {
        const v = vars[n];
        if (v === undefined) throw new Error(`${name}: no value for the psql variable :'${n}'`);
        return v;
      }),
  };
}

/** `kind` is the folder under sql/: 'models/staging', 'models/marts' or 'tests'; `file` a name in it (or an absolute path). */
export function loadSql(kind: 'models/staging' | 'models/marts' | 'tests', file: string): SqlFile {
  const full = path.isAbsolute(file) ? file : path.join(SQL_DIR, kind, file);
  let f = cache.get(full);
  if (!f) {
    f = compileSql(path.basename(full, '.sql'), readFileSync(full, 'utf8'));
    cache.set(full, f);
  }
  return f;
}

/**
 * Every data test of a group in one query (one round trip and one statement per window instead of
 * one per test): per test, its index, its failing-row count and up to `sampleSize` failing rows as
 * JSON, ordered by test. Each test is wrapped as dataTestQuery wraps it alone; the variables of all
 * tests share their positions. Compiled once per list of tests and sample size.
 */
export function dataTestsQuery(tests: readonly SqlFile[], sampleSize: number): SqlFile {
  const key = `${tests.map((t) => t.name).join('\u0000')}\u0000${sampleSize}`;
  let f = combined.get(key);
  if (!f) {
    const parts = tests.map(
      (t, i) =>
        `(SELECT ${i} AS test, count(*) OVER ()::int AS failing, to_jsonb(t) AS row FROM (\n${t.source.replace(/;\s*$/, '')}\n) t LIMIT ${Math.trunc(sampleSize)})`,
    );
    f = compileSql('data tests', `SELECT test, failing, row FROM (\n${parts.join('\nUNION ALL\n')}\n) all_tests ORDER BY test`);
    combined.set(key, f);
  }
  return f;
}
const combined = new Map<string, SqlFile>();

/**
 * A data test wrapped so one query returns the number of failing rows and a sample of them as JSON.
 * The test must be one SELECT (a trailing semicolon is allowed).
 */
export function dataTestQuery(test: SqlFile, sampleSize: number): string {
  const body = test.text.replace(/;\s*$/, '');
  return `SELECT count(*) OVER ()::int AS failing, to_jsonb(t) AS row FROM (\n${body}\n) t LIMIT ${Math.trunc(sampleSize)}`;
}

/**
 * A query config that PostgreSQL prepares once per connection (a named statement): the runner sends
 * the same few statements for every window of every project, and parsing and analysing the models
 * (long CTEs) each time cost as much as running them on a busy machine. The name is derived from the
 * text, so two texts never share one.
 */
export function prepared(text: string, values: unknown[]): { name: string; text: string; values: unknown[] } {
  let name = names.get(text);
  if (!name) {
    name = `ig-${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return { name, text, values };
}
const names = new Map<string, string>();
