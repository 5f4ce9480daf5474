/**
 * CSRF defence for cookie-authenticated requests. A browser attaches our cookies to requests that
 * other sites trigger, so a request authenticated by a cookie (ours or indigitall's parent-domain one)
 * with an unsafe method must come from a page we trust: its Origin must be our own origin (PUBLIC_URL,
 * or when that is unset the origin the request was addressed to) or one of CORS_ORIGINS. Browsers
 * send Origin on every POST/PUT/PATCH/DELETE; a missing or `null` Origin is refused. Bearer requests
 * are exempt: a browser never attaches an Authorization header on its own.
 */
import type { Request } from 'express';
import type { Config } from '../../lib/config.js';
import { AppError } from '../errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isUnsafeMethod = (method: string) => !SAFE_METHODS.has(method.toUpperCase());

export function createOriginCheck(config: Pick<Config, 'PUBLIC_URL' | 'CORS_ORIGINS'>) {
  const own = config.PUBLIC_URL ? new URL(config.PUBLIC_URL).origin : undefined;
  const trusted = new Set(config.CORS_ORIGINS);
  /** True when the request's Origin is one we trust for cookie-authenticated writes. */
  const allowed = (req: Request): boolean => {
    const origin = req.headers.origin;
    if (typeof origin !== 'string' || origin === 'null') return false;
    if (trusted.has(origin)) return true;
    if (own) return origin === own;
    const host = req.headers.host;
    return !!host && origin === `${req.protocol}://${host}`;
  };
  /** Throws 403 forbidden_origin unless the request's Origin is trusted. */
  return (req: Request): void => {
    if (!allowed(req)) throw new AppError('forbidden_origin', 'This request must come from a page of this site or of a configured host origin.');
  };
}

export type OriginCheck = ReturnType<typeof createOriginCheck>;
