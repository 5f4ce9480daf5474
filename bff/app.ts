/**
 * The BFF app factory: createApp(config, deps) builds a fresh Express 5 app (tests build one per
 * suite; server.ts only listens). Routes are grouped by auth scope: everything under the `tenant`
 * router passes requireAuth first, so no tenant route can be registered without its guard.
 *
 * Order of a tenant request: request log and metrics → security headers → CORS → request timeout →
 * authentication → rate limit (per project and user) → body parsing (64 KB) → the route spec
 * (validation, role, cache/ETag, RLS scope; bff/routes/define.ts) → problem+json on any error.
 */
import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { Config } from '../lib/config.js';
import type { Pool } from '../lib/db.js';
import type { Logger } from '../lib/log.js';
import { createAuth } from './auth/index.js';
import type { TokenVerifier } from './auth/jwt.js';
import { ResponseCache } from './cache/responses.js';
import type { VersionSource } from './cache/versions.js';
import { withScope } from './db/scope.js';
import { AppError } from './errors.js';
import { createMetrics, routeLabel } from './platform/metrics.js';
import { rateLimit } from './platform/rate-limit.js';
import { requestTimeout } from './platform/timeout.js';
import { appHistoryFallback } from './app-shell.js';
import { authRoutes } from './routes/auth.js';
import { sessionInfoRoutes } from './routes/session-info.js';
import { chatMessagesOpenApi, chatMessagesRoute, type ChatDeps } from './routes/chat-messages.js';
import { healthRoutes } from './routes/health.js';
import { mountRoutes, openApiDocument, type RouteRuntime } from './routes/define.js';
import { ROUTES } from './routes/index.js';

export interface AppDeps {
  /** Pool connected as the BFF's login role (ig_api). */
  pool: Pool;
  logger: Logger;
  verify?: TokenVerifier;
  /** Data versions per project (bff/cache/versions.ts). Absent: no response cache and no ETags. */
  versions?: VersionSource;
  /** Check every response against its schema (tests): a contract break becomes a 500. */
  validateResponses?: boolean;
  /** The AI chat's collaborators: the local planner, the SQL guard, the clock (bff/routes/chat-messages.ts). */
  chat?: ChatDeps;
}

export interface AppOptions {
  /** Static folders served before the API (the demo pages and widget bundles of `npm start`). */
  assets?: { path: string; dir: string }[];
}

export function createApp(config: Config, deps: AppDeps, options: AppOptions = {}) {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', false);
  app.set('etag', false); // ETags come from the data version (bff/cache/responses.ts), not the body

  const cache = deps.versions && config.CACHE_MAX_MB > 0 ? new ResponseCache(deps.versions, { maxBytes: config.CACHE_MAX_MB * 1024 * 1024 }) : undefined;
  const metrics = createMetrics(deps.pool, cache?.stats);

  app.use(requestLog(deps.logger, metrics.observe));
  app.use(helmet({ crossOriginResourcePolicy: { policy: 'cross-origin' } }));
  app.use('/embed', embedHeaders(config.EMBED_FRAME_ANCESTORS));
  app.use(cors(config.CORS_ORIGINS));
  app.use(requestTimeout(config.REQUEST_TIMEOUT_MS));

  for (const a of options.assets ?? []) app.use(a.path, express.static(a.dir, { index: 'index.html', maxAge: '5m' }));
  app.use(appHistoryFallback(options.assets));

  app.use(healthRoutes(deps.pool));
  app.get('/metrics', metrics.handler(config.METRICS_TOKEN));
  const auth = createAuth(config, { logger: deps.logger, verify: deps.verify });
  app.use('/auth', authRoutes(auth));
  app.use('/auth', sessionInfoRoutes(auth));
  const doc = openApiDocument(ROUTES, { title: 'indigitall Insights API', version: '1' });
  doc.paths['/v1/chat/messages'] = chatMessagesOpenApi();
  const openapi = JSON.stringify(doc);
  app.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(openapi);
  });

  const runtime: RouteRuntime = {
    scoped: (res, { readOnly }, fn) => {
      const { projectId, userId } = res.locals.auth;
      const opts = { readOnly, statementTimeoutMs: config.STATEMENT_TIMEOUT_MS, maxWaiting: config.PG_POOL_MAX_WAITING };
      return withScope(deps.pool, { projectId, userId }, opts, fn);
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
    }),
  );
  tenant.use(express.json({ limit: '64kb' }));
  // The AI chat streams Server-Sent Events, so it is a plain route, behind the same guards.
  tenant.post('/chat/messages', chatMessagesRoute(config, { pool: deps.pool, logger: deps.logger, chat: deps.chat }));
  tenant.use(mountRoutes(ROUTES, runtime));
  app.use('/v1', tenant);

  app.use((req) => {
    throw new AppError('not_found', `No route for ${req.method} ${req.path}.`);
  });
  app.use(errorHandler(deps.logger));
  return app;
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

function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let appErr: AppError;
    if (err instanceof AppError) appErr = err;
    else if (err?.type === 'entity.parse.failed') appErr = new AppError('invalid_parameter', 'The body is not valid JSON.', 'body');
    else if (err?.type === 'entity.too.large') appErr = new AppError('payload_too_large', 'The body is larger than this endpoint accepts.');
    else if (err?.code === '57014') appErr = new AppError('timeout', 'The query took too long; narrow the period or retry.', undefined, 1);
    else {
      logger.error({ err, path: req.path }, 'unhandled error');
      appErr = new AppError('internal', 'Something went wrong on our side.');
    }
    if (res.headersSent) return;
    res.removeHeader('ETag');
    res.removeHeader('Cache-Control');
    if (appErr.retryAfterS !== undefined) res.setHeader('Retry-After', String(Math.ceil(appErr.retryAfterS)));
    res.status(appErr.status).type('application/problem+json').send(JSON.stringify(appErr.toProblem()));
  };
}
