// Fault injection over real HTTP: every fault kind with `times`, targeting by endpoint name, path
// pattern and RegExp, clearing, and the opt-in HTTP control endpoint for out-of-process tests.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { campaignList } from './campaigns.js';
import { ACCOUNT_LOGIN, ACCOUNT_SERVER_KEY, DEMO_PROJECTS, type SimProject } from './catalog.js';
import { smsApplicationStats } from './channels.js';
import { CHAT_HISTORY_COLUMNS } from './chat.js';
import { FaultController } from './faults.js';
import { dateStats } from './generator.js';
import { createSimulatorApp, faultsOf, startSimulator, type RunningSimulator } from './server.js';

const [banco, moda] = DEMO_PROJECTS as [SimProject, SimProject];
const NOW = new Date('2026-11-21T12:00:00Z');
const AUTH = { authorization: `ServerKey ${ACCOUNT_SERVER_KEY}` };
const STATS = `/v1/application/${moda.id}/dateStats?dateFrom=2026-11-01&dateTo=2026-11-03`;
const EXPECTED = { statusCode: 200, message: 'OK', count: 9, data: dateStats(moda, '2026-11-01', '2026-11-03', 'daily', NOW) };

interface Reply {
  status: number;
  headers: Headers;
  text: string;
}

async function get(base: string, path: string, init: RequestInit = {}): Promise<Reply> {
  const res = await fetch(base + path, { headers: AUTH, ...init });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('fault injection (in process)', () => {
  let sim: RunningSimulator;
  const call = (path = STATS, init?: RequestInit) => get(sim.url, path, init);

  beforeAll(async () => {
    sim = await startSimulator({ now: () => NOW, rateLimit: false });
  });
  afterEach(() => sim.faults.clear());
  afterAll(async () => {
    await sim.close();
  });

  /** Sets `fault` for `times` requests and returns the replies of times + 1 requests. */
  async function sequence(fault: Parameters<FaultController['set']>[1], times: number, path = STATS) {
    sim.faults.set('pushDateStats', fault, { times });
    const out: Reply[] = [];
    for (let i = 0; i <= times; i++) out.push(await call(path));
    return out;
  }
  const passes = (r: Reply) => {
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toEqual(EXPECTED);
  };

  it('429 with Retry-After, `times` requests, then passes again', async () => {
    const [a, b, c] = await sequence('tooManyRequests', 2);
    for (const r of [a!, b!]) {
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('1');
      expect(JSON.parse(r.text)).toEqual({ statusCode: 429, error: 'Too Many Requests', message: 'Too many requests' });
    }
    passes(c!);
    const [d] = await sequence({ kind: 'tooManyRequests', retryAfter: 7 }, 1);
    expect(d!.headers.get('retry-after')).toBe('7');
  });

  it('500 `Internal server error`', async () => {
    const [a, b] = await sequence('internalError', 1);
    expect(a!.status).toBe(500);
    expect(JSON.parse(a!.text)).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' });
    passes(b!);
  });

  it('HTTP 200 with an error body', async () => {
    const [a, b] = await sequence('errorBody', 1);
    expect(a!.status).toBe(200);
    expect(JSON.parse(a!.text)).toEqual({ statusCode: 500, message: 'Internal server error' });
    passes(b!);
  });

  it('truncated JSON: 200, a cut prefix of the real body', async () => {
    const [a, b] = await sequence('truncatedJson', 1);
    expect(a!.status).toBe(200);
    expect(a!.headers.get('content-type')).toMatch(/^application\/json/);
    expect(parses(a!.text)).toBe(false);
    expect(JSON.stringify(EXPECTED).startsWith(a!.text)).toBe(true);
    expect(a!.text.length).toBeLessThan(JSON.stringify(EXPECTED).length);
    passes(b!);
  });

  it('malformed JSON: 200, full length, does not parse', async () => {
    const [a, b] = await sequence('malformedJson', 1);
    expect(a!.status).toBe(200);
    expect(parses(a!.text)).toBe(false);
    expect(a!.text.length).toBeGreaterThan(JSON.stringify(EXPECTED).length - 5);
    passes(b!);
  });

  it('a renamed field in every row (schema drift), default numDevicesSent → numDevicesSended', async () => {
    const [a, b] = await sequence('renameField', 1);
    const body = JSON.parse(a!.text);
    expect(body.data).toHaveLength(9);
    for (const [i, row] of (body.data as Record<string, unknown>[]).entries()) {
      expect(row).not.toHaveProperty('numDevicesSent');
      expect(row.numDevicesSended).toBe(EXPECTED.data[i]!.numDevicesSent);
    }
    passes(b!);
    // any field, nested v2 lists included
    const sms = `/v2/sms/stats/application?applicationId=${banco.id}&dateFrom=2026-11-01&dateTo=2026-11-05`;
    sim.faults.set('smsApplication', { kind: 'renameField', from: 'numContactsSent', to: 'contactsSent' });
    const rows = JSON.parse((await call(sms)).text).data.sendings as Record<string, unknown>[];
    expect(rows.map((r) => r.contactsSent)).toEqual(smsApplicationStats(banco, '2026-11-01', '2026-11-05', NOW).map((r) => r.numContactsSent));
    expect(rows.every((r) => !('numContactsSent' in r))).toBe(true);
  });

  it('an added field in every row (schema drift that stays valid), default numDevicesOpened: 0 beside statsDate', async () => {
    const [a, b] = await sequence('addField', 1);
    const body = JSON.parse(a!.text);
    expect(body.data).toHaveLength(9);
    for (const [i, row] of (body.data as Record<string, unknown>[]).entries()) {
      expect(row).toEqual({ ...EXPECTED.data[i], numDevicesOpened: 0 });
    }
    expect(body).not.toHaveProperty('numDevicesOpened'); // only objects that have statsDate
    passes(b!);
  });

  it('an empty page in the middle of v1 pagination: count kept, only that page, `times` counts emptied pages', async () => {
    const all = campaignList(moda, NOW);
    const page = (n: number) => call(`/v1/campaign?applicationId=${moda.id}&limit=50&page=${n}`).then((r) => JSON.parse(r.text));
    sim.faults.set('campaigns', 'emptyPage', { times: 1 });
    expect((await page(0)).data).toEqual(all.slice(0, 50)); // page 0 is not affected and does not use up `times`
    const middle = await page(1);
    expect(middle).toEqual({ statusCode: 200, message: 'OK', count: all.length, data: [] });
    expect((await page(2)).data).toEqual(all.slice(100, 150));
    expect((await page(1)).data).toEqual(all.slice(50, 100)); // times used up
    expect(sim.faults.list()).toEqual([]);
  });

  it('an empty page in v2 (default: page 2) and in the history CSV', async () => {
    const sms = (p: number) => call(`/v2/sms/stats/campaign?applicationId=${banco.id}&dateFrom=2026-10-01&dateTo=2026-11-20&limit=10&page=${p}`).then((r) => JSON.parse(r.text));
    sim.faults.set('/v2/sms/stats/*', { kind: 'emptyPage' });
    const [p1, p2, p3] = [await sms(1), await sms(2), await sms(3)];
    expect(p1.data.campaigns).toHaveLength(10);
    expect(p2.data.campaigns).toEqual([]);
    expect(p2.count).toBe(p1.count);
    expect(p3.data.campaigns).toHaveLength(10);

    const token = JSON.parse(
      (await get(sim.url, '/v1/auth', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ACCOUNT_LOGIN) })).text,
    ).data.accessToken as string;
    sim.faults.set('chatHistory', { kind: 'emptyPage', page: 0 }, { times: 1 });
    const csv = await get(sim.url, `/v1/chat/history/csv?applicationId=${banco.id}&dateFrom=2026-11-18&dateTo=2026-11-20&limit=10`, { headers: { authorization: `Bearer ${token}` } });
    expect(csv.text).toBe(`${CHAT_HISTORY_COLUMNS.join(',')}\r\n`);
    expect(Number(csv.headers.get('x-total-count'))).toBeGreaterThan(10);
  });

  it('timeout: no answer within the client timeout, then passes; close() still ends cleanly', async () => {
    sim.faults.set('pushDateStats', 'timeout', { times: 1 });
    const t0 = performance.now();
    await expect(fetch(sim.url + STATS, { headers: AUTH, signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    passes(await call());

    // a delayed answer
    sim.faults.set('pushDateStats', { kind: 'timeout', ms: 250 }, { times: 1 });
    const t1 = performance.now();
    passes(await call());
    expect(performance.now() - t1).toBeGreaterThanOrEqual(240);

    // a simulator with a request hanging forever still closes promptly
    const other = await startSimulator({ now: () => NOW, rateLimit: false });
    other.faults.set('applications', 'timeout');
    const hanging = fetch(`${other.url}/v1/application?limit=1`, { headers: AUTH }).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((r) => setTimeout(r, 100));
    const t2 = performance.now();
    await other.close();
    expect(performance.now() - t2).toBeLessThan(2000);
    expect(await hanging).toBe('failed');
  });

  it('targets one endpoint: names, path patterns, route templates and RegExps', async () => {
    sim.faults.set('pushDateStats', 'internalError');
    expect((await call()).status).toBe(500);
    expect((await call('/v1/application?limit=1')).status).toBe(200);
    sim.faults.clear('pushDateStats');
    passes(await call());

    for (const target of ['/v1/application/*/dateStats', '/v1/application/:id/dateStats', '/v1/**', /dateStats$/] as const) {
      sim.faults.set(target, 'internalError', { times: 1 });
      expect((await call()).status, String(target)).toBe(500);
      passes(await call());
    }
    sim.faults.set(`/v1/application/${banco.id}/dateStats`, 'internalError');
    passes(await call()); // another application id
    sim.faults.clear();
    expect(sim.faults.list()).toEqual([]);

    expect(() => sim.faults.set('pushDatestats' as never, 'internalError')).toThrow(TypeError);
    expect(() => sim.faults.set('pushDateStats', 'explode' as never)).toThrow(TypeError);
    expect(() => sim.faults.set('pushDateStats', 'internalError', { times: 0 })).toThrow(RangeError);
  });

  it('lists rules with the requests they still affect; the same target replaces its rule', () => {
    sim.faults.set('smsCampaign', 'errorBody', { times: 3 });
    sim.faults.set('smsCampaign', 'malformedJson', { times: 2 });
    sim.faults.set('/v2/**', 'timeout');
    expect(sim.faults.list()).toEqual([
      { target: 'smsCampaign', fault: { kind: 'malformedJson' }, remaining: 2 },
      { target: '/v2/**', fault: { kind: 'timeout' }, remaining: null },
    ]);
  });

  it('is reachable from createSimulatorApp as app.locals.faults', () => {
    const app = createSimulatorApp({ rateLimit: false });
    expect(faultsOf(app)).toBeInstanceOf(FaultController);
    expect(app.locals.faults).toBe(faultsOf(app));
  });
});

describe('fault injection over HTTP (/__sim/faults)', () => {
  it('is off unless the option is on', async () => {
    const sim = await startSimulator({ now: () => NOW, rateLimit: false });
    try {
      const r = await get(sim.url, '/__sim/faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"target":"applications","fault":"internalError"}' });
      expect(r.status).toBe(404);
      expect((await get(sim.url, '/v1/application?limit=1')).status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it('sets (one or many, all or nothing), lists and clears faults', async () => {
    const sim = await startSimulator({ now: () => NOW, rateLimit: { perSecond: 1, burst: 2 }, faultsEndpoint: true });
    const control = (method: string, body?: unknown, query = '') =>
      fetch(`${sim.url}/__sim/faults${query}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }).then(async (r) => ({ status: r.status, body: await r.json() }));
    try {
      const set = await control('POST', { target: 'pushDateStats', fault: 'errorBody', times: 1 });
      expect(set).toEqual({ status: 200, body: { statusCode: 200, message: 'OK', data: [{ target: 'pushDateStats', fault: { kind: 'errorBody' }, remaining: 1 }] } });
      const faulted = await get(sim.url, STATS);
      expect([faulted.status, JSON.parse(faulted.text)]).toEqual([200, { statusCode: 500, message: 'Internal server error' }]);

      const bad = await control('POST', [{ target: 'applications', fault: 'internalError' }, { target: 'nope', fault: 'internalError' }]);
      expect(bad.status).toBe(400);
      expect((await control('GET')).body.data).toEqual([]); // nothing of the bad batch was applied

      await control('POST', [
        { target: 'applications', fault: { kind: 'tooManyRequests', retryAfter: 3 } },
        { target: '/v2/**', fault: 'internalError', times: 5 },
      ]);
      expect((await control('GET')).body.data.map((f: { target: string }) => f.target)).toEqual(['applications', '/v2/**']);
      expect((await get(sim.url, '/v1/application?limit=1')).headers.get('retry-after')).toBe('3');
      expect((await control('DELETE', undefined, '?target=applications')).body.data.map((f: { target: string }) => f.target)).toEqual(['/v2/**']);
      expect((await control('DELETE')).body.data).toEqual([]);
      // the control endpoint is not rate limited (burst 2 above)
      for (let i = 0; i < 5; i++) expect((await control('GET')).status).toBe(200);
    } finally {
      await sim.close();
    }
  });
});
