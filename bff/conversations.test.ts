/**
 * GET /v1/agents, /v1/agents/:id, /v1/journeys and /v1/journeys/:id/funnel over real HTTP against the
 * real stack. Expected figures come from staging rows (owner connection) summed in JavaScript.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { testDatabase, type TestDatabase } from '../lib/testing/database.js';
import { startStack, type Stack } from '../lib/testing/stack.js';
import { datesBetween, periods } from '../lib/dates.js';
import { DEMO_PROJECTS } from '../etl/simulator/catalog.js';
import { weightedMedian } from './services/agents.js';

let db: TestDatabase;
let stack: Stack;
let owner: pg.Client;

beforeAll(async () => {
  db = await testDatabase();
  stack = await startStack({ databaseUrl: db.ownerUrl, groups: ['agents', 'journeys'], syncDays: 40 });
  owner = new pg.Client(db.ownerUrl);
  await owner.connect();
});
afterAll(async () => {
  await owner?.end();
  await stack?.stop();
  await db?.drop();
});

async function get(path: string, token = stack.tokens['100274']!, headers: Record<string, string> = {}) {
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

/** Sessions of staging per agent over [from, to], figures computed here. */
async function expectedAgents(projectId: number, from: string, to: string) {
  const { rows } = await owner.query(
    `SELECT agent_id, day::text AS day, assigned_at IS NOT NULL AS assigned, closed_at IS NOT NULL AS closed,
            NOT initial_agent_session AS transfer, seconds_to_assign, seconds_to_close
     FROM staging.chat_agent_sessions WHERE project_id = $1 AND day BETWEEN $2 AND $3 AND agent_id IS NOT NULL`,
    [projectId, from, to],
  );
  const by = new Map<string, typeof rows>();
  for (const r of rows) by.set(r.agent_id, [...(by.get(r.agent_id) ?? []), r]);
  return new Map(
    [...by].map(([id, ss]) => {
      const assigned = ss.filter((s) => s.assigned).length;
      const closed = ss.filter((s) => s.closed).length;
      const sumA = ss.reduce((t, s) => t + (s.seconds_to_assign ?? 0), 0);
      const sumC = ss.reduce((t, s) => t + (s.seconds_to_close ?? 0), 0);
      return [id, { conversations: ss.length, assigned, closed, transfersIn: ss.filter((s) => s.transfer).length, avgSecondsToAssign: assigned ? sumA / assigned : null, avgSecondsToClose: closed ? sumC / closed : null, sessions: ss }];
    }),
  );
}

const exactMedian = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? null : n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
};

describe('GET /v1/agents', () => {
  it.each([
    ['conversations', 'desc'],
    ['avgSecondsToClose', 'asc'],
    ['email', 'asc'],
  ] as const)('ranks every agent of the period with figures equal to staging (sort %s %s)', async (sort, order) => {
    const { period } = periods({ timeZone: tz(100274), days: 30 });
    const expected = await expectedAgents(100274, period.from, period.to);
    const r = await get(`/v1/agents?sort=${sort}&order=${order}`);
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ projectId: '100274', timeZone: tz(100274), period, sort, order });
    expect(r.body.teamNow).toMatchObject({ activeAgents: expect.any(Number), day: expect.any(String) });
    expect(r.body.items.map((a: any) => a.agentId).sort()).toEqual([...expected.keys()].sort());
    for (const a of r.body.items) {
      const e = expected.get(a.agentId)!;
      expect(a).toMatchObject({ conversations: e.conversations, assigned: e.assigned, closed: e.closed, transfersIn: e.transfersIn });
      expect(a.avgSecondsToAssign).toBeCloseTo(e.avgSecondsToAssign!, 9);
      expect(a.avgSecondsToClose).toBeCloseTo(e.avgSecondsToClose!, 9);
      expect(a.medianSecondsToAssign).toBeGreaterThan(0);
    }
    const values = r.body.items.map((a: any) => (sort === 'email' ? a.email : a[sort]));
    const sorted = [...values].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    expect(values).toEqual(order === 'asc' ? sorted : sorted.reverse());
  });

  it('one agent: totals, a zero-filled daily series, and exact daily medians', async () => {
    const { period } = periods({ timeZone: tz(100274), days: 30 });
    const expected = await expectedAgents(100274, period.from, period.to);
    // The agent with the fewest working days, so the series has days off to zero-fill.
    const days = (x: { sessions: { day: string }[] }) => new Set(x.sessions.map((s) => s.day)).size;
    const [id, e] = [...expected].sort((a, b) => days(a[1]) - days(b[1]) || a[0].localeCompare(b[0]))[0]!;
    const r = await get(`/v1/agents/${id}`);
    expect(r.status, r.text).toBe(200);
    expect(r.body.agent.agentId).toBe(id);
    expect(r.body.totals).toMatchObject({ conversations: e.conversations, closed: e.closed });
    expect(r.body.daily.map((d: any) => d.day)).toEqual(datesBetween(period.from, period.to));
    for (const d of r.body.daily) {
      const ss = e.sessions.filter((s) => s.day === d.day);
      expect(d.conversations).toBe(ss.length);
      const med = exactMedian(ss.filter((s) => s.seconds_to_assign !== null).map((s) => s.seconds_to_assign));
      if (med === null) expect(d.medianSecondsToAssign).toBeNull();
      else expect(d.medianSecondsToAssign).toBeCloseTo(med, 1);
    }
    expect(r.body.daily.some((d: any) => d.conversations === 0 && d.avgSecondsToAssign === null)).toBe(true);
  });

  it("another project's agent and an unknown one get the same 404", async () => {
    const other = (await owner.query(`SELECT agent_id FROM staging.chat_agent_sessions WHERE project_id = 100276 AND agent_id IS NOT NULL LIMIT 1`)).rows[0].agent_id;
    const a = await get(`/v1/agents/${other}`);
    const b = await get(`/v1/agents/nobody-here`);
    expect(a.status).toBe(404);
    expect(a.body).toEqual(b.body);
    expect((await get(`/v1/agents/${other}`, stack.tokens['100276'])).status).toBe(200);
    expect((await get(`/v1/agents?sort=agent_id`)).status).toBe(400);
  });

  it('answers the ranking as CSV', async () => {
    const r = await get('/v1/agents', undefined, { Accept: 'text/csv' });
    expect(r.type).toMatch(/^text\/csv/);
    const lines = r.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('agentId,email,conversations,assigned,closed,transfersIn,avgSecondsToAssign,medianSecondsToAssign,avgSecondsToClose,medianSecondsToClose');
    expect(lines.length).toBeGreaterThan(2);
  });
});

describe('weightedMedian', () => {
  it('is the exact median for one value set and weighs daily medians by sessions', () => {
    expect(weightedMedian([{ value: 10, weight: 3 }])).toBe(10);
    expect(weightedMedian([{ value: 10, weight: 1 }, { value: 50, weight: 5 }, { value: 20, weight: 1 }])).toBe(50);
    expect(weightedMedian([{ value: null, weight: 3 }, { value: 5, weight: 0 }])).toBeNull();
  });
});

/** Users, sends and clicks per node of a journey over [from, to], from staging. */
async function expectedNodes(journeyId: number, from: string, to: string) {
  const { rows } = await owner.query(
    `SELECT node_id, position, users::float8 AS users, coalesce(sent, 0)::float8 AS sent, coalesce(clicked, 0)::float8 AS clicked
     FROM staging.journey_nodes_daily WHERE journey_id = $1 AND day BETWEEN $2 AND $3`,
    [journeyId, from, to],
  );
  const by = new Map<string, { position: number | null; users: number; sent: number; clicked: number }>();
  for (const r of rows) {
    const t = by.get(r.node_id) ?? { position: r.position, users: 0, sent: 0, clicked: 0 };
    t.users += r.users ?? 0;
    t.sent += r.sent;
    t.clicked += r.clicked;
    by.set(r.node_id, t);
  }
  return [...by].map(([nodeId, t]) => ({ nodeId, ...t })).sort((a, b) => (a.position ?? 1e9) - (b.position ?? 1e9));
}

describe('GET /v1/journeys and /v1/journeys/:id/funnel', () => {
  it('lists the journeys with entered, completed, sends and clicks equal to staging', async () => {
    const { period } = periods({ timeZone: tz(100275), days: 30 });
    const r = await get('/v1/journeys', stack.tokens['100275']);
    expect(r.status, r.text).toBe(200);
    const listed = (await owner.query(`SELECT journey_id::float8 AS id, name FROM staging.journeys WHERE project_id = 100275 ORDER BY journey_id`)).rows;
    expect(r.body.items.map((j: any) => j.id)).toEqual(listed.map((j) => j.id));
    for (const j of r.body.items) {
      const nodes = (await expectedNodes(j.id, period.from, period.to)).filter((n) => n.position !== null);
      expect(j.entered).toBe(nodes[0]?.users ?? 0);
      expect(j.completed).toBe(nodes[nodes.length - 1]?.users ?? 0);
      expect(j.sent).toBe(nodes.reduce((s, n) => s + n.sent, 0));
      expect(j.clicked).toBe(nodes.reduce((s, n) => s + n.clicked, 0));
    }
    expect(r.body.items.some((j: any) => j.entered > 0)).toBe(true);
  });

  it('answers the node funnel in flow order with drop-off per step', async () => {
    const { period } = periods({ timeZone: tz(100275), days: 30 });
    const r = await get('/v1/journeys/10027501/funnel', stack.tokens['100275']);
    expect(r.status, r.text).toBe(200);
    const e = await expectedNodes(10027501, period.from, period.to);
    expect(r.body.nodes.map((n: any) => n.nodeId)).toEqual(e.map((n) => n.nodeId));
    r.body.nodes.forEach((n: any, i: number) => {
      const next = e[i + 1];
      expect(n.entered).toBe(e[i]!.users);
      expect(n.sent).toBe(e[i]!.sent);
      expect(n.completed).toBe(next ? next.users : e[i]!.users);
      expect(n.dropOff).toBe(n.entered - n.completed);
      expect(n.dropOffRate).toBe(n.entered ? n.dropOff / n.entered : null);
    });
    expect(r.body.entered).toBe(e[0]!.users);
    expect(r.body.completionRate).toBeCloseTo(e[e.length - 1]!.users / e[0]!.users, 12);
    const csv = await get('/v1/journeys/10027501/funnel', stack.tokens['100275'], { Accept: 'text/csv' });
    expect(csv.text.split('\r\n')[0]).toBe('position,nodeId,campaignId,campaignName,campaignType,entered,completed,dropOff,dropOffRate,sent,opened,clicked,ctr');
    expect(csv.text.trimEnd().split('\r\n')).toHaveLength(e.length + 1);
  });

  it("another project's journey and an unknown one get the same 404", async () => {
    const a = await get('/v1/journeys/10027601/funnel', stack.tokens['100275']);
    const b = await get('/v1/journeys/99999999/funnel', stack.tokens['100275']);
    expect(a.status).toBe(404);
    expect(a.body).toEqual(b.body);
    expect((await get('/v1/journeys/10027601/funnel', stack.tokens['100276'])).status).toBe(200);
  });

  it("counts a calendar month's row (history past the daily horizon, ADR 029) only when the period holds all of it, and lists it in leftOut otherwise", async () => {
    // July as the ETL keeps it past the daily horizon: one row per node spanning the month.
    await owner.query(
      `INSERT INTO marts.journey_funnel (project_id, journey_id, day, days, node_id, position, users, sent, clicked)
       VALUES (100275, 10027501, '2026-07-01', 31, 'm-start', 1, 1000, 0, 0), (100275, 10027501, '2026-07-01', 31, 'm-end', 2, 400, 400, 40)`,
    );
    try {
      const funnel = (q: string, token = stack.tokens['100275']) => get(`/v1/journeys/10027501/funnel?${q}`, token);
      const whole = await funnel('from=2026-07-01&to=2026-07-31');
      expect(whole.status, whole.text).toBe(200);
      expect([whole.body.entered, whole.body.completed, whole.body.clicked, whole.body.leftOut]).toEqual([1000, 400, 40, []]);
      expect((await funnel('from=2026-06-15&to=2026-08-15')).body.entered).toBe(1000);
      for (const q of ['from=2026-07-10&to=2026-08-05', 'from=2026-06-01&to=2026-07-30', 'from=2026-07-02&to=2026-07-02']) {
        const part = await funnel(q);
        expect([part.body.entered, part.body.sent, part.body.leftOut], q).toEqual([0, 0, [{ from: '2026-07-01', to: '2026-07-31' }]]);
      }
      const list = await get('/v1/journeys?from=2026-07-10&to=2026-08-05', stack.tokens['100275']);
      expect(list.body.leftOut).toEqual([{ from: '2026-07-01', to: '2026-07-31' }]);
      expect(list.body.items.find((j: any) => j.id === 10027501).entered).toBe(0);
      // Another project neither counts nor sees the month.
      const other = await get('/v1/journeys?from=2026-07-10&to=2026-08-05', stack.tokens['100276']);
      expect([other.status, other.body.leftOut]).toEqual([200, []]);
    } finally {
      await owner.query(`DELETE FROM marts.journey_funnel WHERE project_id = 100275 AND days > 1`);
    }
  });

  it("counts a calendar month's chat categories only in a period that holds all of it, and in no day of the series", async () => {
    await owner.query(
      `INSERT INTO marts.chat_categories (project_id, day, days, category, messages)
       VALUES (100275, '2026-07-01', 31, 'marketing', 700), (100276, '2026-07-01', 31, 'marketing', 5)`,
    );
    try {
      const chat = async (q: string) => (await get(`/v1/chat?${q}`, stack.tokens['100275'])).body;
      const whole = await chat('from=2026-07-01&to=2026-07-31');
      expect(whole.totals.byCategory.marketing).toBe(700);
      expect(whole.days.every((d: any) => d.byCategory.marketing === undefined)).toBe(true);
      expect((await chat('from=2026-07-02&to=2026-08-05')).totals.byCategory.marketing).toBeUndefined();
      const by = async (q: string) => (await get(`/v1/breakdown?by=category&${q}`, stack.tokens['100275'])).body;
      expect((await by('from=2026-06-15&to=2026-08-15')).total).toBe(700);
      expect((await by('from=2026-07-10&to=2026-08-05')).total).toBe(0);
    } finally {
      await owner.query(`DELETE FROM marts.chat_categories WHERE days > 1`);
    }
  });

  it('answers the list as CSV', async () => {
    const r = await get('/v1/journeys', stack.tokens['100275'], { Accept: 'text/csv' });
    expect(r.text.split('\r\n')[0]).toBe('id,name,status,createdDay,removedOn,entered,completed,completionRate,sent,clicked,ctr');
  });
});
