/**
 * Reports and alerts on the ETL worker (docs/adr/025), through the worker's pg-boss:
 *
 *  - `reports-tick` (cron, every minute): creates the deliveries of the digests due at the business
 *    clock's now (one per subscription and period: the idempotency key), and sweeps the outbox for
 *    rows nobody is sending (a lost notification, a worker that died while sending).
 *  - `reports-send`: one job per delivery (singletonKey = delivery id), retried with exponential
 *    backoff; the delivery row's state machine (send.ts) makes a send happen once.
 *  - `reports-alerts`: one job per project whose data was published (LISTEN ig_data_version, the
 *    NOTIFY of migration 0017), evaluating its rules (alerts.ts).
 *  - LISTEN ig_delivery: a new outbox row (a test-send from the BFF) is sent at once.
 *
 * The scheduler calls `registerReports(boss, …)`; `etl/reports/main.ts` runs it alone.
 */
import pg from 'pg';
import type PgBoss from 'pg-boss';
import nodemailer, { type Transporter } from 'nodemailer';
import { businessNow } from '../../lib/clock.js';
import type { Config } from '../../lib/config.js';
import type { Pool } from '../../lib/db.js';
import type { Logger } from '../../lib/log.js';
import { evaluateProject, type EvaluationResult } from './alerts.js';
import { dueDigest, type DigestSchedule } from './schedule.js';
import { processDelivery, type SendOutcome, type SendRuntime } from './send.js';
import { reportsSecret } from './signing.js';

export const TICK_QUEUE = 'reports-tick';
export const SEND_QUEUE = 'reports-send';
export const ALERTS_QUEUE = 'reports-alerts';

export interface ReportsOptions {
  /** ig_etl pool: the worker's own tables. */
  etl: Pool;
  /** ig_api pool: marts are read under each owner's RLS scope, as the BFF reads them. */
  api: Pool;
  /** Connection string for the LISTEN connection (ig_etl). */
  listenUrl: string;
  config: Config;
  /** Default: nodemailer over SMTP_URL. */
  transport?: Transporter;
  log?: Logger;
  /** Install the minute cron (default true). Off: tests call tick(). */
  schedule?: boolean;
  /** LISTEN for data versions and new deliveries (default true). */
  listen?: boolean;
  /** Send jobs run at once in this process (default 2; 0: this process only enqueues). */
  concurrency?: number;
  pollingIntervalSeconds?: number;
  /** The business clock (default lib/clock.ts businessNow). */
  now?: () => Date;
  beforeDeliver?: SendRuntime['beforeDeliver'];
  onSend?: (deliveryId: string, outcome: SendOutcome) => void;
  onEvaluate?: (projectId: number, result: EvaluationResult) => void;
}

export interface Reports {
  /** Creates the due digests and sweeps the outbox; returns the deliveries enqueued. */
  tick(): Promise<{ created: number; swept: number }>;
  /** Enqueues an alert evaluation of a project (what a data-version NOTIFY does). */
  evaluate(projectId: number): Promise<void>;
  stop(): Promise<void>;
}

export function publicUrlOf(config: Config): string {
  return config.REPORTS_PUBLIC_URL ?? config.PUBLIC_URL ?? `http://127.0.0.1:${config.PORT}`;
}

export function smtpTransport(config: Config): Transporter {
  if (!config.SMTP_URL) throw new Error('SMTP_URL is not set');
  return nodemailer.createTransport(config.SMTP_URL, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as never);
}

export async function registerReports(boss: PgBoss, opts: ReportsOptions): Promise<Reports> {
  const now = opts.now ?? businessNow;
  const rt: SendRuntime = {
    etl: opts.etl,
    api: opts.api,
    config: opts.config,
    transport: opts.transport ?? smtpTransport(opts.config),
    secret: reportsSecret(opts.config),
    publicUrl: publicUrlOf(opts.config),
    now,
    log: opts.log,
    ...(opts.beforeDeliver ? { beforeDeliver: opts.beforeDeliver } : {}),
  };
  const log = opts.log;
  const poll = opts.pollingIntervalSeconds ?? 2;
  const attempts = opts.config.REPORTS_SEND_ATTEMPTS;

  await boss.createQueue(TICK_QUEUE, { name: TICK_QUEUE, policy: 'short', retryLimit: 1, expireInSeconds: 300 });
  await boss.createQueue(SEND_QUEUE, {
    name: SEND_QUEUE,
    policy: 'short',
    retryLimit: Math.max(0, attempts - 1),
    retryDelay: opts.config.REPORTS_RETRY_DELAY_S,
    retryBackoff: true,
    expireInSeconds: Math.min(opts.config.REPORTS_LEASE_S, 900),
  });
  await boss.createQueue(ALERTS_QUEUE, { name: ALERTS_QUEUE, policy: 'short', retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 600 });

  const enqueue = (projectId: string, deliveryId: string) => boss.send(SEND_QUEUE, { projectId, deliveryId }, { singletonKey: deliveryId });

  const tick = async () => {
    const at = now();
    const { rows: subs } = await opts.etl.query<DigestSchedule & { project_id: string; subscription_id: string; owner_id: string; not_before: Date; time_zone: string }>(
      `SELECT s.project_id::text, s.subscription_id, s.owner_id, s.frequency, s.hour, s.weekday, s.not_before, p.time_zone
       FROM app.subscriptions s JOIN app.projects p USING (project_id) WHERE NOT s.paused AND p.status = 'active'`,
    );
    let created = 0;
    for (const s of subs) {
      const due = dueDigest(s, s.time_zone, at, s.not_before);
      if (!due) continue;
      const { rows } = await opts.etl.query<{ delivery_id: string }>(
        `INSERT INTO app.deliveries (project_id, owner_id, kind, subscription_id, idempotency_key, period_from, period_to)
         VALUES ($1, $2, 'digest', $3, $4, $5, $6) ON CONFLICT (project_id, idempotency_key) DO NOTHING RETURNING delivery_id`,
        [s.project_id, s.owner_id, s.subscription_id, `digest:${s.subscription_id}:${due.period.from}`, due.period.from, due.period.to],
      );
      if (rows[0]) {
        created++;
        await enqueue(s.project_id, rows[0].delivery_id);
      }
    }
    // The sweep: never-tried rows (their job or notification was lost) and sends whose worker died.
    const { rows: open } = await opts.etl.query<{ project_id: string; delivery_id: string }>(
      `SELECT project_id::text, delivery_id FROM app.deliveries
       WHERE (state = 'pending' AND attempts = 0) OR (state = 'sending' AND lease_until < now()) ORDER BY created_at LIMIT 1000`,
    );
    for (const d of open) await enqueue(d.project_id, d.delivery_id);
    return { created, swept: open.length };
  };

  await boss.work(TICK_QUEUE, { pollingIntervalSeconds: poll }, async () => tick());
  const concurrency = Math.max(0, opts.concurrency ?? 2);
  for (let i = 0; i < concurrency; i++) {
    await boss.work<{ projectId: string; deliveryId: string }>(SEND_QUEUE, { pollingIntervalSeconds: poll }, async ([job]) => {
      const { projectId, deliveryId } = job!.data;
      const outcome = await processDelivery(rt, projectId, deliveryId);
      opts.onSend?.(deliveryId, outcome);
      // A failed attempt with attempts left fails the job, so pg-boss retries it with backoff.
      if (outcome === 'retry') throw new Error(`delivery ${deliveryId} failed; retried`);
      return { outcome };
    });
  }
  await boss.work<{ projectId: number }>(ALERTS_QUEUE, { pollingIntervalSeconds: poll }, async ([job]) => {
    const projectId = Number(job!.data.projectId);
    const result = await evaluateProject(opts.etl, opts.api, projectId, now(), { statementTimeoutMs: opts.config.STATEMENT_TIMEOUT_MS });
    for (const f of result.fired) if (f.deliveryId) await enqueue(String(projectId), f.deliveryId);
    opts.onEvaluate?.(projectId, result);
    return { day: result.day, evaluated: result.evaluated, fired: result.fired.length, recovered: result.recovered.length };
  });
  if (opts.schedule !== false) await boss.schedule(TICK_QUEUE, '* * * * *', {}, { tz: 'UTC' });

  const evaluate = async (projectId: number) => {
    await boss.send(ALERTS_QUEUE, { projectId }, { singletonKey: String(projectId) });
  };

  let listener: pg.Client | undefined;
  let stopped = false;
  const listen = async () => {
    const c = new pg.Client({ connectionString: opts.listenUrl, application_name: 'ig-reports-listen' });
    c.on('error', (err) => {
      if (stopped) return;
      log?.warn({ err }, 'reports listener lost; reconnecting');
      setTimeout(() => void listen().catch((e) => log?.error({ err: e }, 'reports listener failed')), 1000);
    });
    c.on('notification', (n) => {
      if (!n.payload) return;
      if (n.channel === 'ig_data_version' && /^\d+$/.test(n.payload)) {
        void evaluate(Number(n.payload)).catch((err) => log?.warn({ err }, 'alert evaluation not enqueued'));
      } else if (n.channel === 'ig_delivery') {
        const [projectId, deliveryId] = n.payload.split(':');
        if (projectId && deliveryId) void enqueue(projectId, deliveryId).catch((err) => log?.warn({ err }, 'send not enqueued'));
      }
    });
    await c.connect();
    await c.query('LISTEN ig_data_version; LISTEN ig_delivery');
    listener = c;
  };
  if (opts.listen !== false) await listen();

  return {
    tick,
    evaluate,
    async stop() {
      stopped = true;
      await listener?.end().catch(() => undefined);
      for (const q of [TICK_QUEUE, SEND_QUEUE, ALERTS_QUEUE]) await boss.offWork(q).catch(() => undefined);
      if (opts.schedule !== false) await boss.unschedule(TICK_QUEUE).catch(() => undefined);
      rt.transport.close();
    },
  };
}
