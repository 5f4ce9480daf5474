/**
 * Verification of indigitall's JWTs with jose: HS256 with the configured shared secret (PEM keys and
 * JWKS arrive with the BFF issue), algorithm allow-list, iss/aud checks and a small clock tolerance.
 * Every failure becomes the same 401 so a caller learns nothing about why a forged token failed.
 */
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import type { Config } from '../../lib/config.js';
import { unauthorized } from '../errors.js';
import { claimsSchema, type Claims } from './claims.js';

/** Longer than any real token; refuses oversized input before any parsing. */
const MAX_TOKEN_LENGTH = 8192;

export type TokenVerifier = (token: string) => Promise<Claims>;

export function createVerifier(config: Pick<Config, 'JWT_SECRET' | 'JWT_ISSUER' | 'JWT_AUDIENCE' | 'JWT_CLOCK_TOLERANCE_S'>): TokenVerifier {
  const key = new TextEncoder().encode(config.JWT_SECRET);
  return async (token) => {
    if (token.length > MAX_TOKEN_LENGTH) throw unauthorized('The token is too large.');
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
        clockTolerance: config.JWT_CLOCK_TOLERANCE_S,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw unauthorized('The token has expired.');
      throw unauthorized('The token is not valid.');
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw unauthorized('The token is not valid.');
    return claims.data;
  };
}

/** Mints an HS256 token as indigitall's login would (demo, scripts and tests; the dev secret only). */
export async function signToken(
  config: Pick<Config, 'JWT_SECRET' | 'JWT_ISSUER' | 'JWT_AUDIENCE'>,
  claims: Partial<Claims> & { sub: string },
  ttlSeconds = 12 * 3600,
): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(config.JWT_ISSUER)
    .setAudience(config.JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(new TextEncoder().encode(config.JWT_SECRET));
}
