// Deterministic push-statistics generator of the indigitall API simulator.
// Pure functions only (no I/O, no clock, no Math.random): every number is derived from a seeded hash of
// `${seed}|${projectId}|${date}|${platform}|${metric}`, so tests anywhere can recompute what the
// simulator serves (memoised per day in bounded LRUs, see memo.ts). All rates and shapes are "model"
// (see shared/indigitall-api.md) and live in PUSH_MODEL (model.ts), the one place to change them. The
// other channels live in channels.ts and chat.ts; late corrections (opt-in) in corrections.ts.

import { datesBetween } from '../../lib/dates.js';
import { daysBetween, isIsoDay, todayIn, weekday } from './days.js';
import { enabledPlatforms, type PlatformGroup, type SimProject } from './catalog.js';
import { correctionsAt, correctRow, correctRowBy, type GenOptions } from './corrections.js';
import { frozenRows, lru, memo, projectKey } from './memo.js';
import { LATE_CORRECTIONS, PUSH_MODEL } from './model.js';
import { apportion, at, clamp, jitter, ofCount, stream } from './random.js';


export interface PushDailyRow {
  platformGroup: PlatformGroup;
  statsDate: string;
  numDevicesSent: number;
  numDevicesSuccess: number;
  numDevicesReceived: number;
  numDevicesClicked: number;
}

export interface PushHourlyRow extends PushDailyRow {
  /** Local hour 0..23 in the project's time zone (model). */
  statsHour: number;
}

export type Periodicity = 'daily' | 'hourly';

export { PUSH_MODEL } from './model.js';
export { apportion, stream } from './random.js';

// ---------------------------------------------------------------------------------------------
// Push statistics.

/** Total push devices sent on `date`, all platforms, before the platform split (a float). */
function dailyVolume(project: SimProject, date: string): number {
  const m = PUSH_MODEL;
  const age = daysBetween(project.createdAt, date) - 1; // whole days since createdAt
  const ramp = Math.min(1, m.rampUpStart + ((1 - m.rampUpStart) * age) / m.rampUpDays);
  const years = (daysBetween(m.trendAnchor, date) - 1) / 365.25;
  const trend = Math.pow(1 + project.yearlyGrowth, years);
  const r = stream(project.id, date, 'all', 'volume');
  const noise = jitter(r, m.dailyNoise);
  const burst = r() < m.burstProbability ? m.burstFactor[0] + (m.burstFactor[1] - m.burstFactor[0]) * r() : 1;
  return project.dailyAudience * ramp * trend * at(m.weekdayFactor, weekday(date)) * noise * burst;
}

/** numDevicesSent of one platform on `date`, given the day's total volume and the platforms' share sum. */
function platformSent(project: SimProject, date: string, platformGroup: PlatformGroup, total: number, shareSum: number): number {
  return Math.max(0, Math.round(
    ((total * project.platformShare[platformGroup]) / shareSum) * jitter(stream(project.id, date, platformGroup, 'sent'), PUSH_MODEL.platformNoise),
  ));
}

/** Σ numDevicesSent of pushDaily(project, date) without the other metrics (account totals add up years of it). */
export function pushSentTotal(project: SimProject, date: string): number {
  if (!isIsoDay(date) || date < project.createdAt) return 0;
  const platforms = enabledPlatforms(project);
  const shareSum = platforms.reduce((s, p) => s + project.platformShare[p], 0);
  if (shareSum <= 0) return 0;
  const total = dailyVolume(project, date);
  return platforms.reduce((a, p) => a + platformSent(project, date, p, total, shareSum), 0);
}

const dailyCache = lru<readonly PushDailyRow[]>('pushDaily', 100_000, (rows) => rows.length);
const hourlyCache = lru<readonly PushHourlyRow[]>('pushHourly', 150_000, (rows) => rows.length);

/** pushDaily's rows, memoised and frozen (shared: callers must not change them). */
export function pushDailyRows(project: SimProject, date: string): readonly PushDailyRow[] {
  return memo(dailyCache, `${projectKey(project)}|${date}`, () => frozenRows(generatePushDaily(project, date)));
}

/** One row per enabled platform group (android, ios, web order); [] before createdAt or for a bad date. */
export function pushDaily(project: SimProject, date: string): PushDailyRow[] {
  return pushDailyRows(project, date).slice();
}

function generatePushDaily(project: SimProject, date: string): PushDailyRow[] {
  if (!isIsoDay(date) || date < project.createdAt) return [];
  const m = PUSH_MODEL;
  const platforms = enabledPlatforms(project);
  const shareSum = platforms.reduce((s, p) => s + project.platformShare[p], 0);
  if (shareSum <= 0) return [];
  const total = dailyVolume(project, date);
  const wd = weekday(date);
  return platforms.map((platformGroup) => {
    const r = (metric: string) => stream(project.id, date, platformGroup, metric);
    const sent = platformSent(project, date, platformGroup, total, shareSum);
    const successRate = clamp(m.successRate.base[platformGroup] * jitter(r('success'), m.successRate.noise), m.successRate.range);
    const success = ofCount(sent, successRate, m.successRate.range);
    const receivedRate = clamp(m.receivedRate.base[platformGroup] * jitter(r('received'), m.receivedRate.noise), m.receivedRate.range);
    const received = ofCount(success, receivedRate, m.receivedRate.range);
    const ctr = clamp(
      project.ctr * m.ctr.platformFactor[platformGroup] * at(m.ctr.weekdayFactor, wd) * jitter(r('clicked'), m.ctr.noise),
      m.ctr.range,
    );
    const clicked = Math.min(received, ofCount(sent, ctr, m.ctr.range));
    return {
      platformGroup,
      statsDate: date,
      numDevicesSent: sent,
      numDevicesSuccess: success,
      numDevicesReceived: received,
      numDevicesClicked: clicked,
    };
  });
}

const HOURS = [...Array(24).keys()];

/**
 * 24 rows per enabled platform, ordered by statsHour then platformGroup. For every platform and metric
 * the hourly values sum exactly to pushDaily's value, and each hour keeps sent ≥ success ≥ received ≥ clicked.
 */
export function pushHourly(project: SimProject, date: string): PushHourlyRow[] {
  return pushHourlyBy(project, date, 1000).slice();
}

/** Splits a day's daily rows (final or late-corrected) into its 24 local hours (see pushHourly). */
export function hourlyFromDaily(project: SimProject, daily: readonly PushDailyRow[]): PushHourlyRow[] {
  const m = PUSH_MODEL;
  const perPlatform = daily.map((d) => {
    const date = d.statsDate;
    const r = stream(project.id, date, d.platformGroup, 'hour');
    const weights = HOURS.map((h) => Math.round(at(m.hourProfile, h) * jitter(r, m.hourJitter) * 1000));
    const sent = apportion(d.numDevicesSent, weights);
    const success = apportion(d.numDevicesSuccess, sent, sent);
    const received = apportion(d.numDevicesReceived, success, success);
    const clickWeights = HOURS.map((h) => at(received, h) * Math.round(at(m.hourCtrFactor, h) * 1000));
    const clicked = apportion(d.numDevicesClicked, clickWeights, received);
    return HOURS.map((h): PushHourlyRow => ({
      platformGroup: d.platformGroup,
      statsDate: date,
      statsHour: h,
      numDevicesSent: at(sent, h),
      numDevicesSuccess: at(success, h),
      numDevicesReceived: at(received, h),
      numDevicesClicked: at(clicked, h),
    }));
  });
  return HOURS.flatMap((h) => perPlatform.map((rows) => rows[h]!));
}

/** The daily rows of `date` as served at `now`: pushDaily, late-corrected when opts.lateCorrections. */
export function pushDailyAt(project: SimProject, date: string, now: Date, opts: GenOptions = {}): PushDailyRow[] {
  return pushDailyRows(project, date).map((r) => correctRow(project, r, LATE_CORRECTIONS.metrics.push, now, opts));
}

/** pushDaily corrected by the day's factor (per mille; 1000 = final figures): the cached rows themselves when final. */
export function pushDailyBy(project: SimProject, date: string, permille: number): readonly PushDailyRow[] {
  const rows = pushDailyRows(project, date);
  return permille === 1000 ? rows : rows.map((r) => correctRowBy(r, LATE_CORRECTIONS.metrics.push, permille));
}

/** hourlyFromDaily(pushDailyBy(…)), memoised per (project, date, factor) and frozen. */
export function pushHourlyBy(project: SimProject, date: string, permille: number): readonly PushHourlyRow[] {
  return memo(hourlyCache, `${projectKey(project)}|${date}|${permille}`, () =>
    frozenRows(hourlyFromDaily(project, pushDailyBy(project, date, permille))),
  );
}

/**
 * Exactly the rows GET /v1/application/{id}/dateStats serves for an already validated window:
 * dates from max(dateFrom, createdAt) to min(dateTo, the project's local today at `now`),
 * ordered by statsDate, [statsHour], platformGroup. Final figures unless opts.lateCorrections.
 */
export function dateStats(project: SimProject, dateFrom: string, dateTo: string, periodicity: 'daily', now: Date, opts?: GenOptions): PushDailyRow[];
export function dateStats(project: SimProject, dateFrom: string, dateTo: string, periodicity: 'hourly', now: Date, opts?: GenOptions): PushHourlyRow[];
export function dateStats(project: SimProject, dateFrom: string, dateTo: string, periodicity: Periodicity, now: Date, opts?: GenOptions): PushDailyRow[] | PushHourlyRow[];
export function dateStats(
  project: SimProject,
  dateFrom: string,
  dateTo: string,
  periodicity: Periodicity,
  now: Date,
  opts: GenOptions = {},
): PushDailyRow[] | PushHourlyRow[] {
  const out: (PushDailyRow | PushHourlyRow)[] = [];
  const factor = correctionsAt(project, now, opts);
  for (const d of servedDates(project, dateFrom, dateTo, now)) {
    const f = factor(d);
    for (const r of periodicity === 'hourly' ? pushHourlyBy(project, d, f) : pushDailyBy(project, d, f)) out.push(r);
  }
  return out as PushDailyRow[] | PushHourlyRow[];
}

/** The dates a window serves: max(dateFrom, createdAt) .. min(dateTo, the project's local today at `now`). */
export function servedDates(project: SimProject, dateFrom: string, dateTo: string, now: Date): string[] {
  const today = todayIn(project.timeZone, now);
  const from = dateFrom > project.createdAt ? dateFrom : project.createdAt;
  const to = dateTo < today ? dateTo : today;
  return datesBetween(from, to);
}
