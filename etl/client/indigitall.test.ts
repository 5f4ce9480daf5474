/**
 * The client's transport rules against fake indigitall servers on 127.0.0.1: region URLs, the
 * envelope and error checks, every retry rule (and what is never retried), timeouts, and that no
 * key or token reaches an error. Waits are injected (`sleep`), so nothing here waits for a backoff.
 */
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { Keyring } from './credentials.js';
import { apiError, envelope, startFake, type Fake, type FakeReply, type FakeRequest } from './fake-upstream.js';
import { IndigitallApiError, IndigitallClient, REGIONS, regionBaseUrl, type ClientOptions, type RetryEvent } from './indigitall.js';
import { backoffDelay, parseRetryAfter, retryDelay } from './retry.js';

const KEY = '6c2b5d3e-0000-4000-8000-00000000k3y1';
const ROWS = [{ platformGroup: 'android', statsDate: '2026-11-01', numDevicesSent: 10 }];
const OK = { body: envelope(ROWS) } satisfies FakeReply;

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

/** A client on `f` that records its waits instead of waiting. */
function clientOn(f: Fake, opts: Partial<ClientOptions> = {}) {
  const sleeps: number[] = [];
  const retries: RetryEvent[] = [];
  const client = new IndigitallClient({
    baseUrl: f.url,
    serverKey: KEY,
    keyring: new Keyring(),
    sleep: async (ms) => void sleeps.push(ms),
    onRetry: (e) => retries.push(e),
    ...opts,
  });
  return { client, sleeps, retries };
}

/** Answers the replies in order, then `OK` for every further request. */
const sequence = (...replies: FakeReply[]) => (req: FakeRequest) => replies[req.n - 1] ?? OK;

async function rejection(p: Promise<unknown>): Promise<IndigitallApiError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(IndigitallApiError);
  return err as IndigitallApiError;
}

describe('regions and base URLs', () => {
  it('maps each region to its host', () => {
    expect(REGIONS.map(regionBaseUrl)).toEqual([
      'https://am1.api.indigitall.com',
      'https://eu1.api.indigitall.com',
      'https://eu2.api.indigitall.com',
      'https://eu3.api.indigitall.com',
    ]);
    expect(() => regionBaseUrl('us1' as never)).toThrow(RangeError);
  });

  it('a client on a region requests that host; baseUrl and region exclude each other', async () => {
    const urls: string[] = [];
    const fetchSpy: typeof fetch = async (input) => {
      urls.push(String(input));
      return new Response(JSON.stringify(envelope([])), { headers: { 'content-type': 'application/json' } });
    };
    const client = new IndigitallClient({ region: 'eu2', serverKey: KEY, fetch: fetchSpy, keyring: new Keyring() });
    expect(client.baseUrl).toBe('https://eu2.api.indigitall.com');
    await client.get('/v1/application', { limit: 10, page: 0 });
    expect(urls).toEqual(['https://eu2.api.indigitall.com/v1/application?limit=10&page=0']);

    expect(() => new IndigitallClient({ region: 'eu1', baseUrl: 'http://127.0.0.1:1', serverKey: KEY })).toThrow(TypeError);
    expect(() => new IndigitallClient({ serverKey: KEY })).toThrow(TypeError);
    expect(() => new IndigitallClient({ region: 'xx1' as never, serverKey: KEY })).toThrow(RangeError);
    expect(() => new IndigitallClient({ baseUrl: 'ftp://example.org', serverKey: KEY })).toThrow(TypeError);
    expect(() => new IndigitallClient({ baseUrl: 'http://127.0.0.1:1' })).toThrow(/server key or a console login/);
    expect(new IndigitallClient({ baseUrl: 'http://127.0.0.1:1/api//', serverKey: KEY }).baseUrl).toBe('http://127.0.0.1:1/api');
  });

  it('refuses a path that is not absolute, which could send the key to another host', async () => {
    const f = await fake(() => OK);
    const { client } = clientOn(f);
    await expect(client.get('//evil.example/x', {})).rejects.toThrow(TypeError);
    await expect(client.get('@evil.example/x', {})).rejects.toThrow(TypeError);
    expect(f.requests).toHaveLength(0);
  });
});

describe('a successful request', () => {
  it('sends the server key, returns the body, the parsed envelope and the path with its query', async () => {
    const f = await fake(() => OK);
    const { client } = clientOn(f);
    const res = await client.get('/v1/application/100/dateStats', { dateFrom: '2026-11-01', dateTo: '2026-11-07', periodicity: 'daily', skip: undefined });
    expect(res).toEqual({
      path: '/v1/application/100/dateStats?dateFrom=2026-11-01&dateTo=2026-11-07&periodicity=daily',
      body: JSON.stringify(envelope(ROWS)),
      json: envelope(ROWS),
      status: 200,
      contentType: 'application/json; charset=utf-8',
    });
    expect(f.requests[0]).toMatchObject({ method: 'GET', authorization: `ServerKey ${KEY}`, accept: 'application/json' });
    expect(client.stats).toEqual({ requests: 1, retries: 0, reLogins: 0 });
  });

  it('returns a 200 body that is not JSON as text with json undefined, without retrying (the caller quarantines it)', async () => {
    const truncated = JSON.stringify(envelope(ROWS)).slice(0, 20);
    const f = await fake(() => ({ body: truncated }));
    const { client, sleeps } = clientOn(f);
    const res = await client.get('/v1/application', { limit: 1 });
    expect(res).toMatchObject({ body: truncated, json: undefined, status: 200 });
    expect(f.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('getCsv asks for text/csv and returns the CSV as text', async () => {
    const csv = 'messageId,content\r\n1,"hola, ¿qué tal?"\r\n';
    const f = await fake(() => ({ headers: { 'content-type': 'text/csv; charset=utf-8' }, body: csv }));
    const { client } = clientOn(f);
    const res = await client.getCsv('/v1/application/100/export', { limit: 10, page: 0 });
    expect(res).toMatchObject({ body: csv, json: undefined, contentType: 'text/csv; charset=utf-8' });
    expect(f.requests[0]!.accept).toMatch(/^text\/csv/);
  });
});

describe('retries', () => {
  it('429 with Retry-After in seconds: waits exactly that long, then succeeds', async () => {
    const f = await fake(sequence(apiError(429, 'Too many requests', { headers: { 'retry-after': '2' } })));
    const { client, sleeps, retries } = clientOn(f);
    const res = await client.get('/v1/application', { limit: 1 });
    expect(res.json).toEqual(envelope(ROWS));
    expect(f.requests).toHaveLength(2);
    expect(sleeps).toEqual([2000]);
    expect(retries).toEqual([{ path: '/v1/application', retry: 1, delayMs: 2000, status: 429, kind: 'http', message: 'Too many requests' }]);
  });

  it('429 with Retry-After as an HTTP date: waits until then (by the injected clock)', async () => {
    const now = Date.parse('2026-11-20T10:00:00Z');
    const f = await fake(sequence(apiError(429, 'Too many requests', { headers: { 'retry-after': 'Fri, 20 Nov 2026 10:00:07 GMT' } })));
    const { client, sleeps } = clientOn(f, { now: () => now });
    await client.get('/v1/application', { limit: 1 });
    expect(sleeps).toEqual([7000]);
    expect(f.requests).toHaveLength(2);
  });

  it('a Retry-After beyond maxWaitMs is capped; a past date means no wait', async () => {
    const now = Date.parse('2026-11-20T10:00:00Z');
    const f = await fake(
      sequence(
        apiError(429, 'Too many requests', { headers: { 'retry-after': '3600' } }),
        apiError(503, 'Service unavailable', { headers: { 'retry-after': 'Fri, 20 Nov 2026 09:00:00 GMT' } }),
      ),
    );
    const { client, sleeps } = clientOn(f, { now: () => now, maxWaitMs: 5000 });
    await client.get('/v1/application', { limit: 1 });
    expect(sleeps).toEqual([5000, 0]);
  });

  it('500 then OK: retried after a backoff, and the data arrives', async () => {
    const f = await fake(sequence(apiError(500, 'Internal server error')));
    const { client, sleeps } = clientOn(f, { random: () => 0.5, baseDelayMs: 100 });
    const res = await client.get('/v1/application', { limit: 1 });
    expect(res.json).toEqual(envelope(ROWS));
    expect(f.requests.map((r) => r.path)).toEqual(['/v1/application?limit=1', '/v1/application?limit=1']);
    expect(sleeps).toEqual([50]); // full jitter: 0.5 × min(max, 100 · 2^0)
    expect(client.stats).toEqual({ requests: 2, retries: 1, reLogins: 0 });
  });

  it('a 5xx that persists fails after `retries` retries with exponential waits and keeps status, message and path', async () => {
    const f = await fake(() => apiError(502, 'Bad gateway'));
    const { client, sleeps } = clientOn(f, { random: () => 0.999, baseDelayMs: 100, retries: 3 });
    const err = await rejection(client.get('/v1/application/7/dateStats', { dateFrom: '2026-01-01', dateTo: '2026-01-02', periodicity: 'daily' }));
    expect(err).toMatchObject({ status: 502, path: '/v1/application/7/dateStats', upstreamMessage: 'Bad gateway', kind: 'http', attempts: 4, retryable: true });
    expect(err.message).toBe('indigitall API 502 on /v1/application/7/dateStats: Bad gateway');
    expect(f.requests).toHaveLength(4);
    expect(sleeps).toEqual([99, 199, 399]);
  });

  it('HTTP 200 with a 5xx statusCode in the body is an error and is retried', async () => {
    const f = await fake(sequence(apiError(500, 'Internal server error', { httpStatus: 200 })));
    const { client, retries } = clientOn(f);
    const res = await client.get('/v1/application', { limit: 1 });
    expect(res.json).toEqual(envelope(ROWS));
    expect(f.requests).toHaveLength(2);
    expect(retries.map((r) => [r.status, r.kind])).toEqual([[500, 'body']]);
  });

  it('HTTP 200 with a 4xx statusCode in the body is an error and is not retried', async () => {
    const f = await fake(() => apiError(400, 'One or both dates are invalid', { httpStatus: 200 }));
    const { client, sleeps } = clientOn(f);
    const err = await rejection(client.get('/v1/application/7/dateStats', { dateFrom: 'x', dateTo: 'y' }));
    expect(err).toMatchObject({ status: 400, kind: 'body', upstreamMessage: 'One or both dates are invalid', attempts: 1, retryable: false });
    expect(f.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('a timeout, then OK: the hung request is abandoned after timeoutMs and retried', async () => {
    const f = await fake(sequence('hang'));
    const { client, retries } = clientOn(f, { timeoutMs: 150 });
    const started = performance.now();
    const res = await client.get('/v1/application', { limit: 1 });
    expect(res.json).toEqual(envelope(ROWS));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(retries.map((r) => [r.status, r.kind])).toEqual([[0, 'timeout']]);
  });

  it('the timeout covers the body too: headers then a stalled body time out and are retried', async () => {
    const f = await fake(sequence('hang-body'));
    const { client, retries } = clientOn(f, { timeoutMs: 150 });
    const res = await client.get('/v1/application', { limit: 1 });
    expect(res.json).toEqual(envelope(ROWS));
    expect(retries.map((r) => r.kind)).toEqual(['timeout']);
  });

  it('timeouts that persist fail as status 0, kind timeout, after every retry', async () => {
    const f = await fake(() => 'hang');
    const { client } = clientOn(f, { timeoutMs: 60, retries: 2 });
    const err = await rejection(client.get('/v1/application', { limit: 1 }));
    expect(err).toMatchObject({ status: 0, kind: 'timeout', attempts: 3, path: '/v1/application' });
    expect(f.requests).toHaveLength(3);
  });

  it('a reset connection, then OK: network errors are retried', async () => {
    const f = await fake(sequence('reset'));
    const { client, retries } = clientOn(f);
    await client.get('/v1/application', { limit: 1 });
    expect(retries.map((r) => [r.status, r.kind])).toEqual([[0, 'network']]);
    expect(retries[0]!.message).toMatch(/^request failed: /);
  });

  it('a refused connection fails as a network error after the retries', async () => {
    const f = await fake(() => OK);
    const url = f.url;
    await f.close();
    fakes = [];
    const client = new IndigitallClient({ baseUrl: url, serverKey: KEY, keyring: new Keyring(), retries: 1, sleep: async () => {} });
    const err = await rejection(client.get('/v1/application', { limit: 1 }));
    expect(err).toMatchObject({ status: 0, kind: 'network', attempts: 2 });
    expect(err.message).toMatch(/ECONNREFUSED/);
  });

  it.each([
    [400, "request/query must have required property 'limit'"],
    [401, 'Access token is not valid'],
    [403, 'Operation forbidden, more 7 days'],
    [404, 'Route GET:/v1/nope not found'],
    [422, 'Unprocessable'],
  ])('HTTP %i is never retried and keeps status, message and path', async (status, message) => {
    const f = await fake(() => apiError(status, message));
    const { client, sleeps } = clientOn(f);
    const err = await rejection(client.get('/v1/nope', { limit: 1 }));
    expect(err).toMatchObject({ status, path: '/v1/nope', upstreamMessage: message, kind: 'http', attempts: 1, retryable: false });
    expect(err.message).toBe(`indigitall API ${status} on /v1/nope: ${message}`);
    expect(f.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('an error body that is not JSON keeps its text as the message', async () => {
    const f = await fake(() => ({ status: 503, headers: { 'content-type': 'text/html' }, body: '<h1>upstream down</h1>' }));
    const { client } = clientOn(f, { retries: 0 });
    const err = await rejection(client.get('/v1/application', { limit: 1 }));
    expect(err).toMatchObject({ status: 503, upstreamMessage: '<h1>upstream down</h1>', attempts: 1 });
  });

  it('a redirect is not followed (it could carry the key elsewhere) and is not retried', async () => {
    const f = await fake(() => ({ status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' }, body: '' }));
    const { client } = clientOn(f);
    const err = await rejection(client.get('/v1/application', { limit: 1 }));
    expect(err).toMatchObject({ status: 302, retryable: false, attempts: 1 });
    expect(f.requests).toHaveLength(1);
  });

  it("the caller's abort signal stops the call and is not retried", async () => {
    const f = await fake(() => 'hang');
    const { client } = clientOn(f);
    const ac = new AbortController();
    const p = client.get('/v1/application', { limit: 1 }, { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    const err = await rejection(p);
    expect(err).toMatchObject({ status: 0, kind: 'aborted', retryable: false });
    expect(f.requests).toHaveLength(1);
  });

  it('the default sleep really waits (no injected sleep): Retry-After 0 and a short backoff', async () => {
    const f = await fake(sequence(apiError(429, 'Too many requests', { headers: { 'retry-after': '0' } }), apiError(500, 'Internal server error')));
    const client = new IndigitallClient({ baseUrl: f.url, serverKey: KEY, keyring: new Keyring(), baseDelayMs: 10 });
    await client.get('/v1/application', { limit: 1 });
    expect(f.requests).toHaveLength(3);
  });
});

describe('retry policy', () => {
  const base = { baseDelayMs: 100, maxWaitMs: 1000 };

  it('parses Retry-After as seconds or an HTTP date, and ignores anything else', () => {
    const now = Date.parse('2026-11-20T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 1.5 ', now)).toBe(1500);
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('Fri, 20 Nov 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Fri, 20 Nov 2026 09:00:00 GMT', now)).toBe(0);
    for (const v of [null, undefined, '', '-5', '1e3', 'soon', 'Fri, 99 Foo 2026']) expect(parseRetryAfter(v, now)).toBeUndefined();
  });

  it('full jitter stays within [0, min(max, base·2^n)] and grows exponentially', () => {
    const at = (r: number) => [0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, undefined, { ...base, jitter: 'full', random: () => r }));
    expect(at(0)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(at(0.5)).toEqual([50, 100, 200, 400, 500, 500]);
    expect(at(0.9999)).toEqual([99, 199, 399, 799, 999, 999]);
    for (let i = 0; i < 1000; i++) {
      const n = i % 8;
      const d = backoffDelay(n, undefined, { ...base, jitter: 'full', random: Math.random });
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(Math.min(1000, 100 * 2 ** n));
    }
  });

  it('decorrelated jitter: uniform in [base, 3 · previous], capped', () => {
    const o = { ...base, jitter: 'decorrelated' as const };
    expect(backoffDelay(0, undefined, { ...o, random: () => 0 })).toBe(100);
    expect(backoffDelay(0, undefined, { ...o, random: () => 0.9999 })).toBe(299);
    expect(backoffDelay(3, 200, { ...o, random: () => 0.5 })).toBe(350); // 100 + 0.5 · (600 − 100)
    expect(backoffDelay(3, 900, { ...o, random: () => 0.9999 })).toBe(1000);
    let prev: number | undefined;
    for (let i = 0; i < 1000; i++) {
      const d = backoffDelay(i, prev, { ...o, random: Math.random });
      expect(d).toBeGreaterThanOrEqual(100);
      expect(d).toBeLessThanOrEqual(Math.min(1000, 3 * Math.max(prev ?? 100, 100)));
      prev = d;
    }
  });

  it('Retry-After wins over backoff, capped at maxWaitMs', () => {
    const o = { ...base, jitter: 'full' as const, random: () => 0.5 };
    expect(retryDelay(0, undefined, 700, o)).toBe(700);
    expect(retryDelay(0, undefined, 7000, o)).toBe(1000);
    expect(retryDelay(2, undefined, undefined, o)).toBe(200);
  });

  it('the client uses decorrelated jitter when asked, each wait from the previous one', async () => {
    const f = await fake(() => apiError(500, 'Internal server error'));
    const { client, sleeps } = clientOn(f, { jitter: 'decorrelated', random: () => 0.9999, baseDelayMs: 100, maxWaitMs: 2000, retries: 3 });
    await rejection(client.get('/v1/application', { limit: 1 }));
    expect(sleeps).toEqual([299, 896, 2000]);
  });
});

describe('no secret in errors or output', () => {
  it('an upstream message echoing the key is redacted; the client prints without its key', async () => {
    const f = await fake((req) => apiError(401, `Access token is not valid: ${req.authorization}`));
    const { client } = clientOn(f);
    const err = await rejection(client.get('/v1/application', { limit: 1 }));
    expect(err.message).toBe('indigitall API 401 on /v1/application: Access token is not valid: ServerKey [redacted]');
    for (const text of [err.message, err.stack ?? '', JSON.stringify(err), inspect(err), inspect(client, { showHidden: true, depth: 5 }), JSON.stringify(client)]) {
      expect(text).not.toContain(KEY);
    }
  });
});
