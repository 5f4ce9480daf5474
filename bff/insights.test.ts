/**
 * GET /v1/insights over the real stack (simulator → ETL → PostgreSQL with RLS → HTTP): a change
 * planted in the campaign mart comes first with the planted driver first, its figures are
 * explain_change's, another project sees only its own data, and bad input is a 400.
 */
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PROJECTS } from '../etl/simulator/catalog.js';
import { addDays, todayIn } from '../lib/dates.js';
import { testDatabase, type TestDatabase } from '../lib/testing/database.js';
import { startStack, type Stack } from '../lib/testing/stack.js';
import { signToken } from './auth/jwt.js';
import { FLOOR, MAX_INSIGHTS, THRESHOLD, judge } from './services/insights.js';

const MODA = '100275';
const OTHER = String(DEMO_PROJECTS.find((p) => String(p.id) !== MODA)!.id);
const tz = DEMO_PROJECTS.find((p) => String(p.id) === MODA)!.timeZone;

let db: TestDatabase;
let stack: Stack;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  db = await testDatabase();
  // Six weeks: a 7-day period has five whole baseline weeks before it.
  stack = await startStack({ databaseUrl: db.ownerUrl, groups: ['push', 'email', 'campaigns'], syncDays: 42 });
  tokens.moda = await signToken(stack.config, { sub: 'lucia', project_id: MODA, role: 'viewer' });
  tokens.other = await signToken(stack.config, { sub: 'otto', project_id: OTHER, role: 'viewer' });
});

afterAll(async () => {
  await stack?.stop();
  await db?.drop();
});

async function rest(path: string, token?: string) {
  const res = await fetch(stack.api + path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: await res.json() };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

describe('GET /v1/insights', () => {
  const to = () => addDays(todayIn(tz), -1);
  const from = () => addDays(to(), -6);

  it('a planted drop comes first, with the planted platform as its first driver and explain_change\'s figures', async () => {
    const q = `/v1/insights?from=${from()}&to=${to()}`;
    const before = await rest(q, tokens.moda);
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    expect(before.body.checked, 'push and email have enough weeks to be judged').toBeGreaterThan(0);
    const otherBefore = (await rest(q, tokens.other)).body;

    const owner = new pg.Client({ connectionString: db.ownerUrl });
    await owner.connect();
    try {
      const r = await owner.query(
        `UPDATE marts.campaign_daily SET delivered = floor(delivered * 0.2) WHERE project_id = $1 AND channel = 'push' AND platform = 'ios' AND day BETWEEN $2 AND $3`,
        [MODA, from(), to()],
      );
      expect(r.rowCount).toBeGreaterThan(0);
    } finally {
      await owner.end();
    }

    const after = await rest(q, tokens.moda);
    expect(after.status, JSON.stringify(after.body)).toBe(200);
    const b: Body = after.body;
    expect(b.projectId).toBe(MODA);
    expect(b.period).toEqual({ from: from(), to: to() });
    expect(b.insights.length).toBeGreaterThan(0);
    expect(b.insights.length).toBeLessThanOrEqual(MAX_INSIGHTS);
    const zs = b.insights.map((i: Body) => Math.abs(i.z));
    expect(zs).toEqual([...zs].sort((x, y) => y - x));
    for (const z of zs) expect(z).toBeGreaterThanOrEqual(THRESHOLD);

    const top = b.insights[0];
    expect(top.channel).toBe('push');
    expect(['delivered', 'deliveryRate']).toContain(top.metric);
    expect(top.z).toBeLessThan(-THRESHOLD);
    expect(top.value).toBeLessThan(top.usual);
    expect(top.drivers[0]).toMatchObject({ dimension: 'platform', key: 'ios' });
    // Its figures are explain_change's for the same period and base.
    const e = (await rest(`/v1/explain?channel=push&metric=${top.metric}&from=${from()}&to=${to()}&baseFrom=${top.basePeriod.from}&baseTo=${top.basePeriod.to}`, tokens.moda)).body;
    expect(top.value).toBeCloseTo(e.value, 9);
    expect(top.drivers).toEqual(e.top.slice(0, top.drivers.length));
    // The same window one whole cycle before: same weekdays.
    expect(top.basePeriod).toEqual({ from: addDays(from(), -7), to: addDays(to(), -7) });

    // The channel filter keeps to the channel.
    const email = (await rest(`${q}&channel=email`, tokens.moda)).body;
    expect(email.channel).toBe('email');
    for (const i of email.insights) expect(i.channel).toBe('email');

    // Another project: its own answer, untouched by the plant.
    const otherAfter = await rest(q, tokens.other);
    expect(otherAfter.status).toBe(200);
    expect(otherAfter.body.projectId).toBe(OTHER);
    expect(otherAfter.body).toEqual(otherBefore);
  });

  it('refuses bad parameters with a 400 and no token with a 401', async () => {
    for (const bad of ['channel=chat', 'channel=all', 'from=2026-13-01', `from=${to()}&to=${from()}`, 'limit=5', 'from=2020-01-01&to=2026-11-01']) {
      const r = await rest(`/v1/insights?${bad}`, tokens.moda);
      expect(r.status, bad).toBe(400);
      expect(r.body.title ?? r.body.type, bad).toBeTruthy();
    }
    expect((await rest('/v1/insights')).status).toBe(401);
  });
});

describe('judge: a value against its baseline weeks', () => {
  const weeks = fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 8 });

  it('z is the distance from the mean over max(σ, 1 % of the mean): never infinite, sign of the change', () => {
    fc.assert(
      fc.property(weeks, fc.double({ min: 0, max: 2e6, noNaN: true }), (base, value) => {
        const j = judge(value, base, false);
        const mean = base.reduce((s, v) => s + v, 0) / base.length;
        expect(j.usual).toBeCloseTo(mean, 6);
        expect(Number.isFinite(j.z)).toBe(true);
        expect(Math.sign(j.z)).toBe(Math.sign(value - j.usual));
        const sigma = Math.max(j.stdDev, FLOOR * mean, 1);
        expect(j.z).toBeCloseTo((value - mean) / sigma, 6);
        expect(j.change).toBeCloseTo((value - mean) / mean, 9);
      }),
    );
  });

  it('constant weeks: a move under 3 % of the usual is not notable, over it is', () => {
    fc.assert(
      fc.property(fc.double({ min: 1000, max: 1e6, noNaN: true }), fc.integer({ min: 2, max: 8 }), fc.double({ min: 0, max: 0.029, noNaN: true }), fc.double({ min: 0.031, max: 5, noNaN: true }), (usual, n, small, large) => {
        const base = Array.from({ length: n }, () => usual);
        expect(Math.abs(judge(usual * (1 + small), base, false).z)).toBeLessThan(THRESHOLD);
        expect(Math.abs(judge(usual * (1 - large), base, false).z)).toBeGreaterThanOrEqual(THRESHOLD);
      }),
    );
  });

  it('counts scale: multiplying the weeks and the value by k keeps z (above the floors)', () => {
    fc.assert(
      fc.property(weeks, fc.double({ min: 1, max: 2e6, noNaN: true }), fc.double({ min: 1, max: 100, noNaN: true }), (base, value, k) => {
        fc.pre(Math.max(...base) - Math.min(...base) > 10);
        const a = judge(value, base, false);
        const b = judge(value * k, base.map((v) => v * k), false);
        expect(b.z).toBeCloseTo(a.z, 6);
      }),
    );
  });

  it('rates: the change is the absolute difference', () => {
    expect(judge(0.6, [0.8, 0.82, 0.81], true).change).toBeCloseTo(-0.21, 12);
  });
});
