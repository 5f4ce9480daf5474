// Login JWTs of the simulator (model): HS256 tokens from POST /v1/auth, valid JWT_TTL_SECONDS by the
// simulator's clock, then 401 `Access token is not valid`. The secret is random per simulator instance,
// so tokens of one instance never work on another.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64url');

export interface JwtClaims {
  sub: string;
  iat: number;
  exp: number;
  jti: string;
}

export class JwtIssuer {
  readonly #secret: Buffer;
  #seq = 0;
  /** Claims of tokens whose signature was already checked (a client sends the same token many times). */
  readonly #verified = new Map<string, JwtClaims>();

  constructor(
    readonly ttlSeconds: number,
    secret?: string,
  ) {
    this.#secret = secret ? Buffer.from(secret) : randomBytes(32);
  }

  #sign(data: string): string {
    return createHmac('sha256', this.#secret).update(data).digest('base64url');
  }

  /** A token for `sub` issued at `now`. */
  issue(sub: string, now: Date): string {
    const iat = Math.floor(now.getTime() / 1000);
    const claims: JwtClaims = { sub, iat, exp: iat + this.ttlSeconds, jti: String(++this.#seq) };
    const data = `${b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64(JSON.stringify(claims))}`;
    return `${data}.${this.#sign(data)}`;
  }

  /** The claims of a well-signed token still valid at `now`; undefined otherwise. */
  verify(token: string, now: Date): JwtClaims | undefined {
    let claims = this.#verified.get(token);
    if (claims === undefined) {
      claims = this.#check(token);
      if (claims === undefined) return undefined;
      if (this.#verified.size >= 10_000) this.#verified.clear();
      this.#verified.set(token, claims);
    }
    return now.getTime() / 1000 < claims.exp ? claims : undefined;
  }

  /** The claims of a well-signed token (expiry not checked); undefined otherwise. */
  #check(token: string): JwtClaims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [head, body, sig] = parts as [string, string, string];
    const expected = Buffer.from(this.#sign(`${head}.${body}`));
    const got = Buffer.from(sig);
    if (got.length !== expected.length || !timingSafeEqual(got, expected)) return undefined;
    let claims: JwtClaims;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as JwtClaims;
    } catch {
      return undefined;
    }
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return undefined;
    return claims;
  }
}
