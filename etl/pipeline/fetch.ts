/**
 * Fetching one endpoint for one request window: one request, or every page re-assembled into one
 * payload (v1: `limit` + `page` from 0, rows in `data`; v2: `page` from 1, rows in `data[listKey]`;
 * `count` is the total in both), through the client's paging helpers (etl/client/pagination.ts).
 * CSV endpoints are parsed into `{"rows": [...]}`. A fan-out endpoint is fetched for one key: `{key}`
 * in its path, the key in the stored params under `fanOut.param`, landed as `<name>:<key>`.
 *
 * A page that is not a usable envelope, an empty page before `count` rows arrived, or a list that
 * moved while it was read are not errors of the request but of the payload: they come back as a
 * quarantine reason with the bodies received, so the window fails without loading a truncated list.
 */
import { CsvError, csvRecords } from '../client/csv.js';
import type { IndigitallClient } from '../client/indigitall.js';
import { collectPages, csvPages, PaginationError } from '../client/pagination.js';
import { fanOutName, type EndpointSpec, type Window } from './types.js';

type Response = { path: string; body: string; json: unknown };

/** What the pipeline needs of the indigitall client. */
export interface ApiClient {
  get(path: string, query: Record<string, string | number>): Promise<Response>;
  /** CSV endpoints (the client asks for text/csv); falls back to get. */
  getCsv?(path: string, query: Record<string, string | number>): Promise<Response>;
}

export interface Fetched {
  endpoint: EndpointSpec;
  /** The endpoint name the payload lands (or is quarantined) under: endpoint.name, or `<name>:<key>` for a fan-out. */
  name: string;
  window: Window;
  /** The request's query without paging parameters, plus the fan-out key (stored with the payload). */
  params: Record<string, string | number>;
  /** The body as received (pages joined by a newline), kept when the payload is quarantined. */
  body: string;
  /** The payload to validate and land; undefined when it could not be assembled. */
  payload: unknown;
  /** Set when the payload could not be assembled (not JSON, pagination cut short…). */
  reason?: string;
  requests: number;
}

/** Hard stop for a runaway page loop (an upstream that never says it is done). */
export const MAX_PAGES = 10_000;

/** `key`: the fan-out key, required for (and only for) an endpoint with `fanOut`. */
export async function fetchEndpoint(client: ApiClient, endpoint: EndpointSpec, projectId: number, window: Window, key?: string | number): Promise<Fetched> {
  if ((key === undefined) !== (endpoint.fanOut === undefined)) {
    throw new TypeError(`${endpoint.name}: ${endpoint.fanOut ? 'a fan-out endpoint is fetched per key' : 'only a fan-out endpoint takes a key'}`);
  }
  let path = endpoint.path.replaceAll('{id}', String(projectId));
  if (key !== undefined) path = path.replaceAll('{key}', encodeURIComponent(String(key)));
  const params = endpoint.query(projectId, window);
  const csv = endpoint.format === 'csv';
  const base = {
    endpoint,
    name: key === undefined ? endpoint.name : fanOutName(endpoint, key),
    window,
    params: key === undefined ? params : { ...params, [endpoint.fanOut!.param]: key },
  };
  const paging = endpoint.paging;
  // The paging helpers only call get/getCsv (typed with the client class, hence the cast).
  const c = { get: client.get.bind(client), getCsv: (client.getCsv ?? client.get).bind(client) } as unknown as IndigitallClient;

  if (paging.kind === 'none') {
    const res = csv ? await c.getCsv(path, params) : await c.get(path, params);
    if (csv) return { ...base, ...parseCsv(res.body), body: res.body, requests: 1 };
    return { ...base, body: res.body, payload: res.json, requests: 1, ...(res.json === undefined ? { reason: 'body is not JSON' } : {}) };
  }

  try {
    if (csv) {
      const rows: Record<string, string>[] = [];
      const bodies: string[] = [];
      for await (const page of csvPages(c, path, params, { limit: paging.limit, maxPages: MAX_PAGES })) {
        rows.push(...page.records);
        bodies.push(page.response.body);
      }
      return { ...base, body: bodies.join('\n'), payload: { rows }, requests: bodies.length };
    }
    const opts = paging.kind === 'v1' ? { style: 'v1' as const, limit: paging.limit } : { style: 'v2' as const, limit: paging.limit, rowsKey: paging.listKey };
    const { rows, count, responses } = await collectPages(c, path, params, { ...opts, maxPages: MAX_PAGES });
    const first = responses[0]!.json as Record<string, unknown>;
    const payload =
      paging.kind === 'v1'
        ? { ...first, count, data: rows }
        : { ...first, count, data: { ...(first.data as Record<string, unknown>), [paging.listKey]: rows } };
    return { ...base, body: responses.map((r) => r.body).join('\n'), payload, requests: responses.length };
  } catch (err) {
    if (!(err instanceof PaginationError)) throw err;
    return { ...base, body: err.responses.map((r) => r.body).join('\n'), payload: undefined, reason: err.message, requests: err.responses.length };
  }
}

function parseCsv(text: string): { payload: unknown; reason?: string } {
  try {
    return { payload: { rows: csvRecords(text).records } };
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    return { payload: undefined, reason: `CSV: ${err.message}` };
  }
}
