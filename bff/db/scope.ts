/**
 * The one RLS scope helper. Every tenant query of the BFF runs through it: one transaction
 * (READ ONLY where it only reads), SET LOCAL ROLE to the NOLOGIN reader, the project and user as
 * transaction-local settings that the policies read, and a statement timeout. Nothing else in the
 * BFF touches tenant tables, and the login role can read none of them by itself.
 *
 * The opening is one round trip: the statements go as one simple query, with the values as escaped
 * literals (the project id is digits by the claims schema; the user id is escaped by pg's own
 * escapeLiteral). It ends by reading the project's row (id and time zone) under the policies just
 * set, which nearly every service needs first (scopeProject): one round trip fewer per request than
 * asking for it separately (docs/adr/028). A pool with too many callers already waiting answers 503
 * at once instead of queueing without bound.
 */
import type { Pool, PoolClient } from '../../lib/db.js';
import { AppError } from '../errors.js';

export interface Scope {
  projectId: string;
  userId: string;
  /** The JWT's role ('viewer', 'editor', 'admin'): policies that let admins see the project's rows read it (app.role). */
  role?: string;
}

export interface ScopeOptions {
  readOnly?: boolean;
  statementTimeoutMs: number;
  /** Callers allowed to wait for a connection before new ones are refused (default: unbounded). */
  maxWaiting?: number;
}

export type ScopedDb = Pick<PoolClient, 'query'>;

/** The project's row as the opening of its scope read it (null: not subscribed, or not visible). */
export interface ScopeProject {
  projectId: string;
  timeZone: string;
}

/** The rows read by the opening of each open scope, by client; an entry lives as long as its scope. */
const openedProjects = new WeakMap<object, ScopeProject | null>();

/**
 * The project row read when `db`'s scope opened, or undefined when `db` is not a client inside
 * withScope (a caller with a connection of its own then asks the database itself).
 */
export function scopeProject(db: ScopedDb): ScopeProject | null | undefined {
  return openedProjects.get(db);
}

/** Seconds a client is asked to wait when the pool is saturated. */
const SATURATED_RETRY_AFTER_S = 1;

export function openingSql(client: Pick<PoolClient, 'escapeLiteral'>, scope: Scope, opts: ScopeOptions): string {
  if (!/^[1-9]\d{0,18}$/.test(scope.projectId)) throw new Error('scope: project id must be digits');
  const timeout = Math.max(1, Math.floor(opts.statementTimeoutMs));
  return [
    opts.readOnly === false ? 'BEGIN' : 'BEGIN READ ONLY',
    'SET LOCAL ROLE ig_reader',
    `SELECT set_config('app.project_id', '${scope.projectId}', true), set_config('app.user_id', ${client.escapeLiteral(scope.userId)}, true),
            set_config('app.role', ${client.escapeLiteral(scope.role ?? '')}, true), set_config('statement_timeout', '${timeout}', true)`,
    'SELECT project_id, time_zone FROM app.projects',
  ].join('; ');
}

async function acquire(pool: Pool, maxWaiting: number | undefined): Promise<PoolClient> {
  const full = pool.idleCount === 0 && pool.totalCount >= (pool.options.max ?? 10);
  if (maxWaiting !== undefined && full && pool.waitingCount >= maxWaiting) {
    throw new AppError('unavailable', 'The service is busy; retry shortly.', undefined, SATURATED_RETRY_AFTER_S);
  }
  try {
    return await pool.connect();
  } catch (err) {
    if (/timeout exceeded when trying to connect/i.test((err as Error).message)) {
      throw new AppError('unavailable', 'The service is busy; retry shortly.', undefined, SATURATED_RETRY_AFTER_S);
    }
    throw err;
  }
}

export async function withScope<T>(pool: Pool, scope: Scope, opts: ScopeOptions, fn: (db: ScopedDb) => Promise<T>): Promise<T> {
  const client = await acquire(pool, opts.maxWaiting);
  let broken = false;
  try {
    const opened = (await client.query(openingSql(client, scope, opts))) as unknown as { rows: { project_id: number; time_zone: string }[] }[];
    const row = opened[opened.length - 1]!.rows[0];
    openedProjects.set(client, row ? { projectId: String(row.project_id), timeZone: row.time_zone } : null);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    openedProjects.delete(client);
    // A connection that could not roll back is discarded rather than reused with unknown state.
    client.release(broken);
  }
}
