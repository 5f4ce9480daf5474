/**
 * Syncs of registered projects, group by group, through the pipeline runner (etl/pipeline/run.ts):
 *  - backfill: the last N local days of each (project, group), whatever the watermark says;
 *  - due: the (project, group) pairs whose tier says they are due (or all, with force), each from
 *    its watermark (or the backfill start) to the project's local today, plus the daily re-sync of
 *    the last days of every dated group when a day has passed since the last one.
 * The scheduler (etl/scheduler) runs single tasks of the same kind as jobs; `npm run etl` and
 * `npm start` call these directly. Every window is recorded in app.sync_runs; a failing window is
 * reported and the later windows still run.
 */
import type { Config } from '../lib/config.js';
import type { Pool } from '../lib/db.js';
import { businessNow } from '../lib/clock.js';
import { todayIn } from '../lib/dates.js';
import { CredentialsError, Keyring, type Credentials } from './client/credentials.js';
import { IndigitallClients, type ClientsOptions } from './client/indigitall.js';
import { GROUPS, findGroup } from './groups/index.js';
import type { ApiClient } from './pipeline/fetch.js';
import { backfillRange, isDated, planWindows, syncRange, TIER_MINUTES } from './pipeline/plan.js';
import { runGroup, type DriftLog, type GroupRunResult, type RunKind } from './pipeline/run.js';
import type { DataGroup, GroupSpec, Window } from './pipeline/types.js';
import { credentialVariables, listProjects, resolveCredentials, type Project } from './projects.js';

export class SyncError extends Error {}

/** One run to do: a group of a project over a range. */
export interface SyncTask {
  project: Project;
  spec: GroupSpec;
  range: Window;
  kind: RunKind;
}

/** The API client of a project's run; throwing or rejecting (no credentials) fails each window of the run with the message. */
export type ClientFactory = (project: Project) => ApiClient | Promise<ApiClient>;

export interface ApiClientsOptions extends Omit<ClientsOptions, 'resolver' | 'baseUrl' | 'region'> {
  /** Where per-key limiters and JWT sessions live (default: the process-wide one). */
  keyring?: Keyring;
}

/**
 * Clients of the indigitall API (or the simulator) at baseUrl, with each project's credentials
 * (resolveCredentials: its server key and console login), read again at every run so a changed
 * reference or variable applies to the next run. Through IndigitallClients: projects whose
 * credentials are the same (an account key and login) get the same client, and every client shares
 * the per-key limiter and JWT session of its keyring.
 */
export function apiClients(baseUrl: string, env: NodeJS.ProcessEnv = process.env, opts: ApiClientsOptions = {}): ClientFactory {
  const resolved = new Map<number, Credentials>();
  const clients = new IndigitallClients({
    ...opts,
    baseUrl,
    resolver: (projectId) => {
      const c = resolved.get(projectId);
      if (!c) throw new SyncError(`no credentials resolved for project ${projectId}`);
      return c;
    },
  });
  return (project) => {
    // Resolved (and checked) here, synchronously: a missing variable fails the run before any request.
    const credentials = resolveCredentials(project, env);
    resolved.set(project.projectId, credentials);
    const client = clients.forProject(project.projectId);
    const ref = /^env:(.+)$/.exec(project.credentialsRef);
    if (credentials.login !== undefined || !ref) return client;
    // A key-only env:NAME project asking a JWT endpoint (chat, agents): say which variables to set.
    const v = credentialVariables(ref[1]!);
    const named = async <T>(call: () => Promise<T>): Promise<T> => {
      try {
        return await call();
      } catch (err) {
        if (err instanceof CredentialsError) throw new CredentialsError(`${err.message}; set ${v.mail} and ${v.password}`);
        throw err;
      }
    };
    return Promise.resolve(client).then((c) => ({
      get: (path: string, query: Record<string, string | number>) => named(() => c.get(path, query)),
      getCsv: (path: string, query: Record<string, string | number>) => named(() => c.getCsv(path, query)),
    }));
  };
}

/** The keyring of a process's API clients, paced per key as configured (ETL_KEY_RATE, ETL_KEY_BURST; docs/adr/029). */
export function pacedKeyring(config: Pick<Config, 'ETL_KEY_RATE' | 'ETL_KEY_BURST'>): Keyring {
  return new Keyring(config.ETL_KEY_RATE > 0 ? { pace: { perSecond: config.ETL_KEY_RATE, burst: config.ETL_KEY_BURST } } : {});
}

export interface SyncSummary {
  /** Windows whose endpoints all answered (their payloads may still have been quarantined). */
  windows: number;
  rawInserted: number;
  rowsChanged: number;
  quarantined: number;
  failures: { projectId: number; group: DataGroup; window: Window; error: string }[];
  /** Pairs skipped because another run of the same (project, group) was in progress. */
  busy: { projectId: number; group: DataGroup }[];
  runs: GroupRunResult[];
}

export interface Progress {
  project: Project;
  group: DataGroup;
  /** Windows done and planned for this (project, group). */
  done: number;
  total: number;
  /** Windows done and planned over every task of the call. */
  doneAll: number;
  totalAll: number;
}

export interface RunOptions {
  clients: ClientFactory;
  /** (project, group) pairs run at once (default 4); each holds one database connection. */
  concurrency?: number;
  /**
   * Runs at once on one API key (taskKey: a project's server key, or its console login), default 2:
   * the slots go round the keys, so no key's queue waits behind another's (every key has its own
   * rate limit upstream) and no project takes every slot.
   */
  perKey?: number;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /** Where the first sighting of each schema drift is reported. */
  log?: DriftLog;
}

/**
 * The upstream rate budget a task draws on: its project's credentials and the kind of credential its
 * group's endpoints use (the server key, or the console login's JWT: two budgets upstream).
 */
export function taskKey(t: Pick<SyncTask, 'project' | 'spec'>): string {
  const auth = t.spec.endpoints.some((e) => e.auth === 'jwt') ? 'jwt' : 'serverKey';
  return `${t.project.credentialsRef}|${auth}`;
}

/**
 * The order runs start in: each free slot goes to the key with the fewest runs going (below
 * `perKey`), the one with the most windows left breaking ties, and within a key to its next task in
 * the given order. Returns undefined when every key with tasks left is at its limit (or none is left).
 */
export class KeyQueues<T> {
  readonly #queues = new Map<string, { items: T[]; left: number; active: number }>();
  readonly #perKey: number;
  readonly #weight: (t: T) => number;

  constructor(items: readonly T[], key: (t: T) => string, weight: (t: T) => number, perKey: number) {
    if (!Number.isInteger(perKey) || perKey < 1) throw new RangeError(`perKey must be a positive integer, got ${perKey}`);
    this.#perKey = perKey;
    this.#weight = weight;
    for (const t of items) {
      const k = key(t);
      const q = this.#queues.get(k) ?? { items: [], left: 0, active: 0 };
      q.items.push(t);
      q.left += weight(t);
      this.#queues.set(k, q);
    }
  }

  /** The next task to start and its key, counted as running until done(key). */
  next(): { item: T; key: string } | undefined {
    let best: [string, { items: T[]; left: number; active: number }] | undefined;
    for (const e of this.#queues) {
      const q = e[1];
      if (!q.items.length || q.active >= this.#perKey) continue;
      if (!best || q.active < best[1].active || (q.active === best[1].active && q.left > best[1].left)) best = e;
    }
    if (!best) return undefined;
    const [key, q] = best;
    const item = q.items.shift()!;
    q.left -= this.#weight(item);
    q.active++;
    return { item, key };
  }

  done(key: string): void {
    this.#queues.get(key)!.active--;
  }
}

/** Runs the tasks, at most `concurrency` at a time and `perKey` per API key, and sums their outcomes. */
export async function runTasks(pool: Pool, tasks: readonly SyncTask[], opts: RunOptions): Promise<SyncSummary> {
  const summary: SyncSummary = { windows: 0, rawInserted: 0, rowsChanged: 0, quarantined: 0, failures: [], busy: [], runs: [] };
  const windowsOf = tasks.map((t) => planWindows(t.spec, t.range).length);
  const totalAll = windowsOf.reduce((n, w) => n + w, 0);
  let doneAll = 0;
  const results: GroupRunResult[] = new Array(tasks.length);
  const queues = new KeyQueues(
    tasks.map((_, i) => i),
    (i) => taskKey(tasks[i]!),
    (i) => windowsOf[i]!,
    opts.perKey ?? 2,
  );
  const concurrency = Math.max(1, Math.min(opts.concurrency ?? 4, tasks.length));
  let running = 0;
  let failure: unknown;
  const run = async (i: number) => {
    const t = tasks[i]!;
    const total = windowsOf[i]!;
    const group = t.spec.group;
    opts.onProgress?.({ project: t.project, group, done: 0, total, doneAll, totalAll });
    results[i] = await runGroup({
      pool,
      project: t.project,
      spec: t.spec,
      range: t.range,
      kind: t.kind,
      client: () => opts.clients(t.project),
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.log ? { log: opts.log } : {}),
      onWindow: (_o, done) => opts.onProgress?.({ project: t.project, group, done, total, doneAll: ++doneAll, totalAll }),
    });
  };
  // Start runs while slots are free; each run that ends frees a slot (and its key's) for the next.
  await new Promise<void>((resolve, reject) => {
    const fill = () => {
      while (failure === undefined && running < concurrency) {
        const n = queues.next();
        if (!n) break;
        running++;
        run(n.item)
          .catch((err: unknown) => void (failure ??= err))
          .finally(() => {
            running--;
            queues.done(n.key);
            fill();
          });
      }
      if (running === 0) {
        if (failure !== undefined) reject(failure as Error);
        else resolve();
      }
    };
    fill();
  });
  for (const r of results) {
    summary.runs.push(r);
    if (r.status === 'busy') summary.busy.push({ projectId: r.projectId, group: r.group });
    for (const w of r.windows) {
      if (w.fetched) summary.windows++;
      summary.rawInserted += w.rawInserted;
      summary.rowsChanged += w.rowsChanged;
      summary.quarantined += w.quarantined;
      if (w.status === 'failed') summary.failures.push({ projectId: r.projectId, group: r.group, window: w.window, error: w.error! });
    }
  }
  return summary;
}

export interface Selection {
  /** Default: every active project. Naming a project that is not registered or is paused is an error. */
  projectIds?: number[];
  /** Default: every registered group. */
  groups?: readonly string[];
}

/** The active projects and registered groups a command applies to; SyncError for unknown names. */
export async function select(pool: Pool, sel: Selection): Promise<{ projects: Project[]; specs: GroupSpec[] }> {
  const specs = sel.groups
    ? sel.groups.map((g) => {
        const spec = findGroup(g);
        if (!spec) throw new SyncError(`unknown data group "${g}" (registered: ${GROUPS.map((x) => x.group).join(', ')})`);
        return spec;
      })
    : [...GROUPS];
  const all = await listProjects(pool);
  if (!sel.projectIds) return { projects: all.filter((p) => p.status === 'active'), specs };
  const projects = sel.projectIds.map((id) => {
    const p = all.find((x) => x.projectId === id);
    if (!p) throw new SyncError(`project ${id} is not registered (npm run etl -- projects add …)`);
    if (p.status !== 'active') throw new SyncError(`project ${id} is ${p.status}`);
    return p;
  });
  return { projects, specs };
}

/** Tasks of a backfill: the last `days` local days of each selected (project, group). */
export function backfillTasks(projects: readonly Project[], specs: readonly GroupSpec[], days: number, now = businessNow()): SyncTask[] {
  return projects.flatMap((project) =>
    specs.map((spec) => ({ project, spec, range: backfillRange(todayIn(project.timeZone, now), days), kind: 'backfill' as const })),
  );
}

interface StateRow {
  project_id: number;
  data_group: DataGroup;
  watermark: string | null;
  last_success_at: Date | null;
  last_error: string | null;
  resynced_at: Date | null;
}

async function readStates(pool: Pool, projectIds: number[]): Promise<Map<string, StateRow>> {
  const { rows } = await pool.query<StateRow>(
    `SELECT project_id, data_group, watermark, last_success_at, last_error, resynced_at
     FROM app.sync_state WHERE project_id = ANY($1::bigint[])`,
    [projectIds],
  );
  return new Map(rows.map((r) => [`${r.project_id}:${r.data_group}`, r]));
}

export interface DueOptions {
  now?: Date;
  /** Days loaded the first time a group of a project is synced. */
  backfillDays: number;
  /** Every pair, due or not. */
  force?: boolean;
  /** Whether the daily re-sync of the last days may be included (default true). */
  resync?: boolean;
}

/**
 * The task of one (project, group) for a scheduled sync, from its watermark; kind 'resync' reaches
 * back RESYNC_DAYS days for late corrections.
 */
export async function scheduledTask(pool: Pool, project: Project, spec: GroupSpec, kind: 'sync' | 'resync', opts: DueOptions): Promise<SyncTask> {
  const state = (await readStates(pool, [project.projectId])).get(`${project.projectId}:${spec.group}`);
  const today = todayIn(project.timeZone, opts.now);
  const range = syncRange({ watermark: state?.watermark ?? null, today, backfillDays: opts.backfillDays, resync: kind === 'resync' });
  return { project, spec, range, kind };
}

/**
 * The pairs that are due now: never synced, last full success older than the tier's period, or the
 * last attempt failed. A dated group whose last re-sync is a day old (or never ran) is re-synced.
 */
export async function dueTasks(pool: Pool, projects: readonly Project[], specs: readonly GroupSpec[], opts: DueOptions): Promise<SyncTask[]> {
  // Ages are measured on the machine's clock (the runs' timestamps are PostgreSQL's); the days on the
  // business clock. opts.now, when given, stands for both.
  const now = opts.now ?? new Date();
  const states = await readStates(pool, projects.map((p) => p.projectId));
  const tasks: SyncTask[] = [];
  for (const project of projects) {
    const today = todayIn(project.timeZone, opts.now ?? businessNow());
    for (const spec of specs) {
      const s = states.get(`${project.projectId}:${spec.group}`);
      const age = (t: Date | null | undefined) => (t ? now.getTime() - t.getTime() : Infinity);
      const resync = (opts.resync ?? true) && isDated(spec) && age(s?.resynced_at) >= TIER_MINUTES.daily * 60_000;
      const due = opts.force || resync || !s || s.last_error !== null || age(s.last_success_at) >= TIER_MINUTES[spec.tier] * 60_000;
      if (!due) continue;
      const range = syncRange({ watermark: s?.watermark ?? null, today, backfillDays: opts.backfillDays, resync });
      tasks.push({ project, spec, range, kind: resync ? 'resync' : 'sync' });
    }
  }
  return tasks;
}

/** Days of run history (app.sync_runs) kept; the daily tier prunes older runs. */
export const SYNC_RUNS_KEEP_DAYS = 90;

/**
 * Deletes the finished runs (app.sync_runs) that started more than `keepDays` days before `now`, with
 * the data-test failures recorded for them, in one transaction; a run still marked running stays
 * (the next run of its pair closes it). Returns the number of runs deleted.
 */
export async function pruneSyncRuns(pool: Pool, opts: { keepDays?: number; now?: Date } = {}): Promise<number> {
  const keepDays = opts.keepDays ?? SYNC_RUNS_KEEP_DAYS;
  if (!Number.isInteger(keepDays) || keepDays < 1) throw new RangeError(`keepDays must be a positive integer, got ${keepDays}`);
  const cutoff = new Date((opts.now ?? new Date()).getTime() - keepDays * 86_400_000);
  const { rows } = await pool.query<{ runs: number }>(
    `WITH old AS (
       SELECT project_id, run_id FROM app.sync_runs WHERE started_at < $1 AND status <> 'running'
     ), failures AS (
       DELETE FROM app.data_test_failures f USING old WHERE (f.project_id, f.run_id) = (old.project_id, old.run_id)
     ), runs AS (
       DELETE FROM app.sync_runs r USING old WHERE (r.project_id, r.run_id) = (old.project_id, old.run_id)
       RETURNING 1
     )
     SELECT count(*)::int AS runs FROM runs`,
    [cutoff],
  );
  return rows[0]!.runs;
}

