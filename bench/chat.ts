/**
 * `npm run bench -- chat`: the AI chat's local planner and the BFF's own time per answer, excluding
 * any model, measured side by side in one run on this machine:
 *  (1) accuracy over the golden set (bff/chat/planner/golden.ts; exact tool + arguments), misses listed;
 *  (2) planning time per question (planQuestion alone, every golden question, many passes);
 *  (3) tool execution time per tool: each call the planner makes for the golden set, run through the
 *      services of bff/services/ under the RLS scope (withScope) on a test stack (every data group,
 *      60 days synced, project 100275 Moda Lumen, Europe/Madrid). The questions are planned again
 *      against the real today so that relative periods fall on the synced days.
 * The tools are mapped to services here, as the REST endpoints use them (bench-local executors: the
 * chat's own executors, bff/chat/*, are the orchestration's and may differ in detail; where a tool has
 * no one-to-one service the row says what was run). Bounded: BENCH_CHAT_SECONDS (default 60) for
 * step 3, BENCH_CHAT_REPS (default 5) runs of each call after one warm-up.
 */
import os from 'node:os';
import { todayIn } from '../lib/dates.js';
import { createPool } from '../lib/db.js';
import { startStack } from '../lib/testing/stack.js';
import { withScope, type ScopedDb } from '../bff/db/scope.js';
import { getAgent, listAgents } from '../bff/services/agents.js';
import { getBreakdown } from '../bff/services/breakdown.js';
import { getCampaign, listCampaigns } from '../bff/services/campaigns.js';
import { getChat } from '../bff/services/chat.js';
import { getDevices } from '../bff/services/devices.js';
import { getHeatmap } from '../bff/services/heatmap.js';
import { getJourneyFunnel, listJourneys } from '../bff/services/journeys.js';
import { getKpis } from '../bff/services/kpis.js';
import { getTimeseries } from '../bff/services/timeseries.js';
import { explainChange } from '../bff/chat/explain.js';
import type { ToolCall, ToolInput, ToolName } from '../bff/chat/tools.js';
import { planQuestion } from '../bff/chat/planner/index.js';
import { GOLDEN, GOLDEN_TIME_ZONE } from '../bff/chat/planner/golden.js';
import { describeMiss, reportSplit, scoreGolden, SPLITS } from '../bff/chat/planner/score.js';

const SECONDS = Number(process.env.BENCH_CHAT_SECONDS ?? 60);
const REPS = Number(process.env.BENCH_CHAT_REPS ?? 5);
const PROJECT = '100275';
const PLAN_PASSES = 200;

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
};
const ms = (x: number) => `${x < 1 ? x.toFixed(3) : x.toFixed(2)} ms`.padStart(10);

const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
console.log(`machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${os.platform()} ${os.release()}, load ${os.loadavg()[0]!.toFixed(2)}`);

// (1) accuracy
const score = scoreGolden();
console.log(`\n(1) local planner accuracy over the golden set (today frozen at 2026-11-21, ${GOLDEN_TIME_ZONE}): ${score.hits}/${score.total} = ${(100 * score.accuracy).toFixed(1)} % exact tool + arguments`);
console.log(`    questions: ${GOLDEN.filter((g) => g.lang === 'es').length} Spanish, ${GOLDEN.filter((g) => g.lang === 'en').length} English; ${GOLDEN.filter((g) => g.expect === 'unanswerable').length} to refuse; ${GOLDEN.filter((g) => g.host).length} with host context`);
for (const m of score.misses) console.log(`    miss: ${describeMiss(m)}`);
// The larger set's two splits (issue 14): development (the set above + golden-dev.ts) and held-out (frozen).
for (const [name, cases] of Object.entries(SPLITS)) {
  const r = reportSplit(name, cases);
  console.log(`    ${r.lines.join('\n    ')}`);
  if (name === 'heldOut') for (const m of r.score.misses) console.log(`    held-out miss: ${describeMiss(m)}`);
}

// (2) planning time
const planSamples: number[] = [];
for (let pass = 0; pass < PLAN_PASSES; pass++) {
  for (const r of GOLDEN) {
    const t = performance.now();
    planQuestion(r.q, { today: r.today ?? '2026-11-21', timeZone: GOLDEN_TIME_ZONE, ...(r.host ? { hostContext: r.host } : {}) });
    planSamples.push(performance.now() - t);
  }
}
console.log(`\n(2) planning time per question (${GOLDEN.length} questions × ${PLAN_PASSES} passes, in-process):`);
console.log(`    p50 ${ms(q(planSamples, 0.5))}   p95 ${ms(q(planSamples, 0.95))}   p99 ${ms(q(planSamples, 0.99))}   max ${ms(Math.max(...planSamples))}`);

// (3) tool execution
console.log(`\n(3) tool execution under the RLS scope (services of bff/services/, in-process, one connection at a time); starting the test stack (every group, 60 days)…`);
const started = performance.now();
const stack = await startStack({ groups: 'all', syncDays: 60 });
console.log(`    stack ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
const pool = createPool(stack.database.apiUrl, { max: 2 });
const scope = { projectId: PROJECT, userId: 'bench-chat' };
const opts = { statementTimeoutMs: 10_000 };

type Exec = (db: ScopedDb, input: never) => Promise<unknown>;
const period = (i: { from?: string | undefined; to?: string | undefined }) => ({ from: i.from, to: i.to });
/** What each tool runs (notes where it is not one service call). */
const EXECUTORS: { [N in ToolName]?: { note?: string; run: (db: ScopedDb, i: ToolInput<N>) => Promise<unknown> } } = {
  kpis_by_channel: { run: (db, i) => getKpis(db, { channel: i.channel, ...period(i) }) },
  compare_periods: { note: 'KPIs of a and of b', run: async (db, i) => [await getKpis(db, { channel: i.channel, ...period(i.a) }), await getKpis(db, { channel: i.channel, ...period(i.b) })] },
  top_campaigns: { run: (db, i) => listCampaigns(db, { channel: i.channel, sort: i.metric, order: i.order === 'bottom' ? 'asc' : 'desc', limit: i.n, ...period(i) }) },
  campaign_detail: {
    note: 'by name: search, then the campaign; an id unknown to the stack: its largest campaign',
    run: async (db, i) => {
      let id = i.id;
      const found = await listCampaigns(db, { q: i.name, include: i.name ? 'all' : 'active', limit: 1, ...period(i) });
      if (!id || !(await db.query('SELECT 1 FROM marts.campaigns WHERE campaign_id = $1', [id])).rows[0]) id = found.items[0]?.id;
      return id ? getCampaign(db, id, period(i)) : found;
    },
  },
  time_series: { run: (db, i) => getTimeseries(db, { channel: i.channel, metric: i.metric, interval: i.interval, split: i.splitByPlatform ? 'platform' : undefined, ...period(i) }) },
  best_send_time: { run: (db, i) => getHeatmap(db, { platform: i.platform, ...period(i) }) },
  channel_mix: { run: (db, i) => getBreakdown(db, { by: 'channel', metric: i.metric, ...period(i) }) },
  agent_ranking: { run: (db, i) => listAgents(db, { sort: i.sort, order: i.order, limit: i.n, ...period(i) }) },
  agent_response_times: {
    note: 'team: the agents list; one agent: its daily series',
    run: async (db, i) => {
      if (!i.agent) return listAgents(db, period(i));
      const list = await listAgents(db, period(i));
      const a = list.items.find((x) => x.agentId === i.agent || x.email === i.agent) ?? list.items[0];
      return a ? getAgent(db, a.agentId, period(i)) : list;
    },
  },
  chat_fallback_rate: { run: (db, i) => getChat(db, period(i)) },
  journey_dropoff: {
    note: 'journeys list (name search or most entries), then the funnel',
    run: async (db, i) => {
      const list = await listJourneys(db, period(i));
      const byName = i.name ? list.items.find((j) => j.name.toLowerCase().includes(i.name!.toLowerCase())) : undefined;
      const j = i.id ? list.items.find((x) => x.id === i.id) : (byName ?? [...list.items].sort((a, b) => b.entered - a.entered)[0]);
      return j ? getJourneyFunnel(db, j.id, period(i)) : list;
    },
  },
  device_growth: { run: (db, i) => getDevices(db, { split: i.splitByPlatform ? 'platform' : undefined, ...period(i) }) },
  sms_cost: { note: 'SMS KPIs + daily cost series', run: async (db, i) => [await getKpis(db, { channel: 'sms', ...period(i) }), await getTimeseries(db, { channel: 'sms', metric: 'cost', interval: 'day', ...period(i) })] },
  explain_change: { note: 'the drivers of a change (campaign mart, both periods)', run: (db, i) => explainChange(db, i) },
  email_bounces_unsubscribes: {
    note: 'email KPIs + daily bounced and unsubscribed series',
    run: async (db, i) => [
      await getKpis(db, { channel: 'email', ...period(i) }),
      await getTimeseries(db, { channel: 'email', metric: 'bounced', interval: 'day', ...period(i) }),
      await getTimeseries(db, { channel: 'email', metric: 'unsubscribed', interval: 'day', ...period(i) }),
    ],
  },
};

try {
  const today = todayIn(GOLDEN_TIME_ZONE);
  const calls: ToolCall[] = [];
  for (const g of GOLDEN) {
    const plan = planQuestion(g.q, { today, timeZone: GOLDEN_TIME_ZONE, ...(g.host ? { hostContext: g.host } : {}) });
    // (planned against the stack's today so that relative periods fall on the synced days)
    if ('calls' in plan) calls.push(...plan.calls);
  }
  console.log(`    ${calls.length} calls planned for the golden set against today = ${today}; ${REPS} runs of each after a warm-up; cap ${SECONDS} s`);
  const samples = new Map<ToolName, number[]>();
  const errors = new Map<ToolName, string[]>();
  const deadline = performance.now() + SECONDS * 1000;
  let stopped = false;
  outer: for (let rep = 0; rep <= REPS; rep++) {
    for (const call of calls) {
      if (performance.now() > deadline) {
        stopped = true;
        break outer;
      }
      const ex = EXECUTORS[call.name] as { run: Exec } | undefined;
      if (!ex) continue;
      const t = performance.now();
      try {
        await withScope(pool, scope, opts, (db) => ex.run(db, call.input as never));
      } catch (err) {
        if (rep === 0) errors.set(call.name, [...(errors.get(call.name) ?? []), (err as Error).message]);
        continue;
      }
      if (rep > 0) samples.set(call.name, [...(samples.get(call.name) ?? []), performance.now() - t]);
    }
  }
  if (stopped) console.log(`    stopped at the ${SECONDS} s cap (figures from the runs done)`);
  console.log(`\n    ${'tool'.padEnd(28)} ${'calls'.padStart(5)} ${'runs'.padStart(5)} ${'p50'.padStart(10)} ${'p95'.padStart(10)}   runs as`);
  const all: number[] = [];
  for (const [name, ex] of Object.entries(EXECUTORS) as [ToolName, { note?: string }][]) {
    const xs = samples.get(name) ?? [];
    all.push(...xs);
    const n = calls.filter((c) => c.name === name).length;
    const err = errors.get(name);
    console.log(
      `    ${name.padEnd(28)} ${String(n).padStart(5)} ${String(xs.length).padStart(5)} ${xs.length ? ms(q(xs, 0.5)) : '—'.padStart(10)} ${xs.length ? ms(q(xs, 0.95)) : '—'.padStart(10)}   ${ex.note ?? 'one service call'}${err ? `  (${err.length} failed: ${err[0]})` : ''}`,
    );
  }
  console.log(`    ${'every call'.padEnd(28)} ${String(calls.length).padStart(5)} ${String(all.length).padStart(5)} ${ms(q(all, 0.5))} ${ms(q(all, 0.95))}`);
  console.log(`\n    BFF time per answer without the model ≈ planning p50 ${ms(q(planSamples, 0.5)).trim()} + execution p50 ${ms(q(all, 0.5)).trim()} (p95 ${ms(q(all, 0.95)).trim()})`);
} finally {
  await pool.end().catch(() => undefined);
  await stack.stop();
}
