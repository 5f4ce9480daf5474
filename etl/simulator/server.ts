// HTTP simulator of the indigitall statistics API (walking-skeleton scope): GET /v1/application and
// GET /v1/application/:id/dateStats, with server-key auth, Fastify-style errors, window limits and a
// per-key token-bucket rate limit. Seen behaviour follows shared/indigitall-api.md; model parts
// (windows, rate limit, wording not yet seen) are the constants right below.
//
// Check order for dateStats (model): 401 key → 400 query schema (required, periodicity) →
// 403/404 application scope → 400 dates → 403 window. Unknown application id: 404 `Application not found`
// when the key is the account-wide key (it "sees" the account), 403 `Operation forbidden` for a project
// key (it must not learn whether another application exists).

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ACCOUNT_SERVER_KEY, DEMO_PROJECTS, findProject, serverKeysFor, type SimProject } from './catalog.js';
import { daysBetween, isIsoDay } from '../../lib/dates.js';
import { dateStats, type Periodicity } from './generator.js';

/** Window limits per periodicity, in days inclusive (model; 7 days hourly is seen). */
export const WINDOW_DAYS: Readonly<Record<Periodicity, number>> = { hourly: 7, daily: 90 };
/** Default rate limit per server key (model). */
export const DEFAULT_RATE_LIMIT = { perSecond: 10, burst: 20 } as const;
/** Largest `limit` accepted by v1 lists (model). */
export const MAX_PAGE_LIMIT = 1000;

/** Every error wording in one place. */
export const MESSAGES = {
  required: (where: 'query', prop: string) => `request/${where} must have required property '${prop}'`,
  integer: (prop: string) => `request/query/${prop} must be integer`,
  minimum: (prop: string, min: number) => `request/query/${prop} must be >= ${min}`,
  maximum: (prop: string, max: number) => `request/query/${prop} must be <= ${max}`,
  paramInteger: (prop: string) => `request/params/${prop} must be integer`,
  periodicity: 'periodicity should be equal to one of: hourly, daily',
  datesInvalid: 'One or both dates are invalid',
  unauthorized: 'Access token is not valid',
  forbidden: 'Operation forbidden',
  window: (days: number) => `Operation forbidden, more ${days} days`,
  appNotFound: 'Application not found',
  routeNotFound: (method: string, url: string) => `Route ${method}:${url} not found`,
  tooManyRequests: 'Too many requests',
  internal: 'Internal server error',
} as const;

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export interface RateLimitOptions {
  perSecond: number;
  burst: number;
}

export interface SimulatorOptions {
  projects?: readonly SimProject[];
  /** Clock for "today" (data exists up to the project's local today). Default: real time. */
  now?: () => Date;
  /** Token bucket per key; false disables it. Default DEFAULT_RATE_LIMIT. Uses real monotonic time. */
  rateLimit?: RateLimitOptions | false;
  /** key → project ids. Default serverKeysFor(projects) (own keys plus ACCOUNT_SERVER_KEY). */
  serverKeys?: Record<string, readonly number[]>;
}

/** An error answered as `{statusCode, error, message}` with the same HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function sendError(res: Response, err: ApiError): void {
  res.status(err.statusCode).set(err.headers).json({
    statusCode: err.statusCode,
    error: STATUS_TEXT[err.statusCode] ?? 'Error',
    message: err.message,
  });
}

function sendList(res: Response, data: unknown[], count = data.length): void {
  res.status(200).json({ statusCode: 200, message: 'OK', count, data });
}

/** Token bucket per key. */
function rateLimiter(opts: RateLimitOptions, clock: () => number = () => performance.now()) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (req: Request, res: Response, next: NextFunction) => {
    const key = req.get('authorization')?.trim() || `ip:${req.socket.remoteAddress ?? ''}`;
    const t = clock();
    const b = buckets.get(key) ?? { tokens: opts.burst, at: t };
    b.tokens = Math.min(opts.burst, b.tokens + ((t - b.at) / 1000) * opts.perSecond);
    b.at = t;
    buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return next();
    }
    const retryAfter = Math.max(1, Math.ceil((1 - b.tokens) / opts.perSecond));
    sendError(res, new ApiError(429, MESSAGES.tooManyRequests, { 'Retry-After': String(retryAfter) }));
  };
}

/** A single string query value, or undefined when absent (repeated parameters count as invalid). */
function queryValue(req: Request, name: string): string | undefined | null {
  const v = (req.query as Record<string, unknown>)[name];
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : null;
}

function intQuery(req: Request, name: string, opts: { required: boolean; min: number; max?: number; dflt: number }): number {
  const raw = queryValue(req, name);
  if (raw === undefined || raw === '') {
    if (opts.required) throw new ApiError(400, MESSAGES.required('query', name));
    return opts.dflt;
  }
  if (raw === null || !/^-?\d+$/.test(raw)) throw new ApiError(400, MESSAGES.integer(name));
  const n = Number(raw);
  if (n < opts.min) throw new ApiError(400, MESSAGES.minimum(name, opts.min));
  if (opts.max !== undefined && n > opts.max) throw new ApiError(400, MESSAGES.maximum(name, opts.max));
  return n;
}

export function createSimulatorApp(opts: SimulatorOptions = {}): express.Express {
  const projects = opts.projects ?? DEMO_PROJECTS;
  const now = opts.now ?? (() => new Date());
  const keys = new Map(
    Object.entries(opts.serverKeys ?? serverKeysFor(projects)).map(([k, ids]) => [k.toLowerCase(), new Set(ids)]),
  );
  const accountKey = ACCOUNT_SERVER_KEY;

  /** The set of project ids the request's server key covers; 401 otherwise. */
  const authorize = (req: Request): { key: string; ids: Set<number> } => {
    const m = /^ServerKey\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    const key = m?.[1]?.toLowerCase();
    const ids = key === undefined ? undefined : keys.get(key);
    if (!key || !ids) throw new ApiError(401, MESSAGES.unauthorized);
    return { key, ids };
  };

  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('case sensitive routing', true);
  app.set('strict routing', true);

  const limit = opts.rateLimit === undefined ? DEFAULT_RATE_LIMIT : opts.rateLimit;
  if (limit) app.use(rateLimiter(limit));

  app.get('/v1/application', (req, res) => {
    const { ids } = authorize(req);
    const limitN = intQuery(req, 'limit', { required: true, min: 1, max: MAX_PAGE_LIMIT, dflt: 0 });
    const page = intQuery(req, 'page', { required: false, min: 0, dflt: 0 });
    const visible = projects.filter((p) => ids.has(p.id)).sort((a, b) => a.id - b.id);
    const rows = visible.slice(page * limitN, (page + 1) * limitN).map((p) => ({
      id: p.id,
      name: p.name,
      createdAt: p.createdAt,
      androidEnabled: p.androidEnabled,
      iosEnabled: p.iosEnabled,
      webpushEnabled: p.webpushEnabled,
      chatEnabled: p.chatEnabled,
    }));
    sendList(res, rows, visible.length);
  });

  app.get('/v1/application/:id/dateStats', (req, res) => {
    const { key, ids } = authorize(req);
    const dateFrom = queryValue(req, 'dateFrom');
    const dateTo = queryValue(req, 'dateTo');
    if (dateFrom === undefined) throw new ApiError(400, MESSAGES.required('query', 'dateFrom'));
    if (dateTo === undefined) throw new ApiError(400, MESSAGES.required('query', 'dateTo'));
    const periodicity = queryValue(req, 'periodicity') ?? 'daily';
    if (periodicity !== 'daily' && periodicity !== 'hourly') throw new ApiError(400, MESSAGES.periodicity);

    const idParam = String(req.params.id);
    if (!/^\d+$/.test(idParam)) throw new ApiError(400, MESSAGES.paramInteger('id'));
    const id = Number(idParam);
    const project = findProject(id, projects);
    if (!project) throw new ApiError(key === accountKey ? 404 : 403, key === accountKey ? MESSAGES.appNotFound : MESSAGES.forbidden);
    if (!ids.has(id)) throw new ApiError(403, MESSAGES.forbidden);

    if (dateFrom === null || dateTo === null || !isIsoDay(dateFrom) || !isIsoDay(dateTo) || dateFrom > dateTo) {
      throw new ApiError(400, MESSAGES.datesInvalid);
    }
    const maxDays = WINDOW_DAYS[periodicity];
    if (daysBetween(dateFrom, dateTo) > maxDays) throw new ApiError(403, MESSAGES.window(maxDays));

    sendList(res, dateStats(project, dateFrom, dateTo, periodicity, now()));
  });

  // Fastify-style 404 (its message carries the URL as requested, query string included).
  app.use((req, res) => sendError(res, new ApiError(404, MESSAGES.routeNotFound(req.method, req.originalUrl))));

  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof ApiError) return sendError(res, err);
    // Express/router client errors (e.g. a malformed %-escape in the path) keep their 4xx status.
    const status = (err as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500 && STATUS_TEXT[status]) {
      return sendError(res, new ApiError(status, (err as Error).message));
    }
    sendError(res, new ApiError(500, MESSAGES.internal));
  });

  return app;
}

export interface RunningSimulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the simulator on 127.0.0.1 (port 0 = any free port). */
export function startSimulator(opts: SimulatorOptions & { port?: number } = {}): Promise<RunningSimulator> {
  const { port = 0, ...appOpts } = opts;
  const app = createSimulatorApp(appOpts);
  return new Promise((resolve, reject) => {
    const server: Server = app.listen(port, '127.0.0.1');
    server.once('error', reject);
    server.once('listening', () => {
      const actual = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${actual}`,
        port: actual,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((e) => (e ? fail(e) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
