/**
 * One configuration schema for every node process (BFF, ETL, `npm start`), parsed once from the
 * environment with zod so a bad setting fails at start with a message naming the variable.
 */
import { z } from 'zod';

/** The development HS256 secret. `npm start` and the tests use it; `npm run token` refuses any other. */
export const DEV_JWT_SECRET = 'indigitall-insights-dev-secret-do-not-use-in-production';
export const DEV_DB_PASSWORDS = { api: 'ig_api_dev_password', etl: 'ig_etl_dev_password' } as const;

const csv = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
const port = z.coerce.number().int().min(0).max(65535);

export const configSchema = z.object({
  /** Port of the BFF (and the demo pages it serves). */
  PORT: port.default(8080),
  /** Owner/administrator connection (migrations). Unset: an embedded PostgreSQL under IG_DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** The BFF's login role (ig_api). Unset: DATABASE_URL with user ig_api and IG_API_DB_PASSWORD. */
  API_DATABASE_URL: z.string().url().optional(),
  /** The ETL's login role (ig_etl). Unset: DATABASE_URL with user ig_etl and IG_ETL_DB_PASSWORD. */
  ETL_DATABASE_URL: z.string().url().optional(),
  IG_API_DB_PASSWORD: z.string().min(1).default(DEV_DB_PASSWORDS.api),
  IG_ETL_DB_PASSWORD: z.string().min(1).default(DEV_DB_PASSWORDS.etl),
  /** Where the embedded PostgreSQL keeps its cluster. */
  IG_DATA_DIR: z.string().min(1).default('.data'),
  /** Port of the embedded PostgreSQL. */
  PG_PORT: port.default(54329),
  /** indigitall API base URL. Unset: `npm start` runs the simulator and uses it. */
  INDIGITALL_BASE_URL: z.string().url().optional(),
  SIMULATOR_PORT: port.default(0),
  /** HS256 shared secret for indigitall's JWTs. */
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').default(DEV_JWT_SECRET),
  JWT_ISSUER: z.string().min(1).default('https://login.indigitall.com'),
  JWT_AUDIENCE: z.string().min(1).default('indigitall-insights'),
  /** Allowed clock skew when checking exp/nbf, in seconds. */
  JWT_CLOCK_TOLERANCE_S: z.coerce.number().int().min(0).max(300).default(30),
  // --- Auth and sessions (docs/adr/009-auth-and-sessions.md) -------------------------------------
  /**
   * PEM public key (SPKI, or an X.509 certificate) that verifies indigitall's JWTs: RS256/PS256,
   * ES256/384/512 or EdDSA. Literal `\n` sequences are read as newlines. Exclusive with JWT_JWKS_URL;
   * either one switches HS256 (JWT_SECRET) off.
   */
  JWT_PUBLIC_KEY: z.string().min(1).optional(),
  /** JWKS URL of indigitall's login (https, or http to a loopback address for tests). */
  JWT_JWKS_URL: z.string().url().optional(),
  /** Accepted `alg` values (comma separated). Unset: HS256 with a secret, the key's own with a PEM, RS256/ES256/EdDSA with a JWKS. */
  JWT_ALGORITHMS: csv.default([]),
  /** Minimum seconds between two JWKS refetches caused by an unknown `kid` (jose's cooldown). */
  JWT_JWKS_COOLDOWN_S: z.coerce.number().int().min(0).max(3600).default(30),
  /** Seconds a fetched JWKS is used before it is refetched. */
  JWT_JWKS_CACHE_MAX_AGE_S: z.coerce.number().int().min(1).max(86_400).default(600),
  /** Name of indigitall's shared parent-domain cookie that carries its JWT. Unset: not read. */
  JWT_PARENT_COOKIE: z.string().regex(/^[!#$%&'*+.^`|~\w-]+$/, 'must be a cookie name').optional(),
  /**
   * HS256 key of our own session cookie (at least 32 characters, not JWT_SECRET). May be omitted
   * only with the development setup (HS256 with the development JWT_SECRET): then derived from it.
   * The BFF refuses to start without it otherwise (bff/auth/session.ts); the ETL never needs it.
   */
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  SESSION_COOKIE: z.string().regex(/^[!#$%&'*+.^`|~\w-]+$/, 'must be a cookie name').default('ig_session'),
  /** Upper bound of a session's lifetime, in seconds; a session never outlives the token it came from. */
  SESSION_MAX_AGE_S: z.coerce.number().int().min(60).max(7 * 86_400).default(8 * 3600),
  /** SameSite of the session cookie. `none` (iframe in another site) needs an https PUBLIC_URL. */
  SESSION_SAMESITE: z.enum(['lax', 'strict', 'none']).default('lax'),
  /** The BFF's public URL (e.g. https://analytics.indigitall.com): our own origin for the CSRF check; https makes cookies Secure. */
  PUBLIC_URL: z.string().url().optional(),
  // --- end of auth and sessions ------------------------------------------------------------------
  // --- Edges (issue 12, docs/adr/022-edges.md) ----------------------------------------------------
  /**
   * Oldest token accepted, in seconds: a token whose `iat` is older, or whose lifetime (exp − iat) is
   * longer, is refused (401), as is one whose `iat` is in the future beyond JWT_CLOCK_TOLERANCE_S.
   */
  JWT_MAX_AGE_S: z.coerce.number().int().min(60).max(30 * 86_400).default(24 * 3600),
  // --- end of edges --------------------------------------------------------------------------------
  /** Host page origins allowed to call the BFF from a browser (comma separated). */
  CORS_ORIGINS: csv.default([]),
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  PG_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * Connections the BFF's pool keeps open however long it idles (default: PG_POOL_MAX, a fixed-size
   * pool, opened at start). Fewer let a quiet process hand connections back after 30 s idle, and the
   * next burst then waits for new connections and each new backend's first queries (catalogs, plans).
   */
  PG_POOL_MIN: z.coerce.number().int().min(0).max(200).optional(),
  /** Requests allowed to wait for a database connection; more get 503 with Retry-After at once. */
  PG_POOL_MAX_WAITING: z.coerce.number().int().min(0).max(10_000).default(100),
  /**
   * Bound on every BFF request; past it the client gets 503 `timeout`. 8 s: longer than any answer
   * can legitimately take (the pool's wait, PG_POOL_QUEUE_TIMEOUT_MS 2 s, plus the statement timeout,
   * 5 s), shorter than the 10 s clients commonly give up at, so a request held by the pooler while
   * PostgreSQL is away gets its 503 + Retry-After instead of a client-side timeout.
   */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(8_000),
  /** Per user: sustained requests per second and burst (0 turns the limit off). */
  RATE_LIMIT_USER_RPS: z.coerce.number().min(0).default(20),
  RATE_LIMIT_USER_BURST: z.coerce.number().int().min(1).default(60),
  /** Per project, all its users together. */
  RATE_LIMIT_PROJECT_RPS: z.coerce.number().min(0).default(200),
  RATE_LIMIT_PROJECT_BURST: z.coerce.number().int().min(1).default(400),
  /** Memory for cached GET answers (megabytes of JSON). */
  CACHE_MAX_MB: z.coerce.number().min(0).max(4096).default(64),
  /** When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Origins allowed to frame /embed/* pages (CSP frame-ancestors); empty: same origin only. */
  EMBED_FRAME_ANCESTORS: csv.default([]),
  // --- AI chat (docs/adr/015-ai-chat.md) -----------------------------------------------------------
  /** Claude API key. Unset (the default for `npm start` and the tests): the local planner answers. */
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  /** Messages API base URL (tests point it at a fake server). Unset: the SDK's default. */
  ANTHROPIC_BASE_URL: z.string().url().optional(),
  /** The Claude model the chat asks (default: bff/chat/models.ts DEFAULT_CHAT_MODEL; a model the SDK deprecates is warned about at start-up). */
  ANTHROPIC_MODEL: z.string().min(1).default('claude-sonnet-5-5'),
  /** Questions per project and local day (every user together); past it, 429 chat_quota_exceeded. 0: no limit. */
  CHAT_DAILY_QUOTA: z.coerce.number().int().min(0).default(200),
  /** Model rounds per question (model → tools → model …); the last round may not call tools. */
  CHAT_MAX_ROUNDS: z.coerce.number().int().min(1).max(20).default(6),
  /** max_tokens of each model round. */
  CHAT_MAX_TOKENS: z.coerce.number().int().min(64).max(16_384).default(1500),
  /** Rows a tool result keeps (run_sql's LIMIT, tables' rows); the model is told when it cut. */
  CHAT_MAX_ROWS: z.coerce.number().int().min(1).max(5000).default(200),
  /** Bound on one question, model and tools together; past it the stream ends with error `timeout`. */
  CHAT_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(90_000),
  /** Earlier turns of a conversation sent with a new question. */
  CHAT_HISTORY_TURNS: z.coerce.number().int().min(0).max(50).default(6),
  // --- end of AI chat ------------------------------------------------------------------------------
  // --- Production: processes, the wire, several instances (docs/adr/023-production.md) ----------
  /** Interface the BFF listens on. 127.0.0.1 unless an operator asks for another (0.0.0.0, ::, an address). */
  HOST: z
    .string()
    .regex(/^[A-Za-z0-9.:_-]+$/, 'must be an IP address or a host name')
    .default('127.0.0.1'),
  /** BFF processes `npm run serve` runs on this machine (node:cluster, one shared port); 1: one process. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** Serve the element catalog (/catalog/ and /custom-elements.json); `npm start` turns it on. */
  CATALOG_ENABLED: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** Where the rate-limit buckets live: postgres (one truth for every BFF instance) or memory (this process). */
  RATE_LIMIT_STORE: z.enum(['postgres', 'memory']).default('postgres'),
  /** JSON, CSV and OpenAPI answers larger than this are compressed (br/gzip, as the client accepts). */
  COMPRESSION_THRESHOLD_BYTES: z.coerce.number().int().min(0).max(10_000_000).default(1024),
  /**
   * Connection the BFF LISTENs on for data versions: it must reach PostgreSQL directly (LISTEN does
   * not survive a transaction-mode pooler). Unset: API_DATABASE_URL (or the one derived from DATABASE_URL).
   */
  LISTEN_DATABASE_URL: z.string().url().optional(),
  /**
   * A streaming replica of the database, as the BFF's login role (ig_api): read-only scopes run there
   * once it has replayed the project's current data version, else on the primary. Unset: primary only.
   */
  REPLICA_DATABASE_URL: z.string().url().optional(),
  /** Sync jobs one `npm run worker` process runs at once (0: it only schedules and enqueues). */
  WORKER_CONCURRENCY: z.coerce.number().int().min(0).max(32).default(2),
  /**
   * A sync job active this long without its (project, group) advisory lock held by any session has
   * lost its worker (killed, machine gone): another worker cancels it and enqueues it again
   * (etl/scheduler/lease.ts). Must exceed the time a job spends before it takes the lock.
   */
  WORKER_LEASE_GRACE_S: z.coerce.number().int().min(1).max(3600).default(30),
  /** Seconds between two checks of the active sync jobs' leases by each worker. */
  WORKER_LEASE_CHECK_S: z.coerce.number().int().min(1).max(600).default(10),
  /**
   * API requests (/v1, /auth, /openapi.json) one BFF process works on at once; one more gets 503
   * with Retry-After at once instead of a queue (bff/platform/admission.ts). 0: no limit.
   */
  ADMISSION_MAX_INFLIGHT: z.coerce.number().int().min(0).max(100_000).default(64),
  /** Longest wait for a database connection of the BFF's pool before the request gets 503 with Retry-After. */
  PG_POOL_QUEUE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  // --- end of production ------------------------------------------------------------------------
  // --- Reports and alerts (docs/adr/025-reports-and-alerts.md) ------------------------------------
  /** SMTP server of the e-mail digests and alerts (smtp:// or smtps://, credentials in the URL). Unset: `npm start` runs an in-process development SMTP server that keeps what it receives. */
  SMTP_URL: z.string().url().refine((u) => /^smtps?:\/\//.test(u), 'must be an smtp:// or smtps:// URL').optional(),
  /** From address of the e-mails. */
  MAIL_FROM: z.string().min(3).max(300).default('indigitall Insights <insights@localhost>'),
  /** HMAC key of the one-click unsubscribe links (at least 32 characters). Required outside the development setup. */
  REPORTS_SECRET: z.string().min(32, 'REPORTS_SECRET must be at least 32 characters').optional(),
  /** Base URL of the links in e-mails (the BFF's public URL). Unset: PUBLIC_URL, else http://127.0.0.1:PORT. */
  REPORTS_PUBLIC_URL: z.string().url().optional(),
  /** Attempts of one send (SMTP or webhook) before it is recorded as failed; the delay doubles from REPORTS_RETRY_DELAY_S. */
  REPORTS_SEND_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(4),
  REPORTS_RETRY_DELAY_S: z.coerce.number().int().min(1).max(3600).default(60),
  /** Seconds a worker holds a send it started; past it (the worker died) the send is taken up again. */
  REPORTS_LEASE_S: z.coerce.number().int().min(1).max(3600).default(600),
  /** Let the worker call http:// and loopback or private-network webhook URLs (tests, development); off: https to public addresses only. */
  REPORTS_WEBHOOK_ALLOW_LOCAL: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  // --- end of reports and alerts -------------------------------------------------------------------
  // --- ETL at the API's floor (issue 15, docs/adr/029-etl-at-the-api-floor.md) -------------------
  /** Requests per second each indigitall key is paced to (the API's model limit); 0 = no pacing (429s and Retry-After only). */
  ETL_KEY_RATE: z.coerce.number().min(0).max(1000).default(10),
  /** Burst of that pace (requests at once after a quiet spell). */
  ETL_KEY_BURST: z.coerce.number().int().min(1).max(1000).default(20),
  /** (project, group) runs at once on one key in `npm run etl` and `npm start` (slots go round the keys). */
  ETL_RUNS_PER_KEY: z.coerce.number().int().min(1).max(32).default(2),
  // --- end of ETL at the API's floor ----------------------------------------------------------------
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Days of history loaded the first time a group of a project is synced (npm start, the scheduler, `etl sync`). */
  SYNC_DAYS: z.coerce.number().int().min(1).max(730).default(120),
  /** Pins the ETL's clock (an ISO date-time) for reproducible runs; unset: the real clock. */
  ETL_NOW: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      const d = new Date(v);
      if (!Number.isNaN(d.getTime())) return d;
      ctx.addIssue({ code: 'custom', message: `not an ISO date-time ("${v}")` });
      return z.NEVER;
    }),
});

export type Config = z.infer<typeof configSchema>;

// --- Auth and sessions: key mode and cross-field rules (docs/adr/009-auth-and-sessions.md) ----------

/** Algorithms a verifier may be configured for; `none` is not one of them. */
export const JWT_ALGORITHMS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const;

/** The key mode the configuration selects for indigitall's JWTs. */
export function jwtKeyMode(config: Pick<Config, 'JWT_PUBLIC_KEY' | 'JWT_JWKS_URL'>): 'secret' | 'pem' | 'jwks' {
  return config.JWT_JWKS_URL ? 'jwks' : config.JWT_PUBLIC_KEY ? 'pem' : 'secret';
}

/** True for the development setup only: HS256 with the public development secret. */
export function isDevAuth(config: Pick<Config, 'JWT_SECRET' | 'JWT_PUBLIC_KEY' | 'JWT_JWKS_URL'>): boolean {
  return jwtKeyMode(config) === 'secret' && usesDevSecret(config);
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** PG_POOL_MIN within PG_POOL_MAX. */
function checkPoolConfig(c: Config, ctx: z.RefinementCtx): void {
  if (c.PG_POOL_MIN !== undefined && c.PG_POOL_MIN > c.PG_POOL_MAX) {
    ctx.addIssue({ code: 'custom', path: ['PG_POOL_MIN'], message: `must not exceed PG_POOL_MAX (${c.PG_POOL_MAX})` });
  }
}

/** The BFF pool's kept connections: PG_POOL_MIN, by default all of PG_POOL_MAX. */
export const poolMin = (c: Pick<Config, 'PG_POOL_MIN' | 'PG_POOL_MAX'>): number => c.PG_POOL_MIN ?? c.PG_POOL_MAX;

/** Cross-field rules of the auth keys: refuse a configuration that would be insecure or ambiguous. */
function checkAuthConfig(c: Config, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const mode = jwtKeyMode(c);
  if (c.JWT_PUBLIC_KEY && c.JWT_JWKS_URL) issue('JWT_JWKS_URL', 'set JWT_PUBLIC_KEY or JWT_JWKS_URL, not both');
  for (const alg of c.JWT_ALGORITHMS) {
    if (!(JWT_ALGORITHMS as readonly string[]).includes(alg)) issue('JWT_ALGORITHMS', `unknown algorithm ${alg} (allowed: ${JWT_ALGORITHMS.join(', ')})`);
    else if ((mode === 'secret') !== alg.startsWith('HS')) {
      issue('JWT_ALGORITHMS', mode === 'secret' ? `${alg} needs JWT_PUBLIC_KEY or JWT_JWKS_URL` : `${alg} is a shared-secret algorithm; not allowed with a public key`);
    }
  }
  if (c.JWT_JWKS_URL) {
    const url = new URL(c.JWT_JWKS_URL);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) issue('JWT_JWKS_URL', 'must be https (http only to a loopback address)');
  }
  if (c.SESSION_SECRET && c.SESSION_SECRET === c.JWT_SECRET) issue('SESSION_SECRET', 'must differ from JWT_SECRET');
  if (c.SESSION_SAMESITE === 'none' && !c.PUBLIC_URL?.startsWith('https:')) issue('SESSION_SAMESITE', 'none needs an https PUBLIC_URL (browsers drop SameSite=None cookies without Secure)');
  if (c.PUBLIC_URL && !/^https?:$/.test(new URL(c.PUBLIC_URL).protocol)) issue('PUBLIC_URL', 'must be an http(s) URL');
}
// --- end of auth and sessions ----------------------------------------------------------------------

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.superRefine(checkAuthConfig).superRefine(checkPoolConfig).safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** True when the JWT secret is the public development one (tokens can be minted locally). */
export function usesDevSecret(config: Pick<Config, 'JWT_SECRET'>): boolean {
  return config.JWT_SECRET === DEV_JWT_SECRET;
}

/** A connection URL for one of the project's login roles, derived from the owner URL. */
export function roleUrl(ownerUrl: string, user: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = user;
  url.password = password;
  return url.toString();
}
