/**
 * The BFF app factory: createApp(config, deps) builds a fresh Express 5 app (tests build one per
 * suite; server.ts only listens). Routes are grouped by auth scope: everything under the `tenant`
 * router passes requireAuth first, so no tenant route can be registered without its guard.
 *
 * Order of a tenant request: request log and metrics → security headers (HSTS over https only) →
 * the edge check of the URL and single-valued headers (bff/edges.ts) → CORS → request timeout →
 * authentication → rate limit (per project and user) → body parsing (64 KB UTF-8 JSON, every string
 * storable) → the route spec (validation, role, cache/ETag, RLS scope; bff/routes/define.ts) →
 * problem+json on any error (401s with a Bearer challenge).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import express, { type ErrorRequestHandler, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import compression from 'compression';
import { isDevAuth, type Config } from '../lib/config.js';
import type { Pool } from '../lib/db.js';
import type { Logger } from '../lib/log.js';
import { requestCookies } from './auth/cookies.js';
import { createAuth } from './auth/index.js';
import type { TokenVerifier } from './auth/jwt.js';
import { createRevocations, type Revocations } from './auth/revocations.js';
import { ResponseCache } from './cache/responses.js';
import type { VersionSource } from './cache/versions.js';
import { withReadScope, type ReadStats } from './db/replica.js';
import { databaseUnavailable } from './db/unavailable.js';
import { withScope } from './db/scope.js';
import { AppError, bearerChallenge, fromHttpError, fromUnstorableInput } from './errors.js';
import { jsonBody, refuseUnreadableRequests } from './edges.js';
import { createMetrics, routeLabel } from './platform/metrics.js';
import { pgBuckets, rateLimit } from './platform/rate-limit.js';
import { staticFiles } from './platform/static.js';
import type { AssetMount } from './assets.js';
import { requestTimeout } from './platform/timeout.js';
import { admission } from './platform/admission.js';
import { appHistoryFallback } from './app-shell.js';
import { authRoutes } from './routes/auth.js';
import { sessionInfoRoutes } from './routes/session-info.js';
import { chatMessagesOpenApi, chatMessagesRoute, type ChatDeps } from './routes/chat-messages.js';
import { healthRoutes } from './routes/health.js';
import { mountRoutes, openApiDocument, type RouteRuntime } from './routes/define.js';
import { ROUTES } from './routes/index.js';
import { unsubscribeRoutes } from './routes/unsubscribe.js';

export interface AppDeps {
  /** Pool connected as the BFF's login role (ig_api). */
  pool: Pool;
  logger: Logger;
  verify?: TokenVerifier;
  /** Data versions per project (bff/cache/versions.ts). Absent: no response cache and no ETags. */
  versions?: VersionSource;
  /** Check every response against its schema (tests): a contract break becomes a 500. */
  validateResponses?: boolean;
  /** Signed-out sessions (bff/auth/revocations.ts); absent: checked in the database on every use. */
  revocations?: Revocations;
  /** A streaming replica (REPLICA_DATABASE_URL) for read-only scopes that it has caught up with (bff/db/replica.ts). */
  replica?: Pool;
  /** Counts of read-only scopes served by the replica and by the primary (tests, metrics). */
  readStats?: ReadStats;
  /** The AI chat's collaborators: the local planner, the SQL guard, the clock (bff/routes/chat-messages.ts). */
  chat?: ChatDeps;
}

export interface AppOptions {
  /** Static folders served before the API: bff/assets.ts's list (`npm run serve`, `npm start`). */
  assets?: AssetMount[];
}

export function createApp(config: Config, deps: AppDeps, options: AppOptions = {}) {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', false);
  app.set('etag', false); // ETags come from the data version (bff/cache/responses.ts), not the body
  parseQueryOnce(app.request);

  const cache = deps.versions && config.CACHE_MAX_MB > 0 ? new ResponseCache(deps.versions, { maxBytes: config.CACHE_MAX_MB * 1024 * 1024 }) : undefined;
  const metrics = createMetrics(deps.pool, cache?.stats);

  app.use(requestLog(deps.logger, metrics.observe));
  app.use(compressAnswers(config.COMPRESSION_THRESHOLD_BYTES));
  app.use(securityHeaders(helmet({ crossOriginResourcePolicy: { policy: 'cross-origin' }, strictTransportSecurity: false })));
  app.use(hsts(config.PUBLIC_URL));
  app.use(refuseUnreadableRequests); // bff/edges.ts: a URL or header that cannot be read is a 400 before any work
  app.use('/embed', embedHeaders(config.EMBED_FRAME_ANCESTORS));
  app.use(cors(config.CORS_ORIGINS));
  app.use(requestTimeout(config.REQUEST_TIMEOUT_MS));
  // Shed API requests past ADMISSION_MAX_INFLIGHT with 503 + Retry-After, before any work (probes and static files are never shed).
  app.use(admission(config.ADMISSION_MAX_INFLIGHT, (req) => /^\/(v1|auth|unsubscribe|openapi\.json)(\/|$)/.test(req.path)));

  for (const a of options.assets ?? []) {
    if (a.file) {
      const serve = staticFiles(path.dirname(a.dir));
      app.get(a.path, (req, res, next) => {
        req.url = `/${path.basename(a.dir)}`;
        return serve(req, res, next);
      });
    } else app.use(a.path, staticFiles(a.dir, a));
  }
  app.use(appHistoryFallback(options.assets));

  // The tenant API first: the routes below never answer under /v1, so its requests skip them.
  const auth = createAuth(config, { logger: deps.logger, verify: deps.verify, revocations: deps.revocations ?? createRevocations(deps.pool) });
  const runtime: RouteRuntime = {
    scoped: (res, { readOnly, singleRead }, fn) => {
      const { projectId, userId, role } = res.locals.auth;
      const opts = { readOnly, statementTimeoutMs: config.STATEMENT_TIMEOUT_MS, maxWaiting: config.PG_POOL_MAX_WAITING };
      if (readOnly && deps.replica) {
        return withReadScope(deps.pool, deps.replica, deps.versions?.get(projectId)?.version, { projectId, userId, role }, opts, (db) => fn(db), deps.readStats);
      }
      // On the primary, a route with one query takes one round trip (a replica's scope also checks its lag).
      return withScope(deps.pool, { projectId, userId, role }, { ...opts, singleRead }, fn);
    },
    ...(cache ? { cached: (req, res, compute) => cache.cached(req, res, compute) } : {}),
    validateResponses: deps.validateResponses ?? false,
  };
  const tenant = express.Router();
  tenant.use(auth.requireAuth);
  tenant.use(
    rateLimit({
      user: { perSecond: config.RATE_LIMIT_USER_RPS, burst: config.RATE_LIMIT_USER_BURST },
      project: { perSecond: config.RATE_LIMIT_PROJECT_RPS, burst: config.RATE_LIMIT_PROJECT_BURST },
    }, config.RATE_LIMIT_STORE === 'postgres' ? pgBuckets(deps.pool, deps.logger) : undefined),
  );
  tenant.use(jsonBody('64kb'));
  // The AI chat streams Server-Sent Events, so it is a plain route, behind the same guards.
  tenant.post('/chat/messages', chatMessagesRoute(config, { pool: deps.pool, logger: deps.logger, chat: deps.chat, replica: deps.replica, versions: deps.versions, readStats: deps.readStats }));
  tenant.use(mountRoutes(ROUTES, runtime));
  app.use('/v1', tenant);

  app.use(healthRoutes(deps.pool, deps.logger));
  // Outside the development setup /metrics needs METRICS_TOKEN; without one it is not served (404).
  if (config.METRICS_TOKEN || isDevAuth(config)) app.get('/metrics', metrics.handler(config.METRICS_TOKEN));
  else deps.logger.warn('METRICS_TOKEN is not set: /metrics is not served');
  app.use('/auth', authRoutes(auth));
  app.use('/auth', sessionInfoRoutes(auth));
  app.use(unsubscribeRoutes(config, deps.pool));
  const doc = openApiDocument(ROUTES, { title: 'indigitall Insights API', version: '1' });
  doc.paths['/v1/chat/messages'] = chatMessagesOpenApi();
  const openapi = JSON.stringify(doc);
  app.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(openapi);
  });

  app.use((req) => {
    throw new AppError('not_found', `No route for ${req.method} ${req.path}.`);
  });
  app.use(errorHandler(deps.logger, [config.SESSION_COOKIE, ...(config.JWT_PARENT_COOKIE ? [config.JWT_PARENT_COOKIE] : [])]));
  return app;
}

/**
 * helmet's headers, set in one step. helmet's middleware is a chain of a dozen middlewares that each
 * set (or remove) one fixed header, walked on every request; its answers do not depend on the
 * request, so its calls are recorded once here and replayed. A helmet that ever looks at the request
 * or fails to finish synchronously is refused at start-up rather than replayed wrongly.
 */
export function securityHeaders(h: (req: Request, res: Response, next: (err?: unknown) => void) => void) {
  const ops: [name: string, value: string | undefined][] = [];
  const refuse = (what: string) => {
    throw new Error(`securityHeaders: helmet used ${what}; its headers cannot be replayed`);
  };
  const req = new Proxy({}, { get: (_t, k) => refuse(`req.${String(k)}`) });
  const res = new Proxy(
    {
      setHeader: (name: string, value: unknown) => void ops.push([name, String(value)]),
      removeHeader: (name: string) => void ops.push([name, undefined]),
    },
    { get: (t, k) => (k === 'setHeader' || k === 'removeHeader' ? t[k] : refuse(`res.${String(k)}`)) },
  );
  let finished = false;
  h(req as Request, res as unknown as Response, (err) => {
    if (err) throw err;
    finished = true;
  });
  if (!finished) refuse('a callback');
  return (_req: Request, response: Response, next: NextFunction) => {
    for (const [name, value] of ops) {
      if (value === undefined) response.removeHeader(name);
      else response.setHeader(name, value);
    }
    next();
  };
}

const PARSED_QUERY = Symbol('parsed query');
/**
 * Express 5's `req.query` is a getter that parses the query string again on every read, and a tenant
 * request reads it several times (the auth guard, the route's schema, the cache key). Parsed once per
 * request here, with the same parser; the query string never changes while a request is routed
 * (mounting strips the path's prefix only).
 */
export function parseQueryOnce(proto: Request) {
  const parse = Object.getOwnPropertyDescriptor(express.request, 'query')!.get!;
  Object.defineProperty(proto, 'query', {
    configurable: true,
    enumerable: true,
    get(this: Request & { [PARSED_QUERY]?: unknown }) {
      return (this[PARSED_QUERY] ??= parse.call(this));
    },
  });
}

/**
 * Strict-Transport-Security only where it means something: over https (PUBLIC_URL is https, or the
 * request itself is; behind a proxy that terminates TLS, req.secure follows X-Forwarded-Proto only
 * when Express's trust proxy is set). Browsers ignore it over http; sending it there misleads audits.
 */
function hsts(publicUrl: string | undefined) {
  const httpsOrigin = publicUrl?.startsWith('https:') ?? false;
  return (req: Request, res: Response, next: NextFunction) => {
    if (httpsOrigin || req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  };
}

/** One JSON line per request: id, method, route pattern, status, project, duration. Never the query string. */
function requestLog(logger: Logger, observe: (req: Request, res: Response, seconds: number) => void) {
  return (req: Request, res: Response, next: NextFunction) => {
    const start = process.hrtime.bigint();
    const id = randomUUID();
    res.setHeader('X-Request-Id', id);
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - start) / 1e6;
      observe(req, res, durationMs / 1000);
      logger.info(
        {
          reqId: id,
          method: req.method,
          route: req.route ? routeLabel(req) : req.path,
          status: res.statusCode,
          projectId: res.locals.auth?.projectId,
          durationMs,
        },
        'request',
      );
    });
    next();
  };
}

/**
 * Answers above the threshold (JSON, CSV, OpenAPI, pages without a precompressed twin) are
 * compressed as the client accepts (br, gzip). The chat's Server-Sent Events never are: each event
 * must reach the client when it is written, not when a compression block fills.
 */
function compressAnswers(threshold: number) {
  return compression({
    threshold,
    filter: (req, res) => !String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream') && compression.filter(req, res),
  });
}

/**
 * /embed/* pages may be framed by the configured host origins only (CSP frame-ancestors; the
 * X-Frame-Options header, which cannot express a list, is dropped there). Elsewhere helmet's
 * defaults stand: same origin only. GET /embed/ancestors.json tells the embed page the same list, so
 * it accepts messages (a token) from those origins only.
 */
function embedHeaders(ancestors: string[]) {
  const list = ancestors.length ? ["'self'", ...ancestors].join(' ') : "'self'";
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "base-uri 'none'",
    "object-src 'none'",
    "form-action 'none'",
    `frame-ancestors ${list}`,
  ].join('; ');
  const body = JSON.stringify({ ancestors });
  return (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Content-Security-Policy', csp);
    res.removeHeader('X-Frame-Options');
    if (req.method === 'GET' && req.path === '/ancestors.json') {
      res.setHeader('Cache-Control', 'no-cache');
      res.type('application/json').send(body);
      return;
    }
    next();
  };
}

/** CORS for the configured host-page origins only (credentials allowed for the cookie modes). */
function cors(origins: string[]) {
  const allowed = new Set(origins);
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    res.vary('Origin');
    if (origin && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Expose-Headers', 'ETag, Retry-After, X-Request-Id, Content-Disposition');
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
        res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Ig-Project, If-None-Match, If-Match');
        res.setHeader('Access-Control-Max-Age', '600');
        res.status(204).end();
        return;
      }
    }
    next();
  };
}

/** Problem+json for every error; `credentialCookies` tell a 401 about a credential sent from one without (RFC 6750). */
function errorHandler(logger: Logger, credentialCookies: string[]): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let appErr: AppError;
    if (err instanceof AppError) appErr = err;
    else if (fromHttpError(err)) appErr = fromHttpError(err)!;
    else if (fromUnstorableInput(err)) appErr = fromUnstorableInput(err)!;
    else if (err?.code === '57014') appErr = new AppError('timeout', 'The query took too long; narrow the period or retry.', undefined, 1);
    else if (databaseUnavailable(err)) appErr = new AppError('unavailable', 'The database is not reachable; retry shortly.', undefined, 2);
    else {
      logger.error({ err, path: req.path }, 'unhandled error');
      appErr = new AppError('internal', 'Something went wrong on our side.');
    }
    if (res.headersSent) return;
    res.removeHeader('ETag');
    res.removeHeader('Cache-Control');
    const cookies = requestCookies(req);
    const challenge = bearerChallenge(appErr, !!req.headers.authorization || credentialCookies.some((n) => !!cookies[n]));
    if (challenge) res.setHeader('WWW-Authenticate', challenge);
    if (appErr.retryAfterS !== undefined) res.setHeader('Retry-After', String(Math.ceil(appErr.retryAfterS)));
    res.status(appErr.status).type('application/problem+json').send(JSON.stringify(appErr.toProblem()));
  };
}
