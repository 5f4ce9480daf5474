// Fault injection of the simulator, switchable per endpoint by tests: in process through the
// FaultController (app.locals.faults, RunningSimulator.faults) and, when the `faultsEndpoint` option is
// on, over HTTP: POST /__sim/faults, GET /__sim/faults, DELETE /__sim/faults.
//
// A rule targets an endpoint name (a key of ENDPOINTS, e.g. 'pushDateStats'), a path pattern
// ('/v1/application/*/dateStats' or the template '/v1/application/:id/dateStats'; `*` or `:x` = one
// segment, `**` = the rest) or, in process only, a RegExp tested on the path. The first matching rule
// wins; `times` = how many requests it affects before the endpoint passes again (absent = until cleared).

import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { ApiError, sendError } from './http.js';
import { ENDPOINTS, FAULT_ADD_FIELD, FAULT_RENAME, FAULT_RETRY_AFTER_SECONDS, MESSAGES, type EndpointName } from './model.js';

export const FAULT_KINDS = [
  'tooManyRequests',
  'internalError',
  'timeout',
  'truncatedJson',
  'malformedJson',
  'renameField',
  'addField',
  'emptyPage',
  'errorBody',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export type Fault =
  /** 429 `Too many requests` with Retry-After (seconds; default FAULT_RETRY_AFTER_SECONDS). */
  | { kind: 'tooManyRequests'; retryAfter?: number }
  /** 500 `Internal server error`. */
  | { kind: 'internalError' }
  /** No answer: the request hangs until the client gives up or the server closes; with `ms`, answers normally after ms. */
  | { kind: 'timeout'; ms?: number }
  /** The normal body cut in half (HTTP 200 and a Content-Length matching the cut body). */
  | { kind: 'truncatedJson' }
  /** The normal body made unparsable (JSON: an unquoted key; CSV: an unbalanced quote). */
  | { kind: 'malformedJson' }
  /** Schema drift: the field `from` is called `to` in every object (CSV: in the header). */
  | { kind: 'renameField'; from?: string; to?: string }
  /**
   * Schema drift that leaves the payload valid: a new field `field` (default FAULT_ADD_FIELD.field)
   * with `value` in every object that has the field `beside` (default statsDate). JSON only.
   */
  | { kind: 'addField'; field?: string; value?: unknown; beside?: string }
  /** The list of page `page` comes back empty with the same count (default: the second page). */
  | { kind: 'emptyPage'; page?: number }
  /** HTTP 200 with `{"statusCode":500,"message":"Internal server error"}`. */
  | { kind: 'errorBody' };

export type FaultTarget = EndpointName | `/${string}` | RegExp;

export interface FaultRuleInfo {
  target: string;
  fault: Fault;
  /** Requests it will still affect; null = until cleared. */
  remaining: number | null;
}

interface Rule {
  target: FaultTarget;
  key: string;
  match: (path: string, endpoint: EndpointName | undefined) => boolean;
  fault: Fault;
  remaining: number | null;
}

const isEndpointName = (s: string): s is EndpointName => Object.prototype.hasOwnProperty.call(ENDPOINTS, s);

function segmentsMatch(pattern: string, path: string): boolean {
  const p = pattern.split('/');
  const s = path.split('/');
  for (let i = 0; i < p.length; i++) {
    const seg = p[i]!;
    if (seg === '**') return true;
    if (i >= s.length) return false;
    if (seg !== '*' && !seg.startsWith(':') && seg !== s[i]) return false;
  }
  return p.length === s.length;
}

function normalise(fault: FaultKind | Fault): Fault {
  const f: Fault = typeof fault === 'string' ? ({ kind: fault } as Fault) : fault;
  if (!f || typeof f !== 'object' || !FAULT_KINDS.includes(f.kind)) {
    throw new TypeError(`unknown fault ${JSON.stringify(fault)}; one of ${FAULT_KINDS.join(', ')}`);
  }
  return { ...f };
}

/** Endpoint of a request path (method + ENDPOINTS path templates). */
export function endpointOf(method: string, path: string): EndpointName | undefined {
  for (const [name, spec] of Object.entries(ENDPOINTS) as [EndpointName, (typeof ENDPOINTS)[EndpointName]][]) {
    if (spec.method === method && segmentsMatch(spec.path, path)) return name;
  }
  return undefined;
}

export class FaultController {
  #rules: Rule[] = [];

  /** Whether any fault is set (without one, requests skip the matching). */
  get active(): boolean {
    return this.#rules.length > 0;
  }

  /** Adds (or replaces, for the same target) a fault. */
  set(target: FaultTarget, fault: FaultKind | Fault, opts: { times?: number } = {}): void {
    const times = opts.times;
    if (times !== undefined && (!Number.isInteger(times) || times < 1)) throw new RangeError(`times must be a positive integer, got ${times}`);
    let match: Rule['match'];
    let key: string;
    if (target instanceof RegExp) {
      key = `re:${target.source}/${target.flags}`;
      match = (path) => new RegExp(target.source, target.flags.replace('g', '')).test(path);
    } else if (isEndpointName(target)) {
      key = target;
      match = (_path, endpoint) => endpoint === target;
    } else if (typeof target === 'string' && target.startsWith('/')) {
      key = target;
      match = (path) => segmentsMatch(target, path);
    } else {
      throw new TypeError(`fault target ${JSON.stringify(String(target))} is neither an endpoint name (${Object.keys(ENDPOINTS).join(', ')}) nor a path`);
    }
    const rule: Rule = { target, key, match, fault: normalise(fault), remaining: times ?? null };
    const i = this.#rules.findIndex((r) => r.key === key);
    if (i >= 0) this.#rules[i] = rule;
    else this.#rules.push(rule);
  }

  /** Removes every fault, or only the one of `target`. */
  clear(target?: FaultTarget): void {
    if (target === undefined) this.#rules = [];
    else {
      const key = target instanceof RegExp ? `re:${target.source}/${target.flags}` : target;
      this.#rules = this.#rules.filter((r) => r.key !== key);
    }
  }

  list(): FaultRuleInfo[] {
    return this.#rules.map((r) => ({ target: r.key, fault: { ...r.fault }, remaining: r.remaining }));
  }

  /** The fault for a request, consuming one of its `times` (emptyPage only counts the pages it empties). */
  take(req: { path: string; page: number | undefined }, endpoint: EndpointName | undefined): Fault | undefined {
    for (const r of this.#rules) {
      if (!r.match(req.path, endpoint)) continue;
      if (r.fault.kind === 'emptyPage') {
        const style = endpoint ? ENDPOINTS[endpoint].pagination : 'none';
        if (style === 'none') continue;
        const first = style === 'v2' ? 1 : 0;
        if ((req.page ?? first) !== (r.fault.page ?? first + 1)) continue;
      }
      if (r.remaining !== null) {
        r.remaining -= 1;
        if (r.remaining <= 0) this.#rules = this.#rules.filter((x) => x !== r);
      }
      return r.fault;
    }
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Body transforms.

const isCsv = (contentType: string | undefined) => /text\/csv/i.test(contentType ?? '');

function renameKeys(v: unknown, from: string, to: string): unknown {
  if (Array.isArray(v)) return v.map((x) => renameKeys(x, from, to));
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k === from ? to : k, renameKeys(x, from, to)]));
  }
  return v;
}

function addKey(v: unknown, field: string, value: unknown, beside: string): unknown {
  if (Array.isArray(v)) return v.map((x) => addKey(x, field, value, beside));
  if (v && typeof v === 'object') {
    const o = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, addKey(x, field, value, beside)]));
    return beside in o ? { ...o, [field]: value } : o;
  }
  return v;
}

function emptyLists(v: unknown): unknown {
  if (!v || typeof v !== 'object') return v;
  const env = v as Record<string, unknown>;
  if (Array.isArray(env.data)) return { ...env, data: [] };
  if (env.data && typeof env.data === 'object') {
    const data = Object.fromEntries(Object.entries(env.data).map(([k, x]) => [k, Array.isArray(x) ? [] : x]));
    return { ...env, data };
  }
  return v;
}

/** The body a response-altering fault sends instead of `body`. */
export function alterBody(fault: Fault, body: string, contentType: string | undefined): string {
  const csv = isCsv(contentType);
  switch (fault.kind) {
    case 'truncatedJson':
      return body.slice(0, Math.max(1, Math.floor(body.length / 2)));
    case 'malformedJson':
      if (csv) return body.replace(',', ',"');
      return body.includes('"data":') ? body.replace('"data":', 'data:') : `${body.slice(0, -1)},}`;
    case 'renameField': {
      const from = fault.from ?? FAULT_RENAME.from;
      const to = fault.to ?? FAULT_RENAME.to;
      if (csv) {
        const eol = body.indexOf('\r\n') >= 0 ? body.indexOf('\r\n') : body.indexOf('\n');
        const head = eol >= 0 ? body.slice(0, eol) : body;
        return head.split(',').map((c) => (c === from ? to : c)).join(',') + (eol >= 0 ? body.slice(eol) : '');
      }
      try {
        return JSON.stringify(renameKeys(JSON.parse(body), from, to));
      } catch {
        return body;
      }
    }
    case 'addField': {
      if (csv) return body;
      try {
        const f = { ...FAULT_ADD_FIELD, ...fault };
        return JSON.stringify(addKey(JSON.parse(body), f.field, f.value, f.beside));
      } catch {
        return body;
      }
    }
    case 'emptyPage':
      if (csv) {
        const eol = body.indexOf('\n');
        return eol >= 0 ? body.slice(0, eol + 1) : body;
      }
      try {
        return JSON.stringify(emptyLists(JSON.parse(body)));
      } catch {
        return body;
      }
    default:
      return body;
  }
}

// ---------------------------------------------------------------------------------------------
// Middleware and HTTP control.

/** Applies the controller's faults to every request except /__sim/*. */
export function faultMiddleware(faults: FaultController) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!faults.active || req.path.startsWith('/__sim/')) return next();
    const rawPage = (req.query as Record<string, unknown>).page;
    const page = typeof rawPage === 'string' && /^-?\d+$/.test(rawPage) ? Number(rawPage) : undefined;
    const fault = faults.take({ path: req.path, page }, endpointOf(req.method, req.path));
    if (!fault) return next();
    switch (fault.kind) {
      case 'tooManyRequests':
        return sendError(res, new ApiError(429, MESSAGES.tooManyRequests, { 'Retry-After': String(fault.retryAfter ?? FAULT_RETRY_AFTER_SECONDS) }));
      case 'internalError':
        return sendError(res, new ApiError(500, MESSAGES.internal));
      case 'errorBody':
        res.status(200).json({ statusCode: 500, message: MESSAGES.internal });
        return;
      case 'timeout': {
        if (fault.ms === undefined) return; // never answers; close() of the server ends the socket
        const timer = setTimeout(next, fault.ms);
        res.once('close', () => clearTimeout(timer));
        return;
      }
      default: {
        const send = res.send.bind(res);
        res.send = (body?: unknown) => {
          const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : body;
          return send(typeof text === 'string' ? alterBody(fault, text, res.get('content-type')) : text);
        };
        return next();
      }
    }
  };
}

/** POST/GET/DELETE /__sim/faults (enabled by the `faultsEndpoint` option). */
export function faultRouter(faults: FaultController): Router {
  const router = express.Router();
  const reply = (res: Response) => res.status(200).json({ statusCode: 200, message: 'OK', data: faults.list() });
  router.get('/__sim/faults', (_req, res) => reply(res));
  router.post('/__sim/faults', express.json(), (req, res) => {
    const items: unknown[] = Array.isArray(req.body) ? req.body : [req.body];
    const apply = (to: FaultController) => {
      for (const item of items) {
        const { target, fault, times } = (item ?? {}) as { target?: unknown; fault?: unknown; times?: unknown };
        if (typeof target !== 'string') throw new TypeError(MESSAGES.required('body', 'target'));
        if (fault === undefined) throw new TypeError(MESSAGES.required('body', 'fault'));
        if (times !== undefined && typeof times !== 'number') throw new TypeError('times must be a number');
        to.set(target as FaultTarget, fault as Fault, times === undefined ? {} : { times });
      }
    };
    try {
      apply(new FaultController()); // validate everything first: all or nothing
      apply(faults);
    } catch (e) {
      return sendError(res, new ApiError(400, (e as Error).message));
    }
    reply(res);
  });
  router.delete('/__sim/faults', (req, res) => {
    const target = (req.query as Record<string, unknown>).target;
    faults.clear(typeof target === 'string' ? (target as FaultTarget) : undefined);
    reply(res);
  });
  return router;
}
