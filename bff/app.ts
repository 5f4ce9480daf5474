/**
 * The BFF app factory: createApp(config, deps) builds a fresh Express 5 app (tests build one per
 * suite; server.ts only listens). Routes are grouped by auth scope: everything under the `tenant`
 * router passes requireAuth first, so no tenant route can be registered without its guard.
 */
import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { Config } from '../lib/config.js';
import type { Pool } from '../lib/db.js';
import type { Logger } from '../lib/log.js';
import { createAuth } from './auth/index.js';
import type { TokenVerifier } from './auth/jwt.js';
import { withScope } from './db/scope.js';
import { AppError } from './errors.js';
import { authRoutes } from './routes/auth.js';
import { healthRoutes } from './routes/health.js';
import { mountRoutes, openApiDocument, type RouteRuntime } from './routes/define.js';
import { ROUTES } from './routes/index.js';

export interface AppDeps {
  /** Pool connected as the BFF's login role (ig_api). */
  pool: Pool;
  logger: Logger;
  verify?: TokenVerifier;
  /** Check every response against its schema (tests): a contract break becomes a 500. */
  validateResponses?: boolean;
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

  app.use(requestLog(deps.logger));
  app.use(helmet({ crossOriginResourcePolicy: { policy: 'cross-origin' } }));
  app.use(cors(config.CORS_ORIGINS));

  for (const a of options.assets ?? []) app.use(a.path, express.static(a.dir, { index: 'index.html', maxAge: '5m' }));

  app.use(healthRoutes());
  const auth = createAuth(config, { logger: deps.logger, verify: deps.verify });
  app.use('/auth', authRoutes(auth));
  const openapi = JSON.stringify(openApiDocument(ROUTES, { title: 'indigitall Insights API', version: '1' }));
  app.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(openapi);
  });

  const runtime: RouteRuntime = {
    scoped: (res, { readOnly }, fn) => {
      const { projectId, userId } = res.locals.auth;
      return withScope(deps.pool, { projectId, userId }, { readOnly, statementTimeoutMs: config.STATEMENT_TIMEOUT_MS }, fn);
    },
    validateResponses: deps.validateResponses ?? false,
  };
  const tenant = express.Router();
  tenant.use(auth.requireAuth);
  tenant.use(express.json({ limit: '64kb' }));
  tenant.use(mountRoutes(ROUTES, runtime));
  app.use('/v1', tenant);

  app.use((req) => {
    throw new AppError('not_found', `No route for ${req.method} ${req.path}.`);
  });
  app.use(errorHandler(deps.logger));
  return app;
}

function requestLog(logger: Logger) {
  return (req: Request, res: Response, next: () => void) => {
    const start = process.hrtime.bigint();
    const id = randomUUID();
    res.setHeader('X-Request-Id', id);
    res.on('finish', () => {
      logger.info(
        {
          reqId: id,
          method: req.method,
          route: req.route ? req.baseUrl + req.route.path : req.path,
          status: res.statusCode,
          projectId: res.locals.auth?.projectId,
          durationMs: Number(process.hrtime.bigint() - start) / 1e6,
        },
        'request',
      );
    });
    next();
  };
}

/** CORS for the configured host-page origins only (credentials allowed for the cookie modes). */
function cors(origins: string[]) {
  const allowed = new Set(origins);
  return (req: Request, res: Response, next: () => void) => {
    const origin = req.headers.origin;
    if (origin && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
        res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Ig-Project');
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
    else {
      logger.error({ err, path: req.path }, 'unhandled error');
      appErr = new AppError('internal', 'Something went wrong on our side.');
    }
    if (res.headersSent) return;
    if (appErr.retryAfterS !== undefined) res.setHeader('Retry-After', String(Math.ceil(appErr.retryAfterS)));
    res.status(appErr.status).type('application/problem+json').send(JSON.stringify(appErr.toProblem()));
  };
}
