/** GET /v1/kpis: totals of one channel for a period, with the change against the previous period. */
import { Router } from 'express';
import { z } from 'zod';
import { CHANNELS, getKpis } from '../services/kpis.js';
import { dateRange, parseQuery } from './params.js';
import type { RouteDeps } from './deps.js';

const querySchema = z
  .object({
    channel: z.enum(CHANNELS, { error: `must be one of: ${CHANNELS.join(', ')}` }),
    ...dateRange,
    project: z.string().optional(),
  })
  .strict();

export function kpisRoutes({ scoped }: RouteDeps): Router {
  const router = Router();
  router.get('/kpis', async (req, res) => {
    const q = parseQuery(querySchema, req.query);
    res.json(await scoped(req, (db) => getKpis(db, q)));
  });
  return router;
}
