/**
 * /auth: turning indigitall's token into our session cookie, and ending it. These routes are not
 * RouteSpecs: they answer redirects and cookies, touch no tenant data and run no RLS scope.
 *
 *   GET  /auth/exchange?token=…&next=/path  → 303 to `next` (a same-site path, else `/`) + Set-Cookie.
 *        The analytics subdomain's one-time `?token=` link: the token leaves the address bar at once.
 *   POST /auth/session  { "token": "…" }      → 204 + Set-Cookie (iframe mode, token via postMessage).
 *   POST /auth/logout                         → 204, the session revoked on every instance, cookie cleared.
 *
 * A bad token is a 401 problem and sets no cookie. The POSTs pass the Origin check (login and logout
 * CSRF). Every answer is `Cache-Control: no-store`; helmet's `Referrer-Policy: no-referrer` keeps the
 * exchange URL out of the next page's Referer.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError, unauthorized } from '../errors.js';
import type { Auth } from '../auth/index.js';
import type { VerifiedClaims } from '../auth/jwt.js';
import { MAX_TOKEN_LENGTH } from '../auth/jwt.js';
import { isUnsafeMethod } from '../auth/origin.js';
import { requestCookies } from '../auth/cookies.js';
import { safeNextPath } from '../auth/redirect.js';
import { jsonBody } from '../edges.js';
import { parseInput } from './params.js';

const sessionBody = z.object({ token: z.string().min(1).max(MAX_TOKEN_LENGTH) }).strict();

/** A session is only useful with a project to act on (project_id, or project_ids to choose from). */
function requireProject(claims: VerifiedClaims): void {
  if (!claims.project_id && !claims.project_ids?.length) throw unauthorized('The token carries no project.');
}

export function authRoutes(auth: Auth): Router {
  const router = Router();
  router.use((req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    if (isUnsafeMethod(req.method)) auth.checkOrigin(req);
    next();
  });

  router.get('/exchange', async (req, res) => {
    const token = req.query.token;
    if (typeof token !== 'string' || !token) throw unauthorized('Pass the token to exchange as ?token=.');
    const claims = await auth.verify(token);
    requireProject(claims);
    await auth.sessions.start(req, res, claims);
    // The Location is exactly the checked path (res.redirect would re-encode it after the check).
    res.status(303).setHeader('Location', safeNextPath(req.query.next));
    res.end();
  });

  router.post('/session', ...jsonBody('16kb'), async (req, res) => {
    if (!req.is('application/json')) throw new AppError('unsupported_media_type', 'Send the token as JSON: { "token": "…" }.');
    const { token } = parseInput(sessionBody, req.body, 'body');
    const claims = await auth.verify(token);
    requireProject(claims);
    await auth.sessions.start(req, res, claims);
    res.status(204).end();
  });

  router.post('/logout', async (req, res) => {
    const session = requestCookies(req)[auth.sessions.cookieName];
    if (session) await auth.sessions.revoke(session);
    auth.sessions.end(req, res);
    res.status(204).end();
  });

  return router;
}
