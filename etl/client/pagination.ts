/**
 * Pagination of indigitall lists (seen): v1 takes `limit` (required) and `page` from 0, rows in
 * `data[]`; v2 takes `page` from 1 and `limit` ≤ 1000, rows nested in `data.<key>[]` (`data.sendings`,
 * `data.campaigns`); `count` is the total in both. Pages are read until `count` rows arrived (or, when
 * a list has no count, until a page is shorter than the limit), up to a hard page cap.
 *
 * An empty page while `count` says rows are still missing is not the end of the list but an upstream
 * fault: it throws PaginationError('empty-page') with every response fetched so far, so the caller can
 * quarantine them instead of loading a silently truncated list. A count that changes between pages or
 * more rows than count throw PaginationError('inconsistent') (the list moved while we read it); a page
 * that is not a JSON envelope with the rows array, PaginationError('malformed'); the cap,
 * PaginationError('page-cap').
 */
import { CsvError, csvRecords, type CsvTable } from './csv.js';
import type { ApiResponse, IndigitallClient, Query, RequestOptions } from './indigitall.js';

export type PageStyle = 'v1' | 'v2';

/** Largest `limit` of v2 lists (seen). */
export const MAX_V2_LIMIT = 1000;
export const DEFAULT_PAGE_LIMIT = 1000;
/** Default hard cap on pages per list (a million rows at the default limit). */
export const DEFAULT_MAX_PAGES = 1000;

export interface PageOptions {
  /** Default: v2 for paths under /v2/, else v1. */
  style?: PageStyle;
  /** v2 only, required there: the array inside `data` that holds the rows ('sendings', 'campaigns'). */
  rowsKey?: string;
  /** Rows per page (default 1000; v2 at most 1000). */
  limit?: number;
  /** Hard cap on requests for one list (default 1000). */
  maxPages?: number;
  request?: RequestOptions;
}

export interface Page<T = unknown> {
  /** The page number sent to the API (from 0 in v1, from 1 in v2). */
  page: number;
  response: ApiResponse;
  rows: T[];
  /** The total the API announced (the same on every page; undefined when it gives none). */
  count: number | undefined;
  /** Rows received so far, this page included. */
  fetched: number;
}

/**
 * - empty-page: a page without rows while count says rows are missing;
 * - inconsistent: count changed between pages, or the pages hold more rows than count (rows shifted:
 *   some may be missing or twice);
 * - malformed: not a JSON envelope with the rows array and a count; page-cap: the cap came first.
 */
export type PaginationFailure = 'empty-page' | 'inconsistent' | 'page-cap' | 'malformed';

export class PaginationError extends Error {
  constructor(
    readonly reason: PaginationFailure,
    detail: string,
    /** Request path without the query. */
    readonly path: string,
    /** The page number (as sent) the failure is about. */
    readonly page: number,
    /** Every response of this list fetched so far, the offending one last. */
    readonly responses: ApiResponse[],
  ) {
    super(`pagination of ${path} failed at page ${page} (${reason}): ${detail}`);
    this.name = 'PaginationError';
  }

  /** The offending page's response (the last one fetched). */
  get response(): ApiResponse | undefined {
    return this.responses.at(-1);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function pagingQuery(query: Query, limit: number, page: number): Query {
  if ('page' in query || 'limit' in query) throw new TypeError('page and limit are set by the paginator; leave them out of the query');
  return { ...query, limit, page };
}

function checkLimits(limit: number, maxPages: number, maxLimit = Infinity): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) throw new RangeError(`limit must be an integer from 1 to ${maxLimit}, got ${limit}`);
  if (!Number.isInteger(maxPages) || maxPages < 1) throw new RangeError(`maxPages must be a positive integer, got ${maxPages}`);
}

/** The rows and the announced total of one page; a string saying what is wrong when it cannot. */
function readPage(json: unknown, style: PageStyle, rowsKey: string | undefined): { rows: unknown[]; count: number | undefined } | string {
  if (!isObject(json)) return 'body is not a JSON object';
  const data = json.data;
  const rows = style === 'v1' ? data : isObject(data) ? data[rowsKey!] : undefined;
  if (!Array.isArray(rows)) return `${style === 'v1' ? 'data' : `data.${rowsKey}`} is not an array`;
  const count = json.count ?? (style === 'v2' && isObject(data) ? data.count : undefined);
  if (count !== undefined && !(Number.isInteger(count) && (count as number) >= 0)) return 'count is not a non-negative integer';
  return { rows, count: count as number | undefined };
}

export async function* paginate<T = unknown>(
  client: IndigitallClient,
  path: string,
  query: Query,
  opts: PageOptions = {},
): AsyncGenerator<Page<T>> {
  const style = opts.style ?? (path.startsWith('/v2/') ? 'v2' : 'v1');
  const limit = opts.limit ?? DEFAULT_PAGE_LIMIT;
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  checkLimits(limit, maxPages, style === 'v2' ? MAX_V2_LIMIT : Infinity);
  if (style === 'v2' && !opts.rowsKey) throw new TypeError('v2 pagination needs rowsKey (the array inside data, e.g. "sendings")');
  const first = style === 'v1' ? 0 : 1;
  const responses: ApiResponse[] = [];
  let fetched = 0;
  let total: number | undefined;
  for (let index = 0; ; index++) {
    const page = first + index;
    const response = await client.get(path, pagingQuery(query, limit, page), opts.request);
    responses.push(response);
    const read = readPage(response.json, style, opts.rowsKey);
    if (typeof read === 'string') throw new PaginationError('malformed', read, path, page, responses);
    const { rows, count } = read;
    fetched += rows.length;
    if (index > 0 && count !== total) {
      throw new PaginationError('inconsistent', `count changed from ${total ?? 'none'} to ${count ?? 'none'} between pages`, path, page, responses);
    }
    total = count;
    if (count !== undefined && fetched > count) {
      throw new PaginationError('inconsistent', `pages hold ${fetched} rows, more than count ${count}`, path, page, responses);
    }
    if (rows.length === 0 && count !== undefined && fetched < count) {
      throw new PaginationError('empty-page', `empty page after ${fetched} of ${count} rows`, path, page, responses);
    }
    yield { page, response, rows: rows as T[], count, fetched };
    const done = rows.length === 0 || (count !== undefined ? fetched >= count : rows.length < limit);
    if (done) return;
    if (index + 1 >= maxPages) {
      const left = count !== undefined ? `${count - fetched} of ${count} rows still missing` : 'the list had not ended';
      throw new PaginationError('page-cap', `${left} after the cap of ${maxPages} pages`, path, page, responses);
    }
  }
}

export interface CollectedPages<T = unknown> {
  rows: T[];
  /** The total the pages announced. */
  count: number | undefined;
  /** Each page's response, in order (for raw storage). */
  responses: ApiResponse[];
}

export async function collectPages<T = unknown>(client: IndigitallClient, path: string, query: Query, opts: PageOptions = {}): Promise<CollectedPages<T>> {
  const rows: T[] = [];
  const responses: ApiResponse[] = [];
  let count: number | undefined;
  for await (const p of paginate<T>(client, path, query, opts)) {
    for (const r of p.rows) rows.push(r);
    responses.push(p.response);
    count = p.count;
  }
  return { rows, count, responses };
}

// ---- CSV lists (chat history) ---------------------------------------------------------------------

export interface CsvPageOptions {
  limit?: number;
  maxPages?: number;
  /** Every page's header must be exactly this (else PaginationError 'malformed'). */
  expectedHeader?: readonly string[];
  request?: RequestOptions;
}

export interface CsvPage extends CsvTable {
  page: number;
  response: ApiResponse;
}

/**
 * v1 paging over a CSV list, which has no count: the list ends at the first page with fewer records
 * than the limit. A page that is not valid CSV, or whose header differs from the first page's (or from
 * expectedHeader), throws PaginationError('malformed').
 */
export async function* csvPages(client: IndigitallClient, path: string, query: Query, opts: CsvPageOptions = {}): AsyncGenerator<CsvPage> {
  const limit = opts.limit ?? DEFAULT_PAGE_LIMIT;
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  checkLimits(limit, maxPages);
  const responses: ApiResponse[] = [];
  let expected = opts.expectedHeader;
  for (let page = 0; ; page++) {
    const response = await client.getCsv(path, pagingQuery(query, limit, page), opts.request);
    responses.push(response);
    let table: CsvTable;
    try {
      table = csvRecords(response.body, expected ? { expectedHeader: expected } : {});
    } catch (err) {
      if (err instanceof CsvError) throw new PaginationError('malformed', err.message, path, page, responses);
      throw err;
    }
    if (table.header.length > 0) expected ??= table.header;
    yield { page, response, ...table };
    if (table.records.length < limit) return;
    if (page + 1 >= maxPages) throw new PaginationError('page-cap', `the list had not ended after the cap of ${maxPages} pages`, path, page, responses);
  }
}
