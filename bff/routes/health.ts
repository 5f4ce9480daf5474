/**
 * GET /healthz: the process is up (liveness; no database). GET /readyz: the database answers as the
 * BFF's own role and its schema has every migration this code ships (readiness: a rolling deploy
 * waits for it before sending traffic).
 *
 * The readiness query runs on a connection of its own (kept between probes, reopened after an
 * error; 2 s to connect and to answer), not through the request pool: behind a saturated pool's queue a probe would wait for
 * every request before it, and tell neither when the database left nor when it came back
 * (docs/adr/023-production.md, "Faults"). Probes arriving while one runs share its answer.
 */
import { Router } from 'express';
import pg from 'pg';
import type { Pool } from '../../lib/db.js';
import type { Logger } from '../../lib/log.js';
import { loadMigrations } from '../../sql/migrate.js';
import { AppError } from '../errors.js';

/** Longest wait for the readiness probe's connection and for its answer. */
const PROBE_TIMEOUT_MS = 2000;

export function healthRoutes(pool: Pool, logger?: Logger): Router {
  const router = Router();
  let expected: Promise<number> | undefined;
  let probing: Promise<number | null> | undefined;
  let failing = false;
  const url = (pool.options as { connectionString?: string }).connectionString;
  // One connection kept for the probe (no connect and authentication per probe on a busy process);
  // dropped on any error, opened again by the next probe.
  let probeClient: Promise<pg.Client> | undefined;
  const schemaVersion = async (): Promise<number | null> => {
    if (!url) return (await pool.query<{ v: number | null }>('SELECT bff.schema_version() AS v')).rows[0]?.v ?? null;
    probeClient ??= (async () => {
      const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS, query_timeout: PROBE_TIMEOUT_MS, application_name: 'ig-bff-readyz' });
      c.on('error', () => undefined);
      c.on('end', () => {
        probeClient = undefined;
      });
      await c.connect();
      // Never what keeps a stopping process alive (the BFF's close() ends its pools, not this).
      (c as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
      return c;
    })();
    const mine = probeClient;
    try {
      const c = await mine;
      return (await c.query<{ v: number | null }>('SELECT bff.schema_version() AS v')).rows[0]?.v ?? null;
    } catch (err) {
      if (probeClient === mine) probeClient = undefined;
      void mine.then((c) => c.end()).catch(() => undefined);
      throw err;
    }
  };
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    expected ??= loadMigrations().then((ms) => Math.max(...ms.map((m) => m.version)));
    let applied: number | null;
    try {
      probing ??= schemaVersion().finally(() => {
        probing = undefined;
      });
      applied = await probing;
      if (failing) logger?.warn('readiness probe: the database answers again');
      failing = false;
    } catch (err) {
      // Once per outage: why the probe failed (never in the answer, which anyone may read).
      if (!failing) logger?.warn({ err: (err as Error).message }, 'readiness probe: the database does not answer');
      failing = true;
      throw new AppError('unavailable', 'The database is not reachable.', undefined, 5);
    }
    const want = await expected;
    if (applied === null || applied < want) {
      throw new AppError('unavailable', `The database schema is at migration ${applied ?? 'none'}; this version needs ${want}.`, undefined, 30);
    }
    res.json({ status: 'ready', migration: applied });
  });
  return router;
}
