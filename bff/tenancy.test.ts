/**
 * Tenant isolation, written as data. Every endpoint × caller (a viewer of each demo project, a partner
 * token covering two of them) × the project the request names × (for resources) the project that owns
 * the id → the expected status; every 200 is checked to carry no other project's ids or names.
 * A new GET route without a row here fails the suite.
 *
 * Then isolation in the database alone: every handler runs once in the RLS scope of a project and
 * once on a superuser connection (no RLS, same settings). The services have no project filter of
 * their own, so the second run sees every project (the handlers would leak without the policies),
 * while the first returns nothing foreign.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '../lib/db.js';
import { testDatabase, type TestDatabase } from '../lib/testing/database.js';
import { startStack, type Stack } from '../lib/testing/stack.js';
import { DEMO_PROJECTS } from '../etl/simulator/catalog.js';
import { signToken } from './auth/jwt.js';
import type { AuthContext } from './auth/claims.js';
import { withScope, type ScopedDb } from './db/scope.js';
import type { RouteSpec } from './routes/define.js';
import { ROUTES } from './routes/index.js';
import { parseInput } from './routes/params.js';

type Resource = 'campaign' | 'agent' | 'journey' | 'analysis' | 'subscription' | 'alert';

/** GET endpoints: the path (with `{id}` for a resource) and whether its answer without RLS would mix projects. */
const ENDPOINTS: { op: string; path: string; resource?: Resource; perUser?: boolean }[] = [
  { op: 'getMeta', path: '/v1/meta' },
  { op: 'getKpis', path: '/v1/kpis?channel=all' },
  { op: 'getTimeseries', path: '/v1/timeseries?channel=push&metric=sent&split=platform' },
  { op: 'getBreakdown', path: '/v1/breakdown?by=channel&metric=sent' },
  { op: 'getHeatmap', path: '/v1/heatmap' },
  { op: 'getDevices', path: '/v1/devices' },
  { op: 'getWallet', path: '/v1/wallet' },
  { op: 'getChat', path: '/v1/chat' },
  { op: 'explainChange', path: '/v1/explain?channel=push&metric=sent' },
  { op: 'getInsights', path: '/v1/insights' },
  { op: 'listCampaigns', path: '/v1/campaigns?include=all&limit=100' },
  { op: 'getCampaign', path: '/v1/campaigns/{id}', resource: 'campaign' },
  { op: 'listAgents', path: '/v1/agents' },
  { op: 'getAgent', path: '/v1/agents/{id}', resource: 'agent' },
  { op: 'listJourneys', path: '/v1/journeys' },
  { op: 'getJourneyFunnel', path: '/v1/journeys/{id}/funnel', resource: 'journey' },
  { op: 'listAnalysisFolders', path: '/v1/analyses/folders' },
  { op: 'listAnalyses', path: '/v1/analyses' },
  { op: 'getAnalysis', path: '/v1/analyses/{id}', resource: 'analysis' },
  // Per-user resources (docs/adr/025): each project's viewer owns one; the partner is another user.
  { op: 'listSubscriptions', path: '/v1/subscriptions?scope=all' },
  { op: 'getSubscription', path: '/v1/subscriptions/{id}', resource: 'subscription', perUser: true },
  { op: 'listSubscriptionDeliveries', path: '/v1/subscriptions/{id}/deliveries', resource: 'subscription', perUser: true },
  { op: 'listAlertRules', path: '/v1/alerts?scope=all' },
  { op: 'getAlertRule', path: '/v1/alerts/{id}', resource: 'alert', perUser: true },
  { op: 'listAlertFirings', path: '/v1/alerts/{id}/firings', resource: 'alert', perUser: true },
];

const PROJECTS = DEMO_PROJECTS.map((p) => String(p.id));
const PARTNER_SET = [PROJECTS[0]!, PROJECTS[2]!];

let db: TestDatabase;
let stack: Stack;
let owner: pg.Client;
let apiPool: Pool;
const tokens: Record<string, string> = {};
const editors: Record<string, string> = {};
/** project → resource kind → an id owned by that project (absent when the project has none). */
const resources: Record<string, Partial<Record<Resource, string>>> = {};
/** project → every id and name that belongs to it. */
const fingerprints: Record<string, Set<string>> = {};

async function get(path: string, token: string): Promise<{ status: number; body: any }> {
  const res = await fetch(stack.api + path, { headers: { Authorization: `Bearer ${token}` } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  db = await testDatabase();
  stack = await startStack({ databaseUrl: db.ownerUrl, groups: 'all', syncDays: 20 });
  owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  apiPool = createPool(db.apiUrl, { max: 2 });
  tokens.partner = await signToken(stack.config, { sub: 'partner-7', project_ids: PARTNER_SET, role: 'viewer' });
  for (const p of PROJECTS) {
    tokens[p] = stack.tokens[p]!;
    editors[p] = await signToken(stack.config, { sub: `editor-${p}`, project_id: p, role: 'editor' });
    const one = async (sql: string) => (await owner.query<{ id: string }>(sql, [p])).rows[0]?.id;
    const analysis = await fetch(`${stack.api}/v1/analyses`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${editors[p]}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: `Tablero ${p}`, kind: 'widget', shared: true, spec: { element: 'ig-channel-kpis', attributes: { channel: 'push' } } }),
    });
    expect(analysis.status).toBe(201);
    resources[p] = {
      campaign: await one('SELECT campaign_id::text AS id FROM marts.campaign_totals WHERE project_id = $1 ORDER BY campaign_id LIMIT 1'),
      agent: await one('SELECT agent_id AS id FROM marts.agent_daily WHERE project_id = $1 ORDER BY agent_id LIMIT 1'),
      journey: await one('SELECT journey_id::text AS id FROM marts.journeys WHERE project_id = $1 ORDER BY journey_id LIMIT 1'),
      analysis: ((await analysis.json()) as { id: string }).id,
      subscription: await one(`INSERT INTO app.subscriptions (project_id, owner_id, name, source_kind, channel, frequency, hour, locale, delivery, email, not_before)
        VALUES ($1::bigint, 'user-' || $1::text, 'Resumen ' || $1::text, 'summary', 'push', 'weekly', 8, 'es', 'email', 'user-' || $1::text || '@example.com', now()) RETURNING subscription_id::text AS id`),
      alert: await one(`INSERT INTO app.alert_rules (project_id, owner_id, name, channel, metric, kind, direction, sigma, weeks, locale, delivery, email)
        VALUES ($1::bigint, 'user-' || $1::text, 'Alerta ' || $1::text, 'push', 'ctr', 'anomaly', 'below', 3, 8, 'es', 'email', 'user-' || $1::text || '@example.com') RETURNING rule_id::text AS id`),
    };
    const ids = await owner.query<{ v: string }>(
      `SELECT project_id::text AS v FROM app.projects WHERE project_id = $1
       UNION SELECT name FROM app.projects WHERE project_id = $1
       UNION SELECT campaign_id::text FROM marts.campaign_totals WHERE project_id = $1
       UNION SELECT journey_id::text FROM marts.journeys WHERE project_id = $1
       UNION SELECT agent_id FROM marts.agent_daily WHERE project_id = $1
       UNION SELECT email FROM marts.agent_daily WHERE project_id = $1 AND email IS NOT NULL
       UNION SELECT analysis_id::text FROM app.analyses WHERE project_id = $1
       UNION SELECT subscription_id::text FROM app.subscriptions WHERE project_id = $1
       UNION SELECT rule_id::text FROM app.alert_rules WHERE project_id = $1
       UNION SELECT name FROM app.subscriptions WHERE project_id = $1
       UNION SELECT name FROM app.alert_rules WHERE project_id = $1`,
      [p],
    );
    fingerprints[p] = new Set(ids.rows.map((r) => r.v));
  }
}, 300_000);

afterAll(async () => {
  await apiPool?.end();
  await owner?.end();
  await stack?.stop();
  await db?.drop();
});

/** Every id-like value and string of an answer that belongs to a project other than `own`. */
function foreign(body: unknown, own: string): string[] {
  const others = PROJECTS.filter((p) => p !== own);
  const found: string[] = [];
  const visit = (v: unknown, key?: string) => {
    if (Array.isArray(v)) v.forEach((x) => visit(x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, k);
    else if (typeof v === 'string' || (typeof v === 'number' && key && /(^id$|Id$)/.test(key))) {
      const s = String(v);
      for (const p of others) if (fingerprints[p]!.has(s) && !fingerprints[own]!.has(s)) found.push(`${key}=${s} (${p})`);
    }
  };
  visit(body);
  return found;
}

interface Case {
  op: string;
  caller: string;
  named: string | undefined;
  owner: string | undefined;
  path: string;
  token: string;
  expected: { status: number; code?: string; project?: string };
}

/** The rule the matrix encodes: which project a request acts on, or how it is refused. */
function expectation(caller: string, named: string | undefined, resourceOwner: string | undefined): Case['expected'] {
  const allowed = caller === 'partner' ? PARTNER_SET : [caller];
  let project: string;
  if (named === undefined) {
    if (caller === 'partner') return { status: 400, code: 'invalid_parameter' };
    project = caller;
  } else if (!allowed.includes(named)) {
    return { status: 403, code: 'forbidden_project' };
  } else {
    project = named;
  }
  if (resourceOwner !== undefined && resourceOwner !== project) return { status: 404, code: 'not_found' };
  return { status: 200, project };
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const e of ENDPOINTS) {
    for (const caller of [...PROJECTS, 'partner']) {
      if (e.perUser && caller === 'partner') continue; // not the owner: a 404 by rule (bff/reports.test.ts)
      for (const named of [undefined, ...PROJECTS]) {
        for (const resourceOwner of e.resource ? PROJECTS : [undefined]) {
          const id = resourceOwner === undefined ? undefined : resources[resourceOwner]?.[e.resource!];
          if (e.resource && id === undefined) continue; // that project has no such resource (100275 has no agents)
          let path = id ? e.path.replace('{id}', encodeURIComponent(id)) : e.path;
          if (named) path += `${path.includes('?') ? '&' : '?'}project=${named}`;
          out.push({ op: e.op, caller, named, owner: resourceOwner, path, token: '', expected: expectation(caller, named, resourceOwner) });
        }
      }
    }
  }
  return out;
}

describe('cross-tenant matrix over every endpoint', () => {
  it('covers every GET route, and every resource kind exists for at least two projects', () => {
    const gets = ROUTES.filter((r) => r.method === 'get').map((r) => r.operationId);
    expect(ENDPOINTS.map((e) => e.op).sort()).toEqual([...gets].sort());
    for (const kind of ['campaign', 'agent', 'journey', 'analysis'] as const) {
      expect(PROJECTS.filter((p) => resources[p]![kind] !== undefined).length, kind).toBeGreaterThanOrEqual(2);
    }
    // The fingerprints tell projects apart: no id or name is shared between two of them.
    for (const a of PROJECTS) for (const b of PROJECTS) if (a < b) expect([...fingerprints[a]!].filter((x) => fingerprints[b]!.has(x))).toEqual([]);
  });

  it('every endpoint × caller × named project × resource owner answers as the rule says, and no 200 carries foreign data', async () => {
    const all = cases();
    expect(all.length).toBeGreaterThan(350);
    const failures: string[] = [];
    for (const c of all) {
      const r = await get(c.path, tokens[c.caller]!);
      const label = `${c.caller} ${c.path}`;
      if (r.status !== c.expected.status) {
        failures.push(`${label}: ${r.status} (${r.body?.code}), expected ${c.expected.status}`);
        continue;
      }
      if (c.expected.code && r.body?.code !== c.expected.code) failures.push(`${label}: code ${r.body?.code}, expected ${c.expected.code}`);
      if (r.status === 200) {
        if (typeof r.body?.projectId === 'string' && r.body.projectId !== c.expected.project) failures.push(`${label}: projectId ${r.body.projectId}`);
        const leaked = foreign(r.body, c.expected.project!);
        if (leaked.length) failures.push(`${label}: foreign values ${leaked.slice(0, 3).join(', ')}`);
      } else {
        expect(Object.keys(r.body ?? {}).sort()).toEqual(expect.arrayContaining(['code', 'detail', 'status', 'title', 'type']));
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('writes: another project’s analysis is 404 to an editor, a partner cannot write into a project outside its set', async () => {
    for (const p of PROJECTS) {
      for (const x of PROJECTS.filter((q) => q !== p)) {
        const id = resources[x]!.analysis!;
        const patch = await fetch(`${stack.api}/v1/analyses/${id}`, {
          method: 'PATCH',
          headers: { Authorization: `Bearer ${editors[p]}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ version: 1, name: 'tomado' }),
        });
        expect(patch.status, `${p} → ${x}`).toBe(404);
        const del = await fetch(`${stack.api}/v1/analyses/${id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${editors[p]}` } });
        expect(del.status).toBe(404);
      }
    }
    const partnerEditor = await signToken(stack.config, { sub: 'partner-ed', project_ids: PARTNER_SET, role: 'editor' });
    const outside = await fetch(`${stack.api}/v1/analyses?project=${PROJECTS[1]}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${partnerEditor}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'x', kind: 'widget', spec: { element: 'ig-channel-kpis', attributes: {} } }),
    });
    expect(outside.status).toBe(403);
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM app.analyses WHERE project_id = $1 AND name = 'x'`, [PROJECTS[1]]);
    expect(rows[0].n).toBe(0);
  });
});

describe('isolation in the database alone', () => {
  const spec = (op: string) => ROUTES.find((r) => r.operationId === op)!;
  /** Per-user resources are read by their owner (each project's viewer), the rest by an editor. */
  const userOf = (op: string, project: string) => (ENDPOINTS.find((e) => e.op === op)!.perUser ? `user-${project}` : `editor-${project}`);

  async function runHandler(route: RouteSpec, db: ScopedDb, project: string, path: string) {
    const url = new URL(path, 'http://x');
    const id = resources[project]![ENDPOINTS.find((e) => e.op === route.operationId)!.resource ?? 'campaign'];
    const auth: AuthContext = { userId: userOf(route.operationId, project), projectId: project, role: 'editor', locale: undefined };
    return route.handler({
      db,
      auth,
      query: route.query ? parseInput(route.query, Object.fromEntries(url.searchParams)) : undefined,
      params: route.params ? parseInput(route.params, { id }, 'path') : undefined,
      body: undefined,
    } as never);
  }

  it('each handler under RLS returns only its project; the same handler without RLS sees the others', async () => {
    const superuser = new pg.Client({ connectionString: db.ownerUrl });
    await superuser.connect();
    const leaksWithoutRls: string[] = [];
    try {
      for (const e of ENDPOINTS) {
        for (const p of PROJECTS) {
          if (e.resource && resources[p]![e.resource] === undefined) continue;
          const path = e.path.replace('{id}', 'unused');
          const scoped = await withScope(apiPool, { projectId: p, userId: userOf(e.op, p) }, { statementTimeoutMs: 10_000 }, (c) => runHandler(spec(e.op), c, p, path));
          expect(foreign(scoped, p), `${e.op} as ${p}`).toEqual([]);
          if ((scoped as { projectId?: string }).projectId !== undefined) expect((scoped as { projectId: string }).projectId).toBe(p);

          // The same queries, same settings, on a connection that RLS does not apply to.
          await superuser.query('BEGIN READ ONLY');
          try {
            await superuser.query(`SELECT set_config('app.project_id', $1, true), set_config('app.user_id', $2, true)`, [p, userOf(e.op, p)]);
            const open = await runHandler(spec(e.op), superuser, p, path).catch((err: Error) => ({ error: err.message }));
            if (JSON.stringify(open) !== JSON.stringify(scoped)) leaksWithoutRls.push(e.op);
          } finally {
            await superuser.query('ROLLBACK');
          }
        }
      }
    } finally {
      await superuser.end();
    }
    // Without the policies every aggregate and list mixes projects (and a resource's answer changes
    // too, e.g. through another project's time zone): the isolation above is the database's.
    const aggregates = ENDPOINTS.filter((e) => !e.resource).map((e) => e.op);
    expect([...new Set(leaksWithoutRls)]).toEqual(expect.arrayContaining(aggregates));
  }, 120_000);
});
