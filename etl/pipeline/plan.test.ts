/** Unit tests of the pipeline's planning rules: windows, watermark moves, scheduled ranges. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { datesBetween } from '../../lib/dates.js';
import { push } from '../groups/push.js';
import {
  backfillRange,
  endpointWindows,
  groupSpecProblem,
  groupWindowDays,
  isDated,
  planWindows,
  syncRange,
  watermarkAfterFirstFailure,
  watermarkAfterSuccess,
} from './plan.js';
import type { EndpointSpec, GroupSpec } from './types.js';

const endpoint = (name: string, maxWindowDays: number | null): EndpointSpec => ({
  name,
  path: `/x/${name}`,
  query: () => ({}),
  maxWindowDays,
  paging: { kind: 'none' },
  auth: 'serverKey',
  schema: z.unknown(),
  stagingModel: `${name}.sql`,
});
const group = (...endpoints: EndpointSpec[]): GroupSpec => ({ group: 'chat', tier: '15min', endpoints, martModels: [], dataTests: [] });

describe('windows', () => {
  it('a group window is as long as its longest dated endpoint allows; each endpoint splits it to its own limit', () => {
    const g = group(endpoint('stats', 90), endpoint('history', 7), endpoint('status', null));
    expect(groupWindowDays(g)).toBe(90);
    expect(isDated(g)).toBe(true);
    const [w] = planWindows(g, { from: '2026-01-01', to: '2026-01-20' });
    expect(w).toEqual({ from: '2026-01-01', to: '2026-01-20' });
    expect(endpointWindows(g.endpoints[1]!, w!)).toEqual([
      { from: '2026-01-01', to: '2026-01-07' },
      { from: '2026-01-08', to: '2026-01-14' },
      { from: '2026-01-15', to: '2026-01-20' },
    ]);
    expect(endpointWindows(g.endpoints[2]!, w!)).toEqual([w]);
    expect(groupWindowDays(push)).toBe(90);
  });

  it('covers a range exactly once, oldest first; a group without dated endpoints is fetched once', () => {
    const windows = planWindows(push, { from: '2024-11-22', to: '2026-11-21' });
    expect(windows).toHaveLength(9);
    expect(windows.flatMap((w) => datesBetween(w.from, w.to))).toEqual(datesBetween('2024-11-22', '2026-11-21'));
    const snapshot = group(endpoint('list', null));
    expect(isDated(snapshot)).toBe(false);
    expect(planWindows(snapshot, { from: '2026-01-01', to: '2026-03-01' })).toEqual([{ from: '2026-01-01', to: '2026-03-01' }]);
    expect(planWindows(push, { from: '2026-03-02', to: '2026-03-01' })).toEqual([]);
  });
});

describe('the watermark', () => {
  const windows = [
    { from: '2026-01-01', to: '2026-03-31' },
    { from: '2026-04-01', to: '2026-06-29' },
    { from: '2026-06-30', to: '2026-07-10' },
  ];

  it('follows the end of the contiguous succeeded windows, and after the last never moves back', () => {
    expect(watermarkAfterSuccess(null, windows, 0)).toBe('2026-03-31');
    expect(watermarkAfterSuccess('2026-07-10', windows, 1)).toBe('2026-06-29'); // mid-run: only what this run re-confirmed
    expect(watermarkAfterSuccess(null, windows, 2)).toBe('2026-07-10');
    expect(watermarkAfterSuccess('2026-05-01', windows, 2)).toBe('2026-07-10');
    expect(watermarkAfterSuccess('2026-08-01', windows, 2)).toBe('2026-08-01'); // a re-sync of past days
  });

  it('a failed first window holds it, or moves it back before a range that started under it; never invents one', () => {
    const range = { from: '2026-04-01', to: '2026-07-10' };
    expect(watermarkAfterFirstFailure(null, range)).toBeNull();
    expect(watermarkAfterFirstFailure('2026-07-10', range)).toBe('2026-03-31'); // moved back: the failed window is retried
    expect(watermarkAfterFirstFailure('2026-03-31', range)).toBe('2026-03-31');
    expect(watermarkAfterFirstFailure('2026-04-01', range)).toBe('2026-04-01'); // a sync from the watermark: held, not moved
    expect(watermarkAfterFirstFailure('2026-04-02', range)).toBe('2026-03-31');
    expect(watermarkAfterFirstFailure('2026-02-01', range)).toBe('2026-02-01'); // a gap before the range: unchanged
  });
});

describe('scheduled ranges', () => {
  it('run from the watermark (its day again) to today, or from the backfill start when nothing was loaded', () => {
    expect(syncRange({ watermark: '2026-11-18', today: '2026-11-21', backfillDays: 120 })).toEqual({ from: '2026-11-18', to: '2026-11-21' });
    expect(syncRange({ watermark: null, today: '2026-11-21', backfillDays: 3 })).toEqual({ from: '2026-11-19', to: '2026-11-21' });
    // A watermark ahead of the local today (a time-zone change) still syncs today.
    expect(syncRange({ watermark: '2026-11-22', today: '2026-11-21', backfillDays: 3 })).toEqual({ from: '2026-11-21', to: '2026-11-21' });
  });

  it('a re-sync reaches back seven days, or further when the watermark is older', () => {
    expect(syncRange({ watermark: '2026-11-21', today: '2026-11-21', backfillDays: 120, resync: true })).toEqual({ from: '2026-11-15', to: '2026-11-21' });
    expect(syncRange({ watermark: '2026-11-01', today: '2026-11-21', backfillDays: 120, resync: true })).toEqual({ from: '2026-11-01', to: '2026-11-21' });
  });

  it('a backfill is the last N local days', () => {
    expect(backfillRange('2026-03-01', 1)).toEqual({ from: '2026-03-01', to: '2026-03-01' });
    expect(backfillRange('2024-03-01', 2)).toEqual({ from: '2024-02-29', to: '2024-03-01' });
    for (const bad of [0, -1, 2.5]) expect(() => backfillRange('2026-03-01', bad)).toThrow(RangeError);
  });
});

describe('group specs', () => {
  const fan = (name: string, from: string, maxWindowDays: number | null, path = `/x/{key}/${name}`): EndpointSpec => ({
    ...endpoint(name, maxWindowDays),
    path,
    fanOut: { from, param: 'thingId', keys: () => [] },
  });

  it('a fan-out reads keys from an earlier endpoint of the group whose request windows cover its own', () => {
    expect(groupSpecProblem(group(endpoint('list', null), fan('stats', 'list', 1)))).toBeUndefined();
    expect(groupSpecProblem(group(endpoint('list', 7), fan('stats', 'list', 1)))).toBeUndefined();
    expect(groupSpecProblem(group(endpoint('list', 7), fan('stats', 'list', 7)))).toBeUndefined();
    expect(groupSpecProblem(group(fan('stats', 'list', 1), endpoint('list', null)))).toMatch(/fanOut.from "list" is not an endpoint listed before it/);
    expect(groupSpecProblem(group(endpoint('list', null), fan('stats', 'lists', 1)))).toMatch(/fanOut.from "lists" is not an endpoint listed before it/);
    expect(groupSpecProblem(group(endpoint('list', null), fan('a', 'list', 1), fan('b', 'a', 1)))).toMatch(/fanOut.from "a" fans out itself/);
    // 7-day list windows do not line up with 3-day request windows (days 7..9 straddle two lists).
    expect(groupSpecProblem(group(endpoint('list', 7), fan('stats', 'list', 3)))).toMatch(/do not cover this endpoint's \(3\)/);
    expect(groupSpecProblem(group(endpoint('list', 7), fan('stats', 'list', null)))).toMatch(/do not cover this endpoint's \(undated\)/);
  });

  it('{key} only in (and always in) a fan-out path; names are unique and have no colon', () => {
    expect(groupSpecProblem(group(endpoint('list', null), fan('stats', 'list', 1, '/x/stats')))).toMatch(/a fan-out path must contain \{key\}/);
    expect(groupSpecProblem(group({ ...endpoint('list', null), path: '/x/{key}' }))).toMatch(/\{key\} in the path needs fanOut/);
    expect(groupSpecProblem(group(endpoint('a', 1), endpoint('a', 7)))).toMatch(/the name is used twice/);
    expect(groupSpecProblem(group(endpoint('a:b', 1)))).toMatch(/no ':'/);
    expect(groupSpecProblem(push)).toBeUndefined();
  });
});
