/**
 * Credentials of the indigitall client and the state shared by every client that uses the same key.
 *
 * Dependency D17 (one server key per project, or one account key for several projects) is open, so
 * both are supported: a KeyResolver maps a project id to its Credentials, either its own or an
 * account's. A Keyring holds, per key, one concurrency Limiter and, per console login, one JWT
 * session; every client given the same Keyring (default: `defaultKeyring`) shares them, so projects
 * that share an account key share its in-flight budget and its login.
 *
 * Secrets never appear in an error message; state is keyed by a SHA-256 fingerprint, not the secret.
 */
import { createHash } from 'node:crypto';
import { Limiter, TokenBucket, type Pace } from './limiter.js';

export interface ConsoleLogin {
  mail: string;
  password: string;
}

export interface Credentials {
  /** Sent as `Authorization: ServerKey <key>`: a project's key or an account key covering several. */
  serverKey?: string;
  /** Console login for `POST /v1/auth`; its JWT is needed by the chat endpoints. */
  login?: ConsoleLogin;
}

export class CredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialsError';
  }
}

/** Throws CredentialsError (naming what is wrong, never the value) unless `c` is usable. */
export function checkCredentials(c: Credentials): Credentials {
  if (c.serverKey === undefined && c.login === undefined) throw new CredentialsError('credentials need a server key or a console login');
  if (c.serverKey !== undefined && (typeof c.serverKey !== 'string' || !/^\S+$/.test(c.serverKey))) {
    throw new CredentialsError('server key must be a non-empty string without spaces');
  }
  if (c.login !== undefined) {
    if (typeof c.login.mail !== 'string' || !c.login.mail.trim()) throw new CredentialsError('console login needs a mail');
    if (typeof c.login.password !== 'string' || !c.login.password) throw new CredentialsError('console login needs a password');
  }
  return c;
}

const fingerprint = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24);

/** The limiter identity of a server key. */
export function serverKeyIdentity(serverKey: string): string {
  return `key:${fingerprint(serverKey)}`;
}

/** The limiter identity of a console login (its account: the mail). */
export function loginIdentity(login: ConsoleLogin): string {
  return `login:${fingerprint(login.mail.trim().toLowerCase())}`;
}

/** Identifies credentials (same key and same login → same id) without revealing them. */
export function credentialsId(c: Credentials): string {
  return fingerprint(c.serverKey ?? '', c.login?.mail.trim().toLowerCase() ?? '', c.login?.password ?? '');
}

// ---- project → credentials ------------------------------------------------------------------------

/** Credentials of a project (may read a secret store, hence the promise). */
export type KeyResolver = (projectId: number) => Credentials | Promise<Credentials>;

export interface KeyResolverConfig {
  /** Per-project credentials; they win over the account's. */
  projects?: Readonly<Record<number, Credentials>>;
  /** One account's credentials for several projects: those listed, or every project when not listed. */
  account?: Credentials & { projectIds?: readonly number[] };
}

export function keyResolver(config: KeyResolverConfig): KeyResolver {
  const account = config.account && checkCredentials({ serverKey: config.account.serverKey, login: config.account.login });
  const covered = config.account?.projectIds && new Set(config.account.projectIds);
  for (const c of Object.values(config.projects ?? {})) checkCredentials(c);
  return (projectId) => {
    const own = config.projects?.[projectId];
    if (own) return own;
    if (account && (!covered || covered.has(projectId))) return account;
    throw new CredentialsError(`no indigitall credentials for project ${projectId}`);
  };
}

// ---- JWT session ----------------------------------------------------------------------------------

/** Refresh this long before a token lapses (at most a tenth of its lifetime), so no request starts with a token about to expire. */
export const TOKEN_EXPIRY_SKEW_MS = 60_000;

/**
 * When (by our clock) to stop using a JWT received at `receivedAt`: its lifetime less the skew.
 * The lifetime is `exp − iat` when the token has both, so a server clock that differs from ours (the
 * simulator runs on a test clock) does not matter; else `exp` against our clock. Infinity when the
 * token does not say or the figures make no sense (then the 401 re-login handles expiry).
 */
export function tokenRefreshAt(token: string, receivedAt: number): number {
  const payload = token.split('.')[1];
  if (!payload) return Infinity;
  let claims: { exp?: unknown; iat?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown; iat?: unknown };
  } catch {
    return Infinity;
  }
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const exp = num(claims?.exp);
  const iat = num(claims?.iat);
  if (exp === undefined) return Infinity;
  const lifetime = iat !== undefined ? (exp - iat) * 1000 : exp * 1000 - receivedAt;
  if (!(lifetime > 0)) return Infinity;
  return receivedAt + lifetime - Math.min(TOKEN_EXPIRY_SKEW_MS, lifetime / 10);
}

/**
 * One console login's access token: cached until its `exp` (less the skew) or until a request reports
 * it invalid; concurrent callers share one login in flight. A failed login is not cached.
 */
export class JwtSession {
  #token: string | undefined;
  #refreshAt = Infinity;
  #pending: Promise<string> | undefined;
  #logins = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Logins completed so far (for tests and run statistics). */
  get logins(): number {
    return this.#logins;
  }

  token(login: () => Promise<string>): Promise<string> {
    if (this.#token !== undefined && this.now() < this.#refreshAt) return Promise.resolve(this.#token);
    this.#pending ??= (async () => {
      try {
        const token = await login();
        this.#token = token;
        this.#refreshAt = tokenRefreshAt(token, this.now());
        this.#logins++;
        return token;
      } finally {
        this.#pending = undefined;
      }
    })();
    return this.#pending;
  }

  /** Drops `token` if it is still the cached one (a newer token from a concurrent re-login stays). */
  invalidate(token: string): void {
    if (this.#token === token) this.#token = undefined;
  }

  // Keep the token out of console.log / util.inspect output.
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `JwtSession { logins: ${this.#logins}, cached: ${this.#token !== undefined} }`;
  }
}

// ---- shared per-key state -------------------------------------------------------------------------

export const DEFAULT_CONCURRENCY = 4;

export interface KeyringOptions {
  /** In-flight HTTP requests per key (default 4). */
  concurrency?: number;
  /** Requests per second and burst per key (the API's limit), or none (default): see Limiter. */
  pace?: Pace;
  /** Clock for token expiry (ms since the epoch). */
  now?: () => number;
}

export class Keyring {
  readonly #limiters = new Map<string, Limiter>();
  readonly #sessions = new Map<string, JwtSession>();
  readonly #concurrency: number;
  readonly #pace: Pace | undefined;
  readonly #now: () => number;

  constructor(opts: KeyringOptions = {}) {
    this.#concurrency = opts.concurrency ?? DEFAULT_CONCURRENCY;
    this.#pace = opts.pace;
    if (opts.pace) new TokenBucket(opts.pace); // validates
    new Limiter(this.#concurrency); // validates
    this.#now = opts.now ?? Date.now;
  }

  /** The limiter of one key identity (serverKeyIdentity / loginIdentity), made on first use. */
  limiter(identity: string): Limiter {
    let l = this.#limiters.get(identity);
    if (!l) this.#limiters.set(identity, (l = new Limiter(this.#concurrency, this.#pace)));
    return l;
  }

  /** A different in-flight limit for the keys of `credentials` (their server key and their login). */
  setConcurrency(credentials: Credentials, max: number): void {
    if (credentials.serverKey !== undefined) this.limiter(serverKeyIdentity(credentials.serverKey)).max = max;
    if (credentials.login !== undefined) this.limiter(loginIdentity(credentials.login)).max = max;
  }

  /** The JWT session of a console login on one API host (a token from one region is not valid on another). */
  session(baseUrl: string, login: ConsoleLogin): JwtSession {
    const id = `${baseUrl}|${fingerprint(login.mail.trim().toLowerCase(), login.password)}`;
    let s = this.#sessions.get(id);
    if (!s) this.#sessions.set(id, (s = new JwtSession(this.#now)));
    return s;
  }
}

/** Shared by every client that is not given its own Keyring. */
export const defaultKeyring = new Keyring();
