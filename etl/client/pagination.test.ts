/**
 * v1 and v2 pagination against fake lists: page numbering, stopping on count, the empty page in the
 * middle (an error the caller can quarantine, with the responses), malformed pages and the page cap.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Keyring } from './credentials.js';
import { apiError, envelope, startFake, type Fake, type FakeReply, type FakeRequest } from './fake-upstream.js';
import { IndigitallApiError, IndigitallClient } from './indigitall.js';
import { PaginationError, type Page } from './pagination.js';

let fakes: Fake[] = [];
afterEach(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  fakes = [];
});

async function fake(handler: (req: FakeRequest) => FakeReply | Promise<FakeReply>): Promise<Fake> {
  const f = await startFake(handler);
  fakes.push(f);
  return f;
}

const client = (f: Fake) => new IndigitallClient({ baseUrl: f.url, serverKey: 'list-key', keyring: new Keyring(), sleep: async () => {} });
const rows = (n: number, from = 0) => Array.from({ length: Math.max(0, n) }, (_, i) => ({ id: from + i + 1 }));
/** Rows [start, end) of a list of `total` rows, made on demand (lists here reach a million rows). */
const slice = (total: number, start: number, end: number) => rows(Math.min(end, total) - start, start);
const pagesOf = (f: Fake) => f.requests.map((r) => [Number(r.url.searchParams.get('page')), Number(r.url.searchParams.get('limit'))]);

/** A v1 list of `total` rows (page from 0, rows in data[]); `override` may replace a page's answer. */
function v1List(total: number, override: (page: number) => FakeReply | undefined = () => undefined) {
  return (req: FakeRequest): FakeReply => {
    const limit = Number(req.url.searchParams.get('limit'));
    const page = Number(req.url.searchParams.get('page'));
    if (!limit) return apiError(400, "request/query must have required property 'limit'");
    return override(page) ?? { body: envelope(slice(total, page * limit, (page + 1) * limit), total) };
  };
}

/** A v2 list (page from 1, limit ≤ 1000, rows in data.sendings[]). */
function v2List(total: number, override: (page: number) => FakeReply | undefined = () => undefined) {
  return (req: FakeRequest): FakeReply => {
    const limit = Number(req.url.searchParams.get('limit'));
    const page = Number(req.url.searchParams.get('page'));
    if (page < 1) return apiError(400, 'request/query/page must be >= 1');
    if (limit > 1000) return apiError(400, 'request/query/limit must be <= 1000');
    return override(page) ?? { body: envelope({ sendings: slice(total, (page - 1) * limit, page * limit) }, total) };
  };
}

async function failure(p: Promise<unknown>): Promise<PaginationError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PaginationError);
  return err as PaginationError;
}

describe('v1 pagination', () => {
  it('pages from 0 with the limit until count rows arrived', async () => {
    const f = await fake(v1List(2500));
    const all = await client(f).getAll('/v1/campaign', { applicationId: 100 });
    expect(all.rows).toEqual(rows(2500));
    expect(all.count).toBe(2500);
    expect(all.responses).toHaveLength(3);
    expect(pagesOf(f)).toEqual([[0, 1000], [1, 1000], [2, 1000]]);
    expect(f.requests[0]!.url.searchParams.get('applicationId')).toBe('100');
  });

  it('stops exactly at count (no extra request for an empty last page)', async () => {
    const f = await fake(v1List(20));
    const all = await client(f).getAll('/v1/application', {}, { limit: 10 });
    expect(all.rows).toHaveLength(20);
    expect(pagesOf(f)).toEqual([[0, 10], [1, 10]]);
  });

  it('count 0: one request, no rows', async () => {
    const f = await fake(v1List(0));
    expect((await client(f).getAll('/v1/application', {}, { limit: 10 })).rows).toEqual([]);
    expect(f.requests).toHaveLength(1);
  });

  it('yields page by page as an async iterator', async () => {
    const f = await fake(v1List(25));
    const seen: Omit<Page, 'response' | 'rows'>[] = [];
    for await (const { response: _r, rows: _rows, ...p } of client(f).pages('/v1/application', {}, { limit: 10 })) seen.push(p);
    expect(seen).toEqual([
      { page: 0, count: 25, fetched: 10 },
      { page: 1, count: 25, fetched: 20 },
      { page: 2, count: 25, fetched: 25 },
    ]);
  });

  it('an empty page in the middle (count says more) is an error carrying every response, not a silent stop', async () => {
    const f = await fake(v1List(2500, (page) => (page === 1 ? { body: envelope([], 2500) } : undefined)));
    const got: unknown[] = [];
    const err = await failure(
      (async () => {
        for await (const p of client(f).pages('/v1/campaign', { applicationId: 100 })) got.push(...p.rows);
      })(),
    );
    expect(err).toMatchObject({ reason: 'empty-page', path: '/v1/campaign', page: 1 });
    expect(err.message).toBe('pagination of /v1/campaign failed at page 1 (empty-page): empty page after 1000 of 2500 rows');
    expect(err.responses.map((r) => r.path)).toEqual(['/v1/campaign?applicationId=100&limit=1000&page=0', '/v1/campaign?applicationId=100&limit=1000&page=1']);
    expect(err.response!.json).toEqual(envelope([], 2500));
    expect(got).toHaveLength(1000);
    expect(f.requests).toHaveLength(2);
  });

  it('a count that changes between pages, or more rows than count, is inconsistent (the list moved)', async () => {
    const grew = await fake(v1List(25, (page) => (page === 1 ? { body: envelope(rows(10), 26) } : undefined)));
    const err = await failure(client(grew).getAll('/v1/campaign', {}, { limit: 10 }));
    expect(err).toMatchObject({ reason: 'inconsistent', page: 1 });
    expect(err.message).toContain('count changed from 25 to 26 between pages');

    const over = await fake(() => ({ body: envelope(rows(10), 5) }));
    const err2 = await failure(client(over).getAll('/v1/campaign', {}, { limit: 10 }));
    expect(err2).toMatchObject({ reason: 'inconsistent', page: 0 });
    expect(err2.message).toContain('pages hold 10 rows, more than count 5');
  });

  it('an empty first page while count is positive is the same error', async () => {
    const f = await fake(() => ({ body: envelope([], 5) }));
    const err = await failure(client(f).getAll('/v1/application', {}, { limit: 10 }));
    expect(err).toMatchObject({ reason: 'empty-page', page: 0 });
  });

  it('the page cap stops a list that does not end, as an error', async () => {
    const f = await fake(v1List(1_000_000));
    const err = await failure(client(f).getAll('/v1/campaign', {}, { limit: 10, maxPages: 3 }));
    expect(err).toMatchObject({ reason: 'page-cap', page: 2 });
    expect(err.message).toMatch(/999970 of 1000000 rows still missing after the cap of 3 pages/);
    expect(f.requests).toHaveLength(3);
  });

  it('a list that reaches its end exactly at the cap is fine', async () => {
    const f = await fake(v1List(30));
    expect((await client(f).getAll('/v1/campaign', {}, { limit: 10, maxPages: 3 })).rows).toHaveLength(30);
  });

  it('without a count, a short page ends the list', async () => {
    const all = rows(15);
    const f = await fake((req) => {
      const page = Number(req.url.searchParams.get('page'));
      return { body: { statusCode: 200, message: 'OK', data: all.slice(page * 10, page * 10 + 10) } };
    });
    const res = await client(f).getAll('/v1/application', {}, { limit: 10 });
    expect(res.rows).toEqual(all);
    expect(res.count).toBeUndefined();
    expect(f.requests).toHaveLength(2);
  });

  it.each([
    ['a body that is not JSON', '{"statusCode":200,"data":[', 'body is not a JSON object'],
    ['data that is not an array', { statusCode: 200, message: 'OK', count: 1, data: { id: 1 } }, 'data is not an array'],
    ['a count that is not a count', { statusCode: 200, message: 'OK', count: '3', data: [] }, 'count is not a non-negative integer'],
  ])('%s is a malformed page', async (_name, body, detail) => {
    const f = await fake(() => ({ body }));
    const err = await failure(client(f).getAll('/v1/application', {}, { limit: 10 }));
    expect(err).toMatchObject({ reason: 'malformed', page: 0 });
    expect(err.message).toContain(detail);
    expect(err.response!.body).toBe(typeof body === 'string' ? body : JSON.stringify(body));
  });

  it('a request that fails for good stops the list with the API error', async () => {
    const f = await fake(v1List(30, (page) => (page === 1 ? apiError(403, 'Operation forbidden') : undefined)));
    await expect(client(f).getAll('/v1/campaign', {}, { limit: 10 })).rejects.toThrow(IndigitallApiError);
  });

  it('refuses bad options before any request', async () => {
    const f = await fake(v1List(1));
    const c = client(f);
    await expect(c.getAll('/v1/campaign', { page: 3 })).rejects.toThrow(TypeError);
    await expect(c.getAll('/v1/campaign', {}, { limit: 0 })).rejects.toThrow(RangeError);
    await expect(c.getAll('/v1/campaign', {}, { maxPages: 0 })).rejects.toThrow(RangeError);
    expect(f.requests).toHaveLength(0);
  });
});

describe('v2 pagination', () => {
  it('pages from 1 with limit ≤ 1000 and reads rows from data.<rowsKey>', async () => {
    const f = await fake(v2List(2100));
    const all = await client(f).getAll('/v2/sms/sendings', { applicationId: 100 }, { rowsKey: 'sendings' });
    expect(all.rows).toEqual(rows(2100));
    expect(pagesOf(f)).toEqual([[1, 1000], [2, 1000], [3, 1000]]);
  });

  it('takes the count from data.count when the envelope has none', async () => {
    const all = rows(12);
    const f = await fake((req) => {
      const page = Number(req.url.searchParams.get('page'));
      return { body: { statusCode: 200, message: 'OK', data: { count: 12, campaigns: all.slice((page - 1) * 5, page * 5) } } };
    });
    const res = await client(f).getAll('/v2/email/campaigns', {}, { rowsKey: 'campaigns', limit: 5 });
    expect(res).toMatchObject({ rows: all, count: 12 });
    expect(f.requests).toHaveLength(3);
  });

  it('an empty page in the middle is an error', async () => {
    const f = await fake(v2List(2100, (page) => (page === 2 ? { body: envelope({ sendings: [] }, 2100) } : undefined)));
    const err = await failure(client(f).getAll('/v2/sms/sendings', {}, { rowsKey: 'sendings' }));
    expect(err).toMatchObject({ reason: 'empty-page', page: 2 });
    expect(err.responses).toHaveLength(2);
  });

  it('the page cap holds for v2 too', async () => {
    const f = await fake(v2List(10_000));
    const err = await failure(client(f).getAll('/v2/sms/sendings', {}, { rowsKey: 'sendings', limit: 100, maxPages: 2 }));
    expect(err).toMatchObject({ reason: 'page-cap', page: 2 });
    expect(f.requests).toHaveLength(2);
  });

  it('missing data.<rowsKey> is malformed; a limit over 1000 or no rowsKey is refused', async () => {
    const f = await fake(() => ({ body: envelope({ campaigns: [] }, 0) }));
    const c = client(f);
    const err = await failure(c.getAll('/v2/sms/sendings', {}, { rowsKey: 'sendings' }));
    expect(err).toMatchObject({ reason: 'malformed' });
    expect(err.message).toContain('data.sendings is not an array');
    await expect(c.getAll('/v2/sms/sendings', {}, { rowsKey: 'sendings', limit: 1001 })).rejects.toThrow(RangeError);
    await expect(c.getAll('/v2/sms/sendings', {})).rejects.toThrow(/rowsKey/);
    expect(f.requests).toHaveLength(1);
  });
});

describe('CSV pages (chat history)', () => {
  const HEADER = 'messageId,messageDate,content';
  const line = (i: number) => `m${i},2026-11-0${(i % 9) + 1}T10:00:00Z,"hola, ""${i}""\nsegunda línea"`;

  function csvList(total: number, broken?: (page: number) => string | undefined) {
    return (req: FakeRequest): FakeReply => {
      const limit = Number(req.url.searchParams.get('limit'));
      const page = Number(req.url.searchParams.get('page'));
      const body = broken?.(page) ?? [HEADER, ...Array.from({ length: Math.max(0, Math.min(limit, total - page * limit)) }, (_, k) => line(page * limit + k))].join('\r\n') + '\r\n';
      return { headers: { 'content-type': 'text/csv; charset=utf-8' }, body };
    };
  }

  it('reads pages from 0 until one has fewer records than the limit', async () => {
    const f = await fake(csvList(25));
    const got: Record<string, string>[] = [];
    for await (const p of client(f).csvPages('/v1/chat/history/csv', { applicationId: 100 }, { limit: 10, request: { auth: 'serverKey' } })) got.push(...p.records);
    expect(got).toHaveLength(25);
    expect(got[3]).toEqual({ messageId: 'm3', messageDate: '2026-11-04T10:00:00Z', content: 'hola, "3"\nsegunda línea' });
    expect(pagesOf(f)).toEqual([[0, 10], [1, 10], [2, 10]]);
  });

  it('a page whose header changed is malformed', async () => {
    const f = await fake(csvList(25, (page) => (page === 1 ? 'messageId,date,content\r\nm1,x,y\r\n' : undefined)));
    const pages = client(f).csvPages('/v1/chat/history/csv', {}, { limit: 10, request: { auth: 'serverKey' } });
    const err = await failure((async () => { for await (const _ of pages); })());
    expect(err).toMatchObject({ reason: 'malformed', page: 1 });
    expect(err.message).toContain('missing: messageDate; unexpected: date');
  });
});
