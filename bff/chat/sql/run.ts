/**
 * The AI chat's SQL fallback: the seam between the chat (which calls it as the `run_sql` tool) and
 * the guard (docs/adr/014-ai-sql-guard.md).
 *
 * 1. guard.ts parses the text with PostgreSQL's own parser and allows one SELECT over the assistant
 *    views, with allow-listed functions, operators and types; it wraps the statement as
 *    `SELECT * FROM (...) AS q LIMIT n + 1` (one row more than returned, to tell truncation).
 * 2. The statement runs in one transaction: as ig_reader the project is set and pinned for the
 *    transaction (app.assistant_pin), then the transaction turns READ ONLY and the role becomes
 *    ig_assistant (SELECT on the assistant views only, policies on the pinned project), with a
 *    statement timeout, work_mem and search_path = pg_catalog, assistant, pg_temp set locally.
 *    The statement goes alone through the extended protocol (the server refuses a second
 *    statement in it), and the transaction is always rolled back.
 * Refusals and database errors come back as SqlGuardError, worded for the model.
 */
import type { QueryArrayConfig } from 'pg';
import type { Pool, PoolClient } from '../../../lib/db.js';
import { assertVersion, CAUGHT_UP_SQL } from '../../db/replica.js';
import { databaseUnavailable } from '../../db/unavailable.js';
import { guardSql, SqlRefusal, type SqlRefusalKind } from './guard.js';

export interface SqlScope {
  projectId: string;
  userId: string;
}

export interface SqlOptions {
  /** Rows returned at most; one more is fetched to tell whether the result was truncated. */
  maxRows: number;
  statementTimeoutMs: number;
  /**
   * On a replica (bff/db/replica.ts): the data version it must have replayed, checked inside the
   * transaction before the statement; behind it, ReplicaBehind is thrown (the caller goes to the
   * primary), as is an error that means the replica cannot answer.
   */
  wanted?: number | undefined;
  /** Cancels the running statement (on the server it runs on) when it aborts. */
  signal?: AbortSignal | undefined;
}

export interface SqlResult {
  /** The statement as it ran (normalised, with the LIMIT the guard added). */
  sql: string;
  columns: { name: string; type: string }[];
  rows: unknown[][];
  truncated: boolean;
}

export type SqlGuardErrorKind = SqlRefusalKind | 'timeout' | 'database';

/** A refusal or a database error, worded for the model (it goes back as an is_error tool result). */
export class SqlGuardError extends Error {
  constructor(
    message: string,
    /** Why: a refusal of the guard, a timeout, or another error of the database. */
    readonly kind: SqlGuardErrorKind = 'database',
  ) {
    super(message);
    this.name = 'SqlGuardError';
  }
}

/** Rows a caller may ask for at most, whatever maxRows says. */
export const MAX_ROWS_CEILING = 10_000;
/** Memory per sort or hash of the statement (the role cannot raise temp_file_limit; the timeout bounds spills). */
const WORK_MEM = '16MB';

/** search_path of the statement: built-ins first, then the views; temporary objects never shadow them. */
export const ASSISTANT_SEARCH_PATH = 'pg_catalog, assistant, pg_temp';

/**
 * The transaction's opening, one round trip (as bff/db/scope.ts, values as escaped literals): pin
 * the project while the transaction may still write (as ig_reader, the only role allowed to pin),
 * then read-only, then the assistant role and its limits.
 */
export function assistantOpeningSql(client: Pick<PoolClient, 'escapeLiteral'>, scope: SqlScope, statementTimeoutMs: number, checkVersion = false): string {
  if (!/^[1-9]\d{0,18}$/.test(scope.projectId)) throw new Error('run_sql: project id must be digits');
  const timeout = Math.max(1, Math.floor(statementTimeoutMs));
  return [
    'BEGIN',
    'SET LOCAL ROLE ig_reader',
    `SELECT set_config('app.project_id', '${scope.projectId}', true), set_config('app.user_id', ${client.escapeLiteral(scope.userId)}, true),
            app.assistant_pin(${scope.projectId})${checkVersion ? `, (${CAUGHT_UP_SQL}) AS v` : ''}`,
    'SET TRANSACTION READ ONLY',
    'SET LOCAL ROLE ig_assistant',
    `SELECT set_config('statement_timeout', '${timeout}', true), set_config('work_mem', '${WORK_MEM}', true),
            set_config('search_path', '${ASSISTANT_SEARCH_PATH}', true)`,
  ].join('; ');
}

/** Names of the types a result column can have (the rest are looked up). */
const TYPE_NAMES: Record<number, string> = {
  16: 'boolean', 20: 'bigint', 21: 'smallint', 23: 'integer', 25: 'text', 700: 'real', 701: 'double precision',
  1042: 'character', 1043: 'character varying', 1082: 'date', 1083: 'time without time zone',
  1114: 'timestamp without time zone', 1184: 'timestamp with time zone', 1186: 'interval', 1700: 'numeric',
  1000: 'boolean[]', 1005: 'smallint[]', 1007: 'integer[]', 1009: 'text[]', 1016: 'bigint[]', 1231: 'numeric[]',
  1182: 'date[]', 1185: 'timestamp with time zone[]', 705: 'unknown',
};

interface Field {
  name: string;
  dataTypeID: number;
}

async function columnTypes(client: PoolClient, fields: Field[]): Promise<{ name: string; type: string }[]> {
  const unknown = [...new Set(fields.map((f) => f.dataTypeID).filter((oid) => TYPE_NAMES[oid] === undefined))];
  const looked = new Map<number, string>();
  if (unknown.length > 0) {
    const { rows } = await client.query<{ oid: number; name: string }>(
      'SELECT t.oid::int AS oid, pg_catalog.format_type(t.oid, NULL) AS name FROM unnest($1::oid[]) AS t(oid)',
      [unknown],
    );
    for (const r of rows) looked.set(r.oid, r.name);
  }
  return fields.map((f) => ({ name: f.name, type: TYPE_NAMES[f.dataTypeID] ?? looked.get(f.dataTypeID) ?? 'unknown' }));
}

/** A database error as the model should read it: PostgreSQL's message (and hint), never a stack. */
function databaseError(err: unknown, timeoutMs: number): SqlGuardError {
  const e = err as { code?: string; message?: string; hint?: string };
  if (e.code === '57014') {
    return new SqlGuardError(
      `the query was cancelled after ${timeoutMs} ms (statement timeout): aggregate more, narrow the period or drop a join`,
      'timeout',
    );
  }
  const message = String(e.message ?? 'the query failed').slice(0, 500);
  return new SqlGuardError(`PostgreSQL refused the query: ${message}${e.hint ? ` (hint: ${String(e.hint).slice(0, 200)})` : ''}`, 'database');
}

export async function runGuardedSql(pool: Pool, scope: SqlScope, sql: string, opts: SqlOptions): Promise<SqlResult> {
  const maxRows = Math.min(MAX_ROWS_CEILING, Math.max(1, Math.floor(opts.maxRows)));
  let guarded;
  try {
    guarded = await guardSql(sql, maxRows + 1);
  } catch (err) {
    if (err instanceof SqlRefusal) throw new SqlGuardError(err.message, err.kind);
    throw err;
  }

  const onReplica = opts.wanted !== undefined;
  const client = await pool.connect();
  let broken = false;
  const pid = (client as unknown as { processID?: number }).processID;
  const cancel = () => {
    // The login role may cancel its own backends, on the server (primary or replica) the statement runs on.
    if (pid) pool.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
  };
  opts.signal?.addEventListener('abort', cancel, { once: true });
  try {
    // The opening is a multi-statement simple query: one result per statement, the pin's third.
    const opened = (await client.query(assistantOpeningSql(client, scope, opts.statementTimeoutMs, onReplica))) as unknown as { rows: { v?: unknown }[] }[];
    if (onReplica) assertVersion(opened[2]?.rows[0]?.v, opts.wanted!);
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
    let result;
    try {
      // queryMode 'extended': Parse/Bind/Execute, which holds one statement only, whatever the text.
      // (pg supports queryMode; its type definitions do not list it yet.)
      const query: QueryArrayConfig & { queryMode: 'extended' } = { text: guarded.sql, rowMode: 'array', queryMode: 'extended' };
      result = await client.query(query);
    } catch (err) {
      if (opts.signal?.aborted) throw opts.signal.reason ?? err;
      // A replica that cannot answer (gone, recovery conflict) is not the query's fault: the caller retries on the primary.
      if (onReplica && databaseUnavailable(err)) throw err;
      throw databaseError(err, opts.statementTimeoutMs);
    }
    const rows: unknown[][] = result.rows;
    const truncated = rows.length > maxRows;
    return {
      sql: guarded.sql,
      columns: await columnTypes(client, result.fields),
      rows: truncated ? rows.slice(0, maxRows) : rows,
      truncated,
    };
  } finally {
    opts.signal?.removeEventListener('abort', cancel);
    // Always rolled back: nothing to keep, and the pin row must never be committed.
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    client.release(broken);
  }
}
