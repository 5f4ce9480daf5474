/**
 * The pipeline runner: one data group (GroupSpec) of one project over a date range, window by
 * window, exactly as etl/pipeline/types.ts describes it.
 *
 * Per run: a session advisory lock on (project, group) so two runs of the same pair never overlap
 * (the second gets `busy`), whoever starts them (the scheduler, the CLI, `npm start`); runs left
 * `running` by a process that died are closed as failed; the range is split into group windows.
 * All of that, the state row and the first window's run row are one statement (START_RUN), and the
 * last window's COMMIT releases the lock in the same round trip (docs/adr/029: round trips per run).
 * Statements are named (prepared once per connection): the worker uses a direct or session-mode
 * connection (its advisory locks need one anyway, docs/adr/023).
 *
 * Per window: an app.sync_runs row; every endpoint fetched in the order listed (split to its own
 * window limit, pages re-assembled; an endpoint without dates is a snapshot, fetched once per run and
 * landed with the run's last day as its window; a fan-out endpoint once per key of its source
 * endpoint's validated payload, landed as `<name>:<key>`); every payload validated (schema, then the endpoint's check) — a bad one goes to
 * raw.quarantine with the reason and the window fails. Then ONE transaction: raw (once per identical
 * payload, every payload of the window in one statement), each payload's staging model, the group's
 * mart models, then one statement with the group's data tests, the run's status and the watermark. A data test returning rows rolls it all back (the previous data stays
 * published) and is recorded in app.data_test_failures. The group's data tests run as one query
 * (dataTestsQuery).
 *
 * Watermark (app.sync_state): the end of the contiguous run of succeeded windows from the start of
 * the requested range, written in the same transaction as the window's data, so a process killed at
 * any point leaves it consistent with what was published (plan.ts has the rules).
 */
import pg from 'pg';
import type { Pool, PoolClient } from '../../lib/db.js';
import { fetchEndpoint, type ApiClient, type Fetched } from './fetch.js';
import { compileSql, dataTestsQuery, loadSql, prepared, type SqlFile } from './sql.js';
import { dailyFrom, endpointWindows, groupSpecProblem, planWindows, watermarkAfterFirstFailure, watermarkAfterSuccess } from './plan.js';
import { fanOutName, type CheckContext, type EndpointSpec, type GroupSpec, type Window } from './types.js';
import { canonicalJson, quarantineReason, sha256 } from './validate.js';
import { schemaDrift, type DriftKind } from './drift.js';

const { escapeLiteral } = pg;

export type RunKind = 'sync' | 'backfill' | 'resync';

export interface ProjectRef {
  projectId: number;
  timeZone: string;
}

export interface RunGroupOptions {
  pool: Pool;
  project: ProjectRef;
  spec: GroupSpec;
  range: Window;
  /** Creates the project's API client; when it throws or rejects (no credentials), every window fails with its message. */
  client: () => ApiClient | Promise<ApiClient>;
  /** 'resync' also stamps app.sync_state.resynced_at when every window succeeded. */
  kind?: RunKind;
  /** Stops between windows (the windows done stay published; the watermark says where it stopped). */
  signal?: AbortSignal;
  /** Failing rows kept per data test failure (default 20). */
  sampleSize?: number;
  onWindow?: (outcome: WindowOutcome, done: number, total: number) => void;
  /** Told once per drift first seen for (project, group, endpoint, field, kind); see app.schema_drift. */
  log?: DriftLog;
}

/** Where the first sighting of a schema drift is reported (a pino logger fits). */
export interface DriftLog {
  warn(obj: { projectId: number; group: string; endpoint: string; field: string; kind: DriftKind }, msg: string): void;
}

export interface DataTestFailure {
  test: string;
  failingRows: number;
  sample: unknown[];
}

export interface WindowOutcome {
  window: Window;
  runId: number;
  status: 'succeeded' | 'failed';
  /** Every endpoint answered (the payloads may still have been quarantined). */
  fetched: boolean;
  requests: number;
  rawInserted: number;
  rowsChanged: number;
  quarantined: number;
  testFailures: DataTestFailure[];
  error: string | null;
}

export interface GroupRunResult {
  projectId: number;
  group: GroupSpec['group'];
  range: Window;
  /**
   * busy: another run of the same (project, group) holds the lock; skipped: the project is no longer
   * registered or is paused. Nothing was done in either case.
   */
  status: 'succeeded' | 'failed' | 'busy' | 'skipped' | 'aborted';
  windows: WindowOutcome[];
  /** The watermark after the run. */
  watermark: string | null;
}

export const ABANDONED = 'abandoned: the process running it stopped before it finished';

/** The advisory-lock key of a (project, group) pair (hashed by PostgreSQL to a bigint). */
export const LOCK_KEY_PREFIX = 'ig-sync:';
export const lockKey = (projectId: number, group: string) => `${LOCK_KEY_PREFIX}${projectId}:${group}`;

export async function runGroup(o: RunGroupOptions): Promise<GroupRunResult> {
  const problem = groupSpecProblem(o.spec);
  if (problem) throw new TypeError(problem);
  const { projectId } = o.project;
  const group = o.spec.group;
  const result: GroupRunResult = { projectId, group, range: o.range, status: 'succeeded', windows: [], watermark: null };
  const db = await o.pool.connect();
  let locked = false;
  let broken: Error | undefined;
  const windows = planWindows(o.spec, o.range);
  try {
    // One round trip: the lock, the project's status, closing runs left running by a process that
    // died, the state row and the first window's run row (START_RUN).
    const first = windows[0];
    const start = await db.query<{ locked: boolean; status: string | null; watermark: string | null; run_id: number | null }>(
      prepared(START_RUN, [lockKey(projectId, group), projectId, group, o.spec.tier, first?.from ?? null, first?.to ?? null, ABANDONED]),
    );
    const started = start.rows[0]!;
    locked = started.locked;
    if (!locked) return { ...result, status: 'busy', watermark: started.watermark };
    // The project may have been removed (or paused) since the task was planned.
    if (started.status !== 'active') return { ...result, status: 'skipped' };
    const old = started.watermark;
    result.watermark = old;
    let firstRunId = started.run_id ?? undefined;

    let client: ApiClient | undefined;
    let setupError: string | undefined;
    try {
      client = withSignal(await o.client(), o.signal);
    } catch (err) {
      setupError = (err as Error).message;
    }

    // Endpoints that take no dates answer a snapshot as of now: asked once per run, and landed with
    // the run's last day (the local today of a sync or backfill) as their request window, so every
    // window of the run (and a rerun the same day) finds the same raw row.
    const snapshots: Snapshots = { window: { from: o.range.to, to: o.range.to }, fetched: new Map(), quarantined: new Set(), drifted: new Set() };
    let leading = true;
    // Fetches of the windows after the one loading, at most PREFETCH_WINDOWS ahead, by window index.
    const ahead = new Map<number, Promise<WindowFetch>>();
    const prefetchable = !o.spec.endpoints.some((e) => e.fanOut);
    const noReason = async () => undefined; // unused: fetchWindow asks reasons only for fan-out sources
    for (let i = 0; i < windows.length; i++) {
      if (o.signal?.aborted) {
        result.status = 'aborted';
        // The first window's run row, written with the lock, never ran: it goes (no window was cut).
        await db.query(
          `WITH unstarted AS (DELETE FROM app.sync_runs WHERE project_id = $1 AND run_id = $4 AND status = 'running')
           UPDATE app.sync_state SET last_error = $3 WHERE project_id = $1 AND data_group = $2`,
          [projectId, group, `stopped after ${i} of ${windows.length} windows`, firstRunId ?? null],
        );
        break;
      }
      const window = windows[i]!;
      const prefetched = ahead.get(i);
      ahead.delete(i);
      // While this window loads (PostgreSQL), the next ones' requests go out together: the key stays
      // busy, and a load that takes longer than a fetch leaves it idle only when it outlasts
      // PREFETCH_WINDOWS fetches. Only for groups without a fan-out, whose fetching never reads the
      // database (a fan-out's source is checked against loaded data, on this run's connection, in the
      // middle of this transaction).
      const onFetched = () => {
        if (!prefetchable || !client) return;
        const c = client;
        for (let j = i + 1; j <= i + PREFETCH_WINDOWS && j < windows.length; j++) {
          if (ahead.has(j) || o.signal?.aborted) continue;
          ahead.set(j, fetchWindow(c, o, windows[j]!, snapshots, noReason));
        }
      };
      const outcome = await runWindow(db, o, window, client ?? setupError ?? 'no client', snapshots, {
        successWatermark: leading ? watermarkAfterSuccess(old, windows, i) : undefined,
        completesRun: leading && i === windows.length - 1,
        failureWatermark: leading && i === 0 ? watermarkAfterFirstFailure(old, o.range) : undefined,
      }, {
        ...(prefetched ? { prefetched } : {}),
        ...(firstRunId !== undefined ? { runId: firstRunId } : {}),
        // The last window's COMMIT releases the lock in the same round trip.
        ...(i === windows.length - 1 ? { unlockOnCommit: lockKey(projectId, group) } : {}),
        onFetched,
      });
      firstRunId = undefined;
      if (outcome.status === 'succeeded' && i === windows.length - 1) locked = false;
      if (outcome.status === 'failed') {
        if (leading && i === 0) result.watermark = watermarkAfterFirstFailure(old, o.range);
        leading = false;
        result.status = 'failed';
      } else if (leading) {
        result.watermark = watermarkAfterSuccess(old, windows, i);
      }
      result.windows.push(outcome);
      o.onWindow?.(outcome, i + 1, windows.length);
    }
    return result;
  } catch (err) {
    broken = err as Error;
    throw err;
  } finally {
    if (locked && !broken) {
      await db.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockKey(projectId, group)]).catch((e: Error) => (broken = e));
    }
    // A connection in an unknown state (or still holding the lock) is closed rather than reused;
    // closing it releases the lock too.
    db.release(broken ?? false);
  }
}

/**
 * The start of a run, in one statement: take the pair's session advisory lock; when taken and the
 * project is active, close the pair's runs still marked running (holding the lock, they belong to a
 * process that died), upsert the state row (tier, last attempt) and insert the first window's run row
 * ($5..$6; none when null). Returns whether the lock was taken, the project's status (null: not
 * registered, or the lock was not taken), the watermark (the state row's after the upsert; when busy,
 * as it stands) and the run row's id.
 *
 * All parts see one snapshot, taken before the lock: a run of another process that ended (and
 * unlocked) after it is still seen running there, but UPDATE re-reads a row changed since its
 * snapshot and skips it when it no longer matches (READ COMMITTED), and ON CONFLICT DO UPDATE returns
 * the latest watermark.
 */
const START_RUN = `
WITH lock AS MATERIALIZED (
  SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok
), project AS MATERIALIZED (
  SELECT p.status FROM app.projects p WHERE p.project_id = $2 AND (SELECT ok FROM lock)
), go AS MATERIALIZED (
  SELECT 1 AS go FROM project WHERE status = 'active'
), abandoned AS (
  UPDATE app.sync_runs SET status = 'failed', finished_at = now(), error = $7
  WHERE project_id = $2 AND data_group = $3 AND status = 'running' AND EXISTS (SELECT 1 FROM go)
  RETURNING 1
), state AS (
  INSERT INTO app.sync_state AS s (project_id, data_group, tier, last_attempt_at)
  SELECT $2, $3, $4, now() FROM go
  ON CONFLICT (project_id, data_group) DO UPDATE SET tier = EXCLUDED.tier, last_attempt_at = now()
  RETURNING s.watermark
), run AS (
  INSERT INTO app.sync_runs (project_id, data_group, window_from, window_to)
  SELECT $2, $3, $5::date, $6::date FROM go WHERE $5::date IS NOT NULL
  RETURNING run_id
)
SELECT (SELECT ok FROM lock) AS locked,
       (SELECT status FROM project) AS status,
       CASE WHEN EXISTS (SELECT 1 FROM go) THEN (SELECT watermark FROM state)
            ELSE (SELECT watermark FROM app.sync_state WHERE project_id = $2 AND data_group = $3) END AS watermark,
       (SELECT run_id FROM run) AS run_id`;

/**
 * Windows of a run fetched ahead of the one loading, their requests in flight together (docs/adr/029,
 * third addendum). With one, the largest chat history backfill's key waited whenever a window's load
 * under load outlasted the next fetch, and one window's few sequential page streams could not use
 * the key's rate; two windows at once, for the payloads of two more windows in memory, took the step
 * from 1.34–1.35× its floor to 1.25–1.27× (two fetched one after the other: 1.33×; three at once:
 * 1.35×; one run each).
 */
const PREFETCH_WINDOWS = 2;

/** The snapshot endpoints' request window, their payloads fetched so far in the run (by landed name), and those quarantined. */
interface Snapshots {
  window: Window;
  fetched: Map<string, Fetched>;
  quarantined: Set<Fetched>;
  /** Those whose schema drift was recorded (once per run, like quarantine). */
  drifted: Set<Fetched>;
}

interface StatePlan {
  /** The watermark to write when the window succeeds (undefined: leave it). */
  successWatermark: string | undefined;
  /** The window is the last of a run whose windows all succeeded so far. */
  completesRun: boolean;
  /** The watermark to write when the window fails (undefined: leave it). */
  failureWatermark: string | null | undefined;
}

/** The payloads of one window, or why they could not all be fetched. */
interface WindowFetch {
  fetched: Fetched[];
  requests: number;
  error?: string;
}

/**
 * Every endpoint of the group for one window, in the order listed (sub-windows to the endpoint's own
 * limit; a snapshot once per run; a fan-out endpoint once per key of its source's payload). The
 * requests of one endpoint go out together (the client's per-key limiter and pace bound them), so a
 * run keeps its key busy; they are kept in the same order as one after the other. Never rejects.
 */
async function fetchWindow(
  client: ApiClient,
  o: RunGroupOptions,
  window: Window,
  snapshots: Snapshots,
  reasonOf: (f: Fetched) => Promise<string | undefined>,
): Promise<WindowFetch> {
  const fetched: Fetched[] = [];
  let requests = 0;
  const horizon = dailyFrom(o.spec, o.range);
  try {
    for (const endpoint of o.spec.endpoints) {
      const snapshot = endpoint.maxWindowDays === null;
      const jobs: { w: Window; key: string | number | undefined; known: Fetched | undefined }[] = [];
      for (const w of snapshot ? [snapshots.window] : endpointWindows(endpoint, window, horizon)) {
        const keys = endpoint.fanOut ? await fanOutKeys(endpoint, w, fetched, reasonOf) : [undefined];
        for (const key of keys) {
          const known = snapshot ? snapshots.fetched.get(key === undefined ? endpoint.name : fanOutName(endpoint, key)) : undefined;
          jobs.push({ w, key, known });
        }
      }
      const settled = await Promise.allSettled(jobs.map((j) => j.known ?? fetchEndpoint(client, endpoint, o.project.projectId, j.w, j.key)));
      const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      for (const [i, r] of settled.entries()) {
        if (r.status !== 'fulfilled' || jobs[i]!.known) continue;
        requests += r.value.requests;
        if (snapshot) snapshots.fetched.set(r.value.name, r.value);
      }
      if (failed) throw failed.reason;
      for (const r of settled) fetched.push((r as PromiseFulfilledResult<Fetched>).value);
    }
  } catch (err) {
    return { fetched, requests, error: (err as Error).message };
  }
  return { fetched, requests };
}

async function runWindow(
  db: PoolClient,
  o: RunGroupOptions,
  window: Window,
  client: ApiClient | string,
  snapshots: Snapshots,
  plan: StatePlan,
  hooks: { prefetched?: Promise<WindowFetch>; onFetched?: () => void; runId?: number; unlockOnCommit?: string } = {},
): Promise<WindowOutcome> {
  const { projectId } = o.project;
  const group = o.spec.group;
  // The first window's run row was inserted with the lock (START_RUN).
  const runId =
    hooks.runId ??
    (
      await db.query<{ run_id: number }>(
        prepared(`INSERT INTO app.sync_runs (project_id, data_group, window_from, window_to) VALUES ($1, $2, $3, $4) RETURNING run_id`, [
          projectId,
          group,
          window.from,
          window.to,
        ]),
      )
    ).rows[0]!.run_id;
  const out: WindowOutcome = {
    window,
    runId,
    status: 'failed',
    fetched: false,
    requests: 0,
    rawInserted: 0,
    rowsChanged: 0,
    quarantined: 0,
    testFailures: [],
    error: null,
  };

  const fail = async (error: string): Promise<WindowOutcome> => {
    out.error = error;
    await db.query(
      `UPDATE app.sync_runs SET finished_at = now(), status = 'failed', raw_inserted = 0, rows_changed = 0, error = $3
       WHERE project_id = $1 AND run_id = $2`,
      [projectId, out.runId, error.slice(0, 1000)],
    );
    await db.query(
      `UPDATE app.sync_state SET last_error = $3, watermark = CASE WHEN $4 THEN $5::date ELSE watermark END
       WHERE project_id = $1 AND data_group = $2`,
      [projectId, group, `${window.from}..${window.to}: ${error}`.slice(0, 1000), plan.failureWatermark !== undefined, plan.failureWatermark ?? null],
    );
    return out;
  };

  // Validation (schema, then the endpoint's check), once per payload: a fan-out's source is validated
  // while fetching, because its keys are read from the validated payload.
  const verdicts = new Map<Fetched, Promise<string | undefined>>();
  const reasonOf = (f: Fetched): Promise<string | undefined> => {
    let v = verdicts.get(f);
    if (!v) {
      const ctx: CheckContext = {
        projectId,
        window: f.window,
        query: async <R extends Record<string, unknown>>(sql: string, params: unknown[] = []) => (await db.query<R>(sql, params)).rows,
      };
      verdicts.set(f, (v = f.reason !== undefined ? Promise.resolve(f.reason) : quarantineReason(f.endpoint, f.payload, ctx)));
    }
    return v;
  };

  // 1. Fetch every endpoint (fetchWindow), or take what was fetched ahead while the previous window
  //    was loading. Nothing is written before all have answered.
  if (typeof client === 'string') return fail(client);
  const got = await (hooks.prefetched ?? fetchWindow(client, o, window, snapshots, reasonOf));
  out.requests += got.requests;
  if (got.error !== undefined) return fail(got.error);
  const fetched = got.fetched;
  hooks.onFetched?.();
  out.fetched = true;

  // 2. Validate; quarantine what cannot be loaded.
  const reasons: string[] = [];
  for (const f of fetched) {
    const reason = await reasonOf(f);
    if (!reason) continue;
    reasons.push(o.spec.endpoints.length > 1 || f.name !== f.endpoint.name ? `${f.name}: ${reason}` : reason);
    // A snapshot shared by the run's windows is kept once per run, not once per window it fails.
    if (snapshots.fetched.get(f.name) === f) {
      if (snapshots.quarantined.has(f)) continue;
      snapshots.quarantined.add(f);
    }
    // text cannot hold NUL; such a body is not loadable anyway and is kept with NUL written \u0000.
    const body = f.body.includes('\u0000') ? f.body.replaceAll('\u0000', '\\u0000') : f.body;
    await db.query(
      `INSERT INTO raw.quarantine (project_id, endpoint, params, window_from, window_to, body, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [projectId, f.name, f.params, f.window.from, f.window.to, body, reason],
    );
    out.quarantined++;
  }
  // Schema drift of every payload, loadable or not (a renamed required field is both quarantined and
  // drift), recorded outside the window's transaction so a failed window keeps it.
  await recordDrift(db, o, fetched, snapshots);
  if (reasons.length) return fail(`payload quarantined: ${reasons.join('; ')}`);

  // 3. One transaction: raw, staging, marts, data tests, run status, watermark. Every statement is a
  //    named one (prepared once per connection); the raw payloads go in one statement, and the run's
  //    status and the watermark are written by the data tests' statement (rolled back with it when a
  //    test fails).
  const vars = { project_id: projectId, from: window.from, to: window.to };
  try {
    await db.query(BEGIN_WINDOW);
    const raw = fetched.length ? await insertRaw(db, projectId, fetched) : { ids: [], inserted: 0 };
    out.rawInserted += raw.inserted;
    for (const [i, f] of fetched.entries()) {
      const staging = loadSql('models/staging', f.endpoint.stagingModel);
      const res = await db.query<{ changed: number }>(
        prepared(staging.text, staging.values({ project_id: projectId, raw_id: raw.ids[i]!, from: f.window.from, to: f.window.to })),
      );
      out.rowsChanged += Number(res.rows[0]?.changed ?? 0);
    }
    for (const file of o.spec.martModels) {
      const mart = loadSql('models/marts', file);
      const res = await db.query<{ changed: number }>(prepared(mart.text, mart.values(vars)));
      out.rowsChanged += Number(res.rows[0]?.changed ?? 0);
    }
    const tests = o.spec.dataTests.map((file) => loadSql('tests', file));
    const finish = finishQuery(tests.length ? dataTestsQuery(tests, o.sampleSize ?? 20) : undefined);
    const res = await db.query<{ test: number | null; failing: number; row: unknown }>(
      prepared(
        finish.text,
        finish.values({
          ...vars,
          run_id: out.runId,
          raw_inserted: out.rawInserted,
          rows_changed: out.rowsChanged,
          set_watermark: String(plan.successWatermark !== undefined),
          watermark: plan.successWatermark ?? '',
          completes: String(plan.completesRun),
          resync: String(o.kind === 'resync'),
          data_group: group,
        }),
      ),
    );
    for (const [i, test] of tests.entries()) {
      const rows = res.rows.filter((r) => r.test === i);
      if (rows.length) out.testFailures.push({ test: test.name, failingRows: rows[0]!.failing, sample: rows.map((r) => r.row) });
    }
    if (out.testFailures.length) {
      await db.query('ROLLBACK');
    } else {
      // A simple query of two statements: when COMMIT fails, the unlock is not run (the caller's
      // finally releases the lock).
      await db.query(
        hooks.unlockOnCommit === undefined
          ? 'COMMIT'
          : `COMMIT; SELECT pg_advisory_unlock(hashtextextended(${escapeLiteral(hooks.unlockOnCommit)}, 0))`,
      );
      out.status = 'succeeded';
      return out;
    }
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    out.rawInserted = 0;
    out.rowsChanged = 0;
    out.testFailures = [];
    return fail((err as Error).message);
  }

  // 4. A data test failed: the transaction was rolled back; record what failed, outside it.
  out.rawInserted = 0;
  out.rowsChanged = 0;
  for (const t of out.testFailures) {
    await db.query(
      `INSERT INTO app.data_test_failures (project_id, run_id, data_group, test_name, window_from, window_to, failing_rows, sample)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [projectId, out.runId, group, t.test, window.from, window.to, t.failingRows, JSON.stringify(t.sample)],
    );
  }
  const names = out.testFailures.map((t) => `${t.test} (${t.failingRows} row${t.failingRows === 1 ? '' : 's'})`).join(', ');
  return fail(`data test failed: ${names}; the previously published data is kept`);
}

/**
 * The raw payloads of a window in one statement (once per identical payload: an identical one already
 * landed for the same endpoint and request window is not inserted again). Returns each payload's row
 * id, in the order given, and how many rows were inserted.
 */
async function insertRaw(db: PoolClient, projectId: number, fetched: readonly Fetched[]): Promise<{ ids: number[]; inserted: number }> {
  // At most RAW_BATCH payloads per statement (PostgreSQL takes 65 535 parameters).
  if (fetched.length > RAW_BATCH) {
    const out = { ids: [] as number[], inserted: 0 };
    for (let i = 0; i < fetched.length; i += RAW_BATCH) {
      const part = await insertRaw(db, projectId, fetched.slice(i, i + RAW_BATCH));
      out.ids.push(...part.ids);
      out.inserted += part.inserted;
    }
    return out;
  }
  // One row of parameters per payload (not arrays: an array literal of large payloads would be
  // escaped by pg and parsed again by PostgreSQL); the statement is prepared once per payload count.
  const values: unknown[] = [projectId];
  const rows: string[] = [];
  for (const [i, f] of fetched.entries()) {
    const canonical = canonicalJson(f.payload);
    const n = values.push(i + 1, f.name, JSON.stringify(f.params), f.window.from, f.window.to, canonical, sha256(canonical));
    const p = (k: number) => `$${n - 7 + k}`;
    rows.push(`(${p(1)}::int, ${p(2)}::text, ${p(3)}::jsonb, ${p(4)}::date, ${p(5)}::date, ${p(6)}::jsonb, ${p(7)}::text)`);
  }
  const res = await db.query<{ id: string; inserted: boolean }>(
    prepared(
      `WITH input (ord, endpoint, params, window_from, window_to, payload, sha256) AS (
         VALUES ${rows.join(',\n           ')}
       ), ins AS (
         INSERT INTO raw.api_responses (project_id, endpoint, params, window_from, window_to, payload, sha256)
         SELECT $1::bigint, endpoint, params, window_from, window_to, payload, sha256 FROM input ORDER BY ord
         ON CONFLICT (project_id, endpoint, window_from, window_to, sha256) DO NOTHING
         RETURNING id, endpoint, window_from, window_to, sha256
       )
       SELECT coalesce(ins.id, r.id) AS id, ins.id IS NOT NULL AS inserted
       FROM input i
       LEFT JOIN ins ON (ins.endpoint, ins.window_from, ins.window_to, ins.sha256) = (i.endpoint, i.window_from, i.window_to, i.sha256)
       LEFT JOIN raw.api_responses r
         ON r.project_id = $1::bigint AND (r.endpoint, r.window_from, r.window_to, r.sha256) = (i.endpoint, i.window_from, i.window_to, i.sha256)
       ORDER BY i.ord`,
      values,
    ),
  );
  if (res.rows.length !== fetched.length || res.rows.some((r) => r.id === null)) throw new Error('raw payloads: a payload has no raw row');
  return { ids: res.rows.map((r) => Number(r.id)), inserted: new Set(res.rows.filter((r) => r.inserted).map((r) => r.id)).size };
}

const RAW_BATCH = 500;

/**
 * Opens a window's transaction. Its statements are named ones whose parameters are a project and a
 * window, over tables keyed by project first, so one plan per connection serves every call: generic
 * plans, forced. Left to choose, PostgreSQL re-planned some at every call once the tables were large
 * (its generic estimate for an unknown `day BETWEEN $2 AND $3` exceeds the custom plan's for a known
 * one-day window): the window's data tests, one statement of some twenty queries, cost 13 ms of
 * planning per run, 40 % of PostgreSQL's CPU in an hourly cycle of 2 000 projects after a 365-day
 * backfill (docs/adr/029, second addendum).
 */
const BEGIN_WINDOW = 'BEGIN; SET LOCAL plan_cache_mode = force_generic_plan';

/**
 * The statement that ends a window's transaction: marks the run succeeded and moves the state (the
 * watermark when the plan says so; last success, no error and the re-sync stamp when the run is
 * complete), and returns the data tests' failing rows (none without tests). When a test fails the
 * caller rolls the transaction back, and these writes with it. Compiled once per list of tests.
 */
function finishQuery(tests: SqlFile | undefined): SqlFile {
  const key = tests?.source ?? '';
  let f = finishes.get(key);
  if (!f) {
    f = compileSql(
      'finish window',
      `WITH finished_run AS (
  UPDATE app.sync_runs SET finished_at = now(), status = 'succeeded', raw_inserted = :'raw_inserted'::int, rows_changed = :'rows_changed'::int, error = NULL
  WHERE project_id = :'project_id'::bigint AND run_id = :'run_id'::bigint
  RETURNING 1
), moved_state AS (
  UPDATE app.sync_state SET
    watermark = CASE WHEN :'set_watermark'::boolean THEN nullif(:'watermark'::text, '')::date ELSE watermark END,
    last_success_at = CASE WHEN :'completes'::boolean THEN now() ELSE last_success_at END,
    last_error = CASE WHEN :'completes'::boolean THEN NULL ELSE last_error END,
    resynced_at = CASE WHEN :'completes'::boolean AND :'resync'::boolean THEN now() ELSE resynced_at END
  WHERE project_id = :'project_id'::bigint AND data_group = :'data_group'::text
  RETURNING 1
)
${tests ? tests.source : 'SELECT NULL::int AS test, 0 AS failing, NULL::jsonb AS row WHERE false'}`,
    );
    finishes.set(key, f);
  }
  return f;
}
const finishes = new Map<string, SqlFile>();

/**
 * Upserts the schema drift of a window's payloads into app.schema_drift: one row per (project,
 * group, endpoint, field, kind), `payloads` counting the payloads it was seen in and last_seen moved;
 * a fan-out payload counts under its endpoint's name. A snapshot shared by the run's windows counts
 * once per run. New rows are logged as warnings.
 */
async function recordDrift(db: PoolClient, o: RunGroupOptions, fetched: readonly Fetched[], snapshots: Snapshots): Promise<void> {
  const seen = new Map<string, { endpoint: string; field: string; kind: DriftKind; payloads: number }>();
  for (const f of fetched) {
    if (f.payload === undefined) continue;
    if (snapshots.fetched.get(f.name) === f) {
      if (snapshots.drifted.has(f)) continue;
      snapshots.drifted.add(f);
    }
    for (const d of schemaDrift(f.endpoint.schema, f.payload)) {
      const key = `${f.endpoint.name}\u0000${d.field}\u0000${d.kind}`;
      const s = seen.get(key);
      if (s) s.payloads++;
      else seen.set(key, { endpoint: f.endpoint.name, ...d, payloads: 1 });
    }
  }
  if (!seen.size) return;
  const rows = [...seen.values()];
  const { projectId } = o.project;
  const group = o.spec.group;
  const res = await db.query<{ endpoint: string; field: string; kind: DriftKind; first: boolean }>(
    `INSERT INTO app.schema_drift AS d (project_id, data_group, endpoint, field, kind, payloads)
     SELECT $1, $2, e, f, k, n FROM unnest($3::text[], $4::text[], $5::text[], $6::bigint[]) AS u (e, f, k, n)
     ON CONFLICT (project_id, data_group, endpoint, field, kind)
       DO UPDATE SET payloads = d.payloads + EXCLUDED.payloads, last_seen = greatest(d.last_seen, now())
     RETURNING d.endpoint, d.field, d.kind, (xmax = 0) AS first`,
    [projectId, group, rows.map((r) => r.endpoint), rows.map((r) => r.field), rows.map((r) => r.kind), rows.map((r) => r.payloads)],
  );
  for (const r of res.rows) {
    if (!r.first) continue;
    o.log?.warn(
      { projectId, group, endpoint: r.endpoint, field: r.field, kind: r.kind },
      `schema drift: ${r.endpoint} of project ${projectId} ${r.kind === 'unknown' ? 'has a field the schema does not know' : 'lacks the field'}: ${r.field}`,
    );
  }
}

/**
 * The keys a fan-out endpoint is fetched for in request window `w`: from the payload of its source
 * endpoint (fetched before it, in the same group window) whose request window covers `w`. A source
 * payload that failed validation gives no keys (it is quarantined and fails the window anyway).
 */
async function fanOutKeys(
  endpoint: EndpointSpec,
  w: Window,
  fetched: readonly Fetched[],
  reasonOf: (f: Fetched) => Promise<string | undefined>,
): Promise<(string | number)[]> {
  const fan = endpoint.fanOut!;
  // A snapshot source (no dates) lists the keys for every window of the run.
  const source = fetched.find((f) => f.endpoint.name === fan.from && (f.endpoint.maxWindowDays === null || (f.window.from <= w.from && w.to <= f.window.to)));
  if (!source) throw new Error(`${endpoint.name}: no ${fan.from} payload covers ${w.from}..${w.to}`);
  if (await reasonOf(source)) return [];
  const keys = [...fan.keys(source.payload, w)];
  const seen = new Set<string>();
  for (const k of keys) {
    const ok = typeof k === 'string' ? k !== '' : Number.isSafeInteger(k);
    if (!ok) throw new Error(`${endpoint.name}: fan-out key ${JSON.stringify(k)} from ${fan.from} is not a non-empty string or an integer`);
    if (seen.has(String(k))) throw new Error(`${endpoint.name}: fan-out key ${k} from ${fan.from} is listed twice`);
    seen.add(String(k));
  }
  return keys;
}

/**
 * The client with the run's signal on every request, so a stop cancels the requests in flight (a
 * window of a paced key can take seconds) instead of waiting for the window to end; the cut window
 * fails and rolls back like any failed window, and the next run does it again.
 */
function withSignal(client: ApiClient, signal: AbortSignal | undefined): ApiClient {
  if (!signal) return client;
  type WithOptions = (path: string, query: Record<string, string | number>, opts: { signal: AbortSignal }) => ReturnType<ApiClient['get']>;
  const get = client.get.bind(client) as WithOptions;
  const getCsv = client.getCsv?.bind(client) as WithOptions | undefined;
  return {
    get: (path, query) => get(path, query, { signal }),
    ...(getCsv ? { getCsv: (path: string, query: Record<string, string | number>) => getCsv(path, query, { signal }) } : {}),
  };
}
