/**
 * The one RLS scope helper. Every tenant query of the BFF runs through it: one transaction
 * (READ ONLY where it only reads), SET LOCAL ROLE to the NOLOGIN reader, the project and user as
 * transaction-local settings that the policies read, and a statement timeout. Nothing else in the
 * BFF touches tenant tables, and the login role can read none of them by itself.
 */
import type { Pool, PoolClient } from '../../lib/db.js';

export interface Scope {
  projectId: string;
  userId: string;
}

export interface ScopeOptions {
  readOnly?: boolean;
  statementTimeoutMs: number;
}

export type ScopedDb = Pick<PoolClient, 'query'>;

export async function withScope<T>(pool: Pool, scope: Scope, opts: ScopeOptions, fn: (db: ScopedDb) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query(opts.readOnly === false ? 'BEGIN; SET LOCAL ROLE ig_reader' : 'BEGIN READ ONLY; SET LOCAL ROLE ig_reader');
    await client.query(
      `SELECT set_config('app.project_id', $1, true), set_config('app.user_id', $2, true),
              set_config('statement_timeout', $3, true)`,
      [scope.projectId, scope.userId, String(opts.statementTimeoutMs)],
    );
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    // A connection that could not roll back is discarded rather than reused with unknown state.
    client.release(broken);
  }
}
