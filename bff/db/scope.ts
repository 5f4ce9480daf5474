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
 * asking for it separately (docs/adr/028). A read of one query (`singleRead`) goes in that same
 * message, with COMMIT after it, once the project's row is known: one round trip in all (docs/adr/028,
 * second addendum). A pool with too many callers already waiting answers 503 at once instead of
 * queueing without bound.
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
  /**
   * The scope's work is one read (withScope's `fn` sends one query): that query goes with the opening
   * and COMMIT in one simple-query message, one round trip instead of three, once this process knows
   * the project's row (singleReadScope).
   */
  singleRead?: boolean;
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
 * Each project's row as the last opening of a scope on it read it (single-read scopes assume it, then
 * check). Bounded: one entry per project this process served, at most KNOWN_PROJECTS_MAX.
 */
const knownProjects = new Map<string, ScopeProject | null>();
const KNOWN_PROJECTS_MAX = 10_000;
function remember(projectId: string, row: ScopeProject | null): void {
  knownProjects.delete(projectId);
  if (knownProjects.size >= KNOWN_PROJECTS_MAX) knownProjects.delete(knownProjects.keys().next().value!);
  knownProjects.set(projectId, row);
}

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

/** The project's row from the answer of the opening's last statement, recorded for later scopes. */
function readProject(projectId: string, answer: { rows: { project_id?: unknown; time_zone?: unknown }[] }): ScopeProject | null {
  const row = answer.rows[0] as { project_id: number; time_zone: string } | undefined;
  const project = row ? { projectId: String(row.project_id), timeZone: row.time_zone } : null;
  remember(projectId, project);
  return project;
}

/** Rolls back; true when that failed and the connection must be discarded, not reused with unknown state. */
const rollbackFails = (client: PoolClient): Promise<boolean> => client.query('ROLLBACK').then(() => false, () => true);

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
  if (opts.singleRead && opts.readOnly !== false) {
    const known = knownProjects.get(scope.projectId);
    if (known) {
      const answer = await singleReadScope(pool, scope, opts, known, fn);
      if (answer.confirmed) return answer.value;
      // The project's row changed since (its time zone, its subscription): the answer may rest on the
      // old one. The scope below reads it again, as every scope's opening does.
    }
  }
  const client = await acquire(pool, opts.maxWaiting);
  let broken = false;
  try {
    const opened = (await client.query(openingSql(client, scope, opts))) as unknown as { rows: { project_id: number; time_zone: string }[] }[];
    openedProjects.set(client, readProject(scope.projectId, opened[opened.length - 1]!));
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    broken = await rollbackFails(client);
    throw err;
  } finally {
    openedProjects.delete(client);
    client.release(broken);
  }
}

/** Statements of the opening (openingSql): the project's row is the last one's answer. */
const OPENING_STATEMENTS = 4;

/**
 * A read-only scope in one round trip (docs/adr/028, second addendum): `fn` sees the project's row
 * as this process last read it (`known`) and sends one query, which goes out with the scope's opening
 * before it and COMMIT after it as one simple-query message, its parameters as escaped literals.
 * The opening reads the project's row under the policies just set, as always; `confirmed` is false
 * when that row is not `known` (the answer may rest on an old time zone or a project no longer
 * subscribed) and the caller runs `fn` again in a scope of its own. The settings apply to the query
 * as in any scope: SET LOCAL ROLE, the project and user, and statement_timeout (set_config in an
 * earlier statement of the message; PostgreSQL starts a statement's timer when the statement starts).
 */
async function singleReadScope<T>(
  pool: Pool,
  scope: Scope,
  opts: ScopeOptions,
  known: ScopeProject,
  fn: (db: ScopedDb) => Promise<T>,
): Promise<{ confirmed: boolean; value: T }> {
  const client = await acquire(pool, opts.maxWaiting);
  /** Set when the query went out; `project` then holds the row the opening read. */
  const message: { sent?: true; project?: ScopeProject | null } = {};
  let broken = false;
  const db = {
    query: async (text: string, params: readonly unknown[] = []) => {
      if (message.sent) throw new Error('single-read scope: a second query (the route must not declare singleRead)');
      message.sent = true;
      const batch = `${openingSql(client, scope, { ...opts, readOnly: true })}; ${inlineParams(client, text, params)}; COMMIT`;
      const results = (await client.query(batch)) as unknown as { rows: Record<string, unknown>[] }[];
      message.project = readProject(scope.projectId, results[OPENING_STATEMENTS - 1]!);
      return results[OPENING_STATEMENTS]!;
    },
  } as unknown as ScopedDb;
  openedProjects.set(db, known);
  try {
    const value = await fn(db);
    const confirmed = !message.sent || (message.project?.projectId === known.projectId && message.project.timeZone === known.timeZone);
    return { confirmed, value };
  } catch (err) {
    // A statement of the message failed: the transaction is aborted (the rest of the message, COMMIT
    // included, was skipped) and must be rolled back before the connection is reused.
    if (message.sent) broken = await rollbackFails(client);
    throw err;
  } finally {
    openedProjects.delete(db);
    client.release(broken);
  }
}

/**
 * `text` with its parameters ($1, $2, …) written as literals, for a simple-query message: strings
 * escaped by pg's escapeLiteral, finite numbers as quoted digits, arrays of strings as array literals
 * (escaped), booleans, null and undefined (NULL, as pg binds them). Anything else is refused: the
 * single-read path serves fixed queries with such values.
 */
export function inlineParams(client: Pick<PoolClient, 'escapeLiteral'>, text: string, params: readonly unknown[]): string {
  const literal = (v: unknown): string => {
    if (v === null || v === undefined) return 'NULL';
    if (typeof v === 'string') return client.escapeLiteral(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'number' && Number.isFinite(v)) return client.escapeLiteral(String(v));
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) {
      return client.escapeLiteral(`{${v.map((x: string) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
    }
    throw new Error(`single-read scope: cannot write ${typeof v} as a literal`);
  };
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const i = Number(n) - 1;
    if (i < 0 || i >= params.length) throw new Error(`single-read scope: no value for $${n}`);
    return literal(params[i]);
  });
}
