/**
 * Scores the planner on a golden set: a case is a hit when the plan has exactly the expected calls
 * (tool and arguments, defaults filled in by the tools' schemas, in order), or is unanswerable when
 * that is expected — with the expected reason when the case names one (personal data, another
 * tenant, a write, prompt injection, a topic without data). Follow-up cases carry the earlier
 * questions of their conversation. Shared by golden.test.ts, golden-sets.test.ts and
 * `npm run bench -- chat`.
 */
import { isDeepStrictEqual } from 'node:util';
import { parseToolCall, type ToolCall } from '../tools.js';
import { GOLDEN, GOLDEN_TIME_ZONE, GOLDEN_TODAY, type GoldenCase } from './golden.js';
import { GOLDEN_DEV } from './golden-dev.js';
import { GOLDEN_HELDOUT } from './golden-heldout.js';
import { planQuestion, type Plan } from './index.js';

/** The two splits: development (the original set and golden-dev.ts) and held-out (frozen). */
export const SPLITS = { development: [...GOLDEN, ...GOLDEN_DEV], heldOut: GOLDEN_HELDOUT } as const;

export interface CaseResult {
  case: GoldenCase;
  plan: Plan;
  hit: boolean;
  languageHit: boolean;
  /** Milliseconds planQuestion took. */
  ms: number;
}

export function planCase(g: GoldenCase): Plan {
  const ctx = {
    today: g.today ?? GOLDEN_TODAY,
    timeZone: g.timeZone ?? GOLDEN_TIME_ZONE,
    ...(g.host ? { hostContext: g.host } : {}),
    ...(g.history ? { history: g.history.map((question) => ({ question })) } : {}),
  };
  return planQuestion(g.q, ctx);
}

export function expectedCalls(g: GoldenCase): ToolCall[] | 'unanswerable' {
  return Array.isArray(g.expect) ? g.expect.map((e) => parseToolCall(e.name, e.input)) : 'unanswerable';
}

export function scoreCase(g: GoldenCase): CaseResult {
  const t = performance.now();
  const plan = planCase(g);
  const ms = performance.now() - t;
  let hit: boolean;
  if (Array.isArray(g.expect)) hit = 'calls' in plan && isDeepStrictEqual(plan.calls, expectedCalls(g));
  else if (g.expect === 'unanswerable') hit = 'unanswerable' in plan;
  else hit = 'unanswerable' in plan && (plan as { reason?: string }).reason === g.expect.refuse;
  return { case: g, plan, hit, languageHit: plan.language === g.lang, ms };
}

export function scoreGolden(cases: readonly GoldenCase[] = GOLDEN) {
  const results = cases.map(scoreCase);
  const hits = results.filter((r) => r.hit).length;
  return { results, hits, total: results.length, accuracy: hits / results.length, misses: results.filter((r) => !r.hit) };
}

/** Accuracy per category and per language of one split's results. */
export function breakdown(results: readonly CaseResult[]) {
  const by = (key: (r: CaseResult) => string) => {
    const m = new Map<string, { hits: number; total: number }>();
    for (const r of results) {
      const k = key(r);
      const e = m.get(k) ?? { hits: 0, total: 0 };
      e.total++;
      if (r.hit) e.hits++;
      m.set(k, e);
    }
    return [...m].map(([name, e]) => ({ name, ...e, accuracy: e.hits / e.total }));
  };
  return { byCategory: by((r) => r.case.category ?? 'base'), byLanguage: by((r) => r.case.lang) };
}

/** One split scored, as printed lines (the bench and the tests print the same). */
export function reportSplit(name: string, cases: readonly GoldenCase[]) {
  const s = scoreGolden(cases);
  const b = breakdown(s.results);
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const lines = [`${name}: ${s.hits}/${s.total} = ${pct(s.accuracy)}`];
  lines.push(`  by category: ${b.byCategory.map((c) => `${c.name} ${c.hits}/${c.total}`).join(', ')}`);
  lines.push(`  by language: ${b.byLanguage.map((c) => `${c.name} ${c.hits}/${c.total}`).join(', ')}`);
  const wrongLanguage = s.results.filter((r) => !r.languageHit).length;
  if (wrongLanguage) lines.push(`  answered in another language: ${wrongLanguage}`);
  return { score: s, breakdown: b, lines };
}

/** One line per miss: the question, what was expected, what was planned. */
export function describeMiss(r: CaseResult): string {
  const got = 'calls' in r.plan ? JSON.stringify(r.plan.calls) : `unanswerable${(r.plan as { reason?: string }).reason ? ` (${(r.plan as { reason?: string }).reason})` : ''}`;
  const want = Array.isArray(r.case.expect) ? JSON.stringify(expectedCalls(r.case)) : r.case.expect === 'unanswerable' ? 'unanswerable' : `unanswerable (${r.case.expect.refuse})`;
  const extras = [
    r.case.today && r.case.today !== GOLDEN_TODAY ? `today ${r.case.today}` : '',
    r.case.timeZone && r.case.timeZone !== GOLDEN_TIME_ZONE ? r.case.timeZone : '',
    r.case.history ? `after ${JSON.stringify(r.case.history)}` : '',
    r.case.host ? `host ${JSON.stringify(r.case.host)}` : '',
  ].filter(Boolean);
  return `${r.case.q}${extras.length ? ` [${extras.join('; ')}]` : ''}\n    expected ${want}\n    planned  ${got}`;
}
