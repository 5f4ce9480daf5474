/**
 * What the load generators send: the same request every time (a warm response cache), or request i
 * with its own from/to (`vary`: pairs that do not repeat within VARIED_PAIRS requests, so every one
 * misses the cache; a run that follows others on the same server starts at `offset`, past the
 * requests they sent, or its requests would be the earlier runs' again and hit the cache). A REST target puts from/to in the query string; a GraphQL target (`graphql`) POSTs its
 * query with from/to as variables.
 */
import { addDays } from '../lib/dates.js';

export interface Target {
  url: string;
  token?: string;
  vary?: { base: string; offset?: number };
  graphql?: { query: string; variables: Record<string, unknown> };
}

export interface PreparedRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const START_DAYS = 700;
const LENGTHS = 120;
/** Distinct periods of variedRange: request n and n + VARIED_PAIRS ask for the same one. */
export const VARIED_PAIRS = START_DAYS * LENGTHS;

/** Request n's period: 700 start days × 120 lengths (2 to 121 days). */
export function variedRange(base: string, n: number): { from: string; to: string } {
  const from = addDays(base, n % START_DAYS);
  return { from, to: addDays(from, 1 + (Math.floor(n / START_DAYS) % LENGTHS)) };
}

/** Builds request i of a target (path relative to the target's origin). */
export function requester(target: Target): (i: number) => PreparedRequest {
  const url = new URL(target.url);
  const auth: Record<string, string> = target.token ? { authorization: `Bearer ${target.token}` } : {};
  if (target.graphql) {
    const { query, variables } = target.graphql;
    const headers = { ...auth, 'content-type': 'application/json' };
    const fixed = JSON.stringify({ query, variables });
    return (i) => ({
      method: 'POST',
      path: url.pathname,
      headers,
      body: target.vary ? JSON.stringify({ query, variables: { ...variables, ...variedRange(target.vary.base, (target.vary.offset ?? 0) + i) } }) : fixed,
    });
  }
  const fixed = url.pathname + url.search;
  return (i) => {
    if (!target.vary) return { method: 'GET', path: fixed, headers: auth };
    const q = new URLSearchParams(url.search);
    const { from, to } = variedRange(target.vary.base, (target.vary.offset ?? 0) + i);
    q.set('from', from);
    q.set('to', to);
    return { method: 'GET', path: `${url.pathname}?${q}`, headers: auth };
  };
}
