/**
 * GET /healthz: the process is up (liveness; no database). GET /readyz: the database answers as the
 * BFF's own role and its schema has every migration this code ships (readiness: a rolling deploy
 * waits for it before sending traffic).
 */
import { Router } from 'express';
import type { Pool } from '../../lib/db.js';
import { loadMigrations } from '../../sql/migrate.js';
import { AppError } from '../errors.js';

export function healthRoutes(pool: Pool): Router {
  const router = Router();
  let expected: Promise<number> | undefined;
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    expected ??= loadMigrations().then((ms) => Math.max(...ms.map((m) => m.version)));
    let applied: number | null;
    try {
      const { rows } = await pool.query<{ v: number | null }>('SELECT bff.schema_version() AS v');
      applied = rows[0]?.v ?? null;
    } catch {
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
