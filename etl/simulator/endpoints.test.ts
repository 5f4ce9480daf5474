// Every endpoint group over real HTTP (startSimulator on 127.0.0.1, port 0, fetch): envelopes and field
// names, v1/v2 pagination, window limits at the boundary, login JWTs (JWT-only chat, expiry), scale
// (synthetic projects) and late corrections through the server. Expected bodies come from the pure
// generators, never from the server itself.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../lib/dates.js';
import { campaignList, journeyList, projectJourneys } from './campaigns.js';
import { ACCOUNT_LOGIN, ACCOUNT_SERVER_KEY, DEMO_PROJECTS, syntheticProjects, type SimProject } from './catalog.js';
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
import { agentConversations, agentStatus, CHAT_HISTORY_COLUMNS, chatHistory, chatHistoryCsv, chatStats, projectAgents } from './chat.js';
import { dateStats } from './generator.js';
import { ENDPOINTS } from './model.js';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from './server.js';
import { parseCsv } from './test-helpers.js';

const [banco, moda, viajes] = DEMO_PROJECTS as [SimProject, SimProject, SimProject];
const NOW = new Date('2026-11-21T12:00:00Z');

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

async function request(base: string, path: string, auth?: string, init: RequestInit = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
  if (auth) headers.authorization = auth;
  const res = await fetch(base + path, { ...init, headers });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

const key = (k: string = ACCOUNT_SERVER_KEY) => `ServerKey ${k}`;
const bearer = (t: string) => `Bearer ${t}`;
const ok = (data: unknown, count?: number) => (count === undefined ? { statusCode: 200, message: 'OK', data } : { statusCode: 200, message: 'OK', count, data });
const err = (statusCode: number, error: string, message: string) => ({ statusCode, error, message });

async function login(base: string, mail: string, password: string): Promise<string> {
  const r = await request(base, '/v1/auth', undefined, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mail, password }) });
  expect(r.status).toBe(200);
  return r.body.data.accessToken as string;
}

async function withSimulator<T>(opts: SimulatorOptions, fn: (sim: RunningSimulator) => Promise<T>): Promise<T> {
  const sim = await startSimulator(opts);
  try {
    return await fn(sim);
  } finally {
    await sim.close();
  }
}

describe('simulator endpoints over HTTP', () => {
  let sim: RunningSimulator;
  let clock = NOW;
  let jwt: string;
  const get = (path: string, auth: string = key()) => request(sim.url, path, auth);
  const q = (params: Record<string, string | number>) => `?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;

  beforeAll(async () => {
    sim = await startSimulator({ now: () => clock, rateLimit: false });
    jwt = await login(sim.url, ACCOUNT_LOGIN.mail, ACCOUNT_LOGIN.password);
  });
  afterAll(async () => {
    await sim.close();
  });

  describe('POST /v1/auth', () => {
    const post = (body: unknown) =>
      request(sim.url, '/v1/auth', undefined, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    it('answers the seen envelope with a JWT for demo and account logins (mail case-insensitive)', async () => {
      const r = await post({ mail: banco.login!.mail.toUpperCase(), password: banco.login!.password });
      expect(r.status).toBe(200);
      expect(Object.keys(r.body)).toEqual(['statusCode', 'message', 'data']);
      expect(r.body).toEqual({ statusCode: 200, message: 'OK', data: { accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) } });
    });

    it('rejects wrong credentials (401) and bad bodies (400)', async () => {
      expect(await post({ mail: banco.login!.mail, password: 'nope' })).toMatchObject({ status: 401, body: err(401, 'Unauthorized', 'Invalid credentials') });
      expect((await post({ mail: 'who@example.com', password: 'x' })).status).toBe(401);
      expect(await post({ password: 'x' })).toMatchObject({ status: 400, body: err(400, 'Bad Request', "request/body must have required property 'mail'") });
      expect((await post({ mail: 'a', password: 3 })).body.message).toBe('request/body/password must be string');
      const broken = await request(sim.url, '/v1/auth', undefined, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"mail":' });
      expect(broken.status).toBe(400);
    });
  });

  describe('JWT-only chat endpoints', () => {
    const chatPaths = [
      '/v1/chat/stats',
      '/v1/chat/agent/conversations',
      '/v1/chat/agent/status',
      '/v1/chat/history/csv',
    ];

    it('answer a ServerKey with the seen route 404, even a valid one', async () => {
      for (const path of chatPaths) {
        for (const k of [ACCOUNT_SERVER_KEY, banco.serverKey]) {
          const r = await get(path, key(k));
          expect(r.status, path).toBe(404);
          expect(r.body).toEqual(err(404, 'Not Found', `Route GET:${path} not found`));
        }
      }
      const withQuery = await get(`/v1/chat/stats${q({ applicationId: banco.id, dateFrom: '2026-11-01', dateTo: '2026-11-02' })}`, key(banco.serverKey));
      expect(withQuery.body.message).toBe('Route GET:/v1/chat/stats?applicationId=100274&dateFrom=2026-11-01&dateTo=2026-11-02 not found');
    });

    it('need a valid JWT: none or garbage → 401', async () => {
      for (const auth of ['', 'Bearer nope', `Bearer ${jwt.slice(0, -2)}xx`]) {
        const r = await get(`/v1/chat/agent/status${q({ applicationId: banco.id })}`, auth);
        expect(r.status).toBe(401);
        expect(r.body).toEqual(err(401, 'Unauthorized', 'Access token is not valid'));
      }
    });

    it('expire after 3600 s of the simulator clock (model) with 401 `Access token is not valid`', async () => {
      const token = await login(sim.url, viajes.login!.mail, viajes.login!.password);
      const path = `/v1/chat/agent/status${q({ applicationId: viajes.id })}`;
      try {
        clock = new Date(NOW.getTime() + 3599_000);
        expect((await get(path, bearer(token))).status).toBe(200);
        clock = new Date(NOW.getTime() + 3600_000);
        const r = await get(path, bearer(token));
        expect(r.status).toBe(401);
        expect(r.body).toEqual(err(401, 'Unauthorized', 'Access token is not valid'));
        expect((await get(path, key(viajes.serverKey))).status).toBe(404); // a server key still gets the route 404
      } finally {
        clock = NOW;
      }
    });

    it('have a configurable lifetime', async () => {
      let t = NOW;
      await withSimulator({ now: () => t, rateLimit: false, jwtTtlSeconds: 5 }, async (s) => {
        const token = await login(s.url, ACCOUNT_LOGIN.mail, ACCOUNT_LOGIN.password);
        const path = `/v1/chat/agent/status${q({ applicationId: banco.id })}`;
        expect((await request(s.url, path, bearer(token))).status).toBe(200);
        t = new Date(NOW.getTime() + 5000);
        expect((await request(s.url, path, bearer(token))).status).toBe(401);
        // a token of another simulator instance is not valid here (each instance signs with its own secret)
        t = NOW;
        expect((await request(sim.url, path, bearer(token))).status).toBe(401);
      });
    });

    it('scope a project login to its project: other → 403, unknown → 403; account login: unknown → 404', async () => {
      const token = await login(sim.url, banco.login!.mail, banco.login!.password);
      const path = (id: number) => `/v1/chat/agent/status${q({ applicationId: id })}`;
      expect((await get(path(banco.id), bearer(token))).status).toBe(200);
      expect(await get(path(viajes.id), bearer(token))).toMatchObject({ status: 403, body: err(403, 'Forbidden', 'Operation forbidden') });
      expect((await get(path(123456), bearer(token))).status).toBe(403);
      expect(await get(path(123456), bearer(jwt))).toMatchObject({ status: 404, body: err(404, 'Not Found', 'Application not found') });
      // JWTs also work on the server-key endpoints, with the same scope
      expect((await get(`/v1/application?limit=10`, bearer(token))).body.data.map((a: { id: number }) => a.id)).toEqual([banco.id]);
    });
  });

  describe('applications and push', () => {
    it('GET /v1/application/stats: account totals per application, v1 paging, applicationId filter', async () => {
      const r = await get('/v1/application/stats?limit=2');
      expect(r.body).toEqual(ok([accountStats(banco, NOW), accountStats(moda, NOW)], 3));
      expect((await get('/v1/application/stats?limit=2&page=1')).body).toEqual(ok([accountStats(viajes, NOW)], 3));
      expect((await get(`/v1/application/stats?limit=5&applicationId=${moda.id}`)).body).toEqual(ok([accountStats(moda, NOW)], 1));
      expect((await get('/v1/application/stats')).body).toEqual(err(400, 'Bad Request', "request/query must have required property 'limit'"));
      expect((await get(`/v1/application/stats?limit=5&applicationId=${viajes.id}`, key(banco.serverKey))).status).toBe(403);
    });

    it('GET /v1/application/{id}/pushHeatmap', async () => {
      const r = await get(`/v1/application/${moda.id}/pushHeatmap${q({ dateFrom: '2026-11-01', dateTo: '2026-11-14' })}`);
      expect(r.body).toEqual(ok(pushHeatmap(moda, '2026-11-01', '2026-11-14', NOW)));
      expect(Object.keys(r.body.data)).toEqual(['hour', 'weekday', 'weekday-hour']);
      expect((await get(`/v1/application/${moda.id}/pushHeatmap?dateFrom=2026-11-01`)).body.message).toBe("request/query must have required property 'dateTo'");
      expect((await get(`/v1/application/${moda.id}/pushHeatmap${q({ dateFrom: '2026-11-05', dateTo: '2026-11-01' })}`)).body.message).toBe('One or both dates are invalid');
    });

    it('GET /v1/application/{id}/stats/device: rows, and 7 days at most (403 `Operation forbidden, more 7 days`)', async () => {
      const seven = await get(`/v1/application/${viajes.id}/stats/device${q({ dateFrom: '2026-11-10', dateTo: '2026-11-16' })}`);
      expect(seven.body).toEqual(ok(deviceStats(viajes, '2026-11-10', '2026-11-16', NOW), 21));
      const eight = await get(`/v1/application/${viajes.id}/stats/device${q({ dateFrom: '2026-11-09', dateTo: '2026-11-16' })}`);
      expect(eight).toMatchObject({ status: 403, body: err(403, 'Forbidden', 'Operation forbidden, more 7 days') });
    });

    it('dateStats accepts the account JWT too', async () => {
      const r = await get(`/v1/application/${banco.id}/dateStats${q({ dateFrom: '2026-11-01', dateTo: '2026-11-03' })}`, bearer(jwt));
      expect(r.body).toEqual(ok(dateStats(banco, '2026-11-01', '2026-11-03', 'daily', NOW), 6));
    });
  });

  describe('campaigns (v1 pagination)', () => {
    it('GET /v1/campaign pages from 0 with count = total; limit and applicationId are required', async () => {
      const all = campaignList(moda, NOW);
      expect(all.length).toBeGreaterThan(100);
      const pages: unknown[] = [];
      for (let page = 0; ; page++) {
        const r = await get(`/v1/campaign${q({ applicationId: moda.id, limit: 100, page })}`);
        expect(r.body.count).toBe(all.length);
        expect(Object.keys(r.body)).toEqual(['statusCode', 'message', 'count', 'data']);
        if (r.body.data.length === 0) break;
        pages.push(...r.body.data);
      }
      expect(pages).toEqual(all);
      expect(all.every((c) => ['push', 'sms', 'email', 'inapp', 'wallet'].includes(c.channel))).toBe(true);
      expect((await get(`/v1/campaign${q({ applicationId: moda.id })}`)).body).toEqual(err(400, 'Bad Request', "request/query must have required property 'limit'"));
      expect((await get(`/v1/campaign${q({ limit: 10 })}`)).body.message).toBe("request/query must have required property 'applicationId'");
      expect((await get(`/v1/campaign${q({ applicationId: 'x', limit: 10 })}`)).body.message).toBe('request/query/applicationId must be integer');
      expect((await get(`/v1/campaign${q({ applicationId: moda.id, limit: 10, page: -1 })}`)).body.message).toBe('request/query/page must be >= 0');
      expect((await get(`/v1/campaign${q({ applicationId: moda.id, limit: 1001 })}`)).body.message).toBe('request/query/limit must be <= 1000');
    });

    it('GET /v1/campaign/stats serves the push campaign rows, paged', async () => {
      const rows = pushCampaignStats(banco, '2026-11-01', '2026-11-20', NOW);
      const r0 = await get(`/v1/campaign/stats${q({ applicationId: banco.id, dateFrom: '2026-11-01', dateTo: '2026-11-20', limit: 25 })}`);
      const r1 = await get(`/v1/campaign/stats${q({ applicationId: banco.id, dateFrom: '2026-11-01', dateTo: '2026-11-20', limit: 25, page: 1 })}`);
      expect(r0.body).toEqual(ok(rows.slice(0, 25), rows.length));
      expect(r1.body).toEqual(ok(rows.slice(25, 50), rows.length));
      expect(Object.keys(r0.body.data[0])).toEqual(['campaignId', 'campaignName', 'platformGroup', 'statsDate', 'numDevicesSent', 'numDevicesSuccess', 'numDevicesReceived', 'numDevicesClicked', 'numErrors']);
      expect((await get(`/v1/campaign/stats${q({ applicationId: banco.id, dateFrom: '2026-11-01', dateTo: '2026-11-20' })}`)).body.message).toBe("request/query must have required property 'limit'");
    });
  });

  describe('SMS and email (v2)', () => {
    it('nest rows in data.sendings / data.campaigns, count = total, page from 1, limit ≤ 1000', async () => {
      const base = { applicationId: banco.id, dateFrom: '2026-08-14', dateTo: '2026-11-20' };
      const sendings = smsApplicationStats(banco, base.dateFrom, base.dateTo, NOW);
      const r = await get(`/v2/sms/stats/application${q(base)}`);
      expect(r.body).toEqual({ statusCode: 200, message: 'OK', count: sendings.length, data: { sendings } });
      const p1 = await get(`/v2/sms/stats/application${q({ ...base, limit: 40 })}`);
      const p3 = await get(`/v2/sms/stats/application${q({ ...base, limit: 40, page: 3 })}`);
      expect(p1.body.data.sendings).toEqual(sendings.slice(0, 40));
      expect(p3.body.data.sendings).toEqual(sendings.slice(80, 120));
      expect(p3.body.count).toBe(sendings.length);
      expect((await get(`/v2/sms/stats/application${q({ ...base, page: 0 })}`)).body).toEqual(err(400, 'Bad Request', 'request/query/page must be >= 1'));
      expect((await get(`/v2/sms/stats/application${q({ ...base, limit: 1000 })}`)).status).toBe(200);
      expect((await get(`/v2/sms/stats/application${q({ ...base, limit: 1001 })}`)).body.message).toBe('request/query/limit must be <= 1000');

      const campaigns = smsCampaignStats(banco, base.dateFrom, base.dateTo, NOW);
      const c = await get(`/v2/sms/stats/campaign${q({ ...base, limit: 1000 })}`);
      expect(c.body).toEqual({ statusCode: 200, message: 'OK', count: campaigns.length, data: { campaigns: campaigns.slice(0, 1000) } });
      expect(Object.keys(c.body.data.campaigns[0])).toEqual(['statsDate', 'campaignId', 'numContactsSent', 'numContactsDelivered', 'numContactsRejected', 'numChunks', 'numContactsClicked', 'numContactsUnique', 'cost']);

      const e = await get(`/v2/email/stats/application${q({ applicationId: moda.id, dateFrom: '2026-10-01', dateTo: '2026-10-31' })}`);
      expect(e.body.data.sendings).toEqual(emailApplicationStats(moda, '2026-10-01', '2026-10-31', NOW));
      const ec = await get(`/v2/email/stats/campaign${q({ applicationId: moda.id, dateFrom: '2026-10-01', dateTo: '2026-10-31', limit: 10, page: 2 })}`);
      const all = emailCampaignStats(moda, '2026-10-01', '2026-10-31', NOW);
      expect(ec.body).toEqual({ statusCode: 200, message: 'OK', count: all.length, data: { campaigns: all.slice(10, 20) } });
    });

    it('SMS windows are ≤ 99 days (inclusive), email windows are not limited', async () => {
      const to = '2026-11-20';
      const at = (days: number, path = '/v2/sms/stats/application') => get(`${path}${q({ applicationId: viajes.id, dateFrom: addDays(to, -(days - 1)), dateTo: to })}`);
      expect((await at(99)).status).toBe(200);
      expect(await at(100)).toMatchObject({ status: 403, body: err(403, 'Forbidden', 'Operation forbidden, more 99 days') });
      expect((await at(100, '/v2/sms/stats/campaign')).status).toBe(403);
      expect((await at(400, '/v2/email/stats/application')).status).toBe(200);
      expect(ENDPOINTS.smsApplication.maxDays).toBe(99);
    });
  });

  describe('chat (JWT)', () => {
    it('GET /v1/chat/stats: data, filters, ≤ 90 days', async () => {
      const base = { applicationId: banco.id, dateFrom: '2026-10-01', dateTo: '2026-10-31' };
      const r = await get(`/v1/chat/stats${q(base)}`, bearer(jwt));
      expect(r.body).toEqual(ok(chatStats(banco, base.dateFrom, base.dateTo, NOW)));
      const f = await get(`/v1/chat/stats${q({ ...base, actor: 'dialogflow', channel: 'webapp' })}`, bearer(jwt));
      expect(f.body.data).toEqual(chatStats(banco, base.dateFrom, base.dateTo, NOW, { actor: 'dialogflow', channel: 'webapp' }));
      expect((await get(`/v1/chat/stats${q({ ...base, actor: 'bot' })}`, bearer(jwt))).body).toEqual(
        err(400, 'Bad Request', 'request/query/actor must be equal to one of the allowed values: all, agent, dialogflow, ai'),
      );
      const window = (days: number) => get(`/v1/chat/stats${q({ applicationId: banco.id, dateFrom: addDays('2026-11-20', -(days - 1)), dateTo: '2026-11-20' })}`, bearer(jwt));
      expect((await window(90)).status).toBe(200);
      expect(await window(91)).toMatchObject({ status: 403, body: err(403, 'Forbidden', 'Operation forbidden, more 90 days') });
    });

    it('GET /v1/chat/agent/conversations: v1 pages and the email filter', async () => {
      const base = { applicationId: banco.id, dateFrom: '2026-11-16', dateTo: '2026-11-20' };
      const rows = agentConversations(banco, base.dateFrom, base.dateTo, NOW);
      const p0 = await get(`/v1/chat/agent/conversations${q({ ...base, limit: 100 })}`, bearer(jwt));
      const p2 = await get(`/v1/chat/agent/conversations${q({ ...base, limit: 100, page: 2 })}`, bearer(jwt));
      expect(p0.body).toEqual(ok(rows.slice(0, 100), rows.length));
      expect(p2.body).toEqual(ok(rows.slice(200, 300), rows.length));
      const agent = projectAgents(banco)[0]!;
      const mine = await get(`/v1/chat/agent/conversations${q({ ...base, limit: 1000, email: agent.email })}`, bearer(jwt));
      expect(mine.body).toEqual(ok(agentConversations(banco, base.dateFrom, base.dateTo, NOW, { email: agent.email }), mine.body.count));
      expect(mine.body.data.every((c: { email: string }) => c.email === agent.email)).toBe(true);
      expect((await get(`/v1/chat/agent/conversations${q(base)}`, bearer(jwt))).body.message).toBe("request/query must have required property 'limit'");
    });

    it('GET /v1/chat/agent/status', async () => {
      clock = new Date('2026-11-18T15:00:00Z');
      try {
        const r = await get(`/v1/chat/agent/status${q({ applicationId: banco.id })}`, bearer(jwt));
        expect(r.body).toEqual(ok(agentStatus(banco, clock)));
        expect(r.body.data.activeAgents).toBeGreaterThan(0);
      } finally {
        clock = NOW;
      }
    });

    it('GET /v1/chat/history/csv: text/csv with the seen columns, v1 pages, ≤ 7 days', async () => {
      const base = { applicationId: viajes.id, dateFrom: '2026-11-14', dateTo: '2026-11-20' };
      const rows = chatHistory(viajes, base.dateFrom, base.dateTo, NOW);
      const r = await get(`/v1/chat/history/csv${q({ ...base, limit: 500, page: 1 })}`, bearer(jwt));
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(r.headers.get('x-total-count')).toBe(String(rows.length));
      expect(r.text).toBe(chatHistoryCsv(rows.slice(500, 1000)));
      const parsed = parseCsv(r.text);
      expect(parsed[0]).toEqual([...CHAT_HISTORY_COLUMNS]);
      expect(parsed).toHaveLength(501);
      const last = await get(`/v1/chat/history/csv${q({ ...base, limit: 1000, page: 1000 })}`, bearer(jwt));
      expect(last.text).toBe(`${CHAT_HISTORY_COLUMNS.join(',')}\r\n`);
      const eight = await get(`/v1/chat/history/csv${q({ ...base, dateFrom: '2026-11-13', limit: 10 })}`, bearer(jwt));
      expect(eight).toMatchObject({ status: 403, body: err(403, 'Forbidden', 'Operation forbidden, more 7 days') });
      expect((await get(`/v1/chat/history/csv${q(base)}`, bearer(jwt))).body.message).toBe("request/query must have required property 'limit'");
    });
  });

  describe('journeys, in-app, wallet', () => {
    it('GET /v1/journey?applicationId and GET /v1/journey/{id}/stats', async () => {
      const list = await get(`/v1/journey${q({ applicationId: viajes.id })}`);
      expect(list.body).toEqual(ok(journeyList(viajes, NOW), journeyList(viajes, NOW).length));
      const j = projectJourneys(viajes)[0]!;
      const s = await get(`/v1/journey/${j.id}/stats${q({ dateFrom: '2026-10-01', dateTo: '2026-10-31' })}`);
      expect(s.body).toEqual(ok(journeyStats(viajes, j, '2026-10-01', '2026-10-31', NOW)));
      expect(Object.keys(s.body.data)).toEqual(['userFlow', 'nodes']);
      expect(await get(`/v1/journey/999999999/stats${q({ dateFrom: '2026-10-01', dateTo: '2026-10-31' })}`)).toMatchObject({ status: 404, body: err(404, 'Not Found', 'Journey not found') });
      expect((await get(`/v1/journey/${j.id}/stats${q({ dateFrom: '2026-10-01', dateTo: '2026-10-31' })}`, key(banco.serverKey))).status).toBe(403);
      expect((await get(`/v1/journey/${j.id}/stats?dateFrom=2026-10-01`)).body.message).toBe("request/query must have required property 'dateTo'");
      expect((await get(`/v1/journey`)).body.message).toBe("request/query must have required property 'applicationId'");
    });

    it('GET /v1/inApp/stats and GET /v1/wallet/stats', async () => {
      const base = { applicationId: moda.id, dateFrom: '2026-10-01', dateTo: '2026-10-31' };
      const inapp = inAppStats(moda, base.dateFrom, base.dateTo, NOW);
      expect((await get(`/v1/inApp/stats${q(base)}`)).body).toEqual(ok(inapp, inapp.length));
      expect(Object.keys(inapp[0]!)).toEqual(['statsDate', 'campaignId', 'platformGroup', 'numImpressions', 'numClicks', 'numDismissed']);
      const wallet = walletStats(moda, base.dateFrom, base.dateTo, NOW);
      expect((await get(`/v1/wallet/stats${q(base)}`)).body).toEqual(ok(wallet, wallet.length));
      expect((await get(`/v1/inapp/stats${q(base)}`)).status).toBe(404); // case-sensitive path
    });
  });

  it('serves every path of ENDPOINTS (no 404 for a well-formed request)', async () => {
    const j = projectJourneys(banco)[0]!;
    const params = { applicationId: banco.id, dateFrom: '2026-11-14', dateTo: '2026-11-20', limit: 10 };
    for (const [name, spec] of Object.entries(ENDPOINTS)) {
      if (spec.method !== 'GET') continue;
      const path = spec.path.replace(':id', String(spec.path.startsWith('/v1/journey') ? j.id : banco.id));
      const r = await get(`${path}${q(params)}`, spec.auth === 'jwt' ? bearer(jwt) : key());
      expect(r.status, name).toBe(200);
    }
  });
});

describe('scale: synthetic projects', () => {
  it('lists the demo three first, then N synthetic projects, all readable with the account key', async () => {
    const synthetic = syntheticProjects(40, { seed: 3, historyDays: 120, now: NOW });
    await withSimulator({ now: () => NOW, rateLimit: false, projects: [...DEMO_PROJECTS, ...synthetic] }, async (s) => {
      const r = await request(s.url, '/v1/application?limit=5', key());
      expect(r.body.count).toBe(43);
      expect(r.body.data.map((a: { id: number }) => a.id)).toEqual([banco.id, moda.id, viajes.id, 200000, 200001]);
      const p = synthetic[17]!;
      const today = todayIn(p.timeZone, NOW);
      const own = await request(s.url, `/v1/application/${p.id}/dateStats?dateFrom=${addDays(today, -6)}&dateTo=${today}`, key(p.serverKey));
      expect(own.body.data).toEqual(dateStats(p, addDays(today, -6), today, 'daily', NOW));
      const token = await login(s.url, p.login!.mail, p.login!.password);
      expect((await request(s.url, `/v1/chat/agent/status?applicationId=${p.id}`, bearer(token))).status).toBe(200);
    });
  });
});

describe('late corrections through the server', () => {
  it('are off by default and, when on, change only the last 3 local days between now and now + 4 days', async () => {
    let t = NOW;
    const path = `/v1/application/${banco.id}/dateStats?dateFrom=2026-11-10&dateTo=2026-11-20`;
    await withSimulator({ now: () => t, rateLimit: false, lateCorrections: true }, async (s) => {
      const early = (await request(s.url, path, key())).body.data as { statsDate: string }[];
      t = new Date(NOW.getTime() + 4 * 86_400_000);
      const late = (await request(s.url, path, key())).body.data as { statsDate: string }[];
      const changed = new Set(early.filter((r, i) => JSON.stringify(r) !== JSON.stringify(late[i])).map((r) => r.statsDate));
      expect([...changed].sort()).toEqual(['2026-11-19', '2026-11-20']); // the 21st (also provisional) is outside the window
      expect(late).toEqual(dateStats(banco, '2026-11-10', '2026-11-20', 'daily', NOW));
    });
    await withSimulator({ now: () => NOW, rateLimit: false }, async (s) => {
      expect((await request(s.url, path, key())).body.data).toEqual(dateStats(banco, '2026-11-10', '2026-11-20', 'daily', NOW));
    });
  });
});
