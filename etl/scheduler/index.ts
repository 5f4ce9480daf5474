/**
 * The tiered schedule on pg-boss, in the same PostgreSQL (schema `pgboss`, created and migrated by
 * pg-boss itself as ig_etl; docs/adr/006).
 *
 *  - One cron job per tier (queues etl-tier-15min, -hourly, -6h, -daily, UTC): it enqueues one
 *    `etl-sync` job per active project and group of the tier; the daily tier also enqueues a re-sync
 *    of the last days of every dated group (late corrections).
 *  - `etl-sync` jobs: one (project, group), from its watermark to the project's local today, through
 *    the pipeline runner. The queue's policy `short` keeps at most one job waiting per singletonKey
 *    `<project>:<group>[:resync]`, so repeated triggers collapse into one; the runner's advisory lock
 *    lets only one run of a (project, group) proceed at a time, whoever started it (a second job finds
 *    it busy and is skipped; a busy re-sync is retried later). A job with a failed window fails and is
 *    retried with exponential backoff; the watermark makes the retry resume where it stopped.
 *
 * pg-boss's own `singleton`/`stately` policies would also bound active jobs per key, but a job that
 * cannot become active blocks fetching for the whole queue (timgit/pg-boss#535), which one queue for
 * 500 projects cannot afford.
 */
import PgBoss from 'pg-boss';
import { businessNow } from '../../lib/clock.js';
import type { Pool } from '../../lib/db.js';
import type { Logger } from '../../lib/log.js';
import { GROUPS, findGroup, groupsOfTier } from '../groups/index.js';
import { isDated } from '../pipeline/plan.js';
import { runGroup, type GroupRunResult } from '../pipeline/run.js';
import type { DataGroup, Tier } from '../pipeline/types.js';
import { listProjects } from '../projects.js';
import { pruneSyncRuns, scheduledTask, type ClientFactory } from '../sync.js';
import { registerReports, type ReportsOptions } from '../reports/index.js';
import { keepLeases, type LeaseKeeper } from './lease.js';

export const SCHEMA = 'pgboss';
export const SYNC_QUEUE = 'etl-sync';
export const TIERS: readonly Tier[] = ['15min', 'hourly', '6h', 'daily'];
export const tierQueue = (tier: Tier) => `etl-tier-${tier}`;

/** Cron (UTC) per tier. The daily run sits off every 15-minute mark, away from the other tiers' runs. */
export const TIER_CRON: Readonly<Record<Tier, string>> = {
  '15min': '*/15 * * * *',
  hourly: '0 * * * *',
  '6h': '5 */6 * * *',
  daily: '40 3 * * *',
};

export interface SyncJob {
  projectId: number;
  group: DataGroup;
  kind: 'sync' | 'resync';
}

export interface SchedulerOptions {
  /** The ETL's pool (ig_etl): the runs use it. */
  pool: Pool;
  /** Connection string pg-boss uses (ig_etl, which owns schema pgboss). */
  bossUrl: string;
  clients: ClientFactory;
  /** Days loaded the first time a group of a project is synced. */
  backfillDays: number;
  /**
   * Sync jobs run at once in this process (default 2); each holds one connection of `pool`. 0: this
   * process only schedules and enqueues, other processes run the jobs.
   */
  concurrency?: number;
  /** Install the tier crons (default true). Off: jobs run only when triggered. */
  schedule?: boolean;
  crons?: Partial<Record<Tier, string>>;
  /** Seconds between polls of the queues (default 2). */
  pollingIntervalSeconds?: number;
  /** Retries of a failed sync job, with exponential backoff from retryDelaySeconds (default 3, 60 s). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  now?: () => Date;
  log?: Logger;
  /** Called after each sync job's run (tests, progress displays). */
  onRun?: (job: SyncJob, result: GroupRunResult) => void;
  /**
   * Lost-worker recovery (etl/scheduler/lease.ts): a sync job active longer than `graceSeconds`
   * whose pair's advisory lock nobody holds is cancelled and enqueued again; checked every
   * `checkSeconds`. Default 30 s and 10 s; false: not checked by this process.
   */
  lease?: { graceSeconds: number; checkSeconds: number } | false;
  /** Reports and alerts on the same pg-boss (etl/reports, docs/adr/025); absent: not run here. */
  reports?: ReportsOptions;
}

export interface Scheduler {
  boss: PgBoss;
  /** Enqueues what the tier's cron enqueues, now; returns the number of jobs created. */
  runTier(tier: Tier): Promise<number>;
  /** Enqueues one sync; null when one for the same key is already waiting. */
  trigger(job: SyncJob): Promise<string | null>;
  /** The lease keeper of this process (absent when `lease: false`). */
  leases?: LeaseKeeper;
  stop(): Promise<void>;
}

/**
 * Several schedulers starting at once on one database (the workers of a deploy) can deadlock in
 * pg-boss's create_queue or schedule upserts (40P01); the statements are idempotent, so retried.
 */
async function retryDeadlock<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if ((err as { code?: string }).code !== '40P01' || attempt >= 8) throw err;
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 100));
    }
  }
}

export const singletonKey = (j: SyncJob) => `${j.projectId}:${j.group}${j.kind === 'resync' ? ':resync' : ''}`;

export async function startScheduler(opts: SchedulerOptions): Promise<Scheduler> {
  const log = opts.log;
  const boss = new PgBoss({
    connectionString: opts.bossUrl,
    schema: SCHEMA,
    application_name: 'ig-scheduler',
    max: 3,
    schedule: opts.schedule !== false,
    // Finished jobs are kept a week for inspection, then archived and deleted by pg-boss.
    archiveCompletedAfterSeconds: 7 * 86_400,
    deleteAfterDays: 7,
  });
  // pg-boss's stop() ends its pool without waiting for the connections to close (pg-pool's end()), so
  // a database stopped right after (npm start's shutdown) terminates them and pg-boss re-emits that as
  // an error. Once stopped, the scheduler has nothing left to report.
  let stopped = false;
  boss.on('error', (err) => {
    if (!stopped) log?.error({ err }, 'scheduler error');
  });
  await boss.start();
  const aborter = new AbortController();

  try {
    await retryDeadlock(() => boss.createQueue(SYNC_QUEUE, {
      name: SYNC_QUEUE,
      policy: 'short',
      retryLimit: opts.retryLimit ?? 3,
      retryDelay: opts.retryDelaySeconds ?? 60,
      retryBackoff: true,
      expireInSeconds: 3 * 3600,
    }));
    for (const tier of TIERS) {
      await retryDeadlock(() => boss.createQueue(tierQueue(tier), { name: tierQueue(tier), policy: 'short', retryLimit: 2, retryDelay: 30, expireInSeconds: 600 }));
    }

    const send = (job: SyncJob) => boss.send(SYNC_QUEUE, job, { singletonKey: singletonKey(job) });

    const runTier = async (tier: Tier): Promise<number> => {
      if (tier === 'daily') {
        const pruned = await pruneSyncRuns(opts.pool, { now: opts.now?.() ?? new Date() });
        log?.debug({ pruned }, 'sync runs pruned');
      }
      const projects = (await listProjects(opts.pool)).filter((p) => p.status === 'active');
      const jobs: SyncJob[] = [];
      for (const p of projects) {
        for (const g of groupsOfTier(tier)) jobs.push({ projectId: p.projectId, group: g.group, kind: 'sync' });
        if (tier === 'daily') for (const g of GROUPS.filter(isDated)) jobs.push({ projectId: p.projectId, group: g.group, kind: 'resync' });
      }
      let created = 0;
      for (const j of jobs) if (await send(j)) created++;
      log?.debug({ tier, jobs: jobs.length, created }, 'tier enqueued');
      return created;
    };

    for (const tier of TIERS) {
      await boss.work<{ tier: Tier }>(tierQueue(tier), { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 }, async ([job]) => ({
        created: await runTier(job!.data.tier ?? tier),
      }));
    }

    const handle = async (data: SyncJob) => {
      const spec = findGroup(data.group);
      if (!spec) return { skipped: `group ${data.group} is not registered` };
      const project = (await listProjects(opts.pool)).find((p) => p.projectId === data.projectId);
      if (!project || project.status !== 'active') return { skipped: `project ${data.projectId} is not active` };
      const now = opts.now?.() ?? businessNow();
      const task = await scheduledTask(opts.pool, project, spec, data.kind, { now, backfillDays: opts.backfillDays });
      const result = await runGroup({
        pool: opts.pool,
        project,
        spec,
        range: task.range,
        kind: task.kind,
        client: () => opts.clients(project),
        signal: aborter.signal,
        ...(log ? { log } : {}),
      });
      opts.onRun?.(data, result);
      if (result.status === 'busy') {
        // The run in progress covers a sync; a re-sync reaches further back, so it waits its turn.
        if (data.kind === 'resync') throw new Error(`${singletonKey(data)} is being synced by another run; retried later`);
        return { skipped: 'another run of this project and group is in progress' };
      }
      const failed = result.windows.filter((w) => w.status === 'failed');
      if (result.status === 'aborted') throw new Error(`stopped after ${result.windows.length} windows; retried later`);
      if (failed.length) {
        throw new Error(`${failed.length} of ${result.windows.length} windows failed, watermark ${result.watermark}: ${failed[0]!.window.from}..${failed[0]!.window.to}: ${failed[0]!.error}`);
      }
      return { range: task.range, windows: result.windows.length, watermark: result.watermark };
    };

    const concurrency = Math.max(0, opts.concurrency ?? 2);
    for (let i = 0; i < concurrency; i++) {
      await boss.work<SyncJob>(SYNC_QUEUE, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 }, async ([job]) => {
        try {
          return await handle(job!.data);
        } catch (err) {
          // A run stopped by stop() is expected (it is retried by the next scheduler): not a warning.
          if (aborter.signal.aborted) log?.debug({ err, job: job!.data }, 'sync job stopped');
          else log?.warn({ err, job: job!.data }, 'sync job failed');
          throw err;
        }
      });
    }

    const lease = opts.lease === false ? undefined : (opts.lease ?? { graceSeconds: 30, checkSeconds: 10 });
    const leases = lease
      ? keepLeases({
          pool: opts.pool,
          schema: SCHEMA,
          queue: SYNC_QUEUE,
          ...lease,
          requeue: async (job) => {
            await boss.cancel(SYNC_QUEUE, job.id);
            await send(job.data as SyncJob);
          },
          log,
        })
      : undefined;

    const reports = opts.reports ? await registerReports(boss, opts.reports) : undefined;
    if (opts.schedule !== false) {
      for (const tier of TIERS) await retryDeadlock(() => boss.schedule(tierQueue(tier), opts.crons?.[tier] ?? TIER_CRON[tier], { tier }, { tz: 'UTC' }));
    }

    return {
      boss,
      runTier,
      trigger: send,
      ...(leases ? { leases } : {}),
      async stop() {
        leases?.stop();
        aborter.abort(); // runs stop between windows; their jobs fail and are retried by the next scheduler
        await reports?.stop();
        await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
        stopped = true;
      },
    };
  } catch (err) {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    throw err;
  }
}
