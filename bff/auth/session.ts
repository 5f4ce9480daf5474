/**
 * Our own session: a compact JWT we sign ourselves (HS256 with SESSION_SECRET), carried in an
 * HttpOnly cookie. Any instance verifies it; the only state is the list of sessions signed out before
 * their expiry (revocations.ts, by the session id `jti` each session carries; docs/adr/022-edges.md).
 *
 * It carries the verified claims of indigitall's token (sub, project_id, project_ids, partner_id,
 * role, locale) and expires at min(token exp, now + SESSION_MAX_AGE_S). It can never pass for an
 * indigitall token, nor one of those for it: its key, issuer, audience and `typ` are all different
 * (SESSION_SECRET must differ from JWT_SECRET; lib/config.ts refuses otherwise).
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { CookieOptions, Request, Response } from 'express';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { ConfigError, DEV_JWT_SECRET, isDevAuth, type Config } from '../../lib/config.js';
import { AppError, invalidParameter, unauthorized } from '../errors.js';
import type { Claims } from './claims.js';
import { MAX_TOKEN_LENGTH, parseClaims, type VerifiedClaims } from './jwt.js';
import type { Revocations } from './revocations.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const SESSION_ISSUER = 'urn:indigitall-insights:bff';
export const SESSION_AUDIENCE = 'urn:indigitall-insights:session';
export const SESSION_TYP = 'ig-session+jwt';
/** Browsers drop cookies over ~4 KB; a session that large (hundreds of projects) must use Bearer. */
const MAX_COOKIE_VALUE = 3800;

export type SessionConfig = Pick<
  Config,
  'JWT_SECRET' | 'JWT_PUBLIC_KEY' | 'JWT_JWKS_URL' | 'JWT_CLOCK_TOLERANCE_S' | 'SESSION_SECRET' | 'SESSION_COOKIE' | 'SESSION_MAX_AGE_S' | 'SESSION_SAMESITE' | 'PUBLIC_URL'
>;

/**
 * The session key: SESSION_SECRET, or for the development setup only a key derived from the public
 * development secret, so `npm start` and the tests need no extra setting. Anything else without a
 * SESSION_SECRET stops the BFF at start: a key derived from a public string would let anyone forge
 * sessions.
 */
export function sessionKey(config: Pick<Config, 'SESSION_SECRET' | 'JWT_SECRET' | 'JWT_PUBLIC_KEY' | 'JWT_JWKS_URL'>): Uint8Array {
  if (!config.SESSION_SECRET && !isDevAuth(config)) {
    throw new ConfigError('Invalid configuration:\n  SESSION_SECRET: required unless the development JWT_SECRET is used (at least 32 characters, not JWT_SECRET)');
  }
  const secret = config.SESSION_SECRET ?? createHmac('sha256', DEV_JWT_SECRET).update('indigitall-insights session key v1').digest('hex');
  return new TextEncoder().encode(secret);
}

export interface Session {
  /** The cookie value (a JWT). */
  value: string;
  /** Seconds until it expires; never past the token it was made from. */
  maxAgeS: number;
}

export function createSessions(config: SessionConfig, revocations: Revocations) {
  const key = sessionKey(config);
  const publicUrl = config.PUBLIC_URL ? new URL(config.PUBLIC_URL) : undefined;

  const cookieOptions = (req: Request): CookieOptions => {
    const secure = req.secure || publicUrl?.protocol === 'https:';
    return {
      httpOnly: true,
      secure,
      sameSite: config.SESSION_SAMESITE,
      path: '/',
      // A cross-site iframe needs SameSite=None; Partitioned keeps it working where third-party cookies are blocked (CHIPS).
      ...(config.SESSION_SAMESITE === 'none' ? { partitioned: true } : {}),
    };
  };

  /** Signs a session for verified claims, bounded by the token's own expiry. */
  async function issue(claims: VerifiedClaims, nowS = Math.floor(Date.now() / 1000)): Promise<Session> {
    const exp = Math.min(claims.exp, nowS + config.SESSION_MAX_AGE_S);
    if (exp <= nowS) throw unauthorized('The token has expired.');
    const body: Partial<Claims> = {
      project_id: claims.project_id,
      project_ids: claims.project_ids,
      partner_id: claims.partner_id,
      role: claims.role,
      locale: claims.locale,
    };
    const value = await new SignJWT(JSON.parse(JSON.stringify(body)))
      .setProtectedHeader({ alg: 'HS256', typ: SESSION_TYP })
      .setSubject(claims.sub)
      .setIssuer(SESSION_ISSUER)
      .setAudience(SESSION_AUDIENCE)
      .setIssuedAt(nowS)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(key);
    if (value.length > MAX_COOKIE_VALUE) {
      throw invalidParameter('token', 'This token covers too many projects for a cookie session; send it as Authorization: Bearer.');
    }
    return { value, maxAgeS: exp - nowS };
  }

  /** Our key, issuer, audience, typ, age and session id; the claims and the id, or a 401. */
  async function read(value: string): Promise<{ claims: VerifiedClaims; jti: string }> {
    if (value.length > MAX_TOKEN_LENGTH) throw unauthorized('The session is not valid.');
    try {
      const { payload } = await jwtVerify(value, key, {
        algorithms: ['HS256'],
        issuer: SESSION_ISSUER,
        audience: SESSION_AUDIENCE,
        typ: SESSION_TYP,
        clockTolerance: config.JWT_CLOCK_TOLERANCE_S,
        requiredClaims: ['exp', 'sub', 'iat', 'jti'],
        maxTokenAge: config.SESSION_MAX_AGE_S,
      });
      const claims = parseClaims(payload);
      if (typeof payload.jti !== 'string' || !UUID.test(payload.jti) || claims.exp - claims.iat > config.SESSION_MAX_AGE_S) throw new Error('session shape');
      return { claims, jti: payload.jti };
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw unauthorized('The session has expired; sign in again.');
      throw unauthorized('The session is not valid.');
    }
  }

  async function revokedOrUnknown(jti: string): Promise<boolean> {
    try {
      return await revocations.isRevoked(jti);
    } catch {
      throw new AppError('unavailable', 'Sessions cannot be checked right now; retry shortly.', undefined, 2);
    }
  }

  /** Verifies a session cookie's value (signature, claims, not signed out), or a 401. */
  async function verify(value: string): Promise<VerifiedClaims> {
    const { claims, jti } = await read(value);
    if (await revokedOrUnknown(jti)) throw unauthorized('The session has ended; sign in again.');
    return claims;
  }

  /**
   * Ends a session on every instance: records its id until its expiry. A value that is not a valid
   * session (or has expired) needs nothing; a database failure is a 503, so a sign-out never looks done when it is not.
   */
  async function revoke(value: string): Promise<void> {
    let session: { claims: VerifiedClaims; jti: string };
    try {
      session = await read(value);
    } catch {
      return;
    }
    try {
      await revocations.revoke(session.jti, session.claims.exp);
    } catch {
      throw new AppError('unavailable', 'The session could not be ended right now; retry.', undefined, 2);
    }
  }

  /** Sets the session cookie for verified claims on the response. */
  async function start(req: Request, res: Response, claims: VerifiedClaims): Promise<Session> {
    const session = await issue(claims);
    res.cookie(config.SESSION_COOKIE, session.value, { ...cookieOptions(req), maxAge: session.maxAgeS * 1000 });
    return session;
  }

  /** Clears the session cookie (same attributes, so the browser matches it). */
  function end(req: Request, res: Response): void {
    res.clearCookie(config.SESSION_COOKIE, cookieOptions(req));
  }

  return { cookieName: config.SESSION_COOKIE, issue, verify, revoke, start, end };
}

export type Sessions = ReturnType<typeof createSessions>;
