/**
 * Reconciliation of the conversation groups against the indigitall simulator, for the three demo
 * projects: the chat, agents, campaigns and journeys groups run through the pipeline runner
 * (etl/pipeline/run.ts) over HTTP with each project's own server key and console login (the journeys
 * through the runner's fan-out, one stats request per journey and day). Mart totals must equal the
 * simulator's own totals, recomputed from its generator functions for the same days and clock.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../lib/dates.js';
import { createPool, type Pool } from '../../lib/db.js';
import { testDatabase, type TestDatabase } from '../../lib/testing/database.js';
import { IndigitallClient } from '../client/indigitall.js';
import { runGroup, type GroupRunResult } from '../pipeline/run.js';
import type { GroupSpec, Window } from '../pipeline/types.js';
import { campaignList as simCampaignList, projectJourneys } from '../simulator/campaigns.js';
import { DEMO_PROJECTS, type SimProject } from '../simulator/catalog.js';
import { channelTotals, journeyStats as simJourneyStats } from '../simulator/channels.js';
import { agentConversations as simConversations, agentStatus as simStatus, chatHistory as simHistory, chatStats as simChatStats } from '../simulator/chat.js';
import { startSimulator, type RunningSimulator } from '../simulator/server.js';
import { agentsGroup } from './agents.js';
import { campaignsGroup } from './campaigns.js';
import { chatGroup } from './chat.js';
import { journeysGroup } from './journeys.js';

/** The groups of this reconciliation (docs/adr/008). */
const GROUPS: readonly GroupSpec[] = [chatGroup, agentsGroup, campaignsGroup, journeysGroup];

/** 15:00 UTC: 10:00 in Bogotá and Mexico City, 16:00 in Madrid: today is partly over everywhere. */
const NOW = new Date('2026-11-18T15:00:00Z');
const DAYS = 3;

let db: TestDatabase;
let sim: RunningSimulator;
let etl: Pool;
let owner: pg.Client;
const runs = new Map<string, GroupRunResult>();

const q = async <T extends pg.QueryResultRow = Record<string, any>>(sql: string, params: unknown[] = []) =>
  (await owner.query<T>(sql, params)).rows;

const rangeOf = (p: SimProject): Window => {
  const to = todayIn(p.timeZone, NOW);
  return { from: addDays(to, -(DAYS - 1)), to };
};
const clientOf = (p: SimProject) =>
  new IndigitallClient({ baseUrl: sim.url, credentials: { serverKey: p.serverKey, login: p.login! }, retries: 0 });

function run(p: SimProject, spec: GroupSpec) {
  return runGroup({ pool: etl, project: { projectId: p.id, timeZone: p.timeZone }, spec, range: rangeOf(p), client: () => clientOf(p) });
}

beforeAll(async () => {
  db = await testDatabase();
  sim = await startSimulator({ rateLimit: false, now: () => NOW });
  etl = createPool(db.etlUrl, { max: 4 });
  owner = new pg.Client(db.ownerUrl);
  await owner.connect();
  for (const p of DEMO_PROJECTS) {
    await etl.query(`INSERT INTO app.projects (project_id, name, time_zone, credentials_ref) VALUES ($1, $2, $3, 'demo')`, [p.id, p.name, p.timeZone]);
  }
  for (const p of DEMO_PROJECTS) {
    for (const spec of GROUPS) runs.set(`${p.id}|${spec.group}`, await run(p, spec));
  }
}, 120_000);

afterAll(async () => {
  await etl?.end();
  await owner?.end();
  await sim?.close();
  await db?.drop();
});

describe.each(DEMO_PROJECTS.map((p) => [p.name, p] as const))('%s against the simulator', (_name, p) => {
  it('every window of chat, agents, campaigns and journeys succeeded through the runner', () => {
    for (const g of ['chat', 'agents', 'campaigns', 'journeys']) {
      const r = runs.get(`${p.id}|${g}`)!;
      expect(r.windows.map((w) => [w.status, w.error, w.testFailures]), g).toEqual(r.windows.map(() => ['succeeded', null, []]));
      expect(r.status, g).toBe('succeeded');
    }
  });

  it('chat: daily totals and categories equal the simulator chat/stats totals', async () => {
    const { from, to } = rangeOf(p);
    const t = channelTotals(p, 'chat', from, to, NOW);
    const [m] = await q(
      `SELECT coalesce(sum(sent), 0)::int AS sent, coalesce(sum(delivered), 0)::int AS delivered, coalesce(sum(read), 0)::int AS read,
              coalesce(sum(total_messages), 0)::int AS "totalMessages"
       FROM marts.chat_daily WHERE project_id = $1 AND day BETWEEN $2 AND $3`,
      [p.id, from, to],
    );
    expect(m).toEqual({ sent: t.sent, delivered: t.delivered, read: t.read, totalMessages: t.totalMessages });
    const [c] = await q(
      `SELECT coalesce(sum(sent), 0)::int AS sent, coalesce(sum(delivered), 0)::int AS delivered, coalesce(sum(opened), 0)::int AS read
       FROM marts.channel_daily WHERE project_id = $1 AND channel = 'chat' AND day BETWEEN $2 AND $3`,
      [p.id, from, to],
    );
    expect(c).toEqual({ sent: t.sent, delivered: t.delivered, read: t.read });
    const cats = simChatStats(p, from, to, NOW).categories;
    const rows = await q<{ category: string; messages: number }>(
      `SELECT category, sum(messages)::int AS messages FROM marts.chat_categories WHERE project_id = $1 AND day BETWEEN $2 AND $3 GROUP BY 1`,
      [p.id, from, to],
    );
    const snake = (k: string) => k.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
    expect(Object.fromEntries(rows.map((r) => [r.category, r.messages]))).toEqual(
      p.chatEnabled ? Object.fromEntries(Object.entries(cats).map(([k, v]) => [snake(k), v])) : Object.fromEntries(Object.keys(cats).map((k) => [snake(k), 0])),
    );
    if (p.chatEnabled) expect(t.sent).toBeGreaterThan(0);
  });

  it('chat: messages by day, sendType and channel, with delivered, read and fallbacks, equal the history export', async () => {
    const { from, to } = rangeOf(p);
    const expected: Record<string, [number, number, number, number]> = {};
    for (const m of simHistory(p, from, to, NOW)) {
      const day = todayIn(p.timeZone, new Date(m.messageDate));
      const k = `${day}|${m.sendType}|${m.channel}`;
      const e = (expected[k] ??= [0, 0, 0, 0]);
      e[0]++;
      if (m.status === 'delivered' || m.status === 'read') e[1]++;
      if (m.status === 'read') e[2]++;
      if (m.isFallback) e[3]++;
    }
    const rows = await q(`SELECT day, send_type, channel, messages, delivered, read, fallbacks FROM marts.chat_messages_daily WHERE project_id = $1`, [p.id]);
    expect(Object.fromEntries(rows.map((r) => [`${r.day}|${r.send_type}|${r.channel}`, [r.messages, r.delivered, r.read, r.fallbacks]]))).toEqual(expected);
    expect(Object.keys(expected).length > 0).toBe(p.chatEnabled);
  });

  it('chat: on every day that is over, operator and bot messages of the export add up to the stats sent', async () => {
    const rows = await q(
      `SELECT d.day, d.sent, coalesce(sum(m.messages) FILTER (WHERE m.send_type IN ('operator', 'dialogflow')), 0)::int AS outbound
       FROM marts.chat_daily d LEFT JOIN marts.chat_messages_daily m ON (m.project_id, m.day) = (d.project_id, d.day)
       WHERE d.project_id = $1 AND d.day < $2 GROUP BY d.day, d.sent ORDER BY d.day`,
      [p.id, rangeOf(p).to],
    );
    expect(rows).toHaveLength(DAYS - 1);
    for (const r of rows) expect(r.outbound, r.day).toBe(r.sent);
  });

  it('agents: conversations, assignments, closes and their durations equal the conversations list; agents now equals the status', async () => {
    const { from, to } = rangeOf(p);
    const rows = simConversations(p, from, to, NOW);
    const secs = (a: string | null, b: string | null) => (a && b ? Math.round((Date.parse(b) - Date.parse(a)) / 1000) : 0);
    const withAgent = rows.filter((r) => r.agentId !== null);
    const [a] = await q(
      `SELECT coalesce(sum(conversations), 0)::int AS conversations, coalesce(sum(assigned), 0)::int AS assigned, coalesce(sum(closed), 0)::int AS closed,
              coalesce(sum(sum_seconds_to_assign), 0)::int AS to_assign, coalesce(sum(sum_seconds_to_close), 0)::int AS to_close
       FROM marts.agent_daily WHERE project_id = $1`,
      [p.id],
    );
    expect(a).toEqual({
      conversations: withAgent.length,
      assigned: withAgent.filter((r) => r.assignedAt).length,
      closed: withAgent.filter((r) => r.closedAt).length,
      to_assign: withAgent.reduce((s, r) => s + secs(r.queuedAt, r.assignedAt), 0),
      to_close: withAgent.reduce((s, r) => s + secs(r.assignedAt, r.closedAt), 0),
    });
    const [t] = await q(
      `SELECT coalesce(sum(sessions), 0)::int AS sessions, coalesce(sum(unassigned), 0)::int AS unassigned, coalesce(sum(conversations), 0)::int AS conversations
       FROM marts.agent_conversations_daily WHERE project_id = $1`,
      [p.id],
    );
    expect(t).toEqual({
      sessions: rows.length,
      unassigned: rows.filter((r) => r.assignedAt === null).length,
      conversations: new Set(rows.filter((r) => r.initialAgentSession).map((r) => r.conversationSessionId)).size,
    });
    expect(await q(`SELECT day, active_agents FROM marts.agents_now WHERE project_id = $1`, [p.id])).toEqual([
      { day: to, active_agents: simStatus(p, NOW).activeAgents },
    ]);
  });

  it('campaigns: the dimension is the campaign list', async () => {
    const list = simCampaignList(p, NOW);
    const rows = await q(`SELECT campaign_id, name, channel, status, removed_on FROM marts.campaigns WHERE project_id = $1 ORDER BY campaign_id`, [p.id]);
    expect(rows).toEqual(
      [...list].sort((x, y) => x.id - y.id).map((c) => ({ campaign_id: c.id, name: c.name, channel: c.channel, status: c.status, removed_on: null })),
    );
  });

  it('journeys: the funnel totals per journey and node equal the journey stats of the window', async () => {
    const { from, to } = rangeOf(p);
    const expected: Record<string, number> = {};
    for (const j of projectJourneys(p)) {
      const s = simJourneyStats(p, j, from, to, NOW);
      for (const f of s.userFlow) if (f.users > 0) expected[`${j.id}|${f.nodeId}|users`] = f.users;
      for (const n of s.nodes) for (const k of ['sent', 'clicked', 'opened'] as const) if ((n[k] ?? 0) > 0) expected[`${j.id}|${n.nodeId}|${k}`] = n[k]!;
    }
    const got: Record<string, number> = {};
    for (const r of await q(
      `SELECT journey_id, node_id, sum(users)::int AS users, sum(sent)::int AS sent, sum(clicked)::int AS clicked, sum(opened)::int AS opened
       FROM marts.journey_funnel WHERE project_id = $1 AND day BETWEEN $2 AND $3 GROUP BY 1, 2`,
      [p.id, from, to],
    )) {
      for (const k of ['users', 'sent', 'clicked', 'opened'] as const) if ((r[k] ?? 0) > 0) got[`${r.journey_id}|${r.node_id}|${k}`] = r[k];
    }
    expect(got).toEqual(expected);
    expect(Object.keys(expected).length).toBeGreaterThan(0);
  });
});

describe('a rerun with no upstream change', () => {
  it('adds no raw row and changes no row', async () => {
    const [before] = await q(`SELECT count(*)::int AS n FROM raw.api_responses`);
    for (const p of DEMO_PROJECTS) {
      for (const spec of GROUPS) {
        const r = await run(p, spec);
        expect(r.windows.map((w) => [w.status, w.rawInserted, w.rowsChanged]), `${p.id} ${spec.group}`).toEqual(r.windows.map(() => ['succeeded', 0, 0]));
      }
    }
    expect(await q(`SELECT count(*)::int AS n FROM raw.api_responses`)).toEqual([before]);
  }, 120_000);
});
