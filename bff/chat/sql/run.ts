/**
 * The AI chat's SQL fallback: the seam between the chat (which calls it as the `run_sql` tool) and
 * the guard (libpg-query parse, allow-lists, LIMIT n + 1, a read-only transaction as the narrow
 * assistant role with a statement timeout). The guard's engineer replaces the body below.
 */
import type { Pool } from '../../../lib/db.js';

export interface SqlScope {
  projectId: string;
  userId: string;
}

export interface SqlOptions {
  /** Rows returned at most; one more is fetched to tell whether the result was truncated. */
  maxRows: number;
  statementTimeoutMs: number;
}

export interface SqlResult {
  /** The statement as it ran (normalised, with the LIMIT the guard added). */
  sql: string;
  columns: { name: string; type: string }[];
  rows: unknown[][];
  truncated: boolean;
}

/** A refusal or a database error, worded for the model (it goes back as an is_error tool result). */
export class SqlGuardError extends Error {}

export async function runGuardedSql(_pool: Pool, _scope: SqlScope, _sql: string, _opts: SqlOptions): Promise<SqlResult> {
  throw new SqlGuardError('run_sql is not available yet.');
}
