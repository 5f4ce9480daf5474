/**
 * Generated ranges through the window planning (docs/adr/029): every day of a range is requested
 * exactly once per endpoint, no request exceeds its endpoint's limit, and an endpoint that answers
 * only window totals is asked day by day within its daily horizon and per calendar month before it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addDays, datesBetween, daysBetween } from '../../lib/dates.js';
import { GROUPS } from '../groups/index.js';
import { DAILY_HORIZON_DAYS, dailyFrom, endpointWindows, groupSpecProblem, groupWindowDays, monthWindows, planWindows } from './plan.js';
import type { EndpointSpec, GroupSpec, Window } from './types.js';

const endpoint = (name: string, maxWindowDays: number | null, dailyDays?: number): EndpointSpec => ({
  name,
  path: `/x/${name}`,
  query: () => ({}),
  maxWindowDays,
  paging: { kind: 'none' },
  auth: 'serverKey',
  schema: z.unknown(),
  stagingModel: `${name}.sql`,
  ...(dailyDays === undefined ? {} : { dailyDays }),
});
const group = (...endpoints: EndpointSpec[]): GroupSpec => ({ group: 'journeys', tier: '6h', endpoints, martModels: [], dataTests: [] });

const DAY0 = '2023-01-01';
/** Ranges of 1..800 days starting anywhere in 2023..2027 (leap years and every month boundary). */
const ranges = fc
  .tuple(fc.integer({ min: 0, max: 5 * 365 }), fc.integer({ min: 1, max: 800 }))
  .map(([start, len]): Window => ({ from: addDays(DAY0, start), to: addDays(DAY0, start + len - 1) }));

const monthOf = (d: string) => d.slice(0, 7);
const lastOfMonth = (d: string) => monthOf(addDays(d, 1)) !== monthOf(d);

/** Every request of `e` over the planned group windows of `g` for `range`. */
function requests(g: GroupSpec, e: EndpointSpec, range: Window): Window[] {
  const horizon = dailyFrom(g, range);
  return planWindows(g, range).flatMap((w) => endpointWindows(e, w, horizon));
}

describe('window planning with a daily horizon (generated ranges)', () => {
  it('covers every day exactly once, oldest first, per group window and per endpoint; no request over its limit', () => {
    fc.assert(
      fc.property(ranges, fc.integer({ min: 1, max: 120 }), fc.constantFrom(31, 60, 90), fc.constantFrom(1, 7, 90), (range, dailyDays, coarseMax, otherMax) => {
        const g = group(endpoint('totals', coarseMax, dailyDays), endpoint('rows', otherMax), endpoint('list', null));
        expect(groupSpecProblem(g)).toBeUndefined();
        const all = datesBetween(range.from, range.to);
        const windows = planWindows(g, range);
        expect(windows.flatMap((w) => datesBetween(w.from, w.to))).toEqual(all);
        // From the horizon on, windows of the group's usual length (the totals-only endpoint counting
        // as one day); before it, one calendar month each.
        const cut = dailyFrom(g, range)!;
        expect(groupWindowDays(g)).toBe(Math.max(1, otherMax));
        for (const w of windows) {
          if (w.from >= cut) expect(daysBetween(w.from, w.to)).toBeLessThanOrEqual(groupWindowDays(g)!);
          else expect([w.to < cut, monthOf(w.from) === monthOf(w.to)]).toEqual([true, true]);
        }
        for (const e of g.endpoints.slice(0, 2)) {
          const reqs = requests(g, e, range);
          expect(reqs.flatMap((w) => datesBetween(w.from, w.to))).toEqual(all);
          for (const w of reqs) expect(daysBetween(w.from, w.to)).toBeLessThanOrEqual(e.maxWindowDays!);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('asks a totals-only endpoint one day at a time in the horizon, and per whole calendar month before it', () => {
    fc.assert(
      fc.property(ranges, fc.integer({ min: 1, max: 120 }), (range, dailyDays) => {
        const g = group(endpoint('totals', 90, dailyDays));
        const cut = addDays(range.to, -(dailyDays - 1));
        expect(dailyFrom(g, range)).toBe(cut);
        const reqs = requests(g, g.endpoints[0]!, range);
        // No group window straddles the horizon (one transaction never mixes the two grains).
        for (const w of planWindows(g, range)) expect(w.from < cut && w.to >= cut).toBe(false);
        for (const [i, w] of reqs.entries()) {
          if (w.from >= cut) {
            expect(w.to).toBe(w.from);
            continue;
          }
          // A coarse bucket: one calendar month, cut only by the range's start and the horizon.
          expect(w.to < cut).toBe(true);
          expect(monthOf(w.from)).toBe(monthOf(w.to));
          expect(w.from.endsWith('-01') || w.from === range.from).toBe(true);
          expect(lastOfMonth(w.to) || w.to === addDays(cut, -1)).toBe(true);
          if (i > 0) expect(reqs[i - 1]!.to).toBe(addDays(w.from, -1));
        }
        const daily = reqs.filter((w) => w.from >= cut).length;
        expect(daily).toBe(Math.min(dailyDays, daysBetween(range.from, range.to)));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves a group without a horizon as before: windows of its longest endpoint', () => {
    fc.assert(
      fc.property(ranges, (range) => {
        const g = group(endpoint('a', 90), endpoint('b', 7));
        expect(dailyFrom(g, range)).toBeUndefined();
        const windows = planWindows(g, range);
        expect(windows.slice(0, -1).every((w) => daysBetween(w.from, w.to) === 90)).toBe(true);
      }),
    );
  });

  it("a group's windowDays makes its windows longer than its endpoints' limits, never a request", () => {
    fc.assert(
      fc.property(ranges, fc.integer({ min: 1, max: 120 }), fc.constantFrom(1, 7, 31), (range, windowDays, max) => {
        const g: GroupSpec = { ...group(endpoint('short', max)), windowDays };
        expect(groupSpecProblem(g)).toBeUndefined();
        const windows = planWindows(g, range);
        expect(windows.slice(0, -1).every((w) => daysBetween(w.from, w.to) === Math.max(windowDays, max))).toBe(true);
        const reqs = requests(g, g.endpoints[0]!, range);
        expect(reqs.flatMap((w) => datesBetween(w.from, w.to))).toEqual(datesBetween(range.from, range.to));
        for (const w of reqs) expect(daysBetween(w.from, w.to)).toBeLessThanOrEqual(max);
      }),
      { numRuns: 200 },
    );
    expect(groupSpecProblem({ ...group(endpoint('a', 7)), windowDays: 0 })).toMatch(/windowDays/);
  });

  it('months of a span: whole calendar months clipped to it', () => {
    expect(monthWindows('2024-01-15', '2024-03-10')).toEqual([
      { from: '2024-01-15', to: '2024-01-31' },
      { from: '2024-02-01', to: '2024-02-29' },
      { from: '2024-03-01', to: '2024-03-10' },
    ]);
    expect(monthWindows('2024-03-11', '2024-03-10')).toEqual([]);
  });

  it('refuses a daily horizon without a month-long window, or under a dated fan-out source', () => {
    expect(groupSpecProblem(group(endpoint('t', 7, 30)))).toMatch(/at least a month/);
    expect(groupSpecProblem(group(endpoint('t', 90, 0)))).toMatch(/positive whole number/);
    const fan = { ...endpoint('stats', 90, 30), path: '/x/{key}/stats', fanOut: { from: 'list', param: 'id', keys: () => [] } };
    expect(groupSpecProblem(group(endpoint('list', null), fan))).toBeUndefined();
    expect(groupSpecProblem(group(endpoint('list', 90), fan))).toMatch(/undated fanOut.from/);
  });
});

describe('the registered groups (a year of backfill)', () => {
  it('request each day once per endpoint within its limit; journeys and chat statistics go coarse past the horizon', () => {
    const range = { from: '2025-11-19', to: '2026-11-18' };
    const all = datesBetween(range.from, range.to);
    for (const g of GROUPS) {
      expect(groupSpecProblem(g), g.group).toBeUndefined();
      for (const e of g.endpoints.filter((x) => x.maxWindowDays !== null)) {
        const reqs = requests(g, e, range);
        expect(reqs.flatMap((w) => datesBetween(w.from, w.to)), `${g.group} ${e.name}`).toEqual(all);
        for (const w of reqs) expect(daysBetween(w.from, w.to), `${g.group} ${e.name}`).toBeLessThanOrEqual(e.maxWindowDays!);
      }
    }
    const coarse = GROUPS.flatMap((g) => g.endpoints.filter((e) => e.dailyDays !== undefined).map((e) => e.name)).sort();
    expect(coarse).toEqual(['chat.stats', 'journey.stats']);
    const journeys = GROUPS.find((g) => g.group === 'journeys')!;
    // 62 days, then the 11 (partly clipped) months before them: 73 requests per journey instead of 365.
    expect(requests(journeys, journeys.endpoints[1]!, range)).toHaveLength(DAILY_HORIZON_DAYS + 11);
  });
});
