/**
 * GET /auth/me: what the caller's credential lets a page do, for pages that cannot read it
 * themselves (the analytics app at /app/ holds only the HttpOnly session cookie). Answers the
 * projects the credential covers (`project_id` first, then `project_ids`), the role, the locale and
 * when it expires, or the same 401 problem as any /v1 route ("The session has expired; sign in
 * again." for an expired cookie). No tenant data, no RLS scope; `Cache-Control: no-store`.
 */
import { Router } from 'express';
import type { Auth } from '../auth/index.js';
import { authenticate } from '../auth/middleware.js';

export function sessionInfoRoutes(auth: Auth): Router {
  const router = Router();
  router.get('/me', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const { claims, source } = await authenticate(req, auth);
    const projects = [...new Set([...(claims.project_id ? [claims.project_id] : []), ...(claims.project_ids ?? [])])];
    const exp = (claims as { exp?: number }).exp;
    res.json({
      source,
      projects,
      role: claims.role,
      locale: claims.locale ?? null,
      expiresAt: typeof exp === 'number' ? new Date(exp * 1000).toISOString() : null,
    });
  });
  return router;
}
