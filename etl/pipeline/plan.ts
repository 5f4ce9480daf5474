/**
 * Pure planning rules of the pipeline: how a requested date range becomes windows, how the watermark
 * moves, and which range a scheduled sync covers. No I/O here, so each rule is unit-tested alone.
 */
import { addDays, splitWindows } from '../../lib/dates.js';
import type { EndpointSpec, GroupSpec, Tier, Window } from './types.js';

/**
 * Days of one group window: the group's `windowDays`, or the longest request any dated endpoint of
 * the group allows if longer, an endpoint with a daily horizon counting as one day (its grain there).
 * Past the horizon such a group's windows are calendar months instead (planWindows).
 */
export function groupWindowDays(spec: GroupSpec): number | null {
  const limits = spec.endpoints.map((e) => (e.dailyDays !== undefined ? 1 : e.maxWindowDays)).filter((d): d is number => d !== null);
  if (!limits.length) return null;
  return Math.max(spec.windowDays ?? 0, ...limits);
}

/** True when at least one endpoint takes dates (the group has statistics by day). */
export function isDated(spec: GroupSpec): boolean {
  return groupWindowDays(spec) !== null;
}

/**
 * Days of daily history of the endpoints that answer only window totals (`EndpointSpec.dailyDays`):
 * the default period (30 days) and the one before it that the product compares it with, plus slack.
 * Past it such an endpoint is asked per calendar month (docs/adr/029).
 */
export const DAILY_HORIZON_DAYS = 62;

/**
 * The first day of a range's daily horizon: the last `dailyDays` days up to the range's end (the local
 * today of a sync or backfill) are asked day by day; days before it (if the range has any) per
 * calendar month. Undefined when no endpoint of the group has a daily horizon.
 */
export function dailyFrom(spec: GroupSpec, range: Window): string | undefined {
  const days = spec.endpoints.map((e) => e.dailyDays).filter((d): d is number => d !== undefined);
  if (!days.length) return undefined;
  return addDays(range.to, -(Math.max(...days) - 1));
}

/** [from, to] as calendar months clipped to the range, oldest first ([] when from > to). */
export function monthWindows(from: string, to: string): Window[] {
  const out: Window[] = [];
  for (let start = from; start <= to; ) {
    const [y, m] = start.split('-').map(Number) as [number, number];
    const monthEnd = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10); // day 0 of the next month
    const end = monthEnd < to ? monthEnd : to;
    out.push({ from: start, to: end });
    start = addDays(end, 1);
  }
  return out;
}

/**
 * The group windows of a range, oldest first. A group none of whose endpoints takes dates (a
 * snapshot such as a campaign list) is fetched once, for the whole range. A group with a daily
 * horizon (dailyFrom) has one window per calendar month before it, so that its coarse requests are
 * whole months, then windows of its usual length from the horizon on.
 */
export function planWindows(spec: GroupSpec, range: Window): Window[] {
  if (range.from > range.to) return [];
  const days = groupWindowDays(spec);
  if (days === null) return [{ ...range }];
  const cut = dailyFrom(spec, range);
  if (cut === undefined || cut <= range.from) return splitWindows(range.from, range.to, days);
  return [...monthWindows(range.from, addDays(cut, -1)), ...splitWindows(cut, range.to, days)];
}

/**
 * Why a GroupSpec cannot be run (its endpoints break a rule of the contract), or undefined. Checked by
 * the runner before it starts, and for every registered group by the tests.
 */
export function groupSpecProblem(spec: GroupSpec): string | undefined {
  if (spec.windowDays !== undefined && (!Number.isInteger(spec.windowDays) || spec.windowDays < 1)) {
    return `group ${spec.group}: windowDays must be a positive whole number`;
  }
  const names = new Set<string>();
  for (const [i, e] of spec.endpoints.entries()) {
    const at = `group ${spec.group}, endpoint ${e.name}`;
    if (!e.name || e.name.includes(':')) return `${at}: an endpoint name must be non-empty and have no ':' (fan-out payloads land as <name>:<key>)`;
    if (names.has(e.name)) return `${at}: the name is used twice`;
    names.add(e.name);
    if (e.dailyDays !== undefined && (!Number.isInteger(e.dailyDays) || e.dailyDays < 1 || e.maxWindowDays === null || e.maxWindowDays < 31)) {
      return `${at}: dailyDays needs a positive whole number and a window limit of at least a month (31 days)`;
    }
    const keyed = e.path.includes('{key}');
    if (!e.fanOut) {
      if (keyed) return `${at}: {key} in the path needs fanOut`;
      continue;
    }
    if (!keyed) return `${at}: a fan-out path must contain {key}`;
    if (!e.fanOut.param) return `${at}: fanOut.param is empty`;
    const from = spec.endpoints.slice(0, i).find((x) => x.name === e.fanOut!.from);
    if (!from) return `${at}: fanOut.from "${e.fanOut.from}" is not an endpoint listed before it in the group`;
    if (from.fanOut) return `${at}: fanOut.from "${from.name}" fans out itself`;
    if (e.dailyDays !== undefined && from.maxWindowDays !== null) {
      return `${at}: a fan-out with a daily horizon needs an undated fanOut.from ("${from.name}" takes dates)`;
    }
    if (from.maxWindowDays !== null && (e.maxWindowDays === null || from.maxWindowDays % e.maxWindowDays !== 0)) {
      return `${at}: the request windows of "${from.name}" (${from.maxWindowDays} days) do not cover this endpoint's (${e.maxWindowDays ?? 'undated'})`;
    }
  }
  return undefined;
}

/**
 * The requests of one endpoint inside a group window (split to the endpoint's own limit). An endpoint
 * with a daily horizon is asked one day at a time from `horizon` (dailyFrom of the run's range) on,
 * and once per calendar month before it (a month is within its limit: groupSpecProblem).
 */
export function endpointWindows(endpoint: EndpointSpec, window: Window, horizon?: string): Window[] {
  if (endpoint.maxWindowDays === null) return [{ ...window }];
  if (endpoint.dailyDays === undefined) return splitWindows(window.from, window.to, endpoint.maxWindowDays);
  const cut = horizon ?? window.from;
  const before = window.from < cut ? monthWindows(window.from, window.to < cut ? window.to : addDays(cut, -1)) : [];
  const after = window.to >= cut ? splitWindows(window.from > cut ? window.from : cut, window.to, 1) : [];
  return [...before, ...after];
}

/**
 * The watermark after window `index` of a run over `windows` succeeded while every window before it
 * in the run succeeded too: the end of that window (the contiguous run of succeeded windows from the
 * start of the requested range ends there). After the last window it never moves back, so a re-sync
 * of past days that succeeds leaves a later watermark where it was.
 */
export function watermarkAfterSuccess(old: string | null, windows: readonly Window[], index: number): string {
  const end = windows[index]!.to;
  if (index < windows.length - 1) return end;
  return old !== null && old > end ? old : end;
}

/**
 * The watermark after the FIRST window of a run failed. A range that starts at (or after) the
 * watermark leaves it where it is: the days under it are still loaded. A range that starts under it
 * (a re-sync, a backfill of older days) failed to re-confirm days the watermark covers, so it moves
 * back to the day before the range and the next sync retries from there. Unset stays unset.
 */
export function watermarkAfterFirstFailure(old: string | null, range: Window): string | null {
  if (old === null || range.from >= old) return old;
  return addDays(range.from, -1);
}

/** How often each tier runs, in minutes. */
export const TIER_MINUTES: Readonly<Record<Tier, number>> = { '15min': 15, hourly: 60, '6h': 360, daily: 1440 };

/** Days a daily re-sync goes back for late corrections (today included). */
export const RESYNC_DAYS = 7;

/**
 * The range a scheduled sync covers: from the watermark (its own day again, since the day of the
 * last sync may have been partial) or, for a group never loaded, the backfill start, to the local
 * today. A re-sync reaches back at least RESYNC_DAYS days.
 */
export function syncRange(opts: { watermark: string | null; today: string; backfillDays: number; resync?: boolean }): Window {
  const { watermark, today } = opts;
  let from = watermark ?? addDays(today, -(opts.backfillDays - 1));
  if (from > today) from = today;
  if (opts.resync) {
    const back = addDays(today, -(RESYNC_DAYS - 1));
    if (back < from) from = back;
  }
  return { from, to: today };
}

/** A backfill: the last `days` local days up to today. */
export function backfillRange(today: string, days: number): Window {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer, got ${days}`);
  return { from: addDays(today, -(days - 1)), to: today };
}
