/**
 * Pure planning rules of the pipeline: how a requested date range becomes windows, how the watermark
 * moves, and which range a scheduled sync covers. No I/O here, so each rule is unit-tested alone.
 */
import { addDays, splitWindows } from '../../lib/dates.js';
import type { EndpointSpec, GroupSpec, Tier, Window } from './types.js';

/** Days of one group window: the longest request any dated endpoint of the group allows. */
export function groupWindowDays(spec: GroupSpec): number | null {
  const limits = spec.endpoints.map((e) => e.maxWindowDays).filter((d): d is number => d !== null);
  return limits.length ? Math.max(...limits) : null;
}

/** True when at least one endpoint takes dates (the group has statistics by day). */
export function isDated(spec: GroupSpec): boolean {
  return groupWindowDays(spec) !== null;
}

/**
 * The group windows of a range, oldest first. A group none of whose endpoints takes dates (a
 * snapshot such as a campaign list) is fetched once, for the whole range.
 */
export function planWindows(spec: GroupSpec, range: Window): Window[] {
  if (range.from > range.to) return [];
  const days = groupWindowDays(spec);
  return days === null ? [{ ...range }] : splitWindows(range.from, range.to, days);
}

/**
 * Why a GroupSpec cannot be run (its endpoints break a rule of the contract), or undefined. Checked by
 * the runner before it starts, and for every registered group by the tests.
 */
export function groupSpecProblem(spec: GroupSpec): string | undefined {
  const names = new Set<string>();
  for (const [i, e] of spec.endpoints.entries()) {
    const at = `group ${spec.group}, endpoint ${e.name}`;
    if (!e.name || e.name.includes(':')) return `${at}: an endpoint name must be non-empty and have no ':' (fan-out payloads land as <name>:<key>)`;
    if (names.has(e.name)) return `${at}: the name is used twice`;
    names.add(e.name);
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
    if (from.maxWindowDays !== null && (e.maxWindowDays === null || from.maxWindowDays % e.maxWindowDays !== 0)) {
      return `${at}: the request windows of "${from.name}" (${from.maxWindowDays} days) do not cover this endpoint's (${e.maxWindowDays ?? 'undated'})`;
    }
  }
  return undefined;
}

/** The requests of one endpoint inside a group window (split to the endpoint's own limit). */
export function endpointWindows(endpoint: EndpointSpec, window: Window): Window[] {
  return endpoint.maxWindowDays === null ? [{ ...window }] : splitWindows(window.from, window.to, endpoint.maxWindowDays);
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
