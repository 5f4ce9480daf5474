/**
 * Authentication middleware: the bearer token is verified, the request's project resolved from the
 * claims, and the result attached to res.locals.auth. Routes behind it cannot run unauthenticated.
 */
import type { NextFunction, Request, Response } from 'express';
import { unauthorized } from '../errors.js';
import { resolveProject, type AuthContext } from './claims.js';
import type { TokenVerifier } from './jwt.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      auth: AuthContext;
    }
  }
}

export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw unauthorized('The Authorization header must be "Bearer <token>".');
  return m[1];
}

export function requireAuth(verify: TokenVerifier) {
  return async (req: Request, res: Response, next: NextFunction) => {
    // A token in a URL ends up in logs and browser history: refuse it outright.
    if ('token' in req.query || 'access_token' in req.query) {
      throw unauthorized('Tokens are not accepted in the query string; send Authorization: Bearer.');
    }
    const token = bearerToken(req);
    if (!token) throw unauthorized();
    const claims = await verify(token);
    const header = req.headers['x-ig-project'];
    const requested = typeof req.query.project === 'string' ? req.query.project : typeof header === 'string' ? header : undefined;
    res.locals.auth = resolveProject(claims, requested);
    next();
  };
}
