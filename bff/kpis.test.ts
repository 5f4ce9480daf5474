/**
 * GET /v1/kpis over real HTTP against the real stack (PostgreSQL with RLS, synced from the simulator):
 * the numbers equal the generator's, every bad token is refused, another project is forbidden, and a
 * bad parameter gets a 400 naming it. No failure returns data or internals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { testDatabase, type TestDatabase } from '../lib/testing/database.js';
import { generatorTotals, startStack, type Stack } from '../lib/testing/stack.js';
import { addDays, periods, todayIn } from '../lib/dates.js';
import { signToken } from './auth/jwt.js';
import { DEMO_PROJECTS } from '../etl/simulator/catalog.js';

let db: TestDatabase;
let stack: Stack;

beforeAll(async () => {
  db = await testDatabase();
  stack = await startStack({ databaseUrl: db.ownerUrl });
});
afterAll(async () => {
  await stack?.stop();
  await db?.drop();
});

async function get(path: string, token?: string, headers: Record<string, string> = {}) {
  const res = await fetch(stack.api + path, {
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: JSON.parse(text), text };
}

const sign = (claims: Record<string, unknown>, opts: { secret?: string; alg?: string; exp?: number; iss?: string; aud?: string } = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: opts.alg ?? 'HS256' })
    .setIssuer(opts.iss ?? stack.config.JWT_ISSUER)
    .setAudience(opts.aud ?? stack.config.JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? Math.floor(Date.now() / 1000) + 600)
    .sign(new TextEncoder().encode(opts.secret ?? stack.config.JWT_SECRET));

const base64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

function expectProblem(r: Awaited<ReturnType<typeof get>>, status: number, code: string) {
  expect(r.status).toBe(status);
  expect(r.type).toMatch(/^application\/problem\+json/);
  expect(r.body).toMatchObject({ status, code, type: expect.stringContaining(code) });
  expect(r.body).not.toHaveProperty('metrics');
  expect(r.text).not.toMatch(/\bat .+:\d+:\d+|node_modules|stack/i);
}

interface MetricBody {
  key: string;
  value: number | null;
  previous: number | null;
  change: number | null;
}
const metric = (body: { metrics: MetricBody[] }, key: string): MetricBody => {
  const m = body.metrics.find((x) => x.key === key);
  if (!m) throw new Error(`metric ${key} missing`);
  return m;
};

describe('GET /v1/kpis', () => {
  it.each(DEMO_PROJECTS.map((p) => [p.id, p.timeZone] as const))(
    'project %s gets its own last-30-days push totals and their change',
    async (id, timeZone) => {
      const r = await get('/v1/kpis?channel=push', stack.tokens[id]);
      expect(r.status).toBe(200);
      const { period, previousPeriod } = periods({ timeZone, days: 30 });
      expect(r.body).toMatchObject({ projectId: String(id), channel: 'push', timeZone, period, previousPeriod, hasData: true });
      const now = generatorTotals(id, period.from, period.to);
      const before = generatorTotals(id, previousPeriod.from, previousPeriod.to);
      expect(metric(r.body, 'sent')).toEqual({ key: 'sent', format: 'count', value: now.sent, previous: before.sent, change: (now.sent - before.sent) / before.sent });
      expect(metric(r.body, 'delivered').value).toBe(now.delivered);
      expect(metric(r.body, 'clicked').value).toBe(now.clicked);
      const ctr = metric(r.body, 'ctr');
      expect(ctr.value).toBeCloseTo(now.clicked / now.sent, 12);
      expect(ctr.change).toBeCloseTo(now.clicked / now.sent - before.clicked / before.sent, 12);
    },
  );

  it('honours an explicit window and compares with the window of the same length before it', async () => {
    // A week well inside the synced days, counted back from the suite's frozen today.
    const today = todayIn('Europe/Madrid');
    const [from, to] = [addDays(today, -40), addDays(today, -34)];
    const [prevFrom, prevTo] = [addDays(from, -7), addDays(from, -1)];
    const r = await get(`/v1/kpis?channel=push&from=${from}&to=${to}`, stack.tokens['100275']);
    expect(r.status).toBe(200);
    expect(r.body.period).toEqual({ from, to });
    expect(r.body.previousPeriod).toEqual({ from: prevFrom, to: prevTo });
    expect(metric(r.body, 'sent').value).toBe(generatorTotals(100275, from, to).sent);
    expect(metric(r.body, 'sent').previous).toBe(generatorTotals(100275, prevFrom, prevTo).sent);
  });

  it('answers an empty period with zeros, a null CTR and hasData false', async () => {
    const r = await get('/v1/kpis?channel=push&from=2001-01-01&to=2001-01-31', stack.tokens['100274']);
    expect(r.status).toBe(200);
    expect(r.body.hasData).toBe(false);
    expect(metric(r.body, 'sent')).toMatchObject({ value: 0, previous: 0, change: null });
    expect(metric(r.body, 'ctr')).toMatchObject({ value: null, change: null });
  });

  it('a partner token covering several projects reads the one it names, and only those', async () => {
    const partner = await signToken(stack.config, { sub: 'partner-1', project_ids: ['100274', '100276'], role: 'viewer' });
    const ok = await get('/v1/kpis?channel=push&project=100276', partner);
    expect(ok.status).toBe(200);
    expect(ok.body.projectId).toBe('100276');
    expect(metric(ok.body, 'sent').value).toBe(stack.expected['100276']!.sent);
    expectProblem(await get('/v1/kpis?channel=push&project=100275', partner), 403, 'forbidden_project');
    expectProblem(await get('/v1/kpis?channel=push', partner), 400, 'invalid_parameter');
  });

  it('a project that is not subscribed gets 404, not another project', async () => {
    const token = await signToken(stack.config, { sub: 'u', project_id: '999999' });
    expectProblem(await get('/v1/kpis?channel=push', token), 404, 'project_not_found');
  });
});

describe('refused requests', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const claims = { sub: 'u1', project_id: '100274', role: 'viewer' };
  const badTokens: [string, () => Promise<string | undefined>][] = [
    ['no token', async () => undefined],
    ['a token signed with another secret', async () => stack.forgedToken],
    ['an expired token', async () => sign(claims, { exp: now() - 3600 })],
    ['a token for another audience', async () => sign(claims, { aud: 'someone-else' })],
    ['a token from another issuer', async () => sign(claims, { iss: 'https://evil.example' })],
    ['alg none', async () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, iss: stack.config.JWT_ISSUER, aud: stack.config.JWT_AUDIENCE, exp: now() + 600 })}.`],
    ['HS512 (not in the allow-list) with the right secret', async () => sign(claims, { alg: 'HS512' })],
    ['a tampered payload', async () => {
      const [h, , s] = stack.tokens['100274']!.split('.');
      return `${h}.${base64url({ ...claims, project_id: '100275', iss: stack.config.JWT_ISSUER, aud: stack.config.JWT_AUDIENCE, exp: now() + 600 })}.${s}`;
    }],
    ['no project claim', async () => sign({ sub: 'u1' })],
    ['an empty project claim', async () => sign({ sub: 'u1', project_id: '' })],
    ['a role outside the list', async () => sign({ ...claims, role: 'root' })],
    ['malformed base64', async () => 'eyJ%%%.###.***'],
    ['an oversized token', async () => 'a'.repeat(10_000)],
  ];

  it.each(badTokens)('%s → 401', async (_name, make) => {
    expectProblem(await get('/v1/kpis?channel=push', await make()), 401, 'unauthorized');
  });

  it('a token in the query string → 401, even a valid one', async () => {
    expectProblem(await get(`/v1/kpis?channel=push&token=${stack.tokens['100274']}`), 401, 'unauthorized');
  });

  it('a scheme other than Bearer → 401', async () => {
    expectProblem(await get('/v1/kpis?channel=push', undefined, { Authorization: `Basic ${stack.tokens['100274']}` }), 401, 'unauthorized');
  });

  it.each([
    ['query parameter', '/v1/kpis?channel=push&project=100275', {}],
    ['header', '/v1/kpis?channel=push', { 'X-Ig-Project': '100275' }],
  ])("a valid token asking for another project by %s → 403", async (_n, path, headers) => {
    expectProblem(await get(path, stack.tokens['100274'], headers as Record<string, string>), 403, 'forbidden_project');
  });

  it.each([
    ['channel', '/v1/kpis?channel=sms-but-unknown'],
    ['channel', '/v1/kpis'],
    ['from', '/v1/kpis?channel=push&from=2026-13-01'],
    ['from', '/v1/kpis?channel=push&from=2026-02-30'],
    ['to', '/v1/kpis?channel=push&to=yesterday'],
    ['from', '/v1/kpis?channel=push&from=2026-10-10&to=2026-10-01'],
    ['from', '/v1/kpis?channel=push&from=2020-01-01&to=2026-01-01'],
    ['foo', '/v1/kpis?channel=push&foo=1'],
    ['project', '/v1/kpis?channel=push&project=abc'],
    ['channel', '/v1/kpis?channel=push&channel=push'],
  ])('a bad %s → 400 naming it (%s)', async (param, path) => {
    const r = await get(path, stack.tokens['100274']);
    expectProblem(r, 400, 'invalid_parameter');
    expect(r.body.param).toBe(param);
  });

  it('unknown routes → 404 problem, after authentication', async () => {
    expectProblem(await get('/v1/nothing-here', stack.tokens['100274']), 404, 'not_found');
    expectProblem(await get('/v1/nothing-here'), 401, 'unauthorized');
    expectProblem(await get('/nothing-here'), 404, 'not_found');
  });
});

describe('GET /healthz', () => {
  it('answers ok without a token, with security headers', async () => {
    const res = await fetch(stack.api + '/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
