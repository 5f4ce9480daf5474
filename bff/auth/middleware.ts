/**
 * Authentication middleware. The credential is taken from, in order: `Authorization: Bearer`, our
 * session cookie, indigitall's shared parent-domain cookie (when JWT_PARENT_COOKIE names it). The first
 * one present decides, except that an invalid session cookie gives way to a parent-domain cookie (a
 * stale session must not lock out a user whose indigitall login is fresh). Cookie-authenticated writes
 * pass the Origin check (origin.ts). The request's project is resolved from the claims and the result
 * attached to res.locals.auth, so routes behind the guard cannot run unauthenticated.
 */
import type { NextFunction, Request, Response } from 'express';
import { AppError, unauthorized } from '../errors.js';
import { resolveProject, type AuthContext, type Claims } from './claims.js';
import { requestCookies } from './cookies.js';
import type { TokenVerifier } from './jwt.js';
import { isUnsafeMethod, type OriginCheck } from './origin.js';
import type { Sessions } from './session.js';

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

export type CredentialSource = 'bearer' | 'session' | 'parent-cookie';

export interface Authenticator {
  verify: TokenVerifier;
  sessions: Sessions;
  checkOrigin: OriginCheck;
  /** Name of indigitall's parent-domain cookie; undefined: not read. */
  parentCookie?: string;
}

/** The request's verified claims and where they came from; throws 401/403 problems. */
export async function authenticate(req: Request, a: Authenticator): Promise<{ claims: Claims; source: CredentialSource }> {
  const bearer = bearerToken(req);
  if (bearer !== undefined) return { claims: await a.verify(bearer), source: 'bearer' };

  const cookies = requestCookies(req);
  const session = cookies[a.sessions.cookieName] || undefined;
  const parent = (a.parentCookie && cookies[a.parentCookie]) || undefined;
  if (session === undefined && parent === undefined) throw unauthorized();
  if (isUnsafeMethod(req.method)) a.checkOrigin(req);
  if (session !== undefined) {
    try {
      return { claims: await a.sessions.verify(session), source: 'session' };
    } catch (err) {
      if (parent === undefined) throw err;
    }
  }
  return { claims: await a.verify(parent!), source: 'parent-cookie' };
}

export function requireAuth(a: Authenticator) {
  return async (req: Request, res: Response, next: NextFunction) => {
    // A token in a URL ends up in logs and browser history: refuse it outright, whatever else is sent.
    if ('token' in req.query || 'access_token' in req.query) {
      throw unauthorized('Tokens are not accepted in the query string; send Authorization: Bearer.');
    }
    const { claims } = await authenticate(req, a);
    const header = req.headers['x-ig-project'];
    const requested = typeof req.query.project === 'string' ? req.query.project : typeof header === 'string' ? header : undefined;
    res.locals.auth = resolveProject(claims, requested);
    next();
  };
}

const ROLE_RANK = { viewer: 0, editor: 1, admin: 2 } as const;
export type Role = keyof typeof ROLE_RANK;

export const roleAtLeast = (role: Role, min: Role): boolean => ROLE_RANK[role] >= ROLE_RANK[min];

/**
 * For routes outside the RouteSpec table (define.ts checks `write: true` itself): mount after
 * requireAuth; a role below `min` gets 403 forbidden_role.
 */
export function requireRole(min: Role) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const auth = res.locals.auth as AuthContext | undefined;
    if (!auth) throw unauthorized();
    if (!roleAtLeast(auth.role, min)) throw new AppError('forbidden_role', `This action needs the ${min} role or higher.`);
    next();
  };
}
