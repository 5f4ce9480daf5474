// HTTP simulator of the indigitall statistics API: every endpoint group of shared/indigitall-api.md
// (table in model.ts ENDPOINTS), server-key and login-JWT auth, Fastify-style errors with the seen
// wording, v1/v2 pagination, window limits, a per-key token-bucket rate limit, opt-in late corrections
// and fault injection (faults.ts). Every served number comes from the pure generators
// (generator.ts, channels.ts, chat.ts, campaigns.ts), which tests call directly to know what to expect.
//
// Check order (model): 401 auth (404 route for a ServerKey on a JWT-only route) → 400 query schema
// (required properties, integers, enums) → 403/404 application scope → 400 dates → 403 window.
// Unknown application id: 404 `Application not found` for the account-wide key or login (it "sees" the
// account), 403 `Operation forbidden` for a project key or login (it must not learn whether another
// application exists).

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { businessNow } from '../../lib/clock.js';
import { daysBetween, isIsoDay } from '../../lib/dates.js';
import { todayIn } from './days.js';
import { JwtIssuer } from './auth.js';
import { campaignList, findJourney, journeyList } from './campaigns.js';
import {
  ACCOUNT_LOGIN,
  ACCOUNT_SERVER_KEY,
  DEMO_PROJECTS,
  findProject,
  loginsFor,
  serverKeysFor,
  type SimProject,
} from './catalog.js';
import {
  accountStats,
  deviceStats,
  emailApplicationStats,
  emailCampaignStats,
  inAppStats,
  journeyStats,
  pushCampaignStats,
  pushHeatmap,
  smsApplicationStats,
  smsCampaignStats,
  walletStats,
} from './channels.js';
import { agentConversations, agentStatus, chatHistoryPage, chatStats } from './chat.js';
import type { GenOptions } from './corrections.js';
import { FaultController, faultMiddleware, faultRouter } from './faults.js';
import { dateStats, type Periodicity } from './generator.js';
import { ApiError, sendData, sendError, sendList, sendV2 } from './http.js';
import {
  CHAT_ACTORS,
  CHAT_CHANNELS,
  DATE_STATS_WINDOW_DAYS,
  DEFAULT_RATE_LIMIT,
  ENDPOINTS,
  JWT_TTL_SECONDS,
  MAX_PAGE_LIMIT,
  MESSAGES,
  STATUS_TEXT,
  V2_DEFAULT_LIMIT,
  V2_MAX_LIMIT,
  type EndpointName,
  type EndpointSpec,
} from './model.js';

export { ApiError } from './http.js';
export { DEFAULT_RATE_LIMIT, MAX_PAGE_LIMIT, MESSAGES } from './model.js';
export { FaultController } from './faults.js';
/** Window limits of dateStats per periodicity, in days inclusive (model; 7 days hourly is seen). */
export const WINDOW_DAYS: Readonly<Record<Periodicity, number>> = DATE_STATS_WINDOW_DAYS;

export interface RateLimitOptions {
  perSecond: number;
  burst: number;
}

export interface SimulatorOptions {
  projects?: readonly SimProject[];
  /** Clock for "today" (data exists up to the project's local today), JWT expiry and lists cut at now. Default: real time. */
  now?: () => Date;
  /** Token bucket per key; false disables it. Default DEFAULT_RATE_LIMIT. Uses real monotonic time. */
  rateLimit?: RateLimitOptions | false;
  /** key → project ids. Default serverKeysFor(projects) (own keys plus ACCOUNT_SERVER_KEY). */
  serverKeys?: Record<string, readonly number[]>;
  /** mail → password and project ids for POST /v1/auth. Default loginsFor(projects) (own logins plus ACCOUNT_LOGIN). */
  logins?: Record<string, { password: string; projectIds: readonly number[] }>;
  /** JWT lifetime in seconds (by the `now` clock). Default JWT_TTL_SECONDS (3600). */
  jwtTtlSeconds?: number;
  /** Serve the last local days as still-growing figures (late corrections). Default false. */
  lateCorrections?: boolean;
  /** Mount POST/GET/DELETE /__sim/faults for out-of-process tests. Default false. */
  faultsEndpoint?: boolean;
  /** Use this controller (e.g. shared by several apps) instead of a new one. */
  faults?: FaultController;
}

/** What authenticated a request and which projects it may read. */
interface Auth {
  ids: Set<number>;
  /** The account-wide key or login (unknown applications are 404 to it, 403 to others). */
  account: boolean;
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

// ---------------------------------------------------------------------------------------------
// Query parsing.

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

/** 400 for the first absent property, in the given order. */
function requireQuery(req: Request, names: readonly string[]): void {
  for (const n of names) if (queryValue(req, n) === undefined) throw new ApiError(400, MESSAGES.required('query', n));
}

function enumQuery<T extends string>(req: Request, name: string, values: readonly T[], dflt: T): T {
  const raw = queryValue(req, name);
  if (raw === undefined) return dflt;
  if (raw === null || !values.includes(raw as T)) throw new ApiError(400, MESSAGES.enumOf(name, values));
  return raw as T;
}

interface Page {
  limit: number;
  /** 0-based page index whatever the API style. */
  index: number;
}

/** v1: `limit` required (1..MAX_PAGE_LIMIT), `page` ≥ 0. */
const pageV1 = (req: Request): Page => ({
  limit: intQuery(req, 'limit', { required: true, min: 1, max: MAX_PAGE_LIMIT, dflt: 0 }),
  index: intQuery(req, 'page', { required: false, min: 0, dflt: 0 }),
});

/** v2: `limit` optional (1..V2_MAX_LIMIT), `page` ≥ 1. */
const pageV2 = (req: Request): Page => ({
  limit: intQuery(req, 'limit', { required: false, min: 1, max: V2_MAX_LIMIT, dflt: V2_DEFAULT_LIMIT }),
  index: intQuery(req, 'page', { required: false, min: 1, dflt: 1 }) - 1,
});

const slice = <T>(rows: readonly T[], p: Page) => rows.slice(p.index * p.limit, (p.index + 1) * p.limit);

/** Validated dateFrom/dateTo (400 `One or both dates are invalid`), then the window limit (403). */
function dates(req: Request, maxDays?: number): { from: string; to: string } {
  const from = queryValue(req, 'dateFrom');
  const to = queryValue(req, 'dateTo');
  if (typeof from !== 'string' || typeof to !== 'string' || !isIsoDay(from) || !isIsoDay(to) || from > to) {
    throw new ApiError(400, MESSAGES.datesInvalid);
  }
  if (maxDays !== undefined && daysBetween(from, to) > maxDays) throw new ApiError(403, MESSAGES.window(maxDays));
  return { from, to };
}

// ---------------------------------------------------------------------------------------------
// The app.

export function createSimulatorApp(opts: SimulatorOptions = {}): express.Express {
  const projects = opts.projects ?? DEMO_PROJECTS;
  const now = opts.now ?? businessNow;
  const gen: GenOptions = { lateCorrections: opts.lateCorrections ?? false };
  const keys = new Map(
    Object.entries(opts.serverKeys ?? serverKeysFor(projects)).map(([k, ids]) => [k.toLowerCase(), new Set(ids)]),
  );
  const logins = new Map(
    Object.entries(opts.logins ?? loginsFor(projects)).map(([mail, l]) => [mail.toLowerCase(), { password: l.password, ids: new Set(l.projectIds) }]),
  );
  const jwt = new JwtIssuer(opts.jwtTtlSeconds ?? JWT_TTL_SECONDS);
  const faults = opts.faults ?? new FaultController();

  /** Auth of a request for an endpoint: ServerKey or Bearer JWT; a ServerKey on a JWT-only route gets its 404. */
  const authorize = (req: Request, spec: EndpointSpec): Auth => {
    const header = req.get('authorization') ?? '';
    const serverKey = /^ServerKey\s+(\S+)\s*$/i.exec(header);
    if (serverKey) {
      if (spec.auth === 'jwt') throw new ApiError(404, MESSAGES.routeNotFound(req.method, req.originalUrl));
      const key = serverKey[1]!.toLowerCase();
      const ids = keys.get(key);
      if (!ids) throw new ApiError(401, MESSAGES.unauthorized);
      return { ids, account: key === ACCOUNT_SERVER_KEY };
    }
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const claims = bearer ? jwt.verify(bearer[1]!, now()) : undefined;
    const login = claims ? logins.get(claims.sub) : undefined;
    if (!claims || !login) throw new ApiError(401, MESSAGES.unauthorized);
    return { ids: login.ids, account: claims.sub === ACCOUNT_LOGIN.mail };
  };

  /** The project `id` if the auth covers it (404/403 rules in the header comment). */
  const scope = (id: number, auth: Auth): SimProject => {
    const project = findProject(id, projects);
    if (!project) throw new ApiError(auth.account ? 404 : 403, auth.account ? MESSAGES.appNotFound : MESSAGES.forbidden);
    if (!auth.ids.has(id)) throw new ApiError(403, MESSAGES.forbidden);
    return project;
  };

  const pathId = (req: Request): number => {
    const raw = String(req.params.id);
    if (!/^\d+$/.test(raw)) throw new ApiError(400, MESSAGES.paramInteger('id'));
    return Number(raw);
  };

  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('case sensitive routing', true);
  app.set('strict routing', true);
  app.locals.faults = faults;

  if (opts.faultsEndpoint) app.use(faultRouter(faults));
  app.use(faultMiddleware(faults));
  const limit = opts.rateLimit === undefined ? DEFAULT_RATE_LIMIT : opts.rateLimit;
  if (limit) app.use(rateLimiter(limit));

  /** Registers a GET endpoint of ENDPOINTS with its auth. */
  const route = (name: EndpointName, handler: (req: Request, res: Response, auth: Auth, spec: EndpointSpec) => void) => {
    const spec = ENDPOINTS[name];
    app.get(spec.path, (req, res) => handler(req, res, authorize(req, spec), spec));
  };

  /**
   * The common shape of a stats endpoint: `applicationId` (+ dateFrom/dateTo, + v1 limit) required,
   * paging parsed, project scoped, dates checked, window limited.
   */
  const statsRequest = (req: Request, auth: Auth, spec: EndpointSpec, withDates = true) => {
    const required = ['applicationId', ...(spec.pagination === 'v1' ? ['limit'] : []), ...(withDates ? ['dateFrom', 'dateTo'] : [])];
    requireQuery(req, required);
    const id = intQuery(req, 'applicationId', { required: true, min: 0, dflt: 0 });
    const page = spec.pagination === 'v1' ? pageV1(req) : spec.pagination === 'v2' ? pageV2(req) : undefined;
    const project = scope(id, auth);
    const window = withDates ? dates(req, spec.maxDays) : undefined;
    return { project, page, window };
  };

  // ---- auth ----
  app.post(ENDPOINTS.auth.path, express.json(), (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    for (const k of ['mail', 'password']) {
      if (body[k] === undefined) throw new ApiError(400, MESSAGES.required('body', k));
      if (typeof body[k] !== 'string') throw new ApiError(400, MESSAGES.bodyString(k));
    }
    const mail = (body.mail as string).toLowerCase();
    const login = logins.get(mail);
    if (!login || login.password !== body.password) throw new ApiError(401, MESSAGES.badCredentials);
    sendData(res, { accessToken: jwt.issue(mail, now()) });
  });

  // ---- applications and push ----
  route('applications', (req, res, auth) => {
    const page = pageV1(req);
    const visible = projects.filter((p) => auth.ids.has(p.id)).sort((a, b) => a.id - b.id);
    const rows = slice(visible, page).map((p) => ({
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

  route('accountStats', (req, res, auth) => {
    const page = pageV1(req);
    const id = queryValue(req, 'applicationId') === undefined ? undefined : intQuery(req, 'applicationId', { required: true, min: 0, dflt: 0 });
    const visible = id === undefined ? projects.filter((p) => auth.ids.has(p.id)).sort((a, b) => a.id - b.id) : [scope(id, auth)];
    const t = now();
    sendList(res, slice(visible, page).map((p) => accountStats(p, t)), visible.length);
  });

  route('pushDateStats', (req, res, auth) => {
    const dateFrom = queryValue(req, 'dateFrom');
    const dateTo = queryValue(req, 'dateTo');
    if (dateFrom === undefined) throw new ApiError(400, MESSAGES.required('query', 'dateFrom'));
    if (dateTo === undefined) throw new ApiError(400, MESSAGES.required('query', 'dateTo'));
    const periodicity = queryValue(req, 'periodicity') ?? 'daily';
    if (periodicity !== 'daily' && periodicity !== 'hourly') throw new ApiError(400, MESSAGES.periodicity);
    const project = scope(pathId(req), auth);
    const w = dates(req, WINDOW_DAYS[periodicity]);
    sendList(res, dateStats(project, w.from, w.to, periodicity, now(), gen));
  });

  route('pushHeatmap', (req, res, auth, spec) => {
    requireQuery(req, ['dateFrom', 'dateTo']);
    const project = scope(pathId(req), auth);
    const w = dates(req, spec.maxDays);
    sendData(res, pushHeatmap(project, w.from, w.to, now(), gen));
  });

  route('devices', (req, res, auth, spec) => {
    requireQuery(req, ['dateFrom', 'dateTo']);
    const project = scope(pathId(req), auth);
    const w = dates(req, spec.maxDays);
    sendList(res, deviceStats(project, w.from, w.to, now(), gen));
  });

  // ---- campaigns ----
  route('campaigns', (req, res, auth, spec) => {
    const { project, page } = statsRequest(req, auth, spec, false);
    const rows = campaignList(project, now());
    sendList(res, slice(rows, page!), rows.length);
  });

  route('campaignStats', (req, res, auth, spec) => {
    const { project, page, window: w } = statsRequest(req, auth, spec);
    const rows = pushCampaignStats(project, w!.from, w!.to, now(), gen);
    sendList(res, slice(rows, page!), rows.length);
  });

  // ---- SMS and email (v2) ----
  const v2 = (name: EndpointName, rowsOf: (p: SimProject, from: string, to: string, t: Date, o: GenOptions) => readonly unknown[]) =>
    route(name, (req, res, auth, spec) => {
      const { project, page, window: w } = statsRequest(req, auth, spec);
      const rows = rowsOf(project, w!.from, w!.to, now(), gen);
      sendV2(res, spec.list!, slice(rows, page!), rows.length);
    });
  v2('smsApplication', smsApplicationStats);
  v2('smsCampaign', smsCampaignStats);
  v2('emailApplication', emailApplicationStats);
  v2('emailCampaign', emailCampaignStats);

  // ---- chat (JWT only) ----
  route('chatStats', (req, res, auth, spec) => {
    requireQuery(req, ['applicationId', 'dateFrom', 'dateTo']);
    const id = intQuery(req, 'applicationId', { required: true, min: 0, dflt: 0 });
    const actor = enumQuery(req, 'actor', ['all', ...CHAT_ACTORS] as const, 'all');
    const channel = enumQuery(req, 'channel', ['all', ...CHAT_CHANNELS] as const, 'all');
    const project = scope(id, auth);
    const w = dates(req, spec.maxDays);
    sendData(res, chatStats(project, w.from, w.to, now(), { actor, channel }, gen));
  });

  route('agentConversations', (req, res, auth, spec) => {
    const { project, page, window: w } = statsRequest(req, auth, spec);
    const email = queryValue(req, 'email');
    if (email === null) throw new ApiError(400, `request/query/email must be string`);
    const rows = agentConversations(project, w!.from, w!.to, now(), email === undefined || email === '' ? {} : { email });
    sendList(res, slice(rows, page!), rows.length);
  });

  route('agentStatus', (req, res, auth, spec) => {
    const { project } = statsRequest(req, auth, spec, false);
    sendData(res, agentStatus(project, now()));
  });

  route('chatHistory', (req, res, auth, spec) => {
    const { project, page, window: w } = statsRequest(req, auth, spec);
    // = chatHistoryCsv(slice(chatHistory(…), page)), paged over the memoised days
    const { total, csv } = chatHistoryPage(project, w!.from, w!.to, now(), gen, page!.index * page!.limit, page!.limit);
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .set('X-Total-Count', String(total))
      .send(csv);
  });

  // ---- journeys, in-app, wallet ----
  route('journeys', (req, res, auth, spec) => {
    const { project } = statsRequest(req, auth, spec, false);
    sendList(res, journeyList(project, now()));
  });

  route('journeyStats', (req, res, auth, spec) => {
    requireQuery(req, ['dateFrom', 'dateTo']);
    const id = pathId(req);
    const journey = findJourney(id, projects);
    const project = journey ? findProject(journey.projectId, projects) : undefined;
    const visible = journey && project && journey.createdAt <= todayIn(project.timeZone, now());
    if (!visible || !project) throw new ApiError(auth.account ? 404 : 403, auth.account ? MESSAGES.journeyNotFound : MESSAGES.forbidden);
    if (!auth.ids.has(project.id)) throw new ApiError(403, MESSAGES.forbidden);
    const w = dates(req, spec.maxDays);
    sendData(res, journeyStats(project, journey, w.from, w.to, now(), gen));
  });

  route('inAppStats', (req, res, auth, spec) => {
    const { project, window: w } = statsRequest(req, auth, spec);
    sendList(res, inAppStats(project, w!.from, w!.to, now(), gen));
  });

  route('walletStats', (req, res, auth, spec) => {
    const { project, window: w } = statsRequest(req, auth, spec);
    sendList(res, walletStats(project, w!.from, w!.to, now(), gen));
  });

  // Fastify-style 404 (its message carries the URL as requested, query string included).
  app.use((req, res) => sendError(res, new ApiError(404, MESSAGES.routeNotFound(req.method, req.originalUrl))));

  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof ApiError) return sendError(res, err);
    // Express/router client errors (a malformed %-escape, a JSON body that does not parse) keep their 4xx status.
    const status = (err as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500 && STATUS_TEXT[status]) {
      return sendError(res, new ApiError(status, (err as Error).message));
    }
    sendError(res, new ApiError(500, MESSAGES.internal));
  });

  return app;
}

/** The fault controller of an app made by createSimulatorApp. */
export function faultsOf(app: express.Express): FaultController {
  return app.locals.faults as FaultController;
}

export interface RunningSimulator {
  url: string;
  port: number;
  /** Fault injection of this simulator (see faults.ts). */
  faults: FaultController;
  /** Stops listening and ends every open connection (hanging `timeout` faults included). */
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
        faults: faultsOf(app),
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((e) => (e ? fail(e) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
