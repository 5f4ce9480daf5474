/**
 * Reads from a streaming replica (REPLICA_DATABASE_URL; docs/adr/023-production.md), truthful under
 * lag. A read-only scope runs on the replica only when the replica has already replayed the data
 * version the BFF knows for the project (its listener follows the primary): checked inside the
 * replica's own scope transaction, so the answer comes from a snapshot at least that new. A replica
 * behind it, an unknown version (listener down), a replica that cannot be reached or that cancels
 * the query for a recovery conflict: the same scope runs on the primary. A cached answer keyed by
 * version v therefore never holds data older than v.
 */
import type { Pool } from '../../lib/db.js';
import { withScope, type Scope, type ScopedDb, type ScopeOptions } from './scope.js';
import { databaseUnavailable } from './unavailable.js';

const BEHIND = Symbol('replica behind');

export interface ReadStats {
  replica: number;
  primary: number;
}

export async function withReadScope<T>(
  primary: Pool,
  replica: Pool,
  version: number | undefined,
  scope: Scope,
  opts: ScopeOptions,
  fn: (db: ScopedDb) => Promise<T>,
  stats?: ReadStats,
): Promise<T> {
  if (version !== undefined) {
    try {
      const r = await withScope(replica, scope, { ...opts, readOnly: true }, async (db) => {
        const { rows } = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM app.data_versions');
        if (Number(rows[0]?.v ?? 0) < version) return BEHIND;
        return { value: await fn(db) };
      });
      if (r !== BEHIND) {
        if (stats) stats.replica++;
        return r.value;
      }
    } catch (err) {
      // An error of the answer itself (a 404, a bad parameter) is the answer; trouble with the replica is not.
      if (!databaseUnavailable(err)) throw err;
    }
  }
  if (stats) stats.primary++;
  return withScope(primary, scope, opts, fn);
}
