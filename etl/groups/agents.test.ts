/**
 * The agents group's models on a real database (see etl/groups/conversation-testkit.ts): agent sessions
 * of GET /v1/chat/agent/conversations and the GET /v1/chat/agent/status snapshot, landed as ig_etl,
 * then staging → marts → data tests in one transaction. Times to assign and to close are worked out
 * by hand below from the payloads; a simulator day is checked against sums taken from its generator.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '../../lib/db.js';
import { testDatabase, type TestDatabase } from '../../lib/testing/database.js';
import type { Window } from '../pipeline/types.js';
import { DEMO_PROJECTS } from '../simulator/catalog.js';
import { agentConversations as simConversations, agentStatus as simStatus } from '../simulator/chat.js';
import { agentConversations, agentConversationsSchema, agentsGroup, agentStatus } from './agents.js';
import { dataTestRows, inRolledBackTransaction, refresh, type Payload } from './conversation-testkit.js';

const BOGOTA = 9001; // America/Bogota, UTC−5 all year
const W: Window = { from: '2026-03-02', to: '2026-03-03' };

let db: TestDatabase;
let etl: Pool;
let owner: pg.Client;

const q = async <T extends pg.QueryResultRow = Record<string, any>>(sql: string, params: unknown[] = []) =>
  (await owner.query<T>(sql, params)).rows;

const at = (iso: string, plusSeconds = 0) => new Date(Date.parse(iso) + plusSeconds * 1000).toISOString();

interface Session {
  agentSessionId: string;
  conversationSessionId: string;
  contactId: string;
  agentId: number | null;
  email: string | null;
  channel: string;
  queuedAt: string;
  assignedAt: string | null;
  closedAt: string | null;
  initialAgentSession: boolean;
}

function session(id: string, conv: string, agent: [number, string] | null, channel: string, queued: string, toAssign: number | null, toClose: number | null, initial = true): Session {
  const assignedAt = toAssign === null ? null : at(queued, toAssign);
  return {
    agentSessionId: id,
    conversationSessionId: conv,
    contactId: `ct-${conv}`,
    agentId: agent?.[0] ?? null,
    email: agent?.[1] ?? null,
    channel,
    queuedAt: queued,
    assignedAt,
    closedAt: toClose === null ? null : at(assignedAt ?? queued, toClose),
    initialAgentSession: initial,
  };
}

const ANA: [number, string] = [101, 'Ana.Garcia@banco.example'];
const LUIS: [number, string] = [102, 'luis.lopez@banco.example'];

const SESSIONS: Session[] = [
  session('s1', 'c1', ANA, 'whatsapp', '2026-03-02T14:00:00.000Z', 60, 600),
  session('s2', 'c2', ANA, 'webapp', '2026-03-02T15:00:00.000Z', 180, null), // still open
  // 02:00 UTC on the 3rd is 21:00 on the 2nd in Bogotá. A transfer: the second session of c1.
  session('s3', 'c1', LUIS, 'WhatsApp', '2026-03-03T02:00:00.000Z', 30, 300, false),
  session('s4', 'c4', null, 'whatsapp', '2026-03-02T16:00:00.000Z', null, 1800), // abandoned in the queue
  session('s6', 'c6', ANA, 'whatsapp', '2026-03-02T17:00:00.000Z', 900, 100),
  session('s5', 'c5', ANA, 'whatsapp', '2026-03-03T15:00:00.000Z', 120, 1200),
];

const conversations = (rows: Session[]) => ({ statusCode: 200, message: 'OK', count: rows.length, data: rows });
const status = (n: number) => ({ statusCode: 200, message: 'OK', data: { activeAgents: n } });

const payloads = (rows: Session[], active: number): Payload[] => [
  { endpoint: agentConversations, payload: conversations(rows) },
  { endpoint: agentStatus, payload: status(active) },
];
const load = (ps: Payload[], projectId = BOGOTA, window = W) => refresh(etl, agentsGroup, projectId, window, ps);

const agentDaily = () =>
  q(`SELECT day, agent_id, email, conversations, assigned, closed, transfers_in, sum_seconds_to_assign, avg_seconds_to_assign,
            median_seconds_to_assign, sum_seconds_to_close, avg_seconds_to_close, median_seconds_to_close
     FROM marts.agent_daily WHERE project_id = $1 ORDER BY day, agent_id`, [BOGOTA]);
const teamDaily = () =>
  q(`SELECT day, channel, conversations, sessions, assigned, closed, unassigned, sum_seconds_to_assign, avg_seconds_to_assign,
            median_seconds_to_assign, sum_seconds_to_close, avg_seconds_to_close, median_seconds_to_close
     FROM marts.agent_conversations_daily WHERE project_id = $1 ORDER BY day, channel`, [BOGOTA]);

async function xmins() {
  const out: Record<string, string[]> = {};
  for (const t of ['staging.chat_agent_sessions', 'staging.chat_agent_status', 'marts.agent_daily', 'marts.agent_conversations_daily', 'marts.agents_now']) {
    out[t] = (await q<{ k: string }>(`SELECT t::text || ':' || xmin::text AS k FROM ${t} t ORDER BY 1`)).map((r) => r.k);
  }
  return out;
}

beforeAll(async () => {
  db = await testDatabase();
  etl = createPool(db.etlUrl, { max: 2 });
  owner = new pg.Client(db.ownerUrl);
  await owner.connect();
  await etl.query(`INSERT INTO app.projects (project_id, name, time_zone, credentials_ref) VALUES (${BOGOTA}, 'Banco', 'America/Bogota', 'demo')`);
  for (const p of DEMO_PROJECTS) {
    await etl.query(`INSERT INTO app.projects (project_id, name, time_zone, credentials_ref) VALUES ($1, $2, $3, 'demo')`, [p.id, p.name, p.timeZone]);
  }
});

afterAll(async () => {
  await etl?.end();
  await owner?.end();
  await db?.drop();
});

describe('agents group models', () => {
  it('per agent and local day of queueing: conversations, assigned, closed, transfers, times to assign and to close', async () => {
    const r = await load(payloads(SESSIONS, 3));
    expect(r.failures).toEqual([]);
    expect(r).toMatchObject({ committed: true, rawInserted: 2 });
    // Ana on the 2nd: s1, s2, s6. To assign 60, 180, 900 s → sum 1140, mean 380, median 180.
    // Closed after assignment: s1 (600 s), s6 (100 s) → sum 700, mean 350, median 350. s2 is open.
    // Luis on the 2nd (Bogotá time): s3, a transfer, 30 s to assign, 300 s to close.
    expect(await agentDaily()).toEqual([
      { day: '2026-03-02', agent_id: '101', email: 'ana.garcia@banco.example', conversations: 3, assigned: 3, closed: 2, transfers_in: 0,
        sum_seconds_to_assign: 1140, avg_seconds_to_assign: 380, median_seconds_to_assign: 180,
        sum_seconds_to_close: 700, avg_seconds_to_close: 350, median_seconds_to_close: 350 },
      { day: '2026-03-02', agent_id: '102', email: 'luis.lopez@banco.example', conversations: 1, assigned: 1, closed: 1, transfers_in: 1,
        sum_seconds_to_assign: 30, avg_seconds_to_assign: 30, median_seconds_to_assign: 30,
        sum_seconds_to_close: 300, avg_seconds_to_close: 300, median_seconds_to_close: 300 },
      { day: '2026-03-03', agent_id: '101', email: 'ana.garcia@banco.example', conversations: 1, assigned: 1, closed: 1, transfers_in: 0,
        sum_seconds_to_assign: 120, avg_seconds_to_assign: 120, median_seconds_to_assign: 120,
        sum_seconds_to_close: 1200, avg_seconds_to_close: 1200, median_seconds_to_close: 1200 },
    ]);
    // The team on the 2nd, WhatsApp: s1, s3, s4, s6 (s4 never assigned, closed by the queue timeout).
    // Conversations: c1, c4, c6 (s3 is c1's second session). To assign 60, 30, 900 → mean 330, median 60;
    // to close 600, 300, 100 → sum 1000, mean 333.3, median 300.
    expect(await teamDaily()).toEqual([
      { day: '2026-03-02', channel: 'webapp', conversations: 1, sessions: 1, assigned: 1, closed: 0, unassigned: 0,
        sum_seconds_to_assign: 180, avg_seconds_to_assign: 180, median_seconds_to_assign: 180,
        sum_seconds_to_close: 0, avg_seconds_to_close: null, median_seconds_to_close: null },
      { day: '2026-03-02', channel: 'whatsapp', conversations: 3, sessions: 4, assigned: 3, closed: 4, unassigned: 1,
        sum_seconds_to_assign: 990, avg_seconds_to_assign: 330, median_seconds_to_assign: 60,
        sum_seconds_to_close: 1000, avg_seconds_to_close: 333.3, median_seconds_to_close: 300 },
      { day: '2026-03-03', channel: 'whatsapp', conversations: 1, sessions: 1, assigned: 1, closed: 1, unassigned: 0,
        sum_seconds_to_assign: 120, avg_seconds_to_assign: 120, median_seconds_to_assign: 120,
        sum_seconds_to_close: 1200, avg_seconds_to_close: 1200, median_seconds_to_close: 1200 },
    ]);
    expect(await q(`SELECT day, active_agents FROM marts.agents_now WHERE project_id = $1`, [BOGOTA])).toEqual([{ day: '2026-03-03', active_agents: 3 }]);
    expect(await q(`SELECT queued_at, day, channel, seconds_to_assign, seconds_to_close FROM staging.chat_agent_sessions WHERE agent_session_id = 's3'`)).toEqual([
      { queued_at: new Date('2026-03-03T02:00:00Z'), day: '2026-03-02', channel: 'whatsapp', seconds_to_assign: 30, seconds_to_close: 300 },
    ]);
  });

  it('replaying the same payloads adds no raw row and rewrites no row', async () => {
    const before = await xmins();
    const r = await load(payloads(SESSIONS, 3));
    expect(r).toMatchObject({ committed: true, rawInserted: 0, stagingChanged: 0, martsChanged: 0 });
    expect(await xmins()).toEqual(before);
  });

  it('a revised list (a session closed since, one gone) and a new snapshot change exactly those rows', async () => {
    const before = await xmins();
    const revised = SESSIONS.filter((s) => s.agentSessionId !== 's4').map((s) => (s.agentSessionId === 's2' ? { ...s, closedAt: at(s.assignedAt!, 400) } : s));
    const r = await load(payloads(revised, 5));
    expect(r.failures).toEqual([]);
    const agents = await agentDaily();
    // Ana on the 2nd now closed s1 (600), s6 (100), s2 (400): sum 1100, mean 366.7, median 400.
    expect(agents[0]).toMatchObject({ agent_id: '101', day: '2026-03-02', closed: 3, sum_seconds_to_close: 1100, avg_seconds_to_close: 366.7, median_seconds_to_close: 400 });
    const team = await teamDaily();
    expect(team[0]).toMatchObject({ channel: 'webapp', closed: 1, sum_seconds_to_close: 400 });
    expect(team[1]).toMatchObject({ channel: 'whatsapp', conversations: 2, sessions: 3, unassigned: 0, closed: 3 });
    expect(await q(`SELECT active_agents FROM marts.agents_now WHERE project_id = $1`, [BOGOTA])).toEqual([{ active_agents: 5 }]);
    const after = await xmins();
    // Untouched: Luis's row, the 3rd everywhere.
    for (const t of ['marts.agent_daily', 'marts.agent_conversations_daily']) {
      const keep = (rows: string[]) => rows.filter((k) => k.includes('2026-03-03') || k.includes(',102,'));
      expect(keep(after[t]!), t).toEqual(keep(before[t]!));
    }
  });

  it('a failing data test rolls the window back: an agent session without an agent email', async () => {
    const before = await xmins();
    const noEmail = SESSIONS.map((s) => (s.agentSessionId === 's5' ? { ...s, email: null } : s));
    const r = await load(payloads(noEmail, 5));
    expect(r.committed).toBe(false);
    expect(r.failures.map((f) => f.test)).toEqual(['agent_daily__not_null']);
    expect(await xmins()).toEqual(before);
  });

  it('a simulator day: the marts equal sums taken from the generator rows (Banco Andino)', async () => {
    const banco = DEMO_PROJECTS.find((p) => p.id === 100274)!;
    const day = '2026-02-10'; // a Tuesday, long over at NOW
    const now = new Date('2026-03-01T12:00:00Z');
    const rows = simConversations(banco, day, day, now);
    expect(rows.length).toBeGreaterThan(20);
    const r = await refresh(etl, agentsGroup, banco.id, { from: day, to: day }, [
      { endpoint: agentConversations, payload: conversations(rows as Session[]) },
      { endpoint: agentStatus, payload: { statusCode: 200, message: 'OK', data: simStatus(banco, now) } },
    ]);
    expect(r.failures).toEqual([]);
    const secs = (a: string | null, b: string | null) => (a && b ? Math.round((Date.parse(b) - Date.parse(a)) / 1000) : null);
    const withAgent = rows.filter((x) => x.agentId !== null);
    const sum = (xs: (number | null)[]) => xs.reduce<number>((s, x) => s + (x ?? 0), 0);
    const [agents] = await q(
      `SELECT sum(conversations)::int AS conversations, sum(assigned)::int AS assigned, sum(closed)::int AS closed,
              sum(sum_seconds_to_assign)::int AS to_assign, sum(sum_seconds_to_close)::int AS to_close, count(DISTINCT agent_id)::int AS agents
       FROM marts.agent_daily WHERE project_id = $1 AND day = $2`,
      [banco.id, day],
    );
    expect(agents).toEqual({
      conversations: withAgent.length,
      assigned: withAgent.filter((x) => x.assignedAt).length,
      closed: withAgent.filter((x) => x.closedAt).length,
      to_assign: sum(withAgent.map((x) => secs(x.queuedAt, x.assignedAt))),
      to_close: sum(withAgent.map((x) => secs(x.assignedAt, x.closedAt))),
      agents: new Set(withAgent.map((x) => x.agentId)).size,
    });
    const [team] = await q(
      `SELECT sum(sessions)::int AS sessions, sum(conversations)::int AS conversations, sum(unassigned)::int AS unassigned
       FROM marts.agent_conversations_daily WHERE project_id = $1 AND day = $2`,
      [banco.id, day],
    );
    expect(team).toEqual({
      sessions: rows.length,
      conversations: new Set(rows.filter((x) => x.initialAgentSession).map((x) => x.conversationSessionId)).size,
      unassigned: rows.filter((x) => x.assignedAt === null).length,
    });
  });
});

describe('agents data tests', () => {
  it('pass on the loaded data', async () => {
    for (const t of agentsGroup.dataTests) expect(await dataTestRows(owner, t, BOGOTA, W), t).toEqual([]);
  });

  const plants: Record<string, string> = {
    agent_daily__not_null: `UPDATE marts.agent_daily SET median_seconds_to_assign = NULL WHERE project_id = ${BOGOTA} AND agent_id = '102'`,
    agent_daily__unique_grain: `ALTER TABLE marts.agent_daily DROP CONSTRAINT agent_daily_pkey;
      INSERT INTO marts.agent_daily SELECT * FROM marts.agent_daily WHERE project_id = ${BOGOTA} AND agent_id = '102'`,
    agent_daily__project_exists: `DELETE FROM app.projects WHERE project_id = ${BOGOTA}`,
    agent_daily__has_conversations: `UPDATE staging.chat_agent_sessions SET agent_id = '103' WHERE project_id = ${BOGOTA} AND agent_id = '102';
      UPDATE marts.agent_daily SET conversations = 0 WHERE project_id = ${BOGOTA} AND agent_id = '101' AND day = '2026-03-03'`,
    agent_daily__reconciles_staging: `UPDATE marts.agent_daily SET sum_seconds_to_close = sum_seconds_to_close + 1 WHERE project_id = ${BOGOTA} AND agent_id = '102'`,
    agent_conversations_daily__not_null: `UPDATE marts.agent_conversations_daily SET avg_seconds_to_close = NULL WHERE project_id = ${BOGOTA} AND day = '2026-03-03'`,
    agent_conversations_daily__unique_grain: `ALTER TABLE marts.agent_conversations_daily DROP CONSTRAINT agent_conversations_daily_pkey;
      INSERT INTO marts.agent_conversations_daily SELECT * FROM marts.agent_conversations_daily WHERE project_id = ${BOGOTA} AND day = '2026-03-03'`,
    agent_conversations_daily__accepted_values: `UPDATE marts.agent_conversations_daily SET channel = 'sms' WHERE project_id = ${BOGOTA} AND day = '2026-03-03'`,
    agent_conversations_daily__project_exists: `DELETE FROM app.projects WHERE project_id = ${BOGOTA}`,
    agent_conversations_daily__reconciles_staging: `DELETE FROM staging.chat_agent_sessions WHERE project_id = ${BOGOTA} AND agent_session_id = 's5'`,
    agents_now__not_null: `UPDATE marts.agents_now SET active_agents = -1 WHERE project_id = ${BOGOTA}`,
    agents_now__project_exists: `DELETE FROM app.projects WHERE project_id = ${BOGOTA}`,
    agents_now__reconciles_staging: `UPDATE staging.chat_agent_status SET active_agents = active_agents + 1 WHERE project_id = ${BOGOTA}`,
  };

  it('every data test of the group has a planted violation below', () => {
    expect(Object.keys(plants).sort()).toEqual(agentsGroup.dataTests.map((t) => t.replace(/\.sql$/, '')).sort());
  });

  it.each(Object.entries(plants))('%s catches its planted violation', async (test, plant) => {
    const rows = await inRolledBackTransaction(owner, async () => {
      await owner.query(plant);
      return dataTestRows(owner, `${test}.sql`, BOGOTA, W);
    });
    expect(rows.length).toBeGreaterThan(0);
  });
});

describe('agents payload schemas', () => {
  const parse = (rows: Session[], count = rows.length) => agentConversationsSchema.safeParse({ statusCode: 200, message: 'OK', count, data: rows });
  const text = (r: ReturnType<typeof parse>) => r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') ?? '';

  it.each([
    ['assignment before queueing', [{ ...SESSIONS[0]!, assignedAt: at(SESSIONS[0]!.queuedAt, -5) }], /assignedAt is before queuedAt/],
    ['closing before assignment', [{ ...SESSIONS[0]!, closedAt: at(SESSIONS[0]!.queuedAt, 1) }], /closedAt is before/],
    ['an assigned session without agent', [{ ...SESSIONS[0]!, agentId: null }], /names no agent/],
    ['an unknown channel', [{ ...SESSIONS[0]!, channel: 'telegram' }], /not a chat channel/],
    ['a bad timestamp', [{ ...SESSIONS[0]!, queuedAt: 'yesterday' }], /queuedAt: not an ISO 8601/],
    ['a repeated session', [SESSIONS[0]!, SESSIONS[0]!], /duplicate agentSessionId s1/],
  ])('rejects %s', (_name, rows, reason) => {
    const r = parse(rows as Session[]);
    expect(r.success).toBe(false);
    expect(text(r)).toMatch(reason);
  });

  it('rejects a count that does not match the rows (a page went missing)', () => {
    expect(text(parse(SESSIONS, SESSIONS.length + 1))).toMatch(/count does not match/);
  });

  it('quarantines an empty conversation list over days already loaded', async () => {
    const query = async <R,>(sql: string, params?: unknown[]) => (await etl.query(sql, params)).rows as R[];
    const empty = { statusCode: 200, message: 'OK', count: 0, data: [] };
    expect(await agentConversations.check!(empty, { projectId: BOGOTA, window: W, query })).toMatch(/^empty conversation list/);
    expect(await agentConversations.check!(empty, { projectId: BOGOTA, window: { from: '2026-04-01', to: '2026-04-02' }, query })).toBeUndefined();
  });

  it('asks the conversations by window and JWT, the status without dates', () => {
    expect(agentConversations).toMatchObject({ auth: 'jwt', paging: { kind: 'v1' }, maxWindowDays: 90 });
    expect(agentStatus).toMatchObject({ auth: 'jwt', paging: { kind: 'none' }, maxWindowDays: null });
    expect(agentStatus.query(BOGOTA, W)).toEqual({ applicationId: BOGOTA });
  });
});
