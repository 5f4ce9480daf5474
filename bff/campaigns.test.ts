/**
 * GET /v1/campaigns and /v1/campaigns/:id over real HTTP against the real stack. Expected figures are
 * computed here from staging (owner connection, plain rows summed in JavaScript), never with the
 * service's SQL; pagination walks every row once in the order computed here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { testDatabase, type TestDatabase } from '../lib/testing/database.js';
import { startStack, type Stack } from '../lib/testing/stack.js';
import { periods, datesBetween } from '../lib/dates.js';
import { DEMO_PROJECTS } from '../etl/simulator/catalog.js';

let db: TestDatabase;
let stack: Stack;
let owner: pg.Client;

beforeAll(async () => {
  db = await testDatabase();
  stack = await startStack({ databaseUrl: db.ownerUrl, groups: ['push', 'inapp', 'sms', 'email', 'campaigns'], syncDays: 40 });
  owner = new pg.Client(db.ownerUrl);
  await owner.connect();
});
afterAll(async () => {
  await owner?.end();
  await stack?.stop();
  await db?.drop();
});

async function get(path: string, token = stack.tokens['100275']!, headers: Record<string, string> = {}) {
  const res = await fetch(stack.api + path, { headers: { Authorization: `Bearer ${token}`, ...headers } });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', body, text };
}

const tz = (id: number) => DEMO_PROJECTS.find((p) => p.id === id)!.timeZone;
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

interface Expected {
  id: number;
  name: string;
  channel: string;
  createdDay: string | null;
  sent: number | null;
  delivered: number | null;
  opened: number | null;
  clicked: number | null;
  impressions: number | null;
  cost: number | null;
  deliveryRate: number | null;
  openRate: number | null;
  ctr: number | null;
}

/** Every campaign of the project that existed in [from, to], with its totals, from staging. */
async function expectedCampaigns(projectId: number, from: string, to: string, all = false): Promise<Expected[]> {
  const q = async (sql: string) => (await owner.query(sql, [projectId, from, to])).rows;
  const dims = await q(`SELECT campaign_id::float8 AS id, name, channel, created_day::text AS created_day FROM staging.campaigns WHERE project_id = $1 AND $2::date IS NOT NULL AND $3::date IS NOT NULL`);
  const stats = new Map<string, Record<string, number>>();
  const add = (channel: string, rows: Record<string, unknown>[]) => {
    for (const r of rows) {
      const key = `${channel}:${r.campaign_id}`;
      const t = stats.get(key) ?? {};
      for (const [k, v] of Object.entries(r)) if (k !== 'campaign_id') t[k] = (t[k] ?? 0) + Number(v);
      stats.set(key, t);
    }
  };
  const w = `WHERE project_id = $1 AND day BETWEEN $2 AND $3`;
  add('push', await q(`SELECT campaign_id, sent, received AS delivered, clicked FROM staging.push_campaign_daily ${w}`));
  add('inapp', await q(`SELECT campaign_id, impressions, clicks AS clicked FROM staging.inapp_daily ${w}`));
  add('sms', await q(`SELECT campaign_id, sent, delivered, clicked, cost FROM staging.sms_campaign_daily ${w}`));
  add('email', await q(`SELECT campaign_id, sent, delivered, opened, clicked FROM staging.email_campaign_daily ${w}`));
  const has: Record<string, string[]> = { push: ['sent', 'delivered', 'clicked'], inapp: ['impressions', 'clicked'], sms: ['sent', 'delivered', 'clicked', 'cost'], email: ['sent', 'delivered', 'opened', 'clicked'] };
  return dims
    .filter((d) => d.created_day === null || d.created_day <= to)
    .filter((d) => all || stats.has(`${d.channel}:${d.id}`))
    .map((d) => {
      const t = stats.get(`${d.channel}:${d.id}`) ?? {};
      const m = (k: string) => ((has[d.channel] ?? []).includes(k) ? (t[k] ?? 0) : null);
      const [sent, delivered, opened, clicked, impressions] = ['sent', 'delivered', 'opened', 'clicked', 'impressions'].map(m) as (number | null)[];
      const ratio = (a: number | null, b: number | null) => (a !== null && b ? a / b : null);
      return {
        id: d.id,
        name: d.name,
        channel: d.channel,
        createdDay: d.created_day,
        sent: sent!,
        delivered: delivered!,
        opened: opened!,
        clicked: clicked!,
        impressions: impressions!,
        cost: m('cost'),
        deliveryRate: ratio(delivered!, sent!),
        openRate: ratio(opened!, delivered!),
        ctr: ratio(clicked!, sent ?? impressions!),
      };
    });
}

/** The order the API promises: NULLs last, then the value, then the id, in the requested direction. */
function sortExpected(rows: Expected[], key: (r: Expected) => string | number | null, dir: 'asc' | 'desc') {
  const s = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    if ((x === null) !== (y === null)) return x === null ? 1 : -1;
    if (x !== null && y !== null && x !== y) return (x < y ? -1 : 1) * s;
    return (a.id - b.id) * s;
  });
}

async function walk(path: string, token?: string) {
  const seen: any[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const r = await get(path + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''), token);
    expect(r.status, r.text).toBe(200);
    seen.push(...r.body.items);
    cursor = r.body.nextCursor;
    pages++;
    expect(pages).toBeLessThan(200);
  } while (cursor);
  return { seen, pages };
}

describe('GET /v1/campaigns', () => {
  const { period } = periods({ timeZone: tz(100275), days: 30 });

  it.each([
    ['sent', 'desc', 'active', 4, (r: Expected) => r.sent],
    ['ctr', 'desc', 'active', 4, (r: Expected) => r.ctr],
    ['name', 'asc', 'active', 4, (r: Expected) => fold(r.name)],
    ['clicked', 'asc', 'active', 3, (r: Expected) => r.clicked],
    ['created', 'desc', 'active', 5, (r: Expected) => r.createdDay],
    ['sent', 'desc', 'all', 100, (r: Expected) => r.sent],
    ['openRate', 'asc', 'all', 100, (r: Expected) => r.openRate],
    ['name', 'desc', 'all', 100, (r: Expected) => fold(r.name)],
  ] as const)('walks every campaign exactly once, in order, sorted by %s %s (include=%s, %i a page)', async (sort, order, include, limit, key) => {
    const expected = sortExpected(await expectedCampaigns(100275, period.from, period.to, include === 'all'), key, order);
    expect(expected.length).toBeGreaterThan(limit * 2);
    if (include === 'all' && sort !== 'name') expect(expected.some((e) => key(e) === null)).toBe(true);
    const { seen, pages } = await walk(`/v1/campaigns?sort=${sort}&order=${order}&include=${include}&limit=${limit}`);
    expect(pages).toBe(Math.ceil(expected.length / limit));
    expect(seen.map((c) => c.id)).toEqual(expected.map((c) => c.id));
    for (const [i, c] of seen.entries()) {
      const e = expected[i]!;
      expect(c).toMatchObject({ name: e.name, channel: e.channel, createdDay: e.createdDay, sent: e.sent, delivered: e.delivered, opened: e.opened, clicked: e.clicked, impressions: e.impressions, currency: null, deliveryRate: e.deliveryRate, openRate: e.openRate, ctr: e.ctr });
      if (e.cost === null) expect(c.cost).toBeNull();
      else expect(c.cost).toBeCloseTo(e.cost, 6);
    }
  });

  it('answers the period, sort and a null cursor on the last page; a channel filter keeps only that channel', async () => {
    const r = await get('/v1/campaigns?channel=sms&limit=100');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ projectId: '100275', timeZone: tz(100275), period, sort: 'sent', order: 'desc', limit: 100, nextCursor: null });
    const expected = (await expectedCampaigns(100275, period.from, period.to)).filter((c) => c.channel === 'sms');
    expect(r.body.items.map((c: any) => c.id).sort()).toEqual(expected.map((c) => c.id).sort());
  });

  it('a cursor that was edited, truncated, or comes from other parameters is a 400', async () => {
    const first = await get('/v1/campaigns?limit=2');
    const cursor: string = first.body.nextCursor;
    const payload = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    const edited = Buffer.from(JSON.stringify({ ...payload, i: payload.i + 1 })).toString('base64url');
    for (const bad of [edited, cursor.slice(0, -3), 'not-a-cursor', Buffer.from('{"v":1}').toString('base64url'), cursor + '!']) {
      const r = await get(`/v1/campaigns?limit=2&cursor=${encodeURIComponent(bad)}`);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ code: 'invalid_parameter', param: 'cursor' });
    }
    for (const other of ['sort=clicked', 'order=asc', 'channel=push', 'q=a', 'include=all', `from=${period.from}&to=${period.from}`]) {
      const r = await get(`/v1/campaigns?limit=2&${other}&cursor=${cursor}`);
      expect(r.status, other).toBe(400);
    }
    expect((await get(`/v1/campaigns?limit=2&cursor=${cursor}`)).status).toBe(200);
  });

  it('searches names case- and accent-insensitively, with % and _ taken literally', async () => {
    // Names only this test uses, in the campaign dimension of project 100275.
    await owner.query(`INSERT INTO marts.campaigns (project_id, campaign_id, name, channel, created_day, status) VALUES
      (100275, 1, 'Rebaja 50% Navidad', 'push', '2024-01-01', 'active'),
      (100275, 2, 'Rebaja 50 Navidad', 'push', '2024-01-01', 'active'),
      (100275, 3, 'Campaña_Ñandú', 'sms', '2024-01-01', 'active'),
      (100275, 4, 'CampañaXÑandú', 'sms', '2024-01-01', 'active')`);
    try {
      const ids = async (q: string) => (await get(`/v1/campaigns?include=all&limit=100&q=${encodeURIComponent(q)}`)).body.items.map((c: any) => c.id).sort();
      expect(await ids('50%')).toEqual([1]);
      expect(await ids('%')).toEqual([1]);
      expect(await ids('_')).toEqual([3]);
      expect(await ids('campana_nandu')).toEqual([3]);
      expect(await ids('CAMPAÑA')).toEqual([3, 4]);
      expect(await ids('ñandu')).toEqual([3, 4]);
      expect(await ids('\\')).toEqual([]);
      const all = await expectedCampaigns(100275, period.from, period.to, true);
      const word = all[0]!.name.split(' ')[0]!;
      const expected = all.filter((c) => fold(c.name).includes(fold(word))).map((c) => c.id).sort();
      expect(expected.length).toBeGreaterThan(0);
      expect(await ids(word.toUpperCase())).toEqual(expected);
    } finally {
      await owner.query(`DELETE FROM marts.campaigns WHERE project_id = 100275 AND campaign_id IN (1, 2, 3, 4)`);
    }
  });

  it('answers CSV: the requested page, one header line', async () => {
    const r = await get('/v1/campaigns?limit=3&sort=name', undefined, { Accept: 'text/csv' });
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/csv/);
    const lines = r.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,name,channel,status,createdDay,removedOn,sent,delivered,opened,clicked,impressions,bounced,unsubscribed,cost,deliveryRate,openRate,ctr');
    expect(lines).toHaveLength(4);
  });

  it.each([
    ['sort', 'sort=project_id'],
    ['limit', 'limit=101'],
    ['limit', 'limit=0'],
    ['channel', 'channel=fax'],
    ['q', `q=${'x'.repeat(101)}`],
    ['bogus', 'bogus=1'],
  ])('a bad %s → 400', async (param, qs) => {
    const r = await get(`/v1/campaigns?${qs}`);
    expect(r.status).toBe(400);
    expect(r.body.param).toBe(param);
  });
});

describe('GET /v1/campaigns/:id', () => {
  it("answers a campaign's configuration, totals and a zero-filled daily series equal to staging", async () => {
    const { period } = periods({ timeZone: tz(100274), days: 30 });
    const all = await expectedCampaigns(100274, period.from, period.to);
    const e = all.filter((c) => c.channel === 'push' && c.sent! > 0).sort((a, b) => a.id - b.id)[0]!;
    const r = await get(`/v1/campaigns/${e.id}`, stack.tokens['100274']);
    expect(r.status, r.text).toBe(200);
    expect(r.body.campaign).toMatchObject({ id: e.id, name: e.name, channel: 'push', createdDay: e.createdDay });
    expect(r.body.totals).toMatchObject({ sent: e.sent, delivered: e.delivered, clicked: e.clicked, opened: null, ctr: e.ctr });
    expect(r.body.daily.map((d: any) => d.day)).toEqual(datesBetween(period.from, period.to));
    const perDay = await owner.query(
      `SELECT day::text AS day, sent::float8 AS sent FROM staging.push_campaign_daily WHERE project_id = 100274 AND campaign_id = $1 AND day BETWEEN $2 AND $3`,
      [e.id, period.from, period.to],
    );
    const byDay = new Map<string, number>();
    for (const x of perDay.rows) byDay.set(x.day, (byDay.get(x.day) ?? 0) + x.sent);
    expect(r.body.daily.map((d: any) => d.sent)).toEqual(datesBetween(period.from, period.to).map((d) => byDay.get(d) ?? 0));
    expect(r.body.daily.some((d: any) => d.sent === 0 && d.ctr === null)).toBe(true);
  });

  it('another project’s campaign and an unknown id get the same 404', async () => {
    const other = (await owner.query(`SELECT campaign_id::float8 AS id FROM staging.campaigns WHERE project_id = 100276 LIMIT 1`)).rows[0].id;
    const a = await get(`/v1/campaigns/${other}`, stack.tokens['100274']);
    const b = await get(`/v1/campaigns/123456789`, stack.tokens['100274']);
    expect(a.status).toBe(404);
    expect(a.body).toEqual(b.body);
    expect(a.body.code).toBe('not_found');
    expect((await get(`/v1/campaigns/${other}`, stack.tokens['100276'])).status).toBe(200);
    expect((await get(`/v1/campaigns/abc`, stack.tokens['100274'])).status).toBe(400);
  });
});

describe('/openapi.json', () => {
  it('lists the operations of campaigns, agents, journeys and analyses', async () => {
    const doc = await (await fetch(stack.api + '/openapi.json')).json();
    const ops = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(ops).toEqual(
      expect.arrayContaining(['listCampaigns', 'getCampaign', 'listAgents', 'getAgent', 'listJourneys', 'getJourneyFunnel', 'listAnalyses', 'listAnalysisFolders', 'getAnalysis', 'createAnalysis', 'updateAnalysis', 'deleteAnalysis']),
    );
    expect(doc.paths['/v1/campaigns/{id}'].get.responses['404']).toBeDefined();
    expect(doc.paths['/v1/analyses'].post.responses['201']).toBeDefined();
  });
});
