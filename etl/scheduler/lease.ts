/**
 * The lease of a sync job (docs/adr/023-production.md, "A worker killed mid-window").
 *
 * pg-boss 10 has no heartbeat: a job whose worker dies stays `active` until its expireInSeconds (3 h
 * here), then waits a retry delay. The lease is the pipeline's own session advisory lock on the
 * (project, group) pair (etl/pipeline/run.ts): a running job holds it on one connection for the
 * whole run, and PostgreSQL releases it the moment that connection ends, which is what happens when
 * the process is killed (the kernel closes its sockets) or, for a machine that vanishes, when the
 * server's TCP keepalive gives up (the worker's connections ask for short keepalives,
 * WORKER_KEEPALIVE_OPTIONS). Liveness is therefore the session, not a timer a busy event loop could
 * miss.
 *
 * Every worker checks now and then: a job of the sync queue active for longer than the grace
 * (the time a job may spend before it takes the lock) whose pair's lock no session holds has lost
 * its worker. It is cancelled (so a late completion of the old one changes nothing) and the same job
 * is enqueued again (the queue's `short` policy keeps one waiting per pair, so two workers reaping at
 * once enqueue it once). The rerun resumes from the watermark; a window cut mid-publish was rolled
 * back with its connection, and its sync_runs row is closed as abandoned by the next run.
 */
import type { Pool } from '../../lib/db.js';
import type { Logger } from '../../lib/log.js';
import { LOCK_KEY_PREFIX } from '../pipeline/run.js';

export interface LostJob {
  id: string;
  data: { projectId: number; group: string; kind: 'sync' | 'resync' };
}

/**
 * Server-side TCP keepalives for the worker's sessions (libpq `options`): a worker whose machine
 * disappears without closing its sockets loses its sessions, and so its leases, within about
 * idle + interval × count seconds (10 + 5 × 3) instead of the kernel default of two hours.
 */
export const WORKER_KEEPALIVE_OPTIONS = '-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3';

/**
 * Active jobs of `queue` started more than `graceSeconds` ago whose pair's advisory lock (etl/pipeline/run.ts's
 * lockKey) no session of this database holds. A bigint advisory key shows in pg_locks as classid (high 32 bits), objid
 * (low 32 bits) and objsubid 1.
 */
export async function findLostJobs(pool: Pool, schema: string, queue: string, graceSeconds: number): Promise<LostJob[]> {
  const { rows } = await pool.query<LostJob>(
    `SELECT j.id::text AS id, j.data
     FROM ${schema}.job j
     WHERE j.name = $1 AND j.state = 'active' AND j.started_on < now() - make_interval(secs => $2)
       AND NOT EXISTS (
         SELECT 1 FROM pg_locks l
         WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended($3 || (j.data->>'projectId') || ':' || (j.data->>'group'), 0))`,
    [queue, graceSeconds, LOCK_KEY_PREFIX],
  );
  return rows;
}

export interface LeaseKeeper {
  /** One check now (tests); the jobs found lost and re-enqueued. */
  check(): Promise<LostJob[]>;
  stop(): void;
}

export function keepLeases(opts: {
  pool: Pool;
  schema: string;
  queue: string;
  graceSeconds: number;
  checkSeconds: number;
  /** Cancels the lost job and enqueues its data again (pg-boss). */
  requeue: (job: LostJob) => Promise<void>;
  log?: Logger | undefined;
}): LeaseKeeper {
  let running: Promise<LostJob[]> | undefined;
  const check = () => {
    running ??= (async () => {
      try {
        const lost = await findLostJobs(opts.pool, opts.schema, opts.queue, opts.graceSeconds);
        for (const job of lost) {
          await opts.requeue(job);
          opts.log?.warn({ jobId: job.id, job: job.data }, 'sync job lost its worker: cancelled and enqueued again');
        }
        return lost;
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  const timer = setInterval(() => {
    check().catch((err) => opts.log?.debug({ err }, 'lease check failed'));
  }, opts.checkSeconds * 1000);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
