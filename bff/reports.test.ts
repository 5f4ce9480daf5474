/**
 * /v1/subscriptions, /v1/alerts and /unsubscribe over real HTTP, on the real database with RLS:
 * owners manage their own, admins see the project's, viewers may subscribe themselves only, another
 * project's user can neither see nor change nor test-send, bad input is a 400 that changes nothing,
 * and a signed unsubscribe link pauses exactly its subscription. Isolation is also tried in the
 * database itself (the reader role with another project's setting sees no row).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../lib/testing/database.js';
import { startStack, type Stack } from '../lib/testing/stack.js';
import { reportsSecret, unsubscribeToken } from '../etl/reports/signing.js';
import { signToken } from './auth/jwt.js';

let db: TestDatabase;
let stack: Stack;
const t: Record<string, string> = {};

beforeAll(async () => {
  db = await testDatabase();
  stack = await startStack({ databaseUrl: db.ownerUrl, syncDays: 2 });
  t.ana = await signToken(stack.config, { sub: 'ana', project_id: '100274', role: 'editor' });
  t.bob = await signToken(stack.config, { sub: 'bob', project_id: '100274', role: 'editor' });
  t.admin = await signToken(stack.config, { sub: 'carla', project_id: '100274', role: 'admin' });
  t.viewer = await signToken(stack.config, { sub: 'vera', project_id: '100274', role: 'viewer' });
  // The same user name in another project: a different tenant.
  t.other = await signToken(stack.config, { sub: 'ana', project_id: '100275', role: 'admin' });
});
afterAll(async () => {
  await stack?.stop();
  await db?.drop();
});

async function call(method: string, path: string, token: string | undefined, body?: unknown) {
  const res = await fetch(stack.api + path, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* html */
  }
  return { status: res.status, body: parsed };
}

const weekly = { name: 'Push semanal', source: { kind: 'summary', channel: 'push' }, frequency: 'weekly', hour: 8, weekday: 1, locale: 'es', email: 'ana@example.com' };
const rule = { name: 'CTR push', channel: 'push', metric: 'ctr', kind: 'anomaly', direction: 'below', locale: 'en', email: 'ana@example.com' };

describe('/v1/subscriptions', () => {
  it('an owner creates, reads, pauses, resumes and deletes a digest; the version guards changes', async () => {
    const c = await call('POST', '/v1/subscriptions', t.ana, weekly);
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ ...weekly, delivery: 'email', attachCsv: false, paused: false, ownerId: 'ana', mine: true, version: 1, webhookSecret: null });
    const id = c.body.id;
    expect((await call('GET', `/v1/subscriptions/${id}`, t.ana)).body).toEqual(c.body);
    const p = await call('PATCH', `/v1/subscriptions/${id}`, t.ana, { version: 1, paused: true });
    expect(p.body).toMatchObject({ paused: true, version: 2 });
    expect((await call('PATCH', `/v1/subscriptions/${id}`, t.ana, { version: 1, paused: false })).status).toBe(409);
    expect((await call('PATCH', `/v1/subscriptions/${id}`, t.ana, { version: 2, paused: false, hour: 9 })).body).toMatchObject({ paused: false, hour: 9, version: 3 });
    expect((await call('DELETE', `/v1/subscriptions/${id}`, t.ana)).status).toBe(204);
    expect((await call('GET', `/v1/subscriptions/${id}`, t.ana)).status).toBe(404);
  });

  it('a viewer subscribes themselves; an admin sees the project\'s subscriptions but changes only their own', async () => {
    const v = await call('POST', '/v1/subscriptions', t.viewer, { ...weekly, email: 'vera@example.com' });
    expect(v.status).toBe(201);
    expect(v.body.ownerId).toBe('vera');
    const mine = await call('GET', '/v1/subscriptions', t.bob);
    expect(mine.body.items.map((s: any) => s.id)).not.toContain(v.body.id);
    expect((await call('GET', `/v1/subscriptions/${v.body.id}`, t.bob)).status).toBe(404);
    const all = await call('GET', '/v1/subscriptions?scope=all', t.admin);
    expect(all.body.items.map((s: any) => s.id)).toContain(v.body.id);
    expect((await call('GET', `/v1/subscriptions/${v.body.id}`, t.admin)).body).toMatchObject({ mine: false, ownerId: 'vera' });
    const edit = await call('PATCH', `/v1/subscriptions/${v.body.id}`, t.admin, { version: 1, paused: true });
    expect(edit.status).toBe(403);
    expect(edit.body.code).toBe('forbidden_owner');
    expect((await call('POST', `/v1/subscriptions/${v.body.id}/test`, t.admin)).status).toBe(403);
    expect((await call('DELETE', `/v1/subscriptions/${v.body.id}`, t.admin)).status).toBe(403);
    // A non-admin's scope=all is still their own rows only (RLS decides, not the query).
    expect((await call('GET', '/v1/subscriptions?scope=all', t.bob)).body.items.map((s: any) => s.id)).not.toContain(v.body.id);
  });

  it("another project's user can neither see, change, delete nor test-send a subscription", async () => {
    const { body: s } = await call('POST', '/v1/subscriptions', t.ana, weekly);
    const attempts = [
      ['GET', `/v1/subscriptions/${s.id}`, undefined],
      ['PATCH', `/v1/subscriptions/${s.id}`, { version: 1, email: 'mallory@example.com' }],
      ['DELETE', `/v1/subscriptions/${s.id}`, undefined],
      ['POST', `/v1/subscriptions/${s.id}/test`, undefined],
      ['GET', `/v1/subscriptions/${s.id}/deliveries`, undefined],
    ] as const;
    for (const [method, path, body] of attempts) {
      const r = await call(method, path, t.other, body);
      expect(r.status, `${method} ${path}`).toBe(404);
    }
    expect((await call('GET', '/v1/subscriptions?scope=all', t.other)).body.items).toEqual([]);
    // Naming the other project explicitly is refused by the token check before any query.
    expect((await call('GET', `/v1/subscriptions/${s.id}?project=100274`, t.other)).status).toBe(403);
    expect((await call('GET', `/v1/subscriptions/${s.id}`, t.ana)).body).toMatchObject({ email: 'ana@example.com', version: 1 });
  });

  it('a test-send is recorded as a pending delivery in the history', async () => {
    const { body: s } = await call('POST', '/v1/subscriptions', t.ana, weekly);
    const d = await call('POST', `/v1/subscriptions/${s.id}/test`, t.ana);
    expect(d.status).toBe(201);
    expect(d.body).toMatchObject({ kind: 'test', state: 'pending', attempts: 0 });
    const h = await call('GET', `/v1/subscriptions/${s.id}/deliveries`, t.ana);
    expect(h.body.items.map((x: any) => x.id)).toEqual([d.body.id]);
    // A handful per hour, then 429: a test-send cannot be used to flood an address.
    for (let i = 1; i < 5; i++) expect((await call('POST', `/v1/subscriptions/${s.id}/test`, t.ana)).status).toBe(201);
    const over = await call('POST', `/v1/subscriptions/${s.id}/test`, t.ana);
    expect(over.status).toBe(429);
    expect(over.body.code).toBe('rate_limited');
    expect((await call('GET', `/v1/subscriptions/${s.id}/deliveries`, t.ana)).body.items).toHaveLength(5);
  });

  it.each([
    [{ ...weekly, hour: 24 }, 'hour'],
    [{ ...weekly, frequency: 'hourly' }, 'frequency'],
    [{ ...weekly, locale: 'fr' }, 'locale'],
    [{ ...weekly, email: 'not-an-address' }, 'email'],
    [{ ...weekly, email: 'a@b.c, d@e.f' }, 'email'],
    [{ ...weekly, email: undefined }, 'email'],
    [{ ...weekly, delivery: 'webhook', email: undefined, webhookUrl: 'http://example.com/hook' }, 'webhookUrl'],
    [{ ...weekly, delivery: 'webhook', email: undefined, webhookUrl: 'https://user:pw@example.com/hook' }, 'webhookUrl'],
    [{ ...weekly, source: { kind: 'summary', channel: 'fax' } }, 'source.channel'],
    [{ ...weekly, source: { kind: 'analysis', analysisId: '00000000-0000-4000-8000-000000000000' } }, 'source.analysisId'],
    [{ ...weekly, ownerId: 'bob' }, 'body'],
  ])('refuses a bad subscription (%#: %s) with a 400 naming it, and stores nothing', async (body, param) => {
    const before = (await call('GET', '/v1/subscriptions', t.bob)).body.items.length;
    const r = await call('POST', '/v1/subscriptions', t.bob, body);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('invalid_parameter');
    expect(String(r.body.param)).toContain(param === 'body' ? '' : param);
    expect((await call('GET', '/v1/subscriptions', t.bob)).body.items.length).toBe(before);
  });

  it('a webhook subscription gets a signing secret that only its owner sees', async () => {
    const r = await call('POST', '/v1/subscriptions', t.ana, { ...weekly, delivery: 'webhook', email: undefined, webhookUrl: 'https://hooks.example.com/ig' });
    expect(r.status).toBe(201);
    expect(r.body.webhookSecret).toMatch(/^whsec_[\w-]{32}$/);
    expect((await call('GET', `/v1/subscriptions/${r.body.id}`, t.admin)).body.webhookSecret).toBeNull();
  });
});

describe('/v1/alerts', () => {
  it('an editor creates, snoozes, pauses and deletes a rule; a viewer may not create one', async () => {
    const c = await call('POST', '/v1/alerts', t.ana, rule);
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ ...rule, sigma: 3, weeks: 8, threshold: null, state: 'ok', mine: true });
    const until = '2030-01-01T00:00:00.000Z';
    expect((await call('PATCH', `/v1/alerts/${c.body.id}`, t.ana, { version: 1, snoozedUntil: until })).body).toMatchObject({ snoozedUntil: until, version: 2 });
    expect((await call('PATCH', `/v1/alerts/${c.body.id}`, t.ana, { version: 2, paused: true })).body).toMatchObject({ paused: true });
    expect((await call('GET', `/v1/alerts/${c.body.id}/firings`, t.ana)).body).toEqual({ items: [], deliveries: [] });
    const v = await call('POST', '/v1/alerts', t.viewer, rule);
    expect(v.status).toBe(403);
    expect(v.body.code).toBe('forbidden_role');
    expect((await call('DELETE', `/v1/alerts/${c.body.id}`, t.ana)).status).toBe(204);
  });

  it.each([
    [{ ...rule, metric: 'opened' }, 'metric'],
    [{ ...rule, kind: 'threshold' }, 'threshold'],
    [{ ...rule, kind: 'threshold', threshold: 0.5, direction: 'either' }, 'direction'],
    [{ ...rule, sigma: 0 }, 'sigma'],
    [{ ...rule, weeks: 100 }, 'weeks'],
    [{ ...rule, channel: 'wallet', metric: 'passesIssued', campaignId: '12' }, 'metric'],
    [{ ...rule, platform: 'Android; DROP' }, 'platform'],
  ])('refuses a bad rule (%#) with a 400', async (body, param) => {
    const r = await call('POST', '/v1/alerts', t.ana, body);
    expect(r.status).toBe(400);
    expect(String(r.body.param)).toContain(param);
  });

  it("another project's user can neither see, change nor test-send a rule", async () => {
    const { body: a } = await call('POST', '/v1/alerts', t.ana, rule);
    for (const [method, path, body] of [
      ['GET', `/v1/alerts/${a.id}`, undefined],
      ['PATCH', `/v1/alerts/${a.id}`, { version: 1, paused: true }],
      ['DELETE', `/v1/alerts/${a.id}`, undefined],
      ['POST', `/v1/alerts/${a.id}/test`, undefined],
      ['GET', `/v1/alerts/${a.id}/firings`, undefined],
    ] as const) {
      expect((await call(method, path, t.other, body)).status, `${method} ${path}`).toBe(404);
    }
    expect((await call('GET', '/v1/alerts?scope=all', t.other)).body.items).toEqual([]);
    expect((await call('GET', `/v1/alerts/${a.id}`, t.ana)).body.paused).toBe(false);
  });
});

describe('in the database', () => {
  it("the reader role sees no subscription, rule or delivery of another project, and cannot insert one there", async () => {
    const owner = new pg.Client(db.ownerUrl);
    await owner.connect();
    try {
      const { rows } = await owner.query(`SELECT count(*)::int AS n FROM app.subscriptions WHERE project_id = 100274`);
      expect(rows[0].n).toBeGreaterThan(0);
      await owner.query('BEGIN');
      await owner.query(`SET LOCAL ROLE ig_reader`);
      await owner.query(`SELECT set_config('app.project_id', '100275', true), set_config('app.user_id', 'ana', true), set_config('app.role', 'admin', true)`);
      for (const table of ['subscriptions', 'alert_rules', 'alert_firings', 'deliveries']) {
        expect((await owner.query(`SELECT count(*)::int AS n FROM app.${table}`)).rows[0].n, table).toBe(0);
      }
      await expect(
        owner.query(`INSERT INTO app.subscriptions (name, source_kind, channel, frequency, hour, locale, delivery, email, not_before)
                     SELECT 'x', 'summary', 'push', 'daily', 8, 'en', 'email', 'a@example.com', now() WHERE false
                     UNION ALL SELECT 'x', 'summary', 'push', 'daily', 8, 'en', 'email', 'a@example.com', now()`),
      ).resolves.toBeTruthy(); // into its own project (the default): allowed
      await owner.query('ROLLBACK');
      await owner.query('BEGIN');
      await owner.query(`SET LOCAL ROLE ig_reader`);
      await owner.query(`SELECT set_config('app.project_id', '100275', true), set_config('app.user_id', 'ana', true)`);
      await expect(owner.query(`UPDATE app.subscriptions SET paused = true WHERE project_id = 100274`)).resolves.toMatchObject({ rowCount: 0 });
      await owner.query('ROLLBACK');
      // An admin of the project sees ana's subscription but cannot queue a send of it.
      const { rows: anas } = await owner.query(`SELECT subscription_id FROM app.subscriptions WHERE project_id = 100274 AND owner_id = 'ana' LIMIT 1`);
      await owner.query('BEGIN');
      await owner.query(`SET LOCAL ROLE ig_reader`);
      await owner.query(`SELECT set_config('app.project_id', '100274', true), set_config('app.user_id', 'carla', true), set_config('app.role', 'admin', true)`);
      expect((await owner.query(`SELECT 1 FROM app.subscriptions WHERE subscription_id = $1`, [anas[0].subscription_id])).rowCount).toBe(1);
      await expect(owner.query(`INSERT INTO app.deliveries (kind, subscription_id) VALUES ('test', $1)`, [anas[0].subscription_id])).rejects.toThrow(/row-level security/);
      await owner.query('ROLLBACK');
    } finally {
      await owner.end();
    }
  });
});

describe('/unsubscribe', () => {
  it('a signed link pauses exactly its subscription; a forged or altered one changes nothing', async () => {
    const { body: a } = await call('POST', '/v1/subscriptions', t.ana, weekly);
    const { body: b } = await call('POST', '/v1/subscriptions', t.ana, weekly);
    const secret = reportsSecret(stack.config);
    const token = unsubscribeToken(secret, { projectId: '100274', kind: 'subscription', id: a.id });
    const page = await fetch(`${stack.api}/unsubscribe?t=${encodeURIComponent(token)}&l=es`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
    expect((await call('GET', `/v1/subscriptions/${a.id}`, t.ana)).body.paused).toBe(false); // GET changes nothing

    const forged = unsubscribeToken('another-secret-of-at-least-32-characters!', { projectId: '100274', kind: 'subscription', id: b.id });
    const swapped = token.replace(a.id, b.id);
    for (const bad of [forged, swapped, 'garbage', '']) {
      const r = await fetch(`${stack.api}/unsubscribe?t=${encodeURIComponent(bad)}`, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(r.status).toBe(400);
    }
    const one = await fetch(`${stack.api}/unsubscribe?t=${encodeURIComponent(token)}`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(one.status).toBe(200);
    expect((await call('GET', `/v1/subscriptions/${a.id}`, t.ana)).body.paused).toBe(true);
    expect((await call('GET', `/v1/subscriptions/${b.id}`, t.ana)).body.paused).toBe(false);
  });
});

describe('OpenAPI', () => {
  it('documents the subscription and alert endpoints', async () => {
    const doc = await (await fetch(`${stack.api}/openapi.json`)).json();
    for (const p of ['/v1/subscriptions', '/v1/subscriptions/{id}', '/v1/subscriptions/{id}/test', '/v1/subscriptions/{id}/deliveries', '/v1/alerts', '/v1/alerts/{id}', '/v1/alerts/{id}/firings']) {
      expect(doc.paths[p], p).toBeDefined();
    }
  });
});
