// HTTP tests of the indigitall API simulator over real loopback sockets (startSimulator on port 0 + fetch).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_SERVER_KEY, DEMO_PROJECTS, SERVER_KEYS, type SimProject } from './catalog.js';
import { addDays } from '../../lib/dates.js';
import { dateStats, pushDaily } from './generator.js';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from './server.js';

const [banco, moda, viajes] = DEMO_PROJECTS as [SimProject, SimProject, SimProject];
const NOW = new Date('2026-11-21T12:00:00Z');
const UNKNOWN_KEY = '11111111-2222-4333-8444-555555555555';

interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

async function get(base: string, path: string, key?: string | null, authorization?: string): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (authorization !== undefined) headers.authorization = authorization;
  else if (key) headers.authorization = `ServerKey ${key}`;
  const res = await fetch(base + path, { headers });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

const errorBody = (statusCode: number, error: string, message: string) => ({ statusCode, error, message });

async function withSimulator<T>(opts: SimulatorOptions, fn: (sim: RunningSimulator) => Promise<T>): Promise<T> {
  const sim = await startSimulator(opts);
  try {
    return await fn(sim);
  } finally {
    await sim.close();
  }
}

describe('simulator HTTP API', () => {
  let sim: RunningSimulator;
  const call = (path: string, key: string | null = ACCOUNT_SERVER_KEY, authorization?: string) =>
    get(sim.url, path, key, authorization);
  const stats = (id: number, query: string, key: string | null = ACCOUNT_SERVER_KEY) =>
    call(`/v1/application/${id}/dateStats${query}`, key);

  beforeAll(async () => {
    sim = await startSimulator({ now: () => NOW, rateLimit: false });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('listens on 127.0.0.1 and answers JSON without X-Powered-By', async () => {
    expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`);
    expect(sim.port).toBeGreaterThan(0);
    const r = await call('/v1/application?limit=10');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.headers.get('x-powered-by')).toBeNull();
  });

  describe('GET /v1/application', () => {
    it('lists the projects the account key covers in the envelope', async () => {
      const r = await call('/v1/application?limit=10');
      expect(r.body).toEqual({
        statusCode: 200,
        message: 'OK',
        count: 3,
        data: DEMO_PROJECTS.map((p) => ({
          id: p.id,
          name: p.name,
          createdAt: p.createdAt,
          androidEnabled: p.androidEnabled,
          iosEnabled: p.iosEnabled,
          webpushEnabled: p.webpushEnabled,
          chatEnabled: p.chatEnabled,
        })),
      });
    });

    it('lists only its own project for a project key', async () => {
      const r = await call('/v1/application?limit=10', moda.serverKey);
      expect(r.body.count).toBe(1);
      expect(r.body.data.map((p: { id: number }) => p.id)).toEqual([moda.id]);
    });

    it('paginates with page from 0 and count = total', async () => {
      const p0 = await call('/v1/application?limit=2');
      const p1 = await call('/v1/application?limit=2&page=1');
      const p9 = await call('/v1/application?limit=2&page=9');
      expect(p0.body.data.map((p: { id: number }) => p.id)).toEqual([banco.id, moda.id]);
      expect(p1.body.data.map((p: { id: number }) => p.id)).toEqual([viajes.id]);
      expect(p9.body.data).toEqual([]);
      expect([p0.body.count, p1.body.count, p9.body.count]).toEqual([3, 3, 3]);
    });

    it('requires limit and checks the numbers', async () => {
      const missing = await call('/v1/application');
      expect(missing.status).toBe(400);
      expect(missing.body).toEqual(errorBody(400, 'Bad Request', "request/query must have required property 'limit'"));
      expect((await call('/v1/application?limit=abc')).body.message).toBe('request/query/limit must be integer');
      expect((await call('/v1/application?limit=0')).status).toBe(400);
      expect((await call('/v1/application?limit=5&page=-1')).body.message).toBe('request/query/page must be >= 0');
    });

    it('requires a valid server key', async () => {
      const r = await call('/v1/application?limit=10', null);
      expect(r.status).toBe(401);
      expect(r.body).toEqual(errorBody(401, 'Unauthorized', 'Access token is not valid'));
    });
  });

  describe('GET /v1/application/:id/dateStats', () => {
    it('serves the generator rows (daily by default) in the envelope', async () => {
      const r = await stats(moda.id, '?dateFrom=2026-11-01&dateTo=2026-11-07');
      expect(r.status).toBe(200);
      const expected = dateStats(moda, '2026-11-01', '2026-11-07', 'daily', NOW);
      expect(r.body).toEqual({ statusCode: 200, message: 'OK', count: 21, data: expected });
      expect(r.body.data[0]).toEqual(pushDaily(moda, '2026-11-01')[0]);
      const daily = await stats(moda.id, '?dateFrom=2026-11-01&dateTo=2026-11-07&periodicity=daily');
      expect(daily.body).toEqual(r.body);
    });

    it('serves hourly rows ordered by statsDate, statsHour, platformGroup', async () => {
      const r = await stats(viajes.id, '?dateFrom=2026-11-01&dateTo=2026-11-02&periodicity=hourly');
      expect(r.status).toBe(200);
      expect(r.body.count).toBe(2 * 24 * 3);
      expect(r.body.data).toHaveLength(r.body.count);
      const keys = r.body.data.map(
        (h: { statsDate: string; statsHour: number; platformGroup: string }) =>
          `${h.statsDate}|${String(h.statsHour).padStart(2, '0')}|${h.platformGroup}`,
      );
      expect(keys).toEqual([...keys].sort());
      expect(keys[0]).toBe('2026-11-01|00|android');
      expect(keys.at(-1)).toBe('2026-11-02|23|web');
      const sent = r.body.data
        .filter((h: { statsDate: string; platformGroup: string }) => h.statsDate === '2026-11-02' && h.platformGroup === 'ios')
        .reduce((a: number, h: { numDevicesSent: number }) => a + h.numDevicesSent, 0);
      expect(sent).toBe(pushDaily(viajes, '2026-11-02')[1]!.numDevicesSent);
    });

    it('has no rows before createdAt nor after the local today', async () => {
      const before = await stats(banco.id, `?dateFrom=${addDays(banco.createdAt, -10)}&dateTo=${addDays(banco.createdAt, 1)}`);
      expect(before.body.data.map((r: { statsDate: string }) => r.statsDate)).toEqual([
        banco.createdAt,
        banco.createdAt,
        addDays(banco.createdAt, 1),
        addDays(banco.createdAt, 1),
      ]);
      const future = await stats(banco.id, '?dateFrom=2026-11-20&dateTo=2026-12-31');
      expect(future.body.data.map((r: { statsDate: string }) => r.statsDate)).toEqual(['2026-11-20', '2026-11-20', '2026-11-21', '2026-11-21']);
      const allFuture = await stats(banco.id, '?dateFrom=2026-11-22&dateTo=2026-11-30');
      expect(allFuture.body).toEqual({ statusCode: 200, message: 'OK', count: 0, data: [] });
    });

    it('cuts at each project’s own local today (injected clock)', async () => {
      await withSimulator({ now: () => new Date('2026-11-21T03:00:00Z'), rateLimit: false }, async (s) => {
        const q = '?dateFrom=2026-11-19&dateTo=2026-11-25';
        const last = async (p: SimProject) =>
          (await get(s.url, `/v1/application/${p.id}/dateStats${q}`, ACCOUNT_SERVER_KEY)).body.data.at(-1).statsDate;
        expect(await last(moda)).toBe('2026-11-21'); // Madrid: 04:00 on the 21st
        expect(await last(banco)).toBe('2026-11-20'); // Bogota: 22:00 on the 20th
        expect(await last(viajes)).toBe('2026-11-20'); // Mexico City: 21:00 on the 20th
      });
    });

    it.each([
      ['', "request/query must have required property 'dateFrom'"],
      ['?dateTo=2026-11-01', "request/query must have required property 'dateFrom'"],
      ['?dateFrom=2026-11-01', "request/query must have required property 'dateTo'"],
      ['?dateFrom=2026-11-01&dateTo=2026-11-02&periodicity=weekly', 'periodicity should be equal to one of: hourly, daily'],
      ['?dateFrom=2026-11-01&dateTo=2026-11-02&periodicity=', 'periodicity should be equal to one of: hourly, daily'],
      ['?dateFrom=2026-02-01&dateTo=2026-02-30', 'One or both dates are invalid'],
      ['?dateFrom=2026-1-5&dateTo=2026-01-06', 'One or both dates are invalid'],
      ['?dateFrom=garbage&dateTo=2026-01-06', 'One or both dates are invalid'],
      ['?dateFrom=2026-01-06&dateTo=2026-01-05', 'One or both dates are invalid'],
      ['?dateFrom=2026-01-05&dateFrom=2026-01-06&dateTo=2026-01-07', 'One or both dates are invalid'],
    ])('400 for query %j', async (query, message) => {
      const r = await stats(moda.id, query);
      expect(r.status).toBe(400);
      expect(r.body).toEqual(errorBody(400, 'Bad Request', message));
    });

    it('400 for a non-numeric application id', async () => {
      const r = await stats(Number.NaN, '?dateFrom=2026-11-01&dateTo=2026-11-02');
      expect(r.status).toBe(400);
      expect(r.body.message).toBe('request/params/id must be integer');
    });

    it('enforces the window limits at the boundary (hourly 7 days, daily 90 days, inclusive)', async () => {
      const hourly7 = await stats(moda.id, '?dateFrom=2026-11-01&dateTo=2026-11-07&periodicity=hourly');
      expect(hourly7.status).toBe(200);
      expect(hourly7.body.count).toBe(7 * 24 * 3);
      const hourly8 = await stats(moda.id, '?dateFrom=2026-11-01&dateTo=2026-11-08&periodicity=hourly');
      expect(hourly8.status).toBe(403);
      expect(hourly8.body).toEqual(errorBody(403, 'Forbidden', 'Operation forbidden, more 7 days'));

      const daily90 = await stats(moda.id, `?dateFrom=${addDays('2026-11-20', -89)}&dateTo=2026-11-20`);
      expect(daily90.status).toBe(200);
      expect(daily90.body.count).toBe(90 * 3);
      const daily91 = await stats(moda.id, `?dateFrom=${addDays('2026-11-20', -90)}&dateTo=2026-11-20`);
      expect(daily91.status).toBe(403);
      expect(daily91.body).toEqual(errorBody(403, 'Forbidden', 'Operation forbidden, more 90 days'));
      // The limit applies to the requested window, even where no data exists (future dates).
      const future = await stats(moda.id, '?dateFrom=2027-01-01&dateTo=2027-01-08&periodicity=hourly');
      expect(future.status).toBe(403);
    });

    it('scopes server keys to their projects', async () => {
      const q = '?dateFrom=2026-11-01&dateTo=2026-11-03';
      for (const p of DEMO_PROJECTS) {
        expect(SERVER_KEYS[p.serverKey]).toEqual([p.id]);
        expect((await stats(p.id, q, p.serverKey)).status).toBe(200);
        for (const other of DEMO_PROJECTS.filter((o) => o.id !== p.id)) {
          const r = await stats(other.id, q, p.serverKey);
          expect(r.status).toBe(403);
          expect(r.body).toEqual(errorBody(403, 'Forbidden', 'Operation forbidden'));
        }
      }
      const totals = new Set<number>();
      for (const p of DEMO_PROJECTS) {
        const r = await stats(p.id, q, ACCOUNT_SERVER_KEY);
        expect(r.status).toBe(200);
        expect(r.body.count).toBeGreaterThan(0);
        totals.add(r.body.data.reduce((a: number, row: { numDevicesSent: number }) => a + row.numDevicesSent, 0));
      }
      expect(totals.size).toBe(3);
    });

    it('answers 404 for an unknown application to the account key, 403 to a project key', async () => {
      const q = '?dateFrom=2026-11-01&dateTo=2026-11-03';
      const account = await stats(123456, q, ACCOUNT_SERVER_KEY);
      expect(account.status).toBe(404);
      expect(account.body).toEqual(errorBody(404, 'Not Found', 'Application not found'));
      const project = await stats(123456, q, banco.serverKey);
      expect(project.status).toBe(403);
      expect(project.body).toEqual(errorBody(403, 'Forbidden', 'Operation forbidden'));
    });

    it('401 for a missing, unknown or non-ServerKey authorization', async () => {
      const q = `/v1/application/${moda.id}/dateStats?dateFrom=2026-11-01&dateTo=2026-11-02`;
      for (const r of [await call(q, null), await call(q, UNKNOWN_KEY), await call(q, null, `Bearer ${moda.serverKey}`)]) {
        expect(r.status).toBe(401);
        expect(r.body).toEqual(errorBody(401, 'Unauthorized', 'Access token is not valid'));
      }
      // The scheme is matched case-insensitively and the uuid too.
      expect((await call(q, null, `serverkey ${moda.serverKey.toUpperCase()}`)).status).toBe(200);
    });
  });

  it('answers unknown routes Fastify-style with method and URL', async () => {
    const r = await call('/v1/nope');
    expect(r.status).toBe(404);
    expect(r.body).toEqual(errorBody(404, 'Not Found', 'Route GET:/v1/nope not found'));
    expect((await call('/v1/nope?x=1', null)).body.message).toBe('Route GET:/v1/nope?x=1 not found');
    const post = await fetch(`${sim.url}/v1/application?limit=1`, { method: 'POST' });
    expect(post.status).toBe(404);
    expect((await post.json()).message).toBe('Route POST:/v1/application?limit=1 not found');
    expect((await call('/v1/Application?limit=1')).status).toBe(404);
  });
});

describe('rate limit (token bucket per key)', () => {
  it('answers 429 with Retry-After when a key bursts past the default 20, other keys unaffected', async () => {
    await withSimulator({ now: () => NOW }, async (s) => {
      const replies = await Promise.all(
        Array.from({ length: 40 }, () => get(s.url, '/v1/application?limit=1', moda.serverKey)),
      );
      const ok = replies.filter((r) => r.status === 200);
      const limited = replies.filter((r) => r.status === 429);
      expect(ok.length + limited.length).toBe(40);
      expect(ok.length).toBeGreaterThanOrEqual(20); // the full burst always passes
      expect(limited.length).toBeGreaterThan(0);
      for (const r of limited) {
        expect(r.body).toEqual(errorBody(429, 'Too Many Requests', 'Too many requests'));
        const retry = r.headers.get('retry-after');
        expect(retry).toMatch(/^\d+$/);
        expect(Number(retry)).toBeGreaterThanOrEqual(1);
      }
      expect((await get(s.url, '/v1/application?limit=1', viajes.serverKey)).status).toBe(200);
    });
  });

  it('is configurable (1/s, burst 2) and refills over time', async () => {
    await withSimulator({ now: () => NOW, rateLimit: { perSecond: 1, burst: 2 } }, async (s) => {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await get(s.url, '/v1/application?limit=1', banco.serverKey)).status);
      expect(statuses).toEqual([200, 200, 429]);
      const again = await get(s.url, '/v1/application?limit=1', banco.serverKey);
      expect(again.status).toBe(429);
      expect(again.headers.get('retry-after')).toBe('1');
      await new Promise((r) => setTimeout(r, 1100));
      expect((await get(s.url, '/v1/application?limit=1', banco.serverKey)).status).toBe(200);
    });
  });

  it('can be disabled', async () => {
    await withSimulator({ now: () => NOW, rateLimit: false }, async (s) => {
      const replies = await Promise.all(Array.from({ length: 50 }, () => get(s.url, '/v1/application?limit=1', banco.serverKey)));
      expect(replies.every((r) => r.status === 200)).toBe(true);
    });
  });
});
