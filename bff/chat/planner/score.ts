/**
 * Scores the planner on the golden set: a case is a hit when the plan has exactly the expected calls
 * (tool and arguments, defaults filled in by the tools' schemas, in order), or is unanswerable when
 * that is expected. Shared by golden.test.ts and `npm run bench -- chat`.
 */
import { isDeepStrictEqual } from 'node:util';
import { parseToolCall, type ToolCall } from '../tools.js';
import { GOLDEN, GOLDEN_TIME_ZONE, GOLDEN_TODAY, type GoldenCase } from './golden.js';
import { planQuestion, type Plan } from './index.js';

export interface CaseResult {
  case: GoldenCase;
  plan: Plan;
  hit: boolean;
  languageHit: boolean;
  /** Milliseconds planQuestion took. */
  ms: number;
}

export function planCase(g: GoldenCase): Plan {
  return planQuestion(g.q, { today: g.today ?? GOLDEN_TODAY, timeZone: GOLDEN_TIME_ZONE, ...(g.host ? { hostContext: g.host } : {}) });
}

export function expectedCalls(g: GoldenCase): ToolCall[] | 'unanswerable' {
  return g.expect === 'unanswerable' ? 'unanswerable' : g.expect.map((e) => parseToolCall(e.name, e.input));
}

export function scoreCase(g: GoldenCase): CaseResult {
  const t = performance.now();
  const plan = planCase(g);
  const ms = performance.now() - t;
  const want = expectedCalls(g);
  const hit = want === 'unanswerable' ? 'unanswerable' in plan : 'calls' in plan && isDeepStrictEqual(plan.calls, want);
  return { case: g, plan, hit, languageHit: plan.language === g.lang, ms };
}

export function scoreGolden(cases: readonly GoldenCase[] = GOLDEN) {
  const results = cases.map(scoreCase);
  const hits = results.filter((r) => r.hit).length;
  return { results, hits, total: results.length, accuracy: hits / results.length, misses: results.filter((r) => !r.hit) };
}

/** One line per miss: the question, what was expected, what was planned. */
export function describeMiss(r: CaseResult): string {
  const got = 'calls' in r.plan ? JSON.stringify(r.plan.calls) : 'unanswerable';
  const want = r.case.expect === 'unanswerable' ? 'unanswerable' : JSON.stringify(expectedCalls(r.case));
  return `${r.case.q}${r.case.today ? ` [today ${r.case.today}]` : ''}${r.case.host ? ` [host ${JSON.stringify(r.case.host)}]` : ''}\n    expected ${want}\n    planned  ${got}`;
}
