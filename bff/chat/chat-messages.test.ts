/**
 * POST /v1/chat/messages over real HTTP against real PostgreSQL with RLS, with the real Anthropic SDK
 * talking to a fake Messages API (bff/chat/testing/fake-anthropic.ts) that speaks the streaming wire
 * format and records what the BFF sends. Shows the SSE contract (order and payloads), the tool loop
 * (tool_result ids and order, is_error on a failed SQL, the cached prefix byte-identical with today's
 * date after the breakpoint), errors mid-stream, cancel, roles, the quota, tenant isolation, bad
 * bodies, the local engine, and the audit table's rules in the database itself.
 */
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '../../lib/db.js';
import { todayIn, addDays } from '../../lib/dates.js';
import { createLogger } from '../../lib/log.js';
import { testDatabase, type TestDatabase } from '../../lib/testing/database.js';
import { startStack, type Stack } from '../../lib/testing/stack.js';
import { createApp } from '../app.js';
import { signToken } from '../auth/jwt.js';
import { withScope } from '../db/scope.js';
import type { Config } from '../../lib/config.js';
import type { Plan, PlanContext, Planner } from './engine.js';
import { executeTool, ToolError, type RunSql } from './executors.js';
import { parseToolCall } from './tools.js';
import { SqlGuardError, type SqlScope } from './sql/run.js';
import { DEMO_PROJECTS } from '../../etl/simulator/catalog.js';
import { startFakeAnthropic, type FakeAnthropic } from './testing/fake-anthropic.js';
import { DEFAULT_CHAT_MODEL } from './models.js';

const A = '100274';
const B = '100275';
const TZ_A = DEMO_PROJECTS.find((p) => String(p.id) === A)!.timeZone;

let db: TestDatabase;
let stack: Stack;
let fake: FakeAnthropic;
let pool: Pool;
const servers: Server[] = [];
const apps: Record<'claude' | 'local' | 'quota', string> = { claude: '', local: '', quota: '' };
const tokens: Record<string, string> = {};
const sqlCalls: { scope: SqlScope; sql: string }[] = [];

/** The SQL guard's stand-in: records the scope; "FAIL" in the statement is a refusal worded for the model. */
const fakeRunSql: RunSql = async (_pool, scope, sql, opts) => {
  sqlCalls.push({ scope, sql });
  if (sql.includes('FAIL')) throw new SqlGuardError('column "nope" does not exist');
  return {
    sql: `${sql} LIMIT ${opts.maxRows + 1}`,
    columns: [
      { name: 'channel', type: 'text' },
      { name: 'sent', type: 'int8' },
    ],
    rows: [
      ['push', 10],
      ['sms', 5],
    ],
    truncated: false,
  };
};

/** A trivial planner for the local engine (the real one lives in bff/chat/planner/). */
const trivialPlanner: Planner = (question: string, ctx: PlanContext): Plan => {
  if (/ctr/i.test(question) && /sms/i.test(question)) return { calls: [{ name: 'kpis_by_channel', input: { channel: 'sms', from: addDays(ctx.today, -6), to: ctx.today } }] };
  return { unanswerable: ctx.lang === 'es' ? 'no conozco esa métrica' : 'I do not know that metric' };
};

async function listen(config: Config, chat: Parameters<typeof createApp>[1]['chat']): Promise<string> {
  const app = createApp(config, { pool, logger: createLogger('silent'), chat, validateResponses: true });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  const addr = server.address();
  return `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
}

beforeAll(async () => {
  db = await testDatabase();
  stack = await startStack({ databaseUrl: db.ownerUrl, groups: ['push', 'sms'], syncDays: 21 });
  fake = await startFakeAnthropic();
  pool = createPool(stack.database.apiUrl, { max: 6 });
  const claudeEnv = { ANTHROPIC_API_KEY: 'sk-test-not-a-key', ANTHROPIC_BASE_URL: fake.url };
  apps.claude = await listen({ ...stack.config, ...claudeEnv }, { runSql: fakeRunSql });
  apps.local = await listen({ ...stack.config }, { planner: trivialPlanner });
  apps.quota = await listen({ ...stack.config, ...claudeEnv, CHAT_DAILY_QUOTA: 1 }, { runSql: fakeRunSql });
  tokens.viewerA = await signToken(stack.config, { sub: 'vera', project_id: A, role: 'viewer' });
  tokens.editorA = await signToken(stack.config, { sub: 'eddie', project_id: A, role: 'editor' });
  tokens.viewerB = await signToken(stack.config, { sub: 'bruno', project_id: B, role: 'viewer' });
  tokens.enA = await signToken(stack.config, { sub: 'emma', project_id: A, role: 'viewer', locale: 'en' });
});

afterAll(async () => {
  for (const s of servers) await new Promise((r) => { s.closeAllConnections(); s.close(r); });
  await pool?.end();
  await fake?.close();
  await stack?.stop();
  await db?.drop();
});

interface Sse {
  event: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
}

/** Parses an SSE body into events (comments and keep-alives skipped). */
function parseSse(text: string): Sse[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() && !block.startsWith(':'))
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))!.slice(7);
      const data = JSON.parse(lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n'));
      return { event, data };
    });
}

async function ask(base: string, token: string, body: unknown) {
  const res = await fetch(`${base}/v1/chat/messages`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, type, headers: res.headers, text, events: type.startsWith('text/event-stream') ? parseSse(text) : [], problem: type.includes('problem') ? JSON.parse(text) : undefined };
}

const names = (events: Sse[]) => events.map((e) => e.event).filter((e, i, all) => !(e === 'text' && all[i - 1] === 'text'));

async function auditRows(projectId: string, userId: string) {
  return withScope(pool, { projectId, userId }, { readOnly: true, statementTimeoutMs: 5000 }, async (q) => {
    const { rows } = await q.query(`SELECT * FROM app.chat_audit ORDER BY created_at`);
    return rows;
  });
}

async function rest(path: string, token: string) {
  const res = await fetch(stack.api + path, { headers: { Authorization: `Bearer ${token}` } });
  return res.json();
}

const today = () => todayIn(TZ_A);
const lastWeek = () => ({ from: addDays(today(), -7), to: addDays(today(), -1) });

describe('POST /v1/chat/messages with Claude (fake Messages API, real SDK)', () => {
  it('a KPI question: tool → result (kpi, same figures as GET /v1/kpis) → text → suggestions → done, and one audit row', async () => {
    fake.reset();
    const w = lastWeek();
    fake.enqueue(
      { type: 'tool_use', text: 'Consulto los datos.', tools: [{ id: 'toolu_kpi1', name: 'kpis_by_channel', input: { channel: 'sms', ...w } }] },
      { type: 'text', text: 'El CTR de SMS la semana pasada fue del 2,1 %.', usage: { output_tokens: 30 } },
    );
    const r = await ask(apps.claude, tokens.viewerA!, { question: '¿Cuál fue el CTR de SMS la semana pasada?' });
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/event-stream/);
    expect(names(r.events)).toEqual(['status', 'text', 'status', 'tool', 'result', 'status', 'text', 'suggestions', 'done']);
    const status = r.events[0]!.data;
    expect(status).toMatchObject({ engine: 'claude', phase: 'thinking', model: DEFAULT_CHAT_MODEL });
    expect(status.conversationId).toMatch(/^[0-9a-f-]{36}$/);
    const tool = r.events.find((e) => e.event === 'tool')!.data;
    expect(tool).toEqual({ id: 'toolu_kpi1', name: 'kpis_by_channel', input: { channel: 'sms', ...w }, certified: true });
    const result = r.events.find((e) => e.event === 'result')!.data;
    expect(result).toMatchObject({ id: 'toolu_kpi1', tool: 'kpis_by_channel', kind: 'kpi', truncated: false, source: { tool: 'kpis_by_channel', certified: true, period: w } });
    expect(result.source.endpoint).toBe(`/v1/kpis?channel=sms&from=${w.from}&to=${w.to}`);
    const restKpis = await rest(result.source.endpoint, tokens.viewerA!);
    expect(result.data.metrics).toEqual(restKpis.metrics);
    expect(result.data.metrics.find((m: { key: string }) => m.key === 'ctr')).toBeDefined();
    const text = r.events.filter((e) => e.event === 'text').map((e) => e.data.delta).join('');
    expect(text).toBe('Consulto los datos.El CTR de SMS la semana pasada fue del 2,1 %.');
    expect(r.events.find((e) => e.event === 'suggestions')!.data.items.length).toBeGreaterThan(0);
    const done = r.events.at(-1)!.data;
    expect(done).toMatchObject({ engine: 'claude', outcome: 'answered', conversationId: status.conversationId, model: DEFAULT_CHAT_MODEL });
    expect(done.usage).toEqual({ inputTokens: 2400, outputTokens: 72, cacheReadTokens: 1800, cacheWriteTokens: 0 });
    expect(done.timings.rounds).toBe(2);
    expect(r.events.some((e) => e.event === 'sql')).toBe(false);

    // What the BFF sent: the tool_result of the right id, then (round 2) the model's answer.
    expect(fake.requests).toHaveLength(2);
    const [first, second] = fake.requests.map((x) => x.body);
    expect(first.stream).toBe(true);
    expect(first.model).toBe(DEFAULT_CHAT_MODEL);
    expect(first.messages).toEqual([{ role: 'user', content: '¿Cuál fue el CTR de SMS la semana pasada?' }]);
    const toolTurn = second.messages.at(-1);
    expect(toolTurn.role).toBe('user');
    expect(toolTurn.content).toHaveLength(1);
    expect(toolTurn.content[0]).toMatchObject({ type: 'tool_result', tool_use_id: 'toolu_kpi1' });
    expect(toolTurn.content[0].is_error).toBeUndefined();
    expect(JSON.parse(toolTurn.content[0].content).result.metrics).toEqual(restKpis.metrics);
    expect(second.messages.at(-2)).toMatchObject({ role: 'assistant', content: [{ type: 'text' }, { type: 'tool_use', id: 'toolu_kpi1', name: 'kpis_by_channel', input: { channel: 'sms', ...w } }] });
    // Today's date (project time zone) and the project come after the cache breakpoint.
    expect(first.system[0].cache_control).toEqual({ type: 'ephemeral' });
    expect(first.system[0].text).not.toContain(today());
    expect(first.system[0].text).toMatch(/envíos.*sent/);
    expect(first.system[1].cache_control).toBeUndefined();
    expect(first.system[1].text).toContain(today());
    expect(first.system[1].text).toContain(`id ${A}`);
    expect(first.tools.map((t: { name: string }) => t.name)).toContain('run_sql');
    expect(first.tools).toHaveLength(16);

    const audit = (await auditRows(A, 'vera')).at(-1);
    expect(audit).toMatchObject({
      user_id: 'vera',
      conversation_id: status.conversationId,
      question: '¿Cuál fue el CTR de SMS la semana pasada?',
      engine: 'claude',
      model: DEFAULT_CHAT_MODEL,
      outcome: 'answered',
      input_tokens: 2400,
      output_tokens: 72,
      cache_read_tokens: 1800,
      error_code: null,
    });
    expect(audit.tools).toMatchObject([{ name: 'kpis_by_channel', input: { channel: 'sms', ...w }, ok: true }]);
    expect(audit.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it('a chart question: the spec is chosen by rule from the result (a line over days), never by the model', async () => {
    fake.reset();
    const w = { from: addDays(today(), -13), to: addDays(today(), -1) };
    fake.enqueue(
      { type: 'tool_use', tools: [{ id: 'toolu_ts', name: 'time_series', input: { channel: 'push', metric: 'ctr', ...w } }] },
      { type: 'text', text: 'Así evolucionó el CTR de push.' },
    );
    const r = await ask(apps.claude, tokens.viewerA!, { question: '¿Cómo evolucionó el CTR de push estas dos semanas?' });
    const result = r.events.find((e) => e.event === 'result')!.data;
    expect(result.kind).toBe('chart');
    expect(result.spec.$schema).toMatch(/vega-lite/);
    expect(result.spec.mark.type).toBe('line');
    expect(result.spec.encoding.x).toMatchObject({ field: 'bucket', type: 'temporal' });
    expect(result.spec.encoding.y).toMatchObject({ field: 'ctr', type: 'quantitative', axis: { format: '.1%' } });
    expect(result.spec.data.values).toHaveLength(13);
    const series = await rest(`/v1/timeseries?channel=push&metric=ctr&interval=day&from=${w.from}&to=${w.to}`, tokens.viewerA!);
    expect(result.data.rows.map((x: { ctr: number }) => x.ctr)).toEqual(series.series[0].points.map((p: { value: number }) => p.value));
  });

  it('a multi-tool turn: results in call order, tool_result ids and order preserved, a bad call answered with is_error', async () => {
    fake.reset();
    const w = lastWeek();
    fake.enqueue(
      {
        type: 'tool_use',
        tools: [
          { id: 'toolu_a', name: 'kpis_by_channel', input: { channel: 'push', ...w } },
          { id: 'toolu_b', name: 'best_send_time', input: { ...w } },
          { id: 'toolu_c', name: 'kpis_by_channel', input: { channel: 'fax' } },
        ],
      },
      { type: 'text', text: 'El mejor momento es el martes a las 19 h.' },
    );
    const r = await ask(apps.claude, tokens.viewerA!, { question: '¿A qué hora conviene enviar push?' });
    expect(names(r.events)).toEqual(['status', 'status', 'tool', 'result', 'tool', 'result', 'status', 'text', 'suggestions', 'done']);
    const results = r.events.filter((e) => e.event === 'result').map((e) => e.data);
    expect(results.map((x) => [x.id, x.kind])).toEqual([
      ['toolu_a', 'kpi'],
      ['toolu_b', 'chart'],
    ]);
    expect(results[1].spec.mark.type).toBe('rect');
    expect(results[1].data.rows).toHaveLength(168);
    const toolResults = fake.requests[1]!.body.messages.at(-1).content;
    expect(toolResults.map((x: { tool_use_id: string }) => x.tool_use_id)).toEqual(['toolu_a', 'toolu_b', 'toolu_c']);
    expect(toolResults.map((x: { is_error?: boolean }) => x.is_error ?? false)).toEqual([false, false, true]);
    expect(toolResults[2].content).toMatch(/Invalid input: channel/);
  });

  it('run_sql: a failure goes back as is_error with the message; the repaired query runs; editors see the sql event', async () => {
    fake.reset();
    sqlCalls.length = 0;
    fake.enqueue(
      { type: 'tool_use', tools: [{ id: 'toolu_sql1', name: 'run_sql', input: { sql: 'SELECT nope FAIL' } }] },
      { type: 'tool_use', tools: [{ id: 'toolu_sql2', name: 'run_sql', input: { sql: 'SELECT channel, sent FROM assistant.channel_daily' } }] },
      { type: 'text', text: 'Según una consulta generada, push envió 10.' },
    );
    const r = await ask(apps.claude, tokens.editorA!, { question: '¿Cuántos envíos por canal?' });
    const sent = fake.requests.map((x) => x.body.messages.at(-1).content);
    expect(sent[1][0]).toEqual({ type: 'tool_result', tool_use_id: 'toolu_sql1', is_error: true, content: 'column "nope" does not exist' });
    expect(sent[2][0]).toMatchObject({ type: 'tool_result', tool_use_id: 'toolu_sql2' });
    expect(sent[2][0].is_error).toBeUndefined();
    expect(names(r.events)).toEqual(['status', 'status', 'tool', 'status', 'status', 'tool', 'sql', 'result', 'status', 'text', 'suggestions', 'done']);
    expect(r.events.find((e) => e.event === 'sql')!.data).toEqual({ id: 'toolu_sql2', sql: 'SELECT channel, sent FROM assistant.channel_daily LIMIT 201' });
    const result = r.events.find((e) => e.event === 'result')!.data;
    expect(result).toMatchObject({ kind: 'table', source: { tool: 'run_sql', certified: false }, data: { rows: [{ channel: 'push', sent: 10 }, { channel: 'sms', sent: 5 }] } });
    expect(JSON.stringify(result)).not.toContain('LIMIT 201');
    expect(sqlCalls.map((c) => c.scope)).toEqual([
      { projectId: A, userId: 'eddie' },
      { projectId: A, userId: 'eddie' },
    ]);
    const audit = (await auditRows(A, 'eddie')).at(-1);
    expect(audit.sql).toEqual(['SELECT channel, sent FROM assistant.channel_daily LIMIT 201']);
    expect(audit.tools.map((t: { ok: boolean }) => t.ok)).toEqual([false, true]);
  });

  it('viewers never get the sql event', async () => {
    fake.reset();
    fake.enqueue({ type: 'tool_use', tools: [{ id: 'toolu_sqlv', name: 'run_sql', input: { sql: 'SELECT 1' } }] }, { type: 'text', text: 'Hecho.' });
    const r = await ask(apps.claude, tokens.viewerA!, { question: '¿Cuántos envíos por canal?' });
    expect(r.events.some((e) => e.event === 'result')).toBe(true);
    expect(r.events.some((e) => e.event === 'sql')).toBe(false);
    expect(r.text).not.toContain('LIMIT');
  });

  it('at most two SQL repairs: the third failure tells the model to stop trying', async () => {
    fake.reset();
    fake.enqueue(
      ...[1, 2, 3].map((i) => ({ type: 'tool_use' as const, tools: [{ id: `toolu_f${i}`, name: 'run_sql', input: { sql: `SELECT FAIL ${i}` } }] })),
      { type: 'text', text: 'No puedo responder a eso.' },
    );
    await ask(apps.claude, tokens.editorA!, { question: '¿Cuántos envíos por canal?' });
    const errors = fake.requests.slice(1).map((x) => x.body.messages.at(-1).content[0]);
    expect(errors.map((e) => e.is_error)).toEqual([true, true, true]);
    expect(errors[1].content).not.toMatch(/No more SQL attempts/);
    expect(errors[2].content).toMatch(/No more SQL attempts/);
  });

  it('the cached prefix (tools + system up to the breakpoint) is byte-identical across turns, questions, users and projects', async () => {
    fake.reset();
    fake.enqueue({ type: 'text', text: 'Hola.' }, { type: 'text', text: 'Hello.' });
    await ask(apps.claude, tokens.viewerA!, { question: 'Hola' });
    await ask(apps.claude, tokens.viewerB!, { question: 'Hello there', context: { channel: 'sms' } });
    const prefixes = fake.requests.map((x) => JSON.stringify([x.body.tools, x.body.system[0]]));
    expect(new Set(prefixes).size).toBe(1);
    expect(fake.requests[1]!.body.system[1].text).toContain(`id ${B}`);
    expect(fake.requests[1]!.body.system[1].text).toContain('sms channel');
  });

  it('keeps the conversation: a follow-up question is sent with the earlier turn', async () => {
    fake.reset();
    fake.enqueue({ type: 'text', text: 'El CTR fue 2 %.' }, { type: 'text', text: 'La semana anterior fue 1,8 %.' });
    const first = await ask(apps.claude, tokens.viewerA!, { question: '¿CTR de push?' });
    const conversationId = first.events.at(-1)!.data.conversationId;
    const second = await ask(apps.claude, tokens.viewerA!, { question: '¿Y la semana anterior?', conversationId });
    expect(second.events.at(-1)!.data.conversationId).toBe(conversationId);
    expect(fake.requests[1]!.body.messages).toEqual([
      { role: 'user', content: '¿CTR de push?' },
      { role: 'assistant', content: 'El CTR fue 2 %.' },
      { role: 'user', content: '¿Y la semana anterior?' },
    ]);
    // Another user naming the same conversation gets none of it.
    fake.enqueue({ type: 'text', text: 'ok' });
    await ask(apps.claude, tokens.editorA!, { question: '¿Y la anterior?', conversationId });
    expect(fake.requests[2]!.body.messages).toEqual([{ role: 'user', content: '¿Y la anterior?' }]);
  });

  it('an overloaded_error mid-stream ends with an error event (problem code) and done, and is audited', async () => {
    fake.reset();
    fake.enqueue({ type: 'overloaded', textBefore: 'Voy a mirar' });
    const r = await ask(apps.claude, tokens.viewerB!, { question: '¿Cuántos push enviamos ayer?' });
    expect(r.status).toBe(200);
    expect(names(r.events)).toEqual(['status', 'text', 'error', 'done']);
    expect(r.events.find((e) => e.event === 'error')!.data).toEqual({
      code: 'model_unavailable',
      status: 503,
      title: 'The language model is overloaded',
      detail: 'The language model is overloaded; retry shortly.',
      retryable: true,
    });
    expect(r.events.at(-1)!.data.outcome).toBe('error');
    const audit = (await auditRows(B, 'bruno')).at(-1);
    expect(audit).toMatchObject({ question: '¿Cuántos push enviamos ayer?', outcome: 'error', error_code: 'model_unavailable' });
  });

  it('cancel: the client aborts → the model stream is closed (the fake sees it) and the audit records it', async () => {
    fake.reset();
    fake.enqueue({ type: 'hang' });
    const ac = new AbortController();
    const res = await fetch(`${apps.claude}/v1/chat/messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens.viewerA}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ question: 'Pregunta que cancelo' }),
      signal: ac.signal,
    });
    const reader = res.body!.getReader();
    let seen = '';
    while (!seen.includes('event: text')) {
      const { value } = await reader.read();
      seen += new TextDecoder().decode(value);
    }
    ac.abort();
    await expect(fake.requests[0]!.closedEarly).resolves.toBe(true);
    let audit;
    for (let i = 0; i < 50 && !audit; i++) {
      audit = (await auditRows(A, 'vera')).find((x) => x.question === 'Pregunta que cancelo');
      if (!audit) await new Promise((r) => setTimeout(r, 50));
    }
    expect(audit).toMatchObject({ outcome: 'cancelled', error_code: 'cancelled', engine: 'claude' });
  });

  it("another project's data never appears: each request's tools run in its own project's scope", async () => {
    fake.reset();
    sqlCalls.length = 0;
    const w = lastWeek();
    const script = { type: 'tool_use' as const, tools: [{ id: 'toolu_iso', name: 'kpis_by_channel', input: { channel: 'push', ...w } }] };
    fake.enqueue(script, { type: 'text', text: 'A' }, script, { type: 'text', text: 'B' });
    const a = await ask(apps.claude, tokens.viewerA!, { question: '¿Envíos push?' });
    const b = await ask(apps.claude, tokens.viewerB!, { question: '¿Envíos push?' });
    const sentOf = (r: typeof a) => r.events.find((e) => e.event === 'result')!.data.data.metrics.find((m: { key: string }) => m.key === 'sent').value;
    const restA = (await rest(`/v1/kpis?channel=push&from=${w.from}&to=${w.to}`, tokens.viewerA!)).metrics.find((m: { key: string }) => m.key === 'sent').value;
    const restB = (await rest(`/v1/kpis?channel=push&from=${w.from}&to=${w.to}`, tokens.viewerB!)).metrics.find((m: { key: string }) => m.key === 'sent').value;
    expect(restA).not.toBe(restB);
    expect(sentOf(a)).toBe(restA);
    expect(sentOf(b)).toBe(restB);
    // Audit rows: each project reads only its own.
    const rowsB = await auditRows(B, 'bruno');
    expect(rowsB.length).toBeGreaterThan(0);
    expect(rowsB.every((x) => String(x.project_id) === B)).toBe(true);
    expect(rowsB.some((x) => x.user_id === 'vera')).toBe(false);
  });
});

describe('POST /v1/chat/messages: refusals before any stream', () => {
  it('quota exceeded: 429 chat_quota_exceeded with Retry-After, before any model call', async () => {
    fake.reset();
    // Project B has audit rows of today already (earlier tests); the quota app allows one a day.
    const r = await ask(apps.quota, tokens.viewerB!, { question: '¿CTR de push?' });
    expect(r.status).toBe(429);
    expect(r.type).toMatch(/^application\/problem\+json/);
    expect(r.problem).toMatchObject({ status: 429, code: 'chat_quota_exceeded' });
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(fake.requests).toHaveLength(0);
  });

  it.each([
    ['no question', {}, 'question'],
    ['an empty question', { question: '   ' }, 'question'],
    ['a question over 2000 characters', { question: 'a'.repeat(2001) }, 'question'],
    ['a conversation id that is not a uuid', { question: 'hola', conversationId: 'abc' }, 'conversationId'],
    ['an unknown field', { question: 'hola', model: 'claude-opus' }, 'model'],
    ['a bad host context', { question: 'hola', context: { channel: 'fax' } }, 'context.channel'],
  ])('bad body (%s) → 400 problem+json naming the field', async (_name, body, param) => {
    fake.reset();
    const r = await ask(apps.claude, tokens.viewerA!, body);
    expect(r.status).toBe(400);
    expect(r.type).toMatch(/^application\/problem\+json/);
    expect(r.problem).toMatchObject({ code: 'invalid_parameter', param });
    expect(fake.requests).toHaveLength(0);
  });

  it('needs authentication', async () => {
    const r = await ask(apps.claude, stack.forgedToken, { question: 'hola' });
    expect(r.status).toBe(401);
  });
});

describe('POST /v1/chat/messages without an API key (local engine)', () => {
  it('the planner maps the question to tools; a templated answer in Spanish; done says local', async () => {
    const r = await ask(apps.local, tokens.viewerA!, { question: '¿Cuál fue el CTR de SMS esta semana?' });
    expect(names(r.events)).toEqual(['status', 'status', 'tool', 'result', 'status', 'text', 'suggestions', 'done']);
    expect(r.events[0]!.data).toMatchObject({ engine: 'local', phase: 'thinking' });
    expect(r.events.find((e) => e.event === 'tool')!.data).toMatchObject({ id: 'local_1', name: 'kpis_by_channel', input: { channel: 'sms', to: today() } });
    expect(r.events.find((e) => e.event === 'result')!.data.kind).toBe('kpi');
    const text = r.events.find((e) => e.event === 'text')!.data.delta;
    expect(text).toMatch(/^SMS, del .*CTR: /);
    expect(r.events.at(-1)!.data).toMatchObject({ engine: 'local', outcome: 'answered', usage: { inputTokens: 0, outputTokens: 0 } });
    const audit = (await auditRows(A, 'vera')).at(-1);
    expect(audit).toMatchObject({ engine: 'local', outcome: 'answered', model: null });
  });

  it('answers in English when asked in English, and says plainly when it cannot answer', async () => {
    const en = await ask(apps.local, tokens.enA!, { question: 'What was the SMS CTR this week?' });
    expect(en.events.find((e) => e.event === 'text')!.data.delta).toMatch(/^SMS, from .*CTR: /);
    const no = await ask(apps.local, tokens.viewerA!, { question: '¿Cuántos pases de wallet se instalaron?' });
    expect(names(no.events)).toEqual(['status', 'text', 'suggestions', 'done']);
    expect(no.events[1]!.data.delta).toMatch(/^No puedo responder a esa pregunta/);
    expect(no.events.at(-1)!.data.outcome).toBe('unanswerable');
  });
});

describe('app.chat_audit in the database (migration 0020)', () => {
  async function asReader<T>(projectId: string, userId: string, fn: (q: (sql: string, args?: unknown[]) => Promise<unknown>) => Promise<T>) {
    const c = await pool.connect();
    try {
      await c.query('BEGIN; SET LOCAL ROLE ig_reader');
      await c.query(`SELECT set_config('app.project_id', $1, true), set_config('app.user_id', $2, true)`, [projectId, userId]);
      return await fn((sql, args) => c.query(sql, args as unknown[]));
    } finally {
      await c.query('ROLLBACK').catch(() => undefined);
      c.release();
    }
  }
  const insert = `INSERT INTO app.chat_audit (conversation_id, question, engine, outcome, latency_ms) VALUES (gen_random_uuid(), 'q', 'local', 'answered', 1)`;

  it('ig_reader inserts rows of its own project as itself, and cannot name another project or user', async () => {
    await asReader(A, 'vera', async (q) => {
      await expect(q(insert)).resolves.toBeDefined();
      await expect(q(`INSERT INTO app.chat_audit (project_id, conversation_id, question, engine, outcome, latency_ms) VALUES (${B}, gen_random_uuid(), 'q', 'local', 'answered', 1)`)).rejects.toThrow(/permission denied/);
    });
    await asReader(A, 'vera', async (q) => {
      await expect(q(`INSERT INTO app.chat_audit (user_id, conversation_id, question, engine, outcome, latency_ms) VALUES ('mallory', gen_random_uuid(), 'q', 'local', 'answered', 1)`)).rejects.toThrow(/permission denied/);
    });
  });

  it('ig_reader can neither update nor delete audit rows, and sees nothing without a project', async () => {
    await asReader(A, 'vera', async (q) => {
      await expect(q(`UPDATE app.chat_audit SET question = 'x'`)).rejects.toThrow(/permission denied/);
    });
    await asReader(A, 'vera', async (q) => {
      await expect(q(`DELETE FROM app.chat_audit`)).rejects.toThrow(/permission denied/);
    });
    await asReader('', 'vera', async (q) => {
      const r = (await q('SELECT count(*)::int AS n FROM app.chat_audit')) as { rows: { n: number }[] };
      expect(r.rows[0]!.n).toBe(0);
    });
  });
});

describe('every certified tool runs through its service under the scope', () => {
  const samples: [string, unknown][] = [
    ['kpis_by_channel', { channel: 'all' }],
    ['compare_periods', { channel: 'push', a: { from: addDays(today(), -13), to: addDays(today(), -7) }, b: { from: addDays(today(), -6), to: today() } }],
    ['top_campaigns', { metric: 'sent', n: 3 }],
    ['campaign_detail', { name: 'rebajas' }],
    ['time_series', { channel: 'sms', metric: 'deliveryRate', interval: 'week', splitByPlatform: true }],
    ['best_send_time', { platform: 'ios' }],
    ['channel_mix', { metric: 'sent' }],
    ['agent_ranking', { n: 5 }],
    ['agent_response_times', {}],
    ['agent_response_times', { agent: 'nobody@example.com' }],
    ['chat_fallback_rate', {}],
    ['journey_dropoff', {}],
    ['device_growth', { splitByPlatform: true }],
    ['sms_cost', {}],
    ['email_bounces_unsubscribes', {}],
  ];
  it.each(samples)('%s %j answers or explains (ToolError), never fails otherwise', async (name, input) => {
    const call = parseToolCall(name, input);
    const ctx = { pool, scope: { projectId: A, userId: 'vera' }, statementTimeoutMs: 5000, maxRows: 200, lang: 'es' as const };
    try {
      const r = await executeTool(call, ctx, new AbortController().signal);
      expect(['kpi', 'table', 'chart']).toContain(r.kind);
      expect(r.source).toMatchObject({ tool: name, certified: true });
      expect(r.source.endpoint).toMatch(/^\/v1\//);
      if (r.kind === 'chart') expect(r.spec).toBeDefined();
      JSON.stringify(r.forModel);
    } catch (err) {
      expect(err).toBeInstanceOf(ToolError);
    }
  });
});
