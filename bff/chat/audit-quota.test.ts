/**
 * Every chat question that is answered has exactly one audit row and one quota count, whatever the
 * answer does (issue 12): the row is reserved before the question runs, under a per-project lock in
 * PostgreSQL, so concurrent questions on two BFF instances cannot overshoot the daily quota; control
 * characters are refused before any work (nothing audited, nothing counted); aborted streams and
 * failed tools keep their row with the outcome they reached. Real HTTP, real PostgreSQL with RLS, the
 * local engine with planners of the test's own (the model is not the subject here).
 */
import type { Server } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../lib/config.js';
import { createPool, type Pool } from '../../lib/db.js';
import { createLogger } from '../../lib/log.js';
import { testDatabase, type TestDatabase } from '../../lib/testing/database.js';
import { startStack, type Stack } from '../../lib/testing/stack.js';
import { createApp } from '../app.js';
import { signToken } from '../auth/jwt.js';
import { withScope } from '../db/scope.js';
import type { Planner } from './engine.js';
import type { RunSql } from './executors.js';
import { SqlGuardError } from './sql/run.js';

const A = '100274';
const B = '100276';
const QUOTA = 5;

let db: TestDatabase;
let stack: Stack;
const pools: Pool[] = [];
const servers: Server[] = [];
const tokens: Record<string, string> = {};
/** Released by the abort test: the planner of "slow" questions waits for it. */
let releaseSlow: () => void = () => undefined;
let slowStarted: () => void = () => undefined;

const planner: Planner = async (question) => {
  if (question.startsWith('slow')) {
    slowStarted();
    await new Promise<void>((r) => (releaseSlow = r));
    return { calls: [{ name: 'run_sql', input: { sql: 'SELECT 1' } }] };
  }
  if (question.startsWith('fail')) return { calls: [{ name: 'run_sql', input: { sql: 'SELECT FAIL' } }] };
  return { calls: [{ name: 'run_sql', input: { sql: 'SELECT channel, sent FROM assistant.channel_daily' } }] };
};

const runSql: RunSql = async (_pool, _scope, sql, opts) => {
  if (sql.includes('FAIL')) throw new SqlGuardError('column "nope" does not exist');
  return { sql: `${sql} LIMIT ${opts.maxRows + 1}`, columns: [{ name: 'n', type: 'int4' }], rows: [[1]], truncated: false };
};

/** A BFF app instance with a pool of its own (as a second process would have), quota QUOTA. */
async function instance(config: Config): Promise<string> {
  const pool = createPool(stack.database.apiUrl, { max: 4 });
  pools.push(pool);
  const app = createApp({ ...config, CHAT_DAILY_QUOTA: QUOTA }, { pool, logger: createLogger('silent'), chat: { planner, runSql } });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  const addr = server.address();
  return `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
}

let one: string;
let two: string;

beforeAll(async () => {
  db = await testDatabase();
  stack = await startStack({ databaseUrl: db.ownerUrl, syncDays: 3 });
  one = await instance(stack.config);
  two = await instance(stack.config);
  tokens.a = await signToken(stack.config, { sub: 'ana', project_id: A, role: 'viewer' });
  tokens.b = await signToken(stack.config, { sub: 'bea', project_id: B, role: 'viewer' });
});

afterAll(async () => {
  for (const s of servers) await new Promise((r) => { s.closeAllConnections(); s.close(r); });
  for (const p of pools) await p.end();
  await stack?.stop();
  await db?.drop();
});

function ask(base: string, token: string, question: string, signal?: AbortSignal) {
  return fetch(`${base}/v1/chat/messages`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ question }),
    ...(signal ? { signal } : {}),
  });
}

async function rows(projectId: string) {
  return withScope(pools[0]!, { projectId, userId: 'test' }, { readOnly: true, statementTimeoutMs: 5000 }, async (q) => {
    const r = await q.query<{ question: string; outcome: string; tools: { ok: boolean }[]; error_code: string | null }>(
      'SELECT question, outcome, tools, error_code FROM app.chat_audit ORDER BY created_at',
    );
    return r.rows;
  });
}

describe('the audit row and the quota never depend on the answer', () => {
  it('control characters are refused before any work: 400 naming the question, nothing audited or counted (generated)', async () => {
    const bad = fc
      .tuple(fc.string({ maxLength: 10 }), fc.constantFrom('\u0000', '\u0001', '\u0008', '\u000b', '\u001b', '\u007f', '\ud800', '\udfff'), fc.string({ maxLength: 10 }))
      .map(([a, c, b]) => `ayer${a}${c}${b}`);
    await fc.assert(
      fc.asyncProperty(bad, fc.constantFrom(one, two), async (question, base) => {
        const r = await ask(base, tokens.b!, question);
        expect(r.status).toBe(400);
        expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(((await r.json()) as { param: string }).param).toBe('question');
      }),
      { numRuns: 25 },
    );
    expect(await rows(B)).toEqual([]);
    // tab and new lines are text: answered, and audited once
    const ok = await ask(one, tokens.b!, 'ventas\tpor canal\nayer');
    expect(ok.status).toBe(200);
    await ok.text();
    expect((await rows(B)).map((r) => r.question)).toEqual(['ventas\tpor canal\nayer']);
  });

  it('a failed tool: answered (unanswerable), one row with the failed call', async () => {
    const r = await ask(two, tokens.b!, 'fail please');
    expect(r.status).toBe(200);
    expect(await r.text()).toMatch(/event: done/);
    const row = (await rows(B)).find((x) => x.question === 'fail please');
    expect(row).toMatchObject({ outcome: 'unanswerable' });
    expect(row!.tools.map((t) => t.ok)).toEqual([false]);
  });

  it('an aborted stream keeps its one row, finished, and counted', async () => {
    const started = new Promise<void>((r) => (slowStarted = r));
    const ac = new AbortController();
    const r = await ask(one, tokens.b!, 'slow question', ac.signal);
    expect(r.status).toBe(200);
    await started;
    // The row exists while the question is still running: reserved before any work.
    expect((await rows(B)).find((x) => x.question === 'slow question')).toMatchObject({ outcome: 'pending' });
    ac.abort();
    await r.body?.cancel().catch(() => undefined);
    releaseSlow();
    // The server learns of the abort from the closed socket, so the question ends cancelled or, if the
    // close arrived after the answer, answered: either way its one row is finished, never lost.
    let row;
    for (let i = 0; i < 200 && (!row || row.outcome === 'pending'); i++) {
      row = (await rows(B)).find((x) => x.question === 'slow question');
      if (row?.outcome === 'pending') await new Promise((res) => setTimeout(res, 20));
    }
    expect(['cancelled', 'answered']).toContain(row!.outcome);
    expect((await rows(B)).filter((x) => x.question === 'slow question')).toHaveLength(1);
  });

  it('concurrent questions on two instances never overshoot the quota: exactly QUOTA answered, one row each', async () => {
    const before = (await rows(A)).length;
    expect(before).toBe(0);
    const answers = await Promise.all(
      Array.from({ length: 3 * QUOTA }, async (_, i) => {
        const r = await ask(i % 2 ? one : two, tokens.a!, `¿envíos ${i}?`);
        const text = await r.text();
        return { status: r.status, text };
      }),
    );
    const ok = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 429);
    expect(ok).toHaveLength(QUOTA);
    expect(refused).toHaveLength(2 * QUOTA);
    for (const a of refused) expect(JSON.parse(a.text)).toMatchObject({ code: 'chat_quota_exceeded' });
    const audited = await rows(A);
    expect(audited).toHaveLength(QUOTA);
    expect(audited.every((r) => r.outcome === 'answered')).toBe(true);
    // the other project's quota is its own
    expect((await rows(B)).length).toBeLessThan(QUOTA);
  });

  it('a finished row cannot be changed again, nor a pending one of another user', async () => {
    await withScope(pools[0]!, { projectId: B, userId: 'bea' }, { readOnly: false, statementTimeoutMs: 5000 }, async (q) => {
      const r = await q.query(`UPDATE app.chat_audit SET outcome = 'error' WHERE outcome <> 'pending'`);
      expect(r.rowCount).toBe(0);
    });
    await expect(
      withScope(pools[0]!, { projectId: B, userId: 'bea' }, { readOnly: false, statementTimeoutMs: 5000 }, (q) => q.query(`UPDATE app.chat_audit SET question = 'x'`)),
    ).rejects.toThrow(/permission denied/);
  });
});
