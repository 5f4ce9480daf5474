/**
 * indigitall statistics API client.
 *
 * - Host: a region (`https://{am1|eu1|eu2|eu3}.api.indigitall.com`) or an explicit base URL (the simulator).
 * - Auth: `ServerKey <key>` (a project key or an account key covering several projects), or a JWT from
 *   `POST /v1/auth {mail, password}` sent as `Bearer`; the chat endpoints (/v1/chat/…) take only the
 *   JWT. The token is cached per login and host; a 401 on a Bearer request logs in again once and
 *   retries; concurrent requests share one login in flight.
 * - At most N requests in flight per key (default 4), shared by every client with that key (Keyring).
 * - Both the HTTP status and the body's `statusCode` are checked: the API also reports errors as HTTP
 *   200 with an error statusCode.
 * - Retries: 408, 429, 5xx (HTTP or body), network errors and timeouts, with exponential backoff and
 *   full or decorrelated jitter, or the server's Retry-After (seconds or HTTP date), every wait capped
 *   at maxWaitMs. Never 400, 401 (after the one re-login), 403, 404 or other 4xx.
 * - A 200 body that is not JSON is returned (json undefined) for the caller to quarantine, not retried.
 *
 * Nothing here logs; error messages carry the status, the upstream message and the path, never a key,
 * password or token.
 */
import {
  checkCredentials,
  credentialsId,
  CredentialsError,
  defaultKeyring,
  loginIdentity,
  serverKeyIdentity,
  type ConsoleLogin,
  type Credentials,
  type KeyResolver,
  type Keyring,
} from './credentials.js';
import { collectPages, csvPages, paginate, type CollectedPages, type CsvPage, type CsvPageOptions, type Page, type PageOptions } from './pagination.js';
import { isRetryableStatus, parseRetryAfter, retryDelay, type BackoffOptions, type Jitter } from './retry.js';

// ---- regions --------------------------------------------------------------------------------------

export const REGIONS = ['am1', 'eu1', 'eu2', 'eu3'] as const;
export type Region = (typeof REGIONS)[number];

export function isRegion(value: string): value is Region {
  return (REGIONS as readonly string[]).includes(value);
}

export function regionBaseUrl(region: Region): string {
  if (!isRegion(region)) throw new RangeError(`unknown indigitall region "${String(region)}" (one of ${REGIONS.join(', ')})`);
  return `https://${region}.api.indigitall.com`;
}

// ---- errors ---------------------------------------------------------------------------------------

/**
 * - http: the HTTP status is an error; body: HTTP 200 with an error statusCode in the body;
 * - network: no answer (connection refused or reset …); timeout: no complete answer in time;
 * - aborted: the caller's signal; malformed: an answer the client itself cannot use (login without a token).
 */
export type ErrorKind = 'http' | 'body' | 'network' | 'timeout' | 'aborted' | 'malformed';

export interface ApiErrorDetails {
  kind?: ErrorKind;
  /** HTTP exchanges made for this call (first try, retries and the re-login retry). */
  attempts?: number;
  /** Whether the failure was of a retryable kind (true means the retries ran out). */
  retryable?: boolean;
}

export class IndigitallApiError extends Error {
  readonly kind: ErrorKind;
  /** The message as the API (or the transport) gave it, without the status and path prefix. */
  readonly upstreamMessage: string;
  readonly attempts: number;
  readonly retryable: boolean;

  constructor(
    /** HTTP status, or the body's statusCode for kind `body`, or 0 when there was no answer. */
    readonly status: number,
    message: string,
    /** Request path without the query. */
    readonly path: string,
    details: ApiErrorDetails = {},
  ) {
    super(`indigitall API ${status} on ${path}: ${message}`);
    this.name = 'IndigitallApiError';
    this.upstreamMessage = message;
    this.kind = details.kind ?? (status === 0 ? 'network' : 'http');
    this.attempts = details.attempts ?? 1;
    this.retryable = details.retryable ?? (status === 0 || isRetryableStatus(status));
  }
}

// ---- options and results --------------------------------------------------------------------------

export type AuthMode = 'serverKey' | 'bearer';

export interface RetryEvent {
  path: string;
  /** 1 for the first retry. */
  retry: number;
  delayMs: number;
  status: number;
  kind: ErrorKind;
  message: string;
}

export interface ClientOptions {
  /** Explicit API root (the simulator); give either this or `region`. */
  baseUrl?: string;
  region?: Region;
  /** Shorthand for `credentials: { serverKey }`. */
  serverKey?: string;
  credentials?: Credentials;
  /** Where per-key limiters and JWT sessions live (default: the process-wide `defaultKeyring`). */
  keyring?: Keyring;
  /** Per HTTP exchange, body included (default 30 000). */
  timeoutMs?: number;
  /** Retries after the first try (default 3). */
  retries?: number;
  /** First backoff step (default 250). */
  baseDelayMs?: number;
  /** Upper bound for one wait, so a hostile Retry-After cannot stall a run (default 30 000). */
  maxWaitMs?: number;
  /** Default 'full'. */
  jitter?: Jitter;
  /** How to wait between tries (tests inject one that does not). */
  sleep?: (ms: number) => Promise<void>;
  /** Uniform in [0, 1) for the jitter (default Math.random). */
  random?: () => number;
  /** Clock for Retry-After dates (default Date.now). */
  now?: () => number;
  fetch?: typeof fetch;
  /** Called before each wait; gets no credentials, so it may log. */
  onRetry?: (event: RetryEvent) => void;
}

export interface RequestOptions {
  /** Default: Bearer for /v1/chat/…, else ServerKey when the credentials have a key, else Bearer. */
  auth?: AuthMode;
  /** Accept header (default application/json). */
  accept?: string;
  /** Cancels the call (not retried). */
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** The raw body as text plus the parsed JSON, so a caller can quarantine what it cannot use. */
export interface ApiResponse {
  /** Path with the query string. */
  path: string;
  body: string;
  /** Undefined when the body is not JSON (or is CSV). */
  json: unknown;
  status: number;
  contentType: string;
}

export type Query = Record<string, string | number | boolean | undefined>;

/** Paths that take only a JWT (chat statistics, agents, history). */
const JWT_ONLY = /^\/v1\/chat(\/|$)/;

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

type Outcome =
  | { ok: true; response: ApiResponse }
  | { ok: false; status: number; kind: ErrorKind; message: string; retryable: boolean; retryAfterMs?: number };

interface SendOptions {
  auth: AuthMode | 'login';
  accept: string;
  body?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

function buildPath(path: string, query: Query): string {
  // A path is appended to the base URL: anything but an absolute path could send the key elsewhere.
  if (!path.startsWith('/') || path.startsWith('//')) throw new TypeError(`request path must start with a single "/", got "${path}"`);
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) qs.append(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

function describeFailure(err: unknown): string {
  const e = err as { message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const cause = e?.cause?.code ?? e?.cause?.message;
  const msg = typeof e?.message === 'string' ? e.message : String(err);
  return cause ? `${msg} (${String(cause)})` : msg;
}

function checkNumber(name: string, v: number | undefined, fallback: number, min: number, integer = false): number {
  if (v === undefined) return fallback;
  if (!Number.isFinite(v) || v < min || (integer && !Number.isInteger(v))) throw new RangeError(`${name} must be ${integer ? 'an integer' : 'a number'} ≥ ${min}, got ${v}`);
  return v;
}

// ---- the client -----------------------------------------------------------------------------------

export class IndigitallClient {
  readonly baseUrl: string;
  /** HTTP exchanges, retries and re-logins made by this client (logins themselves count as exchanges). */
  readonly stats = { requests: 0, retries: 0, reLogins: 0 };

  readonly #credentials: Credentials;
  readonly #keyring: Keyring;
  readonly #fetch: typeof fetch;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;
  readonly #timeoutMs: number;
  readonly #retries: number;
  readonly #backoff: BackoffOptions;
  readonly #onRetry: ((e: RetryEvent) => void) | undefined;

  constructor(opts: ClientOptions) {
    if (opts.baseUrl !== undefined && opts.region !== undefined) throw new TypeError('give either baseUrl or region, not both');
    if (opts.baseUrl === undefined && opts.region === undefined) throw new TypeError('a baseUrl or a region is required');
    const base = opts.baseUrl ?? regionBaseUrl(opts.region!);
    let url: URL;
    try {
      url = new URL(base);
    } catch {
      throw new TypeError(`baseUrl is not a URL: "${base}"`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`baseUrl must be http(s), got "${base}"`);
    if (url.username || url.password || url.search || url.hash) throw new TypeError('baseUrl must not carry credentials, a query or a fragment');
    this.baseUrl = base.replace(/\/+$/, '');

    if (opts.serverKey !== undefined && opts.credentials !== undefined) throw new TypeError('give either serverKey or credentials, not both');
    this.#credentials = checkCredentials(opts.credentials ?? { serverKey: opts.serverKey });
    this.#keyring = opts.keyring ?? defaultKeyring;
    this.#fetch = opts.fetch ?? fetch;
    this.#sleep = opts.sleep ?? realSleep;
    this.#now = opts.now ?? Date.now;
    this.#timeoutMs = checkNumber('timeoutMs', opts.timeoutMs, 30_000, 1);
    this.#retries = checkNumber('retries', opts.retries, 3, 0, true);
    this.#backoff = {
      baseDelayMs: checkNumber('baseDelayMs', opts.baseDelayMs, 250, 0),
      maxWaitMs: checkNumber('maxWaitMs', opts.maxWaitMs, 30_000, 0),
      jitter: opts.jitter ?? 'full',
      random: opts.random ?? Math.random,
    };
    if (this.#backoff.jitter !== 'full' && this.#backoff.jitter !== 'decorrelated') throw new RangeError(`unknown jitter "${String(opts.jitter)}"`);
    this.#onRetry = opts.onRetry;
  }

  /** GET returning the JSON envelope (see ApiResponse). */
  async get(path: string, query: Query = {}, opts: RequestOptions = {}): Promise<ApiResponse> {
    const auth = this.authFor(path, opts.auth);
    return await this.#send('GET', path, query, { ...opts, auth, accept: opts.accept ?? 'application/json' });
  }

  /** GET of a text/csv endpoint (chat history): `body` is the CSV, to parse with csv.ts. Errors still come as JSON. */
  getCsv(path: string, query: Query = {}, opts: RequestOptions = {}): Promise<ApiResponse> {
    return this.get(path, query, { ...opts, accept: opts.accept ?? 'text/csv, application/json;q=0.5' });
  }

  /**
   * The pages of a paginated list, one at a time (v1: page from 0, rows in data[]; v2: page from 1,
   * rows in data.<rowsKey>[]). Throws PaginationError on an empty page while count says more rows
   * exist, on a malformed page, and when the page cap is reached before the end.
   */
  pages<T = unknown>(path: string, query: Query, opts: PageOptions = {}): AsyncGenerator<Page<T>> {
    return paginate<T>(this, path, query, opts);
  }

  /** Every row of a paginated list, with each page's response (for raw storage). */
  getAll<T = unknown>(path: string, query: Query, opts: PageOptions = {}): Promise<CollectedPages<T>> {
    return collectPages<T>(this, path, query, opts);
  }

  /** Pages of a CSV list (v1 paging; the last page is the first with fewer records than the limit). */
  csvPages(path: string, query: Query, opts: CsvPageOptions = {}): AsyncGenerator<CsvPage> {
    return csvPages(this, path, query, opts);
  }

  /** Which Authorization a request to `path` uses; CredentialsError when these credentials cannot. */
  authFor(path: string, explicit?: AuthMode): AuthMode {
    const c = this.#credentials;
    const mode: AuthMode = explicit ?? (JWT_ONLY.test(path) ? 'bearer' : c.serverKey !== undefined ? 'serverKey' : 'bearer');
    if (mode === 'serverKey' && c.serverKey === undefined) throw new CredentialsError(`${path} needs a server key; these credentials have none`);
    if (mode === 'bearer' && c.login === undefined) {
      throw new CredentialsError(`${path} needs a console login (mail and password) for a JWT; these credentials have none`);
    }
    return mode;
  }

  /** Logins completed by the JWT session these credentials share on this host (0 without a login). */
  get logins(): number {
    return this.#credentials.login ? this.#keyring.session(this.baseUrl, this.#credentials.login).logins : 0;
  }

  // Keep credentials out of console.log / util.inspect output (private fields are not shown either).
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `IndigitallClient { baseUrl: '${this.baseUrl}' }`;
  }

  toJSON(): { baseUrl: string } {
    return { baseUrl: this.baseUrl };
  }

  async #login(login: ConsoleLogin): Promise<string> {
    const res = await this.#send('POST', '/v1/auth', {}, {
      auth: 'login',
      accept: 'application/json',
      body: JSON.stringify({ mail: login.mail, password: login.password }),
    });
    const token = (res.json as { data?: { accessToken?: unknown } } | undefined)?.data?.accessToken;
    if (typeof token !== 'string' || !/^\S+$/.test(token)) {
      throw new IndigitallApiError(res.status, 'login answer has no data.accessToken', '/v1/auth', { kind: 'malformed', retryable: false });
    }
    return token;
  }

  async #send(method: 'GET' | 'POST', path: string, query: Query, o: SendOptions): Promise<ApiResponse> {
    const full = buildPath(path, query);
    const c = this.#credentials;
    const limiter = this.#keyring.limiter(o.auth === 'serverKey' ? serverKeyIdentity(c.serverKey!) : loginIdentity(c.login!));
    const session = o.auth === 'bearer' ? this.#keyring.session(this.baseUrl, c.login!) : undefined;
    let reLogged = false;
    let exchanges = 0;
    let previousDelay: number | undefined;
    const aborted = () => new IndigitallApiError(0, 'request aborted by the caller', path, { kind: 'aborted', attempts: exchanges, retryable: false });

    for (let retry = 0; ; ) {
      if (o.signal?.aborted) throw aborted();
      const token = session ? await session.token(() => this.#login(c.login!)) : undefined;
      const headers: Record<string, string> = { Accept: o.accept };
      if (o.auth === 'serverKey') headers.Authorization = `ServerKey ${c.serverKey}`;
      else if (token !== undefined) headers.Authorization = `Bearer ${token}`;
      if (o.body !== undefined) headers['Content-Type'] = 'application/json';

      exchanges++;
      const outcome = await limiter.run(() => this.#exchange(method, full, headers, o));
      if (outcome.ok) return outcome.response;

      if (session && token !== undefined && outcome.status === 401 && !reLogged) {
        // Expired or revoked token: drop it (unless a concurrent request already replaced it), log in once more.
        session.invalidate(token);
        reLogged = true;
        this.stats.reLogins++;
        continue;
      }
      const message = this.#redact(outcome.message, token);
      if (!outcome.retryable || retry >= this.#retries) {
        throw new IndigitallApiError(outcome.status, message, path, { kind: outcome.kind, attempts: exchanges, retryable: outcome.retryable });
      }
      const delayMs = retryDelay(retry, previousDelay, outcome.retryAfterMs, this.#backoff);
      previousDelay = delayMs;
      retry++;
      this.stats.retries++;
      this.#onRetry?.({ path, retry, delayMs, status: outcome.status, kind: outcome.kind, message });
      await this.#sleep(delayMs);
    }
  }

  /** One HTTP exchange, classified. Runs while holding a slot of the key's limiter. */
  async #exchange(method: string, full: string, headers: Record<string, string>, o: SendOptions): Promise<Outcome> {
    this.stats.requests++;
    const timeoutMs = o.timeoutMs ?? this.#timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
    let res: Response;
    let text: string;
    try {
      res = await this.#fetch(this.baseUrl + full, { method, headers, body: o.body, signal, redirect: 'manual' });
      text = await res.text(); // the timeout covers the body too
    } catch (err) {
      if (o.signal?.aborted) return { ok: false, status: 0, kind: 'aborted', message: 'request aborted by the caller', retryable: false };
      if (timeout.aborted) return { ok: false, status: 0, kind: 'timeout', message: `no complete answer within ${timeoutMs} ms`, retryable: true };
      return { ok: false, status: 0, kind: 'network', message: `request failed: ${describeFailure(err)}`, retryable: true };
    }
    const contentType = res.headers.get('content-type') ?? '';
    let json: unknown;
    if (!/^\s*text\/csv/i.test(contentType)) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    const env = json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
    const upstream =
      typeof env?.message === 'string' && env.message ? env.message : typeof env?.error === 'string' && env.error ? env.error : undefined;
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), this.#now());
    if (res.status < 200 || res.status > 299) {
      const message = upstream ?? (text.trim().slice(0, 200) || res.statusText || 'no message');
      return { ok: false, status: res.status, kind: 'http', message, retryable: isRetryableStatus(res.status), retryAfterMs };
    }
    const raw = env?.statusCode;
    const bodyStatus = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{3}$/.test(raw) ? Number(raw) : undefined;
    if (bodyStatus !== undefined && bodyStatus >= 400) {
      return { ok: false, status: bodyStatus, kind: 'body', message: upstream ?? 'error statusCode in the body', retryable: isRetryableStatus(bodyStatus), retryAfterMs };
    }
    return { ok: true, response: { path: full, body: text, json, status: res.status, contentType } };
  }

  /** An upstream message echoing a secret must not carry it into an error (and from there into a log). */
  #redact(message: string, token: string | undefined): string {
    let out = message;
    for (const secret of [this.#credentials.serverKey, this.#credentials.login?.password, token]) {
      if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
    }
    return out;
  }
}

// ---- several projects -----------------------------------------------------------------------------

export interface ClientsOptions extends Omit<ClientOptions, 'serverKey' | 'credentials'> {
  resolver: KeyResolver;
}

/**
 * Clients per project from a KeyResolver: projects whose credentials are the same (an account key)
 * get the same client; limiters and JWT sessions are per key anyway (the Keyring).
 */
export class IndigitallClients {
  readonly #clients = new Map<string, IndigitallClient>();
  readonly #opts: ClientsOptions;

  constructor(opts: ClientsOptions) {
    this.#opts = opts;
  }

  async forProject(projectId: number): Promise<IndigitallClient> {
    const credentials = checkCredentials(await this.#opts.resolver(projectId));
    const id = credentialsId(credentials);
    let client = this.#clients.get(id);
    if (!client) {
      const { resolver: _resolver, ...rest } = this.#opts;
      client = new IndigitallClient({ ...rest, credentials });
      this.#clients.set(id, client);
    }
    return client;
  }
}

export { CredentialsError, type Credentials } from './credentials.js';
