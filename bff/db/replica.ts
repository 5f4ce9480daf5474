/**
 * Reads from a streaming replica (REPLICA_DATABASE_URL; docs/adr/023-production.md), truthful under
 * lag. A read runs on the replica only when the replica has already replayed the data version the
 * BFF knows for the project (its listener follows the primary): checked inside the read's own
 * transaction on the replica, so the answer comes from a snapshot at least that new. A replica
 * behind it, an unknown version (listener down), a replica that cannot be reached or that cancels
 * the query for a recovery conflict: the same read runs on the primary. A cached answer keyed by
 * version v therefore never holds data older than v.
 *
 * The REST routes' read-only scopes go through withReadScope; the assistant's tools and its guarded
 * SQL (which opens a transaction of its own) through onFreshReplica, checking the version with
 * caughtUpSql / assertCaughtUp. Every read learns the pool it runs on, so a cancel reaches the
 * backend that runs the statement.
 */
import type { Pool } from '../../lib/db.js';
import { withScope, type Scope, type ScopedDb, type ScopeOptions } from './scope.js';
import { databaseUnavailable } from './unavailable.js';

/** The replica has not replayed the version asked for: the read goes to the primary. */
export class ReplicaBehind extends Error {
  constructor(readonly has: number, readonly wanted: number) {
    super(`the replica has data version ${has}, ${wanted} is wanted`);
    this.name = 'ReplicaBehind';
  }
}

export interface ReadStats {
  replica: number;
  primary: number;
}

/** The newest data version replayed, as ig_reader inside a scope (one column, `v`). */
export const CAUGHT_UP_SQL = 'SELECT max(version) AS v FROM app.data_versions';

export function assertVersion(has: unknown, wanted: number): void {
  const v = Number(has ?? 0);
  if (v < wanted) throw new ReplicaBehind(v, wanted);
}

export async function assertCaughtUp(db: ScopedDb, wanted: number): Promise<void> {
  const { rows } = await db.query<{ v: number | null }>(CAUGHT_UP_SQL);
  assertVersion(rows[0]?.v, wanted);
}

/**
 * Runs `read` on the replica when there is one and the project's version is known, telling it the
 * version to check (`wanted`); when it throws ReplicaBehind or the replica is in trouble, runs it
 * on the primary (`wanted` undefined). Errors of the read itself (a 404, a bad parameter, a
 * timeout) are the answer, from either.
 */
export async function onFreshReplica<T>(
  primary: Pool,
  replica: Pool | undefined,
  version: number | undefined,
  read: (pool: Pool, wanted: number | undefined) => Promise<T>,
  stats?: ReadStats,
): Promise<T> {
  if (replica && version !== undefined) {
    try {
      const value = await read(replica, version);
      if (stats) stats.replica++;
      return value;
    } catch (err) {
      if (!(err instanceof ReplicaBehind) && !databaseUnavailable(err)) throw err;
    }
  }
  if (stats) stats.primary++;
  return read(primary, undefined);
}

/** A read-only RLS scope on a caught-up replica, else on the primary; `fn` learns the pool it runs on. */
export async function withReadScope<T>(
  primary: Pool,
  replica: Pool | undefined,
  version: number | undefined,
  scope: Scope,
  opts: ScopeOptions,
  fn: (db: ScopedDb, pool: Pool) => Promise<T>,
  stats?: ReadStats,
): Promise<T> {
  return onFreshReplica(
    primary,
    replica,
    version,
    (pool, wanted) =>
      withScope(pool, scope, wanted === undefined ? opts : { ...opts, readOnly: true }, async (db) => {
        if (wanted !== undefined) await assertCaughtUp(db, wanted);
        return fn(db, pool);
      }),
    stats,
  );
}
