/**
 * Verification of indigitall's JWTs with jose. The key comes from configuration, in one of three
 * modes (lib/config.ts, jwtKeyMode):
 *   - `secret`: HS256 with JWT_SECRET (the development default, so `npm start` and tests work);
 *   - `pem`: a PEM public key (RS256/PS256, ES256/384/512, EdDSA), imported once per allowed alg;
 *   - `jwks`: a JWKS URL through jose's createRemoteJWKSet (cached; an unknown `kid` refetches, at
 *     most once per cooldown, so a rotated key is picked up without a restart).
 * Algorithms are an allow-list checked before any key is looked up; `iss`, `aud`, `exp` and `sub` are
 * required; a small clock tolerance applies. Header parameters that name keys (`jwk`, `jku`, `x5u`,
 * `x5c`) are never used to find a key, and unknown `crit` parameters are refused by jose.
 *
 * Every failure of the token itself becomes the same 401, so a caller learns nothing about why a
 * forged token failed; only an unreachable key set is a 503 (we cannot tell good from bad). The
 * token never reaches a log line: failures are logged by jose error code only.
 */
import { LRUCache } from 'lru-cache';
import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import {
  createRemoteJWKSet,
  errors as joseErrors,
  importSPKI,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWTHeaderParameters,
  type JWTPayload,
} from 'jose';
import { jwtKeyMode, type Config } from '../../lib/config.js';
import type { Logger } from '../../lib/log.js';
import { AppError, unauthorized } from '../errors.js';
import { claimsSchema, type Claims } from './claims.js';
import { jwtRepeatsNames } from './json-strict.js';

/** Longer than any real token; refuses oversized input before any parsing. */
export const MAX_TOKEN_LENGTH = 8192;

/** Verified claims, with the expiry and issue time the token carried (a session never outlives it). */
export type VerifiedClaims = Claims & { exp: number; iat: number };
export type TokenVerifier = (token: string) => Promise<VerifiedClaims>;

export type VerifierConfig = Pick<
  Config,
  | 'JWT_SECRET'
  | 'JWT_ISSUER'
  | 'JWT_AUDIENCE'
  | 'JWT_CLOCK_TOLERANCE_S'
  | 'JWT_PUBLIC_KEY'
  | 'JWT_JWKS_URL'
  | 'JWT_ALGORITHMS'
  | 'JWT_JWKS_COOLDOWN_S'
  | 'JWT_JWKS_CACHE_MAX_AGE_S'
  | 'JWT_MAX_AGE_S'
>;

type KeyResolver = Uint8Array | ((header: JWTHeaderParameters) => Promise<CryptoKey | Uint8Array>);

/** Signals that the key set could not be fetched: the token was neither accepted nor refused. */
class KeySetUnavailable extends Error {}

/** The algorithms a PEM public key can verify, its default first. */
function pemAlgorithms(key: KeyObject): string[] {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
    case 'rsa-pss':
      return ['PS256', 'PS384', 'PS512'];
    case 'ed25519':
      return ['EdDSA', 'Ed25519'];
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve ?? '';
      const alg = ({ prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' } as Record<string, string>)[curve];
      if (alg) return [alg];
      throw new Error(`JWT_PUBLIC_KEY: unsupported EC curve ${curve}`);
    }
    default:
      throw new Error(`JWT_PUBLIC_KEY: unsupported key type ${key.asymmetricKeyType}`);
  }
}

/** Reads JWT_PUBLIC_KEY (SPKI or certificate PEM) and checks it against the allow-list, synchronously. */
function readPem(config: VerifierConfig): { spki: string; algorithms: string[] } {
  const pem = config.JWT_PUBLIC_KEY!.replace(/\\n/g, '\n').trim();
  if (/PRIVATE KEY/.test(pem)) throw new Error('JWT_PUBLIC_KEY holds a private key; configure the public key only');
  const publicKey = pem.includes('BEGIN CERTIFICATE') ? new X509Certificate(pem).publicKey : createPublicKey(pem);
  const usable = pemAlgorithms(publicKey);
  const algorithms = config.JWT_ALGORITHMS.length ? config.JWT_ALGORITHMS : [usable[0]!];
  const wrong = algorithms.filter((a) => !usable.includes(a));
  if (wrong.length) throw new Error(`JWT_PUBLIC_KEY (${publicKey.asymmetricKeyType}) cannot verify ${wrong.join(', ')}`);
  return { spki: publicKey.export({ type: 'spki', format: 'pem' }).toString(), algorithms };
}

/** Builds the key lookup and the algorithm allow-list of the configured mode. */
async function keyMaterial(config: VerifierConfig, logger?: Logger): Promise<{ key: KeyResolver; algorithms: string[] }> {
  const mode = jwtKeyMode(config);
  if (mode === 'secret') {
    return { key: new TextEncoder().encode(config.JWT_SECRET), algorithms: config.JWT_ALGORITHMS.length ? config.JWT_ALGORITHMS : ['HS256'] };
  }
  if (mode === 'pem') {
    const { spki, algorithms } = readPem(config);
    const keys = new Map<string, CryptoKey>();
    for (const alg of algorithms) keys.set(alg, await importSPKI(spki, alg));
    // jose checks the allow-list before asking for a key, so the header's alg is one of these.
    return { key: async (header) => keys.get(header.alg)!, algorithms };
  }
  const url = new URL(config.JWT_JWKS_URL!);
  const jwks = createRemoteJWKSet(url, {
    cooldownDuration: config.JWT_JWKS_COOLDOWN_S * 1000,
    cacheMaxAge: config.JWT_JWKS_CACHE_MAX_AGE_S * 1000,
    timeoutDuration: 5000,
  });
  const algorithms = config.JWT_ALGORITHMS.length ? config.JWT_ALGORITHMS : ['RS256', 'ES256', 'EdDSA'];
  return {
    algorithms,
    key: async (header) => {
      // Only `kid` and `alg` select a key: jose's remote set never follows jku/x5u or trusts jwk/x5c.
      try {
        return await jwks(header);
      } catch (err) {
        if (
          err instanceof joseErrors.JWKSNoMatchingKey ||
          err instanceof joseErrors.JWKSMultipleMatchingKeys ||
          err instanceof joseErrors.JOSENotSupported ||
          err instanceof joseErrors.JOSEAlgNotAllowed
        ) {
          throw err;
        }
        logger?.warn({ jwksHost: url.host, error: (err as Error).name, detail: (err as Error).message }, 'JWKS unavailable');
        throw new KeySetUnavailable();
      }
    },
  };
}

/**
 * The verifier of indigitall's tokens. Key material is prepared once (PEM import, JWKS handle); a
 * misconfigured key fails the first verification loudly rather than accepting anything.
 */
export function createVerifier(config: VerifierConfig, logger?: Logger): TokenVerifier {
  if (jwtKeyMode(config) === 'pem') readPem(config); // a bad key or allow-list stops the start
  const material = keyMaterial(config, logger);
  material.catch(() => undefined); // reported on use; avoids an unhandled rejection before then
  return async (token) => {
    if (token.length > MAX_TOKEN_LENGTH) throw unauthorized('The token is too large.');
    // JSON.parse would keep the last of two equal names (`role` twice): refuse such a token outright.
    if (jwtRepeatsNames(token)) {
      logger?.debug({ reason: 'duplicate-name' }, 'token refused');
      throw unauthorized('The token is not valid.');
    }
    const { key, algorithms } = await material;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as Parameters<typeof jwtVerify>[1], {
        algorithms,
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
        clockTolerance: config.JWT_CLOCK_TOLERANCE_S,
        requiredClaims: ['exp', 'sub', 'iat'],
        // jose refuses an `iat` older than this, or later than now (both with the clock tolerance).
        maxTokenAge: config.JWT_MAX_AGE_S,
      }));
    } catch (err) {
      if (err instanceof KeySetUnavailable) throw new AppError('unavailable', 'The keys that verify tokens cannot be fetched right now.', undefined, 5);
      logger?.debug({ reason: (err as { code?: string }).code ?? (err as Error).name }, 'token refused');
      if (err instanceof joseErrors.JWTExpired) throw unauthorized('The token has expired.');
      throw unauthorized('The token is not valid.');
    }
    const claims = parseClaims(payload, logger);
    if (claims.exp - claims.iat > config.JWT_MAX_AGE_S) {
      logger?.debug({ reason: 'lifetime' }, 'token refused');
      throw unauthorized('The token is valid for longer than this service accepts.');
    }
    return claims;
  };
}

/**
 * Remembers tokens that verified, keyed by the whole token (signature included), so the burst of
 * requests a page makes with one token verifies it once (jose's HMAC/RSA check is ~0.1 ms, the
 * largest per-request cost of the BFF's own code). An entry lives until the token expires (with the
 * clock tolerance) and at most `ttlMs`, so a key withdrawn from the JWKS stops being honoured within
 * that bound, as jose's own key-set cache already allows. Refusals are never remembered, and the
 * claims are frozen: requests share them.
 */
export function cachedVerifier(
  verify: TokenVerifier,
  opts: { clockToleranceS: number; maxAgeS: number; ttlMs?: number; max?: number; now?: () => number },
): TokenVerifier {
  const verified = new LRUCache<string, { claims: VerifiedClaims; until: number }>({ max: opts.max ?? 10_000 });
  const now = opts.now ?? Date.now;
  return async (token) => {
    const t = now();
    const hit = verified.get(token);
    if (hit && hit.until > t) return hit.claims;
    const claims = Object.freeze(await verify(token));
    // Never past what the verifier itself would still accept: the expiry, and the maximum age by iat.
    const until = Math.min(t + (opts.ttlMs ?? 60_000), (claims.exp + opts.clockToleranceS) * 1000, (claims.iat + opts.maxAgeS + opts.clockToleranceS) * 1000);
    verified.set(token, { claims, until });
    return claims;
  };
}

/** The claims the BFF relies on, or a 401; `exp` and `iat` are known to be present (requiredClaims). */
export function parseClaims(payload: JWTPayload, logger?: Logger): VerifiedClaims {
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success || typeof payload.exp !== 'number' || typeof payload.iat !== 'number') {
    logger?.debug({ reason: 'claims' }, 'token refused');
    throw unauthorized('The token is not valid.');
  }
  return { ...claims.data, exp: payload.exp, iat: payload.iat };
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
