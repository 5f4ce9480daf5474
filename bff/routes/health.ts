/** GET /healthz: the process is up (liveness; it does not touch the database). */
import { Router } from 'express';

export function healthRoutes(): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  return router;
}
