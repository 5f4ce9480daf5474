/**
 * Saved analyses over real HTTP and in the database itself: RLS shows a user's own rows and the
 * project's shared ones, writes only touch the caller's own rows, viewers cannot write, a stale
 * version is a 409, and bodies are validated (400) and capped (413).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { testDatabase, type TestDatabase } from '../lib/testing/database.js';
import { startStack, type Stack } from '../lib/testing/stack.js';
import { signToken } from './auth/jwt.js';

let db: TestDatabase;
let stack: Stack;
const t: Record<string, string> = {};

beforeAll(async () => {
  db = await testDatabase();
  stack = await startStack({ databaseUrl: db.ownerUrl, groups: ['campaigns'], syncDays: 2 });
  t.ana = await signToken(stack.config, { sub: 'ana', project_id: '100274', role: 'editor' });
  t.bob = await signToken(stack.config, { sub: 'bob', project_id: '100274', role: 'editor' });
  t.admin = await signToken(stack.config, { sub: 'carla', project_id: '100274', role: 'admin' });
  t.viewer = await signToken(stack.config, { sub: 'vera', project_id: '100274', role: 'viewer' });
  t.otherProject = await signToken(stack.config, { sub: 'ana', project_id: '100275', role: 'editor' });
});
afterAll(async () => {
  await stack?.stop();
  await db?.drop();
});

async function call(method: string, path: string, token: string, body?: unknown, raw?: string) {
  const res = await fetch(stack.api + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body !== undefined || raw ? { 'Content-Type': 'application/json' } : {}) },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const widget = { element: 'ig-channel-kpis', attributes: { channel: 'sms' } };
const create = (token: string, over: Record<string, unknown> = {}) => call('POST', '/v1/analyses', token, { name: 'SMS KPIs', kind: 'widget', spec: widget, ...over });

describe('/v1/analyses', () => {
  it('an editor creates (201), reads, lists, renames, moves, edits the spec and shares their analysis', async () => {
    const c = await create(t.ana!, { folder: 'Ventas', description: 'mensual' });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ name: 'SMS KPIs', folder: 'Ventas', kind: 'widget', shared: false, ownerId: 'ana', mine: true, version: 1, spec: widget });
    const id = c.body.id;
    expect((await call('GET', `/v1/analyses/${id}`, t.ana!)).body).toEqual(c.body);
    const list = await call('GET', '/v1/analyses?folder=Ventas', t.ana!);
    expect(list.body.items.map((a: any) => a.id)).toContain(id);
    expect(list.body.items[0]).not.toHaveProperty('spec');

    const u1 = await call('PATCH', `/v1/analyses/${id}`, t.ana!, { version: 1, name: 'SMS KPIs (Q4)', folder: 'Archivo' });
    expect(u1.status).toBe(200);
    expect(u1.body).toMatchObject({ name: 'SMS KPIs (Q4)', folder: 'Archivo', version: 2 });
    const u2 = await call('PATCH', `/v1/analyses/${id}`, t.ana!, { version: 2, spec: { element: 'ig-channel-kpis', attributes: { channel: 'email' } }, shared: true });
    expect(u2.body).toMatchObject({ version: 3, shared: true, spec: { attributes: { channel: 'email' } } });
    expect(Date.parse(u2.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(c.body.createdAt));
    expect(u2.body.createdAt).toBe(c.body.createdAt);
  });

  it('a stale version is a 409 and changes nothing', async () => {
    const { body: a } = await create(t.ana!);
    expect((await call('PATCH', `/v1/analyses/${a.id}`, t.ana!, { version: 1, name: 'first' })).status).toBe(200);
    const stale = await call('PATCH', `/v1/analyses/${a.id}`, t.ana!, { version: 1, name: 'second' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('conflict');
    expect((await call('GET', `/v1/analyses/${a.id}`, t.ana!)).body).toMatchObject({ name: 'first', version: 2 });
    expect((await call('DELETE', `/v1/analyses/${a.id}?version=1`, t.ana!)).status).toBe(409);
    expect((await call('DELETE', `/v1/analyses/${a.id}?version=2`, t.ana!)).status).toBe(204);
    expect((await call('GET', `/v1/analyses/${a.id}`, t.ana!)).status).toBe(404);
  });

  it("another user's private analysis is a 404 to read, change or delete, same as an unknown id", async () => {
    const { body: a } = await create(t.ana!, { name: 'private' });
    const unknown = await call('GET', '/v1/analyses/00000000-0000-4000-8000-000000000000', t.bob!);
    for (const [method, body] of [['GET', undefined], ['PATCH', { version: 1, name: 'mine now' }], ['DELETE', undefined]] as const) {
      const r = await call(method, `/v1/analyses/${a.id}`, t.bob!, body);
      expect(r.status, method).toBe(404);
      expect(r.body).toEqual(unknown.body);
    }
    expect((await call('GET', `/v1/analyses/${a.id}`, t.admin!)).status).toBe(404);
    expect((await call('GET', `/v1/analyses/${a.id}`, t.otherProject!)).status).toBe(404);
    expect((await call('GET', '/v1/analyses', t.bob!)).body.items.map((x: any) => x.id)).not.toContain(a.id);
    expect((await call('GET', `/v1/analyses/${a.id}`, t.ana!)).body.name).toBe('private');
  });

  it('a shared analysis is readable by the project but writable only by its owner', async () => {
    const { body: a } = await create(t.ana!, { name: 'team board', shared: true, folder: 'Equipo' });
    const r = await call('GET', `/v1/analyses/${a.id}`, t.bob!);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ mine: false, ownerId: 'ana', shared: true });
    expect((await call('GET', '/v1/analyses?scope=shared', t.bob!)).body.items.map((x: any) => x.id)).toContain(a.id);
    expect((await call('GET', '/v1/analyses?scope=mine', t.bob!)).body.items.map((x: any) => x.id)).not.toContain(a.id);
    for (const r of [
      await call('PATCH', `/v1/analyses/${a.id}`, t.bob!, { version: 1, name: 'taken' }),
      await call('PATCH', `/v1/analyses/${a.id}`, t.bob!, { version: 1, spec: widget }),
      await call('DELETE', `/v1/analyses/${a.id}`, t.bob!),
    ]) {
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('forbidden_owner');
    }
    expect((await call('GET', `/v1/analyses/${a.id}`, t.otherProject!)).status).toBe(404);
    const folders = await call('GET', '/v1/analyses/folders', t.bob!);
    expect(folders.body.folders).toContainEqual({ folder: 'Equipo', count: 1, mine: 0, shared: 1 });
  });

  it('folders list what the user sees, with counts', async () => {
    const me = await signToken(stack.config, { sub: 'dora', project_id: '100274', role: 'editor' });
    await create(me, { folder: 'A' });
    await create(me, { folder: 'A' });
    await create(me, { folder: '' });
    const r = await call('GET', '/v1/analyses/folders', me);
    expect(r.body.folders.filter((f: any) => f.mine > 0)).toEqual([
      { folder: '', count: 1, mine: 1, shared: 0 },
      { folder: 'A', count: 2, mine: 2, shared: 0 },
    ]);
  });

  it('a viewer reads but cannot write (403 forbidden_role)', async () => {
    const { body: a } = await create(t.ana!, { shared: true });
    expect((await call('GET', `/v1/analyses/${a.id}`, t.viewer!)).status).toBe(200);
    for (const [method, path, body] of [
      ['POST', '/v1/analyses', { name: 'x', kind: 'widget', spec: widget }],
      ['PATCH', `/v1/analyses/${a.id}`, { version: 1, name: 'x' }],
      ['DELETE', `/v1/analyses/${a.id}`, undefined],
    ] as const) {
      const r = await call(method, path, t.viewer!, body);
      expect(r.status, method).toBe(403);
      expect(r.body.code).toBe('forbidden_role');
    }
  });

  it.each([
    ['name', { name: '', kind: 'widget', spec: widget }],
    ['kind', { name: 'x', kind: 'report', spec: widget }],
    ['spec.element', { name: 'x', kind: 'widget', spec: { element: 'script', attributes: {} } }],
    ['spec.items', { name: 'x', kind: 'dashboard', spec: { items: 'nope' } }],
    ['spec', { name: 'x', kind: 'chat', spec: { question: 'q', answer: 'a'.repeat(16_000), widgets: Array.from({ length: 10 }, () => ({ element: 'ig-x', attributes: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`a${i}`, 'v'.repeat(40)])) })) } }],
    ['ownerId', { name: 'x', kind: 'widget', spec: widget, ownerId: 'bob' }],
    // An unknown key is named by itself (bff/routes/params.ts reports unrecognized keys without their path).
    ['owner', { name: 'x', kind: 'widget', spec: { ...widget, owner: 'bob' } }],
  ])('an invalid %s → 400', async (param, body) => {
    const r = await call('POST', '/v1/analyses', t.ana!, body);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('invalid_parameter');
    expect(r.body.param).toBe(param);
  });

  it('a spec that does not fit the kind on update → 400; nothing to change → 400; a body over 64 KiB → 413', async () => {
    const { body: a } = await create(t.ana!);
    expect((await call('PATCH', `/v1/analyses/${a.id}`, t.ana!, { version: 1, spec: { question: 'chat spec on a widget' } })).status).toBe(400);
    expect((await call('PATCH', `/v1/analyses/${a.id}`, t.ana!, { version: 1 })).status).toBe(400);
    expect((await call('PATCH', `/v1/analyses/${a.id}`, t.ana!, { version: 1, kind: 'chat' })).status).toBe(400);
    const big = await call('POST', '/v1/analyses', t.ana!, { name: 'x', kind: 'widget', spec: { element: 'ig-x', attributes: { a: 'x'.repeat(70_000) } } });
    expect(big.status).toBe(413);
    expect((await call('POST', '/v1/analyses', t.ana!, undefined, '{"name": ')).status).toBe(400);
  });

  it('answers per user: nothing is cached between users', async () => {
    const lists = await Promise.all([call('GET', '/v1/analyses?scope=mine', t.ana!), call('GET', '/v1/analyses?scope=mine', t.bob!)]);
    expect(lists[0].body.items.every((x: any) => x.ownerId === 'ana')).toBe(true);
    expect(lists[1].body.items.every((x: any) => x.ownerId === 'bob')).toBe(true);
  });
});

describe('app.analyses in the database (ig_api → SET ROLE ig_reader)', () => {
  let api: pg.Client;
  let anaPrivate: string;
  let anaShared: string;
  beforeAll(async () => {
    anaPrivate = (await create(t.ana!, { name: 'db private' })).body.id;
    anaShared = (await create(t.ana!, { name: 'db shared', shared: true })).body.id;
    api = new pg.Client(stack.database.apiUrl);
    await api.connect();
  });
  afterAll(() => api?.end());

  async function as<T>(project: string | null, user: string | null, fn: () => Promise<T>): Promise<T> {
    await api.query('BEGIN; SET LOCAL ROLE ig_reader');
    try {
      if (project !== null) await api.query(`SELECT set_config('app.project_id', $1, true)`, [project]);
      if (user !== null) await api.query(`SELECT set_config('app.user_id', $1, true)`, [user]);
      return await fn();
    } finally {
      await api.query('ROLLBACK');
    }
  }
  const ids = async (sql = 'SELECT analysis_id::text AS id FROM app.analyses') => (await api.query(sql)).rows.map((r) => r.id);

  it.each([
    ['the owner', '100274', 'ana', true, true],
    ['another user of the project', '100274', 'bob', false, true],
    ['the owner in another project', '100275', 'ana', false, false],
    ['no user', '100274', null, false, true],
    ['an empty user', '100274', '', false, true],
    ['no project', null, 'ana', false, false],
  ] as const)('%s: private and shared rows visible as the policy says', async (_n, project, user, seesPrivate, seesShared) => {
    const seen = await as(project, user, () => ids());
    expect(seen.includes(anaPrivate)).toBe(seesPrivate);
    expect(seen.includes(anaShared)).toBe(seesShared);
  });

  it("another user's updates and deletes affect 0 rows, even of shared rows", async () => {
    await as('100274', 'bob', async () => {
      for (const id of [anaPrivate, anaShared]) {
        expect((await api.query(`UPDATE app.analyses SET name = 'hijacked' WHERE analysis_id = $1`, [id])).rowCount).toBe(0);
        expect((await api.query(`DELETE FROM app.analyses WHERE analysis_id = $1`, [id])).rowCount).toBe(0);
      }
    });
    await as('100274', 'ana', async () => expect((await api.query(`SELECT name FROM app.analyses WHERE analysis_id = $1`, [anaShared])).rows[0].name).toBe('db shared'));
  });

  it('no one writes as someone else or into another project', async () => {
    const insert = `INSERT INTO app.analyses (name, kind, spec) VALUES ('x', 'widget', '{}')`;
    // Owner and project are not even grantable columns for the reader.
    await expect(as('100274', 'bob', () => api.query(`INSERT INTO app.analyses (owner_id, name, kind, spec) VALUES ('ana', 'x', 'widget', '{}')`))).rejects.toThrow(/permission denied/);
    await expect(as('100274', 'bob', () => api.query(`INSERT INTO app.analyses (project_id, name, kind, spec) VALUES (100275, 'x', 'widget', '{}')`))).rejects.toThrow(/permission denied/);
    await expect(as('100274', 'ana', () => api.query(`UPDATE app.analyses SET owner_id = 'bob' WHERE analysis_id = $1`, [anaPrivate]))).rejects.toThrow(/permission denied/);
    await expect(as('100274', 'ana', () => api.query(`UPDATE app.analyses SET version = 99 WHERE analysis_id = $1`, [anaPrivate]))).rejects.toThrow(/permission denied/);
    // Without a user or a project the defaults are NULL: refused.
    await expect(as('100274', null, () => api.query(insert))).rejects.toThrow(/null value|row-level security/);
    await expect(as(null, 'ana', () => api.query(insert))).rejects.toThrow(/null value|row-level security/);
    expect(await as('100274', 'ana', async () => (await api.query(insert + ' RETURNING owner_id, project_id')).rows[0])).toEqual({ owner_id: 'ana', project_id: 100274 });
  });

  it('the login role itself reads nothing', async () => {
    await expect(api.query('SELECT count(*) FROM app.analyses')).rejects.toThrow(/permission denied/);
  });
});
